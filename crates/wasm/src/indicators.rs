//! Streaming indicator classes and batch functions over Float64Arrays.

use tokenlens_core::indicators::catalog::{Columns, IndicatorSpec, compute_all_flat};
use tokenlens_core::indicators::many::{compute_many_into, compute_many_with};
use tokenlens_core::indicators::trend;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::arrays::{floats, optional_floats, typed};
use crate::error::to_js;

/// EMA over a whole series. The result is a new Float64Array as long as the
/// input, `NaN` during warm-up. Throws `TokenlensError` for a bad period or a
/// non-finite input value.
#[wasm_bindgen]
pub fn ema(
    #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] values: JsValue,
    period: f64,
) -> Result<Vec<f64>, JsValue> {
    let values = floats(&values, "values")?;
    trend::ema(&values, whole_number("period", period, 1e9)?).map_err(to_js)
}

/// A count given as a JS number (a period, a number of series or rows): a
/// whole number from 1 up to `max`. (wasm-bindgen would silently wrap `-1`
/// or truncate `2.5` if the parameter were `usize`.)
fn whole_number(name: &str, value: f64, max: f64) -> Result<usize, JsValue> {
    if value.fract() == 0.0 && (1.0..=max).contains(&value) {
        Ok(value as usize)
    } else {
        Err(crate::TokenlensError::with_code(
            "INVALID_PARAMETER",
            &format!("invalid parameter `{name}`: {value} (must be a whole number from 1)"),
        ))
    }
}

#[wasm_bindgen(typescript_custom_section)]
const TS_INDICATOR_SPECS: &str = include_str!("indicator_specs.d.ts");

#[wasm_bindgen(typescript_custom_section)]
const TS_BATCH_TYPES: &str = r#"
/** Price columns, all as long as `close`. */
export interface PriceColumns {
  open?: Float64Array;
  high?: Float64Array;
  low?: Float64Array;
  close: Float64Array;
  volume?: Float64Array;
}
"#;

/// Computes indicators over price columns in one call. Each output is a new
/// Float64Array (copied out of wasm memory, so it stays valid whatever the
/// module does next; the outputs of one call are views of one buffer), as
/// long as `close`, `NaN` during warm-up. Keys are
/// the output names: `rsi14`, `macd`, `macd_signal`, `macd_hist`, `bb_upper` …
///
/// Throws `TokenlensError`: `INVALID_PARAMETER` (unknown name, bad
/// parameter), `INVALID_INPUT` (non-finite value, misspelt option),
/// `LENGTH_MISMATCH`, `MISSING_COLUMN` (e.g. ATR without `high`).
#[wasm_bindgen(unchecked_return_type = "Record<string, Float64Array>")]
pub fn indicators(
    #[wasm_bindgen(unchecked_param_type = "PriceColumns")] columns: JsValue,
    #[wasm_bindgen(unchecked_param_type = "IndicatorSpec[]")] specs: JsValue,
) -> Result<js_sys::Object, JsValue> {
    let specs = read_specs(&specs)?;
    let column = |name: &str| read_column(&columns, name);
    let close = close_column(&columns)?;
    let (open, high, low, volume) = (
        column("open")?,
        column("high")?,
        column("low")?,
        column("volume")?,
    );
    let cols = Columns {
        open: open.as_deref(),
        high: high.as_deref(),
        low: low.as_deref(),
        close: &close,
        volume: volume.as_deref(),
    };
    let len = close.len();
    let flat = compute_all_flat(&specs, &cols).map_err(to_js)?;
    // One copy out of wasm memory; each output is a view of its part.
    let all = js_sys::Float64Array::from(flat.as_slice());
    let out = js_sys::Object::new();
    let mut i = 0;
    for spec in &specs {
        for name in output_names(spec) {
            let array = all.subarray((i * len) as u32, ((i + 1) * len) as u32);
            js_sys::Reflect::set(&out, &name, &array)?;
            i += 1;
        }
    }
    Ok(out)
}

thread_local! {
    /// Output names as JS strings, by spec: building and decoding them on
    /// every call costs as much as computing a short series.
    static NAMES: std::cell::RefCell<Vec<(IndicatorSpec, Vec<JsValue>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn output_names(spec: &IndicatorSpec) -> Vec<JsValue> {
    NAMES.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, names)) = cache.iter().find(|(s, _)| s == spec) {
            return names.clone();
        }
        let names: Vec<JsValue> = spec.output_names().into_iter().map(JsValue::from).collect();
        if cache.len() >= 64 {
            cache.clear();
        }
        cache.push((spec.clone(), names.clone()));
        names
    })
}

/// A fixed list of indicators, parsed once, computed over many series: the
/// fast path for batch work. `compute` returns every output in one
/// Float64Array, column after column, each as long as `close`, in the order of
/// `names` (the keys `indicators()` would give); take one with
/// `out.subarray(i * close.length, (i + 1) * close.length)`.
///
/// ```js
/// const pass = new IndicatorPass(['rsi14', 'macd', 'atr14']);
/// pass.names; // ['rsi14', 'macd', 'macd_signal', 'macd_hist', 'atr14']
/// const out = pass.compute(close, high, low); // Float64Arrays
/// const rsi = out.subarray(0, close.length);
/// pass.free();
/// ```
#[wasm_bindgen]
#[derive(Debug)]
pub struct IndicatorPass {
    specs: Vec<IndicatorSpec>,
    names: Vec<String>,
}

#[wasm_bindgen]
impl IndicatorPass {
    /// Throws `TokenlensError` for an unknown name or a bad parameter
    /// (`INVALID_PARAMETER`) or a misspelt option (`INVALID_INPUT`).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "IndicatorSpec[]")] specs: JsValue,
    ) -> Result<IndicatorPass, JsValue> {
        let specs = read_specs(&specs)?;
        let mut names = Vec::new();
        for spec in &specs {
            spec.validate().map_err(to_js)?;
            names.extend(spec.output_names());
        }
        Ok(IndicatorPass { specs, names })
    }

    /// The output names, in the order of the columns of `compute`'s result.
    #[wasm_bindgen(getter)]
    pub fn names(&self) -> Vec<String> {
        self.names.clone()
    }

    /// Computes every indicator over the price columns into one new
    /// Float64Array of `names.length × close.length` values, `NaN` during
    /// warm-up. The columns are typed arrays (copied into wasm memory once
    /// each); pass `undefined` for those the indicators do not read. Throws
    /// `TokenlensError` as `indicators()` does, including `MISSING_COLUMN`
    /// (here an indicator that lacks a column is not skipped).
    pub fn compute(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] close: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Float64Array | number[] | null")]
        high: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "Float64Array | number[] | null")]
        low: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "Float64Array | number[] | null")]
        open: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "Float64Array | number[] | null")]
        volume: Option<JsValue>,
    ) -> Result<Vec<f64>, JsValue> {
        let read = Read::new(&close, [&high, &low, &open, &volume])?;
        compute_all_flat(&self.specs, &read.columns()).map_err(to_js)
    }

    /// Computes every indicator over many series of one length in one call:
    /// each column holds the series one after the other (`close` of series 0,
    /// then of series 1 …), `seriesLength` rows each. Returns one new
    /// Float64Array of `series × names.length × seriesLength` values: series
    /// after series, each laid out as `compute` lays out one series, every
    /// value identical to what `compute` gives for that series alone.
    /// Throws `TokenlensError` as `compute` does, and `INVALID_PARAMETER` when
    /// `seriesLength` is not a whole number from 1 that divides the columns'
    /// length.
    ///
    /// ```js
    /// const out = pass.computeMany(closes, highs, lows, 365);
    /// const per = pass.names.length * 365;
    /// const second = out.subarray(per, 2 * per); // as pass.compute(...) of series 1
    /// ```
    #[wasm_bindgen(js_name = computeMany)]
    pub fn compute_many(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] close: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Float64Array | number[] | null | undefined")]
        high: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Float64Array | number[] | null | undefined")]
        low: JsValue,
        #[wasm_bindgen(js_name = seriesLength)] series_length: f64,
        #[wasm_bindgen(unchecked_optional_param_type = "Float64Array | number[] | null")]
        open: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "Float64Array | number[] | null")]
        volume: Option<JsValue>,
    ) -> Result<js_sys::Float64Array, JsValue> {
        let read = Read::new(&close, [&Some(high), &Some(low), &open, &volume])?;
        let len = self.names.len().saturating_mul(read.close.len());
        let out = js_sys::Float64Array::new_with_length(array_length(len)?);
        self.many_into(&read.columns(), series_length, &out)?;
        Ok(out)
    }

    /// `computeMany` into `out`, a Float64Array of exactly
    /// `names.length × close.length` values (reused from call to call, it
    /// spares allocating a new array each time). Throws `TokenlensError` as
    /// `computeMany` does, and `LENGTH_MISMATCH` for an `out` of another
    /// length; `out` is then left as it was.
    #[wasm_bindgen(js_name = computeManyInto)]
    #[allow(clippy::too_many_arguments)] // the JS signature: optional columns last
    pub fn compute_many_into(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Float64Array | number[]")] close: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Float64Array | number[] | null | undefined")]
        high: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Float64Array | number[] | null | undefined")]
        low: JsValue,
        #[wasm_bindgen(js_name = seriesLength)] series_length: f64,
        #[wasm_bindgen(unchecked_param_type = "Float64Array")] out: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Float64Array | number[] | null")]
        open: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "Float64Array | number[] | null")]
        volume: Option<JsValue>,
    ) -> Result<(), JsValue> {
        let out = typed(&out, "out")?;
        let read = Read::new(&close, [&Some(high), &Some(low), &open, &volume])?;
        let expected = self.names.len().saturating_mul(read.close.len());
        if out.length() as usize != expected {
            return Err(to_js(tokenlens_core::Error::LengthMismatch {
                field: "out",
                len: out.length() as usize,
                expected,
            }));
        }
        self.many_into(&read.columns(), series_length, &out)
    }

    /// Buffers in wasm memory for `series` series of `seriesLength` rows:
    /// the zero-copy form of `computeManyInto`. Fill the input views, call
    /// `compute()`, read `output`: no copy into or out of the module but
    /// what the caller does itself. Throws `TokenlensError`
    /// (`INVALID_PARAMETER`) when either count is not a whole number from 1
    /// or the buffers would not fit in wasm memory.
    ///
    /// ```js
    /// const ws = pass.workspace(2000, 365);
    /// ws.close.set(closes); ws.high.set(highs); ws.low.set(lows);
    /// ws.compute();
    /// const out = ws.output; // as computeMany(closes, highs, lows, 365) gives
    /// ```
    pub fn workspace(
        &self,
        series: f64,
        #[wasm_bindgen(js_name = seriesLength)] series_length: f64,
    ) -> Result<IndicatorWorkspace, JsValue> {
        let series = whole_number("series", series, 4e9)?;
        let series_len = whole_number("seriesLength", series_length, 4e9)?;
        let rows = series.checked_mul(series_len);
        let values = rows.and_then(|r| r.checked_mul(self.names.len()));
        let (Some(rows), Some(values)) = (rows, values) else {
            return Err(too_large(series, series_len));
        };
        // A wasm32 module holds at most 4 GiB, and one buffer under 2 GiB:
        // beyond 2 GiB in all, refuse before trying.
        if values.saturating_add(rows.saturating_mul(5)) >= (1 << 28) {
            return Err(too_large(series, series_len));
        }
        let read = columns_read(&self.specs);
        // Below that, the engine may still refuse the memory: an error too.
        let full = || buffer(rows, 0.0).ok_or_else(|| too_large(series, series_len));
        let column = |needed: bool| needed.then(full).transpose();
        Ok(IndicatorWorkspace {
            specs: self.specs.clone(),
            series_len,
            close: full()?,
            open: column(read.open)?,
            high: column(read.high)?,
            low: column(read.low)?,
            volume: column(read.volume)?,
            out: buffer(values, f64::NAN).ok_or_else(|| too_large(series, series_len))?,
        })
    }
}

/// Input and output buffers of an `IndicatorPass` in wasm memory, from
/// `pass.workspace(series, seriesLength)`: the zero-copy batch pass.
///
/// The getters (`close`, `high`, `low`, `open`, `volume`, `output`) return
/// Float64Array views of the module's memory, not copies. A view is valid
/// until the module's memory grows: any call into the package that
/// allocates can grow it, `compute()` included (its first call allocates
/// scratch), and the view then becomes detached, with length 0, and writing
/// through it throws. So read a getter again after each call rather than
/// keep its view. A view must not be used after `free()`: its memory goes
/// back to the module, and writing through it would corrupt whatever lives
/// there next. Copy out (`output.slice()`) what must outlive the workspace.
///
/// ```js
/// const pass = new IndicatorPass(['rsi14', 'atr14']);
/// const ws = pass.workspace(2, 30);   // 2 series of 30 rows
/// ws.close.set(closes);                // 60 values: series 0, then series 1
/// ws.high.set(highs); ws.low.set(lows);
/// ws.compute();
/// const out = ws.output;               // 2 series × 2 outputs × 30 rows
/// ws.free(); pass.free();
/// ```
#[wasm_bindgen]
#[derive(Debug)]
pub struct IndicatorWorkspace {
    specs: Vec<IndicatorSpec>,
    series_len: usize,
    close: Vec<f64>,
    open: Option<Vec<f64>>,
    high: Option<Vec<f64>>,
    low: Option<Vec<f64>>,
    volume: Option<Vec<f64>>,
    out: Vec<f64>,
}

#[wasm_bindgen]
impl IndicatorWorkspace {
    /// Every indicator over the input buffers into `output`, as
    /// `computeMany` would over the same values. It may grow the memory
    /// (detaching earlier views). Throws `TokenlensError`
    /// (`INVALID_INPUT` for a non-finite input, quoting its index); the
    /// output is then unspecified.
    pub fn compute(&mut self) -> Result<(), JsValue> {
        let cols = Columns {
            open: self.open.as_deref(),
            high: self.high.as_deref(),
            low: self.low.as_deref(),
            close: &self.close,
            volume: self.volume.as_deref(),
        };
        compute_many_into(&self.specs, &cols, self.series_len, &mut self.out).map_err(to_js)
    }

    /// View of the closes: `series × seriesLength` values, series after series.
    #[wasm_bindgen(getter)]
    pub fn close(&mut self) -> js_sys::Float64Array {
        view(&mut self.close)
    }

    /// View of the highs, or `undefined` when no indicator of the pass reads them.
    #[wasm_bindgen(getter)]
    pub fn high(&mut self) -> Option<js_sys::Float64Array> {
        self.high.as_mut().map(view)
    }

    /// View of the lows, or `undefined` when no indicator of the pass reads them.
    #[wasm_bindgen(getter)]
    pub fn low(&mut self) -> Option<js_sys::Float64Array> {
        self.low.as_mut().map(view)
    }

    /// View of the opens, or `undefined` when no indicator of the pass reads them.
    #[wasm_bindgen(getter)]
    pub fn open(&mut self) -> Option<js_sys::Float64Array> {
        self.open.as_mut().map(view)
    }

    /// View of the volumes, or `undefined` when no indicator of the pass reads them.
    #[wasm_bindgen(getter)]
    pub fn volume(&mut self) -> Option<js_sys::Float64Array> {
        self.volume.as_mut().map(view)
    }

    /// View of the outputs of the last `compute()` (`NaN` before the first):
    /// `series × names.length × seriesLength` values laid out as
    /// `computeMany` lays them out.
    #[wasm_bindgen(getter)]
    pub fn output(&mut self) -> js_sys::Float64Array {
        view(&mut self.out)
    }

    /// Rows per series.
    #[wasm_bindgen(getter, js_name = seriesLength)]
    pub fn series_length(&self) -> usize {
        self.series_len
    }

    /// How many series the buffers hold.
    #[wasm_bindgen(getter)]
    pub fn series(&self) -> usize {
        self.close.len() / self.series_len
    }
}

/// `n` copies of `value`, or `None` when the memory cannot be had (instead
/// of the abort an infallible allocation would be).
fn buffer(n: usize, value: f64) -> Option<Vec<f64>> {
    let mut values = Vec::new();
    values.try_reserve_exact(n).ok()?;
    values.resize(n, value);
    Some(values)
}

/// A Float64Array over `buffer` in wasm memory (see `IndicatorWorkspace`
/// for how long it stays valid). The buffer lives as long as its workspace
/// and is never resized; JS writes into it only between calls, and Rust
/// reads it only in `compute`.
fn view(buffer: &mut Vec<f64>) -> js_sys::Float64Array {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    js_sys::Float64Array::new_with_byte_offset_and_length(
        &memory.buffer(),
        buffer.as_mut_ptr() as usize as u32,
        buffer.len() as u32,
    )
}

/// The optional columns a list of specs reads.
struct ColumnsRead {
    open: bool,
    high: bool,
    low: bool,
    volume: bool,
}

fn columns_read(specs: &[IndicatorSpec]) -> ColumnsRead {
    let empty: &[f64] = &[];
    let all = Columns {
        open: Some(empty),
        high: Some(empty),
        low: Some(empty),
        close: empty,
        volume: Some(empty),
    };
    // A column is read when leaving it out makes some spec fail.
    let reads = |without: Columns<'_>| compute_all_flat(specs, &without).is_err();
    ColumnsRead {
        open: reads(Columns { open: None, ..all }),
        high: reads(Columns { high: None, ..all }),
        low: reads(Columns { low: None, ..all }),
        volume: reads(Columns {
            volume: None,
            ..all
        }),
    }
}

fn too_large(series: usize, series_len: usize) -> JsValue {
    crate::TokenlensError::with_code(
        "INVALID_PARAMETER",
        &format!(
            "invalid parameter `series`: {series} series of {series_len} rows do not fit in wasm memory"
        ),
    )
}

impl IndicatorPass {
    /// The multi-series pass into `out` (of the right length), a few series
    /// at a time: each group's outputs are copied into their place in `out`
    /// while they are still in the cache.
    fn many_into(
        &self,
        cols: &Columns<'_>,
        series_length: f64,
        out: &js_sys::Float64Array,
    ) -> Result<(), JsValue> {
        let series_len = whole_number("seriesLength", series_length, 4e9)?;
        let per_series = self.names.len() * series_len;
        compute_many_with(&self.specs, cols, series_len, |first, values| {
            // Within `out`: the lengths were checked, and u32 (array_length).
            let start = (first * per_series) as u32;
            out.subarray(start, start + values.len() as u32)
                .copy_from(values);
        })
        .map_err(to_js)
    }
}

/// A typed array length JS accepts.
fn array_length(len: usize) -> Result<u32, JsValue> {
    u32::try_from(len).map_err(|_| {
        crate::TokenlensError::with_code(
            "INVALID_INPUT",
            &format!("invalid input: {len} output values are more than one Float64Array holds"),
        )
    })
}

fn close_column(columns: &JsValue) -> Result<Vec<f64>, JsValue> {
    read_column(columns, "close")?.ok_or_else(|| {
        crate::TokenlensError::with_code(
            "INVALID_INPUT",
            "invalid price columns: `close` is required",
        )
    })
}

/// One column of a price-columns object, or `None` when absent.
fn read_column(columns: &JsValue, name: &str) -> Result<Option<Vec<f64>>, JsValue> {
    if !columns.is_object() {
        return Err(crate::TokenlensError::with_code(
            "INVALID_INPUT",
            "invalid price columns: expected an object of Float64Arrays",
        ));
    }
    let value = js_sys::Reflect::get(columns, &name.into())?;
    optional_floats(Some(&value), &format!("price column `{name}`"))
}

/// The columns of a call that takes them one by one: `close`, then high,
/// low, open and volume (each optional).
struct Read {
    close: Vec<f64>,
    others: [Option<Vec<f64>>; 4],
}

impl Read {
    fn new(close: &JsValue, others: [&Option<JsValue>; 4]) -> Result<Self, JsValue> {
        let names = ["high", "low", "open", "volume"];
        let mut read: [Option<Vec<f64>>; 4] = Default::default();
        for ((slot, value), name) in read.iter_mut().zip(others).zip(names) {
            *slot = optional_floats(value.as_ref(), name)?;
        }
        Ok(Self {
            close: floats(close, "close")?,
            others: read,
        })
    }

    fn columns(&self) -> Columns<'_> {
        let [high, low, open, volume] = &self.others;
        Columns {
            open: open.as_deref(),
            high: high.as_deref(),
            low: low.as_deref(),
            close: &self.close,
            volume: volume.as_deref(),
        }
    }
}

fn read_specs(specs: &JsValue) -> Result<Vec<IndicatorSpec>, JsValue> {
    let invalid = |message: String| crate::TokenlensError::with_code("INVALID_INPUT", &message);
    if !js_sys::Array::is_array(specs) {
        return Err(invalid("invalid indicator specs: expected an array".into()));
    }
    js_sys::Array::from(specs)
        .iter()
        .enumerate()
        .map(|(i, spec)| {
            if let Some(name) = spec.as_string() {
                name.parse::<IndicatorSpec>().map_err(to_js)
            } else if spec.is_object() {
                crate::options::spec_from_object(spec, &format!("indicator spec at index {i}"))
            } else {
                Err(invalid(format!(
                    "invalid indicator spec at index {i}: expected a name or an object"
                )))
            }
        })
        .collect()
}

//! Every batch indicator behind one serde-readable spec, computed over
//! price columns: what the CLI's `indicators` command and the JS
//! `indicators()` function share, so both name and compute things one way.
//!
//! A spec is `{"indicator": "rsi", "period": 7}` (any field left out takes
//! its default) or, in its short form, a default name such as `"rsi14"` or
//! `"macd"` from [`default_names`]. Outputs are named after the spec:
//! single-series indicators by name and period (`rsi7`), multi-series ones
//! by name and part (`macd_signal`); non-default parameters of multi-series
//! indicators are added to the name (`bb_10_1.5_upper`).
//!
//! ```
//! use tokenlens_core::indicators::catalog::{Columns, IndicatorSpec};
//! let close = [1.0, 2.0, 3.0, 4.0];
//! let spec: IndicatorSpec = "sma20".parse().unwrap();
//! let out = spec.compute(&Columns::close_only(&close)).unwrap();
//! assert_eq!(out[0].0, "sma20");
//! assert_eq!(out[0].1.len(), 4);
//! ```

mod row;
mod table;

use std::str::FromStr;

pub use row::{
    Category, Entry, Input, Naming, Param, ParamKind, Slot, StreamInput, StreamVisitor, Value,
};
pub use table::{CATALOG, IndicatorSpec};

use super::lanes::Lane;
use super::momentum::rsi::rsi_into;
use super::momentum::stoch::stoch_into;
use super::trend::adx::adx_into;
use super::trend::ema::ema_into;
use super::trend::macd::macd_into;
use super::trend::sma::sma_into;
use super::volatility::atr::atr_into;
use super::volatility::bbands::bbands_into;
use super::{Candle, HlcColumns, check_finite};
use crate::Error;

/// Price columns; every present column is as long as `close`.
#[derive(Debug, Clone, Copy)]
pub struct Columns<'a> {
    pub open: Option<&'a [f64]>,
    pub high: Option<&'a [f64]>,
    pub low: Option<&'a [f64]>,
    pub close: &'a [f64],
    pub volume: Option<&'a [f64]>,
}

impl<'a> Columns<'a> {
    /// Only closing prices (what a price-only feed gives).
    pub fn close_only(close: &'a [f64]) -> Self {
        Self {
            open: None,
            high: None,
            low: None,
            close,
            volume: None,
        }
    }

    /// Checks lengths and finiteness of every present column.
    pub fn validate(&self) -> Result<(), Error> {
        let expected = self.close.len();
        check_finite("close", self.close)?;
        for (field, col) in self.optional() {
            if let Some(col) = col {
                if col.len() != expected {
                    return Err(Error::LengthMismatch {
                        field,
                        len: col.len(),
                        expected,
                    });
                }
                check_finite(field, col)?;
            }
        }
        Ok(())
    }

    fn optional(&self) -> [(&'static str, Option<&'a [f64]>); 4] {
        [
            ("open", self.open),
            ("high", self.high),
            ("low", self.low),
            ("volume", self.volume),
        ]
    }

    /// High, low and close for an indicator that reads them, without building
    /// candles; with `check`, lengths and finiteness are checked too.
    fn hlc(&self, indicator: &str, check: bool) -> Result<HlcColumns<'a>, Error> {
        let missing = |column| Error::MissingColumn {
            indicator: indicator.to_owned(),
            column,
        };
        let high = self.high.ok_or_else(|| missing("high"))?;
        let low = self.low.ok_or_else(|| missing("low"))?;
        if check {
            let expected = self.close.len();
            for (field, col) in [("high", high), ("low", low)] {
                if col.len() != expected {
                    return Err(Error::LengthMismatch {
                        field,
                        len: col.len(),
                        expected,
                    });
                }
                check_finite(field, col)?;
            }
            check_finite("close", self.close)?;
        }
        Ok(HlcColumns::new(high, low, self.close))
    }

    /// Candles for an indicator that reads `needs`. A field the indicator
    /// does not read is filled when its column is absent (open with the
    /// close, the others with 0) and never seen by the indicator.
    fn candles(&self, indicator: &str, input: Input) -> Result<Vec<Candle>, Error> {
        let pick = |field: &'static str, col: Option<&'a [f64]>, needed: bool| match col {
            Some(c) => Ok(Some(c)),
            None if needed => Err(Error::MissingColumn {
                indicator: indicator.to_owned(),
                column: field,
            }),
            None => Ok(None),
        };
        let high = pick("high", self.high, input.needs_high_low())?;
        let low = pick("low", self.low, input.needs_high_low())?;
        let volume = pick("volume", self.volume, input.needs_volume())?;
        let at = |col: Option<&[f64]>, i: usize| col.map_or(0.0, |c| c[i]);
        Ok((0..self.close.len())
            .map(|i| {
                let close = self.close[i];
                Candle::new(
                    self.open.map_or(close, |c| c[i]),
                    at(high, i),
                    at(low, i),
                    close,
                    at(volume, i),
                )
            })
            .collect())
    }
}

/// What a row's `compute` reads: the validated columns, with the ones its
/// input needs known to be present.
pub(crate) struct Inputs<'c, 'a> {
    columns: &'c Columns<'a>,
    name: &'c str,
    input: Input,
}

impl<'a> Inputs<'_, 'a> {
    fn len(&self) -> usize {
        self.columns.close.len()
    }

    fn close(&self) -> &'a [f64] {
        self.columns.close
    }

    /// Candles of the columns the indicator reads.
    fn candles(&self) -> Result<Vec<Candle>, Error> {
        self.columns.candles(self.name, self.input)
    }

    /// High, low and close, checked.
    fn hlc(&self) -> Result<HlcColumns<'a>, Error> {
        self.columns.hlc(self.name, true)
    }
}

type Outputs = Vec<(String, Vec<f64>)>;

impl IndicatorSpec {
    /// The spec's name: `rsi14`, `macd`, `bb_10_1.5`.
    pub fn name(&self) -> String {
        self.named("")
    }

    /// The names of the output columns, in order, as [`IndicatorSpec::compute`] names them.
    pub fn output_names(&self) -> Vec<String> {
        self.entry()
            .outputs
            .iter()
            .map(|stem| self.named(stem))
            .collect()
    }

    /// How many output columns [`IndicatorSpec::compute`] gives.
    pub fn output_count(&self) -> usize {
        self.entry().outputs.len()
    }

    /// The name of the output `stem` (`""`: the spec's own name), by the
    /// row's [`Naming`].
    fn named(&self, stem: &str) -> String {
        let entry = self.entry();
        let values = self.values();
        let defaults = Self::default_of(entry.tag).map_or_else(Vec::new, |d| d.values());
        let changed = |i: usize| defaults.get(i) != values.get(i);
        match entry.naming {
            Naming::Period => {
                let mut name = if stem.is_empty() { entry.tag } else { stem }.to_owned();
                for (i, value) in values.iter().enumerate() {
                    if i == 0 {
                        name.push_str(&value.to_string());
                    } else if changed(i) {
                        name.push_str(&format!("_{value}"));
                    }
                }
                name
            }
            Naming::Parameters => {
                let mut name = entry.tag.to_owned();
                if (0..values.len()).any(changed) {
                    for value in &values {
                        name.push_str(&format!("_{value}"));
                    }
                }
                if !stem.is_empty() {
                    name.push('_');
                    name.push_str(stem);
                }
                name
            }
        }
    }

    /// Computes the indicator over `columns` (already validated by the
    /// caller, or checked here by the batch functions). Each output is as
    /// long as the columns, `NaN` during warm-up.
    pub fn compute(&self, columns: &Columns<'_>) -> Result<Outputs, Error> {
        self.validate()?;
        let name = self.name();
        let inputs = Inputs {
            columns,
            name: &name,
            input: self.entry().input,
        };
        let values = self.outputs_of(&inputs)?;
        Ok(self.output_names().into_iter().zip(values).collect())
    }
}

/// Every indicator at its default parameters, in the catalog's order.
pub fn default_specs() -> Vec<IndicatorSpec> {
    CATALOG
        .iter()
        .filter_map(|entry| IndicatorSpec::default_of(entry.tag))
        .collect()
}

/// The default-parameter names (`sma20`, `macd`, …), in the catalog's order:
/// what the CLI prints when no indicator is asked for.
pub fn default_names() -> Vec<String> {
    default_specs().iter().map(IndicatorSpec::name).collect()
}

/// The row whose type name or former JS name is `class`.
pub fn entry_by_class(class: &str) -> Option<&'static Entry> {
    CATALOG
        .iter()
        .find(|e| e.class == class || e.aliases.contains(&class))
}

impl FromStr for IndicatorSpec {
    type Err = Error;

    /// A default name from [`default_names`], the bare tag, or the tag of
    /// an indicator whose first parameter is its period followed by another
    /// period (`rsi7`, `sma200`, `dc30`, which is named `dc_30`).
    fn from_str(s: &str) -> Result<Self, Error> {
        let unknown = || Error::InvalidParameter {
            name: "indicator",
            value: s.to_owned(),
            reason: "not a known indicator name",
        };
        let split = s.find(|c: char| c.is_ascii_digit()).unwrap_or(s.len());
        let (tag, digits) = s.split_at(split);
        let mut spec = IndicatorSpec::default_of(tag).ok_or_else(unknown)?;
        if !digits.is_empty() {
            let period = digits.parse::<usize>().map_err(|_| unknown())?;
            match spec.slots().into_iter().next() {
                Some(("period", Slot::Count(slot))) => *slot = period,
                _ => return Err(unknown()),
            }
        }
        Ok(spec)
    }
}

/// `len` NaNs: a batch output before its kernel fills it.
pub(crate) fn nan(len: usize) -> Vec<f64> {
    vec![f64::NAN; len]
}

impl IndicatorSpec {
    /// [`IndicatorSpec::compute`] into `out`: `output_count()` columns as
    /// long as `close`, one after the other. The columns are valid.
    /// `out` must be `NaN`-filled.
    pub(crate) fn compute_into(&self, columns: &Columns<'_>, out: &mut [f64]) -> Result<(), Error> {
        let close = columns.close;
        if close.is_empty() {
            // Nothing to compute, but the same errors (parameters, columns).
            return self.compute(columns).map(drop);
        }
        let hlc = match (columns.high, columns.low) {
            (Some(high), Some(low)) => Ok(HlcColumns::new(high, low, close)),
            (None, _) => Err("high"),
            (Some(_), None) => Err("low"),
        };
        if !self.kernel_into(close, hlc, out)? {
            let mut parts = out.chunks_exact_mut(close.len());
            for (_, values) in self.compute(columns)? {
                if let Some(part) = parts.next() {
                    part.copy_from_slice(&values);
                }
            }
        }
        Ok(())
    }

    /// Whether this spec has a dedicated batch kernel (see [`IndicatorSpec::kernel_into`]).
    pub(crate) fn has_kernel(&self) -> bool {
        use IndicatorSpec::*;
        matches!(
            self,
            Sma(_) | Ema(_) | Rsi(_) | Macd(_) | BollingerBands(_) | Atr(_) | Adx(_) | Stoch(_)
        )
    }

    /// The dedicated batch kernel of the eight most used indicators into
    /// `out` (`output_count()` columns as long as `close`, `NaN`-filled),
    /// over one series (`L = f64`) or several side by side; `hlc` is the
    /// high, low and close columns, or the name of the one that is absent.
    /// `Ok(false)` (nothing written) for a spec without a kernel.
    pub(crate) fn kernel_into<L: Lane>(
        &self,
        close: &[L],
        hlc: Result<HlcColumns<'_, L>, &'static str>,
        out: &mut [L],
    ) -> Result<bool, Error> {
        use IndicatorSpec::*;
        let len = close.len();
        let mut parts = out.chunks_exact_mut(len.max(1));
        let mut next = || parts.next().unwrap_or_default();
        let hlc = || {
            hlc.map_err(|column| Error::MissingColumn {
                indicator: self.name(),
                column,
            })
        };
        match self {
            Sma(c) => {
                c.validate()?;
                sma_into(close, c.period, next());
            }
            Ema(c) => {
                c.validate()?;
                ema_into(close, c.period, next());
            }
            Rsi(c) => {
                c.validate()?;
                rsi_into(close, c.period, next());
            }
            Macd(c) => {
                c.validate()?;
                macd_into(close, *c, [next(), next(), next()]);
            }
            BollingerBands(c) => {
                c.validate()?;
                bbands_into(close, *c, [next(), next(), next(), next(), next()]);
            }
            Atr(c) => {
                c.validate()?;
                atr_into(&hlc()?, c.period, next());
            }
            Adx(c) => {
                c.validate()?;
                adx_into(&hlc()?, c.period, true, [next(), next(), next()]);
            }
            Stoch(c) => {
                c.validate()?;
                stoch_into(&hlc()?, *c, [next(), next()]);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// Every spec's outputs into one buffer: column after column, each as long
/// as `close`, in the order of the specs and of their
/// [`IndicatorSpec::output_names`] (`out` must hold the sum of their
/// [`IndicatorSpec::output_count`] columns). Unlike [`compute_all`], a spec
/// that needs a missing column is an error. Nothing is allocated for the
/// eight most used indicators (SMA, EMA, RSI, MACD, Bollinger Bands, ATR,
/// ADX, stochastic); the others are computed by [`IndicatorSpec::compute`]
/// and copied.
pub fn compute_all_into(
    specs: &[IndicatorSpec],
    columns: &Columns<'_>,
    out: &mut [f64],
) -> Result<(), Error> {
    let len = columns.close.len();
    let total: usize = specs.iter().map(IndicatorSpec::output_count).sum();
    if out.len() != total * len {
        return Err(Error::LengthMismatch {
            field: "out",
            len: out.len(),
            expected: total * len,
        });
    }
    out.fill(f64::NAN);
    fill(specs, columns, out)
}

/// Like [`compute_all_into`], into a new buffer (of the sum of the specs'
/// [`IndicatorSpec::output_count`] columns, each as long as `close`).
pub fn compute_all_flat(specs: &[IndicatorSpec], columns: &Columns<'_>) -> Result<Vec<f64>, Error> {
    let total: usize = specs.iter().map(IndicatorSpec::output_count).sum();
    let mut out = vec![f64::NAN; total * columns.close.len()];
    fill(specs, columns, &mut out)?;
    Ok(out)
}

/// The specs' outputs into `out`, of the right length and `NaN`-filled.
fn fill(specs: &[IndicatorSpec], columns: &Columns<'_>, out: &mut [f64]) -> Result<(), Error> {
    columns.validate()?;
    let len = columns.close.len();
    let mut rest = out;
    for spec in specs {
        let (mine, others) = rest.split_at_mut(spec.output_count() * len);
        spec.compute_into(columns, mine)?;
        rest = others;
    }
    Ok(())
}

/// Computes every spec that the columns allow. Specs that need a column the
/// data lacks are skipped with their [`Error::MissingColumn`]; any other
/// error (a bad parameter) fails the whole call.
pub fn compute_all(
    specs: &[IndicatorSpec],
    columns: &Columns<'_>,
) -> Result<(Outputs, Vec<Error>), Error> {
    columns.validate()?;
    let mut outputs = Vec::new();
    let mut skipped = Vec::new();
    for spec in specs {
        match spec.compute(columns) {
            Ok(out) => outputs.extend(out),
            Err(e @ Error::MissingColumn { .. }) => skipped.push(e),
            Err(e) => return Err(e),
        }
    }
    Ok((outputs, skipped))
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    use super::*;

    /// Open, high, low, close and volume columns of a wavy uptrend.
    type Ohlcv = (Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>);

    fn series(n: usize) -> Ohlcv {
        let close: Vec<f64> = (0..n)
            .map(|i| 100.0 + (i as f64 * 0.37).sin() * 5.0 + i as f64 * 0.1)
            .collect();
        let open: Vec<f64> = close.iter().map(|c| c - 0.3).collect();
        let high: Vec<f64> = close.iter().map(|c| c + 1.0).collect();
        let low: Vec<f64> = close.iter().map(|c| c - 1.5).collect();
        let volume: Vec<f64> = (0..n).map(|i| 1000.0 + (i % 7) as f64 * 50.0).collect();
        (open, high, low, close, volume)
    }

    #[test]
    fn every_default_name_parses_computes_and_keeps_its_name() {
        let (o, h, l, c, v) = series(120);
        let cols = Columns {
            open: Some(&o),
            high: Some(&h),
            low: Some(&l),
            close: &c,
            volume: Some(&v),
        };
        for name in &default_names() {
            let spec: IndicatorSpec = name.parse().unwrap();
            assert_eq!(&spec.name(), name);
            for (out_name, values) in spec.compute(&cols).unwrap() {
                assert_eq!(values.len(), c.len(), "{out_name}");
                assert!(
                    values.last().unwrap().is_finite(),
                    "{out_name} never warmed up"
                );
            }
        }
    }

    #[test]
    fn close_only_data_computes_what_it_can_and_names_what_it_skipped() {
        let (_, _, _, c, _) = series(60);
        let specs: Vec<IndicatorSpec> = ["rsi14", "atr14", "obv", "macd"]
            .iter()
            .map(|n| n.parse().unwrap())
            .collect();
        let (outputs, skipped) = compute_all(&specs, &Columns::close_only(&c)).unwrap();
        let names: Vec<&str> = outputs.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["rsi14", "macd", "macd_signal", "macd_hist"]);
        let missing: Vec<String> = skipped.iter().map(|e| e.to_string()).collect();
        assert_eq!(missing.len(), 2);
        assert!(
            missing[0].contains("atr14") && missing[0].contains("high"),
            "{}",
            missing[0]
        );
        assert!(
            missing[1].contains("obv") && missing[1].contains("volume"),
            "{}",
            missing[1]
        );
    }

    #[test]
    fn object_specs_read_from_json_with_defaults_and_custom_names() {
        let spec: IndicatorSpec =
            serde_json::from_str(r#"{"indicator": "rsi", "period": 7}"#).unwrap();
        assert_eq!(spec.name(), "rsi7");
        let spec: IndicatorSpec = serde_json::from_str(r#"{"indicator": "macd"}"#).unwrap();
        assert_eq!(spec.name(), "macd");
        let spec: IndicatorSpec =
            serde_json::from_str(r#"{"indicator": "bb", "period": 10, "multiplier": 1.5}"#)
                .unwrap();
        assert_eq!(spec.name(), "bb_10_1.5");
        assert!(
            serde_json::from_str::<IndicatorSpec>(r#"{"indicator": "rsi", "peroid": 7}"#).is_err()
        );
        assert!(serde_json::from_str::<IndicatorSpec>(r#"{"indicator": "nope"}"#).is_err());
    }

    #[test]
    fn matches_the_direct_batch_function() {
        let (_, _, _, c, _) = series(80);
        let out = "rsi14"
            .parse::<IndicatorSpec>()
            .unwrap()
            .compute(&Columns::close_only(&c))
            .unwrap();
        let direct = crate::indicators::momentum::rsi(&c, 14).unwrap();
        assert_eq!(out[0].1.len(), direct.len());
        for (a, b) in out[0].1.iter().zip(&direct) {
            assert!(a == b || (a.is_nan() && b.is_nan()));
        }
    }

    #[test]
    fn bad_names_and_columns_are_typed_errors() {
        for bad in ["", "rsi-1", "macd5", "foo", "rsi99999999999999999999999"] {
            let err = bad.parse::<IndicatorSpec>().unwrap_err();
            assert_eq!(err.code(), "INVALID_PARAMETER", "{bad}");
        }
        let c = [1.0, 2.0, 3.0];
        let short = [1.0, 2.0];
        let cols = Columns {
            high: Some(&short),
            ..Columns::close_only(&c)
        };
        assert_eq!(
            compute_all(&[], &cols).unwrap_err().code(),
            "LENGTH_MISMATCH"
        );
        let nan = [1.0, f64::NAN, 3.0];
        assert_eq!(
            compute_all(&[], &Columns::close_only(&nan))
                .unwrap_err()
                .code(),
            "INVALID_INPUT"
        );
    }

    /// The fields of `spec`'s config as serde writes them.
    fn fields(spec: &IndicatorSpec) -> Vec<String> {
        let serde_json::Value::Object(mut json) = serde_json::to_value(spec).unwrap() else {
            panic!("{spec:?} is not an object");
        };
        assert_eq!(json.remove("indicator").unwrap(), spec.entry().tag);
        json.keys().cloned().collect()
    }

    #[test]
    fn every_row_is_whole_and_agrees_with_its_config() {
        let (o, h, l, c, v) = series(120);
        let cols = Columns {
            open: Some(&o),
            high: Some(&h),
            low: Some(&l),
            close: &c,
            volume: Some(&v),
        };
        let mut tags: Vec<&str> = CATALOG.iter().map(|e| e.tag).collect();
        tags.sort_unstable();
        tags.dedup();
        assert_eq!(tags.len(), CATALOG.len(), "a tag is used twice");
        for entry in CATALOG {
            let mut spec = IndicatorSpec::default_of(entry.tag).unwrap();
            assert_eq!(spec.entry(), entry);
            assert_eq!(spec.name().parse::<IndicatorSpec>().unwrap(), spec);
            assert_eq!(entry.tag.parse::<IndicatorSpec>().unwrap(), spec);
            if entry.naming == Naming::Period {
                assert_eq!(entry.params.first().map(|p| p.name), Some("period"));
            }
            // The row names every field of the config, with its kind.
            let mut want = fields(&spec);
            let mut got: Vec<String> = entry.params.iter().map(|p| p.name.to_owned()).collect();
            want.sort();
            got.sort();
            assert_eq!(got, want, "{}", entry.tag);
            // Each slot sets its own field, and names follow.
            for (i, (name, slot)) in spec.slots().into_iter().enumerate() {
                assert_eq!(name, entry.params[i].name);
                match slot {
                    Slot::Count(x) => *x += 1,
                    Slot::Number(x) => *x += 0.5,
                }
            }
            let json = serde_json::to_value(&spec).unwrap();
            for (p, value) in entry.params.iter().zip(spec.values()) {
                assert_eq!(
                    json[p.name].as_f64().unwrap(),
                    match value {
                        Value::Count(x) => x as f64,
                        Value::Number(x) => x,
                    }
                );
            }
            if !entry.params.is_empty() {
                assert_ne!(spec, IndicatorSpec::default_of(entry.tag).unwrap());
                assert_ne!(
                    spec.name(),
                    IndicatorSpec::default_of(entry.tag).unwrap().name()
                );
            }
            // The row's outputs are what `compute` gives, by name.
            let out = spec.compute(&cols).unwrap();
            let names: Vec<String> = out.iter().map(|(n, _)| n.clone()).collect();
            assert_eq!(names, spec.output_names(), "{}", entry.tag);
            assert_eq!(out.len(), entry.outputs.len());
            assert!(out.iter().all(|(_, v)| v.len() == c.len()));
        }
    }

    /// Counts the streaming indicators a visitor is handed.
    struct Warmup;

    impl StreamVisitor for Warmup {
        type Out = usize;

        fn visit<T>(self, indicator: T) -> usize
        where
            T: crate::indicators::Indicator + std::fmt::Display + 'static,
            T::Input: StreamInput,
            T::Output: Serialize,
        {
            indicator.warmup()
        }
    }

    #[test]
    fn every_row_streams_and_checks_its_parameters_first() {
        for entry in CATALOG {
            let spec = IndicatorSpec::default_of(entry.tag).unwrap();
            assert!(spec.stream(Warmup).is_ok(), "{}", entry.tag);
            let mut bad = spec.clone();
            if let Some((_, Slot::Count(x))) = bad.slots().into_iter().next() {
                *x = 0;
                assert_eq!(bad.stream(Warmup).unwrap_err().code(), "INVALID_PARAMETER");
                assert_eq!(bad.validate().unwrap_err().code(), "INVALID_PARAMETER");
            }
        }
    }

    #[test]
    fn a_period_in_the_name_sets_the_first_parameter_only() {
        assert_eq!("dc30".parse::<IndicatorSpec>().unwrap().name(), "dc_30");
        assert_eq!("rsi7".parse::<IndicatorSpec>().unwrap().name(), "rsi7");
        assert_eq!(
            "stddev5".parse::<IndicatorSpec>().unwrap().output_names(),
            ["stddev5"]
        );
        let adx = "adx10".parse::<IndicatorSpec>().unwrap();
        assert_eq!(adx.output_names(), ["adx10", "plus_di10", "minus_di10"]);
        for bad in ["macd12", "ao5", "psar2", "obv1"] {
            assert!(bad.parse::<IndicatorSpec>().is_err(), "{bad}");
        }
    }
}

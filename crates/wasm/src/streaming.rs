//! Streaming indicators: one wasm class, `StreamingIndicator`, holding any
//! of the core's streaming indicators by name. The package's classes (`new
//! Rsi({ period: 14 })`, …) are thin JS subclasses of it (`npm/streaming.js`)
//! that pass their name: one set of bindings instead of one per class.
//!
//! `update(x)`, `replace(x)` for the live candle, `isReady`, `warmup`,
//! `reset()`, `toString()`, `free()` / `Symbol.dispose`. Price indicators
//! take a number; candle indicators take `{ open?, high, low, close, volume? }`
//! (`open` defaults to `close`; the volume indicators require `volume`).
//! Outputs are a number, or an object with camelCase keys for multi-part
//! indicators (`{ macd, signal, histogram }`), and `undefined` until warmed
//! up. A non-finite input is ignored, as in the core.
//!
//! The fast path: an indicator whose output is one number also steps through
//! `__stepPrice` / `__stepCandle` (numbers in, a number out, NaN until warmed
//! up), which `npm/entry.js` calls from `update` and `replace` when the input
//! is well-formed, so that a step allocates nothing and crosses the boundary
//! once. `updateMany` feeds a whole history in one call.

use std::any::Any;
use std::fmt::Display;

use js_sys::Reflect;
use serde::Serialize;
use tokenlens_core::indicators::catalog::{
    IndicatorSpec, StreamInput, StreamVisitor, entry_by_class,
};
use tokenlens_core::indicators::{Candle, Indicator, trend};
use wasm_bindgen::prelude::*;

use crate::TokenlensError;
use crate::arrays::floats;
use crate::error::to_js;
use crate::options::{invalid, spec_from_js};
use crate::results::to_result;

/// One step's input, read from its JS form.
trait Input: Sized {
    fn read(value: &JsValue, needs_volume: bool) -> Result<Self, JsValue>;
}

/// A number; NaN passes through (the core ignores it).
impl Input for f64 {
    fn read(value: &JsValue, _: bool) -> Result<f64, JsValue> {
        value
            .as_f64()
            .ok_or_else(|| invalid("invalid input: expected a number".into()))
    }
}

/// A candle; `volume` is required when `needs_volume`.
impl Input for Candle {
    fn read(value: &JsValue, needs_volume: bool) -> Result<Candle, JsValue> {
        if !value.is_object() {
            return Err(invalid(
                "invalid candle: expected { high, low, close, … }".into(),
            ));
        }
        let field = |name: &str| -> Result<Option<f64>, JsValue> {
            let v = Reflect::get(value, &name.into())?;
            if v.is_undefined() || v.is_null() {
                return Ok(None);
            }
            v.as_f64()
                .map(Some)
                .ok_or_else(|| invalid(format!("invalid candle: `{name}` must be a number")))
        };
        let required = |name: &str| -> Result<f64, JsValue> {
            field(name)?.ok_or_else(|| invalid(format!("invalid candle: `{name}` is missing")))
        };
        let close = required("close")?;
        let volume = if needs_volume {
            required("volume")?
        } else {
            field("volume")?.unwrap_or(0.0)
        };
        Ok(Candle::new(
            field("open")?.unwrap_or(close),
            required("high")?,
            required("low")?,
            close,
            volume,
        ))
    }
}

/// One column of `updateMany`'s candles; `None` when absent.
fn column(candles: &JsValue, name: &str, what: &str) -> Result<Option<Vec<f64>>, JsValue> {
    let value = Reflect::get(candles, &name.into())?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    floats(&value, what).map(Some)
}

/// The output as one number, when it is one (the fast path's outputs).
fn number<O: 'static>(out: Option<O>) -> f64 {
    out.and_then(|o| (&o as &dyn Any).downcast_ref::<f64>().copied())
        .unwrap_or(f64::NAN)
}

/// One step's input, already read from JS.
#[derive(Clone, Copy)]
enum Raw {
    Price(f64),
    Candle(Candle),
}

/// What a step gives back.
#[derive(Clone, Copy, PartialEq)]
enum Want {
    /// Nothing (a step of `updateMany` before its last).
    Nothing,
    /// The output as one number, NaN until warmed up or when it is not one.
    Number,
    /// The output as a JS value, `undefined` until warmed up.
    Value,
}

/// What a step gave.
enum Stepped {
    Nothing,
    Number(f64),
    Value(JsValue),
}

/// What the class needs of an indicator, whatever its input and output.
/// The one generic step is [`Stream::apply`]; reading inputs stays out of
/// it, so that each of the ~40 indicator types adds as little code as possible.
trait Stream {
    /// `update` (`replace` when `replace`) with `input`; the output as `want` says.
    fn apply(&mut self, input: Raw, replace: bool, want: Want) -> Result<Stepped, JsValue>;
    /// 0: no fast path (a multi-part output); 1: prices; 2: candles; 3:
    /// candles with a volume.
    fn fast_path(&self) -> u8;
    /// Whether a step takes a candle, and whether its volume is required.
    fn takes(&self) -> (bool, bool);
    fn warmup(&self) -> usize;
    fn reset(&mut self);
    fn label(&self) -> String;
}

struct Stepper<T> {
    inner: T,
    /// Whether a step takes a candle (otherwise a price).
    candle: bool,
    needs_volume: bool,
}

impl<T> Stream for Stepper<T>
where
    T: Indicator + Display,
    T::Input: StreamInput,
    T::Output: Serialize + 'static,
{
    fn apply(&mut self, input: Raw, replace: bool, want: Want) -> Result<Stepped, JsValue> {
        let x = match input {
            Raw::Price(p) => T::Input::from_price(p),
            Raw::Candle(c) => T::Input::from_candle(c),
        };
        let out = if replace {
            self.inner.replace(x)
        } else {
            self.inner.update(x)
        };
        Ok(match (want, out) {
            (Want::Nothing, _) | (Want::Value, None) => Stepped::Nothing,
            (Want::Number, out) => Stepped::Number(number(out)),
            (Want::Value, Some(o)) => Stepped::Value(to_result(&o)?),
        })
    }

    fn fast_path(&self) -> u8 {
        if std::any::TypeId::of::<T::Output>() != std::any::TypeId::of::<f64>() {
            0
        } else if !self.candle {
            1
        } else if self.needs_volume {
            3
        } else {
            2
        }
    }

    fn takes(&self) -> (bool, bool) {
        (self.candle, self.needs_volume)
    }

    fn warmup(&self) -> usize {
        self.inner.warmup()
    }

    fn reset(&mut self) {
        self.inner.reset();
    }

    fn label(&self) -> String {
        self.inner.to_string()
    }
}

/// A step's output for JS: `undefined` until warmed up.
fn value(stepped: Stepped) -> JsValue {
    match stepped {
        Stepped::Nothing => JsValue::UNDEFINED,
        Stepped::Number(x) => JsValue::from_f64(x),
        Stepped::Value(v) => v,
    }
}

/// A step's input from its JS form, as the indicator takes it.
fn read(stream: &dyn Stream, input: &JsValue) -> Result<Raw, JsValue> {
    Ok(match stream.takes() {
        (true, needs_volume) => Raw::Candle(Candle::read(input, needs_volume)?),
        (false, _) => Raw::Price(f64::read(input, false)?),
    })
}

/// Boxes whatever streaming indicator a spec holds, reading its steps as
/// the catalog row's input says.
struct Boxer {
    candle: bool,
    needs_volume: bool,
}

impl StreamVisitor for Boxer {
    type Out = Box<dyn Stream>;

    fn visit<T>(self, inner: T) -> Box<dyn Stream>
    where
        T: Indicator + Display + 'static,
        T::Input: StreamInput,
        T::Output: Serialize + 'static,
    {
        Box::new(Stepper {
            inner,
            candle: self.candle,
            needs_volume: self.needs_volume,
        })
    }
}

/// The one streaming class that is not a catalog row: the ADX's +DI and
/// −DI alone, with the ADX's options.
const DMI: &str = "Dmi";

/// The class `kind` (a catalog row's type name, a former name, or `Dmi`).
fn build(kind: &str, options: &JsValue) -> Result<Box<dyn Stream>, JsValue> {
    let row = if kind == DMI { "Adx" } else { kind };
    let Some(entry) = entry_by_class(row) else {
        return Err(TokenlensError::with_code(
            "INVALID_PARAMETER",
            &format!("invalid parameter `kind`: \"{kind}\" is not a streaming indicator"),
        ));
    };
    let spec = if options.is_undefined() || options.is_null() {
        entry.tag.parse::<IndicatorSpec>().map_err(to_js)?
    } else {
        spec_from_js(entry.tag, options, &format!("{kind} options"))?
    };
    let boxer = Boxer {
        candle: entry.input.is_candle(),
        needs_volume: entry.input.needs_volume(),
    };
    match spec {
        IndicatorSpec::Adx(c) if kind == DMI => trend::DmiConfig { period: c.period }
            .init()
            .map(|dmi| boxer.visit(dmi))
            .map_err(to_js),
        spec => spec.stream(boxer).map_err(to_js),
    }
}

/// A streaming indicator of any kind. The package's named classes (`new
/// Rsi()`, …) extend it.
#[wasm_bindgen]
pub struct StreamingIndicator {
    inner: Box<dyn Stream>,
    ready: bool,
}

impl StreamingIndicator {
    /// A fast step: the output as a number, NaN until warmed up.
    fn fast(&mut self, input: Raw, replace: bool) -> f64 {
        let out = match self.inner.apply(input, replace, Want::Number) {
            Ok(Stepped::Number(x)) => x,
            _ => f64::NAN,
        };
        self.track(out, replace);
        out
    }

    /// `isReady` after a fast step whose output is `out`.
    fn track(&mut self, out: f64, replace: bool) {
        let produced = !out.is_nan();
        if replace {
            self.ready = produced;
        } else {
            self.ready |= produced;
        }
    }
}

impl std::fmt::Debug for StreamingIndicator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.inner.label())
    }
}

#[wasm_bindgen]
impl StreamingIndicator {
    /// The indicator `kind` (a class name: "Rsi", "Macd", …) with `options`.
    /// Throws `TokenlensError` (`INVALID_PARAMETER`, `INVALID_INPUT`) for bad
    /// options or an unknown kind.
    #[wasm_bindgen(constructor)]
    pub fn new(
        kind: &str,
        #[wasm_bindgen(unchecked_param_type = "object | undefined")] options: JsValue,
    ) -> Result<StreamingIndicator, JsValue> {
        Ok(StreamingIndicator {
            inner: build(kind, &options)?,
            ready: false,
        })
    }

    /// Feeds the next input; `undefined` until warmed up.
    #[wasm_bindgen(unchecked_return_type = "unknown")]
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        let raw = read(self.inner.as_ref(), &input)?;
        let out = value(self.inner.apply(raw, false, Want::Value)?);
        self.ready |= !out.is_undefined();
        Ok(out)
    }

    /// Replaces the last input (the live, still-forming candle).
    #[wasm_bindgen(unchecked_return_type = "unknown")]
    pub fn replace(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        let raw = read(self.inner.as_ref(), &input)?;
        let out = value(self.inner.apply(raw, true, Want::Value)?);
        self.ready = !out.is_undefined();
        Ok(out)
    }

    /// Feeds every input of a history in one call: an array of prices (a
    /// Float64Array or numbers) for a price indicator, `{ high, low, close,
    /// open?, volume? }` of equal-length arrays for a candle indicator.
    /// Returns the output after the last input, as `update` would;
    /// `undefined` until warmed up. Throws `TokenlensError`
    /// (`INVALID_INPUT`, `LENGTH_MISMATCH`).
    #[wasm_bindgen(js_name = updateMany, unchecked_return_type = "unknown")]
    pub fn update_many(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "unknown")] inputs: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (candle, needs_volume) = self.inner.takes();
        let mut out = Stepped::Nothing;
        if !candle {
            let prices = floats(&inputs, "prices")?;
            for (i, &x) in prices.iter().enumerate() {
                let want = if i + 1 == prices.len() {
                    Want::Value
                } else {
                    Want::Nothing
                };
                out = self.inner.apply(Raw::Price(x), false, want)?;
            }
        } else {
            if !inputs.is_object() {
                return Err(invalid(
                    "invalid candles: expected { high, low, close, open?, volume? } of arrays"
                        .into(),
                ));
            }
            let missing = |name: &str| invalid(format!("invalid candles: `{name}` is missing"));
            let close =
                column(&inputs, "close", "candles.close")?.ok_or_else(|| missing("close"))?;
            let high = column(&inputs, "high", "candles.high")?.ok_or_else(|| missing("high"))?;
            let low = column(&inputs, "low", "candles.low")?.ok_or_else(|| missing("low"))?;
            let open = column(&inputs, "open", "candles.open")?;
            let volume = column(&inputs, "volume", "candles.volume")?;
            if needs_volume && volume.is_none() {
                return Err(missing("volume"));
            }
            let n = close.len();
            let same = |c: &Option<Vec<f64>>| c.as_ref().is_none_or(|c| c.len() == n);
            if high.len() != n || low.len() != n || !same(&open) || !same(&volume) {
                return Err(TokenlensError::with_code(
                    "LENGTH_MISMATCH",
                    "invalid candles: the columns differ in length",
                ));
            }
            for i in 0..n {
                let at = |c: &Option<Vec<f64>>, or: f64| c.as_ref().map_or(or, |c| c[i]);
                let c = Candle::new(
                    at(&open, close[i]),
                    high[i],
                    low[i],
                    close[i],
                    at(&volume, 0.0),
                );
                let want = if i + 1 == n {
                    Want::Value
                } else {
                    Want::Nothing
                };
                out = self.inner.apply(Raw::Candle(c), false, want)?;
            }
        }
        let out = value(out);
        self.ready |= !out.is_undefined();
        Ok(out)
    }

    /// The fast path of `update(price)` / `replace(price)` (see the module
    /// documentation): NaN until warmed up.
    #[wasm_bindgen(js_name = __stepPrice, skip_typescript)]
    pub fn step_price(&mut self, price: f64, replace: bool) -> f64 {
        self.fast(Raw::Price(price), replace)
    }

    /// The fast path of `update(candle)` / `replace(candle)`.
    #[wasm_bindgen(js_name = __stepCandle, skip_typescript)]
    pub fn step_candle(
        &mut self,
        open: f64,
        high: f64,
        low: f64,
        close: f64,
        volume: f64,
        replace: bool,
    ) -> f64 {
        let candle = Candle::new(open, high, low, close, volume);
        self.fast(Raw::Candle(candle), replace)
    }

    /// Which fast path the indicator takes (see [`Stream::fast_path`]).
    #[wasm_bindgen(getter, js_name = __fastPath, skip_typescript)]
    pub fn fast_path(&self) -> u8 {
        self.inner.fast_path()
    }

    /// Whether the last input produced an output.
    #[wasm_bindgen(getter, js_name = isReady)]
    pub fn is_ready(&self) -> bool {
        self.ready
    }

    /// Inputs needed before the first output.
    #[wasm_bindgen(getter)]
    pub fn warmup(&self) -> usize {
        self.inner.warmup()
    }

    /// Forgets every input.
    pub fn reset(&mut self) {
        self.inner.reset();
        self.ready = false;
    }

    /// The indicator and its parameters, e.g. "RSI(14)".
    #[wasm_bindgen(js_name = toString)]
    pub fn to_js_string(&self) -> String {
        self.inner.label()
    }
}

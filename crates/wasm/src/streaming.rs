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

use std::fmt::Display;

use js_sys::Reflect;
use serde::Serialize;
use tokenlens_core::indicators::catalog::{
    IndicatorSpec, StreamInput, StreamVisitor, entry_by_class,
};
use tokenlens_core::indicators::{Candle, Indicator, trend};
use wasm_bindgen::prelude::*;

use crate::TokenlensError;
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

/// What the class needs of an indicator, whatever its input and output.
trait Stream {
    /// `update` (`replace` when `replace`): the output, `None` until warmed up.
    fn step(&mut self, input: &JsValue, replace: bool) -> Result<Option<JsValue>, JsValue>;
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
    T::Output: Serialize,
{
    fn step(&mut self, input: &JsValue, replace: bool) -> Result<Option<JsValue>, JsValue> {
        let x = if self.candle {
            T::Input::from_candle(Candle::read(input, self.needs_volume)?)
        } else {
            T::Input::from_price(f64::read(input, false)?)
        };
        let out = if replace {
            self.inner.replace(x)
        } else {
            self.inner.update(x)
        };
        out.map(|o| to_result(&o)).transpose()
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
        T::Output: Serialize,
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
            &format!("invalid parameter `kind`: {kind:?} is not a streaming indicator"),
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
        let out = self.inner.step(&input, false)?;
        self.ready |= out.is_some();
        Ok(out.unwrap_or(JsValue::UNDEFINED))
    }

    /// Replaces the last input (the live, still-forming candle).
    #[wasm_bindgen(unchecked_return_type = "unknown")]
    pub fn replace(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "unknown")] input: JsValue,
    ) -> Result<JsValue, JsValue> {
        let out = self.inner.step(&input, true)?;
        self.ready = out.is_some();
        Ok(out.unwrap_or(JsValue::UNDEFINED))
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

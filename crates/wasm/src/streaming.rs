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
use tokenlens_core::indicators::catalog::IndicatorSpec;
use tokenlens_core::indicators::{Candle, Indicator, trend, volume};
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
    needs_volume: bool,
}

impl<T> Stream for Stepper<T>
where
    T: Indicator + Display,
    T::Input: Input,
    T::Output: Serialize,
{
    fn step(&mut self, input: &JsValue, replace: bool) -> Result<Option<JsValue>, JsValue> {
        let x = T::Input::read(input, self.needs_volume)?;
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

fn stepper<T>(inner: T, needs_volume: bool) -> Box<dyn Stream>
where
    T: Indicator + Display + 'static,
    T::Input: Input,
    T::Output: Serialize,
{
    Box::new(Stepper {
        inner,
        needs_volume,
    })
}

/// The one list of the streaming classes: class name → the catalog's tag, how
/// its config comes out of the spec, and whether it needs volume.
macro_rules! kinds {
    ($($kind:literal => $tag:literal, $variant:pat => $config:expr, volume: $volume:literal;)*) => {
        /// The class names [`build`] knows.
        #[cfg(test)]
        const KINDS: &[&str] = &[$($kind),*];

        /// Class name → the catalog's tag and whether it needs volume.
        fn tag(kind: &str) -> Option<(&'static str, bool)> {
            match kind {
                $($kind => Some(($tag, $volume)),)*
                _ => None,
            }
        }

        /// The class `kind`'s indicator from `spec` (read from the class's
        /// tag), or `None` when the spec is another indicator.
        fn init(
            kind: &str,
            spec: IndicatorSpec,
            volume: bool,
        ) -> Option<Result<Box<dyn Stream>, tokenlens_core::Error>> {
            #[allow(unreachable_patterns)]
            match (kind, spec) {
                $(($kind, $variant) => Some($config.init().map(|s| stepper(s, volume))),)*
                _ => None,
            }
        }
    };
}

fn build(kind: &str, options: &JsValue) -> Result<Box<dyn Stream>, JsValue> {
    let Some((tag, volume)) = tag(kind) else {
        return Err(TokenlensError::with_code(
            "INVALID_PARAMETER",
            &format!("invalid parameter `kind`: {kind:?} is not a streaming indicator"),
        ));
    };
    let what = format!("{kind} options");
    let spec = if options.is_undefined() || options.is_null() {
        tag.parse::<IndicatorSpec>().map_err(to_js)?
    } else {
        spec_from_js(tag, options, &what)?
    };
    match init(kind, spec, volume) {
        Some(made) => made.map_err(to_js),
        None => Err(invalid(format!(
            "invalid {what}: read as another indicator"
        ))),
    }
}

kinds! {
    "Ema" => "ema", IndicatorSpec::Ema(c) => c, volume: false;
    "Sma" => "sma", IndicatorSpec::Sma(c) => c, volume: false;
    "Wma" => "wma", IndicatorSpec::Wma(c) => c, volume: false;
    "Dema" => "dema", IndicatorSpec::Dema(c) => c, volume: false;
    "Tema" => "tema", IndicatorSpec::Tema(c) => c, volume: false;
    "Hma" => "hma", IndicatorSpec::Hma(c) => c, volume: false;
    "Vwma" => "vwma", IndicatorSpec::Vwma(c) => c, volume: true;
    "Macd" => "macd", IndicatorSpec::Macd(c) => c, volume: false;
    "Adx" => "adx", IndicatorSpec::Adx(c) => c, volume: false;
    "Dmi" => "adx", IndicatorSpec::Adx(c) => trend::DmiConfig { period: c.period }, volume: false;
    "Aroon" => "aroon", IndicatorSpec::Aroon(c) => c, volume: false;
    "Sar" => "psar", IndicatorSpec::Psar(c) => c, volume: false;
    "Ichimoku" => "ichimoku", IndicatorSpec::Ichimoku(c) => c, volume: false;
    "Supertrend" => "supertrend", IndicatorSpec::Supertrend(c) => c, volume: false;
    "Rsi" => "rsi", IndicatorSpec::Rsi(c) => c, volume: false;
    "Stoch" => "stoch", IndicatorSpec::Stoch(c) => c, volume: false;
    "StochRsi" => "stochrsi", IndicatorSpec::StochRsi(c) => c, volume: false;
    "Cci" => "cci", IndicatorSpec::Cci(c) => c, volume: false;
    "WillR" => "willr", IndicatorSpec::WillR(c) => c, volume: false;
    "Mom" => "mom", IndicatorSpec::Mom(c) => c, volume: false;
    "Roc" => "roc", IndicatorSpec::Roc(c) => c, volume: false;
    "Ao" => "ao", IndicatorSpec::Ao(c) => c, volume: false;
    "UltOsc" => "uo", IndicatorSpec::Uo(c) => c, volume: false;
    "ElderRay" => "elderray", IndicatorSpec::ElderRay(c) => c, volume: false;
    "BBands" => "bb", IndicatorSpec::Bb(c) => c, volume: false;
    "StdDev" => "stddev", IndicatorSpec::StdDev(c) => c, volume: false;
    "Atr" => "atr", IndicatorSpec::Atr(c) => c, volume: false;
    "Natr" => "natr", IndicatorSpec::Natr(c) => c, volume: false;
    "Keltner" => "kc", IndicatorSpec::Kc(c) => c, volume: false;
    "Donchian" => "dc", IndicatorSpec::Dc(c) => c, volume: false;
    "Obv" => "obv", IndicatorSpec::Obv => volume::ObvConfig::default(), volume: true;
    "Mfi" => "mfi", IndicatorSpec::Mfi(c) => c, volume: true;
    "Ad" => "ad", IndicatorSpec::Ad => volume::AdConfig::default(), volume: true;
    "Vwap" => "vwap", IndicatorSpec::Vwap(c) => c, volume: true;
    "VolumeZ" => "volume_z", IndicatorSpec::VolumeZ(c) => c, volume: true;
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

#[cfg(test)]
mod tests {
    use super::KINDS;

    /// The JS classes pass exactly the kinds `build` knows.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn the_js_classes_are_the_kinds() {
        let js = include_str!("../npm/entry.js");
        let mut classes: Vec<&str> = js
            .lines()
            .filter_map(|l| l.strip_prefix("export const "))
            .filter_map(|l| l.split_once(" = /* @__PURE__ */ make('"))
            .map(|(name, kind)| {
                assert_eq!(kind, format!("{name}');"), "{name} passes another kind");
                name
            })
            .collect();
        let mut kinds = KINDS.to_vec();
        classes.sort_unstable();
        kinds.sort_unstable();
        assert_eq!(classes, kinds);
    }
}

//! Streaming indicator classes and batch functions over Float64Arrays.

use tokenlens_core::indicators::Indicator;
use tokenlens_core::indicators::trend::{self, EmaConfig};
use wasm_bindgen::prelude::*;

use crate::error::to_js;
use crate::options::from_js;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** Options of an exponential moving average. */
export interface EmaOptions {
  /** Number of periods, at least 1. Default 20. */
  period?: number;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// The JS options object of [`Ema`].
    #[wasm_bindgen(typescript_type = "EmaOptions")]
    pub type EmaOptions;
}

/// Streaming exponential moving average, seeded with the mean of the first
/// `period` values as TA-Lib does.
///
/// ```js
/// const ema = new Ema({ period: 3 });
/// ema.update(1); ema.update(2); ema.update(3); // → 2
/// ema.free();
/// ```
#[wasm_bindgen]
#[derive(Debug)]
pub struct Ema(trend::Ema);

#[wasm_bindgen]
impl Ema {
    /// Throws `TokenlensError` (`INVALID_PARAMETER`) for a period below 1.
    #[wasm_bindgen(constructor)]
    pub fn new(options: Option<EmaOptions>) -> Result<Ema, JsValue> {
        let config: EmaConfig = match options {
            None => EmaConfig::default(),
            Some(options) => from_js(options.into(), "EMA options", &["period"])?,
        };
        config.init().map(Ema).map_err(to_js)
    }

    /// Feeds the next value; `undefined` until warmed up. Non-finite values
    /// are ignored.
    pub fn update(&mut self, value: f64) -> Option<f64> {
        self.0.update(value)
    }

    /// Replaces the last value (the live, still-forming candle).
    pub fn replace(&mut self, value: f64) -> Option<f64> {
        self.0.replace(value)
    }

    /// Forgets every value.
    pub fn reset(&mut self) {
        self.0.reset();
    }

    /// Whether the next output will be a number.
    #[wasm_bindgen(getter, js_name = isReady)]
    pub fn is_ready(&self) -> bool {
        self.0.is_ready()
    }

    /// Number of values needed before the first output.
    #[wasm_bindgen(getter)]
    pub fn warmup(&self) -> usize {
        self.0.warmup()
    }

    /// "EMA(20)".
    #[wasm_bindgen(js_name = toString)]
    pub fn to_js_string(&self) -> String {
        self.0.to_string()
    }
}

/// EMA over a whole series. The result is a new Float64Array as long as the
/// input, `NaN` during warm-up. Throws `TokenlensError` for a bad period or a
/// non-finite input value.
#[wasm_bindgen]
pub fn ema(values: &[f64], period: f64) -> Result<Vec<f64>, JsValue> {
    trend::ema(values, period_from_js(period)?).map_err(to_js)
}

/// A period given as a JS number: a whole number from 1 up. (wasm-bindgen
/// would silently wrap `-1` or truncate `2.5` if the parameter were `usize`.)
fn period_from_js(period: f64) -> Result<usize, JsValue> {
    if period.fract() == 0.0 && (1.0..=1e9).contains(&period) {
        Ok(period as usize)
    } else {
        Err(crate::TokenlensError::with_code(
            "INVALID_PARAMETER",
            &format!("invalid parameter `period`: {period} (must be a whole number from 1)"),
        ))
    }
}

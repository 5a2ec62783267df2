//! Streaming indicator classes: `new Rsi({ period: 14 })`, `update(x)`,
//! `replace(x)` for the live candle, `isReady`, `warmup`, `reset()`,
//! `free()` / `Symbol.dispose`.
//!
//! Price indicators take a number; candle indicators take
//! `{ open?, high, low, close, volume? }` (`open` defaults to `close`; the
//! volume indicators require `volume`). Outputs are a number, or an object
//! for multi-part indicators (`{ macd, signal, histogram }`), and
//! `undefined` until warmed up. A non-finite input is ignored, as in the core.

use js_sys::Reflect;
use serde::Serialize;
use tokenlens_core::indicators::catalog::IndicatorSpec;
use tokenlens_core::indicators::{Candle, Indicator, momentum, trend, volatility, volume};
use wasm_bindgen::prelude::*;

use crate::TokenlensError;
use crate::error::to_js;
use crate::options::spec_from_js;
use crate::results::to_result;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** One candle for a streaming indicator. `open` defaults to `close`. */
export interface CandleInput { open?: number; high: number; low: number; close: number; volume?: number }
/** Options of a streaming indicator; omitted fields take their defaults. Keys may be camelCase or snake_case. */
export interface PeriodOptions { period?: number }
/** Options of an exponential moving average (seeded with the mean of the first `period` values, as TA-Lib does). */
export type EmaOptions = PeriodOptions;
export type NoOptions = Record<string, never>;
export interface MacdOptions { fast?: number; slow?: number; signal?: number }
export interface BollingerOptions { period?: number; multiplier?: number }
export interface StdDevOptions { period?: number; deviations?: number }
export interface StochOptions { kPeriod?: number; kSlowing?: number; dPeriod?: number }
export interface StochRsiOptions { rsiPeriod?: number; kPeriod?: number; dPeriod?: number }
export interface AoOptions { fast?: number; slow?: number }
export interface UltOscOptions { short?: number; mid?: number; long?: number }
export interface SarOptions { acceleration?: number; maximum?: number }
export interface KeltnerOptions { period?: number; atrPeriod?: number; multiplier?: number }
export interface IchimokuOptions { conversion?: number; base?: number; spanB?: number }
export interface SupertrendOptions { atrPeriod?: number; multiplier?: number }
export interface MacdOutput { macd: number; signal: number; histogram: number }
export interface BandsOutput { upper: number; middle: number; lower: number }
export interface BollingerOutput extends BandsOutput { percent_b: number; bandwidth: number }
export interface StochOutput { k: number; d: number }
export interface AdxOutput { adx: number; plus_di: number; minus_di: number }
export interface DmiOutput { plus_di: number; minus_di: number }
export interface AroonOutput { up: number; down: number; oscillator: number }
export interface ElderRayOutput { bull_power: number; bear_power: number }
export interface IchimokuOutput { conversion: number; base: number; span_a: number; span_b: number }
export interface SupertrendOutput { value: number; direction: "up" | "down" }
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(typescript_type = "AoOptions")]
    pub type AoOptions;
    #[wasm_bindgen(typescript_type = "BollingerOptions")]
    pub type BollingerOptions;
    #[wasm_bindgen(typescript_type = "IchimokuOptions")]
    pub type IchimokuOptions;
    #[wasm_bindgen(typescript_type = "KeltnerOptions")]
    pub type KeltnerOptions;
    #[wasm_bindgen(typescript_type = "MacdOptions")]
    pub type MacdOptions;
    #[wasm_bindgen(typescript_type = "NoOptions")]
    pub type NoOptions;
    #[wasm_bindgen(typescript_type = "PeriodOptions")]
    pub type PeriodOptions;
    #[wasm_bindgen(typescript_type = "SarOptions")]
    pub type SarOptions;
    #[wasm_bindgen(typescript_type = "StdDevOptions")]
    pub type StdDevOptions;
    #[wasm_bindgen(typescript_type = "StochOptions")]
    pub type StochOptions;
    #[wasm_bindgen(typescript_type = "StochRsiOptions")]
    pub type StochRsiOptions;
    #[wasm_bindgen(typescript_type = "SupertrendOptions")]
    pub type SupertrendOptions;
    #[wasm_bindgen(typescript_type = "UltOscOptions")]
    pub type UltOscOptions;
}

/// A number input; NaN passes through (the core ignores it).
fn price_input(value: &JsValue) -> Result<f64, JsValue> {
    value.as_f64().ok_or_else(|| {
        TokenlensError::with_code("INVALID_INPUT", "invalid input: expected a number")
    })
}

/// A candle input; `volume` is required when `needs_volume`.
fn candle_input(value: &JsValue, needs_volume: bool) -> Result<Candle, JsValue> {
    let invalid = |m: String| TokenlensError::with_code("INVALID_INPUT", &m);
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

fn output<T: Serialize>(out: Option<T>) -> Result<JsValue, JsValue> {
    match out {
        None => Ok(JsValue::UNDEFINED),
        Some(v) => to_result(&v),
    }
}

/// The spec read for one class was not its own: cannot happen, as the class
/// names the tag; reported rather than panicking across the boundary.
fn wrong_spec(class: &str) -> JsValue {
    TokenlensError::with_code(
        "INVALID_INPUT",
        &format!("invalid {class} options: read as another indicator"),
    )
}

macro_rules! streaming_class {
    (
        $js:ident, $core:ty, $config:ty, spec: $tag:literal $variant:pat => $spec_config:expr,
        options: $options:ident, input: $input:ident $(($needs_volume:literal))? as $ts_input:literal, output: $ts_output:literal
    ) => {
        #[doc = concat!("Streaming `", stringify!($js), "`; see the core's documentation for its formula and warm-up.")]
        #[wasm_bindgen]
        #[derive(Debug)]
        pub struct $js {
            inner: $core,
            ready: bool,
        }

        #[wasm_bindgen]
        impl $js {
            /// Throws `TokenlensError` (`INVALID_PARAMETER`, `INVALID_INPUT`) for bad options.
            #[wasm_bindgen(constructor)]
            pub fn new(options: Option<$options>) -> Result<$js, JsValue> {
                let config: $config = match options {
                    None => <$config>::default(),
                    Some(options) => {
                        let what = concat!(stringify!($js), " options");
                        match spec_from_js($tag, &options.into(), what)? {
                            $variant => $spec_config,
                            #[allow(unreachable_patterns)]
                            _ => return Err(wrong_spec(stringify!($js))),
                        }
                    }
                };
                Ok($js { inner: config.init().map_err(to_js)?, ready: false })
            }

            /// Feeds the next input; `undefined` until warmed up.
            #[wasm_bindgen(unchecked_return_type = $ts_output)]
            pub fn update(
                &mut self,
                #[wasm_bindgen(unchecked_param_type = $ts_input)] input: JsValue,
            ) -> Result<JsValue, JsValue> {
                let x = streaming_class!(@read $input $(($needs_volume))?, &input)?;
                let out = self.inner.update(x);
                self.ready |= out.is_some();
                output(out)
            }

            /// Replaces the last input (the live, still-forming candle).
            #[wasm_bindgen(unchecked_return_type = $ts_output)]
            pub fn replace(
                &mut self,
                #[wasm_bindgen(unchecked_param_type = $ts_input)] input: JsValue,
            ) -> Result<JsValue, JsValue> {
                let x = streaming_class!(@read $input $(($needs_volume))?, &input)?;
                let out = self.inner.replace(x);
                self.ready = out.is_some();
                output(out)
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
                self.inner.to_string()
            }
        }
    };
    (@read price, $v:expr) => { price_input($v) };
    (@read candle ($needs_volume:literal), $v:expr) => { candle_input($v, $needs_volume) };
    (@read candle, $v:expr) => { candle_input($v, false) };
}

streaming_class!(Ema, trend::Ema, trend::EmaConfig, spec: "ema" IndicatorSpec::Ema(c) => c, options: PeriodOptions, input: price as "number", output: "number | undefined");
streaming_class!(Sma, trend::Sma, trend::SmaConfig, spec: "sma" IndicatorSpec::Sma(c) => c, options: PeriodOptions, input: price as "number", output: "number | undefined");
streaming_class!(Wma, trend::Wma, trend::WmaConfig, spec: "wma" IndicatorSpec::Wma(c) => c, options: PeriodOptions, input: price as "number", output: "number | undefined");
streaming_class!(Dema, trend::Dema, trend::DemaConfig, spec: "dema" IndicatorSpec::Dema(c) => c, options: PeriodOptions, input: price as "number", output: "number | undefined");
streaming_class!(Tema, trend::Tema, trend::TemaConfig, spec: "tema" IndicatorSpec::Tema(c) => c, options: PeriodOptions, input: price as "number", output: "number | undefined");
streaming_class!(Hma, trend::Hma, trend::HmaConfig, spec: "hma" IndicatorSpec::Hma(c) => c, options: PeriodOptions, input: price as "number", output: "number | undefined");
streaming_class!(Vwma, trend::Vwma, trend::VwmaConfig, spec: "vwma" IndicatorSpec::Vwma(c) => c, options: PeriodOptions, input: candle(true) as "CandleInput", output: "number | undefined");
streaming_class!(Macd, trend::Macd, trend::MacdConfig, spec: "macd" IndicatorSpec::Macd(c) => c, options: MacdOptions, input: price as "number", output: "MacdOutput | undefined");
streaming_class!(Adx, trend::Adx, trend::AdxConfig, spec: "adx" IndicatorSpec::Adx(c) => c, options: PeriodOptions, input: candle as "CandleInput", output: "AdxOutput | undefined");
streaming_class!(Dmi, trend::Dmi, trend::DmiConfig, spec: "adx" IndicatorSpec::Adx(c) => trend::DmiConfig { period: c.period }, options: PeriodOptions, input: candle as "CandleInput", output: "DmiOutput | undefined");
streaming_class!(Aroon, trend::Aroon, trend::AroonConfig, spec: "aroon" IndicatorSpec::Aroon(c) => c, options: PeriodOptions, input: candle as "CandleInput", output: "AroonOutput | undefined");
streaming_class!(Sar, trend::Sar, trend::SarConfig, spec: "psar" IndicatorSpec::Psar(c) => c, options: SarOptions, input: candle as "CandleInput", output: "number | undefined");
streaming_class!(Ichimoku, trend::Ichimoku, trend::IchimokuConfig, spec: "ichimoku" IndicatorSpec::Ichimoku(c) => c, options: IchimokuOptions, input: candle as "CandleInput", output: "IchimokuOutput | undefined");
streaming_class!(Supertrend, trend::Supertrend, trend::SupertrendConfig, spec: "supertrend" IndicatorSpec::Supertrend(c) => c, options: SupertrendOptions, input: candle as "CandleInput", output: "SupertrendOutput | undefined");
streaming_class!(Rsi, momentum::Rsi, momentum::RsiConfig, spec: "rsi" IndicatorSpec::Rsi(c) => c, options: PeriodOptions, input: price as "number", output: "number | undefined");
streaming_class!(Stoch, momentum::Stoch, momentum::StochConfig, spec: "stoch" IndicatorSpec::Stoch(c) => c, options: StochOptions, input: candle as "CandleInput", output: "StochOutput | undefined");
streaming_class!(StochRsi, momentum::StochRsi, momentum::StochRsiConfig, spec: "stochrsi" IndicatorSpec::StochRsi(c) => c, options: StochRsiOptions, input: price as "number", output: "StochOutput | undefined");
streaming_class!(Cci, momentum::Cci, momentum::CciConfig, spec: "cci" IndicatorSpec::Cci(c) => c, options: PeriodOptions, input: candle as "CandleInput", output: "number | undefined");
streaming_class!(WillR, momentum::WillR, momentum::WillRConfig, spec: "willr" IndicatorSpec::WillR(c) => c, options: PeriodOptions, input: candle as "CandleInput", output: "number | undefined");
streaming_class!(Mom, momentum::Mom, momentum::MomConfig, spec: "mom" IndicatorSpec::Mom(c) => c, options: PeriodOptions, input: price as "number", output: "number | undefined");
streaming_class!(Roc, momentum::Roc, momentum::RocConfig, spec: "roc" IndicatorSpec::Roc(c) => c, options: PeriodOptions, input: price as "number", output: "number | undefined");
streaming_class!(Ao, momentum::Ao, momentum::AoConfig, spec: "ao" IndicatorSpec::Ao(c) => c, options: AoOptions, input: candle as "CandleInput", output: "number | undefined");
streaming_class!(UltOsc, momentum::UltOsc, momentum::UltOscConfig, spec: "uo" IndicatorSpec::Uo(c) => c, options: UltOscOptions, input: candle as "CandleInput", output: "number | undefined");
streaming_class!(ElderRay, momentum::ElderRay, momentum::ElderRayConfig, spec: "elderray" IndicatorSpec::ElderRay(c) => c, options: PeriodOptions, input: candle as "CandleInput", output: "ElderRayOutput | undefined");
streaming_class!(BBands, volatility::BBands, volatility::BBandsConfig, spec: "bb" IndicatorSpec::Bb(c) => c, options: BollingerOptions, input: price as "number", output: "BollingerOutput | undefined");
streaming_class!(StdDev, volatility::StdDev, volatility::StdDevConfig, spec: "stddev" IndicatorSpec::StdDev(c) => c, options: StdDevOptions, input: price as "number", output: "number | undefined");
streaming_class!(Atr, volatility::Atr, volatility::AtrConfig, spec: "atr" IndicatorSpec::Atr(c) => c, options: PeriodOptions, input: candle as "CandleInput", output: "number | undefined");
streaming_class!(Natr, volatility::Natr, volatility::NatrConfig, spec: "natr" IndicatorSpec::Natr(c) => c, options: PeriodOptions, input: candle as "CandleInput", output: "number | undefined");
streaming_class!(Keltner, volatility::Keltner, volatility::KeltnerConfig, spec: "kc" IndicatorSpec::Kc(c) => c, options: KeltnerOptions, input: candle as "CandleInput", output: "BandsOutput | undefined");
streaming_class!(Donchian, volatility::Donchian, volatility::DonchianConfig, spec: "dc" IndicatorSpec::Dc(c) => c, options: PeriodOptions, input: candle as "CandleInput", output: "BandsOutput | undefined");
streaming_class!(Obv, volume::Obv, volume::ObvConfig, spec: "obv" IndicatorSpec::Obv => Default::default(), options: NoOptions, input: candle(true) as "CandleInput", output: "number | undefined");
streaming_class!(Mfi, volume::Mfi, volume::MfiConfig, spec: "mfi" IndicatorSpec::Mfi(c) => c, options: PeriodOptions, input: candle(true) as "CandleInput", output: "number | undefined");
streaming_class!(Ad, volume::Ad, volume::AdConfig, spec: "ad" IndicatorSpec::Ad => Default::default(), options: NoOptions, input: candle(true) as "CandleInput", output: "number | undefined");
streaming_class!(Vwap, volume::Vwap, volume::VwapConfig, spec: "vwap" IndicatorSpec::Vwap(c) => c, options: PeriodOptions, input: candle(true) as "CandleInput", output: "number | undefined");
streaming_class!(VolumeZ, volume::VolumeZ, volume::VolumeZConfig, spec: "volume_z" IndicatorSpec::VolumeZ(c) => c, options: PeriodOptions, input: candle(true) as "CandleInput", output: "number | undefined");

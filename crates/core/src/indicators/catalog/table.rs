//! The catalog: one row per indicator. A row names the indicator (its tag
//! for data, its type name, its full name), what it reads, how it and its
//! outputs are named, its config and parameters (defaults and bounds live
//! with the config, in the indicator's own file), the TypeScript type of a
//! streaming output, and how to compute its outputs from price columns.
//!
//! Adding an indicator: write its file (config with `Default`, `validate`
//! and `init`; the streaming type; the batch function), then add one row
//! here. Names, parsing, defaults, the JS option table, the TypeScript
//! types and the JS classes all follow from the row.

use super::nan;
use super::row::catalog;
use crate::indicators::momentum::stoch::stoch_into;
use crate::indicators::momentum::{
    AoConfig, CciConfig, ElderRayConfig, MomConfig, RocConfig, RsiConfig, StochConfig,
    StochRsiConfig, TrixConfig, UltimateOscillatorConfig, WillRConfig, ao, cci, elder_ray, mom,
    roc, rsi, stoch_rsi, trix, ult_osc, willr,
};
use crate::indicators::trend::adx::adx_into;
use crate::indicators::trend::{
    AdxConfig, AroonConfig, DemaConfig, EmaConfig, HmaConfig, IchimokuConfig, MacdConfig,
    ParabolicSarConfig, SmaConfig, SupertrendConfig, TemaConfig, VwmaConfig, WmaConfig, aroon,
    dema, ema, hma, ichimoku, macd, sar, sma, supertrend, tema, vwma, wma,
};
use crate::indicators::volatility::atr::atr_into;
use crate::indicators::volatility::{
    AtrConfig, BollingerBandsConfig, DonchianChannelConfig, KeltnerChannelConfig, NatrConfig,
    StdDevConfig, bbands, donchian, keltner, natr, stddev,
};
use crate::indicators::volume::{
    AdConfig, MfiConfig, ObvConfig, VolumeZConfig, VwapConfig, ad, mfi, obv, volume_z, vwap,
};

catalog! {
    Sma {
        tag: "sma", title: "Simple moving average", category: Trend,
        input: Close, naming: Period, config: SmaConfig { period: Count },
        outputs: [""], stream: "number",
        compute: |c, x| Ok(vec![sma(x.close(), c.period)?]),
    }
    Ema {
        tag: "ema", title: "Exponential moving average", category: Trend,
        input: Close, naming: Period, config: EmaConfig { period: Count },
        outputs: [""], stream: "number",
        compute: |c, x| Ok(vec![ema(x.close(), c.period)?]),
    }
    Wma {
        tag: "wma", title: "Weighted moving average", category: Trend,
        input: Close, naming: Period, config: WmaConfig { period: Count },
        outputs: [""], stream: "number",
        compute: |c, x| Ok(vec![wma(x.close(), c.period)?]),
    }
    Dema {
        tag: "dema", title: "Double exponential moving average", category: Trend,
        input: Close, naming: Period, config: DemaConfig { period: Count },
        outputs: [""], stream: "number",
        compute: |c, x| Ok(vec![dema(x.close(), c.period)?]),
    }
    Tema {
        tag: "tema", title: "Triple exponential moving average", category: Trend,
        input: Close, naming: Period, config: TemaConfig { period: Count },
        outputs: [""], stream: "number",
        compute: |c, x| Ok(vec![tema(x.close(), c.period)?]),
    }
    Hma {
        tag: "hma", title: "Hull moving average", category: Trend,
        input: Close, naming: Period, config: HmaConfig { period: Count },
        outputs: [""], stream: "number",
        compute: |c, x| Ok(vec![hma(x.close(), c.period)?]),
    }
    Vwma {
        tag: "vwma", title: "Volume-weighted moving average", category: Trend,
        input: CloseVolume, naming: Period, config: VwmaConfig { period: Count },
        outputs: [""], stream: "number",
        compute: |c, x| Ok(vec![vwma(&x.candles()?, c.period)?]),
    }
    Rsi {
        tag: "rsi", title: "Relative strength index", category: Momentum,
        input: Close, naming: Period, config: RsiConfig { period: Count },
        outputs: [""], stream: "number",
        compute: |c, x| Ok(vec![rsi(x.close(), c.period)?]),
    }
    Macd {
        tag: "macd", title: "Moving average convergence/divergence", category: Trend,
        input: Close, naming: Parameters,
        config: MacdConfig { fast: Count, slow: Count, signal: Count },
        outputs: ["", "signal", "hist"], stream: "MacdOutput",
        compute: |c, x| {
            let s = macd(x.close(), *c)?;
            Ok(vec![s.macd, s.signal, s.histogram])
        },
    }
    Stoch {
        tag: "stoch", title: "Stochastic oscillator", category: Momentum,
        input: Hlc, naming: Parameters,
        config: StochConfig { k_period: Count, k_slowing: Count, d_period: Count },
        outputs: ["k", "d"], stream: "StochOutput",
        compute: |c, x| {
            let [mut k, mut d] = [nan(x.len()), nan(x.len())];
            stoch_into(&x.hlc()?, *c, [&mut k, &mut d]);
            Ok(vec![k, d])
        },
    }
    StochRsi {
        tag: "stochrsi", title: "Stochastic RSI", category: Momentum,
        input: Close, naming: Parameters,
        config: StochRsiConfig { rsi_period: Count, k_period: Count, d_period: Count },
        outputs: ["k", "d"], stream: "StochOutput",
        compute: |c, x| {
            let s = stoch_rsi(x.close(), *c)?;
            Ok(vec![s.k, s.d])
        },
    }
    Cci {
        tag: "cci", title: "Commodity channel index", category: Momentum,
        input: Hlc, naming: Period, config: CciConfig { period: Count },
        outputs: [""], stream: "number",
        compute: |c, x| Ok(vec![cci(&x.candles()?, c.period)?]),
    }
    WillR {
        tag: "willr", title: "Williams %R", category: Momentum,
        input: Hlc, naming: Period, config: WillRConfig { period: Count },
        outputs: [""], stream: "number",
        compute: |c, x| Ok(vec![willr(&x.candles()?, c.period)?]),
    }
    Mom {
        tag: "mom", title: "Momentum", category: Momentum,
        input: Close, naming: Period, config: MomConfig { period: Count },
        outputs: [""], stream: "number",
        compute: |c, x| Ok(vec![mom(x.close(), c.period)?]),
    }
    Roc {
        tag: "roc", title: "Rate of change", category: Momentum,
        input: Close, naming: Period, config: RocConfig { period: Count },
        outputs: [""], stream: "number",
        compute: |c, x| Ok(vec![roc(x.close(), c.period)?]),
    }
    Trix {
        tag: "trix", title: "Triple-smoothed EMA rate of change (TRIX)", category: Momentum,
        input: Close, naming: Period, config: TrixConfig { period: Count },
        outputs: [""], stream: "number",
        compute: |c, x| Ok(vec![trix(x.close(), c.period)?]),
    }
    Ao {
        tag: "ao", title: "Awesome oscillator", category: Momentum,
        input: Hlc, naming: Parameters, config: AoConfig { fast: Count, slow: Count },
        outputs: [""], stream: "number",
        compute: |c, x| Ok(vec![ao(&x.candles()?, *c)?]),
    }
    UltimateOscillator {
        tag: "uo", title: "Ultimate oscillator", category: Momentum,
        input: Hlc, naming: Parameters,
        config: UltimateOscillatorConfig { short: Count, mid: Count, long: Count },
        outputs: [""], stream: "number", aliases: ["UltOsc"],
        compute: |c, x| Ok(vec![ult_osc(&x.candles()?, *c)?]),
    }
    Adx {
        tag: "adx", title: "Average directional index, with +DI and −DI", category: Trend,
        input: Hlc, naming: Period, config: AdxConfig { period: Count },
        outputs: ["", "plus_di", "minus_di"], stream: "AdxOutput",
        compute: |c, x| {
            // +DI/−DI from input `period + 1` (TA-Lib's PLUS_DI lookback,
            // shorter than ADX's), ADX from input `2·period`.
            let [mut adx, mut plus, mut minus] = [nan(x.len()), nan(x.len()), nan(x.len())];
            adx_into(&x.hlc()?, c.period, true, [&mut adx, &mut plus, &mut minus]);
            Ok(vec![adx, plus, minus])
        },
    }
    Aroon {
        tag: "aroon", title: "Aroon up, down and oscillator", category: Trend,
        input: Hlc, naming: Period, config: AroonConfig { period: Count },
        outputs: ["aroon_up", "aroon_down", "aroon_osc"], stream: "AroonOutput",
        compute: |c, x| {
            let s = aroon(&x.candles()?, c.period)?;
            Ok(vec![s.up, s.down, s.oscillator])
        },
    }
    ParabolicSar {
        tag: "psar", title: "Parabolic SAR", category: Trend,
        input: Hlc, naming: Parameters,
        config: ParabolicSarConfig { acceleration: Number, maximum: Number },
        outputs: [""], stream: "number", aliases: ["Sar"],
        compute: |c, x| Ok(vec![sar(&x.candles()?, *c)?]),
    }
    BollingerBands {
        tag: "bb", title: "Bollinger Bands", category: Volatility,
        input: Close, naming: Parameters,
        config: BollingerBandsConfig { period: Count, multiplier: Number },
        outputs: ["upper", "middle", "lower", "percent_b", "bandwidth"],
        stream: "BollingerOutput", aliases: ["BBands"],
        compute: |c, x| {
            let s = bbands(x.close(), *c)?;
            Ok(vec![s.upper, s.middle, s.lower, s.percent_b, s.bandwidth])
        },
    }
    Atr {
        tag: "atr", title: "Average true range", category: Volatility,
        input: Hlc, naming: Period, config: AtrConfig { period: Count },
        outputs: [""], stream: "number",
        compute: |c, x| {
            let mut out = nan(x.len());
            atr_into(&x.hlc()?, c.period, &mut out);
            Ok(vec![out])
        },
    }
    Natr {
        tag: "natr", title: "Normalized average true range", category: Volatility,
        input: Hlc, naming: Period, config: NatrConfig { period: Count },
        outputs: [""], stream: "number",
        compute: |c, x| Ok(vec![natr(&x.candles()?, c.period)?]),
    }
    KeltnerChannel {
        tag: "kc", title: "Keltner channel", category: Volatility,
        input: Hlc, naming: Parameters,
        config: KeltnerChannelConfig { period: Count, atr_period: Count, multiplier: Number },
        outputs: ["upper", "middle", "lower"], stream: "BandsOutput", aliases: ["Keltner"],
        compute: |c, x| {
            let s = keltner(&x.candles()?, *c)?;
            Ok(vec![s.upper, s.middle, s.lower])
        },
    }
    DonchianChannel {
        tag: "dc", title: "Donchian channel", category: Volatility,
        input: Hlc, naming: Parameters, config: DonchianChannelConfig { period: Count },
        outputs: ["upper", "middle", "lower"], stream: "BandsOutput", aliases: ["Donchian"],
        compute: |c, x| {
            let s = donchian(&x.candles()?, c.period)?;
            Ok(vec![s.upper, s.middle, s.lower])
        },
    }
    Obv {
        tag: "obv", title: "On-balance volume", category: Volume,
        input: CloseVolume, naming: Parameters, config: ObvConfig {},
        outputs: [""], stream: "number",
        compute: |_, x| Ok(vec![obv(&x.candles()?)?]),
    }
    Mfi {
        tag: "mfi", title: "Money flow index", category: Volume,
        input: Hlcv, naming: Period, config: MfiConfig { period: Count },
        outputs: [""], stream: "number",
        compute: |c, x| Ok(vec![mfi(&x.candles()?, c.period)?]),
    }
    Ad {
        tag: "ad", title: "Accumulation/distribution line", category: Volume,
        input: Hlcv, naming: Parameters, config: AdConfig {},
        outputs: [""], stream: "number",
        compute: |_, x| Ok(vec![ad(&x.candles()?)?]),
    }
    StdDev {
        tag: "stddev", title: "Standard deviation", category: Volatility,
        input: Close, naming: Period, config: StdDevConfig { period: Count, deviations: Number },
        outputs: [""], stream: "number",
        compute: |c, x| Ok(vec![stddev(x.close(), *c)?]),
    }
    ElderRay {
        tag: "elderray", title: "Elder-ray bull and bear power", category: Momentum,
        input: Hlc, naming: Period, config: ElderRayConfig { period: Count },
        outputs: ["bull_power", "bear_power"], stream: "ElderRayOutput",
        compute: |c, x| {
            let s = elder_ray(&x.candles()?, c.period)?;
            Ok(vec![s.bull_power, s.bear_power])
        },
    }
    Vwap {
        tag: "vwap", title: "Rolling volume-weighted average price", category: Volume,
        input: Hlcv, naming: Period, config: VwapConfig { period: Count },
        outputs: [""], stream: "number",
        compute: |c, x| Ok(vec![vwap(&x.candles()?, c.period)?]),
    }
    VolumeZ {
        tag: "volume_z", title: "Volume z-score", category: Volume,
        input: CloseVolume, naming: Period, config: VolumeZConfig { period: Count },
        outputs: [""], stream: "number",
        compute: |c, x| Ok(vec![volume_z(&x.candles()?, c.period)?]),
    }
    Ichimoku {
        tag: "ichimoku", title: "Ichimoku cloud", category: Trend,
        input: Hlc, naming: Parameters,
        config: IchimokuConfig { conversion: Count, base: Count, span_b: Count },
        outputs: ["conversion", "base", "span_a", "span_b"], stream: "IchimokuOutput",
        compute: |c, x| {
            let s = ichimoku(&x.candles()?, *c)?;
            Ok(vec![s.conversion, s.base, s.span_a, s.span_b])
        },
    }
    Supertrend {
        tag: "supertrend", title: "Supertrend", category: Trend,
        input: Hlc, naming: Parameters,
        config: SupertrendConfig { atr_period: Count, multiplier: Number },
        outputs: ["", "direction"], stream: "SupertrendOutput",
        compute: |c, x| {
            let s = supertrend(&x.candles()?, *c)?;
            Ok(vec![s.value, s.direction])
        },
    }
}

//! Invalid parameters give typed errors quoting the value; configs read JSON
//! with defaults and reject unknown fields.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

use tokenlens_core::Error;
use tokenlens_core::indicators::Candle;
use tokenlens_core::indicators::momentum::*;
use tokenlens_core::indicators::trend::*;
use tokenlens_core::indicators::volatility::*;
use tokenlens_core::indicators::volume::*;

fn invalid<T: std::fmt::Debug>(r: Result<T, Error>, name: &str, value: &str) {
    let err = r.unwrap_err();
    assert_eq!(err.code(), "INVALID_PARAMETER", "{err}");
    match &err {
        Error::InvalidParameter {
            name: n, value: v, ..
        } => {
            assert_eq!((*n, v.as_str()), (name, value), "{err}");
        }
        other => panic!("{other:?}"),
    }
    let msg = err.to_string();
    assert!(msg.contains(name) && msg.contains(value), "{msg}");
}

#[test]
fn zero_periods_are_rejected() {
    invalid(SmaConfig { period: 0 }.init(), "period", "0");
    invalid(WmaConfig { period: 0 }.init(), "period", "0");
    invalid(DemaConfig { period: 0 }.init(), "period", "0");
    invalid(TemaConfig { period: 0 }.init(), "period", "0");
    invalid(RsiConfig { period: 0 }.init(), "period", "0");
    invalid(MomConfig { period: 0 }.init(), "period", "0");
    invalid(RocConfig { period: 0 }.init(), "period", "0");
    invalid(AtrConfig { period: 0 }.init(), "period", "0");
    invalid(NatrConfig { period: 0 }.init(), "period", "0");
    invalid(WillRConfig { period: 0 }.init(), "period", "0");
    invalid(MfiConfig { period: 0 }.init(), "period", "0");
    invalid(AroonConfig { period: 0 }.init(), "period", "0");
    invalid(CciConfig { period: 1 }.init(), "period", "1");
    invalid(ElderRayConfig { period: 0 }.init(), "period", "0");
    invalid(VwapConfig { period: 0 }.init(), "period", "0");
    invalid(VolumeZConfig { period: 1 }.init(), "period", "1");
    invalid(
        IchimokuConfig {
            conversion: 9,
            base: 0,
            span_b: 52,
        }
        .init(),
        "base",
        "0",
    );
    invalid(
        SupertrendConfig {
            atr_period: 0,
            multiplier: 3.0,
        }
        .init(),
        "atr_period",
        "0",
    );
    invalid(
        SupertrendConfig {
            atr_period: 10,
            multiplier: -1.0,
        }
        .init(),
        "multiplier",
        "-1",
    );
    invalid(AdxConfig { period: 1 }.init(), "period", "1");
    invalid(DmiConfig { period: 1 }.init(), "period", "1");
    invalid(
        MacdConfig {
            fast: 12,
            slow: 26,
            signal: 0,
        }
        .init(),
        "signal",
        "0",
    );
    invalid(
        MacdConfig {
            fast: 1,
            slow: 26,
            signal: 9,
        }
        .init(),
        "fast",
        "1",
    );
    invalid(
        MacdConfig {
            fast: 26,
            slow: 12,
            signal: 9,
        }
        .init(),
        "slow",
        "12",
    );
    invalid(
        StochConfig {
            k_period: 14,
            k_slowing: 0,
            d_period: 3,
        }
        .init(),
        "k_slowing",
        "0",
    );
    invalid(
        StochRsiConfig {
            rsi_period: 14,
            k_period: 14,
            d_period: 0,
        }
        .init(),
        "d_period",
        "0",
    );
    invalid(
        UltimateOscillatorConfig {
            short: 7,
            mid: 0,
            long: 28,
        }
        .init(),
        "mid",
        "0",
    );
    invalid(
        StdDevConfig {
            period: 1,
            deviations: 1.0,
        }
        .init(),
        "period",
        "1",
    );
}

#[test]
fn bad_multipliers_are_rejected() {
    invalid(
        BollingerBandsConfig {
            period: 20,
            multiplier: f64::NAN,
        }
        .init(),
        "multiplier",
        "NaN",
    );
    invalid(
        BollingerBandsConfig {
            period: 20,
            multiplier: -2.0,
        }
        .init(),
        "multiplier",
        "-2",
    );
    invalid(
        StdDevConfig {
            period: 20,
            deviations: f64::INFINITY,
        }
        .init(),
        "deviations",
        "inf",
    );
    invalid(
        ParabolicSarConfig {
            acceleration: f64::NAN,
            maximum: 0.2,
        }
        .init(),
        "acceleration",
        "NaN",
    );
    invalid(
        ParabolicSarConfig {
            acceleration: 0.02,
            maximum: 0.0,
        }
        .init(),
        "maximum",
        "0",
    );
    invalid(
        ParabolicSarConfig {
            acceleration: 0.3,
            maximum: 0.2,
        }
        .init(),
        "acceleration",
        "0.3",
    );
}

#[test]
fn batch_functions_reject_non_finite_input_naming_the_index() {
    let err = sma(&[1.0, 2.0, f64::INFINITY], 2).unwrap_err();
    assert_eq!(err.code(), "INVALID_INPUT");
    assert!(err.to_string().contains("index 2"), "{err}");
    let mut cs = vec![Candle::flat(1.0, 1.0); 4];
    cs[3].volume = f64::NAN;
    let err = obv(&cs).unwrap_err();
    assert_eq!(err.to_string(), "invalid input `volume`: NaN at index 3");
    let err = atr(&cs, 2).unwrap_err();
    assert_eq!(err.code(), "INVALID_INPUT");
}

#[test]
fn configs_read_json_with_defaults() {
    let c: MacdConfig = serde_json::from_str(r#"{"signal": 5}"#).unwrap();
    assert_eq!(
        c,
        MacdConfig {
            fast: 12,
            slow: 26,
            signal: 5
        }
    );
    let b: BollingerBandsConfig = serde_json::from_str("{}").unwrap();
    assert_eq!(
        b,
        BollingerBandsConfig {
            period: 20,
            multiplier: 2.0
        }
    );
    let s: StochConfig = serde_json::from_str("{}").unwrap();
    assert_eq!((s.k_period, s.k_slowing, s.d_period), (14, 3, 3));
    assert!(serde_json::from_str::<RsiConfig>(r#"{"length": 14}"#).is_err());
    assert!(serde_json::from_str::<ParabolicSarConfig>(r#"{"step": 0.02}"#).is_err());
    let i: IchimokuConfig = serde_json::from_str(r#"{"conversion": 7}"#).unwrap();
    assert_eq!((i.conversion, i.base, i.span_b), (7, 26, 52));
    let s: SupertrendConfig = serde_json::from_str("{}").unwrap();
    assert_eq!((s.atr_period, s.multiplier), (10, 3.0));
}

#[test]
fn display_names() {
    assert_eq!(RsiConfig::default().init().unwrap().to_string(), "RSI(14)");
    assert_eq!(SmaConfig::default().init().unwrap().to_string(), "SMA(20)");
    assert_eq!(
        MacdConfig::default().init().unwrap().to_string(),
        "MACD(12,26,9)"
    );
    assert_eq!(
        BollingerBandsConfig::default().init().unwrap().to_string(),
        "BB(20,2)"
    );
    assert_eq!(
        StochConfig::default().init().unwrap().to_string(),
        "STOCH(14,3,3)"
    );
    assert_eq!(AdxConfig::default().init().unwrap().to_string(), "ADX(14)");
    assert_eq!(
        ParabolicSarConfig::default().init().unwrap().to_string(),
        "SAR(0.02,0.2)"
    );
    assert_eq!(ObvConfig::default().init().unwrap().to_string(), "OBV");
    assert_eq!(
        ElderRayConfig::default().init().unwrap().to_string(),
        "ERI(13)"
    );
    assert_eq!(
        VwapConfig::default().init().unwrap().to_string(),
        "VWAP(20)"
    );
    assert_eq!(
        VolumeZConfig::default().init().unwrap().to_string(),
        "VOLZ(20)"
    );
    assert_eq!(
        IchimokuConfig::default().init().unwrap().to_string(),
        "ICHIMOKU(9,26,52)"
    );
    assert_eq!(
        SupertrendConfig::default().init().unwrap().to_string(),
        "SUPERTREND(10,3)"
    );
}

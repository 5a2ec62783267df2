//! Every indicator TA-Lib has, checked against TA-Lib's own outputs.
//!
//! The golden files in `tests/golden/` are written by
//! `scripts/talib_golden.py`: real daily OHLCV (BTC and PEPE, 300 days) and
//! short synthetic edge cases, with TA-Lib's outputs. After warm-up, values
//! must agree to 1e-9 relative (relative to a millionth of the column's
//! largest magnitude for values near 0); the warm-up (the `NaN` prefix) must
//! be exactly TA-Lib's lookback.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use tokenlens_core::indicators::Candle;
use tokenlens_core::indicators::momentum::{
    self, StochConfig, StochRsiConfig, UltimateOscillatorConfig,
};
use tokenlens_core::indicators::trend::{self, MacdConfig, ParabolicSarConfig};
use tokenlens_core::indicators::volatility::{self, BollingerBandsConfig, StdDevConfig};
use tokenlens_core::indicators::volume;

#[derive(Deserialize)]
struct Golden {
    name: String,
    open: Vec<f64>,
    high: Vec<f64>,
    low: Vec<f64>,
    close: Vec<f64>,
    volume: Vec<f64>,
    outputs: BTreeMap<String, Vec<Option<f64>>>,
}

fn load(name: &str) -> Golden {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Our outputs, named as the golden files name TA-Lib's.
fn ours(g: &Golden) -> BTreeMap<String, Vec<f64>> {
    let c = &g.close;
    let k = Candle::from_columns(&g.open, &g.high, &g.low, &g.close, &g.volume).unwrap();
    let mut r = BTreeMap::new();
    let mut put = |key: String, v: Vec<f64>| {
        assert!(r.insert(key, v).is_none());
    };
    for n in [5, 20] {
        put(format!("sma_{n}"), trend::sma(c, n).unwrap());
        put(format!("ema_{n}"), trend::ema(c, n).unwrap());
        put(format!("wma_{n}"), trend::wma(c, n).unwrap());
        let sd = StdDevConfig {
            period: n,
            deviations: 1.0,
        };
        put(format!("stddev_{n}"), volatility::stddev(c, sd).unwrap());
        put(format!("dema_{n}"), trend::dema(c, n).unwrap());
        put(format!("tema_{n}"), trend::tema(c, n).unwrap());
        put(format!("trix_{n}"), momentum::trix(c, n).unwrap());
        put(format!("cci_{n}"), momentum::cci(&k, n).unwrap());
    }
    for n in [2, 14] {
        put(format!("rsi_{n}"), momentum::rsi(c, n).unwrap());
        put(format!("atr_{n}"), volatility::atr(&k, n).unwrap());
        put(format!("natr_{n}"), volatility::natr(&k, n).unwrap());
        let adx = trend::adx(&k, n).unwrap();
        put(format!("adx_{n}"), adx.adx.clone());
        let dmi = trend::dmi(&k, n).unwrap();
        put(format!("plus_di_{n}"), dmi.plus_di.clone());
        put(format!("minus_di_{n}"), dmi.minus_di.clone());
        // The ADX's own ±DI are the same numbers, from its first output on.
        for (i, a) in adx.adx.iter().enumerate().filter(|(_, a)| !a.is_nan()) {
            assert_eq!(
                (adx.plus_di[i], adx.minus_di[i]),
                (dmi.plus_di[i], dmi.minus_di[i]),
                "ADX({n}) ±DI at {i} ({a})"
            );
        }
        put(format!("willr_{n}"), momentum::willr(&k, n).unwrap());
        put(format!("mfi_{n}"), volume::mfi(&k, n).unwrap());
        let aroon = trend::aroon(&k, n).unwrap();
        put(format!("aroon_up_{n}"), aroon.up);
        put(format!("aroon_down_{n}"), aroon.down);
        put(format!("aroonosc_{n}"), aroon.oscillator);
    }
    for n in [1, 10] {
        put(format!("mom_{n}"), momentum::mom(c, n).unwrap());
        put(format!("roc_{n}"), momentum::roc(c, n).unwrap());
    }
    for (fast, slow, signal) in [(12, 26, 9), (5, 13, 4)] {
        let m = trend::macd(c, MacdConfig { fast, slow, signal }).unwrap();
        let key = format!("{fast}_{slow}_{signal}");
        put(format!("macd_{key}"), m.macd);
        put(format!("macd_signal_{key}"), m.signal);
        put(format!("macd_hist_{key}"), m.histogram);
    }
    for (period, multiplier, key) in [(20, 2.0, "20_2"), (10, 1.5, "10_1.5")] {
        let b = volatility::bbands(c, BollingerBandsConfig { period, multiplier }).unwrap();
        put(format!("bb_upper_{key}"), b.upper);
        put(format!("bb_middle_{key}"), b.middle);
        put(format!("bb_lower_{key}"), b.lower);
        put(format!("bb_percent_b_{key}"), b.percent_b);
        put(format!("bb_bandwidth_{key}"), b.bandwidth);
    }
    for (k_period, k_slowing, d_period) in [(14, 3, 3), (5, 3, 3)] {
        let cfg = StochConfig {
            k_period,
            k_slowing,
            d_period,
        };
        let s = momentum::stoch(&k, cfg).unwrap();
        let key = format!("{k_period}_{k_slowing}_{d_period}");
        put(format!("stoch_k_{key}"), s.k);
        put(format!("stoch_d_{key}"), s.d);
    }
    for (rsi_period, k_period, d_period) in [(14, 14, 3), (14, 5, 3)] {
        let cfg = StochRsiConfig {
            rsi_period,
            k_period,
            d_period,
        };
        let s = momentum::stoch_rsi(c, cfg).unwrap();
        let key = format!("{rsi_period}_{k_period}_{d_period}");
        put(format!("stochrsi_k_{key}"), s.k);
        put(format!("stochrsi_d_{key}"), s.d);
    }
    put("obv".into(), volume::obv(&k).unwrap());
    put("ad".into(), volume::ad(&k).unwrap());
    put(
        "sar_0.02_0.2".into(),
        trend::sar(&k, ParabolicSarConfig::default()).unwrap(),
    );
    put(
        "ultosc_7_14_28".into(),
        momentum::ult_osc(&k, UltimateOscillatorConfig::default()).unwrap(),
    );
    r
}

fn check(name: &str) {
    let g = load(name);
    assert_eq!(g.name, name);
    let ours = ours(&g);
    let mut failures = Vec::new();
    for (key, want) in &g.outputs {
        let got = ours
            .get(key)
            .unwrap_or_else(|| panic!("{name}: no output named {key}"));
        assert_eq!(got.len(), want.len(), "{name}/{key}: length");
        let lookback = want.iter().take_while(|w| w.is_none()).count();
        let our_lookback = got.iter().take_while(|v| v.is_nan()).count();
        if lookback != our_lookback {
            failures.push(format!("{key}: warm-up {our_lookback}, TA-Lib {lookback}"));
            continue;
        }
        // Values below a millionth of the column's magnitude are rounding
        // residue of a sum that should be 0 (e.g. an SMA of zeros after a
        // window slid over); they are compared absolutely at that scale.
        let scale = want.iter().flatten().fold(0.0f64, |m, w| m.max(w.abs()));
        let floor = (1e-6 * scale).max(f64::MIN_POSITIVE);
        for (i, (g, w)) in got.iter().zip(want).enumerate().skip(lookback) {
            let Some(w) = *w else {
                failures.push(format!("{key}[{i}]: TA-Lib has a gap"));
                break;
            };
            let agrees = (g - w).abs() <= 1e-9 * w.abs().max(floor);
            if !agrees {
                failures.push(format!("{key}[{i}]: ours {g}, TA-Lib {w}"));
                break;
            }
        }
    }
    let extra: Vec<_> = ours
        .keys()
        .filter(|k| !g.outputs.contains_key(*k))
        .collect();
    assert!(extra.is_empty(), "{name}: no golden values for {extra:?}");
    assert!(failures.is_empty(), "{name}:\n{}", failures.join("\n"));
}

#[test]
fn btc_daily() {
    check("btc");
}

#[test]
fn pepe_daily() {
    check("pepe");
}

#[test]
fn constant_series() {
    check("constant");
}

#[test]
fn gap_up() {
    check("gap_up");
}

#[test]
fn tiny_prices() {
    check("tiny");
}

//! The batch functions run dedicated loops (no per-step `Option` or undo
//! bookkeeping, columns instead of candles); they must give the streaming
//! indicators' outputs bit for bit, and the catalog's flat-buffer pass must
//! give what `compute` gives.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

use proptest::prelude::*;
use tokenlens_core::indicators::catalog::{
    Columns, IndicatorSpec, compute_all_into, default_specs,
};
use tokenlens_core::indicators::momentum::*;
use tokenlens_core::indicators::trend::*;
use tokenlens_core::indicators::volatility::*;
use tokenlens_core::indicators::{Candle, Indicator};

/// Bit-for-bit equality (any NaN equals any NaN).
fn same(a: &[f64], b: &[f64]) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.len(), b.len());
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        prop_assert!(
            (x.is_nan() && y.is_nan()) || x.to_bits() == y.to_bits(),
            "index {}: {} vs {}",
            i,
            x,
            y
        );
    }
    Ok(())
}

/// Streaming outputs as columns, NaN until ready.
fn stream<I: Indicator, const N: usize>(
    mut ind: I,
    inputs: &[I::Input],
    get: impl Fn(&I::Output) -> [f64; N],
) -> [Vec<f64>; N]
where
    I::Input: Copy,
{
    let mut cols: [Vec<f64>; N] = std::array::from_fn(|_| Vec::new());
    for &x in inputs {
        let vals = ind.update(x).map_or([f64::NAN; N], |o| get(&o));
        for (c, v) in cols.iter_mut().zip(vals) {
            c.push(v);
        }
    }
    cols
}

/// A random walk with ties, flat stretches and gaps.
fn candles() -> impl Strategy<Value = Vec<Candle>> {
    proptest::collection::vec((0u32..5, 0u32..40, 0u32..40, 0u32..40, -40i32..40), 0..140).prop_map(
        |rows| {
            let mut price = 100.0;
            rows.into_iter()
                .map(|(flat, up, down, open, step)| {
                    if flat > 0 {
                        price += f64::from(step) / 8.0;
                    }
                    let price_open = price + f64::from(open) / 16.0 - 1.25;
                    let high = price.max(price_open) + f64::from(up) / 4.0 * f64::from(flat.min(1));
                    let low =
                        price.min(price_open) - f64::from(down) / 4.0 * f64::from(flat.min(1));
                    Candle::new(price_open, high, low, price, 1.0)
                })
                .collect()
        },
    )
}

fn closes(c: &[Candle]) -> Vec<f64> {
    c.iter().map(|c| c.close).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn close_based_batches_equal_streaming(cs in candles(), n in 1usize..30, m in 1usize..12) {
        let x = closes(&cs);
        let [want] = stream(SmaConfig { period: n }.init().unwrap(), &x, |&v| [v]);
        same(&sma(&x, n).unwrap(), &want)?;
        let [want] = stream(EmaConfig { period: n }.init().unwrap(), &x, |&v| [v]);
        same(&ema(&x, n).unwrap(), &want)?;
        let [want] = stream(RsiConfig { period: n }.init().unwrap(), &x, |&v| [v]);
        same(&rsi(&x, n).unwrap(), &want)?;
        let config = MacdConfig { fast: 2 + n % 9, slow: 2 + n % 9 + m, signal: m };
        let got = macd(&x, config).unwrap();
        let [a, b, c] = stream(config.init().unwrap(), &x, |o| [o.macd, o.signal, o.histogram]);
        same(&got.macd, &a)?;
        same(&got.signal, &b)?;
        same(&got.histogram, &c)?;
        if n >= 2 {
            let config = BollingerBandsConfig { period: n, multiplier: 0.5 + m as f64 / 4.0 };
            let got = bbands(&x, config).unwrap();
            let want = stream(config.init().unwrap(), &x, |o| [o.upper, o.middle, o.lower, o.percent_b, o.bandwidth]);
            for (g, w) in [got.upper, got.middle, got.lower, got.percent_b, got.bandwidth].iter().zip(&want) {
                same(g, w)?;
            }
        }
    }

    #[test]
    fn candle_based_batches_equal_streaming(cs in candles(), n in 1usize..30, s in 1usize..6, d in 1usize..6) {
        let [want] = stream(AtrConfig { period: n }.init().unwrap(), &cs, |&v| [v]);
        same(&atr(&cs, n).unwrap(), &want)?;
        if n >= 2 {
            let got = adx(&cs, n).unwrap();
            let [a, p, m] = stream(AdxConfig { period: n }.init().unwrap(), &cs, |o| [o.adx, o.plus_di, o.minus_di]);
            same(&got.adx, &a)?;
            same(&got.plus_di, &p)?;
            same(&got.minus_di, &m)?;
        }
        let config = StochConfig { k_period: n, k_slowing: s, d_period: d };
        let got = stoch(&cs, config).unwrap();
        let [k, dd] = stream(config.init().unwrap(), &cs, |o| [o.k, o.d]);
        same(&got.k, &k)?;
        same(&got.d, &dd)?;
    }

    #[test]
    fn flat_pass_equals_compute(cs in candles()) {
        let column = |f: fn(&Candle) -> f64| cs.iter().map(f).collect::<Vec<f64>>();
        let (o, h, l, c, v) = (
            column(|c| c.open),
            column(|c| c.high),
            column(|c| c.low),
            column(|c| c.close),
            column(|c| c.volume),
        );
        let cols = Columns { open: Some(&o), high: Some(&h), low: Some(&l), close: &c, volume: Some(&v) };
        let specs: Vec<IndicatorSpec> = default_specs();
        let count: usize = specs.iter().map(IndicatorSpec::output_count).sum();
        let mut flat = vec![0.0; count * c.len()];
        compute_all_into(&specs, &cols, &mut flat).unwrap();
        let mut at = 0;
        for spec in &specs {
            let outputs = spec.compute(&cols).unwrap();
            prop_assert_eq!(outputs.len(), spec.output_count());
            let names: Vec<String> = outputs.iter().map(|(n, _)| n.clone()).collect();
            prop_assert_eq!(names, spec.output_names());
            for (_, values) in outputs {
                same(&flat[at..at + c.len()], &values)?;
                at += c.len();
            }
        }
        prop_assert_eq!(at, flat.len());
    }
}

#[test]
fn flat_pass_reports_missing_columns_and_bad_lengths() {
    let c = [1.0, 2.0, 3.0];
    let spec: IndicatorSpec = "atr14".parse().unwrap();
    let mut out = [0.0; 3];
    let err = compute_all_into(
        std::slice::from_ref(&spec),
        &Columns::close_only(&c),
        &mut out,
    )
    .unwrap_err();
    assert_eq!(err.code(), "MISSING_COLUMN");
    let mut short = [0.0; 2];
    let err = compute_all_into(&[spec], &Columns::close_only(&c), &mut short).unwrap_err();
    assert_eq!(err.code(), "LENGTH_MISMATCH");
}

#[test]
fn flat_pass_checks_parameters_even_without_data() {
    let spec: IndicatorSpec = serde_json::from_str(r#"{"indicator": "rsi", "period": 0}"#).unwrap();
    let err = compute_all_into(&[spec], &Columns::close_only(&[]), &mut []).unwrap_err();
    assert_eq!(err.code(), "INVALID_PARAMETER");
}

//! The flat pass over many series at once (`indicators::many`) runs the
//! kernels over several series side by side; every value must be the
//! one-series flat pass's bit for bit, whatever the number of series (whole
//! groups of `LANES` and a ragged last group), their length and the
//! parameters.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

use proptest::prelude::*;
use tokenlens_core::indicators::catalog::{
    Columns, IndicatorSpec, compute_all_flat, default_specs,
};
use tokenlens_core::indicators::many::{
    LANES, compute_many_flat, compute_many_into, compute_many_with,
};

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

/// Open, high, low, close and volume columns, series after series.
#[derive(Debug, Clone)]
struct Universe {
    series_len: usize,
    open: Vec<f64>,
    high: Vec<f64>,
    low: Vec<f64>,
    close: Vec<f64>,
    volume: Vec<f64>,
}

impl Universe {
    fn columns(&self) -> Columns<'_> {
        Columns {
            open: Some(&self.open),
            high: Some(&self.high),
            low: Some(&self.low),
            close: &self.close,
            volume: Some(&self.volume),
        }
    }

    fn series(&self, s: usize) -> Columns<'_> {
        let r = s * self.series_len..(s + 1) * self.series_len;
        Columns {
            open: Some(&self.open[r.clone()]),
            high: Some(&self.high[r.clone()]),
            low: Some(&self.low[r.clone()]),
            close: &self.close[r.clone()],
            volume: Some(&self.volume[r]),
        }
    }
}

/// 1 to 11 random walks of one length (0 to 70) with ties and flat stretches
/// (ranges of 0, so the kernels' zero-division branches are taken).
fn universe() -> impl Strategy<Value = Universe> {
    (1usize..12, 0usize..70).prop_flat_map(|(series, len)| {
        proptest::collection::vec(
            (0u32..5, 0u32..40, 0u32..40, 0u32..40, -40i32..40, 1u32..9),
            series * len,
        )
        .prop_map(move |rows| {
            let mut u = Universe {
                series_len: len,
                open: Vec::new(),
                high: Vec::new(),
                low: Vec::new(),
                close: Vec::new(),
                volume: Vec::new(),
            };
            let mut price = 100.0;
            for (i, (flat, up, down, open, step, volume)) in rows.into_iter().enumerate() {
                if i % len.max(1) == 0 {
                    price = 100.0 + f64::from(step);
                }
                if flat > 0 {
                    price += f64::from(step) / 8.0;
                }
                let o = price + f64::from(open) / 16.0 - 1.25;
                let f = f64::from(flat.min(1));
                u.open.push(o);
                u.high.push(price.max(o) + f64::from(up) / 4.0 * f);
                u.low.push(price.min(o) - f64::from(down) / 4.0 * f);
                u.close.push(price);
                u.volume.push(f64::from(volume) * 100.0);
            }
            u
        })
    })
}

/// Every default indicator, and the eight with kernels at other parameters.
fn specs(n: usize, fast: usize, slow: usize, k: usize) -> Vec<IndicatorSpec> {
    let mut specs: Vec<IndicatorSpec> = default_specs();
    let json = [
        format!(r#"{{"indicator": "sma", "period": {n}}}"#),
        format!(r#"{{"indicator": "ema", "period": {n}}}"#),
        format!(r#"{{"indicator": "rsi", "period": {n}}}"#),
        format!(r#"{{"indicator": "atr", "period": {n}}}"#),
        format!(r#"{{"indicator": "adx", "period": {n}}}"#),
        format!(
            r#"{{"indicator": "bb", "period": {}, "multiplier": 1.5}}"#,
            n + 1
        ),
        format!(r#"{{"indicator": "macd", "fast": {fast}, "slow": {slow}, "signal": {k}}}"#),
        format!(
            r#"{{"indicator": "stoch", "k_period": {n}, "k_slowing": {k}, "d_period": {fast}}}"#
        ),
    ];
    specs.extend(
        json.iter()
            .map(|j| serde_json::from_str::<IndicatorSpec>(j).unwrap()),
    );
    specs
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn many_series_equal_each_series_alone(
        u in universe(),
        n in 2usize..20,
        fast in 2usize..8,
        extra in 0usize..10,
        k in 1usize..6,
    ) {
        let specs = specs(n, fast, fast + extra, k);
        let many = compute_many_flat(&specs, &u.columns(), u.series_len.max(1));
        if u.series_len == 0 {
            // No rows: no series, nothing out (a length of 1 divides 0).
            prop_assert_eq!(many.unwrap().len(), 0);
            return Ok(());
        }
        let many = many.unwrap();
        let series = u.close.len() / u.series_len;
        let per = many.len() / series;
        for s in 0..series {
            let one = compute_all_flat(&specs, &u.series(s)).unwrap();
            same(&many[s * per..(s + 1) * per], &one)?;
        }
        // Handed over a few series at a time: every series once, in order.
        let mut handed = Vec::new();
        compute_many_with(&specs, &u.columns(), u.series_len, |first, values| {
            assert_eq!(first * per, handed.len());
            handed.extend_from_slice(values);
        })
        .unwrap();
        same(&handed, &many)?;
        // Into a buffer holding anything: every value is written.
        let mut into = vec![-7.0; many.len()];
        compute_many_into(&specs, &u.columns(), u.series_len, &mut into).unwrap();
        same(&into, &many)?;
    }
}

#[test]
fn groups_of_lanes_and_a_ragged_rest_cover_every_series() {
    // 2 · LANES + 3 series of 40 rows, each a different walk.
    let len = 40;
    let series = 2 * LANES + 3;
    let close: Vec<f64> = (0..series * len)
        .map(|i| 50.0 + ((i * 7919) % 113) as f64 / 3.0)
        .collect();
    let high: Vec<f64> = close.iter().map(|c| c + 1.5).collect();
    let low: Vec<f64> = close.iter().map(|c| c - 2.0).collect();
    let cols = Columns {
        high: Some(&high),
        low: Some(&low),
        ..Columns::close_only(&close)
    };
    let specs: Vec<IndicatorSpec> = ["sma20", "rsi14", "macd", "bb", "adx14", "stoch", "cci20"]
        .iter()
        .map(|s| s.parse().unwrap())
        .collect();
    let many = compute_many_flat(&specs, &cols, len).unwrap();
    let per = many.len() / series;
    for s in 0..series {
        let r = s * len..(s + 1) * len;
        let one = compute_all_flat(
            &specs,
            &Columns {
                high: Some(&high[r.clone()]),
                low: Some(&low[r.clone()]),
                ..Columns::close_only(&close[r])
            },
        )
        .unwrap();
        let got = &many[s * per..(s + 1) * per];
        assert!(
            got.iter()
                .zip(&one)
                .all(|(a, b)| a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())),
            "series {s}"
        );
        // Not all warm-up: the series have values.
        assert!(got.iter().any(|v| v.is_finite() && *v != 0.0), "series {s}");
    }
}

#[test]
fn bad_lengths_columns_and_values_are_typed_errors() {
    let close: Vec<f64> = (0..12).map(f64::from).collect();
    let specs: Vec<IndicatorSpec> = vec!["sma3".parse().unwrap(), "atr3".parse().unwrap()];
    let cols = Columns::close_only(&close);
    let code = |r: Result<Vec<f64>, tokenlens_core::Error>| r.unwrap_err().code();

    // A series length of 0, or one that does not divide the columns.
    assert_eq!(
        code(compute_many_flat(&specs[..1], &cols, 0)),
        "INVALID_PARAMETER"
    );
    assert_eq!(
        code(compute_many_flat(&specs[..1], &cols, 5)),
        "INVALID_PARAMETER"
    );
    // ATR without high and low.
    assert_eq!(code(compute_many_flat(&specs, &cols, 4)), "MISSING_COLUMN");
    // A high column of another length.
    let high = vec![20.0; 8];
    let short = Columns {
        high: Some(&high),
        low: Some(&close),
        ..cols
    };
    assert_eq!(
        code(compute_many_flat(&specs, &short, 4)),
        "LENGTH_MISMATCH"
    );
    // A gap (NaN) in one series is rejected as the one-series pass rejects it.
    let mut gap = close.clone();
    gap[9] = f64::NAN;
    let err = compute_many_flat(&specs[..1], &Columns::close_only(&gap), 4).unwrap_err();
    assert_eq!(err.code(), "INVALID_INPUT");
    assert!(err.to_string().contains("index 9"), "{err}");
    // A bad parameter, even with no rows.
    let bad: IndicatorSpec = serde_json::from_str(r#"{"indicator": "ema", "period": 0}"#).unwrap();
    assert_eq!(
        code(compute_many_flat(&[bad], &Columns::close_only(&[]), 3)),
        "INVALID_PARAMETER"
    );
    // No indicators: nothing out, nothing handed over.
    assert!(compute_many_flat(&[], &cols, 4).unwrap().is_empty());
    let mut calls = 0;
    compute_many_with(&[], &cols, 4, |_, _| calls += 1).unwrap();
    assert_eq!(calls, 0);
    // An output buffer of the wrong size.
    let mut out = vec![0.0; 5];
    let err = compute_many_into(&specs[..1], &cols, 4, &mut out).unwrap_err();
    assert_eq!(err.code(), "LENGTH_MISMATCH");
}

/// The many-series pass checks finiteness group by group as it reads the
/// series; its errors must still be those of a check of the whole columns
/// first: the closes before the other columns, the first bad index of each.
#[test]
fn non_finite_values_are_named_as_a_whole_check_names_them() {
    let (series, len) = (9, 6); // two groups of four, and one series alone
    let close: Vec<f64> = (0..series * len).map(|i| 100.0 + (i % 7) as f64).collect();
    let high: Vec<f64> = close.iter().map(|c| c + 1.0).collect();
    let low: Vec<f64> = close.iter().map(|c| c - 1.0).collect();
    let specs: Vec<IndicatorSpec> = vec!["sma3".parse().unwrap(), "atr3".parse().unwrap()];
    let count = 2;
    let expect = |close: &[f64], high: &[f64], low: &[f64], volume: Option<&[f64]>| {
        let cols = Columns {
            high: Some(high),
            low: Some(low),
            volume,
            ..Columns::close_only(close)
        };
        let whole = cols.validate().unwrap_err().to_string();
        let mut out = vec![0.0; count * close.len()];
        let into = compute_many_into(&specs, &cols, len, &mut out).unwrap_err();
        assert_eq!(into.to_string(), whole);
        let flat = compute_many_flat(&specs, &cols, len).unwrap_err();
        assert_eq!(flat.to_string(), whole);
        let mut calls = 0;
        let with = compute_many_with(&specs, &cols, len, |_, _| calls += 1).unwrap_err();
        assert_eq!(with.to_string(), whole);
        assert_eq!(calls, 0, "no series handed over before the error");
        whole
    };
    // In the second group's highs, in the lone last series' lows.
    for (column, at) in [("high", 4 * len + 2), ("low", 8 * len + 5)] {
        let mut bad = if column == "high" {
            high.clone()
        } else {
            low.clone()
        };
        bad[at] = f64::INFINITY;
        let (h, l) = if column == "high" {
            (&bad, &low)
        } else {
            (&high, &bad)
        };
        let message = expect(&close, h, l, None);
        assert!(
            message.contains(column) && message.contains(&format!("index {at}")),
            "{message}"
        );
    }
    // A bad high in the first group and a bad close in the last: the close is named.
    let (mut bad_close, mut bad_high) = (close.clone(), high.clone());
    bad_high[1] = f64::NAN;
    bad_close[8 * len] = f64::NAN;
    let message = expect(&bad_close, &bad_high, &low, None);
    assert!(
        message.contains("close") && message.contains(&format!("index {}", 8 * len)),
        "{message}"
    );
    // Volumes (which no group reads) are checked before any work.
    let mut volume = vec![1.0; series * len];
    volume[7] = f64::NEG_INFINITY;
    let message = expect(&close, &high, &low, Some(&volume));
    assert!(message.contains("volume"), "{message}");

    // A high without lows (which no group reads either), for close-only
    // indicators over two groups.
    let sma: Vec<IndicatorSpec> = vec!["sma3".parse().unwrap()];
    let eight = &close[..8 * len];
    let mut lone = high[..8 * len].to_vec();
    lone[5 * len] = f64::NAN;
    let cols = Columns {
        high: Some(&lone),
        ..Columns::close_only(eight)
    };
    let whole = cols.validate().unwrap_err().to_string();
    let mut out = vec![0.0; eight.len()];
    let err = compute_many_into(&sma, &cols, len, &mut out).unwrap_err();
    assert_eq!(err.to_string(), whole);
    // A bad value is named before a missing column or a wrong output size,
    // as when every value was checked first.
    let mut nan_close = eight.to_vec();
    nan_close[3] = f64::NAN;
    let close_only = Columns::close_only(&nan_close);
    let atr: Vec<IndicatorSpec> = vec!["atr3".parse().unwrap()];
    for result in [
        compute_many_flat(&atr, &close_only, len).map(|_| ()),
        compute_many_into(&sma, &close_only, len, &mut [0.0; 3]),
    ] {
        assert_eq!(result.unwrap_err().code(), "INVALID_INPUT");
    }
}

//! Published reference values, reproduced exactly.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

use tokenlens_core::indicators::momentum::rsi;

/// StockCharts ChartSchool's RSI(14) example (Wilder smoothing): the 33
/// closes from 14-Dec-2009 to 01-Feb-2010 and the published RSI, rounded to
/// two decimals, for 05-Jan-2010 … 19-Jan-2010.
#[test]
fn stockcharts_rsi14_wilder() {
    let closes = [
        44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826,
        45.8931, 46.0328, 45.6140, 46.2820, 46.2820, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439,
        46.2122, 46.2521, 45.7137, 46.4515, 45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672,
        43.4205, 42.6628, 43.1314,
    ];
    let published = [
        70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38,
    ];
    let out = rsi(&closes, 14).unwrap();
    assert_eq!(out.len(), 33);
    assert!(out[..14].iter().all(|v| v.is_nan()));
    for (i, want) in published.iter().enumerate() {
        let got = out[14 + i];
        assert_eq!(
            (got * 100.0).round() / 100.0,
            *want,
            "row {}: {got}",
            14 + i
        );
    }
    // The rest of the series is defined too (StockCharts stops quoting).
    assert!(out[24..].iter().all(|v| (0.0..=100.0).contains(v)));
}

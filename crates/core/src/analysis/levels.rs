//! Support and resistance: swing-pivot levels and classic pivot points.
//!
//! **Swing levels.** A swing high is a bar whose high is above every high
//! of the `k` bars before it and not below any of the `k` bars after it
//! (default `k = 5`); a swing low mirrors it on lows. Only bars with `k`
//! bars on both sides can be pivots, so the last `k` bars are never
//! (their pivot is not confirmed yet). Highs and lows are pooled, because
//! a broken resistance becomes support, and clustered by price: sorted
//! ascending, a pivot joins the current cluster while it is within the
//! tolerance of the cluster's mean, else it starts a new one. The tolerance
//! is `0.5 × ATR(14)` at the last bar (a level is "the same" when pivots
//! are closer than half a typical bar's range). A level is the mean price
//! of its pivots, with their count (touches) and first and last dates; it
//! is support when below the last close and resistance otherwise.
//!
//! A series of closes only takes its pivots on closes, and its ATR on
//! closes (the true range of a close-only bar is `|close − previous close|`).
//!
//! **Classic pivot points** from the last complete period (the previous UTC
//! day for hourly data, the previous UTC week, Monday to Sunday, for daily
//! data) with its high `H`, low `L` and last close `C`:
//! `P = (H + L + C) / 3`, `R1 = 2P − L`, `S1 = 2P − H`, `R2 = P + (H − L)`,
//! `S2 = P − (H − L)`, `R3 = H + 2(P − L)`, `S3 = L − 2(H − P)`.
//!
//! ```
//! use tokenlens_core::analysis::{Interval, PriceSeries};
//! use tokenlens_core::analysis::levels::{LevelKind, LevelsConfig, levels};
//! // closes swinging between 10 and 20, ending at 15
//! let close: Vec<f64> = (0..61).map(|i| 15.0 + 5.0 * (f64::from(i) * std::f64::consts::PI / 10.0).sin()).collect();
//! let t: Vec<i64> = (0..61).map(|i| i * 86_400).collect();
//! let s = PriceSeries::from_closes(Interval::Daily, t, close).unwrap();
//! let l = levels(&s, &LevelsConfig::default()).unwrap();
//! let r = l.nearest_resistance().unwrap();
//! assert_eq!((r.price.round(), r.touches, r.kind), (20.0, 3, LevelKind::Resistance));
//! ```

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::analysis::PriceSeries;
use crate::analysis::series::{Interval, utc_date};
use crate::indicators::Candle;
use crate::indicators::volatility::atr;

/// Parameters of [`levels`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LevelsConfig {
    /// Bars on each side a swing pivot must dominate, at least 1. Default 5.
    pub span: usize,
    /// ATR period for the clustering tolerance, at least 1. Default 14.
    pub atr_period: usize,
    /// Clustering tolerance in ATRs, finite and positive. Default 0.5.
    pub tolerance_atr: f64,
}

impl Default for LevelsConfig {
    fn default() -> Self {
        Self {
            span: 5,
            atr_period: 14,
            tolerance_atr: 0.5,
        }
    }
}

impl LevelsConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        crate::indicators::check_period("span", self.span, 1)?;
        crate::indicators::check_period("atr_period", self.atr_period, 1)?;
        crate::indicators::check_positive("tolerance_atr", self.tolerance_atr)
    }
}

/// Whether a level is below (support) or at or above (resistance) the last close.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LevelKind {
    Support,
    Resistance,
}

/// One support or resistance level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Level {
    /// Mean price of the pivots that make it.
    pub price: f64,
    pub kind: LevelKind,
    /// Number of swing pivots in the cluster.
    pub touches: usize,
    /// UTC date (`YYYY-MM-DD`) of the first and the last pivot.
    pub first_touch: String,
    pub last_touch: String,
}

/// Classic floor-trader pivot points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PivotPoints {
    /// UTC dates of the first and last bar of the period they come from.
    pub from: String,
    pub to: String,
    pub high: f64,
    pub low: f64,
    pub close: f64,
    pub p: f64,
    pub r1: f64,
    pub r2: f64,
    pub r3: f64,
    pub s1: f64,
    pub s2: f64,
    pub s3: f64,
}

impl PivotPoints {
    /// Pivot points from a period's high, low and close.
    pub fn classic(high: f64, low: f64, close: f64) -> (f64, [f64; 3], [f64; 3]) {
        let p = (high + low + close) / 3.0;
        let r = [2.0 * p - low, p + (high - low), high + 2.0 * (p - low)];
        let s = [2.0 * p - high, p - (high - low), low - 2.0 * (high - p)];
        (p, r, s)
    }
}

/// Support and resistance of a series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Levels {
    pub last_close: f64,
    /// The clustering tolerance used, in price.
    pub tolerance: f64,
    /// Swing levels, ascending by price.
    pub levels: Vec<Level>,
    /// `None` when the series has no complete period before the last one.
    pub pivots: Option<PivotPoints>,
}

impl Levels {
    /// The highest support (the closest below the last close).
    pub fn nearest_support(&self) -> Option<&Level> {
        self.levels
            .iter()
            .rev()
            .find(|l| l.kind == LevelKind::Support)
    }

    /// The lowest resistance (the closest at or above the last close).
    pub fn nearest_resistance(&self) -> Option<&Level> {
        self.levels.iter().find(|l| l.kind == LevelKind::Resistance)
    }
}

/// Swing levels and pivot points of `series`.
///
/// Errors: [`Error::TooShort`] for fewer than `2·span + 1` points;
/// [`Error::InvalidParameter`] for a bad config.
pub fn levels(series: &PriceSeries, config: &LevelsConfig) -> Result<Levels, Error> {
    config.validate()?;
    let n = series.len();
    let k = config.span;
    if n < 2 * k + 1 {
        return Err(Error::TooShort {
            len: n,
            needed: 2 * k + 1,
        });
    }
    let close = &series.close;
    let (high, low) = match (&series.high, &series.low) {
        (Some(h), Some(l)) => (h.as_slice(), l.as_slice()),
        _ => (close.as_slice(), close.as_slice()),
    };
    let last_close = close[n - 1];

    let mut pivots: Vec<(f64, usize)> = Vec::new();
    for i in k..n - k {
        let (before, after) = (i - k..i, i + 1..=i + k);
        if before.clone().all(|j| high[i] > high[j]) && after.clone().all(|j| high[i] >= high[j]) {
            pivots.push((high[i], i));
        }
        if before.clone().all(|j| low[i] < low[j]) && after.clone().all(|j| low[i] <= low[j]) {
            pivots.push((low[i], i));
        }
    }
    crate::order::sort_pairs(&mut pivots);

    let candles: Vec<Candle> = (0..n)
        .map(|i| Candle::new(close[i], high[i], low[i], close[i], 0.0))
        .collect();
    let tolerance = atr(&candles, config.atr_period)?
        .last()
        .copied()
        .filter(|a| a.is_finite())
        // Before the ATR warms up: the mean absolute bar range so far.
        .unwrap_or_else(|| {
            candles
                .windows(2)
                .map(|w| (w[1].high - w[1].low).max((w[1].close - w[0].close).abs()))
                .sum::<f64>()
                / (n - 1) as f64
        })
        * config.tolerance_atr;

    let mut clusters: Vec<Vec<(f64, usize)>> = Vec::new();
    for p in pivots {
        match clusters.last_mut() {
            Some(c) if (p.0 - mean_price(c)).abs() <= tolerance => c.push(p),
            _ => clusters.push(vec![p]),
        }
    }
    let levels = clusters
        .into_iter()
        .map(|c| {
            let price = mean_price(&c);
            let first = c.iter().map(|p| p.1).min().unwrap_or(0);
            let last = c.iter().map(|p| p.1).max().unwrap_or(0);
            Level {
                price,
                kind: if price < last_close {
                    LevelKind::Support
                } else {
                    LevelKind::Resistance
                },
                touches: c.len(),
                first_touch: series.date(first),
                last_touch: series.date(last),
            }
        })
        .collect();

    Ok(Levels {
        last_close,
        tolerance,
        levels,
        pivots: pivot_points(series, high, low),
    })
}

fn mean_price(c: &[(f64, usize)]) -> f64 {
    c.iter().map(|p| p.0).sum::<f64>() / c.len() as f64
}

/// The period a timestamp falls in: its UTC day for hourly data, its UTC
/// week (weeks start on Monday; 1970-01-01 was a Thursday) for daily data.
fn period_of(interval: Interval, t: i64) -> i64 {
    let day = t.div_euclid(86_400);
    match interval {
        Interval::Hourly => day,
        Interval::Daily => (day + 3).div_euclid(7),
    }
}

fn pivot_points(series: &PriceSeries, high: &[f64], low: &[f64]) -> Option<PivotPoints> {
    let n = series.len();
    let period = |i: usize| period_of(series.interval, series.timestamps[i]);
    let current = period(n - 1);
    let end = (0..n).rev().find(|&i| period(i) < current)?;
    let previous = period(end);
    let start = (0..=end)
        .rev()
        .take_while(|&i| period(i) == previous)
        .last()?;
    let h = high[start..=end].iter().copied().fold(f64::MIN, f64::max);
    let l = low[start..=end].iter().copied().fold(f64::MAX, f64::min);
    let c = series.close[end];
    let (p, r, s) = PivotPoints::classic(h, l, c);
    Some(PivotPoints {
        from: utc_date(series.timestamps[start]),
        to: utc_date(series.timestamps[end]),
        high: h,
        low: l,
        close: c,
        p,
        r1: r[0],
        r2: r[1],
        r3: r[2],
        s1: s[0],
        s2: s[1],
        s3: s[2],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_pivots_by_hand() {
        // H 110, L 90, C 105: P = 101.666…, R1 = 113.33, S1 = 93.33,
        // R2 = 121.67, S2 = 81.67, R3 = 133.33, S3 = 73.33
        let (p, r, s) = PivotPoints::classic(110.0, 90.0, 105.0);
        let close = |a: f64, b: f64| assert!((a - b).abs() < 1e-9, "{a} vs {b}");
        close(p, 305.0 / 3.0);
        close(r[0], 2.0 * 305.0 / 3.0 - 90.0);
        close(s[0], 2.0 * 305.0 / 3.0 - 110.0);
        close(r[1], 305.0 / 3.0 + 20.0);
        close(s[1], 305.0 / 3.0 - 20.0);
        close(r[2], 110.0 + 2.0 * (305.0 / 3.0 - 90.0));
        close(s[2], 90.0 - 2.0 * (110.0 - 305.0 / 3.0));
        assert!(s[2] < s[1] && s[1] < s[0] && s[0] < p && p < r[0] && r[0] < r[1] && r[1] < r[2]);
    }

    #[test]
    fn weeks_start_on_monday_and_days_at_midnight() {
        // 2024-01-07 is a Sunday, 2024-01-08 a Monday.
        let sunday = 1_704_585_600;
        assert_eq!(utc_date(sunday), "2024-01-07");
        let w = |t| period_of(Interval::Daily, t);
        assert_eq!(w(sunday) + 1, w(sunday + 86_400));
        assert_eq!(w(sunday), w(sunday - 6 * 86_400));
        let d = |t| period_of(Interval::Hourly, t);
        assert_eq!(d(sunday + 23 * 3600), d(sunday));
        assert_eq!(d(sunday + 24 * 3600), d(sunday) + 1);
    }

    #[test]
    fn bad_config_and_short_series_are_errors() {
        let s = PriceSeries::from_closes(Interval::Daily, vec![0, 86_400], vec![1.0, 2.0]).unwrap();
        assert_eq!(
            levels(&s, &LevelsConfig::default()).unwrap_err().code(),
            "TOO_SHORT"
        );
        let bad = LevelsConfig {
            tolerance_atr: 0.0,
            ..Default::default()
        };
        assert_eq!(levels(&s, &bad).unwrap_err().code(), "INVALID_PARAMETER");
    }
}

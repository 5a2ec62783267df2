//! Trader and Investor Grades: two explainable scores from 0 to 100.
//!
//! A grade is a weighted mean of components. Each component turns one
//! measurable input (an indicator, a ratio, a market figure) into a score
//! from 0 to 100 through a fixed transform whose anchors come from the
//! input's conventional meaning (RSI 30/70, a Sharpe of 1, a halving of
//! volatility), never from fitting to data. Weights are fixed and sum to 1;
//! a component that cannot be computed (no volume column, no benchmark,
//! too short a history) is dropped, the remaining weights are scaled back
//! up to 1, and the grade's confidence falls by the dropped share.
//!
//! * [`trader_grade`]: short-term strength (trend, momentum, recent
//!   risk-adjusted return, volatility regime, volume, relative strength);
//! * [`investor_grade`]: long-term quality (liquidity, long-horizon Sharpe
//!   and Sortino, drawdown, distance from the high, dilution, size,
//!   longevity).
//!
//! Every formula, weight and anchor is in `docs/METHODOLOGY.md`.

mod investor;
mod trader;

pub use investor::{Fundamentals, INVESTOR_WEIGHTS, investor_grade, investor_score};
pub use trader::{
    RATING_WEIGHT, TRADER_WEIGHTS, Technical, TraderOptions, technical, trader_grade, trader_score,
    trader_score_series,
};

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::analysis::PriceSeries;

/// The fewest points a grade is computed from: RSI(14) needs 15.
pub const MIN_POINTS: usize = 15;

/// One scored input of a grade.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Component {
    /// Stable identifier: `trend`, `rsi`, `sharpe`, `liquidity`, …
    pub name: String,
    /// The score, from 0 (worst) to 100 (best).
    pub value: f64,
    /// The weight in the grade after renormalisation; the weights of the
    /// components of one grade sum to 1.
    pub weight: f64,
    /// The input before the transform, in its own unit (RSI points, an
    /// annualised Sharpe ratio, a ratio of volumes …), named in `explanation`.
    pub raw: f64,
    /// What the input was and what it means, in words.
    pub explanation: String,
}

/// A component that could not be computed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dropped {
    pub name: String,
    pub reason: String,
}

/// A grade at one point in time, without its changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// The weighted mean of the components, from 0 to 100.
    pub total: f64,
    /// From 0 to 1: how much of the grade's evidence was available (see
    /// `docs/METHODOLOGY.md`, "Confidence").
    pub confidence: f64,
    pub components: Vec<Component>,
    pub dropped: Vec<Dropped>,
}

/// A grade with its changes, recomputed on the history as it stood then.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    pub total: f64,
    pub confidence: f64,
    pub components: Vec<Component>,
    pub dropped: Vec<Dropped>,
    /// `total` now minus `total` 24 hours of points ago; `None` when the
    /// history was then too short for a grade (and always for the Investor
    /// Grade, which moves on a weekly scale).
    pub change_24h: Option<f64>,
    /// `total` now minus `total` 7 days of points ago; `None` when the
    /// history was then too short for a grade.
    pub change_7d: Option<f64>,
}

impl Grade {
    fn new(now: Score, change_24h: Option<f64>, change_7d: Option<f64>) -> Self {
        Self {
            total: now.total,
            confidence: now.confidence,
            components: now.components,
            dropped: now.dropped,
            change_24h,
            change_7d,
        }
    }

    /// The component called `name`, if it was computed.
    pub fn component(&self, name: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.name == name)
    }
}

impl Score {
    /// The component called `name`, if it was computed.
    pub fn component(&self, name: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.name == name)
    }
}

/// A component as measured, before weighting.
pub(crate) struct Measured {
    pub value: f64,
    pub raw: f64,
    pub explanation: String,
}

/// Collects components with their nominal weights and builds the score.
pub(crate) struct Builder {
    present: Vec<(&'static str, f64, Measured)>,
    dropped: Vec<Dropped>,
}

impl Builder {
    pub fn new() -> Self {
        Self {
            present: Vec::new(),
            dropped: Vec::new(),
        }
    }

    pub fn add(&mut self, name: &'static str, weight: f64, m: Result<Measured, String>) {
        match m {
            Ok(m) => self.present.push((name, weight, m)),
            Err(reason) => self.dropped.push(Dropped {
                name: name.to_owned(),
                reason,
            }),
        }
    }

    /// Sum of the nominal weights of the present components.
    pub fn coverage(&self) -> f64 {
        self.present.iter().map(|(_, w, _)| w).sum()
    }

    /// The score, with the present weights scaled to sum to 1 or, when an
    /// `extra` component of weight `w` is given, to `1 − w`.
    pub fn finish(
        self,
        confidence: f64,
        extra: Option<(&'static str, f64, Measured)>,
    ) -> Result<Score, Error> {
        let share = extra.as_ref().map_or(1.0, |(_, w, _)| 1.0 - w);
        let coverage = self.coverage();
        if coverage <= 0.0 && extra.is_none() {
            return Err(Error::InvalidInput {
                field: "series",
                value: "no grade component could be computed".into(),
            });
        }
        let scale = if coverage > 0.0 {
            share / coverage
        } else {
            0.0
        };
        let mut components: Vec<Component> = self
            .present
            .into_iter()
            .map(|(name, w, m)| Component {
                name: name.to_owned(),
                value: clamp_score(m.value),
                weight: w * scale,
                raw: m.raw,
                explanation: m.explanation,
            })
            .collect();
        if let Some((name, w, m)) = extra {
            let weight = if coverage > 0.0 { w } else { 1.0 };
            components.push(Component {
                name: name.to_owned(),
                value: clamp_score(m.value),
                weight,
                raw: m.raw,
                explanation: m.explanation,
            });
        }
        let total = clamp_score(components.iter().map(|c| c.value * c.weight).sum());
        Ok(Score {
            total,
            confidence: confidence.clamp(0.0, 1.0),
            components,
            dropped: self.dropped,
        })
    }
}

/// Confidence of a grade: `coverage × history × completeness`, where
/// `history = min(1, points / full)` and `completeness` is the share of the
/// expected periods between the first and last point that are present.
pub(crate) fn confidence(coverage: f64, history: f64, series: &PriceSeries) -> f64 {
    let n = series.len() as f64;
    let completeness = n / (n + series.missing_periods() as f64);
    (coverage * history.min(1.0) * completeness).clamp(0.0, 1.0)
}

pub(crate) fn clamp_score(x: f64) -> f64 {
    if x.is_nan() {
        50.0
    } else {
        x.clamp(0.0, 100.0)
    }
}

/// `50 + 50·tanh(x)`: 50 at 0, 88 at 1, 12 at −1, saturating at 0 and 100.
pub(crate) fn tanh_score(x: f64) -> f64 {
    50.0 + 50.0 * x.tanh()
}

/// Piecewise-linear through `anchors` (sorted by `x`), flat beyond the ends.
pub(crate) fn piecewise(x: f64, anchors: &[(f64, f64)]) -> f64 {
    let (first, last) = (anchors[0], anchors[anchors.len() - 1]);
    if x <= first.0 {
        return first.1;
    }
    if x >= last.0 {
        return last.1;
    }
    for w in anchors.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        if x <= x1 {
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0);
        }
    }
    last.1
}

/// `num / den`, bounded to ±`bound`; 0 when both are 0.
pub(crate) fn ratio(num: f64, den: f64, bound: f64) -> f64 {
    if den > 0.0 {
        (num / den).clamp(-bound, bound)
    } else if num == 0.0 {
        0.0
    } else {
        bound.copysign(num)
    }
}

/// Log returns `ln(c[t] / c[t−1])`.
pub(crate) fn log_returns(close: &[f64]) -> Vec<f64> {
    close.windows(2).map(|w| (w[1] / w[0]).ln()).collect()
}

pub(crate) fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

/// Sample standard deviation (divisor `n − 1`); 0 for fewer than 2 values.
pub(crate) fn sample_sd(xs: &[f64]) -> f64 {
    if xs.len() < 2 {
        return 0.0;
    }
    let m = mean(xs);
    (xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (xs.len() - 1) as f64).sqrt()
}

/// The last `n` values (all of them when fewer).
pub(crate) fn tail(xs: &[f64], n: usize) -> &[f64] {
    &xs[xs.len().saturating_sub(n)..]
}

/// A signed number with its sign always written: `+5.0`, `−3.2`.
pub(crate) fn signed(x: f64, decimals: usize) -> String {
    let s = format!("{:.decimals$}", x.abs());
    if s.chars().all(|c| c == '0' || c == '.') {
        return s;
    }
    if x < 0.0 {
        format!("−{s}")
    } else {
        format!("+{s}")
    }
}

/// The change of a score over `back` points: `now − score(first len − back)`.
pub(crate) fn change(
    now: f64,
    series: &PriceSeries,
    back: usize,
    score: impl Fn(&PriceSeries) -> Result<Score, Error>,
) -> Option<f64> {
    let len = series.len().checked_sub(back)?;
    if len < MIN_POINTS {
        return None;
    }
    score(&series.truncated(len))
        .ok()
        .map(|then| now - then.total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn piecewise_interpolates_and_is_flat_outside() {
        let a = [(0.0, 0.0), (1.0, 40.0), (3.0, 100.0)];
        let check = |x: f64, want: f64| assert!((piecewise(x, &a) - want).abs() < 1e-12, "{x}");
        check(-1.0, 0.0);
        check(0.5, 20.0);
        check(1.0, 40.0);
        check(2.0, 70.0);
        check(9.0, 100.0);
    }

    #[test]
    fn tanh_score_anchors() {
        assert_eq!(tanh_score(0.0), 50.0);
        assert!((tanh_score(1.0) - 88.079_707_797_788_24).abs() < 1e-9);
        assert!(tanh_score(1e9) <= 100.0 && tanh_score(-1e9) >= 0.0);
    }

    #[test]
    fn ratio_is_bounded_and_defined_at_zero() {
        assert_eq!(ratio(1.0, 2.0, 10.0), 0.5);
        assert_eq!(ratio(0.0, 0.0, 10.0), 0.0);
        assert_eq!(ratio(-3.0, 0.0, 10.0), -10.0);
        assert_eq!(ratio(1e9, 1.0, 10.0), 10.0);
    }

    #[test]
    fn weights_are_renormalised_over_present_components() {
        let m = |v: f64| {
            Ok(Measured {
                value: v,
                raw: v,
                explanation: String::new(),
            })
        };
        let mut b = Builder::new();
        b.add("a", 0.5, m(100.0));
        b.add("b", 0.3, Err("missing".into()));
        b.add("c", 0.2, m(0.0));
        assert!((b.coverage() - 0.7).abs() < 1e-12);
        let s = b.finish(0.7, None).unwrap();
        assert!((s.components[0].weight - 0.5 / 0.7).abs() < 1e-12);
        assert!((s.total - 100.0 * 0.5 / 0.7).abs() < 1e-9);
        assert_eq!(s.dropped[0].name, "b");
        let empty = Builder::new().finish(0.0, None);
        assert!(empty.is_err());
    }

    #[test]
    fn signed_numbers() {
        assert_eq!(signed(5.04, 1), "+5.0");
        assert_eq!(signed(-3.26, 1), "−3.3");
        assert_eq!(signed(-0.01, 1), "0.0");
    }
}

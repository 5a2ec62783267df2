//! Trader and Investor Grades: two explainable scores from 0 to 100, built
//! on what the evidence says ranks later returns.
//!
//! Each grade is a small set of weighted inputs ([`inputs`]), chosen and
//! scaled on the fit period of the bundled history by the rule written in
//! `docs/evidence/RULE.md` and evaluated out of sample by
//! [`crate::evaluation`]:
//!
//! * [`trader_grade`]: the next week (30-day volatility, 7-day reversal);
//! * [`investor_grade`]: the next month (30-day reversal), with the market
//!   figures shown beside it unweighted.
//!
//! A component that cannot be computed (too short a history) is dropped and
//! the others' weights scaled back up to 1; the confidence falls by the
//! dropped share. Every formula and constant is in `docs/METHODOLOGY.md`.

pub mod inputs;
mod investor;
mod model;
mod trader;

pub use investor::{
    Fundamentals, INVESTOR_MODEL, investor_grade, investor_score, investor_score_series,
};
pub use model::{Model, Part};
pub use trader::{TRADER_MODEL, TraderOptions, trader_grade, trader_score, trader_score_series};

use serde::{Deserialize, Serialize};

/// A component's name (its stable identifier, `volatility_regime`) in
/// words for people ("Volatility regime"); an unknown name with its
/// underscores as spaces.
///
/// ```
/// use tokenlens_core::analysis::grades::component_label;
/// assert_eq!(component_label("volatility_30"), "30-day volatility");
/// assert_eq!(component_label("liquidity"), "Liquidity");
/// ```
pub fn component_label(name: &str) -> String {
    if let Some(input) = inputs::Input::from_name(name) {
        return input.label().to_owned();
    }
    let words = name.replace('_', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

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

/// The EMA over `n` days (`α = 2/(n + 1)`) of a grade series, seeded with
/// its first finite value; a `NaN` stays `NaN` and restarts the average.
/// `n = 1` returns the values unchanged.
pub fn smooth(values: &[f64], n: usize) -> Vec<f64> {
    if n <= 1 {
        return values.to_vec();
    }
    let alpha = 2.0 / (n as f64 + 1.0);
    let mut state = f64::NAN;
    values
        .iter()
        .map(|&x| {
            state = if !x.is_finite() {
                f64::NAN
            } else if state.is_finite() {
                state + alpha * (x - state)
            } else {
                x
            };
            state
        })
        .collect()
}

pub(crate) fn clamp_score(x: f64) -> f64 {
    if x.is_nan() {
        50.0
    } else {
        x.clamp(0.0, 100.0)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_component_has_words_not_its_identifier() {
        for input in inputs::Input::ALL {
            let label = component_label(input.name());
            assert!(!label.contains('_'), "{label}");
            assert_eq!(label, input.label());
        }
        for (name, want) in [
            ("liquidity", "Liquidity"),
            ("dilution", "Dilution"),
            ("size", "Size"),
            ("new_part", "New part"),
        ] {
            assert_eq!(component_label(name), want);
        }
    }

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
    fn signed_numbers() {
        assert_eq!(signed(5.04, 1), "+5.0");
        assert_eq!(signed(-3.26, 1), "−3.3");
        assert_eq!(signed(-0.01, 1), "0.0");
    }
}

//! Trader Grade: where a token stands for the next week, from the inputs
//! that ranked the next week's returns on the fit period.
//!
//! The rule of `docs/evidence/RULE.md`, run on the bundled history up to
//! 2024-06-30, kept two of eleven candidates (both with the sign their
//! reasoning predicts, `|t| ≥ 2`):
//!
//! | component | weight | input | reading |
//! |---|---|---|---|
//! | `volatility_30` | 0.5 | daily volatility of the last 30 days | calmer scores higher (low-volatility anomaly) |
//! | `reversal_7` | 0.5 | log return of the last 7 days | a recent fall scores higher (short-term reversal) |
//!
//! Each is scored `50 + 50·tanh(sign·(x − median)/spread)` on the fit
//! period's scale; the grade is `50 + 50·tanh(k·C)` of their weighted mean
//! `C` of `tanh` terms, smoothed by a 5-day EMA. Trend, RSI, Sharpe and
//! relative strength ranked the next week backwards and are left out.

use crate::Error;
use crate::analysis::PriceSeries;

use super::inputs::Input;
use super::model::{Model, Part, completeness, flat};
use super::{Grade, MIN_POINTS, Score, signed};

/// The Trader Grade as the rule built it on the fit period (to 2024-06-30).
pub const TRADER_MODEL: Model = Model {
    parts: &[
        Part {
            input: Input::Volatility30,
            sign: -1.0,
            weight: 0.5,
            center: 0.041_424_014_953_519_04,
            scale: 0.019_788_328_906_253_694,
            min_days: 3,
        },
        Part {
            input: Input::Reversal7,
            sign: -1.0,
            weight: 0.5,
            center: -0.001_233_806_448_928_543_7,
            scale: 0.094_738_070_337_464_92,
            min_days: 3,
        },
    ],
    stretch: 1.303_096_513_856_405_5,
    smoothing: 5,
};

/// Inputs of a Trader Grade besides the series.
#[derive(Debug, Clone, Copy, Default)]
pub struct TraderOptions<'a> {
    /// A benchmark (BTC, say), matched to the series by timestamp. No
    /// component of the current grade reads it; it is kept so that a grade
    /// built on relative strength needs no change of interface.
    pub benchmark: Option<&'a PriceSeries>,
}

/// The Trader Grade of `series` at its last point, with its changes over
/// 24 hours and 7 days (the grade series read then: the grade of the
/// history as it stood).
///
/// Errors: [`Error::TooShort`] for fewer than [`MIN_POINTS`] points, or
/// when no component can be computed yet.
pub fn trader_grade(series: &PriceSeries, options: &TraderOptions<'_>) -> Result<Grade, Error> {
    check_len(series)?;
    let columns = TRADER_MODEL.columns(series, options.benchmark);
    let last = series.len() - 1;
    let now = score_at(series, &columns, last)?;
    let day = series.interval.per_day();
    let change = |back: usize| {
        let then = last.checked_sub(back)?;
        (then + 1 >= MIN_POINTS && columns.grade[then].is_finite())
            .then(|| now.total - super::clamp_score(columns.grade[then]))
    };
    Ok(Grade::new(now.clone(), change(day), change(7 * day)))
}

/// The Trader Grade at the last point of `series`, without changes.
///
/// Errors as [`trader_grade`].
pub fn trader_score(series: &PriceSeries, benchmark: Option<&PriceSeries>) -> Result<Score, Error> {
    check_len(series)?;
    let columns = TRADER_MODEL.columns(series, benchmark);
    score_at(series, &columns, series.len() - 1)
}

/// The Trader Grade total at every point of `series`: the value at point
/// `t` equals `trader_score(&series.truncated(t + 1), benchmark).total`
/// (every input is causal), `None` before [`MIN_POINTS`] points or while no
/// component can be computed. Linear in the length of the series (times
/// the fixed windows).
pub fn trader_score_series(
    series: &PriceSeries,
    benchmark: Option<&PriceSeries>,
) -> Vec<Option<f64>> {
    let columns = TRADER_MODEL.columns(series, benchmark);
    columns
        .grade
        .iter()
        .enumerate()
        .map(|(t, g)| (t + 1 >= MIN_POINTS && g.is_finite()).then(|| super::clamp_score(*g)))
        .collect()
}

fn check_len(series: &PriceSeries) -> Result<(), Error> {
    if series.len() < MIN_POINTS {
        return Err(Error::TooShort {
            len: series.len(),
            needed: MIN_POINTS,
        });
    }
    Ok(())
}

fn score_at(
    series: &PriceSeries,
    columns: &super::model::Columns,
    t: usize,
) -> Result<Score, Error> {
    let per_day = series.interval.per_day();
    let close = &series.close[..=t];
    TRADER_MODEL
        .score_at(columns, t, completeness(series), |p, x| {
            explain(p, x, close, per_day)
        })
        .ok_or(Error::TooShort {
            len: t + 1,
            needed: 3 * per_day + 1,
        })
}

fn explain(part: &Part, x: f64, close: &[f64], per_day: usize) -> String {
    match part.input {
        Input::Volatility30 => {
            let days = ((close.len() - 1) / per_day).min(30);
            if flat(close, days * per_day) {
                format!("no movement over the last {days} days")
            } else {
                format!(
                    "daily volatility {:.1}% over the last {days} days ({} than the usual {:.1}%): {}",
                    100.0 * x,
                    if x < part.center { "calmer" } else { "wilder" },
                    100.0 * part.center,
                    if x < part.center {
                        "calm tokens have done better over the next week"
                    } else {
                        "wild tokens have done worse over the next week"
                    },
                )
            }
        }
        Input::Reversal7 => {
            let days = ((close.len() - 1) / per_day).min(7);
            let pct = 100.0 * (x.exp() - 1.0);
            if x == 0.0 {
                format!("no change over the last {days} days")
            } else {
                format!(
                    "{}% over the last {days} days: {}",
                    signed(pct, 1),
                    if x < 0.0 {
                        "a week's losers have tended to rebound"
                    } else {
                        "a week's winners have tended to give back"
                    },
                )
            }
        }
        other => format!("{} {x:.4}", other.name()),
    }
}

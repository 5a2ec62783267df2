//! A grade as the evidence built it: weighted inputs, each scored on the
//! scale of the fit period, stretched and smoothed (`docs/evidence/RULE.md`).
//!
//! A grade is computed for every bar at once from causal input columns, so
//! the grade at a bar is the grade of the history cut there, and its changes
//! over 24 h and 7 d are differences of one series.

use super::inputs::{Input, sd};
use super::{Component, Dropped, Measured, Score, clamp_score, smooth};
use crate::analysis::PriceSeries;

/// One weighted input of a grade.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Part {
    pub input: Input,
    /// +1 when a higher input scores higher, −1 when lower does.
    pub sign: f64,
    pub weight: f64,
    /// The median of the input over the fit period.
    pub center: f64,
    /// The input's spread over the fit period (interquartile range / 1.349).
    pub scale: f64,
    /// Days of history below which the input is not computed; between this
    /// and its full window it is computed on the history there is, and
    /// counts towards the confidence in proportion.
    pub min_days: usize,
}

impl Part {
    /// The part's score from 0 to 100: `50 + 50·tanh(sign·(x − center)/scale)`.
    pub fn score(&self, x: f64) -> f64 {
        50.0 + 50.0 * self.unit(x)
    }

    fn unit(&self, x: f64) -> f64 {
        (self.sign * (x - self.center) / self.scale).tanh()
    }

    /// The input at every bar, on a shorter window down to `min_days` when
    /// the full one is not there yet, with the share of the window used.
    pub fn column(
        &self,
        series: &PriceSeries,
        benchmark: Option<&PriceSeries>,
    ) -> (Vec<f64>, Vec<f64>) {
        let full = self.input.column(series, benchmark);
        let per_day = series.interval.per_day();
        let window = self.input.days_needed() * per_day;
        let min = self.min_days * per_day;
        let close = &series.close;
        let partial = |t: usize| -> f64 {
            match self.input {
                Input::Volatility30 | Input::Volatility90 => {
                    let lr: Vec<f64> = close[..=t].windows(2).map(|w| (w[1] / w[0]).ln()).collect();
                    sd(&lr) * (per_day as f64).sqrt()
                }
                Input::Reversal7 | Input::Reversal30 => (close[t] / close[0]).ln(),
                _ => f64::NAN,
            }
        };
        let mut share = Vec::with_capacity(full.len());
        let values = full
            .iter()
            .enumerate()
            .map(|(t, &x)| {
                if x.is_finite() {
                    share.push(1.0);
                    x
                } else if min > 0 && t >= min && t < window {
                    let v = partial(t);
                    share.push(if v.is_finite() {
                        t as f64 / window as f64
                    } else {
                        0.0
                    });
                    v
                } else {
                    share.push(0.0);
                    f64::NAN
                }
            })
            .collect();
        (values, share)
    }
}

/// A grade: its parts, its stretch and its smoothing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Model {
    pub parts: &'static [Part],
    /// `k` of `50 + 50·tanh(k·C)`.
    pub stretch: f64,
    /// Days of the EMA over the daily grade (1: none).
    pub smoothing: usize,
}

/// The columns of a grade over a series.
pub(crate) struct Columns {
    /// Each part's input and the share of its window used, per bar.
    pub parts: Vec<(Vec<f64>, Vec<f64>)>,
    /// The grade at each bar (smoothed), `NaN` where no part is present.
    pub grade: Vec<f64>,
}

impl Model {
    pub(crate) fn columns(&self, series: &PriceSeries, benchmark: Option<&PriceSeries>) -> Columns {
        let parts: Vec<(Vec<f64>, Vec<f64>)> = self
            .parts
            .iter()
            .map(|p| p.column(series, benchmark))
            .collect();
        let raw: Vec<f64> = (0..series.len())
            .map(|t| {
                let (mut sum, mut weight) = (0.0, 0.0);
                for (p, (x, _)) in self.parts.iter().zip(&parts) {
                    if x[t].is_finite() {
                        sum += p.weight * p.unit(x[t]);
                        weight += p.weight;
                    }
                }
                if weight > 0.0 {
                    50.0 + 50.0 * (self.stretch * sum / weight).tanh()
                } else {
                    f64::NAN
                }
            })
            .collect();
        // The EMA is over days: on hourly data it spans `smoothing` days of bars.
        let span = if self.smoothing <= 1 {
            1
        } else {
            self.smoothing * series.interval.per_day()
        };
        Columns {
            parts,
            grade: smooth(&raw, span),
        }
    }

    /// The score at bar `t`, with its components, confidence and the parts
    /// that could not be computed. `explain` writes each part's sentence.
    pub(crate) fn score_at(
        &self,
        columns: &Columns,
        t: usize,
        completeness: f64,
        explain: impl Fn(&Part, f64) -> String,
    ) -> Option<Score> {
        let total = columns.grade[t];
        if !total.is_finite() {
            return None;
        }
        let mut components = Vec::new();
        let mut dropped = Vec::new();
        let mut coverage = 0.0;
        for (p, (x, share)) in self.parts.iter().zip(&columns.parts) {
            if x[t].is_finite() {
                coverage += p.weight * share[t];
                components.push((
                    p,
                    Measured {
                        value: p.score(x[t]),
                        raw: x[t],
                        explanation: explain(p, x[t]),
                    },
                ));
            } else {
                dropped.push(Dropped {
                    name: p.input.name().to_owned(),
                    reason: format!("needs at least {} days of history", p.min_days.max(1)),
                });
            }
        }
        let present: f64 = components.iter().map(|(p, _)| p.weight).sum();
        Some(Score {
            total: clamp_score(total),
            confidence: (coverage * completeness).clamp(0.0, 1.0),
            components: components
                .into_iter()
                .map(|(p, m)| Component {
                    name: p.input.name().to_owned(),
                    value: clamp_score(m.value),
                    weight: p.weight / present,
                    raw: m.raw,
                    explanation: m.explanation,
                })
                .collect(),
            dropped,
        })
    }
}

/// The share of expected points present between the first and last point.
pub(crate) fn completeness(series: &PriceSeries) -> f64 {
    let n = series.len() as f64;
    n / (n + series.missing_periods() as f64)
}

/// Whether the last `days` of closes never moved.
pub(crate) fn flat(close: &[f64], bars: usize) -> bool {
    let tail = &close[close.len().saturating_sub(bars + 1)..];
    tail.len() > 1 && tail.iter().all(|&c| c == tail[0])
}

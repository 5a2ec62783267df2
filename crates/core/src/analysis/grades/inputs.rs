//! The measurable inputs a grade can be built from, each as a causal column.
//!
//! Every input is a number per bar computed from the closes up to that bar
//! (and the benchmark's up to the same time), `NaN` while its window has not
//! filled. A column is computed by one forward pass, so the value at bar `t`
//! is bit for bit the value the history cut at `t` gives: grades read the
//! last value, the evaluation reads every value.
//!
//! Windows are in days, turned into bars with the interval's bars per day;
//! volatilities are per day (a per-bar deviation times `√bars per day`), so
//! hourly and daily data read on one scale. The candidates, their reasoning
//! and the sign their reasoning predicts are listed in
//! `docs/evidence/RULE.md`; the evaluation measures every one of them.

use crate::analysis::PriceSeries;
use crate::indicators::momentum::rsi;
use crate::indicators::trend::ema;
use crate::metrics::stats::{mean, sample_variance};

/// Which grade an input is a candidate for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Horizon {
    /// Trader Grade: the next 7 days.
    Short,
    /// Investor Grade: the next 30 days.
    Long,
}

/// A candidate input of a grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Input {
    Volatility30,
    DownsideVolatility30,
    Reversal7,
    Reversal1,
    Momentum30To7,
    DistanceHigh90,
    VolatilityRegime,
    Trend,
    Rsi,
    Sharpe30,
    RelativeStrength30,
    Volatility90,
    DownsideVolatility90,
    MaxDrawdown180,
    DistanceHigh180,
    Sharpe180,
    Momentum180To30,
    Reversal30,
    ListingAge,
}

impl Input {
    /// Every candidate, Trader Grade's first.
    pub const ALL: [Input; 19] = [
        Input::Volatility30,
        Input::DownsideVolatility30,
        Input::Reversal7,
        Input::Reversal1,
        Input::Momentum30To7,
        Input::DistanceHigh90,
        Input::VolatilityRegime,
        Input::Trend,
        Input::Rsi,
        Input::Sharpe30,
        Input::RelativeStrength30,
        Input::Volatility90,
        Input::DownsideVolatility90,
        Input::MaxDrawdown180,
        Input::DistanceHigh180,
        Input::Sharpe180,
        Input::Momentum180To30,
        Input::Reversal30,
        Input::ListingAge,
    ];

    /// The stable name used in reports and components.
    pub fn name(self) -> &'static str {
        match self {
            Input::Volatility30 => "volatility_30",
            Input::DownsideVolatility30 => "downside_volatility_30",
            Input::Reversal7 => "reversal_7",
            Input::Reversal1 => "reversal_1",
            Input::Momentum30To7 => "momentum_30_7",
            Input::DistanceHigh90 => "distance_high_90",
            Input::VolatilityRegime => "volatility_regime",
            Input::Trend => "trend",
            Input::Rsi => "rsi",
            Input::Sharpe30 => "sharpe_30",
            Input::RelativeStrength30 => "relative_strength_30",
            Input::Volatility90 => "volatility_90",
            Input::DownsideVolatility90 => "downside_volatility_90",
            Input::MaxDrawdown180 => "max_drawdown_180",
            Input::DistanceHigh180 => "distance_high_180",
            Input::Sharpe180 => "sharpe_180",
            Input::Momentum180To30 => "momentum_180_30",
            Input::Reversal30 => "reversal_30",
            Input::ListingAge => "listing_age",
        }
    }

    /// The input in words, for people: "30-day volatility".
    pub fn label(self) -> &'static str {
        match self {
            Input::Volatility30 => "30-day volatility",
            Input::DownsideVolatility30 => "30-day downside volatility",
            Input::Reversal7 => "7-day reversal",
            Input::Reversal1 => "1-day reversal",
            Input::Momentum30To7 => "Momentum from 30 to 7 days ago",
            Input::DistanceHigh90 => "Distance from the 90-day high",
            Input::VolatilityRegime => "Volatility regime",
            Input::Trend => "Trend",
            Input::Rsi => "RSI",
            Input::Sharpe30 => "30-day Sharpe ratio",
            Input::RelativeStrength30 => "30-day strength against BTC",
            Input::Volatility90 => "90-day volatility",
            Input::DownsideVolatility90 => "90-day downside volatility",
            Input::MaxDrawdown180 => "180-day maximum drawdown",
            Input::DistanceHigh180 => "Distance from the 180-day high",
            Input::Sharpe180 => "180-day Sharpe ratio",
            Input::Momentum180To30 => "Momentum from 180 to 30 days ago",
            Input::Reversal30 => "30-day reversal",
            Input::ListingAge => "Listing age",
        }
    }

    /// The candidate named `name`.
    pub fn from_name(name: &str) -> Option<Input> {
        Input::ALL.into_iter().find(|i| i.name() == name)
    }

    /// The grade the input is a candidate for.
    pub fn horizon(self) -> Horizon {
        match self {
            Input::Volatility90
            | Input::DownsideVolatility90
            | Input::MaxDrawdown180
            | Input::DistanceHigh180
            | Input::Sharpe180
            | Input::Momentum180To30
            | Input::Reversal30
            | Input::ListingAge => Horizon::Long,
            _ => Horizon::Short,
        }
    }

    /// The sign of the input's relation to later returns that its reasoning
    /// predicts (+1: higher is better).
    pub fn predicted_sign(self) -> f64 {
        match self {
            Input::Volatility30
            | Input::DownsideVolatility30
            | Input::Reversal7
            | Input::Reversal1
            | Input::VolatilityRegime
            | Input::Volatility90
            | Input::DownsideVolatility90
            | Input::Reversal30 => -1.0,
            _ => 1.0,
        }
    }

    /// Days of history the input needs (its longest window).
    pub fn days_needed(self) -> usize {
        match self {
            Input::Volatility30 | Input::DownsideVolatility30 | Input::Sharpe30 => 30,
            Input::Reversal7 => 7,
            Input::Reversal1 => 1,
            Input::Momentum30To7 | Input::RelativeStrength30 | Input::Reversal30 => 30,
            Input::DistanceHigh90 | Input::VolatilityRegime | Input::Volatility90 => 90,
            Input::DownsideVolatility90 => 90,
            Input::Trend => 30,
            Input::Rsi => 14,
            Input::MaxDrawdown180
            | Input::DistanceHigh180
            | Input::Sharpe180
            | Input::Momentum180To30 => 180,
            Input::ListingAge => 0,
        }
    }

    /// The input at every bar of `series` (`NaN` where it is not defined).
    /// `benchmark` is only read by [`Input::RelativeStrength30`].
    pub fn column(self, series: &PriceSeries, benchmark: Option<&PriceSeries>) -> Vec<f64> {
        let per_day = series.interval.per_day();
        let bars = |days: usize| days * per_day;
        let close = &series.close;
        let lr = log_returns(close);
        let day_scale = (per_day as f64).sqrt();
        match self {
            Input::Volatility30 => map_window(&lr, bars(30), |w| sd(w) * day_scale),
            Input::Volatility90 => map_window(&lr, bars(90), |w| sd(w) * day_scale),
            Input::DownsideVolatility30 => map_window(&lr, bars(30), |w| downside(w) * day_scale),
            Input::DownsideVolatility90 => map_window(&lr, bars(90), |w| downside(w) * day_scale),
            Input::Reversal1 => log_change(close, bars(1), 0),
            Input::Reversal7 => log_change(close, bars(7), 0),
            Input::Reversal30 => log_change(close, bars(30), 0),
            Input::Momentum30To7 => log_change(close, bars(30), bars(7)),
            Input::Momentum180To30 => log_change(close, bars(180), bars(30)),
            Input::DistanceHigh90 => distance_high(close, bars(90)),
            Input::DistanceHigh180 => distance_high(close, bars(180)),
            Input::VolatilityRegime => {
                let short = map_window(&lr, bars(14), sd);
                let long = map_window(&lr, bars(90), sd);
                short
                    .iter()
                    .zip(&long)
                    .map(|(s, l)| if *l > 0.0 { s / l } else { f64::NAN })
                    .collect()
            }
            Input::Trend => trend(close),
            Input::Rsi => rsi(close, 14).unwrap_or_else(|_| vec![f64::NAN; close.len()]),
            Input::Sharpe30 => {
                let simple: Vec<f64> = returns_with_lead(close, |a, b| b / a - 1.0);
                map_window(&simple, bars(30), |w| {
                    let s = sd(w);
                    if s > 0.0 { mean(w) / s } else { f64::NAN }
                })
            }
            Input::Sharpe180 => {
                let simple: Vec<f64> = returns_with_lead(close, |a, b| b / a - 1.0);
                let annual = series.interval.periods_per_year().sqrt();
                map_window(&simple, bars(180), |w| {
                    let s = sd(w);
                    if s > 0.0 {
                        mean(w) / s * annual
                    } else {
                        f64::NAN
                    }
                })
            }
            Input::MaxDrawdown180 => max_drawdown_window(close, bars(180)),
            Input::RelativeStrength30 => relative_strength(series, benchmark, bars(30)),
            Input::ListingAge => (0..close.len())
                .map(|t| (t as f64 / per_day as f64).min(365.0))
                .collect(),
        }
    }
}

/// `ln(c[t] / c[t − 1])` placed at bar `t`; `NaN` at bar 0.
fn log_returns(close: &[f64]) -> Vec<f64> {
    returns_with_lead(close, |a, b| (b / a).ln())
}

fn returns_with_lead(close: &[f64], f: impl Fn(f64, f64) -> f64) -> Vec<f64> {
    let mut out = Vec::with_capacity(close.len());
    out.push(f64::NAN);
    out.extend(close.windows(2).map(|w| f(w[0], w[1])));
    out
}

/// `f` over the `w` values ending at each bar (values placed per bar, the
/// first being `NaN`); `NaN` until `w` values exist after bar 0.
fn map_window(values: &[f64], w: usize, f: impl Fn(&[f64]) -> f64) -> Vec<f64> {
    (0..values.len())
        .map(|t| {
            if w == 0 || t < w {
                f64::NAN
            } else {
                f(&values[t + 1 - w..=t])
            }
        })
        .collect()
}

/// Sample standard deviation; exactly 0 for constant values.
pub(crate) fn sd(xs: &[f64]) -> f64 {
    sample_variance(xs).sqrt()
}

/// Root mean square of the negative values (0 when none is negative).
fn downside(xs: &[f64]) -> f64 {
    (xs.iter().map(|x| x.min(0.0).powi(2)).sum::<f64>() / xs.len() as f64).sqrt()
}

/// `ln(c[t − near] / c[t − far])`.
fn log_change(close: &[f64], far: usize, near: usize) -> Vec<f64> {
    (0..close.len())
        .map(|t| {
            if t < far {
                f64::NAN
            } else {
                (close[t - near] / close[t - far]).ln()
            }
        })
        .collect()
}

/// `ln(c[t] / max c[t − w ..= t])`.
fn distance_high(close: &[f64], w: usize) -> Vec<f64> {
    (0..close.len())
        .map(|t| {
            if t < w {
                f64::NAN
            } else {
                let high = close[t - w..=t].iter().copied().fold(f64::MIN, f64::max);
                (close[t] / high).ln()
            }
        })
        .collect()
}

/// The deepest fall from a running peak within `c[t − w ..= t]` (≤ 0).
fn max_drawdown_window(close: &[f64], w: usize) -> Vec<f64> {
    (0..close.len())
        .map(|t| {
            if t < w {
                return f64::NAN;
            }
            let mut peak = f64::MIN;
            let mut deepest = 0.0f64;
            for &c in &close[t - w..=t] {
                peak = peak.max(c);
                deepest = deepest.min(c / peak - 1.0);
            }
            deepest
        })
        .collect()
}

/// The mean of `tanh z_n` over EMA 20, 50 and 200 of log prices (those
/// warmed up), `z_n` the gap in units of its random-walk deviation with the
/// volatility of the last 30 bars (as the technical reading of a grade).
fn trend(close: &[f64]) -> Vec<f64> {
    let logs: Vec<f64> = close.iter().map(|c| c.ln()).collect();
    let lr = log_returns(close);
    let sigma = map_window(&lr, 30, sd);
    let emas: Vec<(usize, Vec<f64>)> = [20usize, 50, 200]
        .iter()
        .map(|&p| {
            (
                p,
                ema(&logs, p).unwrap_or_else(|_| vec![f64::NAN; close.len()]),
            )
        })
        .collect();
    (0..close.len())
        .map(|t| {
            let s = sigma[t];
            if s.is_nan() || s <= 0.0 {
                return f64::NAN;
            }
            let zs: Vec<f64> = emas
                .iter()
                .filter(|(p, e)| t + 1 >= *p && e[t].is_finite())
                .map(|(p, e)| {
                    let n = *p as f64;
                    let z = (logs[t] - e[t]) / (s * (n - 1.0) / (2.0 * n.sqrt()));
                    z.clamp(-10.0, 10.0).tanh()
                })
                .collect();
            if zs.is_empty() { f64::NAN } else { mean(&zs) }
        })
        .collect()
}

/// `ln(c[t]/c[t − w]) − ln(b[t]/b[t − w])` with the benchmark's closes at the
/// same timestamps; `NaN` where the benchmark has no point at either time.
fn relative_strength(series: &PriceSeries, benchmark: Option<&PriceSeries>, w: usize) -> Vec<f64> {
    let n = series.len();
    let Some(bench) = benchmark else {
        return vec![f64::NAN; n];
    };
    let at = |time: i64| {
        bench
            .timestamps
            .binary_search(&time)
            .ok()
            .map(|j| bench.close[j])
    };
    (0..n)
        .map(|t| {
            if t < w {
                return f64::NAN;
            }
            match (at(series.timestamps[t]), at(series.timestamps[t - w])) {
                (Some(b1), Some(b0)) => {
                    (series.close[t] / series.close[t - w]).ln() - (b1 / b0).ln()
                }
                _ => f64::NAN,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Interval;

    fn series(close: Vec<f64>) -> PriceSeries {
        let ts = (0..close.len() as i64).map(|i| i * 86_400).collect();
        PriceSeries::from_closes(Interval::Daily, ts, close).unwrap()
    }

    #[test]
    fn every_column_is_prefix_stable() {
        let close: Vec<f64> = (0..400)
            .map(|i| 100.0 * (1.0 + 0.3 * ((i as f64) * 0.37).sin() + 0.001 * i as f64))
            .collect();
        let full = series(close);
        for input in Input::ALL {
            let all = input.column(&full, Some(&full));
            for cut in [1, 15, 31, 91, 181, 250, 400] {
                let part = input.column(&full.truncated(cut), Some(&full));
                for t in 0..cut {
                    assert!(
                        all[t].to_bits() == part[t].to_bits(),
                        "{} at {t} of {cut}",
                        input.name()
                    );
                }
            }
        }
    }

    #[test]
    fn windows_fill_when_the_history_allows() {
        let s = series((1..=200).map(|i| i as f64).collect());
        for input in Input::ALL {
            let c = input.column(&s, Some(&s));
            let need = input.days_needed();
            assert!(c[need].is_finite(), "{}", input.name());
            if need > 0 {
                assert!(c[need - 1].is_nan(), "{}", input.name());
            }
        }
        let reversal = Input::Reversal7.column(&s, None);
        assert!((reversal[199] - (200.0f64 / 193.0).ln()).abs() < 1e-15);
        let dd = Input::MaxDrawdown180.column(&series(vec![2.0; 181]), None);
        assert_eq!(dd[180], 0.0);
    }

    #[test]
    fn names_round_trip() {
        for input in Input::ALL {
            assert_eq!(Input::from_name(input.name()), Some(input));
        }
    }
}

//! The per-token bullish / bearish signal: a weighted vote of trend,
//! momentum and volume evidence, turned into a state with hysteresis and a
//! minimum dwell so that it flips rarely.
//!
//! **Votes.** Each component gives a vote in `[−1, 1]`. Price-based votes are
//! z-scores against a driftless random walk with the token's own recent
//! volatility `σ` (the sample standard deviation of the last 50 log
//! returns), halved and clamped, so a full vote means "two standard
//! deviations of what noise alone would give":
//!
//! | component | weight | statistic | noise scale |
//! |---|---|---|---|
//! | `sma50` close vs SMA(50) | 2 | `ln(close / SMA50)` | `σ · √((n−1)(2n−1)/(6n))`, n = 50 (≈ 4.02 σ) |
//! | `sma20` close vs SMA(20) | 1 | `ln(close / SMA20)` | same with n = 20 (≈ 2.48 σ) |
//! | `roc20` 20-bar change | 1 | `ln(close / close[t−20])` | `σ · √20` |
//! | `rsi14` RSI(14) | 1 | `(RSI − 50) / 20` (full vote at 70 / 30) | — |
//! | `obv20` volume flow | 1 | `ΔOBV over 20 bars / Σ volume over 20 bars` | `1 / √20` |
//!
//! The score is the weighted mean of the votes available, in `[−1, 1]`.
//! `obv20` needs volume; on a close-only series it is left out and the
//! score is the mean of the other four (weights 5 instead of 6).
//!
//! **State.** Before 51 bars (50 returns for `σ`) the state is
//! [`SignalState::Unknown`]. From then on, starting Neutral:
//! enter Bullish when `score > θ_in`, leave Bullish when `score < θ_out`
//! (to Bearish if `score < −θ_in`, else Neutral), and mirror for Bearish;
//! no change of state within `dwell` bars of the previous one. Defaults
//! `θ_in = 0.5`, `θ_out = 0`, `dwell = 10` bars. The state at bar `t` reads
//! only bars `0..=t`.
//!
//! ```
//! use tokenlens_core::analysis::{Interval, PriceSeries, signal::{SignalState, signal}};
//! let close: Vec<f64> = (0..120).map(|i| 100.0 * 1.01f64.powi(i) * (1.0 + 0.01 * (i as f64).sin())).collect();
//! let t = (0..120).map(|i| 1_700_000_000 + i * 86_400).collect();
//! let s = PriceSeries::from_closes(Interval::Daily, t, close).unwrap();
//! assert_eq!(signal(&s).unwrap().state, SignalState::Bullish);
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::analysis::{Interval, PriceSeries};
use crate::indicators::catalog::IndicatorSpec;
use crate::indicators::momentum::rsi;
use crate::indicators::trend::sma;

/// The signal of one token at one bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignalState {
    Bullish,
    Bearish,
    Neutral,
    /// Not enough history yet (warm-up).
    Unknown,
}

impl SignalState {
    /// The state's name, as in JSON: `bullish`, `bearish`, `neutral`, `unknown`.
    pub fn as_str(self) -> &'static str {
        match self {
            SignalState::Bullish => "bullish",
            SignalState::Bearish => "bearish",
            SignalState::Neutral => "neutral",
            SignalState::Unknown => "unknown",
        }
    }
}

impl fmt::Display for SignalState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Thresholds of the state machine.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SignalConfig {
    /// Score above which the signal turns bullish (below `−theta_in`:
    /// bearish). In `(0, 1)`. Default 0.5.
    pub theta_in: f64,
    /// Score below which a bullish signal ends (above `−theta_out`: a bearish
    /// one). In `(−theta_in, theta_in)`. Default 0.
    pub theta_out: f64,
    /// Bars that must pass after a change of state before the next one, at
    /// least 1. Default 10.
    pub dwell: usize,
}

impl Default for SignalConfig {
    fn default() -> Self {
        Self {
            theta_in: 0.5,
            theta_out: 0.0,
            dwell: 10,
        }
    }
}

impl SignalConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        if !(self.theta_in > 0.0 && self.theta_in < 1.0) {
            return Err(Error::InvalidParameter {
                name: "theta_in",
                value: self.theta_in.to_string(),
                reason: "must be between 0 and 1",
            });
        }
        if !(self.theta_out > -self.theta_in && self.theta_out < self.theta_in) {
            return Err(Error::InvalidParameter {
                name: "theta_out",
                value: self.theta_out.to_string(),
                reason: "must be between -theta_in and theta_in",
            });
        }
        crate::indicators::check_period("dwell", self.dwell, 1)
    }
}

/// Bars of history before the signal leaves [`SignalState::Unknown`].
pub const WARMUP: usize = VOL_WINDOW + 1;
/// Log returns in the volatility estimate.
const VOL_WINDOW: usize = 50;
/// A crash ends a bullish state at once, dwell or not: a fall over the last
/// [`CRASH_BARS`] bars of more than [`CRASH_SIGMAS`] times its expected size
/// (`σ √bars`, σ the per-bar volatility of the last 50 returns).
pub const CRASH_BARS: usize = 3;
/// See [`CRASH_BARS`].
pub const CRASH_SIGMAS: f64 = 3.0;

/// The components of the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Component {
    Sma50,
    Sma20,
    Roc20,
    Rsi14,
    Obv20,
}

impl Component {
    pub const ALL: [Component; 5] = [
        Component::Sma50,
        Component::Sma20,
        Component::Roc20,
        Component::Rsi14,
        Component::Obv20,
    ];

    /// Weight in the score.
    pub fn weight(self) -> f64 {
        match self {
            Component::Sma50 => 2.0,
            _ => 1.0,
        }
    }

    /// Trend, momentum or volume.
    pub fn family(self) -> &'static str {
        match self {
            Component::Sma50 | Component::Sma20 => "trend",
            Component::Roc20 | Component::Rsi14 => "momentum",
            Component::Obv20 => "volume",
        }
    }
}

/// One component's vote at the bar reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComponentVote {
    pub component: Component,
    pub weight: f64,
    /// The raw statistic (log ratio, RSI, volume share).
    pub value: f64,
    /// The vote in `[−1, 1]`.
    pub vote: f64,
    /// `weight · vote / total weight`: its share of the score.
    pub contribution: f64,
    pub reason: String,
}

/// A change of state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flip {
    pub index: usize,
    pub date: String,
    /// Close of the bar on which the state changed.
    pub price: f64,
    pub from: SignalState,
    pub to: SignalState,
    /// Whether a crash ended the bullish state (see [`CRASH_BARS`]).
    pub crash: bool,
}

/// The signal at the last bar, with the history that led there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    pub state: SignalState,
    /// The score at the last bar in `[−1, 1]`, positive bullish; `None`
    /// during warm-up.
    pub strength: Option<f64>,
    /// The most recent flip, if any.
    pub last_flip: Option<Flip>,
    /// Up to three components that pushed the score the state's way most,
    /// in words (for Neutral: the largest in either direction).
    pub reasons: Vec<String>,
    /// Every component vote at the last bar (empty during warm-up).
    pub components: Vec<ComponentVote>,
    /// Components the series cannot feed (e.g. `obv20` without volume).
    pub unavailable: Vec<Component>,
    /// Every change of state, oldest first (not the end of warm-up).
    pub flips: Vec<Flip>,
    /// The state at every bar.
    pub states: Vec<SignalState>,
    /// The score at every bar, `None` during warm-up.
    pub scores: Vec<Option<f64>>,
}

/// The raw statistics of each component at every bar (`NaN` where
/// undefined).
struct Raw {
    interval: Interval,
    close_over_sma50: Vec<f64>,
    close_over_sma20: Vec<f64>,
    roc20: Vec<f64>,
    rsi14: Vec<f64>,
    /// Whether the close did not move over the RSI's 14 bars: RSI is then
    /// undefined (TA-Lib writes 0), and the vote is 0, not "oversold".
    still14: Vec<bool>,
    obv_share: Option<Vec<f64>>,
    sigma: Vec<f64>,
}

/// Whether the last `bars + 1` closes up to `t` are all equal.
fn unmoved(close: &[f64], t: usize, bars: usize) -> bool {
    t >= bars && close[t - bars..=t].iter().all(|&c| c == close[t])
}

/// `√((n−1)(2n−1)/(6n))`: the standard deviation, in units of the per-bar
/// σ, of `ln(close / SMA(n))` under a driftless random walk.
fn sma_noise(n: usize) -> f64 {
    let n = n as f64;
    ((n - 1.0) * (2.0 * n - 1.0) / (6.0 * n)).sqrt()
}

/// `x / (2 · scale)`, clamped to `[−1, 1]`; 0 when both are 0.
fn half_z(x: f64, scale: f64) -> f64 {
    if x == 0.0 {
        return 0.0;
    }
    (x / (2.0 * scale)).clamp(-1.0, 1.0)
}

impl Raw {
    fn new(series: &PriceSeries) -> Result<Self, Error> {
        let close = &series.close;
        let n = close.len();
        let log_ratio = |ma: Vec<f64>| -> Vec<f64> {
            ma.iter().zip(close).map(|(m, c)| (c / m).ln()).collect()
        };
        let close_over_sma50 = log_ratio(sma(close, 50)?);
        let close_over_sma20 = log_ratio(sma(close, 20)?);
        let roc20 = (0..n)
            .map(|t| {
                if t >= 20 {
                    (close[t] / close[t - 20]).ln()
                } else {
                    f64::NAN
                }
            })
            .collect();
        let lr: Vec<f64> = (0..n)
            .map(|t| {
                if t == 0 {
                    f64::NAN
                } else {
                    (close[t] / close[t - 1]).ln()
                }
            })
            .collect();
        let sigma = (0..n)
            .map(|t| {
                if t < VOL_WINDOW {
                    return f64::NAN;
                }
                let w = &lr[t + 1 - VOL_WINDOW..=t];
                let m = w.iter().sum::<f64>() / VOL_WINDOW as f64;
                let ss = w.iter().map(|x| (x - m) * (x - m)).sum::<f64>();
                (ss / (VOL_WINDOW - 1) as f64).sqrt()
            })
            .collect();
        let obv_share = match &series.volume {
            None => None,
            Some(volume) => {
                let spec: IndicatorSpec = "obv".parse()?;
                let obv = spec
                    .compute(&series.columns())?
                    .into_iter()
                    .next()
                    .map(|(_, v)| v)
                    .unwrap_or_default();
                Some(
                    (0..n)
                        .map(|t| {
                            if t < 20 || obv.len() != n {
                                return f64::NAN;
                            }
                            let total: f64 = volume[t - 19..=t].iter().sum();
                            let flow = obv[t] - obv[t - 20];
                            if total > 0.0 { flow / total } else { 0.0 }
                        })
                        .collect(),
                )
            }
        };
        Ok(Self {
            interval: series.interval,
            close_over_sma50,
            close_over_sma20,
            roc20,
            rsi14: rsi(close, 14)?,
            still14: (0..n).map(|t| unmoved(close, t, 14)).collect(),
            obv_share,
            sigma,
        })
    }

    /// The raw value and vote of a component at `t`.
    fn vote(&self, c: Component, t: usize) -> Option<(f64, f64)> {
        let sigma = self.sigma[t];
        if !sigma.is_finite() {
            return None;
        }
        let (value, vote) = match c {
            Component::Sma50 => {
                let x = self.close_over_sma50[t];
                (x, half_z(x, sigma * sma_noise(50)))
            }
            Component::Sma20 => {
                let x = self.close_over_sma20[t];
                (x, half_z(x, sigma * sma_noise(20)))
            }
            Component::Roc20 => {
                let x = self.roc20[t];
                (x, half_z(x, sigma * 20f64.sqrt()))
            }
            Component::Rsi14 => {
                let x = self.rsi14[t];
                let vote = if self.still14[t] {
                    0.0
                } else {
                    ((x - 50.0) / 20.0).clamp(-1.0, 1.0)
                };
                (x, vote)
            }
            Component::Obv20 => {
                let x = self.obv_share.as_ref()?[t];
                (x, half_z(x, 1.0 / 20f64.sqrt()))
            }
        };
        (value.is_finite() && vote.is_finite()).then_some((value, vote))
    }

    /// Whether the close fell, over the last [`CRASH_BARS`] bars up to `t`,
    /// by more than [`CRASH_SIGMAS`] times `σ √CRASH_BARS`.
    fn crash(&self, close: &[f64], t: usize) -> bool {
        let sigma = self.sigma[t];
        t >= CRASH_BARS
            && sigma.is_finite()
            && (close[t] / close[t - CRASH_BARS]).ln()
                < -CRASH_SIGMAS * sigma * (CRASH_BARS as f64).sqrt()
    }

    /// The score at `t`: `None` until every price component is defined.
    fn score(&self, t: usize) -> Option<f64> {
        let mut sum = 0.0;
        let mut weights = 0.0;
        for c in Component::ALL {
            match self.vote(c, t) {
                Some((_, v)) => {
                    sum += c.weight() * v;
                    weights += c.weight();
                }
                None if c == Component::Obv20 => {}
                None => return None,
            }
        }
        Some(sum / weights)
    }

    fn reason(&self, c: Component, value: f64, t: usize) -> String {
        let unit = match self.interval {
            Interval::Daily => "day",
            Interval::Hourly => "hour",
        };
        let pct = |x: f64| (x.exp() - 1.0) * 100.0;
        let side = |x: f64| if x >= 0.0 { "above" } else { "below" };
        match c {
            Component::Sma50 | Component::Sma20 => {
                let n = if c == Component::Sma50 { 50 } else { 20 };
                if value == 0.0 {
                    format!("price at its {n}-{unit} average")
                } else {
                    format!(
                        "price {:.1}% {} its {n}-{unit} average",
                        pct(value).abs(),
                        side(value)
                    )
                }
            }
            Component::Roc20 if value == 0.0 => format!("price unchanged over 20 {unit}s"),
            Component::Roc20 => format!("price {:+.1}% over 20 {unit}s", pct(value)),
            Component::Rsi14 if self.still14[t] => {
                format!("no movement over the last 14 {unit}s (RSI undefined)")
            }
            Component::Rsi14 => format!("RSI(14) at {value:.1}"),
            Component::Obv20 => format!(
                "{:.0}% of the last 20 {unit}s' volume, net, traded on {} {unit}s",
                (value * 100.0).abs(),
                if value >= 0.0 { "up" } else { "down" }
            ),
        }
    }
}

/// The signal of `series` with the default thresholds.
pub fn signal(series: &PriceSeries) -> Result<Signal, Error> {
    signal_with(series, &SignalConfig::default())
}

/// The signal of `series` with the given thresholds. A series shorter than
/// [`WARMUP`] bars is `Unknown` throughout (not an error).
pub fn signal_with(series: &PriceSeries, config: &SignalConfig) -> Result<Signal, Error> {
    config.validate()?;
    let raw = Raw::new(series)?;
    let n = series.len();
    let scores: Vec<Option<f64>> = (0..n).map(|t| raw.score(t)).collect();
    let crashes: Vec<bool> = (0..n).map(|t| raw.crash(&series.close, t)).collect();
    let states = run_states(&scores, &crashes, config);
    let mut flips = Vec::new();
    for t in 1..n {
        let (from, to) = (states[t - 1], states[t]);
        if from != to && from != SignalState::Unknown {
            flips.push(Flip {
                index: t,
                date: series.date(t),
                price: series.close[t],
                from,
                to,
                crash: from == SignalState::Bullish && crashes[t],
            });
        }
    }
    let state = states.last().copied().unwrap_or(SignalState::Unknown);
    let strength = scores.last().copied().flatten();
    let unavailable = if series.volume.is_none() {
        vec![Component::Obv20]
    } else {
        Vec::new()
    };
    let mut components = Vec::new();
    if let (Some(t), Some(_)) = (n.checked_sub(1), strength) {
        let total: f64 = Component::ALL
            .iter()
            .filter(|c| raw.vote(**c, t).is_some())
            .map(|c| c.weight())
            .sum();
        for c in Component::ALL {
            if let Some((value, vote)) = raw.vote(c, t) {
                components.push(ComponentVote {
                    component: c,
                    weight: c.weight(),
                    value,
                    vote,
                    contribution: c.weight() * vote / total,
                    reason: raw.reason(c, value, t),
                });
            }
        }
    }
    // With no movement there is no direction to give a reason for.
    let close = &series.close;
    let reasons = if n > 0 && unmoved(close, n - 1, 20) {
        vec![format!(
            "no price movement over the last 20 {}s",
            match series.interval {
                Interval::Daily => "day",
                Interval::Hourly => "hour",
            }
        )]
    } else {
        top_reasons(&components, state)
    };
    Ok(Signal {
        state,
        strength,
        last_flip: flips.last().cloned(),
        reasons,
        components,
        unavailable,
        flips,
        states,
        scores,
    })
}

/// The hysteresis state machine over a score series. `crashes[t]` ends a
/// bullish state at `t` whatever the dwell (see [`CRASH_BARS`]).
fn run_states(scores: &[Option<f64>], crashes: &[bool], config: &SignalConfig) -> Vec<SignalState> {
    let (th_in, th_out) = (config.theta_in, config.theta_out);
    let mut state = SignalState::Unknown;
    let mut last_change: Option<usize> = None;
    scores
        .iter()
        .enumerate()
        .map(|(t, score)| {
            let Some(s) = *score else {
                return state;
            };
            let target = match state {
                SignalState::Unknown | SignalState::Neutral => {
                    if s > th_in {
                        SignalState::Bullish
                    } else if s < -th_in {
                        SignalState::Bearish
                    } else {
                        SignalState::Neutral
                    }
                }
                SignalState::Bullish if s < th_out || crashes[t] => {
                    if s < -th_in {
                        SignalState::Bearish
                    } else {
                        SignalState::Neutral
                    }
                }
                SignalState::Bearish if s > -th_out => {
                    if s > th_in {
                        SignalState::Bullish
                    } else {
                        SignalState::Neutral
                    }
                }
                held => held,
            };
            let crash_exit = state == SignalState::Bullish && crashes[t];
            let settled = crash_exit || last_change.is_none_or(|c| t - c >= config.dwell);
            if state == SignalState::Unknown {
                // The end of warm-up is not a flip and starts no dwell.
                state = target;
            } else if target != state && settled {
                state = target;
                last_change = Some(t);
            }
            state
        })
        .collect()
}

fn top_reasons(components: &[ComponentVote], state: SignalState) -> Vec<String> {
    let key = |c: &ComponentVote| match state {
        SignalState::Bullish => c.contribution,
        SignalState::Bearish => -c.contribution,
        _ => c.contribution.abs(),
    };
    // Largest contribution first, ties in component order.
    let order = crate::order::descending(components.iter().map(key));
    order
        .into_iter()
        .map(|i| &components[i])
        .filter(|c| key(c) > 0.0)
        .take(3)
        .map(|c| {
            format!(
                "{} ({}, vote {:+.2})",
                c.reason,
                c.component.family(),
                c.vote
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(scores: &[f64], expected: &str, dwell: usize) {
        let scores: Vec<Option<f64>> = scores.iter().map(|&s| Some(s)).collect();
        let config = SignalConfig {
            dwell,
            ..SignalConfig::default()
        };
        let states: String = run_states(&scores, &vec![false; scores.len()], &config)
            .iter()
            .map(|s| match s {
                SignalState::Bullish => '+',
                SignalState::Bearish => '-',
                SignalState::Neutral => '0',
                SignalState::Unknown => '?',
            })
            .collect();
        assert_eq!(states, expected, "{scores:?}");
    }

    #[test]
    fn hysteresis_state_machine() {
        // (scores, states, dwell) with θ_in 0.5, θ_out 0.
        let cases: &[(&[f64], &str, usize)] = &[
            // Inside the band nothing happens.
            (&[0.0, 0.4, -0.4, 0.5, -0.5], "00000", 1),
            // Enter above θ_in, stay while above θ_out, leave below it.
            (&[0.6, 0.3, 0.01, -0.01, 0.3], "+++00", 1),
            // A plunge straight through both thresholds goes to bearish.
            (&[0.6, -0.7, -0.1, 0.05], "+--0", 1),
            // The first state after warm-up may be bullish at once.
            (&[0.9, 0.9], "++", 10),
            // Dwell: the exit waits until 3 bars after the entry.
            (&[0.0, 0.6, -0.9, -0.9, -0.9], "0+++-", 3),
            // A brief dip that ends before the dwell expires is forgotten.
            (&[0.0, 0.6, -0.9, 0.2, 0.2, 0.2], "0+++++", 3),
        ];
        for (scores, expected, dwell) in cases {
            check(scores, expected, *dwell);
        }
    }

    #[test]
    fn warmup_is_unknown_and_not_a_flip() {
        let scores = [None, None, Some(0.9), Some(0.9)];
        let states = run_states(&scores, &[false; 4], &SignalConfig::default());
        assert_eq!(
            states,
            [
                SignalState::Unknown,
                SignalState::Unknown,
                SignalState::Bullish,
                SignalState::Bullish
            ]
        );
    }

    #[test]
    fn noise_scale_of_a_moving_average() {
        // Var of close − SMA(n) under a unit random walk is Σ j² / n² for j < n.
        for n in [2usize, 20, 50] {
            let exact: f64 = (1..n).map(|j| (j * j) as f64).sum::<f64>() / (n * n) as f64;
            assert!((sma_noise(n) - exact.sqrt()).abs() < 1e-12, "{n}");
        }
    }

    #[test]
    fn bad_thresholds_are_typed_errors() {
        for config in [
            SignalConfig {
                theta_in: 0.0,
                ..SignalConfig::default()
            },
            SignalConfig {
                theta_out: 0.6,
                ..SignalConfig::default()
            },
            SignalConfig {
                dwell: 0,
                ..SignalConfig::default()
            },
        ] {
            assert_eq!(config.validate().unwrap_err().code(), "INVALID_PARAMETER");
        }
    }

    #[test]
    fn no_movement_claims_no_direction() {
        let days = |n: usize| (0..n as i64).map(|i| 1_704_067_200 + i * 86_400).collect();
        // Moves for 100 days, then 30 days without a change.
        let mut close: Vec<f64> = (0..100).map(|i| 10.0 + (i as f64 * 0.7).sin()).collect();
        close.extend([7.5; 30]);
        let s = PriceSeries::from_closes(Interval::Daily, days(130), close).unwrap();
        let sig = signal(&s).unwrap();
        assert_eq!(sig.reasons, ["no price movement over the last 20 days"]);
        let rsi = sig
            .components
            .iter()
            .find(|c| c.component == Component::Rsi14)
            .unwrap();
        assert_eq!(rsi.vote, 0.0);
        assert_eq!(
            rsi.reason,
            "no movement over the last 14 days (RSI undefined)"
        );
        let roc = sig
            .components
            .iter()
            .find(|c| c.component == Component::Roc20)
            .unwrap();
        assert_eq!(roc.reason, "price unchanged over 20 days");
        assert!(sig.strength.is_some_and(|s| s.abs() < 0.5));
        // Ten still days: RSI is undefined, the rest still reads the moves.
        let mut close: Vec<f64> = (0..100).map(|i| 10.0 + 0.05 * i as f64).collect();
        close.extend([15.0; 15]);
        let s = PriceSeries::from_closes(Interval::Daily, days(115), close).unwrap();
        let sig = signal(&s).unwrap();
        assert!(
            sig.reasons.iter().all(|r| !r.contains("RSI")),
            "{:?}",
            sig.reasons
        );
        assert!(!sig.reasons.is_empty());
    }

    #[test]
    fn a_crash_ends_a_bullish_state_at_once() {
        let days = |n: usize| (0..n as i64).map(|i| 1_704_067_200 + i * 86_400).collect();
        // A noisy rise (bullish), then −40 % in three days.
        let mut close: Vec<f64> = (0..150)
            .map(|i| 10.0 * (0.01 * i as f64 + 0.03 * (i as f64 * 1.7).sin()).exp())
            .collect();
        let top = close[149];
        close.extend([top * 0.85, top * 0.72, top * 0.6]);
        let s = PriceSeries::from_closes(Interval::Daily, days(153), close.clone()).unwrap();
        let sig = signal(&s).unwrap();
        assert_eq!(sig.states[149], SignalState::Bullish);
        let exit = sig.flips.last().unwrap();
        assert_eq!(exit.from, SignalState::Bullish);
        assert!(exit.crash && exit.index >= 150, "{exit:?}");
        assert_ne!(sig.state, SignalState::Bullish);
        // Within the dwell: a rise that turned bullish just before still exits.
        let recent = sig.flips.iter().rev().nth(1).map_or(0, |f| f.index);
        assert!(exit.index - recent < 200);
        // A fall within the usual noise does not.
        let mut calm = close[..150].to_vec();
        calm.extend([top * 0.99, top * 0.98, top * 0.985]);
        let s = PriceSeries::from_closes(Interval::Daily, days(153), calm).unwrap();
        let sig = signal(&s).unwrap();
        assert!(sig.flips.iter().all(|f| !f.crash));
    }
}

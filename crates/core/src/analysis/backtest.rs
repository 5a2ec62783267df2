//! Backtest of the signal against buy-and-hold.
//!
//! **Execution.** The signal at bar `t` is computed from bars `0..=t` and is
//! traded at bar `t`'s close (the price it was computed on; the cost of not
//! being able to trade exactly there is what `slippage_bps` stands for).
//! Nothing after bar `t` is read to decide at `t`.
//!
//! **Positions.** Long-only (default): long from a flip to Bullish until the
//! next flip to Bearish; Neutral keeps whatever is held. With `short`, a flip
//! to Bearish also opens a short (held until the next Bullish flip). A short
//! is not rebalanced: its value is `entry value · (2 − price / entry price)`,
//! floored at 0. Each change of position costs `fee_bps + slippage_bps` of
//! the position's value per side (a reversal pays twice). A position still
//! open at the window's last bar is valued at that close, without an exit
//! cost, and marked `open`.
//!
//! **Window.** `from` / `to` (`YYYY-MM-DD`, both included) bound the bars
//! traded and the flips reported; the signal itself is computed on the
//! whole history before them (only the past). A position the signal holds
//! at the window's first bar is opened at that close (`carried_in`).
//!
//! **Figures.** Equity starts at 1 before the first bar's close. Total return
//! `E_last − 1`; CAGR `(E_last)^(periods_per_year / (n − 1)) − 1` over the `n`
//! bars of the window; Sharpe (risk-free 0) of the bar-to-bar returns of the
//! equity curve ([`metrics::sharpe`](crate::metrics::sharpe)); maximum
//! drawdown of the curve including the starting 1; exposure: the share of
//! the `n − 1` bar-to-bar periods spent in a position; win rate: the share
//! of closed trades with a positive return. Buy-and-hold buys the first
//! bar's close at no cost, so its figures are the metrics module's on the
//! window's closes.

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::analysis::PriceSeries;
use crate::analysis::series::parse_utc_date;
use crate::analysis::signal::{Flip, SignalConfig, SignalState, signal_with};
use crate::metrics;

/// Parameters of a [`backtest`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BacktestConfig {
    /// Exchange fee per side, in basis points, finite and ≥ 0. Default 10.
    pub fee_bps: f64,
    /// Slippage per side, in basis points, finite and ≥ 0. Default 5.
    pub slippage_bps: f64,
    /// Also go short on bearish flips. Default false (long-only).
    pub short: bool,
    /// First date traded (`YYYY-MM-DD`, UTC), included. Default: the first bar.
    pub from: Option<String>,
    /// Last date traded, included. Default: the last bar.
    pub to: Option<String>,
    /// The signal's thresholds.
    pub signal: SignalConfig,
}

impl Default for BacktestConfig {
    fn default() -> Self {
        Self {
            fee_bps: 10.0,
            slippage_bps: 5.0,
            short: false,
            from: None,
            to: None,
            signal: SignalConfig::default(),
        }
    }
}

impl BacktestConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        for (name, v) in [
            ("fee_bps", self.fee_bps),
            ("slippage_bps", self.slippage_bps),
        ] {
            if !(v.is_finite() && v >= 0.0) {
                return Err(Error::InvalidParameter {
                    name,
                    value: v.to_string(),
                    reason: "must be finite and not negative",
                });
            }
        }
        if self.fee_bps + self.slippage_bps >= 10_000.0 {
            return Err(Error::InvalidParameter {
                name: "fee_bps",
                value: (self.fee_bps + self.slippage_bps).to_string(),
                reason: "fee and slippage together must stay below 10000 bps",
            });
        }
        self.signal.validate()
    }

    fn cost(&self) -> f64 {
        (self.fee_bps + self.slippage_bps) / 10_000.0
    }
}

/// Long or short.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Long,
    Short,
}

impl Direction {
    /// Value of a position opened at 1, when the price has moved by `ratio`.
    fn growth(self, ratio: f64) -> f64 {
        match self {
            Direction::Long => ratio,
            Direction::Short => (2.0 - ratio).max(0.0),
        }
    }
}

/// One round trip.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trade {
    pub direction: Direction,
    pub entry_index: usize,
    pub entry_date: String,
    pub entry_price: f64,
    pub exit_index: usize,
    pub exit_date: String,
    /// The exit close, or the last close for an open trade.
    pub exit_price: f64,
    /// Net of costs.
    pub r#return: f64,
    /// The worst move against the position between entry and exit, from the
    /// lows (longs) or highs (shorts) when the series has them, else the
    /// closes; ≤ 0, before costs.
    pub worst_excursion: f64,
    /// Still held at the window's end.
    pub open: bool,
    /// Opened at the window's first bar because the signal already held it.
    pub carried_in: bool,
}

/// The summary figures of one equity curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Performance {
    pub total_return: f64,
    /// `None` for a window of one bar.
    pub cagr: Option<f64>,
    /// `None` when the returns do not vary.
    pub sharpe: Option<f64>,
    /// Deepest fall from a running peak, ≤ 0.
    pub max_drawdown: f64,
    /// Share of bar-to-bar periods in a position.
    pub exposure: f64,
    pub trades: usize,
    /// Share of closed trades that made money, `None` without closed trades.
    pub win_rate: Option<f64>,
}

/// The result of a [`backtest`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backtest {
    /// First and last bar of the window.
    pub start_index: usize,
    pub end_index: usize,
    pub start_date: String,
    pub end_date: String,
    pub trades: Vec<Trade>,
    /// Flips inside the window.
    pub flips: Vec<Flip>,
    pub strategy: Performance,
    pub buy_and_hold: Performance,
    /// One value per bar of the window.
    pub strategy_equity: Vec<f64>,
    pub buy_and_hold_equity: Vec<f64>,
}

/// Backtests the signal of `series` over the configured window.
///
/// Errors: [`Error::InvalidParameter`] for a bad config or date,
/// [`Error::TooShort`] when the window holds fewer than 2 bars.
pub fn backtest(series: &PriceSeries, config: &BacktestConfig) -> Result<Backtest, Error> {
    config.validate()?;
    let (start, end) = window(series, config)?;
    let sig = signal_with(series, &config.signal)?;
    let positions = positions(&sig.states, config.short);
    let close = &series.close;
    let cost = config.cost();
    let mut equity = Vec::with_capacity(end - start + 1);
    let mut trades: Vec<Trade> = Vec::new();
    // The position held, with its entry bar, entry price, the equity before
    // its entry cost and the equity after it.
    let mut held: Option<(Direction, usize, f64, f64, f64)> = None;
    let mut cash = 1.0;
    for t in start..=end {
        let mut value = match held {
            Some((dir, _, price, _, base)) => base * dir.growth(close[t] / price),
            None => cash,
        };
        let target = positions[t];
        if held.map(|h| h.0) != target {
            if let Some((dir, entry, price, before, _)) = held.take() {
                value *= 1.0 - cost;
                trades.push(trade(
                    series,
                    dir,
                    entry,
                    t,
                    price,
                    value / before - 1.0,
                    false,
                ));
            }
            if let Some(dir) = target {
                let before = value;
                value *= 1.0 - cost;
                held = Some((dir, t, close[t], before, value));
            }
        }
        if held.is_none() {
            cash = value;
        }
        equity.push(value);
    }
    if let Some((dir, entry, price, before, _)) = held {
        let last = *equity.last().unwrap_or(&1.0);
        trades.push(trade(
            series,
            dir,
            entry,
            end,
            price,
            last / before - 1.0,
            true,
        ));
    }
    // A position carried into the window is recorded as opened at its start;
    // one opened by a flip on the first bar is not "carried".
    for tr in &mut trades {
        if tr.entry_index == start {
            tr.carried_in = !sig.flips.iter().any(|f| f.index == start);
        }
    }
    let periods = end - start;
    let in_market = (start..end).filter(|&t| positions[t].is_some()).count();
    let exposure = if periods > 0 {
        in_market as f64 / periods as f64
    } else {
        0.0
    };
    let closed: Vec<&Trade> = trades.iter().filter(|t| !t.open).collect();
    let win_rate = (!closed.is_empty())
        .then(|| closed.iter().filter(|t| t.r#return > 0.0).count() as f64 / closed.len() as f64);
    let ppy = series.interval.periods_per_year();
    let strategy = summary(&equity, ppy, exposure, trades.len(), win_rate)?;
    let bh_equity: Vec<f64> = close[start..=end]
        .iter()
        .map(|c| c / close[start])
        .collect();
    let bh_total = bh_equity.last().copied().unwrap_or(1.0) - 1.0;
    let buy_and_hold = summary(
        &bh_equity,
        ppy,
        if periods > 0 { 1.0 } else { 0.0 },
        1,
        Some(if bh_total > 0.0 { 1.0 } else { 0.0 }),
    )?;
    let flips = sig
        .flips
        .into_iter()
        .filter(|f| (start..=end).contains(&f.index))
        .collect();
    Ok(Backtest {
        start_index: start,
        end_index: end,
        start_date: series.date(start),
        end_date: series.date(end),
        trades,
        flips,
        strategy,
        buy_and_hold,
        strategy_equity: equity,
        buy_and_hold_equity: bh_equity,
    })
}

/// The position the signal asks for at every bar: Bullish → long, Bearish →
/// short (or flat when long-only), Neutral and Unknown → unchanged (flat
/// before the first decision).
fn positions(states: &[SignalState], short: bool) -> Vec<Option<Direction>> {
    let mut pos = None;
    states
        .iter()
        .map(|s| {
            match s {
                SignalState::Bullish => pos = Some(Direction::Long),
                SignalState::Bearish => pos = short.then_some(Direction::Short),
                SignalState::Neutral | SignalState::Unknown => {}
            }
            pos
        })
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn trade(
    series: &PriceSeries,
    direction: Direction,
    entry: usize,
    exit: usize,
    entry_price: f64,
    ret: f64,
    open: bool,
) -> Trade {
    let adverse = match direction {
        Direction::Long => series.low.as_ref(),
        Direction::Short => series.high.as_ref(),
    }
    .unwrap_or(&series.close);
    let worst = (entry + 1..=exit)
        .map(|t| direction.growth(adverse[t] / entry_price) - 1.0)
        .fold(0.0, f64::min);
    Trade {
        direction,
        entry_index: entry,
        entry_date: series.date(entry),
        entry_price,
        exit_index: exit,
        exit_date: series.date(exit),
        exit_price: series.close[exit],
        r#return: ret,
        worst_excursion: worst,
        open,
        carried_in: false,
    }
}

/// First and last bar of the configured window.
fn window(series: &PriceSeries, config: &BacktestConfig) -> Result<(usize, usize), Error> {
    let parse = |name: &'static str, d: &Option<String>| -> Result<Option<i64>, Error> {
        d.as_deref()
            .map(|d| {
                parse_utc_date(d).ok_or_else(|| Error::InvalidParameter {
                    name,
                    value: d.to_owned(),
                    reason: "must be a date YYYY-MM-DD",
                })
            })
            .transpose()
    };
    let from = parse("from", &config.from)?.unwrap_or(i64::MIN);
    let to = parse("to", &config.to)?.map_or(i64::MAX, |t| t + 86_400);
    let ts = &series.timestamps;
    let start = ts.partition_point(|&t| t < from);
    let after = ts.partition_point(|&t| t < to);
    let len = after.saturating_sub(start);
    if len < 2 {
        return Err(Error::TooShort { len, needed: 2 });
    }
    Ok((start, after - 1))
}

/// Figures of an equity curve that starts from 1 before its first value.
fn summary(
    equity: &[f64],
    periods_per_year: f64,
    exposure: f64,
    trades: usize,
    win_rate: Option<f64>,
) -> Result<Performance, Error> {
    let last = equity.last().copied().unwrap_or(1.0);
    let periods = equity.len().saturating_sub(1);
    let cagr = (periods > 0).then(|| last.powf(periods_per_year / periods as f64) - 1.0);
    let returns: Vec<f64> = equity
        .windows(2)
        .map(|w| if w[0] > 0.0 { w[1] / w[0] - 1.0 } else { 0.0 })
        .collect();
    let sharpe = if returns.len() >= 2 {
        metrics::sharpe(&returns, 0.0, periods_per_year)?
    } else {
        None
    };
    let mut peak: f64 = 1.0;
    let mut max_drawdown: f64 = 0.0;
    for &e in equity {
        peak = peak.max(e);
        max_drawdown = max_drawdown.min(e / peak - 1.0);
    }
    Ok(Performance {
        total_return: last - 1.0,
        cagr,
        sharpe,
        max_drawdown,
        exposure,
        trades,
        win_rate,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_follow_the_opposite_flip() {
        use Direction::*;
        use SignalState::*;
        let states = [
            Unknown, Neutral, Bullish, Neutral, Bullish, Bearish, Neutral, Bullish,
        ];
        // (short allowed, expected positions)
        let cases = [
            (
                false,
                [
                    None,
                    None,
                    Some(Long),
                    Some(Long),
                    Some(Long),
                    None,
                    None,
                    Some(Long),
                ],
            ),
            (
                true,
                [
                    None,
                    None,
                    Some(Long),
                    Some(Long),
                    Some(Long),
                    Some(Short),
                    Some(Short),
                    Some(Long),
                ],
            ),
        ];
        for (short, expected) in cases {
            assert_eq!(positions(&states, short), expected, "short {short}");
        }
    }

    #[test]
    fn a_short_loses_everything_at_twice_its_entry_and_no_more() {
        assert_eq!(Direction::Short.growth(0.5), 1.5);
        assert_eq!(Direction::Short.growth(2.0), 0.0);
        assert_eq!(Direction::Short.growth(3.0), 0.0);
        assert_eq!(Direction::Long.growth(3.0), 3.0);
    }

    #[test]
    fn summary_counts_the_entry_cost_as_a_drawdown() {
        let p = summary(&[0.99, 1.1, 0.88], 365.0, 1.0, 1, None).unwrap();
        assert!((p.total_return + 0.12).abs() < 1e-12);
        assert!((p.max_drawdown + 0.2).abs() < 1e-12); // 1.1 → 0.88
        let p = summary(&[0.99, 0.99], 365.0, 1.0, 1, None).unwrap();
        assert!((p.max_drawdown + 0.01).abs() < 1e-12);
        assert_eq!(p.sharpe, None); // one return
    }
}

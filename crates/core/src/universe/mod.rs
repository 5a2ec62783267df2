//! Universe-wide analysis: many tokens at once.
//!
//! * [`screen`]: every token's grades, signal, rating, class and returns in
//!   one call, one typed error per token that cannot be graded;
//! * [`breadth`]: the Bull-vs-Bear breadth of the universe over time;
//! * [`narratives`]: narrative indices, their ROI against BTC, ETH and SOL,
//!   and a rotation rule with its backtest;
//! * [`benchmarks`]: what the rotation is measured against, a token held and
//!   an equal-weight basket;
//! * [`moonshots`]: low-cap tokens with a rising grade, and their ledger;
//! * [`spread`]: how the grades spread, on one date and over the history;
//! * [`table`]: the screener table's columns and row order, and the pair ↔
//!   symbol rule of the bundled history, for every face.
//!
//! The time-series views share a [`Panel`]: each token's signal states,
//! Trader Grade totals and SMA(50) computed once over its whole history
//! (linear in its length), placed on the universe's common time axis. Every
//! per-token input is causal, so what the panel says at a date depends only
//! on bars up to that date. Formulas are in `docs/METHODOLOGY.md`
//! ("Universe").

pub mod benchmarks;
pub mod breadth;
pub mod filters;
pub mod moonshots;
pub mod narratives;
pub mod screen;
pub mod spread;
pub mod stable;
pub mod table;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::analysis::grades::{Fundamentals, trader_score_series};
use crate::analysis::series::utc_date;
use crate::analysis::signal::{SignalState, signal};
use crate::analysis::{Interval, PriceSeries};
use crate::indicators::trend::sma;

/// One token of a universe: its symbol, price history and, when known, its
/// market figures (market cap, volume …).
pub type Member = (String, PriceSeries, Option<Fundamentals>);

/// Why one token of a universe could not be analysed. The other tokens'
/// results are unaffected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenError {
    pub symbol: String,
    /// The core error code (`TOO_SHORT`, `INVALID_INPUT`, …).
    pub code: String,
    pub message: String,
}

impl TokenError {
    pub fn new(symbol: &str, error: &Error) -> Self {
        Self {
            symbol: symbol.to_owned(),
            code: error.code().to_owned(),
            message: error.to_string(),
        }
    }
}

/// Trader Grade from which a token counts as strong (the band users filter on).
pub const STRONG_GRADE: f64 = 80.0;
/// Period of the moving average of the breadth's "above average" share.
pub const SMA_PERIOD: usize = 50;

/// One token's history, computed once, on its own bars.
#[derive(Debug, Clone)]
pub struct TokenHistory {
    pub symbol: String,
    /// Position of the token in the universe given to [`Panel::new`].
    pub member: usize,
    /// Row of the panel's time axis of each bar.
    pub rows: Vec<usize>,
    pub close: Vec<f64>,
    pub volume: Option<Vec<f64>>,
    /// Signal state at each bar (default thresholds).
    pub states: Vec<SignalState>,
    /// Trader Grade total at each bar (no technical rating), `None` before
    /// 15 bars.
    pub trader: Vec<Option<f64>>,
    /// SMA(50) of the close at each bar, `NaN` before 50 bars.
    pub sma50: Vec<f64>,
    /// Whether the token is stable at each bar ([`stable`]): a stablecoin,
    /// fiat or gold-backed token, left out of the breadth and the moonshots.
    pub stable: Vec<bool>,
    /// Market figures, when given.
    pub market: Option<Fundamentals>,
    /// For each row of the axis, the bar at that row, if any.
    at: Vec<Option<u32>>,
}

impl TokenHistory {
    /// The bar at axis row `row`, if the token traded then.
    pub fn bar(&self, row: usize) -> Option<usize> {
        self.at.get(row).copied().flatten().map(|b| b as usize)
    }

    /// Whether the token is listed and warmed up at `row`: it has a bar
    /// there and its signal has left its warm-up.
    pub fn eligible(&self, row: usize) -> Option<usize> {
        self.bar(row)
            .filter(|&b| self.states[b] != SignalState::Unknown)
    }

    /// The bar `back` bars before `bar`, when it lies exactly `back` axis
    /// rows earlier (no gap in between).
    pub fn back(&self, bar: usize, back: usize) -> Option<usize> {
        let b = bar.checked_sub(back)?;
        (self.rows[bar] - self.rows[b] == back).then_some(b)
    }
}

/// A universe on one time axis: the sorted union of every token's
/// timestamps, and each token's history placed on it.
#[derive(Debug, Clone)]
pub struct Panel {
    pub interval: Interval,
    /// Unix seconds of each row.
    pub times: Vec<i64>,
    pub tokens: Vec<TokenHistory>,
    /// Tokens left out: invalid series, no bars, or another interval.
    pub errors: Vec<TokenError>,
}

impl Panel {
    /// Builds the panel. `benchmark` (BTC, say) feeds the Trader Grade's
    /// relative strength. Linear in the total number of bars (times the
    /// fixed indicator windows), plus sorting the axis.
    pub fn new(universe: &[Member], benchmark: Option<&PriceSeries>) -> Self {
        let mut errors = Vec::new();
        let interval = universe
            .iter()
            .map(|m| m.1.interval)
            .next()
            .unwrap_or(Interval::Daily);
        let mut valid = Vec::new();
        for (i, (symbol, series, market)) in universe.iter().enumerate() {
            match check(series, interval) {
                Ok(()) => valid.push((i, symbol, series, market)),
                Err(e) => errors.push(TokenError::new(symbol, &e)),
            }
        }
        let mut times: Vec<i64> = valid
            .iter()
            .flat_map(|(_, _, s, _)| s.timestamps.iter().copied())
            .collect();
        crate::order::sort_integers(&mut times);
        times.dedup();
        let tokens = valid
            .into_iter()
            .map(|(member, symbol, series, market)| {
                let mut rows = Vec::with_capacity(series.len());
                let mut at = vec![None; times.len()];
                let mut r = 0;
                for (b, t) in series.timestamps.iter().enumerate() {
                    while times[r] < *t {
                        r += 1;
                    }
                    rows.push(r);
                    at[r] = Some(b as u32);
                }
                let states = signal(series)
                    .map(|s| s.states)
                    .unwrap_or_else(|_| vec![SignalState::Unknown; series.len()]);
                let sma50 =
                    sma(&series.close, SMA_PERIOD).unwrap_or_else(|_| vec![f64::NAN; series.len()]);
                TokenHistory {
                    symbol: symbol.clone(),
                    member,
                    rows,
                    close: series.close.clone(),
                    volume: series.volume.clone(),
                    states,
                    trader: trader_score_series(series, benchmark),
                    sma50,
                    stable: stable::stable_flags(symbol, &series.close, interval.per_day()),
                    market: *market,
                    at,
                }
            })
            .collect();
        Self {
            interval,
            times,
            tokens,
            errors,
        }
    }

    /// The UTC date of row `row`.
    pub fn date(&self, row: usize) -> String {
        utc_date(self.times[row])
    }

    /// Rows in a day (1 on daily data, 24 on hourly data).
    pub fn per_day(&self) -> usize {
        self.interval.per_day()
    }

    /// The token named `symbol`.
    pub fn token(&self, symbol: &str) -> Option<&TokenHistory> {
        self.tokens.iter().find(|t| t.symbol == symbol)
    }
}

/// The checks a token must pass to enter a panel: the series' own
/// invariants (its fields are public, so it may have been built without
/// them), at least one bar, and the universe's interval.
fn check(series: &PriceSeries, interval: Interval) -> Result<(), Error> {
    if series.is_empty() {
        return Err(Error::TooShort { len: 0, needed: 1 });
    }
    if series.interval != interval {
        return Err(Error::InvalidInput {
            field: "interval",
            value: format!("{:?} in a {:?} universe", series.interval, interval),
        });
    }
    series.clone().validated().map(|_| ())
}

/// `a / b − 1`, when both are usable.
pub(crate) fn growth(now: f64, then: f64) -> Option<f64> {
    (now.is_finite() && then.is_finite() && then > 0.0).then(|| now / then - 1.0)
}

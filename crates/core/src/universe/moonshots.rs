//! Moonshots: small tokens whose Trader Grade is rising fast, on a volume
//! spike, with a bullish signal; and the ledger of every past flag.
//!
//! A token is **flagged** on a row when, at its bar there,
//!
//! 1. its market cap is below [`MOONSHOT_MAX_CAP`] ($50M, the micro-cap
//!    bound) — when its market cap is known; otherwise this filter is
//!    skipped for it, and the result says for how many tokens;
//! 2. its Trader Grade rose by at least [`GRADE_RISE`] points over the last
//!    7 days (a tenth of the scale);
//! 3. its volume on that bar is at least [`VOLUME_SPIKE`] times its mean
//!    over the [`VOLUME_BASE`] bars before — when the series has volume;
//!    otherwise skipped likewise;
//! 4. its signal is bullish;
//! 5. it is not stable ([`super::stable`]).
//!
//! The [`Ledger`] keeps one entry per episode: opened on the first flag
//! (date, price, grade), marked to the token's latest close on every later
//! row, and closed the first row its signal is no longer bullish; a later
//! flag opens a new entry. Each row reads only data up to that row.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::Panel;
use crate::analysis::signal::SignalState;
use crate::market_cap::SMALL_CAP_MIN;

/// Market cap below which a token can be a moonshot (US dollars).
pub const MOONSHOT_MAX_CAP: f64 = SMALL_CAP_MIN;
/// Rise of the Trader Grade over 7 days, in points.
pub const GRADE_RISE: f64 = 10.0;
/// A bar's volume over its recent mean for a spike.
pub const VOLUME_SPIKE: f64 = 2.0;
/// Bars in the volume baseline.
pub const VOLUME_BASE: usize = 30;

/// One moonshot episode.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoonshotEntry {
    pub symbol: String,
    /// First flag of the episode.
    pub flagged_date: String,
    pub flagged_price: f64,
    pub flagged_grade: f64,
    /// Trader Grade change over the 7 days before the flag.
    pub grade_change_7d: f64,
    /// Market cap, when known (one snapshot, not the cap on the flag date).
    pub market_cap: Option<f64>,
    /// First row the signal was no longer bullish; `None` while open.
    pub exit_date: Option<String>,
    pub exit_price: Option<f64>,
    /// Latest close seen, and its date.
    pub last_date: String,
    pub last_price: f64,
    /// `last_price / flagged_price − 1`: the return since the flag.
    pub return_since_flag: f64,
    /// `exit_price / flagged_price − 1`, once closed.
    pub return_at_exit: Option<f64>,
}

/// What one token shows on one row, as the ledger needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation<'a> {
    pub symbol: &'a str,
    pub price: f64,
    /// Meets every criterion on this row: `(grade, grade change over 7 d)`.
    pub flag: Option<(f64, f64)>,
    pub bullish: bool,
    pub market_cap: Option<f64>,
}

/// Every moonshot episode, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Ledger {
    pub entries: Vec<MoonshotEntry>,
    /// Every entry of each symbol, oldest first (its open entry, if any, is
    /// the last).
    #[serde(skip)]
    by_symbol: HashMap<String, Vec<usize>>,
}

impl Ledger {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one row, given in date order: opens an entry on a flag of a
    /// token without an open one, closes open entries whose signal is no
    /// longer bullish, and marks every entry of an observed token to its
    /// close.
    pub fn observe(&mut self, date: &str, observations: &[Observation<'_>]) {
        for o in observations {
            if let Some(i) = self.open_entry(o.symbol)
                && !o.bullish
            {
                let e = &mut self.entries[i];
                e.exit_date = Some(date.to_owned());
                e.exit_price = Some(o.price);
                e.return_at_exit = Some(o.price / e.flagged_price - 1.0);
            }
            if let Some((grade, change)) = o.flag
                && self.open_entry(o.symbol).is_none()
            {
                self.by_symbol
                    .entry(o.symbol.to_owned())
                    .or_default()
                    .push(self.entries.len());
                self.entries.push(MoonshotEntry {
                    symbol: o.symbol.to_owned(),
                    flagged_date: date.to_owned(),
                    flagged_price: o.price,
                    flagged_grade: grade,
                    grade_change_7d: change,
                    market_cap: o.market_cap,
                    exit_date: None,
                    exit_price: None,
                    last_date: date.to_owned(),
                    last_price: o.price,
                    return_since_flag: 0.0,
                    return_at_exit: None,
                });
            }
            for &i in self.by_symbol.get(o.symbol).into_iter().flatten() {
                let e = &mut self.entries[i];
                e.last_date = date.to_owned();
                e.last_price = o.price;
                e.return_since_flag = o.price / e.flagged_price - 1.0;
            }
        }
    }

    /// The open entry of `symbol`: its last, while it has no exit.
    fn open_entry(&self, symbol: &str) -> Option<usize> {
        let &i = self.by_symbol.get(symbol)?.last()?;
        self.entries[i].exit_date.is_none().then_some(i)
    }

    /// Entries still open (the current moonshots).
    pub fn open(&self) -> Vec<&MoonshotEntry> {
        self.entries
            .iter()
            .filter(|e| e.exit_date.is_none())
            .collect()
    }
}

/// How a filter was applied across the universe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilterUse {
    /// Tokens the filter was applied to.
    pub applied_to: usize,
    /// Tokens for which it was skipped (the figure is unknown).
    pub skipped_for: usize,
    /// In words.
    pub note: String,
}

/// The moonshots of a panel's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Moonshots {
    pub market_cap_filter: FilterUse,
    pub volume_filter: FilterUse,
    /// Open entries: flagged and still bullish on their last bar.
    pub current: Vec<MoonshotEntry>,
    /// Every episode, oldest first.
    pub ledger: Vec<MoonshotEntry>,
}

/// Whether bar `bar` of `volume` is at least [`VOLUME_SPIKE`] times the mean
/// of the [`VOLUME_BASE`] bars before it (`None` without enough bars).
pub fn volume_spike(volume: &[f64], bar: usize) -> Option<bool> {
    let base = volume.get(bar.checked_sub(VOLUME_BASE)?..bar)?;
    let mean = base.iter().sum::<f64>() / VOLUME_BASE as f64;
    Some(mean > 0.0 && volume[bar] >= VOLUME_SPIKE * mean)
}

/// Runs the moonshot rule over every row of `panel`.
pub fn moonshots(panel: &Panel) -> Moonshots {
    let week = 7 * panel.per_day();
    let cap = |k: usize| {
        panel.tokens[k]
            .market
            .and_then(|m| m.market_cap)
            .filter(|c| c.is_finite() && *c > 0.0)
    };
    let with_cap = (0..panel.tokens.len())
        .filter(|&k| cap(k).is_some())
        .count();
    let with_volume = panel.tokens.iter().filter(|t| t.volume.is_some()).count();
    let n = panel.tokens.len();
    let use_of = |applied: usize, what: &str, unknown: &str| FilterUse {
        applied_to: applied,
        skipped_for: n - applied,
        note: if applied == n {
            format!("{what}: applied to every token")
        } else if applied == 0 {
            format!("{what}: skipped, {unknown} is known for no token")
        } else {
            format!(
                "{what}: applied to {applied} tokens, skipped for {} whose {unknown} is unknown",
                n - applied
            )
        },
    };
    let mut ledger = Ledger::new();
    let mut obs = Vec::new();
    for row in 0..panel.times.len() {
        obs.clear();
        for (k, t) in panel.tokens.iter().enumerate() {
            let Some(b) = t.bar(row) else { continue };
            let bullish = t.states[b] == SignalState::Bullish;
            let flag = (|| {
                if !bullish || t.stable[b] {
                    return None;
                }
                if cap(k).is_some_and(|c| c >= MOONSHOT_MAX_CAP) {
                    return None;
                }
                let grade = t.trader[b]?;
                let change = grade - t.trader[t.back(b, week)?]?;
                if change < GRADE_RISE {
                    return None;
                }
                if let Some(v) = &t.volume
                    && !volume_spike(v, b)?
                {
                    return None;
                }
                Some((grade, change))
            })();
            obs.push(Observation {
                symbol: &t.symbol,
                price: t.close[b],
                flag,
                bullish,
                market_cap: cap(k),
            });
        }
        if obs.iter().any(|o| o.flag.is_some()) || !ledger.entries.is_empty() {
            ledger.observe(&panel.date(row), &obs);
        }
    }
    Moonshots {
        market_cap_filter: use_of(with_cap, "market cap below $50M", "market cap"),
        volume_filter: use_of(with_volume, "volume spike", "volume"),
        current: ledger.open().into_iter().cloned().collect(),
        ledger: ledger.entries,
    }
}

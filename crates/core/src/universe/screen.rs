//! The screener: every token of a universe graded in one call.
//!
//! Each token is computed once: one signal run, one technical rating, one
//! Trader Grade (with its 24 h and 7 d changes) and one Investor Grade; no
//! work depends on the size of the universe, so a screen is linear in the
//! total number of bars. A token that cannot be graded (too short, invalid
//! values) becomes one [`TokenError`] and every other row is intact.

use serde::{Deserialize, Serialize};

use super::{Member, TokenError, growth};
use crate::Error;
use crate::analysis::PriceSeries;
use crate::analysis::grades::{
    Fundamentals, MIN_POINTS, TraderOptions, investor_grade, trader_grade,
};
use crate::analysis::rating::{RatingLabel, rating};
use crate::analysis::signal::{SignalState, signal};
use crate::market_cap::MarketCapClass;

/// One token of a screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreenRow {
    pub symbol: String,
    /// UTC date of the token's last bar.
    pub date: String,
    /// Its last close.
    pub price: f64,
    /// Trader Grade (0–100), without a technical rating component.
    pub trader_grade: f64,
    pub trader_grade_change_24h: Option<f64>,
    pub trader_grade_change_7d: Option<f64>,
    /// From 0 to 1: how much of the Trader Grade's evidence was available.
    pub trader_grade_confidence: f64,
    /// Investor Grade (0–100), from the history and any market figures.
    pub investor_grade: Option<f64>,
    pub investor_grade_change_7d: Option<f64>,
    pub signal: SignalState,
    /// Signal score at the last bar in `[−1, 1]`.
    pub signal_strength: Option<f64>,
    /// Date of the signal's last flip.
    pub signal_since: Option<String>,
    /// Whole days from the last flip to the last bar.
    pub days_since_flip: Option<i64>,
    /// Technical rating band and score.
    pub rating: Option<RatingLabel>,
    pub rating_score: Option<f64>,
    /// Market-cap class, when the market cap is known.
    pub class: Option<MarketCapClass>,
    pub market_cap: Option<f64>,
    /// A stablecoin, fiat or gold-backed token ([`super::stable`]): its
    /// grades say nothing about a trade, and rankings leave it out.
    pub stable: bool,
    /// Close-to-close returns over 1, 7 and 30 days (fractions), `None`
    /// when the series has no bar exactly that long ago.
    pub return_1d: Option<f64>,
    pub return_7d: Option<f64>,
    pub return_30d: Option<f64>,
}

/// Grades every token of `universe`. `benchmark` (BTC, say) feeds the
/// Trader Grade's relative strength. Rows and errors keep the universe's
/// order; every token is in exactly one of them.
pub fn screen(
    universe: &[Member],
    benchmark: Option<&PriceSeries>,
) -> (Vec<ScreenRow>, Vec<TokenError>) {
    let mut rows = Vec::with_capacity(universe.len());
    let mut errors = Vec::new();
    for (symbol, series, market) in universe {
        match screen_one(symbol, series, market.as_ref(), benchmark) {
            Ok(row) => rows.push(row),
            Err(e) => errors.push(TokenError::new(symbol, &e)),
        }
    }
    (rows, errors)
}

/// One row of a screen. Errors: the series breaks an invariant
/// ([`PriceSeries::validated`]) or is shorter than a grade needs.
pub fn screen_one(
    symbol: &str,
    series: &PriceSeries,
    market: Option<&Fundamentals>,
    benchmark: Option<&PriceSeries>,
) -> Result<ScreenRow, Error> {
    // The fields are public: re-check what a hand-built series may break.
    let series = &series.clone().validated()?;
    if series.len() < MIN_POINTS {
        return Err(Error::TooShort {
            len: series.len(),
            needed: MIN_POINTS,
        });
    }
    let options = TraderOptions { benchmark };
    let trader = trader_grade(series, &options)?;
    let fundamentals = market.copied().unwrap_or_default();
    let investor = investor_grade(series, &fundamentals).ok();
    let sig = signal(series)?;
    let rated = rating(series).ok();
    let last = series.len() - 1;
    let last_time = series.timestamps[last];
    let flip = sig.last_flip.as_ref();
    let class = fundamentals
        .market_cap
        .filter(|c| *c > 0.0)
        .and_then(|c| MarketCapClass::of(c).ok());
    let ret = |days: i64| {
        let then = last_time - days * 86_400;
        series
            .timestamps
            .binary_search(&then)
            .ok()
            .and_then(|i| growth(series.close[last], series.close[i]))
    };
    Ok(ScreenRow {
        symbol: symbol.to_owned(),
        date: series.date(last),
        price: series.close[last],
        trader_grade: trader.total,
        trader_grade_change_24h: trader.change_24h,
        trader_grade_change_7d: trader.change_7d,
        trader_grade_confidence: trader.confidence,
        investor_grade: investor.as_ref().map(|g| g.total),
        investor_grade_change_7d: investor.as_ref().and_then(|g| g.change_7d),
        signal: sig.state,
        signal_strength: sig.strength,
        signal_since: flip.map(|f| f.date.clone()),
        days_since_flip: flip.map(|f| (last_time - series.timestamps[f.index]).div_euclid(86_400)),
        rating: rated.as_ref().map(|r| r.label),
        rating_score: rated.as_ref().map(|r| r.score),
        class,
        market_cap: class.and(fundamentals.market_cap),
        stable: super::stable::is_stable(symbol, &series.close, series.interval.per_day()),
        return_1d: ret(1),
        return_7d: ret(7),
        return_30d: ret(30),
    })
}

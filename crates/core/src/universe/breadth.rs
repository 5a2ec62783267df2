//! Bull-vs-Bear breadth: the share of a universe that is bullish, strong
//! (Trader Grade ≥ 80) and above its 50-day average, at every date.
//!
//! Each token's signal states, Trader Grade totals and SMA(50) are computed
//! once over its history (in the [`Panel`]); the breadth then counts, row
//! by row, the tokens that are **eligible** there: those with a bar on that
//! row whose signal has left its warm-up (51 bars, which also warms up the
//! SMA(50) and the grade). A token not yet listed, suspended that day,
//! still warming up or stable ([`super::stable`]) is in neither the
//! numerator nor the denominator.

use serde::{Deserialize, Serialize};

use super::{Member, Panel, STRONG_GRADE, TokenError};
use crate::analysis::PriceSeries;
use crate::analysis::signal::SignalState;

/// The breadth at one row of the time axis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BreadthPoint {
    /// UTC date (`YYYY-MM-DD`) of the row.
    pub date: String,
    /// Unix seconds of the row.
    pub time: i64,
    /// Tokens counted: listed, trading on the row and warmed up.
    pub eligible: usize,
    pub bullish: usize,
    pub bearish: usize,
    /// Tokens with a Trader Grade of at least 80.
    pub strong: usize,
    /// Tokens whose close is above their SMA(50).
    pub above_sma50: usize,
    /// `bullish / eligible`, `None` when no token is eligible; likewise below.
    pub bullish_share: Option<f64>,
    pub bearish_share: Option<f64>,
    pub strong_share: Option<f64>,
    pub above_sma50_share: Option<f64>,
}

/// The breadth at every row of `panel`.
pub fn breadth(panel: &Panel) -> Vec<BreadthPoint> {
    let rows = panel.times.len();
    let mut counts = vec![[0usize; 5]; rows];
    for token in &panel.tokens {
        for (bar, &row) in token.rows.iter().enumerate() {
            let state = token.states[bar];
            if state == SignalState::Unknown || token.stable[bar] {
                continue;
            }
            let c = &mut counts[row];
            c[0] += 1;
            c[1] += usize::from(state == SignalState::Bullish);
            c[2] += usize::from(state == SignalState::Bearish);
            c[3] += usize::from(token.trader[bar].is_some_and(|g| g >= STRONG_GRADE));
            c[4] += usize::from(token.close[bar] > token.sma50[bar]);
        }
    }
    counts
        .iter()
        .enumerate()
        .map(|(row, c)| {
            let share = |k: usize| (c[0] > 0).then(|| c[k] as f64 / c[0] as f64);
            BreadthPoint {
                date: panel.date(row),
                time: panel.times[row],
                eligible: c[0],
                bullish: c[1],
                bearish: c[2],
                strong: c[3],
                above_sma50: c[4],
                bullish_share: share(1),
                bearish_share: share(2),
                strong_share: share(3),
                above_sma50_share: share(4),
            }
        })
        .collect()
}

/// A day the bullish share crossed 50 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Crossing {
    /// Index of the point in the breadth.
    pub index: usize,
    /// Whether the share rose above 50 % (else it fell to 50 % or below).
    pub up: bool,
}

/// The points where the bullish share crossed 50 %, against the last point
/// that had a share. A share of exactly 50 % counts as not above.
///
/// ```
/// use tokenlens_core::universe::breadth::{BreadthPoint, Crossing, crossings};
/// let point = |share: Option<f64>| BreadthPoint {
///     date: String::new(), time: 0, eligible: 1, bullish: 0, bearish: 0, strong: 0,
///     above_sma50: 0, bullish_share: share, bearish_share: None, strong_share: None,
///     above_sma50_share: None,
/// };
/// let points: Vec<BreadthPoint> =
///     [Some(0.4), Some(0.6), None, Some(0.5)].into_iter().map(point).collect();
/// assert_eq!(
///     crossings(&points),
///     [Crossing { index: 1, up: true }, Crossing { index: 3, up: false }]
/// );
/// ```
pub fn crossings(points: &[BreadthPoint]) -> Vec<Crossing> {
    let mut out = Vec::new();
    let mut prev: Option<bool> = None;
    for (index, p) in points.iter().enumerate() {
        let Some(s) = p.bullish_share else { continue };
        let above = s > 0.5;
        if let Some(was) = prev
            && was != above
        {
            out.push(Crossing { index, up: above });
        }
        prev = Some(above);
    }
    out
}

/// The breadth of a universe, building its panel first; the errors are the
/// tokens the panel left out.
pub fn universe_breadth(
    universe: &[Member],
    benchmark: Option<&PriceSeries>,
) -> (Vec<BreadthPoint>, Vec<TokenError>) {
    let panel = Panel::new(universe, benchmark);
    (breadth(&panel), panel.errors)
}

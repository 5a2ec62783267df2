//! What a universe strategy (the narrative [rotation](super::narratives))
//! is measured against, as equity curves that start at 1 on a given row of
//! the [`Panel`]:
//!
//! * [`held`]: one token bought on that row and held, without costs;
//! * [`equal_weight_basket`]: every token that is not stable, in equal
//!   parts, rebalanced on a fixed schedule and paying a cost on every dollar
//!   bought or sold.
//!
//! Their drawdowns are [`crate::metrics::max_drawdown`] of the curves.

use serde::{Deserialize, Serialize};

use super::Panel;

/// The growth of 1 put into `symbol` at the close of row `start`: for every
/// row from `start` to the panel's last, `close[row] / close[start]`.
///
/// A row where the token has no bar is `None`; every row is `None` when the
/// token is not in the panel or has no bar on row `start`. Empty when
/// `start` is past the last row.
///
/// ```
/// use tokenlens_core::analysis::{Interval, PriceSeries};
/// use tokenlens_core::universe::{Panel, benchmarks::held};
/// let btc = PriceSeries::from_closes(Interval::Daily, vec![0, 86_400, 172_800], vec![100.0, 150.0, 120.0]).unwrap();
/// let panel = Panel::new(&[("BTC".into(), btc, None)], None);
/// assert_eq!(held(&panel, "BTC", 1), vec![Some(1.0), Some(0.8)]);
/// assert_eq!(held(&panel, "ETH", 1), vec![None, None]);
/// ```
pub fn held(panel: &Panel, symbol: &str, start: usize) -> Vec<Option<f64>> {
    let rows = panel.times.len();
    let Some(t) = panel.token(symbol) else {
        return vec![None; rows.saturating_sub(start)];
    };
    let base = t.bar(start).map(|b| t.close[b]);
    (start..rows)
        .map(|r| Some(t.close[t.bar(r)?] / base?))
        .collect()
}

/// An equal-weight basket's equity curve and how many tokens it held.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Basket {
    /// Value after each row's rebalance (starts from 1 in cash), one per row
    /// from the start row to the panel's last.
    pub equity: Vec<f64>,
    /// Tokens held after the first rebalance that found any (0 if none did).
    pub first_size: usize,
    /// Tokens held after the last such rebalance.
    pub last_size: usize,
}

/// The equal-weight basket of every token of `panel` that is not stable on
/// its last bar ([`super::stable`]), from the close of row `start`.
///
/// Every `every` rows from `start` (`start` included; 0 counts as 1), the
/// basket sells everything and buys, in equal parts, the tokens with a bar
/// on that row, so a token listed later joins at the next rebalance. Every
/// dollar bought or sold there pays `cost` (a fraction per side, 0.0015 for
/// 15 bps): with equity `E` before the rebalance, the turnover is
/// `T = Σ |target − value|` over the tokens (target `E / n` for the `n`
/// held, 0 for the others) and the basket keeps `E − cost · T`. Between
/// rebalances each part earns its token's close-to-close return on every
/// row where the token has a bar on both that row and the one before;
/// money left without a token to buy stays in cash.
///
/// ```
/// use tokenlens_core::analysis::{Interval, PriceSeries};
/// use tokenlens_core::universe::{Panel, benchmarks::equal_weight_basket};
/// let days = vec![0, 86_400, 172_800];
/// let a = PriceSeries::from_closes(Interval::Daily, days.clone(), vec![10.0, 20.0, 20.0]).unwrap();
/// let b = PriceSeries::from_closes(Interval::Daily, days, vec![10.0, 10.0, 5.0]).unwrap();
/// let panel = Panel::new(&[("A".into(), a, None), ("B".into(), b, None)], None);
/// let basket = equal_weight_basket(&panel, 0, 7, 0.0);
/// assert_eq!(basket.equity, vec![1.0, 1.5, 1.25]);
/// assert_eq!((basket.first_size, basket.last_size), (2, 2));
/// ```
pub fn equal_weight_basket(panel: &Panel, start: usize, every: usize, cost: f64) -> Basket {
    let every = every.max(1);
    let rows = panel.times.len();
    let ks: Vec<usize> = (0..panel.tokens.len())
        .filter(|&k| !panel.tokens[k].stable.last().copied().unwrap_or(false))
        .collect();
    let mut value = vec![0.0; panel.tokens.len()];
    let mut cash = 1.0;
    let mut equity = Vec::with_capacity(rows.saturating_sub(start));
    let (mut first, mut last) = (None, 0);
    for row in start..rows {
        grow(panel, &ks, &mut value, row);
        if (row - start).is_multiple_of(every) {
            let listed: Vec<usize> = ks
                .iter()
                .copied()
                .filter(|&k| panel.tokens[k].bar(row).is_some())
                .collect();
            if !listed.is_empty() {
                let before = cash + ks.iter().map(|&k| value[k]).sum::<f64>();
                rebalance(&ks, &listed, &mut value, before, cost);
                cash = 0.0;
                first.get_or_insert(listed.len());
                last = listed.len();
            }
        }
        equity.push(cash + ks.iter().map(|&k| value[k]).sum::<f64>());
    }
    Basket {
        equity,
        first_size: first.unwrap_or(0),
        last_size: last,
    }
}

/// Marks every part of the basket to the close of `row`.
fn grow(panel: &Panel, ks: &[usize], value: &mut [f64], row: usize) {
    for &k in ks {
        let t = &panel.tokens[k];
        if let Some(b) = t.bar(row)
            && let Some(prev) = t.back(b, 1)
        {
            value[k] *= t.close[b] / t.close[prev];
        }
    }
}

/// Spreads `equity` (the parts and the cash) over `listed` in equal parts,
/// after the cost of the trades.
fn rebalance(ks: &[usize], listed: &[usize], value: &mut [f64], equity: f64, cost: f64) {
    let target = equity / listed.len() as f64;
    let turnover: f64 = ks
        .iter()
        .map(|&k| {
            let goal = if listed.contains(&k) { target } else { 0.0 };
            (goal - value[k]).abs()
        })
        .sum::<f64>();
    // Every bought or sold dollar pays the cost of its side.
    let after = equity - turnover * cost;
    for &k in ks {
        value[k] = 0.0;
    }
    for &k in listed {
        value[k] = after / listed.len() as f64;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Interval, PriceSeries};
    use crate::universe::Member;

    const DAY: i64 = 86_400;

    /// A token with closes on the given days (day numbers from 0).
    fn token(symbol: &str, days: &[i64], close: &[f64]) -> Member {
        let times = days.iter().map(|d| d * DAY).collect();
        let series = PriceSeries::from_closes(Interval::Daily, times, close.to_vec()).unwrap();
        (symbol.to_owned(), series, None)
    }

    #[test]
    fn held_is_growth_from_the_start_row_with_gaps() {
        let u = [
            token("BTC", &[0, 1, 3], &[50.0, 100.0, 300.0]),
            token("ETH", &[0, 1, 2, 3], &[1.0, 1.0, 1.0, 1.0]),
        ];
        let p = Panel::new(&u, None);
        assert_eq!(
            held(&p, "BTC", 1),
            vec![Some(1.0), None, Some(3.0)],
            "no bar on day 2"
        );
        assert_eq!(held(&p, "BTC", 2), vec![None, None], "no bar to buy at");
        assert!(held(&p, "BTC", 4).is_empty());
        assert!(held(&p, "SOL", 9).is_empty());
    }

    #[test]
    fn basket_pays_its_costs_and_takes_late_listings_at_the_next_rebalance() {
        let cost = 0.01;
        let u = [
            token("A", &[0, 1, 2, 3], &[10.0, 20.0, 20.0, 20.0]),
            token("B", &[2, 3], &[4.0, 8.0]),
        ];
        let b = equal_weight_basket(&Panel::new(&u, None), 0, 2, cost);
        // Day 0: all cash into A, 1 % of it paid. Day 1: A doubles.
        let a0 = 1.0 - cost;
        let a1 = 2.0 * a0;
        // Day 2: half of A sold into B; both halves of the turnover pay.
        let d2 = a1 - a1 * cost;
        // Day 3: B doubles (no rebalance).
        let d3 = d2 / 2.0 + d2;
        assert_eq!(b.equity, vec![a0, a1, d2, d3]);
        assert_eq!((b.first_size, b.last_size), (1, 2));
    }

    #[test]
    fn basket_leaves_stablecoins_out_and_holds_cash_until_a_token_trades() {
        let u = [
            token("USDT", &[0, 1, 2], &[1.0, 1.0, 1.0]),
            token("A", &[1, 2], &[5.0, 10.0]),
        ];
        let b = equal_weight_basket(&Panel::new(&u, None), 0, 1, 0.0);
        assert_eq!(b.equity, vec![1.0, 1.0, 2.0]);
        assert_eq!((b.first_size, b.last_size), (1, 1));
        let none = equal_weight_basket(&Panel::new(&u[..1], None), 0, 0, 0.0);
        assert_eq!(none.equity, vec![1.0; 3]);
        assert_eq!((none.first_size, none.last_size), (0, 0));
    }
}

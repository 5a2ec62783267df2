//! Narrative indices and rotation.
//!
//! A curated table ([`NarrativeTable::bundled`], the data file
//! `narratives.txt` beside this module) puts each symbol it knows in one of
//! ten narratives. A narrative's **index** starts at 100 on the first row
//! any member trades and moves each row by the weighted mean of its
//! members' close-to-close returns over that row, counting only members
//! with a bar on both rows (a listing enters the row after its first bar):
//!
//! * equal weighting: every contributing member weighs the same;
//! * market-cap weighting: members weigh their market cap (one snapshot, so
//!   fixed proportions renormalised over the members contributing on each
//!   row); members without a known market cap are left out of it.
//!
//! ROI over `k` days is `level[t] / level[t − k days] − 1`; against a
//! benchmark (BTC, ETH, SOL) it is the relative performance
//! `(1 + ROI) / (1 + ROI_benchmark) − 1`.
//!
//! **Rotation** ([`rotation`]): every 7 days, rank the narratives (not the
//! stablecoins) by the mean of their ranks on 30-day ROI (trend) and 7-day
//! ROI (momentum) of the equal-weight index; the leaders are the best
//! [`ROTATION_NARRATIVES`] whose 30- and 7-day ROI are both positive. Hold,
//! in equal parts, the [`ROTATION_TOKENS`] highest Trader Grades among the
//! bullish members of each leader. Between rebalances, exit a token the day
//! its signal stops being bullish, and every token of a narrative whose
//! 7-day ROI turns negative (weakness); the freed money waits in cash. Each
//! decision is taken on a row's close from data up to that row and earns
//! the next row's return; trades cost 15 bps a side (10 fee + 5 slippage,
//! as the signal backtest).

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Panel, growth};
use crate::Error;
use crate::analysis::signal::SignalState;
use crate::metrics::max_drawdown;

/// The narratives of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Narrative {
    Ai,
    Meme,
    Rwa,
    Defi,
    L1,
    L2,
    Gaming,
    Infrastructure,
    Exchange,
    Stablecoin,
}

impl Narrative {
    pub const ALL: [Narrative; 10] = [
        Narrative::Ai,
        Narrative::Meme,
        Narrative::Rwa,
        Narrative::Defi,
        Narrative::L1,
        Narrative::L2,
        Narrative::Gaming,
        Narrative::Infrastructure,
        Narrative::Exchange,
        Narrative::Stablecoin,
    ];

    /// Order of precedence when a provider lists a token under several
    /// narratives: pegs first, then the specific themes, then sectors, then
    /// the broad chain categories.
    pub const PRIORITY: [Narrative; 10] = [
        Narrative::Stablecoin,
        Narrative::Meme,
        Narrative::Ai,
        Narrative::Rwa,
        Narrative::Gaming,
        Narrative::Exchange,
        Narrative::Defi,
        Narrative::Infrastructure,
        Narrative::L2,
        Narrative::L1,
    ];

    /// Identifier in the data file and in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Narrative::Ai => "ai",
            Narrative::Meme => "meme",
            Narrative::Rwa => "rwa",
            Narrative::Defi => "defi",
            Narrative::L1 => "l1",
            Narrative::L2 => "l2",
            Narrative::Gaming => "gaming",
            Narrative::Infrastructure => "infrastructure",
            Narrative::Exchange => "exchange",
            Narrative::Stablecoin => "stablecoin",
        }
    }

    /// Display name.
    pub fn name(self) -> &'static str {
        match self {
            Narrative::Ai => "AI",
            Narrative::Meme => "Memes",
            Narrative::Rwa => "Real-world assets",
            Narrative::Defi => "DeFi",
            Narrative::L1 => "Layer 1",
            Narrative::L2 => "Layer 2",
            Narrative::Gaming => "Gaming",
            Narrative::Infrastructure => "Infrastructure",
            Narrative::Exchange => "Exchange tokens",
            Narrative::Stablecoin => "Stablecoins",
        }
    }

    /// The CoinGecko category ids (`/coins/categories`) whose meaning the
    /// narrative follows.
    pub fn coingecko_categories(self) -> &'static [&'static str] {
        match self {
            Narrative::Ai => &["artificial-intelligence", "ai-agents"],
            Narrative::Meme => &["meme-token"],
            Narrative::Rwa => &["real-world-assets-rwa"],
            Narrative::Defi => &["decentralized-finance-defi", "decentralized-exchange"],
            Narrative::L1 => &["layer-1"],
            Narrative::L2 => &["layer-2"],
            Narrative::Gaming => &["gaming"],
            Narrative::Infrastructure => &["infrastructure", "oracle"],
            Narrative::Exchange => &["exchange-based-tokens", "centralized-exchange-token-cex"],
            Narrative::Stablecoin => &["stablecoins"],
        }
    }
}

impl fmt::Display for Narrative {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Narrative {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        Narrative::ALL
            .into_iter()
            .find(|n| n.id() == s)
            .ok_or_else(|| Error::InvalidInput {
                field: "narrative",
                value: s.to_owned(),
            })
    }
}

/// Symbol → narrative.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NarrativeTable {
    map: HashMap<String, Narrative>,
}

/// The bundled table's text.
pub const BUNDLED: &str = include_str!("narratives.txt");

impl NarrativeTable {
    /// The curated table shipped with tokenlens.
    pub fn bundled() -> Self {
        // Checked by a unit test: the bundled text always parses.
        Self::parse(BUNDLED).unwrap_or_default()
    }

    /// Reads `SYMBOL narrative` lines (`#` starts a comment). Errors name
    /// the line: an unknown narrative, a malformed line or a symbol listed
    /// twice.
    pub fn parse(text: &str) -> Result<Self, Error> {
        let mut map = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let bad = |what: &str| Error::InvalidInput {
                field: "narratives",
                value: format!("line {}: {what}", i + 1),
            };
            let mut parts = line.split_whitespace();
            let (Some(symbol), Some(narrative), None) = (parts.next(), parts.next(), parts.next())
            else {
                return Err(bad(&format!("expected `SYMBOL narrative`, got \"{line}\"")));
            };
            let narrative: Narrative = narrative
                .parse()
                .map_err(|_| bad(&format!("unknown narrative \"{narrative}\"")))?;
            if map.insert(symbol.to_ascii_uppercase(), narrative).is_some() {
                return Err(bad(&format!("{symbol} is listed twice")));
            }
        }
        Ok(Self { map })
    }

    /// A table from a provider's category membership: `lists` holds, per
    /// CoinGecko category id, the (upper-case) symbols the provider lists in
    /// it; ids that no narrative follows are ignored. A symbol in the
    /// categories of several narratives gets the one `curated` gives it when
    /// that is among them, else the first of [`Narrative::PRIORITY`] (the
    /// most specific theme wins over the broad ones: a meme coin on its own
    /// chain is a meme, an AI token on Ethereum is AI).
    pub fn from_categories(lists: &[(String, Vec<String>)], curated: &NarrativeTable) -> Self {
        let mut candidates: HashMap<String, Vec<Narrative>> = HashMap::new();
        for (category, symbols) in lists {
            let Some(narrative) = Narrative::ALL
                .into_iter()
                .find(|n| n.coingecko_categories().contains(&category.as_str()))
            else {
                continue;
            };
            for symbol in symbols {
                let entry = candidates.entry(symbol.to_ascii_uppercase()).or_default();
                if !entry.contains(&narrative) {
                    entry.push(narrative);
                }
            }
        }
        let map = candidates
            .into_iter()
            .filter_map(|(symbol, found)| {
                let chosen = curated
                    .get(&symbol)
                    .filter(|n| found.contains(n))
                    .or_else(|| Narrative::PRIORITY.into_iter().find(|n| found.contains(n)))?;
                Some((symbol, chosen))
            })
            .collect();
        Self { map }
    }

    /// The narrative of `symbol` (upper-case base asset: `BTC`, `FET`).
    pub fn get(&self, symbol: &str) -> Option<Narrative> {
        self.map.get(symbol).copied()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// How an index weighs its members.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weighting {
    Equal,
    MarketCap,
}

/// Index levels at every row of a panel (`None` before the index starts).
/// `members` are token positions in `panel.tokens`, `weights` their weights
/// (any positive scale).
pub fn index_levels(panel: &Panel, members: &[(usize, f64)]) -> Vec<Option<f64>> {
    let rows = panel.times.len();
    // Weighted sums of returns and of weights per row, one pass per member.
    let mut num = vec![0.0; rows];
    let mut den = vec![0.0; rows];
    let mut first = rows;
    for &(k, w) in members {
        if !(w.is_finite() && w > 0.0) {
            continue;
        }
        let token = &panel.tokens[k];
        first = first.min(token.rows[0]);
        for bar in 1..token.rows.len() {
            if token.rows[bar] - token.rows[bar - 1] == 1 {
                let r = token.close[bar] / token.close[bar - 1] - 1.0;
                num[token.rows[bar]] += w * r;
                den[token.rows[bar]] += w;
            }
        }
    }
    let mut levels = vec![None; rows];
    let mut level = 100.0;
    for row in first..rows {
        if row > first && den[row] > 0.0 {
            level *= 1.0 + num[row] / den[row];
        }
        levels[row] = Some(level);
    }
    levels
}

/// ROI and relative performance of an index at one row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Performance {
    pub level: Option<f64>,
    pub roi_7d: Option<f64>,
    pub roi_30d: Option<f64>,
    pub vs_btc_7d: Option<f64>,
    pub vs_btc_30d: Option<f64>,
    pub vs_eth_7d: Option<f64>,
    pub vs_eth_30d: Option<f64>,
    pub vs_sol_7d: Option<f64>,
    pub vs_sol_30d: Option<f64>,
}

/// `(1 + a) / (1 + b) − 1`.
pub fn relative(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    Some((1.0 + a?) / (1.0 + b?) - 1.0)
}

/// `levels[row] / levels[row − back] − 1`.
pub fn roi(levels: &[Option<f64>], row: usize, back: usize) -> Option<f64> {
    growth(
        levels.get(row).copied()??,
        levels.get(row.checked_sub(back)?).copied()??,
    )
}

/// ROI of a token's close over `back` rows ending at `row`.
fn token_roi(panel: &Panel, symbol: &str, row: usize, back: usize) -> Option<f64> {
    let t = panel.token(symbol)?;
    let now = t.bar(row)?;
    let then = t.bar(row.checked_sub(back)?)?;
    growth(t.close[now], t.close[then])
}

/// An index's performance at `row`.
pub fn performance(panel: &Panel, levels: &[Option<f64>], row: usize) -> Performance {
    let day = panel.per_day();
    let (w, m) = (7 * day, 30 * day);
    let roi_7d = roi(levels, row, w);
    let roi_30d = roi(levels, row, m);
    let vs = |sym: &str, back: usize, r: Option<f64>| relative(r, token_roi(panel, sym, row, back));
    Performance {
        level: levels.get(row).copied().flatten(),
        roi_7d,
        roi_30d,
        vs_btc_7d: vs("BTC", w, roi_7d),
        vs_btc_30d: vs("BTC", m, roi_30d),
        vs_eth_7d: vs("ETH", w, roi_7d),
        vs_eth_30d: vs("ETH", m, roi_30d),
        vs_sol_7d: vs("SOL", w, roi_7d),
        vs_sol_30d: vs("SOL", m, roi_30d),
    }
}

/// One narrative at the last row of a panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NarrativeReport {
    pub narrative: Narrative,
    pub name: String,
    pub coingecko_categories: Vec<String>,
    /// Members found in the universe.
    pub members: Vec<String>,
    /// Members with a known market cap (those of the cap-weighted index).
    pub members_with_market_cap: usize,
    pub equal_weight: Performance,
    /// `None` when no member has a known market cap.
    pub market_cap_weight: Option<Performance>,
    /// Share of the eligible members whose signal is bullish.
    pub bullish_share: Option<f64>,
    /// Mean Trader Grade of the members graded on the last row.
    pub mean_trader_grade: Option<f64>,
    /// Rank by the mean of the 30-day and 7-day ROI ranks (1 = leading;
    /// stablecoins are not ranked).
    pub rank: Option<usize>,
}

/// The members of each narrative found in the panel, as token positions.
pub fn members(panel: &Panel, table: &NarrativeTable) -> Vec<(Narrative, Vec<usize>)> {
    Narrative::ALL
        .into_iter()
        .map(|n| {
            let ks = (0..panel.tokens.len())
                .filter(|&k| table.get(&panel.tokens[k].symbol) == Some(n))
                .collect();
            (n, ks)
        })
        .collect()
}

/// Equal-weight index levels of every narrative.
pub fn equal_weight_levels(
    panel: &Panel,
    members: &[(Narrative, Vec<usize>)],
) -> Vec<(Narrative, Vec<Option<f64>>)> {
    members
        .iter()
        .map(|(n, ks)| {
            let w: Vec<(usize, f64)> = ks.iter().map(|&k| (k, 1.0)).collect();
            (*n, index_levels(panel, &w))
        })
        .collect()
}

/// Ranks of the narratives (stablecoins excluded) at `row` by the mean of
/// their ranks on 30-day and 7-day ROI; ties keep the table's order. Only
/// narratives with both ROIs defined are ranked. Returns the narratives,
/// best first, with their 30- and 7-day ROI.
pub fn ranking(
    panel: &Panel,
    levels: &[(Narrative, Vec<Option<f64>>)],
    row: usize,
) -> Vec<(Narrative, f64, f64)> {
    let day = panel.per_day();
    let rois: Vec<(Narrative, f64, f64)> = levels
        .iter()
        .filter(|(n, _)| *n != Narrative::Stablecoin)
        .filter_map(|(n, l)| Some((*n, roi(l, row, 30 * day)?, roi(l, row, 7 * day)?)))
        .collect();
    let rank_by = |key: fn(&(Narrative, f64, f64)) -> f64| -> Vec<usize> {
        let order = crate::order::descending(rois.iter().map(key));
        let mut rank = vec![0; rois.len()];
        for (r, i) in order.into_iter().enumerate() {
            rank[i] = r + 1;
        }
        rank
    };
    let r30 = rank_by(|x| x.1);
    let r7 = rank_by(|x| x.2);
    let mut order: Vec<(f64, usize)> = (0..rois.len())
        .map(|i| ((r30[i] + r7[i]) as f64, i))
        .collect();
    crate::order::sort_pairs(&mut order);
    order.into_iter().map(|(_, i)| rois[i]).collect()
}

/// Every narrative at the last row of `panel`.
pub fn narratives(panel: &Panel, table: &NarrativeTable) -> Vec<NarrativeReport> {
    let Some(last) = panel.times.len().checked_sub(1) else {
        return Vec::new();
    };
    let members = members(panel, table);
    let levels = equal_weight_levels(panel, &members);
    let ranks = ranking(panel, &levels, last);
    members
        .iter()
        .zip(&levels)
        .map(|((n, ks), (_, eq))| {
            let capped: Vec<(usize, f64)> = ks
                .iter()
                .filter_map(|&k| {
                    let cap = panel.tokens[k].market.and_then(|m| m.market_cap)?;
                    (cap.is_finite() && cap > 0.0).then_some((k, cap))
                })
                .collect();
            let eligible: Vec<usize> = ks
                .iter()
                .filter_map(|&k| panel.tokens[k].eligible(last).map(|b| (k, b)))
                .map(|(k, b)| usize::from(panel.tokens[k].states[b] == SignalState::Bullish))
                .collect();
            let grades: Vec<f64> = ks
                .iter()
                .filter_map(|&k| {
                    let t = &panel.tokens[k];
                    t.trader[t.bar(last)?]
                })
                .collect();
            NarrativeReport {
                narrative: *n,
                name: n.name().to_owned(),
                coingecko_categories: n
                    .coingecko_categories()
                    .iter()
                    .map(|c| (*c).to_owned())
                    .collect(),
                members: ks.iter().map(|&k| panel.tokens[k].symbol.clone()).collect(),
                members_with_market_cap: capped.len(),
                equal_weight: performance(panel, eq, last),
                market_cap_weight: (!capped.is_empty())
                    .then(|| performance(panel, &index_levels(panel, &capped), last)),
                bullish_share: (!eligible.is_empty())
                    .then(|| eligible.iter().sum::<usize>() as f64 / eligible.len() as f64),
                mean_trader_grade: (!grades.is_empty())
                    .then(|| grades.iter().sum::<f64>() / grades.len() as f64),
                rank: ranks.iter().position(|(m, _, _)| m == n).map(|p| p + 1),
            }
        })
        .collect()
}

/// Narratives held at once by the rotation.
pub const ROTATION_NARRATIVES: usize = 2;
/// Tokens held per leading narrative.
pub const ROTATION_TOKENS: usize = 3;
/// Days between two rankings.
pub const REBALANCE_DAYS: usize = 7;
/// Cost of a trade per side, as a fraction (10 bps fee + 5 bps slippage).
pub const ROTATION_COST: f64 = 0.0015;

/// Why a holding ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExitReason {
    /// The token's signal stopped being bullish.
    Signal,
    /// Its narrative's 7-day ROI turned negative.
    Weakness,
    /// Not selected at a rebalance.
    Rebalance,
}

/// One holding period of one token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RotationTrade {
    pub symbol: String,
    pub narrative: Narrative,
    pub entry_date: String,
    pub entry_price: f64,
    /// `None` while still held.
    pub exit_date: Option<String>,
    pub exit_price: Option<f64>,
    pub exit_reason: Option<ExitReason>,
    /// Price return from entry to exit (or to the last close).
    pub price_return: f64,
}

/// The rotation's state after the decisions of one row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RotationDay {
    pub date: String,
    /// Portfolio value (starts at 1), after the row's trades.
    pub equity: f64,
    /// Leading narratives at the last ranking.
    pub leaders: Vec<Narrative>,
    /// Tokens held into the next row.
    pub holdings: Vec<String>,
}

/// The rotation backtest over a panel's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rotation {
    /// First row ranked (the first with two narratives' 30-day ROI), `None`
    /// when the history never allows a ranking.
    pub start: Option<String>,
    pub days: Vec<RotationDay>,
    pub trades: Vec<RotationTrade>,
    /// `equity[last] − 1`.
    pub total_return: Option<f64>,
    /// Largest fall of the equity from a previous peak, as a fraction ≤ 0.
    pub max_drawdown: Option<f64>,
    /// BTC bought and held over the same rows, when BTC is in the universe.
    pub btc_return: Option<f64>,
}

impl Rotation {
    /// The panel row of the rotation's first day, `None` when it never
    /// started: its days run from there to the panel's last row.
    pub fn start_row(&self, panel: &Panel) -> Option<usize> {
        self.start.as_ref()?;
        panel.times.len().checked_sub(self.days.len())
    }
}

struct Position {
    token: usize,
    narrative: Narrative,
    value: f64,
    trade: usize,
}

/// Runs the rotation rule (see the module documentation) over `panel`.
pub fn rotation(panel: &Panel, table: &NarrativeTable) -> Rotation {
    let members = members(panel, table);
    let levels = equal_weight_levels(panel, &members);
    let day = panel.per_day();
    let rows = panel.times.len();
    // Each token's narrative, by token index (a token is in one narrative at most).
    let mut narrative_of: Vec<Option<Narrative>> = vec![None; panel.tokens.len()];
    for (n, ks) in &members {
        for &k in ks {
            narrative_of[k] = Some(*n);
        }
    }
    let start = (0..rows).find(|&r| ranking(panel, &levels, r).len() >= ROTATION_NARRATIVES);
    let Some(start) = start else {
        return Rotation {
            start: None,
            days: Vec::new(),
            trades: Vec::new(),
            total_return: None,
            max_drawdown: None,
            btc_return: None,
        };
    };
    let weak = |n: Narrative, row: usize| {
        levels
            .iter()
            .find(|(m, _)| *m == n)
            .and_then(|(_, l)| roi(l, row, 7 * day))
            .is_some_and(|r| r < 0.0)
    };
    let mut cash = 1.0;
    let mut positions: Vec<Position> = Vec::new();
    let mut trades: Vec<RotationTrade> = Vec::new();
    let mut days = Vec::with_capacity(rows - start);
    let mut leaders: Vec<Narrative> = Vec::new();
    let close_at = |k: usize, row: usize| {
        let t = &panel.tokens[k];
        t.bar(row).map(|b| t.close[b])
    };
    let exit = |p: Position, row: usize, reason: ExitReason, trades: &mut Vec<RotationTrade>| {
        let price = close_at(p.token, row);
        let trade = &mut trades[p.trade];
        trade.exit_date = Some(panel.date(row));
        trade.exit_price = price;
        trade.exit_reason = Some(reason);
        if let Some(price) = price {
            trade.price_return = price / trade.entry_price - 1.0;
        }
        p.value * (1.0 - ROTATION_COST)
    };
    for row in start..rows {
        // Mark to market: each position earns its token's return over the row.
        for p in &mut positions {
            let t = &panel.tokens[p.token];
            if let Some(b) = t.bar(row)
                && let Some(prev) = t.back(b, 1)
            {
                p.value *= t.close[b] / t.close[prev];
            }
        }
        if (row - start) % (REBALANCE_DAYS * day) == 0 {
            leaders = ranking(panel, &levels, row)
                .into_iter()
                .filter(|(_, r30, r7)| *r30 > 0.0 && *r7 > 0.0)
                .take(ROTATION_NARRATIVES)
                .map(|(n, _, _)| n)
                .collect();
            let mut chosen: Vec<usize> = Vec::new();
            for n in &leaders {
                let Some((_, ks)) = members.iter().find(|(m, _)| m == n) else {
                    continue;
                };
                let bullish: Vec<(usize, f64)> = ks
                    .iter()
                    .filter_map(|&k| {
                        let t = &panel.tokens[k];
                        let b = t.eligible(row)?;
                        (t.states[b] == SignalState::Bullish).then_some((k, t.trader[b]?))
                    })
                    .collect();
                // Highest Trader Grade first, ties by token index.
                let mut ranked: Vec<(f64, usize)> =
                    bullish.into_iter().map(|(k, grade)| (-grade, k)).collect();
                crate::order::sort_pairs(&mut ranked);
                chosen.extend(ranked.into_iter().take(ROTATION_TOKENS).map(|(_, k)| k));
            }
            let (keep, leave): (Vec<Position>, Vec<Position>) =
                positions.drain(..).partition(|p| chosen.contains(&p.token));
            for p in leave {
                cash += exit(p, row, ExitReason::Rebalance, &mut trades);
            }
            positions = keep;
            let equity = cash + positions.iter().map(|p| p.value).sum::<f64>();
            if !chosen.is_empty() {
                let target = equity / chosen.len() as f64;
                for &k in &chosen {
                    let current = positions.iter_mut().find(|p| p.token == k);
                    match current {
                        Some(p) => {
                            // Costs come out of the position, so the
                            // cash left is exactly what was not allotted.
                            let delta = target - p.value;
                            cash -= delta;
                            p.value = target - delta.abs() * ROTATION_COST;
                        }
                        None => {
                            let Some(price) = close_at(k, row) else {
                                continue;
                            };
                            let Some(narrative) = narrative_of[k] else {
                                continue;
                            };
                            trades.push(RotationTrade {
                                symbol: panel.tokens[k].symbol.clone(),
                                narrative,
                                entry_date: panel.date(row),
                                entry_price: price,
                                exit_date: None,
                                exit_price: None,
                                exit_reason: None,
                                price_return: 0.0,
                            });
                            cash -= target;
                            positions.push(Position {
                                token: k,
                                narrative,
                                value: target * (1.0 - ROTATION_COST),
                                trade: trades.len() - 1,
                            });
                        }
                    }
                }
            }
        } else {
            let (keep, leave): (Vec<Position>, Vec<Position>) =
                positions.drain(..).partition(|p| {
                    let t = &panel.tokens[p.token];
                    let bullish = t
                        .bar(row)
                        .is_none_or(|b| t.states[b] == SignalState::Bullish);
                    bullish && !weak(p.narrative, row)
                });
            for p in leave {
                let t = &panel.tokens[p.token];
                let reason = if t
                    .bar(row)
                    .is_some_and(|b| t.states[b] != SignalState::Bullish)
                {
                    ExitReason::Signal
                } else {
                    ExitReason::Weakness
                };
                cash += exit(p, row, reason, &mut trades);
            }
            positions = keep;
        }
        // Rounding can leave a cash dust below zero after re-weighting.
        if cash.abs() < 1e-12 {
            cash = 0.0;
        }
        days.push(RotationDay {
            date: panel.date(row),
            equity: cash + positions.iter().map(|p| p.value).sum::<f64>(),
            leaders: leaders.clone(),
            holdings: positions
                .iter()
                .map(|p| panel.tokens[p.token].symbol.clone())
                .collect(),
        });
    }
    let last = rows - 1;
    for p in &positions {
        if let Some(price) = close_at(p.token, last) {
            let trade = &mut trades[p.trade];
            trade.price_return = price / trade.entry_price - 1.0;
        }
    }
    let equity: Vec<f64> = days.iter().map(|d| d.equity).collect();
    Rotation {
        start: Some(panel.date(start)),
        total_return: days.last().map(|d| d.equity - 1.0),
        max_drawdown: max_drawdown(&equity).ok().map(|d| d.depth),
        btc_return: panel
            .token("BTC")
            .and_then(|t| growth(t.close[t.bar(last)?], t.close[t.bar(start)?])),
        days,
        trades,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_categories_make_a_table_with_the_curated_choice_or_the_most_specific() {
        let lists = vec![
            (
                "layer-1".to_owned(),
                vec!["SOL".into(), "DOGE".into(), "FET".into()],
            ),
            ("meme-token".to_owned(), vec!["DOGE".into(), "wif".into()]),
            (
                "artificial-intelligence".to_owned(),
                vec!["FET".into(), "NEWAI".into()],
            ),
            ("layer-2".to_owned(), vec!["ARB".into()]),
            ("some-unfollowed-category".to_owned(), vec!["XYZ".into()]),
        ];
        let table = NarrativeTable::from_categories(&lists, &NarrativeTable::bundled());
        assert_eq!(table.get("SOL"), Some(Narrative::L1));
        assert_eq!(
            table.get("DOGE"),
            Some(Narrative::Meme),
            "specific before broad"
        );
        assert_eq!(
            table.get("WIF"),
            Some(Narrative::Meme),
            "symbols are upper-cased"
        );
        assert_eq!(table.get("FET"), Some(Narrative::Ai));
        assert_eq!(
            table.get("NEWAI"),
            Some(Narrative::Ai),
            "not in the curated table"
        );
        assert_eq!(table.get("ARB"), Some(Narrative::L2));
        assert_eq!(table.get("XYZ"), None);
        // The curated choice wins when the provider lists it too.
        let curated = NarrativeTable::parse("DOGE l1").unwrap();
        let table = NarrativeTable::from_categories(&lists, &curated);
        assert_eq!(table.get("DOGE"), Some(Narrative::L1));
        assert_eq!(Narrative::PRIORITY.len(), Narrative::ALL.len());
        for n in Narrative::ALL {
            assert!(Narrative::PRIORITY.contains(&n));
        }
    }
}

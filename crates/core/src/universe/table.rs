//! The screener table, written once for every face (the site's screener,
//! the embeddable widget, the CLI): its columns with their ids and labels,
//! what each column sorts on, the order rows take, and how a pair of the
//! bundled history names its token.
//!
//! Each face shows its own choice of columns and draws its own cells; what
//! a column means and how rows are ordered is decided here, so the same
//! rows come out in the same order wherever they are shown. A face hands
//! each row's [`Figures`] to [`order`].
//!
//! ```
//! use tokenlens_core::universe::table::{Column, Figures, Sort, SortKey, order};
//! let rows = [("ETH", Some(40.0)), ("BTC", None), ("SOL", Some(70.0))];
//! let sort = Sort { key: SortKey::Column(Column::TraderGrade), descending: true };
//! let figures = |r: &(&'static str, Option<f64>)| Figures {
//!     symbol: r.0,
//!     trader_grade: r.1,
//!     ..Figures::default()
//! };
//! let symbols: Vec<&str> = order(&rows, sort, figures).into_iter().map(|i| rows[i].0).collect();
//! assert_eq!(symbols, ["SOL", "ETH", "BTC"]); // missing values last, either way
//! ```

use std::cmp::Ordering;

use crate::analysis::signal::SignalState;
use crate::market_cap::MarketCapClass;
use crate::universe::Member;
use crate::universe::screen::ScreenRow;

/// The quote asset of the bundled history's pairs.
pub const QUOTE: &str = "USDT";
/// The benchmark of relative strength and of the rotation: Bitcoin, by
/// symbol (universes and the bundled history) …
pub const BENCHMARK_SYMBOL: &str = "BTC";
/// … and by CoinGecko id (live market lists, where a symbol is not unique).
pub const BENCHMARK_ID: &str = "bitcoin";

/// The token of a pair of the bundled history: `BTCUSDT` → `BTC` (a name
/// that is not a USDT pair is its own symbol).
pub fn pair_symbol(pair: &str) -> &str {
    match pair.strip_suffix(QUOTE) {
        Some(base) if !base.is_empty() => base,
        _ => pair,
    }
}

/// The bundled history's pair of a token: `BTC` → `BTCUSDT`.
pub fn symbol_pair(symbol: &str) -> String {
    format!("{symbol}{QUOTE}")
}

/// The benchmark's history among `members`, by [`BENCHMARK_SYMBOL`].
pub fn benchmark_of(members: &[Member]) -> Option<crate::analysis::PriceSeries> {
    members
        .iter()
        .find(|m| m.0 == BENCHMARK_SYMBOL)
        .map(|m| m.1.clone())
}

/// A column of a screener table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    Rank,
    Price,
    Change1h,
    Change24h,
    Change7d,
    Change30d,
    TraderGrade,
    TraderGradeChange7d,
    InvestorGrade,
    Signal,
    DaysSinceFlip,
    Rating,
    Class,
    MarketCap,
    Fdv,
    Volume,
    VolumeToMarketCap,
    Narrative,
    Sparkline,
}

impl Column {
    /// Every column, in table order.
    pub const ALL: [Column; 19] = [
        Column::Rank,
        Column::Price,
        Column::Change1h,
        Column::Change24h,
        Column::Change7d,
        Column::Change30d,
        Column::TraderGrade,
        Column::TraderGradeChange7d,
        Column::InvestorGrade,
        Column::Signal,
        Column::DaysSinceFlip,
        Column::Rating,
        Column::Class,
        Column::MarketCap,
        Column::Fdv,
        Column::Volume,
        Column::VolumeToMarketCap,
        Column::Narrative,
        Column::Sparkline,
    ];

    /// The id written in URLs, widget attributes and exports.
    pub fn id(self) -> &'static str {
        match self {
            Column::Rank => "rank",
            Column::Price => "price",
            Column::Change1h => "change_1h",
            Column::Change24h => "change_24h",
            Column::Change7d => "change_7d",
            Column::Change30d => "change_30d",
            Column::TraderGrade => "trader_grade",
            Column::TraderGradeChange7d => "trader_grade_change_7d",
            Column::InvestorGrade => "investor_grade",
            Column::Signal => "signal",
            Column::DaysSinceFlip => "days_since_flip",
            Column::Rating => "rating",
            Column::Class => "class",
            Column::MarketCap => "market_cap",
            Column::Fdv => "fdv",
            Column::Volume => "volume",
            Column::VolumeToMarketCap => "volume_to_market_cap",
            Column::Narrative => "narrative",
            Column::Sparkline => "sparkline",
        }
    }

    /// The column with id `id`.
    pub fn parse(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The header shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Column::Rank => "#",
            Column::Price => "Price",
            Column::Change1h => "1 h",
            Column::Change24h => "24 h",
            Column::Change7d => "7 d",
            Column::Change30d => "30 d",
            Column::TraderGrade => "Trader Grade",
            Column::TraderGradeChange7d => "Trader Grade 7 d change",
            Column::InvestorGrade => "Investor Grade",
            Column::Signal => "Signal",
            Column::DaysSinceFlip => "Days since flip",
            Column::Rating => "Rating",
            Column::Class => "Class",
            Column::MarketCap => "Market cap",
            Column::Fdv => "FDV",
            Column::Volume => "Volume 24 h",
            Column::VolumeToMarketCap => "Volume / market cap",
            Column::Narrative => "Narrative",
            Column::Sparkline => "7 d chart",
        }
    }

    /// The key the column's header sorts on: its own figure; the class by
    /// market cap (the class is a banding of it); `None` for the narrative
    /// and the chart.
    pub fn sort_key(self) -> Option<SortKey> {
        match self {
            Column::Narrative | Column::Sparkline => None,
            Column::Class => Some(SortKey::Column(Column::MarketCap)),
            c => Some(SortKey::Column(c)),
        }
    }

    /// Whether a first click sorts from the highest: text and ranks sort
    /// from the top (#1, A→Z), ages from the most recent.
    pub fn descending_first(self) -> bool {
        !matches!(self, Column::Rank | Column::DaysSinceFlip)
    }

    /// Whether the column is a grade, by which stable tokens sort last.
    pub fn is_grade(self) -> bool {
        matches!(
            self,
            Column::TraderGrade | Column::TraderGradeChange7d | Column::InvestorGrade
        )
    }
}

/// What rows are ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SortKey {
    /// The token's symbol.
    Symbol,
    /// A column's figure (see [`Figures::value`]).
    Column(Column),
}

impl SortKey {
    /// The id written in URLs and attributes: `symbol` or the column's id.
    pub fn id(self) -> &'static str {
        match self {
            SortKey::Symbol => "symbol",
            SortKey::Column(c) => c.id(),
        }
    }

    /// The key with id `id` (a column that does not sort is none).
    pub fn parse(id: &str) -> Option<Self> {
        if id == "symbol" {
            return Some(SortKey::Symbol);
        }
        Column::parse(id)?.sort_key().filter(|k| k.id() == id)
    }

    /// Whether a first click on the key sorts from the highest.
    pub fn descending_first(self) -> bool {
        match self {
            SortKey::Symbol => false,
            SortKey::Column(c) => c.descending_first(),
        }
    }
}

/// Row order: a key and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub key: SortKey,
    pub descending: bool,
}

impl Sort {
    /// `key` in the direction of its first click.
    pub fn by(key: SortKey) -> Self {
        Self {
            key,
            descending: key.descending_first(),
        }
    }
}

/// The figures of one row that the table orders on. Faces fill what they
/// have; a figure left `None` sorts last. Units only need to be the same
/// within one table (percent or fraction alike).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Figures<'a> {
    pub symbol: &'a str,
    /// The token's name, when the face has it (searched, not sorted on).
    pub name: Option<&'a str>,
    /// A stablecoin, fiat or gold token: last by a grade.
    pub stable: bool,
    pub rank: Option<u32>,
    pub price: Option<f64>,
    pub change_1h: Option<f64>,
    pub change_24h: Option<f64>,
    pub change_7d: Option<f64>,
    pub change_30d: Option<f64>,
    pub trader_grade: Option<f64>,
    pub trader_grade_change_7d: Option<f64>,
    pub investor_grade: Option<f64>,
    pub signal: Option<SignalState>,
    pub days_since_flip: Option<i64>,
    /// The market-cap class (filtered on; sorted by the market cap).
    pub class: Option<MarketCapClass>,
    /// The technical rating's score in `[−1, 1]`.
    pub rating_score: Option<f64>,
    pub market_cap: Option<f64>,
    pub fdv: Option<f64>,
    pub volume: Option<f64>,
}

impl<'a> Figures<'a> {
    /// The figures a screen row carries (returns as fractions); market
    /// figures beyond the market cap come from the face's market data.
    pub fn of_screen_row(row: &'a ScreenRow) -> Self {
        Self {
            symbol: &row.symbol,
            stable: row.stable,
            price: Some(row.price),
            change_24h: row.return_1d,
            change_7d: row.return_7d,
            change_30d: row.return_30d,
            trader_grade: Some(row.trader_grade),
            trader_grade_change_7d: row.trader_grade_change_7d,
            investor_grade: row.investor_grade,
            signal: Some(row.signal),
            days_since_flip: row.days_since_flip,
            class: row.class,
            rating_score: row.rating_score,
            market_cap: row.market_cap,
            ..Self::default()
        }
    }

    /// The number `column` sorts on: signals rank bullish > neutral >
    /// bearish (unknown has none), the rating by its score, the class by
    /// market cap; the narrative and the chart have none.
    pub fn value(&self, column: Column) -> Option<f64> {
        match column {
            Column::Rank => self.rank.map(f64::from),
            Column::Price => self.price,
            Column::Change1h => self.change_1h,
            Column::Change24h => self.change_24h,
            Column::Change7d => self.change_7d,
            Column::Change30d => self.change_30d,
            Column::TraderGrade => self.trader_grade,
            Column::TraderGradeChange7d => self.trader_grade_change_7d,
            Column::InvestorGrade => self.investor_grade,
            Column::Signal => self.signal.and_then(signal_rank),
            Column::DaysSinceFlip => self.days_since_flip.map(|d| d as f64),
            Column::Rating => self.rating_score,
            Column::Class | Column::MarketCap => self.market_cap,
            Column::Fdv => self.fdv,
            Column::Volume => self.volume,
            Column::VolumeToMarketCap => volume_to_market_cap(self.volume, self.market_cap),
            Column::Narrative | Column::Sparkline => None,
        }
    }
}

/// A signal's place in an order: bullish 1, neutral 0, bearish −1; unknown
/// has none.
pub fn signal_rank(state: SignalState) -> Option<f64> {
    match state {
        SignalState::Bullish => Some(1.0),
        SignalState::Neutral => Some(0.0),
        SignalState::Bearish => Some(-1.0),
        SignalState::Unknown => None,
    }
}

/// 24 h volume over market cap: the share of the token that traded.
pub fn volume_to_market_cap(volume: Option<f64>, market_cap: Option<f64>) -> Option<f64> {
    match (volume, market_cap) {
        (Some(v), Some(c)) if c > 0.0 => Some(v / c),
        _ => None,
    }
}

/// The positions of `rows` in the order `sort` gives: by the key in its
/// direction, rows missing the figure last either way; by a grade, stable
/// tokens after every other token; ties by symbol, then as given.
pub fn order<'r, T>(
    rows: &'r [T],
    sort: Sort,
    figures: impl Fn(&'r T) -> Figures<'r>,
) -> Vec<usize> {
    let figures: Vec<Figures<'r>> = rows.iter().map(figures).collect();
    let by_grade = matches!(sort.key, SortKey::Column(c) if c.is_grade());
    let mut positions: Vec<usize> = (0..rows.len()).collect();
    positions.sort_by(|&i, &j| {
        let (a, b) = (&figures[i], &figures[j]);
        if by_grade && a.stable != b.stable {
            return a.stable.cmp(&b.stable);
        }
        let order = match sort.key {
            SortKey::Symbol => a.symbol.cmp(b.symbol),
            SortKey::Column(c) => match (a.value(c), b.value(c)) {
                (Some(x), Some(y)) => x.total_cmp(&y),
                (Some(_), None) => return Ordering::Less,
                (None, Some(_)) => return Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
        };
        let order = if sort.descending {
            order.reverse()
        } else {
            order
        };
        order.then_with(|| a.symbol.cmp(b.symbol))
    });
    positions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(symbol: &'static str, grade: Option<f64>, stable: bool) -> Figures<'static> {
        Figures {
            symbol,
            stable,
            trader_grade: grade,
            signal: Some(SignalState::Neutral),
            ..Figures::default()
        }
    }

    fn symbols(rows: &[Figures<'static>], sort: Sort) -> Vec<&'static str> {
        order(rows, sort, |f| *f)
            .into_iter()
            .map(|i| rows[i].symbol)
            .collect()
    }

    #[test]
    fn missing_figures_go_last_both_ways_and_ties_go_by_symbol() {
        let rows = [
            row("ETH", Some(50.0), false),
            row("ARB", None, false),
            row("SOL", Some(70.0), false),
            row("ADA", Some(50.0), false),
        ];
        let key = SortKey::Column(Column::TraderGrade);
        let down = Sort::by(key);
        assert!(down.descending);
        assert_eq!(symbols(&rows, down), ["SOL", "ADA", "ETH", "ARB"]);
        let up = Sort {
            descending: false,
            ..down
        };
        assert_eq!(symbols(&rows, up), ["ADA", "ETH", "SOL", "ARB"]);
        assert_eq!(
            symbols(&rows, Sort::by(SortKey::Symbol)),
            ["ADA", "ARB", "ETH", "SOL"]
        );
    }

    #[test]
    fn stable_tokens_sort_last_by_a_grade_only() {
        let mut usdc = row("USDC", Some(99.0), true);
        usdc.price = Some(1.0);
        let mut btc = row("BTC", Some(40.0), false);
        btc.price = Some(100_000.0);
        let rows = [usdc, btc];
        for column in [
            Column::TraderGrade,
            Column::InvestorGrade,
            Column::TraderGradeChange7d,
        ] {
            for descending in [true, false] {
                let sort = Sort {
                    key: SortKey::Column(column),
                    descending,
                };
                assert_eq!(symbols(&rows, sort)[1], "USDC", "{column:?}");
            }
        }
        let by_price = Sort::by(SortKey::Column(Column::Price));
        assert_eq!(symbols(&rows, by_price), ["BTC", "USDC"]);
    }

    #[test]
    fn signals_rank_and_classes_sort_by_market_cap() {
        let mut rows = [
            row("A", None, false),
            row("B", None, false),
            row("C", None, false),
        ];
        rows[0].signal = Some(SignalState::Bearish);
        rows[1].signal = Some(SignalState::Bullish);
        rows[2].signal = Some(SignalState::Unknown);
        let by_signal = Sort::by(SortKey::Column(Column::Signal));
        assert_eq!(symbols(&rows, by_signal), ["B", "A", "C"]);
        rows[0].market_cap = Some(2e9);
        rows[1].market_cap = Some(3e9);
        assert_eq!(
            Column::Class.sort_key(),
            Some(SortKey::Column(Column::MarketCap))
        );
        let by_class = Sort::by(Column::Class.sort_key().unwrap());
        assert_eq!(symbols(&rows, by_class), ["B", "A", "C"]);
    }

    #[test]
    fn ids_round_trip_and_pairs_name_their_token() {
        for column in Column::ALL {
            assert_eq!(Column::parse(column.id()), Some(column));
            if let Some(key) = column.sort_key().filter(|k| k.id() == column.id()) {
                assert_eq!(SortKey::parse(column.id()), Some(key));
            }
        }
        assert_eq!(SortKey::parse("symbol"), Some(SortKey::Symbol));
        assert_eq!(
            SortKey::parse("class"),
            None,
            "the class sorts as market_cap"
        );
        assert_eq!(SortKey::parse("sparkline"), None);
        assert_eq!(pair_symbol("BTCUSDT"), "BTC");
        assert_eq!(pair_symbol("USDT"), "USDT");
        assert_eq!(pair_symbol("EURI"), "EURI");
        assert_eq!(symbol_pair(pair_symbol("ETHUSDT")), "ETHUSDT");
    }
}

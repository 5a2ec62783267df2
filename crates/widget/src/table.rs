//! The widget's table as plain data: rows built from live markets or from
//! the bundled snapshot, graded by `tokenlens-core`, then ordered and cut.
//! Nothing here touches the DOM, so it is tested natively.

use tokenlens_core::analysis::Interval;
use tokenlens_core::analysis::rating::RatingLabel;
use tokenlens_core::analysis::signal::SignalState;
use tokenlens_core::market_cap::MarketCapClass;
use tokenlens_core::universe::screen::{ScreenRow, screen_one};
use tokenlens_feeds::snapshot::clean_text;
use tokenlens_feeds::{History, Snapshot, TokenMarket};

use crate::config::{Column, Selection, Sort, SortKey};

/// The CoinGecko id of the benchmark coin for relative strength.
pub const BENCHMARK_ID: &str = "bitcoin";
/// The history column of the benchmark in the bundled history.
const BENCHMARK_PAIR: &str = "BTCUSDT";
/// Longest name shown.
const NAME_CHARS: usize = 40;

/// One coin of the widget. Feed strings (`symbol`, `name`) are cleaned and
/// are only ever rendered as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub id: String,
    pub symbol: String,
    pub name: String,
    pub rank: Option<u32>,
    /// In the widget's currency.
    pub price: Option<f64>,
    /// Percent (`2.5` = +2.5 %).
    pub change_24h: Option<f64>,
    pub change_7d: Option<f64>,
    pub market_cap: Option<f64>,
    pub volume: Option<f64>,
    /// `None` when the coin could not be graded (see [`Table::problems`]).
    pub grades: Option<Graded>,
    pub class: Option<MarketCapClass>,
}

/// What the core computed for one coin.
#[derive(Debug, Clone, PartialEq)]
pub struct Graded {
    pub trader_grade: f64,
    /// 0–1: how much of the grade's evidence the data allowed.
    pub confidence: f64,
    pub investor_grade: Option<f64>,
    pub signal: SignalState,
    pub rating: Option<RatingLabel>,
    pub interval: Interval,
}

impl Graded {
    fn of(row: &ScreenRow, interval: Interval) -> Self {
        Self {
            trader_grade: row.trader_grade,
            confidence: row.trader_grade_confidence,
            investor_grade: row.investor_grade,
            signal: row.signal,
            rating: row.rating,
            interval,
        }
    }
}

/// A coin that is not in the table, or is in it without grades.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub id: String,
    pub message: String,
}

/// Where the figures came from, for the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    pub source: String,
    /// UTC date (`YYYY-MM-DD`) the figures describe.
    pub as_of: String,
    pub live: bool,
}

/// The table of one widget, before ordering.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub rows: Vec<Row>,
    pub problems: Vec<Problem>,
    pub provenance: Provenance,
}

impl Table {
    /// The rows to show: ordered by `sort` (rows missing the value last,
    /// either way) and cut to `limit`.
    pub fn arranged(&self, sort: Option<Sort>, limit: usize) -> Vec<&Row> {
        let mut rows: Vec<&Row> = self.rows.iter().collect();
        if let Some(sort) = sort {
            rows.sort_by(|a, b| {
                let order = match sort.key {
                    SortKey::Symbol => a.symbol.cmp(&b.symbol),
                    SortKey::Column(c) => match (sort_value(a, c), sort_value(b, c)) {
                        (Some(x), Some(y)) => x.total_cmp(&y),
                        (Some(_), None) => return std::cmp::Ordering::Less,
                        (None, Some(_)) => return std::cmp::Ordering::Greater,
                        (None, None) => std::cmp::Ordering::Equal,
                    },
                };
                if sort.descending {
                    order.reverse()
                } else {
                    order
                }
            });
        }
        rows.truncate(limit);
        rows
    }
}

/// The number a column sorts on (signals: bullish > neutral > bearish).
fn sort_value(row: &Row, column: Column) -> Option<f64> {
    let g = row.grades.as_ref();
    match column {
        Column::Rank => row.rank.map(f64::from),
        Column::Price => row.price,
        Column::Change24h => row.change_24h,
        Column::Change7d => row.change_7d,
        Column::MarketCap => row.market_cap,
        Column::Volume => row.volume,
        Column::TraderGrade => g.map(|g| g.trader_grade),
        Column::InvestorGrade => g.and_then(|g| g.investor_grade),
        Column::Signal => g.and_then(|g| match g.signal {
            SignalState::Bullish => Some(1.0),
            SignalState::Neutral => Some(0.0),
            SignalState::Bearish => Some(-1.0),
            SignalState::Unknown => None,
        }),
        Column::Rating => g.and_then(|g| g.rating).map(|r| r.score_rank()),
        Column::Class => row.class.map(|c| c as u8 as f64),
    }
}

trait RatingRank {
    fn score_rank(self) -> f64;
}

impl RatingRank for RatingLabel {
    fn score_rank(self) -> f64 {
        match self {
            RatingLabel::StrongSell => -2.0,
            RatingLabel::Sell => -1.0,
            RatingLabel::Neutral => 0.0,
            RatingLabel::Buy => 1.0,
            RatingLabel::StrongBuy => 2.0,
        }
    }
}

fn base_row(token: &TokenMarket) -> Row {
    Row {
        id: token.id.clone(),
        symbol: clean_text(&token.symbol, 12).to_ascii_uppercase(),
        name: clean_text(&token.name, NAME_CHARS),
        rank: token.rank,
        price: token.price,
        change_24h: token.change_24h_pct,
        change_7d: token.change_7d_pct,
        market_cap: token.market_cap,
        volume: token.total_volume,
        grades: None,
        class: token
            .market_cap
            .filter(|c| c.is_finite() && *c > 0.0)
            .and_then(|c| MarketCapClass::of(c).ok()),
    }
}

/// A table from a live `/coins/markets` answer. `requested` keeps the
/// order of a `coins` list and names the ids the provider did not know;
/// the benchmark coin, fetched for relative strength, is shown only when
/// asked for. Grades come from the 7-day hourly sparkline.
pub fn from_live(
    markets: &[TokenMarket],
    selection: &Selection,
    as_of: &str,
    last_hour: i64,
) -> Table {
    let benchmark = markets
        .iter()
        .find(|t| t.id == BENCHMARK_ID)
        .and_then(|t| t.sparkline_series(last_hour));
    let mut problems = Vec::new();
    let chosen: Vec<&TokenMarket> = match selection {
        Selection::Coins(ids) => ids
            .iter()
            .filter_map(|id| {
                let found = markets.iter().find(|t| &t.id == id);
                if found.is_none() {
                    problems.push(Problem {
                        id: id.clone(),
                        message: "not found on CoinGecko".into(),
                    });
                }
                found
            })
            .collect(),
        Selection::Category(_) | Selection::Top => markets.iter().collect(),
    };
    let rows = chosen
        .into_iter()
        .map(|token| {
            let mut row = base_row(token);
            let graded = token
                .sparkline_series(last_hour)
                .ok_or_else(|| "no 7-day price history".to_owned())
                .and_then(|series| {
                    screen_one(
                        &row.symbol,
                        &series,
                        Some(&token.fundamentals()),
                        benchmark.as_ref(),
                    )
                    .map_err(|e| e.to_string())
                });
            match graded {
                Ok(screened) => row.grades = Some(Graded::of(&screened, Interval::Hourly)),
                Err(message) => problems.push(Problem {
                    id: token.id.clone(),
                    message: format!("not graded: {message}"),
                }),
            }
            row
        })
        .collect();
    Table {
        rows,
        problems,
        provenance: Provenance {
            source: "CoinGecko".into(),
            as_of: as_of.to_owned(),
            live: true,
        },
    }
}

/// A table from the bundled snapshot (names, market caps) and history
/// (daily closes of Binance USDT pairs: price, changes and grades).
pub fn from_snapshot(
    snapshot: &Snapshot,
    history: &History,
    selection: &Selection,
    limit: usize,
) -> Table {
    let daily = &history.daily;
    let benchmark = daily.series(BENCHMARK_PAIR);
    let pair = |token: &TokenMarket| format!("{}USDT", token.symbol.to_ascii_uppercase());
    let mut problems = Vec::new();
    let chosen: Vec<&TokenMarket> = match selection {
        Selection::Coins(ids) => ids
            .iter()
            .filter_map(|id| {
                let found = snapshot.tokens.iter().find(|t| &t.id == id);
                if found.is_none() {
                    problems.push(Problem {
                        id: id.clone(),
                        message: "not in the bundled snapshot".into(),
                    });
                }
                found
            })
            .collect(),
        // Categories are refused for snapshots when the attributes are read.
        Selection::Category(_) | Selection::Top => {
            let mut listed: Vec<&TokenMarket> = snapshot
                .tokens
                .iter()
                .filter(|t| daily.symbols.contains(&pair(t)))
                .collect();
            listed.sort_by_key(|t| t.rank.unwrap_or(u32::MAX));
            listed.truncate(limit);
            listed
        }
    };
    let rows = chosen
        .into_iter()
        .map(|token| {
            let mut row = base_row(token);
            // Prices and changes come from the history, the newer of the two.
            row.price = None;
            row.change_24h = None;
            row.change_7d = None;
            row.volume = None;
            let graded = daily
                .series(&pair(token))
                .ok_or_else(|| "no bundled price history".to_owned())
                .and_then(|series| {
                    screen_one(
                        &row.symbol,
                        &series,
                        Some(&token.fundamentals()),
                        benchmark.as_ref(),
                    )
                    .map_err(|e| e.to_string())
                });
            match graded {
                Ok(screened) => {
                    row.price = Some(screened.price);
                    row.change_24h = screened.return_1d.map(|r| r * 100.0);
                    row.change_7d = screened.return_7d.map(|r| r * 100.0);
                    row.grades = Some(Graded::of(&screened, Interval::Daily));
                }
                Err(message) => problems.push(Problem {
                    id: token.id.clone(),
                    message: format!("not graded: {message}"),
                }),
            }
            row
        })
        .collect();
    Table {
        rows,
        problems,
        provenance: Provenance {
            source: format!(
                "bundled data: {}; {}",
                history.sources.join("; "),
                snapshot.source
            ),
            as_of: history.as_of.clone(),
            live: false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokenlens_feeds::CloseTable;
    use tokenlens_feeds::snapshot::{HISTORY_FORMAT, SNAPSHOT_FORMAT};

    fn token(id: &str, symbol: &str, rank: u32, cap: f64) -> TokenMarket {
        TokenMarket {
            id: id.into(),
            symbol: symbol.into(),
            name: format!("{id}\u{0}\n <b>name</b>"),
            rank: Some(rank),
            price: Some(10.0),
            market_cap: Some(cap),
            change_24h_pct: Some(1.5),
            sparkline_7d: (0..168)
                .map(|i| 100.0 + (i as f64 * 0.3).sin() * 5.0 + i as f64 * 0.1)
                .collect(),
            ..TokenMarket::default()
        }
    }

    fn closes(n: usize, slope: f64) -> Vec<Option<f64>> {
        (0..n)
            .map(|i| Some(100.0 + slope * i as f64 + (i as f64).sin()))
            .collect()
    }

    fn bundled() -> (Snapshot, History) {
        let snapshot = Snapshot {
            format: SNAPSHOT_FORMAT,
            as_of: "2023-07-28".into(),
            source: "CoinGecko".into(),
            tokens: vec![
                token("bitcoin", "btc", 1, 5e11),
                token("ethereum", "eth", 2, 2e11),
                token("tether", "usdt", 3, 8e10),
                token("solana", "sol", 5, 9e9),
            ],
        };
        let history = History {
            format: HISTORY_FORMAT,
            as_of: "2024-01-10".into(),
            sources: vec!["Binance".into()],
            daily: CloseTable {
                interval: Interval::Daily,
                start: 1_700_000_000 - 1_700_000_000 % 86_400,
                rows: 60,
                symbols: vec!["BTCUSDT".into(), "ETHUSDT".into(), "SOLUSDT".into()],
                closes: vec![closes(60, 1.0), closes(60, -0.5), closes(60, 0.2)],
            },
            hourly: None,
        };
        (snapshot, history)
    }

    #[test]
    fn snapshot_rows_keep_the_order_asked_and_match_the_core() {
        let (snapshot, history) = bundled();
        let selection = Selection::Coins(vec!["solana".into(), "bitcoin".into()]);
        let table = from_snapshot(&snapshot, &history, &selection, 10);
        let ids: Vec<&str> = table.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["solana", "bitcoin"]);
        assert!(table.problems.is_empty(), "{:?}", table.problems);
        let sol = &table.rows[0];
        let series = history.daily.series("SOLUSDT").unwrap();
        let bench = history.daily.series("BTCUSDT").unwrap();
        let expected = screen_one(
            "SOL",
            &series,
            Some(&snapshot.tokens[3].fundamentals()),
            Some(&bench),
        )
        .unwrap();
        let graded = sol.grades.as_ref().unwrap();
        assert_eq!(graded.trader_grade, expected.trader_grade);
        assert_eq!(graded.signal, expected.signal);
        assert_eq!(sol.price, Some(expected.price));
        assert_eq!(sol.change_24h, expected.return_1d.map(|r| r * 100.0));
        assert_eq!(sol.class, Some(MarketCapClass::Mid));
        assert_eq!(table.provenance.as_of, "2024-01-10");
        assert!(!table.provenance.live);
    }

    #[test]
    fn unknown_and_unpriced_coins_become_problems_not_blank_tables() {
        let (snapshot, history) = bundled();
        let selection = Selection::Coins(vec!["nope".into(), "tether".into(), "ethereum".into()]);
        let table = from_snapshot(&snapshot, &history, &selection, 10);
        assert_eq!(table.rows.len(), 2);
        assert!(table.rows[0].grades.is_none());
        assert!(table.rows[1].grades.is_some());
        let problems: Vec<(&str, &str)> = table
            .problems
            .iter()
            .map(|p| (p.id.as_str(), p.message.as_str()))
            .collect();
        assert_eq!(
            problems,
            [
                ("nope", "not in the bundled snapshot"),
                ("tether", "not graded: no bundled price history")
            ]
        );
    }

    #[test]
    fn the_top_of_the_snapshot_is_ranked_coins_with_history() {
        let (snapshot, history) = bundled();
        let table = from_snapshot(&snapshot, &history, &Selection::Top, 2);
        let ids: Vec<&str> = table.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["bitcoin", "ethereum"]);
    }

    #[test]
    fn live_rows_are_graded_from_the_hourly_sparkline() {
        let markets = vec![
            token("solana", "sol", 5, 9e9),
            token("bitcoin", "btc", 1, 5e11),
        ];
        let selection = Selection::Coins(vec!["solana".into(), "ghost".into()]);
        let last_hour = 1_750_000_000 - 1_750_000_000 % 3600;
        let table = from_live(&markets, &selection, "2025-06-15", last_hour);
        assert_eq!(table.rows.len(), 1, "the benchmark is fetched, not shown");
        let row = &table.rows[0];
        assert_eq!(row.symbol, "SOL");
        assert_eq!(
            row.name, "solana <b>name</b>",
            "controls gone, text kept as text"
        );
        assert_eq!(row.price, Some(10.0));
        assert_eq!(row.change_24h, Some(1.5));
        let series = markets[0].sparkline_series(last_hour).unwrap();
        assert_eq!(series.interval, Interval::Hourly);
        assert_eq!(*series.timestamps.last().unwrap(), last_hour);
        let bench = markets[1].sparkline_series(last_hour).unwrap();
        let expected = screen_one(
            "SOL",
            &series,
            Some(&markets[0].fundamentals()),
            Some(&bench),
        )
        .unwrap();
        let graded = row.grades.as_ref().unwrap();
        assert_eq!(graded.trader_grade, expected.trader_grade);
        assert_eq!(graded.interval, Interval::Hourly);
        assert_eq!(table.problems[0].id, "ghost");
        assert!(table.provenance.live);
    }

    #[test]
    fn a_coin_without_a_sparkline_is_listed_ungraded() {
        let mut bare = token("solana", "sol", 5, 9e9);
        bare.sparkline_7d.clear();
        let table = from_live(&[bare], &Selection::Top, "2025-06-15", 0);
        assert_eq!(table.rows.len(), 1);
        assert!(table.rows[0].grades.is_none());
        assert_eq!(
            table.problems[0].message,
            "not graded: no 7-day price history"
        );
    }

    #[test]
    fn arranging_sorts_missing_values_last_and_cuts_to_the_limit() {
        let (snapshot, history) = bundled();
        let selection = Selection::Coins(vec![
            "tether".into(),
            "ethereum".into(),
            "bitcoin".into(),
            "solana".into(),
        ]);
        let table = from_snapshot(&snapshot, &history, &selection, 10);
        let order = |sort: Sort, limit: usize| -> Vec<String> {
            table
                .arranged(Some(sort), limit)
                .iter()
                .map(|r| r.id.clone())
                .collect()
        };
        let price_desc = Sort {
            key: SortKey::Column(Column::Price),
            descending: true,
        };
        let price_asc = Sort {
            descending: false,
            ..price_desc
        };
        assert_eq!(order(price_desc, 10).last().unwrap(), "tether");
        assert_eq!(order(price_asc, 10).last().unwrap(), "tether");
        assert_eq!(order(price_desc, 2), ["bitcoin", "solana"]);
        let by_symbol = Sort {
            key: SortKey::Symbol,
            descending: false,
        };
        assert_eq!(
            order(by_symbol, 10),
            ["bitcoin", "ethereum", "solana", "tether"]
        );
        assert_eq!(table.arranged(None, 2).len(), 2);
        assert_eq!(
            table.arranged(None, 10)[0].id,
            "tether",
            "unsorted keeps the order asked"
        );
    }
}

//! The widget's table as plain data: rows built from live markets or from
//! the bundled snapshot, graded by `tokenlens-core`, then ordered and cut.
//! Nothing here touches the DOM, so it is tested natively.

use tokenlens_core::analysis::Interval;
use tokenlens_core::analysis::rating::RatingLabel;
use tokenlens_core::analysis::signal::SignalState;
use tokenlens_core::market_cap::MarketCapClass;
use tokenlens_core::universe::screen::{ScreenRow, screen_one};
use tokenlens_core::universe::table::{
    BENCHMARK_ID, BENCHMARK_SYMBOL, Figures, order, symbol_pair,
};
use tokenlens_feeds::live_universe;
use tokenlens_feeds::snapshot::clean_text;
use tokenlens_feeds::{History, Snapshot, TokenMarket};

use crate::config::{Column, Selection, Sort};
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
    /// The rating's score in `[−1, 1]` (what the rating column sorts on).
    pub rating_score: Option<f64>,
    /// A stablecoin, fiat or gold token (last by a grade).
    pub stable: bool,
    pub interval: Interval,
}

impl Graded {
    /// The grades of a screen row, as the widget shows them.
    pub fn of(row: &ScreenRow, interval: Interval) -> Self {
        Self {
            trader_grade: row.trader_grade,
            confidence: row.trader_grade_confidence,
            investor_grade: row.investor_grade,
            signal: row.signal,
            rating: row.rating,
            rating_score: row.rating_score,
            stable: row.stable,
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

/// What kind of data a table shows, named first in its footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A provider's answer of now.
    Live,
    /// The market list the serving site published, while it is fresh.
    Published,
    /// The bundled history.
    Snapshot,
}

/// Where the figures came from, for the footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provenance {
    pub source: String,
    /// UTC date (`YYYY-MM-DD`) every figure of the table describes.
    pub as_of: String,
    pub mode: Mode,
    /// Whether the data holds market figures (rank, market cap, volume,
    /// class) of `as_of`; without them those columns show "—".
    pub market_figures: bool,
}

/// The table of one widget, before ordering.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub rows: Vec<Row>,
    pub problems: Vec<Problem>,
    pub provenance: Provenance,
}

impl Table {
    /// The rows to show: in the screener table's order for `sort` (see
    /// `tokenlens_core::universe::table::order`; without one, as listed)
    /// and cut to `limit`.
    pub fn arranged(&self, sort: Option<Sort>, limit: usize) -> Vec<&Row> {
        let mut rows: Vec<&Row> = match sort {
            Some(sort) => order(&self.rows, sort, Row::figures)
                .into_iter()
                .map(|i| &self.rows[i])
                .collect(),
            None => self.rows.iter().collect(),
        };
        rows.truncate(limit);
        rows
    }
}

/// The columns that show market figures (see [`Provenance::market_figures`]),
/// in words.
const MARKET_COLUMNS: [(Column, &str); 4] = [
    (Column::Rank, "rank"),
    (Column::MarketCap, "market cap"),
    (Column::Volume, "volume"),
    (Column::Class, "class"),
];

/// A sentence for the notice when `columns` shows market figures the data
/// does not have for the table's date (their cells show "—").
pub fn missing_market_note(table: &Table, columns: &[Column]) -> Option<String> {
    let p = &table.provenance;
    if p.market_figures {
        return None;
    }
    let missing: Vec<&str> = MARKET_COLUMNS
        .iter()
        .filter(|(c, _)| columns.contains(c))
        .map(|(_, words)| *words)
        .collect();
    let (last, rest) = missing.split_last()?;
    let list = if rest.is_empty() {
        (*last).to_owned()
    } else {
        format!("{} or {last}", rest.join(", "))
    };
    Some(format!(
        "No {list} of {} in the bundled data: shown as —.",
        p.as_of
    ))
}

impl Row {
    /// What the table orders the row on.
    pub fn figures(&self) -> Figures<'_> {
        let g = self.grades.as_ref();
        Figures {
            symbol: &self.symbol,
            stable: g.is_some_and(|g| g.stable),
            rank: self.rank,
            price: self.price,
            change_24h: self.change_24h,
            change_7d: self.change_7d,
            trader_grade: g.map(|g| g.trader_grade),
            investor_grade: g.and_then(|g| g.investor_grade),
            signal: g.map(|g| g.signal),
            rating_score: g.and_then(|g| g.rating_score),
            market_cap: self.market_cap,
            volume: self.volume,
            ..Figures::default()
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
    let benchmark = live_universe::benchmark(markets, last_hour);
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
    // The site's live rules: the same minimum of points, the same
    // messages; each coin stays a row, graded or not.
    let listed: Vec<TokenMarket> = chosen.iter().map(|t| (*t).clone()).collect();
    let members = live_universe::each_member(&listed, last_hour);
    let rows = chosen
        .into_iter()
        .zip(members)
        .map(|(token, member)| {
            let mut row = base_row(token);
            let graded =
                member
                    .map_err(|e| e.message)
                    .and_then(|(symbol, series, fundamentals)| {
                        screen_one(&symbol, &series, fundamentals.as_ref(), benchmark.as_ref())
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
            mode: Mode::Live,
            market_figures: true,
        },
    }
}

/// A live widget's table from the market list its site published (the
/// bundled snapshot, while it is fresh), graded as a live answer is: what a
/// live request would have asked CoinGecko for, without asking. `None` when
/// that list cannot stand in for the request: a category (the list has
/// none), a coin it lacks, or a coin without a sparkline to grade.
pub fn from_published(
    snapshot: &Snapshot,
    selection: &Selection,
    limit: usize,
    last_hour: i64,
) -> Option<Table> {
    let chosen: Vec<TokenMarket> = match selection {
        Selection::Category(_) => return None,
        Selection::Coins(ids) => ids
            .iter()
            .map(|id| snapshot.tokens.iter().find(|t| &t.id == id).cloned())
            .collect::<Option<_>>()?,
        Selection::Top => top_by_rank(snapshot.tokens.iter().collect(), limit)
            .into_iter()
            .cloned()
            .collect(),
    };
    if chosen.is_empty()
        || chosen
            .iter()
            .any(|t| t.sparkline_7d.len() < live_universe::MIN_POINTS)
    {
        return None;
    }
    // As a live request of coins asks for the benchmark too (only shown
    // when asked for); the top coins are asked for as they are.
    let mut markets = chosen;
    if matches!(selection, Selection::Coins(_)) && !markets.iter().any(|t| t.id == BENCHMARK_ID) {
        markets.extend(
            snapshot
                .tokens
                .iter()
                .find(|t| t.id == BENCHMARK_ID)
                .cloned(),
        );
    }
    let mut table = from_live(&markets, selection, &snapshot.as_of, last_hour);
    table.provenance.mode = Mode::Published;
    table.provenance.source = format!(
        "the market list this site published ({}, {})",
        snapshot.source, snapshot.as_of
    );
    Some(table)
}

/// The first `limit` coins by rank (unranked last, in their order).
fn top_by_rank(mut tokens: Vec<&TokenMarket>, limit: usize) -> Vec<&TokenMarket> {
    tokens.sort_by_key(|t| t.rank.unwrap_or(u32::MAX));
    tokens.truncate(limit);
    tokens
}

/// A table from the bundled history and snapshot, every figure as of one
/// date: the history's last date (`history.as_of`, the footer's date).
///
/// The history (daily closes of Binance USDT pairs) gives the price, the
/// changes and the grades; a coin whose last close is older than that date
/// is listed without figures. The snapshot gives the coins' ids, names and
/// the order of the top coins; its market figures (rank, market cap,
/// volume, class) and the fundamentals the Investor Grade reads are used
/// only when it is of the same date. Otherwise those columns show "—" and
/// the Investor Grade is computed from prices alone, as the site's
/// screener does with the same history: never a figure of another date.
pub fn from_snapshot(
    snapshot: &Snapshot,
    history: &History,
    selection: &Selection,
    limit: usize,
) -> Table {
    let daily = &history.daily;
    let as_of = &history.as_of;
    let same_date = snapshot.as_of == *as_of;
    let benchmark = daily
        .series(&symbol_pair(BENCHMARK_SYMBOL))
        .filter(|s| s.date(s.len() - 1) == *as_of);
    let pair = |token: &TokenMarket| symbol_pair(&token.symbol.to_ascii_uppercase());
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
        Selection::Category(_) | Selection::Top => top_by_rank(
            snapshot
                .tokens
                .iter()
                .filter(|t| daily.symbols.contains(&pair(t)))
                .collect(),
            limit,
        ),
    };
    let rows = chosen
        .into_iter()
        .map(|token| {
            let mut row = base_row(token);
            // Prices and changes come from the history; the snapshot's
            // market figures only when they are of the same date.
            row.price = None;
            row.change_24h = None;
            row.change_7d = None;
            if !same_date {
                row.rank = None;
                row.market_cap = None;
                row.volume = None;
                row.class = None;
            }
            let fundamentals = same_date.then(|| token.fundamentals());
            let graded = daily
                .series(&pair(token))
                .ok_or_else(|| "no bundled price history".to_owned())
                .and_then(|series| {
                    let last = series.date(series.len() - 1);
                    if last == *as_of {
                        Ok(series)
                    } else {
                        Err(format!("no price on {as_of} (last close {last})"))
                    }
                })
                .and_then(|series| {
                    screen_one(
                        &row.symbol,
                        &series,
                        fundamentals.as_ref(),
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
    let names = if same_date {
        snapshot.source.clone()
    } else {
        format!(
            "names and the top coins from {} of {} (its market figures are of another date and are not shown)",
            snapshot.source, snapshot.as_of
        )
    };
    Table {
        rows,
        problems,
        provenance: Provenance {
            source: format!("bundled data: {}; {names}", history.sources.join("; ")),
            as_of: as_of.clone(),
            mode: Mode::Snapshot,
            market_figures: same_date,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SortKey;
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
            fetched_at_ms: None,
            tokens: vec![
                token("bitcoin", "btc", 1, 5e11),
                token("ethereum", "eth", 2, 2e11),
                token("tether", "usdt", 3, 8e10),
                token("solana", "sol", 5, 9e9),
            ],
        };
        let daily = CloseTable {
            interval: Interval::Daily,
            start: 1_700_000_000 - 1_700_000_000 % 86_400,
            rows: 60,
            symbols: vec!["BTCUSDT".into(), "ETHUSDT".into(), "SOLUSDT".into()],
            closes: vec![closes(60, 1.0), closes(60, -0.5), closes(60, 0.2)],
        };
        let history = History {
            format: HISTORY_FORMAT,
            as_of: daily.last_date(),
            sources: vec!["Binance".into()],
            daily,
            hourly: None,
        };
        assert_eq!(history.as_of, "2024-01-12");
        (snapshot, history)
    }

    /// The market columns of a row: rank, market cap, volume, class.
    fn market(
        row: &Row,
    ) -> (
        Option<u32>,
        Option<f64>,
        Option<f64>,
        Option<MarketCapClass>,
    ) {
        (row.rank, row.market_cap, row.volume, row.class)
    }

    #[test]
    fn a_snapshot_of_another_date_gives_no_figure_to_the_rows() {
        // The history ends on 2024-01-12, the snapshot is of 2023-07-28:
        // every figure shown must be of 2024-01-12, the footer's date.
        let (mut snapshot, history) = bundled();
        snapshot.tokens[0].total_volume = Some(3e10);
        snapshot.tokens[0].circulating_supply = Some(1.9e7);
        snapshot.tokens[0].max_supply = Some(2.1e7);
        let selection = Selection::Coins(vec!["bitcoin".into(), "solana".into()]);
        let table = from_snapshot(&snapshot, &history, &selection, 10);
        assert!(table.problems.is_empty(), "{:?}", table.problems);
        assert_eq!(table.provenance.as_of, "2024-01-12");
        assert!(!table.provenance.market_figures);
        assert!(table.provenance.source.contains("of 2023-07-28"));
        let series = history.daily.series("BTCUSDT").unwrap();
        // Prices only: the Investor Grade is not fed 2023's market figures
        // (today they carry no weight in its total, only in its components).
        let expected = screen_one("BTC", &series, None, Some(&series)).unwrap();
        let btc = &table.rows[0];
        assert_eq!(market(btc), (None, None, None, None));
        assert_eq!(btc.price, Some(expected.price));
        assert_eq!(
            btc.name, "bitcoin <b>name</b>",
            "names still come from the snapshot"
        );
        let graded = btc.grades.as_ref().unwrap();
        assert_eq!(graded.investor_grade, expected.investor_grade);
        assert_eq!(graded.trader_grade, expected.trader_grade);
        assert_eq!(
            missing_market_note(
                &table,
                &[
                    Column::Price,
                    Column::Rank,
                    Column::MarketCap,
                    Column::Class
                ]
            ),
            Some(
                "No rank, market cap or class of 2024-01-12 in the bundled data: shown as —."
                    .into()
            )
        );
        assert_eq!(
            missing_market_note(&table, &[Column::Price, Column::Volume]).as_deref(),
            Some("No volume of 2024-01-12 in the bundled data: shown as —.")
        );
        assert_eq!(
            missing_market_note(&table, &[Column::Price, Column::TraderGrade]),
            None
        );
    }

    #[test]
    fn a_snapshot_of_the_history_date_gives_its_market_figures() {
        let (mut snapshot, history) = bundled();
        snapshot.as_of = history.as_of.clone();
        snapshot.tokens[3].total_volume = Some(4e8);
        let selection = Selection::Coins(vec!["solana".into()]);
        let table = from_snapshot(&snapshot, &history, &selection, 10);
        assert!(table.provenance.market_figures);
        let sol = &table.rows[0];
        assert_eq!(
            market(sol),
            (Some(5), Some(9e9), Some(4e8), Some(MarketCapClass::Mid))
        );
        let series = history.daily.series("SOLUSDT").unwrap();
        let bench = history.daily.series("BTCUSDT").unwrap();
        let fundamentals = snapshot.tokens[3].fundamentals();
        let expected = screen_one("SOL", &series, Some(&fundamentals), Some(&bench)).unwrap();
        assert_eq!(
            sol.grades.as_ref().unwrap().investor_grade,
            expected.investor_grade
        );
        assert_eq!(missing_market_note(&table, &[Column::MarketCap]), None);
    }

    #[test]
    fn a_coin_whose_history_ends_early_is_listed_without_figures() {
        let (snapshot, mut history) = bundled();
        // ETH's last two closes are missing: its last price is of 2024-01-10.
        let eth = &mut history.daily.closes[1];
        eth[58] = None;
        eth[59] = None;
        let selection = Selection::Coins(vec!["ethereum".into(), "bitcoin".into()]);
        let table = from_snapshot(&snapshot, &history, &selection, 10);
        assert_eq!(table.rows.len(), 2);
        let eth = &table.rows[0];
        assert_eq!(
            (eth.price, eth.change_24h, eth.change_7d),
            (None, None, None)
        );
        assert!(eth.grades.is_none());
        assert!(table.rows[1].grades.is_some());
        assert_eq!(
            table.problems,
            [Problem {
                id: "ethereum".into(),
                message: "not graded: no price on 2024-01-12 (last close 2024-01-10)".into()
            }]
        );
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
        let expected = screen_one("SOL", &series, None, Some(&bench)).unwrap();
        let graded = sol.grades.as_ref().unwrap();
        assert_eq!(graded.trader_grade, expected.trader_grade);
        assert_eq!(graded.signal, expected.signal);
        assert_eq!(sol.price, Some(expected.price));
        assert_eq!(sol.change_24h, expected.return_1d.map(|r| r * 100.0));
        assert_eq!(table.provenance.as_of, "2024-01-12");
        assert_eq!(table.provenance.mode, Mode::Snapshot);
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
    fn a_published_list_stands_in_for_the_live_answer_it_holds() {
        let (snapshot, _) = bundled();
        let last_hour = 1_750_000_000 - 1_750_000_000 % 3600;
        // The top coins: the first `limit` by rank, graded as live.
        let top = from_published(&snapshot, &Selection::Top, 3, last_hour).unwrap();
        let ids: Vec<&str> = top.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["bitcoin", "ethereum", "tether"]);
        assert_eq!(top.provenance.mode, Mode::Published);
        assert_eq!(top.provenance.as_of, "2023-07-28");
        let live_top = from_live(
            &snapshot.tokens[..3],
            &Selection::Top,
            "2023-07-28",
            last_hour,
        );
        assert_eq!(top.rows, live_top.rows, "the same rows a live answer gives");
        // Coins: graded against the benchmark from the list, not shown.
        let coins = Selection::Coins(vec!["solana".into()]);
        let sol = from_published(&snapshot, &coins, 10, last_hour).unwrap();
        let live_sol = from_live(
            &[snapshot.tokens[3].clone(), snapshot.tokens[0].clone()],
            &coins,
            "2023-07-28",
            last_hour,
        );
        assert_eq!(sol.rows, live_sol.rows);
        assert_eq!(sol.rows.len(), 1);
        assert!(sol.rows[0].grades.is_some());
    }

    #[test]
    fn a_published_list_without_what_is_asked_for_leaves_it_to_the_provider() {
        let (mut snapshot, _) = bundled();
        let last_hour = 1_750_000_000 - 1_750_000_000 % 3600;
        let ghost = Selection::Coins(vec!["solana".into(), "ghost".into()]);
        assert!(from_published(&snapshot, &ghost, 10, last_hour).is_none());
        let category = Selection::Category("meme-token".into());
        assert!(from_published(&snapshot, &category, 10, last_hour).is_none());
        snapshot.tokens[1].sparkline_7d.truncate(5);
        assert!(
            from_published(&snapshot, &Selection::Top, 3, last_hour).is_none(),
            "a coin it cannot grade as live"
        );
        assert!(from_published(&snapshot, &Selection::Top, 1, last_hour).is_some());
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
        assert_eq!(table.provenance.mode, Mode::Live);
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
            "not graded: 0 sparkline prices, at least 15 needed"
        );
    }

    #[test]
    fn live_grading_follows_the_site_rules() {
        // The site's minimum of points: 14 hourly prices are not graded.
        let mut short = token("solana", "sol", 5, 9e9);
        short.sparkline_7d.truncate(live_universe::MIN_POINTS - 1);
        let btc = token("bitcoin", "btc", 2, 5e11);
        let eth = token("ethereum", "eth", 3, 2e11);
        let markets = vec![short, btc.clone(), eth.clone()];
        let last_hour = 1_750_000_000 - 1_750_000_000 % 3600;
        let ids = |ids: &[&str]| Selection::Coins(ids.iter().map(|s| (*s).to_owned()).collect());
        let table = from_live(
            &markets,
            &ids(&["solana", "ethereum"]),
            "2025-06-15",
            last_hour,
        );
        assert_eq!(
            table.problems[0].message,
            "not graded: 14 sparkline prices, at least 15 needed"
        );
        let series = eth.sparkline_series(last_hour).unwrap();
        let bench = btc.sparkline_series(last_hour).unwrap();
        let expected = screen_one("ETH", &series, Some(&eth.fundamentals()), Some(&bench)).unwrap();
        let graded = table.rows[1].grades.as_ref().unwrap();
        assert_eq!(graded.trader_grade, expected.trader_grade);
        assert_eq!(graded.rating_score, expected.rating_score);
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

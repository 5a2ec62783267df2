//! The bundled offline snapshot: real market data frozen at one date, served
//! by the site from its own origin when no provider can be reached.

use serde::{Deserialize, Serialize};
use tokenlens_core::MarketData;
use tokenlens_core::analysis::grades::Fundamentals;
use tokenlens_core::analysis::series::utc_date;
use tokenlens_core::analysis::{Interval, PriceSeries};
use tokenlens_core::universe::breadth::{BreadthPoint, breadth};
use tokenlens_core::universe::narratives::{
    Narrative, NarrativeReport, NarrativeTable, narratives,
};
use tokenlens_core::universe::table::{BENCHMARK_SYMBOL, symbol_pair};
use tokenlens_core::universe::{Member, Panel};

use crate::FeedError;

/// The snapshot format this code reads and writes.
pub const SNAPSHOT_FORMAT: u32 = 1;

/// A frozen market list with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Format version; readers refuse other versions.
    pub format: u32,
    /// The UTC date the data describes, `YYYY-MM-DD`.
    pub as_of: String,
    /// Where the data came from, for the label on screen.
    pub source: String,
    /// Unix ms when the providers answered (`tokenlens snapshot --fetch`);
    /// absent in a snapshot made from a recorded file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_at_ms: Option<f64>,
    pub tokens: Vec<TokenMarket>,
}

impl Snapshot {
    /// Reads a snapshot, refusing an unknown format version.
    pub fn from_json(body: &str) -> Result<Self, FeedError> {
        let snapshot: Snapshot = serde_json::from_str(body).map_err(|e| FeedError::Malformed {
            provider: "snapshot",
            detail: e.to_string(),
        })?;
        if snapshot.format != SNAPSHOT_FORMAT {
            return Err(FeedError::Malformed {
                provider: "snapshot",
                detail: format!(
                    "format {} is not supported (expected {SNAPSHOT_FORMAT})",
                    snapshot.format
                ),
            });
        }
        Ok(snapshot)
    }
}

/// Price history of a whole universe, bundled beside the market list: the
/// closes of many pairs on one time axis. A missing cell (before a listing,
/// during a suspension) is `null`, never filled in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct History {
    /// Format version; readers refuse other versions.
    pub format: u32,
    /// The UTC date of the last daily close.
    pub as_of: String,
    /// Where each table came from, for the label on screen.
    pub sources: Vec<String>,
    pub daily: CloseTable,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly: Option<CloseTable>,
}

/// The history format this code reads and writes.
pub const HISTORY_FORMAT: u32 = 1;

impl History {
    /// Reads a history file, refusing an unknown format version or a table
    /// whose rows do not match its symbols.
    pub fn from_json(body: &str) -> Result<Self, FeedError> {
        let malformed = |detail: String| FeedError::Malformed {
            provider: "history",
            detail,
        };
        let history: History = serde_json::from_str(body).map_err(|e| malformed(e.to_string()))?;
        if history.format != HISTORY_FORMAT {
            return Err(malformed(format!(
                "format {} is not supported (expected {HISTORY_FORMAT})",
                history.format
            )));
        }
        for table in std::iter::once(&history.daily).chain(history.hourly.as_ref()) {
            table.check().map_err(malformed)?;
        }
        Ok(history)
    }

    /// One token's part of the history: the columns of `symbol` (`ETH`, its
    /// pair `ETHUSDT`) and of the benchmark (BTC), on the same rows, with the
    /// same date and sources; what its token page reads
    /// ([`token_file_name`]). `None` when the history has no such column.
    pub fn of_token(&self, symbol: &str) -> Option<History> {
        let pair = symbol_pair(symbol);
        let benchmark = symbol_pair(BENCHMARK_SYMBOL);
        let keep = |table: &CloseTable| {
            let mut columns: Vec<usize> = Vec::with_capacity(2);
            for wanted in [&pair, &benchmark] {
                if let Some(i) = table.symbols.iter().position(|s| s == wanted)
                    && !columns.contains(&i)
                {
                    columns.push(i);
                }
            }
            CloseTable {
                symbols: columns.iter().map(|&i| table.symbols[i].clone()).collect(),
                closes: columns.iter().map(|&i| table.closes[i].clone()).collect(),
                ..table.clone_empty()
            }
        };
        self.daily.symbols.contains(&pair).then(|| History {
            format: self.format,
            as_of: self.as_of.clone(),
            sources: self.sources.clone(),
            daily: keep(&self.daily),
            hourly: self.hourly.as_ref().map(keep),
        })
    }
}

/// The file name of a token's part of the bundled history
/// ([`History::of_token`]): `ETH.json`; `None` for a symbol that cannot be
/// one (only ASCII capitals and digits, at most 20), so a name from an
/// address can never reach another file.
pub fn token_file_name(symbol: &str) -> Option<String> {
    let valid = !symbol.is_empty()
        && symbol.len() <= 20
        && symbol
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    valid.then(|| format!("{symbol}.json"))
}

/// The market overview of a bundled history: Bull-vs-Bear breadth by date
/// and the narratives' returns, computed once when the history is bundled
/// (`tokenlens history --overview-out`) so that the market page can show
/// them without downloading the whole history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarketOverview {
    /// Format version; readers refuse other versions.
    pub format: u32,
    /// The UTC date of the history's last daily close.
    pub as_of: String,
    /// Where the history came from, for the label on screen.
    pub sources: Vec<String>,
    /// Breadth of the non-stablecoin tokens, date by date.
    pub breadth: Vec<BreadthPoint>,
    /// Every narrative's index and returns, stablecoins included.
    pub narratives: Vec<NarrativeReport>,
}

/// The overview format this code reads and writes.
pub const OVERVIEW_FORMAT: u32 = 1;

impl MarketOverview {
    /// The overview of `history`'s daily closes, the way the CLI's `breadth`
    /// and `narratives` compute theirs: symbols without their `USDT` quote,
    /// the bundled narrative table, BTC the benchmark, stablecoins left out
    /// of breadth.
    pub fn of_history(history: &History) -> Self {
        let table = NarrativeTable::bundled();
        let daily = &history.daily;
        let members: Vec<Member> = daily
            .symbols
            .iter()
            .filter_map(|pair| {
                let symbol = pair.strip_suffix("USDT").unwrap_or(pair).to_owned();
                Some((symbol, daily.series(pair)?, None))
            })
            .collect();
        let benchmark = members.iter().find(|m| m.0 == "BTC").map(|m| m.1.clone());
        let (stable, tokens): (Vec<Member>, Vec<Member>) = members
            .into_iter()
            .partition(|m| table.get(&m.0) == Some(Narrative::Stablecoin));
        let breadth = breadth(&Panel::new(&tokens, benchmark.as_ref()));
        let mut all = tokens;
        all.extend(stable);
        let narratives = narratives(&Panel::new(&all, benchmark.as_ref()), &table);
        Self {
            format: OVERVIEW_FORMAT,
            as_of: history.as_of.clone(),
            sources: history.sources.clone(),
            breadth,
            narratives,
        }
    }

    /// Reads an overview file, refusing an unknown format version.
    pub fn from_json(body: &str) -> Result<Self, FeedError> {
        let malformed = |detail: String| FeedError::Malformed {
            provider: "overview",
            detail,
        };
        let overview: MarketOverview =
            serde_json::from_str(body).map_err(|e| malformed(e.to_string()))?;
        if overview.format != OVERVIEW_FORMAT {
            return Err(malformed(format!(
                "format {} is not supported (expected {OVERVIEW_FORMAT})",
                overview.format
            )));
        }
        Ok(overview)
    }
}

/// Closes of several symbols on a regular time axis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CloseTable {
    pub interval: Interval,
    /// Unix time in seconds of the first row.
    pub start: i64,
    /// Number of rows (points in time).
    pub rows: usize,
    pub symbols: Vec<String>,
    /// One column per symbol, `rows` long; `null` where there is no bar.
    pub closes: Vec<Vec<Option<f64>>>,
}

impl CloseTable {
    /// The same time axis with no columns.
    fn clone_empty(&self) -> CloseTable {
        CloseTable {
            interval: self.interval,
            start: self.start,
            rows: self.rows,
            symbols: Vec::new(),
            closes: Vec::new(),
        }
    }

    /// The last `rows` rows of every column (all of them when there are
    /// fewer).
    pub fn tail(&self, rows: usize) -> CloseTable {
        let skip = self.rows.saturating_sub(rows);
        CloseTable {
            interval: self.interval,
            start: self.time(skip),
            rows: self.rows - skip,
            symbols: self.symbols.clone(),
            closes: self.closes.iter().map(|c| c[skip..].to_vec()).collect(),
        }
    }

    /// Whether every column matches the symbols and the row count.
    pub(crate) fn check(&self) -> Result<(), String> {
        if self.closes.len() != self.symbols.len() {
            return Err(format!(
                "{} symbols but {} columns",
                self.symbols.len(),
                self.closes.len()
            ));
        }
        for (symbol, column) in self.symbols.iter().zip(&self.closes) {
            if column.len() != self.rows {
                return Err(format!(
                    "{symbol}: {} values, {} rows",
                    column.len(),
                    self.rows
                ));
            }
        }
        Ok(())
    }

    /// Unix time in seconds of row `i`.
    pub fn time(&self, row: usize) -> i64 {
        self.start + row as i64 * self.interval.seconds()
    }

    /// The UTC date of the last row.
    pub fn last_date(&self) -> String {
        utc_date(self.time(self.rows.saturating_sub(1)))
    }

    /// The table as a universe to screen: one member per column with a
    /// usable series, named by its token (`BTCUSDT` → `BTC`), no market
    /// figures.
    pub fn members(&self) -> Vec<Member> {
        self.symbols
            .iter()
            .filter_map(|pair| {
                let token = tokenlens_core::universe::table::pair_symbol(pair).to_owned();
                Some((token, self.series(pair)?, None))
            })
            .collect()
    }

    /// The price series of one symbol: its present values only (so gaps
    /// stay gaps), or `None` when it has none or they are unusable.
    pub fn series(&self, symbol: &str) -> Option<PriceSeries> {
        let column = &self.closes[self.symbols.iter().position(|s| s == symbol)?];
        let (timestamps, close): (Vec<i64>, Vec<f64>) = column
            .iter()
            .enumerate()
            .filter_map(|(row, v)| v.map(|v| (self.time(row), v)))
            .unzip();
        if close.is_empty() {
            return None;
        }
        PriceSeries::from_closes(self.interval, timestamps, close).ok()
    }
}

/// One token's market data, normalised from any provider.
///
/// This is also the snapshot's row format. Every field after `name` is
/// optional and left out of the JSON when empty, so snapshots written before
/// a field existed still read, and new fields must keep to that rule.
/// Changes are percentages (`2.5` means +2.5 %) of the price in the quote
/// currency (USD for every provider this crate reads).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TokenMarket {
    /// Provider id, safe in a URL path: `[a-z0-9-]`, 1–100 characters.
    pub id: String,
    /// Ticker, upper case.
    pub symbol: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub market_cap: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fully_diluted_valuation: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_volume: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_24h_pct: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub circulating_supply: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_supply: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_supply: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_1h_pct: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_7d_pct: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_14d_pct: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_30d_pct: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_200d_pct: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_1y_pct: Option<f64>,
    /// All-time high price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ath: Option<f64>,
    /// How far the price is from the all-time high, in percent (≤ 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ath_change_pct: Option<f64>,
    /// All-time low price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub atl: Option<f64>,
    /// Prices over the last 7 days, oldest first (CoinGecko: hourly, about
    /// 168 points). Empty when not requested or not sent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sparkline_7d: Vec<f64>,
}

impl TokenMarket {
    /// The fields the core needs to size the token.
    pub fn market_data(&self) -> MarketData {
        MarketData {
            market_cap: self.market_cap,
            price: self.price,
            circulating_supply: self.circulating_supply,
        }
    }

    /// The market figures the Investor Grade reads; a figure that is not
    /// positive and finite (feeds send 0 for "unknown") is left out.
    pub fn fundamentals(&self) -> Fundamentals {
        let positive = |v: Option<f64>| v.filter(|x| x.is_finite() && *x > 0.0);
        Fundamentals {
            market_cap: positive(self.market_cap),
            fdv: positive(self.fully_diluted_valuation),
            circulating_supply: positive(self.circulating_supply),
            max_supply: positive(self.max_supply),
            total_volume: positive(self.total_volume),
            first_trade: None,
        }
    }

    /// The 7-day sparkline as an hourly price series whose last point is at
    /// `last_time` (Unix seconds, the hour the list was fetched; CoinGecko
    /// sends the prices without times, one an hour, oldest first).
    /// `None` when there is no sparkline or it breaks a series invariant.
    pub fn sparkline_series(&self, last_time: i64) -> Option<PriceSeries> {
        let n = self.sparkline_7d.len() as i64;
        if n == 0 {
            return None;
        }
        let end = last_time - last_time.rem_euclid(3600);
        let times = (0..n).map(|i| end - (n - 1 - i) * 3600).collect();
        PriceSeries::from_closes(Interval::Hourly, times, self.sparkline_7d.clone()).ok()
    }
}

/// One row per symbol: of rows whose (cleaned, upper-case) symbol is the
/// same, the better-ranked is kept (a rank beats none, a lower rank a
/// higher, and of equals the first sent); each other becomes a
/// [`crate::RowError`]. Rows come with their position in the response and
/// stay in that order; rows without a symbol are left alone.
pub fn dedupe_symbols(rows: Vec<(usize, TokenMarket)>) -> (Vec<TokenMarket>, Vec<crate::RowError>) {
    use std::collections::HashMap;
    let better = |a: &(usize, TokenMarket), b: &(usize, TokenMarket)| {
        (a.1.rank.unwrap_or(u32::MAX), a.0) < (b.1.rank.unwrap_or(u32::MAX), b.0)
    };
    let mut best: HashMap<&str, usize> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        if row.1.symbol.is_empty() {
            continue;
        }
        let slot = best.entry(row.1.symbol.as_str()).or_insert(i);
        if better(row, &rows[*slot]) {
            *slot = i;
        }
    }
    let keep: Vec<bool> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| row.1.symbol.is_empty() || best.get(row.1.symbol.as_str()) == Some(&i))
        .collect();
    let kept_id: HashMap<String, String> = rows
        .iter()
        .zip(&keep)
        .filter(|(row, k)| **k && !row.1.symbol.is_empty())
        .map(|(row, _)| (row.1.symbol.clone(), row.1.id.clone()))
        .collect();
    let mut tokens = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    for ((index, token), keep) in rows.into_iter().zip(keep) {
        if keep {
            tokens.push(token);
        } else {
            let other = kept_id.get(&token.symbol).cloned().unwrap_or_default();
            errors.push(crate::RowError {
                index,
                message: format!(
                    "symbol {:?} is also that of {other:?}, which ranks better",
                    token.symbol
                ),
                id: Some(token.id),
            });
        }
    }
    (tokens, errors)
}

/// Whether a provider id is safe to put in a URL path.
pub fn valid_id(id: &str) -> bool {
    (1..=100).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Unicode format characters (general category Cf, Unicode 15.1): bidi
/// embeddings, overrides and isolates (U+202A–202E, U+2066–2069), zero-width
/// characters (U+200B–200D, U+FEFF), the soft hyphen, tags and the like. They
/// draw nothing, or reorder what is drawn, so `BTC\u{202e}` would read as a
/// second "BTC".
const FORMAT_CHARS: &[(char, char)] = &[
    ('\u{00AD}', '\u{00AD}'),
    ('\u{0600}', '\u{0605}'),
    ('\u{061C}', '\u{061C}'),
    ('\u{06DD}', '\u{06DD}'),
    ('\u{070F}', '\u{070F}'),
    ('\u{0890}', '\u{0891}'),
    ('\u{08E2}', '\u{08E2}'),
    ('\u{180E}', '\u{180E}'),
    ('\u{200B}', '\u{200F}'),
    ('\u{202A}', '\u{202E}'),
    ('\u{2060}', '\u{2064}'),
    ('\u{2066}', '\u{206F}'),
    ('\u{FEFF}', '\u{FEFF}'),
    ('\u{FFF9}', '\u{FFFB}'),
    ('\u{110BD}', '\u{110BD}'),
    ('\u{110CD}', '\u{110CD}'),
    ('\u{13430}', '\u{1343F}'),
    ('\u{1BCA0}', '\u{1BCA3}'),
    ('\u{1D173}', '\u{1D17A}'),
    ('\u{E0001}', '\u{E0001}'),
    ('\u{E0020}', '\u{E007F}'),
];

/// Whether `c` is a Unicode format character (see [`FORMAT_CHARS`]).
pub fn is_format_char(c: char) -> bool {
    FORMAT_CHARS
        .iter()
        .any(|&(first, last)| (first..=last).contains(&c))
}

/// Untrusted display text: format characters (bidi controls, zero-width
/// characters: [`is_format_char`]) are dropped, control characters become
/// spaces, runs of whitespace collapse, and the result is at most
/// `max_chars` characters.
pub fn clean_text(raw: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(raw.len().min(max_chars * 4));
    let mut count = 0;
    let mut pending_space = false;
    for c in raw.chars() {
        if is_format_char(c) {
            continue;
        }
        if c.is_control() || c.is_whitespace() {
            pending_space = count > 0;
            continue;
        }
        if pending_space {
            if count + 1 >= max_chars {
                break;
            }
            out.push(' ');
            count += 1;
            pending_space = false;
        }
        if count >= max_chars {
            break;
        }
        out.push(c);
        count += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_checks_the_format() {
        let snap = Snapshot {
            format: SNAPSHOT_FORMAT,
            as_of: "2023-07-28".into(),
            source: "test".into(),
            fetched_at_ms: None,
            tokens: vec![TokenMarket {
                id: "bitcoin".into(),
                symbol: "BTC".into(),
                name: "Bitcoin".into(),
                rank: Some(1),
                price: Some(29309.0),
                market_cap: None,
                fully_diluted_valuation: None,
                total_volume: None,
                change_24h_pct: None,
                circulating_supply: Some(19441681.0),
                total_supply: None,
                max_supply: None,
                change_7d_pct: Some(-1.5),
                sparkline_7d: vec![29000.0, 29309.0],
                ..TokenMarket::default()
            }],
        };
        let json = serde_json::to_string(&snap).unwrap();
        assert_eq!(Snapshot::from_json(&json).unwrap(), snap);
        let future = json.replace("\"format\":1", "\"format\":2");
        let err = Snapshot::from_json(&future).unwrap_err();
        assert!(err.to_string().contains("format 2"), "{err}");
    }

    #[test]
    fn history_tables_give_gap_preserving_series() {
        let table = CloseTable {
            interval: Interval::Daily,
            start: 1_685_577_600, // 2023-06-01
            rows: 4,
            symbols: vec!["AAA".into(), "NEW".into(), "NONE".into()],
            closes: vec![
                vec![Some(1.0), None, Some(3.0), Some(4.0)],
                vec![None, None, Some(2.0), Some(2.5)],
                vec![None; 4],
            ],
        };
        let a = table.series("AAA").unwrap();
        assert_eq!(a.close, [1.0, 3.0, 4.0]);
        assert_eq!(a.missing_periods(), 1);
        assert_eq!(a.date(0), "2023-06-01");
        let new = table.series("NEW").unwrap();
        assert_eq!(new.date(0), "2023-06-03");
        assert!(table.series("NONE").is_none());
        assert!(table.series("MISSING").is_none());
        assert_eq!(table.last_date(), "2023-06-04");

        let history = History {
            format: HISTORY_FORMAT,
            as_of: table.last_date(),
            sources: vec!["test".into()],
            daily: table,
            hourly: None,
        };
        let json = serde_json::to_string(&history).unwrap();
        assert_eq!(History::from_json(&json).unwrap(), history);
        let broken = json.replace("[null,null,2.0,2.5]", "[null,2.0,2.5]");
        let err = History::from_json(&broken).unwrap_err();
        assert!(err.to_string().contains("NEW: 3 values, 4 rows"), "{err}");
    }

    #[test]
    fn a_tokens_part_of_the_history_keeps_its_column_and_the_benchmarks() {
        let column = |v: f64| vec![Some(v), None, Some(v + 1.0)];
        let history = History {
            format: HISTORY_FORMAT,
            as_of: "2023-06-03".into(),
            sources: vec!["test".into()],
            daily: CloseTable {
                interval: Interval::Daily,
                start: 1_685_577_600,
                rows: 3,
                symbols: vec!["ETHUSDT".into(), "BTCUSDT".into(), "SOLUSDT".into()],
                closes: vec![column(1.0), column(2.0), column(3.0)],
            },
            hourly: None,
        };
        let sol = history.of_token("SOL").unwrap();
        assert_eq!(sol.daily.symbols, ["SOLUSDT", "BTCUSDT"]);
        assert_eq!(sol.daily.closes, [column(3.0), column(2.0)]);
        assert_eq!((sol.daily.start, sol.daily.rows), (1_685_577_600, 3));
        assert_eq!(
            (&sol.as_of, &sol.sources),
            (&history.as_of, &history.sources)
        );
        // The same series, so the same analysis as from the whole history.
        assert_eq!(sol.daily.series("SOLUSDT"), history.daily.series("SOLUSDT"));
        assert_eq!(history.of_token("BTC").unwrap().daily.symbols, ["BTCUSDT"]);
        assert!(history.of_token("DOGE").is_none());
        let json = serde_json::to_string(&sol).unwrap();
        assert_eq!(History::from_json(&json).unwrap(), sol);

        assert_eq!(token_file_name("ETH").as_deref(), Some("ETH.json"));
        assert_eq!(
            token_file_name("1000SATS").as_deref(),
            Some("1000SATS.json")
        );
        for bad in [
            "",
            "eth",
            "../ETH",
            "ETH.json",
            "ÉTH",
            "ETH/BTC",
            &"A".repeat(21),
        ] {
            assert_eq!(token_file_name(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_overview_leaves_stablecoins_out_of_breadth_and_reads_back() {
        let rows = 160;
        let walk = |drift: f64| -> Vec<Option<f64>> {
            (0..rows)
                .map(|t| {
                    Some(100.0 * (1.0 + drift).powi(t as i32) * (1.0 + 0.03 * (t as f64).sin()))
                })
                .collect()
        };
        let history = History {
            format: HISTORY_FORMAT,
            as_of: String::new(),
            sources: vec!["test".into()],
            daily: CloseTable {
                interval: Interval::Daily,
                start: 1_685_577_600,
                rows,
                symbols: vec!["BTCUSDT".into(), "ETHUSDT".into(), "USDCUSDT".into()],
                closes: vec![walk(0.004), walk(-0.003), vec![Some(1.0); rows]],
            },
            hourly: None,
        };
        let overview = MarketOverview::of_history(&history);
        assert_eq!(overview.breadth.len(), rows);
        let last = overview.breadth.last().unwrap();
        assert_eq!(last.eligible, 2, "BTC and ETH; USDC is a stablecoin");
        assert_eq!(last.bullish + last.bearish, 2);
        let stable = overview
            .narratives
            .iter()
            .find(|r| r.narrative == Narrative::Stablecoin)
            .unwrap();
        assert_eq!(stable.members, ["USDC"]);

        let json = serde_json::to_string(&overview).unwrap();
        let back = MarketOverview::from_json(&json).unwrap();
        assert_eq!(back.breadth.len(), rows);
        assert_eq!(back.breadth.last().unwrap().eligible, 2);
        assert_eq!(back.narratives.len(), overview.narratives.len());
        let err =
            MarketOverview::from_json(&json.replace("\"format\":1", "\"format\":9")).unwrap_err();
        assert!(err.to_string().contains("format 9"), "{err}");
        assert!(MarketOverview::from_json("{\"format\":1").is_err());
    }

    #[test]
    fn ids_are_restricted_to_url_safe_characters() {
        for ok in ["bitcoin", "usd-coin", "0x0-ai", "wrapped_steth"] {
            assert!(valid_id(ok), "{ok}");
        }
        for bad in [
            "",
            "Bitcoin",
            "a/b",
            "a b",
            "../x",
            "..",
            "a.b",
            "<x>",
            &"a".repeat(101),
        ] {
            assert!(!valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn clean_text_collapses_whitespace_and_drops_controls() {
        assert_eq!(clean_text("  a\t\nb\u{0}c  ", 10), "a b c");
        assert_eq!(clean_text("abcdef", 3), "abc");
        assert_eq!(clean_text("ab cd", 3), "ab");
    }

    #[test]
    fn clean_text_drops_bidi_controls_zero_width_and_other_format_characters() {
        for spoof in [
            "BTC\u{202E}",
            "\u{202A}BTC\u{202C}",
            "B\u{202D}TC",
            "\u{2066}BTC\u{2069}",
            "\u{2067}B\u{2068}TC",
            "B\u{200B}T\u{200C}C\u{200D}",
            "\u{FEFF}BTC",
            "BT\u{00AD}C",
            "BTC\u{E0062}\u{E007F}",
            "BTC\u{2060}",
            "\u{061C}BTC\u{200E}\u{200F}",
        ] {
            assert_eq!(clean_text(spoof, 24), "BTC", "{spoof:?}");
        }
        // Dropped, not counted: the cap applies to what is shown.
        assert_eq!(clean_text("\u{200B}\u{200B}\u{200B}abc", 3), "abc");
        // A format character between words is no space.
        assert_eq!(clean_text("a \u{202E} b", 10), "a b");
        // Letters, digits and emoji stay.
        assert_eq!(clean_text("Dogwifhat 🐶 Ünï", 24), "Dogwifhat 🐶 Ünï");
    }

    /// A snapshot row as written before the 7-day, ATH and sparkline fields.
    const OLD_ROW: &str = r#"{"id":"bitcoin","symbol":"BTC","name":"Bitcoin","rank":1,"price":29309.0,"circulating_supply":19441681.0}"#;

    #[test]
    fn rows_written_before_the_newer_fields_still_read_and_write_back_unchanged() {
        let token: TokenMarket = serde_json::from_str(OLD_ROW).unwrap();
        assert_eq!(token.price, Some(29309.0));
        assert_eq!(token.change_7d_pct, None);
        assert!(token.sparkline_7d.is_empty());
        assert_eq!(serde_json::to_string(&token).unwrap(), OLD_ROW);
    }
}

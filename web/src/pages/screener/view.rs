//! What the screener shows: filters, order, page and columns, as plain data
//! that round-trips through the URL's query string, so a view can be shared
//! and survives a reload. Tested without a browser (`web/tests/screener_view.rs`).

use std::collections::{BTreeMap, HashMap};

use tokenlens_core::analysis::signal::SignalState;
use tokenlens_core::market_cap::MarketCapClass;
use tokenlens_core::universe::filters::matches_search;
use tokenlens_core::universe::narratives::NarrativeTable;
use tokenlens_core::universe::screen::ScreenRow;
use tokenlens_core::universe::table::{self, Figures, Sort};
use tokenlens_feeds::TokenMarket;

/// Market figures by upper-case symbol (live data only; empty offline).
pub type Markets = HashMap<String, TokenMarket>;

/// Rows per page.
pub const PAGE_SIZE: usize = 100;

pub use tokenlens_core::universe::table::{Column, SortKey};

/// The optional columns the screener offers (the token column is always
/// shown), in table order.
pub const COLUMNS: [Column; 17] = [
    Column::Price,
    Column::Change1h,
    Column::Change24h,
    Column::Change7d,
    Column::Change30d,
    Column::TraderGrade,
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

/// Shown unless the visitor hides them (when the data has them).
pub const DEFAULT_COLUMNS: [Column; 14] = [
    Column::Price,
    Column::Change1h,
    Column::Change24h,
    Column::Change7d,
    Column::Change30d,
    Column::TraderGrade,
    Column::InvestorGrade,
    Column::Signal,
    Column::DaysSinceFlip,
    Column::Rating,
    Column::MarketCap,
    Column::Volume,
    Column::Narrative,
    Column::Sparkline,
];

/// Whether any row has a value for `column` (columns of market figures are
/// empty offline, and are then not drawn).
pub fn has_data(column: Column, rows: &[ScreenRow], markets: &Markets) -> bool {
    let market = |f: fn(&TokenMarket) -> bool| markets.values().any(f);
    match column {
        Column::Class => rows.iter().any(|r| r.class.is_some()),
        Column::MarketCap => rows.iter().any(|r| r.market_cap.is_some()),
        Column::Change1h => market(|m| m.change_1h_pct.is_some()),
        Column::Fdv => market(|m| m.fully_diluted_valuation.is_some()),
        Column::Volume => market(|m| m.total_volume.is_some()),
        Column::VolumeToMarketCap => market(|m| volume_to_market_cap(m).is_some()),
        Column::Sparkline => market(|m| !m.sparkline_7d.is_empty()),
        _ => true,
    }
}

/// What the table orders a row on: the screen's figures, with the live
/// market's when there are any.
pub fn figures<'a>(row: &'a ScreenRow, market: Option<&'a TokenMarket>) -> Figures<'a> {
    Figures {
        name: market.map(|m| m.name.as_str()),
        market_cap: row.market_cap.or(market.and_then(|m| m.market_cap)),
        change_1h: market.and_then(|m| m.change_1h_pct),
        fdv: market.and_then(|m| m.fully_diluted_valuation),
        volume: market.and_then(|m| m.total_volume),
        ..Figures::of_screen_row(row)
    }
}

/// 24 h volume over market cap: the share of the token that traded.
pub fn volume_to_market_cap(m: &TokenMarket) -> Option<f64> {
    table::volume_to_market_cap(m.total_volume, m.market_cap)
}

pub use tokenlens_core::universe::filters::{Filters, PRESETS, Preset};

/// The view a preset stands for (columns are kept).
pub fn preset_view(preset: &Preset, columns: Vec<Column>) -> View {
    View {
        sort: preset.sort.key,
        descending: preset.sort.descending,
        filters: preset.filters,
        columns,
        ..View::default()
    }
}

/// Filters, order, page and columns of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub sort: SortKey,
    pub descending: bool,
    /// What a row must satisfy (the core's screener filters).
    pub filters: Filters,
    /// Text searched in the symbol and the name.
    pub search: String,
    /// 0-based page.
    pub page: usize,
    /// Visible optional columns, in table order.
    pub columns: Vec<Column>,
}

impl Default for View {
    fn default() -> Self {
        Self {
            sort: SortKey::Column(Column::TraderGrade),
            descending: true,
            filters: Filters::NONE,
            search: String::new(),
            page: 0,
            columns: DEFAULT_COLUMNS.to_vec(),
        }
    }
}

fn parse_signal(s: &str) -> Option<SignalState> {
    [
        SignalState::Bullish,
        SignalState::Bearish,
        SignalState::Neutral,
        SignalState::Unknown,
    ]
    .into_iter()
    .find(|x| x.as_str() == s)
}

fn parse_class(s: &str) -> Option<MarketCapClass> {
    [
        MarketCapClass::Micro,
        MarketCapClass::Small,
        MarketCapClass::Mid,
        MarketCapClass::Large,
    ]
    .into_iter()
    .find(|c| c.as_str() == s)
}

/// "20-80" → (20, 80), within 0–100 and ordered.
fn parse_range(s: &str) -> Option<(f64, f64)> {
    let (a, b) = s.split_once('-')?;
    let (a, b): (f64, f64) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
    (a.is_finite() && b.is_finite() && (0.0..=b).contains(&a) && b <= 100.0).then_some((a, b))
}

/// A fraction as the percentage written in the URL (0.05 → "5"), rounded
/// so that it reads back as the same fraction.
fn percent_text(fraction: f64) -> String {
    let percent = (fraction * 100.0 * 1e6).round() / 1e6;
    percent.to_string()
}

fn range_text((a, b): (f64, f64)) -> String {
    format!("{a}-{b}")
}

impl View {
    /// Whether the view filters on figures only live market data has.
    pub fn needs_market_figures(&self) -> bool {
        self.filters.needs_market_figures()
    }

    /// Whether a row (with its market figures, if any) passes every filter
    /// and the search (the order and page aside).
    pub fn keeps(
        &self,
        row: &ScreenRow,
        narratives: &NarrativeTable,
        market: Option<&TokenMarket>,
    ) -> bool {
        let f = figures(row, market);
        self.filters.keeps(&f, narratives.get(&row.symbol)) && matches_search(&self.search, &f)
    }

    /// Every row that passes the filters, in the table's order (all pages;
    /// see `tokenlens_core::universe::table::order`).
    pub fn apply<'a>(
        &self,
        rows: &'a [ScreenRow],
        narratives: &NarrativeTable,
        markets: &Markets,
    ) -> Vec<&'a ScreenRow> {
        let out: Vec<&ScreenRow> = rows
            .iter()
            .filter(|r| self.keeps(r, narratives, markets.get(&r.symbol)))
            .collect();
        let sort = Sort {
            key: self.sort,
            descending: self.descending,
        };
        let positions = table::order(&out, sort, |r| figures(r, markets.get(&r.symbol)));
        positions.into_iter().map(|i| out[i]).collect()
    }

    /// Number of pages for `shown` rows (at least 1).
    pub fn pages(shown: usize) -> usize {
        shown.div_ceil(PAGE_SIZE).max(1)
    }

    /// The rows of the current page (the last page when the page is past
    /// the end).
    pub fn page_of<'a, 'b>(&self, ordered: &'b [&'a ScreenRow]) -> &'b [&'a ScreenRow] {
        let page = self.page.min(Self::pages(ordered.len()) - 1);
        let start = page * PAGE_SIZE;
        &ordered[start.min(ordered.len())..(start + PAGE_SIZE).min(ordered.len())]
    }

    /// The query string (without `?`): only what differs from the default,
    /// in a fixed order.
    pub fn to_query(&self) -> String {
        let d = View::default();
        let mut q: Vec<(&str, String)> = Vec::new();
        if self.sort != d.sort {
            q.push(("sort", self.sort.id().into()));
        }
        if self.descending != self.sort.descending_first() || self.sort != d.sort {
            q.push(("dir", if self.descending { "desc" } else { "asc" }.into()));
        }
        if let Some(s) = self.filters.signal {
            q.push(("signal", s.as_str().into()));
        }
        if self.filters.trader != d.filters.trader {
            q.push(("tg", range_text(self.filters.trader)));
        }
        if self.filters.investor != d.filters.investor {
            q.push(("ig", range_text(self.filters.investor)));
        }
        if let Some(n) = self.filters.flipped_within {
            q.push(("flipped", n.to_string()));
        }
        if let Some(m) = self.filters.min_grade_change_7d {
            q.push(("tg7d", m.to_string()));
        }
        if let Some(c) = self.filters.class {
            q.push(("class", c.as_str().into()));
        }
        if let Some(n) = self.filters.narrative {
            q.push(("narrative", n.id().into()));
        }
        if let Some(v) = self.filters.min_volume {
            q.push(("vol", v.to_string()));
        }
        if let Some(r) = self.filters.min_volume_to_market_cap {
            q.push(("volmc", percent_text(r)));
        }
        if !self.search.trim().is_empty() {
            q.push(("q", self.search.trim().into()));
        }
        if self.page > 0 {
            q.push(("page", (self.page + 1).to_string()));
        }
        if self.columns != d.columns {
            let ids: Vec<&str> = self.columns.iter().map(|c| c.id()).collect();
            q.push(("cols", ids.join(",")));
        }
        q.into_iter()
            .map(|(k, v)| format!("{k}={}", encode(&v)))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The view a query map describes. Unknown keys and values that do not
    /// parse are ignored (a shared link from an older or newer version
    /// still opens).
    pub fn from_query(params: &BTreeMap<String, String>) -> Self {
        let mut v = View::default();
        let get = |k: &str| params.get(k).map(|s| s.trim()).filter(|s| !s.is_empty());
        if let Some(k) = get("sort").and_then(SortKey::parse) {
            v.sort = k;
            v.descending = k.descending_first();
        }
        match get("dir") {
            Some("asc") => v.descending = false,
            Some("desc") => v.descending = true,
            _ => {}
        }
        v.filters.signal = get("signal").and_then(parse_signal);
        if let Some(r) = get("tg").and_then(parse_range) {
            v.filters.trader = r;
        }
        if let Some(r) = get("ig").and_then(parse_range) {
            v.filters.investor = r;
        }
        v.filters.flipped_within = get("flipped")
            .and_then(|n| n.parse().ok())
            .filter(|n| (0..=3650).contains(n));
        v.filters.min_grade_change_7d = get("tg7d")
            .and_then(|n| n.parse().ok())
            .filter(|n: &f64| n.is_finite() && n.abs() <= 100.0);
        v.filters.class = get("class").and_then(parse_class);
        v.filters.narrative = get("narrative").and_then(|n| n.parse().ok());
        v.filters.min_volume = get("vol")
            .and_then(|n| n.parse::<f64>().ok())
            .filter(|n| n.is_finite() && *n > 0.0 && *n <= 1e15);
        v.filters.min_volume_to_market_cap = get("volmc")
            .and_then(|n| n.parse::<f64>().ok())
            .filter(|n| n.is_finite() && *n > 0.0 && *n <= 10_000.0)
            .map(|percent| percent / 100.0);
        v.search = get("q").unwrap_or_default().chars().take(40).collect();
        v.page = get("page")
            .and_then(|p| p.parse::<usize>().ok())
            .map_or(0, |p| p.saturating_sub(1));
        if let Some(cols) = get("cols") {
            let mut chosen: Vec<Column> = cols
                .split(',')
                .filter_map(Column::parse)
                .filter(|c| COLUMNS.contains(c))
                .collect();
            chosen.sort();
            chosen.dedup();
            // A list with no known column is a broken link, not a choice.
            if !chosen.is_empty() {
                v.columns = chosen;
            }
        }
        v
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters and `,`
/// stay as they are).
fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~,".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

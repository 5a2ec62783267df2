//! The current view as a file: CSV (for spreadsheets) or JSON (the core's
//! rows as they are). Pure text builders; the page only downloads them.

use tokenlens_core::universe::narratives::NarrativeTable;
use tokenlens_core::universe::screen::ScreenRow;

use super::view::Markets;

/// CSV columns, in order.
pub const CSV_HEADER: [&str; 23] = [
    "symbol",
    "date",
    "price",
    "return_1d",
    "return_7d",
    "return_30d",
    "trader_grade",
    "trader_grade_change_24h",
    "trader_grade_change_7d",
    "trader_grade_confidence",
    "investor_grade",
    "signal",
    "signal_since",
    "days_since_flip",
    "rating",
    "rating_score",
    "class",
    "narrative",
    "market_cap",
    "fdv",
    "volume_24h",
    "change_1h_pct",
    "name",
];

/// One CSV field: quoted when it holds a comma, quote or line break, and
/// defused when a spreadsheet would run it as a formula (a leading `=`,
/// `+`, `-`, `@`, tab or carriage return gets a `'` in front). Symbols come
/// from feeds and are untrusted.
pub fn field(text: &str) -> String {
    let defused = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if text.parse::<f64>().is_err() => {
            format!("'{text}")
        }
        _ => text.to_owned(),
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

fn num(v: Option<f64>) -> String {
    v.filter(|v| v.is_finite())
        .map_or(String::new(), |v| v.to_string())
}

/// The rows as CSV (a header line, then one line per row, `\r\n` line ends
/// as RFC 4180 says; empty cells where a value is missing).
pub fn to_csv(rows: &[&ScreenRow], narratives: &NarrativeTable, markets: &Markets) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push_str("\r\n");
    for r in rows {
        let market = markets.get(&r.symbol);
        let cells = [
            field(&r.symbol),
            field(&r.date),
            num(Some(r.price)),
            num(r.return_1d),
            num(r.return_7d),
            num(r.return_30d),
            num(Some(r.trader_grade)),
            num(r.trader_grade_change_24h),
            num(r.trader_grade_change_7d),
            num(Some(r.trader_grade_confidence)),
            num(r.investor_grade),
            r.signal.as_str().to_owned(),
            field(r.signal_since.as_deref().unwrap_or("")),
            r.days_since_flip.map_or(String::new(), |d| d.to_string()),
            r.rating.map_or(String::new(), |l| field(&l.to_string())),
            num(r.rating_score),
            r.class.map_or(String::new(), |c| c.as_str().to_owned()),
            narratives
                .get(&r.symbol)
                .map_or(String::new(), |n| n.id().to_owned()),
            num(r.market_cap),
            num(market.and_then(|m| m.fully_diluted_valuation)),
            num(market.and_then(|m| m.total_volume)),
            num(market.and_then(|m| m.change_1h_pct)),
            field(market.map_or("", |m| m.name.as_str())),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The rows as a JSON array of the core's screen rows.
pub fn to_json(rows: &[&ScreenRow]) -> String {
    serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".into())
}

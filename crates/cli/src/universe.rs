//! `tokenlens screen | breadth | narratives | moonshots`: universe-wide
//! analysis of a wide close-price file (one column per pair).
//!
//! Column names are pairs (`BTCUSDT`); the symbol reported is the base asset
//! (`BTC`), with a trailing `USDT` removed. BTC, when present, is the
//! benchmark of the Trader Grade's relative strength. Market figures come
//! from an optional recorded CoinGecko `/coins/markets` response
//! (`--markets`), matched by symbol (the first, highest-ranked coin of a
//! ticker wins); without it the market-cap class and filter are skipped.

use std::collections::HashMap;
use std::path::Path;

use crate::wide::Wide;
use serde_json::{Value, json};
use tokenlens_core::analysis::grades::Fundamentals;
use tokenlens_core::analysis::{Interval, PriceSeries};
use tokenlens_core::universe::filters::{PRESETS, Preset};
use tokenlens_core::universe::narratives::{Narrative, NarrativeTable, narratives, rotation};
use tokenlens_core::universe::screen::ScreenRow;
use tokenlens_core::universe::stable::set_apart;
use tokenlens_core::universe::table::{Figures, order, pair_symbol};
use tokenlens_core::universe::{Member, Panel, TokenError, breadth, moonshots, screen};
use tokenlens_feeds::client::{RetryPolicy, sources};
use tokenlens_feeds::coingecko::markets::parse_markets;

/// Every column of a wide file as a universe member, or a typed error (a
/// column with an unreadable cell among them).
pub(crate) fn members(
    wide: &Wide,
    markets: &HashMap<String, Fundamentals>,
) -> (Vec<Member>, Vec<TokenError>) {
    let table = &wide.table;
    let mut members = Vec::new();
    let mut errors: Vec<TokenError> = wide
        .unreadable
        .iter()
        .map(|(pair, why)| TokenError {
            symbol: pair_symbol(pair).to_owned(),
            code: "INVALID_INPUT".into(),
            message: why.clone(),
        })
        .collect();
    for (pair, column) in table.symbols.iter().zip(&table.closes) {
        let symbol = pair_symbol(pair);
        let (timestamps, close): (Vec<i64>, Vec<f64>) = column
            .iter()
            .enumerate()
            .filter_map(|(row, v)| v.map(|v| (table.time(row), v)))
            .unzip();
        match PriceSeries::from_closes(table.interval, timestamps, close) {
            Ok(series) => members.push((symbol.to_owned(), series, markets.get(symbol).copied())),
            Err(e) => errors.push(TokenError::new(symbol, &e)),
        }
    }
    (members, errors)
}

pub(crate) fn read_table(path: &Path, interval: Interval, flag: &str) -> Result<Wide, String> {
    let wide = crate::wide::read(path)?;
    if wide.table.interval != interval {
        return Err(format!("{flag} must hold {interval:?} rows").to_lowercase());
    }
    Ok(wide)
}

pub(crate) fn read_markets(path: Option<&Path>) -> Result<HashMap<String, Fundamentals>, String> {
    let mut map = HashMap::new();
    let Some(path) = path else {
        return Ok(map);
    };
    let body = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let (tokens, _) = parse_markets(&body).map_err(|e| format!("{}: {e}", path.display()))?;
    for t in tokens {
        map.entry(t.symbol.to_ascii_uppercase())
            .or_insert_with(|| t.fundamentals());
    }
    Ok(map)
}

fn read_categories(path: Option<&Path>) -> Result<NarrativeTable, String> {
    match path {
        None => Ok(NarrativeTable::bundled()),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            NarrativeTable::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
        }
    }
}

/// The benchmark among the members (the one rule of the screener table).
pub(crate) use tokenlens_core::universe::table::benchmark_of as benchmark;

fn print(value: &Value) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    println!("{text}");
    Ok(())
}

fn to_value<T: serde::Serialize>(x: &T) -> Result<Value, String> {
    serde_json::to_value(x).map_err(|e| e.to_string())
}

/// `tokenlens screen`.
pub fn screen_run(
    daily: &Path,
    hourly: Option<&Path>,
    categories: Option<&Path>,
    markets: Option<&Path>,
    preset: Option<&str>,
) -> Result<(), String> {
    let preset = match preset {
        None => None,
        Some(id) => Some(Preset::by_id(id).ok_or_else(|| {
            let ids: Vec<&str> = PRESETS.iter().map(|p| p.id).collect();
            format!(
                "--preset: unknown preset {id:?} (expected one of: {})",
                ids.join(", ")
            )
        })?),
    };
    let table = read_table(daily, Interval::Daily, "--daily-close")?;
    let markets = read_markets(markets)?;
    let narratives = read_categories(categories)?;
    let (universe, mut errors) = members(&table, &markets);
    let bench = benchmark(&universe);
    let (mut rows, screen_errors) = screen::screen(&universe, bench.as_ref());
    errors.extend(screen_errors);
    if let Some(p) = preset {
        if let Some(why) = p.unavailable(!markets.is_empty()) {
            return Err(format!("--preset {}: {why} (give --markets)", p.id));
        }
        let kept: Vec<ScreenRow> = rows
            .into_iter()
            .filter(|r| {
                p.filters
                    .keeps(&Figures::of_screen_row(r), narratives.get(&r.symbol))
            })
            .collect();
        let positions = order(&kept, p.sort, Figures::of_screen_row);
        rows = positions.into_iter().map(|i| kept[i].clone()).collect();
    }
    let hourly = match hourly {
        Some(path) => {
            let table = read_table(path, Interval::Hourly, "--hourly-close")?;
            let (hm, _) = members(&table, &markets);
            let hb = benchmark(&hm);
            let (hr, _) = screen::screen(&hm, hb.as_ref());
            hr.into_iter().map(|r| (r.symbol.clone(), r)).collect()
        }
        None => HashMap::new(),
    };
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let mut v = to_value(row)?;
        if let Value::Object(map) = &mut v {
            map.insert(
                "narrative".into(),
                to_value(&narratives.get(&row.symbol).map(Narrative::id))?,
            );
            if let Some(h) = hourly.get(&row.symbol) {
                map.insert(
                    "hourly".into(),
                    json!({
                        "date": h.date,
                        "trader_grade": h.trader_grade,
                        "trader_grade_change_24h": h.trader_grade_change_24h,
                        "signal": h.signal,
                        "signal_since": h.signal_since,
                    }),
                );
            }
        }
        out.push(v);
    }
    let mut result = json!({
        "as_of": table.table.last_date(),
        "market_data": if markets.is_empty() { "none: class and market cap are left out" } else { "CoinGecko /coins/markets, matched by symbol" },
        "rows": out,
        "errors": errors,
    });
    if let (Some(p), Value::Object(map)) = (preset, &mut result) {
        map.insert("preset".into(), json!(p.id));
    }
    print(&result)
}

/// The panel of a daily file, without stable tokens when asked: those the
/// core flags (its table of stablecoins, fiat and gold, or a 90-day peg) and
/// the narrative table's stablecoins.
fn panel(
    daily: &Path,
    markets: Option<&Path>,
    table: &NarrativeTable,
    drop_stablecoins: bool,
) -> Result<(Panel, Vec<TokenError>, Vec<String>), String> {
    let close = read_table(daily, Interval::Daily, "--daily-close")?;
    let markets = read_markets(markets)?;
    let (mut members, mut errors) = members(&close, &markets);
    let mut excluded = Vec::new();
    if drop_stablecoins {
        members.retain(|m| {
            let stable = set_apart(&m.0, &m.1, table);
            if stable {
                excluded.push(m.0.clone());
            }
            !stable
        });
    }
    let bench = benchmark(&members);
    let panel = Panel::new(&members, bench.as_ref());
    errors.extend(panel.errors.iter().cloned());
    Ok((panel, errors, excluded))
}

/// `tokenlens breadth`.
pub fn breadth_run(daily: &Path, categories: Option<&Path>) -> Result<(), String> {
    let table = read_categories(categories)?;
    let (panel, errors, excluded) = panel(daily, None, &table, true)?;
    let points = breadth::breadth(&panel);
    print(&json!({
        "as_of": panel.times.last().map(|_| panel.date(panel.times.len() - 1)),
        "tokens": panel.tokens.len(),
        "excluded_stablecoins": excluded,
        "eligibility": "a token counts on a date when it has a bar that day and its signal has left its 51-bar warm-up",
        "last": points.last(),
        "series": points,
        "errors": errors,
    }))
}

/// Where narrative membership comes from.
#[derive(Debug, Clone, Copy)]
pub enum Membership<'a> {
    /// The bundled table, or a `SYMBOL narrative` file.
    File(Option<&'a Path>),
    /// CoinGecko's categories, fetched now (or from a replay server).
    Live { replay: Option<&'a str> },
}

/// The table of live category membership. A category that cannot be
/// fetched is left out (its members fall back to nothing, not to a guess)
/// and said on standard error; none at all is an error.
fn live_table(replay: Option<&str>) -> Result<(NarrativeTable, Value), String> {
    let mut fetcher = crate::fetch::Fetcher::from_env(replay, RetryPolicy::default())?;
    let mut lists = Vec::new();
    let mut missing = Vec::new();
    for (category, endpoint) in sources::narrative_categories() {
        match fetcher
            .get(&endpoint)
            .map_err(|e| e.user_message())
            .and_then(|body| parse_markets(&body).map_err(|e| e.to_string()))
        {
            Ok((tokens, _)) => lists.push((
                category.to_owned(),
                tokens.into_iter().map(|t| t.symbol).collect::<Vec<_>>(),
            )),
            Err(reason) => {
                eprintln!("tokenlens: category {category}: {reason}");
                missing.push(category);
            }
        }
    }
    if lists.is_empty() {
        return Err("no CoinGecko category could be fetched".into());
    }
    let table = NarrativeTable::from_categories(&lists, &NarrativeTable::bundled());
    let source = json!({
        "source": "CoinGecko /coins/markets?category=… (top 250 of each category)",
        "categories": lists.iter().map(|(c, s)| json!({"id": c, "coins": s.len()})).collect::<Vec<_>>(),
        "missing_categories": missing,
    });
    Ok((table, source))
}

/// `tokenlens narratives`.
pub fn narratives_run(
    daily: &Path,
    membership: Membership<'_>,
    markets: Option<&Path>,
    with_days: bool,
) -> Result<(), String> {
    let (table, membership) = match membership {
        Membership::File(path) => (
            read_categories(path)?,
            json!({ "source": path.map_or("bundled table".to_owned(), |p| p.display().to_string()) }),
        ),
        Membership::Live { replay } => live_table(replay)?,
    };
    let (panel, errors, _) = panel(daily, markets, &table, false)?;
    let reports = narratives(&panel, &table);
    let mut rot = to_value(&rotation(&panel, &table))?;
    if !with_days && let Value::Object(map) = &mut rot {
        map.remove("days");
    }
    print(&json!({
        "as_of": panel.times.last().map(|_| panel.date(panel.times.len() - 1)),
        "membership": membership,
        "classified": panel.tokens.iter().filter(|t| table.get(&t.symbol).is_some()).count(),
        "tokens": panel.tokens.len(),
        "narratives": reports,
        "rotation": rot,
        "errors": errors,
    }))
}

/// `tokenlens moonshots`.
pub fn moonshots_run(daily: &Path, markets: Option<&Path>) -> Result<(), String> {
    let table = NarrativeTable::bundled();
    let (panel, errors, excluded) = panel(daily, markets, &table, true)?;
    let m = moonshots::moonshots(&panel);
    print(&json!({
        "as_of": panel.times.last().map(|_| panel.date(panel.times.len() - 1)),
        "tokens": panel.tokens.len(),
        "excluded_stablecoins": excluded,
        "market_cap_filter": m.market_cap_filter,
        "volume_filter": m.volume_filter,
        "current": m.current,
        "ledger": m.ledger,
        "errors": errors,
    }))
}

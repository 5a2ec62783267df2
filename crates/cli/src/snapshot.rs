//! `tokenlens snapshot`: recorded provider data → the site's offline snapshot.

use std::path::Path;

use std::collections::HashSet;

use tokenlens_core::analysis::Interval;
use tokenlens_core::analysis::series::utc_date;
use tokenlens_core::evaluation::{EvaluationOptions, Preparing, StrongWeeks, evaluate_prepared};
use tokenlens_core::universe::narratives::{Narrative, NarrativeTable};
use tokenlens_core::universe::table::{BENCHMARK_SYMBOL, pair_symbol};
use tokenlens_feeds::client::{Endpoint, FetchError, Provider, RetryPolicy, sources};
use tokenlens_feeds::coingecko::markets::{latest_update, parse_markets};
use tokenlens_feeds::published::LATEST_FORMAT;
use tokenlens_feeds::snapshot::{HISTORY_FORMAT, SNAPSHOT_FORMAT, Snapshot, token_file_name};
use tokenlens_feeds::{
    CloseTable, CoinNames, History, Latest, MarketNow, MarketOverview, TokenMarket,
};

use crate::fetch::{Fetcher, now_seconds};

/// Coins per CoinGecko page (its maximum).
const PER_PAGE: u32 = 250;

/// Where `tokenlens history` writes `latest.json`, and what goes in it.
#[derive(Debug, Clone, Copy)]
pub struct LatestOut<'a> {
    pub path: &'a Path,
    /// The market list the site ships, whose fetch time it records.
    pub snapshot: Option<&'a Path>,
    pub refresh_minutes: u32,
}

/// Daily candles asked for per token: a year and a month, enough for every
/// indicator and the Investor Grade's one-year horizon.
const HISTORY_DAYS: u32 = 400;

pub fn run(markets: &Path, out: &Path, source: &str) -> Result<(), String> {
    let body = std::fs::read_to_string(markets)
        .map_err(|e| format!("cannot read {}: {e}", markets.display()))?;
    let snapshot = build(&body, source)?;
    let json = serde_json::to_string_pretty(&snapshot).map_err(|e| e.to_string())?;
    write(out, &json)?;
    eprintln!(
        "tokenlens: wrote {} tokens as of {} to {}",
        snapshot.tokens.len(),
        snapshot.as_of,
        out.display()
    );
    Ok(())
}

/// `tokenlens history`: wide close files → the bundled price history, and
/// with `overview_out` its market overview, with `market_out` the market
/// page's offline list ([`MarketNow`]), with `latest` the site's
/// `data/latest.json` ([`Latest`]: the history's date, when `snapshot`'s
/// market list was fetched, and how long it stands in for the providers).
#[allow(clippy::too_many_arguments)] // one per command-line option
pub fn history(
    daily: &Path,
    hourly: Option<&Path>,
    daily_rows: usize,
    hourly_rows: usize,
    sources: Vec<String>,
    out: &Path,
    overview_out: Option<&Path>,
    market_out: Option<&Path>,
    tokens_out: Option<&Path>,
    latest: Option<LatestOut<'_>>,
) -> Result<(), String> {
    let daily = crate::wide::read(daily)?.strict()?.tail(daily_rows);
    let hourly = hourly
        .map(|path| {
            crate::wide::read(path)?
                .strict()
                .map(|t| t.tail(hourly_rows))
        })
        .transpose()?;
    if daily.interval != tokenlens_core::analysis::Interval::Daily {
        return Err("--daily-close must hold daily rows".into());
    }
    if hourly
        .as_ref()
        .is_some_and(|h| h.interval != tokenlens_core::analysis::Interval::Hourly)
    {
        return Err("--hourly-close must hold hourly rows".into());
    }
    let history = History {
        format: HISTORY_FORMAT,
        as_of: daily.last_date(),
        sources,
        daily,
        hourly,
    };
    // Compact: the file is large and read by programs.
    let json = serde_json::to_string(&history).map_err(|e| e.to_string())?;
    write(out, &json)?;
    eprintln!(
        "tokenlens: wrote {} symbols × {} days{} as of {} to {}",
        history.daily.symbols.len(),
        history.daily.rows,
        history
            .hourly
            .as_ref()
            .map(|h| format!(" and {} hours", h.rows))
            .unwrap_or_default(),
        history.as_of,
        out.display()
    );
    if let Some(path) = overview_out {
        let overview = MarketOverview::of_history(&history);
        write(
            path,
            &serde_json::to_string(&overview).map_err(|e| e.to_string())?,
        )?;
        eprintln!(
            "tokenlens: wrote the market overview ({} dates, {} narratives) to {}",
            overview.breadth.len(),
            overview.narratives.len(),
            path.display()
        );
    }
    if let Some(path) = market_out {
        let market = MarketNow::of_history(&history);
        write(
            path,
            &serde_json::to_string(&market).map_err(|e| e.to_string())?,
        )?;
        eprintln!(
            "tokenlens: wrote the market list of {} ({} tokens graded, {} not) to {}",
            market.as_of,
            market.rows.len(),
            market.errors.len(),
            path.display()
        );
    }
    if let Some(dir) = tokens_out {
        write_tokens(&history, dir)?;
    }
    if let Some(out) = latest {
        let markets_fetched_at_ms = match out.snapshot {
            Some(path) => {
                let body = std::fs::read_to_string(path)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                Snapshot::from_json(&body)
                    .map_err(|e| format!("{}: {e}", path.display()))?
                    .fetched_at_ms
            }
            None => None,
        };
        let latest = Latest {
            format: LATEST_FORMAT,
            as_of: history.as_of.clone(),
            markets_fetched_at_ms,
            refresh_minutes: out.refresh_minutes,
            trader_record: trader_record(&history),
        };
        write(
            out.path,
            &serde_json::to_string(&latest).map_err(|e| e.to_string())?,
        )?;
        eprintln!(
            "tokenlens: wrote the published data's date {} to {}",
            history.as_of,
            out.path.display()
        );
    }
    Ok(())
}

/// `tokenlens snapshot --fetch`: the market list from the live providers
/// (or a replay server): CoinGecko's top `pages × 250` coins, else
/// CoinPaprika's tickers by rank. With `history_out`, also the daily closes
/// of the first `history_tokens` coins (stablecoins skipped) from Binance,
/// else Coinbase, as the site's price history.
pub fn fetch(
    pages: u32,
    replay: Option<&str>,
    out: &Path,
    history_out: Option<&Path>,
    history_tokens: usize,
) -> Result<(), String> {
    let mut fetcher = Fetcher::from_env(replay, RetryPolicy::default())?;
    let snapshot = fetch_markets(&mut fetcher, pages.max(1))?;
    if let Some(path) = history_out {
        let history = fetch_history(&mut fetcher, &snapshot.tokens, history_tokens)?;
        write(
            path,
            &serde_json::to_string(&history).map_err(|e| e.to_string())?,
        )?;
        eprintln!(
            "tokenlens: wrote daily closes of {} symbols × {} days as of {} to {}",
            history.daily.symbols.len(),
            history.daily.rows,
            history.as_of,
            path.display()
        );
    }
    let json = serde_json::to_string_pretty(&snapshot).map_err(|e| e.to_string())?;
    write(out, &json)?;
    eprintln!(
        "tokenlens: wrote {} tokens as of {} from {} to {}",
        snapshot.tokens.len(),
        snapshot.as_of,
        snapshot.source,
        out.display()
    );
    Ok(())
}

/// Every failure of a chain in one line.
fn failures(errors: &[FetchError]) -> String {
    errors
        .iter()
        .map(|e| format!("{} ({})", e.provider, e.short_reason()))
        .collect::<Vec<_>>()
        .join("; ")
}

fn fetch_markets(fetcher: &mut Fetcher, pages: u32) -> Result<Snapshot, String> {
    let first = fetcher
        .first(&sources::market_list(PER_PAGE))
        .map_err(|e| format!("no provider answered the market list: {}", failures(&e)))?;
    let mut skipped = first.errors.len();
    let mut tokens = first.rows;
    let mut note = String::new();
    match first.provider {
        Provider::CoinGecko => {
            for page in 2..=pages {
                let body = fetcher.get(&Endpoint::coingecko_markets(page, PER_PAGE, None));
                match body
                    .map_err(|e| e.user_message())
                    .and_then(|b| parse_markets(&b).map_err(|e| format!("page {page}: {e}")))
                {
                    Ok((rows, errors)) => {
                        skipped += errors.len();
                        tokens.extend(rows);
                    }
                    Err(reason) => {
                        eprintln!("tokenlens: stopped at page {page}: {reason}");
                        note = format!("; pages 1–{} of {pages}", page - 1);
                        break;
                    }
                }
            }
        }
        _ => {
            // One list of every coin: keep the top ranks asked for.
            tokens.sort_by_key(|t| t.rank.unwrap_or(u32::MAX));
            tokens.truncate((pages * PER_PAGE) as usize);
        }
    }
    // Ranks can shift between page requests: a coin is kept once.
    let mut seen = HashSet::new();
    tokens.retain(|t| seen.insert(t.id.clone()));
    if skipped > 0 {
        eprintln!("tokenlens: skipped {skipped} rows that could not be read");
    }
    if tokens.is_empty() {
        return Err("the providers answered with no usable coins".into());
    }
    let what = match first.provider {
        Provider::CoinGecko => "/coins/markets, top coins by market cap",
        _ => "/tickers, top coins by rank",
    };
    let fallback: String = first
        .fallbacks
        .iter()
        .map(|e| format!("; {} failed: {}", e.provider, e.short_reason()))
        .collect();
    Ok(Snapshot {
        format: SNAPSHOT_FORMAT,
        as_of: utc_date(now_seconds()),
        source: format!(
            "{} {what} ({} coins{note}{fallback})",
            first.provider.label(),
            tokens.len()
        ),
        fetched_at_ms: Some(crate::fetch::now_ms()),
        tokens,
    })
}

/// Daily closes of the first `count` coins that are not stablecoins, on
/// one UTC day axis. A coin no exchange answers for is left out (and said).
fn fetch_history(
    fetcher: &mut Fetcher,
    tokens: &[TokenMarket],
    count: usize,
) -> Result<History, String> {
    let table = NarrativeTable::bundled();
    let mut columns: Vec<(String, Vec<(i64, f64)>)> = Vec::new();
    let mut providers: Vec<&'static str> = Vec::new();
    for token in tokens
        .iter()
        // Closes are quoted in USDT (or USD): the quote itself has none.
        .filter(|t| table.get(&t.symbol) != Some(Narrative::Stablecoin) && t.symbol != "USDT")
    {
        if columns.len() == count {
            break;
        }
        let Ok(chain) = sources::daily_candles(&token.symbol, HISTORY_DAYS) else {
            eprintln!(
                "tokenlens: {}: not an exchange symbol, skipped",
                token.symbol
            );
            continue;
        };
        match fetcher.first(&chain) {
            Ok(got) if !got.rows.is_empty() => {
                let label = got.provider.label();
                if !providers.contains(&label) {
                    providers.push(label);
                }
                let closes = got
                    .rows
                    .iter()
                    .map(|c| (c.open_time_ms.div_euclid(1000), c.close))
                    .collect();
                columns.push((token.symbol.clone(), closes));
            }
            Ok(_) => eprintln!("tokenlens: {}: no candles, skipped", token.symbol),
            Err(e) => eprintln!("tokenlens: {}: {}", token.symbol, failures(&e)),
        }
    }
    let daily = close_table(columns).ok_or("no exchange answered for any coin")?;
    Ok(History {
        format: HISTORY_FORMAT,
        as_of: daily.last_date(),
        sources: vec![format!(
            "daily closes from {} (UTC days)",
            providers.join(" and ")
        )],
        daily,
        hourly: None,
    })
}

/// Columns of `(unix seconds at 00:00 UTC, close)` on one daily axis from
/// the earliest to the latest day; days a column lacks are `null`.
fn close_table(columns: Vec<(String, Vec<(i64, f64)>)>) -> Option<CloseTable> {
    let day = |t: i64| t.div_euclid(86_400);
    let first = columns
        .iter()
        .flat_map(|c| c.1.iter())
        .map(|p| day(p.0))
        .min()?;
    let last = columns
        .iter()
        .flat_map(|c| c.1.iter())
        .map(|p| day(p.0))
        .max()?;
    let rows = (last - first + 1) as usize;
    let mut symbols = Vec::with_capacity(columns.len());
    let mut closes = Vec::with_capacity(columns.len());
    for (symbol, points) in columns {
        let mut column = vec![None; rows];
        for (t, close) in points {
            column[(day(t) - first) as usize] = Some(close);
        }
        symbols.push(symbol);
        closes.push(column);
    }
    Some(CloseTable {
        interval: Interval::Daily,
        start: first * 86_400,
        rows,
        symbols,
        closes,
    })
}

/// Writes `json` (plus a newline) to `out`, or to standard output for `-`.
/// `tokenlens names`: the names of `snapshot`'s coins, by rank.
pub fn names(snapshot: &Path, out: &Path) -> Result<(), String> {
    let body =
        std::fs::read_to_string(snapshot).map_err(|e| format!("{}: {e}", snapshot.display()))?;
    let snapshot =
        Snapshot::from_json(&body).map_err(|e| format!("{}: {e}", snapshot.display()))?;
    let names = CoinNames::of_snapshot(&snapshot);
    write(
        out,
        &serde_json::to_string(&names).map_err(|e| e.to_string())?,
    )?;
    eprintln!(
        "tokenlens: wrote the names of {} coins to {}",
        names.coins.len(),
        out.display()
    );
    Ok(())
}

/// Each token's part of the history ([`History::of_token`]) as
/// `dir/<SYMBOL>.json`; the `.json` files already there are removed first,
/// so a token that left the history leaves no file behind.
fn write_tokens(history: &History, dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let old = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in old.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "json") {
            std::fs::remove_file(&path)
                .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
        }
    }
    let mut written = 0;
    for pair in &history.daily.symbols {
        let symbol = pair_symbol(pair);
        let Some(name) = token_file_name(symbol) else {
            eprintln!("tokenlens: {pair} has no token page file (its symbol is not A-Z, 0-9)");
            continue;
        };
        let Some(part) = history.of_token(symbol) else {
            continue;
        };
        let json = serde_json::to_string(&part).map_err(|e| e.to_string())?;
        write(&dir.join(name), &json)?;
        written += 1;
    }
    eprintln!(
        "tokenlens: wrote {written} token histories to {}",
        dir.display()
    );
    Ok(())
}

/// The Trader Grade's record on `history`'s daily closes, as the site's
/// Evidence page computes it (the grades only, default options).
fn trader_record(history: &History) -> Option<StrongWeeks> {
    let members = history.daily.members();
    let benchmark = members
        .iter()
        .find(|m| m.0 == BENCHMARK_SYMBOL)
        .map(|m| m.1.clone());
    let options = EvaluationOptions::default();
    let mut preparing = Preparing::grades_only(benchmark.as_ref());
    for (symbol, series, _) in &members {
        preparing.add(symbol, series);
    }
    let prepared = preparing.finish(&options);
    evaluate_prepared(&prepared, &options).ok()?.strong_weeks()
}

fn write(out: &Path, json: &str) -> Result<(), String> {
    if out == Path::new("-") {
        println!("{json}");
        return Ok(());
    }
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    std::fs::write(out, format!("{json}\n"))
        .map_err(|e| format!("cannot write {}: {e}", out.display()))
}

fn build(body: &str, source: &str) -> Result<Snapshot, String> {
    let (tokens, errors) = parse_markets(body).map_err(|e| e.to_string())?;
    for e in &errors {
        eprintln!(
            "tokenlens: skipped row {} ({}): {}",
            e.index,
            e.id.as_deref().unwrap_or("no id"),
            e.message
        );
    }
    if tokens.is_empty() {
        return Err("no usable coins in the response".into());
    }
    let as_of = latest_update(body)
        .ok_or("the response has no `last_updated` date to label the snapshot with")?;
    Ok(Snapshot {
        format: SNAPSHOT_FORMAT,
        as_of,
        source: source.to_owned(),
        fetched_at_ms: None,
        tokens,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_the_snapshot_with_the_latest_update_date() {
        let body = r#"[
            {"id": "a", "current_price": 1, "last_updated": "2023-07-26T10:00:00.000Z"},
            {"id": "b", "current_price": 2, "last_updated": "2023-07-28T20:03:29.093Z"}
        ]"#;
        let snap = build(body, "src").unwrap();
        assert_eq!(snap.as_of, "2023-07-28");
        assert_eq!(snap.tokens.len(), 2);
    }

    #[test]
    fn refuses_an_undated_or_empty_response() {
        assert!(
            build(r#"[{"id": "a"}]"#, "s")
                .unwrap_err()
                .contains("last_updated")
        );
        assert!(build("[]", "s").unwrap_err().contains("no usable"));
        assert!(build("{}", "s").unwrap_err().contains("malformed"));
    }
}

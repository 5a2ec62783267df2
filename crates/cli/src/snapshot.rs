//! `tokenlens snapshot`: recorded provider data → the site's offline snapshot.

use std::path::Path;

use tokenlens_feeds::History;
use tokenlens_feeds::coingecko::markets::{latest_update, parse_markets};
use tokenlens_feeds::snapshot::{HISTORY_FORMAT, SNAPSHOT_FORMAT, Snapshot};

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

/// `tokenlens history`: wide close files → the bundled price history.
pub fn history(
    daily: &Path,
    hourly: Option<&Path>,
    daily_rows: usize,
    hourly_rows: usize,
    sources: Vec<String>,
    out: &Path,
) -> Result<(), String> {
    let daily = crate::wide::tail(&crate::wide::read(daily)?, daily_rows);
    let hourly = hourly
        .map(|path| crate::wide::read(path).map(|t| crate::wide::tail(&t, hourly_rows)))
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
    Ok(())
}

/// Writes `json` (plus a newline) to `out`, or to standard output for `-`.
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

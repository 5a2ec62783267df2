//! `tokenlens snapshot`: recorded provider data → the site's offline snapshot.

use std::path::Path;

use tokenlens_feeds::coingecko::markets::{latest_update, parse_markets};
use tokenlens_feeds::snapshot::{SNAPSHOT_FORMAT, Snapshot};

pub fn run(markets: &Path, out: &Path, source: &str) -> Result<(), String> {
    let body = std::fs::read_to_string(markets)
        .map_err(|e| format!("cannot read {}: {e}", markets.display()))?;
    let snapshot = build(&body, source)?;
    let mut json = serde_json::to_string_pretty(&snapshot).map_err(|e| e.to_string())?;
    json.push('\n');
    if out == Path::new("-") {
        print!("{json}");
    } else {
        if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        std::fs::write(out, json).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
        eprintln!(
            "tokenlens: wrote {} tokens as of {} to {}",
            snapshot.tokens.len(),
            snapshot.as_of,
            out.display()
        );
    }
    Ok(())
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

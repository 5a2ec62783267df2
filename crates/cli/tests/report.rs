//! `tokenlens report` and the committed backtest report in `docs/backtests/`:
//! regenerating it from the repository's `data/sources/` must give the
//! committed files byte for byte, so the report can never go stale.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

use std::path::Path;
use std::process::Command;

mod support;
use support::{files, repo};

fn keep(_: &str) -> bool {
    true
}

fn generate(out: &Path) -> String {
    let _ = std::fs::remove_dir_all(out);
    let data = repo().join("data/sources");
    let run = Command::new(env!("CARGO_BIN_EXE_tokenlens"))
        .args(["report", "--data-dir"])
        .arg(&data)
        .args(["--from", "2024-11-01", "--out"])
        .arg(out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8(run.stderr).unwrap()
}

#[test]
fn committed_backtest_report_equals_a_fresh_run_byte_for_byte() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("backtests");
    let skipped = generate(&out);
    let fresh = files(&out, keep);
    let committed = files(&repo().join("docs/backtests"), keep);
    assert_eq!(
        fresh.keys().collect::<Vec<_>>(),
        committed.keys().collect::<Vec<_>>(),
        "the set of files differs: regenerate docs/backtests"
    );
    for (name, bytes) in &fresh {
        assert!(
            committed[name] == *bytes,
            "docs/backtests/{name} is stale: run `tokenlens report --data-dir data/sources \
             --from 2024-11-01 --out docs/backtests`"
        );
    }
    // The wide multi-token files of the directory are not daily price files.
    assert!(
        skipped.contains("skipped binance_spot_daily_close_401pairs"),
        "{skipped}"
    );
}

#[test]
fn report_covers_the_nine_real_daily_series_with_a_chart_each() {
    let readme = std::fs::read_to_string(repo().join("docs/backtests/README.md")).unwrap();
    for sym in [
        "BTC", "ETH", "SOL", "DOGE", "PEPE", "TAO", "FET", "FARTCOIN", "ONDO",
    ] {
        assert!(readme.contains(&format!("\n## {sym}\n")), "{sym}");
        assert!(readme.contains(&format!("]({sym}.svg)")), "{sym}");
        let svg =
            std::fs::read_to_string(repo().join(format!("docs/backtests/{sym}.svg"))).unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>\n"));
        // The chart's markers are the section's flips, plus the three of the legend.
        let section = readme.split(&format!("\n## {sym}\n")).nth(1).unwrap();
        let flips: usize = section
            .split("Flips (")
            .nth(1)
            .unwrap()
            .split(')')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let markers = svg.matches("<polygon").count() + svg.matches("<circle").count();
        assert_eq!(markers, flips + 3, "{sym}");
    }
    // FET is closes only and says so; FARTCOIN's window starts before its
    // signal could, and says so.
    assert!(readme.contains("Binance spot, closes only"));
    assert!(readme.contains("first had a state on 2025-02-08"));
}

#[test]
fn report_refuses_a_directory_without_daily_price_files() {
    let empty = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no_prices");
    std::fs::create_dir_all(&empty).unwrap();
    std::fs::write(empty.join("wide.csv"), "date,BTCUSDT\n2024-01-01,1\n").unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_tokenlens"))
        .args(["report", "--data-dir"])
        .arg(&empty)
        .args(["--from", "2024-11-01", "--out"])
        .arg(empty.join("out"))
        .output()
        .unwrap();
    assert!(!run.status.success());
    let err = String::from_utf8(run.stderr).unwrap();
    assert!(err.contains("skipped wide.csv: no `close` column"), "{err}");
    assert!(err.contains("no daily price file"), "{err}");
}

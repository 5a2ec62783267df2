//! `tokenlens screen | breadth | narratives | moonshots` on real closes.
//!
//! `fixtures/universe_daily_close.csv` is cut from the bundled
//! `data/sources/binance_spot_daily_close_401pairs_2023-06-01_2025-06-12.csv`:
//! its last 200 rows (2024-11-25 → 2025-06-12) and 13 of its columns,
//! values unchanged. TRUMP lists inside the window (2025-01-19) and HOME on
//! its last day (one close). The full file is also run once, for shape only.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn fixture() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/universe_daily_close.csv")
        .display()
        .to_string()
}

fn full_file() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/sources/binance_spot_daily_close_401pairs_2023-06-01_2025-06-12.csv")
        .display()
        .to_string()
}

fn run(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_tokenlens"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn screen_grades_every_column_and_types_the_short_one() {
    let v = run(&["screen", "--daily-close", &fixture()]);
    let rows = v["rows"].as_array().unwrap();
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(rows.len(), 12);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["symbol"], "HOME");
    assert_eq!(errors[0]["code"], "TOO_SHORT");
    for r in rows {
        let g = r["trader_grade"].as_f64().unwrap();
        assert!((0.0..=100.0).contains(&g), "{r}");
        let i = r["investor_grade"].as_f64().unwrap();
        assert!((0.0..=100.0).contains(&i), "{r}");
        assert!(
            ["bullish", "bearish", "neutral"].contains(&r["signal"].as_str().unwrap()),
            "{r}"
        );
        assert!(r["rating"].is_string(), "{r}");
        // No market data given: no class.
        assert!(r["class"].is_null(), "{r}");
        assert_eq!(r["date"], "2025-06-12");
    }
    let btc = rows.iter().find(|r| r["symbol"] == "BTC").unwrap();
    assert_eq!(btc["narrative"], "l1");
    assert_eq!(btc["price"].as_f64(), Some(105_671.73));
    // 2025-06-11 close 108,645.12 (the fixture's previous row).
    let want = 105_671.73 / 108_645.12 - 1.0;
    assert!((btc["return_1d"].as_f64().unwrap() - want).abs() < 1e-12);
}

#[test]
fn screen_with_market_data_classifies() {
    let markets = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/sources/coingecko_coins_markets_usd_250_2023-07-28.json")
        .display()
        .to_string();
    let v = run(&["screen", "--daily-close", &fixture(), "--markets", &markets]);
    let rows = v["rows"].as_array().unwrap();
    let btc = rows.iter().find(|r| r["symbol"] == "BTC").unwrap();
    assert_eq!(btc["class"], "large");
    // TRUMP did not exist in 2023: no class.
    let trump = rows.iter().find(|r| r["symbol"] == "TRUMP").unwrap();
    assert!(trump["class"].is_null());
}

#[test]
fn screen_presets_keep_and_order_rows_as_the_core_says() {
    let all = run(&["screen", "--daily-close", &full_file()]);
    let all = all["rows"].as_array().unwrap();
    let grade = |r: &Value| r["trader_grade"].as_f64().unwrap();
    let flip = |r: &Value| r["days_since_flip"].as_i64();
    let v = run(&[
        "screen",
        "--daily-close",
        &full_file(),
        "--preset",
        "fresh-bullish-flips",
    ]);
    assert_eq!(v["preset"], "fresh-bullish-flips");
    let rows = v["rows"].as_array().unwrap();
    let fresh = |r: &&Value| r["signal"] == "bullish" && flip(r).is_some_and(|d| d <= 3);
    assert!(!rows.is_empty() && rows.len() < all.len());
    assert_eq!(rows.len(), all.iter().filter(fresh).count());
    assert!(rows.iter().all(|r| fresh(&r)));
    // Most recent flip first, ties by symbol.
    assert!(rows.windows(2).all(|w| {
        (flip(&w[0]), w[0]["symbol"].as_str()) <= (flip(&w[1]), w[1]["symbol"].as_str())
    }));
    let v = run(&[
        "screen",
        "--daily-close",
        &full_file(),
        "--preset",
        "strong-trader-grade",
    ]);
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), all.iter().filter(|r| grade(r) >= 80.0).count());

    // A class needs market caps; an unknown preset names the known ones.
    for (preset, says) in [
        ("active-micro-caps", "needs market caps"),
        (
            "nope",
            "strong-trader-grade, fresh-bullish-flips, active-micro-caps",
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_tokenlens"))
            .args(["screen", "--daily-close", &fixture(), "--preset", preset])
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{err}");
    }
}

#[test]
fn breadth_counts_late_listings_only_once_warmed_up() {
    let v = run(&["breadth", "--daily-close", &fixture()]);
    assert_eq!(v["excluded_stablecoins"], serde_json::json!(["USDC"]));
    let series = v["series"].as_array().unwrap();
    assert_eq!(series.len(), 200);
    let at = |date: &str| series.iter().find(|p| p["date"] == date).unwrap();
    // The first 50 rows are warm-up for every token.
    assert_eq!(at("2025-01-13")["eligible"], 0);
    assert_eq!(at("2025-01-14")["eligible"], 10);
    // TRUMP lists 2025-01-19; its 51st bar is 2025-03-10.
    assert_eq!(at("2025-03-09")["eligible"], 10);
    assert_eq!(at("2025-03-10")["eligible"], 11);
    for p in series {
        let e = p["eligible"].as_u64().unwrap();
        for k in ["bullish", "bearish", "strong", "above_sma50"] {
            assert!(p[k].as_u64().unwrap() <= e, "{p}");
        }
        if e > 0 {
            let share = p["bullish_share"].as_f64().unwrap();
            assert!((share * e as f64 - p["bullish"].as_f64().unwrap()).abs() < 1e-9);
        } else {
            assert!(p["bullish_share"].is_null());
        }
    }
    assert_eq!(v["last"]["date"], "2025-06-12");
}

#[test]
fn narratives_and_moonshots_have_their_shape() {
    let v = run(&["narratives", "--daily-close", &fixture()]);
    let ns = v["narratives"].as_array().unwrap();
    assert_eq!(ns.len(), 10);
    let ai = ns.iter().find(|n| n["narrative"] == "ai").unwrap();
    assert_eq!(ai["members"], serde_json::json!(["FET", "TAO"]));
    assert!(ai["equal_weight"]["roi_30d"].is_f64());
    assert!(ai["equal_weight"]["vs_btc_30d"].is_f64());
    assert!(ai["market_cap_weight"].is_null());
    assert!(v["rotation"]["start"].is_string());
    assert!(v["rotation"]["days"].is_null());

    let m = run(&["moonshots", "--daily-close", &fixture()]);
    assert_eq!(m["market_cap_filter"]["applied_to"], 0);
    assert!(
        m["market_cap_filter"]["note"]
            .as_str()
            .unwrap()
            .contains("skipped")
    );
    assert!(
        m["volume_filter"]["note"]
            .as_str()
            .unwrap()
            .contains("skipped")
    );
    for e in m["ledger"].as_array().unwrap() {
        assert!(e["flagged_date"].as_str().unwrap() <= e["last_date"].as_str().unwrap());
    }
}

#[test]
fn one_unreadable_cell_fails_its_token_alone() {
    let text = std::fs::read_to_string(fixture()).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let mut cells: Vec<&str> = lines[50].split(',').collect();
    cells[2] = "NaN"; // ETHUSDT on line 51
    lines[50] = cells.join(",");
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("one_nan.csv");
    std::fs::write(&path, lines.join("\n")).unwrap();
    let path = path.display().to_string();
    for command in ["screen", "breadth", "narratives", "moonshots"] {
        let v = run(&[command, "--daily-close", &path]);
        let eth = v["errors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["symbol"] == "ETH")
            .unwrap_or_else(|| panic!("{command}: {v}"));
        assert_eq!(eth["code"], "INVALID_INPUT");
        let message = eth["message"].as_str().unwrap();
        assert!(
            message
                .ends_with("one_nan.csv: line 51, column `ETHUSDT`: NaN is not a positive price"),
            "{message}"
        );
    }
    let v = run(&["screen", "--daily-close", &path]);
    let symbols: Vec<&str> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["symbol"].as_str().unwrap())
        .collect();
    assert_eq!(symbols.len(), 11, "{symbols:?}");
    assert!(!symbols.contains(&"ETH") && symbols.contains(&"BTC"));
}

#[test]
fn screen_of_the_full_file_accounts_for_every_pair() {
    let v = run(&["screen", "--daily-close", &full_file()]);
    let rows = v["rows"].as_array().unwrap().len();
    let errors = v["errors"].as_array().unwrap().len();
    assert_eq!(rows + errors, 401);
    assert!(rows > 390);
}

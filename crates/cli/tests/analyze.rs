//! `tokenlens analyze` on real rows: the committed fixtures (80 daily rows
//! of Binance spot BTCUSDT OHLCV and FETUSDT closes from 2023-06-01, and
//! `btc_hourly_close.csv`, the first 120 hourly BTCUSDT closes of the
//! recorded hourly file from 2025-05-13) and the two-year daily BTC file of
//! `data/sources/`.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tokenlens_core::analysis::analyze::{AnalyzeOptions, analyze};
use tokenlens_core::analysis::series::parse_utc_date;
use tokenlens_core::analysis::{Interval, PriceSeries};

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_str()
        .unwrap()
        .to_owned()
}

fn btc_two_years() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/sources/binance_spot_BTCUSDT_1d_2023-06-01_2025-07-31.csv")
        .to_str()
        .unwrap()
        .to_owned()
}

fn tokenlens(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tokenlens"))
        .args(args)
        .output()
        .unwrap()
}

fn analyze_json(args: &[&str]) -> Value {
    let mut all = vec!["analyze"];
    all.extend_from_slice(args);
    let out = tokenlens(&all);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn failure(args: &[&str]) -> String {
    let mut all = vec!["analyze"];
    all.extend_from_slice(args);
    let out = tokenlens(&all);
    assert!(!out.status.success(), "{args:?} succeeded");
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).unwrap()
}

fn scratch(name: &str, text: &str) -> String {
    let path: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

fn str_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key]
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {v}"))
}

/// The file's series, read here independently of the CLI.
fn daily_ohlcv(path: &str) -> PriceSeries {
    let mut r = csv::Reader::from_path(path).unwrap();
    let h: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let (mut t, mut o, mut hi, mut lo, mut c, mut v) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for rec in r.records() {
        let rec = rec.unwrap();
        let num = |n: &str| rec[col(n)].parse::<f64>().unwrap();
        t.push(parse_utc_date(&rec[col("date")]).unwrap());
        o.push(num("open"));
        hi.push(num("high"));
        lo.push(num("low"));
        c.push(num("close"));
        v.push(num("volume"));
    }
    PriceSeries {
        interval: Interval::Daily,
        timestamps: t,
        open: Some(o),
        high: Some(hi),
        low: Some(lo),
        close: c,
        volume: Some(v),
    }
    .validated()
    .unwrap()
}

#[test]
fn ohlcv_file_prints_every_contract_key() {
    let csv = fixture("btc_daily.csv");
    let json = analyze_json(&["--csv", &csv]);
    for key in [
        "trader_grade",
        "investor_grade",
        "rating",
        "signal",
        "flips",
        "levels",
        "metrics",
        "backtest",
        "summary",
    ] {
        assert!(!json[key].is_null(), "{key} missing");
    }
    for grade in ["trader_grade", "investor_grade"] {
        let comps = json[grade]["components"].as_array().unwrap();
        assert!(!comps.is_empty());
        let sum: f64 = comps.iter().map(|c| c["weight"].as_f64().unwrap()).sum();
        assert!((sum - 1.0).abs() < 1e-9, "{grade}");
    }
    assert!(json["rating"]["score"].is_number() && json["rating"]["label"].is_string());
    let sig = &json["signal"];
    assert!(matches!(
        str_of(sig, "state"),
        "bullish" | "bearish" | "neutral"
    ));
    assert!((0.0..=1.0).contains(&sig["strength"].as_f64().unwrap()));
    let since = str_of(sig, "since");
    assert!(("2023-06-01"..="2023-08-19").contains(&since));
    let b = &json["backtest"];
    assert!(b["trades"].is_array());
    for k in [
        "total_return",
        "buy_hold_return",
        "max_drawdown",
        "buy_hold_max_drawdown",
    ] {
        assert!(b[k].is_number(), "{k}");
    }
    for k in ["win_rate", "sharpe"] {
        assert!(b.get(k).is_some(), "{k}");
    }
    assert_eq!(json["data"]["points"], 80);
    assert!(str_of(&json["summary"], "text").contains("Signal"));
    // The same record as the core function on the same rows.
    let want = analyze(&daily_ohlcv(&csv), &AnalyzeOptions::default()).unwrap();
    assert_eq!(json, serde_json::to_value(&want).unwrap());
}

#[test]
fn from_and_to_bound_the_flips_and_the_backtest() {
    let csv = btc_two_years();
    let json = analyze_json(&["--csv", &csv, "--from", "2024-11-01", "--to", "2025-03-31"]);
    let w = &json["window"];
    assert_eq!(
        (str_of(w, "start_date"), str_of(w, "end_date")),
        ("2024-11-01", "2025-03-31")
    );
    let flips = json["flips"].as_array().unwrap();
    assert!(!flips.is_empty());
    for f in flips {
        let d = str_of(f, "date");
        assert!(("2024-11-01"..="2025-03-31").contains(&d), "{f}");
        assert!(f["price"].as_f64().unwrap() > 0.0);
        assert!(matches!(
            str_of(f, "state"),
            "bullish" | "bearish" | "neutral"
        ));
    }
    let b = &json["backtest"];
    assert_eq!(
        (str_of(b, "start_date"), str_of(b, "end_date")),
        ("2024-11-01", "2025-03-31")
    );
    let dates = b["equity"]["dates"].as_array().unwrap();
    assert_eq!(dates.len(), 151);
    for t in b["trades"].as_array().unwrap() {
        assert!(str_of(t, "entry_date") >= "2024-11-01" && str_of(t, "exit_date") <= "2025-03-31");
    }
    // Without a window: the whole history's flips, more of them.
    let all = analyze_json(&["--csv", &csv]);
    assert!(all["flips"].as_array().unwrap().len() > flips.len());
    assert_eq!(str_of(&all["backtest"], "start_date"), "2023-06-01");
    // Only --from: to the end of the file.
    let tail = analyze_json(&["--csv", &csv, "--from", "2025-07-01"]);
    assert_eq!(str_of(&tail["backtest"], "end_date"), "2025-07-31");
}

#[test]
fn close_only_file_leaves_out_what_needs_high_low_or_volume() {
    let json = analyze_json(&["--csv", &fixture("fet_close.csv")]);
    assert_eq!(json["data"]["columns"], serde_json::json!(["close"]));
    assert_eq!(json["signal"]["unavailable"], serde_json::json!(["obv20"]));
    // The grades read closes only: none of their parts is missing.
    assert_eq!(json["trader_grade"]["dropped"], serde_json::json!([]));
    let no_vote: Vec<&str> = json["rating"]["unavailable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| str_of(u, "indicator"))
        .collect();
    assert!(no_vote.contains(&"VWMA(20)"), "{no_vote:?}");
    assert!(json["backtest"]["trades"].is_array());
    assert!(json["levels"]["levels"].is_array());
}

#[test]
fn hourly_rfc3339_file_is_an_hourly_series() {
    let json = analyze_json(&["--csv", &fixture("btc_hourly_close.csv")]);
    assert_eq!(json["data"]["interval"], "hourly");
    assert_eq!(json["data"]["points"], 120);
    assert_eq!(
        (
            str_of(&json["data"], "first_date"),
            str_of(&json["data"], "last_date")
        ),
        ("2025-05-13", "2025-05-17")
    );
    assert!(!json["signal"].is_null());
    // 24 hourly points a day: the 24 h change exists on 120 hours.
    assert!(json["trader_grade"]["change_24h"].is_number());
    let json = analyze_json(&[
        "--csv",
        &fixture("btc_hourly_close.csv"),
        "--from",
        "2025-05-16",
        "--to",
        "2025-05-16",
    ]);
    assert_eq!(json["window"]["bars"], 24);
}

#[test]
fn benchmark_file_adds_beta_and_relative_strength() {
    let json = analyze_json(&[
        "--csv",
        &fixture("fet_close.csv"),
        "--benchmark",
        &fixture("btc_daily.csv"),
    ]);
    assert!(json["metrics"]["benchmark"]["beta"].is_number());
    let names: Vec<&str> = json["trader_grade"]["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| str_of(c, "name"))
        .collect();
    assert_eq!(names, ["volatility_30", "reversal_7"]);
}

#[test]
fn short_file_gives_nulls_with_reasons_and_too_short_file_an_error() {
    let rows: String = (1..=20)
        .map(|d| format!("2024-01-{d:02},{}\n", 100 + d))
        .collect();
    let p = scratch("twenty.csv", &format!("date,close\n{rows}"));
    let json = analyze_json(&["--csv", &p]);
    assert!(json["signal"].is_null() && json["backtest"].is_null());
    assert!(json["trader_grade"].is_object());
    let parts: Vec<&str> = json["unavailable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| str_of(u, "part"))
        .collect();
    assert!(
        parts.contains(&"signal") && parts.contains(&"backtest"),
        "{parts:?}"
    );

    let p = scratch("two.csv", "date,close\n2024-01-01,1\n2024-01-02,2\n");
    let err = failure(&["--csv", &p]);
    assert!(
        err.contains("two.csv: series too short: 2 values, at least 3 needed"),
        "{err}"
    );
}

#[test]
fn bad_dates_are_clear_errors() {
    let btc = fixture("btc_daily.csv");
    let err = failure(&["--csv", &btc, "--from", "2023-02-30"]);
    assert!(
        err.contains("invalid parameter `from`: 2023-02-30 (must be a date YYYY-MM-DD)"),
        "{err}"
    );
    let err = failure(&["--csv", &btc, "--to", "19/08/2023"]);
    assert!(err.contains("`to`: 19/08/2023"), "{err}");
    let err = failure(&["--csv", &btc, "--from", "2023-08-01", "--to", "2023-07-01"]);
    assert!(err.contains("from must not be after to"), "{err}");
    let err = failure(&["--csv", &btc, "--from", "2024-01-01"]);
    assert!(
        err.contains("the series runs from 2023-06-01 to 2023-08-19")
            && err.contains("no bar of the series falls between from and to"),
        "{err}"
    );

    let p = scratch(
        "bad_date.csv",
        "date,close\n2024-01-01,1\n2024-01-02,2\n01/03/2024,3\n",
    );
    let err = failure(&["--csv", &p]);
    assert!(
        err.contains("bad_date.csv: line 4, column `date`: cannot read \"01/03/2024\" as a date"),
        "{err}"
    );
    let p = scratch(
        "unordered.csv",
        "date,close\n2024-01-01,1\n2024-01-03,2\n2024-01-02,3\n",
    );
    let err = failure(&["--csv", &p]);
    assert!(
        err.contains("line 4, column `date`: 2024-01-02 is not after 2024-01-03 on line 3"),
        "{err}"
    );
    let p = scratch("no_time.csv", "close\n1\n2\n3\n");
    assert!(failure(&["--csv", &p]).contains("no `date`, `ts` or `open_time` column"));
    let err = failure(&["--csv", "/nonexistent/prices.csv"]);
    assert!(err.contains("cannot read /nonexistent/prices.csv"), "{err}");
}

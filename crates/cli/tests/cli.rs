//! The `tokenlens` binary on real CSV rows, the first 80 of each file from
//! 2023-06-01: `fixtures/btc_daily.csv` is Binance spot BTCUSDT daily OHLCV
//! (with the extra `quote_volume` and `trades` columns Binance exports) and
//! `fixtures/fet_close.csv` is Binance spot FETUSDT daily closes only (built
//! from hourly bars, with an `n_1h_bars` column).

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Map, Value};
use tokenlens_core::Candle;
use tokenlens_core::indicators::catalog::{CATALOG, Entry, IndicatorSpec, Input};
use tokenlens_core::indicators::{momentum, trend, volatility, volume};
use tokenlens_core::metrics::{self, MetricsConfig};

/// The classic set, named as asked for at default parameters.
const CLASSIC: [&str; 39] = [
    "sma20",
    "ema20",
    "wma20",
    "dema20",
    "tema20",
    "hma9",
    "vwma20",
    "rsi14",
    "macd",
    "macd_signal",
    "macd_hist",
    "stoch_k",
    "stoch_d",
    "stochrsi_k",
    "stochrsi_d",
    "cci20",
    "willr14",
    "mom10",
    "roc10",
    "ao",
    "uo",
    "adx14",
    "plus_di14",
    "minus_di14",
    "aroon_up25",
    "aroon_down25",
    "psar",
    "bb_upper",
    "bb_middle",
    "bb_lower",
    "atr14",
    "natr14",
    "kc_upper",
    "kc_lower",
    "dc_upper",
    "dc_lower",
    "obv",
    "mfi14",
    "ad",
];

/// Added after the classic set.
const NEWER: [&str; 10] = [
    "bull_power13",
    "bear_power13",
    "vwap20",
    "volume_z20",
    "ichimoku_conversion",
    "ichimoku_base",
    "ichimoku_span_a",
    "ichimoku_span_b",
    "supertrend",
    "supertrend_direction",
];

/// The contract's names for a file of closing prices only.
const CLOSE_ONLY: [&str; 17] = [
    "sma20",
    "ema20",
    "wma20",
    "dema20",
    "tema20",
    "hma9",
    "rsi14",
    "macd",
    "macd_signal",
    "macd_hist",
    "stochrsi_k",
    "stochrsi_d",
    "mom10",
    "roc10",
    "bb_upper",
    "bb_middle",
    "bb_lower",
];

/// The default outputs of the catalog's rows that `keep` keeps, in order.
fn catalog_outputs(keep: impl Fn(&Entry) -> bool) -> Vec<String> {
    CATALOG
        .iter()
        .filter(|e| keep(e))
        .filter_map(|e| IndicatorSpec::default_of(e.tag))
        .flat_map(|spec| spec.output_names())
        .collect()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn tokenlens(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tokenlens"))
        .args(args)
        .output()
        .unwrap()
}

fn ok_json(args: &[&str]) -> Value {
    let out = tokenlens(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn failure(args: &[&str]) -> String {
    let out = tokenlens(args);
    assert!(!out.status.success(), "{args:?} succeeded");
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).unwrap()
}

/// A column of a fixture, by header name.
fn column(name: &str, col: &str) -> Vec<f64> {
    let mut r = csv::Reader::from_path(fixture(name)).unwrap();
    let i = r.headers().unwrap().iter().position(|h| h == col).unwrap();
    r.records()
        .map(|rec| rec.unwrap()[i].parse().unwrap())
        .collect()
}

fn btc_candles() -> Vec<Candle> {
    let f = "btc_daily.csv";
    Candle::from_columns(
        &column(f, "open"),
        &column(f, "high"),
        &column(f, "low"),
        &column(f, "close"),
        &column(f, "volume"),
    )
    .unwrap()
}

/// The output column as numbers, `NaN` for null.
fn values(obj: &Map<String, Value>, name: &str) -> Vec<f64> {
    obj[name]
        .as_array()
        .unwrap_or_else(|| panic!("{name} is not an array"))
        .iter()
        .map(|v| {
            if v.is_null() {
                f64::NAN
            } else {
                v.as_f64().unwrap()
            }
        })
        .collect()
}

/// Equal bit for bit, `NaN` (null) equal to `NaN`: JSON numbers round-trip.
fn same(name: &str, got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{name}");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            g.to_bits() == w.to_bits() || (g.is_nan() && w.is_nan()),
            "{name}[{i}]: {g} vs {w}"
        );
    }
}

fn nulls_before_first_value(obj: &Map<String, Value>, name: &str) -> usize {
    let v = values(obj, name);
    let lead = v.iter().take_while(|x| x.is_nan()).count();
    assert!(
        v[lead..].iter().all(|x| x.is_finite()),
        "{name}: gap after warm-up"
    );
    lead
}

#[test]
fn ohlcv_file_gives_every_indicator_aligned_with_the_rows() {
    // The printed order is the documented one (the parsed map sorts keys).
    let out = tokenlens(&[
        "indicators",
        "--csv",
        fixture("btc_daily.csv").to_str().unwrap(),
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    let printed: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix('"')?.split('"').next())
        .collect();
    // Every default output of the indicator catalog, in its order; the
    // contract's names among them in the documented order.
    assert_eq!(printed, catalog_outputs(|_| true));
    let listed: Vec<&str> = CLASSIC.iter().chain(&NEWER).copied().collect();
    let contract: Vec<&str> = printed
        .iter()
        .copied()
        .filter(|n| listed.contains(n))
        .collect();
    assert_eq!(contract, listed);

    let csv = fixture("btc_daily.csv");
    let json = ok_json(&["indicators", "--csv", csv.to_str().unwrap()]);
    let obj = json.as_object().unwrap();
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    let mut want = printed.clone();
    keys.sort_unstable();
    want.sort_unstable();
    assert_eq!(keys, want);
    for (name, v) in obj {
        assert_eq!(v.as_array().unwrap().len(), 80, "{name}");
    }
    // Warm-up: TA-Lib's lookback as nulls, then values to the end.
    for (name, lead) in [
        ("sma20", 19),
        ("hma9", 10),
        ("rsi14", 14),
        ("macd", 33),
        ("macd_signal", 33),
        ("atr14", 14),
        ("adx14", 27),
        ("plus_di14", 14),
        ("aroon_up25", 25),
        ("psar", 1),
        ("obv", 0),
        ("ad", 0),
        ("mfi14", 14),
        ("cci20", 19),
        ("uo", 28),
        ("ichimoku_span_b", 51),
        ("supertrend", 10),
    ] {
        assert_eq!(nulls_before_first_value(obj, name), lead, "{name}");
    }
}

#[test]
fn values_equal_the_core_batch_functions() {
    let csv = fixture("btc_daily.csv");
    let json = ok_json(&["indicators", "--csv", csv.to_str().unwrap()]);
    let obj = json.as_object().unwrap();
    let k = btc_candles();
    let c: Vec<f64> = k.iter().map(|c| c.close).collect();
    same("sma20", &values(obj, "sma20"), &trend::sma(&c, 20).unwrap());
    same(
        "rsi14",
        &values(obj, "rsi14"),
        &momentum::rsi(&c, 14).unwrap(),
    );
    let m = trend::macd(&c, Default::default()).unwrap();
    same("macd_hist", &values(obj, "macd_hist"), &m.histogram);
    same(
        "adx14",
        &values(obj, "adx14"),
        &trend::adx(&k, 14).unwrap().adx,
    );
    same(
        "aroon_down25",
        &values(obj, "aroon_down25"),
        &trend::aroon(&k, 25).unwrap().down,
    );
    same(
        "atr14",
        &values(obj, "atr14"),
        &volatility::atr(&k, 14).unwrap(),
    );
    same(
        "mfi14",
        &values(obj, "mfi14"),
        &volume::mfi(&k, 14).unwrap(),
    );
    same(
        "vwap20",
        &values(obj, "vwap20"),
        &volume::vwap(&k, 20).unwrap(),
    );
    let st = trend::supertrend(&k, Default::default()).unwrap();
    same("supertrend", &values(obj, "supertrend"), &st.value);
    same(
        "supertrend_direction",
        &values(obj, "supertrend_direction"),
        &st.direction,
    );
}

#[test]
fn close_only_file_computes_what_it_can_and_omits_the_rest() {
    let csv = fixture("fet_close.csv");
    let json = ok_json(&["indicators", "--csv", csv.to_str().unwrap()]);
    let obj = json.as_object().unwrap();
    let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    assert!(CLOSE_ONLY.iter().all(|name| keys.contains(name)));
    let want = catalog_outputs(|e| e.input == Input::Close);
    let mut want: Vec<&str> = want.iter().map(String::as_str).collect();
    keys.sort_unstable();
    want.sort_unstable();
    assert_eq!(keys, want);
    let c = column("fet_close.csv", "close");
    same("ema20", &values(obj, "ema20"), &trend::ema(&c, 20).unwrap());
    let b = volatility::bbands(&c, Default::default()).unwrap();
    same("bb_lower", &values(obj, "bb_lower"), &b.lower);
    assert_eq!(nulls_before_first_value(obj, "roc10"), 10);
}

#[test]
fn metrics_against_a_benchmark_equal_the_core_function() {
    let (btc, fet) = (fixture("btc_daily.csv"), fixture("fet_close.csv"));
    let json = ok_json(&[
        "metrics",
        "--csv",
        btc.to_str().unwrap(),
        "--benchmark",
        fet.to_str().unwrap(),
    ]);
    let want = metrics::metrics(
        &column("btc_daily.csv", "close"),
        Some(&column("fet_close.csv", "close")),
        &MetricsConfig::default(),
    )
    .unwrap();
    assert_eq!(json, serde_json::to_value(&want).unwrap());
    assert_eq!(json["prices"], 80);
    assert!(json["benchmark"]["beta"].is_number());

    let json = ok_json(&[
        "metrics",
        "--csv",
        fet.to_str().unwrap(),
        "--periods-per-year",
        "52",
        "--risk-free-rate",
        "0.04",
    ]);
    let cfg = MetricsConfig {
        periods_per_year: 52.0,
        risk_free_rate: 0.04,
    };
    let want = metrics::metrics(&column("fet_close.csv", "close"), None, &cfg).unwrap();
    assert_eq!(json, serde_json::to_value(&want).unwrap());
    assert!(json["benchmark"].is_null());
}

/// Writes a scratch CSV for an error case.
fn scratch(name: &str, text: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn bad_values_are_reported_with_line_and_column() {
    let p = scratch(
        "bad_high.csv",
        "date,open,high,low,close,volume\n\
         2024-01-01,1,2,0.5,1.5,10\n\
         2024-01-02,1.5,n/a,1,1.2,10\n",
    );
    let err = failure(&["indicators", "--csv", p.to_str().unwrap()]);
    assert!(
        err.contains("bad_high.csv: line 3, column `high`: cannot read \"n/a\" as a number"),
        "{err}"
    );

    let p = scratch("zero_close.csv", "ts,close\n1,2\n2,0\n3,4\n");
    let err = failure(&["metrics", "--csv", p.to_str().unwrap()]);
    assert!(
        err.contains("zero_close.csv: line 3, column `close`: 0 is not a positive price"),
        "{err}"
    );

    let p = scratch(
        "close_above_high.csv",
        "date,open,high,low,close\n2024-01-01,1,2,0.5,1.5\n2024-01-02,1.5,2,1,2.5\n2024-01-03,2,3,1,2\n",
    );
    let err = failure(&["analyze", "--csv", p.to_str().unwrap()]);
    assert!(
        err.contains("close_above_high.csv: line 3, column `close`: 2.5 is above the high 2"),
        "{err}"
    );
    let p = scratch(
        "open_below_low.csv",
        "date,open,high,low,close\n2024-01-01,1,2,0.5,1.5\n2024-01-02,0.9,2,1,1.2\n2024-01-03,2,3,1,2\n",
    );
    let err = failure(&["analyze", "--csv", p.to_str().unwrap()]);
    assert!(
        err.contains("open_below_low.csv: line 3, column `open`: 0.9 is below the low 1"),
        "{err}"
    );

    let p = scratch("no_close.csv", "date,open\n2024-01-01,1\n");
    let err = failure(&["indicators", "--csv", p.to_str().unwrap()]);
    assert!(err.contains("no `close` column"), "{err}");

    let err = failure(&["indicators", "--csv", "/nonexistent/prices.csv"]);
    assert!(err.contains("cannot read /nonexistent/prices.csv"), "{err}");
}

#[test]
fn benchmark_with_other_dates_or_rows_is_rejected() {
    let btc = fixture("btc_daily.csv");
    let shifted = scratch(
        "shifted.csv",
        "date,close\n2023-06-02,1\n2023-06-03,2\n2023-06-04,3\n",
    );
    let err = failure(&[
        "metrics",
        "--csv",
        btc.to_str().unwrap(),
        "--benchmark",
        shifted.to_str().unwrap(),
    ]);
    assert!(
        err.contains("line 2 is dated 2023-06-02")
            && err.contains("dated 2023-06-01")
            && err.contains("same dates"),
        "{err}"
    );
    let short = scratch(
        "short.csv",
        "date,close\n2023-06-01,1\n2023-06-02,2\n2023-06-03,3\n",
    );
    let err = failure(&[
        "metrics",
        "--csv",
        btc.to_str().unwrap(),
        "--benchmark",
        short.to_str().unwrap(),
    ]);
    assert!(err.contains("3 rows") && err.contains("has 80"), "{err}");

    let tiny = scratch("tiny.csv", "date,close\n2023-06-01,1\n2023-06-02,2\n");
    let err = failure(&["metrics", "--csv", tiny.to_str().unwrap()]);
    assert!(
        err.contains("series too short: 2 values, at least 3 needed"),
        "{err}"
    );
}

#[test]
fn history_bundles_the_recorded_universe_without_filling_gaps() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sources");
    let daily = data.join("binance_spot_daily_close_401pairs_2023-06-01_2025-06-12.csv");
    let hourly = data.join("binance_spot_hourly_close_401pairs_2025-05-13_2025-06-12.csv");
    let json = ok_json(&[
        "history",
        "--daily-close",
        daily.to_str().unwrap(),
        "--hourly-close",
        hourly.to_str().unwrap(),
        "--source",
        "test",
    ]);
    assert_eq!(json["as_of"], "2025-06-12");
    let d = &json["daily"];
    assert_eq!(d["rows"], 400);
    assert_eq!(d["symbols"].as_array().unwrap().len(), 401);
    assert_eq!(json["hourly"]["rows"], 336);
    // The last daily BTC close is the file's last value, as written.
    let symbols: Vec<&str> = d["symbols"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let btc = symbols.iter().position(|s| *s == "BTCUSDT").unwrap();
    let text = std::fs::read_to_string(&daily).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let last: Vec<&str> = text.lines().last().unwrap().split(',').collect();
    let col = header.iter().position(|h| *h == "BTCUSDT").unwrap();
    let want: f64 = last[col].parse().unwrap();
    assert_eq!(d["closes"][btc][399].as_f64().unwrap(), want);
    // A pair listed inside the hourly window starts with nulls, not invented prices.
    let h = &json["hourly"];
    let hsyms: Vec<&str> = h["symbols"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    let home = hsyms.iter().position(|s| *s == "HOMEUSDT").unwrap();
    assert!(h["closes"][home][0].is_null());
    assert!(h["closes"][home][335].is_f64());
}

#[test]
fn history_writes_the_market_overview_of_the_closes_it_bundles() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sources");
    let daily = data.join("binance_spot_daily_close_401pairs_2023-06-01_2025-06-12.csv");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let (history_path, overview_path) = (dir.join("ov-history.json"), dir.join("ov-overview.json"));
    let out = tokenlens(&[
        "history",
        "--daily-close",
        daily.to_str().unwrap(),
        "--source",
        "test",
        "--out",
        history_path.to_str().unwrap(),
        "--overview-out",
        overview_path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(&overview_path).unwrap()).unwrap();
    assert_eq!(written["format"], 1);
    assert_eq!(written["as_of"], "2025-06-12");
    let breadth = written["breadth"].as_array().unwrap();
    assert_eq!(breadth.len(), 400, "one point per bundled day");
    assert_eq!(breadth[399]["date"], "2025-06-12");
    let eligible = breadth[399]["eligible"].as_u64().unwrap();
    assert!(
        (300..401).contains(&eligible),
        "{eligible}: most tokens, no stablecoin"
    );
    assert_eq!(written["narratives"].as_array().unwrap().len(), 10);
    // Exactly what the library computes from the history file it wrote.
    let history =
        tokenlens_feeds::History::from_json(&std::fs::read_to_string(&history_path).unwrap())
            .unwrap();
    let recomputed =
        serde_json::to_value(tokenlens_feeds::MarketOverview::of_history(&history)).unwrap();
    assert_eq!(written, recomputed);
}

#[test]
fn history_writes_the_screen_of_its_last_date_for_the_market_page() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sources");
    let daily = data.join("binance_spot_daily_close_401pairs_2023-06-01_2025-06-12.csv");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let (history_path, market_path) = (dir.join("mk-history.json"), dir.join("mk-market.json"));
    let latest_path = dir.join("mk-latest.json");
    let tokens_dir = dir.join("mk-tokens");
    std::fs::create_dir_all(&tokens_dir).unwrap();
    std::fs::write(tokens_dir.join("GONE.json"), "{}").unwrap();
    let out = tokenlens(&[
        "history",
        "--daily-close",
        daily.to_str().unwrap(),
        "--source",
        "test",
        "--out",
        history_path.to_str().unwrap(),
        "--market-out",
        market_path.to_str().unwrap(),
        "--latest-out",
        latest_path.to_str().unwrap(),
        "--tokens-out",
        tokens_dir.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(&market_path).unwrap()).unwrap();
    assert_eq!(written["format"], 1);
    assert_eq!(written["as_of"], "2025-06-12");
    assert_eq!(written["recent"]["rows"], 8);
    // The date every page of the site names; recorded data never stands
    // in for the providers' list.
    let latest: Value =
        serde_json::from_str(&std::fs::read_to_string(&latest_path).unwrap()).unwrap();
    let mut record = latest.clone();
    let record = record
        .as_object_mut()
        .unwrap()
        .remove("trader_record")
        .unwrap();
    assert_eq!(
        latest,
        serde_json::json!({ "format": 1, "as_of": "2025-06-12", "markets_fetched_at_ms": null, "refresh_minutes": 1440, "trader_record": record })
    );
    // The screen the site's screener makes of the history file it wrote:
    // one member per pair, BTC's closes the benchmark.
    let history =
        tokenlens_feeds::History::from_json(&std::fs::read_to_string(&history_path).unwrap())
            .unwrap();
    let daily = &history.daily;
    let members: Vec<tokenlens_core::universe::Member> = daily
        .symbols
        .iter()
        .filter_map(|p| {
            let symbol = tokenlens_core::universe::table::pair_symbol(p).to_owned();
            Some((symbol, daily.series(p)?, None))
        })
        .collect();
    let benchmark = daily.series("BTCUSDT");
    let (rows, errors) = tokenlens_core::universe::screen::screen(&members, benchmark.as_ref());
    assert_eq!(written["rows"], serde_json::to_value(&rows).unwrap());
    assert_eq!(written["errors"], serde_json::to_value(&errors).unwrap());
    let btc = rows.iter().find(|r| r.symbol == "BTC").unwrap();
    assert_eq!((btc.date.as_str(), btc.price), ("2025-06-12", 105_671.73));
    // The Trader Grade's record a token page shows: the walk-forward
    // evaluation of the same history (every input, not the grades alone).
    let evaluation = tokenlens_core::evaluation::evaluate(
        &members,
        benchmark.as_ref(),
        &tokenlens_core::evaluation::EvaluationOptions::default(),
    )
    .unwrap();
    assert_eq!(
        record,
        serde_json::to_value(evaluation.strong_weeks().unwrap()).unwrap()
    );
    // One file per token, its part of the history; the old files gone.
    let mut files: Vec<String> = std::fs::read_dir(&tokens_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(files.len(), daily.symbols.len());
    assert!(!files.contains(&"GONE.json".to_owned()));
    let eth = std::fs::read_to_string(tokens_dir.join("ETH.json")).unwrap();
    let eth = tokenlens_feeds::History::from_json(&eth).unwrap();
    assert_eq!(eth, history.of_token("ETH").unwrap());
    assert_eq!(eth.daily.symbols, ["ETHUSDT", "BTCUSDT"]);
}

#[test]
fn names_lists_the_coin_lists_names_by_rank() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sources");
    let markets = data.join("coingecko_coins_markets_usd_250_2023-07-28.json");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let (snapshot, names) = (dir.join("nm-snapshot.json"), dir.join("nm-names.json"));
    let out = tokenlens(&[
        "snapshot",
        "--markets",
        markets.to_str().unwrap(),
        "--source",
        "test",
        "--out",
        snapshot.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = tokenlens(&[
        "names",
        "--snapshot",
        snapshot.to_str().unwrap(),
        "--out",
        names.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names =
        tokenlens_feeds::CoinNames::from_json(&std::fs::read_to_string(&names).unwrap()).unwrap();
    let snapshot =
        tokenlens_feeds::Snapshot::from_json(&std::fs::read_to_string(&snapshot).unwrap()).unwrap();
    assert_eq!(names, tokenlens_feeds::CoinNames::of_snapshot(&snapshot));
    assert_eq!(names.coins[0], ("BTC".to_owned(), "Bitcoin".to_owned()));
    assert_eq!(names.name("eth"), Some("Ethereum"));
    assert!(names.coins.len() > 200 && names.coins.len() <= snapshot.tokens.len());
}

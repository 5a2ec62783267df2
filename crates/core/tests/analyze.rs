//! The per-token aggregate on real daily series (`data/sources/`, provenance
//! in its README): Binance spot BTC (OHLCV) and FET (closes only), plus
//! short cuts of them for the parts that need more history.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

use std::path::Path;

use tokenlens_core::analysis::analyze::{AnalyzeOptions, MIN_POINTS, SCHEMA_VERSION, analyze};
use tokenlens_core::analysis::backtest::{BacktestConfig, backtest};
use tokenlens_core::analysis::grades::{Fundamentals, TraderOptions, trader_grade};
use tokenlens_core::analysis::rating::rating;
use tokenlens_core::analysis::series::parse_utc_date;
use tokenlens_core::analysis::signal::{SignalState, WARMUP, signal};
use tokenlens_core::analysis::{Interval, PriceSeries};
use tokenlens_core::{Error, MarketCapClass};

/// A daily CSV of `data/sources/` with `date`, `close` and optionally OHLV.
fn load(file: &str) -> PriceSeries {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/sources")
        .join(file);
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|h| *h == name);
    let mut t = Vec::new();
    let mut cols: Vec<Vec<f64>> = vec![Vec::new(); 5];
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        t.push(parse_utc_date(f[col("date").unwrap()]).unwrap());
        for (k, name) in ["open", "high", "low", "close", "volume"]
            .iter()
            .enumerate()
        {
            if let Some(i) = col(name) {
                cols[k].push(f[i].parse().unwrap());
            }
        }
    }
    let opt = |v: &Vec<f64>| (!v.is_empty()).then(|| v.clone());
    PriceSeries {
        interval: Interval::Daily,
        timestamps: t,
        open: opt(&cols[0]),
        high: opt(&cols[1]),
        low: opt(&cols[2]),
        close: cols[3].clone(),
        volume: opt(&cols[4]),
    }
    .validated()
    .unwrap()
}

fn btc() -> PriceSeries {
    load("binance_spot_BTCUSDT_1d_2023-06-01_2025-07-31.csv")
}

fn fet() -> PriceSeries {
    load("binance_spot_FETUSDT_dailyclose_from1h_2023-06-01_2025-06-12.csv")
}

fn window(from: &str, to: &str) -> AnalyzeOptions<'static> {
    AnalyzeOptions {
        from: Some(from.into()),
        to: Some(to.into()),
        ..Default::default()
    }
}

#[test]
fn full_ohlcv_history_gives_every_part_but_the_size_class() {
    let s = btc();
    let a = analyze(&s, &AnalyzeOptions::default()).unwrap();
    assert_eq!(a.schema_version, SCHEMA_VERSION);
    assert_eq!(a.data.points, 792);
    assert_eq!(
        (a.data.first_date.as_str(), a.data.last_date.as_str()),
        ("2023-06-01", "2025-07-31")
    );
    assert_eq!(a.data.columns, ["open", "high", "low", "close", "volume"]);
    assert!(a.signal.is_some() && a.rating.is_some() && a.levels.is_some());
    assert!(a.trader_grade.is_some() && a.investor_grade.is_some());
    assert!(a.metrics.is_some() && a.backtest.is_some());
    // Only the size class is missing: no market cap was given.
    let parts: Vec<&str> = a.unavailable.iter().map(|u| u.part.as_str()).collect();
    assert_eq!(parts, ["class"]);
    assert_eq!(a.unavailable[0].code, "MISSING_MARKET_CAP");
    // Unbounded window: every flip of the history, the backtest over all bars.
    assert_eq!(a.flips.len(), signal(&s).unwrap().flips.len());
    let b = a.backtest.as_ref().unwrap();
    assert_eq!((b.start_date.as_str(), b.bars), ("2023-06-01", 792));
    assert_eq!(b.equity.dates.len(), 792);
    assert_eq!(b.equity.strategy.len(), 792);
    assert!(!a.summary.text.is_empty());
}

#[test]
fn signal_since_is_the_last_flip_and_strength_its_score_magnitude() {
    let s = btc();
    let a = analyze(&s, &AnalyzeOptions::default()).unwrap();
    let sig = a.signal.unwrap();
    let core = signal(&s).unwrap();
    assert_eq!(sig.state, core.state);
    let last = core.last_flip.unwrap();
    assert_eq!(sig.since, last.date);
    assert_eq!(sig.last_flip.as_ref().unwrap().state, last.to);
    assert_eq!(sig.score, core.strength.unwrap());
    assert_eq!(sig.strength, sig.score.abs());
    assert!(a.summary.text.contains(&format!("since {}", last.date)));
}

#[test]
fn trader_grade_is_the_screeners_and_the_rating_stands_apart() {
    let s = btc();
    let a = analyze(&s, &AnalyzeOptions::default()).unwrap();
    let r = rating(&s).unwrap();
    assert_eq!(a.rating.as_ref().unwrap().score, r.score);
    let want = trader_grade(&s, &TraderOptions::default()).unwrap();
    let g = a.trader_grade.unwrap();
    assert_eq!(g, want);
    assert!(g.component("rating").is_none());
}

#[test]
fn from_bounds_the_flips_and_to_is_the_as_of_date() {
    let s = btc();
    let whole = analyze(&s, &AnalyzeOptions::default()).unwrap();
    let a = analyze(&s, &window("2024-11-01", "2025-03-31")).unwrap();
    assert_eq!(
        (a.window.start_date.as_str(), a.window.end_date.as_str()),
        ("2024-11-01", "2025-03-31")
    );
    assert_eq!(a.window.bars, 151);
    let b = a.backtest.as_ref().unwrap();
    assert_eq!(
        (b.start_date.as_str(), b.end_date.as_str()),
        ("2024-11-01", "2025-03-31")
    );
    for f in &a.flips {
        assert!(
            ("2024-11-01".."2025-04-01").contains(&f.date.as_str()),
            "{f:?}"
        );
    }
    let inside: Vec<_> = whole
        .flips
        .iter()
        .filter(|f| ("2024-11-01".."2025-04-01").contains(&f.date.as_str()))
        .cloned()
        .collect();
    assert_eq!(a.flips, inside);
    assert!(!a.flips.is_empty());
    // The backtest is the core's over the same window.
    let core = backtest(
        &s,
        &BacktestConfig {
            from: Some("2024-11-01".into()),
            to: Some("2025-03-31".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(b.trades, core.trades);
    assert_eq!(b.total_return, core.strategy.total_return);
    assert_eq!(b.buy_hold_max_drawdown, core.buy_and_hold.max_drawdown);
    // Everything else is as of `to`: the analysis of the history cut there.
    let end = s
        .timestamps
        .partition_point(|&t| t <= parse_utc_date("2025-03-31").unwrap());
    let cut = analyze(&s.truncated(end), &window("2024-11-01", "2025-03-31")).unwrap();
    assert_eq!(a, cut);
    assert_eq!(a.data.last_date, "2025-03-31");
    assert_ne!(a.trader_grade, whole.trader_grade);
    assert_ne!(a.metrics, whole.metrics);
}

#[test]
fn close_only_series_drops_what_needs_high_low_or_volume() {
    let a = analyze(&fet(), &AnalyzeOptions::default()).unwrap();
    assert_eq!(a.data.columns, ["close"]);
    // The grades read closes only: nothing of them is missing.
    let t = a.trader_grade.as_ref().unwrap();
    assert!(t.dropped.is_empty(), "{:?}", t.dropped);
    let sig = a.signal.as_ref().unwrap();
    assert_eq!(sig.unavailable.len(), 1);
    assert!(!a.rating.as_ref().unwrap().unavailable.is_empty());
    let b = a.backtest.as_ref().unwrap();
    // Closes stand in for lows in the worst excursion of each trade.
    assert!(b.trades.iter().all(|t| t.worst_excursion <= 0.0));
    assert!(a.levels.is_some() && a.metrics.is_some());
}

#[test]
fn short_series_reports_missing_parts_with_reasons_instead_of_failing() {
    let s = btc();
    // 30 bars: grades, rating, levels and metrics, but no signal yet.
    let a = analyze(&s.truncated(30), &AnalyzeOptions::default()).unwrap();
    assert!(a.signal.is_none() && a.backtest.is_none() && a.flips.is_empty());
    assert!(a.trader_grade.is_some() && a.rating.is_some() && a.levels.is_some());
    let signal_gap = a.unavailable.iter().find(|u| u.part == "signal").unwrap();
    assert_eq!(signal_gap.code, "TOO_SHORT");
    assert!(
        signal_gap.reason.contains(&format!("at least {WARMUP}")),
        "{signal_gap:?}"
    );
    // 5 bars: only the metrics.
    let a = analyze(&s.truncated(5), &AnalyzeOptions::default()).unwrap();
    assert!(a.metrics.is_some());
    let mut parts: Vec<&str> = a.unavailable.iter().map(|u| u.part.as_str()).collect();
    parts.sort_unstable();
    assert_eq!(
        parts,
        [
            "backtest",
            "class",
            "investor_grade",
            "levels",
            "rating",
            "signal",
            "trader_grade"
        ]
    );
    assert!(!a.summary.text.is_empty());
    // Below MIN_POINTS nothing can be computed: an error.
    let err = analyze(&s.truncated(MIN_POINTS - 1), &AnalyzeOptions::default()).unwrap_err();
    assert_eq!(err, Error::TooShort { len: 2, needed: 3 });
}

#[test]
fn window_with_one_bar_keeps_flips_but_has_no_backtest() {
    let a = analyze(&btc(), &window("2025-07-31", "2025-07-31")).unwrap();
    assert_eq!(a.window.bars, 1);
    assert!(a.backtest.is_none());
    assert_eq!(
        a.unavailable
            .iter()
            .find(|u| u.part == "backtest")
            .unwrap()
            .code,
        "TOO_SHORT"
    );
}

#[test]
fn bad_windows_are_errors_naming_the_date() {
    let s = btc();
    for (from, to, name, says) in [
        ("2024-02-30", "2025-01-01", "from", "must be a date"),
        ("2024-01-01", "31/01/2025", "to", "must be a date"),
        ("2025-01-02", "2025-01-01", "from", "must not be after"),
        ("2026-01-01", "2026-02-01", "from", "2025-07-31"),
        ("2020-01-01", "2020-12-31", "to", "no bar"),
    ] {
        let err = analyze(&s, &window(from, to)).unwrap_err();
        let text = err.to_string();
        assert_eq!(err.code(), "INVALID_PARAMETER", "{text}");
        assert!(
            text.contains(&format!("`{name}`")) && text.contains(says),
            "{text}"
        );
    }
    let inner_window = AnalyzeOptions {
        backtest: BacktestConfig {
            from: Some("2024-01-01".into()),
            ..Default::default()
        },
        ..Default::default()
    };
    assert_eq!(
        analyze(&s, &inner_window).unwrap_err().code(),
        "INVALID_PARAMETER"
    );
}

#[test]
fn fundamentals_give_the_size_class_and_feed_the_investor_grade() {
    let s = btc();
    let f = Fundamentals {
        market_cap: Some(2.3e12),
        fdv: Some(2.4e12),
        circulating_supply: Some(19.9e6),
        max_supply: Some(21e6),
        total_volume: Some(40e9),
        first_trade: None,
    };
    let opts = AnalyzeOptions {
        name: Some("Bitcoin".into()),
        symbol: Some("BTC".into()),
        fundamentals: Some(f),
        ..Default::default()
    };
    let a = analyze(&s, &opts).unwrap();
    assert_eq!(a.class, Some(MarketCapClass::Large));
    assert!(a.unavailable.is_empty(), "{:?}", a.unavailable);
    let inv = a.investor_grade.unwrap();
    assert!(inv.component("size").is_some() && inv.component("dilution").is_some());
    assert!(
        a.summary.text.starts_with("Bitcoin (BTC) is a large cap"),
        "{}",
        a.summary.text
    );

    let negative = AnalyzeOptions {
        fundamentals: Some(Fundamentals {
            market_cap: Some(-1.0),
            ..Default::default()
        }),
        ..Default::default()
    };
    assert_eq!(analyze(&s, &negative).unwrap_err().code(), "INVALID_INPUT");
}

#[test]
fn benchmark_adds_relative_strength_and_beta_on_shared_dates() {
    let (s, b) = (fet(), btc());
    let a = analyze(
        &s,
        &AnalyzeOptions {
            benchmark: Some(&b),
            ..Default::default()
        },
    )
    .unwrap();
    let rel = a.metrics.as_ref().unwrap().benchmark.unwrap();
    assert!(rel.beta.is_some_and(f64::is_finite));
    assert!(rel.correlation.is_some_and(|c| (0.0..=1.0).contains(&c)));
    // No component of the Trader Grade reads the benchmark: it is the same.
    let alone = analyze(&s, &AnalyzeOptions::default()).unwrap();
    assert_eq!(a.trader_grade, alone.trader_grade);
    // A benchmark with no date in common: beta is absent, with the reason.
    let early = b.truncated(1);
    let a = analyze(
        &s.truncated(200),
        &AnalyzeOptions {
            benchmark: Some(&early),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(a.metrics.unwrap().benchmark.is_none());
    assert!(a.unavailable.iter().any(|u| u.part == "metrics.benchmark"));
}

#[test]
fn json_keys_are_the_documented_snake_case_contract() {
    let a = analyze(&fet(), &window("2024-11-01", "2025-06-12")).unwrap();
    let v = serde_json::to_value(&a).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut want = vec![
        "schema_version",
        "data",
        "window",
        "signal",
        "flips",
        "rating",
        "trader_grade",
        "investor_grade",
        "class",
        "market_cap",
        "levels",
        "metrics",
        "backtest",
        "summary",
        "unavailable",
    ];
    let mut got = keys.clone();
    got.sort_unstable();
    want.sort_unstable();
    assert_eq!(got, want);
    for f in v["flips"].as_array().unwrap() {
        for k in ["date", "price", "state"] {
            assert!(!f[k].is_null(), "{f}");
        }
    }
    for k in [
        "trades",
        "total_return",
        "buy_hold_return",
        "max_drawdown",
        "buy_hold_max_drawdown",
        "win_rate",
        "sharpe",
    ] {
        assert!(v["backtest"].get(k).is_some(), "{k}");
    }
    assert!(matches!(
        v["signal"]["state"].as_str(),
        Some("bullish" | "bearish" | "neutral")
    ));
    assert!(v["trader_grade"]["components"].is_array());
    assert!(v["investor_grade"]["components"].is_array());
    // Round trip: the record reads back as written.
    let back: tokenlens_core::analysis::analyze::Analysis = serde_json::from_value(v).unwrap();
    assert_eq!(back, a);
    assert_ne!(a.signal.unwrap().state, SignalState::Unknown);
}

#[test]
fn a_flip_says_when_a_crash_ended_a_bullish_state() {
    let mut close: Vec<f64> = (0..150)
        .map(|i| 10.0 * (0.01 * i as f64 + 0.03 * (i as f64 * 1.7).sin()).exp())
        .collect();
    let top = close[149];
    close.extend([top * 0.85, top * 0.72, top * 0.6]);
    let t = (0..close.len() as i64)
        .map(|i| 1_704_067_200 + i * 86_400)
        .collect();
    let s = PriceSeries::from_closes(Interval::Daily, t, close).unwrap();
    let a = analyze(&s, &AnalyzeOptions::default()).unwrap();
    let last = a.flips.last().unwrap();
    assert!(last.crash && last.from == SignalState::Bullish, "{last:?}");
    assert!(a.flips[..a.flips.len() - 1].iter().all(|f| !f.crash));
}

//! Trader and Investor Grades over synthetic regimes built in code: what
//! each regime must score, and the properties every grade keeps.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

mod common;

use common::{candles, close_only, closes, leg, regime, regime_seeded};
use tokenlens_core::analysis::grades::{
    Fundamentals, Grade, RATING_WEIGHT, TraderOptions, investor_grade, investor_score,
    trader_grade, trader_score,
};
use tokenlens_core::analysis::{Interval, PriceSeries};

const SEEDS: std::ops::RangeInclusive<u64> = 1..=12;

fn with_bench(series: &PriceSeries) -> Grade {
    let bench = regime("benchmark");
    let opts = TraderOptions {
        benchmark: Some(&bench),
        ..Default::default()
    };
    trader_grade(series, &opts).unwrap()
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    (xs[(n - 1) / 2] + xs[n / 2]) / 2.0
}

fn assert_well_formed(g: &Grade, what: &str) {
    assert!(
        (0.0..=100.0).contains(&g.total),
        "{what}: total {}",
        g.total
    );
    assert!((0.0..=1.0).contains(&g.confidence), "{what}: confidence");
    let sum: f64 = g.components.iter().map(|c| c.weight).sum();
    assert!((sum - 1.0).abs() < 1e-12, "{what}: weights sum to {sum}");
    for c in &g.components {
        assert!(
            (0.0..=100.0).contains(&c.value),
            "{what}: {} {}",
            c.name,
            c.value
        );
        assert!(c.raw.is_finite(), "{what}: {} raw {}", c.name, c.raw);
        assert!(!c.explanation.is_empty(), "{what}: {} unexplained", c.name);
    }
    let recomputed: f64 = g.components.iter().map(|c| c.value * c.weight).sum();
    assert!(
        (recomputed - g.total).abs() < 1e-9,
        "{what}: total is the weighted mean"
    );
}

/// Each regime over twelve noise draws: the median in its band, and no
/// draw far outside it (a short-term grade reads the last weeks, so one
/// draw may end on a counter-move).
#[test]
fn regimes_score_in_their_bands() {
    // (regime, median range, every draw within)
    let cases = [
        ("uptrend", 70.0..=100.0, 50.0..=100.0),
        ("crash", 0.0..=30.0, 0.0..=35.0),
        ("chop", 40.0..=60.0, 20.0..=80.0),
        ("pump_and_dump", 0.0..=25.0, 0.0..=30.0),
    ];
    for (name, median_band, every) in cases {
        let totals: Vec<f64> = SEEDS
            .map(|seed| {
                let g = with_bench(&regime_seeded(name, seed));
                assert_well_formed(&g, name);
                g.total
            })
            .collect();
        for t in &totals {
            assert!(every.contains(t), "{name}: {totals:?}");
        }
        let m = median(totals.clone());
        assert!(median_band.contains(&m), "{name}: median {m} of {totals:?}");
    }
    // The fixed draw used across the other tests lands in the headline band.
    assert!(with_bench(&regime("uptrend")).total >= 70.0);
    assert!(with_bench(&regime("crash")).total <= 30.0);
}

#[test]
fn pump_scores_strong_at_the_top_and_weak_after_the_dump() {
    for seed in SEEDS {
        let s = regime_seeded("pump_and_dump", seed);
        let top = with_bench(&s.truncated(260)); // the 20th day of the pump
        let after = with_bench(&s);
        assert!(top.total >= 80.0, "seed {seed}: top {}", top.total);
        assert!(after.total <= 30.0, "seed {seed}: after {}", after.total);
        assert!(top.component("rsi").unwrap().raw > 70.0);
    }
}

#[test]
fn new_listing_has_a_valid_grade_with_low_confidence() {
    let s = regime("uptrend").truncated(20);
    let g = trader_grade(&s, &TraderOptions::default()).unwrap();
    assert_well_formed(&g, "new listing");
    assert!(g.confidence < 0.2, "confidence {}", g.confidence);
    let dropped: Vec<&str> = g.dropped.iter().map(|d| d.name.as_str()).collect();
    for name in ["macd", "adx", "volatility_regime", "relative_strength"] {
        assert!(dropped.contains(&name), "{name} not dropped: {dropped:?}");
    }
    assert!(g.component("trend").is_some() && g.component("rsi").is_some());
    assert!(g.change_24h.is_some()); // 19 points a day ago
    assert_eq!(g.change_7d, None); // 13 points a week ago: too short
    let too_short = trader_score(&s.truncated(14), None, None).unwrap_err();
    assert_eq!(too_short.code(), "TOO_SHORT");
}

#[test]
fn close_only_series_drops_components_and_renormalises() {
    let full = regime("uptrend");
    let closes = close_only(Interval::Daily, &full.close);
    let (g_full, g_close) = (
        trader_grade(&full, &TraderOptions::default()).unwrap(),
        trader_grade(&closes, &TraderOptions::default()).unwrap(),
    );
    assert_well_formed(&g_close, "close only");
    let dropped: Vec<&str> = g_close.dropped.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(dropped, ["adx", "volume", "relative_strength"]);
    // trend keeps its nominal weight of 0.2 within the 0.7 still present
    let w = g_close.component("trend").unwrap().weight;
    assert!((w - 0.2 / 0.7).abs() < 1e-12, "{w}");
    assert!(g_close.confidence < g_full.confidence);
    assert!((g_close.confidence - 0.7).abs() < 1e-12);
    assert!((g_full.confidence - 0.9).abs() < 1e-12); // no benchmark
    // The components computed from closes are the same numbers.
    for name in ["trend", "rsi", "macd", "sharpe", "volatility_regime"] {
        let (a, b) = (
            g_full.component(name).unwrap(),
            g_close.component(name).unwrap(),
        );
        assert_eq!((a.value, a.raw), (b.value, b.raw), "{name}");
    }
}

#[test]
fn seven_days_of_hourly_prices_alone_give_a_grade() {
    let c = closes(&[leg(168, 0.002, 0.008)], 0.0, 3);
    let s = close_only(Interval::Hourly, &c);
    let g = trader_grade(&s, &TraderOptions::default()).unwrap();
    assert_well_formed(&g, "7 d hourly");
    assert!(g.component("trend").is_some() && g.component("macd").is_some());
    assert!(g.confidence < 0.7, "{}", g.confidence);
    assert!(g.confidence > 0.3, "{}", g.confidence);
    // 24 h = 24 points, 7 d = 168 points: a week ago there was no history.
    let then = trader_score(&s.truncated(144), None, None).unwrap();
    assert_eq!(g.change_24h, Some(g.total - then.total));
    assert_eq!(g.change_7d, None);
}

#[test]
fn changes_are_recomputed_on_the_truncated_history() {
    let bench = regime("benchmark");
    for (s, day) in [
        (regime("chop"), 1),
        (
            candles(
                Interval::Hourly,
                &closes(&[leg(400, 0.0005, 0.01)], 0.0, 5),
                0.01,
                9,
            ),
            24,
        ),
    ] {
        let opts = TraderOptions {
            benchmark: Some(&bench),
            ..Default::default()
        };
        let g = trader_grade(&s, &opts).unwrap();
        let n = s.len();
        let at = |len: usize| trader_score(&s.truncated(len), Some(&bench), None).unwrap();
        assert_eq!(g.change_24h, Some(g.total - at(n - day).total));
        assert_eq!(g.change_7d, Some(g.total - at(n - 7 * day).total));
        let inv = investor_grade(&s, &Fundamentals::default()).unwrap();
        let then = investor_score(&s.truncated(n - 7 * day), &Fundamentals::default()).unwrap();
        assert_eq!(inv.change_7d, Some(inv.total - then.total));
        assert_eq!(inv.change_24h, None);
    }
}

fn scaled(s: &PriceSeries, price: f64, volume: f64) -> PriceSeries {
    let m = |c: &Option<Vec<f64>>, k: f64| c.as_ref().map(|v| v.iter().map(|x| x * k).collect());
    PriceSeries {
        open: m(&s.open, price),
        high: m(&s.high, price),
        low: m(&s.low, price),
        close: s.close.iter().map(|x| x * price).collect(),
        volume: m(&s.volume, volume),
        ..s.clone()
    }
    .validated()
    .unwrap()
}

/// Scaling every price by a constant changes no Trader Grade; a
/// redenomination (prices × k, volumes ÷ k: the same dollars traded)
/// changes no Investor Grade.
#[test]
fn grades_do_not_depend_on_the_unit_of_price() {
    for name in ["uptrend", "crash", "chop", "pump_and_dump"] {
        let s = regime(name);
        let (t, i) = (
            with_bench(&s),
            investor_grade(&s, &Fundamentals::default()).unwrap(),
        );
        for k in [1e-7, 0.37, 3.0, 25_000.0] {
            let t2 = with_bench(&scaled(&s, k, 1.0));
            let i2 = investor_grade(&scaled(&s, k, 1.0 / k), &Fundamentals::default()).unwrap();
            for (a, b) in [(t.total, t2.total), (i.total, i2.total)] {
                assert!((a - b).abs() < 1e-6, "{name} × {k}: {a} vs {b}");
            }
            assert!((t.change_7d.unwrap() - t2.change_7d.unwrap()).abs() < 1e-6);
        }
    }
}

#[test]
fn grades_stay_in_range_on_extreme_series() {
    let flat = close_only(Interval::Daily, &[5.0; 60]);
    let doubling: Vec<f64> = (0..60).map(|i| 2f64.powi(i)).collect();
    let halving: Vec<f64> = (0..60).map(|i| 0.5f64.powi(i)).collect();
    let zigzag: Vec<f64> = (0..300)
        .map(|i| if i % 2 == 0 { 1.0 } else { 100.0 })
        .collect();
    for (what, c) in [
        ("flat", flat.close.clone()),
        ("doubling", doubling),
        ("halving", halving),
        ("zigzag", zigzag),
    ] {
        let s = close_only(Interval::Daily, &c);
        assert_well_formed(&trader_grade(&s, &TraderOptions::default()).unwrap(), what);
        assert_well_formed(&investor_grade(&s, &Fundamentals::default()).unwrap(), what);
    }
    let flat = trader_grade(&flat, &TraderOptions::default()).unwrap();
    assert!((flat.total - 50.0).abs() < 10.0, "flat {}", flat.total);
}

#[test]
fn a_rating_enters_with_its_own_weight() {
    let s = regime("uptrend");
    let base = trader_grade(&s, &TraderOptions::default()).unwrap();
    let rated = trader_grade(
        &s,
        &TraderOptions {
            rating: Some(1.0),
            ..Default::default()
        },
    )
    .unwrap();
    assert_well_formed(&rated, "rated");
    let r = rated.component("rating").unwrap();
    assert_eq!((r.value, r.weight), (100.0, RATING_WEIGHT));
    let want = (1.0 - RATING_WEIGHT) * base.total + RATING_WEIGHT * 100.0;
    assert!((rated.total - want).abs() < 1e-9);
    assert_eq!(rated.confidence, base.confidence);
    // No past rating: the changes compare both grades without it.
    assert_eq!(rated.change_7d, base.change_7d);
    let with_past = trader_grade(
        &s,
        &TraderOptions {
            rating: Some(1.0),
            rating_7d_ago: Some(-1.0),
            ..Default::default()
        },
    )
    .unwrap();
    let then = trader_score(&s.truncated(s.len() - 7), None, Some(-1.0)).unwrap();
    assert_eq!(with_past.change_7d, Some(with_past.total - then.total));
    for bad in [1.5, -1.01, f64::NAN] {
        let err = trader_score(&s, None, Some(bad)).unwrap_err();
        assert_eq!(err.code(), "INVALID_INPUT");
    }
}

#[test]
fn relative_strength_needs_an_overlapping_benchmark() {
    let s = regime("uptrend");
    let g = with_bench(&s);
    let rs = g.component("relative_strength").unwrap();
    assert!(rs.raw > 0.0 && rs.value > 50.0, "{rs:?}");
    // A benchmark that ends before the series does not describe now.
    let old = regime("benchmark").truncated(200);
    let opts = TraderOptions {
        benchmark: Some(&old),
        ..Default::default()
    };
    let g = trader_grade(&s, &opts).unwrap();
    assert!(g.component("relative_strength").is_none());
    assert!(g.dropped.iter().any(|d| d.name == "relative_strength"));
}

#[test]
fn gaps_lower_confidence() {
    let s = regime("chop");
    let mut gappy = s.clone();
    for t in gappy.timestamps.iter_mut().skip(150) {
        *t += 30 * 86_400; // 30 missing days in the middle
    }
    let (a, b) = (
        trader_score(&s, None, None).unwrap(),
        trader_score(&gappy, None, None).unwrap(),
    );
    assert!((b.confidence - a.confidence * 300.0 / 330.0).abs() < 1e-12);
}

#[test]
fn investor_components_follow_their_anchors() {
    let s = regime("uptrend");
    // (fundamentals, component, expected value)
    let f = |market_cap: f64, fdv: f64, circ: f64, max: f64, vol: f64| Fundamentals {
        market_cap: Some(market_cap),
        fdv: Some(fdv),
        circulating_supply: Some(circ),
        max_supply: Some(max),
        total_volume: Some(vol),
        first_trade: None,
    };
    let cases = [
        (f(1e9, 2e9, 50.0, 100.0, 5e7), "dilution", 50.0),
        (f(1e9, 1e9, 100.0, 100.0, 5e7), "dilution", 100.0),
        (f(1e9, 2e9, 50.0, 100.0, 5e7), "size", 60.0),
        (f(1e11, 2e11, 50.0, 100.0, 5e7), "size", 100.0),
        (f(1e9, 2e9, 50.0, 100.0, 5e7), "liquidity", 80.0), // 5 % turnover
        (f(1e9, 2e9, 50.0, 100.0, 1e7), "liquidity", 40.0), // 1 %
        (f(1e9, 2e9, 50.0, 100.0, 1e6), "liquidity", 0.0),  // 0.1 %
    ];
    for (fund, name, want) in cases {
        let g = investor_grade(&s, &fund).unwrap();
        assert_well_formed(&g, name);
        let got = g.component(name).unwrap().value;
        assert!((got - want).abs() < 1e-9, "{name}: {got}, want {want}");
        assert!(g.dropped.is_empty(), "{:?}", g.dropped);
    }
    let none = investor_grade(
        &close_only(Interval::Daily, &s.close),
        &Fundamentals::default(),
    )
    .unwrap();
    let dropped: Vec<&str> = none.dropped.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(dropped, ["liquidity", "dilution", "size"]);
    let full = investor_grade(&s, &cases[0].0).unwrap();
    assert!(none.confidence < full.confidence);
    // An earlier first trade lengthens the history.
    let old = Fundamentals {
        first_trade: Some(s.timestamps[0] - 4 * 366 * 86_400),
        ..Default::default()
    };
    let g = investor_grade(&s, &old).unwrap();
    assert_eq!(g.component("history").unwrap().value, 100.0);
    let bad = Fundamentals {
        fdv: Some(-1.0),
        ..Default::default()
    };
    assert_eq!(
        investor_grade(&s, &bad).unwrap_err().code(),
        "INVALID_INPUT"
    );
}

#[test]
fn investor_grade_ranks_quality_above_collapse() {
    let (up, crash) = (regime("uptrend"), regime("crash"));
    let f = Fundamentals::default();
    let (a, b) = (
        investor_grade(&up, &f).unwrap(),
        investor_grade(&crash, &f).unwrap(),
    );
    assert!(a.total > b.total + 30.0, "{} vs {}", a.total, b.total);
    let dd = b.component("drawdown").unwrap();
    assert!(dd.raw < -0.8 && dd.value < 10.0, "{dd:?}");
}

#[test]
fn grades_serialise_with_their_components() {
    let g = with_bench(&regime("chop"));
    let json = serde_json::to_value(&g).unwrap();
    assert_eq!(json["components"].as_array().unwrap().len(), 8);
    assert!(json["components"][0]["explanation"].is_string());
    let back: Grade = serde_json::from_value(json).unwrap();
    assert_eq!(back, g);
}

//! Support and resistance levels over synthetic regimes, and the
//! plain-language summary built from grades and levels.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

mod common;

use common::{close_only, regime, timestamps};
use tokenlens_core::MarketCapClass;
use tokenlens_core::analysis::grades::{Fundamentals, TraderOptions, investor_grade, trader_grade};
use tokenlens_core::analysis::levels::{LevelKind, LevelsConfig, levels};
use tokenlens_core::analysis::summary::{
    GradeFigures, LevelFigure, SignalFigures, SignalState, SummaryInput, summarize,
};
use tokenlens_core::analysis::{Interval, PriceSeries};

#[test]
fn supports_are_below_the_last_close_and_resistances_above() {
    for name in ["uptrend", "crash", "chop", "pump_and_dump"] {
        for s in [
            regime(name),
            close_only(Interval::Daily, &regime(name).close),
        ] {
            let l = levels(&s, &LevelsConfig::default()).unwrap();
            assert!(!l.levels.is_empty(), "{name}");
            let last = *s.close.last().unwrap();
            for lv in &l.levels {
                match lv.kind {
                    LevelKind::Support => assert!(lv.price < last, "{name}: {lv:?}"),
                    LevelKind::Resistance => assert!(lv.price >= last, "{name}: {lv:?}"),
                }
                assert!(lv.touches >= 1 && lv.first_touch <= lv.last_touch);
            }
            assert!(l.levels.windows(2).all(|w| w[0].price <= w[1].price));
            let touches: usize = l.levels.iter().map(|l| l.touches).sum();
            assert!(touches >= l.levels.len());
        }
    }
}

/// Closes bouncing between a floor at 10 and a ceiling at 20 (period 20
/// points), ending mid-range: one support with a touch per trough, one
/// resistance with a touch per peak, dated on the swings.
#[test]
fn a_range_gives_its_floor_and_ceiling_with_their_touches() {
    // (length, supports touches, resistance touches)
    let check = |n: usize, want_support: usize, want_resistance: usize| {
        let close: Vec<f64> = (0..n)
            .map(|i| 15.0 + 5.0 * (i as f64 * std::f64::consts::PI / 10.0).sin())
            .collect();
        let s = close_only(Interval::Daily, &close);
        let l = levels(&s, &LevelsConfig::default()).unwrap();
        let sup = l.nearest_support().unwrap();
        let res = l.nearest_resistance().unwrap();
        assert!(
            (sup.price - 10.0).abs() < 1e-9 && (res.price - 20.0).abs() < 1e-9,
            "{l:?}"
        );
        assert_eq!(
            (sup.touches, res.touches),
            (want_support, want_resistance),
            "n = {n}"
        );
        assert_eq!(res.first_touch, s.date(5)); // the first peak
        assert_eq!(sup.first_touch, s.date(15)); // the first trough
        assert_eq!(l.levels.len(), 2);
    };
    check(61, 3, 3); // peaks 5, 25, 45; troughs 15, 35, 55 (55 + 5 < 61)
    check(60, 2, 3); // trough 55 is not yet confirmed by 5 later points
    check(101, 5, 5);
}

#[test]
fn pivot_points_come_from_the_previous_week_or_day() {
    // Daily: 2024-01-01 is a Monday; 17 days end on Wednesday 2024-01-17, so
    // the last complete week is 2024-01-08 … 2024-01-14 (points 7 to 13).
    let close: Vec<f64> = (0..17).map(|i| 100.0 + i as f64).collect();
    let high: Vec<f64> = close.iter().map(|c| c + 2.0).collect();
    let low: Vec<f64> = close.iter().map(|c| c - 3.0).collect();
    let s = PriceSeries {
        high: Some(high),
        low: Some(low),
        ..close_only(Interval::Daily, &close)
    }
    .validated()
    .unwrap();
    let p = levels(&s, &LevelsConfig::default())
        .unwrap()
        .pivots
        .unwrap();
    assert_eq!(
        (p.from.as_str(), p.to.as_str()),
        ("2024-01-08", "2024-01-14")
    );
    assert_eq!((p.high, p.low, p.close), (115.0, 104.0, 113.0));
    assert!((p.p - (115.0 + 104.0 + 113.0) / 3.0).abs() < 1e-12);
    assert!((p.r1 - (2.0 * p.p - 104.0)).abs() < 1e-12);
    // Hourly closes only: the previous UTC day, high and low from closes.
    let close: Vec<f64> = (0..60).map(|i| 50.0 + (i % 24) as f64).collect();
    let s = close_only(Interval::Hourly, &close);
    let p = levels(&s, &LevelsConfig::default())
        .unwrap()
        .pivots
        .unwrap();
    assert_eq!(
        (p.from.as_str(), p.to.as_str()),
        ("2024-01-02", "2024-01-02")
    );
    assert_eq!((p.high, p.low, p.close), (73.0, 50.0, 73.0));
    // Within the first period there is no previous one.
    let s = close_only(Interval::Hourly, &close[..20]);
    assert!(
        levels(&s, &LevelsConfig::default())
            .unwrap()
            .pivots
            .is_none()
    );
    assert_eq!(timestamps(Interval::Daily, 1)[0] % 86_400, 0);
}

fn eth_input() -> SummaryInput {
    SummaryInput {
        name: "Ethereum".into(),
        symbol: "ETH".into(),
        price: Some(1_905.5),
        market_cap: Some(229.1e9),
        market_cap_class: Some(MarketCapClass::Large),
        trader_grade: Some(GradeFigures {
            value: 72.4,
            change_24h: Some(-1.2),
            change_7d: Some(5.3),
            confidence: Some(0.9),
            strongest: Some("volatility_30".into()),
            weakest: Some("reversal_7".into()),
        }),
        investor_grade: Some(GradeFigures {
            value: 64.0,
            confidence: Some(0.3),
            ..Default::default()
        }),
        signal: Some(SignalFigures {
            state: SignalState::Bullish,
            strength: Some(0.62),
            since: Some("2025-07-02".into()),
        }),
        volatility: Some(0.62),
        max_drawdown: Some(-0.58),
        distance_from_ath: Some(-0.21),
        nearest_support: Some(LevelFigure {
            price: 1_820.0,
            touches: 3,
        }),
        nearest_resistance: Some(LevelFigure {
            price: 2_050.0,
            touches: 1,
        }),
    }
}

#[test]
fn summary_states_the_figures_it_was_given() {
    let s = summarize(&eth_input());
    assert_eq!(
        s.text,
        "Ethereum (ETH) is a large cap (market cap $229.10B, price $1,905.50). \
         Trader Grade 72 (+5 over 7 d, −1 over 24 h): good outlook for the next week, led by \
         its calm (30-day volatility), held back by the last week's move. \
         Investor Grade 64: good outlook for the next month (low confidence, 30%: short \
         history or missing data). \
         Signal bullish since 2025-07-02 (strength 0.62). \
         Risk: volatility 62% a year, max drawdown −58%, 21% below its all-time high. \
         Nearest support $1,820.00 (3 touches), nearest resistance $2,050.00 (1 touch)."
    );
    assert_eq!(s.sentences.join(" "), s.text);
    let t = s.trader_grade.as_ref().unwrap();
    assert_eq!(
        (t.value, t.band.as_str(), t.change_7d, t.change_24h),
        (72, "good", Some(5), Some(-1))
    );
    assert!(s.investor_grade.as_ref().unwrap().low_confidence);
    // Deterministic, and the structured form round-trips.
    assert_eq!(summarize(&eth_input()), s);
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(
        serde_json::from_str::<tokenlens_core::analysis::summary::Summary>(&json).unwrap(),
        s
    );
}

#[test]
fn summary_bands_and_missing_parts() {
    // (grade, band)
    let cases = [
        (95.0, "strong"),
        (80.0, "strong"),
        (79.6, "strong"),
        (60.0, "good"),
        (45.0, "neutral"),
        (24.3, "weak"),
        (3.0, "very weak"),
    ];
    for (value, band) in cases {
        let s = summarize(&SummaryInput {
            symbol: "PEPE".into(),
            trader_grade: Some(GradeFigures {
                value,
                ..Default::default()
            }),
            ..Default::default()
        });
        let g = s.trader_grade.unwrap();
        assert_eq!(g.band, band, "{value}");
        assert!(
            s.text.starts_with(&format!(
                "Trader Grade {}: {band} outlook for the next week",
                value.round()
            )),
            "{}",
            s.text
        );
    }
    let empty = summarize(&SummaryInput::default());
    assert_eq!(empty.text, "No figures are available for this token.");
}

#[test]
fn summary_of_computed_grades_and_levels_mentions_their_numbers() {
    let s = regime("uptrend");
    let t = trader_grade(&s, &TraderOptions::default()).unwrap();
    let i = investor_grade(&s, &Fundamentals::default()).unwrap();
    let l = levels(&s, &LevelsConfig::default()).unwrap();
    let (support, resistance) = LevelFigure::nearest(&l);
    let input = SummaryInput {
        name: "Synthetic".into(),
        symbol: "SYN".into(),
        price: s.close.last().copied(),
        trader_grade: Some(GradeFigures::of(&t)),
        investor_grade: Some(GradeFigures::of(&i)),
        nearest_support: support,
        nearest_resistance: resistance,
        ..Default::default()
    };
    let out = summarize(&input);
    assert!(
        out.text
            .contains(&format!("Trader Grade {}", t.total.round())),
        "{}",
        out.text
    );
    assert!(
        out.text
            .contains(&format!("Investor Grade {}", i.total.round()))
    );
    let sup = support.unwrap();
    assert!(
        out.text
            .contains(&tokenlens_core::format::price_usd(sup.price))
    );
    assert!(out.text.contains("led by"));
    assert_eq!(summarize(&input).text, out.text);
}

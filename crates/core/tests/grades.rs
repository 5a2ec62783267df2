//! Trader and Investor Grades over synthetic series built in code: what the
//! evidence-built components must read, and the properties every grade keeps.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

mod common;

use common::{close_only, closes, leg, regime_seeded};
use tokenlens_core::Error;
use tokenlens_core::analysis::grades::{
    Fundamentals, Grade, INVESTOR_MODEL, TRADER_MODEL, TraderOptions, investor_grade,
    investor_score, trader_grade, trader_score,
};
use tokenlens_core::analysis::{Interval, PriceSeries};

fn daily(close: &[f64]) -> PriceSeries {
    close_only(Interval::Daily, close)
}

fn trader(s: &PriceSeries) -> Grade {
    trader_grade(s, &TraderOptions::default()).unwrap()
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
}

#[test]
fn the_models_are_well_formed() {
    for model in [TRADER_MODEL, INVESTOR_MODEL] {
        let sum: f64 = model.parts.iter().map(|p| p.weight).sum();
        assert!((sum - 1.0).abs() < 1e-12);
        assert!(model.stretch > 0.0 && model.smoothing >= 1);
        for p in model.parts {
            assert!(p.scale > 0.0 && p.sign.abs() == 1.0, "{:?}", p.input);
            assert_eq!(p.score(p.center), 50.0);
        }
    }
}

#[test]
fn every_regime_gives_a_well_formed_grade() {
    for name in ["uptrend", "crash", "chop", "pump_and_dump"] {
        for seed in 1..=6 {
            let s = regime_seeded(name, seed);
            assert_well_formed(&trader(&s), name);
            assert_well_formed(&investor_grade(&s, &Fundamentals::default()).unwrap(), name);
        }
    }
}

/// The evidence: calm tokens and last week's losers did better the next
/// week. Same path, ten times the noise, grades lower; same noise, a fall
/// in the last week rather than a rise, grades higher.
#[test]
fn calm_and_last_weeks_losers_grade_higher() {
    for seed in 1..=8 {
        let calm = daily(&closes(&[leg(120, 0.0, 0.01)], 0.0, seed));
        let wild = daily(&closes(&[leg(120, 0.0, 0.10)], 0.0, seed));
        assert!(trader(&calm).total > trader(&wild).total, "seed {seed}");
        let base = [leg(113, 0.0, 0.03)];
        let fell = daily(&closes(&[base[0], leg(7, -0.02, 0.03)], 0.0, seed));
        let rose = daily(&closes(&[base[0], leg(7, 0.02, 0.03)], 0.0, seed));
        let (f, r) = (trader(&fell), trader(&rose));
        assert!(
            f.component("reversal_7").unwrap().value > r.component("reversal_7").unwrap().value,
            "seed {seed}"
        );
        assert!(f.total > r.total, "seed {seed}: {} vs {}", f.total, r.total);
        let i_fell = investor_score(&fell, &Fundamentals::default()).unwrap();
        let i_rose = investor_score(&rose, &Fundamentals::default()).unwrap();
        assert!(i_fell.total > i_rose.total, "seed {seed}");
    }
}

#[test]
fn changes_are_the_grade_of_the_history_as_it_stood() {
    let s = regime_seeded("chop", 3);
    let g = trader(&s);
    let n = s.len();
    let then = trader_score(&s.truncated(n - 7), None).unwrap();
    assert!((g.change_7d.unwrap() - (g.total - then.total)).abs() < 1e-9);
    let day = trader_score(&s.truncated(n - 1), None).unwrap();
    assert!((g.change_24h.unwrap() - (g.total - day.total)).abs() < 1e-9);
    let i = investor_grade(&s, &Fundamentals::default()).unwrap();
    let i_then = investor_score(&s.truncated(n - 7), &Fundamentals::default()).unwrap();
    assert!((i.change_7d.unwrap() - (i.total - i_then.total)).abs() < 1e-9);
    assert_eq!(i.change_24h, None);
}

#[test]
fn short_histories_are_typed_errors_or_partial_grades() {
    let s = regime_seeded("chop", 1);
    let err = trader_score(&s.truncated(14), None).unwrap_err();
    assert_eq!(
        err,
        Error::TooShort {
            len: 14,
            needed: 15
        }
    );
    // Fifteen daily points: both components on the history there is, with
    // less confidence.
    let partial = trader_score(&s.truncated(15), None).unwrap();
    let full = trader_score(&s, None).unwrap();
    assert!(partial.confidence < full.confidence);
    assert_eq!(partial.components.len(), 2);
    // A week of hourly points (a live sparkline) grades, with low confidence.
    let hourly = close_only(Interval::Hourly, &closes(&[leg(168, 0.0, 0.004)], 0.0, 5));
    let g = trader_grade(&hourly, &TraderOptions::default()).unwrap();
    assert_well_formed(&g, "hourly week");
    // The 30-day volatility on 7 days counts for 7/30 of its weight.
    assert!((0.55..0.7).contains(&g.confidence), "{}", g.confidence);
}

#[test]
fn a_flat_series_says_it_did_not_move() {
    let flat = daily(&[5.0; 60]);
    let g = trader(&flat);
    let vol = g.component("volatility_30").unwrap();
    assert_eq!(vol.raw, 0.0);
    assert!(
        vol.explanation.starts_with("no movement"),
        "{}",
        vol.explanation
    );
    let rev = g.component("reversal_7").unwrap();
    assert!(
        rev.explanation.starts_with("no change"),
        "{}",
        rev.explanation
    );
    let i = investor_grade(&flat, &Fundamentals::default()).unwrap();
    assert!(i.components[0].explanation.starts_with("no change"));
}

#[test]
fn market_figures_are_shown_unweighted_and_bad_ones_are_errors() {
    let s = regime_seeded("uptrend", 2);
    let f = Fundamentals {
        market_cap: Some(1e9),
        fdv: Some(2e9),
        circulating_supply: Some(50.0),
        max_supply: Some(100.0),
        total_volume: Some(5e7),
        first_trade: None,
    };
    let g = investor_grade(&s, &f).unwrap();
    for name in ["liquidity", "dilution", "size"] {
        let c = g.component(name).unwrap();
        assert_eq!(c.weight, 0.0, "{name}");
        assert!(c.explanation.contains("not weighted"), "{name}");
    }
    assert_eq!(g.component("liquidity").unwrap().value, 80.0); // 5 % turnover
    let bare = investor_grade(&s, &Fundamentals::default()).unwrap();
    let dropped: Vec<&str> = bare.dropped.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(
        dropped,
        ["dilution", "size"],
        "liquidity from the volume column"
    );
    assert_eq!(bare.total, g.total, "market figures carry no weight");
    let bad = Fundamentals {
        market_cap: Some(f64::NAN),
        ..Default::default()
    };
    assert!(matches!(
        investor_grade(&s, &bad),
        Err(Error::InvalidInput { .. })
    ));
}

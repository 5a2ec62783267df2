//! Grades and levels on real daily candles: two years of Binance spot BTC
//! and PEPE (`tests/golden/binance_spot_*_1d_*.csv`, copied from
//! `shared/data/real`, provenance in its `SOURCES.md`). Only sane
//! properties are asserted, never fitted numbers; the values are printed
//! for the record (`cargo test -- --nocapture`).

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

mod common;

use tokenlens_core::analysis::PriceSeries;
use tokenlens_core::analysis::grades::{
    Fundamentals, Grade, TraderOptions, investor_grade, trader_grade,
};
use tokenlens_core::analysis::levels::{LevelKind, LevelsConfig, levels};

fn load(file: &str) -> PriceSeries {
    common::golden_candles(file)
}

fn sane(g: &Grade, what: &str) {
    assert!((0.0..=100.0).contains(&g.total), "{what}: {}", g.total);
    let sum: f64 = g.components.iter().map(|c| c.weight).sum();
    assert!((sum - 1.0).abs() < 1e-12, "{what}: {sum}");
    for c in &g.components {
        assert!(
            (0.0..=100.0).contains(&c.value) && c.raw.is_finite(),
            "{what}: {c:?}"
        );
    }
    assert!(g.change_7d.is_some_and(|c| c.abs() <= 100.0), "{what}");
}

#[test]
fn real_btc_and_pepe_grades_are_sane() {
    let btc = load("binance_spot_BTCUSDT_1d_2023-06-01_2025-07-31.csv");
    let pepe = load("binance_spot_PEPEUSDT_1d_2023-06-09_2025-07-31.csv");
    assert!(btc.len() > 700 && pepe.len() > 700);
    assert_eq!((btc.missing_periods(), pepe.missing_periods()), (0, 0));
    for (name, s, bench) in [("BTC", &btc, None), ("PEPE", &pepe, Some(&btc))] {
        let opts = TraderOptions { benchmark: bench };
        let t = trader_grade(s, &opts).unwrap();
        sane(&t, name);
        assert!(t.change_24h.is_some());
        // Two years of daily candles: full history, full confidence.
        assert!(
            (t.confidence - 1.0).abs() < 1e-12,
            "{name}: {}",
            t.confidence
        );
        let i = investor_grade(s, &Fundamentals::default()).unwrap();
        sane(&i, name);
        // Market figures carry no weight: their absence costs no confidence.
        assert!(
            (i.confidence - 1.0).abs() < 1e-12,
            "{name}: {}",
            i.confidence
        );
        let l = levels(s, &LevelsConfig::default()).unwrap();
        let last = *s.close.last().unwrap();
        assert!(
            l.nearest_support()
                .is_some_and(|x| x.price < last && x.kind == LevelKind::Support)
        );
        assert!(
            l.levels
                .iter()
                .all(|x| (x.price < last) == (x.kind == LevelKind::Support))
        );
        let p = l.pivots.as_ref().unwrap();
        assert!(p.s3 < p.s1 && p.s1 < p.p && p.p < p.r1 && p.r1 < p.r3);
        println!(
            "{name} {}: trader {:.1} (Δ24h {:+.1}, Δ7d {:+.1}, confidence {:.2}), investor {:.1} (Δ7d {:+.1}, confidence {:.2}); {} levels, support {:?}, resistance {:?}",
            s.date(s.len() - 1),
            t.total,
            t.change_24h.unwrap(),
            t.change_7d.unwrap(),
            t.confidence,
            i.total,
            i.change_7d.unwrap(),
            i.confidence,
            l.levels.len(),
            l.nearest_support().map(|x| (x.price, x.touches)),
            l.nearest_resistance().map(|x| (x.price, x.touches)),
        );
        for c in t.components.iter().chain(&i.components) {
            println!(
                "  {:<18} {:>5.1}  w {:.3}  {}",
                c.name, c.value, c.weight, c.explanation
            );
        }
    }
}

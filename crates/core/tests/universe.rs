//! Universe-wide analysis on synthetic universes built in code: the
//! screener, breadth, narrative indices and rotation, and the moonshot
//! ledger.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

mod common;

use common::{candles, closes, leg, regime, timestamps};
use tokenlens_core::analysis::grades::{Fundamentals, trader_score, trader_score_series};
use tokenlens_core::analysis::signal::SignalState;
use tokenlens_core::analysis::{Interval, PriceSeries};
use tokenlens_core::metrics::quantile;
use tokenlens_core::universe::benchmarks::held;
use tokenlens_core::universe::breadth::breadth;
use tokenlens_core::universe::moonshots::{Ledger, Observation, moonshots};
use tokenlens_core::universe::narratives::{
    Narrative, NarrativeTable, index_levels, narratives, relative, rotation,
};
use tokenlens_core::universe::screen::screen;
use tokenlens_core::universe::spread::{MIN_GRADED, grade_bins, grade_history};
use tokenlens_core::universe::{Member, Panel};

const DAY: i64 = 86_400;

fn series_from(start: i64, close: Vec<f64>) -> PriceSeries {
    let t = (0..close.len() as i64).map(|i| start + i * DAY).collect();
    PriceSeries::from_closes(Interval::Daily, t, close).unwrap()
}

fn member(symbol: &str, s: PriceSeries) -> Member {
    (symbol.to_owned(), s, None)
}

/// `n` tokens over `len` days, each a noisy leg with the given drift.
fn universe(n: usize, len: usize, drift: f64) -> Vec<Member> {
    (0..n)
        .map(|i| {
            let c = closes(&[leg(len, drift, 0.02)], 0.0, 100 + i as u64);
            member(
                &format!("T{i}"),
                series_from(timestamps(Interval::Daily, 1)[0], c),
            )
        })
        .collect()
}

#[test]
fn trader_score_series_equals_the_grade_on_every_prefix() {
    let bench = regime("benchmark");
    for (name, series) in [
        ("candles", regime("pump_and_dump")),
        ("close only", {
            let s = regime("crash");
            PriceSeries::from_closes(Interval::Daily, s.timestamps, s.close).unwrap()
        }),
    ] {
        for benchmark in [None, Some(&bench)] {
            let fast = trader_score_series(&series, benchmark);
            assert_eq!(fast.len(), series.len());
            for (t, got) in fast.iter().enumerate() {
                let want = trader_score(&series.truncated(t + 1), benchmark)
                    .ok()
                    .map(|s| s.total);
                match (got, want) {
                    (Some(a), Some(b)) => {
                        assert!((a - b).abs() < 1e-9, "{name} t={t}: {a} vs {b}")
                    }
                    (a, b) => assert_eq!(a.is_some(), b.is_some(), "{name} t={t}"),
                }
            }
        }
    }
}

#[test]
fn screen_keeps_every_good_row_and_types_the_bad_one() {
    let mut u = universe(10, 200, 0.004);
    // Too short for a grade, and an invalid hand-built series.
    u.push(member("SHORT", series_from(1_704_067_200, vec![1.0; 5])));
    let mut bad = u[0].1.clone();
    bad.close[10] = f64::NAN;
    u.push(("GARBAGE".into(), bad, None));
    u[1].2 = Some(Fundamentals {
        market_cap: Some(30e6),
        ..Default::default()
    });
    let (rows, errors) = screen(&u, None);
    assert_eq!(rows.len(), 10);
    let codes: Vec<(&str, &str)> = errors
        .iter()
        .map(|e| (e.symbol.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        codes,
        [("SHORT", "TOO_SHORT"), ("GARBAGE", "INVALID_INPUT")]
    );
    for r in &rows {
        assert!((0.0..=100.0).contains(&r.trader_grade), "{}", r.symbol);
        assert!(r.trader_grade_change_24h.is_some() && r.trader_grade_change_7d.is_some());
        assert!(r.return_30d.is_some() && r.rating.is_some());
    }
    assert_eq!(rows[1].class.map(|c| c.as_str()), Some("micro"));
    assert_eq!(rows[0].class, None);
    // Returns are close-to-close by calendar day.
    let s = &u[3].1;
    let n = s.len();
    let want = s.close[n - 1] / s.close[n - 8] - 1.0;
    assert!((rows[3].return_7d.unwrap() - want).abs() < 1e-12);
}

#[test]
fn grade_history_pools_every_grade_and_has_quartiles_from_twenty_tokens() {
    // 25 tokens over 60 days, the last 5 listed 20 days later.
    let mut u = universe(20, 60, 0.002);
    for i in 0..5 {
        let c = closes(&[leg(40, -0.002, 0.03)], 0.0, 300 + i);
        u.push(member(
            &format!("L{i}"),
            series_from(1_704_067_200 + 20 * DAY, c),
        ));
    }
    let panel = Panel::new(&u, None);
    let h = grade_history(&panel);
    assert_eq!(h.dates.len(), panel.times.len());
    let grades_at = |row: usize| -> Vec<f64> {
        let mut g: Vec<f64> = panel
            .tokens
            .iter()
            .filter_map(|t| t.trader[t.bar(row)?])
            .collect();
        g.sort_by(f64::total_cmp);
        g
    };
    let all: Vec<f64> = (0..panel.times.len()).flat_map(grades_at).collect();
    assert_eq!(h.pooled, grade_bins(&all));
    for (row, q) in h.quartiles.iter().enumerate() {
        let g = grades_at(row);
        match q {
            None => assert!(g.len() < MIN_GRADED, "row {row}"),
            Some(q) => {
                assert_eq!(q.graded, g.len());
                assert_eq!(q.median, quantile(&g, 0.5).unwrap());
                assert_eq!(q.q1, quantile(&g, 0.25).unwrap());
                assert_eq!(q.q3, quantile(&g, 0.75).unwrap());
                let strong = g.iter().filter(|&&x| x >= 80.0).count();
                assert_eq!(q.strong_share, strong as f64 / g.len() as f64);
            }
        }
    }
    assert!(
        h.quartiles
            .iter()
            .any(|q| q.is_some_and(|q| q.graded == 25))
    );
}

/// Breadth on the last row for a whole universe of one regime.
fn last_breadth(u: &[Member]) -> (f64, f64, f64) {
    let p = breadth(&Panel::new(u, None));
    let last = p.last().unwrap();
    (
        last.bullish_share.unwrap(),
        last.strong_share.unwrap(),
        last.above_sma50_share.unwrap(),
    )
}

#[test]
fn breadth_follows_the_regime() {
    // (regime, bullish share range, above-SMA50 share range)
    type Case = (&'static str, f64, (f64, f64), (f64, f64));
    let table: [Case; 3] = [
        ("uptrend", 0.01, (0.8, 1.0), (0.9, 1.0)),
        ("crash", -0.02, (0.0, 0.1), (0.0, 0.1)),
        ("flat", 0.0, (0.0, 0.7), (0.1, 0.9)),
    ];
    for (name, drift, bull, above) in table {
        let u = universe(10, 250, drift);
        let (b, strong, a) = last_breadth(&u);
        assert!((bull.0..=bull.1).contains(&b), "{name}: bullish {b}");
        assert!((above.0..=above.1).contains(&a), "{name}: above {a}");
        // The Trader Grade bets on reversal: a steady week's rise is not
        // strong, a steady fall (at the same calm) is.
        if name == "uptrend" {
            assert_eq!(strong, 0.0, "{name}: strong {strong}");
        }
        if name == "crash" {
            assert!(strong >= 0.5, "{name}: strong {strong}");
        }
    }
}

#[test]
fn breadth_denominator_counts_only_listed_and_warmed_up_tokens() {
    let up = |seed: u64, len: usize| closes(&[leg(len, 0.01, 0.01)], 0.0, seed);
    let t0 = 1_704_067_200;
    let u = vec![
        member("OLD", series_from(t0, up(1, 200))),
        // Listed on row 100: eligible from its 51st bar, row 150.
        member("NEW", series_from(t0 + 100 * DAY, up(2, 100))),
        // A suspension: no bars on rows 120..130.
        member("GAP", {
            let c = up(3, 200);
            let t: Vec<i64> = (0..200)
                .filter(|i| !(120..130).contains(i))
                .map(|i| t0 + i * DAY)
                .collect();
            let c: Vec<f64> = (0..200)
                .filter(|i| !(120..130).contains(i))
                .map(|i| c[i as usize])
                .collect();
            PriceSeries::from_closes(Interval::Daily, t, c).unwrap()
        }),
    ];
    let points = breadth(&Panel::new(&u, None));
    assert_eq!(points.len(), 200);
    let eligible = |row: usize| points[row].eligible;
    assert_eq!(eligible(49), 0);
    assert_eq!(eligible(50), 2); // OLD and GAP warmed up, NEW not listed
    assert_eq!(eligible(125), 1); // GAP suspended, NEW warming up
    assert_eq!(eligible(149), 2);
    assert_eq!(eligible(150), 3);
    assert_eq!(points[10].bullish_share, None);
    for p in &points {
        assert!(p.bullish + p.bearish <= p.eligible && p.strong <= p.eligible);
    }
}

#[test]
fn index_math_equal_and_cap_weights_by_hand() {
    let t0 = 1_704_067_200;
    let u = vec![
        // +10 %, then −10 %.
        member("A", series_from(t0, vec![100.0, 110.0, 99.0])),
        // +0 %, then +20 %.
        member("B", series_from(t0, vec![10.0, 10.0, 12.0])),
        // Listed on row 1: contributes from row 2 (+50 %).
        member("C", series_from(t0 + DAY, vec![2.0, 3.0])),
    ];
    let p = Panel::new(&u, None);
    let eq = index_levels(&p, &[(0, 1.0), (1, 1.0), (2, 1.0)]);
    // Row 1: (10 % + 0 %) / 2 = 5 %; row 2: (−10 % + 20 % + 50 %) / 3 = 20 %.
    let want = [100.0, 105.0, 126.0];
    for (l, w) in eq.iter().zip(want) {
        assert!((l.unwrap() - w).abs() < 1e-9, "{l:?} vs {w}");
    }
    // Cap weights 3 : 1 (C has no cap): row 1 7.5 %, row 2 (−30 % + 20 %) / 4 = −2.5 %.
    let cap = index_levels(&p, &[(0, 3e9), (1, 1e9)]);
    assert!((cap[1].unwrap() - 107.5).abs() < 1e-9);
    assert!((cap[2].unwrap() - 107.5 * 0.975).abs() < 1e-9);
    // Relative performance: +20 % against a benchmark's +50 % is −20 %.
    assert!((relative(Some(0.2), Some(0.5)).unwrap() + 0.2).abs() < 1e-12);
}

#[test]
fn narrative_roi_against_btc_by_hand() {
    let t0 = 1_704_067_200;
    // 31 days: BTC doubles linearly in log, the AI token triples.
    let path = |end: f64| {
        (0..31)
            .map(|i| end.powf(i as f64 / 30.0))
            .collect::<Vec<f64>>()
    };
    let u = vec![
        member("BTC", series_from(t0, path(2.0))),
        member("FET", series_from(t0, path(3.0))),
        member("TAO", series_from(t0, path(3.0))),
    ];
    let p = Panel::new(&u, None);
    let reports = narratives(&p, &NarrativeTable::bundled());
    let ai = reports
        .iter()
        .find(|r| r.narrative == Narrative::Ai)
        .unwrap();
    assert_eq!(ai.members, ["FET", "TAO"]);
    let e = &ai.equal_weight;
    assert!((e.roi_30d.unwrap() - 2.0).abs() < 1e-9);
    assert!((e.vs_btc_30d.unwrap() - 0.5).abs() < 1e-9);
    assert!((e.roi_7d.unwrap() - (3f64.powf(7.0 / 30.0) - 1.0)).abs() < 1e-9);
    assert_eq!(e.vs_eth_30d, None); // no ETH in this universe
    assert!(ai.market_cap_weight.is_none());
    let l1 = reports
        .iter()
        .find(|r| r.narrative == Narrative::L1)
        .unwrap();
    assert_eq!(l1.members, ["BTC"]);
    assert!(ai.rank.unwrap() < l1.rank.unwrap());
}

#[test]
fn bundled_table_parses_and_rejects_bad_lines() {
    let t = NarrativeTable::bundled();
    assert!(t.len() > 250);
    assert_eq!(t.get("FET"), Some(Narrative::Ai));
    assert_eq!(t.get("USDC"), Some(Narrative::Stablecoin));
    assert_eq!(t.get("WBTC"), None);
    assert!(NarrativeTable::parse("FET ai\nFET meme\n").is_err());
    assert!(NarrativeTable::parse("FET robots\n").is_err());
    assert!(NarrativeTable::parse("FET\n").is_err());
}

/// A universe of named tokens in several narratives with different regimes.
fn narrative_universe(len: usize) -> Vec<Member> {
    let spec: [(&str, f64, u64); 10] = [
        ("BTC", 0.002, 1),
        ("ETH", 0.001, 2),
        ("FET", 0.006, 3),
        ("TAO", 0.005, 4),
        ("RENDER", -0.002, 5),
        ("DOGE", 0.0, 6),
        ("PEPE", 0.004, 7),
        ("AAVE", -0.004, 8),
        ("UNI", 0.003, 9),
        ("LINK", 0.001, 10),
    ];
    spec.iter()
        .map(|(s, drift, seed)| {
            // Regime changes every 90 days so that the leaders rotate.
            let legs: Vec<_> = (0..len.div_ceil(90))
                .map(|k| leg(90, if k % 2 == 0 { *drift } else { -*drift }, 0.03))
                .collect();
            let mut c = closes(&legs, 0.0, *seed);
            c.truncate(len);
            member(s, series_from(1_704_067_200, c))
        })
        .collect()
}

#[test]
fn rotation_has_no_look_ahead() {
    let table = NarrativeTable::bundled();
    let full = narrative_universe(360);
    let r_full = rotation(&Panel::new(&full, None), &table);
    assert!(!r_full.trades.is_empty(), "the rule should trade at all");
    for cut in [150, 220, 300] {
        let part: Vec<Member> = full
            .iter()
            .map(|(s, series, m)| (s.clone(), series.truncated(cut), *m))
            .collect();
        let r_part = rotation(&Panel::new(&part, None), &table);
        assert_eq!(r_part.start, r_full.start);
        let n = r_part.days.len();
        assert!(n > 0);
        for (a, b) in r_part.days.iter().zip(&r_full.days[..n]) {
            assert_eq!(a.date, b.date);
            assert_eq!(a.holdings, b.holdings, "{}", a.date);
            assert_eq!(a.leaders, b.leaders, "{}", a.date);
            assert!((a.equity - b.equity).abs() < 1e-12, "{}", a.date);
        }
    }
}

#[test]
fn rotation_sits_in_cash_when_nothing_leads() {
    let table = NarrativeTable::bundled();
    let u: Vec<Member> = ["BTC", "FET", "DOGE", "AAVE"]
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let c = closes(&[leg(200, -0.01, 0.02)], 0.0, i as u64);
            member(s, series_from(1_704_067_200, c))
        })
        .collect();
    let panel = Panel::new(&u, None);
    let r = rotation(&panel, &table);
    assert!(r.start.is_some());
    assert!(r.trades.is_empty());
    assert_eq!(r.total_return, Some(0.0));
    assert_eq!(r.max_drawdown, Some(0.0));
    assert!(r.btc_return.unwrap() < 0.0);
    // BTC held over the rotation's days ends where its return says.
    let start = r.start_row(&panel).unwrap();
    assert_eq!(panel.date(start), r.start.clone().unwrap());
    let btc = held(&panel, "BTC", start);
    assert_eq!(btc.len(), r.days.len());
    assert!((btc.last().unwrap().unwrap() - 1.0 - r.btc_return.unwrap()).abs() < 1e-12);
}

#[test]
fn ledger_keeps_first_flag_dates() {
    let mut l = Ledger::new();
    let o = |symbol, price, flag: bool, bullish| Observation {
        symbol,
        price,
        flag: flag.then_some((70.0, 12.0)),
        bullish,
        market_cap: None,
    };
    // (date, [(symbol, price, flagged, bullish)])
    type Row = (&'static str, [(&'static str, f64, bool, bool); 2]);
    let rows: [Row; 5] = [
        (
            "2025-01-01",
            [("A", 1.0, false, true), ("B", 5.0, false, false)],
        ),
        (
            "2025-01-02",
            [("A", 1.1, true, true), ("B", 5.0, false, false)],
        ),
        (
            "2025-01-03",
            [("A", 1.3, true, true), ("B", 6.0, true, true)],
        ),
        (
            "2025-01-04",
            [("A", 1.2, false, false), ("B", 6.6, true, true)],
        ),
        (
            "2025-01-05",
            [("A", 1.5, true, true), ("B", 6.0, false, true)],
        ),
    ];
    for (date, obs) in rows {
        let obs: Vec<Observation<'_>> = obs.iter().map(|&(s, p, f, b)| o(s, p, f, b)).collect();
        l.observe(date, &obs);
    }
    let got: Vec<(&str, &str, f64, Option<&str>)> = l
        .entries
        .iter()
        .map(|e| {
            (
                e.symbol.as_str(),
                e.flagged_date.as_str(),
                e.flagged_price,
                e.exit_date.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("A", "2025-01-02", 1.1, Some("2025-01-04")),
            ("B", "2025-01-03", 6.0, None),
            ("A", "2025-01-05", 1.5, None),
        ]
    );
    assert!((l.entries[0].return_at_exit.unwrap() - (1.2 / 1.1 - 1.0)).abs() < 1e-12);
    assert!((l.entries[0].return_since_flag - (1.5 / 1.1 - 1.0)).abs() < 1e-12);
    assert_eq!(l.entries[1].return_since_flag, 0.0);
    assert_eq!(l.open().len(), 2);
}

#[test]
fn moonshots_flag_breakouts_and_respect_the_cap_filter() {
    // Wild for 150 days (the grade swings with each fall and rebound), then
    // a calm rise with rising volume.
    let c = closes(&[leg(150, 0.0, 0.10), leg(40, 0.01, 0.005)], 0.0, 5);
    let mut s = candles(Interval::Daily, &c, 0.03, 5);
    let v = s.volume.as_mut().unwrap();
    for x in v.iter_mut().skip(150) {
        *x *= 5.0;
    }
    let small = Fundamentals {
        market_cap: Some(20e6),
        ..Default::default()
    };
    let large = Fundamentals {
        market_cap: Some(2e9),
        ..Default::default()
    };
    let u = vec![
        ("SMALL".to_owned(), s.clone(), Some(small)),
        ("LARGE".to_owned(), s.clone(), Some(large)),
        ("UNKNOWN".to_owned(), s, None),
    ];
    let m = moonshots(&Panel::new(&u, None));
    assert_eq!(m.market_cap_filter.applied_to, 2);
    assert_eq!(m.market_cap_filter.skipped_for, 1);
    assert_eq!(m.volume_filter.skipped_for, 0);
    let symbols: Vec<&str> = m.ledger.iter().map(|e| e.symbol.as_str()).collect();
    assert!(
        symbols.contains(&"SMALL") && symbols.contains(&"UNKNOWN"),
        "{symbols:?}"
    );
    assert!(!symbols.contains(&"LARGE"));
    let first = m.ledger.iter().find(|e| e.symbol == "SMALL").unwrap();
    assert!(first.grade_change_7d >= 10.0);
    // The same token flags on the same dates whatever its market data.
    let unknown = m.ledger.iter().find(|e| e.symbol == "UNKNOWN").unwrap();
    assert_eq!(first.flagged_date, unknown.flagged_date);
    // A state the panel says is bullish on the flag date.
    let p = Panel::new(&u, None);
    let t = p.token("SMALL").unwrap();
    let row = p
        .times
        .iter()
        .position(|&x| tokenlens_core::analysis::series::utc_date(x) == first.flagged_date);
    assert_eq!(t.states[t.bar(row.unwrap()).unwrap()], SignalState::Bullish);
}

//! As of a date means as of that date: appending random future rows to real
//! and synthetic series changes nothing the product says about an earlier
//! date — the analysis as of it, the grade series, the breadth, the
//! narrative indices and rotation, and the moonshot flags.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

mod common;

use common::{Rng, candles, closes, leg};
use tokenlens_core::analysis::analyze::{AnalyzeOptions, analyze};
use tokenlens_core::analysis::grades::inputs::Input;
use tokenlens_core::analysis::grades::{investor_score_series, trader_score_series};
use tokenlens_core::analysis::series::utc_date;
use tokenlens_core::analysis::{Interval, PriceSeries};
use tokenlens_core::universe::breadth::breadth;
use tokenlens_core::universe::moonshots::moonshots;
use tokenlens_core::universe::narratives::{
    NarrativeTable, equal_weight_levels, members, rotation,
};
use tokenlens_core::universe::{Member, Panel};

const DAY: i64 = 86_400;

/// `series` with `k` more daily rows of random moves (a crash or a jump now
/// and then), high, low and volume kept consistent when present.
fn extend(series: &PriceSeries, k: usize, rng: &mut Rng) -> PriceSeries {
    let mut s = series.clone();
    for _ in 0..k {
        let last = *s.close.last().unwrap();
        let jump = if rng.uniform() < 0.1 {
            0.4 * (rng.uniform() - 0.5)
        } else {
            0.0
        };
        let c = last * (0.05 * rng.normal() + jump).exp();
        s.timestamps.push(s.timestamps.last().unwrap() + DAY);
        s.close.push(c);
        if let Some(o) = s.open.as_mut() {
            o.push(last);
        }
        if let Some(h) = s.high.as_mut() {
            h.push(last.max(c) * 1.01);
        }
        if let Some(l) = s.low.as_mut() {
            l.push(last.min(c) * 0.99);
        }
        if let Some(v) = s.volume.as_mut() {
            v.push(1_000.0 * (1.0 + rng.uniform()));
        }
    }
    s.validated().unwrap()
}

fn load(file: &str) -> PriceSeries {
    common::golden_candles(file)
}

fn as_of(date: &str) -> AnalyzeOptions<'static> {
    AnalyzeOptions {
        to: Some(date.to_owned()),
        ..Default::default()
    }
}

/// The path of the first difference between two JSON values.
fn difference(a: &serde_json::Value, b: &serde_json::Value, path: String) -> Option<String> {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => x.iter().find_map(|(k, v)| match y.get(k) {
            Some(w) => difference(v, w, format!("{path}.{k}")),
            None => Some(format!("{path}.{k} (missing)")),
        }),
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| difference(v, w, format!("{path}[{i}]"))),
        _ if a == b => None,
        _ => Some(format!("{path}: {a} vs {b}")),
    }
}

fn same_bits(a: &[f64], b: &[f64], what: &str) {
    assert_eq!(a.len(), b.len(), "{what}");
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert!(x.to_bits() == y.to_bits(), "{what} at {i}: {x} vs {y}");
    }
}

/// One token's every as-of output: the analysis, both grade series and
/// every candidate input.
fn check_token(orig: &PriceSeries, ext: &PriceSeries, bench: Option<(&PriceSeries, &PriceSeries)>) {
    let date = utc_date(*orig.timestamps.last().unwrap());
    let mut options = as_of(&date);
    options.benchmark = bench.map(|b| b.1);
    let later = analyze(ext, &options).unwrap();
    options.benchmark = bench.map(|b| b.0);
    let now = analyze(orig, &options).unwrap();
    let (a, b) = (
        serde_json::to_value(&later).unwrap(),
        serde_json::to_value(&now).unwrap(),
    );
    if let Some(at) = difference(&a, &b, String::new()) {
        panic!("analysis as of {date} differs at {at}");
    }
    let n = orig.len();
    let opt = |v: Vec<Option<f64>>| {
        v.into_iter()
            .map(|x| x.unwrap_or(f64::NAN))
            .collect::<Vec<_>>()
    };
    same_bits(
        &opt(trader_score_series(ext, None))[..n],
        &opt(trader_score_series(orig, None)),
        "trader grade",
    );
    same_bits(
        &opt(investor_score_series(ext))[..n],
        &opt(investor_score_series(orig)),
        "investor grade",
    );
    for input in Input::ALL {
        same_bits(
            &input.column(ext, bench.map(|b| b.1))[..n],
            &input.column(orig, bench.map(|b| b.0)),
            input.name(),
        );
    }
}

#[test]
fn real_series_say_the_same_of_an_earlier_date_whatever_follows() {
    let btc = load("binance_spot_BTCUSDT_1d_2023-06-01_2025-07-31.csv");
    let pepe = load("binance_spot_PEPEUSDT_1d_2023-06-09_2025-07-31.csv");
    let mut rng = Rng::new(11);
    for cut in [300, 450, 600] {
        let (b0, p0) = (btc.truncated(cut), pepe.truncated(cut));
        // PEPE's benchmark as it stood on PEPE's last date.
        let end = *p0.timestamps.last().unwrap();
        let bp0 = btc.truncated(btc.timestamps.partition_point(|&t| t <= end));
        for k in [1, 7, 45] {
            let (b1, p1) = (extend(&b0, k, &mut rng), extend(&p0, k, &mut rng));
            let bp1 = extend(&bp0, k, &mut rng);
            check_token(&b0, &b1, None);
            check_token(&p0, &p1, Some((&bp0, &bp1)));
        }
        // The real history after the cut is just another future.
        check_token(&p0, &pepe, Some((&bp0, &btc)));
    }
}

/// A synthetic universe of tokens the narrative table knows, 300 days each
/// (some listed later), and its random extension: each token gets 0 to 59
/// more days, and one token is listed only in the future.
fn universes(seed: u64) -> (Vec<Member>, Vec<Member>) {
    let mut rng = Rng::new(seed);
    let symbols = [
        "BTC", "ETH", "SOL", "DOGE", "PEPE", "FET", "LINK", "UNI", "ARB", "OP",
    ];
    let mut orig = Vec::new();
    let mut ext = Vec::new();
    for (i, symbol) in symbols.iter().enumerate() {
        let drift = 0.004 * (rng.uniform() - 0.5);
        let c = closes(
            &[leg(300, drift, 0.02 + 0.04 * rng.uniform())],
            0.0,
            seed * 100 + i as u64,
        );
        let s = candles(Interval::Daily, &c, 0.03, seed + i as u64);
        let late = if i % 4 == 3 { 60 } else { 0 };
        let s = PriceSeries {
            timestamps: s.timestamps[late..].to_vec(),
            open: s.open.map(|v| v[late..].to_vec()),
            high: s.high.map(|v| v[late..].to_vec()),
            low: s.low.map(|v| v[late..].to_vec()),
            close: s.close[late..].to_vec(),
            volume: s.volume.map(|v| v[late..].to_vec()),
            ..s
        };
        let k = (rng.uniform() * 60.0) as usize;
        ext.push((symbol.to_string(), extend(&s, k, &mut rng), None));
        orig.push((symbol.to_string(), s, None));
    }
    // Listed after the last date of `orig`.
    let end = orig
        .iter()
        .map(|m| *m.1.timestamps.last().unwrap())
        .max()
        .unwrap();
    let c = closes(&[leg(30, 0.01, 0.05)], 0.0, seed);
    let t = (1..=30).map(|i| end + i * DAY).collect();
    ext.push((
        "WIF".into(),
        PriceSeries::from_closes(Interval::Daily, t, c).unwrap(),
        None,
    ));
    (orig, ext)
}

#[test]
fn universe_views_say_the_same_of_earlier_dates_whatever_follows() {
    let table = NarrativeTable::bundled();
    for seed in 1..=6 {
        let (orig, ext) = universes(seed);
        let bench = |u: &[Member]| u.iter().find(|m| m.0 == "BTC").map(|m| m.1.clone());
        let (b0, b1) = (bench(&orig), bench(&ext));
        let (p0, p1) = (
            Panel::new(&orig, b0.as_ref()),
            Panel::new(&ext, b1.as_ref()),
        );
        let rows = p0.times.len();
        assert_eq!(p1.times[..rows], p0.times[..]);
        let last = utc_date(p0.times[rows - 1]);

        let (br0, br1) = (breadth(&p0), breadth(&p1));
        assert_eq!(br1[..rows], br0[..], "breadth, seed {seed}");

        let levels = |p: &Panel| {
            let m = members(p, &table);
            equal_weight_levels(p, &m)
                .into_iter()
                .map(|(n, l)| (n, l[..rows].to_vec()))
                .collect::<Vec<_>>()
        };
        assert_eq!(levels(&p1), levels(&p0), "narrative indices, seed {seed}");

        let (r0, r1) = (rotation(&p0, &table), rotation(&p1, &table));
        let before: Vec<_> = r1.days.iter().filter(|d| d.date <= last).cloned().collect();
        assert_eq!(before, r0.days, "rotation, seed {seed}");

        let flags = |m: &tokenlens_core::universe::moonshots::Moonshots| {
            m.ledger
                .iter()
                .filter(|e| e.flagged_date <= last)
                .map(|e| {
                    (
                        e.symbol.clone(),
                        e.flagged_date.clone(),
                        e.flagged_price,
                        e.flagged_grade,
                        e.grade_change_7d,
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            flags(&moonshots(&p1)),
            flags(&moonshots(&p0)),
            "moonshots, seed {seed}"
        );

        for (a, b) in orig.iter().zip(&ext) {
            check_token(&a.1, &b.1, b0.as_ref().zip(b1.as_ref()));
        }
    }
}

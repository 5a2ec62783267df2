//! The grades' constants are what the components rule gives on the fit
//! period of the bundled history, and the fit never reads past its end.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

use std::path::Path;

use tokenlens_core::analysis::grades::{INVESTOR_MODEL, Model, TRADER_MODEL};
use tokenlens_core::analysis::series::parse_utc_date;
use tokenlens_core::analysis::{Interval, PriceSeries};
use tokenlens_core::evaluation::EvaluationOptions;
use tokenlens_core::evaluation::fit::{FittedGrade, fit};
use tokenlens_core::universe::Member;

/// The bundled wide file, each column a member (`BTCUSDT` → `BTC`), cut
/// after `until` (Unix seconds) when given.
fn universe(until: Option<i64>) -> Vec<Member> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/sources/binance_spot_daily_close_401pairs_2023-06-01_2025-06-12.csv");
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let mut cols: Vec<(Vec<i64>, Vec<f64>)> = vec![(Vec::new(), Vec::new()); header.len() - 1];
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        let t = parse_utc_date(cells[0]).unwrap();
        if until.is_some_and(|u| t > u) {
            break;
        }
        for (i, cell) in cells[1..].iter().enumerate() {
            if !cell.is_empty() {
                cols[i].0.push(t);
                cols[i].1.push(cell.parse().unwrap());
            }
        }
    }
    header[1..]
        .iter()
        .zip(cols)
        .filter(|(_, (t, _))| !t.is_empty())
        .map(|(pair, (t, c))| {
            let symbol = pair.strip_suffix("USDT").unwrap_or(pair).to_owned();
            (
                symbol,
                PriceSeries::from_closes(Interval::Daily, t, c).unwrap(),
                None,
            )
        })
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1e-300)
}

fn assert_model(model: &Model, fitted: &FittedGrade) {
    assert_eq!(
        model.parts.len(),
        fitted.components.len(),
        "{}",
        fitted.grade
    );
    for (p, c) in model.parts.iter().zip(&fitted.components) {
        assert_eq!(p.input.name(), c.name);
        assert_eq!(p.sign, c.sign);
        assert!(
            close(p.weight, c.weight),
            "{} weight {} vs {}",
            c.name,
            p.weight,
            c.weight
        );
        assert!(
            close(p.center, c.center),
            "{} center {} vs {}",
            c.name,
            p.center,
            c.center
        );
        assert!(
            close(p.scale, c.scale),
            "{} scale {} vs {}",
            c.name,
            p.scale,
            c.scale
        );
    }
    assert!(
        close(model.stretch, fitted.stretch),
        "{} stretch {}",
        fitted.grade,
        fitted.stretch
    );
    assert_eq!(model.smoothing, fitted.smoothing);
}

#[test]
fn the_constants_are_the_rules_output_and_the_fit_never_looks_past_its_end() {
    let options = EvaluationOptions::default();
    let all = universe(None);
    let bench = all.iter().find(|m| m.0 == "BTC").map(|m| m.1.clone());
    let f = fit(&all, bench.as_ref(), &options);
    assert_model(&TRADER_MODEL, &f.trader);
    assert_model(&INVESTOR_MODEL, &f.investor);
    // The same fit on the data cut at the fit end: nothing after it was read.
    let cut = universe(Some(options.fit_end));
    let bench = cut.iter().find(|m| m.0 == "BTC").map(|m| m.1.clone());
    let g = fit(&cut, bench.as_ref(), &options);
    assert_eq!(f.trader, g.trader);
    assert_eq!(f.investor, g.investor);
}

//! Metrics of real daily series, checked against numpy and scipy.
//!
//! `tests/golden/metrics.json` is written by `scripts/metrics_golden.py`:
//! BTC, PEPE, FET and SOL daily closes (with ETH and BTC as benchmarks,
//! aligned by date) and the metrics computed independently with numpy and
//! scipy. Every number must agree to 1e-9 relative; indices and nulls
//! exactly.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

use std::path::Path;

use serde::Deserialize;
use serde_json::Value;
use tokenlens_core::metrics::{self, MetricsConfig};

#[derive(Deserialize)]
struct Case {
    name: String,
    periods_per_year: f64,
    risk_free_rate: f64,
    prices: Vec<f64>,
    benchmark: Option<Vec<f64>>,
    expected: Value,
    #[serde(default)]
    simple_returns: Option<Vec<f64>>,
    #[serde(default)]
    log_returns: Option<Vec<f64>>,
    #[serde(default)]
    quantiles: Option<serde_json::Map<String, Value>>,
}

#[derive(Deserialize)]
struct Golden {
    cases: Vec<Case>,
}

fn load() -> Golden {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/metrics.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn agrees(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1e-12)
}

/// Compares two JSON trees: numbers to 1e-9 relative, everything else exactly.
fn compare(path: &str, got: &Value, want: &Value, failures: &mut Vec<String>) {
    match (got, want) {
        (Value::Number(g), Value::Number(w)) => {
            let (g, w) = (g.as_f64().unwrap(), w.as_f64().unwrap());
            if !agrees(g, w) {
                failures.push(format!("{path}: ours {g}, numpy/scipy {w}"));
            }
        }
        (Value::Object(g), Value::Object(w)) => {
            for (k, wv) in w {
                match g.get(k) {
                    Some(gv) => compare(&format!("{path}.{k}"), gv, wv, failures),
                    None => failures.push(format!("{path}.{k}: missing")),
                }
            }
            for k in g.keys().filter(|k| !w.contains_key(*k)) {
                failures.push(format!("{path}.{k}: no expected value"));
            }
        }
        _ if got == want => {}
        _ => failures.push(format!("{path}: ours {got}, numpy/scipy {want}")),
    }
}

#[test]
fn metrics_agree_with_numpy_and_scipy_on_real_series() {
    let golden = load();
    assert_eq!(golden.cases.len(), 4);
    let mut failures = Vec::new();
    for case in &golden.cases {
        let config = MetricsConfig {
            periods_per_year: case.periods_per_year,
            risk_free_rate: case.risk_free_rate,
        };
        let m = metrics::metrics(&case.prices, case.benchmark.as_deref(), &config).unwrap();
        let got = serde_json::to_value(&m).unwrap();
        compare(&case.name, &got, &case.expected, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn returns_and_quantiles_agree_with_numpy() {
    let golden = load();
    let case = golden
        .cases
        .iter()
        .find(|c| c.name == "btc_vs_eth")
        .unwrap();
    let simple = metrics::simple_returns(&case.prices).unwrap();
    let log = metrics::log_returns(&case.prices).unwrap();
    for (ours, want) in [
        (&simple, case.simple_returns.as_ref().unwrap()),
        (&log, case.log_returns.as_ref().unwrap()),
    ] {
        assert_eq!(ours.len(), case.prices.len() - 1);
        for (i, (g, w)) in ours.iter().zip(want).enumerate() {
            assert!(agrees(*g, *w), "return {i}: {g} vs {w}");
        }
    }
    for (q, want) in case.quantiles.as_ref().unwrap() {
        let got = metrics::quantile(&simple, q.parse().unwrap()).unwrap();
        let want = want.as_f64().unwrap();
        assert!(agrees(got, want), "quantile {q}: {got} vs {want}");
    }
}

//! Properties of the metrics that hold for any price series.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

use proptest::prelude::*;
use tokenlens_core::Error;
use tokenlens_core::metrics::{self, MetricsConfig};

/// A random walk of 3 to 150 positive prices, moves of up to ±30 %.
fn prices() -> impl Strategy<Value = Vec<f64>> {
    (
        1e-8f64..1e5,
        proptest::collection::vec(-0.3f64..0.3, 2..150),
    )
        .prop_map(|(start, moves)| {
            let mut p = vec![start];
            for m in moves {
                let last = p[p.len() - 1];
                p.push(last * (1.0 + m));
            }
            p
        })
}

fn near(a: Option<f64>, b: Option<f64>, tol: f64) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= tol * b.abs().max(1.0),
        (None, None) => true,
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn scaling_prices_leaves_every_metric_unchanged(p in prices(), k in 1e-6f64..1e6) {
        let cfg = MetricsConfig::default();
        let scaled: Vec<f64> = p.iter().map(|x| x * k).collect();
        let a = metrics::metrics(&p, Some(&scaled), &cfg).unwrap();
        let b = metrics::metrics(&scaled, Some(&p), &cfg).unwrap();
        let pairs = [
            (a.total_return, b.total_return),
            (a.cagr, b.cagr),
            (a.volatility, b.volatility),
            (a.downside_deviation, b.downside_deviation),
            (a.max_drawdown.depth, b.max_drawdown.depth),
            (a.distance_from_ath, b.distance_from_ath),
            (a.risk_95.historical_var, b.risk_95.historical_var),
            (a.risk_95.historical_cvar, b.risk_95.historical_cvar),
            (a.risk_99.parametric_var, b.risk_99.parametric_var),
            (a.risk_99.parametric_cvar, b.risk_99.parametric_cvar),
        ];
        for (x, y) in pairs {
            prop_assert!(near(Some(x), Some(y), 1e-9), "{} vs {}", x, y);
        }
        for (x, y) in [
            (a.sharpe, b.sharpe),
            (a.sortino, b.sortino),
            (a.skew, b.skew),
            (a.excess_kurtosis, b.excess_kurtosis),
            (a.profit_factor, b.profit_factor),
            (a.tail_ratio, b.tail_ratio),
        ] {
            // Ratios of nearly equal small numbers amplify rounding.
            prop_assert!(near(x, y, 1e-6), "{:?} vs {:?}", x, y);
        }
        // A series against a multiple of itself: beta 1, correlation 1.
        let rel = a.benchmark.unwrap();
        if rel.beta.is_some() {
            prop_assert!(near(rel.beta, Some(1.0), 1e-9), "{:?}", rel);
            prop_assert!(near(rel.correlation, Some(1.0), 1e-9), "{:?}", rel);
        }
        prop_assert_eq!(a.max_drawdown.peak, b.max_drawdown.peak);
        prop_assert_eq!(a.max_drawdown.trough, b.max_drawdown.trough);
    }

    #[test]
    fn monotone_increasing_series_has_no_drawdown(
        start in 1e-6f64..1e4, steps in proptest::collection::vec(0.0f64..0.2, 2..100),
    ) {
        let mut p = vec![start];
        for s in steps {
            let last = p[p.len() - 1];
            p.push(last * (1.0 + s));
        }
        let m = metrics::metrics(&p, None, &MetricsConfig::default()).unwrap();
        prop_assert_eq!(m.max_drawdown.depth, 0.0);
        prop_assert_eq!(m.max_drawdown.duration, 0);
        prop_assert_eq!(m.distance_from_ath, 0.0);
        prop_assert!(metrics::drawdowns(&p).unwrap().iter().all(|d| *d == 0.0));
        prop_assert!(m.sortino.is_none() && m.profit_factor.is_none());
    }

    #[test]
    fn drawdown_episode_is_consistent(p in prices()) {
        let d = metrics::max_drawdown(&p).unwrap();
        let all = metrics::drawdowns(&p).unwrap();
        let deepest = all.iter().copied().fold(0.0f64, f64::min);
        prop_assert_eq!(d.depth, deepest);
        prop_assert_eq!(all[d.trough], d.depth);
        prop_assert!(d.peak <= d.trough);
        prop_assert!(p[..=d.trough].iter().all(|x| *x <= p[d.peak]));
        match d.recovery {
            Some(r) => {
                prop_assert!(r >= d.trough && p[r] >= p[d.peak]);
                prop_assert_eq!(d.duration, r - d.peak);
            }
            None => {
                prop_assert!(p[d.trough..].iter().all(|x| *x < p[d.peak]));
                prop_assert_eq!(d.duration, p.len() - 1 - d.peak);
            }
        }
    }

    #[test]
    fn tails_are_ordered(p in prices()) {
        let r = metrics::simple_returns(&p).unwrap();
        let t95 = metrics::tail_risk(&r, 0.95).unwrap();
        let t99 = metrics::tail_risk(&r, 0.99).unwrap();
        prop_assert!(t95.historical_cvar <= t95.historical_var);
        prop_assert!(t99.historical_var <= t95.historical_var);
        prop_assert!(t99.parametric_var <= t95.parametric_var);
        prop_assert!(t95.parametric_cvar <= t95.parametric_var);
        let min = r.iter().copied().fold(f64::MAX, f64::min);
        prop_assert!(t99.historical_cvar >= min);
    }

    #[test]
    fn log_returns_sum_to_the_log_of_the_whole_move(p in prices()) {
        let sum: f64 = metrics::log_returns(&p).unwrap().iter().sum();
        let whole = (p[p.len() - 1] / p[0]).ln();
        prop_assert!((sum - whole).abs() <= 1e-9 * whole.abs().max(1.0));
    }

    #[test]
    fn correlation_is_bounded(p in prices(), q in prices()) {
        let n = p.len().min(q.len());
        let (rp, rq) = (
            metrics::simple_returns(&p[..n]).unwrap(),
            metrics::simple_returns(&q[..n]).unwrap(),
        );
        if let Some(c) = metrics::correlation(&rp, &rq).unwrap() {
            prop_assert!((-1.0..=1.0).contains(&c));
        }
    }
}

#[test]
fn short_and_bad_series_are_typed_errors() {
    let cfg = MetricsConfig::default();
    assert_eq!(
        metrics::metrics(&[1.0, 2.0], None, &cfg).unwrap_err(),
        Error::TooShort { len: 2, needed: 3 }
    );
    let err = metrics::metrics(&[1.0, 2.0, 0.0], None, &cfg).unwrap_err();
    assert_eq!(err.code(), "INVALID_INPUT");
    assert!(err.to_string().contains("`prices`: 0 at index 2"), "{err}");
    let err = metrics::metrics(&[1.0, f64::NAN, 2.0], None, &cfg).unwrap_err();
    assert!(err.to_string().contains("NaN at index 1"), "{err}");
    let err = metrics::metrics(&[1.0, 2.0, 3.0], Some(&[1.0, -2.0, 3.0]), &cfg).unwrap_err();
    assert!(
        err.to_string().contains("`benchmark`: -2 at index 1"),
        "{err}"
    );
    let err = metrics::metrics(&[1.0, 2.0, 3.0], Some(&[1.0, 2.0]), &cfg).unwrap_err();
    assert_eq!(
        err,
        Error::LengthMismatch {
            field: "benchmark",
            len: 2,
            expected: 3
        }
    );
    let bad = MetricsConfig {
        periods_per_year: 0.0,
        ..cfg
    };
    let err = metrics::metrics(&[1.0, 2.0, 3.0], None, &bad).unwrap_err();
    assert_eq!(err.code(), "INVALID_PARAMETER");
}

#[test]
fn config_reads_json_with_defaults_and_metrics_serialise() {
    let c: MetricsConfig = serde_json::from_str(r#"{"risk_free_rate": 0.04}"#).unwrap();
    assert_eq!((c.periods_per_year, c.risk_free_rate), (365.0, 0.04));
    assert!(serde_json::from_str::<MetricsConfig>(r#"{"rf": 0.04}"#).is_err());
    let m = metrics::metrics(&[1.0, 2.0, 1.0, 3.0], None, &MetricsConfig::default()).unwrap();
    let v = serde_json::to_value(&m).unwrap();
    assert_eq!(v["max_drawdown"]["recovery"], 3);
    assert!(v["benchmark"].is_null());
    let back: metrics::Metrics = serde_json::from_value(v).unwrap();
    assert_eq!(back, m);
}

//! Synthetic market regimes built in code, deterministic (a fixed-seed
//! generator), for the grade, level and summary tests; and the real daily
//! candles of `tests/golden/`, read once here for every test and bench.

#![allow(dead_code, clippy::unwrap_used)]

use std::path::Path;

use tokenlens_core::analysis::series::parse_utc_date;
use tokenlens_core::analysis::{Interval, PriceSeries};

/// The daily candles of a `tests/golden/` file (`date,open,high,low,close,volume`).
pub fn golden_candles(file: &str) -> PriceSeries {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(file);
    let text = std::fs::read_to_string(path).unwrap();
    let (mut t, mut o, mut h, mut l, mut c, mut v) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        t.push(parse_utc_date(f[0]).unwrap());
        let num = |i: usize| f[i].parse::<f64>().unwrap();
        o.push(num(1));
        h.push(num(2));
        l.push(num(3));
        c.push(num(4));
        v.push(num(5));
    }
    PriceSeries {
        interval: Interval::Daily,
        timestamps: t,
        open: Some(o),
        high: Some(h),
        low: Some(l),
        close: c,
        volume: Some(v),
    }
    .validated()
    .unwrap()
}

/// xorshift64*: a small deterministic generator, good enough for noise.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// Uniform in (0, 1).
    pub fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        ((x >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// A stretch of a regime: `len` points with log drift `drift` and noise
/// `sigma` per point.
#[derive(Debug, Clone, Copy)]
pub struct Leg {
    pub len: usize,
    pub drift: f64,
    pub sigma: f64,
}

pub const fn leg(len: usize, drift: f64, sigma: f64) -> Leg {
    Leg { len, drift, sigma }
}

/// Closes following the legs from 100, plus mean reversion of strength
/// `revert` towards the starting level (0 for none).
pub fn closes(legs: &[Leg], revert: f64, seed: u64) -> Vec<f64> {
    let mut rng = Rng::new(seed);
    let mut x = 100f64.ln();
    let anchor = x;
    let mut out = Vec::new();
    for l in legs {
        for _ in 0..l.len {
            x += l.drift + l.sigma * rng.normal() - revert * (x - anchor);
            out.push(x.exp());
        }
    }
    out
}

pub fn timestamps(interval: Interval, n: usize) -> Vec<i64> {
    // 2024-01-01 00:00 UTC
    (0..n as i64)
        .map(|i| 1_704_067_200 + i * interval.seconds())
        .collect()
}

/// Candles around the closes: open at the previous close, high and low a
/// random fraction of `sigma` beyond, volume growing with the size of the
/// move (as real volume does).
pub fn candles(interval: Interval, close: &[f64], sigma: f64, seed: u64) -> PriceSeries {
    let mut rng = Rng::new(seed ^ 0xABCD);
    let n = close.len();
    let mut open = Vec::with_capacity(n);
    let (mut high, mut low, mut volume) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..n {
        let o = if i == 0 { close[0] } else { close[i - 1] };
        let c = close[i];
        high.push(o.max(c) * (1.0 + sigma * 0.5 * rng.uniform()));
        low.push(o.min(c) * (1.0 - sigma * 0.5 * rng.uniform()));
        open.push(o);
        let mv = (c / o).ln().abs() / sigma;
        volume.push(1_000.0 * (1.0 + mv) * (0.3 * rng.normal()).exp());
    }
    PriceSeries {
        interval,
        timestamps: timestamps(interval, n),
        open: Some(open),
        high: Some(high),
        low: Some(low),
        close: close.to_vec(),
        volume: Some(volume),
    }
    .validated()
    .unwrap()
}

pub fn close_only(interval: Interval, close: &[f64]) -> PriceSeries {
    PriceSeries::from_closes(interval, timestamps(interval, close.len()), close.to_vec()).unwrap()
}

/// The named regimes of the tests, 300 daily candles each.
pub fn regime(name: &str) -> PriceSeries {
    regime_seeded(name, 7)
}

/// [`regime`] with another noise draw.
pub fn regime_seeded(name: &str, seed: u64) -> PriceSeries {
    let (legs, revert, sigma): (Vec<Leg>, f64, f64) = match name {
        "uptrend" => (vec![leg(300, 0.008, 0.02)], 0.0, 0.02),
        "crash" => (
            vec![leg(220, 0.002, 0.025), leg(80, -0.025, 0.04)],
            0.0,
            0.04,
        ),
        "chop" => (vec![leg(300, 0.0, 0.03)], 0.15, 0.03),
        "pump_and_dump" => (
            vec![
                leg(240, 0.0, 0.03),
                leg(20, 0.08, 0.05),
                leg(40, -0.05, 0.06),
            ],
            0.0,
            0.05,
        ),
        "benchmark" => (vec![leg(300, 0.001, 0.02)], 0.0, 0.02),
        other => panic!("no regime {other}"),
    };
    candles(
        Interval::Daily,
        &closes(&legs, revert, seed),
        sigma,
        seed + 4,
    )
}

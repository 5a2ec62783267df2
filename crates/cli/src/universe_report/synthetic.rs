//! The seeded synthetic universe the command times the screen on: the
//! same tokens and closes on every run and every machine, so only the
//! machine and the build change the figure.

use std::time::Instant;

use tokenlens_core::analysis::{Interval, PriceSeries};
use tokenlens_core::universe::Member;
use tokenlens_core::universe::screen::screen;

/// Synthetic universe of the timing: tokens × daily closes, and its seed.
pub const SYNTHETIC_TOKENS: usize = 1_000;
pub const SYNTHETIC_DAYS: usize = 365;
pub const SYNTHETIC_SEED: u64 = 20_250_612;

/// A 64-bit SplitMix generator: small, seeded, the same numbers everywhere.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in (0, 1).
    fn unit(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.unit(), self.unit());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// The synthetic universe: each token a geometric random walk with its own
/// drift and volatility, on daily bars from 2024-01-01 UTC.
pub fn synthetic_universe(tokens: usize, days: usize, seed: u64) -> Vec<Member> {
    let mut rng = SplitMix(seed);
    let start = 1_704_067_200; // 2024-01-01T00:00:00Z
    (0..tokens)
        .filter_map(|i| {
            let drift = (rng.unit() - 0.5) * 0.004;
            let vol = 0.02 + 0.06 * rng.unit();
            let mut price = 0.01 + 100.0 * rng.unit();
            let mut close = Vec::with_capacity(days);
            for _ in 0..days {
                close.push(price);
                price *= (drift + vol * rng.normal()).exp();
            }
            let times = (0..days as i64).map(|d| start + d * 86_400).collect();
            let series = PriceSeries::from_closes(Interval::Daily, times, close).ok()?;
            Some((format!("SYN{i:04}"), series, None))
        })
        .collect()
}

/// Seconds to screen the synthetic universe (the first token is the
/// benchmark), and the numbers of rows and errors.
pub fn time_synthetic_screen() -> (f64, usize, usize) {
    let universe = synthetic_universe(SYNTHETIC_TOKENS, SYNTHETIC_DAYS, SYNTHETIC_SEED);
    let bench = universe.first().map(|m| m.1.clone());
    let t = Instant::now();
    let (rows, errors) = screen(&universe, bench.as_ref());
    let elapsed = t.elapsed().as_secs_f64();
    (elapsed, rows.len(), errors.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_universe_is_deterministic() {
        let a = synthetic_universe(3, 20, 7);
        let b = synthetic_universe(3, 20, 7);
        assert_eq!(a.len(), 3);
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.0, y.0);
            assert_eq!(x.1.close, y.1.close);
        }
        assert_ne!(a[0].1.close, synthetic_universe(3, 20, 8)[0].1.close);
    }
}

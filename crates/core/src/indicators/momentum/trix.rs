//! TRIX: the one-period rate of change, in percent, of a triple-smoothed
//! exponential moving average.
//!
//! `E3 = EMA(EMA(EMA(x)))`, each of period `n` and seeded as TA-Lib seeds
//! them; `TRIX = (E3 / E3[−1] − 1) · 100`, 0 when `E3[−1]` is 0 (as TA-Lib
//! writes it). The first output is at input `3n − 1`.
//!
//! ```
//! use tokenlens_core::indicators::{Indicator, momentum::TrixConfig};
//! let mut trix = TrixConfig { period: 2 }.init().unwrap();
//! let out: Vec<_> = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0].iter().map(|&x| trix.update(x)).collect();
//! assert_eq!(out[..4], [None, None, None, None]);
//! assert!(out[4].unwrap() > 0.0);
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::trend::tema::EmaChain;
use crate::indicators::{Io, check_finite, check_period, run_f64, streaming};

/// Parameters of a [`Trix`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TrixConfig {
    /// Number of periods of the three EMAs, at least 1. Default 30 (TA-Lib's).
    pub period: usize,
}

impl Default for TrixConfig {
    fn default() -> Self {
        Self { period: 30 }
    }
}

impl TrixConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Trix, Error> {
        self.validate()?;
        Ok(Trix {
            period: self.period,
            chain: EmaChain::new(self.period)?,
            last: None,
            before_last: None,
            io: Io::default(),
        })
    }
}

/// Streaming TRIX. Built by [`TrixConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct Trix {
    period: usize,
    chain: EmaChain,
    /// The latest triple-smoothed value, and the one before it.
    last: Option<f64>,
    before_last: Option<f64>,
    io: Io<f64>,
}

impl Trix {
    fn push(&mut self, x: f64) -> Option<f64> {
        let [_, _, e3] = self.chain.push(x)?;
        self.before_last = self.last.replace(e3);
        let previous = self.before_last?;
        Some(if previous == 0.0 {
            0.0
        } else {
            ((e3 / previous) - 1.0) * 100.0
        })
    }

    fn undo(&mut self) {
        let n = self.period;
        if self.io.count >= 3 * n - 2 {
            self.last = self.before_last;
        }
        self.chain.undo(self.io.count);
    }

    fn clear(&mut self) {
        self.chain.clear();
        self.last = None;
        self.before_last = None;
    }

    fn warmup_len(&self) -> usize {
        3 * self.period - 1
    }
}

streaming!(Trix, f64, f64);

impl fmt::Display for Trix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TRIX({})", self.period)
    }
}

/// TRIX over a whole series: as long as `values`, `NaN` for the first
/// `3·(period − 1) + 1` entries. Every value must be finite.
pub fn trix(values: &[f64], period: usize) -> Result<Vec<f64>, Error> {
    check_finite("values", values)?;
    Ok(run_f64(TrixConfig { period }.init()?, values))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::Indicator;

    #[test]
    fn replace_is_update_of_the_other_value() {
        let xs: Vec<f64> = (0..40)
            .map(|i| 50.0 + (i as f64 * 0.7).sin() * 4.0)
            .collect();
        let mut live = TrixConfig { period: 4 }.init().unwrap();
        let mut plain = live.clone();
        for &x in &xs {
            live.update(x * 1.3);
            assert_eq!(live.replace(x), plain.update(x));
        }
        assert_eq!(live.warmup(), 11);
    }
}

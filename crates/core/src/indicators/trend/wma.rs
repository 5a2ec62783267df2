//! Weighted moving average (linear weights).
//!
//! With period `n`: `WMA[t] = (1·x[t−n+1] + 2·x[t−n+2] + … + n·x[t]) / (n(n+1)/2)`.
//! The first output is at the `n`-th input. Kept in O(1) per step with
//! TA-Lib's running weighted sum and running plain sum.
//!
//! ```
//! use tokenlens_core::indicators::{Indicator, trend::WmaConfig};
//! let mut wma = WmaConfig { period: 3 }.init().unwrap();
//! wma.update(1.0);
//! wma.update(2.0);
//! assert_eq!(wma.update(3.0), Some(14.0 / 6.0)); // (1 + 4 + 9) / 6
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::window::Ring;
use crate::indicators::{Io, check_finite, check_period, run_f64, streaming};

/// Parameters of a [`Wma`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WmaConfig {
    /// Number of periods, at least 1. Default 20.
    pub period: usize,
}

impl Default for WmaConfig {
    fn default() -> Self {
        Self { period: 20 }
    }
}

impl WmaConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Wma, Error> {
        self.validate()?;
        Ok(Wma {
            period: self.period,
            window: Ring::new(self.period),
            sums: Sums::default(),
            prev: Sums::default(),
            io: Io::default(),
        })
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Sums {
    weighted: f64,
    plain: f64,
}

/// Streaming weighted moving average. Built by [`WmaConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct WeightedMovingAverage {
    period: usize,
    window: Ring,
    sums: Sums,
    prev: Sums,
    io: Io<f64>,
}

/// Short name of [`WeightedMovingAverage`].
pub type Wma = WeightedMovingAverage;

impl Wma {
    fn push(&mut self, x: f64) -> Option<f64> {
        self.prev = self.sums;
        let n = self.period;
        if n == 1 {
            return Some(x);
        }
        let trailing = self.window.push(x);
        let seen = self.window.len();
        let s = &mut self.sums;
        if seen < n {
            s.plain += x;
            s.weighted += x * seen as f64;
            return None;
        }
        s.plain += x;
        s.plain -= trailing.unwrap_or(0.0);
        s.weighted += x * n as f64;
        let out = s.weighted / ((n * (n + 1)) / 2) as f64;
        s.weighted -= s.plain;
        Some(out)
    }

    fn undo(&mut self) {
        self.sums = self.prev;
        if self.period > 1 {
            self.window.undo();
        }
    }

    fn clear(&mut self) {
        self.window.clear();
        self.sums = Sums::default();
        self.prev = Sums::default();
    }

    fn warmup_len(&self) -> usize {
        self.period
    }
}

streaming!(Wma, f64, f64);

impl fmt::Display for Wma {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WMA({})", self.period)
    }
}

/// WMA over a whole series: as long as `values`, `NaN` for the first
/// `period − 1` entries. Every value must be finite.
pub fn wma(values: &[f64], period: usize) -> Result<Vec<f64>, Error> {
    check_finite("values", values)?;
    Ok(run_f64(WmaConfig { period }.init()?, values))
}

//! Double exponential moving average (Mulloy).
//!
//! `DEMA = 2·EMA(x) − EMA(EMA(x))`, both EMAs of period `n` and seeded as
//! TA-Lib seeds them (the mean of their first `n` inputs). The first output
//! is at input `2n − 1`.
//!
//! ```
//! use tokenlens_core::indicators::{Indicator, trend::DemaConfig};
//! let mut dema = DemaConfig { period: 2 }.init().unwrap();
//! assert_eq!(dema.update(1.0), None);
//! assert_eq!(dema.update(2.0), None);
//! assert!(dema.update(3.0).is_some());
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::trend::{Ema, EmaConfig};
use crate::indicators::{Indicator, Io, check_finite, check_period, run_f64, streaming};

/// Parameters of a [`Dema`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DemaConfig {
    /// Number of periods of both EMAs, at least 1. Default 20.
    pub period: usize,
}

impl Default for DemaConfig {
    fn default() -> Self {
        Self { period: 20 }
    }
}

impl DemaConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Dema, Error> {
        self.validate()?;
        let ema = EmaConfig {
            period: self.period,
        }
        .init()?;
        Ok(Dema {
            period: self.period,
            e1: ema.clone(),
            e2: ema,
            io: Io::default(),
        })
    }
}

/// Streaming double exponential moving average. Built by [`DemaConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct DoubleExponentialMovingAverage {
    period: usize,
    e1: Ema,
    e2: Ema,
    io: Io<f64>,
}

/// Short name of [`DoubleExponentialMovingAverage`].
pub type Dema = DoubleExponentialMovingAverage;

impl Dema {
    fn push(&mut self, x: f64) -> Option<f64> {
        let e1 = self.e1.push(x)?;
        let e2 = self.e2.push(e1)?;
        Some((2.0 * e1) - e2)
    }

    fn undo(&mut self) {
        if self.io.count >= self.period {
            self.e2.undo();
        }
        self.e1.undo();
    }

    fn clear(&mut self) {
        self.e1.reset();
        self.e2.reset();
    }

    fn warmup_len(&self) -> usize {
        2 * self.period - 1
    }
}

streaming!(Dema, f64, f64);

impl fmt::Display for Dema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DEMA({})", self.period)
    }
}

/// DEMA over a whole series: as long as `values`, `NaN` for the first
/// `2·(period − 1)` entries. Every value must be finite.
pub fn dema(values: &[f64], period: usize) -> Result<Vec<f64>, Error> {
    check_finite("values", values)?;
    Ok(run_f64(DemaConfig { period }.init()?, values))
}

//! Rate of change in percent, as TA-Lib's `ROC`:
//! `ROC[t] = (x[t] / x[t−n] − 1) · 100`, and 0 when `x[t−n]` is 0 (as
//! TA-Lib). The first output is at input `n + 1`.
//!
//! ```
//! use tokenlens_core::indicators::{Indicator, momentum::RocConfig};
//! let mut r = RocConfig { period: 1 }.init().unwrap();
//! r.update(4.0);
//! assert_eq!(r.update(5.0), Some(25.0));
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::window::Ring;
use crate::indicators::{Io, check_finite, check_period, run_f64, streaming};

/// Parameters of a [`Roc`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RocConfig {
    /// Number of periods back, at least 1. Default 10.
    pub period: usize,
}

impl Default for RocConfig {
    fn default() -> Self {
        Self { period: 10 }
    }
}

impl RocConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Roc, Error> {
        self.validate()?;
        Ok(Roc {
            period: self.period,
            window: Ring::new(self.period),
            io: Io::default(),
        })
    }
}

/// Streaming ROC. Built by [`RocConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct RateOfChange {
    period: usize,
    window: Ring,
    io: Io<f64>,
}

/// Short name of [`RateOfChange`].
pub type Roc = RateOfChange;

impl Roc {
    fn push(&mut self, x: f64) -> Option<f64> {
        let old = self.window.push(x)?;
        Some(if old != 0.0 {
            ((x / old) - 1.0) * 100.0
        } else {
            0.0
        })
    }

    fn undo(&mut self) {
        self.window.undo();
    }

    fn clear(&mut self) {
        self.window.clear();
    }

    fn warmup_len(&self) -> usize {
        self.period + 1
    }
}

streaming!(Roc, f64, f64);

impl fmt::Display for Roc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ROC({})", self.period)
    }
}

/// ROC over a whole series: as long as `values`, `NaN` for the first
/// `period` entries. Every value must be finite.
pub fn roc(values: &[f64], period: usize) -> Result<Vec<f64>, Error> {
    check_finite("values", values)?;
    Ok(run_f64(RocConfig { period }.init()?, values))
}

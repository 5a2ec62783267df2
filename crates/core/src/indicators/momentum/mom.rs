//! Momentum: `MOM[t] = x[t] − x[t−n]`. The first output is at input `n + 1`.
//!
//! ```
//! use tokenlens_core::indicators::{Indicator, momentum::MomConfig};
//! let mut m = MomConfig { period: 2 }.init().unwrap();
//! m.update(1.0);
//! m.update(5.0);
//! assert_eq!(m.update(4.0), Some(3.0));
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::window::Ring;
use crate::indicators::{Io, check_finite, check_period, run_f64, streaming};

/// Parameters of a [`Mom`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MomConfig {
    /// Number of periods back, at least 1. Default 10.
    pub period: usize,
}

impl Default for MomConfig {
    fn default() -> Self {
        Self { period: 10 }
    }
}

impl MomConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Mom, Error> {
        self.validate()?;
        Ok(Mom {
            period: self.period,
            window: Ring::new(self.period),
            io: Io::default(),
        })
    }
}

/// Streaming MOM. Built by [`MomConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct Momentum {
    period: usize,
    window: Ring,
    io: Io<f64>,
}

/// Short name of [`Momentum`].
pub type Mom = Momentum;

impl Mom {
    fn push(&mut self, x: f64) -> Option<f64> {
        let old = self.window.push(x)?;
        Some(x - old)
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

streaming!(Mom, f64, f64);

impl fmt::Display for Mom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MOM({})", self.period)
    }
}

/// MOM over a whole series: as long as `values`, `NaN` for the first
/// `period` entries. Every value must be finite.
pub fn mom(values: &[f64], period: usize) -> Result<Vec<f64>, Error> {
    check_finite("values", values)?;
    Ok(run_f64(MomConfig { period }.init()?, values))
}

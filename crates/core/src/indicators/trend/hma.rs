//! Hull moving average (Alan Hull). TA-Lib has none.
//!
//! `HMA(n) = WMA(2·WMA(x, ⌊n/2⌋) − WMA(x, n), ⌊√n⌋)`, with the WMAs of
//! [`Wma`](super::Wma). The first output is at input `n + ⌊√n⌋ − 1`.
//!
//! ```
//! use tokenlens_core::indicators::{Indicator, trend::HmaConfig};
//! let mut hma = HmaConfig { period: 4 }.init().unwrap();
//! let out: Vec<_> = (1..=6).map(|x| hma.update(x as f64)).collect();
//! assert_eq!(out[..4], [None, None, None, None]);
//! assert!((out[4].unwrap() - 5.0).abs() < 1e-12); // follows a straight line without lag
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::trend::{Wma, WmaConfig};
use crate::indicators::{Indicator, Io, check_finite, check_period, run_f64, streaming};

/// Parameters of an [`Hma`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HmaConfig {
    /// Number of periods, at least 2. Default 9.
    pub period: usize,
}

impl Default for HmaConfig {
    fn default() -> Self {
        Self { period: 9 }
    }
}

impl HmaConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 2)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Hma, Error> {
        self.validate()?;
        let n = self.period;
        let wma = |period| WmaConfig { period }.init();
        Ok(Hma {
            period: n,
            half: wma(n / 2)?,
            full: wma(n)?,
            smooth: wma(n.isqrt())?,
            io: Io::default(),
        })
    }
}

/// Streaming Hull moving average. Built by [`HmaConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct HullMovingAverage {
    period: usize,
    half: Wma,
    full: Wma,
    smooth: Wma,
    io: Io<f64>,
}

/// Short name of [`HullMovingAverage`].
pub type Hma = HullMovingAverage;

impl Hma {
    fn push(&mut self, x: f64) -> Option<f64> {
        let half = self.half.update(x);
        let full = self.full.update(x)?;
        self.smooth.update(2.0 * half? - full)
    }

    fn undo(&mut self) {
        if self.io.count >= self.period {
            self.smooth.undo_step();
        }
        self.half.undo_step();
        self.full.undo_step();
    }

    fn clear(&mut self) {
        self.half.reset();
        self.full.reset();
        self.smooth.reset();
    }

    fn warmup_len(&self) -> usize {
        self.period + self.period.isqrt() - 1
    }
}

streaming!(Hma, f64, f64);

impl fmt::Display for Hma {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HMA({})", self.period)
    }
}

/// HMA over a whole series: as long as `values`, `NaN` during warm-up.
/// Every value must be finite.
pub fn hma(values: &[f64], period: usize) -> Result<Vec<f64>, Error> {
    check_finite("values", values)?;
    Ok(run_f64(HmaConfig { period }.init()?, values))
}

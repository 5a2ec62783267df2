//! Volume-weighted moving average of closes. TA-Lib has none.
//!
//! `VWMA = Σ(close · volume) / Σvolume` over the last `n` candles. When all
//! `n` volumes are 0 it is the plain mean of the closes. The first output is
//! at input `n`.
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, trend::VwmaConfig};
//! let mut v = VwmaConfig { period: 2 }.init().unwrap();
//! v.update(Candle::flat(10.0, 1.0));
//! assert_eq!(v.update(Candle::flat(20.0, 3.0)), Some(17.5));
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::candle::check_candles;
use crate::indicators::window::RollingSum;
use crate::indicators::{Candle, Io, check_period, run_f64, streaming};

/// Parameters of a [`Vwma`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VwmaConfig {
    /// Number of periods, at least 1. Default 20.
    pub period: usize,
}

impl Default for VwmaConfig {
    fn default() -> Self {
        Self { period: 20 }
    }
}

impl VwmaConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Vwma, Error> {
        self.validate()?;
        let n = self.period;
        Ok(Vwma {
            period: n,
            pv: RollingSum::new(n),
            v: RollingSum::new(n),
            c: RollingSum::new(n),
            zero_run: (0, 0),
            io: Io::default(),
        })
    }
}

/// Streaming volume-weighted moving average. Built by [`VwmaConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct VolumeWeightedMovingAverage {
    period: usize,
    pv: RollingSum,
    v: RollingSum,
    c: RollingSum,
    /// Candles in a row without volume, now and before the last push.
    zero_run: (usize, usize),
    io: Io<f64>,
}

/// Short name of [`VolumeWeightedMovingAverage`].
pub type Vwma = VolumeWeightedMovingAverage;

impl Vwma {
    fn push(&mut self, k: Candle) -> Option<f64> {
        let run = if k.volume == 0.0 {
            self.zero_run.0 + 1
        } else {
            0
        };
        self.zero_run = (run, self.zero_run.0);
        let pv = self.pv.push(k.close * k.volume);
        let v = self.v.push(k.volume);
        let c = self.c.push(k.close)?;
        // Running sums of zeros can keep a residue: test the run instead.
        Some(if run >= self.period {
            c / self.period as f64
        } else {
            pv? / v?
        })
    }

    fn undo(&mut self) {
        self.zero_run = (self.zero_run.1, 0);
        self.pv.undo();
        self.v.undo();
        self.c.undo();
    }

    fn clear(&mut self) {
        self.pv.clear();
        self.v.clear();
        self.c.clear();
        self.zero_run = (0, 0);
    }

    fn warmup_len(&self) -> usize {
        self.period
    }
}

streaming!(Vwma, Candle, f64);

impl fmt::Display for Vwma {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VWMA({})", self.period)
    }
}

/// VWMA over candles: as long as `candles`, `NaN` for the first `period − 1`
/// entries. Every field must be finite.
pub fn vwma(candles: &[Candle], period: usize) -> Result<Vec<f64>, Error> {
    check_candles(candles)?;
    Ok(run_f64(VwmaConfig { period }.init()?, candles))
}

//! Volume z-score: how unusual this candle's volume is. TA-Lib has none.
//!
//! Over the last `n` volumes, the current one included (default 20):
//! `z = (volume − mean) / σ`, with `σ` the population standard deviation
//! (divisor `n`), kept with running sums as the
//! [`StdDev`](crate::indicators::volatility::StdDev) keeps it. When the `n`
//! volumes are all equal (`σ = 0`) the z-score is 0. With the current bar in
//! its own window, `|z|` is at most `√(n − 1)`. The first output is at input
//! `n`.
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, volume::VolumeZConfig};
//! let mut z = VolumeZConfig { period: 2 }.init().unwrap();
//! z.update(Candle::flat(1.0, 10.0));
//! assert_eq!(z.update(Candle::flat(1.0, 30.0)), Some(1.0)); // mean 20, σ 10
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::candle::check_candles;
use crate::indicators::volatility::stddev::Moments;
use crate::indicators::{Candle, Io, check_period, run_f64, streaming};

/// Parameters of a [`VolumeZ`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VolumeZConfig {
    /// Number of periods, at least 2. Default 20.
    pub period: usize,
}

impl Default for VolumeZConfig {
    fn default() -> Self {
        Self { period: 20 }
    }
}

impl VolumeZConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 2)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<VolumeZ, Error> {
        self.validate()?;
        Ok(VolumeZ {
            period: self.period,
            moments: Moments::new(self.period),
            io: Io::default(),
        })
    }
}

/// Streaming volume z-score. Built by [`VolumeZConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct VolumeZScore {
    period: usize,
    moments: Moments,
    io: Io<f64>,
}

/// Short name of [`VolumeZScore`].
pub type VolumeZ = VolumeZScore;

impl VolumeZ {
    fn push(&mut self, c: Candle) -> Option<f64> {
        let (mean, var) = self.moments.push(c.volume)?;
        Some(if var > 0.0 {
            (c.volume - mean) / var.sqrt()
        } else {
            0.0
        })
    }

    fn undo(&mut self) {
        self.moments.undo();
    }

    fn clear(&mut self) {
        self.moments.clear();
    }

    fn warmup_len(&self) -> usize {
        self.period
    }
}

streaming!(VolumeZ, Candle, f64);

impl fmt::Display for VolumeZ {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VOLZ({})", self.period)
    }
}

/// Volume z-score over candles: as long as `candles`, `NaN` for the first
/// `period − 1` entries. Every field must be finite.
pub fn volume_z(candles: &[Candle], period: usize) -> Result<Vec<f64>, Error> {
    check_candles(candles)?;
    Ok(run_f64(VolumeZConfig { period }.init()?, candles))
}

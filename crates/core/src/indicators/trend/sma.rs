//! Simple moving average.
//!
//! With period `n`: `SMA[t] = (x[t−n+1] + … + x[t]) / n`. The first output is
//! at the `n`-th input. The window sum is kept as TA-Lib keeps it (a running
//! total, the newest value added last), so values agree with TA-Lib bit for
//! bit on ordinary data.
//!
//! ```
//! use tokenlens_core::indicators::{Indicator, trend::SmaConfig};
//! let mut sma = SmaConfig { period: 3 }.init().unwrap();
//! assert_eq!(sma.update(1.0), None);
//! assert_eq!(sma.update(2.0), None);
//! assert_eq!(sma.update(6.0), Some(3.0));
//! assert_eq!(sma.update(7.0), Some(5.0));
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::lanes::Lane;
use crate::indicators::window::RollingSum;
use crate::indicators::{Io, check_finite, check_period, rolling_sums, streaming};

/// Parameters of an [`Sma`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmaConfig {
    /// Number of periods, at least 1. Default 20.
    pub period: usize,
}

impl Default for SmaConfig {
    fn default() -> Self {
        Self { period: 20 }
    }
}

impl SmaConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Sma, Error> {
        self.validate()?;
        Ok(Sma {
            period: self.period,
            sum: RollingSum::new(self.period),
            io: Io::default(),
        })
    }
}

/// Streaming simple moving average. Built by [`SmaConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct SimpleMovingAverage {
    period: usize,
    sum: RollingSum,
    io: Io<f64>,
}

/// Short name of [`SimpleMovingAverage`].
pub type Sma = SimpleMovingAverage;

impl Sma {
    fn push(&mut self, x: f64) -> Option<f64> {
        self.sum.push(x).map(|s| s / self.period as f64)
    }

    fn undo(&mut self) {
        self.sum.undo();
    }

    fn clear(&mut self) {
        self.sum.clear();
    }

    fn warmup_len(&self) -> usize {
        self.period
    }
}

streaming!(Sma, f64, f64);

impl fmt::Display for Sma {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SMA({})", self.period)
    }
}

/// SMA over a whole series: as long as `values`, `NaN` for the first
/// `period − 1` entries. Every value must be finite.
pub fn sma(values: &[f64], period: usize) -> Result<Vec<f64>, Error> {
    check_finite("values", values)?;
    SmaConfig { period }.validate()?;
    let mut out = vec![f64::NAN; values.len()];
    sma_into(values, period, &mut out);
    Ok(out)
}

/// The batch SMA into `out` (as long as `values`, `NaN`-filled by the caller
/// before `period − 1`): the streaming arithmetic without its bookkeeping.
pub(crate) fn sma_into<L: Lane>(values: &[L], period: usize, out: &mut [L]) {
    let n = L::splat(period as f64);
    let out = &mut out[..values.len()];
    rolling_sums(values, period, |t, sum| out[t] = sum / n);
}

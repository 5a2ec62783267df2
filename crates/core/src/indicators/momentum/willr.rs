//! Williams %R, as TA-Lib computes it.
//!
//! `%R = −100 · (HH − close) / (HH − LL)` over the last `n` highs and lows,
//! in −100..=0; 0 when `HH = LL` (as TA-Lib). The first output is at input `n`.
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, momentum::WillRConfig};
//! let mut w = WillRConfig { period: 2 }.init().unwrap();
//! assert_eq!(w.update(Candle::new(0.0, 4.0, 2.0, 3.0, 0.0)), None);
//! assert_eq!(w.update(Candle::new(0.0, 6.0, 3.0, 3.0, 0.0)), Some(-75.0));
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::candle::check_candles;
use crate::indicators::window::{Extreme, RollingExtreme};
use crate::indicators::{Candle, Io, check_period, run_f64, streaming};

/// Parameters of a [`WillR`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WillRConfig {
    /// Number of periods, at least 1. Default 14.
    pub period: usize,
}

impl Default for WillRConfig {
    fn default() -> Self {
        Self { period: 14 }
    }
}

impl WillRConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<WillR, Error> {
        self.validate()?;
        Ok(WillR {
            period: self.period,
            high: RollingExtreme::new(self.period, Extreme::Max),
            low: RollingExtreme::new(self.period, Extreme::Min),
            io: Io::default(),
        })
    }
}

/// Streaming Williams %R. Built by [`WillRConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct WilliamsR {
    period: usize,
    high: RollingExtreme,
    low: RollingExtreme,
    io: Io<f64>,
}

/// Short name of [`WilliamsR`].
pub type WillR = WilliamsR;

impl WillR {
    fn push(&mut self, c: Candle) -> Option<f64> {
        let hh = self.high.push(c.high);
        let ll = self.low.push(c.low);
        let (hh, ll) = (hh?.0, ll?.0);
        let diff = (hh - ll) / -100.0;
        Some(if diff != 0.0 {
            (hh - c.close) / diff
        } else {
            0.0
        })
    }

    fn undo(&mut self) {
        self.high.undo();
        self.low.undo();
    }

    fn clear(&mut self) {
        self.high.clear();
        self.low.clear();
    }

    fn warmup_len(&self) -> usize {
        self.period
    }
}

streaming!(WillR, Candle, f64);

impl fmt::Display for WillR {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WILLR({})", self.period)
    }
}

/// Williams %R over candles: as long as `candles`, `NaN` for the first
/// `period − 1` entries. Every field must be finite.
pub fn willr(candles: &[Candle], period: usize) -> Result<Vec<f64>, Error> {
    check_candles(candles)?;
    Ok(run_f64(WillRConfig { period }.init()?, candles))
}

//! Chaikin accumulation/distribution line, as TA-Lib's `AD`.
//!
//! `AD += ((close − low) − (high − close)) / (high − low) · volume`; a candle
//! with `high = low` adds nothing. The first output is at the first input.
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, volume::AdConfig};
//! let mut ad = AdConfig::default().init().unwrap();
//! assert_eq!(ad.update(Candle::new(1.0, 2.0, 0.0, 2.0, 10.0)), Some(10.0)); // closes at the high
//! assert_eq!(ad.update(Candle::new(1.0, 2.0, 0.0, 1.0, 10.0)), Some(10.0)); // mid-range
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::candle::check_candles;
use crate::indicators::{Candle, Io, run_f64, streaming};

/// Parameters of an [`Ad`] (it has none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AdConfig {}

impl AdConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        Ok(())
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Ad, Error> {
        self.validate()?;
        Ok(Ad {
            total: 0.0,
            prev: 0.0,
            io: Io::default(),
        })
    }
}

/// Streaming accumulation/distribution line. Built by [`AdConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct AccumulationDistribution {
    total: f64,
    prev: f64,
    io: Io<f64>,
}

/// Short name of [`AccumulationDistribution`].
pub type Ad = AccumulationDistribution;

impl Ad {
    fn push(&mut self, c: Candle) -> Option<f64> {
        self.prev = self.total;
        let range = c.high - c.low;
        if range > 0.0 {
            self.total += (((c.close - c.low) - (c.high - c.close)) / range) * c.volume;
        }
        Some(self.total)
    }

    fn undo(&mut self) {
        self.total = self.prev;
    }

    fn clear(&mut self) {
        self.total = 0.0;
        self.prev = 0.0;
    }

    fn warmup_len(&self) -> usize {
        1
    }
}

streaming!(Ad, Candle, f64);

impl fmt::Display for Ad {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AD")
    }
}

/// A/D line over candles: as long as `candles`. Every field must be finite.
pub fn ad(candles: &[Candle]) -> Result<Vec<f64>, Error> {
    check_candles(candles)?;
    Ok(run_f64(AdConfig::default().init()?, candles))
}

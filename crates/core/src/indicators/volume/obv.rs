//! On-balance volume, as TA-Lib's `OBV`.
//!
//! The running total adds the volume of a candle that closes above the
//! previous close and subtracts it when the close is below. TA-Lib (and so
//! this) starts the total at the first candle's volume, where some references
//! start at 0; differences between OBV values are the same either way. The
//! first output is at the first input.
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, volume::ObvConfig};
//! let mut obv = ObvConfig::default().init().unwrap();
//! assert_eq!(obv.update(Candle::flat(10.0, 5.0)), Some(5.0));
//! assert_eq!(obv.update(Candle::flat(11.0, 2.0)), Some(7.0));
//! assert_eq!(obv.update(Candle::flat(9.0, 4.0)), Some(3.0));
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::candle::check_candles;
use crate::indicators::{Candle, Io, run_f64, streaming};

/// Parameters of an [`Obv`] (it has none).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ObvConfig {}

impl ObvConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        Ok(())
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Obv, Error> {
        self.validate()?;
        Ok(Obv {
            state: (0.0, 0.0),
            prev: (0.0, 0.0),
            io: Io::default(),
        })
    }
}

/// Streaming on-balance volume. Built by [`ObvConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct OnBalanceVolume {
    /// (total, last close)
    state: (f64, f64),
    prev: (f64, f64),
    io: Io<f64>,
}

/// Short name of [`OnBalanceVolume`].
pub type Obv = OnBalanceVolume;

impl Obv {
    fn push(&mut self, c: Candle) -> Option<f64> {
        self.prev = self.state;
        let (mut total, last) = self.state;
        if self.io.count == 1 {
            total = c.volume;
        } else if c.close > last {
            total += c.volume;
        } else if c.close < last {
            total -= c.volume;
        }
        self.state = (total, c.close);
        Some(total)
    }

    fn undo(&mut self) {
        self.state = self.prev;
    }

    fn clear(&mut self) {
        self.state = (0.0, 0.0);
        self.prev = (0.0, 0.0);
    }

    fn warmup_len(&self) -> usize {
        1
    }
}

streaming!(Obv, Candle, f64);

impl fmt::Display for Obv {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "OBV")
    }
}

/// OBV over candles: as long as `candles`. Every field must be finite.
pub fn obv(candles: &[Candle]) -> Result<Vec<f64>, Error> {
    check_candles(candles)?;
    Ok(run_f64(ObvConfig::default().init()?, candles))
}

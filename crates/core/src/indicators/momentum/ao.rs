//! Awesome oscillator (Bill Williams). TA-Lib has none.
//!
//! With median price `m = (high + low) / 2`: `AO = SMA(m, fast) − SMA(m, slow)`,
//! using the [`Sma`](crate::indicators::trend::Sma) of this library. The
//! first output is at input `slow`.
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, momentum::AoConfig};
//! let mut ao = AoConfig { fast: 1, slow: 2 }.init().unwrap();
//! ao.update(Candle::new(0.0, 3.0, 1.0, 0.0, 0.0)); // median 2
//! assert_eq!(ao.update(Candle::new(0.0, 5.0, 3.0, 0.0, 0.0)), Some(1.0)); // 4 − 3
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::candle::check_candles;
use crate::indicators::trend::{Sma, SmaConfig};
use crate::indicators::{Candle, Indicator, Io, check_period, run_f64, streaming};

/// Parameters of an [`Ao`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AoConfig {
    /// Fast SMA period, at least 1. Default 5.
    pub fast: usize,
    /// Slow SMA period, greater than `fast`. Default 34.
    pub slow: usize,
}

impl Default for AoConfig {
    fn default() -> Self {
        Self { fast: 5, slow: 34 }
    }
}

impl AoConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("fast", self.fast, 1)?;
        check_period("slow", self.slow, 2)?;
        if self.slow <= self.fast {
            return Err(Error::InvalidParameter {
                name: "slow",
                value: self.slow.to_string(),
                reason: "must be greater than `fast`",
            });
        }
        Ok(())
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Ao, Error> {
        self.validate()?;
        Ok(Ao {
            config: *self,
            fast: SmaConfig { period: self.fast }.init()?,
            slow: SmaConfig { period: self.slow }.init()?,
            io: Io::default(),
        })
    }
}

/// Streaming awesome oscillator. Built by [`AoConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct AwesomeOscillator {
    config: AoConfig,
    fast: Sma,
    slow: Sma,
    io: Io<f64>,
}

/// Short name of [`AwesomeOscillator`].
pub type Ao = AwesomeOscillator;

impl Ao {
    fn push(&mut self, c: Candle) -> Option<f64> {
        let m = (c.high + c.low) / 2.0;
        let fast = self.fast.update(m);
        let slow = self.slow.update(m);
        Some(fast? - slow?)
    }

    fn undo(&mut self) {
        self.fast.undo_step();
        self.slow.undo_step();
    }

    fn clear(&mut self) {
        self.fast.reset();
        self.slow.reset();
    }

    fn warmup_len(&self) -> usize {
        self.config.slow
    }
}

streaming!(Ao, Candle, f64);

impl fmt::Display for Ao {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AO({},{})", self.config.fast, self.config.slow)
    }
}

/// Awesome oscillator over candles: as long as `candles`, `NaN` for the
/// first `slow − 1` entries. Every field must be finite.
pub fn ao(candles: &[Candle], config: AoConfig) -> Result<Vec<f64>, Error> {
    check_candles(candles)?;
    Ok(run_f64(config.init()?, candles))
}

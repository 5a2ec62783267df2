//! Commodity channel index (Lambert), as TA-Lib computes it.
//!
//! With typical price `tp = (high + low + close) / 3` and period `n`:
//! `CCI = (tp − SMA(tp)) / (0.015 · MD)`, where `MD` is the mean absolute
//! deviation of the last `n` typical prices from their mean; 0 when either
//! the numerator or `MD` is 0 (as TA-Lib). The mean deviation costs O(n) per
//! step. The first output is at input `n`.
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, momentum::CciConfig};
//! let mut cci = CciConfig { period: 2 }.init().unwrap();
//! assert_eq!(cci.update(Candle::flat(1.0, 0.0)), None);
//! // tp 1 and 3: mean 2, MD 1, (3 − 2) / 0.015
//! let v = cci.update(Candle::flat(3.0, 0.0)).unwrap();
//! assert!((v - 1.0 / 0.015).abs() < 1e-9);
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::candle::check_candles;
use crate::indicators::window::Ring;
use crate::indicators::{Candle, Io, check_period, run_f64, streaming};

/// Parameters of a [`Cci`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CciConfig {
    /// Number of periods, at least 2. Default 20.
    pub period: usize,
}

impl Default for CciConfig {
    fn default() -> Self {
        Self { period: 20 }
    }
}

impl CciConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 2)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Cci, Error> {
        self.validate()?;
        Ok(Cci {
            period: self.period,
            tp: Ring::new(self.period),
            io: Io::default(),
        })
    }
}

/// Streaming CCI. Built by [`CciConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct CommodityChannelIndex {
    period: usize,
    tp: Ring,
    io: Io<f64>,
}

/// Short name of [`CommodityChannelIndex`].
pub type Cci = CommodityChannelIndex;

impl Cci {
    fn push(&mut self, c: Candle) -> Option<f64> {
        let last = c.typical_price();
        self.tp.push(last);
        if !self.tp.is_full() {
            return None;
        }
        // Summed in storage order, as TA-Lib sums its circular buffer.
        let n = self.period as f64;
        let mean = self.tp.slots().iter().sum::<f64>() / n;
        let md = self
            .tp
            .slots()
            .iter()
            .map(|v| (v - mean).abs())
            .sum::<f64>();
        let dev = last - mean;
        Some(if dev != 0.0 && md != 0.0 {
            dev / (0.015 * (md / n))
        } else {
            0.0
        })
    }

    fn undo(&mut self) {
        self.tp.undo();
    }

    fn clear(&mut self) {
        self.tp.clear();
    }

    fn warmup_len(&self) -> usize {
        self.period
    }
}

streaming!(Cci, Candle, f64);

impl fmt::Display for Cci {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CCI({})", self.period)
    }
}

/// CCI over candles: as long as `candles`, `NaN` for the first `period − 1`
/// entries. Every field must be finite.
pub fn cci(candles: &[Candle], period: usize) -> Result<Vec<f64>, Error> {
    check_candles(candles)?;
    Ok(run_f64(CciConfig { period }.init()?, candles))
}

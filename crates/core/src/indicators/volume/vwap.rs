//! Rolling volume-weighted average price. TA-Lib has none.
//!
//! With typical price `tp = (high + low + close) / 3`:
//! `VWAP = Σ(tp · volume) / Σvolume` over the last `n` candles (default 20).
//! This is a rolling window, not the session VWAP that restarts each day:
//! daily crypto bars have no session. When all `n` volumes are 0 it is the
//! plain mean of the typical prices. The first output is at input `n`.
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, volume::VwapConfig};
//! let mut v = VwapConfig { period: 2 }.init().unwrap();
//! v.update(Candle::new(0.0, 12.0, 9.0, 9.0, 1.0)); // tp 10
//! assert_eq!(v.update(Candle::new(0.0, 24.0, 18.0, 18.0, 3.0)), Some(17.5)); // tp 20
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::candle::check_candles;
use crate::indicators::window::RollingSum;
use crate::indicators::{Candle, Io, check_period, run_f64, streaming};

/// Parameters of a [`Vwap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VwapConfig {
    /// Number of periods, at least 1. Default 20.
    pub period: usize,
}

impl Default for VwapConfig {
    fn default() -> Self {
        Self { period: 20 }
    }
}

impl VwapConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Vwap, Error> {
        self.validate()?;
        let n = self.period;
        Ok(Vwap {
            period: n,
            pv: RollingSum::new(n),
            v: RollingSum::new(n),
            tp: RollingSum::new(n),
            zero_run: (0, 0),
            io: Io::default(),
        })
    }
}

/// Streaming rolling VWAP. Built by [`VwapConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct VolumeWeightedAveragePrice {
    period: usize,
    pv: RollingSum,
    v: RollingSum,
    tp: RollingSum,
    /// Candles in a row without volume, now and before the last push.
    zero_run: (usize, usize),
    io: Io<f64>,
}

/// Short name of [`VolumeWeightedAveragePrice`].
pub type Vwap = VolumeWeightedAveragePrice;

impl Vwap {
    fn push(&mut self, k: Candle) -> Option<f64> {
        let run = if k.volume == 0.0 {
            self.zero_run.0 + 1
        } else {
            0
        };
        self.zero_run = (run, self.zero_run.0);
        let tp = k.typical_price();
        let pv = self.pv.push(tp * k.volume);
        let v = self.v.push(k.volume);
        let tps = self.tp.push(tp)?;
        // Running sums of zeros can keep a residue: test the run instead.
        Some(if run >= self.period {
            tps / self.period as f64
        } else {
            pv? / v?
        })
    }

    fn undo(&mut self) {
        self.zero_run = (self.zero_run.1, 0);
        self.pv.undo();
        self.v.undo();
        self.tp.undo();
    }

    fn clear(&mut self) {
        self.pv.clear();
        self.v.clear();
        self.tp.clear();
        self.zero_run = (0, 0);
    }

    fn warmup_len(&self) -> usize {
        self.period
    }
}

streaming!(Vwap, Candle, f64);

impl fmt::Display for Vwap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VWAP({})", self.period)
    }
}

/// Rolling VWAP over candles: as long as `candles`, `NaN` for the first
/// `period − 1` entries. Every field must be finite.
pub fn vwap(candles: &[Candle], period: usize) -> Result<Vec<f64>, Error> {
    check_candles(candles)?;
    Ok(run_f64(VwapConfig { period }.init()?, candles))
}

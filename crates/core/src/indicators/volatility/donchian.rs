//! Donchian channel. TA-Lib has none (its `MAX`/`MIN` give the bands).
//!
//! `upper` = highest high and `lower` = lowest low of the last `n` candles,
//! `middle = (upper + lower) / 2`. The first output is at input `n`.
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, volatility::DonchianConfig};
//! let mut d = DonchianConfig { period: 2 }.init().unwrap();
//! d.update(Candle::new(0.0, 5.0, 2.0, 0.0, 0.0));
//! let out = d.update(Candle::new(0.0, 4.0, 1.0, 0.0, 0.0)).unwrap();
//! assert_eq!((out.upper, out.middle, out.lower), (5.0, 3.0, 1.0));
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::candle::check_candles;
use crate::indicators::window::{Extreme, RollingExtreme};
use crate::indicators::{Candle, Io, check_period, columns, run, streaming};

/// Parameters of a [`Donchian`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DonchianConfig {
    /// Number of periods, at least 1. Default 20.
    pub period: usize,
}

impl Default for DonchianConfig {
    fn default() -> Self {
        Self { period: 20 }
    }
}

impl DonchianConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Donchian, Error> {
        self.validate()?;
        Ok(Donchian {
            period: self.period,
            high: RollingExtreme::new(self.period, Extreme::Max),
            low: RollingExtreme::new(self.period, Extreme::Min),
            io: Io::default(),
        })
    }
}

/// One Donchian channel output.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DonchianOutput {
    pub upper: f64,
    pub middle: f64,
    pub lower: f64,
}

/// Streaming Donchian channel. Built by [`DonchianConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct DonchianChannel {
    period: usize,
    high: RollingExtreme,
    low: RollingExtreme,
    io: Io<DonchianOutput>,
}

/// Short name of [`DonchianChannel`].
pub type Donchian = DonchianChannel;

impl Donchian {
    fn push(&mut self, c: Candle) -> Option<DonchianOutput> {
        let hh = self.high.push(c.high);
        let ll = self.low.push(c.low);
        let (upper, lower) = (hh?.0, ll?.0);
        Some(DonchianOutput {
            upper,
            middle: (upper + lower) / 2.0,
            lower,
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

streaming!(Donchian, Candle, DonchianOutput);

impl fmt::Display for Donchian {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DC({})", self.period)
    }
}

/// Donchian channel over a whole series, one column per output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DonchianSeries {
    pub upper: Vec<f64>,
    pub middle: Vec<f64>,
    pub lower: Vec<f64>,
}

/// Donchian channel over candles: columns as long as `candles`, `NaN` for
/// the first `period − 1` entries. Every field must be finite.
pub fn donchian(candles: &[Candle], period: usize) -> Result<DonchianSeries, Error> {
    check_candles(candles)?;
    let outs = run(DonchianConfig { period }.init()?, candles);
    let [upper, middle, lower] = columns(&outs, |o| [o.upper, o.middle, o.lower]);
    Ok(DonchianSeries {
        upper,
        middle,
        lower,
    })
}

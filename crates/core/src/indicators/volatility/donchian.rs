//! DonchianChannel channel. TA-Lib has none (its `MAX`/`MIN` give the bands).
//!
//! `upper` = highest high and `lower` = lowest low of the last `n` candles,
//! `middle = (upper + lower) / 2`. The first output is at input `n`.
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, volatility::DonchianChannelConfig};
//! let mut d = DonchianChannelConfig { period: 2 }.init().unwrap();
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

/// Parameters of a [`DonchianChannel`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DonchianChannelConfig {
    /// Number of periods, at least 1. Default 20.
    pub period: usize,
}

impl Default for DonchianChannelConfig {
    fn default() -> Self {
        Self { period: 20 }
    }
}

impl DonchianChannelConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<DonchianChannel, Error> {
        self.validate()?;
        Ok(DonchianChannel {
            period: self.period,
            high: RollingExtreme::new(self.period, Extreme::Max),
            low: RollingExtreme::new(self.period, Extreme::Min),
            io: Io::default(),
        })
    }
}

/// One DonchianChannel channel output.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DonchianChannelOutput {
    pub upper: f64,
    pub middle: f64,
    pub lower: f64,
}

/// Streaming DonchianChannel channel. Built by [`DonchianChannelConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct DonchianChannel {
    period: usize,
    high: RollingExtreme,
    low: RollingExtreme,
    io: Io<DonchianChannelOutput>,
}

impl DonchianChannel {
    fn push(&mut self, c: Candle) -> Option<DonchianChannelOutput> {
        let hh = self.high.push(c.high);
        let ll = self.low.push(c.low);
        let (upper, lower) = (hh?.0, ll?.0);
        Some(DonchianChannelOutput {
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

streaming!(DonchianChannel, Candle, DonchianChannelOutput);

impl fmt::Display for DonchianChannel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DC({})", self.period)
    }
}

/// DonchianChannel channel over a whole series, one column per output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DonchianChannelSeries {
    pub upper: Vec<f64>,
    pub middle: Vec<f64>,
    pub lower: Vec<f64>,
}

/// DonchianChannel channel over candles: columns as long as `candles`, `NaN` for
/// the first `period − 1` entries. Every field must be finite.
pub fn donchian(candles: &[Candle], period: usize) -> Result<DonchianChannelSeries, Error> {
    check_candles(candles)?;
    let outs = run(DonchianChannelConfig { period }.init()?, candles);
    let [upper, middle, lower] = columns(&outs, |o| [o.upper, o.middle, o.lower]);
    Ok(DonchianChannelSeries {
        upper,
        middle,
        lower,
    })
}

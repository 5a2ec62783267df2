//! Elder ray index: bull power and bear power. TA-Lib has none.
//!
//! With an EMA of closes over `period` (default 13, this library's
//! [`Ema`](crate::indicators::trend::Ema), seeded with the mean of the first
//! `period` closes): `bull power = high − EMA` and `bear power = low − EMA`.
//! Bull power above 0 means buyers pushed the high above the consensus value;
//! bear power below 0 means sellers pushed the low under it. The first
//! output is at input `period`.
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, momentum::ElderRayConfig};
//! let mut er = ElderRayConfig { period: 2 }.init().unwrap();
//! assert_eq!(er.update(Candle::new(10.0, 11.0, 9.0, 10.0, 0.0)), None);
//! let out = er.update(Candle::new(10.0, 13.0, 11.0, 12.0, 0.0)).unwrap();
//! // EMA = mean(10, 12) = 11
//! assert_eq!((out.bull_power, out.bear_power), (2.0, 0.0));
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::candle::check_candles;
use crate::indicators::trend::{Ema, EmaConfig};
use crate::indicators::{Candle, Indicator, Io, check_period, columns, run, streaming};

/// Parameters of an [`ElderRay`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ElderRayConfig {
    /// EMA period, at least 1. Default 13.
    pub period: usize,
}

impl Default for ElderRayConfig {
    fn default() -> Self {
        Self { period: 13 }
    }
}

impl ElderRayConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<ElderRay, Error> {
        self.validate()?;
        Ok(ElderRay {
            ema: EmaConfig {
                period: self.period,
            }
            .init()?,
            period: self.period,
            io: Io::default(),
        })
    }
}

/// One Elder ray output.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ElderRayOutput {
    /// `high − EMA(close)`.
    pub bull_power: f64,
    /// `low − EMA(close)`.
    pub bear_power: f64,
}

/// Streaming Elder ray (bull and bear power). Built by [`ElderRayConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct ElderRayIndex {
    period: usize,
    ema: Ema,
    io: Io<ElderRayOutput>,
}

/// Short name of [`ElderRayIndex`].
pub type ElderRay = ElderRayIndex;

impl ElderRay {
    fn push(&mut self, c: Candle) -> Option<ElderRayOutput> {
        let ema = self.ema.push(c.close)?;
        Some(ElderRayOutput {
            bull_power: c.high - ema,
            bear_power: c.low - ema,
        })
    }

    fn undo(&mut self) {
        self.ema.undo();
    }

    fn clear(&mut self) {
        self.ema.reset();
    }

    fn warmup_len(&self) -> usize {
        self.period
    }
}

streaming!(ElderRay, Candle, ElderRayOutput);

impl fmt::Display for ElderRay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ERI({})", self.period)
    }
}

/// Elder ray over a whole series, one column per output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ElderRaySeries {
    pub bull_power: Vec<f64>,
    pub bear_power: Vec<f64>,
}

/// Elder ray over candles: columns as long as `candles`, `NaN` for the first
/// `period − 1` entries. Every field must be finite.
pub fn elder_ray(candles: &[Candle], period: usize) -> Result<ElderRaySeries, Error> {
    check_candles(candles)?;
    let outs = run(ElderRayConfig { period }.init()?, candles);
    let [bull_power, bear_power] = columns(&outs, |o| [o.bull_power, o.bear_power]);
    Ok(ElderRaySeries {
        bull_power,
        bear_power,
    })
}

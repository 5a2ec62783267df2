//! Keltner channel (Raschke's form). TA-Lib has none.
//!
//! `middle = EMA(close, period)`, `upper/lower = middle ± multiplier ·
//! ATR(atr_period)`, with the [`Ema`](crate::indicators::trend::Ema) and
//! [`Atr`](super::Atr) of this library (TA-Lib seeding). The first output is
//! at input `max(period, atr_period + 1)`.
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, volatility::KeltnerConfig};
//! let mut k = KeltnerConfig { period: 2, atr_period: 1, multiplier: 2.0 }.init().unwrap();
//! k.update(Candle::new(10.0, 11.0, 9.0, 10.0, 0.0));
//! let out = k.update(Candle::new(10.0, 11.0, 9.0, 10.0, 0.0)).unwrap();
//! assert_eq!((out.lower, out.middle, out.upper), (6.0, 10.0, 14.0));
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::candle::check_candles;
use crate::indicators::trend::{Ema, EmaConfig};
use crate::indicators::volatility::{Atr, AtrConfig};
use crate::indicators::{
    Candle, Indicator, Io, check_period, check_positive, columns, run, streaming,
};

/// Parameters of a [`Keltner`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KeltnerConfig {
    /// EMA period of the middle line, at least 1. Default 20.
    pub period: usize,
    /// ATR period, at least 1. Default 10.
    pub atr_period: usize,
    /// Width in ATRs, finite and positive. Default 2.
    pub multiplier: f64,
}

impl Default for KeltnerConfig {
    fn default() -> Self {
        Self {
            period: 20,
            atr_period: 10,
            multiplier: 2.0,
        }
    }
}

impl KeltnerConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)?;
        check_period("atr_period", self.atr_period, 1)?;
        check_positive("multiplier", self.multiplier)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Keltner, Error> {
        self.validate()?;
        Ok(Keltner {
            config: *self,
            ema: EmaConfig {
                period: self.period,
            }
            .init()?,
            atr: AtrConfig {
                period: self.atr_period,
            }
            .init()?,
            io: Io::default(),
        })
    }
}

/// One Keltner channel output.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct KeltnerOutput {
    pub upper: f64,
    pub middle: f64,
    pub lower: f64,
}

/// Streaming Keltner channel. Built by [`KeltnerConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct KeltnerChannel {
    config: KeltnerConfig,
    ema: Ema,
    atr: Atr,
    io: Io<KeltnerOutput>,
}

/// Short name of [`KeltnerChannel`].
pub type Keltner = KeltnerChannel;

impl Keltner {
    fn push(&mut self, c: Candle) -> Option<KeltnerOutput> {
        let middle = self.ema.push(c.close);
        let atr = self.atr.update(c);
        let (middle, width) = (middle?, atr? * self.config.multiplier);
        Some(KeltnerOutput {
            upper: middle + width,
            middle,
            lower: middle - width,
        })
    }

    fn undo(&mut self) {
        self.ema.undo();
        self.atr.undo_step();
    }

    fn clear(&mut self) {
        self.ema.reset();
        self.atr.reset();
    }

    fn warmup_len(&self) -> usize {
        self.config.period.max(self.config.atr_period + 1)
    }
}

streaming!(Keltner, Candle, KeltnerOutput);

impl fmt::Display for Keltner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.config;
        write!(f, "KC({},{},{})", c.period, c.atr_period, c.multiplier)
    }
}

/// Keltner channel over a whole series, one column per output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeltnerSeries {
    pub upper: Vec<f64>,
    pub middle: Vec<f64>,
    pub lower: Vec<f64>,
}

/// Keltner channel over candles: columns as long as `candles`, `NaN` during
/// warm-up. Every field must be finite.
pub fn keltner(candles: &[Candle], config: KeltnerConfig) -> Result<KeltnerSeries, Error> {
    check_candles(candles)?;
    let outs = run(config.init()?, candles);
    let [upper, middle, lower] = columns(&outs, |o| [o.upper, o.middle, o.lower]);
    Ok(KeltnerSeries {
        upper,
        middle,
        lower,
    })
}

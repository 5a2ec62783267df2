//! KeltnerChannel channel (Raschke's form). TA-Lib has none.
//!
//! `middle = EMA(close, period)`, `upper/lower = middle ± multiplier ·
//! ATR(atr_period)`, with the [`Ema`](crate::indicators::trend::Ema) and
//! [`Atr`](super::Atr) of this library (TA-Lib seeding). The first output is
//! at input `max(period, atr_period + 1)`.
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, volatility::KeltnerChannelConfig};
//! let mut k = KeltnerChannelConfig { period: 2, atr_period: 1, multiplier: 2.0 }.init().unwrap();
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

/// Parameters of a [`KeltnerChannel`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KeltnerChannelConfig {
    /// EMA period of the middle line, at least 1. Default 20.
    pub period: usize,
    /// ATR period, at least 1. Default 10.
    pub atr_period: usize,
    /// Width in ATRs, finite and positive. Default 2.
    pub multiplier: f64,
}

impl Default for KeltnerChannelConfig {
    fn default() -> Self {
        Self {
            period: 20,
            atr_period: 10,
            multiplier: 2.0,
        }
    }
}

impl KeltnerChannelConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)?;
        check_period("atr_period", self.atr_period, 1)?;
        check_positive("multiplier", self.multiplier)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<KeltnerChannel, Error> {
        self.validate()?;
        Ok(KeltnerChannel {
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

/// One KeltnerChannel channel output.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct KeltnerChannelOutput {
    pub upper: f64,
    pub middle: f64,
    pub lower: f64,
}

/// Streaming KeltnerChannel channel. Built by [`KeltnerChannelConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct KeltnerChannel {
    config: KeltnerChannelConfig,
    ema: Ema,
    atr: Atr,
    io: Io<KeltnerChannelOutput>,
}

impl KeltnerChannel {
    fn push(&mut self, c: Candle) -> Option<KeltnerChannelOutput> {
        let middle = self.ema.push(c.close);
        let atr = self.atr.update(c);
        let (middle, width) = (middle?, atr? * self.config.multiplier);
        Some(KeltnerChannelOutput {
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

streaming!(KeltnerChannel, Candle, KeltnerChannelOutput);

impl fmt::Display for KeltnerChannel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.config;
        write!(f, "KC({},{},{})", c.period, c.atr_period, c.multiplier)
    }
}

/// KeltnerChannel channel over a whole series, one column per output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeltnerChannelSeries {
    pub upper: Vec<f64>,
    pub middle: Vec<f64>,
    pub lower: Vec<f64>,
}

/// KeltnerChannel channel over candles: columns as long as `candles`, `NaN` during
/// warm-up. Every field must be finite.
pub fn keltner(
    candles: &[Candle],
    config: KeltnerChannelConfig,
) -> Result<KeltnerChannelSeries, Error> {
    check_candles(candles)?;
    let outs = run(config.init()?, candles);
    let [upper, middle, lower] = columns(&outs, |o| [o.upper, o.middle, o.lower]);
    Ok(KeltnerChannelSeries {
        upper,
        middle,
        lower,
    })
}

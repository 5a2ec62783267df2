//! Aroon up/down and oscillator, as TA-Lib's `AROON`/`AROONOSC`.
//!
//! Over the last `n + 1` candles: `up = 100 · (n − bars since the highest
//! high) / n`, `down` likewise with the lowest low, `oscillator = up − down`.
//! When the extreme occurs more than once, the most recent counts (as
//! TA-Lib). The first output is at input `n + 1`.
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, trend::AroonConfig};
//! let mut a = AroonConfig { period: 2 }.init().unwrap();
//! a.update(Candle::new(0.0, 5.0, 1.0, 0.0, 0.0));
//! a.update(Candle::new(0.0, 4.0, 2.0, 0.0, 0.0));
//! let out = a.update(Candle::new(0.0, 3.0, 3.0, 0.0, 0.0)).unwrap();
//! assert_eq!((out.up, out.down, out.oscillator), (0.0, 0.0, 0.0));
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::candle::check_candles;
use crate::indicators::window::{Extreme, RollingExtreme};
use crate::indicators::{Candle, Io, check_period, columns, run, streaming};

/// Parameters of an [`Aroon`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AroonConfig {
    /// Number of periods, at least 1. Default 25.
    pub period: usize,
}

impl Default for AroonConfig {
    fn default() -> Self {
        Self { period: 25 }
    }
}

impl AroonConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Aroon, Error> {
        self.validate()?;
        Ok(Aroon {
            period: self.period,
            high: RollingExtreme::new(self.period + 1, Extreme::Max),
            low: RollingExtreme::new(self.period + 1, Extreme::Min),
            io: Io::default(),
        })
    }
}

/// One Aroon output: up and down in 0..=100, oscillator in −100..=100.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AroonOutput {
    pub up: f64,
    pub down: f64,
    pub oscillator: f64,
}

/// Streaming Aroon. Built by [`AroonConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct Aroon {
    period: usize,
    high: RollingExtreme,
    low: RollingExtreme,
    io: Io<AroonOutput>,
}

impl Aroon {
    fn push(&mut self, c: Candle) -> Option<AroonOutput> {
        let hh = self.high.push(c.high);
        let ll = self.low.push(c.low);
        let (since_high, since_low) = (hh?.1, ll?.1);
        let n = self.period;
        let factor = 100.0 / n as f64;
        Some(AroonOutput {
            up: factor * (n - since_high) as f64,
            down: factor * (n - since_low) as f64,
            oscillator: factor * (since_low as f64 - since_high as f64),
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
        self.period + 1
    }
}

streaming!(Aroon, Candle, AroonOutput);

impl fmt::Display for Aroon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AROON({})", self.period)
    }
}

/// Aroon over a whole series, one column per output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AroonSeries {
    pub up: Vec<f64>,
    pub down: Vec<f64>,
    pub oscillator: Vec<f64>,
}

/// Aroon over candles: columns as long as `candles`, `NaN` for the first
/// `period` entries. Every field must be finite.
pub fn aroon(candles: &[Candle], period: usize) -> Result<AroonSeries, Error> {
    check_candles(candles)?;
    let outs = run(AroonConfig { period }.init()?, candles);
    let [up, down, oscillator] = columns(&outs, |o| [o.up, o.down, o.oscillator]);
    Ok(AroonSeries {
        up,
        down,
        oscillator,
    })
}

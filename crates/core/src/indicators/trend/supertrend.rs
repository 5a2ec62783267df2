//! Supertrend (Olivier Seban), as TradingView's `ta.supertrend` computes it.
//! TA-Lib has none.
//!
//! With `hl2 = (high + low) / 2` and this library's Wilder
//! [`Atr`](crate::indicators::volatility::Atr) over `atr_period` (default 10):
//! basic bands `hl2 ± multiplier · ATR` (default multiplier 3). The final
//! bands only tighten while the trend holds:
//!
//! * `upper = basic upper` if it is below the previous upper or the previous
//!   close was above the previous upper, else the previous upper;
//! * `lower = basic lower` if it is above the previous lower or the previous
//!   close was below the previous lower, else the previous lower.
//!
//! Direction: in a downtrend (the line was the upper band) it turns up when
//! the close rises above the upper band; in an uptrend (the line was the
//! lower band) it turns down when the close falls below the lower band. The
//! supertrend is the lower band in an uptrend and the upper band in a
//! downtrend. On the first bar with an ATR the final bands are the basic
//! bands and the direction is down, as in TradingView. (TradingView reports
//! the direction as −1 for up and 1 for down; here it is
//! [`TrendDirection::Up`] / [`TrendDirection::Down`], and `+1` / `−1` in the
//! batch columns.)
//!
//! The ATR seeds as TA-Lib's, so the first output is at input
//! `atr_period + 1`; TradingView's ATR starts one bar earlier and converges
//! to the same values.
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator};
//! use tokenlens_core::indicators::trend::{SupertrendConfig, TrendDirection};
//! let mut st = SupertrendConfig { atr_period: 1, multiplier: 1.0 }.init().unwrap();
//! assert_eq!(st.update(Candle::new(10.0, 11.0, 9.0, 10.0, 0.0)), None);
//! // TR 2: bands 10 ± 2, starts down on the upper band
//! let out = st.update(Candle::new(10.0, 11.0, 9.0, 10.0, 0.0)).unwrap();
//! assert_eq!((out.value, out.direction), (12.0, TrendDirection::Down));
//! // the close 20 breaks above the upper band 12: the trend turns up
//! let out = st.update(Candle::new(10.0, 21.0, 19.0, 20.0, 0.0)).unwrap();
//! assert_eq!((out.value, out.direction), (9.0, TrendDirection::Up)); // 20 − 11
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::candle::check_candles;
use crate::indicators::volatility::{Atr, AtrConfig};
use crate::indicators::{
    Candle, Indicator, Io, check_period, check_positive, columns, run, streaming,
};

/// Parameters of a [`Supertrend`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SupertrendConfig {
    /// ATR period, at least 1. Default 10.
    pub atr_period: usize,
    /// Band width in ATRs, finite and positive. Default 3.
    pub multiplier: f64,
}

impl Default for SupertrendConfig {
    fn default() -> Self {
        Self {
            atr_period: 10,
            multiplier: 3.0,
        }
    }
}

impl SupertrendConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("atr_period", self.atr_period, 1)?;
        check_positive("multiplier", self.multiplier)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Supertrend, Error> {
        self.validate()?;
        Ok(Supertrend {
            config: *self,
            atr: AtrConfig {
                period: self.atr_period,
            }
            .init()?,
            state: None,
            before_last: None,
            io: Io::default(),
        })
    }
}

/// The direction of a trend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TrendDirection {
    Up,
    Down,
}

impl TrendDirection {
    /// `+1` for up, `−1` for down.
    pub fn sign(self) -> f64 {
        match self {
            TrendDirection::Up => 1.0,
            TrendDirection::Down => -1.0,
        }
    }
}

/// One supertrend output.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SupertrendOutput {
    /// The supertrend line: the lower band in an uptrend, the upper band in a downtrend.
    pub value: f64,
    pub direction: TrendDirection,
}

/// What the next step needs from the last one.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Bands {
    upper: f64,
    lower: f64,
    close: f64,
    direction: TrendDirection,
}

/// Streaming supertrend. Built by [`SupertrendConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct SupertrendIndicator {
    config: SupertrendConfig,
    atr: Atr,
    /// `None` until the ATR is defined.
    state: Option<Bands>,
    before_last: Option<Bands>,
    io: Io<SupertrendOutput>,
}

/// Short name of [`SupertrendIndicator`].
pub type Supertrend = SupertrendIndicator;

impl Supertrend {
    fn push(&mut self, c: Candle) -> Option<SupertrendOutput> {
        self.before_last = self.state;
        let atr = self.atr.update(c)?;
        let hl2 = (c.high + c.low) / 2.0;
        let width = self.config.multiplier * atr;
        let (basic_upper, basic_lower) = (hl2 + width, hl2 - width);
        let next = match self.state {
            None => Bands {
                upper: basic_upper,
                lower: basic_lower,
                close: c.close,
                direction: TrendDirection::Down,
            },
            Some(prev) => {
                let upper = if basic_upper < prev.upper || prev.close > prev.upper {
                    basic_upper
                } else {
                    prev.upper
                };
                let lower = if basic_lower > prev.lower || prev.close < prev.lower {
                    basic_lower
                } else {
                    prev.lower
                };
                let direction = match prev.direction {
                    TrendDirection::Down if c.close > upper => TrendDirection::Up,
                    TrendDirection::Up if c.close < lower => TrendDirection::Down,
                    d => d,
                };
                Bands {
                    upper,
                    lower,
                    close: c.close,
                    direction,
                }
            }
        };
        self.state = Some(next);
        Some(SupertrendOutput {
            value: match next.direction {
                TrendDirection::Up => next.lower,
                TrendDirection::Down => next.upper,
            },
            direction: next.direction,
        })
    }

    fn undo(&mut self) {
        self.atr.undo_step();
        self.state = self.before_last;
    }

    fn clear(&mut self) {
        self.atr.reset();
        self.state = None;
        self.before_last = None;
    }

    fn warmup_len(&self) -> usize {
        self.atr.warmup()
    }
}

streaming!(Supertrend, Candle, SupertrendOutput);

impl fmt::Display for Supertrend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.config;
        write!(f, "SUPERTREND({},{})", c.atr_period, c.multiplier)
    }
}

/// Supertrend over a whole series: the line, and the direction as `+1` (up)
/// or `−1` (down).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupertrendSeries {
    pub value: Vec<f64>,
    pub direction: Vec<f64>,
}

/// Supertrend over candles: columns as long as `candles`, `NaN` for the
/// first `atr_period` entries. Every field must be finite.
pub fn supertrend(candles: &[Candle], config: SupertrendConfig) -> Result<SupertrendSeries, Error> {
    check_candles(candles)?;
    let outs = run(config.init()?, candles);
    let [value, direction] = columns(&outs, |o| [o.value, o.direction.sign()]);
    Ok(SupertrendSeries { value, direction })
}

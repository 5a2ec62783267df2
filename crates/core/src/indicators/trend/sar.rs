//! Parabolic SAR (Wilder), as TA-Lib's `SAR`.
//!
//! The stop trails the extreme point `ep` of the current trend:
//! `sar += af · (ep − sar)`, never inside the last two candles' range; `af`
//! starts at `acceleration`, grows by it on each new extreme, up to
//! `maximum`. When a candle crosses the stop, the trend flips and the stop
//! jumps to the previous extreme. TA-Lib picks the first trend from the
//! second candle: short if its low fell further than its high rose
//! (`−DM > 0`), long otherwise; the first stop is the first candle's low
//! (long) or high (short). The first output is at the second input.
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, trend::ParabolicSarConfig};
//! let mut sar = ParabolicSarConfig::default().init().unwrap();
//! assert_eq!(sar.update(Candle::new(0.0, 10.0, 9.0, 0.0, 0.0)), None);
//! assert_eq!(sar.update(Candle::new(0.0, 11.0, 10.0, 0.0, 0.0)), Some(9.0));
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::candle::check_candles;
use crate::indicators::{Candle, Io, check_positive, run_f64, streaming};

/// Parameters of a [`ParabolicSar`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ParabolicSarConfig {
    /// Acceleration step, finite, positive and at most `maximum`. Default 0.02.
    pub acceleration: f64,
    /// Largest acceleration, finite and positive. Default 0.2.
    pub maximum: f64,
}

impl Default for ParabolicSarConfig {
    fn default() -> Self {
        Self {
            acceleration: 0.02,
            maximum: 0.2,
        }
    }
}

impl ParabolicSarConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_positive("acceleration", self.acceleration)?;
        check_positive("maximum", self.maximum)?;
        if self.acceleration > self.maximum {
            return Err(Error::InvalidParameter {
                name: "acceleration",
                value: self.acceleration.to_string(),
                reason: "must be at most `maximum`",
            });
        }
        Ok(())
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<ParabolicSar, Error> {
        self.validate()?;
        Ok(ParabolicSar {
            config: *self,
            state: State::default(),
            prev: State::default(),
            io: Io::default(),
        })
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct State {
    is_long: bool,
    sar: f64,
    ep: f64,
    af: f64,
    /// High and low of the latest candle.
    high: f64,
    low: f64,
}

/// Streaming parabolic SAR. Built by [`ParabolicSarConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct ParabolicSar {
    config: ParabolicSarConfig,
    state: State,
    prev: State,
    io: Io<f64>,
}

impl ParabolicSar {
    fn push(&mut self, c: Candle) -> Option<f64> {
        self.prev = self.state;
        let ParabolicSarConfig {
            acceleration,
            maximum,
        } = self.config;
        let s = &mut self.state;
        if self.io.count == 1 {
            s.high = c.high;
            s.low = c.low;
            return None;
        }
        if self.io.count == 2 {
            let diff_m = s.low - c.low;
            let diff_p = c.high - s.high;
            let minus_dm = if diff_m > 0.0 && diff_p < diff_m {
                diff_m
            } else {
                0.0
            };
            s.is_long = minus_dm <= 0.0;
            if s.is_long {
                s.ep = c.high;
                s.sar = s.low;
            } else {
                s.ep = c.low;
                s.sar = s.high;
            }
            s.af = acceleration;
            s.high = c.high;
            s.low = c.low;
        }
        let (prev_high, prev_low) = (s.high, s.low);
        let (high, low) = (c.high, c.low);
        s.high = high;
        s.low = low;
        let out;
        if s.is_long {
            if low <= s.sar {
                s.is_long = false;
                s.sar = s.ep.max(prev_high).max(high);
                out = s.sar;
                s.af = acceleration;
                s.ep = low;
                s.sar += s.af * (s.ep - s.sar);
                s.sar = s.sar.max(prev_high).max(high);
            } else {
                out = s.sar;
                if high > s.ep {
                    s.ep = high;
                    s.af = (s.af + acceleration).min(maximum);
                }
                s.sar += s.af * (s.ep - s.sar);
                s.sar = s.sar.min(prev_low).min(low);
            }
        } else if high >= s.sar {
            s.is_long = true;
            s.sar = s.ep.min(prev_low).min(low);
            out = s.sar;
            s.af = acceleration;
            s.ep = high;
            s.sar += s.af * (s.ep - s.sar);
            s.sar = s.sar.min(prev_low).min(low);
        } else {
            out = s.sar;
            if low < s.ep {
                s.ep = low;
                s.af = (s.af + acceleration).min(maximum);
            }
            s.sar += s.af * (s.ep - s.sar);
            s.sar = s.sar.max(prev_high).max(high);
        }
        Some(out)
    }

    fn undo(&mut self) {
        self.state = self.prev;
    }

    fn clear(&mut self) {
        self.state = State::default();
        self.prev = State::default();
    }

    fn warmup_len(&self) -> usize {
        2
    }
}

streaming!(ParabolicSar, Candle, f64);

impl fmt::Display for ParabolicSar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "SAR({},{})",
            self.config.acceleration, self.config.maximum
        )
    }
}

/// Parabolic SAR over candles: as long as `candles`, `NaN` for the first
/// entry. Every field must be finite.
pub fn sar(candles: &[Candle], config: ParabolicSarConfig) -> Result<Vec<f64>, Error> {
    check_candles(candles)?;
    Ok(run_f64(config.init()?, candles))
}

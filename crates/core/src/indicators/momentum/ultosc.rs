//! Ultimate oscillator (Williams), as TA-Lib's `ULTOSC`.
//!
//! With buying pressure `bp = close − min(low, prev close)` and true range
//! `tr`, `avg_p = Σbp / Σtr` over the last `p` bars, and
//! `UO = 100 · (4·avg_short + 2·avg_mid + avg_long) / 7`. The periods are
//! sorted first, so the shortest always gets weight 4 (as TA-Lib). A window
//! whose true ranges sum to 0 contributes 0. The first output is at input
//! `long + 1`.
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, momentum::UltimateOscillatorConfig};
//! let mut uo = UltimateOscillatorConfig { short: 1, mid: 2, long: 3 }.init().unwrap();
//! let mut last = None;
//! for i in 0..4 {
//!     let p = 10.0 + i as f64;
//!     last = uo.update(Candle::new(p, p, p - 1.0, p, 0.0)); // closes at the high
//! }
//! assert_eq!(last, Some(100.0));
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::candle::check_candles;
use crate::indicators::volatility::atr::true_range;
use crate::indicators::window::RollingSum;
use crate::indicators::{Candle, Io, check_period, run_f64, streaming};

/// Parameters of an [`UltimateOscillator`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UltimateOscillatorConfig {
    /// Short period (weight 4), at least 1. Default 7.
    pub short: usize,
    /// Middle period (weight 2), at least 1. Default 14.
    pub mid: usize,
    /// Long period (weight 1), at least 1. Default 28.
    pub long: usize,
}

impl Default for UltimateOscillatorConfig {
    fn default() -> Self {
        Self {
            short: 7,
            mid: 14,
            long: 28,
        }
    }
}

impl UltimateOscillatorConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("short", self.short, 1)?;
        check_period("mid", self.mid, 1)?;
        check_period("long", self.long, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<UltimateOscillator, Error> {
        self.validate()?;
        let mut p = [self.short, self.mid, self.long];
        crate::order::sort_few(&mut p);
        let pair = |n| (RollingSum::new(n), RollingSum::new(n));
        Ok(UltimateOscillator {
            config: *self,
            longest: p[2],
            sums: [pair(p[0]), pair(p[1]), pair(p[2])],
            prev_close: (0.0, 0.0),
            io: Io::default(),
        })
    }
}

/// Streaming ultimate oscillator. Built by [`UltimateOscillatorConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct UltimateOscillator {
    config: UltimateOscillatorConfig,
    longest: usize,
    /// (buying pressure, true range) sums, shortest period first.
    sums: [(RollingSum, RollingSum); 3],
    prev_close: (f64, f64),
    io: Io<f64>,
}

impl UltimateOscillator {
    fn push(&mut self, c: Candle) -> Option<f64> {
        let yc = self.prev_close.0;
        self.prev_close = (c.close, yc);
        if self.io.count == 1 {
            return None;
        }
        let true_low = if c.low < yc { c.low } else { yc };
        let bp = c.close - true_low;
        let tr = true_range(c.high, c.low, yc);
        let mut out = 0.0;
        let mut ready = true;
        for ((a, b), w) in self.sums.iter_mut().zip([4.0, 2.0, 1.0]) {
            match (a.push(bp), b.push(tr)) {
                (Some(a), Some(b)) => {
                    if b != 0.0 {
                        out += w * (a / b);
                    }
                }
                _ => ready = false,
            }
        }
        ready.then(|| 100.0 * (out / 7.0))
    }

    fn undo(&mut self) {
        self.prev_close = (self.prev_close.1, 0.0);
        if self.io.count > 1 {
            for (a, b) in &mut self.sums {
                a.undo();
                b.undo();
            }
        }
    }

    fn clear(&mut self) {
        self.prev_close = (0.0, 0.0);
        for (a, b) in &mut self.sums {
            a.clear();
            b.clear();
        }
    }

    fn warmup_len(&self) -> usize {
        self.longest + 1
    }
}

streaming!(UltimateOscillator, Candle, f64);

impl fmt::Display for UltimateOscillator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.config;
        write!(f, "ULTOSC({},{},{})", c.short, c.mid, c.long)
    }
}

/// Ultimate oscillator over candles: as long as `candles`, `NaN` for the
/// first `long` entries. Every field must be finite.
pub fn ult_osc(candles: &[Candle], config: UltimateOscillatorConfig) -> Result<Vec<f64>, Error> {
    check_candles(candles)?;
    Ok(run_f64(config.init()?, candles))
}

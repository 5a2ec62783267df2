//! Average true range (Wilder) and its normalized form, as TA-Lib.
//!
//! True range `TR = max(high − low, |high − prev close|, |low − prev close|)`,
//! defined from the second candle on. `ATR` is Wilder's average of `TR`: the
//! first value is the mean of the first `n` true ranges, then
//! `ATR = (ATR · (n − 1) + TR) / n`. The first candle only supplies a
//! previous close, so the first output is at input `n + 1`.
//! `NATR = 100 · ATR / close` (0 when the close is 0).
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, volatility::AtrConfig};
//! let mut atr = AtrConfig { period: 2 }.init().unwrap();
//! assert_eq!(atr.update(Candle::new(10.0, 11.0, 9.0, 10.0, 0.0)), None);
//! assert_eq!(atr.update(Candle::new(10.0, 12.0, 10.0, 11.0, 0.0)), None);
//! // true ranges 2 and 4 (gap from 11 down to 7)
//! assert_eq!(atr.update(Candle::new(8.0, 9.0, 7.0, 8.0, 0.0)), Some(3.0));
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::candle::check_candles;
use crate::indicators::lanes::Lane;
use crate::indicators::window::Wilder;
use crate::indicators::{Candle, Hlc, Indicator, Io, check_period, run_f64, streaming};

/// True range against the previous close, in TA-Lib's order of comparisons.
#[inline(always)]
pub(crate) fn true_range<L: Lane>(high: L, low: L, prev_close: L) -> L {
    let out = high - low;
    let up = (prev_close - high).abs();
    let out = L::select(up.gt(out), up, out);
    let down = (prev_close - low).abs();
    L::select(down.gt(out), down, out)
}

/// Parameters of an [`Atr`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AtrConfig {
    /// Number of periods, at least 1. Default 14.
    pub period: usize,
}

impl Default for AtrConfig {
    fn default() -> Self {
        Self { period: 14 }
    }
}

impl AtrConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Atr, Error> {
        self.validate()?;
        Ok(Atr {
            period: self.period,
            prev_close: (0.0, 0.0),
            avg: Wilder::new(self.period),
            io: Io::default(),
        })
    }
}

/// Streaming average true range. Built by [`AtrConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct AverageTrueRange {
    period: usize,
    prev_close: (f64, f64),
    avg: Wilder,
    io: Io<f64>,
}

/// Short name of [`AverageTrueRange`].
pub type Atr = AverageTrueRange;

impl Atr {
    fn push(&mut self, c: Candle) -> Option<f64> {
        let yc = self.prev_close.0;
        self.prev_close = (c.close, yc);
        if self.io.count == 1 {
            return None;
        }
        self.avg.push(true_range(c.high, c.low, yc))
    }

    fn undo(&mut self) {
        self.prev_close = (self.prev_close.1, 0.0);
        if self.io.count > 1 {
            self.avg.undo();
        }
    }

    fn clear(&mut self) {
        self.prev_close = (0.0, 0.0);
        self.avg.clear();
    }

    fn warmup_len(&self) -> usize {
        self.period + 1
    }
}

streaming!(Atr, Candle, f64);

impl fmt::Display for Atr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ATR({})", self.period)
    }
}

/// ATR over candles: as long as `candles`, `NaN` for the first `period`
/// entries. Every field must be finite.
pub fn atr(candles: &[Candle], period: usize) -> Result<Vec<f64>, Error> {
    check_candles(candles)?;
    AtrConfig { period }.validate()?;
    let mut out = vec![f64::NAN; candles.len()];
    atr_into(candles, period, &mut out);
    Ok(out)
}

/// The batch ATR into `out` (as long as the input, `NaN`-filled by the
/// caller before `period`), in [`Wilder`]'s order of operations.
pub(crate) fn atr_into<S: Hlc + ?Sized>(input: &S, period: usize, out: &mut [S::Value]) {
    let n = period;
    let len = input.len();
    if len <= n {
        return;
    }
    let out = &mut out[..len];
    let nf = S::Value::splat(n as f64);
    let one = S::Value::splat(1.0);
    let mut prev_close = input.hlc(0).2;
    let mut tr = |t: usize| {
        let (h, l, c) = input.hlc(t);
        let r = true_range(h, l, prev_close);
        prev_close = c;
        r
    };
    let mut avg = S::Value::splat(0.0);
    for t in 1..n {
        avg += tr(t);
    }
    avg = (avg + tr(n)) / nf;
    out[n] = avg;
    for (t, o) in out.iter_mut().enumerate().skip(n + 1) {
        avg *= nf - one;
        avg += tr(t);
        avg /= nf;
        *o = avg;
    }
}

/// Parameters of a [`Natr`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NatrConfig {
    /// Number of periods, at least 1. Default 14.
    pub period: usize,
}

impl Default for NatrConfig {
    fn default() -> Self {
        Self { period: 14 }
    }
}

impl NatrConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Natr, Error> {
        self.validate()?;
        Ok(Natr {
            atr: AtrConfig {
                period: self.period,
            }
            .init()?,
            io: Io::default(),
        })
    }
}

/// Streaming normalized ATR, in percent of the close. Built by [`NatrConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct NormalizedAverageTrueRange {
    atr: Atr,
    io: Io<f64>,
}

/// Short name of [`NormalizedAverageTrueRange`].
pub type Natr = NormalizedAverageTrueRange;

impl Natr {
    fn push(&mut self, c: Candle) -> Option<f64> {
        let atr = self.atr.update(c)?;
        Some(if c.close != 0.0 {
            (atr / c.close) * 100.0
        } else {
            0.0
        })
    }

    fn undo(&mut self) {
        self.atr.undo_step();
    }

    fn clear(&mut self) {
        self.atr.reset();
    }

    fn warmup_len(&self) -> usize {
        self.atr.warmup()
    }
}

streaming!(Natr, Candle, f64);

impl fmt::Display for Natr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NATR({})", self.atr.period)
    }
}

/// NATR over candles: as long as `candles`, `NaN` for the first `period`
/// entries. Every field must be finite.
pub fn natr(candles: &[Candle], period: usize) -> Result<Vec<f64>, Error> {
    check_candles(candles)?;
    Ok(run_f64(NatrConfig { period }.init()?, candles))
}

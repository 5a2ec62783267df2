//! Relative strength index with Wilder's smoothing, as TA-Lib computes it.
//!
//! With period `n`, changes `d[t] = x[t] − x[t−1]`, gains `max(d, 0)` and
//! losses `max(−d, 0)`: the first averages are the plain means of the first
//! `n` gains and losses, then `avg = (avg · (n − 1) + new) / n`.
//! `RSI = 100 · avg_gain / (avg_gain + avg_loss)`, and 0 when both averages
//! are 0 (a flat series), as in TA-Lib. The first output is at input `n + 1`.
//!
//! TA-Lib 0.4 treated `avg_gain + avg_loss` below 1e-8 as zero, which broke
//! the RSI of coins priced near 1e-8; this (like TA-Lib 0.8) does not.
//!
//! ```
//! use tokenlens_core::indicators::{Indicator, momentum::RsiConfig};
//! let mut rsi = RsiConfig { period: 2 }.init().unwrap();
//! assert_eq!(rsi.update(1.0), None);
//! assert_eq!(rsi.update(2.0), None);
//! assert_eq!(rsi.update(1.0), Some(50.0)); // gains 1, 0; losses 0, 1
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::lanes::Lane;
use crate::indicators::window::Wilder;
use crate::indicators::{Io, check_finite, check_period, streaming};

/// Parameters of an [`Rsi`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RsiConfig {
    /// Number of periods, at least 1. Default 14.
    pub period: usize,
}

impl Default for RsiConfig {
    fn default() -> Self {
        Self { period: 14 }
    }
}

impl RsiConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Rsi, Error> {
        self.validate()?;
        Ok(Rsi {
            period: self.period,
            prev_x: (0.0, 0.0),
            gain: Wilder::new(self.period),
            loss: Wilder::new(self.period),
            io: Io::default(),
        })
    }
}

/// Streaming RSI. Built by [`RsiConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct RelativeStrengthIndex {
    period: usize,
    /// Last input and the one before it (for undo).
    prev_x: (f64, f64),
    gain: Wilder,
    loss: Wilder,
    io: Io<f64>,
}

/// Short name of [`RelativeStrengthIndex`].
pub type Rsi = RelativeStrengthIndex;

impl Rsi {
    fn push(&mut self, x: f64) -> Option<f64> {
        let last = self.prev_x.0;
        self.prev_x = (x, last);
        if self.io.count == 1 {
            return None;
        }
        let d = x - last;
        let (g, l) = if d < 0.0 { (0.0, -d) } else { (d, 0.0) };
        let (g, l) = (self.gain.push(g), self.loss.push(l));
        let (g, l) = (g?, l?);
        let total = g + l;
        Some(if total != 0.0 {
            100.0 * (g / total)
        } else {
            0.0
        })
    }

    fn undo(&mut self) {
        self.prev_x = (self.prev_x.1, 0.0);
        if self.io.count > 1 {
            self.gain.undo();
            self.loss.undo();
        }
    }

    fn clear(&mut self) {
        self.prev_x = (0.0, 0.0);
        self.gain.clear();
        self.loss.clear();
    }

    fn warmup_len(&self) -> usize {
        self.period + 1
    }
}

streaming!(Rsi, f64, f64);

impl fmt::Display for Rsi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RSI({})", self.period)
    }
}

/// RSI over a whole series: as long as `values`, `NaN` for the first
/// `period` entries. Every value must be finite.
pub fn rsi(values: &[f64], period: usize) -> Result<Vec<f64>, Error> {
    check_finite("values", values)?;
    RsiConfig { period }.validate()?;
    let mut out = vec![f64::NAN; values.len()];
    rsi_into(values, period, &mut out);
    Ok(out)
}

/// The batch RSI into `out` (as long as `values`, `NaN`-filled by the caller
/// before `period`): both Wilder averages in one loop, in [`Wilder`]'s order
/// of operations.
pub(crate) fn rsi_into<L: Lane>(values: &[L], period: usize, out: &mut [L]) {
    let n = period;
    if values.len() <= n {
        return;
    }
    let out = &mut out[..values.len()];
    let nf = L::splat(n as f64);
    let (zero, one, hundred) = (L::splat(0.0), L::splat(1.0), L::splat(100.0));
    let split = |d: L| {
        let down = d.lt(zero);
        (L::select(down, zero, d), L::select(down, -d, zero))
    };
    let rsi = |g: L, l: L| {
        let total = g + l;
        L::select(total.ne(zero), hundred * (g / total), zero)
    };
    let (mut gain, mut loss) = (zero, zero);
    for w in values[..n].windows(2) {
        let (g, l) = split(w[1] - w[0]);
        gain += g;
        loss += l;
    }
    let (g, l) = split(values[n] - values[n - 1]);
    gain = (gain + g) / nf;
    loss = (loss + l) / nf;
    out[n] = rsi(gain, loss);
    for (o, w) in out[n + 1..].iter_mut().zip(values[n..].windows(2)) {
        let (g, l) = split(w[1] - w[0]);
        gain *= nf - one;
        gain += g;
        gain /= nf;
        loss *= nf - one;
        loss += l;
        loss /= nf;
        *o = rsi(gain, loss);
    }
}

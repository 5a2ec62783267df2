//! Money flow index, as TA-Lib's `MFI`.
//!
//! Raw money flow is `typical price · volume`; it is positive when the
//! typical price rose from the previous candle, negative when it fell, and
//! ignored when unchanged (within rounding of the two prices).
//! `MFI = 100 · Σpositive / (Σpositive + Σnegative)` over the last `n` flows,
//! and 0 when both sums are 0. Like TA-Lib 0.8, the running sums are reset to
//! exactly 0 after `n` bars without flow and the result is clamped to
//! 0..=100 against rounding drift. TA-Lib 0.4 reported 0 whenever the total
//! flow was below 1.0; neither TA-Lib 0.8 nor this does. The first output is
//! at input `n + 1`.
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, volume::MfiConfig};
//! let mut mfi = MfiConfig { period: 2 }.init().unwrap();
//! mfi.update(Candle::flat(10.0, 1.0));
//! mfi.update(Candle::flat(11.0, 1.0)); // +11
//! assert_eq!(mfi.update(Candle::flat(10.0, 3.3)), Some(25.0)); // −33
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::candle::check_candles;
use crate::indicators::window::Ring;
use crate::indicators::{Candle, Io, check_period, run_f64, streaming};

/// Parameters of an [`Mfi`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MfiConfig {
    /// Number of periods, at least 1. Default 14.
    pub period: usize,
}

impl Default for MfiConfig {
    fn default() -> Self {
        Self { period: 14 }
    }
}

impl MfiConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Mfi, Error> {
        self.validate()?;
        Ok(Mfi {
            period: self.period,
            pos: Ring::new(self.period),
            neg: Ring::new(self.period),
            state: State::default(),
            prev: State::default(),
            io: Io::default(),
        })
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct State {
    last_tp: f64,
    pos_sum: f64,
    neg_sum: f64,
    null_run: usize,
}

/// Streaming money flow index. Built by [`MfiConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct MoneyFlowIndex {
    period: usize,
    pos: Ring,
    neg: Ring,
    state: State,
    prev: State,
    io: Io<f64>,
}

/// Short name of [`MoneyFlowIndex`].
pub type Mfi = MoneyFlowIndex;

impl Mfi {
    fn push(&mut self, c: Candle) -> Option<f64> {
        self.prev = self.state;
        let tp = c.typical_price();
        let s = &mut self.state;
        let change = tp - s.last_tp;
        let scale = tp.abs() + s.last_tp.abs();
        s.last_tp = tp;
        if self.io.count == 1 {
            return None;
        }
        // A move within rounding of the two prices is no move (as TA-Lib).
        let flow = if change.abs() <= 1e-14 * scale {
            0.0
        } else {
            tp * c.volume
        };
        let (p, n) = if change < 0.0 {
            (0.0, flow)
        } else {
            (flow, 0.0)
        };
        let old_p = self.pos.push(p);
        let old_n = self.neg.push(n);
        if let (Some(op), Some(on)) = (old_p, old_n) {
            s.pos_sum -= op;
            s.neg_sum -= on;
        }
        s.pos_sum += p;
        s.neg_sum += n;
        // A window without any flow sums to exactly 0: drop the residue.
        s.null_run = if flow == 0.0 { s.null_run + 1 } else { 0 };
        if s.null_run >= self.period {
            s.null_run = self.period;
            s.pos_sum = 0.0;
            s.neg_sum = 0.0;
        }
        if !self.pos.is_full() {
            return None;
        }
        let total = s.pos_sum + s.neg_sum;
        let pos = s.pos_sum.clamp(0.0, total.max(0.0));
        Some(if total > 0.0 {
            100.0 * (pos / total)
        } else {
            0.0
        })
    }

    fn undo(&mut self) {
        self.state = self.prev;
        if self.io.count > 1 {
            self.pos.undo();
            self.neg.undo();
        }
    }

    fn clear(&mut self) {
        self.pos.clear();
        self.neg.clear();
        self.state = State::default();
        self.prev = State::default();
    }

    fn warmup_len(&self) -> usize {
        self.period + 1
    }
}

streaming!(Mfi, Candle, f64);

impl fmt::Display for Mfi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MFI({})", self.period)
    }
}

/// MFI over candles: as long as `candles`, `NaN` for the first `period`
/// entries. Every field must be finite.
pub fn mfi(candles: &[Candle], period: usize) -> Result<Vec<f64>, Error> {
    check_candles(candles)?;
    Ok(run_f64(MfiConfig { period }.init()?, candles))
}

//! Triple exponential moving average (Mulloy).
//!
//! `TEMA = 3·E1 − 3·E2 + E3` with `E1 = EMA(x)`, `E2 = EMA(E1)`,
//! `E3 = EMA(E2)`, all of period `n` and seeded as TA-Lib seeds them. The
//! first output is at input `3n − 2`.
//!
//! ```
//! use tokenlens_core::indicators::{Indicator, trend::TemaConfig};
//! let mut tema = TemaConfig { period: 2 }.init().unwrap();
//! let out: Vec<_> = [1.0, 2.0, 3.0, 4.0].iter().map(|&x| tema.update(x)).collect();
//! assert_eq!(out[..3], [None, None, None]);
//! assert!(out[3].is_some());
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::trend::{Ema, EmaConfig};
use crate::indicators::{Indicator, Io, check_finite, check_period, run_f64, streaming};

/// Parameters of a [`Tema`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TemaConfig {
    /// Number of periods of the three EMAs, at least 1. Default 20.
    pub period: usize,
}

impl Default for TemaConfig {
    fn default() -> Self {
        Self { period: 20 }
    }
}

impl TemaConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Tema, Error> {
        self.validate()?;
        Ok(Tema {
            period: self.period,
            chain: EmaChain::new(self.period)?,
            io: Io::default(),
        })
    }
}

/// Streaming triple exponential moving average. Built by [`TemaConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct TripleExponentialMovingAverage {
    period: usize,
    chain: EmaChain,
    io: Io<f64>,
}

/// Three EMAs of one period in a chain, `E1 = EMA(x)`, `E2 = EMA(E1)`,
/// `E3 = EMA(E2)`, each seeded as TA-Lib seeds it: what TEMA and TRIX are
/// made of.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EmaChain {
    period: usize,
    e1: Ema,
    e2: Ema,
    e3: Ema,
}

impl EmaChain {
    pub(crate) fn new(period: usize) -> Result<Self, Error> {
        let ema = EmaConfig { period }.init()?;
        Ok(Self {
            period,
            e1: ema.clone(),
            e2: ema.clone(),
            e3: ema,
        })
    }

    /// One input: `[E1, E2, E3]` once `E3` is warm (from input `3n − 2`).
    pub(crate) fn push(&mut self, x: f64) -> Option<[f64; 3]> {
        let e1 = self.e1.push(x)?;
        let e2 = self.e2.push(e1)?;
        let e3 = self.e3.push(e2)?;
        Some([e1, e2, e3])
    }

    /// Reverses the last push, the `count`-th input.
    pub(crate) fn undo(&mut self, count: usize) {
        let n = self.period;
        if count >= 2 * n - 1 {
            self.e3.undo();
        }
        if count >= n {
            self.e2.undo();
        }
        self.e1.undo();
    }

    pub(crate) fn clear(&mut self) {
        self.e1.reset();
        self.e2.reset();
        self.e3.reset();
    }
}

/// Short name of [`TripleExponentialMovingAverage`].
pub type Tema = TripleExponentialMovingAverage;

impl Tema {
    fn push(&mut self, x: f64) -> Option<f64> {
        let [e1, e2, e3] = self.chain.push(x)?;
        Some(e3 + ((3.0 * e1) - (3.0 * e2)))
    }

    fn undo(&mut self) {
        self.chain.undo(self.io.count);
    }

    fn clear(&mut self) {
        self.chain.clear();
    }

    fn warmup_len(&self) -> usize {
        3 * self.period - 2
    }
}

streaming!(Tema, f64, f64);

impl fmt::Display for Tema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TEMA({})", self.period)
    }
}

/// TEMA over a whole series: as long as `values`, `NaN` for the first
/// `3·(period − 1)` entries. Every value must be finite.
pub fn tema(values: &[f64], period: usize) -> Result<Vec<f64>, Error> {
    check_finite("values", values)?;
    Ok(run_f64(TemaConfig { period }.init()?, values))
}

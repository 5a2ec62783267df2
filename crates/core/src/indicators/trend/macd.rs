//! Moving average convergence/divergence, seeded as TA-Lib seeds it.
//!
//! `MACD = EMA_fast(x) − EMA_slow(x)`, `signal = EMA_signal(MACD)`,
//! `histogram = MACD − signal`.
//!
//! TA-Lib (and so this) starts both price EMAs at the same bar: the fast EMA
//! is seeded with the mean of the `fast` values ending at input `slow`, not of
//! the first `fast` values. Libraries that run the fast EMA from the first
//! input (TradingView, pandas `ewm`) differ early on and converge later. The
//! signal EMA is seeded with the mean of the first `signal` MACD values. The
//! first output is at input `slow + signal − 1`.
//!
//! ```
//! use tokenlens_core::indicators::{Indicator, trend::MacdConfig};
//! let mut macd = MacdConfig { fast: 2, slow: 3, signal: 2 }.init().unwrap();
//! let out: Vec<_> = [1.0, 2.0, 3.0, 4.0].iter().map(|&x| macd.update(x)).collect();
//! assert_eq!(out[..3], [None, None, None]);
//! let last = out[3].unwrap();
//! assert_eq!(last.macd, 0.5); // EMA2 = 3.5, EMA3 = 3
//! assert_eq!(last.histogram, last.macd - last.signal);
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::lanes::Lane;
use crate::indicators::trend::{Ema, EmaConfig};
use crate::indicators::{Indicator, Io, check_finite, check_period, streaming};

/// Parameters of a [`Macd`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MacdConfig {
    /// Fast EMA period, at least 2. Default 12.
    pub fast: usize,
    /// Slow EMA period, at least `fast`. Default 26.
    pub slow: usize,
    /// Signal EMA period, at least 1. Default 9.
    pub signal: usize,
}

impl Default for MacdConfig {
    fn default() -> Self {
        Self {
            fast: 12,
            slow: 26,
            signal: 9,
        }
    }
}

impl MacdConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("fast", self.fast, 2)?;
        check_period("slow", self.slow, 2)?;
        check_period("signal", self.signal, 1)?;
        if self.slow < self.fast {
            return Err(Error::InvalidParameter {
                name: "slow",
                value: self.slow.to_string(),
                reason: "must be at least `fast`",
            });
        }
        Ok(())
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Macd, Error> {
        self.validate()?;
        let ema = |period| EmaConfig { period }.init();
        Ok(Macd {
            config: *self,
            fast: ema(self.fast)?,
            slow: ema(self.slow)?,
            signal: ema(self.signal)?,
            io: Io::default(),
        })
    }
}

/// One MACD output.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MacdOutput {
    pub macd: f64,
    pub signal: f64,
    pub histogram: f64,
}

/// Streaming MACD. Built by [`MacdConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct MovingAverageConvergenceDivergence {
    config: MacdConfig,
    fast: Ema,
    slow: Ema,
    signal: Ema,
    io: Io<MacdOutput>,
}

/// Short name of [`MovingAverageConvergenceDivergence`].
pub type Macd = MovingAverageConvergenceDivergence;

impl Macd {
    fn push(&mut self, x: f64) -> Option<MacdOutput> {
        let i = self.io.count - 1;
        let slow = self.slow.push(x);
        let fast = if i >= self.config.slow - self.config.fast {
            self.fast.push(x)
        } else {
            None
        };
        let macd = fast? - slow?;
        let signal = self.signal.push(macd)?;
        Some(MacdOutput {
            macd,
            signal,
            histogram: macd - signal,
        })
    }

    fn undo(&mut self) {
        let i = self.io.count - 1;
        self.slow.undo();
        if i >= self.config.slow - self.config.fast {
            self.fast.undo();
        }
        if i + 1 >= self.config.slow {
            self.signal.undo();
        }
    }

    fn clear(&mut self) {
        self.fast.reset();
        self.slow.reset();
        self.signal.reset();
    }

    fn warmup_len(&self) -> usize {
        self.config.slow + self.config.signal - 1
    }
}

streaming!(Macd, f64, MacdOutput);

impl fmt::Display for Macd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.config;
        write!(f, "MACD({},{},{})", c.fast, c.slow, c.signal)
    }
}

/// MACD over a whole series, one column per output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MacdSeries {
    pub macd: Vec<f64>,
    pub signal: Vec<f64>,
    pub histogram: Vec<f64>,
}

/// MACD over a whole series: columns as long as `values`, `NaN` for the
/// first `slow + signal − 2` entries. Every value must be finite.
pub fn macd(values: &[f64], config: MacdConfig) -> Result<MacdSeries, Error> {
    check_finite("values", values)?;
    config.validate()?;
    let [mut macd, mut signal, mut histogram] =
        std::array::from_fn(|_| vec![f64::NAN; values.len()]);
    macd_into(values, config, [&mut macd, &mut signal, &mut histogram]);
    Ok(MacdSeries {
        macd,
        signal,
        histogram,
    })
}

/// The batch MACD into `[macd, signal, histogram]` (each as long as
/// `values`, `NaN`-filled by the caller before `slow + signal − 2`): the
/// three EMAs of [`Macd`] in one loop, in [`Ema`]'s order of operations.
pub(crate) fn macd_into<L: Lane>(values: &[L], config: MacdConfig, out: [&mut [L]; 3]) {
    let MacdConfig { fast, slow, signal } = config;
    let len = values.len();
    let first = slow + signal - 2;
    if len <= first {
        return;
    }
    let [out_macd, out_signal, out_hist] = out.map(|o| &mut o[..len]);
    let (kf, ks, kg) = (
        L::splat(2.0 / (fast as f64 + 1.0)),
        L::splat(2.0 / (slow as f64 + 1.0)),
        L::splat(2.0 / (signal as f64 + 1.0)),
    );
    // Both price EMAs are seeded at input `slow`: the fast one with the mean
    // of the `fast` values ending there.
    let (mut seed_slow, mut seed_fast) = (L::splat(0.0), L::splat(0.0));
    for &x in &values[..slow - fast] {
        seed_slow += x;
    }
    for &x in &values[slow - fast..slow - 1] {
        seed_slow += x;
        seed_fast += x;
    }
    let x = values[slow - 1];
    let mut e_slow = (seed_slow + x) / L::splat(slow as f64);
    let mut e_fast = (seed_fast + x) / L::splat(fast as f64);
    // The signal EMA's seed: the first `signal − 1` MACD values.
    let mut m = e_fast - e_slow;
    let mut seed_signal = L::splat(0.0);
    for &x in &values[slow..=first] {
        seed_signal += m;
        e_slow += ks * (x - e_slow);
        e_fast += kf * (x - e_fast);
        m = e_fast - e_slow;
    }
    let mut e_signal = (seed_signal + m) / L::splat(signal as f64);
    out_macd[first] = m;
    out_signal[first] = e_signal;
    out_hist[first] = m - e_signal;
    for t in first + 1..len {
        let x = values[t];
        e_slow += ks * (x - e_slow);
        e_fast += kf * (x - e_fast);
        let m = e_fast - e_slow;
        e_signal += kg * (m - e_signal);
        out_macd[t] = m;
        out_signal[t] = e_signal;
        out_hist[t] = m - e_signal;
    }
}

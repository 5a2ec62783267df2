//! Stochastic oscillator (slow %K and %D), as TA-Lib's `STOCH` with simple
//! moving averages.
//!
//! Fast `%K = 100 · (close − LL) / (HH − LL)` over the last `k_period` highs
//! and lows (0 when `HH = LL`, as TA-Lib). Slow `%K = SMA(fast %K,
//! k_slowing)`, `%D = SMA(slow %K, d_period)`. The first output is at input
//! `k_period + k_slowing + d_period − 2`. The defaults are the common 14, 3, 3
//! (TA-Lib's own default `k_period` is 5).
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, momentum::StochConfig};
//! let mut st = StochConfig { k_period: 2, k_slowing: 1, d_period: 1 }.init().unwrap();
//! assert_eq!(st.update(Candle::new(1.0, 2.0, 1.0, 1.5, 0.0)), None);
//! let out = st.update(Candle::new(2.0, 3.0, 2.0, 2.5, 0.0)).unwrap();
//! assert_eq!(out.k, 75.0); // (2.5 − 1) / (3 − 1)
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::candle::check_candles;
use crate::indicators::lanes::Lane;
use crate::indicators::window::{Extreme, RollingExtreme, RollingSum};
use crate::indicators::{Candle, Hlc, Io, check_period, rolling_sums, streaming};

/// Parameters of a [`Stoch`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StochConfig {
    /// Look-back of the highest high and lowest low, at least 1. Default 14.
    pub k_period: usize,
    /// SMA period turning fast %K into slow %K, at least 1. Default 3.
    pub k_slowing: usize,
    /// SMA period of %D, at least 1. Default 3.
    pub d_period: usize,
}

impl Default for StochConfig {
    fn default() -> Self {
        Self {
            k_period: 14,
            k_slowing: 3,
            d_period: 3,
        }
    }
}

impl StochConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("k_period", self.k_period, 1)?;
        check_period("k_slowing", self.k_slowing, 1)?;
        check_period("d_period", self.d_period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Stoch, Error> {
        self.validate()?;
        Ok(Stoch {
            config: *self,
            high: RollingExtreme::new(self.k_period, Extreme::Max),
            low: RollingExtreme::new(self.k_period, Extreme::Min),
            k: RollingSum::new(self.k_slowing),
            d: RollingSum::new(self.d_period),
            io: Io::default(),
        })
    }
}

/// One stochastic output: slow %K and %D, both in 0..=100.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StochOutput {
    pub k: f64,
    pub d: f64,
}

/// Fast %K as TA-Lib computes it: 0 when the range is empty.
#[inline(always)]
pub(crate) fn fast_k<L: Lane>(x: L, highest: L, lowest: L) -> L {
    let zero = L::splat(0.0);
    let diff = (highest - lowest) / L::splat(100.0);
    L::select(diff.ne(zero), (x - lowest) / diff, zero)
}

/// Streaming slow stochastic. Built by [`StochConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct Stochastic {
    config: StochConfig,
    high: RollingExtreme,
    low: RollingExtreme,
    k: RollingSum,
    d: RollingSum,
    io: Io<StochOutput>,
}

/// Short name of [`Stochastic`].
pub type Stoch = Stochastic;

impl Stoch {
    fn push(&mut self, c: Candle) -> Option<StochOutput> {
        let hh = self.high.push(c.high);
        let ll = self.low.push(c.low);
        let fast = fast_k(c.close, hh?.0, ll?.0);
        let k = self.k.push(fast)? / self.config.k_slowing as f64;
        let d = self.d.push(k)? / self.config.d_period as f64;
        Some(StochOutput { k, d })
    }

    fn undo(&mut self) {
        let i = self.io.count - 1;
        let c = self.config;
        self.high.undo();
        self.low.undo();
        if i + 1 >= c.k_period {
            self.k.undo();
        }
        if i + 2 >= c.k_period + c.k_slowing {
            self.d.undo();
        }
    }

    fn clear(&mut self) {
        self.high.clear();
        self.low.clear();
        self.k.clear();
        self.d.clear();
    }

    fn warmup_len(&self) -> usize {
        let c = self.config;
        c.k_period + c.k_slowing + c.d_period - 2
    }
}

streaming!(Stoch, Candle, StochOutput);

impl fmt::Display for Stoch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.config;
        write!(f, "STOCH({},{},{})", c.k_period, c.k_slowing, c.d_period)
    }
}

/// Stochastic over a whole series, one column per output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StochSeries {
    pub k: Vec<f64>,
    pub d: Vec<f64>,
}

/// Slow stochastic over candles: columns as long as `candles`, `NaN` during
/// warm-up. Every field must be finite.
pub fn stoch(candles: &[Candle], config: StochConfig) -> Result<StochSeries, Error> {
    check_candles(candles)?;
    config.validate()?;
    let [mut k, mut d] = std::array::from_fn(|_| vec![f64::NAN; candles.len()]);
    stoch_into(candles, config, [&mut k, &mut d]);
    Ok(StochSeries { k, d })
}

/// The batch stochastic into `[k, d]` (each as long as the input,
/// `NaN`-filled by the caller before `k_period + k_slowing + d_period − 3`),
/// with [`Stoch`]'s arithmetic and without allocating: the two output
/// columns hold the intermediate columns.
///
/// The highest high and lowest low of each window come from van Herk /
/// Gil-Werman blocks of `k_period` values: the extreme of a window is that of
/// a block's suffix and the next block's prefix, with no branch on the data.
/// Among equal values the newest wins everywhere, as in the streaming form,
/// so even the sign of a zero agrees.
pub(crate) fn stoch_into<S: Hlc + ?Sized>(
    input: &S,
    config: StochConfig,
    out: [&mut [S::Value]; 2],
) {
    let StochConfig {
        k_period: n,
        k_slowing,
        d_period,
    } = config;
    let len = input.len();
    let first = n + k_slowing + d_period - 3;
    if len <= first {
        return;
    }
    let [out_k, out_d] = out.map(|o| &mut o[..len]);
    // Suffix extremes within each block, highs into `out_d`, lows into `out_k`.
    let (mut hi, mut lo) = (S::Value::splat(0.0), S::Value::splat(0.0));
    let mut pos = (len - 1) % n; // t % n, kept without dividing
    for t in (0..len).rev() {
        let (high, low, _) = input.hlc(t);
        if pos == n - 1 || t == len - 1 {
            (hi, lo) = (high, low);
        } else {
            hi = Lane::select(high.gt(hi), high, hi);
            lo = Lane::select(low.lt(lo), low, lo);
        }
        out_d[t] = hi;
        out_k[t] = lo;
        pos = if pos == 0 { n - 1 } else { pos - 1 };
    }
    // Prefix extremes within each block, combined with the suffix of the
    // window's start: fast %K for time `t` goes to `out_d[t + 1 − n]`, the
    // slot read last.
    let mut pos = 0;
    for t in 0..len {
        let (high, low, close) = input.hlc(t);
        if pos == 0 {
            (hi, lo) = (high, low);
        } else {
            hi = Lane::select(high.ge(hi), high, hi);
            lo = Lane::select(low.le(lo), low, lo);
        }
        pos = if pos == n - 1 { 0 } else { pos + 1 };
        if t + 1 >= n {
            let s = t + 1 - n;
            let (s_hi, s_lo) = (out_d[s], out_k[s]);
            let highest = Lane::select(hi.ge(s_hi), hi, s_hi);
            let lowest = Lane::select(lo.le(s_lo), lo, s_lo);
            out_d[s] = fast_k(close, highest, lowest);
        }
    }
    // Slow %K, the mean of `k_slowing` fast values, into `out_k` from
    // `n + k_slowing − 2`.
    let ks = S::Value::splat(k_slowing as f64);
    let slow = &mut out_k[n - 1..];
    rolling_sums(&out_d[..len + 1 - n], k_slowing, |t, sum| {
        slow[t] = sum / ks
    });
    // %D, the mean of `d_period` slow values, into `out_d`.
    let dp = S::Value::splat(d_period as f64);
    let from = n + k_slowing - 2;
    let d = &mut out_d[from..];
    rolling_sums(&out_k[from..], d_period, |t, sum| d[t] = sum / dp);
    out_k[..first].fill(S::Value::splat(f64::NAN));
    out_d[..first].fill(S::Value::splat(f64::NAN));
}

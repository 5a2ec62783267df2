//! Technical indicators as streaming state machines with a batch form.
//!
//! Every indicator has a config struct (serde, `Default`, `validate()`) whose
//! `init()` builds the streaming state. The state implements [`Indicator`]:
//! `update` returns `None` until the indicator has seen enough inputs (never a
//! made-up seed value), `replace` swaps the last input for a new one (the
//! live, still-forming candle), `reset` returns to the freshly built state.
//! Each indicator also has a batch function over a slice whose output is as
//! long as its input, with `NaN` during warm-up. Those of the most used ones
//! (SMA, EMA, RSI, MACD, Bollinger Bands, ATR, ADX, stochastic) run dedicated
//! loops over columns, without the streaming bookkeeping, with the same
//! arithmetic: their outputs equal the streaming ones bit for bit
//! (`tests/batch_kernels.rs`). Those loops are written once over a number
//! type (`lanes.rs`): one series, or four series side by side, which
//! [`many`] uses to run the catalog's flat pass over many series at once,
//! each series' outputs still bit for bit its own (`tests/many_series.rs`).
//!
//! Values follow TA-Lib wherever TA-Lib defines the indicator: the number of
//! inputs before the first output is TA-Lib's lookback plus one, and the
//! outputs agree with TA-Lib 0.8 to 1e-9 relative (see
//! `tests/talib_agreement.rs`). Where TA-Lib departs from another common
//! reference, the indicator's documentation says so.
//!
//! Streaming inputs that are not finite (a candle with any non-finite field)
//! are ignored: the state is unchanged and the current output is returned
//! again. Batch functions reject them with [`Error::InvalidInput`].
//!
//! Memory is allocated when an indicator is built, never per step.

pub mod candle;
pub mod catalog;
pub(crate) mod lanes;
pub mod many;
pub mod momentum;
pub mod trend;
pub mod volatility;
pub mod volume;
pub(crate) mod window;

pub use candle::Candle;

use crate::Error;
use lanes::Lane;

/// A streaming indicator.
pub trait Indicator {
    /// What one step consumes: a price, or a candle.
    type Input;
    /// What one step produces once warmed up.
    type Output;

    /// Feeds the next input. `None` until warmed up.
    fn update(&mut self, input: Self::Input) -> Option<Self::Output>;
    /// Replaces the most recent input (the live candle) and returns the
    /// output as if that input had been given instead. With no previous
    /// input it is the same as [`Indicator::update`].
    fn replace(&mut self, input: Self::Input) -> Option<Self::Output>;
    /// The number of inputs needed before the first output.
    fn warmup(&self) -> usize;
    /// Forgets every input.
    fn reset(&mut self);
}

/// The longest period any indicator takes: a million bars (114 years of
/// hourly candles). Longer ones are refused before anything is allocated.
pub const MAX_PERIOD: usize = 1_000_000;

/// A validated period: at least `min`, at most [`MAX_PERIOD`].
pub(crate) fn check_period(name: &'static str, value: usize, min: usize) -> Result<(), Error> {
    let reason = if value < min {
        if min == 1 {
            "must be at least 1"
        } else {
            "must be at least 2"
        }
    } else if value > MAX_PERIOD {
        "must be at most 1,000,000"
    } else {
        return Ok(());
    };
    Err(Error::InvalidParameter {
        name,
        value: value.to_string(),
        reason,
    })
}

/// A validated multiplier or factor: finite and strictly positive.
pub(crate) fn check_positive(name: &'static str, value: f64) -> Result<(), Error> {
    if !(value.is_finite() && value > 0.0) {
        return Err(Error::InvalidParameter {
            name,
            value: value.to_string(),
            reason: "must be finite and positive",
        });
    }
    Ok(())
}

/// Checks that every value of a batch input is finite, naming the first bad one.
pub(crate) fn check_finite(field: &'static str, values: &[f64]) -> Result<(), Error> {
    // `v · 0` is ±0 for a finite `v` and NaN otherwise: a sum with no branch
    // per value (four sums, so that they do not wait on each other).
    let mut sums = [0.0f64; 4];
    let mut chunks = values.chunks_exact(4);
    for c in &mut chunks {
        for (s, &v) in sums.iter_mut().zip(c) {
            *s += v * 0.0;
        }
    }
    let rest: f64 = chunks.remainder().iter().map(|&v| v * 0.0).sum();
    if (sums.iter().sum::<f64>() + rest) == 0.0 {
        return Ok(());
    }
    match values.iter().position(|v| !v.is_finite()) {
        None => Ok(()),
        Some(i) => Err(Error::InvalidInput {
            field,
            value: format!("{} at index {i}", values[i]),
        }),
    }
}

/// What a streaming indicator accepts; anything else is skipped.
pub(crate) trait Valid: Copy {
    fn is_valid(&self) -> bool;
}

impl Valid for f64 {
    fn is_valid(&self) -> bool {
        self.is_finite()
    }
}

/// Bookkeeping shared by every indicator: how many inputs were accepted and
/// the last two outputs, so that `replace` can step back once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Io<O> {
    pub(crate) count: usize,
    pub(crate) last: Option<O>,
    pub(crate) prev: Option<O>,
}

impl<O> Default for Io<O> {
    fn default() -> Self {
        Self {
            count: 0,
            last: None,
            prev: None,
        }
    }
}

/// Implements [`Indicator`] for a type with an `io: Io<Output>` field and
/// three methods: `push(&mut self, Input) -> Option<Output>` (one step),
/// `undo(&mut self)` (exactly reverses the last `push`) and `clear(&mut self)`
/// (back to the freshly built state), plus a `warmup_len(&self) -> usize`.
macro_rules! streaming {
    ($ty:ty, $input:ty, $output:ty) => {
        impl $crate::indicators::Indicator for $ty {
            type Input = $input;
            type Output = $output;

            fn update(&mut self, x: $input) -> Option<$output> {
                if !$crate::indicators::Valid::is_valid(&x) {
                    return self.io.last;
                }
                self.io.count += 1;
                self.io.prev = self.io.last;
                self.io.last = self.push(x);
                self.io.last
            }

            fn replace(&mut self, x: $input) -> Option<$output> {
                if !$crate::indicators::Valid::is_valid(&x) {
                    return self.io.last;
                }
                if self.io.count > 0 {
                    self.undo();
                    self.io.count -= 1;
                    self.io.last = self.io.prev;
                }
                self.update(x)
            }

            fn warmup(&self) -> usize {
                self.warmup_len()
            }

            fn reset(&mut self) {
                self.clear();
                self.io = $crate::indicators::Io::default();
            }
        }

        impl $ty {
            /// Reverses the last accepted update (for indicators built on this one).
            #[allow(dead_code)]
            pub(crate) fn undo_step(&mut self) {
                if self.io.count > 0 {
                    self.undo();
                    self.io.count -= 1;
                    self.io.last = self.io.prev;
                }
            }
        }
    };
}
pub(crate) use streaming;

/// Runs a fresh streaming indicator over a batch of inputs.
pub(crate) fn run<I: Indicator>(mut ind: I, inputs: &[I::Input]) -> Vec<Option<I::Output>>
where
    I::Input: Copy,
{
    inputs.iter().map(|&x| ind.update(x)).collect()
}

/// Runs a single-output indicator over a batch, `NaN` during warm-up.
pub(crate) fn run_f64<I: Indicator<Output = f64>>(ind: I, inputs: &[I::Input]) -> Vec<f64>
where
    I::Input: Copy,
{
    run(ind, inputs)
        .into_iter()
        .map(|o| o.unwrap_or(f64::NAN))
        .collect()
}

/// High, low and close of a batch, read by index: candles, or three columns
/// (what the catalog has, without building candles).
pub(crate) trait Hlc {
    /// One series' numbers, or several series' side by side.
    type Value: Lane;
    fn len(&self) -> usize;
    /// `(high, low, close)` of entry `i < len()`.
    fn hlc(&self, i: usize) -> (Self::Value, Self::Value, Self::Value);
}

impl Hlc for [Candle] {
    type Value = f64;

    fn len(&self) -> usize {
        <[Candle]>::len(self)
    }

    #[inline(always)]
    fn hlc(&self, i: usize) -> (f64, f64, f64) {
        let c = &self[i];
        (c.high, c.low, c.close)
    }
}

/// High, low and close columns of one length.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HlcColumns<'a, L = f64> {
    high: &'a [L],
    low: &'a [L],
    close: &'a [L],
}

impl<'a, L> HlcColumns<'a, L> {
    /// The three columns, cut to the length of `close` (callers check lengths).
    pub(crate) fn new(high: &'a [L], low: &'a [L], close: &'a [L]) -> Self {
        let n = close.len();
        Self {
            high: &high[..n],
            low: &low[..n],
            close,
        }
    }
}

impl<L: Lane> Hlc for HlcColumns<'_, L> {
    type Value = L;

    fn len(&self) -> usize {
        self.close.len()
    }

    #[inline(always)]
    fn hlc(&self, i: usize) -> (L, L, L) {
        (self.high[i], self.low[i], self.close[i])
    }
}

/// Sums of every window of `n` values of `x`, kept as [`window::RollingSum`]
/// keeps them (so the bits agree): `f(t, sum of x[t+1−n..=t])` for each
/// `t ≥ n − 1`. `n` must be at least 1.
#[inline(always)]
pub(crate) fn rolling_sums<L: Lane>(x: &[L], n: usize, mut f: impl FnMut(usize, L)) {
    if x.len() < n {
        return;
    }
    let mut partial = L::splat(0.0);
    for &v in &x[..n - 1] {
        partial += v;
    }
    for t in n - 1..x.len() {
        let total = partial + x[t];
        f(t, total);
        partial = total - x[t + 1 - n];
    }
}

/// Splits a batch of multi-value outputs into columns, `NaN` during warm-up.
pub(crate) fn columns<O: Copy, const N: usize>(
    outs: &[Option<O>],
    get: impl Fn(&O) -> [f64; N],
) -> [Vec<f64>; N] {
    let mut cols: [Vec<f64>; N] = std::array::from_fn(|_| Vec::with_capacity(outs.len()));
    for o in outs {
        let vals = o.as_ref().map_or([f64::NAN; N], &get);
        for (c, v) in cols.iter_mut().zip(vals) {
            c.push(v);
        }
    }
    cols
}

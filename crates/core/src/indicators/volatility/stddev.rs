//! Rolling standard deviation (population), as TA-Lib's `STDDEV`.
//!
//! With period `n`: `σ = sqrt(mean(x²) − mean(x)²)` over the last `n`
//! values, times `deviations`. Running sums of `x` and `x²` keep it O(1) per
//! step, in TA-Lib's order of operations. A variance below 1e-12 of `mean(x²)`
//! is rounding noise of that formula and reported as 0 (so a flat series
//! gives exactly 0). TA-Lib 0.4 zeroed any variance below 1e-8 absolute,
//! wiping out the volatility of coins priced below about 1e-4; TA-Lib 0.8,
//! like this, does not. The first output is at input `n`.
//!
//! ```
//! use tokenlens_core::indicators::{Indicator, volatility::StdDevConfig};
//! let mut sd = StdDevConfig { period: 2, deviations: 1.0 }.init().unwrap();
//! sd.update(1.0);
//! assert_eq!(sd.update(3.0), Some(1.0));
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::lanes::Lane;
use crate::indicators::window::RollingSum;
use crate::indicators::{Io, check_finite, check_period, check_positive, run_f64, streaming};

/// Rolling mean and population variance from running sums of `x` and `x²`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Moments {
    n: f64,
    sum: RollingSum,
    squares: RollingSum,
}

impl Moments {
    pub(crate) fn new(n: usize) -> Self {
        Self {
            n: n as f64,
            sum: RollingSum::new(n),
            squares: RollingSum::new(n),
        }
    }

    /// (mean, variance) of the last `n` values, once `n` were seen.
    pub(crate) fn push(&mut self, x: f64) -> Option<(f64, f64)> {
        let s = self.sum.push(x);
        let q = self.squares.push(x * x);
        Some(Self::finish(s? / self.n, q? / self.n))
    }

    /// (mean, variance) from the means of `x` and `x²`; a variance that is
    /// rounding noise is 0.
    #[inline(always)]
    pub(crate) fn finish<L: Lane>(mean: L, mean_sq: L) -> (L, L) {
        let var = mean_sq - mean * mean;
        let noise = mean_sq * L::splat(1e-12);
        (mean, L::select(var.gt(noise), var, L::splat(0.0)))
    }

    pub(crate) fn undo(&mut self) {
        self.sum.undo();
        self.squares.undo();
    }

    pub(crate) fn clear(&mut self) {
        self.sum.clear();
        self.squares.clear();
    }
}

/// Parameters of a [`StdDev`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StdDevConfig {
    /// Number of periods, at least 2. Default 20.
    pub period: usize,
    /// Multiplier of the deviation, finite and positive. Default 1.
    pub deviations: f64,
}

impl Default for StdDevConfig {
    fn default() -> Self {
        Self {
            period: 20,
            deviations: 1.0,
        }
    }
}

impl StdDevConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 2)?;
        check_positive("deviations", self.deviations)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<StdDev, Error> {
        self.validate()?;
        Ok(StdDev {
            config: *self,
            moments: Moments::new(self.period),
            io: Io::default(),
        })
    }
}

/// Streaming standard deviation. Built by [`StdDevConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct StandardDeviation {
    config: StdDevConfig,
    moments: Moments,
    io: Io<f64>,
}

/// Short name of [`StandardDeviation`].
pub type StdDev = StandardDeviation;

impl StdDev {
    fn push(&mut self, x: f64) -> Option<f64> {
        let (_, var) = self.moments.push(x)?;
        Some(var.sqrt() * self.config.deviations)
    }

    fn undo(&mut self) {
        self.moments.undo();
    }

    fn clear(&mut self) {
        self.moments.clear();
    }

    fn warmup_len(&self) -> usize {
        self.config.period
    }
}

streaming!(StdDev, f64, f64);

impl fmt::Display for StdDev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.config;
        if c.deviations == 1.0 {
            write!(f, "STDDEV({})", c.period)
        } else {
            write!(f, "STDDEV({},{})", c.period, c.deviations)
        }
    }
}

/// Standard deviation over a whole series: as long as `values`, `NaN` for
/// the first `period − 1` entries. Every value must be finite.
pub fn stddev(values: &[f64], config: StdDevConfig) -> Result<Vec<f64>, Error> {
    check_finite("values", values)?;
    Ok(run_f64(config.init()?, values))
}

//! Bollinger Bands with %B and bandwidth, as TA-Lib's `BBANDS` (SMA middle).
//!
//! `middle = SMA(x, n)`, `σ` = population standard deviation of the same
//! window (as TA-Lib; some references use the sample deviation, which is
//! wider by `sqrt(n / (n − 1))`), `upper/lower = middle ± k·σ`.
//! `%B = (x − lower) / (upper − lower)` (0.5 when the bands meet) and
//! `bandwidth = (upper − lower) / middle` (0 when the middle is 0); TA-Lib has
//! neither. A variance that is rounding noise is 0, as in
//! [`StdDev`](super::StdDev). The first output is at input `n`.
//!
//! ```
//! use tokenlens_core::indicators::{Indicator, volatility::BollingerBandsConfig};
//! let mut bb = BollingerBandsConfig { period: 2, multiplier: 2.0 }.init().unwrap();
//! bb.update(1.0);
//! let out = bb.update(3.0).unwrap(); // mean 2, σ 1
//! assert_eq!((out.lower, out.middle, out.upper), (0.0, 2.0, 4.0));
//! assert_eq!(out.percent_b, 0.75);
//! assert_eq!(out.bandwidth, 2.0);
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::lanes::Lane;
use crate::indicators::volatility::stddev::Moments;
use crate::indicators::{Io, check_finite, check_period, check_positive, streaming};

/// Parameters of [`BollingerBands`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BollingerBandsConfig {
    /// Number of periods, at least 2. Default 20.
    pub period: usize,
    /// Width of the bands in standard deviations, finite and positive. Default 2.
    pub multiplier: f64,
}

impl Default for BollingerBandsConfig {
    fn default() -> Self {
        Self {
            period: 20,
            multiplier: 2.0,
        }
    }
}

impl BollingerBandsConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 2)?;
        check_positive("multiplier", self.multiplier)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<BollingerBands, Error> {
        self.validate()?;
        Ok(BollingerBands {
            config: *self,
            moments: Moments::new(self.period),
            io: Io::default(),
        })
    }
}

/// One Bollinger Bands output.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BollingerBandsOutput {
    pub upper: f64,
    pub middle: f64,
    pub lower: f64,
    pub percent_b: f64,
    pub bandwidth: f64,
}

/// The bands around `middle` for the latest value `x`.
#[inline(always)]
fn bands(x: f64, middle: f64, var: f64, multiplier: f64) -> BollingerBandsOutput {
    let [upper, middle, lower, percent_b, bandwidth] = band_values(x, middle, var, multiplier);
    BollingerBandsOutput {
        upper,
        middle,
        lower,
        percent_b,
        bandwidth,
    }
}

/// [`bands`] as `[upper, middle, lower, percent_b, bandwidth]`, for one
/// series or several side by side.
#[inline(always)]
fn band_values<L: Lane>(x: L, middle: L, var: L, multiplier: L) -> [L; 5] {
    let zero = L::splat(0.0);
    let dev = var.sqrt() * multiplier;
    let (upper, lower) = (middle + dev, middle - dev);
    let width = upper - lower;
    [
        upper,
        middle,
        lower,
        L::select(width.gt(zero), (x - lower) / width, L::splat(0.5)),
        L::select(middle.ne(zero), width / middle, zero),
    ]
}

/// Streaming Bollinger Bands. Built by [`BollingerBandsConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct BollingerBands {
    config: BollingerBandsConfig,
    moments: Moments,
    io: Io<BollingerBandsOutput>,
}

impl BollingerBands {
    fn push(&mut self, x: f64) -> Option<BollingerBandsOutput> {
        let (middle, var) = self.moments.push(x)?;
        Some(bands(x, middle, var, self.config.multiplier))
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

streaming!(BollingerBands, f64, BollingerBandsOutput);

impl fmt::Display for BollingerBands {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BB({},{})", self.config.period, self.config.multiplier)
    }
}

/// Bollinger Bands over a whole series, one column per output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BollingerBandsSeries {
    pub upper: Vec<f64>,
    pub middle: Vec<f64>,
    pub lower: Vec<f64>,
    pub percent_b: Vec<f64>,
    pub bandwidth: Vec<f64>,
}

/// Bollinger Bands over a whole series: columns as long as `values`, `NaN`
/// for the first `period − 1` entries. Every value must be finite.
pub fn bbands(values: &[f64], config: BollingerBandsConfig) -> Result<BollingerBandsSeries, Error> {
    check_finite("values", values)?;
    config.validate()?;
    let [
        mut upper,
        mut middle,
        mut lower,
        mut percent_b,
        mut bandwidth,
    ] = std::array::from_fn(|_| vec![f64::NAN; values.len()]);
    bbands_into(
        values,
        config,
        [
            &mut upper,
            &mut middle,
            &mut lower,
            &mut percent_b,
            &mut bandwidth,
        ],
    );
    Ok(BollingerBandsSeries {
        upper,
        middle,
        lower,
        percent_b,
        bandwidth,
    })
}

/// The batch bands into `[upper, middle, lower, percent_b, bandwidth]` (each
/// as long as `values`, `NaN`-filled by the caller before `period − 1`):
/// [`Moments`]' two rolling sums in one loop, in their order of operations.
pub(crate) fn bbands_into<L: Lane>(values: &[L], config: BollingerBandsConfig, out: [&mut [L]; 5]) {
    let n = config.period;
    let len = values.len();
    if len < n {
        return;
    }
    let [upper, middle, lower, percent_b, bandwidth] = out.map(|o| &mut o[..len]);
    let nf = L::splat(n as f64);
    let multiplier = L::splat(config.multiplier);
    let (mut sum, mut squares) = (L::splat(0.0), L::splat(0.0));
    for &x in &values[..n - 1] {
        sum += x;
        squares += x * x;
    }
    for t in n - 1..len {
        let x = values[t];
        let total = sum + x;
        let total_sq = squares + x * x;
        let old = values[t + 1 - n];
        sum = total - old;
        squares = total_sq - old * old;
        let (mean, var) = Moments::finish(total / nf, total_sq / nf);
        let b = band_values(x, mean, var, multiplier);
        [upper[t], middle[t], lower[t], percent_b[t], bandwidth[t]] = b;
    }
}

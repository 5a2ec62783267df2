//! Stochastic RSI, as TA-Lib's `STOCHRSI` with a simple moving average.
//!
//! `%K = 100 · (RSI − min RSI) / (max RSI − min RSI)` over the last
//! `k_period` RSI values (0 when they are all equal, as TA-Lib), and
//! `%D = SMA(%K, d_period)`. TA-Lib applies no extra smoothing to %K; some
//! charting tools (TradingView) smooth %K with a 3-period SMA first, so their
//! %K is TA-Lib's %D. The first output is at input
//! `rsi_period + k_period + d_period − 1`.
//!
//! ```
//! use tokenlens_core::indicators::{Indicator, momentum::StochRsiConfig};
//! let mut s = StochRsiConfig { rsi_period: 2, k_period: 2, d_period: 1 }.init().unwrap();
//! let out: Vec<_> = [1.0, 2.0, 1.0, 3.0].iter().map(|&x| s.update(x)).collect();
//! assert_eq!(out[3].unwrap().k, 100.0); // the RSI rose
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::momentum::stoch::fast_k;
use crate::indicators::momentum::{Rsi, RsiConfig};
use crate::indicators::window::{Extreme, RollingExtreme, RollingSum};
use crate::indicators::{Indicator, Io, check_finite, check_period, columns, run, streaming};

/// Parameters of a [`StochRsi`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StochRsiConfig {
    /// RSI period, at least 1. Default 14.
    pub rsi_period: usize,
    /// Look-back of the RSI's extremes, at least 1. Default 14.
    pub k_period: usize,
    /// SMA period of %D, at least 1. Default 3.
    pub d_period: usize,
}

impl Default for StochRsiConfig {
    fn default() -> Self {
        Self {
            rsi_period: 14,
            k_period: 14,
            d_period: 3,
        }
    }
}

impl StochRsiConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("rsi_period", self.rsi_period, 1)?;
        check_period("k_period", self.k_period, 1)?;
        check_period("d_period", self.d_period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<StochRsi, Error> {
        self.validate()?;
        Ok(StochRsi {
            config: *self,
            rsi: RsiConfig {
                period: self.rsi_period,
            }
            .init()?,
            high: RollingExtreme::new(self.k_period, Extreme::Max),
            low: RollingExtreme::new(self.k_period, Extreme::Min),
            d: RollingSum::new(self.d_period),
            io: Io::default(),
        })
    }
}

/// One stochastic RSI output: %K and %D, both in 0..=100.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StochRsiOutput {
    pub k: f64,
    pub d: f64,
}

/// Streaming stochastic RSI. Built by [`StochRsiConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct StochasticRsi {
    config: StochRsiConfig,
    rsi: Rsi,
    high: RollingExtreme,
    low: RollingExtreme,
    d: RollingSum,
    io: Io<StochRsiOutput>,
}

/// Short name of [`StochasticRsi`].
pub type StochRsi = StochasticRsi;

impl StochRsi {
    fn push(&mut self, x: f64) -> Option<StochRsiOutput> {
        let r = self.rsi.update(x)?;
        let hh = self.high.push(r);
        let ll = self.low.push(r);
        let k = fast_k(r, hh?.0, ll?.0);
        let d = self.d.push(k)? / self.config.d_period as f64;
        Some(StochRsiOutput { k, d })
    }

    fn undo(&mut self) {
        let i = self.io.count - 1;
        let c = self.config;
        if i >= c.rsi_period {
            self.high.undo();
            self.low.undo();
        }
        if i + 1 >= c.rsi_period + c.k_period {
            self.d.undo();
        }
        // The RSI's own replace reverses its last step; it is re-fed by push.
        self.rsi.undo_step();
    }

    fn clear(&mut self) {
        self.rsi.reset();
        self.high.clear();
        self.low.clear();
        self.d.clear();
    }

    fn warmup_len(&self) -> usize {
        let c = self.config;
        c.rsi_period + c.k_period + c.d_period - 1
    }
}

streaming!(StochRsi, f64, StochRsiOutput);

impl fmt::Display for StochRsi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.config;
        write!(
            f,
            "STOCHRSI({},{},{})",
            c.rsi_period, c.k_period, c.d_period
        )
    }
}

/// Stochastic RSI over a whole series, one column per output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StochRsiSeries {
    pub k: Vec<f64>,
    pub d: Vec<f64>,
}

/// Stochastic RSI over a whole series: columns as long as `values`, `NaN`
/// during warm-up. Every value must be finite.
pub fn stoch_rsi(values: &[f64], config: StochRsiConfig) -> Result<StochRsiSeries, Error> {
    check_finite("values", values)?;
    let outs = run(config.init()?, values);
    let [k, d] = columns(&outs, |o| [o.k, o.d]);
    Ok(StochRsiSeries { k, d })
}

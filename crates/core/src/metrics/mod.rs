//! Quant metrics of a price series: returns, risk, drawdown, tails and
//! relative performance against a benchmark.
//!
//! Every metric works on **simple returns** `r[t] = p[t] / p[t−1] − 1`
//! unless it says otherwise; [`log_returns`] are there for callers who need
//! them. Annualisation uses `periods_per_year` (365 for daily crypto, which
//! trades every day; 52 for weekly, 8760 for hourly bars). The annual
//! risk-free rate is split into `risk_free_rate / periods_per_year` per
//! period.
//!
//! Conventions, stated once:
//!
//! * standard deviations are **sample** (divisor `n − 1`), as numpy's
//!   `std(ddof=1)` and pandas;
//! * skew and excess kurtosis are **population** moments (divisor `n`, no
//!   small-sample correction), as `scipy.stats` by default;
//! * quantiles interpolate linearly between closest ranks (numpy's default,
//!   Hyndman–Fan type 7), see [`quantile`];
//! * VaR, CVaR, drawdowns and the distance from the all-time high are
//!   returns, so losses are negative;
//! * a ratio whose denominator is 0 is `None` (`null` in JSON), never an
//!   infinity.
//!
//! [`metrics`] computes all of them at once into a [`Metrics`] (serde), which
//! the CLI and the bindings print.
//!
//! ```
//! use tokenlens_core::metrics::{MetricsConfig, metrics};
//! let prices = [100.0, 110.0, 99.0, 120.0, 130.0, 104.0];
//! let m = metrics(&prices, None, &MetricsConfig::default()).unwrap();
//! assert!((m.total_return - 0.04).abs() < 1e-12);
//! assert!((m.max_drawdown.depth + 0.2).abs() < 1e-12); // 130 → 104
//! assert_eq!((m.max_drawdown.peak, m.max_drawdown.trough), (4, 5));
//! assert!(m.benchmark.is_none());
//! ```

mod drawdown;
mod relative;
mod returns;
mod risk;
pub(crate) mod stats;

pub use drawdown::{Drawdown, distance_from_ath, drawdowns, max_drawdown};
pub use relative::{Relative, beta, correlation, relative};
pub use returns::{cagr, log_returns, simple_returns, total_return};
pub use risk::{
    TailRisk, downside_deviation, excess_kurtosis, historical_cvar, historical_var,
    parametric_cvar, parametric_var, profit_factor, sharpe, skew, sortino, tail_ratio, tail_risk,
    volatility,
};
pub use stats::{quantile, sorted_quantile};

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::check_positive;

/// Checks that a price series has at least `needed` prices, all finite and
/// strictly positive, naming the first bad one.
pub(crate) fn check_prices(
    field: &'static str,
    prices: &[f64],
    needed: usize,
) -> Result<(), Error> {
    if let Some(i) = prices.iter().position(|p| !(p.is_finite() && *p > 0.0)) {
        return Err(Error::InvalidInput {
            field,
            value: format!(
                "{} at index {i} (prices must be finite and positive)",
                prices[i]
            ),
        });
    }
    if prices.len() < needed {
        return Err(Error::TooShort {
            len: prices.len(),
            needed,
        });
    }
    Ok(())
}

/// Parameters of [`metrics`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MetricsConfig {
    /// Periods in a year, finite and positive. Default 365 (daily crypto).
    pub periods_per_year: f64,
    /// Annual risk-free rate as a fraction (0.04 for 4 %), finite and above
    /// −1. Default 0.
    pub risk_free_rate: f64,
}

impl Default for MetricsConfig {
    fn default() -> Self {
        Self {
            periods_per_year: 365.0,
            risk_free_rate: 0.0,
        }
    }
}

impl MetricsConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_positive("periods_per_year", self.periods_per_year)?;
        if !(self.risk_free_rate.is_finite() && self.risk_free_rate > -1.0) {
            return Err(Error::InvalidParameter {
                name: "risk_free_rate",
                value: self.risk_free_rate.to_string(),
                reason: "must be finite and above -1",
            });
        }
        Ok(())
    }
}

/// Every metric of a price series. Ratios are annualised with the config's
/// `periods_per_year`; see the module documentation for the conventions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// Number of prices.
    pub prices: usize,
    pub periods_per_year: f64,
    pub risk_free_rate: f64,
    /// `last / first − 1`.
    pub total_return: f64,
    /// Compound annual growth rate.
    pub cagr: f64,
    /// Mean simple return per period.
    pub mean_return: f64,
    /// Annualised volatility of simple returns.
    pub volatility: f64,
    /// Annualised downside deviation (target 0 on excess returns, all periods).
    pub downside_deviation: f64,
    pub sharpe: Option<f64>,
    pub sortino: Option<f64>,
    pub max_drawdown: Drawdown,
    /// `last / max − 1`.
    pub distance_from_ath: f64,
    /// VaR and CVaR at 95 %.
    pub risk_95: TailRisk,
    /// VaR and CVaR at 99 %.
    pub risk_99: TailRisk,
    pub skew: Option<f64>,
    pub excess_kurtosis: Option<f64>,
    pub tail_ratio: Option<f64>,
    pub profit_factor: Option<f64>,
    /// Beta and correlation, when a benchmark was given.
    pub benchmark: Option<Relative>,
}

/// All metrics of `prices`, and against `benchmark` prices (aligned with
/// `prices`, equally long) when given.
///
/// Errors: [`Error::TooShort`] for fewer than 3 prices (2 returns, the least
/// a sample standard deviation needs); [`Error::InvalidInput`] for a price
/// that is not finite and positive (field `prices` or `benchmark`);
/// [`Error::LengthMismatch`] when the benchmark is not as long as `prices`;
/// [`Error::InvalidParameter`] for a bad config.
pub fn metrics(
    prices: &[f64],
    benchmark: Option<&[f64]>,
    config: &MetricsConfig,
) -> Result<Metrics, Error> {
    config.validate()?;
    check_prices("prices", prices, 3)?;
    let (ppy, rf) = (config.periods_per_year, config.risk_free_rate);
    let r = simple_returns(prices)?;
    let benchmark = match benchmark {
        None => None,
        Some(b) => {
            check_prices("benchmark", b, 1)?;
            if b.len() != prices.len() {
                return Err(Error::LengthMismatch {
                    field: "benchmark",
                    len: b.len(),
                    expected: prices.len(),
                });
            }
            Some(relative(&r, &simple_returns(b)?)?)
        }
    };
    let rf_period = rf / ppy;
    let excess: Vec<f64> = r.iter().map(|x| x - rf_period).collect();
    Ok(Metrics {
        prices: prices.len(),
        periods_per_year: ppy,
        risk_free_rate: rf,
        total_return: total_return(prices)?,
        cagr: cagr(prices, ppy)?,
        mean_return: stats::mean(&r),
        volatility: volatility(&r, ppy)?,
        downside_deviation: downside_deviation(&excess, 0.0)? * ppy.sqrt(),
        sharpe: sharpe(&r, rf, ppy)?,
        sortino: sortino(&r, rf, ppy)?,
        max_drawdown: max_drawdown(prices)?,
        distance_from_ath: distance_from_ath(prices)?,
        risk_95: tail_risk(&r, 0.95)?,
        risk_99: tail_risk(&r, 0.99)?,
        skew: skew(&r)?,
        excess_kurtosis: excess_kurtosis(&r)?,
        tail_ratio: tail_ratio(&r)?,
        profit_factor: profit_factor(&r)?,
        benchmark,
    })
}

//! Risk and distribution metrics over a series of simple returns:
//! volatility, Sharpe and Sortino ratios, value at risk and expected
//! shortfall, skew, kurtosis, tail ratio and profit factor.
//!
//! Sign convention: value at risk and expected shortfall are *returns*, so a
//! loss is negative (a 95 % VaR of −0.04 means a 4 % loss).
//!
//! Every function needs at least 2 finite returns ([`Error::TooShort`],
//! [`Error::InvalidInput`] otherwise). Ratios that would divide by zero are
//! `None`.

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::check_positive;
use crate::metrics::stats::{
    check_series, is_constant, mean, normal_pdf, normal_quantile, quantile_sorted, sample_variance,
};

fn check_returns(returns: &[f64]) -> Result<(), Error> {
    check_series("returns", returns, 2)
}

fn check_level(level: f64) -> Result<(), Error> {
    if !(level > 0.0 && level < 1.0) {
        return Err(Error::InvalidParameter {
            name: "level",
            value: level.to_string(),
            reason: "must be strictly between 0 and 1",
        });
    }
    Ok(())
}

fn check_rate(name: &'static str, rate: f64) -> Result<(), Error> {
    if !(rate.is_finite() && rate > -1.0) {
        return Err(Error::InvalidParameter {
            name,
            value: rate.to_string(),
            reason: "must be finite and above -1",
        });
    }
    Ok(())
}

/// Annualised volatility: the sample standard deviation (divisor `n − 1`)
/// of the returns times `√periods_per_year`.
///
/// ```
/// use tokenlens_core::metrics::volatility;
/// // returns ±1 %: sample σ = √(4 · 0.01² / 3)
/// let v = volatility(&[0.01, -0.01, 0.01, -0.01], 4.0).unwrap();
/// assert!((v - 2.0 * (4.0f64 * 1e-4 / 3.0).sqrt()).abs() < 1e-15);
/// ```
pub fn volatility(returns: &[f64], periods_per_year: f64) -> Result<f64, Error> {
    check_positive("periods_per_year", periods_per_year)?;
    check_returns(returns)?;
    Ok(sample_variance(returns).sqrt() * periods_per_year.sqrt())
}

/// Returns in excess of the per-period risk-free rate
/// `risk_free_rate / periods_per_year` (a simple, not compounded, split of
/// the annual rate).
fn excess(returns: &[f64], risk_free_rate: f64, periods_per_year: f64) -> Vec<f64> {
    let rf = risk_free_rate / periods_per_year;
    returns.iter().map(|r| r - rf).collect()
}

/// Annualised Sharpe ratio: `mean(e) / σ(e) · √periods_per_year` with excess
/// returns `e = r − risk_free_rate / periods_per_year` and the sample
/// standard deviation. `None` when the returns do not vary.
///
/// ```
/// use tokenlens_core::metrics::sharpe;
/// let s = sharpe(&[0.02, 0.0, 0.02, 0.0], 0.0, 1.0).unwrap().unwrap();
/// // mean 0.01, sample σ = √(4 · 0.01² / 3)
/// assert!((s - 0.75f64.sqrt()).abs() < 1e-12);
/// ```
pub fn sharpe(
    returns: &[f64],
    risk_free_rate: f64,
    periods_per_year: f64,
) -> Result<Option<f64>, Error> {
    check_positive("periods_per_year", periods_per_year)?;
    check_rate("risk_free_rate", risk_free_rate)?;
    check_returns(returns)?;
    let e = excess(returns, risk_free_rate, periods_per_year);
    let sd = sample_variance(&e).sqrt();
    Ok((sd > 0.0).then(|| mean(&e) / sd * periods_per_year.sqrt()))
}

/// Downside deviation per period: `√(Σ min(r − target, 0)² / n)` over **all**
/// `n` returns (periods above the target count as zero shortfall, not as
/// missing), as Sortino and Price define it.
///
/// ```
/// use tokenlens_core::metrics::downside_deviation;
/// // shortfalls 0, −0.02, 0, 0 over 4 periods
/// let dd = downside_deviation(&[0.01, -0.02, 0.03, 0.0], 0.0).unwrap();
/// assert!((dd - 0.01).abs() < 1e-15);
/// ```
pub fn downside_deviation(returns: &[f64], target: f64) -> Result<f64, Error> {
    check_returns(returns)?;
    if !target.is_finite() {
        return Err(Error::InvalidParameter {
            name: "target",
            value: target.to_string(),
            reason: "must be finite",
        });
    }
    let sum: f64 = returns
        .iter()
        .map(|r| (r - target).min(0.0))
        .map(|d| d * d)
        .sum();
    Ok((sum / returns.len() as f64).sqrt())
}

/// Annualised Sortino ratio: `mean(e) / DD(e) · √periods_per_year`, with
/// excess returns `e` as in [`sharpe`] and `DD` their
/// [`downside_deviation`] with target 0 over all periods (so with the
/// default risk-free rate of 0 the target is a return of 0). `None` when no
/// period falls below the target.
pub fn sortino(
    returns: &[f64],
    risk_free_rate: f64,
    periods_per_year: f64,
) -> Result<Option<f64>, Error> {
    check_positive("periods_per_year", periods_per_year)?;
    check_rate("risk_free_rate", risk_free_rate)?;
    check_returns(returns)?;
    let e = excess(returns, risk_free_rate, periods_per_year);
    let dd = downside_deviation(&e, 0.0)?;
    Ok((dd > 0.0).then(|| mean(&e) / dd * periods_per_year.sqrt()))
}

fn sorted(returns: &[f64]) -> Vec<f64> {
    let mut s = returns.to_vec();
    crate::order::sort_numbers(&mut s);
    s
}

/// Historical value at risk at confidence `level` (e.g. 0.95): the
/// `(1 − level)` [`quantile`](crate::metrics::quantile) of the returns
/// (linear interpolation, numpy's default). A return; losses are negative.
///
/// ```
/// use tokenlens_core::metrics::historical_var;
/// let r: Vec<f64> = (1..=21).map(|i| f64::from(i) / 100.0 - 0.11).collect();
/// // 21 returns −0.10 … 0.10: the 5 % quantile is at rank 1 (−0.09)
/// assert!((historical_var(&r, 0.95).unwrap() + 0.09).abs() < 1e-15);
/// ```
pub fn historical_var(returns: &[f64], level: f64) -> Result<f64, Error> {
    check_level(level)?;
    check_returns(returns)?;
    Ok(quantile_sorted(&sorted(returns), 1.0 - level))
}

/// Historical conditional value at risk (expected shortfall) at `level`:
/// the mean of the returns at or below the [`historical_var`]. A return;
/// losses are negative.
pub fn historical_cvar(returns: &[f64], level: f64) -> Result<f64, Error> {
    check_level(level)?;
    check_returns(returns)?;
    let s = sorted(returns);
    let var = quantile_sorted(&s, 1.0 - level);
    let tail: Vec<f64> = s.into_iter().take_while(|&r| r <= var).collect();
    // The smallest return is always at or below any quantile.
    Ok(mean(&tail))
}

/// Parametric (Gaussian) value at risk at `level`: `μ + z · σ` with
/// `z = Φ⁻¹(1 − level)` (−1.645 at 95 %, −2.326 at 99 %), `μ` the mean and
/// `σ` the sample standard deviation of the returns.
pub fn parametric_var(returns: &[f64], level: f64) -> Result<f64, Error> {
    check_level(level)?;
    check_returns(returns)?;
    let z = normal_quantile(1.0 - level);
    Ok(mean(returns) + z * sample_variance(returns).sqrt())
}

/// Parametric (Gaussian) expected shortfall at `level`:
/// `μ − σ · φ(z) / (1 − level)`, the mean of a normal distribution below its
/// `1 − level` quantile `z = Φ⁻¹(1 − level)` (`φ` the standard normal
/// density).
pub fn parametric_cvar(returns: &[f64], level: f64) -> Result<f64, Error> {
    check_level(level)?;
    check_returns(returns)?;
    let z = normal_quantile(1.0 - level);
    Ok(mean(returns) - sample_variance(returns).sqrt() * normal_pdf(z) / (1.0 - level))
}

/// Value at risk and expected shortfall at one confidence level.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TailRisk {
    /// The confidence level, e.g. 0.95.
    pub level: f64,
    pub historical_var: f64,
    pub historical_cvar: f64,
    pub parametric_var: f64,
    pub parametric_cvar: f64,
}

/// All four tail measures at `level`.
pub fn tail_risk(returns: &[f64], level: f64) -> Result<TailRisk, Error> {
    Ok(TailRisk {
        level,
        historical_var: historical_var(returns, level)?,
        historical_cvar: historical_cvar(returns, level)?,
        parametric_var: parametric_var(returns, level)?,
        parametric_cvar: parametric_cvar(returns, level)?,
    })
}

/// Central moments `(m2, m3, m4)` with divisor `n`; all 0 for a constant series.
fn moments(returns: &[f64]) -> (f64, f64, f64) {
    if is_constant(returns) {
        return (0.0, 0.0, 0.0);
    }
    let m = mean(returns);
    let n = returns.len() as f64;
    let (mut m2, mut m3, mut m4) = (0.0, 0.0, 0.0);
    for r in returns {
        let d = r - m;
        let d2 = d * d;
        m2 += d2;
        m3 += d2 * d;
        m4 += d2 * d2;
    }
    (m2 / n, m3 / n, m4 / n)
}

/// Skewness, population convention (no small-sample correction):
/// `g1 = m3 / m2^(3/2)` with central moments of divisor `n`, as
/// `scipy.stats.skew` with its default `bias=True`. `None` when the returns
/// do not vary.
pub fn skew(returns: &[f64]) -> Result<Option<f64>, Error> {
    check_returns(returns)?;
    let (m2, m3, _) = moments(returns);
    Ok((m2 > 0.0).then(|| m3 / (m2 * m2.sqrt())))
}

/// Excess kurtosis, population convention: `g2 = m4 / m2² − 3` (0 for a
/// normal distribution), as `scipy.stats.kurtosis` with its defaults
/// (`fisher=True, bias=True`). `None` when the returns do not vary.
pub fn excess_kurtosis(returns: &[f64]) -> Result<Option<f64>, Error> {
    check_returns(returns)?;
    let (m2, _, m4) = moments(returns);
    Ok((m2 > 0.0).then(|| m4 / (m2 * m2) - 3.0))
}

/// Tail ratio: the 95th percentile of the returns over the absolute value of
/// their 5th percentile, both by linear interpolation
/// ([`quantile`](crate::metrics::quantile)). Above 1, the right tail (gains)
/// is fatter than the left (losses). `None` when the 5th percentile is 0.
///
/// ```
/// use tokenlens_core::metrics::tail_ratio;
/// let r: Vec<f64> = (0..=20).map(|i| f64::from(i) / 100.0 - 0.05).collect();
/// // 5th percentile −0.04, 95th 0.14
/// assert!((tail_ratio(&r).unwrap().unwrap() - 3.5).abs() < 1e-12);
/// ```
pub fn tail_ratio(returns: &[f64]) -> Result<Option<f64>, Error> {
    check_returns(returns)?;
    let s = sorted(returns);
    let (lo, hi) = (quantile_sorted(&s, 0.05), quantile_sorted(&s, 0.95));
    Ok((lo != 0.0).then(|| hi / lo.abs()))
}

/// Profit factor: the sum of the positive returns over the absolute sum of
/// the negative ones. `None` when no return is negative.
///
/// ```
/// use tokenlens_core::metrics::profit_factor;
/// assert_eq!(profit_factor(&[0.25, -0.5, 0.5, -0.25]).unwrap(), Some(1.0));
/// assert_eq!(profit_factor(&[0.1, 0.0]).unwrap(), None);
/// ```
pub fn profit_factor(returns: &[f64]) -> Result<Option<f64>, Error> {
    check_returns(returns)?;
    let gains: f64 = returns.iter().filter(|&&r| r > 0.0).sum();
    let losses: f64 = returns.iter().filter(|&&r| r < 0.0).sum();
    Ok((losses < 0.0).then(|| gains / -losses))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1.0)
    }

    /// Hand-computed: r = 0.1, −0.05, 0.2, −0.1, 0.05.
    /// mean 0.04; deviations 0.06, −0.09, 0.16, −0.14, 0.01;
    /// Σd² = 0.0036 + 0.0081 + 0.0256 + 0.0196 + 0.0001 = 0.057;
    /// sample var 0.01425, population m2 0.0114;
    /// Σd³ = 0.000216 − 0.000729 + 0.004096 − 0.002744 + 0.000001 = 0.00084;
    /// Σd⁴ = 0.00001296 + 0.00006561 + 0.00065536 + 0.00038416 + 1e-8 = 0.0011181.
    const R: [f64; 5] = [0.1, -0.05, 0.2, -0.1, 0.05];

    #[test]
    fn check_table_of_a_five_return_series() {
        let sd = 0.01425f64.sqrt();
        assert!(near(volatility(&R, 1.0).unwrap(), sd));
        assert!(near(volatility(&R, 365.0).unwrap(), sd * 365f64.sqrt()));
        assert!(near(sharpe(&R, 0.0, 1.0).unwrap().unwrap(), 0.04 / sd));
        // rf 0.01 a period (annual 0.12 over 12 periods): mean excess 0.03
        assert!(near(
            sharpe(&R, 0.12, 12.0).unwrap().unwrap(),
            0.03 / sd * 12f64.sqrt()
        ));
        // downside: (−0.05)² + (−0.1)² = 0.0125 over 5 periods
        let dd = (0.0125f64 / 5.0).sqrt();
        assert!(near(downside_deviation(&R, 0.0).unwrap(), dd));
        assert!(near(sortino(&R, 0.0, 1.0).unwrap().unwrap(), 0.04 / dd));
        let m2: f64 = 0.0114;
        assert!(near(
            skew(&R).unwrap().unwrap(),
            0.00084 / 5.0 / m2 / m2.sqrt()
        ));
        assert!(near(
            excess_kurtosis(&R).unwrap().unwrap(),
            0.0011181 / 5.0 / (m2 * m2) - 3.0
        ));
        // gains 0.35, losses 0.15
        assert!(near(profit_factor(&R).unwrap().unwrap(), 0.35 / 0.15));
        // sorted −0.1, −0.05, 0.05, 0.1, 0.2: 5 % quantile at h = 0.2,
        // −0.1 + 0.2 · 0.05 = −0.09; 95 % at h = 3.8, 0.1 + 0.8 · 0.1 = 0.18
        assert!(near(historical_var(&R, 0.95).unwrap(), -0.09));
        assert!(near(historical_cvar(&R, 0.95).unwrap(), -0.1));
        assert!(near(tail_ratio(&R).unwrap().unwrap(), 0.18 / 0.09));
        // Gaussian: 0.04 − 1.6448536269514722 · σ, and φ(z) / 0.05 = 2.0627128075074257
        assert!(near(
            parametric_var(&R, 0.95).unwrap(),
            0.04 - 1.644_853_626_951_472_2 * sd
        ));
        assert!(near(
            parametric_cvar(&R, 0.95).unwrap(),
            0.04 - 2.062_712_807_507_425_7 * sd
        ));
        assert!(near(
            parametric_cvar(&R, 0.99).unwrap(),
            0.04 - 2.665_214_220_345_808 * sd
        ));
    }

    #[test]
    fn flat_returns_have_no_ratios() {
        let r = [0.05; 7];
        assert_eq!(sharpe(&r, 0.0, 365.0).unwrap(), None);
        assert_eq!(sortino(&r, 0.0, 365.0).unwrap(), None);
        assert_eq!(skew(&r).unwrap(), None);
        assert_eq!(excess_kurtosis(&r).unwrap(), None);
        assert_eq!(profit_factor(&r).unwrap(), None);
        assert_eq!(volatility(&r, 365.0).unwrap(), 0.0);
    }

    #[test]
    fn expected_shortfall_is_at_or_below_value_at_risk() {
        for level in [0.9, 0.95, 0.99] {
            let t = tail_risk(&R, level).unwrap();
            assert!(t.historical_cvar <= t.historical_var, "{t:?}");
            assert!(t.parametric_cvar <= t.parametric_var, "{t:?}");
        }
    }

    #[test]
    fn bad_parameters_and_short_series_are_typed_errors() {
        assert_eq!(volatility(&[0.1], 365.0).unwrap_err().code(), "TOO_SHORT");
        assert_eq!(
            historical_var(&R, 95.0).unwrap_err().code(),
            "INVALID_PARAMETER"
        );
        assert_eq!(
            sharpe(&R, f64::NAN, 365.0).unwrap_err().code(),
            "INVALID_PARAMETER"
        );
        assert_eq!(
            volatility(&R, -1.0).unwrap_err().code(),
            "INVALID_PARAMETER"
        );
        assert_eq!(
            skew(&[0.1, f64::INFINITY]).unwrap_err().code(),
            "INVALID_INPUT"
        );
    }
}

//! Metrics against a benchmark: beta and correlation of returns.
//!
//! Both series must be aligned (the same periods, in the same order) and
//! equally long; this is checked on length only
//! ([`Error::LengthMismatch`]), so aligning by date is the caller's job.

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::metrics::stats::{check_series, sample_covariance, sample_variance};

fn check_pair(returns: &[f64], benchmark: &[f64]) -> Result<(), Error> {
    check_series("returns", returns, 2)?;
    check_series("benchmark", benchmark, 2)?;
    if benchmark.len() != returns.len() {
        return Err(Error::LengthMismatch {
            field: "benchmark",
            len: benchmark.len(),
            expected: returns.len(),
        });
    }
    Ok(())
}

/// Beta: `cov(r, b) / var(b)` of the returns `r` against the benchmark
/// returns `b` (sample covariance and variance; the divisors cancel).
/// `None` when the benchmark does not vary.
///
/// ```
/// use tokenlens_core::metrics::beta;
/// let b = [0.01, -0.02, 0.03, 0.0];
/// let r: Vec<f64> = b.iter().map(|x| 2.0 * x + 0.001).collect();
/// assert!((beta(&r, &b).unwrap().unwrap() - 2.0).abs() < 1e-12);
/// ```
pub fn beta(returns: &[f64], benchmark: &[f64]) -> Result<Option<f64>, Error> {
    check_pair(returns, benchmark)?;
    let var = sample_variance(benchmark);
    Ok((var > 0.0).then(|| sample_covariance(returns, benchmark) / var))
}

/// Pearson correlation of the returns with the benchmark returns, in
/// `[−1, 1]`. `None` when either series does not vary.
pub fn correlation(returns: &[f64], benchmark: &[f64]) -> Result<Option<f64>, Error> {
    check_pair(returns, benchmark)?;
    let (vr, vb) = (sample_variance(returns), sample_variance(benchmark));
    Ok((vr > 0.0 && vb > 0.0).then(|| {
        let c = sample_covariance(returns, benchmark) / (vr.sqrt() * vb.sqrt());
        c.clamp(-1.0, 1.0)
    }))
}

/// Beta and correlation against a benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Relative {
    pub beta: Option<f64>,
    pub correlation: Option<f64>,
}

/// [`beta`] and [`correlation`] together.
pub fn relative(returns: &[f64], benchmark: &[f64]) -> Result<Relative, Error> {
    Ok(Relative {
        beta: beta(returns, benchmark)?,
        correlation: correlation(returns, benchmark)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_computed_beta_and_correlation() {
        // b: mean 0, deviations 1, −1, 1, −1 (Σb² = 4);
        // r: mean 1, deviations 1, −1, −1, 1 … cov Σ = 1 + 1 − 1 − 1 = 0
        let b = [1.0, -1.0, 1.0, -1.0];
        let r = [2.0, 0.0, 0.0, 2.0];
        assert_eq!(beta(&r, &b).unwrap(), Some(0.0));
        assert_eq!(correlation(&r, &b).unwrap(), Some(0.0));
        // r = −3 b: beta −3, correlation −1
        let r: Vec<f64> = b.iter().map(|x| -3.0 * x).collect();
        assert_eq!(beta(&r, &b).unwrap(), Some(-3.0));
        assert_eq!(correlation(&r, &b).unwrap(), Some(-1.0));
    }

    #[test]
    fn flat_benchmark_has_no_beta() {
        let r = relative(&[0.1, 0.2, 0.3], &[0.05; 3]).unwrap();
        assert_eq!((r.beta, r.correlation), (None, None));
    }

    #[test]
    fn unequal_lengths_are_a_length_mismatch() {
        let err = beta(&[0.1, 0.2, 0.3], &[0.1, 0.2]).unwrap_err();
        assert_eq!(
            err,
            Error::LengthMismatch {
                field: "benchmark",
                len: 2,
                expected: 3
            }
        );
    }
}

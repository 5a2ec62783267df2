//! Returns from prices: simple and log returns, total return and CAGR.

use crate::Error;
use crate::metrics::check_prices;

/// Simple returns `r[t] = p[t] / p[t−1] − 1`: one shorter than `prices`.
///
/// Errors: [`Error::TooShort`] for fewer than 2 prices,
/// [`Error::InvalidInput`] for a price that is not finite and positive.
///
/// ```
/// use tokenlens_core::metrics::simple_returns;
/// assert_eq!(simple_returns(&[100.0, 125.0, 62.5]).unwrap(), vec![0.25, -0.5]);
/// ```
pub fn simple_returns(prices: &[f64]) -> Result<Vec<f64>, Error> {
    check_prices("prices", prices, 2)?;
    Ok(prices.windows(2).map(|w| w[1] / w[0] - 1.0).collect())
}

/// Log returns `r[t] = ln(p[t] / p[t−1])`: one shorter than `prices`. They
/// add up over time: their sum is `ln(last / first)`.
///
/// Errors as [`simple_returns`].
///
/// ```
/// use tokenlens_core::metrics::log_returns;
/// let r = log_returns(&[1.0, std::f64::consts::E]).unwrap();
/// assert!((r[0] - 1.0).abs() < 1e-15);
/// ```
pub fn log_returns(prices: &[f64]) -> Result<Vec<f64>, Error> {
    check_prices("prices", prices, 2)?;
    Ok(prices.windows(2).map(|w| (w[1] / w[0]).ln()).collect())
}

/// Total return `last / first − 1`.
///
/// Errors as [`simple_returns`].
pub fn total_return(prices: &[f64]) -> Result<f64, Error> {
    check_prices("prices", prices, 2)?;
    Ok(prices[prices.len() - 1] / prices[0] - 1.0)
}

/// Compound annual growth rate from the first and last price:
/// `(last / first)^(periods_per_year / (n − 1)) − 1`, where `n − 1` is the
/// number of periods elapsed between the `n` prices.
///
/// Errors as [`simple_returns`], and [`Error::InvalidParameter`] when
/// `periods_per_year` is not finite and positive.
///
/// ```
/// use tokenlens_core::metrics::cagr;
/// // doubling over two years of yearly prices: √2 − 1 a year
/// let g = cagr(&[1.0, 1.5, 2.0], 1.0).unwrap();
/// assert!((g - (2f64.sqrt() - 1.0)).abs() < 1e-15);
/// ```
pub fn cagr(prices: &[f64], periods_per_year: f64) -> Result<f64, Error> {
    crate::indicators::check_positive("periods_per_year", periods_per_year)?;
    check_prices("prices", prices, 2)?;
    let elapsed = (prices.len() - 1) as f64;
    let growth = prices[prices.len() - 1] / prices[0];
    Ok(growth.powf(periods_per_year / elapsed) - 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returns_of_a_hand_computed_series() {
        let p = [8.0, 10.0, 5.0, 5.0, 12.0];
        assert_eq!(simple_returns(&p).unwrap(), vec![0.25, -0.5, 0.0, 1.4]);
        let l = log_returns(&p).unwrap();
        let want = [1.25f64.ln(), 0.5f64.ln(), 0.0, 2.4f64.ln()];
        for (a, b) in l.iter().zip(want) {
            assert!((a - b).abs() < 1e-15);
        }
        assert_eq!(total_return(&p).unwrap(), 0.5);
        // 4 periods of 2 per year = 2 years: 1.5^(1/2) − 1
        assert!((cagr(&p, 2.0).unwrap() - (1.5f64.sqrt() - 1.0)).abs() < 1e-15);
    }

    #[test]
    fn log_returns_add_up_to_the_whole_move() {
        let p = [3.0, 5.0, 2.0, 7.0, 11.0];
        let sum: f64 = log_returns(&p).unwrap().iter().sum();
        assert!((sum - (11.0f64 / 3.0).ln()).abs() < 1e-14);
    }

    #[test]
    fn bad_prices_are_typed_errors() {
        assert_eq!(simple_returns(&[1.0]).unwrap_err().code(), "TOO_SHORT");
        let err = simple_returns(&[1.0, 0.0]).unwrap_err();
        assert_eq!(err.code(), "INVALID_INPUT");
        assert!(err.to_string().contains("index 1"), "{err}");
        let err = log_returns(&[1.0, f64::NAN, 2.0]).unwrap_err();
        assert_eq!(err.code(), "INVALID_INPUT");
        let err = cagr(&[1.0, 2.0], 0.0).unwrap_err();
        assert_eq!(err.code(), "INVALID_PARAMETER");
    }
}

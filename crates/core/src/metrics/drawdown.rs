//! Drawdowns: the fall from the running peak.
//!
//! The drawdown at `t` is `p[t] / max(p[0..=t]) − 1`: 0 at a new high,
//! negative below it (−0.3 is 30 % under the peak).

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::metrics::check_prices;

/// The deepest drawdown of a price series.
///
/// * `depth`: the most negative drawdown (0 if the price never fell below a
///   previous high);
/// * `peak`: index of the high it fell from (the latest bar at that high
///   before the trough);
/// * `trough`: index of the lowest point (the first, if it was reached twice);
/// * `recovery`: index of the first later price back at or above the peak,
///   `None` if the series ends under water;
/// * `duration`: bars from the peak to the recovery, or to the last bar when
///   not recovered.
///
/// A series that never falls has `depth` 0, `peak = trough = 0`,
/// `recovery = Some(0)` and `duration` 0.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Drawdown {
    pub depth: f64,
    pub peak: usize,
    pub trough: usize,
    pub recovery: Option<usize>,
    pub duration: usize,
}

/// The drawdown at every bar: as long as `prices`, each `≤ 0`.
///
/// Errors: [`Error::TooShort`] for an empty series, [`Error::InvalidInput`]
/// for a price that is not finite and positive.
pub fn drawdowns(prices: &[f64]) -> Result<Vec<f64>, Error> {
    check_prices("prices", prices, 1)?;
    let mut peak = prices[0];
    Ok(prices
        .iter()
        .map(|&p| {
            peak = peak.max(p);
            p / peak - 1.0
        })
        .collect())
}

/// The deepest drawdown, with its peak, trough, recovery and duration.
///
/// Errors as [`drawdowns`].
///
/// ```
/// use tokenlens_core::metrics::max_drawdown;
/// let d = max_drawdown(&[100.0, 120.0, 90.0, 60.0, 110.0, 130.0, 125.0]).unwrap();
/// assert_eq!(d.depth, -0.5); // 120 → 60
/// assert_eq!((d.peak, d.trough, d.recovery, d.duration), (1, 3, Some(5), 4));
/// ```
pub fn max_drawdown(prices: &[f64]) -> Result<Drawdown, Error> {
    check_prices("prices", prices, 1)?;
    let (mut peak, mut peak_at) = (prices[0], 0);
    let mut worst = Drawdown {
        depth: 0.0,
        peak: 0,
        trough: 0,
        recovery: Some(0),
        duration: 0,
    };
    for (t, &p) in prices.iter().enumerate() {
        if p >= peak {
            (peak, peak_at) = (p, t);
            continue;
        }
        let dd = p / peak - 1.0;
        if dd < worst.depth {
            worst.depth = dd;
            worst.peak = peak_at;
            worst.trough = t;
        }
    }
    if worst.depth < 0.0 {
        let high = prices[worst.peak];
        worst.recovery = (worst.trough + 1..prices.len()).find(|&t| prices[t] >= high);
        worst.duration = worst.recovery.unwrap_or(prices.len() - 1) - worst.peak;
    }
    Ok(worst)
}

/// Distance from the all-time high of the series: `last / max − 1` (0 at a
/// new high, −0.25 when 25 % under it).
///
/// Errors as [`drawdowns`].
pub fn distance_from_ath(prices: &[f64]) -> Result<f64, Error> {
    check_prices("prices", prices, 1)?;
    let ath = prices.iter().copied().fold(f64::MIN, f64::max);
    Ok(prices[prices.len() - 1] / ath - 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unrecovered_drawdown_lasts_to_the_end() {
        let d = max_drawdown(&[10.0, 8.0, 10.0, 5.0, 6.0]).unwrap();
        // the second visit of 10 is the peak the fall to 5 starts from
        assert_eq!(d.depth, -0.5);
        assert_eq!((d.peak, d.trough, d.recovery, d.duration), (2, 3, None, 2));
        assert_eq!(
            distance_from_ath(&[10.0, 8.0, 10.0, 5.0, 6.0]).unwrap(),
            -0.4
        );
    }

    #[test]
    fn first_of_equal_troughs_and_rising_series() {
        let d = max_drawdown(&[4.0, 2.0, 4.0, 2.0]).unwrap();
        assert_eq!(
            (d.peak, d.trough, d.recovery, d.duration),
            (0, 1, Some(2), 2)
        );
        let up = max_drawdown(&[1.0, 2.0, 2.0, 3.0]).unwrap();
        assert_eq!(
            up,
            Drawdown {
                depth: 0.0,
                peak: 0,
                trough: 0,
                recovery: Some(0),
                duration: 0
            }
        );
        assert_eq!(
            drawdowns(&[2.0, 1.0, 4.0, 3.0]).unwrap(),
            vec![0.0, -0.5, 0.0, -0.25]
        );
    }

    #[test]
    fn bad_prices_are_typed_errors() {
        assert_eq!(max_drawdown(&[]).unwrap_err().code(), "TOO_SHORT");
        assert_eq!(
            max_drawdown(&[1.0, -1.0]).unwrap_err().code(),
            "INVALID_INPUT"
        );
    }
}

//! How a universe's grades spread: counts in ten 10-point bins, and the
//! Trader Grade's quartiles on every date of a [`Panel`].
//!
//! One date's grades say as much about that date's market as about the
//! grade; the history pools every token-day and follows the median, the
//! quartiles and the share of strong grades (≥ [`STRONG_GRADE`]) over time.

use serde::{Deserialize, Serialize};

use super::{Panel, STRONG_GRADE};
use crate::metrics::sorted_quantile;

/// Fewest graded tokens for a date to have quartiles.
pub const MIN_GRADED: usize = 20;

/// Counts of `grades` (0–100) in ten 10-point bins: bin `i` holds
/// `10i ≤ g < 10i + 10`, the last one 100 too; values out of range fall in
/// the first or the last bin, values that are not finite in none.
///
/// ```
/// use tokenlens_core::universe::spread::grade_bins;
/// assert_eq!(grade_bins(&[0.0, 9.99, 55.0, 100.0]), [2, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
/// ```
pub fn grade_bins(grades: &[f64]) -> [usize; 10] {
    let mut b = [0; 10];
    for &v in grades {
        if v.is_finite() {
            b[((v / 10.0).floor().clamp(0.0, 9.0)) as usize] += 1;
        }
    }
    b
}

/// A date's Trader Grades (type-7 quantiles, [`sorted_quantile`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Quartiles {
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    /// Tokens graded on the date.
    pub graded: usize,
    /// Share of them graded [`STRONG_GRADE`] or above.
    pub strong_share: f64,
}

/// The Trader Grade over a panel's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GradeHistory {
    /// Every token's grade on every date, in [`grade_bins`].
    pub pooled: [usize; 10],
    /// UTC date of each row.
    pub dates: Vec<String>,
    /// Each row's quartiles, `None` when fewer than [`MIN_GRADED`] tokens
    /// had a grade.
    pub quartiles: Vec<Option<Quartiles>>,
}

impl GradeHistory {
    /// The rows with the lowest and the highest median (the earliest of
    /// equal lows, the latest of equal highs), `None` when no row has
    /// quartiles.
    pub fn extremes(&self) -> Option<(usize, usize)> {
        let medians = self
            .quartiles
            .iter()
            .enumerate()
            .filter_map(|(i, q)| q.map(|q| (i, q.median)));
        let low = medians.clone().min_by(|a, b| a.1.total_cmp(&b.1))?.0;
        let high = medians.max_by(|a, b| a.1.total_cmp(&b.1))?.0;
        Some((low, high))
    }
}

/// The Trader Grade of every token of `panel` on every row: pooled, and
/// each row's quartiles.
pub fn grade_history(panel: &Panel) -> GradeHistory {
    let rows = panel.times.len();
    let mut pooled = [0; 10];
    let mut quartiles = Vec::with_capacity(rows);
    for row in 0..rows {
        let mut grades: Vec<f64> = panel
            .tokens
            .iter()
            .filter_map(|t| t.trader[t.bar(row)?])
            .filter(|g| g.is_finite())
            .collect();
        for (bin, n) in pooled.iter_mut().zip(grade_bins(&grades)) {
            *bin += n;
        }
        if grades.len() < MIN_GRADED {
            quartiles.push(None);
            continue;
        }
        crate::order::sort_numbers(&mut grades);
        let strong = grades.iter().filter(|&&g| g >= STRONG_GRADE).count();
        quartiles.push(Some(Quartiles {
            q1: sorted_quantile(&grades, 0.25),
            median: sorted_quantile(&grades, 0.5),
            q3: sorted_quantile(&grades, 0.75),
            graded: grades.len(),
            strong_share: strong as f64 / grades.len() as f64,
        }));
    }
    GradeHistory {
        pooled,
        dates: (0..rows).map(|r| panel.date(r)).collect(),
        quartiles,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_put_100_in_the_last_and_clamp() {
        assert_eq!(
            grade_bins(&[0.0, 9.99, 10.0, 99.9, 100.0, -3.0, 140.0, f64::NAN]),
            [3, 1, 0, 0, 0, 0, 0, 0, 0, 3]
        );
    }

    #[test]
    fn extremes_are_the_earliest_low_and_the_latest_high() {
        let q = |median: f64| {
            Some(Quartiles {
                q1: median - 1.0,
                median,
                q3: median + 1.0,
                graded: MIN_GRADED,
                strong_share: 0.0,
            })
        };
        let h = GradeHistory {
            pooled: [0; 10],
            dates: vec![String::new(); 5],
            quartiles: vec![None, q(60.0), q(40.0), q(60.0), q(40.0)],
        };
        assert_eq!(h.extremes(), Some((2, 3)));
        let empty = GradeHistory {
            quartiles: vec![None; 5],
            ..h
        };
        assert_eq!(empty.extremes(), None);
    }
}

//! The statistics of a walk-forward evaluation: ranks, rank correlation,
//! t-statistics of a mean with and without overlapping windows.

/// Ranks from 1 to `n`, ties given their mean rank.
pub fn ranks(xs: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..xs.len()).collect();
    order.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]));
    let mut out = vec![0.0; xs.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && xs[order[j + 1]] == xs[order[i]] {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            out[k] = rank;
        }
        i = j + 1;
    }
    out
}

/// Pearson correlation; `None` when either side does not vary or fewer
/// than 3 pairs are given.
pub fn pearson(xs: &[f64], ys: &[f64]) -> Option<f64> {
    let n = xs.len();
    if n < 3 || ys.len() != n {
        return None;
    }
    let mx = xs.iter().sum::<f64>() / n as f64;
    let my = ys.iter().sum::<f64>() / n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in xs.iter().zip(ys) {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

/// Spearman rank correlation: Pearson's on the ranks (ties averaged).
pub fn spearman(xs: &[f64], ys: &[f64]) -> Option<f64> {
    pearson(&ranks(xs), &ranks(ys))
}

pub use crate::metrics::sorted_quantile;
pub(crate) use crate::metrics::stats::mean;

/// The t-statistic of the mean of `xs`. With `lags = 0` the classic
/// `mean / (sd / √N)` (sample standard deviation); with `lags > 0` the
/// Newey–West standard error with Bartlett weights `1 − l / (lags + 1)`, for
/// values whose windows overlap. `None` for fewer than 3 values or no
/// variation.
pub fn t_statistic(xs: &[f64], lags: usize) -> Option<f64> {
    let n = xs.len();
    if n < 3 {
        return None;
    }
    let m = mean(xs);
    let var_of_mean = if lags == 0 {
        let v = xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1) as f64;
        v / n as f64
    } else {
        let gamma =
            |l: usize| (l..n).map(|t| (xs[t] - m) * (xs[t - l] - m)).sum::<f64>() / n as f64;
        let mut s = gamma(0);
        for l in 1..=lags.min(n - 1) {
            s += 2.0 * (1.0 - l as f64 / (lags + 1) as f64) * gamma(l);
        }
        s / n as f64
    };
    (var_of_mean > 0.0).then(|| m / var_of_mean.sqrt())
}

/// The median of values in any order (`NaN` when empty).
pub fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    sorted_quantile(&v, 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_average_ties() {
        assert_eq!(ranks(&[3.0, 1.0, 3.0, 2.0]), vec![3.5, 1.0, 3.5, 2.0]);
    }

    #[test]
    fn spearman_of_monotone_and_reversed() {
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        let y = [1.0, 8.0, 27.0, 64.0, 125.0];
        assert!((spearman(&x, &y).unwrap() - 1.0).abs() < 1e-12);
        let r: Vec<f64> = y.iter().rev().copied().collect();
        assert!((spearman(&x, &r).unwrap() + 1.0).abs() < 1e-12);
        assert_eq!(spearman(&x, &[1.0; 5]), None);
        // scipy.stats.spearmanr([1,2,3,4,5,6], [2,1,4,3,6,5]) = 0.8285714285714285
        let s = spearman(&[1., 2., 3., 4., 5., 6.], &[2., 1., 4., 3., 6., 5.]).unwrap();
        assert!((s - 0.828_571_428_571_428_5).abs() < 1e-12);
    }

    #[test]
    fn t_statistics() {
        let xs = [0.1, 0.2, 0.0, 0.3, 0.1, 0.2];
        let m = mean(&xs);
        let sd = (xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / 5.0).sqrt();
        assert!((t_statistic(&xs, 0).unwrap() - m / (sd / 6f64.sqrt())).abs() < 1e-12);
        // Newey–West with 1 lag, by hand: γ0 = Σd²/n, γ1 = Σ d_t d_{t−1} / n.
        let d: Vec<f64> = xs.iter().map(|x| x - m).collect();
        let g0 = d.iter().map(|x| x * x).sum::<f64>() / 6.0;
        let g1 = (1..6).map(|t| d[t] * d[t - 1]).sum::<f64>() / 6.0;
        let want = m / ((g0 + 2.0 * 0.5 * g1) / 6.0).sqrt();
        assert!((t_statistic(&xs, 1).unwrap() - want).abs() < 1e-12);
        assert_eq!(t_statistic(&[1.0, 1.0, 1.0], 0), None);
    }

    #[test]
    fn quantiles() {
        assert_eq!(sorted_quantile(&[1.0, 2.0, 3.0, 4.0], 0.5), 2.5);
        assert_eq!(median(&[5.0, 1.0, 3.0]), 3.0);
    }
}

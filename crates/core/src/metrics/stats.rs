//! Sample statistics shared by the metrics: mean, variance, percentiles and
//! the standard normal distribution.

use crate::Error;

/// Checks that a return (or other derived) series is finite and has at least
/// `needed` values.
pub(crate) fn check_series(field: &'static str, xs: &[f64], needed: usize) -> Result<(), Error> {
    crate::indicators::check_finite(field, xs)?;
    if xs.len() < needed {
        return Err(Error::TooShort {
            len: xs.len(),
            needed,
        });
    }
    Ok(())
}

/// Arithmetic mean; `xs` must not be empty.
pub(crate) fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

/// Whether every value equals the first: then the spread is exactly 0,
/// whatever rounding the mean carries.
pub(crate) fn is_constant(xs: &[f64]) -> bool {
    xs.iter().all(|&x| x == xs[0])
}

/// Sample variance (divisor `n − 1`), two-pass; `xs` needs two values.
/// Exactly 0 for a constant series.
pub(crate) fn sample_variance(xs: &[f64]) -> f64 {
    if is_constant(xs) {
        return 0.0;
    }
    let m = mean(xs);
    xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (xs.len() - 1) as f64
}

/// Sample covariance (divisor `n − 1`) of two equally long series; exactly
/// 0 when either is constant.
pub(crate) fn sample_covariance(xs: &[f64], ys: &[f64]) -> f64 {
    if is_constant(xs) || is_constant(ys) {
        return 0.0;
    }
    let (mx, my) = (mean(xs), mean(ys));
    xs.iter()
        .zip(ys)
        .map(|(x, y)| (x - mx) * (y - my))
        .sum::<f64>()
        / (xs.len() - 1) as f64
}

/// The `q`-quantile (`0 ≤ q ≤ 1`) of `xs` by linear interpolation between
/// the closest ranks: with the values sorted ascending as `x[0..n]` and
/// `h = (n − 1) · q`, it is `x[⌊h⌋] + (h − ⌊h⌋) · (x[⌊h⌋ + 1] − x[⌊h⌋])`.
/// This is Hyndman and Fan's type 7, the default of numpy's `percentile`,
/// R's `quantile` and Excel's `PERCENTILE.INC`.
///
/// Errors: [`Error::TooShort`] for an empty series, [`Error::InvalidInput`]
/// for a non-finite value, [`Error::InvalidParameter`] for `q` outside
/// `[0, 1]`.
///
/// ```
/// use tokenlens_core::metrics::quantile;
/// assert_eq!(quantile(&[4.0, 1.0, 3.0, 2.0], 0.5).unwrap(), 2.5);
/// assert_eq!(quantile(&[1.0, 2.0, 3.0, 4.0, 5.0], 0.05).unwrap(), 1.2);
/// ```
pub fn quantile(xs: &[f64], q: f64) -> Result<f64, Error> {
    check_series("values", xs, 1)?;
    if !(0.0..=1.0).contains(&q) {
        return Err(Error::InvalidParameter {
            name: "q",
            value: q.to_string(),
            reason: "must be between 0 and 1",
        });
    }
    let mut sorted = xs.to_vec();
    crate::order::sort_numbers(&mut sorted);
    Ok(quantile_sorted(&sorted, q))
}

/// [`quantile`] of values already sorted ascending, `q` in `[0, 1]`: for
/// callers that take several quantiles of one sample and sort it once.
/// `NaN` when there are no values.
///
/// ```
/// use tokenlens_core::metrics::sorted_quantile;
/// let sorted = [1.0, 2.0, 3.0, 4.0];
/// assert_eq!(sorted_quantile(&sorted, 0.25), 1.75);
/// assert_eq!(sorted_quantile(&sorted, 0.5), 2.5);
/// assert!(sorted_quantile(&[], 0.5).is_nan());
/// ```
pub fn sorted_quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        f64::NAN
    } else {
        quantile_sorted(sorted, q)
    }
}

/// [`quantile`] of values already sorted ascending (not empty, `q` in `[0, 1]`).
pub(crate) fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * q;
    let lo = h.floor() as usize;
    let frac = h - lo as f64;
    match sorted.get(lo + 1) {
        Some(&hi) if frac > 0.0 => sorted[lo] + frac * (hi - sorted[lo]),
        _ => sorted[lo],
    }
}

/// Density of the standard normal distribution.
pub(crate) fn normal_pdf(z: f64) -> f64 {
    (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

/// Inverse of the standard normal distribution function, `0 < p < 1`:
/// Wichura's algorithm AS 241 (`PPND16`), relative error about 1e-16.
pub(crate) fn normal_quantile(p: f64) -> f64 {
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        let num = ((((((2_509.080_928_730_122_7 * r + 33_430.575_583_588_13) * r
            + 67_265.770_927_008_7)
            * r
            + 45_921.953_931_549_87)
            * r
            + 13_731.693_765_509_46)
            * r
            + 1_971.590_950_306_551_4)
            * r
            + 133.141_667_891_784_38)
            * r
            + 3.387_132_872_796_366_5;
        let den = ((((((5_226.495_278_852_546 * r + 28_729.085_735_721_943) * r
            + 39_307.895_800_092_71)
            * r
            + 21_213.794_301_586_597)
            * r
            + 5_394.196_021_424_751)
            * r
            + 687.187_007_492_057_9)
            * r
            + 42.313_330_701_600_91)
            * r
            + 1.0;
        return q * num / den;
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    let mut r = (-tail.ln()).sqrt();
    let value = if r <= 5.0 {
        r -= 1.6;
        let num = ((((((7.745_450_142_783_414e-4 * r + 0.022_723_844_989_269_184) * r
            + 0.241_780_725_177_450_6)
            * r
            + 1.270_458_252_452_368_4)
            * r
            + 3.647_848_324_763_204_5)
            * r
            + 5.769_497_221_460_691)
            * r
            + 4.630_337_846_156_545)
            * r
            + 1.423_437_110_749_683_5;
        let den = ((((((1.050_750_071_644_416_8e-9 * r + 5.475_938_084_995_345e-4) * r
            + 0.015_198_666_563_616_457)
            * r
            + 0.148_103_976_427_480_08)
            * r
            + 0.689_767_334_985_100_1)
            * r
            + 1.676_384_830_183_803_8)
            * r
            + 2.053_191_626_637_759)
            * r
            + 1.0;
        num / den
    } else {
        r -= 5.0;
        let num = ((((((2.010_334_399_292_288_1e-7 * r + 2.711_555_568_743_487_6e-5) * r
            + 0.001_242_660_947_388_078_4)
            * r
            + 0.026_532_189_526_576_124)
            * r
            + 0.296_560_571_828_504_87)
            * r
            + 1.784_826_539_917_291_3)
            * r
            + 5.463_784_911_164_114)
            * r
            + 6.657_904_643_501_103;
        let den = ((((((2.044_263_103_389_939_7e-15 * r + 1.421_511_758_316_446e-7) * r
            + 1.846_318_317_510_054_8e-5)
            * r
            + 7.868_691_311_456_133e-4)
            * r
            + 0.014_875_361_290_850_615)
            * r
            + 0.136_929_880_922_735_8)
            * r
            + 0.599_832_206_555_887_9)
            * r
            + 1.0;
        num / den
    };
    if q < 0.0 { -value } else { value }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_quantile_matches_published_values() {
        // Φ⁻¹ to 16 digits (scipy.stats.norm.ppf).
        let table = [
            (0.5, 0.0),
            (0.975, 1.959_963_984_540_054),
            (0.95, 1.644_853_626_951_472_2),
            (0.99, 2.326_347_874_040_841),
            (0.01, -2.326_347_874_040_841),
            (0.05, -1.644_853_626_951_472_2),
            (0.8, 0.841_621_233_572_914_2),
            (1e-10, -6.361_340_902_404_056),
        ];
        for (p, z) in table {
            let got = normal_quantile(p);
            assert!(
                (got - z).abs() <= 1e-14 * z.abs().max(1.0),
                "{p}: {got} vs {z}"
            );
        }
    }

    #[test]
    fn quantile_interpolates_between_ranks() {
        let xs = [10.0, 20.0, 30.0, 40.0];
        assert_eq!(quantile(&xs, 0.0).unwrap(), 10.0);
        assert_eq!(quantile(&xs, 1.0).unwrap(), 40.0);
        assert_eq!(quantile(&xs, 0.5).unwrap(), 25.0);
        assert_eq!(quantile(&[7.0], 0.3).unwrap(), 7.0);
        assert_eq!(quantile(&[], 0.3).unwrap_err().code(), "TOO_SHORT");
        assert_eq!(quantile(&xs, 1.5).unwrap_err().code(), "INVALID_PARAMETER");
    }

    #[test]
    fn sorted_quantile_agrees_with_quantile_and_is_nan_when_empty() {
        let xs = [3.0, 9.0, 1.0, 4.0, 4.0, 7.5];
        let mut sorted = xs.to_vec();
        sorted.sort_by(f64::total_cmp);
        for q in [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0] {
            assert_eq!(
                sorted_quantile(&sorted, q),
                quantile(&xs, q).unwrap(),
                "{q}"
            );
        }
        assert_eq!(sorted_quantile(&[2.0], 0.75), 2.0);
        assert!(sorted_quantile(&[], 0.5).is_nan());
    }
}

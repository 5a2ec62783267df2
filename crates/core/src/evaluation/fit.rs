//! The rule that chooses a grade's components, carried out on the fit period
//! (`docs/evidence/RULE.md`). Its output is what the core's grade constants
//! must equal; a test checks that they do.

use serde::{Deserialize, Serialize};

use super::stats::{mean, sorted_quantile, spearman};
use super::{
    DAY, EvaluationOptions, Kind, MIN_TOKENS, Period, Prepared, TokenColumns, measure_stats,
    measures, prepare,
};
use crate::analysis::PriceSeries;
use crate::analysis::grades::inputs::{Horizon, Input};
use crate::universe::Member;

/// Minimum `|t|` of a kept candidate.
pub const MIN_T: f64 = 2.0;
/// Largest mean cross-sectional rank correlation between two kept candidates.
pub const MAX_CORRELATION: f64 = 0.7;
/// Largest weight of one component.
pub const MAX_WEIGHT: f64 = 0.5;
/// Share of the fit period's token-days that grade above 80.
pub const STRONG_SHARE: f64 = 0.10;
/// Steadiness targets of the Trader Grade: mean absolute daily change, and
/// the share of daily changes of 15 points or more.
pub const MAX_MEAN_DAILY_CHANGE: f64 = 3.0;
pub const MAX_JUMP_SHARE: f64 = 0.01;
pub const JUMP: f64 = 15.0;
/// Longest smoothing (days of the EMA).
pub const MAX_SMOOTHING: usize = 5;

/// How one candidate fared on the fit period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub name: String,
    pub predicted_sign: f64,
    pub mean_ic: Option<f64>,
    pub t: Option<f64>,
    pub ic_ir: Option<f64>,
    pub dates: usize,
    /// Why it was kept or left out.
    pub verdict: String,
    pub kept: bool,
}

/// One chosen component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedComponent {
    pub name: String,
    pub sign: f64,
    pub weight: f64,
    /// Median of the pooled fit-period values.
    pub center: f64,
    /// Interquartile range / 1.349 of the pooled fit-period values.
    pub scale: f64,
}

/// A grade as the rule builds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FittedGrade {
    pub grade: String,
    pub horizon: usize,
    pub candidates: Vec<Candidate>,
    pub components: Vec<FittedComponent>,
    /// The stretch `k` of `50 + 50·tanh(k·C)`.
    pub stretch: f64,
    /// Days of the EMA smoothing (1: none).
    pub smoothing: usize,
    /// The steadiness on the fit period at that smoothing.
    pub mean_daily_change: f64,
    pub jump_share: f64,
}

/// The rule's output for both grades.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fit {
    pub fit_end: String,
    pub trader: FittedGrade,
    pub investor: FittedGrade,
}

/// Carries out the rule on the fit period of `universe` (tokens that cannot
/// be evaluated are left out).
pub fn fit(
    universe: &[Member],
    benchmark: Option<&PriceSeries>,
    options: &EvaluationOptions,
) -> Fit {
    fit_prepared(&prepare(universe, benchmark, options), options)
}

/// [`fit`] over columns already prepared with the same `options` (with the
/// candidate inputs: over the grades alone no candidate can be kept).
pub fn fit_prepared(prepared: &Prepared, options: &EvaluationOptions) -> Fit {
    let names = measures();
    let index = |input: Input| names.iter().position(|m| m.0 == input.name()).unwrap_or(0);
    let grade = |label: &str, horizon: Horizon, h: usize, steady: bool| {
        let inputs: Vec<Input> = Input::ALL
            .into_iter()
            .filter(|i| prepared.inputs && i.horizon() == horizon)
            .collect();
        fit_grade(label, prepared, h, &inputs, &index, steady, options)
    };
    Fit {
        fit_end: crate::analysis::series::utc_date(options.fit_end),
        trader: grade("trader", Horizon::Short, 7, true),
        investor: grade("investor", Horizon::Long, 30, false),
    }
}

#[allow(clippy::too_many_arguments)]
fn fit_grade(
    label: &str,
    prepared: &Prepared,
    h: usize,
    inputs: &[Input],
    index: &dyn Fn(Input) -> usize,
    steady: bool,
    options: &EvaluationOptions,
) -> FittedGrade {
    let (tokens, last) = (prepared.tokens.as_slice(), prepared.last);
    let fit_dates: Vec<i64> = prepared
        .dates
        .iter()
        .copied()
        .filter(|&d| d + h as i64 * DAY <= options.fit_end && d + h as i64 * DAY <= last)
        .collect();
    // 1. Each candidate's IC on the fit dates, as the evaluation measures it.
    let mut candidates = Vec::new();
    let mut kept: Vec<(Input, f64, f64)> = Vec::new(); // (input, |t|, IC / sd)
    for &input in inputs {
        let s = measure_stats(
            tokens,
            index(input),
            Kind::Input,
            &prepared.dates,
            h,
            Period::Fit,
            last,
            options,
        );
        let sign = input.predicted_sign();
        let (ok, verdict) = match (s.mean_ic, s.t) {
            (Some(m), Some(t)) if m * sign > 0.0 && t.abs() >= MIN_T => {
                (true, "kept: predicted sign, |t| ≥ 2".to_owned())
            }
            (Some(m), Some(_)) if m * sign <= 0.0 => (false, "left out: the opposite sign".into()),
            (Some(_), Some(_)) => (false, "left out: |t| < 2".into()),
            _ => (false, "left out: too few dates".into()),
        };
        if ok {
            kept.push((
                input,
                s.t.unwrap_or(0.0).abs(),
                s.ic_ir.unwrap_or(0.0).abs(),
            ));
        }
        candidates.push(Candidate {
            name: input.name().to_owned(),
            predicted_sign: sign,
            mean_ic: s.mean_ic,
            t: s.t,
            ic_ir: s.ic_ir,
            dates: s.dates,
            verdict,
            kept: ok,
        });
    }
    // 2. No duplicates, largest |t| first.
    kept.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut chosen: Vec<(Input, f64)> = Vec::new();
    for (input, _, ir) in kept {
        let duplicate = chosen.iter().find(|(other, _)| {
            mean_correlation(tokens, &fit_dates, index(input), index(*other), options).abs()
                > MAX_CORRELATION
        });
        if let Some((other, _)) = duplicate {
            if let Some(c) = candidates.iter_mut().find(|c| c.name == input.name()) {
                c.kept = false;
                c.verdict = format!(
                    "left out: ranks like {} (correlation above {MAX_CORRELATION})",
                    other.name()
                );
            }
        } else {
            chosen.push((input, ir));
        }
    }
    // 3. Weights ∝ IC IR, capped.
    let weights = capped_weights(&chosen.iter().map(|c| c.1).collect::<Vec<_>>());
    // 4. Centre and scale from the pooled fit-period values.
    let mut components: Vec<FittedComponent> = chosen
        .iter()
        .zip(&weights)
        .map(|((input, _), &weight)| {
            let mut values = pooled(tokens, index(*input), options);
            values.sort_by(f64::total_cmp);
            let center = sorted_quantile(&values, 0.5);
            let iqr = sorted_quantile(&values, 0.75) - sorted_quantile(&values, 0.25);
            FittedComponent {
                name: input.name().to_owned(),
                sign: input.predicted_sign(),
                weight,
                center,
                scale: iqr / 1.349,
            }
        })
        .collect();
    components.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    // 5. The stretch: 10 % of fit token-days above 80.
    let composites = composite_columns(tokens, &components, index);
    let mut pooled_c: Vec<f64> = Vec::new();
    for (tok, col) in tokens.iter().zip(&composites) {
        for (b, &c) in col.iter().enumerate() {
            if tok.timestamps[b] <= options.fit_end
                && (options.include_stable || !tok.stable[b])
                && c.is_finite()
            {
                pooled_c.push(c);
            }
        }
    }
    pooled_c.sort_by(f64::total_cmp);
    let c90 = sorted_quantile(&pooled_c, 1.0 - STRONG_SHARE);
    let stretch = if c90 > 0.0 { 0.6f64.atanh() / c90 } else { 1.0 };
    // 6. Steadiness.
    let steadiness = |n: usize| steadiness(tokens, &composites, stretch, n, options);
    let mut smoothing = 1;
    let mut measured = steadiness(1);
    if steady {
        for n in 1..=MAX_SMOOTHING {
            smoothing = n;
            measured = steadiness(n);
            if measured.0 <= MAX_MEAN_DAILY_CHANGE && measured.1 <= MAX_JUMP_SHARE {
                break;
            }
        }
    }
    FittedGrade {
        grade: label.to_owned(),
        horizon: h,
        candidates,
        components,
        stretch,
        smoothing,
        mean_daily_change: measured.0,
        jump_share: measured.1,
    }
}

/// Weights proportional to `scores`, a weight above [`MAX_WEIGHT`] capped
/// and the rest scaled up, until none is above (or all are capped).
pub fn capped_weights(scores: &[f64]) -> Vec<f64> {
    let total: f64 = scores.iter().sum();
    if scores.is_empty() || total <= 0.0 {
        return vec![0.0; scores.len()];
    }
    let mut w: Vec<f64> = scores.iter().map(|s| s / total).collect();
    if scores.len() as f64 * MAX_WEIGHT < 1.0 {
        return w;
    }
    let mut capped = vec![false; w.len()];
    loop {
        let over: Vec<usize> = (0..w.len())
            .filter(|&i| !capped[i] && w[i] > MAX_WEIGHT + 1e-12)
            .collect();
        if over.is_empty() {
            return w;
        }
        for i in over {
            capped[i] = true;
            w[i] = MAX_WEIGHT;
        }
        let fixed: f64 = (0..w.len()).filter(|&i| capped[i]).map(|i| w[i]).sum();
        let free: f64 = (0..w.len())
            .filter(|&i| !capped[i])
            .map(|i| scores[i])
            .sum();
        for i in 0..w.len() {
            if !capped[i] {
                w[i] = (1.0 - fixed) * scores[i] / free;
            }
        }
    }
}

fn pooled(tokens: &[TokenColumns], m: usize, options: &EvaluationOptions) -> Vec<f64> {
    let mut out = Vec::new();
    for tok in tokens {
        for (b, &v) in tok.columns[m].iter().enumerate() {
            if tok.timestamps[b] <= options.fit_end
                && (options.include_stable || !tok.stable[b])
                && v.is_finite()
            {
                out.push(v);
            }
        }
    }
    out
}

fn mean_correlation(
    tokens: &[TokenColumns],
    dates: &[i64],
    a: usize,
    b: usize,
    options: &EvaluationOptions,
) -> f64 {
    let rs: Vec<f64> = dates
        .iter()
        .filter_map(|&d| {
            let (mut xs, mut ys) = (Vec::new(), Vec::new());
            for tok in tokens {
                let Some(bar) = tok.bar(d) else { continue };
                if !options.include_stable && tok.stable[bar] {
                    continue;
                }
                let (x, y) = (tok.columns[a][bar], tok.columns[b][bar]);
                if x.is_finite() && y.is_finite() {
                    xs.push(x);
                    ys.push(y);
                }
            }
            (xs.len() >= MIN_TOKENS).then(|| spearman(&xs, &ys))?
        })
        .collect();
    if rs.is_empty() { 0.0 } else { mean(&rs) }
}

/// `C = Σ wᵢ·tanh(signᵢ·(xᵢ − mᵢ)/sᵢ)` at every bar of every token, the
/// weights of the components present renormalised; `NaN` when none is.
fn composite_columns(
    tokens: &[TokenColumns],
    components: &[FittedComponent],
    index: &dyn Fn(Input) -> usize,
) -> Vec<Vec<f64>> {
    let cols: Vec<usize> = components
        .iter()
        .map(|c| Input::from_name(&c.name).map_or(0, index))
        .collect();
    tokens
        .iter()
        .map(|tok| {
            (0..tok.close.len())
                .map(|b| {
                    let (mut sum, mut weight) = (0.0, 0.0);
                    for (c, &m) in components.iter().zip(&cols) {
                        let x = tok.columns[m][b];
                        if x.is_finite() && c.scale > 0.0 {
                            sum += c.weight * (c.sign * (x - c.center) / c.scale).tanh();
                            weight += c.weight;
                        }
                    }
                    if weight > 0.0 { sum / weight } else { f64::NAN }
                })
                .collect()
        })
        .collect()
}

/// Mean absolute daily change of the grade and the share of changes of
/// [`JUMP`] points or more, over the fit period, with EMA smoothing `n`.
fn steadiness(
    tokens: &[TokenColumns],
    composites: &[Vec<f64>],
    stretch: f64,
    n: usize,
    options: &EvaluationOptions,
) -> (f64, f64) {
    let (mut sum, mut count, mut jumps) = (0.0, 0usize, 0usize);
    for (tok, col) in tokens.iter().zip(composites) {
        let grades: Vec<f64> = col
            .iter()
            .map(|c| 50.0 + 50.0 * (stretch * c).tanh())
            .collect();
        let smooth = crate::analysis::grades::smooth(&grades, n);
        for b in 1..smooth.len() {
            if tok.timestamps[b] > options.fit_end || (!options.include_stable && tok.stable[b]) {
                continue;
            }
            let (x, y) = (smooth[b - 1], smooth[b]);
            if x.is_finite() && y.is_finite() && tok.timestamps[b - 1] == tok.timestamps[b] - DAY {
                let d = (y - x).abs();
                sum += d;
                count += 1;
                if d >= JUMP {
                    jumps += 1;
                }
            }
        }
    }
    if count == 0 {
        (0.0, 0.0)
    } else {
        (sum / count as f64, jumps as f64 / count as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_capped_and_sum_to_one() {
        let w = capped_weights(&[8.0, 1.0, 1.0]);
        assert!((w[0] - 0.5).abs() < 1e-12 && (w[1] - 0.25).abs() < 1e-12);
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let w = capped_weights(&[3.0, 1.0]);
        assert_eq!(w, vec![0.5, 0.5]);
        assert_eq!(capped_weights(&[2.0]), vec![1.0]);
    }
}

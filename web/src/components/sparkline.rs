//! A 7-day price line for a table cell.

use leptos::prelude::*;

/// A line of `prices` (oldest first), green when the period ended higher,
/// red when lower, thinned to at most 56 points; `None` with fewer than two
/// prices. `what` names the period in the label ("7-day price").
pub fn sparkline(prices: &[f64], what: &str) -> Option<impl IntoView + use<>> {
    if prices.len() < 2 || prices.iter().any(|p| !p.is_finite()) {
        return None;
    }
    let (w, h) = (96.0, 24.0);
    let step = prices.len().div_ceil(56).max(1);
    let mut points: Vec<f64> = prices.iter().step_by(step).copied().collect();
    let (first, last) = (*prices.first()?, *prices.last()?);
    if points.last() != Some(&last) {
        points.push(last);
    }
    let (lo, hi) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &p| {
            (lo.min(p), hi.max(p))
        });
    let span = if hi > lo { hi - lo } else { 1.0 };
    let n = (points.len() - 1).max(1) as f64;
    let path = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "{:.1},{:.1}",
                w * i as f64 / n,
                h - 1.0 - (h - 2.0) * (p - lo) / span
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    let change = last / first - 1.0;
    let class = if change >= 0.0 {
        "spark up"
    } else {
        "spark down"
    };
    let label = format!("{what} {:+.1}%", 100.0 * change);
    Some(view! {
        <svg class=class width="96" height="24" viewBox="0 0 96 24" role="img" aria-label=label>
            <polyline points=path fill="none" stroke-width="1.2"></polyline>
        </svg>
    })
}

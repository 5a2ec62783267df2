//! A horizontal grouped bar chart drawn as SVG from Rust: one group per
//! label, one bar per series, a zero line, and each value written beside its
//! bar. Colours come from classes in `style/main.css` (the site's CSP allows
//! no inline style).

use leptos::prelude::*;

/// One series of bars (7-day ROI, say) and the class that colours it.
#[derive(Debug, Clone, PartialEq)]
pub struct BarSeries {
    pub name: String,
    pub class: &'static str,
}

/// One group of bars: a label and one value per series (`None`: no bar).
#[derive(Debug, Clone, PartialEq)]
pub struct BarGroup {
    pub label: String,
    pub values: Vec<Option<f64>>,
}

const WIDTH: f64 = 600.0;
const LABEL_WIDTH: f64 = 120.0;
const VALUE_ROOM: f64 = 52.0;
const BAR: f64 = 12.0;
const GAP: f64 = 10.0;
const LEGEND: f64 = 24.0;

/// The horizontal extent of the values, always including 0.
fn domain(groups: &[BarGroup]) -> (f64, f64) {
    let values = groups
        .iter()
        .flat_map(|g| g.values.iter().flatten())
        .filter(|v| v.is_finite());
    let (lo, hi) = values.fold((0.0_f64, 0.0_f64), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    if hi - lo < 1e-9 {
        (lo, lo + 1.0)
    } else {
        (lo, hi)
    }
}

/// A grouped bar chart of fractions (shown as percentages).
#[component]
pub fn BarChart(
    /// What the chart shows, for screen readers.
    label: String,
    series: Vec<BarSeries>,
    groups: Vec<BarGroup>,
) -> impl IntoView {
    let (lo, hi) = domain(&groups);
    let left = LABEL_WIDTH + VALUE_ROOM;
    let right = WIDTH - VALUE_ROOM;
    let x = move |v: f64| left + (v - lo) / (hi - lo) * (right - left);
    let per_group = series.len() as f64 * BAR + GAP;
    let height = LEGEND + groups.len() as f64 * per_group + GAP;
    let zero = x(0.0);
    let legend = series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let lx = left + i as f64 * 140.0;
            view! {
                <rect x=lx y=4 width=12 height=12 class=s.class />
                <text x=lx + 18.0 y=14 class="chart-text">{s.name.clone()}</text>
            }
        })
        .collect_view();
    let bars = groups
        .iter()
        .enumerate()
        .map(|(g, group)| {
            let top = LEGEND + g as f64 * per_group;
            let label_y = top + series.len() as f64 * BAR / 2.0 + 4.0;
            let bars = group
                .values
                .iter()
                .zip(&series)
                .enumerate()
                .filter_map(|(i, (v, s))| {
                    let v = v.filter(|v| v.is_finite())?;
                    let y = top + i as f64 * BAR;
                    let (x0, x1) = if v >= 0.0 { (zero, x(v)) } else { (x(v), zero) };
                    let (tx, anchor) = if v >= 0.0 { (x1 + 4.0, "start") } else { (x0 - 4.0, "end") };
                    Some(view! {
                        <rect x=x0 y=y + 1.0 width=(x1 - x0).max(0.5) height=BAR - 2.0 class=s.class />
                        <text x=tx y=y + BAR - 2.0 text-anchor=anchor class="chart-text chart-value">
                            {format!("{:+.1}%", v * 100.0)}
                        </text>
                    })
                })
                .collect_view();
            view! {
                <text x=LABEL_WIDTH - 6.0 y=label_y text-anchor="end" class="chart-text">
                    {group.label.clone()}
                </text>
                {bars}
            }
        })
        .collect_view();
    let region = format!("Chart: {label}");
    view! {
        <div class="chart-scroll" role="region" aria-label=region tabindex="0">
        <svg
            class="chart"
            role="img"
            aria-label=label
            viewBox=format!("0 0 {WIDTH} {height}")
            preserveAspectRatio="xMinYMin meet"
        >
            {legend}
            {bars}
            <line x1=zero x2=zero y1=LEGEND - 2.0 y2=height - GAP / 2.0 class="chart-axis" />
        </svg>
        </div>
    }
}

//! A line chart drawn as SVG from Rust: several series over one date axis
//! (an equity curve against a benchmark, say), with the value range and the
//! first and last dates written on the axes. Colours come from classes in
//! `style/main.css`.

use leptos::prelude::*;

/// One line: its name, its class and one value per date (`None`: a gap).
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub name: String,
    pub class: &'static str,
    pub values: Vec<Option<f64>>,
}

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 24.0;

/// The `points` attribute of each unbroken run of a line.
fn runs(values: &[Option<f64>], x: impl Fn(usize) -> f64, y: impl Fn(f64) -> f64) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, v) in values.iter().enumerate() {
        match v.filter(|v| v.is_finite()) {
            Some(v) => {
                if !current.is_empty() {
                    current.push(' ');
                }
                current.push_str(&format!("{:.1},{:.1}", x(i), y(v)));
            }
            None if !current.is_empty() => out.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// A line chart; `format` writes an axis value.
#[component]
pub fn LineChart(
    /// What the chart shows, for screen readers.
    label: String,
    dates: Vec<String>,
    lines: Vec<Line>,
    format: fn(f64) -> String,
) -> impl IntoView {
    let all = lines
        .iter()
        .flat_map(|l| l.values.iter().flatten())
        .filter(|v| v.is_finite());
    let (lo, hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
        (lo.min(v), hi.max(v))
    });
    let (lo, hi) = if !lo.is_finite() {
        (0.0, 1.0)
    } else if hi - lo < 1e-9 {
        (lo - 0.5, hi + 0.5)
    } else {
        (lo, hi)
    };
    let n = dates.len().max(2);
    let x = move |i: usize| LEFT + i as f64 / (n - 1) as f64 * (WIDTH - LEFT - RIGHT);
    let y = move |v: f64| TOP + (hi - v) / (hi - lo) * (HEIGHT - TOP - BOTTOM);
    let legend = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let lx = LEFT + i as f64 * 170.0;
            view! {
                <line x1=lx x2=lx + 16.0 y1=12 y2=12 class=format!("chart-line {}", l.class) />
                <text x=lx + 22.0 y=16 class="chart-text">{l.name.clone()}</text>
            }
        })
        .collect_view();
    let paths = lines
        .iter()
        .flat_map(|l| {
            runs(&l.values, x, y)
                .into_iter()
                .map(|points| view! { <polyline points=points class=format!("chart-line {}", l.class) /> })
        })
        .collect_view();
    let first = dates.first().cloned().unwrap_or_default();
    let last = dates.last().cloned().unwrap_or_default();
    let region = format!("Chart: {label}");
    view! {
        <div class="chart-scroll" role="region" aria-label=region tabindex="0">
        <svg
            class="chart"
            role="img"
            aria-label=label
            viewBox=format!("0 0 {WIDTH} {HEIGHT}")
            preserveAspectRatio="xMinYMin meet"
        >
            {legend}
            <line x1=LEFT x2=LEFT y1=TOP y2=HEIGHT - BOTTOM class="chart-axis" />
            <line x1=LEFT x2=WIDTH - RIGHT y1=HEIGHT - BOTTOM y2=HEIGHT - BOTTOM class="chart-axis" />
            <text x=LEFT - 4.0 y=TOP + 4.0 text-anchor="end" class="chart-text">{format(hi)}</text>
            <text x=LEFT - 4.0 y=HEIGHT - BOTTOM text-anchor="end" class="chart-text">{format(lo)}</text>
            <text x=LEFT y=HEIGHT - 6.0 class="chart-text">{first}</text>
            <text x=WIDTH - RIGHT y=HEIGHT - 6.0 text-anchor="end" class="chart-text">{last}</text>
            {paths}
        </svg>
        </div>
    }
}

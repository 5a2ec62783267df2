//! Line charts drawn as SVG from Rust: a price (candles where the data has
//! them) with markers and level lines, oscillator panes, equity curves. Small and CSP-safe (no inline
//! style, colours from classes in `main.css`); each chart is an image with a
//! text alternative, and markers carry a `<title>` tooltip.

use leptos::prelude::*;

const WIDTH: f64 = 720.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 8.0;

/// One series: a value (or a gap) per date.
#[derive(Debug, Clone)]
pub struct Line {
    pub values: Vec<Option<f64>>,
    /// CSS class of the stroke (`line-price`, `line-rsi`, …).
    pub class: &'static str,
    pub label: String,
}

/// A point marked on the chart (a signal flip).
#[derive(Debug, Clone)]
pub struct Marker {
    pub index: usize,
    pub value: f64,
    /// Points up (a rise) or down.
    pub up: bool,
    /// CSS class (`marker up`, `marker down`, `marker flat`).
    pub class: &'static str,
    pub label: String,
}

/// One day's open, high, low and close, drawn as a candle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ohlc {
    pub open: f64,
    pub high: f64,
    pub low: f64,
    pub close: f64,
}

/// A horizontal line across the chart (a level, a threshold).
#[derive(Debug, Clone)]
pub struct Rule {
    pub value: f64,
    pub class: &'static str,
    pub label: String,
}

/// How the vertical axis is scaled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// From the data (and the rules), linear.
    Auto,
    /// Fixed bounds, linear (RSI: 0–100).
    Fixed(f64, f64),
    /// From the data, logarithmic (prices and equity over long spans).
    Log,
}

/// A plain axis value: whole numbers from 100, two decimals from 1, three
/// significant digits below.
pub fn fmt_tick(v: f64) -> String {
    let a = v.abs();
    if a >= 100.0 {
        format!("{v:.0}")
    } else if a >= 1.0 {
        format!("{v:.2}")
    } else if a == 0.0 {
        "0".into()
    } else {
        format!("{v:.3e}")
    }
}

/// A chart of `lines` over `dates` with `markers` and `rules`.
#[component]
pub fn LineChart(
    title: String,
    dates: Vec<String>,
    lines: Vec<Line>,
    #[prop(optional)] markers: Vec<Marker>,
    #[prop(optional)] rules: Vec<Rule>,
    /// Candles, one per date (`None`: no bar that day), drawn under the lines.
    #[prop(optional)]
    candles: Vec<Option<Ohlc>>,
    #[prop(default = 220.0)] height: f64,
    #[prop(default = Scale::Auto)] scale: Scale,
    /// How an axis value is written (default: plain numbers).
    #[prop(default = fmt_tick)]
    format: fn(f64) -> String,
    #[prop(into)] testid: String,
) -> impl IntoView {
    let bottom = height - 22.0;
    let n = dates.len().max(2);
    let x = move |i: usize| LEFT + (WIDTH - LEFT - RIGHT) * i as f64 / (n - 1) as f64;
    let log = scale == Scale::Log;
    let t = |v: f64| {
        if log {
            v.max(f64::MIN_POSITIVE).ln()
        } else {
            v
        }
    };
    let data = lines
        .iter()
        .flat_map(|l| l.values.iter().flatten())
        .chain(rules.iter().map(|r| &r.value))
        .copied()
        .chain(candles.iter().flatten().flat_map(|c| [c.high, c.low]))
        .filter(|v| v.is_finite() && (!log || *v > 0.0));
    let (lo, hi) = match scale {
        Scale::Fixed(lo, hi) => (lo, hi),
        _ => data.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        }),
    };
    let (lo, hi) = if lo.is_finite() && hi > lo {
        (lo, hi)
    } else if lo.is_finite() {
        (lo - 1.0, hi + 1.0)
    } else {
        (0.0, 1.0)
    };
    let (tlo, thi) = (t(lo), t(hi));
    let y = move |v: f64| bottom - (bottom - TOP) * (t(v) - tlo) / (thi - tlo);
    let ticks: Vec<f64> = (0..=3)
        .map(|k| {
            let f = k as f64 / 3.0;
            if log {
                (tlo + f * (thi - tlo)).exp()
            } else {
                lo + f * (hi - lo)
            }
        })
        .collect();
    let last_candle = candles.iter().rev().flatten().next().map(|c| {
        format!(
            "candles: last open {}, high {}, low {}, close {}",
            fmt_tick(c.open),
            fmt_tick(c.high),
            fmt_tick(c.low),
            fmt_tick(c.close)
        )
    });
    let summary = last_candle
        .into_iter()
        .chain(lines.iter().map(|l| {
            let last = l.values.iter().rev().flatten().next();
            format!(
                "{}: last {}",
                l.label,
                last.map_or("—".into(), |v| fmt_tick(*v))
            )
        }))
        .collect::<Vec<_>>()
        .join("; ");
    // A wick from low to high and a body from open to close; green when the
    // day closed at or above its open.
    let body_width = ((WIDTH - LEFT - RIGHT) / n as f64 * 0.7).clamp(0.6, 8.0);
    let candle_views = (!candles.is_empty()).then(|| {
        let bars = candles
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let c = c.filter(|c| {
                    [c.open, c.high, c.low, c.close]
                        .iter()
                        .all(|v| v.is_finite() && (!log || *v > 0.0))
                })?;
                let cx = x(i);
                let (top, bottom) = (y(c.open.max(c.close)), y(c.open.min(c.close)));
                let class = if c.close >= c.open { "candle up" } else { "candle down" };
                Some(view! {
                    <g class=class>
                        <line x1=cx y1=y(c.high) x2=cx y2=y(c.low)></line>
                        <rect x=cx - body_width / 2.0 y=top width=body_width height=(bottom - top).max(0.5)></rect>
                    </g>
                })
            })
            .collect_view();
        view! { <g class="candles">{bars}</g> }
    });
    let alt = format!(
        "{title}, {} to {}. {summary}.",
        dates.first().cloned().unwrap_or_default(),
        dates.last().cloned().unwrap_or_default()
    );
    let polylines = lines
        .iter()
        .flat_map(|l| {
            // One polyline per run of values (gaps stay gaps).
            let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
            for (i, v) in l.values.iter().enumerate() {
                match v.filter(|v| v.is_finite() && (!log || *v > 0.0)) {
                    Some(v) => runs.last_mut().map(|r| r.push((x(i), y(v)))).unwrap_or(()),
                    None => runs.push(Vec::new()),
                }
            }
            runs.into_iter().filter(|r| r.len() > 1).map(move |r| {
                let points = r
                    .iter()
                    .map(|(a, b)| format!("{a:.1},{b:.1}"))
                    .collect::<Vec<_>>()
                    .join(" ");
                view! { <polyline class=l.class points=points fill="none"></polyline> }
            })
        })
        .collect_view();
    // Labels closer than a line of text to the previous one are left to the
    // tooltip, so close levels do not print over each other.
    let mut rules: Vec<Rule> = rules
        .into_iter()
        .filter(|r| r.value >= lo && r.value <= hi)
        .collect();
    rules.sort_by(|a, b| b.value.total_cmp(&a.value));
    let mut last_label = f64::NEG_INFINITY;
    let rule_views = rules
        .into_iter()
        .map(|r| {
            let yy = y(r.value);
            let labelled = yy - last_label >= 11.0;
            if labelled {
                last_label = yy;
            }
            view! {
                <g class=r.class>
                    <title>{r.label.clone()}</title>
                    <line x1=LEFT y1=yy x2=WIDTH - RIGHT y2=yy stroke-dasharray="4 3"></line>
                    {labelled.then(|| view! { <text x=WIDTH - RIGHT - 2.0 y=yy - 3.0 text-anchor="end">{r.label.clone()}</text> })}
                </g>
            }
        })
        .collect_view();
    let marker_views = markers
        .into_iter()
        .filter(|m| m.value.is_finite() && m.index < dates.len())
        .map(|m| {
            let (cx, cy) = (x(m.index), y(m.value));
            let points = if m.up {
                format!(
                    "{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
                    cx,
                    cy - 2.0,
                    cx - 5.0,
                    cy + 7.0,
                    cx + 5.0,
                    cy + 7.0
                )
            } else {
                format!(
                    "{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
                    cx,
                    cy + 2.0,
                    cx - 5.0,
                    cy - 7.0,
                    cx + 5.0,
                    cy - 7.0
                )
            };
            view! {
                <polygon class=m.class points=points>
                    <title>{m.label}</title>
                </polygon>
            }
        })
        .collect_view();
    let tick_views = ticks
        .into_iter()
        .map(|v| {
            let yy = y(v);
            view! {
                <g class="tick">
                    <line x1=LEFT y1=yy x2=WIDTH - RIGHT y2=yy></line>
                    <text x=LEFT - 4.0 y=yy + 4.0 text-anchor="end">{format(v)}</text>
                </g>
            }
        })
        .collect_view();
    let first = dates.first().cloned().unwrap_or_default();
    let last = dates.last().cloned().unwrap_or_default();
    let legend = lines
        .iter()
        .map(|l| view! { <span class=format!("key {}", l.class)>{l.label.clone()}</span> })
        .collect_view();
    view! {
        <figure class="plot" data-testid=testid>
            <figcaption>{title.clone()} " " {legend}</figcaption>
            <svg viewBox=format!("0 0 {WIDTH} {height}") role="img" aria-label=alt preserveAspectRatio="none">
                {tick_views}
                {rule_views}
                {candle_views}
                {polylines}
                {marker_views}
                <text class="date" x=LEFT y=height - 6.0>{first}</text>
                <text class="date" x=WIDTH - RIGHT y=height - 6.0 text-anchor="end">{last}</text>
            </svg>
        </figure>
    }
}

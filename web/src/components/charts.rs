//! Charts drawn as SVG from Rust: a price (candles where the data has them)
//! with flip markers and level lines, oscillator panes, equity curves.
//! Small and CSP-safe (no inline style, colours from classes in `main.css`);
//! each chart is an image with a text alternative.
//!
//! The SVG is drawn at the pixel width of its box (measured, and redrawn
//! when the box resizes), so its text keeps one readable size: a narrow
//! chart gets fewer ticks, not smaller text. A crosshair follows the
//! pointer, a tap, or the arrow keys, with a card of the bar's date and
//! values; range buttons show the last month, quarter, year or all dates.
//! What to draw where — ticks, labels, the bar under the pointer — is
//! decided by `tokenlens_core::chart`.

use leptos::html::Div;
use leptos::prelude::*;
use tokenlens_core::chart::{
    AxisFormat, DateTick, axis_labels, date_ticks, linear_ticks, log_ticks, long_date, nearest_bar,
    place_labels, spaced, text_px,
};
use tokenlens_core::format::price_usd;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

pub use tokenlens_core::chart::Range;

/// Width laid out before the box is measured (nothing is drawn at it), and
/// drawn where the browser has no `ResizeObserver`.
const FALLBACK_WIDTH: f64 = 720.0;
const RIGHT: f64 = 8.0;
const TOP: f64 = 8.0;
/// Room under the plot for the date labels.
const BOTTOM: f64 = 22.0;
/// Height of one line of chart text (12 px) with its leading.
const LINE: f64 = 16.0;
/// Below this width, large amounts on the value axis are written compactly.
const COMPACT_BELOW: f64 = 560.0;

/// One series: a value (or a gap) per date.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub values: Vec<Option<f64>>,
    /// CSS class of the stroke (`line-price`, `line-rsi`, …).
    pub class: &'static str,
    pub label: String,
}

/// A point marked on the chart (a signal flip).
#[derive(Debug, Clone, PartialEq)]
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

/// A horizontal line across the chart (a level, a threshold). When labels
/// would collide, the rules given first keep theirs.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub value: f64,
    pub class: &'static str,
    pub label: String,
}

/// A legend entry besides the lines: a kind of marker or of level line.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// `key-flip-up`, `key-flip-down`, `key-support`, `key-resistance`.
    pub class: &'static str,
    pub label: String,
}

/// A row of the crosshair's card besides the chart's own series: a text
/// per date ("" when there is nothing to say that day).
#[derive(Debug, Clone, PartialEq)]
pub struct Readout {
    pub label: String,
    pub values: Vec<String>,
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

/// The range and the crosshair shared by the charts of one page, so that
/// the panes under a price chart show the same dates and the same day.
#[derive(Debug, Clone, Copy)]
pub struct ChartSync {
    pub range: RwSignal<Range>,
    /// The bar under the crosshair (an index into the dates), if any.
    pub cursor: RwSignal<Option<usize>>,
    /// The room each chart's value labels need on the left; all take the
    /// widest, so that their days line up under one another.
    gutters: RwSignal<Vec<f64>>,
}

impl ChartSync {
    pub fn new(range: Range) -> Self {
        Self {
            range: RwSignal::new(range),
            cursor: RwSignal::new(None),
            gutters: RwSignal::new(Vec::new()),
        }
    }
}

/// A value written in full, for the crosshair's card and the text
/// alternative: prices as prices, other numbers with two decimals (four
/// significant digits below 1) and thousands separators.
pub fn value_text(v: f64, format: AxisFormat) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    match format {
        AxisFormat::Usd => price_usd(v),
        AxisFormat::Multiple => format!("{v:.3}×"),
        AxisFormat::Percent => format!("{v:.1}%"),
        AxisFormat::Signed => format!("{v:+.3}").replace('-', "−"),
        AxisFormat::Number => {
            let a = v.abs();
            let decimals = if a >= 1000.0 {
                0
            } else if a >= 1.0 || a == 0.0 {
                2
            } else {
                (3 - a.log10().floor() as i32).clamp(2, 12)
            };
            let step = 10f64.powi(-decimals);
            axis_labels(&[v], step, AxisFormat::Number, false).remove(0)
        }
    }
}

/// Everything a chart draws, fixed when it is created.
#[derive(Debug, Clone, PartialEq)]
struct ChartData {
    title: String,
    dates: Vec<String>,
    lines: Vec<Line>,
    markers: Vec<Marker>,
    rules: Vec<Rule>,
    candles: Vec<Option<Ohlc>>,
    readouts: Vec<Readout>,
    height: f64,
    scale: Scale,
    axis: AxisFormat,
}

/// One drawing of a chart: its data laid out for a width and a range.
#[derive(Debug, Clone, PartialEq)]
struct Frame {
    width: f64,
    height: f64,
    /// The dates shown: `start..end`.
    start: usize,
    end: usize,
    left: f64,
    bottom: f64,
    lo: f64,
    hi: f64,
    log: bool,
    /// Value ticks: value and label.
    ticks: Vec<(f64, String)>,
    dates: Vec<DateTick>,
}

impl Frame {
    fn new(d: &ChartData, width: f64, range: Range, min_left: f64) -> Self {
        let end = d.dates.len();
        let start = range.start(&d.dates).min(end.saturating_sub(2));
        let log = d.scale == Scale::Log;
        let usable = |v: &f64| v.is_finite() && (!log || *v > 0.0);
        let shown = start..end;
        let data = d
            .lines
            .iter()
            .flat_map(|l| {
                l.values
                    .get(shown.clone())
                    .unwrap_or_default()
                    .iter()
                    .flatten()
            })
            .copied()
            .chain(
                d.candles
                    .get(shown.clone())
                    .unwrap_or_default()
                    .iter()
                    .flatten()
                    .flat_map(|c| [c.high, c.low]),
            )
            .filter(usable);
        let (mut lo, mut hi) = data.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        // Rules near the data widen the range to show them; far ones are
        // left out rather than squeeze the data into a strip.
        if lo.is_finite() {
            let (near_lo, near_hi) = if log {
                (lo / 1.15, hi * 1.15)
            } else {
                let pad = (hi - lo).max(hi.abs() * 0.01) * 0.15;
                (lo - pad, hi + pad)
            };
            for r in d.rules.iter().map(|r| r.value).filter(usable) {
                if r >= near_lo && r <= near_hi {
                    lo = lo.min(r);
                    hi = hi.max(r);
                }
            }
        }
        let (lo, hi) = match d.scale {
            Scale::Fixed(lo, hi) => (lo, hi),
            _ if !lo.is_finite() => (0.0, 1.0),
            _ if hi <= lo => {
                let pad = if lo == 0.0 { 1.0 } else { lo.abs() * 0.05 };
                (lo - pad, hi + pad)
            }
            // A margin so that candles and markers stay off the edges.
            Scale::Log => (lo / (hi / lo).powf(0.05), hi * (hi / lo).powf(0.05)),
            Scale::Auto => (lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05),
        };
        let bottom = d.height - BOTTOM;
        let room = (bottom - TOP) / (LINE * 2.2);
        let max_ticks = (room.floor() as usize).clamp(2, 8);
        let (values, step) = if log {
            log_ticks(lo, hi, max_ticks)
        } else {
            linear_ticks(lo, hi, max_ticks)
        };
        let ty = |v: f64| if log { v.ln() } else { v };
        let y = |v: f64| bottom - (bottom - TOP) * (ty(v) - ty(lo)) / (ty(hi) - ty(lo));
        let values = spaced(&values, y, LINE * 1.5);
        let compact = width < COMPACT_BELOW;
        let labels = axis_labels(&values, step, d.axis, compact);
        let left = labels
            .iter()
            .map(|l| text_px(l) + 10.0)
            .fold(34.0, f64::max)
            .max(min_left);
        let ticks = values.into_iter().zip(labels).collect();
        let plot = width - left - RIGHT;
        let n = end - start;
        let x = |i: usize| left + (i as f64 + 0.5) * plot / n.max(1) as f64;
        let dates = date_ticks(&d.dates[start..end], x, 14.0)
            .into_iter()
            .map(|t| DateTick {
                index: t.index + start,
                label: t.label,
            })
            .collect();
        Frame {
            width,
            height: d.height,
            start,
            end,
            left,
            bottom,
            lo,
            hi,
            log,
            ticks,
            dates,
        }
    }

    fn plot_width(&self) -> f64 {
        self.width - self.left - RIGHT
    }

    /// The x of the centre of bar `i` (an index into all dates).
    fn x(&self, i: usize) -> f64 {
        let n = (self.end - self.start).max(1) as f64;
        self.left + (i.saturating_sub(self.start) as f64 + 0.5) * self.plot_width() / n
    }

    fn y(&self, v: f64) -> f64 {
        let t = |v: f64| {
            if self.log {
                v.max(f64::MIN_POSITIVE).ln()
            } else {
                v
            }
        };
        self.bottom - (self.bottom - TOP) * (t(v) - t(self.lo)) / (t(self.hi) - t(self.lo))
    }

    fn shows(&self, v: f64) -> bool {
        v.is_finite() && (!self.log || v > 0.0) && v >= self.lo && v <= self.hi
    }

    /// The bar under `x`, an index into all dates.
    fn bar_at(&self, x: f64) -> usize {
        self.start + nearest_bar(x, self.left, self.plot_width(), self.end - self.start)
    }
}

/// The chart's text alternative: what it shows over the dates shown, and
/// the last values.
fn alternative(d: &ChartData, f: &Frame) -> String {
    let shown = f.start..f.end;
    let last_candle = d
        .candles
        .get(shown.clone())
        .unwrap_or_default()
        .iter()
        .rev()
        .flatten()
        .next()
        .map(|c| {
            format!(
                "last candle: open {}, high {}, low {}, close {}",
                value_text(c.open, d.axis),
                value_text(c.high, d.axis),
                value_text(c.low, d.axis),
                value_text(c.close, d.axis)
            )
        });
    let lines = d.lines.iter().map(|l| {
        let last = l
            .values
            .get(shown.clone())
            .unwrap_or_default()
            .iter()
            .rev()
            .flatten()
            .next();
        format!(
            "{}: last {}",
            l.label,
            last.map_or("—".into(), |v| value_text(*v, d.axis))
        )
    });
    let rules = d
        .rules
        .iter()
        .filter(|r| f.shows(r.value) && !r.label.is_empty())
        .map(|r| r.label.clone());
    let summary = last_candle
        .into_iter()
        .chain(lines)
        .chain(rules)
        .collect::<Vec<_>>()
        .join("; ");
    let date = |i: Option<usize>| {
        i.and_then(|i| d.dates.get(i))
            .map(|s| long_date(s))
            .unwrap_or_default()
    };
    format!(
        "{}, {} to {}. {summary}.",
        d.title,
        date(Some(f.start)),
        date(f.end.checked_sub(1))
    )
}

/// `text` safe inside SVG markup.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The grid, axes, levels, candles, lines and markers of one frame, as
/// SVG markup. Written as text and set in one go: hundreds of candles cost
/// one parse, and no code per element kind in the wasm.
fn draw(d: &ChartData, f: &Frame) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(32 * 1024);
    let plot_right = f.width - RIGHT;
    for (v, label) in &f.ticks {
        let y = f.y(*v);
        let _ = write!(
            out,
            r#"<g class="tick"><line x1="{l:.1}" y1="{y:.1}" x2="{plot_right:.1}" y2="{y:.1}"/><text class="tick-label" x="{lx:.1}" y="{ty:.1}" text-anchor="end">{label}</text></g>"#,
            l = f.left,
            lx = f.left - 6.0,
            ty = y + 4.0,
            label = esc(label),
        );
    }
    for t in &f.dates {
        let x = f.x(t.index);
        let half = text_px(&t.label) / 2.0;
        let tx = x.clamp(half + 2.0, f.width - half - 2.0);
        let _ = write!(
            out,
            r#"<g class="tick"><line x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{b:.1}"/><text class="date" x="{tx:.1}" y="{ty:.1}" text-anchor="middle">{label}</text></g>"#,
            b = f.bottom,
            ty = f.height - 6.0,
            label = esc(&t.label),
        );
    }
    // Level lines; their labels are drawn last, over the data.
    let rules: Vec<&Rule> = d.rules.iter().filter(|r| f.shows(r.value)).collect();
    for r in &rules {
        let y = f.y(r.value);
        let _ = write!(
            out,
            r#"<g class="{class}"><title>{label}</title><line x1="{l:.1}" y1="{y:.1}" x2="{plot_right:.1}" y2="{y:.1}" stroke-dasharray="5 3"/></g>"#,
            class = r.class,
            label = esc(&r.label),
            l = f.left,
        );
    }
    let n = (f.end - f.start).max(1) as f64;
    let body = (f.plot_width() / n * 0.7).clamp(1.0, 12.0);
    let usable = |v: f64| v.is_finite() && (!f.log || v > 0.0);
    for i in f.start..f.end {
        let Some(c) = d.candles.get(i).copied().flatten() else {
            continue;
        };
        if ![c.open, c.high, c.low, c.close].into_iter().all(usable) {
            continue;
        }
        let cx = f.x(i);
        let (top, bottom) = (f.y(c.open.max(c.close)), f.y(c.open.min(c.close)));
        let _ = write!(
            out,
            r#"<g class="candle {dir}"><line x1="{cx:.1}" y1="{hi:.1}" x2="{cx:.1}" y2="{lo:.1}"/><rect x="{bx:.1}" y="{top:.1}" width="{body:.1}" height="{h:.1}"/></g>"#,
            dir = if c.close >= c.open { "up" } else { "down" },
            hi = f.y(c.high),
            lo = f.y(c.low),
            bx = cx - body / 2.0,
            h = (bottom - top).max(1.0),
        );
    }
    for l in &d.lines {
        // One polyline per run of values (gaps stay gaps).
        let mut run = String::new();
        let mut points = 0;
        for i in f.start..=f.end {
            match l
                .values
                .get(i)
                .copied()
                .flatten()
                .filter(|v| usable(*v))
                .filter(|_| i < f.end)
            {
                Some(v) => {
                    let _ = write!(run, "{:.1},{:.1} ", f.x(i), f.y(v));
                    points += 1;
                }
                None => {
                    if points > 1 {
                        let _ = write!(
                            out,
                            r#"<polyline class="{}" fill="none" points="{}"/>"#,
                            l.class,
                            run.trim_end()
                        );
                    }
                    run.clear();
                    points = 0;
                }
            }
        }
    }
    // A flip's triangle sits under the day's low (a rise) or over its high
    // (a fall), pointing at it.
    for m in d
        .markers
        .iter()
        .filter(|m| m.value.is_finite() && (f.start..f.end).contains(&m.index))
    {
        let candle = d.candles.get(m.index).copied().flatten();
        let cx = f.x(m.index);
        let (tip, base) = if m.up {
            let tip = f.y(candle.map_or(m.value, |c| c.low)) + 3.0;
            (tip, tip + 8.0)
        } else {
            let tip = f.y(candle.map_or(m.value, |c| c.high)) - 3.0;
            (tip, tip - 8.0)
        };
        let _ = write!(
            out,
            r#"<polygon class="{class}" points="{cx:.1},{tip:.1} {a:.1},{base:.1} {b:.1},{base:.1}"><title>{label}</title></polygon>"#,
            class = m.class,
            a = cx - 5.0,
            b = cx + 5.0,
            label = esc(&m.label),
        );
    }
    // Level labels where they fit: the first rules given are placed first,
    // a label that would cover another is left out (its line keeps its
    // tooltip).
    let labelled: Vec<&Rule> = rules.into_iter().filter(|r| !r.label.is_empty()).collect();
    let wanted: Vec<f64> = labelled.iter().map(|r| f.y(r.value)).collect();
    for (r, top) in labelled
        .iter()
        .zip(place_labels(&wanted, LINE, TOP, f.bottom))
    {
        let Some(top) = top else { continue };
        let w = text_px(&r.label) + 8.0;
        let x = plot_right - w - 2.0;
        let _ = write!(
            out,
            r#"<g class="{class} level-label"><rect x="{x:.1}" y="{top:.1}" width="{w:.1}" height="{LINE}" rx="2"/><text x="{tx:.1}" y="{ty:.1}">{label}</text></g>"#,
            class = r.class,
            tx = x + 4.0,
            ty = top + LINE - 4.0,
            label = esc(&r.label),
        );
    }
    out
}

/// The lines of the crosshair's card at bar `i`: the date, then the
/// candle or the series, then the readouts.
fn card_lines(d: &ChartData, i: usize) -> Vec<String> {
    let date = d.dates.get(i).map(|s| long_date(s)).unwrap_or_default();
    let candle = d.candles.get(i).copied().flatten().map(|c| {
        [
            ("Open", c.open),
            ("High", c.high),
            ("Low", c.low),
            ("Close", c.close),
        ]
        .map(|(name, v)| format!("{name} {}", value_text(v, d.axis)))
    });
    let lines = d.lines.iter().filter_map(|l| {
        let v = l.values.get(i).copied().flatten()?;
        Some(format!("{} {}", l.label, value_text(v, d.axis)))
    });
    let readouts = d.readouts.iter().filter_map(|r| {
        let v = r.values.get(i).filter(|v| !v.is_empty())?;
        Some(format!("{} {v}", r.label))
    });
    std::iter::once(date)
        .chain(candle.into_iter().flatten())
        .chain(lines)
        .chain(readouts)
        .collect()
}

/// The crosshair at bar `i`, as SVG markup: a vertical line, and the card
/// when this chart is the one pointed at.
fn crosshair(d: &ChartData, f: &Frame, i: usize, card: bool) -> String {
    use std::fmt::Write;
    let x = f.x(i);
    let mut out = format!(
        r#"<g class="crosshair"><line x1="{x:.1}" y1="{TOP}" x2="{x:.1}" y2="{b:.1}"/></g>"#,
        b = f.bottom
    );
    if card {
        let lines = card_lines(d, i);
        let w = lines.iter().map(|l| text_px(l)).fold(0.0, f64::max) + 16.0;
        let h = lines.len() as f64 * LINE + 8.0;
        // Beside the line, on the side with room.
        let cx = if x + 10.0 + w <= f.width - RIGHT {
            x + 10.0
        } else {
            (x - 10.0 - w).max(0.0)
        };
        let _ = write!(
            out,
            r#"<g class="crosshair-card" data-testid="chart-tooltip"><rect x="{cx:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="4"/>"#,
            y = TOP + 2.0,
        );
        for (k, line) in lines.iter().enumerate() {
            let _ = write!(
                out,
                r#"<text class="{class}" x="{tx:.1}" y="{ty:.1}">{line}</text>"#,
                class = if k == 0 { "card-date" } else { "card-value" },
                tx = cx + 8.0,
                ty = TOP + 4.0 + LINE * (k as f64 + 1.0) - 3.0,
                line = esc(line),
            );
        }
        out.push_str("</g>");
    }
    out
}

/// Keeps `width` at the element's width (0 until it is known) whenever the
/// element is laid out at a new width, until the component is gone. The
/// width comes from the observer's entries, delivered after layout and
/// before paint: the first drawing is at the right width, and measuring
/// never forces a layout of the page.
fn observe_width(node: NodeRef<Div>, width: RwSignal<f64>) {
    let observer = StoredValue::new_local(None::<web_sys::ResizeObserver>);
    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        if observer.with_value(Option::is_some) {
            return;
        }
        let measure = move |entries: js_sys::Array| {
            let Some(entry) = entries
                .get(0)
                .dyn_into::<web_sys::ResizeObserverEntry>()
                .ok()
            else {
                return;
            };
            let w = entry.content_rect().width().floor();
            if w > 0.0 && width.try_get_untracked().is_some_and(|now| now != w) {
                width.try_set(w);
            }
        };
        let callback = Closure::<dyn FnMut(js_sys::Array)>::new(measure);
        match web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
            Ok(o) => {
                o.observe(&el);
                observer.set_value(Some(o));
            }
            // No observer: drawn at the usual width, in its scroll box.
            Err(_) => width.set(FALLBACK_WIDTH),
        }
        // Kept for the observer's life; it is disconnected on cleanup and
        // then does nothing with a signal that is gone.
        callback.forget();
    });
    on_cleanup(move || {
        if let Some(Some(o)) = observer.try_update_value(Option::take) {
            o.disconnect();
        }
    });
}

/// The range buttons (1M, 3M, 1Y, All) of a chart.
#[component]
pub fn RangeButtons(range: RwSignal<Range>) -> impl IntoView {
    let buttons = Range::ALL
        .into_iter()
        .map(|r| {
            view! {
                <button
                    type="button"
                    class="preset range"
                    data-testid=format!("range-{}", r.label())
                    aria-pressed=move || (range.get() == r).to_string()
                    title=format!("Show {}", r.words())
                    on:click=move |_| range.set(r)
                >
                    {r.label()}
                </button>
            }
        })
        .collect_view();
    view! { <div class="chart-ranges" role="group" aria-label="Dates shown">{buttons}</div> }
}

/// A chart of `lines` over `dates` with `markers` and `rules`.
#[component]
pub fn LineChart(
    title: String,
    dates: Vec<String>,
    lines: Vec<Line>,
    #[prop(optional)] markers: Vec<Marker>,
    /// Level lines; when labels collide, the first given keep theirs.
    #[prop(optional)]
    rules: Vec<Rule>,
    /// Candles, one per date (`None`: no bar that day), drawn under the lines.
    #[prop(optional)]
    candles: Vec<Option<Ohlc>>,
    /// Legend entries for the markers and rules.
    #[prop(optional)]
    keys: Vec<Key>,
    /// More rows for the crosshair's card (indicator values, the signal).
    #[prop(optional)]
    readouts: Vec<Readout>,
    #[prop(default = 220.0)] height: f64,
    #[prop(default = Scale::Auto)] scale: Scale,
    /// How values are written on the axis and in the card.
    #[prop(default = AxisFormat::Number)]
    axis: AxisFormat,
    /// The range and crosshair shared with other charts (else its own).
    #[prop(optional)]
    sync: Option<ChartSync>,
    /// Whether the chart shows the range buttons.
    #[prop(optional)]
    ranges: bool,
    #[prop(into)] testid: String,
) -> impl IntoView {
    let legend = lines
        .iter()
        .map(|l| (format!("key {}", l.class), l.label.clone()))
        .chain(
            keys.into_iter()
                .map(|k| (format!("key {}", k.class), k.label)),
        )
        .map(|(class, label)| view! { <span class=class>{label}</span> })
        .collect_view();
    let data = StoredValue::new(ChartData {
        title: title.clone(),
        dates,
        lines,
        markers,
        rules,
        candles,
        readouts,
        height,
        scale,
        axis,
    });
    let sync = sync.unwrap_or_else(|| ChartSync::new(Range::All));
    // 0 until the box is laid out: nothing is drawn before its width is known.
    let width = RwSignal::new(0.0);
    let known_width = move || match width.get() {
        0.0 => FALLBACK_WIDTH,
        w => w,
    };
    let node = NodeRef::<Div>::new();
    observe_width(node, width);
    // This chart's gutter, shared with the charts it is synced with.
    let slot = sync.gutters.try_update(|g| {
        g.push(0.0);
        g.len() - 1
    });
    let own_left = Memo::new(move |_| {
        data.with_value(|d| Frame::new(d, known_width(), sync.range.get(), 0.0).left)
    });
    Effect::new(move |_| {
        let need = own_left.get();
        if let Some(slot) = slot {
            sync.gutters.update(|g| {
                if let Some(s) = g.get_mut(slot) {
                    *s = need;
                }
            });
        }
    });
    let frame = Memo::new(move |_| {
        let shared = sync.gutters.with(|g| g.iter().copied().fold(0.0, f64::max));
        data.with_value(|d| Frame::new(d, known_width(), sync.range.get(), shared))
    });
    // Whether this chart is the one pointed at (it shows the card).
    let active = RwSignal::new(false);
    // Whether the keyboard moved it last (then the card is read aloud).
    let keyed = RwSignal::new(false);
    let point = move |client_x: i32| {
        let Some(el) = node.get_untracked() else {
            return;
        };
        let rect = el.get_bounding_client_rect();
        let i = frame.with_untracked(|f| f.bar_at(f64::from(client_x) - rect.left()));
        active.set(true);
        keyed.set(false);
        sync.cursor.set(Some(i));
    };
    let leave = move || {
        active.set(false);
        keyed.set(false);
        sync.cursor.set(None);
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let (start, end) = frame.with_untracked(|f| (f.start, f.end));
        let now = sync.cursor.get_untracked().unwrap_or(end.saturating_sub(1));
        let step = if ev.shift_key() { 10 } else { 1 };
        let next = match ev.key().as_str() {
            "ArrowLeft" => now.saturating_sub(step).max(start),
            "ArrowRight" => (now + step).min(end.saturating_sub(1)),
            "Home" => start,
            "End" => end.saturating_sub(1),
            "Escape" => return leave(),
            _ => return,
        };
        ev.prevent_default();
        active.set(true);
        keyed.set(true);
        sync.cursor.set(Some(next));
    };
    let view_box = move || frame.with(|f| format!("0 0 {} {}", f.width, f.height));
    let svg_width = move || frame.with(|f| f.width);
    let alt = move || frame.with(|f| data.with_value(|d| alternative(d, f)));
    let drawn = move || {
        if width.get() == 0.0 {
            return String::new();
        }
        frame.with(|f| data.with_value(|d| draw(d, f)))
    };
    let cross = move || {
        let Some(i) = sync.cursor.get().filter(|_| width.get() > 0.0) else {
            return String::new();
        };
        frame.with(|f| {
            if (f.start..f.end).contains(&i) {
                data.with_value(|d| crosshair(d, f, i, active.get()))
            } else {
                String::new()
            }
        })
    };
    // The card's text for screen readers, while the keyboard moves it.
    let spoken = move || {
        let i = sync.cursor.get().filter(|_| active.get() && keyed.get())?;
        Some(data.with_value(|d| card_lines(d, i).join(", ")))
    };
    let help = format!("{title}: point at or tap a day, or use the arrow keys, for its values");
    view! {
        <figure class="plot" data-testid=testid>
            <figcaption>
                <span class="plot-title">{title}</span>
                " "
                {legend}
            </figcaption>
            {ranges.then(|| view! { <RangeButtons range=sync.range /> })}
            <div
                class="plot-area"
                node_ref=node
                tabindex="0"
                role="group"
                aria-label=help
                on:pointermove=move |ev: web_sys::PointerEvent| point(ev.client_x())
                on:pointerdown=move |ev: web_sys::PointerEvent| point(ev.client_x())
                on:pointerleave=move |ev: web_sys::PointerEvent| {
                    // A finger lifted leaves the card up until the next tap.
                    if ev.pointer_type() == "mouse" {
                        leave();
                    }
                }
                on:keydown=on_key
                on:blur=move |_| leave()
            >
                <svg class="plot-svg" viewBox=view_box width=svg_width height=height role="img" aria-label=alt>
                    <g inner_html=drawn></g>
                    <g class="crosshair-layer" inner_html=cross></g>
                </svg>
            </div>
            <p class="visually-hidden" aria-live="polite">{spoken}</p>
        </figure>
    }
}

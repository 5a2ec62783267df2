//! The report's SVG charts: the grade histograms, the grades over time,
//! the breadth and the rotation against its benchmarks.

use tokenlens_core::universe::breadth::{BreadthPoint, Crossing};
use tokenlens_core::universe::spread::{GradeHistory, Quartiles};

use super::{Curves, bin_label};
use crate::chart::{BLUE, Frame, GREEN, GREY, GRID, MUTED, ORANGE, RED, Tick, quarter_starts};
use crate::report::share;
use crate::svg::Svg;

/// Every chart of the report: its size and plot area.
const FRAME: Frame = Frame {
    width: 820.0,
    height: 360.0,
    left: 70.0,
    right: 20.0,
    top: 64.0,
    bottom: 320.0,
};

/// A chart with its title, subtitle and plot area drawn.
fn framed(title: &str, subtitle: &str) -> Svg {
    let mut s = FRAME.svg();
    FRAME.heading(&mut s, 22.0, title, subtitle);
    FRAME.border(&mut s);
    s
}

/// A horizontal line at `y` with its label on the y axis.
fn gridline(s: &mut Svg, y: f64, style: &str, label: &str) {
    FRAME.hline(s, y, style);
    FRAME.y_label(s, y, label);
}

/// Ticks at the first day of each quarter.
fn quarter_ticks(s: &mut Svg, dates: &[String], x: &dyn Fn(usize) -> f64) {
    FRAME.date_ticks(s, dates, &quarter_starts(dates), x, Tick::Grid);
}

/// Grades counted in ten 10-point bins.
pub fn histogram(title: &str, file: &str, counts: &[usize; 10]) -> String {
    let total: usize = counts.iter().sum();
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let mut s = framed(
        title,
        &format!("{total} tokens (stablecoins left out), 10-point bins; {file}"),
    );
    let slot = (FRAME.width - FRAME.left - FRAME.right) / 10.0;
    let y = |c: f64| FRAME.bottom - (FRAME.bottom - FRAME.top - 16.0) * c / max;
    for (i, &c) in counts.iter().enumerate() {
        let x = FRAME.left + slot * i as f64;
        s.rect(
            x + 4.0,
            y(c as f64),
            slot - 8.0,
            FRAME.bottom - y(c as f64),
            &format!(r#"fill="{BLUE}""#),
        );
        s.text(
            (x + slot / 2.0, y(c as f64) - 4.0),
            "middle",
            "",
            &c.to_string(),
        );
        FRAME.x_label(&mut s, x + slot / 2.0, &bin_label(i));
    }
    s.text(
        (
            (FRAME.left + FRAME.width - FRAME.right) / 2.0,
            FRAME.bottom + 34.0,
        ),
        "middle",
        MUTED,
        "grade",
    );
    s.finish(title)
}

/// The Trader Grade's median and quartiles on every date.
pub fn grade_history_chart(g: &GradeHistory, file: &str) -> String {
    let x = FRAME.x_scale(g.dates.len());
    let y = |v: f64| FRAME.bottom - (FRAME.bottom - FRAME.top) * v / 100.0;
    let title = "Trader Grades over time: median and interquartile range";
    let mut s = framed(
        title,
        &format!("every token graded on every date (stablecoins left out); {file}"),
    );
    quarter_ticks(&mut s, &g.dates, &x);
    for v in [0.0, 20.0, 40.0, 60.0, 80.0, 100.0] {
        let style = if v == 80.0 {
            format!(r#"stroke="{GREEN}" stroke-dasharray="4 3""#)
        } else {
            GRID.to_owned()
        };
        gridline(&mut s, y(v), &style, &format!("{v:.0}"));
    }
    let pick = |f: fn(&Quartiles) -> f64| -> Vec<Option<f64>> {
        g.quartiles.iter().map(|q| q.as_ref().map(f)).collect()
    };
    let thin = format!(r#"stroke="{BLUE}" stroke-width="0.8" stroke-opacity="0.6""#);
    segments(&mut s, &pick(|q| q.q1), &x, &y, &thin);
    segments(&mut s, &pick(|q| q.q3), &x, &y, &thin);
    segments(
        &mut s,
        &pick(|q| q.median),
        &x,
        &y,
        &format!(r#"stroke="{BLUE}" stroke-width="1.6""#),
    );
    FRAME.swatches(
        &mut s,
        &[
            ("median", BLUE),
            ("quartiles", BLUE),
            ("grade 80 (strong)", GREEN),
        ],
    );
    s.finish(title)
}

/// Polylines of a series with gaps: one per run of values.
fn segments(
    s: &mut Svg,
    values: &[Option<f64>],
    x: &dyn Fn(usize) -> f64,
    y: &dyn Fn(f64) -> f64,
    style: &str,
) {
    let mut run: Vec<(f64, f64)> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => run.push((x(i), y(*v))),
            None => {
                if run.len() > 1 {
                    s.polyline(&run, style);
                }
                run.clear();
            }
        }
    }
    if run.len() > 1 {
        s.polyline(&run, style);
    }
}

/// The bullish share and the share above SMA(50), with the 50 % crossings.
pub fn breadth_chart(points: &[BreadthPoint], crossings: &[Crossing], file: &str) -> String {
    let dates: Vec<String> = points.iter().map(|p| p.date.clone()).collect();
    let x = FRAME.x_scale(points.len());
    let y = |v: f64| FRAME.bottom - (FRAME.bottom - FRAME.top) * v;
    let title = "Breadth: share of tokens bullish and above their SMA(50)";
    let mut s = framed(
        title,
        &format!("stablecoins left out; dots mark the bullish share crossing 50 %; {file}"),
    );
    quarter_ticks(&mut s, &dates, &x);
    for v in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let style = if v == 0.5 {
            format!(r#"stroke="{GREY}" stroke-dasharray="4 3""#)
        } else {
            GRID.to_owned()
        };
        gridline(&mut s, y(v), &style, &share(v));
    }
    let above: Vec<Option<f64>> = points.iter().map(|p| p.above_sma50_share).collect();
    let bull: Vec<Option<f64>> = points.iter().map(|p| p.bullish_share).collect();
    segments(
        &mut s,
        &above,
        &x,
        &y,
        &format!(r#"stroke="{ORANGE}" stroke-width="1.2""#),
    );
    segments(
        &mut s,
        &bull,
        &x,
        &y,
        &format!(r#"stroke="{BLUE}" stroke-width="1.5""#),
    );
    for &Crossing { index: i, up } in crossings {
        let v = points[i].bullish_share.unwrap_or(0.5);
        s.circle(
            (x(i), y(v)),
            3.0,
            &format!(r#"fill="{}""#, if up { GREEN } else { RED }),
            &format!(
                "{}: bullish share {} ({})",
                points[i].date,
                share(v),
                if up { "crossed up" } else { "crossed down" }
            ),
        );
    }
    FRAME.swatches(
        &mut s,
        &[
            ("bullish share", BLUE),
            ("share above SMA(50)", ORANGE),
            ("crossed 50 % up", GREEN),
            ("crossed 50 % down", RED),
        ],
    );
    s.finish(title)
}

/// The rotation, BTC held and the equal-weight basket, on a log scale.
pub fn rotation_chart(c: &Curves, file: &str) -> String {
    let x = FRAME.x_scale(c.dates.len());
    let rot: Vec<Option<f64>> = c.rotation.iter().map(|&v| Some(v)).collect();
    let basket: Vec<Option<f64>> = c.basket.equity.iter().map(|&v| Some(v)).collect();
    let all = rot.iter().chain(&basket).chain(&c.btc).flatten();
    let (lo, hi) = all.fold((1.0f64, 1.0f64), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    let (llo, lhi) = (lo.ln(), hi.ln());
    let span = if lhi > llo { lhi - llo } else { 1.0 };
    let y = |v: f64| FRAME.bottom - (FRAME.bottom - FRAME.top) * (v.ln() - llo) / span;
    let title = "Narrative rotation against BTC and an equal-weight basket";
    let mut s = framed(
        title,
        &format!("growth of 1 from the rotation's first day, log scale; survivors only; {file}"),
    );
    quarter_ticks(&mut s, &c.dates, &x);
    let (k_lo, k_hi) = (lo.log2().floor() as i32, hi.log2().ceil() as i32);
    for v in (k_lo..=k_hi).map(|k| 2f64.powi(k)) {
        if v >= lo * 0.999 && v <= hi * 1.001 {
            gridline(&mut s, y(v), GRID, &format!("{v}×"));
        }
    }
    for (values, style) in [
        (&basket, format!(r#"stroke="{GREY}" stroke-width="1.2""#)),
        (&c.btc, format!(r#"stroke="{ORANGE}" stroke-width="1.2""#)),
        (&rot, format!(r#"stroke="{BLUE}" stroke-width="1.5""#)),
    ] {
        segments(&mut s, values, &x, &y, &style);
    }
    FRAME.swatches(
        &mut s,
        &[
            ("rotation", BLUE),
            ("hold BTC", ORANGE),
            ("equal-weight basket", GREY),
        ],
    );
    s.finish(title)
}

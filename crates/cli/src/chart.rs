//! What the report charts share, drawn on an [`Svg`]: the palette, the
//! frame (title and subtitle, the plot area's border, axis labels, date
//! ticks) and the legend, so that `docs/backtests/` and `docs/universe/`
//! look alike and each chart draws only its data.

use crate::svg::Svg;

pub const GREEN: &str = "#16a34a";
pub const RED: &str = "#dc2626";
pub const GREY: &str = "#6b7280";
pub const BLUE: &str = "#2563eb";
pub const ORANGE: &str = "#d97706";

/// Style of secondary text: axis labels, subtitles.
pub const MUTED: &str = r##"fill="#6b7280""##;
/// Style of a light grid line.
pub const GRID: &str = r##"stroke="#f3f4f6""##;
/// Style of a short tick mark.
pub const TICK: &str = r##"stroke="#9ca3af""##;

/// A chart's size and one plot area, in pixels: the area spans from `left`
/// to `width − right` and from `top` to `bottom`.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub width: f64,
    pub height: f64,
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

/// How a date tick is marked: a grid line across the plot area, or a short
/// mark below it.
#[derive(Debug, Clone, Copy)]
pub enum Tick {
    Grid,
    Mark,
}

impl Frame {
    /// An empty document of the chart's size.
    pub fn svg(&self) -> Svg {
        Svg::new(self.width, self.height)
    }

    /// The title (bold) with its baseline at `y` and the subtitle 16 px
    /// below it, both from the plot area's left edge.
    pub fn heading(&self, s: &mut Svg, y: f64, title: &str, subtitle: &str) {
        s.text(
            (self.left, y),
            "start",
            r#"font-size="14" font-weight="bold""#,
            title,
        );
        s.text((self.left, y + 16.0), "start", MUTED, subtitle);
    }

    /// The plot area's border.
    pub fn border(&self, s: &mut Svg) {
        s.rect(
            self.left,
            self.top,
            self.width - self.left - self.right,
            self.bottom - self.top,
            r##"fill="none" stroke="#d1d5db""##,
        );
    }

    /// The x of item `i` of `n` spread evenly across the plot area, edge to
    /// edge (a single item in the middle).
    pub fn x_scale(&self, n: usize) -> impl Fn(usize) -> f64 + use<> {
        let f = *self;
        move |i| {
            f.left
                + (f.width - f.left - f.right)
                    * if n > 1 {
                        i as f64 / (n - 1) as f64
                    } else {
                        0.5
                    }
        }
    }

    /// A horizontal line across the plot area.
    pub fn hline(&self, s: &mut Svg, y: f64, style: &str) {
        s.line((self.left, y), (self.width - self.right, y), style);
    }

    /// A label of the y axis, right-aligned left of the plot area.
    pub fn y_label(&self, s: &mut Svg, y: f64, text: &str) {
        s.text((self.left - 6.0, y + 4.0), "end", MUTED, text);
    }

    /// A label of the x axis, centred under the plot area.
    pub fn x_label(&self, s: &mut Svg, x: f64, text: &str) {
        s.text((x, self.bottom + 16.0), "middle", MUTED, text);
    }

    /// Ticks at the items `at` of `dates` (`YYYY-MM-DD`), each labelled with
    /// its month (`YYYY-MM`).
    pub fn date_ticks(
        &self,
        s: &mut Svg,
        dates: &[String],
        at: &[usize],
        x: &dyn Fn(usize) -> f64,
        tick: Tick,
    ) {
        for &i in at {
            match tick {
                Tick::Grid => s.line((x(i), self.top), (x(i), self.bottom), GRID),
                Tick::Mark => s.line((x(i), self.bottom), (x(i), self.bottom + 4.0), TICK),
            }
            self.x_label(s, x(i), &dates[i][..7]);
        }
    }

    /// A legend of colour swatches between the heading and the plot area.
    pub fn swatches(&self, s: &mut Svg, items: &[(&str, &str)]) {
        let mut legend = Legend::new(self.left, 52.0);
        for (label, color) in items {
            let width = 24.0 + 6.5 * label.chars().count() as f64;
            legend.entry(s, width, label, |s, x| {
                s.rect(x, 46.0, 12.0, 4.0, &format!(r#"fill="{color}""#));
            });
        }
    }
}

/// The items of `dates` (`YYYY-MM-DD`) that open a quarter.
pub fn quarter_starts(dates: &[String]) -> Vec<usize> {
    (0..dates.len())
        .filter(|&i| {
            [1, 4, 7, 10]
                .iter()
                .any(|m| dates[i].get(4..) == Some(&format!("-{m:02}-01")[..]))
        })
        .collect()
}

/// The items of `dates` (`YYYY-MM-DD`, consecutive) where a month starts
/// (the first only when it is the 1st), thinned to every second, third …
/// so that at most `most` remain.
pub fn month_starts(dates: &[String], most: usize) -> Vec<usize> {
    let months: Vec<usize> = (0..dates.len())
        .filter(|&i| {
            if i == 0 {
                dates[0].ends_with("-01")
            } else {
                dates[i][..7] != dates[i - 1][..7]
            }
        })
        .collect();
    let step = months.len().div_ceil(most).max(1);
    months.into_iter().step_by(step).collect()
}

/// A row of legend entries, left to right.
pub struct Legend {
    x: f64,
    text_y: f64,
}

impl Legend {
    /// A legend whose first entry starts at `x`, its labels' baseline at
    /// `text_y`.
    pub fn new(x: f64, text_y: f64) -> Self {
        Self { x, text_y }
    }

    /// An entry: `mark` draws its symbol at the entry's x, the label
    /// follows 16 px to the right, and the next entry starts `width` on.
    pub fn entry(
        &mut self,
        s: &mut Svg,
        width: f64,
        label: &str,
        mark: impl FnOnce(&mut Svg, f64),
    ) {
        mark(s, self.x);
        s.text((self.x + 16.0, self.text_y), "start", "", label);
        self.x += width;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(list: &[&str]) -> Vec<String> {
        list.iter().map(|d| (*d).to_owned()).collect()
    }

    #[test]
    fn quarters_and_months_start_on_the_first() {
        let d = dates(&[
            "2024-03-31",
            "2024-04-01",
            "2024-04-02",
            "2024-05-01",
            "2024-07-01",
        ]);
        assert_eq!(quarter_starts(&d), [1, 4]);
        assert_eq!(month_starts(&d, 12), [1, 3, 4]);
        assert_eq!(month_starts(&d, 2), [1, 4]);
        assert_eq!(
            month_starts(&d[1..], 12),
            [0, 2, 3],
            "a first day on the 1st"
        );
    }

    #[test]
    fn x_scale_spans_the_plot_area() {
        let f = Frame {
            width: 120.0,
            height: 50.0,
            left: 10.0,
            right: 10.0,
            top: 0.0,
            bottom: 40.0,
        };
        let x = f.x_scale(3);
        assert_eq!((x(0), x(1), x(2)), (10.0, 60.0, 110.0));
        assert_eq!(f.x_scale(1)(0), 60.0);
    }
}

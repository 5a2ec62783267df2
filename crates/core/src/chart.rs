//! Layout decisions for charts, as plain functions: value ticks at nice
//! steps, date ticks from daily dates, axis labels written the one way
//! amounts are written, level labels placed so that none covers another,
//! the shown window of a range (1M, 3M, 1Y, All) and the bar under a
//! pointer. The site's SVG charts draw from these; nothing here draws.
//!
//! Sizes are in pixels of the drawn chart, whose text keeps one size: a
//! narrow chart gets fewer ticks, never smaller text.

use crate::format::group_thousands;

/// Width of one character of chart text (12 px sans-serif), an upper
/// estimate used to keep labels apart.
pub const CHAR_PX: f64 = 7.0;

/// Estimated width of `text` drawn as chart text, in pixels.
pub fn text_px(text: &str) -> f64 {
    text.chars().count() as f64 * CHAR_PX
}

/// The smallest step of 1, 2, 2.5 or 5 × 10^k that cuts `span` into at
/// most `max_intervals` parts.
///
/// ```
/// use tokenlens_core::chart::nice_step;
/// assert_eq!(nice_step(100_000.0, 5), 20_000.0);
/// assert_eq!(nice_step(1.0, 4), 0.25);
/// ```
pub fn nice_step(span: f64, max_intervals: usize) -> f64 {
    let span = span.abs();
    if !span.is_finite() || span == 0.0 {
        return 1.0;
    }
    let raw = span / max_intervals.max(1) as f64;
    let mut power = 10f64.powf(raw.log10().floor());
    loop {
        for m in [1.0, 2.0, 2.5, 5.0] {
            let step = m * power;
            // A hair of tolerance: 0.1 × 3 is not exactly 0.3.
            if step >= raw * (1.0 - 1e-9) {
                return step;
            }
        }
        power *= 10.0;
    }
}

/// Ticks of a linear axis: the multiples of a nice step inside `lo..=hi`,
/// at most `max_ticks` of them (at least two when the range allows), and
/// the step.
///
/// ```
/// use tokenlens_core::chart::linear_ticks;
/// let (ticks, step) = linear_ticks(15_300.0, 111_700.0, 6);
/// assert_eq!(step, 20_000.0);
/// assert_eq!(ticks, vec![20_000.0, 40_000.0, 60_000.0, 80_000.0, 100_000.0]);
/// ```
pub fn linear_ticks(lo: f64, hi: f64, max_ticks: usize) -> (Vec<f64>, f64) {
    let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
    if !(lo.is_finite() && hi.is_finite()) {
        return (Vec::new(), 1.0);
    }
    let max_ticks = max_ticks.max(2);
    // The finest nice step whose multiples inside the range are few enough.
    let mut step = nice_step(hi - lo, 4 * max_ticks);
    loop {
        let first = (lo / step - 1e-9).ceil() as i64;
        let last = (hi / step + 1e-9).floor() as i64;
        if last - first < max_ticks as i64 || step > (hi - lo).abs() * 10.0 {
            let ticks = (first..=last).map(|k| clean(k as f64 * step)).collect();
            return (ticks, step);
        }
        step = nice_step(step * 1.01, 1);
    }
}

/// Ticks of a logarithmic axis over `lo..=hi` (both above zero): 1, 2 and
/// 5 × 10^k, thinned to 1 and 3, then to the powers of ten, while there are
/// more than `max_ticks`; a range too short for three of them gets linear
/// ticks. Returns the ticks and the step that says how many decimals their
/// labels need.
///
/// ```
/// use tokenlens_core::chart::log_ticks;
/// let (ticks, _) = log_ticks(0.3, 6.0, 6);
/// assert_eq!(ticks, vec![0.5, 1.0, 2.0, 5.0]);
/// ```
pub fn log_ticks(lo: f64, hi: f64, max_ticks: usize) -> (Vec<f64>, f64) {
    if !(lo > 0.0 && hi > lo && hi.is_finite()) {
        return linear_ticks(lo, hi, max_ticks);
    }
    let (kmin, kmax) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
    for mantissas in [&[1.0, 2.0, 5.0][..], &[1.0, 3.0][..], &[1.0][..]] {
        let ticks: Vec<f64> = (kmin..=kmax)
            .flat_map(|k| mantissas.iter().map(move |m| clean(m * 10f64.powi(k))))
            .filter(|v| *v >= lo * (1.0 - 1e-9) && *v <= hi * (1.0 + 1e-9))
            .collect();
        if ticks.len() < 3 {
            break;
        }
        if ticks.len() <= max_ticks.max(2) {
            let step = 10f64.powf(ticks[0].log10().floor());
            return (ticks, step);
        }
    }
    linear_ticks(lo, hi, max_ticks)
}

/// `v` without the noise of binary floating point (0.30000000000000004).
fn clean(v: f64) -> f64 {
    if v == 0.0 {
        return 0.0;
    }
    let digits = 12 - v.abs().log10().floor() as i32;
    if !(0..=300).contains(&digits) {
        return v;
    }
    let scale = 10f64.powi(digits);
    (v * scale).round() / scale
}

/// Decimals that write every multiple of `step` exactly (2.5 needs one).
pub fn decimals_for(step: f64) -> usize {
    let step = step.abs();
    if !step.is_finite() || step == 0.0 {
        return 0;
    }
    (0..=12)
        .find(|&d| {
            let scaled = step * 10f64.powi(d);
            (scaled - scaled.round()).abs() < 1e-6 * scaled.max(1.0)
        })
        .unwrap_or(12) as usize
}

/// How the values of an axis are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AxisFormat {
    /// US dollars with thousands separators: $20,000, $0.00002.
    Usd,
    /// A plain number with thousands separators: 1,500, -0.5.
    Number,
    /// A number with its sign: +0.05, −0.05, 0.
    Signed,
    /// A multiple of a starting amount: 0.5×, 1×, 2×.
    Multiple,
    /// A percentage of 0–100: 25%.
    Percent,
}

/// The labels of `ticks` (multiples of `step`), all with the same decimals
/// and, when `compact`, large amounts in thousands, millions or billions
/// ($105K, $1.2M), the unit chosen once for the whole axis.
///
/// ```
/// use tokenlens_core::chart::{AxisFormat, axis_labels};
/// let ticks = [100_000.0, 102_500.0];
/// assert_eq!(axis_labels(&ticks, 2_500.0, AxisFormat::Usd, false), ["$100,000", "$102,500"]);
/// assert_eq!(axis_labels(&ticks, 2_500.0, AxisFormat::Usd, true), ["$100.0K", "$102.5K"]);
/// ```
pub fn axis_labels(ticks: &[f64], step: f64, format: AxisFormat, compact: bool) -> Vec<String> {
    let largest = ticks.iter().fold(0.0_f64, |m, v| m.max(v.abs()));
    let unit = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")]
        .into_iter()
        .find(|(size, _)| compact && largest >= *size && step >= size / 100.0);
    let (divisor, suffix) = unit.unwrap_or((1.0, ""));
    let decimals = decimals_for(step / divisor);
    ticks
        .iter()
        .map(|&v| {
            // Zero is 0 in any unit ("0", not "0K").
            let body = if v == 0.0 {
                grouped(0.0, decimals_for(step))
            } else {
                format!("{}{suffix}", grouped(v.abs() / divisor, decimals))
            };
            let nonzero = body.contains(|c: char| ('1'..='9').contains(&c));
            let minus = if v < 0.0 && nonzero { "−" } else { "" };
            match format {
                AxisFormat::Usd => format!("{minus}${body}"),
                AxisFormat::Number => format!("{minus}{body}"),
                AxisFormat::Signed if v > 0.0 && nonzero => format!("+{body}"),
                AxisFormat::Signed => format!("{minus}{body}"),
                AxisFormat::Multiple => format!("{minus}{body}×"),
                AxisFormat::Percent => format!("{minus}{body}%"),
            }
        })
        .collect()
}

/// `v` (not negative) with `decimals` decimals and thousands separators.
fn grouped(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    match s.split_once('.') {
        Some((int, frac)) => format!("{}.{frac}", group_thousands(int)),
        None => group_thousands(&s),
    }
}

/// The year, month and day of an ISO date ("2025-06-12").
fn ymd(date: &str) -> Option<(i32, u32, u32)> {
    let mut parts = date.get(..10)?.split('-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    Some((y, m, d))
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// An ISO date as a reader writes it: "12 Jun 2025".
///
/// ```
/// use tokenlens_core::chart::long_date;
/// assert_eq!(long_date("2025-06-12"), "12 Jun 2025");
/// ```
pub fn long_date(date: &str) -> String {
    match ymd(date) {
        Some((y, m, d)) if (1..=12).contains(&m) => format!("{d} {} {y}", MONTHS[m as usize - 1]),
        _ => date.to_owned(),
    }
}

/// One labelled date on the time axis: the index of its bar and the text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateTick {
    pub index: usize,
    pub label: String,
}

/// A spacing of date labels, finest first.
#[derive(Debug, Clone, Copy)]
enum DateStep {
    Days(u32),
    Months(u32),
    Years(i32),
}

const DATE_STEPS: [DateStep; 11] = [
    DateStep::Days(1),
    DateStep::Days(2),
    DateStep::Days(7),
    DateStep::Days(14),
    DateStep::Months(1),
    DateStep::Months(2),
    DateStep::Months(3),
    DateStep::Months(6),
    DateStep::Years(1),
    DateStep::Years(2),
    DateStep::Years(5),
];

/// The date labels of the bars `dates` (ISO, oldest first, one per bar)
/// drawn at `x(index)`: the finest spacing — days, weeks, months, years,
/// on calendar boundaries — whose labels, `gap` pixels apart at least, fit.
/// Day labels read "Mar 8", month labels "Mar" (the year at January),
/// year labels "2025".
///
/// ```
/// use tokenlens_core::chart::date_ticks;
/// let dates: Vec<String> = (1..=28).map(|d| format!("2025-02-{d:02}")).collect();
/// let ticks = date_ticks(&dates, |i| 10.0 * i as f64, 12.0);
/// let labels: Vec<&str> = ticks.iter().map(|t| t.label.as_str()).collect();
/// assert_eq!(labels, ["Feb 1", "Feb 8", "Feb 15", "Feb 22"]);
/// ```
pub fn date_ticks(dates: &[String], x: impl Fn(usize) -> f64, gap: f64) -> Vec<DateTick> {
    let parsed: Vec<Option<(i32, u32, u32)>> = dates.iter().map(|d| ymd(d)).collect();
    let mut fallback = Vec::new();
    for step in DATE_STEPS {
        let ticks = ticks_at(&parsed, step);
        if ticks.is_empty() {
            continue;
        }
        if fits(&ticks, &x, gap) {
            return ticks;
        }
        fallback = ticks;
    }
    // Even years do not fit: the first label alone.
    fallback.truncate(1);
    fallback
}

fn ticks_at(parsed: &[Option<(i32, u32, u32)>], step: DateStep) -> Vec<DateTick> {
    let month_name = |m: u32| MONTHS[(m as usize).clamp(1, 12) - 1];
    parsed
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let (y, m, d) = (*p)?;
            let prev = if i == 0 { None } else { parsed[i - 1] };
            // The first bar of a month (or of the year): a boundary only
            // when the bar before it is of an earlier month.
            let new_month = match prev {
                Some((py, pm, _)) => (py, pm) != (y, m),
                None => d == 1,
            };
            let new_year = new_month && (m == 1 || prev.is_some_and(|(py, _, _)| py != y));
            let label = match step {
                DateStep::Days(k) => {
                    let on = if k == 7 {
                        matches!(d, 1 | 8 | 15 | 22)
                    } else if k == 14 {
                        matches!(d, 1 | 15)
                    } else {
                        (d - 1) % k == 0
                    };
                    on.then(|| format!("{} {d}", month_name(m)))
                }
                DateStep::Months(k) => (new_month && (m - 1) % k == 0).then(|| {
                    if m == 1 {
                        y.to_string()
                    } else {
                        month_name(m).to_owned()
                    }
                }),
                DateStep::Years(k) => (new_year && y.rem_euclid(k) == 0).then(|| y.to_string()),
            }?;
            Some(DateTick { index: i, label })
        })
        .collect()
}

fn fits(ticks: &[DateTick], x: &impl Fn(usize) -> f64, gap: f64) -> bool {
    ticks.windows(2).all(|w| {
        let room = (text_px(&w[0].label) + text_px(&w[1].label)) / 2.0 + gap;
        x(w[1].index) - x(w[0].index) >= room
    })
}

/// Where labels go, in the order given (the most important first): each
/// label, `height` tall, sits just above its line at `wanted` (a y in
/// pixels, growing downwards), else just below it; a label that would
/// cover one already placed, or leave `top..=bottom`, is dropped (`None`).
/// A placed label's value is the y of its top edge.
///
/// ```
/// use tokenlens_core::chart::place_labels;
/// // Two lines 4 px apart: the second label goes below its line.
/// assert_eq!(place_labels(&[100.0, 104.0], 14.0, 0.0, 200.0), [Some(84.0), Some(106.0)]);
/// ```
pub fn place_labels(wanted: &[f64], height: f64, top: f64, bottom: f64) -> Vec<Option<f64>> {
    let mut placed: Vec<f64> = Vec::new();
    wanted
        .iter()
        .map(|&y| {
            let spot = [y - 2.0 - height, y + 2.0].into_iter().find(|&t| {
                t >= top
                    && t + height <= bottom
                    && placed.iter().all(|&p| t + height <= p || t >= p + height)
            })?;
            placed.push(spot);
            Some(spot)
        })
        .collect()
}

/// Value ticks at least `gap` pixels apart once drawn at `y(value)`: a tick
/// too close to the one kept before it is dropped.
pub fn spaced(ticks: &[f64], y: impl Fn(f64) -> f64, gap: f64) -> Vec<f64> {
    let mut kept: Vec<f64> = Vec::new();
    for &v in ticks {
        if kept.last().is_none_or(|&k| (y(k) - y(v)).abs() >= gap) {
            kept.push(v);
        }
    }
    kept
}

/// A span of the chart's dates to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Range {
    Month,
    Quarter,
    Year,
    #[default]
    All,
}

impl Range {
    pub const ALL: [Range; 4] = [Range::Month, Range::Quarter, Range::Year, Range::All];

    /// The button's text: 1M, 3M, 1Y, All.
    pub fn label(self) -> &'static str {
        match self {
            Range::Month => "1M",
            Range::Quarter => "3M",
            Range::Year => "1Y",
            Range::All => "All",
        }
    }

    /// In words, for screen readers.
    pub fn words(self) -> &'static str {
        match self {
            Range::Month => "one month",
            Range::Quarter => "three months",
            Range::Year => "one year",
            Range::All => "all dates",
        }
    }

    fn months(self) -> Option<u32> {
        match self {
            Range::Month => Some(1),
            Range::Quarter => Some(3),
            Range::Year => Some(12),
            Range::All => None,
        }
    }

    /// The index of the first of `dates` (ISO, oldest first) the range
    /// shows: the first date after the same day `months` before the last.
    ///
    /// ```
    /// use tokenlens_core::chart::Range;
    /// let dates = ["2025-01-15", "2025-02-15", "2025-02-16", "2025-03-15"].map(String::from);
    /// assert_eq!(Range::Month.start(&dates), 2);
    /// assert_eq!(Range::All.start(&dates), 0);
    /// ```
    pub fn start(self, dates: &[String]) -> usize {
        let (Some(months), Some((y, m, d))) = (self.months(), dates.last().and_then(|l| ymd(l)))
        else {
            return 0;
        };
        let total = y * 12 + (m as i32 - 1) - months as i32;
        let cutoff = format!(
            "{:04}-{:02}-{d:02}",
            total.div_euclid(12),
            total.rem_euclid(12) + 1
        );
        dates.partition_point(|date| date.as_str() <= cutoff.as_str())
    }
}

/// The bar under a pointer at `x` when `n` bars share `left..left + width`
/// evenly (bar `i` centred at `left + (i + ½) · width / n`).
///
/// ```
/// use tokenlens_core::chart::nearest_bar;
/// assert_eq!(nearest_bar(55.0, 50.0, 100.0, 10), 0);
/// assert_eq!(nearest_bar(148.0, 50.0, 100.0, 10), 9);
/// assert_eq!(nearest_bar(500.0, 50.0, 100.0, 10), 9);
/// ```
pub fn nearest_bar(x: f64, left: f64, width: f64, n: usize) -> usize {
    if n == 0 || width <= 0.0 || !x.is_finite() {
        return 0;
    }
    let i = ((x - left) / width * n as f64).floor();
    (i.max(0.0) as usize).min(n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps() {
        let cases = [
            (100.0, 5, 20.0),
            (100.0, 4, 25.0),
            (96_400.0, 5, 20_000.0),
            (0.0003, 3, 0.0001),
            (7.0, 7, 1.0),
            (1.0, 4, 0.25),
            (0.0, 4, 1.0),
        ];
        for (span, max, want) in cases {
            assert!(
                (nice_step(span, max) - want).abs() < want * 1e-9,
                "{span} {max}"
            );
        }
    }

    #[test]
    fn linear_ticks_stay_inside_and_under_the_count() {
        for (lo, hi, max) in [
            (0.0, 100.0, 5),
            (-5.73, 4.2, 4),
            (0.00001, 0.0000134, 5),
            (15_300.0, 111_700.0, 3),
        ] {
            let (ticks, step) = linear_ticks(lo, hi, max);
            assert!(
                ticks.len() >= 2 && ticks.len() <= max,
                "{lo}..{hi}: {ticks:?}"
            );
            assert!(ticks.iter().all(|t| *t >= lo && *t <= hi), "{ticks:?}");
            assert!(
                ticks
                    .windows(2)
                    .all(|w| (w[1] - w[0] - step).abs() < step * 1e-6)
            );
        }
        assert_eq!(
            linear_ticks(-5.73, 4.2, 6).0,
            vec![-4.0, -2.0, 0.0, 2.0, 4.0]
        );
        assert_eq!(linear_ticks(0.1, 0.35, 4).0, vec![0.1, 0.2, 0.3]);
    }

    #[test]
    fn log_ticks_cover_decades_and_fall_back_to_linear() {
        assert_eq!(log_ticks(0.3, 6.0, 6).0, vec![0.5, 1.0, 2.0, 5.0]);
        assert_eq!(
            log_ticks(0.001, 100.0, 6).0,
            vec![0.001, 0.01, 0.1, 1.0, 10.0, 100.0]
        );
        assert_eq!(log_ticks(0.005, 1.0, 5).0, vec![0.01, 0.03, 0.1, 0.3, 1.0]);
        // Under one decade: linear steps, not a lone 100,000.
        let (ticks, step) = log_ticks(60_000.0, 111_000.0, 6);
        assert_eq!(step, 10_000.0);
        assert_eq!(ticks.first(), Some(&60_000.0));
    }

    #[test]
    fn usd_labels_have_dollars_and_separators() {
        let (ticks, step) = linear_ticks(15_300.0, 111_700.0, 6);
        assert_eq!(
            axis_labels(&ticks, step, AxisFormat::Usd, false),
            ["$20,000", "$40,000", "$60,000", "$80,000", "$100,000"]
        );
        assert_eq!(
            axis_labels(&ticks, step, AxisFormat::Usd, true),
            ["$20K", "$40K", "$60K", "$80K", "$100K"]
        );
        assert_eq!(
            axis_labels(&[0.00001, 0.000012], 0.000002, AxisFormat::Usd, true),
            ["$0.000010", "$0.000012"]
        );
        assert_eq!(
            axis_labels(
                &[1_000_000.0, 1_200_000.0],
                200_000.0,
                AxisFormat::Usd,
                true
            ),
            ["$1.0M", "$1.2M"]
        );
        // Compact only where the step survives it: 1,000.5 stays whole.
        assert_eq!(
            axis_labels(&[1_000.0, 1_000.5], 0.5, AxisFormat::Usd, true),
            ["$1,000.0", "$1,000.5"]
        );
    }

    #[test]
    fn other_axis_formats() {
        assert_eq!(
            axis_labels(&[0.5, 1.0, 2.0], 0.1, AxisFormat::Multiple, false),
            ["0.5×", "1.0×", "2.0×"]
        );
        assert_eq!(
            axis_labels(&[-0.05, 0.0, 0.05], 0.05, AxisFormat::Signed, false),
            ["−0.05", "0.00", "+0.05"]
        );
        assert_eq!(
            axis_labels(&[-4.0, 0.0, 2500.0], 2.0, AxisFormat::Number, false),
            ["−4", "0", "2,500"]
        );
        assert_eq!(
            axis_labels(&[0.0, 50.0, 100.0], 50.0, AxisFormat::Percent, false),
            ["0%", "50%", "100%"]
        );
    }

    #[test]
    fn decimals_follow_the_step() {
        for (step, want) in [
            (20_000.0, 0),
            (2.5, 1),
            (0.25, 2),
            (0.1, 1),
            (0.000002, 6),
            (1.0, 0),
        ] {
            assert_eq!(decimals_for(step), want, "{step}");
        }
    }

    fn days(from: &str, n: usize) -> Vec<String> {
        // Consecutive days from `from`, month lengths of a non-leap year.
        let (mut y, mut m, mut d) = ymd(from).unwrap();
        let len = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        (0..n)
            .map(|_| {
                let s = format!("{y:04}-{m:02}-{d:02}");
                d += 1;
                if d > len[m as usize - 1] {
                    d = 1;
                    m += 1;
                    if m > 12 {
                        m = 1;
                        y += 1;
                    }
                }
                s
            })
            .collect()
    }

    fn labels(ticks: &[DateTick]) -> Vec<&str> {
        ticks.iter().map(|t| t.label.as_str()).collect()
    }

    #[test]
    fn date_ticks_get_coarser_as_the_chart_narrows() {
        let dates = days("2024-05-09", 400);
        // 1,300 px wide: every month, the year at January.
        let wide = date_ticks(&dates, |i| 1300.0 * i as f64 / 400.0, 12.0);
        assert_eq!(labels(&wide)[..4], ["Jun", "Jul", "Aug", "Sep"]);
        assert!(labels(&wide).contains(&"2025"));
        // 320 px (a phone): fewer labels, at least four, none overlapping.
        let x = |i: usize| 320.0 * i as f64 / 400.0;
        let narrow = date_ticks(&dates, x, 12.0);
        assert!(narrow.len() >= 4 && narrow.len() < wide.len(), "{narrow:?}");
        assert!(fits(&narrow, &x, 12.0));
    }

    #[test]
    fn a_month_of_dates_is_labelled_by_day() {
        let dates = days("2025-05-13", 31);
        let ticks = date_ticks(&dates, |i| 700.0 * i as f64 / 31.0, 12.0);
        assert!(ticks.len() >= 4, "{ticks:?}");
        assert!(ticks.iter().all(|t| t.label.contains(' ')), "{ticks:?}");
    }

    #[test]
    fn labels_never_overlap_and_the_first_given_wins() {
        let wanted = [100.0, 101.0, 99.0, 130.0, 50.0];
        let placed = place_labels(&wanted, 14.0, 0.0, 200.0);
        assert_eq!(placed[0], Some(84.0));
        assert_eq!(placed[1], Some(103.0));
        assert_eq!(placed[2], None);
        let boxes: Vec<f64> = placed.iter().flatten().copied().collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(a + 14.0 <= *b || *a >= b + 14.0, "{a} {b}");
            }
        }
        // Never outside the plot.
        assert_eq!(place_labels(&[5.0], 14.0, 0.0, 200.0), [Some(7.0)]);
        assert_eq!(place_labels(&[5.0], 14.0, 0.0, 15.0), [None]);
    }

    #[test]
    fn ranges_start_a_calendar_span_before_the_last_date() {
        let dates = days("2024-05-09", 400);
        let last = dates.last().unwrap().clone();
        assert_eq!(last, "2025-06-12");
        assert_eq!(dates[Range::Month.start(&dates)], "2025-05-13");
        assert_eq!(dates[Range::Quarter.start(&dates)], "2025-03-13");
        assert_eq!(dates[Range::Year.start(&dates)], "2024-06-13");
        assert_eq!(Range::All.start(&dates), 0);
        assert_eq!(Range::Year.start(&dates[..30]), 0);
        assert_eq!(Range::Year.start(&[]), 0);
    }

    #[test]
    fn the_nearest_bar_is_the_one_under_the_pointer() {
        assert_eq!(nearest_bar(0.0, 50.0, 100.0, 10), 0);
        assert_eq!(nearest_bar(69.9, 50.0, 100.0, 10), 1);
        assert_eq!(nearest_bar(70.0, 50.0, 100.0, 10), 2);
        assert_eq!(nearest_bar(10.0, 0.0, 100.0, 0), 0);
        assert_eq!(nearest_bar(f64::NAN, 0.0, 100.0, 5), 0);
    }

    #[test]
    fn spaced_ticks_keep_a_gap() {
        let ys = |v: f64| 200.0 - v;
        assert_eq!(
            spaced(&[0.0, 10.0, 20.0, 30.0, 100.0], ys, 18.0),
            vec![0.0, 20.0, 100.0]
        );
    }
}

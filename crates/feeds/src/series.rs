//! A time series of `(ms, value)` points, as chart endpoints send them.

use serde::{Deserialize, Serialize};

use crate::lenient::MAX_TIME_MS;

/// One day in milliseconds.
pub const DAY_MS: i64 = 86_400_000;

/// One sample: a time in ms since the Unix epoch (UTC) and a finite value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub time_ms: i64,
    pub value: f64,
}

/// Points sorted by time, one per timestamp, every value finite and every
/// time within ±[`MAX_TIME_MS`]. The invariant holds for every way of
/// building one, deserialisation included.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "Vec<Point>", into = "Vec<Point>")]
pub struct TimeSeries {
    points: Vec<Point>,
}

impl TimeSeries {
    /// Builds a series from points in any order. Points with non-finite
    /// values or out-of-range times are dropped; of several points with the
    /// same time, the one that came last in `points` is kept.
    pub fn from_points(mut points: Vec<Point>) -> Self {
        points.retain(|p| p.value.is_finite() && (-MAX_TIME_MS..=MAX_TIME_MS).contains(&p.time_ms));
        // Stable: equal times stay in input order, so the last wins below.
        points.sort_by_key(|p| p.time_ms);
        let mut out: Vec<Point> = Vec::with_capacity(points.len());
        for point in points {
            match out.last_mut() {
                Some(prev) if prev.time_ms == point.time_ms => *prev = point,
                _ => out.push(point),
            }
        }
        TimeSeries { points: out }
    }

    /// The points, oldest first.
    pub fn points(&self) -> &[Point] {
        &self.points
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    pub fn first(&self) -> Option<Point> {
        self.points.first().copied()
    }

    pub fn last(&self) -> Option<Point> {
        self.points.last().copied()
    }

    /// The values, oldest first.
    pub fn values(&self) -> impl Iterator<Item = f64> + '_ {
        self.points.iter().map(|p| p.value)
    }

    /// Daily resampling: one point per UTC day that has data, stamped with
    /// that day's 00:00 UTC and holding the day's last sample. Days without
    /// samples are absent (nothing is filled in).
    ///
    /// For CoinGecko's daily charts, whose samples sit at 00:00 UTC, this is
    /// the identity apart from the final intraday sample, which becomes the
    /// value of the current (unfinished) day.
    pub fn daily_last(&self) -> TimeSeries {
        let mut out: Vec<Point> = Vec::new();
        for p in &self.points {
            let day = utc_day_start(p.time_ms);
            match out.last_mut() {
                Some(prev) if prev.time_ms == day => prev.value = p.value,
                _ => out.push(Point {
                    time_ms: day,
                    value: p.value,
                }),
            }
        }
        TimeSeries { points: out }
    }
}

impl From<Vec<Point>> for TimeSeries {
    fn from(points: Vec<Point>) -> Self {
        TimeSeries::from_points(points)
    }
}

impl From<TimeSeries> for Vec<Point> {
    fn from(series: TimeSeries) -> Self {
        series.points
    }
}

/// 00:00 UTC of the day containing `time_ms`. Saturates at `i64::MIN`
/// rather than overflow (series never hold such times).
pub fn utc_day_start(time_ms: i64) -> i64 {
    time_ms.saturating_sub(time_ms.rem_euclid(DAY_MS))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(points: &[(i64, f64)]) -> TimeSeries {
        TimeSeries::from_points(
            points
                .iter()
                .map(|&(time_ms, value)| Point { time_ms, value })
                .collect(),
        )
    }

    fn pairs(s: &TimeSeries) -> Vec<(i64, f64)> {
        s.points().iter().map(|p| (p.time_ms, p.value)).collect()
    }

    #[test]
    fn sorts_and_keeps_the_last_of_duplicate_times() {
        let s = series(&[(30, 3.0), (10, 1.0), (20, 2.0), (10, 1.5), (20, f64::NAN)]);
        assert_eq!(pairs(&s), [(10, 1.5), (20, 2.0), (30, 3.0)]);
    }

    #[test]
    fn drops_times_a_browser_date_cannot_hold() {
        let s = series(&[(i64::MIN, 1.0), (i64::MAX, 2.0), (MAX_TIME_MS, 3.0)]);
        assert_eq!(pairs(&s), [(MAX_TIME_MS, 3.0)]);
    }

    #[test]
    fn daily_last_takes_each_utc_days_final_sample() {
        let day = DAY_MS;
        let s = series(&[
            (day + 1, 1.0),
            (2 * day - 1, 2.0),
            (2 * day, 3.0),
            (4 * day + 5, 4.0),
            (-1, -9.0),
        ]);
        assert_eq!(
            pairs(&s.daily_last()),
            [(-day, -9.0), (day, 2.0), (2 * day, 3.0), (4 * day, 4.0)]
        );
        assert!(TimeSeries::default().daily_last().is_empty());
    }

    #[test]
    fn deserialising_restores_the_invariant() {
        let s: TimeSeries = serde_json::from_str(
            r#"[{"time_ms":2,"value":1.0},{"time_ms":1,"value":0.5},{"time_ms":2,"value":7.0}]"#,
        )
        .unwrap();
        assert_eq!(pairs(&s), [(1, 0.5), (2, 7.0)]);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<TimeSeries>(&json).unwrap(), s);
    }

    #[test]
    fn utc_day_start_rounds_down_across_the_epoch() {
        assert_eq!(utc_day_start(0), 0);
        assert_eq!(utc_day_start(DAY_MS - 1), 0);
        assert_eq!(utc_day_start(-1), -DAY_MS);
        assert_eq!(utc_day_start(i64::MIN), i64::MIN);
    }

    proptest::proptest! {
        /// Against a map model: inserting in input order keeps the last
        /// value per time, and iterating gives them sorted.
        #[test]
        fn from_points_and_daily_last_match_a_map_model(
            raw in proptest::collection::vec((-5i64..5, 0i64..DAY_MS, -1e6f64..1e6), 0..40)
        ) {
            let points: Vec<Point> = raw
                .iter()
                .map(|&(day, offset, value)| Point { time_ms: day * DAY_MS + offset % 7, value })
                .collect();
            let mut model = std::collections::BTreeMap::new();
            let mut daily_model = std::collections::BTreeMap::new();
            for p in &points {
                model.insert(p.time_ms, p.value);
            }
            for (&t, &v) in &model {
                daily_model.insert(t.div_euclid(DAY_MS) * DAY_MS, v);
            }
            let s = TimeSeries::from_points(points);
            let expected: Vec<(i64, f64)> = model.into_iter().collect();
            proptest::prop_assert_eq!(pairs(&s), expected);
            let daily: Vec<(i64, f64)> = daily_model.into_iter().collect();
            proptest::prop_assert_eq!(pairs(&s.daily_last()), daily);
        }
    }
}

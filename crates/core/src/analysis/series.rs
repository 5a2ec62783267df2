//! A token's price history: timestamps with close prices and, when the
//! source has them, open, high, low and volume.
//!
//! Built once, checked once: lengths agree, prices are finite and positive,
//! volumes finite and not negative, timestamps strictly increasing. Every
//! analysis takes a `PriceSeries` and may rely on that.

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::catalog::Columns;

/// The spacing of a series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    Hourly,
    Daily,
}

impl Interval {
    /// Seconds between two points.
    pub fn seconds(self) -> i64 {
        match self {
            Interval::Hourly => 3600,
            Interval::Daily => 86_400,
        }
    }

    /// Points in a year of round-the-clock crypto trading.
    pub fn periods_per_year(self) -> f64 {
        match self {
            Interval::Hourly => 365.0 * 24.0,
            Interval::Daily => 365.0,
        }
    }

    /// Points in a day.
    pub fn per_day(self) -> usize {
        match self {
            Interval::Hourly => 24,
            Interval::Daily => 1,
        }
    }
}

/// A validated price history, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriceSeries {
    pub interval: Interval,
    /// Unix time in seconds (UTC) at which each point's period opens.
    pub timestamps: Vec<i64>,
    pub open: Option<Vec<f64>>,
    pub high: Option<Vec<f64>>,
    pub low: Option<Vec<f64>>,
    pub close: Vec<f64>,
    pub volume: Option<Vec<f64>>,
}

impl PriceSeries {
    /// A series of closes only.
    pub fn from_closes(
        interval: Interval,
        timestamps: Vec<i64>,
        close: Vec<f64>,
    ) -> Result<Self, Error> {
        Self {
            interval,
            timestamps,
            open: None,
            high: None,
            low: None,
            close,
            volume: None,
        }
        .validated()
    }

    /// Checks every invariant; the only way analyses should get a series:
    /// equal lengths, positive finite prices, non-negative volumes, high at
    /// or above low, open and close within low and high, strictly rising
    /// timestamps.
    pub fn validated(self) -> Result<Self, Error> {
        let n = self.close.len();
        if self.timestamps.len() != n {
            return Err(Error::LengthMismatch {
                field: "timestamps",
                len: self.timestamps.len(),
                expected: n,
            });
        }
        check_positive("close", &self.close)?;
        for (field, column) in [
            ("open", &self.open),
            ("high", &self.high),
            ("low", &self.low),
        ] {
            if let Some(column) = column {
                check_len(field, column, n)?;
                check_positive(field, column)?;
            }
        }
        if let Some(volume) = &self.volume {
            check_len("volume", volume, n)?;
            if let Some(i) = volume.iter().position(|v| !(v.is_finite() && *v >= 0.0)) {
                return Err(Error::InvalidInput {
                    field: "volume",
                    value: format!("{} at index {i}", volume[i]),
                });
            }
        }
        if let (Some(high), Some(low)) = (&self.high, &self.low)
            && let Some(i) = (0..n).find(|&i| high[i] < low[i])
        {
            return Err(Error::InvalidInput {
                field: "high",
                value: format!("{} below low {} at index {i}", high[i], low[i]),
            });
        }
        // A bar's open and close lie within its low and high.
        for (field, column) in [("close", Some(&self.close)), ("open", self.open.as_ref())] {
            let Some(column) = column else { continue };
            if let Some(high) = &self.high
                && let Some(i) = (0..n).find(|&i| column[i] > high[i])
            {
                return Err(Error::InvalidInput {
                    field,
                    value: format!("{} above high {} at index {i}", column[i], high[i]),
                });
            }
            if let Some(low) = &self.low
                && let Some(i) = (0..n).find(|&i| column[i] < low[i])
            {
                return Err(Error::InvalidInput {
                    field,
                    value: format!("{} below low {} at index {i}", column[i], low[i]),
                });
            }
        }
        if let Some(i) = (1..n).find(|&i| self.timestamps[i] <= self.timestamps[i - 1]) {
            return Err(Error::InvalidInput {
                field: "timestamps",
                value: format!(
                    "{} not after {} at index {i}",
                    self.timestamps[i],
                    self.timestamps[i - 1]
                ),
            });
        }
        Ok(self)
    }

    pub fn len(&self) -> usize {
        self.close.len()
    }

    pub fn is_empty(&self) -> bool {
        self.close.is_empty()
    }

    /// The price columns, for the indicator catalog.
    pub fn columns(&self) -> Columns<'_> {
        Columns {
            open: self.open.as_deref(),
            high: self.high.as_deref(),
            low: self.low.as_deref(),
            close: &self.close,
            volume: self.volume.as_deref(),
        }
    }

    /// Whether high, low and volume are all present.
    pub fn has_candles(&self) -> bool {
        self.high.is_some() && self.low.is_some() && self.volume.is_some()
    }

    /// The first `n` points (the history as it stood then): how changes over
    /// 24 h or 7 d are computed, on the data that existed at the time.
    pub fn truncated(&self, n: usize) -> Self {
        let n = n.min(self.len());
        let cut = |c: &Option<Vec<f64>>| c.as_ref().map(|v| v[..n].to_vec());
        Self {
            interval: self.interval,
            timestamps: self.timestamps[..n].to_vec(),
            open: cut(&self.open),
            high: cut(&self.high),
            low: cut(&self.low),
            close: self.close[..n].to_vec(),
            volume: cut(&self.volume),
        }
    }

    /// Missing periods between the first and last point (0 for a gap-free series).
    pub fn missing_periods(&self) -> usize {
        let step = self.interval.seconds();
        self.timestamps
            .windows(2)
            .map(|w| (((w[1] - w[0]) / step).max(1) - 1) as usize)
            .sum()
    }

    /// The UTC date (`YYYY-MM-DD`) of point `i`.
    pub fn date(&self, i: usize) -> String {
        utc_date(self.timestamps[i])
    }
}

fn check_len(field: &'static str, column: &[f64], expected: usize) -> Result<(), Error> {
    if column.len() != expected {
        return Err(Error::LengthMismatch {
            field,
            len: column.len(),
            expected,
        });
    }
    Ok(())
}

fn check_positive(field: &'static str, column: &[f64]) -> Result<(), Error> {
    match column.iter().position(|v| !(v.is_finite() && *v > 0.0)) {
        None => Ok(()),
        Some(i) => Err(Error::InvalidInput {
            field,
            value: format!("{} at index {i}", column[i]),
        }),
    }
}

/// `YYYY-MM-DD` of a Unix time in seconds (proleptic Gregorian, UTC).
pub fn utc_date(unix_seconds: i64) -> String {
    let days = unix_seconds.div_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Unix time in seconds of a `YYYY-MM-DD` date at 00:00 UTC.
pub fn parse_utc_date(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = date[..4].parse().ok()?;
    let m: i64 = date[5..7].parse().ok()?;
    let d: i64 = date[8..].parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    let days = days_from_civil(y, m, d);
    // Reject dates like 2023-02-30 that roll over into the next month.
    (civil_from_days(days) == (y, m, d)).then_some(days * 86_400)
}

/// Howard Hinnant's `days_from_civil`.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Howard Hinnant's `civil_from_days`.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn daily(n: usize) -> Vec<i64> {
        (0..n as i64)
            .map(|i| 1_700_000_000 - 1_700_000_000 % 86_400 + i * 86_400)
            .collect()
    }

    #[test]
    fn dates_round_trip() {
        for date in [
            "1970-01-01",
            "2000-02-29",
            "2023-06-01",
            "2024-12-31",
            "2025-07-31",
        ] {
            let t = parse_utc_date(date).unwrap();
            assert_eq!(utc_date(t), date);
        }
        assert_eq!(parse_utc_date("2023-06-01"), Some(1_685_577_600));
        assert_eq!(utc_date(1_685_577_600 + 86_399), "2023-06-01");
        for bad in ["2023-02-30", "2023-13-01", "2023-6-01", "", "2023/06/01"] {
            assert_eq!(parse_utc_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn validation_names_the_first_bad_value() {
        let t = daily(3);
        let bad_close = PriceSeries::from_closes(Interval::Daily, t.clone(), vec![1.0, 0.0, 2.0]);
        assert!(bad_close.unwrap_err().to_string().contains("0 at index 1"));
        let short = PriceSeries::from_closes(Interval::Daily, t.clone(), vec![1.0, 2.0]);
        assert_eq!(short.unwrap_err().code(), "LENGTH_MISMATCH");
        let unsorted =
            PriceSeries::from_closes(Interval::Daily, vec![3, 2, 4], vec![1.0, 2.0, 3.0]);
        assert!(unsorted.unwrap_err().to_string().contains("timestamps"));
        let inverted = PriceSeries {
            high: Some(vec![1.0, 1.0, 1.0]),
            low: Some(vec![1.0, 2.0, 1.0]),
            ..PriceSeries::from_closes(Interval::Daily, t, vec![1.0, 1.5, 1.0]).unwrap()
        }
        .validated();
        assert!(inverted.unwrap_err().to_string().contains("below low"));
        let base =
            PriceSeries::from_closes(Interval::Daily, daily(3), vec![1.0, 1.5, 1.0]).unwrap();
        let outside = |open: f64, close: f64| {
            PriceSeries {
                open: Some(vec![1.0, open, 1.0]),
                high: Some(vec![1.0, 2.0, 1.0]),
                low: Some(vec![1.0, 1.0, 1.0]),
                close: vec![1.0, close, 1.0],
                ..base.clone()
            }
            .validated()
            .map_err(|e| e.to_string())
        };
        assert!(outside(1.5, 1.5).is_ok());
        assert_eq!(
            outside(1.5, 2.5).unwrap_err(),
            "invalid input `close`: 2.5 above high 2 at index 1"
        );
        assert_eq!(
            outside(0.5, 1.5).unwrap_err(),
            "invalid input `open`: 0.5 below low 1 at index 1"
        );
    }

    #[test]
    fn truncation_and_gaps() {
        let mut t = daily(5);
        t[4] += 2 * 86_400; // two missing days before the last point
        let s =
            PriceSeries::from_closes(Interval::Daily, t, vec![1.0, 2.0, 3.0, 4.0, 5.0]).unwrap();
        assert_eq!(s.missing_periods(), 2);
        let head = s.truncated(3);
        assert_eq!(head.close, [1.0, 2.0, 3.0]);
        assert_eq!(head.missing_periods(), 0);
        assert_eq!(s.truncated(99).len(), 5);
    }
}

//! `tokenlens analyze`: the whole per-token analysis of a CSV price file,
//! as JSON (`tokenlens_core::analysis::analyze::Analysis`).
//!
//! The time column decides the interval: `date` values `YYYY-MM-DD` make a
//! daily series; RFC 3339 times on the hour (`2025-05-13T00:00:00Z`, in
//! `ts` or `open_time`) an hourly one. Rows must be in time order, without
//! repeats; gaps are allowed (and reported as missing periods).

use std::path::Path;

use tokenlens_core::analysis::analyze::{Analysis, AnalyzeOptions, analyze};
use tokenlens_core::analysis::series::parse_utc_date;
use tokenlens_core::analysis::{Interval, PriceSeries};

use crate::table::Table;

pub fn run(
    csv: &Path,
    from: Option<String>,
    to: Option<String>,
    benchmark: Option<&Path>,
) -> Result<(), String> {
    let series = load(csv)?;
    let bench = benchmark.map(load).transpose()?;
    let a = compute(csv, &series, from, to, bench.as_ref())?;
    println!(
        "{}",
        serde_json::to_string_pretty(&a).map_err(|e| e.to_string())?
    );
    Ok(())
}

pub fn compute(
    csv: &Path,
    series: &PriceSeries,
    from: Option<String>,
    to: Option<String>,
    benchmark: Option<&PriceSeries>,
) -> Result<Analysis, String> {
    let options = AnalyzeOptions {
        from,
        to,
        benchmark,
        ..AnalyzeOptions::default()
    };
    analyze(series, &options).map_err(|e| format!("{}: {e}", csv.display()))
}

/// A validated price series from a CSV file; errors name the file, line and
/// column.
pub fn load(path: &Path) -> Result<PriceSeries, String> {
    let table = Table::read(path)?;
    series(&table).map_err(|e| format!("{}: {e}", path.display()))
}

/// The series of a table: times parsed, prices checked row by row.
pub fn series(t: &Table) -> Result<PriceSeries, String> {
    let (Some(times), Some(column)) = (&t.dates, &t.time_column) else {
        return Err("the header has no `date`, `ts` or `open_time` column".into());
    };
    let interval = if times[0].len() == 10 {
        Interval::Daily
    } else {
        Interval::Hourly
    };
    let mut timestamps = Vec::with_capacity(times.len());
    for (i, text) in times.iter().enumerate() {
        let at = |what: String| format!("line {}, column `{column}`: {what}", t.line(i));
        let ts = match interval {
            Interval::Daily => parse_utc_date(text).ok_or_else(|| {
                at(format!(
                    "cannot read {text:?} as a date YYYY-MM-DD (the first row is a daily date)"
                ))
            })?,
            Interval::Hourly => {
                let ts = parse_rfc3339(text).ok_or_else(|| {
                    at(format!(
                        "cannot read {text:?} as an RFC 3339 time such as 2025-05-13T00:00:00Z"
                    ))
                })?;
                if ts.rem_euclid(3600) != 0 {
                    return Err(at(format!("{text} is not on the hour (hourly rows)")));
                }
                ts
            }
        };
        if let Some(&prev) = timestamps.last()
            && ts <= prev
        {
            return Err(at(format!(
                "{text} is not after {} on line {}: rows must be in time order, without repeats",
                times[i - 1],
                t.line(i - 1)
            )));
        }
        timestamps.push(ts);
    }
    for (name, column) in [
        ("open", t.open.as_deref()),
        ("high", t.high.as_deref()),
        ("low", t.low.as_deref()),
        ("close", Some(t.close.as_slice())),
    ] {
        if let Some(values) = column
            && let Some(i) = values.iter().position(|&p| p <= 0.0)
        {
            return Err(format!(
                "line {}, column `{name}`: {} is not a positive price",
                t.line(i),
                values[i]
            ));
        }
    }
    if let Some(v) = &t.volume
        && let Some(i) = v.iter().position(|&x| x < 0.0)
    {
        return Err(format!(
            "line {}, column `volume`: {} is negative",
            t.line(i),
            v[i]
        ));
    }
    if let (Some(h), Some(l)) = (&t.high, &t.low)
        && let Some(i) = (0..h.len()).find(|&i| h[i] < l[i])
    {
        return Err(format!(
            "line {}: high {} is below low {}",
            t.line(i),
            h[i],
            l[i]
        ));
    }
    for (name, column) in [
        ("close", Some(t.close.as_slice())),
        ("open", t.open.as_deref()),
    ] {
        let Some(values) = column else { continue };
        for (bound, limit, outside) in [
            (
                "high",
                t.high.as_deref(),
                (|v: f64, b: f64| v > b) as fn(f64, f64) -> bool,
            ),
            ("low", t.low.as_deref(), |v, b| v < b),
        ] {
            if let Some(limit) = limit
                && let Some(i) = (0..values.len()).find(|&i| outside(values[i], limit[i]))
            {
                return Err(format!(
                    "line {}, column `{name}`: {} is {} the {bound} {}: a bar's open and close lie within its low and high",
                    t.line(i),
                    values[i],
                    if bound == "high" { "above" } else { "below" },
                    limit[i]
                ));
            }
        }
    }
    PriceSeries {
        interval,
        timestamps,
        open: t.open.clone(),
        high: t.high.clone(),
        low: t.low.clone(),
        close: t.close.clone(),
        volume: t.volume.clone(),
    }
    .validated()
    .map_err(|e| e.to_string())
}

/// Unix seconds of an RFC 3339 time: `YYYY-MM-DDTHH:MM:SS`, optional
/// fraction, then `Z` or an offset `±HH:MM`.
fn parse_rfc3339(text: &str) -> Option<i64> {
    if text.len() < 20 || !text.is_ascii() {
        return None;
    }
    let (date, rest) = text.split_at(10);
    let day = parse_utc_date(date)?;
    let rest = rest.strip_prefix(['T', 't'])?;
    let (clock, mut zone) = rest.split_at(8);
    let b = clock.as_bytes();
    if b[2] != b':' || b[5] != b':' {
        return None;
    }
    let field = |s: &str, max: i64| -> Option<i64> {
        let v: i64 = s
            .parse()
            .ok()
            .filter(|_| s.bytes().all(|c| c.is_ascii_digit()))?;
        (v <= max).then_some(v)
    };
    let (h, m, s) = (
        field(&clock[..2], 23)?,
        field(&clock[3..5], 59)?,
        field(&clock[6..], 59)?,
    );
    if let Some(frac) = zone.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || frac[..digits].bytes().any(|c| c != b'0') {
            // A fraction of a second is not on the hour; refuse rather than round.
            return None;
        }
        zone = &frac[digits..];
    }
    let offset = match zone {
        "Z" | "z" => 0,
        _ => {
            let sign = match zone.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let z = &zone[1..];
            if z.len() != 5 || z.as_bytes()[2] != b':' {
                return None;
            }
            sign * (field(&z[..2], 23)? * 3600 + field(&z[3..], 59)? * 60)
        }
    };
    Some(day + h * 3600 + m * 60 + s - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<PriceSeries, String> {
        series(&Table::from_reader(text.as_bytes())?)
    }

    #[test]
    fn rfc3339_times_with_zones() {
        assert_eq!(parse_rfc3339("2025-05-13T00:00:00Z"), Some(1_747_094_400));
        assert_eq!(
            parse_rfc3339("2025-05-13T02:00:00+02:00"),
            Some(1_747_094_400)
        );
        assert_eq!(
            parse_rfc3339("2025-05-12T19:00:00.000-05:00"),
            Some(1_747_094_400)
        );
        for bad in [
            "2025-05-13",
            "2025-05-13T00:00:00",
            "2025-05-13 00:00:00Z",
            "2025-05-13T24:00:00Z",
            "2025-05-13T00:00:00.5Z",
            "2025-02-30T00:00:00Z",
            "2025-05-13T00:00:00+0200",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn interval_follows_the_time_column() {
        let d = read("date,close\n2024-01-01,1\n2024-01-03,2\n").unwrap();
        assert_eq!((d.interval, d.missing_periods()), (Interval::Daily, 1));
        let h = read("open_time,close\n2025-05-13T00:00:00Z,1\n2025-05-13T01:00:00Z,2\n").unwrap();
        assert_eq!(h.interval, Interval::Hourly);
        assert_eq!(h.timestamps[1] - h.timestamps[0], 3600);
    }

    #[test]
    fn bad_rows_name_line_and_column() {
        let cases = [
            (
                "date,close\n2024-01-01,1\n2024-13-01,2\n",
                "line 3, column `date`: cannot read \"2024-13-01\" as a date",
            ),
            (
                "date,close\n2024-01-02,1\n2024-01-01,2\n",
                "line 3, column `date`: 2024-01-01 is not after 2024-01-02 on line 2",
            ),
            (
                "ts,close\n2025-05-13T00:30:00Z,1\n",
                "line 2, column `ts`: 2025-05-13T00:30:00Z is not on the hour",
            ),
            (
                "date,high,low,close\n2024-01-01,1,2,1.5\n",
                "line 2: high 1 is below low 2",
            ),
            (
                "date,open,close\n2024-01-01,0,1.5\n",
                "line 2, column `open`: 0 is not a positive price",
            ),
            (
                "close\n1\n",
                "the header has no `date`, `ts` or `open_time` column",
            ),
        ];
        for (text, want) in cases {
            let err = read(text).unwrap_err();
            assert!(err.starts_with(want), "{err}");
        }
    }
}

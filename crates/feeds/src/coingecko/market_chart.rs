//! `/coins/{id}/market_chart?vs_currency=..&days=..`: price, market-cap and
//! volume history.
//!
//! The body is `{"prices": [[ms, value], ..], "market_caps": [..],
//! "total_volumes": [..]}`. Granularity depends on `days`: about 5 minutes
//! for 1 day, hourly up to 90 days, daily beyond (samples at 00:00 UTC plus a
//! final intraday one). Values are in `vs_currency`, which the body does not
//! name.

use serde_json::Value;

use crate::lenient::{kind, value_f64, value_time_ms};
use crate::response::json_body;
use crate::series::{Point, TimeSeries};
use crate::{FeedError, RowError};

const ENDPOINT: &str = "/coins/{id}/market_chart";

/// The three series of a market chart, each sorted with one point per time.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MarketChart {
    pub prices: TimeSeries,
    pub market_caps: TimeSeries,
    pub total_volumes: TimeSeries,
}

/// Parses a market-chart body. `prices` must be present; a missing or `null`
/// `market_caps` or `total_volumes` is an empty series.
///
/// Within a series: unsorted or repeated timestamps are sorted, keeping the
/// last sample sent for a time; a pair whose value is `null` is skipped as
/// "no data"; a pair that is not `[time, value]` with a usable time and a
/// number (or numeric string) for a value becomes a [`RowError`] whose `id`
/// names the series.
pub fn parse_market_chart(body: &str) -> Result<(MarketChart, Vec<RowError>), FeedError> {
    let value = json_body(super::PROVIDER, ENDPOINT, body)?;
    let Value::Object(mut map) = value else {
        return Err(malformed(format!(
            "expected an object of series, got {}",
            kind(&value)
        )));
    };
    let mut errors = Vec::new();
    let mut series = |name: &'static str, required: bool| -> Result<TimeSeries, FeedError> {
        match map.remove(name) {
            Some(Value::Array(rows)) => Ok(read_series(name, rows, &mut errors)),
            None | Some(Value::Null) if !required => Ok(TimeSeries::default()),
            None | Some(Value::Null) => Err(malformed(format!("{name} is missing"))),
            Some(other) => Err(malformed(format!(
                "{name} should be an array, got {}",
                kind(&other)
            ))),
        }
    };
    let chart = MarketChart {
        prices: series("prices", true)?,
        market_caps: series("market_caps", false)?,
        total_volumes: series("total_volumes", false)?,
    };
    // Prices are the answer: a chart without a usable price, or with fewer
    // usable than unusable, is not one.
    let bad_prices = errors
        .iter()
        .filter(|e| e.id.as_deref() == Some("prices"))
        .count();
    crate::response::enough_rows(super::PROVIDER, ENDPOINT, chart.prices.len(), bad_prices)?;
    Ok((chart, errors))
}

fn read_series(name: &'static str, rows: Vec<Value>, errors: &mut Vec<RowError>) -> TimeSeries {
    let mut points = Vec::with_capacity(rows.len());
    for (index, row) in rows.iter().enumerate() {
        match read_pair(row) {
            Ok(Some(point)) => points.push(point),
            Ok(None) => {}
            Err(message) => errors.push(RowError {
                index,
                id: Some(name.to_owned()),
                message,
            }),
        }
    }
    TimeSeries::from_points(points)
}

fn read_pair(row: &Value) -> Result<Option<Point>, String> {
    let pair = match row {
        Value::Array(pair) if pair.len() == 2 => pair,
        Value::Array(pair) => {
            return Err(format!("expected [time, value], got {} items", pair.len()));
        }
        other => return Err(format!("expected [time, value], got {}", kind(other))),
    };
    let time_ms = value_time_ms(&pair[0], 1)?;
    Ok(value_f64(&pair[1])?.map(|value| Point { time_ms, value }))
}

fn malformed(detail: String) -> FeedError {
    FeedError::Malformed {
        provider: super::PROVIDER,
        detail: format!("{ENDPOINT}: {detail}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::series::DAY_MS;

    const FIVE_MINUTE: &str =
        include_str!("../../tests/fixtures/coingecko_market_chart_1day_5min_2023-03-15.json");
    const DAILY_EUR: &str =
        include_str!("../../tests/fixtures/coingecko_market_chart_bitcoin_eur_daily_trimmed.json");

    fn pairs(s: &TimeSeries) -> Vec<(i64, f64)> {
        s.points().iter().map(|p| (p.time_ms, p.value)).collect()
    }

    #[test]
    fn parses_a_recorded_five_minute_chart() {
        let (chart, errors) = parse_market_chart(FIVE_MINUTE).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(chart.prices.len(), 289);
        assert_eq!(chart.market_caps.len(), 289);
        assert_eq!(chart.total_volumes.len(), 289);
        assert_eq!(
            chart.prices.first().map(|p| (p.time_ms, p.value)),
            Some((1678836069765, 1.1917424918923705))
        );
        assert_eq!(
            chart.market_caps.last().map(|p| (p.time_ms, p.value)),
            Some((1678922408000, 10139494524.083937))
        );
    }

    #[test]
    fn daily_resampling_of_a_recorded_chart_keeps_each_days_last_price() {
        // 2023-03-14 23:21 UTC to 2023-03-15 23:20 UTC: two UTC days.
        let (chart, _) = parse_market_chart(FIVE_MINUTE).unwrap();
        let daily = chart.prices.daily_last();
        assert_eq!(
            pairs(&daily),
            [
                (1678752000000, 1.2012920746321),
                (1678838400000, 1.1166267344471446)
            ]
        );
    }

    #[test]
    fn a_recorded_daily_chart_keeps_one_point_per_day_plus_today() {
        let (chart, errors) = parse_market_chart(DAILY_EUR).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(chart.prices.len(), 33);
        assert_eq!(
            chart.prices.first().map(|p| p.value),
            Some(94912.39749150201)
        );
        let daily = chart.prices.daily_last();
        // The final intraday sample (2026-07-09 18:47 UTC) replaces that
        // day's 00:00 sample.
        assert_eq!(daily.len(), 32);
        assert_eq!(
            daily.last().map(|p| (p.time_ms, p.value)),
            Some((1783555200000, 55356.85985350865))
        );
        assert!(daily.points().iter().all(|p| p.time_ms % DAY_MS == 0));
    }

    #[test]
    fn nulls_strings_and_scientific_notation_inside_pairs_are_tolerated() {
        let body = r#"{"prices": [[3000, "2.5"], [1000, 1e-7], [2000, null], [4000, "4E2"]],
                       "market_caps": [[1000, 0], [2000, null]],
                       "total_volumes": null}"#;
        let (chart, errors) = parse_market_chart(body).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            pairs(&chart.prices),
            [(1000, 1e-7), (3000, 2.5), (4000, 400.0)]
        );
        assert_eq!(pairs(&chart.market_caps), [(1000, 0.0)]);
        assert!(chart.total_volumes.is_empty());
    }

    #[test]
    fn unsorted_and_duplicate_timestamps_are_sorted_keeping_the_last() {
        let body = r#"{"prices": [[3, 30], [1, 10], [3, 31], [2, 20], [1, 11]]}"#;
        let (chart, _) = parse_market_chart(body).unwrap();
        assert_eq!(pairs(&chart.prices), [(1, 11.0), (2, 20.0), (3, 31.0)]);
    }

    #[test]
    fn broken_pairs_are_row_errors_naming_their_series() {
        let body = r#"{"prices": [[1, 1], [2], [null, 3], ["x", 4], [5, "n/a"], {"t": 6}, [7, 7, 7], [8, 8]],
                       "total_volumes": [[1, true]]}"#;
        // Two usable prices of eight: not a chart.
        assert!(matches!(
            parse_market_chart(body),
            Err(FeedError::Malformed { .. })
        ));
        let body = body.replace("[8, 8]]", "[8, 8], [9, 9], [10, 10], [11, 11], [12, 12]]");
        let (chart, errors) = parse_market_chart(&body).unwrap();
        assert_eq!(
            pairs(&chart.prices),
            [
                (1, 1.0),
                (8, 8.0),
                (9, 9.0),
                (10, 10.0),
                (11, 11.0),
                (12, 12.0)
            ]
        );
        let failed: Vec<_> = errors
            .iter()
            .map(|e| (e.id.as_deref().unwrap_or(""), e.index))
            .collect();
        assert_eq!(
            failed,
            [
                ("prices", 1),
                ("prices", 2),
                ("prices", 3),
                ("prices", 4),
                ("prices", 5),
                ("prices", 6),
                ("total_volumes", 0)
            ]
        );
    }

    #[test]
    fn wrong_shapes_are_malformed_and_error_bodies_are_provider_errors() {
        for body in [
            "[]",
            "{}",
            r#"{"prices": {"a": 1}}"#,
            r#"{"prices": [], "market_caps": 5}"#,
            r#"{"prices": [[1, 2]"#,
        ] {
            assert!(
                matches!(parse_market_chart(body), Err(FeedError::Malformed { .. })),
                "{body}"
            );
        }
        assert!(matches!(
            parse_market_chart(r#"{"error":"coin not found"}"#),
            Err(FeedError::Provider { message, .. }) if message == "coin not found"
        ));
        // No price at all is not an answer either.
        assert!(matches!(
            parse_market_chart(r#"{"prices": [], "market_caps": [], "total_volumes": []}"#),
            Err(FeedError::Malformed { .. })
        ));
    }
}

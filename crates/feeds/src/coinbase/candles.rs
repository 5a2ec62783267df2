//! `/products/{product_id}/candles?granularity=..`: candles, **newest first**.
//!
//! Each row is `[time, low, high, open, close, volume]`: `time` is the bar's
//! start in Unix **seconds**, prices are numbers in the quote currency and
//! `volume` is in the base asset. Note the order: low and high come before
//! open and close. No quote volume or trade count is sent.

use serde_json::Value;

use crate::candle::{Candle, chronological};
use crate::lenient::{kind, value_f64, value_time_ms};
use crate::response::json_rows;
use crate::{FeedError, RowError};

/// Parses a candles body row by row into candles, **oldest first** with one
/// per open time. Rows that cannot be read or whose prices violate
/// `high >= max(open, close) >= min(open, close) >= low` become
/// [`RowError`]s whose `id` is the open time in ms when it could be read.
/// Rule of every list answer ([`crate::response::enough_rows`]): no usable
/// row, or fewer than half the rows usable, is [`FeedError::Malformed`].
pub fn parse_candles(body: &str) -> Result<(Vec<Candle>, Vec<RowError>), FeedError> {
    let (rows, errors) = read_candles(body)?;
    crate::response::enough_rows(
        super::PROVIDER,
        "/products/{id}/candles",
        rows.len(),
        errors.len(),
    )?;
    Ok((rows, errors))
}

/// The rows of a body and the rows that could not be read, before the rule
/// of [`parse_candles`].
fn read_candles(body: &str) -> Result<(Vec<Candle>, Vec<RowError>), FeedError> {
    let rows = json_rows(super::PROVIDER, "/products/{id}/candles", body)?;
    let mut candles = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        match read_candle(row) {
            Ok(candle) => candles.push(candle),
            Err(message) => errors.push(RowError {
                index,
                id: row
                    .get(0)
                    .and_then(|t| value_time_ms(t, 1000).ok())
                    .map(|t| t.to_string()),
                message,
            }),
        }
    }
    // Newest first on the wire: sorting puts them oldest first, and of two
    // rows with one time the later in the response is kept.
    Ok((chronological(candles), errors))
}

fn read_candle(row: &Value) -> Result<Candle, String> {
    let fields = match row {
        Value::Array(fields) if fields.len() >= 6 => fields,
        Value::Array(fields) => return Err(format!("expected 6 fields, got {}", fields.len())),
        other => return Err(format!("expected an array, got {}", kind(other))),
    };
    let number = |i: usize, name: &str| -> Result<f64, String> {
        value_f64(&fields[i])
            .map_err(|e| format!("{name}: {e}"))?
            .ok_or_else(|| format!("{name} is missing"))
    };
    let candle = Candle {
        open_time_ms: value_time_ms(&fields[0], 1000).map_err(|e| format!("time: {e}"))?,
        low: number(1, "low")?,
        high: number(2, "high")?,
        open: number(3, "open")?,
        close: number(4, "close")?,
        volume: number(5, "volume")?,
        quote_volume: None,
        trades: None,
    };
    candle.check()?;
    Ok(candle)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Constructed in the documented shape; see the fixtures README.
    const DOCUMENTED: &str =
        include_str!("../../tests/fixtures/coinbase_products_candles_documented_shape.json");

    #[test]
    fn newest_first_rows_come_back_oldest_first_in_ms() {
        let (candles, errors) = parse_candles(DOCUMENTED).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        let times: Vec<_> = candles.iter().map(|c| c.open_time_ms).collect();
        assert_eq!(times, [1735689600000, 1735776000000, 1735862400000]);
        assert_eq!(
            candles[0],
            Candle {
                open_time_ms: 1735689600000,
                open: 100.0,
                high: 110.0,
                low: 90.0,
                close: 105.0,
                volume: 1000.5,
                quote_volume: None,
                trades: None,
            }
        );
    }

    #[test]
    fn low_and_high_are_read_from_their_own_columns() {
        // [time, low, high, open, close, volume]: swapping low and high must fail.
        let (ok, _) = parse_candles("[[60, 1, 3, 2, 2.5, 7]]").unwrap();
        assert_eq!(
            (ok[0].low, ok[0].high, ok[0].open, ok[0].close),
            (1.0, 3.0, 2.0, 2.5)
        );
        let (none, errors) = read_candles("[[60, 3, 1, 2, 2.5, 7]]").unwrap();
        assert!(parse_candles("[[60, 3, 1, 2, 2.5, 7]]").is_err());
        assert!(none.is_empty());
        assert_eq!(errors[0].id.as_deref(), Some("60000"));
    }

    #[test]
    fn hand_broken_rows_are_row_errors_and_duplicates_keep_the_later_row() {
        let body = r#"[
            [180, 1, 3, 2, 2.5, 7],
            [120, "1", "3", "2", "2.5", "7"],
            [120, 1, 4, 2, 2.5, 7],
            [60, 1, 3, 2, null, 7],
            [60, 1, 3],
            {"time": 60},
            [1e20, 1, 3, 2, 2.5, 7],
            [0, 1, 3, 2, 2.5, "7e0"]
        ]"#;
        let (candles, errors) = read_candles(body).unwrap();
        let got: Vec<_> = candles.iter().map(|c| (c.open_time_ms, c.high)).collect();
        assert_eq!(got, [(0, 3.0), (120_000, 4.0), (180_000, 3.0)]);
        let failed: Vec<_> = errors.iter().map(|e| e.index).collect();
        assert_eq!(failed, [3, 4, 5, 6]);
    }

    #[test]
    fn error_bodies_are_provider_errors() {
        assert!(matches!(
            parse_candles(r#"{"message":"NotFound"}"#),
            Err(FeedError::Provider { provider: "Coinbase", message, .. }) if message == "NotFound"
        ));
        assert!(matches!(
            parse_candles("[[1,2"),
            Err(FeedError::Malformed { .. })
        ));
    }
}

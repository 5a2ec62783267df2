//! `/api/v3/klines?symbol=..&interval=..`: candles, oldest first.
//!
//! Each row is an array of 12 fields: `[open_time_ms, "open", "high", "low",
//! "close", "volume", close_time_ms, "quote_volume", trades,
//! "taker_buy_base_volume", "taker_buy_quote_volume", "ignore"]`. Used:
//! fields 0–5, 7 and 8. The symbol and interval are not in the body.

use serde_json::Value;

use crate::candle::{Candle, chronological};
use crate::lenient::{kind, value_f64, value_time_ms, whole};
use crate::response::json_rows;
use crate::{FeedError, RowError};

/// Parses a klines body row by row into candles, oldest first with one per
/// open time. A row needs at least the six fields up to `volume`; rows that
/// cannot be read, or whose prices violate
/// `high >= max(open, close) >= min(open, close) >= low`, become
/// [`RowError`]s whose `id` is the open time when it could be read.
/// Rule of every list answer ([`crate::response::enough_rows`]): no usable
/// row, or fewer than half the rows usable, is [`FeedError::Malformed`].
pub fn parse_klines(body: &str) -> Result<(Vec<Candle>, Vec<RowError>), FeedError> {
    let (rows, errors) = read_klines(body)?;
    crate::response::enough_rows(super::PROVIDER, "/api/v3/klines", rows.len(), errors.len())?;
    Ok((rows, errors))
}

/// The rows of a body and the rows that could not be read, before the rule
/// of [`parse_klines`].
fn read_klines(body: &str) -> Result<(Vec<Candle>, Vec<RowError>), FeedError> {
    let rows = json_rows(super::PROVIDER, "/api/v3/klines", body)?;
    let mut candles = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        match read_kline(row) {
            Ok(candle) => candles.push(candle),
            Err(message) => errors.push(RowError {
                index,
                id: row
                    .get(0)
                    .and_then(|t| value_time_ms(t, 1).ok())
                    .map(|t| t.to_string()),
                message,
            }),
        }
    }
    Ok((chronological(candles), errors))
}

fn read_kline(row: &Value) -> Result<Candle, String> {
    let fields = match row {
        Value::Array(fields) if fields.len() >= 6 => fields,
        Value::Array(fields) => {
            return Err(format!("expected 12 fields, got {}", fields.len()));
        }
        other => return Err(format!("expected an array, got {}", kind(other))),
    };
    let required = |i: usize, name: &str| -> Result<f64, String> {
        value_f64(&fields[i])
            .map_err(|e| format!("{name}: {e}"))?
            .ok_or_else(|| format!("{name} is missing"))
    };
    let optional = |i: usize, name: &str| -> Result<Option<f64>, String> {
        fields
            .get(i)
            .map_or(Ok(None), value_f64)
            .map_err(|e| format!("{name}: {e}"))
    };
    let candle = Candle {
        open_time_ms: value_time_ms(&fields[0], 1).map_err(|e| format!("open time: {e}"))?,
        open: required(1, "open")?,
        high: required(2, "high")?,
        low: required(3, "low")?,
        close: required(4, "close")?,
        volume: required(5, "volume")?,
        quote_volume: optional(7, "quote volume")?,
        trades: whole(optional(8, "trades")?),
    };
    candle.check()?;
    Ok(candle)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BTC_DAILY: &str =
        include_str!("../../tests/fixtures/binance_api_v3_klines_BTCUSDT_1d_2026-10-01.json");
    const ADA_MINUTES: &str = include_str!(
        "../../tests/fixtures/binance_api_v3_klines_ADAUSDT_1m_2024-11-16_first60.json"
    );

    #[test]
    fn parses_recorded_daily_klines_with_all_fields() {
        let (candles, errors) = parse_klines(BTC_DAILY).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            candles[0],
            Candle {
                open_time_ms: 1790899200000,
                open: 84880.05,
                high: 87220.0,
                low: 83888.0,
                close: 84518.01,
                volume: 26497.91954,
                quote_volume: Some(2_268_231_876.268_694),
                trades: Some(3801781),
            }
        );
        assert_eq!(candles[1].close, 84705.64);
    }

    #[test]
    fn parses_an_hour_of_recorded_minute_klines_in_order() {
        let (candles, errors) = parse_klines(ADA_MINUTES).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(candles.len(), 60);
        assert!(
            candles
                .windows(2)
                .all(|w| w[1].open_time_ms - w[0].open_time_ms == 60_000)
        );
        assert_eq!(candles[0].open, 0.7227);
        assert_eq!(candles[59].close, 0.7624);
        assert_eq!(candles[59].trades, Some(3471));
    }

    #[test]
    fn rows_breaking_the_price_range_are_row_errors() {
        // The first recorded row, then the same row with high and low swapped,
        // then one whose close sits above its high.
        let body = r#"[
            [1731748020000,"0.72270000","0.72560000","0.72270000","0.72440000","574761.5",1731748079999,"416461.9994",1760,"0","0","0"],
            [1731748080000,"0.72440000","0.72120000","0.72480000","0.72250000","402128.3",1731748139999,"290674.91454",1217,"0","0","0"],
            [1731748140000,"0.72250000","0.72290000","0.72070000","0.72350000","610172.1",1731748199999,"440313.56303",1138,"0","0","0"]
        ]"#;
        let (candles, errors) = read_klines(body).unwrap();
        assert_eq!(candles.len(), 1);
        // One usable row of three is not an answer.
        assert!(matches!(
            parse_klines(body),
            Err(FeedError::Malformed { .. })
        ));
        let failed: Vec<_> = errors.iter().map(|e| (e.index, e.id.as_deref())).collect();
        assert_eq!(
            failed,
            [(1, Some("1731748080000")), (2, Some("1731748140000"))]
        );
        assert!(
            errors[1].message.contains("high 0.7229"),
            "{}",
            errors[1].message
        );
    }

    #[test]
    fn hand_broken_rows_are_row_errors_and_the_rest_survive() {
        let body = r#"[
            [3000, 1, 2, 0.5, 1.5, 10],
            [1000, "1e0", "2.0", "5E-1", "1.5", "10", 0, null, null],
            [2000, null, "2", "0.5", "1.5", "10"],
            [4000, "1", "2", "0.5"],
            "4000,1,2,0.5,1.5",
            [null, "1", "2", "0.5", "1.5", "10"],
            [5000, "one", "2", "0.5", "1.5", "10"],
            [6000, "1", "2", "0.5", "1.5", "-10"],
            [7000, "1", "2", "0.5", "1.5", "10", 0, "lots", 3],
            [3000, "1", "3", "0.5", "1.5", "10", 0, "15", 2.5]
        ]"#;
        let (candles, errors) = read_klines(body).unwrap();
        let got: Vec<_> = candles
            .iter()
            .map(|c| (c.open_time_ms, c.high, c.quote_volume, c.trades))
            .collect();
        assert_eq!(
            got,
            [(1000, 2.0, None, None), (3000, 3.0, Some(15.0), None)],
            "sorted, and the later of the two 3000 rows wins"
        );
        let failed: Vec<_> = errors.iter().map(|e| e.index).collect();
        assert_eq!(failed, [2, 3, 4, 5, 6, 7, 8]);
    }

    #[test]
    fn binance_error_bodies_are_provider_errors() {
        assert_eq!(
            parse_klines(r#"{"code":-1121,"msg":"Invalid symbol."}"#),
            Err(FeedError::Provider {
                provider: "Binance",
                code: Some(-1121),
                message: "Invalid symbol.".into()
            })
        );
        assert!(matches!(
            parse_klines(r#"{"x":1}"#),
            Err(FeedError::Malformed { .. })
        ));
        assert!(matches!(
            parse_klines(r#"[[1,"1""#),
            Err(FeedError::Malformed { .. })
        ));
        assert!(matches!(
            parse_klines("[]"),
            Err(FeedError::Malformed { .. })
        ));
    }
}

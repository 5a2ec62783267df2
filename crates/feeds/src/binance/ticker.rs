//! `/api/v3/ticker/24hr`: rolling 24-hour statistics. With `symbol=..` the
//! body is one object; with `symbols=[..]` or no symbol, an array of them.
//!
//! Used fields: `symbol`, `lastPrice`, `priceChange`, `priceChangePercent`,
//! `weightedAvgPrice`, `openPrice`, `highPrice`, `lowPrice`, `volume`
//! (base asset), `quoteVolume`, `openTime`, `closeTime`, `count`.

use serde::Deserialize;
use serde_json::Value;

use crate::lenient::{opt_f64, whole};
use crate::response::json_body;
use crate::{FeedError, RowError};

/// One ticker as Binance sends it. Every field but `symbol` may be missing.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BinanceTicker {
    pub symbol: String,
    #[serde(default, deserialize_with = "opt_f64")]
    pub last_price: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub price_change: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub price_change_percent: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub weighted_avg_price: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub open_price: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub high_price: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub low_price: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub volume: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub quote_volume: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub open_time: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub close_time: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub count: Option<f64>,
}

/// 24-hour statistics for one symbol, normalised.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
pub struct Ticker24h {
    /// Binance symbol, e.g. `BTCUSDT`.
    pub symbol: String,
    pub last_price: Option<f64>,
    pub price_change: Option<f64>,
    /// Change over the window, in percent.
    pub change_pct: Option<f64>,
    pub weighted_avg_price: Option<f64>,
    pub open_price: Option<f64>,
    pub high_price: Option<f64>,
    pub low_price: Option<f64>,
    /// Traded amount in the base asset.
    pub volume: Option<f64>,
    /// Traded amount in the quote asset.
    pub quote_volume: Option<f64>,
    pub open_time_ms: Option<i64>,
    pub close_time_ms: Option<i64>,
    /// Number of trades in the window.
    pub trades: Option<u64>,
}

impl BinanceTicker {
    /// Normalises the row; fails when the symbol is not plausible.
    pub fn normalise(self) -> Result<Ticker24h, String> {
        if !super::valid_symbol(&self.symbol) {
            return Err(format!("invalid symbol {:?}", self.symbol));
        }
        let non_negative = |v: Option<f64>| v.filter(|v| *v >= 0.0);
        let time = |v: Option<f64>| {
            whole(v)
                .and_then(|t| i64::try_from(t).ok())
                .filter(|t| *t <= crate::lenient::MAX_TIME_MS)
        };
        Ok(Ticker24h {
            symbol: self.symbol,
            last_price: non_negative(self.last_price),
            price_change: self.price_change,
            change_pct: self.price_change_percent,
            weighted_avg_price: non_negative(self.weighted_avg_price),
            open_price: non_negative(self.open_price),
            high_price: non_negative(self.high_price),
            low_price: non_negative(self.low_price),
            volume: non_negative(self.volume),
            quote_volume: non_negative(self.quote_volume),
            open_time_ms: time(self.open_time),
            close_time_ms: time(self.close_time),
            trades: whole(self.count),
        })
    }
}

/// Parses a 24-hour ticker body, one object or an array, row by row.
/// Rule of every list answer ([`crate::response::enough_rows`]): no usable
/// row, or fewer than half the rows usable, is [`FeedError::Malformed`].
pub fn parse_ticker_24hr(body: &str) -> Result<(Vec<Ticker24h>, Vec<RowError>), FeedError> {
    let (rows, errors) = read_ticker_24hr(body)?;
    crate::response::enough_rows(
        super::PROVIDER,
        "/api/v3/ticker/24hr",
        rows.len(),
        errors.len(),
    )?;
    Ok((rows, errors))
}

/// The rows of a body and the rows that could not be read, before the rule
/// of [`parse_ticker_24hr`].
fn read_ticker_24hr(body: &str) -> Result<(Vec<Ticker24h>, Vec<RowError>), FeedError> {
    let rows = match json_body(super::PROVIDER, "/api/v3/ticker/24hr", body)? {
        Value::Array(rows) => rows,
        object @ Value::Object(_) => vec![object],
        other => {
            return Err(FeedError::Malformed {
                provider: super::PROVIDER,
                detail: format!(
                    "/api/v3/ticker/24hr should be an object or an array, got {}",
                    crate::lenient::kind(&other)
                ),
            });
        }
    };
    let mut tickers = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    for (index, row) in rows.into_iter().enumerate() {
        let id = row
            .get("symbol")
            .and_then(|v| v.as_str())
            .map(str::to_owned);
        match serde_json::from_value::<BinanceTicker>(row)
            .map_err(|e| e.to_string())
            .and_then(BinanceTicker::normalise)
        {
            Ok(ticker) => tickers.push(ticker),
            Err(message) => errors.push(RowError { index, id, message }),
        }
    }
    Ok((tickers, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORDED: &str =
        include_str!("../../tests/fixtures/binance_api_v3_ticker_24hr_2026-10-02.json");

    #[test]
    fn parses_a_recorded_ticker_array() {
        let (tickers, errors) = parse_ticker_24hr(RECORDED).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        let btc = &tickers[0];
        assert_eq!(btc.symbol, "BTCUSDT");
        assert_eq!(btc.last_price, Some(84705.64));
        assert_eq!(btc.change_pct, Some(0.242));
        assert_eq!(btc.quote_volume, Some(576562556.5317222));
        assert_eq!(btc.open_time_ms, Some(1790975825001));
        assert_eq!(btc.trades, Some(710140));
        assert_eq!(tickers[1].symbol, "ETHUSDT");
        assert_eq!(tickers[1].high_price, Some(2690.0));
    }

    #[test]
    fn a_single_object_is_one_ticker() {
        let recorded: Value = serde_json::from_str(RECORDED).unwrap();
        let single = recorded[1].to_string();
        let (tickers, errors) = parse_ticker_24hr(&single).unwrap();
        assert!(errors.is_empty());
        assert_eq!(tickers.len(), 1);
        assert_eq!(tickers[0].last_price, Some(2687.75));
    }

    #[test]
    fn broken_tickers_are_row_errors() {
        let body = r#"[
            {"symbol": "OKUSDT", "lastPrice": 1.5, "priceChangePercent": "-0.5", "count": null},
            {"symbol": "BADUSDT", "lastPrice": "n/a"},
            {"symbol": "bad/usdt"},
            {"lastPrice": "1"},
            [1, 2]
        ]"#;
        let (tickers, errors) = read_ticker_24hr(body).unwrap();
        assert!(parse_ticker_24hr(body).is_err(), "one usable row of five");
        assert_eq!(tickers.len(), 1);
        assert_eq!(tickers[0].change_pct, Some(-0.5));
        assert_eq!(tickers[0].trades, None);
        let failed: Vec<_> = errors.iter().map(|e| (e.index, e.id.as_deref())).collect();
        assert_eq!(
            failed,
            [
                (1, Some("BADUSDT")),
                (2, Some("bad/usdt")),
                (3, None),
                (4, None)
            ]
        );
    }

    #[test]
    fn error_bodies_and_scalars_are_refused() {
        assert!(matches!(
            parse_ticker_24hr(
                r#"{"code":-1100,"msg":"Illegal characters found in parameter 'symbol'."}"#
            ),
            Err(FeedError::Provider {
                code: Some(-1100),
                ..
            })
        ));
        assert!(matches!(
            parse_ticker_24hr("42"),
            Err(FeedError::Malformed { .. })
        ));
        assert!(matches!(
            parse_ticker_24hr(""),
            Err(FeedError::Malformed { .. })
        ));
    }
}

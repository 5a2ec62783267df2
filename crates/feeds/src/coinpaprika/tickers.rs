//! `/tickers` (and `/tickers?quotes=USD`): the market list, normalised into
//! [`TokenMarket`] so it can stand in for CoinGecko's `/coins/markets`.
//!
//! Used fields: `id` (`btc-bitcoin`: CoinPaprika's own ids, not
//! CoinGecko's), `symbol`, `name`, `rank`, `circulating_supply`,
//! `total_supply`, `max_supply`, and under `quotes.USD`: `price`,
//! `volume_24h`, `market_cap`, `percent_change_{1h,24h,7d,30d,1y}`,
//! `ath_price`, `percent_from_price_ath`.
//!
//! CoinPaprika sends `max_supply: 0` for coins without a cap and `rank: 0`
//! for unranked coins; both become `None`. It has no fully diluted
//! valuation, 14-day or 200-day change, all-time low or sparkline.

use serde::Deserialize;

use crate::lenient::opt_f64;
use crate::response::json_rows;
use crate::snapshot::{TokenMarket, clean_text, dedupe_symbols, valid_id};
use crate::{FeedError, RowError};

/// One ticker of a `/tickers` response, as CoinPaprika sends it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PaprikaTicker {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub symbol: Option<String>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub rank: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub circulating_supply: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub total_supply: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub max_supply: Option<f64>,
    #[serde(default)]
    pub quotes: Option<Quotes>,
}

/// `quotes` of a ticker; only USD is read.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Quotes {
    #[serde(default, rename = "USD")]
    pub usd: Option<Quote>,
}

/// One currency's quote of a ticker.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Quote {
    #[serde(default, deserialize_with = "opt_f64")]
    pub price: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub volume_24h: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub market_cap: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub percent_change_1h: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub percent_change_24h: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub percent_change_7d: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub percent_change_30d: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub percent_change_1y: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub ath_price: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub percent_from_price_ath: Option<f64>,
}

impl PaprikaTicker {
    /// Normalises the row; fails when its id cannot be used in a URL or
    /// it has no USD quote (the request asks for one: a row without it is
    /// not a ticker of this list).
    pub fn normalise(self) -> Result<TokenMarket, String> {
        if !valid_id(&self.id) {
            return Err(format!("invalid coin id {:?}", self.id));
        }
        let symbol = clean_text(self.symbol.as_deref().unwrap_or(""), 24).to_ascii_uppercase();
        let name = clean_text(self.name.as_deref().unwrap_or(""), 80);
        let Some(usd) = self.quotes.and_then(|q| q.usd) else {
            return Err(format!("coin {:?} has no USD quote", self.id));
        };
        let usd = Some(usd);
        let quote = |f: fn(&Quote) -> Option<f64>| usd.as_ref().and_then(f);
        let non_negative = |v: Option<f64>| v.filter(|v| *v >= 0.0);
        Ok(TokenMarket {
            name: if name.is_empty() {
                self.id.clone()
            } else {
                name
            },
            symbol,
            id: self.id,
            rank: self
                .rank
                .filter(|r| *r >= 1.0 && *r <= u32::MAX as f64)
                .map(|r| r as u32),
            price: non_negative(quote(|q| q.price)),
            market_cap: non_negative(quote(|q| q.market_cap)),
            fully_diluted_valuation: None,
            total_volume: non_negative(quote(|q| q.volume_24h)),
            change_24h_pct: quote(|q| q.percent_change_24h),
            circulating_supply: non_negative(self.circulating_supply),
            total_supply: non_negative(self.total_supply),
            max_supply: self.max_supply.filter(|v| *v > 0.0),
            change_1h_pct: quote(|q| q.percent_change_1h),
            change_7d_pct: quote(|q| q.percent_change_7d),
            change_30d_pct: quote(|q| q.percent_change_30d),
            change_1y_pct: quote(|q| q.percent_change_1y),
            ath: non_negative(quote(|q| q.ath_price)),
            ath_change_pct: quote(|q| q.percent_from_price_ath),
            ..TokenMarket::default()
        })
    }
}

/// Parses a `/tickers` body row by row (see [`crate::coingecko::parse_markets`]).
/// Rule of every list answer ([`crate::response::enough_rows`]): no usable
/// row, or fewer than half the rows usable, is [`FeedError::Malformed`].
pub fn parse_tickers(body: &str) -> Result<(Vec<TokenMarket>, Vec<RowError>), FeedError> {
    let (rows, errors) = read_tickers(body)?;
    crate::response::enough_rows(super::PROVIDER, "/tickers", rows.len(), errors.len())?;
    Ok((rows, errors))
}

/// The rows of a body and the rows that could not be read, before the rule
/// of [`parse_tickers`].
fn read_tickers(body: &str) -> Result<(Vec<TokenMarket>, Vec<RowError>), FeedError> {
    let rows = json_rows(super::PROVIDER, "/tickers", body)?;
    let mut tokens = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    for (index, row) in rows.into_iter().enumerate() {
        let id = row.get("id").and_then(|v| v.as_str()).map(str::to_owned);
        match serde_json::from_value::<PaprikaTicker>(row)
            .map_err(|e| e.to_string())
            .and_then(PaprikaTicker::normalise)
        {
            Ok(token) => tokens.push((index, token)),
            Err(message) => errors.push(RowError { index, id, message }),
        }
    }
    // Cleaned symbols can meet ("BTC\u{202e}" is "BTC"): one row each.
    let (tokens, duplicates) = dedupe_symbols(tokens);
    errors.extend(duplicates);
    errors.sort_by_key(|e| e.index);
    Ok((tokens, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Constructed in the documented shape; see the fixtures README.
    const DOCUMENTED: &str =
        include_str!("../../tests/fixtures/coinpaprika_tickers_documented_shape.json");

    #[test]
    fn documented_tickers_become_token_markets() {
        let (tokens, errors) = parse_tickers(DOCUMENTED).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        let btc = &tokens[0];
        assert_eq!(
            (btc.id.as_str(), btc.symbol.as_str(), btc.name.as_str()),
            ("btc-bitcoin", "BTC", "Bitcoin")
        );
        assert_eq!(btc.rank, Some(1));
        assert_eq!(btc.price, Some(50000.0));
        assert_eq!(btc.market_cap, Some(950000000000.0));
        assert_eq!(btc.total_volume, Some(30000000000.0));
        assert_eq!(btc.max_supply, Some(21000000.0));
        assert_eq!(
            (
                btc.change_1h_pct,
                btc.change_24h_pct,
                btc.change_7d_pct,
                btc.change_30d_pct,
                btc.change_1y_pct
            ),
            (Some(1.2), Some(4.5), Some(8.2), Some(15.3), Some(120.5))
        );
        assert_eq!((btc.ath, btc.ath_change_pct), (Some(69000.0), Some(-27.54)));
        let eth = &tokens[1];
        assert_eq!(eth.max_supply, None, "0 means uncapped");
        assert_eq!(eth.fully_diluted_valuation, None);
    }

    #[test]
    fn a_token_market_from_coinpaprika_sizes_like_one_from_coingecko() {
        let (tokens, _) = parse_tickers(DOCUMENTED).unwrap();
        let data = tokens[0].market_data();
        assert_eq!(data.market_cap, Some(950000000000.0));
        assert_eq!(data.price, Some(50000.0));
        assert_eq!(data.circulating_supply, Some(19000000.0));
    }

    #[test]
    fn missing_quotes_and_broken_rows_are_handled_per_row() {
        let body = r#"[
            {"id": "no-quotes", "symbol": "nq", "rank": 0},
            {"id": "eur-only", "quotes": {"EUR": {"price": 1}}},
            {"id": "strings", "quotes": {"USD": {"price": "0.00000123", "market_cap": null}}},
            {"id": "bad-price", "quotes": {"USD": {"price": "free"}}},
            {"id": "bad-quotes", "quotes": 5},
            {"id": "BTC Bitcoin"},
            {"symbol": "x"}
        ]"#;
        let (tokens, errors) = read_tickers(body).unwrap();
        assert!(parse_tickers(body).is_err(), "one usable row of seven");
        let ids: Vec<_> = tokens
            .iter()
            .map(|t| (t.id.as_str(), t.rank, t.price))
            .collect();
        assert_eq!(ids, [("strings", None, Some(1.23e-6))]);
        let failed: Vec<_> = errors.iter().map(|e| e.index).collect();
        assert_eq!(failed, [0, 1, 3, 4, 5, 6]);
        // A row without a USD quote is not a row of a USD ticker list.
        assert_eq!(errors[0].message, "coin \"no-quotes\" has no USD quote");
        assert_eq!(errors[1].message, "coin \"eur-only\" has no USD quote");
    }

    #[test]
    fn spoofed_symbols_are_cleaned_and_deduplicated_by_rank() {
        let body = r#"[
            {"id": "btc-fake", "symbol": "\u202eBTC", "name": "B\u200ditcoin", "rank": 4000, "quotes": {"USD": {"price": 1}}},
            {"id": "btc-bitcoin", "symbol": "BTC", "name": "Bitcoin", "rank": 1, "quotes": {"USD": {"price": 50000}}},
            {"id": "eth-ethereum", "symbol": "ETH", "name": "Ethereum", "rank": 2, "quotes": {"USD": {"price": 3000}}}
        ]"#;
        let (tokens, errors) = parse_tickers(body).unwrap();
        let rows: Vec<_> = tokens
            .iter()
            .map(|t| (t.id.as_str(), t.symbol.as_str()))
            .collect();
        assert_eq!(rows, [("btc-bitcoin", "BTC"), ("eth-ethereum", "ETH")]);
        assert_eq!(errors.len(), 1);
        assert_eq!(
            (errors[0].index, errors[0].id.as_deref()),
            (0, Some("btc-fake"))
        );
    }

    #[test]
    fn error_bodies_are_provider_errors() {
        assert!(matches!(
            parse_tickers(r#"{"error":"id not found"}"#),
            Err(FeedError::Provider {
                provider: "CoinPaprika",
                ..
            })
        ));
        assert!(matches!(
            parse_tickers("nope"),
            Err(FeedError::Malformed { .. })
        ));
    }
}

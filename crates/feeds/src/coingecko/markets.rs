//! `/coins/markets`: the market list (price, market cap, supply, volume).
//!
//! Used fields: `id`, `symbol`, `name`, `current_price`, `market_cap`,
//! `market_cap_rank`, `fully_diluted_valuation`, `total_volume`,
//! `price_change_percentage_24h`, the supplies, `ath`,
//! `ath_change_percentage`, `atl`, and, when requested:
//! * `sparkline=true` adds `sparkline_in_7d: {"price": [..]}` (hourly, oldest
//!   first, about 168 points);
//! * `price_change_percentage=1h,24h,7d,14d,30d,200d,1y` adds
//!   `price_change_percentage_<period>_in_currency` for each period listed.

use serde::Deserialize;

use crate::lenient::{f64_seq, opt_f64};
use crate::response::json_rows;
use crate::snapshot::{TokenMarket, clean_text, dedupe_symbols, valid_id};
use crate::{FeedError, RowError};

/// `sparkline_in_7d` of a `/coins/markets` row.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Sparkline {
    /// Prices oldest first; `null` items are dropped.
    #[serde(default, deserialize_with = "f64_seq")]
    pub price: Vec<f64>,
}

/// One coin of a `/coins/markets` response, as CoinGecko sends it. Every
/// field but `id` may be missing or `null`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CoinMarket {
    pub id: String,
    #[serde(default)]
    pub symbol: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub current_price: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub market_cap: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub market_cap_rank: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub fully_diluted_valuation: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub total_volume: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub price_change_percentage_24h: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub circulating_supply: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub total_supply: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub max_supply: Option<f64>,
    #[serde(default)]
    pub last_updated: Option<String>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub ath: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub ath_change_percentage: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub atl: Option<f64>,
    #[serde(default)]
    pub sparkline_in_7d: Option<Sparkline>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub price_change_percentage_1h_in_currency: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub price_change_percentage_24h_in_currency: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub price_change_percentage_7d_in_currency: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub price_change_percentage_14d_in_currency: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub price_change_percentage_30d_in_currency: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub price_change_percentage_200d_in_currency: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub price_change_percentage_1y_in_currency: Option<f64>,
}

impl CoinMarket {
    /// Normalises the row; fails when its id cannot be used in a URL.
    pub fn normalise(self) -> Result<TokenMarket, String> {
        if !valid_id(&self.id) {
            return Err(format!("invalid coin id {:?}", self.id));
        }
        let symbol = clean_text(self.symbol.as_deref().unwrap_or(""), 24).to_ascii_uppercase();
        let name = clean_text(self.name.as_deref().unwrap_or(""), 80);
        Ok(TokenMarket {
            name: if name.is_empty() {
                self.id.clone()
            } else {
                name
            },
            symbol,
            id: self.id,
            rank: self
                .market_cap_rank
                .filter(|r| *r >= 1.0 && *r <= u32::MAX as f64)
                .map(|r| r as u32),
            price: self.current_price.filter(|p| *p >= 0.0),
            market_cap: self.market_cap.filter(|m| *m >= 0.0),
            fully_diluted_valuation: self.fully_diluted_valuation.filter(|v| *v >= 0.0),
            total_volume: self.total_volume.filter(|v| *v >= 0.0),
            change_24h_pct: self
                .price_change_percentage_24h
                .or(self.price_change_percentage_24h_in_currency),
            circulating_supply: self.circulating_supply.filter(|v| *v >= 0.0),
            total_supply: self.total_supply.filter(|v| *v >= 0.0),
            max_supply: self.max_supply.filter(|v| *v >= 0.0),
            change_1h_pct: self.price_change_percentage_1h_in_currency,
            change_7d_pct: self.price_change_percentage_7d_in_currency,
            change_14d_pct: self.price_change_percentage_14d_in_currency,
            change_30d_pct: self.price_change_percentage_30d_in_currency,
            change_200d_pct: self.price_change_percentage_200d_in_currency,
            change_1y_pct: self.price_change_percentage_1y_in_currency,
            ath: self.ath.filter(|v| *v >= 0.0),
            ath_change_pct: self.ath_change_percentage,
            atl: self.atl.filter(|v| *v >= 0.0),
            sparkline_7d: self
                .sparkline_in_7d
                .map(|s| s.price.into_iter().filter(|p| *p >= 0.0).collect())
                .unwrap_or_default(),
        })
    }
}

/// Parses a `/coins/markets` body row by row. The body must be a JSON array;
/// each row that cannot be read becomes a [`RowError`] and the others are kept.
/// A CoinGecko error body is [`FeedError::Provider`].
/// Rule of every list answer ([`crate::response::enough_rows`]): no usable
/// row, or fewer than half the rows usable, is [`FeedError::Malformed`].
pub fn parse_markets(body: &str) -> Result<(Vec<TokenMarket>, Vec<RowError>), FeedError> {
    let (rows, errors) = read_markets(body)?;
    crate::response::enough_rows(super::PROVIDER, "/coins/markets", rows.len(), errors.len())?;
    Ok((rows, errors))
}

/// The rows of a body and the rows that could not be read, before the rule
/// of [`parse_markets`].
fn read_markets(body: &str) -> Result<(Vec<TokenMarket>, Vec<RowError>), FeedError> {
    let rows = json_rows(super::PROVIDER, "/coins/markets", body)?;
    let mut tokens = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    for (index, row) in rows.into_iter().enumerate() {
        let id = row.get("id").and_then(|v| v.as_str()).map(str::to_owned);
        match serde_json::from_value::<CoinMarket>(row)
            .map_err(|e| e.to_string())
            .and_then(CoinMarket::normalise)
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

/// The UTC date (`YYYY-MM-DD`) of the most recent `last_updated` in a
/// `/coins/markets` body, if any row carries a well-formed one.
pub fn latest_update(body: &str) -> Option<String> {
    let rows: Vec<serde_json::Value> = serde_json::from_str(body).ok()?;
    rows.iter()
        .filter_map(|row| row.get("last_updated")?.as_str())
        .filter_map(|stamp| stamp.get(..10))
        .filter(|date| is_iso_date(date))
        .max()
        .map(str::to_owned)
}

pub(crate) fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORDED: &str = include_str!("../../tests/fixtures/coingecko_coins_markets_sample.json");
    const RECORDED_PC: &str =
        include_str!("../../tests/fixtures/coingecko_coins_markets_usd_pc24h7d_2026-06-08.json");
    const TRENDING: &str = include_str!(
        "../../tests/fixtures/coingecko_trending_plus_markets_processed_2025-09-06_trimmed.json"
    );

    #[test]
    fn parses_a_recorded_response() {
        let (tokens, errors) = parse_markets(RECORDED).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        let btc = &tokens[0];
        assert_eq!((btc.id.as_str(), btc.symbol.as_str()), ("bitcoin", "BTC"));
        assert_eq!(btc.price, Some(29309.0));
        assert_eq!(btc.market_cap, Some(569778313238.0));
        assert_eq!(btc.rank, Some(1));
        assert_eq!(btc.max_supply, Some(21e6));
    }

    #[test]
    fn one_broken_row_does_not_blank_the_list() {
        let body = r#"[
            {"id": "good", "symbol": "gd", "name": "Good", "current_price": "1.5", "market_cap": null},
            {"id": "bad", "current_price": "n/a"},
            {"symbol": "noid"},
            {"id": "<script>", "name": "x"},
            {"id": "sparse"}
        ]"#;
        let (tokens, errors) = read_markets(body).unwrap();
        let ids: Vec<_> = tokens.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["good", "sparse"]);
        // Two usable rows of five are too few to be the list.
        assert!(matches!(
            parse_markets(body),
            Err(FeedError::Malformed { .. })
        ));
        assert_eq!(tokens[0].price, Some(1.5));
        assert_eq!(tokens[1].name, "sparse");
        let bad: Vec<_> = errors.iter().map(|e| (e.index, e.id.clone())).collect();
        assert_eq!(
            bad,
            [
                (1, Some("bad".into())),
                (2, None),
                (3, Some("<script>".into()))
            ]
        );
        assert!(errors[0].message.contains("n/a"), "{}", errors[0].message);
    }

    #[test]
    fn a_spoofed_symbol_is_cleaned_and_the_better_ranked_row_kept() {
        let body = r#"[
            {"id": "fake-btc", "symbol": "btc\u202e", "name": "Bit\u200bcoin\u2066", "market_cap_rank": 900},
            {"id": "bitcoin", "symbol": "btc", "name": "Bitcoin", "market_cap_rank": 1},
            {"id": "ethereum", "symbol": "\ufeffeth", "name": "Ethereum", "market_cap_rank": 2},
            {"id": "eth-unranked", "symbol": "ETH\u200d"},
            {"id": "tether", "symbol": "usdt", "name": "Tether", "market_cap_rank": 3}
        ]"#;
        let (tokens, errors) = parse_markets(body).unwrap();
        let rows: Vec<_> = tokens
            .iter()
            .map(|t| (t.id.as_str(), t.symbol.as_str()))
            .collect();
        assert_eq!(
            rows,
            [("bitcoin", "BTC"), ("ethereum", "ETH"), ("tether", "USDT")]
        );
        let dropped: Vec<_> = errors.iter().map(|e| (e.index, e.id.as_deref())).collect();
        assert_eq!(dropped, [(0, Some("fake-btc")), (3, Some("eth-unranked"))]);
        assert_eq!(
            errors[0].message,
            "symbol \"BTC\" is also that of \"bitcoin\", which ranks better"
        );
        // Of two unranked rows, the first sent is kept.
        let body = r#"[{"id": "a", "symbol": "x"}, {"id": "b", "symbol": "x\u2069"}]"#;
        let (tokens, errors) = read_markets(body).unwrap();
        assert_eq!(tokens.len(), 1);
        assert_eq!(tokens[0].id, "a");
        assert_eq!(errors[0].id.as_deref(), Some("b"));
    }

    #[test]
    fn an_empty_list_or_a_renamed_id_is_not_an_answer() {
        let empty = parse_markets("[]");
        assert!(
            matches!(empty, Err(FeedError::Malformed { .. })),
            "{empty:?}"
        );
        let renamed = RECORDED.replace("\"id\":", "\"coin_id\":");
        let Err(FeedError::Malformed { detail, .. }) = parse_markets(&renamed) else {
            panic!("a page of rows without ids was accepted");
        };
        assert!(
            detail.starts_with("/coins/markets: no usable row (0 of "),
            "{detail}"
        );
    }

    #[test]
    fn latest_update_ignores_malformed_stamps() {
        let body = r#"[{"last_updated": "2023-07-26T10:00Z"}, {"last_updated": "garbage-and-more"},
                       {"last_updated": null}, {"last_updated": "2023-07-28T20:03:29.093Z"}]"#;
        assert_eq!(latest_update(body).as_deref(), Some("2023-07-28"));
        assert_eq!(latest_update("[]"), None);
    }

    #[test]
    fn a_body_that_is_not_an_array_is_malformed() {
        for body in [
            "",
            "{\"coins\": []}",
            "[{\"id\": \"bitcoin\"",
            "<html>429</html>",
        ] {
            assert!(
                matches!(parse_markets(body), Err(FeedError::Malformed { .. })),
                "{body}"
            );
        }
    }

    #[test]
    fn a_coingecko_error_body_is_a_provider_error() {
        let limited =
            r#"{"status":{"error_code":429,"error_message":"You've exceeded the Rate Limit."}}"#;
        let err = parse_markets(limited).unwrap_err();
        assert!(err.is_rate_limited(), "{err:?}");
        assert!(matches!(
            parse_markets(r#"{"error":"rate limited"}"#),
            Err(FeedError::Provider { provider: "CoinGecko", code: None, message }) if message == "rate limited"
        ));
    }

    #[test]
    fn recorded_percentage_changes_in_currency_are_read() {
        let (tokens, errors) = parse_markets(RECORDED_PC).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        let btc = &tokens[0];
        assert_eq!(btc.change_24h_pct, Some(3.67691));
        assert_eq!(btc.change_7d_pct, Some(-11.347856996781303));
        assert_eq!(btc.change_1h_pct, None);
        assert_eq!(
            (btc.ath, btc.ath_change_pct, btc.atl),
            (Some(126080.0), Some(-49.66182), Some(67.81))
        );
        assert!(btc.sparkline_7d.is_empty());
        assert_eq!(tokens[1].max_supply, None);
        assert_eq!(tokens[2].rank, Some(7));
    }

    #[test]
    fn the_24h_change_falls_back_to_the_in_currency_field() {
        let body = r#"[{"id": "x", "price_change_percentage_24h": null,
                        "price_change_percentage_24h_in_currency": "2.5"}]"#;
        assert_eq!(parse_markets(body).unwrap().0[0].change_24h_pct, Some(2.5));
    }

    /// The trending file is a real capture re-shaped by the repository that
    /// recorded it; this puts its values back in `/coins/markets` field names.
    fn trending_as_markets_rows() -> (serde_json::Value, serde_json::Value) {
        let processed: serde_json::Value = serde_json::from_str(TRENDING).unwrap();
        let coins = processed["trending_coins"].as_array().unwrap().clone();
        let rows: Vec<_> = coins
            .iter()
            .map(|c| {
                serde_json::json!({
                    "id": c["id"], "symbol": c["symbol"], "name": c["name"],
                    "current_price": c["current_price"], "market_cap": c["market_cap"],
                    "market_cap_rank": c["market_cap_rank"], "total_volume": c["total_volume"],
                    "price_change_percentage_1h_in_currency": c["price_change_percentage_1h"],
                    "price_change_percentage_24h_in_currency": c["price_change_percentage_24h"],
                    "price_change_percentage_7d_in_currency": c["price_change_percentage_7d"],
                    "sparkline_in_7d": {"price": c["sparkline"]},
                })
            })
            .collect();
        (
            serde_json::Value::Array(coins),
            serde_json::Value::Array(rows),
        )
    }

    #[test]
    fn real_sparklines_and_hourly_weekly_changes_are_kept_in_order() {
        let (coins, rows) = trending_as_markets_rows();
        let (tokens, errors) = parse_markets(&rows.to_string()).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(tokens.len(), 3);
        for (token, coin) in tokens.iter().zip(coins.as_array().unwrap()) {
            let expected: Vec<f64> = coin["sparkline"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect();
            assert_eq!(token.sparkline_7d, expected, "{}", token.id);
            assert_eq!(
                token.change_1h_pct,
                coin["price_change_percentage_1h"].as_f64()
            );
        }
        let wlfi = tokens
            .iter()
            .find(|t| t.id == "world-liberty-financial")
            .unwrap();
        assert_eq!(wlfi.sparkline_7d.len(), 126);
        assert_eq!(
            wlfi.change_7d_pct, None,
            "sent as null: too new for a 7-day change"
        );
        let btc = tokens.iter().find(|t| t.id == "bitcoin").unwrap();
        assert_eq!(btc.sparkline_7d.len(), 167);
    }

    #[test]
    fn sparklines_tolerate_nulls_and_strings_but_not_words() {
        let body = r#"[
            {"id": "a", "sparkline_in_7d": {"price": [1.0, null, "2.5", "3e-8", -1]}},
            {"id": "b", "sparkline_in_7d": {"price": []}},
            {"id": "c", "sparkline_in_7d": null},
            {"id": "d", "sparkline_in_7d": {}},
            {"id": "e", "sparkline_in_7d": {"price": [1, "oops"]}},
            {"id": "f", "sparkline_in_7d": {"price": 5}},
            {"id": "g", "price_change_percentage_1y_in_currency": "1.2e3",
             "price_change_percentage_14d_in_currency": -3,
             "price_change_percentage_30d_in_currency": "",
             "price_change_percentage_200d_in_currency": 250.5}
        ]"#;
        let (tokens, errors) = parse_markets(body).unwrap();
        assert_eq!(tokens[0].sparkline_7d, [1.0, 2.5, 3e-8]);
        assert!(tokens[1..4].iter().all(|t| t.sparkline_7d.is_empty()));
        let failed: Vec<_> = errors.iter().map(|e| e.id.as_deref()).collect();
        assert_eq!(failed, [Some("e"), Some("f")]);
        let g = &tokens[4];
        assert_eq!(
            (
                g.change_1y_pct,
                g.change_14d_pct,
                g.change_30d_pct,
                g.change_200d_pct
            ),
            (Some(1200.0), Some(-3.0), None, Some(250.5))
        );
    }

    #[test]
    fn new_fields_stay_out_of_the_snapshot_json_when_absent() {
        let (tokens, _) = parse_markets(RECORDED).unwrap();
        let json = serde_json::to_string(&tokens[0]).unwrap();
        for absent in [
            "sparkline_7d",
            "change_1h_pct",
            "change_7d_pct",
            "change_1y_pct",
        ] {
            assert!(!json.contains(absent), "{json}");
        }
        assert!(json.contains("\"ath\":"), "the sample carries ath: {json}");
    }

    #[test]
    fn names_are_cleaned_of_control_characters_and_capped() {
        let long = "A".repeat(500);
        let body = format!(r#"[{{"id": "x", "name": "Evil\u0007\nCoin {long}"}}]"#);
        let (tokens, _) = parse_markets(&body).unwrap();
        assert!(tokens[0].name.starts_with("Evil Coin AAA"));
        assert_eq!(tokens[0].name.chars().count(), 80);
    }
}

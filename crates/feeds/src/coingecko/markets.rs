//! `/coins/markets`: the market list (price, market cap, supply, volume).

use serde::Deserialize;

use crate::lenient::opt_f64;
use crate::snapshot::{TokenMarket, clean_text, valid_id};
use crate::{FeedError, RowError};

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
}

impl CoinMarket {
    /// Normalises the row; fails when its id cannot be used in a URL.
    pub fn normalise(self) -> Result<TokenMarket, String> {
        if !valid_id(&self.id) {
            return Err(format!("invalid coin id {:?}", self.id));
        }
        let symbol = clean_text(self.symbol.as_deref().unwrap_or(""), 24).to_uppercase();
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
            change_24h_pct: self.price_change_percentage_24h,
            circulating_supply: self.circulating_supply.filter(|v| *v >= 0.0),
            total_supply: self.total_supply.filter(|v| *v >= 0.0),
            max_supply: self.max_supply.filter(|v| *v >= 0.0),
        })
    }
}

/// Parses a `/coins/markets` body row by row. The body must be a JSON array;
/// each row that cannot be read becomes a [`RowError`] and the others are kept.
pub fn parse_markets(body: &str) -> Result<(Vec<TokenMarket>, Vec<RowError>), FeedError> {
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(body).map_err(|e| FeedError::Malformed {
            provider: super::PROVIDER,
            detail: format!("/coins/markets is not a JSON array of coins: {e}"),
        })?;
    let mut tokens = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    for (index, row) in rows.into_iter().enumerate() {
        let id = row.get("id").and_then(|v| v.as_str()).map(str::to_owned);
        match serde_json::from_value::<CoinMarket>(row)
            .map_err(|e| e.to_string())
            .and_then(CoinMarket::normalise)
        {
            Ok(token) => tokens.push(token),
            Err(message) => errors.push(RowError { index, id, message }),
        }
    }
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

fn is_iso_date(s: &str) -> bool {
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
        let (tokens, errors) = parse_markets(body).unwrap();
        let ids: Vec<_> = tokens.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["good", "sparse"]);
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
    fn latest_update_ignores_malformed_stamps() {
        let body = r#"[{"last_updated": "2023-07-26T10:00Z"}, {"last_updated": "garbage-and-more"},
                       {"last_updated": null}, {"last_updated": "2023-07-28T20:03:29.093Z"}]"#;
        assert_eq!(latest_update(body).as_deref(), Some("2023-07-28"));
        assert_eq!(latest_update("[]"), None);
    }

    #[test]
    fn a_body_that_is_not_an_array_is_malformed() {
        for body in ["", "{\"error\":\"rate limited\"}", "[{\"id\": \"bitcoin\""] {
            assert!(matches!(
                parse_markets(body),
                Err(FeedError::Malformed { .. })
            ));
        }
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

//! `/coins/categories`: every category with its aggregate market data.
//!
//! Used fields: `id`, `name`, `market_cap`, `market_cap_change_24h` (a
//! percentage, despite the name), `volume_24h`, `top_3_coins_id`,
//! `updated_at`. About half of the categories carry `null` market data and a
//! `null` `updated_at`. `content` (prose) and `top_3_coins` (image URLs) are
//! ignored.

use serde::Deserialize;

use crate::lenient::opt_f64;
use crate::response::json_rows;
use crate::snapshot::{clean_text, valid_id};
use crate::{FeedError, RowError};

use super::markets::is_iso_date;

/// One row of a `/coins/categories` response, as CoinGecko sends it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CoinCategory {
    pub id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub market_cap: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub market_cap_change_24h: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub volume_24h: Option<f64>,
    #[serde(default)]
    pub top_3_coins_id: Option<Vec<Option<String>>>,
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// A category, normalised.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
pub struct Category {
    /// CoinGecko category id, URL-safe (e.g. `layer-1`, `meme-token`).
    pub id: String,
    pub name: String,
    pub market_cap: Option<f64>,
    /// Market-cap change over 24 h, in percent.
    pub market_cap_change_24h_pct: Option<f64>,
    pub volume_24h: Option<f64>,
    /// Ids of the three largest coins, largest first; ids that are not
    /// URL-safe are dropped.
    pub top_3_coins_id: Vec<String>,
    /// ISO-8601 UTC time of CoinGecko's last update, when it sent a
    /// well-formed one.
    pub updated_at: Option<String>,
}

impl CoinCategory {
    /// Normalises the row; fails when its id cannot be used in a URL.
    pub fn normalise(self) -> Result<Category, String> {
        if !valid_id(&self.id) {
            return Err(format!("invalid category id {:?}", self.id));
        }
        let name = clean_text(self.name.as_deref().unwrap_or(""), 80);
        let updated_at = self
            .updated_at
            .map(|s| clean_text(&s, 40))
            .filter(|s| s.get(..10).is_some_and(is_iso_date));
        Ok(Category {
            name: if name.is_empty() {
                self.id.clone()
            } else {
                name
            },
            id: self.id,
            market_cap: self.market_cap.filter(|v| *v >= 0.0),
            market_cap_change_24h_pct: self.market_cap_change_24h,
            volume_24h: self.volume_24h.filter(|v| *v >= 0.0),
            top_3_coins_id: self
                .top_3_coins_id
                .unwrap_or_default()
                .into_iter()
                .flatten()
                .filter(|id| valid_id(id))
                .take(3)
                .collect(),
            updated_at,
        })
    }
}

/// Parses a `/coins/categories` body row by row (see [`super::parse_markets`]).
/// Rule of every list answer ([`crate::response::enough_rows`]): no usable
/// row, or fewer than half the rows usable, is [`FeedError::Malformed`].
pub fn parse_categories(body: &str) -> Result<(Vec<Category>, Vec<RowError>), FeedError> {
    let (rows, errors) = read_categories(body)?;
    crate::response::enough_rows(
        super::PROVIDER,
        "/coins/categories",
        rows.len(),
        errors.len(),
    )?;
    Ok((rows, errors))
}

/// The rows of a body and the rows that could not be read, before the rule
/// of [`parse_categories`].
fn read_categories(body: &str) -> Result<(Vec<Category>, Vec<RowError>), FeedError> {
    let rows = json_rows(super::PROVIDER, "/coins/categories", body)?;
    let mut categories = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    for (index, row) in rows.into_iter().enumerate() {
        let id = row.get("id").and_then(|v| v.as_str()).map(str::to_owned);
        match serde_json::from_value::<CoinCategory>(row)
            .map_err(|e| e.to_string())
            .and_then(CoinCategory::normalise)
        {
            Ok(category) => categories.push(category),
            Err(message) => errors.push(RowError { index, id, message }),
        }
    }
    Ok((categories, errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    const RECORDED: &str =
        include_str!("../../tests/fixtures/coingecko_coins_categories_2025-09-06_trimmed.json");

    #[test]
    fn parses_recorded_categories() {
        let (categories, errors) = parse_categories(RECORDED).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(categories.len(), 9);
        let l1 = categories.iter().find(|c| c.id == "layer-1").unwrap();
        assert_eq!(l1.name, "Layer 1 (L1)");
        assert_eq!(l1.market_cap, Some(3144246835463.242));
        assert_eq!(l1.market_cap_change_24h_pct, Some(-0.4638414127220863));
        assert_eq!(l1.volume_24h, Some(47736157497.79619));
        assert_eq!(l1.top_3_coins_id, ["bitcoin", "ethereum", "binancecoin"]);
        assert_eq!(l1.updated_at.as_deref(), Some("2025-09-06T20:40:43.076Z"));
    }

    #[test]
    fn recorded_categories_without_market_data_are_kept_with_none() {
        let (categories, _) = parse_categories(RECORDED).unwrap();
        let eco = categories
            .iter()
            .find(|c| c.id == "ethereum-ecosystem")
            .unwrap();
        assert_eq!(
            (eco.market_cap, eco.volume_24h, eco.updated_at.as_deref()),
            (None, None, None)
        );
        assert_eq!(eco.top_3_coins_id.len(), 3);
        let wsteth = categories
            .iter()
            .find(|c| c.id == "bridged-wsteth")
            .unwrap();
        assert_eq!(
            wsteth.market_cap_change_24h_pct,
            Some(0.0),
            "sent as the integer 0"
        );
    }

    #[test]
    fn broken_categories_become_row_errors() {
        let body = r#"[
            {"id": "ok", "name": "OK", "market_cap": "1.5e9", "top_3_coins_id": ["a", null, "B/ad", "c", "d"],
             "updated_at": "not a date"},
            {"id": "bad-cap", "market_cap": "lots"},
            {"id": "Bad Id"},
            {"name": "no id"},
            {"id": "bad-top", "top_3_coins_id": "bitcoin"},
            42,
            {"id": "bare"}
        ]"#;
        let (categories, errors) = read_categories(body).unwrap();
        assert!(parse_categories(body).is_err(), "two usable rows of seven");
        let ok = &categories[0];
        assert_eq!(ok.market_cap, Some(1.5e9));
        assert_eq!(ok.top_3_coins_id, ["a", "c", "d"]);
        assert_eq!(ok.updated_at, None);
        assert_eq!(categories[1].name, "bare");
        let failed: Vec<_> = errors.iter().map(|e| e.index).collect();
        assert_eq!(failed, [1, 2, 3, 4, 5]);
    }

    #[test]
    fn error_bodies_and_non_arrays_are_refused() {
        assert!(matches!(
            parse_categories(r#"{"status":{"error_code":429,"error_message":"slow down"}}"#),
            Err(FeedError::Provider {
                code: Some(429),
                ..
            })
        ));
        assert!(matches!(
            parse_categories("{}"),
            Err(FeedError::Malformed { .. })
        ));
        assert!(matches!(
            parse_categories("[]"),
            Err(FeedError::Malformed { .. })
        ));
    }
}

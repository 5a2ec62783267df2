//! `/global`: whole-market totals.
//!
//! Used fields, all under `data`: `total_market_cap.usd`,
//! `total_volume.usd`, `market_cap_change_percentage_24h_usd`,
//! `market_cap_percentage` (dominance by coin symbol, top 10),
//! `active_cryptocurrencies`, `markets`, `updated_at` (Unix seconds). The
//! per-currency maps hold about 60 currencies; only USD is kept.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::FeedError;
use crate::lenient::{OptF64, opt_f64, whole};
use crate::response::json_body;
use crate::snapshot::clean_text;

const ENDPOINT: &str = "/global";

/// The `/global` body as CoinGecko sends it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GlobalResponse {
    pub data: GlobalData,
}

/// `data` of a `/global` body. Every field may be missing or `null`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GlobalData {
    #[serde(default, deserialize_with = "opt_f64")]
    pub active_cryptocurrencies: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub markets: Option<f64>,
    #[serde(default)]
    pub total_market_cap: Option<BTreeMap<String, OptF64>>,
    #[serde(default)]
    pub total_volume: Option<BTreeMap<String, OptF64>>,
    #[serde(default)]
    pub market_cap_percentage: Option<BTreeMap<String, OptF64>>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub market_cap_change_percentage_24h_usd: Option<f64>,
    #[serde(default, deserialize_with = "opt_f64")]
    pub updated_at: Option<f64>,
}

/// Whole-market totals, normalised.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, Deserialize)]
pub struct GlobalMarket {
    pub total_market_cap_usd: Option<f64>,
    pub total_volume_usd: Option<f64>,
    /// Change of the total market cap over 24 h, in percent.
    pub market_cap_change_24h_pct: Option<f64>,
    /// Bitcoin's share of the total market cap, in percent.
    pub btc_dominance_pct: Option<f64>,
    pub eth_dominance_pct: Option<f64>,
    /// Every dominance CoinGecko sent, largest first: (lower-case symbol,
    /// percent). Symbols are cleaned and capped.
    pub dominance: Vec<(String, f64)>,
    pub active_cryptocurrencies: Option<u64>,
    pub markets: Option<u64>,
    /// When CoinGecko computed the totals, Unix seconds.
    pub updated_at_s: Option<i64>,
}

impl GlobalData {
    pub fn normalise(self) -> GlobalMarket {
        let usd = |map: &Option<BTreeMap<String, OptF64>>| {
            map.as_ref()?.get("usd")?.0.filter(|v| *v >= 0.0)
        };
        let mut dominance: Vec<(String, f64)> = self
            .market_cap_percentage
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(symbol, pct)| {
                let symbol = clean_text(&symbol, 16).to_lowercase();
                let pct = pct.0.filter(|p| (0.0..=100.0).contains(p))?;
                (!symbol.is_empty()).then_some((symbol, pct))
            })
            .take(100)
            .collect();
        dominance.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let share = |symbol: &str| dominance.iter().find(|(s, _)| s == symbol).map(|d| d.1);
        GlobalMarket {
            total_market_cap_usd: usd(&self.total_market_cap),
            total_volume_usd: usd(&self.total_volume),
            market_cap_change_24h_pct: self.market_cap_change_percentage_24h_usd,
            btc_dominance_pct: share("btc"),
            eth_dominance_pct: share("eth"),
            active_cryptocurrencies: whole(self.active_cryptocurrencies),
            markets: whole(self.markets),
            updated_at_s: whole(self.updated_at)
                .and_then(|s| i64::try_from(s).ok())
                .filter(|s| *s <= crate::lenient::MAX_TIME_MS / 1000),
            dominance,
        }
    }
}

/// Parses a `/global` body. It is a single object, so there are no row
/// errors: a field of the wrong type (such as `"usd": "lots"`) makes the
/// body [`FeedError::Malformed`]; missing or `null` fields are `None`.
pub fn parse_global(body: &str) -> Result<GlobalMarket, FeedError> {
    let value = json_body(super::PROVIDER, ENDPOINT, body)?;
    serde_json::from_value::<GlobalResponse>(value)
        .map(|r| r.data.normalise())
        .map_err(|e| FeedError::Malformed {
            provider: super::PROVIDER,
            detail: format!("{ENDPOINT}: {e}"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Constructed in the documented shape; see the fixtures README.
    const DOCUMENTED: &str =
        include_str!("../../tests/fixtures/coingecko_global_documented_shape.json");

    #[test]
    fn reads_the_documented_shape() {
        let global = parse_global(DOCUMENTED).unwrap();
        assert_eq!(global.total_market_cap_usd, Some(2.5e12));
        assert_eq!(global.total_volume_usd, Some(1.0e11));
        assert_eq!(global.market_cap_change_24h_pct, Some(-1.25));
        assert_eq!(global.btc_dominance_pct, Some(55.0));
        assert_eq!(global.eth_dominance_pct, Some(12.5));
        assert_eq!(global.dominance[0], ("btc".to_owned(), 55.0));
        assert_eq!(global.dominance.len(), 4);
        assert_eq!(global.active_cryptocurrencies, Some(10000));
        assert_eq!(global.markets, Some(1000));
        assert_eq!(global.updated_at_s, Some(1735689600));
    }

    #[test]
    fn missing_nulls_and_strings_are_tolerated() {
        let body = r#"{"data": {"total_market_cap": {"usd": "2.5e12", "eur": null},
                                "total_volume": null,
                                "market_cap_percentage": {"btc": "54.1", "eth": null, "junk": 400},
                                "active_cryptocurrencies": 17.5}}"#;
        let global = parse_global(body).unwrap();
        assert_eq!(global.total_market_cap_usd, Some(2.5e12));
        assert_eq!(global.total_volume_usd, None);
        assert_eq!(global.btc_dominance_pct, Some(54.1));
        assert_eq!(global.eth_dominance_pct, None);
        assert_eq!(global.dominance, [("btc".to_owned(), 54.1)]);
        assert_eq!(global.active_cryptocurrencies, None, "not a whole number");
        assert_eq!(parse_global(r#"{"data": {}}"#), Ok(GlobalMarket::default()));
    }

    #[test]
    fn wrong_types_and_shapes_are_malformed() {
        for body in [
            r#"{"data": {"total_market_cap": {"usd": "lots"}}}"#,
            r#"{"data": {"total_market_cap": [1]}}"#,
            r#"{"data": null}"#,
            r#"{}"#,
            "[]",
            r#"{"data": {"#,
        ] {
            assert!(
                matches!(parse_global(body), Err(FeedError::Malformed { .. })),
                "{body}"
            );
        }
    }

    #[test]
    fn a_rate_limit_body_is_a_provider_error() {
        let err = parse_global(r#"{"status":{"error_code":429,"error_message":"Throttled"}}"#)
            .unwrap_err();
        assert!(err.is_rate_limited());
        assert_eq!(
            err.to_string(),
            "CoinGecko returned an error (code 429): Throttled"
        );
    }
}

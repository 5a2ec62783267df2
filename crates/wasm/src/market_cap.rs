//! Market-cap classes.

use serde::{Deserialize, Serialize};
use tokenlens_core::{MarketCapClass, MarketData};
use wasm_bindgen::prelude::*;

use crate::error::to_js;
use crate::options::from_js;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** Size class by market cap: large > $10B, mid $1B–$10B, small $50M–$1B, micro < $50M. */
export type MarketCapClass = "large" | "mid" | "small" | "micro";

/** What a feed gave for a token; any field may be missing. */
export interface MarketDataInput {
  marketCap?: number | null;
  price?: number | null;
  circulatingSupply?: number | null;
}

/** A market cap with its provenance and class. */
export interface ResolvedMarketCap {
  value: number;
  source: "reported" | "implied";
  class: MarketCapClass;
}
"#;

/// The class of a market cap in US dollars.
///
/// Throws `TokenlensError` with code `INVALID_INPUT` for a negative or
/// non-finite value.
#[wasm_bindgen(js_name = classifyMarketCap, unchecked_return_type = "MarketCapClass")]
pub fn classify_market_cap(market_cap: f64) -> Result<String, JsValue> {
    MarketCapClass::of(market_cap)
        .map(|c| c.as_str().to_owned())
        .map_err(to_js)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MarketDataInput {
    #[serde(default)]
    market_cap: Option<f64>,
    #[serde(default)]
    price: Option<f64>,
    #[serde(default)]
    circulating_supply: Option<f64>,
}

#[derive(Serialize)]
struct ResolvedMarketCap {
    value: f64,
    source: tokenlens_core::MarketCapSource,
    class: MarketCapClass,
}

/// The market cap of a token: the reported one when positive, else price ×
/// circulating supply; with its class.
///
/// Throws `TokenlensError` (`MISSING_MARKET_CAP`, `INVALID_INPUT`).
#[wasm_bindgen(js_name = resolveMarketCap, unchecked_return_type = "ResolvedMarketCap")]
pub fn resolve_market_cap(
    #[wasm_bindgen(unchecked_param_type = "MarketDataInput")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let input: MarketDataInput = from_js(
        input,
        "market data",
        &["marketCap", "price", "circulatingSupply"],
    )?;
    let cap = MarketData {
        market_cap: input.market_cap,
        price: input.price,
        circulating_supply: input.circulating_supply,
    }
    .resolve()
    .map_err(to_js)?;
    let out = ResolvedMarketCap {
        value: cap.value,
        source: cap.source,
        class: cap.class(),
    };
    serde_wasm_bindgen::to_value(&out).map_err(JsValue::from)
}

//! Market-cap classes.

use serde::Serialize;
use tokenlens_core::{MarketCapClass, MarketData};
use wasm_bindgen::prelude::*;

use crate::error::to_js;
use crate::options::numbers_from_js;
use crate::results::to_result;

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
pub fn classify_market_cap(
    #[wasm_bindgen(js_name = marketCap, unchecked_param_type = "number")] market_cap: JsValue,
) -> Result<String, JsValue> {
    let market_cap = market_cap.as_f64().ok_or_else(|| {
        crate::options::invalid(format!(
            "invalid market cap: expected a number, got {}",
            crate::options::describe(&market_cap)
        ))
    })?;
    MarketCapClass::of(market_cap)
        .map(|c| c.as_str().to_owned())
        .map_err(to_js)
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
    let numbers = numbers_from_js(
        &input,
        "market data",
        &["market_cap", "price", "circulating_supply"],
    )?;
    let cap = MarketData {
        market_cap: numbers[0],
        price: numbers[1],
        circulating_supply: numbers[2],
    }
    .resolve()
    .map_err(to_js)?;
    let out = ResolvedMarketCap {
        value: cap.value,
        source: cap.source,
        class: cap.class(),
    };
    to_result(&out)
}

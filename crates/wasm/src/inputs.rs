//! What the analysis and evaluation exports read: price series, market
//! figures and universes from their JS form, each checked, so a bad value is
//! a `TokenlensError` naming it (and in a universe, an error of that token
//! alone, never a blank result).

use js_sys::{Array, Float64Array, Reflect};
use tokenlens_core::analysis::grades::Fundamentals;
use tokenlens_core::analysis::{Interval, PriceSeries};
use tokenlens_core::universe::{Member, TokenError};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::TokenlensError;
use crate::error::to_js;
use crate::options::{invalid, numbers_from_js};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** A token's price history, oldest first; times are Unix seconds (UTC) at which each bar opens. */
export interface SeriesInput {
  interval?: "daily" | "hourly";
  timestamps: Float64Array | number[];
  close: Float64Array | number[];
  open?: Float64Array | number[];
  high?: Float64Array | number[];
  low?: Float64Array | number[];
  volume?: Float64Array | number[];
}
/** Market figures of a token, all optional. */
export interface FundamentalsInput {
  marketCap?: number; fdv?: number; circulatingSupply?: number; maxSupply?: number; totalVolume?: number; firstTrade?: number;
}
export interface UniverseMember { symbol: string; series: SeriesInput; fundamentals?: FundamentalsInput }
export interface TokenError { symbol: string; code: string; message: string }
"#;

/// One numeric column of `object`, or `None` when absent.
pub(crate) fn column(
    object: &JsValue,
    name: &str,
    what: &str,
) -> Result<Option<Vec<f64>>, JsValue> {
    let value = Reflect::get(object, &name.into())?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if let Some(array) = value.dyn_ref::<Float64Array>() {
        return Ok(Some(array.to_vec()));
    }
    if Array::is_array(&value) {
        return Array::from(&value)
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.as_f64().ok_or_else(|| {
                    invalid(format!("invalid {what}: `{name}[{i}]` is not a number"))
                })
            })
            .collect::<Result<Vec<f64>, JsValue>>()
            .map(Some);
    }
    Err(invalid(format!(
        "invalid {what}: `{name}` must be a Float64Array or an array of numbers"
    )))
}

/// A validated series from its JS form.
pub(crate) fn series_from_js(value: &JsValue, what: &str) -> Result<PriceSeries, JsValue> {
    if !value.is_object() {
        return Err(invalid(format!("invalid {what}: expected an object")));
    }
    let interval = match Reflect::get(value, &"interval".into())?
        .as_string()
        .as_deref()
    {
        None | Some("daily") => Interval::Daily,
        Some("hourly") => Interval::Hourly,
        Some(other) => {
            return Err(invalid(format!(
                "invalid {what}: interval \"{other}\" (expected \"daily\" or \"hourly\")"
            )));
        }
    };
    let required = |name: &str| {
        column(value, name, what)?
            .ok_or_else(|| invalid(format!("invalid {what}: `{name}` is required")))
    };
    let timestamps = required("timestamps")?;
    if let Some(i) = timestamps
        .iter()
        .position(|t| !(t.is_finite() && t.fract() == 0.0 && t.abs() < 1e12))
    {
        return Err(invalid(format!(
            "invalid {what}: timestamps[{i}] = {} is not a Unix time in seconds",
            timestamps[i]
        )));
    }
    PriceSeries {
        interval,
        timestamps: timestamps.iter().map(|t| *t as i64).collect(),
        open: column(value, "open", what)?,
        high: column(value, "high", what)?,
        low: column(value, "low", what)?,
        close: required("close")?,
        volume: column(value, "volume", what)?,
    }
    .validated()
    .map_err(to_js)
}

pub(crate) fn fundamentals_from_js(value: JsValue) -> Result<Option<Fundamentals>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let f = numbers_from_js(
        &value,
        "fundamentals",
        &[
            "market_cap",
            "fdv",
            "circulating_supply",
            "max_supply",
            "total_volume",
            "first_trade",
        ],
    )?;
    let first_trade = match f[5] {
        None => None,
        Some(t) if t.is_finite() && t.fract() == 0.0 && t.abs() < 1e12 => Some(t as i64),
        Some(t) => {
            return Err(invalid(format!(
                "invalid fundamentals: firstTrade = {t} is not a Unix time in seconds"
            )));
        }
    };
    Ok(Some(Fundamentals {
        market_cap: f[0],
        fdv: f[1],
        circulating_supply: f[2],
        max_supply: f[3],
        total_volume: f[4],
        first_trade,
    }))
}

/// The members whose series could be read, and an error for each one that
/// could not: one bad token never blanks the result.
pub(crate) fn universe_from_js(
    universe: &JsValue,
) -> Result<(Vec<Member>, Vec<TokenError>), JsValue> {
    if !Array::is_array(universe) {
        return Err(invalid(
            "invalid universe: expected an array of { symbol, series }".into(),
        ));
    }
    let mut members = Vec::new();
    let mut errors = Vec::new();
    for (i, m) in Array::from(universe).iter().enumerate() {
        if !m.is_object() {
            return Err(invalid(format!(
                "invalid universe: member {i} is not an object {{ symbol, series }}"
            )));
        }
        let symbol = Reflect::get(&m, &"symbol".into())?
            .as_string()
            .ok_or_else(|| invalid(format!("invalid universe: member {i} has no `symbol`")))?;
        let series = Reflect::get(&m, &"series".into())?;
        let fundamentals = Reflect::get(&m, &"fundamentals".into())?;
        match series_from_js(&series, &format!("series of {symbol}"))
            .and_then(|s| Ok((s, fundamentals_from_js(fundamentals)?)))
        {
            Ok((series, fundamentals)) => members.push((symbol, series, fundamentals)),
            Err(e) => errors.push(TokenError {
                symbol,
                code: Reflect::get(&e, &"code".into())
                    .ok()
                    .and_then(|c| c.as_string())
                    .unwrap_or_else(|| "INVALID_INPUT".into()),
                message: js_sys::Error::from(e).message().into(),
            }),
        }
    }
    Ok((members, errors))
}

/// A benchmark, when given: a series with at least one row (an empty one
/// is a mistake, not "no benchmark").
pub(crate) fn optional_series(value: Option<JsValue>) -> Result<Option<PriceSeries>, JsValue> {
    match value {
        None => Ok(None),
        Some(v) if v.is_undefined() || v.is_null() => Ok(None),
        Some(v) => {
            let series = series_from_js(&v, "benchmark")?;
            if series.is_empty() {
                return Err(TokenlensError::with_code(
                    "TOO_SHORT",
                    "invalid benchmark: it has no rows (leave it out for no benchmark)",
                ));
            }
            Ok(Some(series))
        }
    }
}

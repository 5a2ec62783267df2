//! Core records → JS result objects, the one way every export returns one.
//!
//! The core's records serialise with snake_case keys, the CLI's stable JSON
//! contract. The package gives JS camelCase keys instead: each record is
//! serialised once through serde-wasm-bindgen (JSON-compatible: maps as plain
//! objects, NaN kept as a number) and its keys renamed by `js/results.js`.
//! (Serialising to JSON text for `JSON.parse` instead was measured: 2.4 KB
//! smaller gzip and faster for `analyze`, but three times slower per
//! streaming update, and NaN would come back as `null`.)

use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/results.js")]
extern "C" {
    #[wasm_bindgen(js_name = camelKeys)]
    fn camel_keys(value: JsValue) -> JsValue;
}

/// `value` as a JS object with camelCase keys.
pub(crate) fn to_result<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    let js = value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(JsValue::from)?;
    // Numbers and strings (most streaming outputs) have no keys to rename.
    Ok(if js.is_object() { camel_keys(js) } else { js })
}

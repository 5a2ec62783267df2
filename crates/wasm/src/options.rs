//! JS option objects → Rust config structs, strictly.
//!
//! serde-wasm-bindgen reads only the fields a struct names, so a misspelt
//! option (`{ peroid: 14 }`) would silently fall back to the default. Every
//! options object therefore goes through [`from_js`], which rejects keys the
//! struct does not know.

use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};

use crate::TokenlensError;

/// `kPeriod` → `k_period`: options may be written the JS way or as in the
/// Rust config structs and JSON files.
fn snake_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('_');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Reads `value` (a plain object) into `T`, whose field names are `fields`
/// (snake_case; camelCase keys are accepted too).
pub(crate) fn from_js<T: DeserializeOwned>(
    value: JsValue,
    what: &str,
    fields: &[&str],
) -> Result<T, JsValue> {
    let invalid = |message: String| TokenlensError::with_code("INVALID_INPUT", &message);
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(invalid(format!(
            "invalid {what}: expected an object, got {}",
            describe(&value)
        )));
    }
    let object: &js_sys::Object = value.unchecked_ref();
    let normalised = js_sys::Object::new();
    for key in js_sys::Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        let snake = snake_case(&key);
        let known = fields.iter().find(|f| **f == key || **f == snake);
        let Some(field) = known else {
            return Err(invalid(format!(
                "invalid {what}: unknown option `{key}` (expected one of: {})",
                fields.join(", ")
            )));
        };
        let v = js_sys::Reflect::get(object, &key.as_str().into())?;
        js_sys::Reflect::set(&normalised, &(*field).into(), &v)?;
    }
    serde_wasm_bindgen::from_value(normalised.into())
        .map_err(|e| invalid(format!("invalid {what}: {e}")))
}

fn describe(value: &JsValue) -> String {
    if js_sys::Array::is_array(value) {
        "an array".into()
    } else if let Some(s) = value.as_string() {
        format!("the string {s:?}")
    } else if let Some(n) = value.as_f64() {
        format!("the number {n}")
    } else {
        value
            .js_typeof()
            .as_string()
            .unwrap_or_else(|| "a value".into())
    }
}

//! JS option objects → Rust values, strictly.
//!
//! Every options object goes through [`normalise`], which rejects keys the
//! receiver does not know (a misspelt `{ peroid: 14 }` must not silently fall
//! back to the default) and accepts camelCase or snake_case keys.
//!
//! Two readers only, to keep the module small: indicator options are read as
//! the core's [`IndicatorSpec`] (one serde path for every indicator config,
//! batch and streaming alike), and records of plain numbers (market data,
//! fundamentals) by [`numbers_from_js`], without serde.

use tokenlens_core::indicators::catalog::IndicatorSpec;
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

/// `k_period` → `kPeriod`, as option names are shown to JS callers.
fn camel_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

pub(crate) fn invalid(message: String) -> JsValue {
    TokenlensError::with_code("INVALID_INPUT", &message)
}

/// Checks that `value` is a plain object whose keys are all in `fields`
/// (snake_case; camelCase keys are accepted too) and returns its entries
/// under their snake_case names.
fn normalise(value: &JsValue, what: &str, fields: &[&str]) -> Result<js_sys::Object, JsValue> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(invalid(format!(
            "invalid {what}: expected an object, got {}",
            describe(value)
        )));
    }
    let object: &js_sys::Object = value.unchecked_ref();
    let normalised = js_sys::Object::new();
    for key in js_sys::Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        let snake = snake_case(&key);
        let known = fields.iter().find(|f| **f == key || **f == snake);
        let Some(field) = known else {
            let expected = if fields.is_empty() {
                "none".to_owned()
            } else {
                let names: Vec<String> = fields.iter().map(|f| camel_case(f)).collect();
                names.join(", ")
            };
            return Err(invalid(format!(
                "invalid {what}: unknown option `{key}` (expected one of: {expected})"
            )));
        };
        let v = js_sys::Reflect::get(object, &key.as_str().into())?;
        js_sys::Reflect::set(&normalised, &(*field).into(), &v)?;
    }
    Ok(normalised)
}

/// Reads the options of indicator `tag` (as the catalog spells it: `"rsi"`,
/// `"bb"`, …) whose fields are `fields`, as an [`IndicatorSpec`].
pub(crate) fn spec_from_js(
    tag: &str,
    value: &JsValue,
    what: &str,
    fields: &[&str],
) -> Result<IndicatorSpec, JsValue> {
    let normalised = normalise(value, what, fields)?;
    js_sys::Reflect::set(&normalised, &"indicator".into(), &tag.into())?;
    spec_from_object(normalised.into(), what)
}

/// An [`IndicatorSpec`] from an object `{ indicator, ...parameters }`;
/// camelCase parameter names are accepted.
pub(crate) fn spec_from_object(value: JsValue, what: &str) -> Result<IndicatorSpec, JsValue> {
    let object: &js_sys::Object = value.unchecked_ref();
    let snake = js_sys::Object::new();
    for key in js_sys::Object::keys(object).iter() {
        let name = key.as_string().unwrap_or_default();
        let v = js_sys::Reflect::get(object, &key)?;
        js_sys::Reflect::set(&snake, &snake_case(&name).into(), &v)?;
    }
    serde_wasm_bindgen::from_value(snake.into()).map_err(|e| invalid(format!("invalid {what}: {e}")))
}

/// Reads a record of optional numbers: one entry per name in `fields`, in
/// that order; `undefined` and `null` are `None`.
pub(crate) fn numbers_from_js(
    value: &JsValue,
    what: &str,
    fields: &[&str],
) -> Result<Vec<Option<f64>>, JsValue> {
    let normalised = normalise(value, what, fields)?;
    fields
        .iter()
        .map(|field| {
            let v = js_sys::Reflect::get(&normalised, &(*field).into())?;
            if v.is_undefined() || v.is_null() {
                return Ok(None);
            }
            v.as_f64().map(Some).ok_or_else(|| {
                invalid(format!(
                    "invalid {what}: `{field}` must be a number, got {}",
                    describe(&v)
                ))
            })
        })
        .collect()
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

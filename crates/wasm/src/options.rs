//! JS option objects → Rust values, strictly.
//!
//! Every options object goes through [`normalise`], which rejects keys the
//! receiver does not know (a misspelt `{ peroid: 14 }` must not silently fall
//! back to the default) and accepts camelCase keys, and the snake_case ones
//! of earlier releases with a deprecation warning.
//!
//! No serde deserializer is involved (one per config cost more than all the
//! indicators' streaming code together in the wasm module): indicator
//! options are set on the core's [`IndicatorSpec`] through its parameter
//! slots, named by the catalog (batch and streaming alike), and records of
//! plain numbers (market data, fundamentals) are read by [`numbers_from_js`].

#[cfg(feature = "indicators")]
use tokenlens_core::indicators::catalog::{IndicatorSpec, Slot};
use wasm_bindgen::{JsCast, JsValue};

use crate::TokenlensError;
#[cfg(feature = "indicators")]
use crate::error::to_js;

#[wasm_bindgen::prelude::wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    /// `console.warn`, once per spelling, that option `old` is now `replacement`.
    #[wasm_bindgen(js_name = deprecatedOption)]
    fn deprecated_option(old: &str, replacement: &str);
}

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
pub(crate) fn camel_case(key: &str) -> String {
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
/// (given in snake_case, written by callers in camelCase; a snake_case key
/// still works, with a warning) and returns its entries under their
/// snake_case names.
pub(crate) fn normalise(
    value: &JsValue,
    what: &str,
    fields: &[&str],
) -> Result<js_sys::Object, JsValue> {
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
        if known.is_some() && key.contains('_') {
            deprecated_option(&key, &camel_case(&key));
        }
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

#[cfg(feature = "indicators")]
/// Indicator `tag` (as the catalog spells it: `"rsi"`, `"bb"`, …) with the
/// parameters of the options object `value`; omitted ones keep their defaults.
pub(crate) fn spec_from_js(
    tag: &str,
    value: &JsValue,
    what: &str,
) -> Result<IndicatorSpec, JsValue> {
    let mut spec = default_spec(tag)?;
    set_parameters(&mut spec, value, what, None)?;
    Ok(spec)
}

#[cfg(feature = "indicators")]
/// An [`IndicatorSpec`] from an object `{ indicator, ...parameters }`.
pub(crate) fn spec_from_object(value: JsValue, what: &str) -> Result<IndicatorSpec, JsValue> {
    let tag = js_sys::Reflect::get(&value, &"indicator".into())?
        .as_string()
        .ok_or_else(|| invalid(format!("invalid {what}: `indicator` must be a name")))?;
    let mut spec = default_spec(&tag)?;
    set_parameters(&mut spec, &value, what, Some("indicator"))?;
    Ok(spec)
}

#[cfg(feature = "indicators")]
/// The indicator named `tag`, at its default parameters.
fn default_spec(tag: &str) -> Result<IndicatorSpec, JsValue> {
    if tag.contains(|c: char| c.is_ascii_digit()) {
        // "rsi14" names a period: as an `indicator` tag it is a mistake.
        return Err(TokenlensError::with_code(
            "INVALID_PARAMETER",
            &format!("invalid parameter `indicator`: \"{tag}\" (give the period as `period`)"),
        ));
    }
    tag.parse::<IndicatorSpec>().map_err(to_js)
}

#[cfg(feature = "indicators")]
/// Sets the parameters of `spec` that `value` names; any other key but
/// `extra` is an error.
fn set_parameters(
    spec: &mut IndicatorSpec,
    value: &JsValue,
    what: &str,
    extra: Option<&str>,
) -> Result<(), JsValue> {
    let mut params = spec.slots();
    let names: Vec<&str> = params.iter().map(|(name, _)| *name).chain(extra).collect();
    let normalised = normalise(value, what, &names)?;
    for (name, parameter) in &mut params {
        let v = js_sys::Reflect::get(&normalised, &(*name).into())?;
        if v.is_undefined() || v.is_null() {
            continue;
        }
        let Some(x) = v.as_f64() else {
            return Err(invalid(format!(
                "invalid {what}: `{}` must be a number, got {}",
                camel_case(name),
                describe(&v)
            )));
        };
        match parameter {
            Slot::Count(slot) => **slot = count(name, x)?,
            Slot::Number(slot) => **slot = x,
        }
    }
    Ok(())
}

#[cfg(feature = "indicators")]
/// A count from a JS number: whole and in range, never silently truncated.
fn count(name: &str, x: f64) -> Result<usize, JsValue> {
    if x.fract() == 0.0 && (0.0..=1e9).contains(&x) {
        Ok(x as usize)
    } else {
        Err(TokenlensError::with_code(
            "INVALID_PARAMETER",
            &format!(
                "invalid parameter `{}`: {x} (must be a whole number)",
                camel_case(name)
            ),
        ))
    }
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

pub(crate) fn describe(value: &JsValue) -> String {
    if js_sys::Array::is_array(value) {
        "an array".into()
    } else if let Some(s) = value.as_string() {
        format!("the string \"{s}\"")
    } else if let Some(n) = value.as_f64() {
        format!("the number {n}")
    } else {
        value
            .js_typeof()
            .as_string()
            .unwrap_or_else(|| "a value".into())
    }
}

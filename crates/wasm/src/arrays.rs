//! Numbers from JS. Every numeric array an export takes is read here, so a
//! wrong value is a `TokenlensError` (`INVALID_INPUT`) naming the argument,
//! never a glue `TypeError` or a silently empty array.

use js_sys::{Array, Float64Array};
use wasm_bindgen::{JsCast, JsValue};

use crate::options::{describe, invalid};

/// A Float64Array (one copy into wasm memory) or an array of numbers;
/// `what` names the argument in the error.
pub(crate) fn floats(value: &JsValue, what: &str) -> Result<Vec<f64>, JsValue> {
    if let Some(array) = value.dyn_ref::<Float64Array>() {
        return Ok(array.to_vec());
    }
    if Array::is_array(value) {
        return Array::from(value)
            .iter()
            .enumerate()
            .map(|(i, v)| {
                v.as_f64()
                    .ok_or_else(|| invalid(format!("invalid {what}: `[{i}]` is not a number")))
            })
            .collect();
    }
    Err(invalid(format!(
        "invalid {what}: expected a Float64Array or an array of numbers, got {}",
        describe(value)
    )))
}

/// [`floats`] of an optional argument: `undefined` and `null` are `None`.
pub(crate) fn optional_floats(
    value: Option<&JsValue>,
    what: &str,
) -> Result<Option<Vec<f64>>, JsValue> {
    match value {
        None => Ok(None),
        Some(v) if v.is_undefined() || v.is_null() => Ok(None),
        Some(v) => floats(v, what).map(Some),
    }
}

/// The Float64Array `value`, or `INVALID_INPUT` naming it.
pub(crate) fn typed(value: &JsValue, what: &str) -> Result<Float64Array, JsValue> {
    value.dyn_ref::<Float64Array>().cloned().ok_or_else(|| {
        invalid(format!(
            "invalid {what}: expected a Float64Array, got {}",
            describe(value)
        ))
    })
}

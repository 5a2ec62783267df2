//! The bindings in a real browser (headless Chromium): values and thrown errors
//! as JS sees them.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use js_sys::Reflect;
use tokenlens_wasm::{StreamingIndicator, classify_market_cap, ema, resolve_market_cap};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn code_of(err: &JsValue) -> String {
    Reflect::get(err, &"code".into())
        .ok()
        .and_then(|c| c.as_string())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
fn classifies_market_caps() {
    assert_eq!(classify_market_cap(JsValue::from(2e10)).unwrap(), "large");
    assert_eq!(classify_market_cap(JsValue::from(1e9)).unwrap(), "mid");
    assert_eq!(classify_market_cap(JsValue::from(4.9e7)).unwrap(), "micro");
}

#[wasm_bindgen_test]
fn errors_are_js_errors_with_a_code() {
    let err = classify_market_cap(JsValue::from(-3.0)).unwrap_err();
    assert!(err.is_instance_of::<js_sys::Error>());
    assert_eq!(code_of(&err), "INVALID_INPUT");
    let message = js_sys::Error::from(err).message().as_string().unwrap();
    assert!(message.contains("-3"), "{message}");
}

#[wasm_bindgen_test]
fn resolves_an_implied_market_cap_from_a_js_object() {
    let input = js_sys::Object::new();
    Reflect::set(&input, &"price".into(), &2.0.into()).unwrap();
    Reflect::set(&input, &"circulatingSupply".into(), &1e9.into()).unwrap();
    let out = resolve_market_cap(input.into()).unwrap();
    let get = |k: &str| Reflect::get(&out, &k.into()).unwrap();
    assert_eq!(get("value").as_f64(), Some(2e9));
    assert_eq!(get("source").as_string().as_deref(), Some("implied"));
    assert_eq!(get("class").as_string().as_deref(), Some("mid"));
}

#[wasm_bindgen_test]
fn streaming_ema_matches_the_batch_function() {
    let values = [10.0, 11.0, 12.5, 11.0, 13.0, 14.5, 13.5];
    let batch = ema(js_sys::Float64Array::from(&values[..]).into(), 3.0).unwrap();
    let mut stream = StreamingIndicator::new("Ema", JsValue::UNDEFINED).unwrap();
    assert_eq!(stream.warmup(), 20);
    let options = js_sys::Object::new();
    Reflect::set(&options, &"period".into(), &3.into()).unwrap();
    stream = StreamingIndicator::new("Ema", options.into()).unwrap();
    for (x, want) in values.iter().zip(&batch) {
        let got = stream
            .update(JsValue::from(*x))
            .unwrap()
            .as_f64()
            .unwrap_or(f64::NAN);
        assert!(
            got == *want || (got.is_nan() && want.is_nan()),
            "{got} vs {want}"
        );
    }
}

#[wasm_bindgen_test]
fn a_period_js_would_wrap_is_refused() {
    for bad in [-1.0, 0.0, 2.5, f64::NAN] {
        let err = ema(js_sys::Float64Array::from(&[1.0, 2.0][..]).into(), bad).unwrap_err();
        assert_eq!(code_of(&err), "INVALID_PARAMETER", "{bad}");
    }
}

#[wasm_bindgen_test]
fn an_unknown_streaming_kind_is_a_typed_error() {
    let err = StreamingIndicator::new("Rsx", JsValue::UNDEFINED).unwrap_err();
    assert_eq!(code_of(&err), "INVALID_PARAMETER");
}

#[wasm_bindgen_test]
fn result_records_have_camel_case_keys() {
    let options = js_sys::Object::new();
    Reflect::set(&options, &"period".into(), &3.into()).unwrap();
    let mut bands = StreamingIndicator::new("BollingerBands", options.into()).unwrap();
    let mut out = JsValue::UNDEFINED;
    for x in [1.0, 2.0, 4.0] {
        out = bands.update(x.into()).unwrap();
    }
    assert!(Reflect::has(&out, &"percentB".into()).unwrap());
    assert!(!Reflect::has(&out, &"percent_b".into()).unwrap());
}

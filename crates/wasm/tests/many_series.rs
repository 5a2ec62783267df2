//! `IndicatorPass.computeMany` and `computeManyInto` in a real browser
//! (headless Chromium, with WebAssembly SIMD): every series' outputs are what
//! `compute` gives for that series alone, bit for bit, and bad arguments are
//! `TokenlensError`s.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use js_sys::{Array, Float64Array, Reflect};
use tokenlens_wasm::IndicatorPass;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A column as JS has it.
fn js(v: &[f64]) -> JsValue {
    Float64Array::from(v).into()
}

fn code_of(err: &JsValue) -> String {
    Reflect::get(err, &"code".into())
        .ok()
        .and_then(|c| c.as_string())
        .unwrap_or_default()
}

fn pass(names: &[&str]) -> IndicatorPass {
    let specs: Array = names.iter().map(|n| JsValue::from_str(n)).collect();
    IndicatorPass::new(specs.into()).unwrap()
}

/// `series` walks of `len` rows, concatenated: (high, low, close).
fn universe(series: usize, len: usize) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let mut state = 0x2545_f491_u32;
    let mut close = Vec::new();
    for _ in 0..series {
        let mut price = 100.0;
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            price *= 1.0 + (f64::from(state % 2001) - 1000.0) / 25_000.0;
            close.push(price);
        }
    }
    let high = close.iter().map(|c| c * 1.01).collect();
    let low = close.iter().map(|c| c * 0.985).collect();
    (high, low, close)
}

fn same_bits(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()))
}

#[wasm_bindgen_test]
fn many_series_equal_each_series_computed_alone() {
    let names = [
        "sma20", "ema20", "rsi14", "macd", "bb", "atr14", "adx14", "stoch", "cci20",
    ];
    let p = pass(&names);
    let outputs = p.names().len();
    // 4 · 2 + 3 series: two groups of four and a ragged rest.
    let (series, len) = (11, 90);
    let (high, low, close) = universe(series, len);
    let many = p
        .compute_many(js(&close), js(&high), js(&low), len as f64, None, None)
        .unwrap()
        .to_vec();
    assert_eq!(many.len(), series * outputs * len);
    let into = Float64Array::new_with_length(many.len() as u32);
    into.fill(-1.0, 0, many.len() as u32);
    p.compute_many_into(
        js(&close),
        js(&high),
        js(&low),
        len as f64,
        into.clone().into(),
        None,
        None,
    )
    .unwrap();
    assert!(same_bits(&into.to_vec(), &many));
    let per = outputs * len;
    for s in 0..series {
        let r = s * len..(s + 1) * len;
        let one = p
            .compute(
                js(&close[r.clone()]),
                Some(js(&high[r.clone()])),
                Some(js(&low[r])),
                None,
                None,
            )
            .unwrap();
        assert!(same_bits(&many[s * per..(s + 1) * per], &one), "series {s}");
        assert!(one.iter().any(|v| v.is_finite()), "series {s}");
    }
}

#[wasm_bindgen_test]
fn bad_series_lengths_columns_and_outputs_are_typed_errors() {
    let p = pass(&["sma3", "atr3"]);
    let (high, low, close) = universe(3, 8);
    let many = |series_length: f64| {
        p.compute_many(js(&close), js(&high), js(&low), series_length, None, None)
            .unwrap_err()
    };
    for bad in [0.0, -8.0, 2.5, f64::NAN, 5.0] {
        assert_eq!(code_of(&many(bad)), "INVALID_PARAMETER", "{bad}");
    }
    let missing = p
        .compute_many(
            js(&close),
            JsValue::UNDEFINED,
            JsValue::UNDEFINED,
            8.0,
            None,
            None,
        )
        .unwrap_err();
    assert_eq!(code_of(&missing), "MISSING_COLUMN");
    let mut gap = close.clone();
    gap[20] = f64::NAN;
    let err = p
        .compute_many(js(&gap), js(&high), js(&low), 8.0, None, None)
        .unwrap_err();
    assert_eq!(code_of(&err), "INVALID_INPUT");
    // An output array of another length is refused and left as it was.
    let out = Float64Array::new_with_length(5);
    out.fill(7.0, 0, 5);
    let err = p
        .compute_many_into(
            js(&close),
            js(&high),
            js(&low),
            8.0,
            out.clone().into(),
            None,
            None,
        )
        .unwrap_err();
    assert_eq!(code_of(&err), "LENGTH_MISMATCH");
    assert_eq!(out.to_vec(), vec![7.0; 5]);
}

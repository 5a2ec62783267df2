//! Core errors as JS errors with a stable `code`.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/errors.js")]
extern "C" {
    /// `class TokenlensError extends Error { code }`, defined in JS because a
    /// Rust-exported class cannot extend `Error`.
    #[wasm_bindgen(js_name = TokenlensError)]
    pub type TokenlensError;

    #[wasm_bindgen(constructor, js_class = TokenlensError)]
    fn new(code: &str, message: &str) -> TokenlensError;
}

impl TokenlensError {
    /// A JS error with `code` and `message`.
    pub fn with_code(code: &str, message: &str) -> JsValue {
        TokenlensError::new(code, message).into()
    }
}

/// Converts a core error into a thrown JS value.
pub(crate) fn to_js(err: tokenlens_core::Error) -> JsValue {
    TokenlensError::with_code(err.code(), &err.to_string())
}

//! WebAssembly bindings of tokenlens, the npm package `tokenlens`.
//!
//! A thin layer: it converts JS values to core types, calls the core and
//! converts back. Every fallible export returns a `TokenlensError` (a JS
//! `Error` with a stable `code`) instead of panicking across the boundary.
//! Names are camelCase, as JS expects.

#[cfg(feature = "analysis")]
mod analysis;
#[cfg(feature = "indicators")]
mod arrays;
mod crash;
mod error;
#[cfg(feature = "evaluation")]
mod evaluation;
#[cfg(feature = "indicators")]
mod indicators;
#[cfg(any(feature = "analysis", feature = "evaluation"))]
mod inputs;
#[cfg(feature = "indicators")]
mod market_cap;
mod options;
mod results;
#[cfg(feature = "indicators")]
mod streaming;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod typescript;

#[cfg(feature = "analysis")]
pub use analysis::{analyze, breadth, moonshots, narratives, screen};
pub use error::TokenlensError;
#[cfg(feature = "evaluation")]
pub use evaluation::evaluate;
#[cfg(feature = "indicators")]
pub use indicators::{IndicatorPass, ema, indicators};
#[cfg(feature = "indicators")]
pub use market_cap::{classify_market_cap, resolve_market_cap};
#[cfg(feature = "indicators")]
pub use streaming::*;

use wasm_bindgen::prelude::wasm_bindgen;

/// The package version, as in `package.json`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

// The crate's unit tests run natively and, under wasm-bindgen-test, in the browser.
#[cfg(all(test, target_arch = "wasm32"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

//! A panic (a bug; release builds abort on one) stops the instance halfway,
//! its stack, heap and state left mid-update: no later call may run in it.
//! The hook set when the module starts asks wasm-bindgen's glue for a new
//! instance of the same module before the next call, and throws
//! `TokenlensError` `INTERNAL` for the call that failed. Objects made
//! before (passes, workspaces, streaming indicators) lived in the stopped
//! instance: their methods throw `FREED`.

use wasm_bindgen::prelude::wasm_bindgen;

use crate::error::TokenlensError;

#[wasm_bindgen(start, private)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        wasm_bindgen::handler::schedule_reinit();
        wasm_bindgen::throw_val(TokenlensError::with_code(
            "INTERNAL",
            &format!("internal error, the module was restarted: {info}"),
        ));
    }));
}

/// A deliberate panic: only in the test build (feature `crash-test`,
/// `scripts/build-pkg.sh --crash-test`), never in the package.
#[cfg(feature = "crash-test")]
#[wasm_bindgen(js_name = panicForTest)]
pub fn panic_for_test() {
    panic!("deliberate panic (test build)");
}

//! Grading many tokens without holding the page up: the core's `screen`
//! over slices of the universe, with a return to the browser's event loop
//! between slices, so that input and painting wait for one slice at most
//! (measured: one uninterrupted screen of 1,000 live tokens was a 159 ms
//! task). The rows are the core's, in the universe's order.

use leptos::prelude::*;
use tokenlens_core::analysis::PriceSeries;
use tokenlens_core::universe::screen::{ScreenRow, screen};
use tokenlens_core::universe::{Member, TokenError};

/// Tokens graded between two returns to the event loop: a few milliseconds
/// of work.
const SLICE: usize = 25;

/// How many tokens are graded so far, of how many.
pub type Graded = RwSignal<(usize, usize)>;

/// `screen(members, benchmark)`, a slice at a time, counting in `graded`.
pub async fn screen_in_slices(
    members: &[Member],
    benchmark: Option<&PriceSeries>,
    graded: Graded,
) -> (Vec<ScreenRow>, Vec<TokenError>) {
    let mut rows = Vec::with_capacity(members.len());
    let mut errors = Vec::new();
    graded.try_set((0, members.len()));
    for slice in members.chunks(SLICE) {
        let (r, e) = screen(slice, benchmark);
        rows.extend(r);
        errors.extend(e);
        graded.try_update(|g| g.0 += slice.len());
        next_task().await;
    }
    (rows, errors)
}

/// Resolves in a new task of the event loop (after pending input and
/// paint), or at once where there is no window.
pub async fn next_task() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        // Without a timer the promise resolves at once.
        if window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
            .is_err()
        {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

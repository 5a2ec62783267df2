//! The whole app with a deliberate panic, for `tests/e2e/crash.test.mjs`
//! only (built with the `crash-test` feature; never part of the site). An
//! event on the window panics as a bug would: `tokenlens-test-panic` in its
//! listener, `tokenlens-test-panic-task` in a task the listener spawns.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

fn main() {
    tokenlens_web::crash::install();
    if let Some(window) = web_sys::window() {
        let now = Closure::<dyn Fn()>::new(|| panic!("deliberate panic (test build)"));
        let later = Closure::<dyn Fn()>::new(|| {
            wasm_bindgen_futures::spawn_local(async {
                panic!("deliberate panic in a task (test build)")
            });
        });
        for (name, listener) in [
            ("tokenlens-test-panic", now),
            ("tokenlens-test-panic-task", later),
        ] {
            let _ =
                window.add_event_listener_with_callback(name, listener.as_ref().unchecked_ref());
            listener.forget();
        }
    }
    leptos::mount::mount_to_body(tokenlens_web::App);
}

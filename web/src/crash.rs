//! What the site does when its own code panics (a bug). Release builds
//! abort on a panic (`panic = "abort"`): the wasm instance stops in the
//! middle of whatever it was doing and cannot safely run again. The panic
//! hook installed by [`install`] therefore, before the abort:
//!
//! * logs the panic to the console (as `console_error_panic_hook` does);
//! * stops every later write to `localStorage` and `sessionStorage` from this
//!   page, so what the visitor saved (watchlist, settings, keys) stays as it
//!   was: code running on in a broken instance writes nothing;
//! * replaces the page with a plain message and a Reload button, which
//!   reloads through the browser alone (no wasm, no inline script).
//!
//! Nothing here touches the app's reactive state, which the panic may have
//! left half-updated; only the DOM, directly.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement};

/// The message shown in place of the page.
pub const MESSAGE: &str = "tokenlens stopped because of an internal error. \
Your watchlist, settings and keys were not changed; reload the page to start again.";

/// Installs the panic hook (once, first thing in `main`).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        freeze_storage();
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            let _ = show(&document);
        }
    }));
}

/// Makes `setItem`, `removeItem` and `clear` of every `Storage` of this page
/// do nothing (`Function.prototype` is a function that does nothing). A
/// reload starts a new page with the browser's own methods.
fn freeze_storage() {
    let global = js_sys::global();
    let get = |target: &JsValue, key: &str| Reflect::get(target, &JsValue::from_str(key)).ok();
    let Some(proto) = get(&global, "Storage").and_then(|s| get(&s, "prototype")) else {
        return;
    };
    let Some(nothing) = get(&global, "Function").and_then(|f| get(&f, "prototype")) else {
        return;
    };
    for method in ["setItem", "removeItem", "clear"] {
        let _ = Reflect::set(&proto, &JsValue::from_str(method), &nothing);
    }
}

fn element(document: &Document, tag: &str, text: &str) -> Result<Element, JsValue> {
    let element = document.create_element(tag)?;
    element.set_text_content(Some(text));
    Ok(element)
}

/// Replaces the body with the message and the Reload button, and focuses it.
fn show(document: &Document) -> Result<(), JsValue> {
    let body = document.body().ok_or(JsValue::NULL)?;
    let main = document.create_element("main")?;
    main.set_id("main");
    main.set_class_name("crash");
    main.set_attribute("tabindex", "-1")?;
    let title = element(document, "h1", "Something went wrong")?;
    main.append_child(&title)?;
    let message = element(document, "p", MESSAGE)?;
    message.set_class_name("error");
    message.set_attribute("role", "alert")?;
    main.append_child(&message)?;
    let button = element(document, "button", "Reload")?;
    button.set_attribute("type", "button")?;
    // `location.reload` bound to the location: a browser function, so the
    // button works while the wasm instance cannot run.
    let location = Reflect::get(&js_sys::global(), &JsValue::from_str("location"))?;
    let reload: Function = Reflect::get(&location, &JsValue::from_str("reload"))?.dyn_into()?;
    button.add_event_listener_with_callback("click", &reload.bind0(&location))?;
    let line = document.create_element("p")?;
    line.append_child(&button)?;
    main.append_child(&line)?;
    body.replace_children_with_node_1(&main);
    if let Ok(button) = button.dyn_into::<HtmlElement>() {
        let _ = button.focus();
    }
    Ok(())
}

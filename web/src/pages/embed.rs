//! `/embed?coins=…&columns=…`: one `<tokenlens-screener>` alone on the
//! page, for sites that embed tokenlens in an iframe instead of loading the
//! widget script themselves. The query parameters named like the widget's
//! attributes become its attributes (the widget validates them and shows any
//! mistake); the script is the site's own `widget/widget.js`.
//!
//! The page tells its parent how tall it is, so the host can size the
//! iframe, and which row was chosen:
//!
//! * `{ type: "tokenlens:resize", height }`: the content height in CSS
//!   pixels (an integer), sent whenever it changes;
//! * `{ type: "tokenlens:select", id, symbol }`: a row was chosen.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, HtmlElement, ResizeObserver, Window};

/// The widget's attributes, the only query parameters passed on: the names
/// of `tokenlens_widget::config::ATTRIBUTE_LIST`, in its order (a test of the
/// widget compares them).
pub const ATTRIBUTES: [&str; 11] = [
    "coins", "category", "columns", "limit", "sort", "theme", "currency", "refresh", "source",
    "compact", "locale",
];

/// The widget script, relative to the site's base URL.
pub const WIDGET_SCRIPT: &str = "widget/widget.js";
/// `type` of the height message posted to the parent.
pub const RESIZE_MESSAGE: &str = "tokenlens:resize";
/// `type` of the row-choice message posted to the parent.
pub const SELECT_MESSAGE: &str = "tokenlens:select";

/// The site's header and footer, hidden inside the iframe.
const CHROME: [&str; 2] = [".site-header", ".site-footer"];

/// `/embed`.
#[component]
pub fn EmbedPage() -> impl IntoView {
    let query = use_query_map();
    let holder = NodeRef::<leptos::html::Div>::new();
    let mounted = StoredValue::new_local(None::<Mounted>);
    Effect::new(move |_| {
        let Some(div) = holder.get() else {
            return;
        };
        let pairs: Vec<(String, String)> = query.with(|q| {
            ATTRIBUTES
                .iter()
                .filter_map(|name| q.get(name).map(|v| ((*name).to_owned(), v)))
                .collect()
        });
        // A new query replaces the widget (and its observers) as a whole.
        mounted.set_value(None);
        match Mounted::new(&div, &pairs) {
            Ok(m) => mounted.set_value(Some(m)),
            Err(e) => web_sys::console::warn_2(&"tokenlens embed:".into(), &e),
        }
    });
    on_cleanup(move || mounted.set_value(None));
    view! { <div class="embed" node_ref=holder></div> }
}

/// The widget on the page and what watches it; dropping it undoes it all.
struct Mounted {
    widget: Element,
    observer: ResizeObserver,
    _on_resize: Closure<dyn FnMut()>,
    on_select: Closure<dyn FnMut(web_sys::CustomEvent)>,
    chrome: Vec<HtmlElement>,
}

impl Mounted {
    fn new(holder: &Element, attributes: &[(String, String)]) -> Result<Self, JsValue> {
        let window = web_sys::window().ok_or("no window")?;
        let document = window.document().ok_or("no document")?;
        load_script(&document)?;
        let widget = document.create_element("tokenlens-screener")?;
        for (name, value) in attributes {
            widget.set_attribute(name, value)?;
        }
        holder.replace_children_with_node_1(&widget);

        let mut chrome = Vec::new();
        for selector in CHROME {
            if let Some(el) = document.query_selector(selector)? {
                let el: HtmlElement = el.dyn_into()?;
                // A CSSOM write, which a `style-src 'self'` policy allows.
                el.style().set_property("display", "none")?;
                chrome.push(el);
            }
        }

        let on_resize = {
            let window = window.clone();
            Closure::<dyn FnMut()>::new(move || post_height(&window))
        };
        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref())?;
        observer.observe(&widget);
        if let Some(main) = document.get_element_by_id("main") {
            observer.observe(&main);
        }

        let on_select = {
            let window = window.clone();
            Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |event: web_sys::CustomEvent| {
                let detail = event.detail();
                let field = |k: &str| {
                    js_sys::Reflect::get(&detail, &k.into())
                        .ok()
                        .and_then(|v| v.as_string())
                        .unwrap_or_default()
                };
                post(
                    &window,
                    &[
                        ("type", SELECT_MESSAGE.into()),
                        ("id", field("id").into()),
                        ("symbol", field("symbol").into()),
                    ],
                );
            })
        };
        widget.add_event_listener_with_callback(
            "tokenlens-select",
            on_select.as_ref().unchecked_ref(),
        )?;
        Ok(Self {
            widget,
            observer,
            _on_resize: on_resize,
            on_select,
            chrome,
        })
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.observer.disconnect();
        let _ = self.widget.remove_event_listener_with_callback(
            "tokenlens-select",
            self.on_select.as_ref().unchecked_ref(),
        );
        self.widget.remove();
        for el in &self.chrome {
            let _ = el.style().remove_property("display");
        }
    }
}

/// Adds the widget script once (an external module: allowed by `script-src 'self'`).
fn load_script(document: &Document) -> Result<(), JsValue> {
    if document
        .query_selector("script[data-tokenlens-widget]")?
        .is_some()
    {
        return Ok(());
    }
    let script = document.create_element("script")?;
    script.set_attribute("type", "module")?;
    script.set_attribute("src", WIDGET_SCRIPT)?;
    script.set_attribute("data-tokenlens-widget", "")?;
    document.head().ok_or("no head")?.append_child(&script)?;
    Ok(())
}

/// Posts the content height (the bottom of `<main>`) to the parent frame.
fn post_height(window: &Window) {
    let Some(main) = window.document().and_then(|d| d.get_element_by_id("main")) else {
        return;
    };
    let bottom = main.get_bounding_client_rect().bottom() + window.scroll_y().unwrap_or(0.0);
    post(
        window,
        &[
            ("type", RESIZE_MESSAGE.into()),
            ("height", JsValue::from_f64(bottom.ceil())),
        ],
    );
}

/// Posts `{ fields }` to the parent frame, when there is one. The messages
/// carry nothing private, so any parent origin may read them.
fn post(window: &Window, fields: &[(&str, JsValue)]) {
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if parent == *window {
        return;
    }
    let message = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&message, &(*key).into(), value);
    }
    let _ = parent.post_message(&message, "*");
}

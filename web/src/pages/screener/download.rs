//! Downloading the current view: the export buttons and the browser side of
//! a file download (the text itself comes from `export.rs`).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::export;
use super::state::ViewState;
use super::table::Data;

/// "Export CSV" and "Export JSON" of every row of the view (all pages),
/// named after the data's date; a failure is said under the filters.
#[component]
pub fn ExportButtons(
    state: ViewState,
    data: Data,
    as_of: String,
    failure: RwSignal<Option<String>>,
) -> impl IntoView {
    let as_of = StoredValue::new(as_of);
    let save = move |csv: bool| {
        let v = state.now();
        let text = data.rows.with_value(|all| {
            data.narratives.with_value(|n| {
                data.markets.with_value(|m| {
                    let chosen = v.apply(all, n, m);
                    if csv {
                        export::to_csv(&chosen, n, m)
                    } else {
                        export::to_json(&chosen)
                    }
                })
            })
        });
        let (extension, mime) = if csv {
            ("csv", "text/csv")
        } else {
            ("json", "application/json")
        };
        let name = format!("tokenlens-screener-{}.{extension}", as_of.get_value());
        failure.set(download(&name, mime, &text).err());
    };
    view! {
        <div class="export" role="group" aria-label="Export the current view">
            <button type="button" on:click=move |_| save(true)>"Export CSV"</button>
            <button type="button" on:click=move |_| save(false)>"Export JSON"</button>
        </div>
    }
}

/// Offers `text` as a file download named `name`.
fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not create the file".to_owned())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not create the file".to_owned())?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "no link element")?
        .dyn_into()
        .map_err(|_| "no link element")?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

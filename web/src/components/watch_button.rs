//! The ☆ button that adds a token to the watchlist or removes it
//! (`aria-pressed` says which), saved at once in local storage.

use leptos::prelude::*;

use crate::watchlist_store::{load_list, save_list};

/// Toggles `symbol` in the saved watchlist. A saved list that cannot be
/// read is never overwritten: the button is then disabled and says why.
#[component]
pub fn WatchButton(symbol: String) -> impl IntoView {
    let initial = load_list();
    let broken = initial.as_ref().err().cloned();
    let disabled = broken.is_some();
    let watched = RwSignal::new(initial.is_ok_and(|l| l.contains(&symbol)));
    let label = format!("Watch {symbol}");
    let toggle = move |_| {
        let Ok(mut list) = load_list() else { return };
        let now = if list.contains(&symbol) {
            list.remove(&symbol);
            false
        } else {
            match list.add(&symbol) {
                Ok(_) => true,
                Err(_) => return,
            }
        };
        if save_list(&list).is_ok() {
            watched.set(now);
        }
    };
    view! {
        <button
            type="button"
            class="watch"
            aria-label=label
            aria-pressed=move || if watched.get() { "true" } else { "false" }
            title=broken.unwrap_or_else(|| "Add to or remove from your watchlist".into())
            disabled=disabled
            on:click=toggle
        >
            {move || if watched.get() { "★" } else { "☆" }}
        </button>
    }
}

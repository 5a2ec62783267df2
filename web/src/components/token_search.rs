//! The header's search: type a symbol or a name, Enter opens that token's
//! page. The bundled coin list (names) is read on first focus only, so no
//! page pays for it before the visitor searches.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use tokenlens_core::universe::filters::find_token;

use crate::api::load_names;

/// Symbols and names by rank, from the bundled coin list.
type Known = Vec<(String, Option<String>)>;

/// What to open for `query`: a known token's symbol, else the query itself
/// as a symbol when it could be one (letters and digits), else nothing.
fn target(query: &str, known: &Known) -> Option<String> {
    let pairs: Vec<(&str, Option<&str>)> = known
        .iter()
        .map(|(s, n)| (s.as_str(), n.as_deref()))
        .collect();
    if let Some(symbol) = find_token(query, &pairs) {
        return Some(symbol.to_owned());
    }
    let raw = query.trim();
    (!raw.is_empty() && raw.len() <= 20 && raw.chars().all(|c| c.is_ascii_alphanumeric()))
        .then(|| raw.to_ascii_uppercase())
}

#[component]
pub fn TokenSearch() -> impl IntoView {
    let known: RwSignal<Option<Known>> = RwSignal::new(None);
    let asked = StoredValue::new(false);
    let query = RwSignal::new(String::new());
    let not_found = RwSignal::new(false);
    // What was submitted before the coin list had loaded: resolved once it has.
    let waiting = StoredValue::new(None::<String>);
    let navigate = use_navigate();
    let go = Callback::new(move |typed: String| {
        let found = known.with_untracked(|k| target(&typed, k.as_ref().unwrap_or(&Vec::new())));
        match found {
            Some(symbol) => {
                not_found.set(false);
                query.set(String::new());
                navigate(&format!("/token/{symbol}"), Default::default());
            }
            None => not_found.set(!typed.trim().is_empty()),
        }
    });
    let load = move || {
        if asked.get_value() {
            return;
        }
        asked.set_value(true);
        leptos::task::spawn_local(async move {
            let list = load_names().await.map_or_else(
                |_| Vec::new(),
                |n| {
                    n.coins
                        .into_iter()
                        .map(|(symbol, name)| (symbol, Some(name)))
                        .collect()
                },
            );
            if known.try_set(Some(list)).is_some() {
                return; // the header is gone
            }
            if let Some(typed) = waiting.try_update_value(Option::take).flatten() {
                go.run(typed);
            }
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = query.get_untracked();
        // Typed and submitted faster than the list loads: go once it has.
        if known.with_untracked(Option::is_none) {
            waiting.set_value(Some(typed));
            load();
            return;
        }
        go.run(typed);
    };
    let options = move || {
        known.with(|k| {
            k.iter()
                .flatten()
                .map(|(symbol, name)| {
                    let label = name.clone().unwrap_or_default();
                    view! { <option value=symbol.clone()>{label}</option> }
                })
                .collect_view()
        })
    };
    view! {
        <form class="token-search" role="search" on:submit=submit data-testid="token-search">
            <input
                type="search"
                name="token"
                list="token-list"
                placeholder="Find a token"
                aria-label="Find a token by symbol or name"
                autocomplete="off"
                maxlength="40"
                aria-invalid=move || if not_found.get() { "true" } else { "false" }
                prop:value=move || query.get()
                on:focus=move |_| load()
                on:input=move |ev| {
                    not_found.set(false);
                    query.set(event_target_value(&ev));
                }
            />
            <datalist id="token-list">{options}</datalist>
        </form>
    }
}

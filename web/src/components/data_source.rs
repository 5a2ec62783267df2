//! The label that says where the figures come from and how old they are.

use leptos::prelude::*;

/// "Offline snapshot · CoinGecko /coins/markets · 2023-07-28".
#[component]
pub fn DataSource(as_of: String, source: String, live: bool) -> impl IntoView {
    let kind = if live { "Live" } else { "Offline snapshot" };
    view! {
        <p class="data-source" data-testid="data-source">
            <span class="badge">{kind}</span>
            " · " {source} " · data as of "
            <time datetime=as_of.clone()>{as_of.clone()}</time>
        </p>
    }
}

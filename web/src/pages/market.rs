//! The market overview: the token table from the freshest data available.

use leptos::prelude::*;

use crate::api::load_snapshot;
use crate::components::data_source::DataSource;
use crate::components::market_table::MarketTable;

/// `/`: the market overview.
#[component]
pub fn MarketPage() -> impl IntoView {
    let snapshot = LocalResource::new(load_snapshot);
    view! {
        <h1>"Market"</h1>
        <Transition fallback=|| view! { <p class="status" role="status">"Loading market data…"</p> }>
            {move || {
                snapshot
                    .get()
                    .map(|result| match result {
                        Ok(snapshot) => {
                            view! {
                                <DataSource as_of=snapshot.as_of.clone() source=snapshot.source.clone() live=false />
                                <MarketTable tokens=snapshot.tokens />
                            }
                                .into_any()
                        }
                        Err(error) => {
                            view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any()
                        }
                    })
            }}
        </Transition>
    }
}

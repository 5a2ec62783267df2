//! The market overview: the token table from the freshest data available.
//!
//! The bundled snapshot shows at once; live prices are fetched in the
//! background (through the shared transport and the response cache) and
//! replace it when they arrive. When they cannot be had, the snapshot (or
//! saved data) stays, with the reason in words.

use leptos::prelude::*;
use tokenlens_feeds::client::feed::{Feed, Loaded};
use tokenlens_feeds::client::{Endpoint, FetchError};
use tokenlens_feeds::coingecko::parse_markets;
use tokenlens_feeds::{RowError, TokenMarket};

use crate::api::load_snapshot;
use crate::components::data_source::{DataSource, Provenance};
use crate::components::market_table::MarketTable;
use crate::state::use_app_state;

/// IndexedDB database of cached provider responses.
pub const CACHE_DB: &str = "tokenlens-cache";

type LiveMarkets = Result<Loaded<(Vec<TokenMarket>, Vec<RowError>)>, FetchError>;

/// `/`: the market overview.
#[component]
pub fn MarketPage() -> impl IntoView {
    let state = use_app_state();
    let snapshot = LocalResource::new(load_snapshot);
    let cancel = web_sys::AbortController::new().ok();
    let signal = cancel.as_ref().map(|c| c.signal());
    let live: LocalResource<LiveMarkets> = LocalResource::new(move || {
        let transport = state.transport.get_value();
        let signal = signal.clone();
        async move {
            let feed = Feed::open(transport, CACHE_DB).await;
            feed.load(
                &Endpoint::coingecko_markets(1, 250, None),
                signal.as_ref(),
                parse_markets,
            )
            .await
        }
    });
    // Leaving the page cancels the request and its retries.
    let cancel = StoredValue::new_local(cancel);
    on_cleanup(move || {
        cancel.with_value(|c| {
            if let Some(c) = c {
                c.abort();
            }
        });
    });

    view! {
        <h1>"Market"</h1>
        <Transition fallback=|| view! { <p class="status" role="status">"Loading market data…"</p> }>
            {move || match live.get() {
                Some(Ok(loaded)) => live_view(loaded).into_any(),
                pending_or_failed => {
                    let reason = match &pending_or_failed {
                        None => Some("Fetching live prices…".to_owned()),
                        Some(Err(e)) => Some(e.user_message()),
                        Some(Ok(_)) => None,
                    };
                    snapshot
                        .get()
                        .map(|result| match result {
                            Ok(snapshot) => {
                                let provenance = Provenance::Snapshot {
                                    as_of: snapshot.as_of.clone(),
                                    source: snapshot.source.clone(),
                                    reason,
                                };
                                view! {
                                    <DataSource provenance />
                                    <MarketTable tokens=snapshot.tokens />
                                }
                                    .into_any()
                            }
                            Err(error) => {
                                view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any()
                            }
                        })
                        .into_any()
                }
            }}
        </Transition>
    }
}

fn live_view(loaded: Loaded<(Vec<TokenMarket>, Vec<RowError>)>) -> impl IntoView {
    let (tokens, errors) = loaded.value;
    let provenance = Provenance::Live {
        provider: loaded.provider,
        fetched_at_ms: loaded.fetched_at_ms,
        stale_reason: loaded.refresh_error.map(|e| e.user_message()),
    };
    let skipped = (!errors.is_empty()).then(|| {
        view! {
            <p class="notice" role="status">
                {format!("{} coins could not be read and are not shown", errors.len())}
            </p>
        }
    });
    view! {
        <DataSource provenance />
        {skipped}
        <MarketTable tokens />
    }
}

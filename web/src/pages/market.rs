//! The market overview: the token table from the freshest data available.
//!
//! The bundled snapshot shows at once; live prices are fetched in the
//! background (through the shared transport and the response cache, from
//! CoinGecko or, when it fails, CoinPaprika) and replace it when they
//! arrive. When they cannot be had, the snapshot (or saved data) stays, with
//! the reasons in words, and patterns of failures are called out.

use leptos::prelude::*;
use tokenlens_feeds::client::feed::{Feed, Loaded, Source};
use tokenlens_feeds::client::{FetchError, sources};
use tokenlens_feeds::{RowError, TokenMarket};

use crate::api::load_snapshot;
use crate::components::data_source::{DataSource, Provenance};
use crate::components::market_table::MarketTable;
use crate::components::provider_alerts::ProviderAlerts;
use crate::state::use_app_state;

/// IndexedDB database of cached provider responses.
pub const CACHE_DB: &str = "tokenlens-cache";

type LiveMarkets = Result<Loaded<(Vec<TokenMarket>, Vec<RowError>)>, Vec<FetchError>>;

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
            let chain = sources::market_list(250);
            let links: Vec<Source<'_, _>> = chain
                .iter()
                .map(|(endpoint, parse)| Source::new(endpoint.clone(), parse))
                .collect();
            feed.load_first(&links, signal.as_ref()).await
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
                        Some(Err(errors)) => Some(all_failed(errors)),
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
                                    <ProviderAlerts />
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

/// Why no provider could be used: the first failure in full, the others
/// in a few words.
fn all_failed(errors: &[FetchError]) -> String {
    let mut text = errors.first().map_or_else(
        || "No live source answered".to_owned(),
        FetchError::user_message,
    );
    for e in errors.iter().skip(1) {
        text.push_str(&format!(
            "; {} failed too ({})",
            e.provider,
            e.short_reason()
        ));
    }
    text
}

fn live_view(loaded: Loaded<(Vec<TokenMarket>, Vec<RowError>)>) -> impl IntoView {
    let (tokens, errors) = loaded.value;
    let fallback_reason = (!loaded.fallbacks.is_empty()).then(|| {
        let failed: Vec<String> = loaded
            .fallbacks
            .iter()
            .map(|e| format!("{} could not be used ({})", e.provider, e.short_reason()))
            .collect();
        format!("{}; showing {} instead", failed.join("; "), loaded.provider)
    });
    let provenance = Provenance::Live {
        provider: loaded.provider,
        fetched_at_ms: loaded.fetched_at_ms,
        stale_reason: loaded.refresh_error.map(|e| e.user_message()),
        fallback_reason,
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
        <ProviderAlerts />
        {skipped}
        <MarketTable tokens />
    }
}

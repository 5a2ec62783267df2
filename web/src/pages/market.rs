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

use tokenlens_feeds::client::Endpoint;
use tokenlens_feeds::coingecko::global::{GlobalMarket, parse_global};

use crate::api::{load_overview, load_snapshot};
use crate::components::data_source::{DataSource, Provenance, all_failed};
use crate::components::market_overview::{BreadthOverview, MarketTotals, NarrativeHeatmap};
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
    // One cache connection for the page: the market list (CoinGecko, else
    // CoinPaprika) and, beside it, CoinGecko's /global totals, which never
    // hold the list back.
    let global: RwSignal<Option<GlobalMarket>, LocalStorage> = RwSignal::new_local(None);
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
            let markets = feed.load_first(&links, signal.as_ref()).await;
            // Then the totals, so their retries never compete with the
            // list's for CoinGecko's rate limit.
            leptos::task::spawn_local(async move {
                let endpoint = Endpoint::coingecko_global();
                if let Ok(loaded) = feed.load(&endpoint, signal.as_ref(), parse_global).await {
                    global.try_set(Some(loaded.value));
                }
            });
            markets
        }
    });
    // Breadth and narratives of the bundled history.
    let history = LocalResource::new(load_overview);
    // Leaving the page cancels the request and its retries.
    let cancel = StoredValue::new_local(cancel);
    on_cleanup(move || {
        cancel.with_value(|c| {
            if let Some(c) = c {
                c.abort();
            }
        });
    });

    let live_state = Memo::new(move |_| match live.get() {
        None => LiveState::Pending,
        Some(Ok(_)) => LiveState::Ready,
        Some(Err(errors)) => LiveState::Failed(all_failed(&errors)),
    });
    // Totals over the freshest list on screen; outside the transitions, so
    // a slow /global never holds the table back.
    let totals = move || {
        let tokens = match live.get() {
            Some(Ok(loaded)) => loaded.value.0,
            _ => snapshot.get()?.ok()?.tokens,
        };
        Some(view! { <MarketTotals global=global.get() tokens /> })
    };
    view! {
        <h1>"Market"</h1>
        {totals}
        <Transition fallback=|| view! { <p class="status" role="status">"Loading market data…"</p> }>
            // The live list is read through `live_state` (made outside this
            // transition), so the snapshot shows at once instead of waiting
            // for every provider's retries.
            {move || match live_state.get() {
                LiveState::Ready => live
                    .get_untracked()
                    .and_then(Result::ok)
                    .map(|loaded| live_view(loaded).into_any()),
                state => {
                    let reason = match state {
                        LiveState::Pending => Some("Fetching live prices…".to_owned()),
                        LiveState::Failed(reason) => Some(reason),
                        LiveState::Ready => None,
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
                }
            }}
        </Transition>
        <Transition fallback=|| view! { <p class="status" role="status">"Computing breadth and narratives…"</p> }>
            {move || {
                history
                    .get()
                    .map(|result| match result {
                        Ok(o) => {
                            let reports = o.narratives.clone();
                            view! {
                                <BreadthOverview overview=o />
                                <NarrativeHeatmap reports />
                            }
                                .into_any()
                        }
                        Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                    })
            }}
        </Transition>
    }
}

/// Where the live market list stands.
#[derive(Debug, Clone, PartialEq)]
enum LiveState {
    Pending,
    Ready,
    /// Every provider failed, and why.
    Failed(String),
}

fn live_view(loaded: Loaded<(Vec<TokenMarket>, Vec<RowError>)>) -> impl IntoView {
    let provenance = Provenance::of_loaded(&loaded);
    let (tokens, errors) = loaded.value;
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

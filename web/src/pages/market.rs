//! The market overview: the token table from the freshest data available.
//!
//! The bundled snapshot shows at once; live prices are fetched in the
//! background (through the shared transport and the response cache, from
//! CoinGecko or, when it fails, CoinPaprika) and replace it when they
//! arrive. When they cannot be had, the snapshot (or saved data) stays, with
//! the reasons in words, and patterns of failures are called out.

use leptos::prelude::*;
use tokenlens_feeds::client::feed::{Loaded, Source};
use tokenlens_feeds::client::sources;
use tokenlens_feeds::{RowError, TokenMarket};

use tokenlens_feeds::client::Endpoint;
use tokenlens_feeds::coingecko::global::{GlobalMarket, parse_global};

use crate::api::{load_overview, load_snapshot};
use crate::components::data_source::{DataSource, Provenance, all_failed};
use crate::components::loading::{RetryButton, SectionError, SkeletonTable};
use crate::components::market_overview::{BreadthOverview, MarketTotals, NarrativeHeatmap};
use crate::components::market_table::MarketTable;
use crate::components::provider_alerts::ProviderAlerts;
use crate::live::{PageFeed, Section};
use crate::state::{every_minutes, use_app_state};

type LiveMarkets = Loaded<(Vec<TokenMarket>, Vec<RowError>)>;

/// `/`: the market overview.
#[component]
pub fn MarketPage() -> impl IntoView {
    let state = use_app_state();
    let settings = state.settings.get_untracked();
    let live_allowed = settings.live();
    let snapshot = LocalResource::new(load_snapshot);
    let cancel = web_sys::AbortController::new().ok();
    let signal = StoredValue::new_local(cancel.as_ref().map(|c| c.signal()));
    let feed = PageFeed::new(state.transport.get_value());
    // Two sections from the network, each loaded (and retried) on its own:
    // the market list (CoinGecko, else CoinPaprika) and CoinGecko's /global
    // totals, which never hold the list back.
    let markets: Section<LiveMarkets> = Section::new();
    let global: Section<GlobalMarket> = Section::new();
    let load_markets = move |refresh: bool| async move {
        markets.busy.try_set(true);
        let feed = feed.get().await;
        let chain = sources::market_list(250);
        let links: Vec<Source<'_, _>> = chain
            .iter()
            .map(|(endpoint, parse)| Source::new(endpoint.clone(), parse))
            .collect();
        let cancel = signal.try_get_value().flatten();
        let result = if refresh {
            feed.refresh_first(&links, cancel.as_ref()).await
        } else {
            feed.load_first(&links, cancel.as_ref()).await
        };
        markets.finish(result.map_err(|errors| all_failed(&errors)));
    };
    let load_global = move |refresh: bool| async move {
        global.busy.try_set(true);
        let feed = feed.get().await;
        let endpoint = Endpoint::coingecko_global();
        let cancel = signal.try_get_value().flatten();
        let result = if refresh {
            feed.refresh(&endpoint, cancel.as_ref(), parse_global).await
        } else {
            feed.load(&endpoint, cancel.as_ref(), parse_global).await
        };
        global.finish(
            result
                .map(|loaded| loaded.value)
                .map_err(|e| e.user_message()),
        );
    };
    // The list first, then the totals, so their retries never compete with
    // the list's for CoinGecko's rate limit.
    let load_both = move |refresh: bool| {
        leptos::task::spawn_local(async move {
            load_markets(refresh).await;
            load_global(refresh).await;
        })
    };
    if live_allowed {
        markets.busy.set(true);
        load_both(false);
        // The refresh the visitor chose in Settings, from the network.
        every_minutes(settings.refresh_minutes, move || {
            let (Some(a), Some(b)) = (
                markets.busy.try_get_untracked(),
                global.busy.try_get_untracked(),
            ) else {
                return false;
            };
            if !a && !b {
                load_both(true);
            }
            true
        });
    }
    let retry_markets = Callback::new(move |()| {
        leptos::task::spawn_local(load_markets(true));
    });
    let retry_global = Callback::new(move |()| {
        leptos::task::spawn_local(load_global(true));
    });
    // Breadth and narratives of the bundled history.
    let history = LocalResource::new(load_overview);
    // Leaving the page cancels the requests and their retries.
    let cancel = StoredValue::new_local(cancel);
    on_cleanup(move || {
        cancel.with_value(|c| {
            if let Some(c) = c {
                c.abort();
            }
        });
    });

    let live_state = Memo::new(move |_| {
        if !live_allowed {
            LiveState::Off
        } else if markets.data.with(Option::is_some) {
            LiveState::Ready
        } else if let Some(reason) = markets.error.get() {
            LiveState::Failed(reason)
        } else {
            LiveState::Pending
        }
    });
    // Totals over the freshest list on screen; outside the transitions, so
    // a slow /global never holds the table back.
    let totals = move || {
        let tokens = match markets.data.get() {
            Some(loaded) => loaded.value.0,
            None => snapshot.get()?.ok()?.tokens,
        };
        Some(view! { <MarketTotals global=global.data.get() tokens /> })
    };
    let global_error = move || {
        global.error.get().map(|reason| {
            view! {
                <SectionError
                    message=format!(
                        "The totals of all coins (CoinGecko /global) could not be loaded: {reason}. The total above is the sum of the coins listed."
                    )
                    what="the market totals"
                    on_retry=retry_global
                    busy=global.busy
                    testid="global-error"
                />
            }
        })
    };
    // Busy while the region has nothing to show yet (the skeleton); a live
    // list loading over the snapshot leaves the table usable.
    let list_busy = move || {
        if snapshot.with(Option::is_none) {
            "true"
        } else {
            "false"
        }
    };
    view! {
        <h1>"Market"</h1>
        {totals}
        {global_error}
        <section class="market-list" aria-label="Market list" aria-busy=list_busy data-testid="market-section">
            <Transition fallback=|| view! { <SkeletonTable label="Loading market data…" rows=10 columns=5 /> }>
                // The live list is read through `live_state` (made outside
                // this transition), so the snapshot shows at once instead of
                // waiting for every provider's retries.
                {move || match live_state.get() {
                    LiveState::Ready => markets
                        .data
                        .get()
                        .map(|loaded| live_view(loaded, markets, retry_markets).into_any()),
                    live => {
                        let reason = match &live {
                            LiveState::Pending => Some("Fetching live prices…".to_owned()),
                            LiveState::Failed(reason) => Some(reason.clone()),
                            LiveState::Off => Some(
                                "Snapshot only, as chosen in Settings: no live prices are fetched"
                                    .to_owned(),
                            ),
                            LiveState::Ready => None,
                        };
                        let retry = matches!(live, LiveState::Failed(_)).then(|| {
                            view! { <RetryButton what="the market list" on_retry=retry_markets busy=markets.busy /> }
                        });
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
                                        {retry}
                                        <ProviderAlerts />
                                        <MarketTable tokens=snapshot.tokens />
                                    }
                                        .into_any()
                                }
                                Err(error) => view! {
                                    <SectionError
                                        message=error.to_string()
                                        what="the market data"
                                        on_retry=Callback::new(move |()| snapshot.refetch())
                                        testid="snapshot-error"
                                    />
                                }
                                .into_any(),
                            })
                    }
                }}
            </Transition>
        </section>
        <section aria-label="Breadth and narratives" aria-busy=move || if history.with(Option::is_none) { "true" } else { "false" }>
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
                            Err(e) => view! {
                                <SectionError
                                    message=e.to_string()
                                    what="breadth and narratives"
                                    on_retry=Callback::new(move |()| history.refetch())
                                    testid="history-error"
                                />
                            }
                            .into_any(),
                        })
                }}
            </Transition>
        </section>
    }
}

/// Where the live market list stands.
#[derive(Debug, Clone, PartialEq)]
enum LiveState {
    /// The visitor chose the snapshot only.
    Off,
    Pending,
    Ready,
    /// Every provider failed, and why.
    Failed(String),
}

fn live_view(
    loaded: LiveMarkets,
    markets: Section<LiveMarkets>,
    retry: Callback<()>,
) -> impl IntoView {
    let provenance = Provenance::of_loaded(&loaded);
    let (tokens, errors) = loaded.value;
    let skipped = (!errors.is_empty()).then(|| {
        view! {
            <p class="notice" role="status">
                {format!("{} coins could not be read and are not shown", errors.len())}
            </p>
        }
    });
    // A scheduled refresh or a retry that failed leaves this list on
    // screen, and says so.
    let failed_refresh = move || {
        markets.error.get().map(|reason| {
            view! {
                <SectionError
                    message=format!("The market list could not be refreshed: {reason}")
                    what="the market list"
                    on_retry=retry
                    busy=markets.busy
                    testid="refresh-error"
                />
            }
        })
    };
    view! {
        <DataSource provenance />
        {failed_refresh}
        <ProviderAlerts />
        {skipped}
        <MarketTable tokens />
    }
}

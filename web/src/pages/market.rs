//! The market overview: totals and movers, Bull-vs-Bear and the narrative
//! heatmap, then the market list from the freshest data available.
//!
//! Offline, every figure is of one date, the bundled history's last close
//! (`assets/market-now.json`: the screener's rows of that date, so prices,
//! returns, Trader Grades and signals equal the screener's), with the
//! coins' names from the bundled coin list; rank, volume, market cap and
//! the market totals, which the history does not hold, say that they need
//! live data. Live prices are fetched in the background (through the shared
//! transport and the response cache, from CoinGecko or, when it fails,
//! CoinPaprika), graded on their 7-day sparklines as the live screener
//! grades them, and replace the offline list when they arrive. When they
//! cannot be had, the offline list (or saved data) stays, with the reasons
//! in words, and patterns of failures are called out.

use leptos::prelude::*;
use tokenlens_feeds::client::feed::{Loaded, Source};
use tokenlens_feeds::client::sources;
use tokenlens_feeds::{RowError, TokenMarket};

use tokenlens_feeds::client::Endpoint;
use tokenlens_feeds::coingecko::global::{GlobalMarket, parse_global};

use std::collections::HashMap;

use tokenlens_core::universe::screen::ScreenRow;
use tokenlens_core::universe::table::{Column, Figures, Sort, SortKey, order};
use tokenlens_feeds::{CoinNames, live_universe};

use crate::api::{LoadError, MarketNow, load_market_now, load_names, load_overview};
use crate::components::data_source::{DataSource, Provenance, all_failed};
use crate::components::live_notice::{
    LiveNotice, LivePending, Restart, replaced, watch_unreachable,
};
use crate::components::loading::{SectionError, SkeletonTable};
use crate::components::market_overview::{
    BreadthOverview, MarketTotals, NarrativeHeatmap, Totals, live_movers,
};
use crate::components::market_table::{MarketRow, MarketTable};
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
    // The offline list and the coin list its names come from.
    let snapshot = LocalResource::new(|| async {
        let (market, names) = futures::join!(load_market_now(), load_names());
        (market, names)
    });
    let page = RwSignal::new(0usize);
    // Each section's load; a retry replaces the one running, and leaving
    // the page cancels the requests and their retries.
    let markets_load = Restart::new();
    let global_load = Restart::new();
    let feed = PageFeed::new(state.transport.get_value());
    // Two sections from the network, each loaded (and retried) on its own:
    // the market list (CoinGecko, else CoinPaprika) and CoinGecko's /global
    // totals, which never hold the list back.
    let markets: Section<LiveMarkets> = Section::new();
    let global: Section<GlobalMarket> = Section::new();
    let load_markets = move |refresh: bool| async move {
        markets.busy.try_set(true);
        // The site's published list while it is fresh: no provider asked.
        if !refresh && let Some(published) = crate::published::fresh_market_list(250).await {
            markets.finish(Ok(Loaded {
                value: (published.value, Vec::new()),
                fetched_at_ms: published.fetched_at_ms,
                provider: published.provider,
                refresh_error: None,
                fallbacks: Vec::new(),
            }));
            return;
        }
        let feed = feed.get().await;
        let chain = sources::market_list(250);
        let links: Vec<Source<'_, _>> = chain
            .iter()
            .map(|(endpoint, parse)| Source::new(endpoint.clone(), parse))
            .collect();
        let cancel = markets_load.next();
        let result = if refresh {
            feed.refresh_first(&links, cancel.as_ref()).await
        } else {
            feed.load_first(&links, cancel.as_ref()).await
        };
        if !replaced(cancel.as_ref()) {
            markets.finish(result.map_err(|errors| all_failed(&errors)));
        }
    };
    let load_global = move |refresh: bool| async move {
        global.busy.try_set(true);
        let feed = feed.get().await;
        let endpoint = Endpoint::coingecko_global();
        let cancel = global_load.next();
        let result = if refresh {
            feed.refresh(&endpoint, cancel.as_ref(), parse_global).await
        } else {
            feed.load(&endpoint, cancel.as_ref(), parse_global).await
        };
        if !replaced(cancel.as_ref()) {
            global.finish(
                result
                    .map(|loaded| loaded.value)
                    .map_err(|e| e.user_message()),
            );
        }
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
        // Asked for once the bundled list is drawn (or has failed), in a
        // task of its own, so that its loading never holds back that
        // first drawing.
        crate::live::ask_once_drawn(
            move || snapshot.with(Option::is_some),
            move || {
                load_both(false);
            },
        );
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
    // The market list again, at once (the notice's Retry), and the totals
    // after it unless they are in.
    let retry_both = Callback::new(move |()| {
        markets.busy.set(true);
        leptos::task::spawn_local(async move {
            load_markets(true).await;
            if global.data.try_with_untracked(Option::is_none) == Some(true) {
                load_global(true).await;
            }
        });
    });
    // Offline, the bundled list stays and one notice says so as soon as
    // the network is seen to be out of reach; the transport keeps trying.
    let unreachable = RwSignal::new(false);
    if live_allowed {
        watch_unreachable(unreachable, move || {
            Some(
                markets.data.try_with_untracked(Option::is_none)?
                    && markets.error.try_with_untracked(Option::is_none)?,
            )
        });
    }
    // The header's "now": the live list's time while it is shown.
    let now = state.now;
    now.live_while_mounted();
    Effect::new(move |_| {
        markets.data.with(|d| {
            now.show_live(d.as_ref().map(|l| (l.fetched_at_ms, l.provider.as_str())));
        });
    });
    // Breadth and narratives of the bundled history.
    let history = LocalResource::new(load_overview);

    // The live list graded as the live screener grades it.
    let live_grades: LocalResource<LiveGrades> = LocalResource::new(move || {
        let data = markets.data.get();
        async move {
            match data {
                Some(loaded) => grade_live(&loaded.value.0, loaded.fetched_at_ms).await,
                None => LiveGrades::new(),
            }
        }
    });
    let live_state = Memo::new(move |_| {
        if !live_allowed {
            LiveState::Off
        } else if markets.data.with(Option::is_some) {
            LiveState::Ready
        } else if let Some(reason) = markets.error.get() {
            LiveState::Failed(Some(reason))
        } else if unreachable.get() {
            LiveState::Failed(None)
        } else {
            LiveState::Pending
        }
    });
    // Whether the live list is on screen: what the list and the totals
    // redraw on (not each step of its loading or failing).
    let live_ready = Memo::new(move |_| live_state.get() == LiveState::Ready);
    // Totals over the list on screen, of its date only: live, from /global
    // or the listed coins; offline, none (the history holds prices only).
    let totals = move || {
        if live_ready.get()
            && let Some(loaded) = markets.data.get()
        {
            let tokens = &loaded.value.0;
            let totals = Totals::of_live(global.data.get().as_ref(), tokens);
            let movers = live_movers(tokens);
            return Some(
                view! { <MarketTotals totals movers movers_period="24 h".to_owned() /> }.into_any(),
            );
        }
        // Until the list of the day is read, its place (about its height)
        // is held, so that the totals do not push the page down.
        let Some((market, _)) = snapshot.get() else {
            return Some(
                view! { <section class="card totals totals-pending" aria-hidden="true"></section> }
                    .into_any(),
            );
        };
        let market = market.ok()?;
        let as_of = market.as_of.clone();
        let movers = market
            .rows
            .iter()
            .filter(|r| !r.stable && r.date == as_of)
            .filter_map(|r| Some((r.symbol.clone(), 100.0 * r.return_1d?)))
            .collect();
        let totals = Totals::Unavailable(format!(
            "the bundled history of {as_of} holds daily closes only"
        ));
        Some(
            view! { <MarketTotals totals movers movers_period=format!("24 h to {as_of}") /> }
                .into_any(),
        )
    };
    // With the live list on screen only: offline, the notice says it all.
    let global_error = move || {
        if live_state.get() != LiveState::Ready {
            return None;
        }
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
    let notice = move || {
        let reason = match live_state.get() {
            LiveState::Failed(reason) => reason,
            // The notice's place is held while live prices are asked for, so
            // that it takes that place when they fail, moving nothing.
            LiveState::Pending => {
                return Some(view! { <LivePending what="live prices" /> }.into_any());
            }
            LiveState::Off | LiveState::Ready => return None,
        };
        let reason = Signal::derive(move || {
            let global = global
                .error
                .get()
                .map(|g| format!("The market totals (CoinGecko /global): {g}"));
            match (reason.clone(), global) {
                (Some(r), Some(g)) => Some(format!("{r}. {g}")),
                (r, g) => r.or(g),
            }
        });
        Some(
            view! { <LiveNotice what="live prices" reason retry_label="Retry the market list" on_retry=retry_both /> }
                .into_any(),
        )
    };
    // Busy while the region has nothing to show yet (the skeleton); a live
    // list loading over the snapshot leaves the table usable.
    let list_busy = move || {
        if snapshot.with(Option::is_none) && markets.data.with(Option::is_none) {
            "true"
        } else {
            "false"
        }
    };
    view! {
        <h1>"Market"</h1>
        {notice}
        {totals}
        {global_error}
        <section class="market-overview" aria-label="Breadth and narratives" aria-busy=move || if history.with(Option::is_none) { "true" } else { "false" }>
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
        <section class="market-list" aria-label="Market list" aria-busy=list_busy data-testid="market-section">
            <Transition fallback=|| view! { <SkeletonTable label="Loading market data…" rows=10 columns=11 /> }>
                // The live list is read through `live_ready` (made outside
                // this transition), so the snapshot shows at once instead of
                // waiting for every provider's retries, and is drawn once:
                // the live list's progress and failures are the notice's, at
                // the top of the page.
                {move || if live_ready.get() {
                    markets
                        .data
                        .get()
                        .map(|loaded| {
                            let grades = live_grades.get();
                            live_view(loaded, grades, markets, retry_markets, page).into_any()
                        })
                } else {
                    let reason = (!live_allowed).then(|| {
                        "Snapshot only, as chosen in Settings: no live prices are fetched"
                            .to_owned()
                    });
                    snapshot.get().map(|(market, names)| {
                        offline_view(market, names, reason, page, move || snapshot.refetch())
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
    /// Every provider failed, and why; or (`None`) the network is out of
    /// reach and the transport is still trying.
    Failed(Option<String>),
}

/// Live Trader Grades and signals by symbol, or why a coin has none.
type LiveGrades = HashMap<String, Result<ScreenRow, String>>;

/// Grades a live list on its 7-day sparklines by the live screener's rules
/// (`live_universe`, BTC's sparkline the benchmark, the core's `screen`).
async fn grade_live(tokens: &[TokenMarket], fetched_at_ms: f64) -> LiveGrades {
    let last_time = (fetched_at_ms / 1e3).floor() as i64;
    let (members, mut errors) = live_universe::members(tokens, last_time);
    let benchmark = live_universe::benchmark(tokens, last_time);
    let graded = RwSignal::new((0, 0));
    let (rows, more) = crate::grading::screen_in_slices(&members, benchmark.as_ref(), graded).await;
    errors.extend(more);
    let mut grades: LiveGrades = errors
        .into_iter()
        .map(|e| {
            (
                e.symbol.to_ascii_uppercase(),
                Err(format!("Not graded: {}", e.message)),
            )
        })
        .collect();
    grades.extend(
        rows.into_iter()
            .map(|r| (r.symbol.to_ascii_uppercase(), Ok(r))),
    );
    grades
}

/// The offline list: the history's screen of its last date, in the
/// screener's default order (Trader Grade, highest first, stablecoins
/// last), with the coins' names.
fn offline_view(
    market: Result<MarketNow, LoadError>,
    names: Result<CoinNames, LoadError>,
    reason: Option<String>,
    page: RwSignal<usize>,
    refetch: impl Fn() + Send + Sync + 'static,
) -> AnyView {
    let market = match market {
        Ok(market) => market,
        Err(error) => {
            return view! {
                <SectionError
                    message=error.to_string()
                    what="the market data"
                    on_retry=Callback::new(move |()| refetch())
                    testid="snapshot-error"
                />
            }
            .into_any();
        }
    };
    let (names, names_error) = match names {
        Ok(names) => (Some(names), None),
        Err(e) => (
            None,
            Some(format!(
                "Coin names could not be loaded, so symbols are shown alone: {e}"
            )),
        ),
    };
    let as_of = market.as_of.clone();
    let sort = Sort::by(SortKey::Column(Column::TraderGrade));
    let rows: Vec<MarketRow> = order(&market.rows, sort, Figures::of_screen_row)
        .into_iter()
        .map(|i| {
            let row = &market.rows[i];
            let name = names
                .as_ref()
                .and_then(|n| n.name(&row.symbol))
                .map(str::to_owned);
            MarketRow::from_history(row, name, market.closes(&row.symbol), &as_of)
        })
        .collect();
    let caption = format!(
        "{} tokens on {as_of}, by Trader Grade (highest first, stablecoins last), as on the Screener",
        rows.len()
    );
    let note = "Names from CoinGecko's coin list. Rank, volume and market cap need live data: \
                the bundled history holds daily closes only."
        .to_owned();
    let skipped = (!market.errors.is_empty()).then(|| {
        view! {
            <p class="notice" role="status">
                {format!(
                    "{} tokens have too short a history (or no price) to grade and are not listed",
                    market.errors.len()
                )}
            </p>
        }
    });
    let provenance = Provenance::Snapshot {
        as_of: as_of.clone(),
        source: market.sources.join("; "),
        reason,
    };
    view! {
        <DataSource provenance />
        {names_error.map(|e| view! { <p class="notice" role="status">{e}</p> })}
        {skipped}
        <MarketTable rows caption note page />
    }
    .into_any()
}

fn live_view(
    loaded: LiveMarkets,
    grades: Option<LiveGrades>,
    markets: Section<LiveMarkets>,
    retry: Callback<()>,
    page: RwSignal<usize>,
) -> impl IntoView {
    let provenance = Provenance::of_loaded(&loaded);
    let (tokens, errors) = loaded.value;
    let rows: Vec<MarketRow> = tokens
        .iter()
        .map(|t| {
            let graded = match &grades {
                None => Err("Grading…".to_owned()),
                Some(g) => g
                    .get(&t.symbol.to_ascii_uppercase())
                    .cloned()
                    .unwrap_or_else(|| Err("Not graded".to_owned())),
            };
            MarketRow::from_token(t, graded.as_ref().map_err(Clone::clone))
        })
        .collect();
    let caption = format!(
        "{} coins by market cap; Trader Grade and signal from each coin's 7-day prices, as on the Screener",
        rows.len()
    );
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
        <MarketTable rows caption page />
    }
}

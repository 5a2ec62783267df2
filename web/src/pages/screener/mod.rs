//! `/screener`: every token of the universe graded in the browser, sortable
//! on every column, filterable, paged, with one-click presets, a column
//! chooser and CSV/JSON export of the current view. The whole view lives in
//! the URL's query string (`view.rs`), so it can be shared and survives a
//! reload.
//!
//! * `data.rs`: the bundled history's screen, or the live list graded;
//! * `view.rs`: the view (filters, order, page, columns) and its URL form;
//! * `state.rs`: the view as page state, shared by every control;
//! * `filters.rs`: presets, filters and the column chooser;
//! * `table.rs`: the table and the pager;
//! * `export.rs` / `download.rs`: the view as CSV or JSON, downloaded.

mod data;
mod download;
pub mod export;
mod filters;
mod state;
mod table;
pub mod view;

use leptos::prelude::*;
use tokenlens_core::universe::narratives::NarrativeTable;

use self::data::{LIVE_PAGES, Screened, load_live, screen_bundled, screen_live};
use self::download::ExportButtons;
use self::filters::{Filters, Presets};
use self::state::ViewState;
use self::table::{Data, EmptyResult, Pager, ScreenerTable};
use self::view::{COLUMNS, Column, View, has_data};
use crate::api::load_market_now;
use crate::components::data_source::DataSource;
use crate::components::live_notice::{LiveNotice, Restart, replaced, watch_unreachable};
use crate::components::loading::{RetryButton, SectionError, SkeletonTable};
use crate::grading::Graded;
use crate::live::{PageFeed, Section};
use crate::state::{every_minutes, use_app_state};

/// `/screener`: the bundled history at once, the live market list (1,000
/// coins) when it arrives (unless the visitor chose the snapshot only).
#[component]
pub fn ScreenerPage() -> impl IntoView {
    let state = use_app_state();
    let settings = state.settings.get_untracked();
    let live_allowed = settings.live();
    let snapshot = LocalResource::new(|| async { load_market_now().await.map(screen_bundled) });
    let progress = RwSignal::new((0u32, LIVE_PAGES));
    let graded_live: Graded = RwSignal::new((0, 0));
    // A retry replaces the load running; leaving the page cancels the
    // requests and their retries.
    let restart = Restart::new();
    let feed = PageFeed::new(state.transport.get_value());
    let live: Section<Screened> = Section::new();
    let load = move |refresh: bool| {
        live.busy.try_set(true);
        let cancel = restart.next();
        leptos::task::spawn_local(async move {
            // The site's published list while it is fresh (and gradable: a
            // list with sparklines, as CoinGecko's is): no provider asked.
            let published = if refresh {
                None
            } else {
                crate::published::fresh_market_list(usize::MAX)
                    .await
                    .filter(|list| {
                        let drawn = list.value.iter().filter(|t| !t.sparkline_7d.is_empty());
                        drawn.count() * 2 >= list.value.len()
                    })
            };
            let result = match published {
                Some(list) => {
                    progress.try_set((LIVE_PAGES, LIVE_PAGES));
                    Ok(screen_live(
                        list.value,
                        list.fetched_at_ms,
                        list.provider,
                        Vec::new(),
                        graded_live,
                    )
                    .await)
                }
                None => {
                    let feed = feed.get().await;
                    load_live(feed, cancel.clone(), progress, refresh, graded_live).await
                }
            };
            if !replaced(cancel.as_ref()) {
                live.finish(result);
            }
        });
    };
    // Offline, the bundled history stays and one notice says so as soon
    // as the network is seen to be out of reach; the transport keeps trying.
    let unreachable = RwSignal::new(false);
    if live_allowed {
        watch_unreachable(unreachable, move || {
            Some(
                live.data.try_with_untracked(Option::is_none)?
                    && live.error.try_with_untracked(Option::is_none)?,
            )
        });
    }
    // The header's "now": the live list's time while it is shown.
    let now = state.now;
    now.live_while_mounted();
    Effect::new(move |_| {
        live.data.with(|d| {
            now.show_live(d.as_ref().and_then(|s| match &s.provenance {
                crate::components::data_source::Provenance::Live {
                    fetched_at_ms,
                    provider,
                    ..
                } => Some((*fetched_at_ms, provider.as_str())),
                crate::components::data_source::Provenance::Snapshot { .. } => None,
            }));
        });
    });
    if live_allowed {
        // The live list is asked for once the bundled rows are drawn (or
        // have failed), in a task of its own, so that its loading never
        // holds back their first drawing.
        live.busy.set(true);
        crate::live::ask_once_drawn(
            move || snapshot.with(Option::is_some),
            move || {
                load(false);
            },
        );
        every_minutes(settings.refresh_minutes, move || {
            let Some(busy) = live.busy.try_get_untracked() else {
                return false;
            };
            if !busy {
                load(true);
            }
            true
        });
    }
    let retry = Callback::new(move |()| load(true));
    let status = move || {
        if !live_allowed {
            return Some(
                view! {
                    <p class="notice" role="status" data-testid="live-status">
                        "Snapshot only, as chosen in Settings: showing the bundled history, no live prices are fetched"
                    </p>
                }
                .into_any(),
            );
        }
        let have_live = live.data.with(Option::is_some);
        // Offline, the progress ends with the notice, not a stalled count.
        if !have_live
            && (unreachable.get() || (!live.busy.get() && live.error.with(Option::is_some)))
        {
            let reason = Signal::derive(move || live.error.get());
            return Some(
                view! { <LiveNotice what="live prices" reason retry_label="Retry the live market list" on_retry=retry /> }.into_any(),
            );
        }
        if live.busy.get() {
            let (done, total) = progress.get();
            let (graded, of) = graded_live.get();
            let grading = (of > 0).then(|| format!(" · graded {graded}/{of}"));
            return Some(
                view! {
                    // In the notice's place and shape: the notice that may
                    // follow it moves nothing.
                    <div class="live-notice progress" role="status" data-testid="live-progress">
                        <progress max=total value=done></progress>
                        {format!(" Live market list: pages {done}/{total}")}
                        {grading}
                    </div>
                }
                .into_any(),
            );
        }
        let reason = live.error.get()?;
        let message = format!(
            "The live market list could not be refreshed, the list below is older: {reason}"
        );
        Some(
            view! {
                <p class="notice" role="status" data-testid="live-status">{message}</p>
                <RetryButton what="the live market list" on_retry=retry busy=live.busy />
            }
            .into_any(),
        )
    };
    // Busy while the region has nothing to show yet (the skeleton); the
    // live list loading over the bundled history leaves the table usable
    // (its progress is the status above).
    let busy = move || {
        let empty = snapshot.with(Option::is_none) && live.data.with(Option::is_none);
        if empty { "true" } else { "false" }
    };
    view! {
        <h1>"Screener"</h1>
        {status}
        <section aria-label="Screener" aria-busy=busy data-testid="screener-section">
            <Transition fallback=move || {
                let label = Signal::derive(|| "Loading the graded tokens…".to_owned());
                view! { <SkeletonTable label rows=12 columns=8 /> }
            }>
                // Only live data arriving replaces the table: a failed
                // refresh leaves the one on screen (and the focus in it) alone.
                {move || match live.data.get() {
                    Some(screened) => Some(screener(screened).into_any()),
                    None => snapshot
                        .get()
                        .map(|result| match result {
                            Ok(screened) => screener(screened).into_any(),
                            Err(e) => view! {
                                <SectionError
                                    message=e.to_string()
                                    what="the bundled history"
                                    on_retry=Callback::new(move |()| snapshot.refetch())
                                    testid="history-error"
                                />
                            }
                            .into_any(),
                        }),
                }}
            </Transition>
        </section>
    }
}

/// The screener over one screened universe: presets, filters, notes, the
/// table of the view and its pager.
fn screener(screened: Screened) -> impl IntoView {
    // Columns of figures this data does not have are not drawn.
    let with_data: Vec<Column> = COLUMNS
        .into_iter()
        .filter(|c| has_data(*c, &screened.rows, &screened.markets))
        .collect();
    let has_volume = with_data.contains(&Column::Volume);
    let data = Data {
        rows: StoredValue::new(screened.rows),
        markets: StoredValue::new(screened.markets),
        narratives: StoredValue::new(NarrativeTable::bundled()),
        with_data: StoredValue::new(with_data),
    };
    let state = ViewState::from_url();
    let ordered = Memo::new(move |_| {
        let v = state.with(View::clone);
        data.rows.with_value(|all| {
            data.narratives.with_value(|n| {
                data.markets.with_value(|m| {
                    v.apply(all, n, m)
                        .into_iter()
                        .map(|r| r.symbol.clone())
                        .collect::<Vec<String>>()
                })
            })
        })
    });
    let export_failure = RwSignal::new(None::<String>);
    let errors = screened.errors;
    view! {
        <DataSource provenance=screened.provenance />
        <Presets state rows=data.rows />
        <Filters state with_data=data.with_data>
            <ExportButtons state data as_of=screened.as_of failure=export_failure />
        </Filters>
        {move || export_failure.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        {move || {
            (!has_volume && state.with(View::needs_market_figures))
                .then(|| {
                    view! {
                        <p class="notice" role="status" data-testid="volume-unavailable">
                            "The volume filters need live market figures, which this data does not have: no token passes them. Reset to see every token."
                        </p>
                    }
                })
        }}
        {screened
            .notes
            .into_iter()
            .map(|n| view! { <p class="notice" role="status">{n}</p> })
            .collect_view()}
        <ScreenerTable state data ordered />
        <EmptyResult state data ordered />
        <Pager state ordered />
        {(!errors.is_empty())
            .then(|| {
                let list = errors
                    .iter()
                    .map(|e| format!("{} ({})", e.symbol, e.message))
                    .collect::<Vec<_>>()
                    .join(", ");
                view! {
                    <p class="notice" data-testid="screen-errors">
                        {format!("{} tokens could not be graded: {list}", errors.len())}
                    </p>
                }
            })}
    }
}

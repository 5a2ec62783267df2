//! `/screener`: every token of the universe graded in the browser, sortable
//! on every column, filterable, paged, with one-click presets, a column
//! chooser and CSV/JSON export of the current view. The whole view lives in
//! the URL's query string (`view.rs`), so it can be shared and survives a
//! reload.

pub mod export;
pub mod view;

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use tokenlens_core::analysis::signal::SignalState;
use tokenlens_core::format::{self, change_pct, price_usd};
use tokenlens_core::market_cap::MarketCapClass;
use tokenlens_core::universe::narratives::{Narrative, NarrativeTable};
use tokenlens_core::universe::screen::ScreenRow;
use tokenlens_core::universe::table::{BENCHMARK_SYMBOL, pair_symbol, symbol_pair};
use tokenlens_core::universe::{Member, TokenError};
use tokenlens_feeds::History;

use self::view::{
    COLUMNS, Column, Markets, PAGE_SIZE, Preset, SortKey, View, has_data, volume_to_market_cap,
};

use tokenlens_feeds::client::feed::Feed;
use tokenlens_feeds::client::{Endpoint, FetchError};
use tokenlens_feeds::coingecko::parse_markets;
use tokenlens_feeds::{TokenMarket, live_universe};

use crate::api::load_history;
use crate::components::data_source::{DataSource, Provenance};
use crate::components::loading::{RetryButton, SectionError, SkeletonTable};
use crate::components::watch_button::WatchButton;
use crate::grading::{Graded, screen_in_slices};
use crate::live::{PageFeed, Section};
use crate::state::{every_minutes, use_app_state};

/// The screened universe.
#[derive(Debug, Clone)]
pub struct Screened {
    pub rows: Vec<ScreenRow>,
    pub errors: Vec<TokenError>,
    /// Market figures by symbol (live data; empty for the bundled history).
    pub markets: Markets,
    pub as_of: String,
    pub provenance: Provenance,
    /// Problems that did not stop the screen (a page of the market list
    /// that failed), in words.
    pub notes: Vec<String>,
}

/// Grades every daily series of the bundled history, counting in `graded`.
pub async fn screen_history(history: &History, graded: Graded) -> Screened {
    let daily = &history.daily;
    let members: Vec<Member> = daily
        .symbols
        .iter()
        .filter_map(|pair| Some((pair_symbol(pair).to_owned(), daily.series(pair)?, None)))
        .collect();
    let unusable = daily
        .symbols
        .iter()
        .filter(|s| daily.series(s).is_none())
        .map(|s| TokenError {
            symbol: pair_symbol(s).to_owned(),
            code: "TOO_SHORT".into(),
            message: "no price in the bundled history".into(),
        });
    let benchmark = daily.series(&symbol_pair(BENCHMARK_SYMBOL));
    let (rows, mut errors) = screen_in_slices(&members, benchmark.as_ref(), graded).await;
    errors.extend(unusable);
    Screened {
        rows,
        errors,
        markets: Markets::new(),
        as_of: history.as_of.clone(),
        provenance: Provenance::Snapshot {
            as_of: history.as_of.clone(),
            source: history.sources.join("; "),
            reason: None,
        },
        notes: Vec::new(),
    }
}

/// Pages of 250 coins the live screen asks CoinGecko for.
pub const LIVE_PAGES: u32 = 4;

/// Grades a live market list: each coin on its 7-day hourly sparkline, with
/// its market figures; BTC's sparkline is the benchmark. Counts in `graded`.
pub async fn screen_live(
    tokens: Vec<TokenMarket>,
    fetched_at_ms: f64,
    provider: String,
    notes: Vec<String>,
    graded: Graded,
) -> Screened {
    let last_time = (fetched_at_ms / 1e3).floor() as i64;
    let (members, mut errors) = live_universe::members(&tokens, last_time);
    let benchmark = live_universe::benchmark(&tokens, last_time);
    let (rows, more) = screen_in_slices(&members, benchmark.as_ref(), graded).await;
    errors.extend(more);
    let markets: Markets = tokens
        .into_iter()
        .map(|t| (t.symbol.to_ascii_uppercase(), t))
        .rev() // the first coin with a symbol wins, as in the universe
        .collect();
    let as_of = js_sys::Date::new(&fetched_at_ms.into())
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
        .chars()
        .take(10)
        .collect();
    Screened {
        rows,
        errors,
        markets,
        as_of,
        provenance: Provenance::Live {
            provider,
            fetched_at_ms,
            stale_reason: None,
            fallback_reason: None,
        },
        notes,
    }
}

/// Loads the live market list page by page (pages load in parallel within
/// the provider's limits; one failing page does not blank the others),
/// reporting pages done to `progress`, and grades it.
/// With `refresh`, every page is asked from the network even when a cached
/// copy is still fresh.
async fn load_live(
    feed: Feed,
    cancel: Option<web_sys::AbortSignal>,
    progress: RwSignal<(u32, u32)>,
    refresh: bool,
    graded: Graded,
) -> Result<Screened, String> {
    progress.try_set((0, LIVE_PAGES));
    let loads = (1..=LIVE_PAGES).map(|page| {
        let feed = feed.clone();
        let cancel = cancel.clone();
        async move {
            let endpoint = Endpoint::coingecko_markets(page, 250, None);
            let result = if refresh {
                feed.refresh(&endpoint, cancel.as_ref(), parse_markets)
                    .await
            } else {
                feed.load(&endpoint, cancel.as_ref(), parse_markets).await
            };
            progress.try_update(|p| p.0 += 1);
            (page, result)
        }
    });
    let results = futures::future::join_all(loads).await;
    let mut tokens = Vec::new();
    let mut notes = Vec::new();
    let mut oldest: Option<(f64, String)> = None;
    let mut failures = Vec::new();
    for (page, result) in results {
        match result {
            Ok(loaded) => {
                if oldest.as_ref().is_none_or(|o| loaded.fetched_at_ms < o.0) {
                    oldest = Some((loaded.fetched_at_ms, loaded.provider.clone()));
                }
                if let Some(e) = &loaded.refresh_error {
                    notes.push(format!("Page {page} is saved data: {}", e.user_message()));
                }
                tokens.extend(loaded.value.0);
            }
            Err(e) => {
                notes.push(format!(
                    "Page {page} of the market list is missing: {}",
                    e.user_message()
                ));
                failures.push(e);
            }
        }
    }
    let Some((fetched_at_ms, provider)) = oldest else {
        return Err(failures
            .first()
            .map_or_else(|| "no page answered".into(), FetchError::user_message));
    };
    Ok(screen_live(tokens, fetched_at_ms, provider, notes, graded).await)
}

/// `/screener`: the bundled history at once, the live market list (1,000
/// coins) when it arrives (unless the visitor chose the snapshot only).
#[component]
pub fn ScreenerPage() -> impl IntoView {
    let state = use_app_state();
    let settings = state.settings.get_untracked();
    let live_allowed = settings.live();
    let graded_history: Graded = RwSignal::new((0, 0));
    let snapshot = LocalResource::new(move || async move {
        match load_history().await {
            Ok(history) => Ok(screen_history(&history, graded_history).await),
            Err(e) => Err(e),
        }
    });
    let progress = RwSignal::new((0u32, LIVE_PAGES));
    let graded_live: Graded = RwSignal::new((0, 0));
    let cancel = web_sys::AbortController::new().ok();
    let signal = StoredValue::new_local(cancel.as_ref().map(|c| c.signal()));
    let feed = PageFeed::new(state.transport.get_value());
    let live: Section<Screened> = Section::new();
    let load = move |refresh: bool| {
        live.busy.try_set(true);
        leptos::task::spawn_local(async move {
            let feed = feed.get().await;
            let cancel = signal.try_get_value().flatten();
            live.finish(load_live(feed, cancel, progress, refresh, graded_live).await);
        });
    };
    if live_allowed {
        load(false);
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
    // Leaving the page cancels the requests and their retries.
    let cancel = StoredValue::new_local(cancel);
    on_cleanup(move || {
        cancel.with_value(|c| {
            if let Some(c) = c {
                c.abort();
            }
        })
    });
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
        if live.busy.get() {
            let (done, total) = progress.get();
            let (graded, of) = graded_live.get();
            let grading = (of > 0).then(|| format!(" · graded {graded}/{of}"));
            return Some(
                view! {
                    <div class="progress" role="status" data-testid="live-progress">
                        <progress max=total value=done></progress>
                        {format!(" Live market list: pages {done}/{total}")}
                        {grading}
                    </div>
                }
                .into_any(),
            );
        }
        let reason = live.error.get()?;
        let message = if live.data.with(Option::is_some) {
            format!(
                "The live market list could not be refreshed, the list below is older: {reason}"
            )
        } else {
            format!("Live data unavailable, showing the bundled history: {reason}")
        };
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
                let label = Signal::derive(move || match graded_history.get() {
                    (_, 0) => "Grading every token…".to_owned(),
                    (graded, of) => format!("Grading every token… {graded}/{of}"),
                });
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

/// Offers `text` as a file download named `name`.
fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not create the file".to_owned())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not create the file".to_owned())?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "no link element")?
        .dyn_into()
        .map_err(|_| "no link element")?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

use wasm_bindgen::JsCast;

fn screener(screened: Screened) -> impl IntoView {
    let provenance = screened.provenance.clone();
    let errors = screened.errors.clone();
    let notes = screened.notes.clone();
    let as_of = screened.as_of.clone();
    // Columns of figures this data does not have are not drawn.
    let with_data: Vec<Column> = COLUMNS
        .into_iter()
        .filter(|c| has_data(*c, &screened.rows, &screened.markets))
        .collect();
    let rows = StoredValue::new(screened.rows);
    let markets = StoredValue::new(screened.markets);
    let narratives = StoredValue::new(NarrativeTable::bundled());
    let with_data = StoredValue::new(with_data);
    let shown_columns = move |v: &View| -> Vec<Column> {
        with_data.with_value(|d| {
            v.columns
                .iter()
                .copied()
                .filter(|c| d.contains(c))
                .collect()
        })
    };

    // The URL is the view's only store.
    let query = use_query_map();
    let view_state = Memo::new(move |_| {
        let params: BTreeMap<String, String> = query.with(|q| {
            q.into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        });
        View::from_query(&params)
    });
    let navigate = use_navigate();
    let set_view = move |v: View| {
        let q = v.to_query();
        let path = if q.is_empty() {
            "/screener".to_owned()
        } else {
            format!("/screener?{q}")
        };
        navigate(
            &path,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    // A change of filter or order goes back to the first page.
    let update = {
        let set_view = set_view.clone();
        move |f: &dyn Fn(&mut View)| {
            let mut v = view_state.get_untracked();
            f(&mut v);
            v.page = 0;
            set_view(v);
        }
    };
    let ordered = Memo::new(move |_| {
        let v = view_state.get();
        rows.with_value(|all| {
            narratives.with_value(|n| {
                markets.with_value(|m| {
                    v.apply(all, n, m)
                        .into_iter()
                        .map(|r| r.symbol.clone())
                        .collect::<Vec<String>>()
                })
            })
        })
    });
    let export_message = RwSignal::new(None::<String>);
    let export = move |csv: bool| {
        let v = view_state.get_untracked();
        let text = rows.with_value(|all| {
            narratives.with_value(|n| {
                markets.with_value(|m| {
                    let chosen = v.apply(all, n, m);
                    if csv {
                        export::to_csv(&chosen, n, m)
                    } else {
                        export::to_json(&chosen)
                    }
                })
            })
        });
        let (name, mime) = if csv {
            (format!("tokenlens-screener-{as_of}.csv"), "text/csv")
        } else {
            (
                format!("tokenlens-screener-{as_of}.json"),
                "application/json",
            )
        };
        export_message.set(download(&name, mime, &text).err());
    };
    let export_csv = export.clone();

    let header = {
        let update = update.clone();
        move |label: &'static str, key: SortKey| {
            let update = update.clone();
            let sort_state = move || {
                let v = view_state.get();
                if v.sort != key {
                    "none"
                } else if v.descending {
                    "descending"
                } else {
                    "ascending"
                }
            };
            view! {
                <th scope="col" aria-sort=sort_state>
                    <button
                        type="button"
                        class="sort"
                        on:click=move |_| {
                            update(&|v: &mut View| {
                                if v.sort == key {
                                    v.descending = !v.descending;
                                } else {
                                    v.sort = key;
                                    v.descending = key.descending_first();
                                }
                            })
                        }
                    >
                        {label}
                    </button>
                </th>
            }
        }
    };
    let has = move |c: Column| view_state.with(|v| v.columns.contains(&c));
    let presets = {
        let set_view = set_view.clone();
        Preset::ALL
            .into_iter()
            .map(|p| {
                let set_view = set_view.clone();
                let unavailable = rows.with_value(|r| p.unavailable(r));
                let pressed = move || {
                    let v = view_state.get();
                    (p.view(v.columns.clone()) == v).to_string()
                };
                view! {
                    <button
                        type="button"
                        class="preset"
                        aria-pressed=pressed
                        disabled=unavailable.is_some()
                        title=unavailable.unwrap_or("")
                        on:click=move |_| set_view(p.view(view_state.get_untracked().columns))
                    >
                        {p.label()}
                    </button>
                }
            })
            .collect_view()
    };
    let column_boxes = {
        let set_view = set_view.clone();
        COLUMNS
            .into_iter()
            .map(|c| {
                let set_view = set_view.clone();
                let missing = !with_data.with_value(|d| d.contains(&c));
                view! {
                    <label title=if missing { "not in this data" } else { "" }>
                        <input
                            type="checkbox"
                            name=format!("col-{}", c.id())
                            disabled=missing
                            prop:checked=move || has(c)
                            on:change=move |_| {
                                let mut v = view_state.get_untracked();
                                if v.columns.contains(&c) {
                                    v.columns.retain(|x| *x != c);
                                } else {
                                    v.columns.push(c);
                                    v.columns.sort();
                                }
                                set_view(v);
                            }
                        />
                        " "
                        {c.label()}
                    </label>
                }
            })
            .collect_view()
    };
    let go_to_page = {
        let set_view = set_view.clone();
        move |page: usize| {
            let mut v = view_state.get_untracked();
            v.page = page;
            set_view(v);
        }
    };
    let go_prev = go_to_page.clone();
    let go_next = go_to_page.clone();
    let page_count = move || View::pages(ordered.with(Vec::len));
    let current_page = move || view_state.with(|v| v.page).min(page_count() - 1);
    let (u_vol, u_volmc) = (update.clone(), update.clone());
    let has_volume = with_data.with_value(|d| d.contains(&Column::Volume));
    let volume_hint = if has_volume {
        ""
    } else {
        "needs live market figures, which this data does not have"
    };
    let positive = |ev: &leptos::ev::Event| {
        event_target_value(ev)
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v > 0.0)
    };
    let (u_search, u_signal, u_tmin, u_tmax, u_imin, u_flip, u_class, u_narr) = (
        update.clone(),
        update.clone(),
        update.clone(),
        update.clone(),
        update.clone(),
        update.clone(),
        update.clone(),
        update.clone(),
    );
    let number = |ev: &leptos::ev::Event, default: f64| {
        event_target_value(ev)
            .parse::<f64>()
            .ok()
            .filter(|g| g.is_finite())
            .map_or(default, |g| g.clamp(0.0, 100.0))
    };

    view! {
        <DataSource provenance />
        <div class="presets" role="group" aria-label="Presets">
            {presets}
            <button type="button" class="preset" on:click=move |_| set_view(View { columns: view_state.get_untracked().columns, ..View::default() })>
                "Reset"
            </button>
        </div>
        <div class="filters">
            <label>
                "Search "
                <input
                    name="search"
                    type="search"
                    maxlength="40"
                    prop:value=move || view_state.with(|v| v.search.clone())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        u_search(&|v: &mut View| v.search = text.clone())
                    }
                />
            </label>
            <label>
                "Signal "
                <select
                    name="signal"
                    prop:value=move || view_state.with(|v| v.signal.map_or("", SignalState::as_str).to_owned())
                    on:change=move |ev| {
                        let s = match event_target_value(&ev).as_str() {
                            "bullish" => Some(SignalState::Bullish),
                            "bearish" => Some(SignalState::Bearish),
                            "neutral" => Some(SignalState::Neutral),
                            _ => None,
                        };
                        u_signal(&|v: &mut View| v.signal = s)
                    }
                >
                    <option value="">"Any"</option>
                    <option value="bullish">"Bullish"</option>
                    <option value="bearish">"Bearish"</option>
                    <option value="neutral">"Neutral"</option>
                </select>
            </label>
            <label>
                "Trader Grade from "
                <input
                    name="min-grade"
                    type="number"
                    min="0"
                    max="100"
                    step="5"
                    prop:value=move || view_state.with(|v| v.trader.0.to_string())
                    on:change=move |ev| {
                        let g = number(&ev, 0.0);
                        u_tmin(&|v: &mut View| v.trader = (g.min(v.trader.1), v.trader.1))
                    }
                />
            </label>
            <label>
                " to "
                <input
                    name="max-grade"
                    type="number"
                    min="0"
                    max="100"
                    step="5"
                    prop:value=move || view_state.with(|v| v.trader.1.to_string())
                    on:change=move |ev| {
                        let g = number(&ev, 100.0);
                        u_tmax(&|v: &mut View| v.trader = (v.trader.0.min(g), g))
                    }
                />
            </label>
            <label>
                "Investor Grade from "
                <input
                    name="min-investor"
                    type="number"
                    min="0"
                    max="100"
                    step="5"
                    prop:value=move || view_state.with(|v| v.investor.0.to_string())
                    on:change=move |ev| {
                        let g = number(&ev, 0.0);
                        u_imin(&|v: &mut View| v.investor = (g.min(v.investor.1), v.investor.1))
                    }
                />
            </label>
            <label>
                "Flipped bullish within "
                <select
                    name="flipped"
                    prop:value=move || view_state.with(|v| v.flipped_within.map_or(String::new(), |n| n.to_string()))
                    on:change=move |ev| {
                        let n = event_target_value(&ev).parse::<i64>().ok();
                        u_flip(&|v: &mut View| {
                            v.flipped_within = n;
                            if n.is_some() {
                                v.signal = Some(SignalState::Bullish);
                            }
                        })
                    }
                >
                    <option value="">"any time"</option>
                    <option value="1">"1 day"</option>
                    <option value="3">"3 days"</option>
                    <option value="7">"7 days"</option>
                    <option value="30">"30 days"</option>
                </select>
            </label>
            <label>
                "Class "
                <select
                    name="class"
                    prop:value=move || view_state.with(|v| v.class.map_or("", MarketCapClass::as_str).to_owned())
                    on:change=move |ev| {
                        let c = match event_target_value(&ev).as_str() {
                            "large" => Some(MarketCapClass::Large),
                            "mid" => Some(MarketCapClass::Mid),
                            "small" => Some(MarketCapClass::Small),
                            "micro" => Some(MarketCapClass::Micro),
                            _ => None,
                        };
                        u_class(&|v: &mut View| v.class = c)
                    }
                >
                    <option value="">"Any"</option>
                    <option value="large">"Large"</option>
                    <option value="mid">"Mid"</option>
                    <option value="small">"Small"</option>
                    <option value="micro">"Micro"</option>
                </select>
            </label>
            <label>
                "Narrative "
                <select
                    name="narrative"
                    prop:value=move || view_state.with(|v| v.narrative.map_or("", Narrative::id).to_owned())
                    on:change=move |ev| {
                        let n = event_target_value(&ev).parse::<Narrative>().ok();
                        u_narr(&|v: &mut View| v.narrative = n)
                    }
                >
                    <option value="">"Any"</option>
                    {Narrative::ALL
                        .into_iter()
                        .map(|n| view! { <option value=n.id()>{n.name()}</option> })
                        .collect_view()}
                </select>
            </label>
            <label title=volume_hint>
                "Volume 24 h from $ "
                <input
                    name="min-volume"
                    type="number"
                    min="0"
                    step="any"
                    inputmode="decimal"
                    disabled=!has_volume
                    prop:value=move || view_state.with(|v| v.min_volume.map_or(String::new(), |n| n.to_string()))
                    on:change=move |ev| {
                        let n = positive(&ev);
                        u_vol(&|v: &mut View| v.min_volume = n)
                    }
                />
            </label>
            <label title=volume_hint>
                "Volume / market cap from "
                <input
                    name="min-volume-to-market-cap"
                    type="number"
                    min="0"
                    step="any"
                    inputmode="decimal"
                    disabled=!has_volume
                    prop:value=move || {
                        view_state
                            .with(|v| {
                                v.min_volume_to_market_cap
                                    .map_or(String::new(), |q| format!("{}", (q * 100.0 * 1e6).round() / 1e6))
                            })
                    }
                    on:change=move |ev| {
                        let q = positive(&ev).map(|p| p / 100.0);
                        u_volmc(&|v: &mut View| v.min_volume_to_market_cap = q)
                    }
                />
                " %"
            </label>
            <details class="columns">
                <summary>"Columns"</summary>
                <fieldset>
                    <legend>"Columns shown"</legend>
                    {column_boxes}
                </fieldset>
            </details>
            <div class="export" role="group" aria-label="Export the current view">
                <button type="button" on:click=move |_| export_csv(true)>"Export CSV"</button>
                <button type="button" on:click=move |_| export(false)>"Export JSON"</button>
            </div>
        </div>
        {move || export_message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        {move || {
            (!has_volume && view_state.with(View::needs_market_figures))
                .then(|| {
                    view! {
                        <p class="notice" role="status" data-testid="volume-unavailable">
                            "The volume filters need live market figures, which this data does not have: no token passes them. Reset to see every token."
                        </p>
                    }
                })
        }}
        {notes
            .into_iter()
            .map(|n| view! { <p class="notice" role="status">{n}</p> })
            .collect_view()}
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
        <div class="table-scroll">
            <table class="market-table" data-testid="screener-table">
                <caption>
                    {move || {
                        let shown = ordered.with(Vec::len);
                        let page = current_page();
                        let first = (page * PAGE_SIZE + 1).min(shown);
                        let last = ((page + 1) * PAGE_SIZE).min(shown);
                        format!("{shown} tokens · showing {first}–{last}")
                    }}
                </caption>
                <thead>
                    <tr>
                        {header("Token", SortKey::Symbol)}
                        {move || {
                            view_state
                                .with(shown_columns)
                                .into_iter()
                                .map(|c| match c.sort_key() {
                                    Some(k) => header(c.label(), k).into_any(),
                                    None => view! { <th scope="col">{c.label()}</th> }.into_any(),
                                })
                                .collect_view()
                        }}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let v = view_state.get();
                        let symbols = ordered.get();
                        let page = current_page();
                        let slice = &symbols[(page * PAGE_SIZE).min(symbols.len())..((page + 1) * PAGE_SIZE).min(symbols.len())];
                        let columns = shown_columns(&v);
                        rows.with_value(|all| {
                            narratives.with_value(|n| {
                                markets.with_value(|m| {
                                    slice
                                        .iter()
                                        .filter_map(|s| all.iter().find(|r| &r.symbol == s))
                                        .map(|r| row_view(r, &columns, n, m.get(&r.symbol)))
                                        .collect_view()
                                })
                            })
                        })
                    }}
                </tbody>
            </table>
        </div>
        <nav class="pager" aria-label="Pages">
            <button
                type="button"
                disabled=move || current_page() == 0
                on:click=move |_| go_prev(current_page().saturating_sub(1))
            >
                "Previous"
            </button>
            <span aria-live="polite">{move || format!("Page {} of {}", current_page() + 1, page_count())}</span>
            <button
                type="button"
                disabled=move || { current_page() + 1 >= page_count() }
                on:click=move |_| go_next(current_page() + 1)
            >
                "Next"
            </button>
        </nav>
    }
}

fn row_view(
    r: &ScreenRow,
    columns: &[Column],
    narratives: &NarrativeTable,
    market: Option<&TokenMarket>,
) -> impl IntoView + use<> {
    let symbol = r.symbol.clone();
    let name = market.map(|m| m.name.clone());
    let money = |v: Option<f64>| v.map_or("—".into(), format::compact_usd);
    let pct_points = |v: Option<f64>| v.map_or("—".into(), |v| format!("{v:+.1}%"));
    let href = format!("/token/{symbol}");
    let cells = columns
        .iter()
        .map(|c| match c {
            Column::Price => view! { <td class="num">{price_usd(r.price)}</td> }.into_any(),
            Column::Change1h => {
                view! { <td class="num">{pct_points(market.and_then(|m| m.change_1h_pct))}</td> }
                    .into_any()
            }
            Column::MarketCap => view! { <td class="num">{money(r.market_cap)}</td> }.into_any(),
            Column::Fdv => {
                view! { <td class="num">{money(market.and_then(|m| m.fully_diluted_valuation))}</td> }
                    .into_any()
            }
            Column::Volume => {
                view! { <td class="num">{money(market.and_then(|m| m.total_volume))}</td> }.into_any()
            }
            Column::VolumeToMarketCap => view! {
                <td class="num">
                    {market.and_then(volume_to_market_cap).map_or("—".into(), |q| format!("{:.1}%", 100.0 * q))}
                </td>
            }
            .into_any(),
            Column::Sparkline => view! {
                <td>{market.map(|m| sparkline(&m.sparkline_7d))}</td>
            }
            .into_any(),
            Column::Change24h => view! { <td class="num">{change_pct(r.return_1d)}</td> }.into_any(),
            Column::Change7d => view! { <td class="num">{change_pct(r.return_7d)}</td> }.into_any(),
            Column::Change30d => view! { <td class="num">{change_pct(r.return_30d)}</td> }.into_any(),
            Column::TraderGrade => {
                let change = |c: Option<f64>| c.map_or("—".into(), |c| format!("{c:+.1}"));
                let changes = format!(
                    "{} / {}",
                    change(r.trader_grade_change_24h),
                    change(r.trader_grade_change_7d)
                );
                view! {
                    <td class="num grade">
                        {format!("{:.0}", r.trader_grade)}
                        <span class="muted">" " {changes}</span>
                    </td>
                }
                .into_any()
            }
            Column::InvestorGrade => view! {
                <td class="num">{r.investor_grade.map_or("—".into(), |g| format!("{g:.0}"))}</td>
            }
            .into_any(),
            Column::Signal => {
                let signal = r.signal.as_str();
                view! {
                    <td>
                        <span class=format!("signal signal-{signal}")>{signal}</span>
                    </td>
                }
                .into_any()
            }
            Column::DaysSinceFlip => view! {
                <td class="num">{r.days_since_flip.map_or("—".into(), |d| d.to_string())}</td>
            }
            .into_any(),
            Column::Rating => {
                view! { <td>{r.rating.map_or("—".into(), |l| l.to_string())}</td> }.into_any()
            }
            Column::Class => {
                view! { <td>{r.class.map_or("—", MarketCapClass::as_str)}</td> }.into_any()
            }
            Column::Narrative => view! {
                <td>{narratives.get(&r.symbol).map_or("—", Narrative::name)}</td>
            }
            .into_any(),
            // Not offered by the screener (see `view::COLUMNS`).
            Column::Rank | Column::TraderGradeChange7d => view! { <td>"—"</td> }.into_any(),
        })
        .collect_view();
    view! {
        <tr data-symbol=r.symbol.clone()>
            <td>
                <A href=crate::href(&href)>{symbol}</A>
                " "
                <WatchButton symbol=r.symbol.clone() />
                {r.stable.then(|| view! {
                    <span class="badge stable" title="A stablecoin, fiat or gold-backed token: its grades say nothing about a trade, so it ranks after every other token by grade">
                        "stable"
                    </span>
                })}
                {name.map(|n| view! { <span class="muted name">" " {n}</span> })}
            </td>
            {cells}
        </tr>
    }
}

/// A 7-day line, green when the week ended higher, red when lower; the
/// prices are thinned to at most 56 points (one every three hours).
fn sparkline(prices: &[f64]) -> Option<impl IntoView + use<>> {
    let (w, h) = (96.0, 24.0);
    let step = prices.len().div_ceil(56).max(1);
    let points: Vec<f64> = prices.iter().step_by(step).copied().collect();
    let (first, last) = (*points.first()?, *prices.last()?);
    let (lo, hi) = points
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &p| {
            (lo.min(p), hi.max(p))
        });
    let span = if hi > lo { hi - lo } else { 1.0 };
    let n = (points.len() - 1).max(1) as f64;
    let path = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            format!(
                "{:.1},{:.1}",
                w * i as f64 / n,
                h - 1.0 - (h - 2.0) * (p - lo) / span
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    let change = last / first - 1.0;
    let class = if change >= 0.0 {
        "spark up"
    } else {
        "spark down"
    };
    let label = format!("7-day price {:+.1}%", 100.0 * change);
    Some(view! {
        <svg class=class width="96" height="24" viewBox="0 0 96 24" role="img" aria-label=label>
            <polyline points=path fill="none" stroke-width="1.2"></polyline>
        </svg>
    })
}

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
use tokenlens_core::format::price_usd;
use tokenlens_core::market_cap::MarketCapClass;
use tokenlens_core::universe::narratives::{Narrative, NarrativeTable};
use tokenlens_core::universe::screen::{ScreenRow, screen};
use tokenlens_core::universe::{Member, TokenError};
use tokenlens_feeds::History;

use self::view::{Column, PAGE_SIZE, Preset, SortKey, View};

use crate::api::load_history;
use crate::components::data_source::{DataSource, Provenance};

/// The benchmark for relative strength.
const BENCHMARK: &str = "BTCUSDT";

/// The screened universe.
#[derive(Debug, Clone)]
pub struct Screened {
    pub rows: Vec<ScreenRow>,
    pub errors: Vec<TokenError>,
    pub as_of: String,
    pub source: String,
}

/// Grades every daily series of the bundled history.
pub fn screen_history(history: &History) -> Screened {
    let daily = &history.daily;
    let members: Vec<Member> = daily
        .symbols
        .iter()
        .filter_map(|symbol| Some((display_symbol(symbol), daily.series(symbol)?, None)))
        .collect();
    let unusable = daily
        .symbols
        .iter()
        .filter(|s| daily.series(s).is_none())
        .map(|s| TokenError {
            symbol: display_symbol(s),
            code: "TOO_SHORT".into(),
            message: "no price in the bundled history".into(),
        });
    let benchmark = daily.series(BENCHMARK);
    let (rows, mut errors) = screen(&members, benchmark.as_ref());
    errors.extend(unusable);
    Screened {
        rows,
        errors,
        as_of: history.as_of.clone(),
        source: history.sources.join("; "),
    }
}

/// "BTCUSDT" → "BTC".
fn display_symbol(pair: &str) -> String {
    pair.strip_suffix("USDT").unwrap_or(pair).to_owned()
}

fn pct(v: Option<f64>) -> String {
    v.map(|v| format!("{:+.1}%", v * 100.0))
        .unwrap_or_else(|| "—".into())
}

fn signal_name(s: SignalState) -> &'static str {
    match s {
        SignalState::Bullish => "bullish",
        SignalState::Bearish => "bearish",
        SignalState::Neutral => "neutral",
        SignalState::Unknown => "unknown",
    }
}

/// `/screener`.
#[component]
pub fn ScreenerPage() -> impl IntoView {
    let data = LocalResource::new(|| async { load_history().await.map(|h| screen_history(&h)) });
    view! {
        <h1>"Screener"</h1>
        <Transition fallback=|| view! { <p class="status" role="status">"Grading every token…"</p> }>
            {move || {
                data.get()
                    .map(|result| match result {
                        Ok(screened) => screener(screened).into_any(),
                        Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                    })
            }}
        </Transition>
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
    let provenance = Provenance::Snapshot {
        as_of: screened.as_of.clone(),
        source: screened.source.clone(),
        reason: None,
    };
    let errors = screened.errors.clone();
    let as_of = screened.as_of.clone();
    let rows = StoredValue::new(screened.rows);
    let narratives = StoredValue::new(NarrativeTable::bundled());

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
                v.apply(all, n)
                    .into_iter()
                    .map(|r| r.symbol.clone())
                    .collect::<Vec<String>>()
            })
        })
    });
    let export_message = RwSignal::new(None::<String>);
    let export = move |csv: bool| {
        let v = view_state.get_untracked();
        let text = rows.with_value(|all| {
            narratives.with_value(|n| {
                let chosen = v.apply(all, n);
                if csv {
                    export::to_csv(&chosen, n)
                } else {
                    export::to_json(&chosen)
                }
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
        Column::ALL
            .into_iter()
            .map(|c| {
                let set_view = set_view.clone();
                view! {
                    <label>
                        <input
                            type="checkbox"
                            name=format!("col-{}", c.id())
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
                    prop:value=move || view_state.with(|v| v.signal.map_or("", signal_name).to_owned())
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
                                .with(|v| v.columns.clone())
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
                        rows.with_value(|all| {
                            narratives.with_value(|n| {
                                slice
                                    .iter()
                                    .filter_map(|s| all.iter().find(|r| &r.symbol == s))
                                    .map(|r| row_view(r, &v.columns, n))
                                    .collect_view()
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
) -> impl IntoView + use<> {
    let symbol = r.symbol.clone();
    let href = format!("/token/{symbol}");
    let cells = columns
        .iter()
        .map(|c| match c {
            Column::Price => view! { <td class="num">{price_usd(r.price)}</td> }.into_any(),
            Column::Change1d => view! { <td class="num">{pct(r.return_1d)}</td> }.into_any(),
            Column::Change7d => view! { <td class="num">{pct(r.return_7d)}</td> }.into_any(),
            Column::Change30d => view! { <td class="num">{pct(r.return_30d)}</td> }.into_any(),
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
                let signal = signal_name(r.signal);
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
        })
        .collect_view();
    view! {
        <tr data-symbol=r.symbol.clone()>
            <td>
                <A href=href>{symbol}</A>
            </td>
            {cells}
        </tr>
    }
}

//! `/watchlist`: the tokens the visitor follows, graded in the browser, with
//! alert rules per token (a grade crossing a level, a signal flip). Alerts
//! are evaluated each time the data is computed, against the last
//! observation saved on this device, and shown in the page and, when the
//! visitor allowed it, as system notifications. The list imports and
//! exports as a JSON file.
//!
//! Every edit is applied to the list as stored at that moment (another tab
//! may have changed it since this page loaded), and the page follows the
//! `storage` event: a token starred, a rule set or an alert fired in another
//! tab shows here too.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use tokenlens_core::universe::screen::{ScreenRow, screen};
use tokenlens_core::universe::table::{BENCHMARK_SYMBOL, symbol_pair};
use tokenlens_core::universe::{Member, TokenError};
use tokenlens_core::watchlist::alerts::{Seen, SeenToken, evaluate};
use tokenlens_core::watchlist::{AlertRules, Crossing, GradeKind, GradeThreshold, Watchlist};
use tokenlens_feeds::History;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::load_history;
use crate::components::data_source::{DataSource, Provenance};
use crate::watchlist_store::{
    ALERTS_KEY, LIST_KEY, LoggedAlert, export_list, import_list, load_alerts, load_list, load_seen,
    parse_list, save_alerts, save_seen, update_list,
};

/// The watched tokens graded, and the alerts this computation fired.
#[derive(Debug, Clone)]
pub struct Watched {
    pub rows: HashMap<String, ScreenRow>,
    pub errors: HashMap<String, String>,
    pub as_of: String,
    pub source: String,
}

/// Grades `symbols` from the bundled daily history (BTC as benchmark).
pub fn grade_watched(history: &History, symbols: &[String]) -> Watched {
    let daily = &history.daily;
    let mut errors: HashMap<String, String> = HashMap::new();
    let members: Vec<Member> = symbols
        .iter()
        .filter_map(|s| match daily.series(&symbol_pair(s)) {
            Some(series) => Some((s.clone(), series, None)),
            None => {
                errors.insert(s.clone(), "not in the bundled universe".into());
                None
            }
        })
        .collect();
    let benchmark = daily.series(&symbol_pair(BENCHMARK_SYMBOL));
    let (rows, failed) = screen(&members, benchmark.as_ref());
    for TokenError {
        symbol, message, ..
    } in failed
    {
        errors.insert(symbol, message);
    }
    Watched {
        rows: rows.into_iter().map(|r| (r.symbol.clone(), r)).collect(),
        errors,
        as_of: history.as_of.clone(),
        source: history.sources.join("; "),
    }
}

/// The observation of the graded tokens.
fn observe(watched: &Watched) -> Seen {
    Seen {
        tokens: watched
            .rows
            .values()
            .map(|r| {
                (
                    r.symbol.clone(),
                    SeenToken {
                        date: r.date.clone(),
                        trader_grade: r.trader_grade,
                        investor_grade: r.investor_grade,
                        signal: r.signal,
                    },
                )
            })
            .collect(),
    }
}

/// Compares the new observation with the saved one, saves the new one,
/// logs and notifies what fired. Returns the whole log.
fn check_alerts(watched: &Watched, list: &Watchlist) -> Vec<LoggedAlert> {
    let previous = load_seen();
    let current = observe(watched);
    let fired = evaluate(&previous, &current, list);
    let mut next = previous;
    next.tokens.retain(|s, _| list.contains(s));
    next.tokens.extend(current.tokens);
    let _ = save_seen(&next);
    let mut log = load_alerts();
    if fired.is_empty() {
        return log;
    }
    let now = js_sys::Date::now();
    for alert in &fired {
        notify(&alert.message());
    }
    let mut new: Vec<LoggedAlert> = fired
        .into_iter()
        .map(|alert| LoggedAlert { at_ms: now, alert })
        .collect();
    new.append(&mut log);
    let _ = save_alerts(&new);
    new
}

/// Whether this browser has the Notification API.
fn notifications_supported() -> bool {
    web_sys::window()
        .is_some_and(|w| js_sys::Reflect::has(&w, &"Notification".into()).unwrap_or(false))
}

fn permission() -> Option<web_sys::NotificationPermission> {
    notifications_supported().then(web_sys::Notification::permission)
}

/// A system notification, when the visitor granted the permission.
fn notify(message: &str) {
    if permission() != Some(web_sys::NotificationPermission::Granted) {
        return;
    }
    let options = web_sys::NotificationOptions::new();
    options.set_body(message);
    options.set_tag("tokenlens-alert");
    let _ = web_sys::Notification::new_with_options("tokenlens alert", &options);
}

fn iso_time(ms: f64) -> String {
    js_sys::Date::new(&ms.into())
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// The `<select>` value of a threshold rule.
fn rule_value(t: Option<GradeThreshold>) -> &'static str {
    match t.map(|t| (t.grade, t.crossing)) {
        None => "none",
        Some((GradeKind::Trader, Crossing::Above)) => "trader-above",
        Some((GradeKind::Trader, Crossing::Below)) => "trader-below",
        Some((GradeKind::Investor, Crossing::Above)) => "investor-above",
        Some((GradeKind::Investor, Crossing::Below)) => "investor-below",
    }
}

fn rule_of(value: &str) -> Option<(GradeKind, Crossing)> {
    match value {
        "trader-above" => Some((GradeKind::Trader, Crossing::Above)),
        "trader-below" => Some((GradeKind::Trader, Crossing::Below)),
        "investor-above" => Some((GradeKind::Investor, Crossing::Above)),
        "investor-below" => Some((GradeKind::Investor, Crossing::Below)),
        _ => None,
    }
}

/// One change to the stored list.
type Edit = Box<dyn FnOnce(&mut Watchlist) -> Result<(), String>>;

/// Level a new threshold starts at.
const DEFAULT_LEVEL: f64 = 60.0;

/// `/watchlist`.
#[component]
pub fn WatchlistPage() -> impl IntoView {
    let initial = load_list();
    let broken = initial.as_ref().err().cloned();
    let list = RwSignal::new(initial.unwrap_or_default());
    let message: RwSignal<Option<(bool, String)>> = RwSignal::new(broken.map(|e| {
        (
            false,
            format!("{e}. It is left as it is until you import a list, which replaces it."),
        )
    }));
    let log = RwSignal::new(load_alerts());
    let symbols = Memo::new(move |_| {
        list.with(|l| {
            l.tokens
                .iter()
                .map(|e| e.symbol.clone())
                .collect::<Vec<_>>()
        })
    });
    let data = LocalResource::new(move || {
        let symbols = symbols.get();
        async move {
            let history = load_history().await?;
            let watched = grade_watched(&history, &symbols);
            let all = list.with_untracked(|l| check_alerts(&watched, l));
            log.set(all);
            Ok::<_, crate::api::LoadError>(watched)
        }
    });
    // Another tab saved the list or fired alerts: show what is stored now.
    let storage = window_event_listener(leptos::ev::storage, move |ev| {
        let key = ev.key();
        if key.is_none() || key.as_deref() == Some(LIST_KEY) {
            match load_list() {
                Ok(stored) => {
                    if list.with_untracked(|l| *l != stored) {
                        list.set(stored);
                    }
                }
                Err(e) => message.set(Some((false, format!("{e}. It is left as it is.")))),
            }
        }
        if key.is_none() || key.as_deref() == Some(ALERTS_KEY) {
            log.set(load_alerts());
        }
    });
    on_cleanup(move || storage.remove());
    // Applies one change to the stored list and saves it; a refused change
    // or save is said, never silent.
    let commit = move |edit: Edit| match update_list(edit) {
        Ok((saved, ())) => list.set(saved),
        Err(e) => message.set(Some((false, e))),
    };
    let set_rules = move |symbol: String, rules: AlertRules| {
        commit(Box::new(move |l: &mut Watchlist| {
            l.set_alerts(&symbol, rules)
                .map(drop)
                .map_err(|e| e.to_string())
        }));
    };
    let remove = move |symbol: String| {
        commit(Box::new(move |l: &mut Watchlist| {
            l.remove(&symbol);
            Ok(())
        }));
    };
    let on_import = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let name = file.name();
        spawn_local(async move {
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string())
                .unwrap_or_default();
            let imported = parse_list(&text);
            match imported.and_then(import_list) {
                Ok((saved, added)) => {
                    list.set(saved);
                    message.set(Some((
                        true,
                        format!(
                            "Imported {name}: {added} tokens added, rules of the others updated."
                        ),
                    )));
                }
                Err(e) => message.set(Some((
                    false,
                    format!("{name} was not imported: {e}. Your watchlist was left as it was."),
                ))),
            }
        });
    };
    let export_href = move || {
        let text = list.with(export_list);
        format!(
            "data:application/json;charset=utf-8,{}",
            js_sys::encode_uri_component(&text)
        )
    };
    let notice = RwSignal::new(permission());
    let ask = move |_| {
        let Ok(promise) = web_sys::Notification::request_permission() else {
            return;
        };
        spawn_local(async move {
            let _ = JsFuture::from(promise).await;
            notice.set(permission());
        });
    };
    view! {
        <h1>"Watchlist"</h1>
        <p class="muted">
            "Saved on this device only. Add tokens with the ☆ button on the screener or a token page."
        </p>
        <div class="filters">
            <a
                class="button"
                href=export_href
                download="tokenlens-watchlist.json"
                rel="external"
                data-testid="export"
            >
                "Export list"
            </a>
            <label class="button">
                "Import list "
                <input
                    type="file"
                    name="import"
                    accept=".json,application/json"
                    on:change=on_import
                />
            </label>
            {move || match notice.get() {
                None => view! { <span class="muted">"This browser has no notifications."</span> }.into_any(),
                Some(web_sys::NotificationPermission::Granted) => {
                    view! { <span class="ok" data-testid="notifications">"Notifications on"</span> }.into_any()
                }
                Some(web_sys::NotificationPermission::Denied) => {
                    view! {
                        <span class="muted" data-testid="notifications">
                            "Notifications blocked in the browser's site settings"
                        </span>
                    }
                        .into_any()
                }
                Some(_) => {
                    view! {
                        <button type="button" on:click=ask data-testid="notifications">
                            "Allow notifications"
                        </button>
                    }
                        .into_any()
                }
            }}
        </div>
        {move || {
            message
                .get()
                .map(|(ok, text)| {
                    if ok {
                        view! { <p class="ok" role="status" data-testid="import-message">{text}</p> }.into_any()
                    } else {
                        view! { <p class="error" role="alert" data-testid="import-message">{text}</p> }.into_any()
                    }
                })
        }}
        <section class="card" data-testid="alerts">
            <h2>"Alerts"</h2>
            <div role="status" aria-live="polite">
                {move || {
                    log.with(|entries| {
                        if entries.is_empty() {
                            view! { <p class="muted">"No alert yet."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="alert-log">
                                    {entries
                                        .iter()
                                        .map(|e| {
                                            let at = iso_time(e.at_ms);
                                            view! {
                                                <li data-symbol=e.alert.symbol.clone()>
                                                    <time datetime=at.clone()>{at.clone()}</time>
                                                    " · " {e.alert.message()}
                                                    <span class="muted">{format!(" (data of {})", e.alert.date)}</span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    })
                }}
            </div>
        </section>
        <Transition fallback=|| view! { <p class="status" role="status">"Grading your tokens…"</p> }>
            {move || {
                data.get()
                    .map(|result| match result {
                        Ok(watched) => watch_table(watched, list, remove, set_rules).into_any(),
                        Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                    })
            }}
        </Transition>
    }
}

fn watch_table(
    watched: Watched,
    list: RwSignal<Watchlist>,
    remove: impl Fn(String) + Copy + Send + Sync + 'static,
    set_rules: impl Fn(String, AlertRules) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let provenance = Provenance::Snapshot {
        as_of: watched.as_of.clone(),
        source: watched.source.clone(),
        reason: None,
    };
    let watched = StoredValue::new(watched);
    let empty = move || list.with(|l| l.tokens.is_empty());
    view! {
        <DataSource provenance />
        <Show
            when=move || !empty()
            fallback=|| view! { <p class="muted" data-testid="empty">"Your watchlist is empty."</p> }
        >
            <div class="table-scroll" role="region" aria-label="Watched tokens" tabindex="0">
                <table class="market-table" data-testid="watchlist-table">
                    <thead>
                        <tr>
                            <th scope="col">"Token"</th>
                            <th scope="col">"Trader Grade"</th>
                            <th scope="col">"Investor Grade"</th>
                            <th scope="col">"Signal"</th>
                            <th scope="col">"Days since flip"</th>
                            <th scope="col">"Alert when"</th>
                            <th scope="col">"Remove"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=move || list.with(|l| l.tokens.iter().map(|e| e.symbol.clone()).collect::<Vec<_>>())
                            key=|s| s.clone()
                            children=move |symbol| {
                                let row = watched.with_value(|w| w.rows.get(&symbol).cloned());
                                let error = watched.with_value(|w| w.errors.get(&symbol).cloned());
                                token_row(symbol, row, error, list, remove, set_rules)
                            }
                        />
                    </tbody>
                </table>
            </div>
        </Show>
    }
}

fn token_row(
    symbol: String,
    row: Option<ScreenRow>,
    error: Option<String>,
    list: RwSignal<Watchlist>,
    remove: impl Fn(String) + Copy + Send + Sync + 'static,
    set_rules: impl Fn(String, AlertRules) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let sym = StoredValue::new(symbol.clone());
    let rules =
        move || list.with(|l| sym.with_value(|s| l.get(s).map(|e| e.alerts).unwrap_or_default()));
    let figures = match (row, error) {
        (Some(r), _) => {
            let signal = r.signal.as_str();
            view! {
                <td class="num grade">{format!("{:.0}", r.trader_grade)}</td>
                <td class="num">{r.investor_grade.map(|g| format!("{g:.0}")).unwrap_or("—".into())}</td>
                <td><span class=format!("signal signal-{signal}")>{signal}</span></td>
                <td class="num">{r.days_since_flip.map(|d| d.to_string()).unwrap_or("—".into())}</td>
            }
            .into_any()
        }
        (None, e) => view! {
            <td colspan="4" class="muted">
                {format!("Not graded: {}", e.unwrap_or_else(|| "not computed yet".into()))}
            </td>
        }
        .into_any(),
    };
    let href = format!("/token/{symbol}");
    let on_rule = move |ev: leptos::ev::Event| {
        let current = rules();
        let threshold = rule_of(&event_target_value(&ev)).map(|(grade, crossing)| GradeThreshold {
            grade,
            crossing,
            level: current.threshold.map_or(DEFAULT_LEVEL, |t| t.level),
        });
        set_rules(
            sym.get_value(),
            AlertRules {
                threshold,
                ..current
            },
        );
    };
    let on_level = move |ev: leptos::ev::Event| {
        let current = rules();
        let Ok(level) = event_target_value(&ev).parse::<f64>() else {
            return;
        };
        if let Some(t) = current.threshold {
            let level = level.clamp(0.0, 100.0);
            set_rules(
                sym.get_value(),
                AlertRules {
                    threshold: Some(GradeThreshold { level, ..t }),
                    ..current
                },
            );
        }
    };
    let on_flips = move |ev: leptos::ev::Event| {
        let current = rules();
        set_rules(
            sym.get_value(),
            AlertRules {
                signal_flips: event_target_checked(&ev),
                ..current
            },
        );
    };
    let remove = move |_| remove(sym.get_value());
    let name = symbol.clone();
    view! {
        <tr data-symbol=symbol.clone()>
            <td><A href=crate::href(&href)>{name}</A></td>
            {figures}
            <td class="rules">
                <select
                    name="rule"
                    aria-label=format!("Grade alert for {symbol}")
                    prop:value=move || rule_value(rules().threshold)
                    on:change=on_rule
                >
                    <option value="none">"No grade alert"</option>
                    <option value="trader-above">"Trader Grade crosses above"</option>
                    <option value="trader-below">"Trader Grade crosses below"</option>
                    <option value="investor-above">"Investor Grade crosses above"</option>
                    <option value="investor-below">"Investor Grade crosses below"</option>
                </select>
                <input
                    type="number"
                    name="level"
                    min="0"
                    max="100"
                    step="1"
                    aria-label=format!("Grade level for {symbol}")
                    prop:value=move || rules().threshold.map_or(DEFAULT_LEVEL, |t| t.level).to_string()
                    disabled=move || rules().threshold.is_none()
                    on:change=on_level
                />
                <label>
                    <input
                        type="checkbox"
                        name="flips"
                        prop:checked=move || rules().signal_flips
                        on:change=on_flips
                    />
                    " signal flips"
                </label>
            </td>
            <td>
                <button type="button" class="danger" aria-label=format!("Remove {symbol}") on:click=remove>
                    "Remove"
                </button>
            </td>
        </tr>
    }
}

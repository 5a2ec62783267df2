//! `/settings`: where data comes from and how often it is refreshed, the
//! theme, clearing the saved provider responses, and the visitor's API key,
//! kept as a secret.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tokenlens_feeds::client::{ApiKey, KeyPlan};

use crate::components::provider_alerts::ProviderAlerts;
use crate::keys;
use crate::live::{CACHE_DB, WIDGET_CACHE_DB};
use crate::settings_store::{DataChoice, REFRESH_CHOICES, Theme};
use crate::state::use_app_state;

/// `/settings`.
#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_app_state();
    let plan = RwSignal::new(KeyPlan::Demo);
    let secret = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    let unlock_passphrase = RwSignal::new(String::new());
    let message = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let key = match ApiKey::new(plan.get_untracked(), &secret.get_untracked()) {
            Ok(key) => key,
            Err(e) => return message.set(Some(Err(e))),
        };
        // The field is cleared at once: the secret does not stay in the page.
        secret.set(String::new());
        if remember.get_untracked() {
            let phrase = passphrase.get_untracked();
            passphrase.set(String::new());
            busy.set(true);
            spawn_local(async move {
                match keys::remember(&key, &phrase).await {
                    Ok(()) => {
                        state.use_key(Some(key));
                        message.set(Some(Ok("Saved, encrypted on this device".into())));
                    }
                    Err(e) => message.set(Some(Err(e))),
                }
                busy.set(false);
            });
        } else {
            match keys::save_for_tab(&key) {
                Ok(()) => {
                    state.use_key(Some(key));
                    message.set(Some(Ok("Saved for this tab".into())));
                }
                Err(e) => message.set(Some(Err(e))),
            }
        }
    };

    let unlock = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let phrase = unlock_passphrase.get_untracked();
        unlock_passphrase.set(String::new());
        busy.set(true);
        spawn_local(async move {
            match keys::unlock(&phrase).await {
                Ok(key) => {
                    state.use_key(Some(key));
                    message.set(Some(Ok("Unlocked".into())));
                }
                Err(e) => message.set(Some(Err(e))),
            }
            busy.set(false);
        });
    };

    let forget = move |_| {
        keys::forget();
        state.use_key(None);
        message.set(Some(Ok("Key forgotten on this device".into())));
    };

    view! {
        <h1>"Settings"</h1>
        <AboutData />
        <SiteSettings />
        <ClearCache />
        <section class="card" aria-labelledby="key-heading">
            <h2 id="key-heading">"CoinGecko API key"</h2>
            <p class="muted">
                "Optional: tokenlens works without a key. A demo or pro key raises your rate limit. "
                "It is sent only to CoinGecko, in a header, never in a link. By default it is kept "
                "for this tab only; to keep it across visits it is encrypted with a passphrase "
                "that is never stored."
            </p>
            <p data-testid="key-status" role="status">
                {move || match state.key_label.get() {
                    Some(label) if state.key_withheld.get() => format!(
                        "Refused by CoinGecko: {label} is no longer sent, requests go without a key until you save or unlock a key again"
                    ),
                    Some(label) => format!("In use: {label}"),
                    None if state.has_vault.get() => {
                        "A key is kept encrypted on this device: unlock it below".to_owned()
                    }
                    None => "No key: using CoinGecko's public limits".to_owned(),
                }}
            </p>
            <form class="stack" on:submit=save>
                <label>
                    "Plan "
                    <select
                        name="plan"
                        on:change=move |ev| {
                            plan.set(if event_target_value(&ev) == "pro" { KeyPlan::Pro } else { KeyPlan::Demo })
                        }
                    >
                        <option value="demo">"Demo"</option>
                        <option value="pro">"Pro"</option>
                    </select>
                </label>
                <label>
                    "Key "
                    <input
                        name="api-key"
                        type="password"
                        autocomplete="off"
                        spellcheck="false"
                        prop:value=secret
                        on:input=move |ev| secret.set(event_target_value(&ev))
                    />
                </label>
                <label>
                    <input
                        name="remember"
                        type="checkbox"
                        prop:checked=remember
                        on:change=move |ev| remember.set(event_target_checked(&ev))
                    />
                    " Keep on this device (encrypted)"
                </label>
                <Show when=move || remember.get()>
                    <label>
                        "Passphrase "
                        <input
                            name="passphrase"
                            type="password"
                            autocomplete="new-password"
                            prop:value=passphrase
                            on:input=move |ev| passphrase.set(event_target_value(&ev))
                        />
                    </label>
                </Show>
                <button type="submit" disabled=move || busy.get()>"Save key"</button>
            </form>
            <Show when=move || state.has_vault.get() && state.key_label.get().is_none()>
                <form class="stack" on:submit=unlock>
                    <label>
                        "Passphrase "
                        <input
                            name="unlock-passphrase"
                            type="password"
                            autocomplete="current-password"
                            prop:value=unlock_passphrase
                            on:input=move |ev| unlock_passphrase.set(event_target_value(&ev))
                        />
                    </label>
                    <button type="submit" disabled=move || busy.get()>"Unlock"</button>
                </form>
            </Show>
            <Show when=move || state.key_label.get().is_some() || state.has_vault.get()>
                <button type="button" class="danger" on:click=forget>"Forget key"</button>
            </Show>
            {move || {
                message
                    .get()
                    .map(|m| match m {
                        Ok(text) => view! { <p class="ok" role="status">{text}</p> }.into_any(),
                        Err(text) => view! { <p class="error" role="alert">{text}</p> }.into_any(),
                    })
            }}
        </section>
        <ProviderAlerts />
        <KeyLog />
    }
}

/// What the header's date means: the bundled data, and when live data
/// replaces it (the header's badge links here).
#[component]
fn AboutData() -> impl IntoView {
    let now = use_app_state().now;
    let location = leptos_router::hooks::use_location();
    // Arriving from the badge's link, show this section.
    Effect::new(move |_| {
        if location.hash.get() == "#data"
            && let Some(section) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("data"))
        {
            section.scroll_into_view();
        }
    });
    view! {
        <section class="card" id="data" aria-labelledby="data-heading" data-testid="about-data">
            <h2 id="data-heading">"About the data"</h2>
            <p>
                {move || format!(
                    "tokenlens ships with daily closes up to {}, so every page works offline and shows figures of that one date. ",
                    now.bundled_label()
                )}
                "When CoinGecko, CoinPaprika, Binance or Coinbase answer, pages show their live prices instead and the header says \"Live\" with the time of the answer; when they cannot be reached, a notice says so and tokenlens keeps trying at the refresh interval chosen below."
            </p>
        </section>
    }
}

/// The local log of key use: when, which endpoint, the outcome. Never the key.
#[component]
fn KeyLog() -> impl IntoView {
    let state = use_app_state();
    let entries = move || state.transport.with_value(|t| t.key_log());
    view! {
        <section class="card" aria-labelledby="log-heading">
            <h2 id="log-heading">"Key use on this device"</h2>
            {move || {
                let entries = entries();
                if entries.is_empty() {
                    view! { <p class="muted">"The key has not been used yet."</p> }.into_any()
                } else {
                    view! {
                        <table class="data-table">
                            <thead>
                                <tr>
                                    <th scope="col">"When"</th>
                                    <th scope="col">"Endpoint"</th>
                                    <th scope="col">"Outcome"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {entries
                                    .into_iter()
                                    .rev()
                                    .map(|e| {
                                        let when = js_sys::Date::new(&e.at_ms.into()).to_iso_string().as_string().unwrap_or_default();
                                        view! {
                                            <tr>
                                                <td>{when}</td>
                                                <td>{e.endpoint}</td>
                                                <td>{e.outcome}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// Data source, refresh interval and theme: applied and saved on change.
#[component]
fn SiteSettings() -> impl IntoView {
    let state = use_app_state();
    let settings = state.settings;
    let message = RwSignal::new(None::<Result<String, String>>);
    let change = move |f: &dyn Fn(&mut crate::settings_store::Settings)| {
        message.set(Some(
            state
                .change_settings(f)
                .map(|()| "Saved on this device".to_owned()),
        ));
    };
    let source_radio = move |choice: DataChoice, label: &'static str, hint: &'static str| {
        view! {
            <label>
                <input
                    type="radio"
                    name="source"
                    value=choice.id()
                    prop:checked=move || settings.with(|s| s.source == choice)
                    on:change=move |_| change(&|s| s.source = choice)
                />
                " " {label} <span class="muted">" — " {hint}</span>
            </label>
        }
    };
    let theme_radio = move |theme: Theme| {
        view! {
            <label>
                <input
                    type="radio"
                    name="theme"
                    value=theme.id()
                    prop:checked=move || settings.with(|s| s.theme == theme)
                    on:change=move |_| change(&|s| s.theme = theme)
                />
                " " {theme.label()}
            </label>
        }
    };
    let refresh_options = REFRESH_CHOICES
        .into_iter()
        .map(|m| {
            let label = match m {
                0 => "Off".to_owned(),
                1 => "Every minute".to_owned(),
                m => format!("Every {m} minutes"),
            };
            view! { <option value=m.to_string()>{label}</option> }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="site-heading">
            <h2 id="site-heading">"Data and display"</h2>
            <form class="stack" on:submit=|ev| ev.prevent_default()>
                <fieldset>
                    <legend>"Data source"</legend>
                    {source_radio(
                        DataChoice::Live,
                        "Live (falls back to snapshot)",
                        "prices from CoinGecko or CoinPaprika, saved data or the bundled snapshot when they fail",
                    )}
                    {source_radio(
                        DataChoice::Snapshot,
                        "Snapshot only",
                        "the data bundled with the site; no request to any provider",
                    )}
                </fieldset>
                <label>
                    "Refresh live market data "
                    <select
                        name="refresh"
                        disabled=move || !settings.with(|s| s.live())
                        prop:value=move || settings.with(|s| s.refresh_minutes.to_string())
                        on:change=move |ev| {
                            let minutes = event_target_value(&ev)
                                .parse::<u32>()
                                .ok()
                                .filter(|m| REFRESH_CHOICES.contains(m))
                                .unwrap_or(0);
                            change(&|s| s.refresh_minutes = minutes)
                        }
                    >
                        {refresh_options}
                    </select>
                </label>
                <fieldset>
                    <legend>"Theme"</legend>
                    {Theme::ALL.into_iter().map(theme_radio).collect_view()}
                </fieldset>
            </form>
            {move || {
                message
                    .get()
                    .map(|m| match m {
                        Ok(text) => view! { <p class="ok" role="status" data-testid="settings-status">{text}</p> }.into_any(),
                        Err(text) => view! { <p class="error" role="alert" data-testid="settings-status">{text}</p> }.into_any(),
                    })
            }}
        </section>
    }
}

/// Removes the saved provider responses (IndexedDB), and nothing else: the
/// watchlist, the settings and the keys stay.
#[component]
fn ClearCache() -> impl IntoView {
    let message = RwSignal::new(None::<Result<String, String>>);
    let busy = RwSignal::new(false);
    let clear = move |_| {
        busy.set(true);
        spawn_local(async move {
            let mut failed = Vec::new();
            for name in [CACHE_DB, WIDGET_CACHE_DB] {
                let outcome = match tokenlens_feeds::client::cache::Cache::open(name).await {
                    Ok(cache) => cache.clear().await,
                    Err(e) => Err(e),
                };
                if let Err(e) = outcome {
                    failed.push(format!("{name}: {e}"));
                }
            }
            message.try_set(Some(if failed.is_empty() {
                Ok("Saved market data removed: the next page fetches it anew".into())
            } else {
                Err(format!(
                    "The saved data could not all be removed ({})",
                    failed.join("; ")
                ))
            }));
            busy.try_set(false);
        });
    };
    view! {
        <section class="card" aria-labelledby="cache-heading">
            <h2 id="cache-heading">"Saved market data"</h2>
            <p class="muted">
                "Answers from the price providers are kept on this device so pages load fast and "
                "work offline. Clearing them keeps your watchlist, settings and keys."
            </p>
            <button type="button" on:click=clear disabled=move || busy.get()>"Clear cache"</button>
            {move || {
                message
                    .get()
                    .map(|m| match m {
                        Ok(text) => view! { <p class="ok" role="status" data-testid="cache-status">{text}</p> }.into_any(),
                        Err(text) => view! { <p class="error" role="alert" data-testid="cache-status">{text}</p> }.into_any(),
                    })
            }}
        </section>
    }
}

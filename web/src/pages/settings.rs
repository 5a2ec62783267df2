//! `/settings`: the visitor's API key, kept as a secret.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tokenlens_feeds::client::{ApiKey, KeyPlan};

use crate::components::provider_alerts::ProviderAlerts;
use crate::keys;
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
            match keys::hold_for_session(&key) {
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

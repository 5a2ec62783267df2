//! The one quiet notice a page shows when its live data cannot be had:
//! "Showing bundled data from 12 Jun 2025 — live prices unavailable.
//! Retry", with each provider's reasons behind "Details". A page falls back
//! to it as soon as the browser says it is offline or a provider's requests
//! go unanswered (the transport keeps retrying them in the background), not
//! after every provider's retries ran out.

use leptos::prelude::*;
use tokenlens_feeds::client::Pattern;
use web_sys::{AbortController, AbortSignal};

use crate::state::{AppState, browser_offline, use_app_state};

/// How often a pending page looks for signs that the network is out of reach.
const WATCH_MS: u64 = 200;

/// Where the time the providers were last seen out of reach is kept, so
/// the next page (or tab) falls back at once instead of waiting for its
/// first request, which the rate limits may hold back for seconds.
const UNREACHABLE_KEY: &str = "tokenlens.unreachable";
/// How long that memory counts.
const REMEMBER_MS: f64 = 5.0 * 60_000.0;

/// Whether live data is out of reach right now: the browser says it is
/// offline, some provider's latest request was never answered (the
/// transport retries it meanwhile), or they were not a moment ago.
pub fn unreachable_now(state: AppState) -> bool {
    browser_offline()
        || state.transport.with_value(|t| {
            t.unanswered() || t.alerts().iter().any(|a| a.pattern == Pattern::Blocked)
        })
        || recently_unreachable()
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn recently_unreachable() -> bool {
    local_storage()
        .and_then(|s| s.get_item(UNREACHABLE_KEY).ok().flatten())
        .and_then(|v| v.parse::<f64>().ok())
        .is_some_and(|at| (0.0..REMEMBER_MS).contains(&(js_sys::Date::now() - at)))
}

fn remember_unreachable() {
    if let Some(s) = local_storage() {
        let _ = s.set_item(UNREACHABLE_KEY, &js_sys::Date::now().to_string());
    }
}

/// Forgets that the providers were out of reach (a provider just answered).
pub fn reachable_again() {
    if let Some(s) = local_storage() {
        let _ = s.remove_item(UNREACHABLE_KEY);
    }
}

/// Sets `unreachable` as soon as live data is seen to be out of reach,
/// checking every 200 ms while `pending()` holds (it stops once the live
/// data came, failed for good, or the page is gone).
pub fn watch_unreachable(
    unreachable: RwSignal<bool>,
    pending: impl Fn() -> Option<bool> + 'static,
) {
    let state = use_app_state();
    if unreachable_now(state) {
        remember_unreachable();
        unreachable.set(true);
        return;
    }
    let handle = std::rc::Rc::new(std::cell::Cell::new(None::<IntervalHandle>));
    let own = handle.clone();
    let tick = move || {
        let keep = pending() == Some(true) && unreachable.try_get_untracked() == Some(false);
        if keep && unreachable_now(state) {
            remember_unreachable();
            unreachable.try_set(true);
        }
        if (!keep || unreachable.try_get_untracked() != Some(false))
            && let Some(h) = own.take()
        {
            h.clear();
        }
    };
    if let Ok(h) = set_interval_with_handle(tick, std::time::Duration::from_millis(WATCH_MS)) {
        handle.set(Some(h));
        on_cleanup(move || h.clear());
    }
}

/// The loads of one section, where a new one replaces the one running: it
/// cancels that load and its retries (a Retry asks again at once instead of
/// waiting out a backoff). Leaving the page cancels the last one.
#[derive(Debug, Clone, Copy)]
pub struct Restart {
    current: StoredValue<Option<AbortController>, LocalStorage>,
}

impl Restart {
    pub fn new() -> Self {
        let restart = Self {
            current: StoredValue::new_local(None),
        };
        on_cleanup(move || restart.cancel());
        restart
    }

    /// Cancels the running load, if any, and gives the new one's signal.
    pub fn next(&self) -> Option<AbortSignal> {
        self.cancel();
        let controller = AbortController::new().ok()?;
        let signal = controller.signal();
        self.current.try_set_value(Some(controller));
        Some(signal)
    }

    fn cancel(&self) {
        if let Some(Some(c)) = self.current.try_get_value() {
            c.abort();
        }
    }
}

impl Default for Restart {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether a load with `signal` was replaced or left (its outcome is then
/// nobody's to show).
pub fn replaced(signal: Option<&AbortSignal>) -> bool {
    signal.is_some_and(AbortSignal::aborted)
}

/// "Showing bundled data from 12 Jun 2025 — live prices unavailable.
/// Retry", the reasons behind "Details".
#[component]
pub fn LiveNotice(
    /// What could not be had ("live prices").
    what: &'static str,
    /// Why, once every provider failed (until then the transport is still
    /// retrying and the failure patterns say what it has seen).
    #[prop(into)]
    reason: Signal<Option<String>>,
    /// The Retry button's accessible name ("Retry the market list").
    retry_label: &'static str,
    /// Whether bundled data is on screen (not for a symbol it lacks).
    #[prop(default = true)]
    bundled: bool,
    on_retry: Callback<()>,
) -> impl IntoView {
    let state = use_app_state();
    let now = state.now;
    // The failure patterns as they grow, read every second while shown.
    let tick = RwSignal::new(0u32);
    if let Ok(h) = set_interval_with_handle(
        move || {
            tick.try_update(|t| *t = t.wrapping_add(1));
        },
        std::time::Duration::from_secs(1),
    ) {
        on_cleanup(move || h.clear());
    }
    let messages = Memo::new(move |_| {
        tick.track();
        reason.track();
        let now_ms = js_sys::Date::now();
        state
            .transport
            .with_value(|t| t.alerts())
            .into_iter()
            .map(|a| a.message(now_ms))
            .collect::<Vec<String>>()
    });
    let alerts = move || {
        messages
            .get()
            .into_iter()
            .map(|m| view! { <li>{m}</li> })
            .collect_view()
    };
    let reason_text = move || {
        reason.get().unwrap_or_else(|| {
            if browser_offline() {
                "This browser is offline; tokenlens tries again when the refresh interval comes round.".to_owned()
            } else if recently_unreachable() && messages.with(Vec::is_empty) {
                "The data providers could not be reached a moment ago; tokenlens keeps trying in the background.".to_owned()
            } else {
                "No provider has answered yet; tokenlens keeps trying in the background.".to_owned()
            }
        })
    };
    view! {
        <div class="live-notice" data-testid="offline-notice">
            <p role="status">
                {move || {
                    if bundled {
                        format!("Showing bundled data from {} — {what} unavailable. ", now.bundled_label())
                    } else {
                        format!("No {what} for it either — unavailable right now. ")
                    }
                }}
                <button
                    type="button"
                    class="link-button"
                    aria-label=retry_label
                    on:click=move |_| on_retry.run(())
                >
                    "Retry"
                </button>
            </p>
            <details data-testid="offline-details">
                <summary>"Details"</summary>
                <p data-testid="live-status">{reason_text}</p>
                <ul data-testid="provider-alerts">{alerts}</ul>
            </details>
        </div>
    }
}

/// The notice's place, held while a page asks for its live data ("Fetching
/// live prices…"), so that the notice that may take it moves nothing.
#[component]
pub fn LivePending(
    /// What is asked for: "live prices".
    what: &'static str,
) -> impl IntoView {
    view! {
        <div class="live-notice pending" data-testid="live-pending">
            <p role="status">{format!("Fetching {what}…")}</p>
        </div>
    }
}

//! What every page shares: the feed transport (one scheduler per provider,
//! one key), the state of the visitor's API key, and the site settings.

use leptos::prelude::*;
use tokenlens_feeds::client::ApiKey;
use tokenlens_feeds::client::http::Transport;
use tokenlens_feeds::published::PUBLISHED_PROVIDER;

use crate::keys;
use crate::settings_store::{self, Settings};

/// Shared app state, provided as context by `App`.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    /// The transport lives on the main thread: a local stored value.
    pub transport: StoredValue<Transport, LocalStorage>,
    /// A redacted description of the key in use, or `None`.
    pub key_label: RwSignal<Option<String>>,
    /// Whether an encrypted key is kept on this device.
    pub has_vault: RwSignal<bool>,
    /// Whether the key in use was refused by its provider and is no longer
    /// sent (until a key is saved or unlocked again).
    pub key_withheld: RwSignal<bool>,
    /// The site settings (data source, refresh, theme), as stored.
    pub settings: RwSignal<Settings>,
    /// The one "now" of every page: the bundled data's date, or when the
    /// live data on screen was fetched.
    pub now: DataNow,
}

/// What date the figures on screen are of, for the whole site: the header
/// says it once, every page reads it from here.
#[derive(Debug, Clone, Copy)]
pub struct DataNow {
    /// The bundled history's last date (`2025-06-12`), once read.
    pub bundled: RwSignal<Option<String>>,
    /// When the live data on screen was fetched (Unix ms); `None` while the
    /// page shows bundled data.
    pub live_at_ms: RwSignal<Option<f64>>,
    /// Whether that data is the site's published list (fetched by the
    /// publishing job, not by this browser).
    pub live_published: RwSignal<bool>,
}

impl DataNow {
    fn new() -> Self {
        let now = Self {
            bundled: RwSignal::new(None),
            live_at_ms: RwSignal::new(None),
            live_published: RwSignal::new(false),
        };
        leptos::task::spawn_local(async move {
            if let Ok(latest) = crate::api::load_latest().await {
                now.bundled.try_set(Some(latest.as_of));
            }
        });
        now
    }

    /// The bundled date as people write it ("12 Jun 2025"), or "the
    /// bundled date" before it is read.
    pub fn bundled_label(&self) -> String {
        self.bundled
            .get()
            .map_or_else(|| "the bundled date".to_owned(), |d| day_label(&d))
    }

    /// Says, until the calling page is left, that it shows live data
    /// fetched at `fetched_at_ms` by `provider` (`None`: bundled data again).
    pub fn show_live(&self, live: Option<(f64, &str)>) {
        let published = live.is_some_and(|(_, p)| p == PUBLISHED_PROVIDER);
        // A provider answered just now: the network is back.
        if !published && live.is_some_and(|(at, _)| js_sys::Date::now() - at < 60_000.0) {
            crate::components::live_notice::reachable_again();
        }
        self.live_published.try_set(published);
        self.live_at_ms.try_set(live.map(|(at, _)| at));
    }

    /// Marks the calling page as one that may show live data: leaving it
    /// puts the site back on the bundled date.
    pub fn live_while_mounted(&self) {
        let live = self.live_at_ms;
        on_cleanup(move || {
            live.try_set(None);
        });
    }
}

/// `2025-06-12` → `12 Jun 2025` (anything else as it is).
pub fn day_label(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mut parts = iso.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_owned();
    };
    match (m.parse::<usize>(), d.parse::<u32>()) {
        (Ok(m @ 1..=12), Ok(d)) if y.len() == 4 => format!("{d} {} {y}", MONTHS[m - 1]),
        _ => iso.to_owned(),
    }
}

/// Whether the browser says it has no network (`navigator.onLine`).
pub fn browser_offline() -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"navigator".into()).ok())
        .and_then(|n| js_sys::Reflect::get(&n, &"onLine".into()).ok())
        .and_then(|v| v.as_bool())
        .is_some_and(|online| !online)
}

impl AppState {
    /// Builds the state, picking up a key held for this tab.
    pub fn new() -> Self {
        let transport = Transport::new();
        let key = keys::session_key();
        let key_label = key.as_ref().map(ApiKey::redacted);
        let withheld = key.is_some() && keys::is_withheld();
        transport.set_key(key);
        if withheld {
            transport.withhold_key();
        }
        let key_withheld = RwSignal::new(withheld);
        transport.on_key_withheld(move || {
            keys::mark_withheld();
            key_withheld.try_set(true);
        });
        Self {
            transport: StoredValue::new_local(transport),
            key_label: RwSignal::new(key_label),
            has_vault: RwSignal::new(keys::has_vault()),
            key_withheld,
            settings: RwSignal::new(settings_store::load()),
            now: DataNow::new(),
        }
    }

    /// Changes the settings, stores them and applies them at once (the
    /// theme now, the data source and refresh on the next page shown).
    pub fn change_settings(&self, f: impl FnOnce(&mut Settings)) -> Result<(), String> {
        let mut next = self.settings.get_untracked();
        f(&mut next);
        self.settings.set(next);
        settings_store::save(&next)
    }

    /// Uses `key` from now on (or none), everywhere at once.
    pub fn use_key(&self, key: Option<ApiKey>) {
        self.key_label.set(key.as_ref().map(ApiKey::redacted));
        self.key_withheld.set(false);
        self.transport.with_value(|t| t.set_key(key));
        self.has_vault.set(keys::has_vault());
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// The app state from context.
pub fn use_app_state() -> AppState {
    use_context::<AppState>().unwrap_or_default()
}

/// Sets `data-theme` on `<html>` to the chosen theme (`system`, `light`,
/// `dark`); the stylesheet follows `prefers-color-scheme` for `system`.
pub fn apply_theme(settings: &Settings) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("data-theme", settings.theme.id());
    }
}

/// Calls `tick` every `minutes` minutes while the calling component is
/// mounted (never for 0), skipping the ticks when the page is hidden.
/// `tick` returns `false` when its page is gone, which stops the timer too.
pub fn every_minutes(minutes: u32, tick: impl Fn() -> bool + 'static) {
    if minutes == 0 {
        return;
    }
    let period = std::time::Duration::from_secs(60 * u64::from(minutes));
    let handle = std::rc::Rc::new(std::cell::Cell::new(None::<IntervalHandle>));
    let own = handle.clone();
    let tick = move || {
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.hidden());
        if !hidden
            && !tick()
            && let Some(h) = own.take()
        {
            h.clear();
        }
    };
    if let Ok(h) = set_interval_with_handle(tick, period) {
        handle.set(Some(h));
        on_cleanup(move || h.clear());
    }
}

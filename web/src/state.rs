//! What every page shares: the feed transport (one scheduler per provider,
//! one key) and the state of the visitor's API key.

use leptos::prelude::*;
use tokenlens_feeds::client::ApiKey;
use tokenlens_feeds::client::http::Transport;

use crate::keys;

/// Shared app state, provided as context by `App`.
#[derive(Debug, Clone, Copy)]
pub struct AppState {
    /// The transport lives on the main thread: a local stored value.
    pub transport: StoredValue<Transport, LocalStorage>,
    /// A redacted description of the key in use, or `None`.
    pub key_label: RwSignal<Option<String>>,
    /// Whether an encrypted key is kept on this device.
    pub has_vault: RwSignal<bool>,
}

impl AppState {
    /// Builds the state, picking up a key held for this tab.
    pub fn new() -> Self {
        let transport = Transport::new();
        let key = keys::session_key();
        let key_label = key.as_ref().map(ApiKey::redacted);
        transport.set_key(key);
        Self {
            transport: StoredValue::new_local(transport),
            key_label: RwSignal::new(key_label),
            has_vault: RwSignal::new(keys::has_vault()),
        }
    }

    /// Uses `key` from now on (or none), everywhere at once.
    pub fn use_key(&self, key: Option<ApiKey>) {
        self.key_label.set(key.as_ref().map(ApiKey::redacted));
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

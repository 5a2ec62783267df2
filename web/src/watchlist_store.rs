//! Where the watchlist lives in the browser: `localStorage`, under keys
//! prefixed `tokenlens.`, as the core's [`Watchlist`] JSON. Also the last
//! observation of the watched tokens (what alerts compare against), the
//! log of fired alerts, and the file format of import and export.
//!
//! Every tab of the site shares these keys, so an edit is never a write of
//! the list a page loaded: [`update_list`] and [`import_list`] read the list
//! as stored at that moment, apply the one change and save it, keeping what
//! another tab added since. Pages listen for the `storage` event to show
//! what other tabs wrote.

use serde::{Deserialize, Serialize};
use tokenlens_core::watchlist::Watchlist;
use tokenlens_core::watchlist::alerts::{Alert, Seen};

/// The list and its rules.
pub const LIST_KEY: &str = "tokenlens.watchlist";
/// The last observation of the watched tokens.
pub const SEEN_KEY: &str = "tokenlens.watchlist.seen";
/// Alerts fired, newest first.
pub const ALERTS_KEY: &str = "tokenlens.watchlist.alerts";
/// Alerts kept in the log.
pub const MAX_LOGGED: usize = 100;

/// One fired alert and when (milliseconds since the epoch, device clock).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoggedAlert {
    pub at_ms: f64,
    pub alert: Alert,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn write(key: &str, value: &str) -> Result<(), String> {
    storage()
        .ok_or("this browser keeps no local storage")?
        .set_item(key, value)
        .map_err(|_| "the browser refused to save (storage full or disabled)".to_owned())
}

/// Reads a watchlist file or stored list: JSON of the core's format, every
/// rule checked. The error says what is wrong, in words.
pub fn parse_list(text: &str) -> Result<Watchlist, String> {
    let list: Watchlist = serde_json::from_str(text)
        .map_err(|e| format!("this is not a tokenlens watchlist file ({e})"))?;
    list.validated().map_err(|e| e.to_string())
}

/// The list as a file: pretty JSON.
pub fn export_list(list: &Watchlist) -> String {
    serde_json::to_string_pretty(list).unwrap_or_default()
}

/// The stored list; empty when none is stored, an error when what is
/// stored cannot be read (it is then left as it is).
pub fn load_list() -> Result<Watchlist, String> {
    match read(LIST_KEY) {
        None => Ok(Watchlist::default()),
        Some(text) => {
            parse_list(&text).map_err(|e| format!("The saved watchlist cannot be read: {e}"))
        }
    }
}

pub fn save_list(list: &Watchlist) -> Result<(), String> {
    write(LIST_KEY, &export_list(list))
}

/// Applies `edit` to the list as stored now and saves it; returns the saved
/// list and what `edit` returned. Nothing is saved when the stored list
/// cannot be read or `edit` fails; the error says why, in words.
pub fn update_list<T>(
    edit: impl FnOnce(&mut Watchlist) -> Result<T, String>,
) -> Result<(Watchlist, T), String> {
    let mut list = load_list()?;
    let out = edit(&mut list)?;
    save_list(&list).map_err(|e| format!("The watchlist was not saved: {e}"))?;
    Ok((list, out))
}

/// Merges an imported list into the list as stored now (an unreadable
/// stored list is replaced) and saves it; returns the saved list and how
/// many tokens were added.
pub fn import_list(imported: Watchlist) -> Result<(Watchlist, usize), String> {
    let mut list = load_list().unwrap_or_default();
    let added = list.merge(imported).map_err(|e| e.to_string())?;
    save_list(&list).map_err(|e| format!("The watchlist was not saved: {e}"))?;
    Ok((list, added))
}

/// The last observation; empty when none is stored or it is unreadable
/// (alerts then start afresh, they never fire on a first sighting).
pub fn load_seen() -> Seen {
    read(SEEN_KEY)
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

pub fn save_seen(seen: &Seen) -> Result<(), String> {
    write(SEEN_KEY, &serde_json::to_string(seen).unwrap_or_default())
}

/// The alert log, newest first.
pub fn load_alerts() -> Vec<LoggedAlert> {
    read(ALERTS_KEY)
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

pub fn save_alerts(log: &[LoggedAlert]) -> Result<(), String> {
    let kept = &log[..log.len().min(MAX_LOGGED)];
    write(ALERTS_KEY, &serde_json::to_string(kept).unwrap_or_default())
}

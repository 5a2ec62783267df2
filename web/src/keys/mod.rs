//! The visitor's API keys, handled as secrets.
//!
//! * By default a key lives in memory and in this tab's session storage: it
//!   survives a reload, and is gone when the tab closes.
//! * Only when the visitor asks, it is kept across visits, encrypted at rest
//!   ([`vault`]: AES-GCM, key from a passphrase by PBKDF2-SHA-256); the
//!   passphrase itself is never stored.
//! * Replacing or forgetting a key is one action with immediate effect on
//!   every store: a key saved for this tab also removes a kept one.
//! * A key its provider refused (twice in a row) is no longer sent for the
//!   rest of this tab's life, until a key is saved or unlocked again.
//! * A key never appears in a URL, a log, an error or an export: it is an
//!   [`ApiKey`], whose `Debug`/`Display` are redacted, and the transport
//!   sends it only to its provider's own host, in a header.

pub mod vault;

use tokenlens_feeds::client::{ApiKey, KeyPlan};
use web_sys::Storage;

/// Session storage entry of the current key (plan and secret).
const SESSION_ITEM: &str = "tokenlens.key.session";
/// Local storage entry of the encrypted key, when the visitor asked to keep it.
pub const VAULT_ITEM: &str = "tokenlens.key.vault";
/// Session storage entry set while the key is withheld after refusals.
const WITHHELD_ITEM: &str = "tokenlens.key.withheld";

fn session() -> Option<Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn local() -> Option<Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn plan_name(plan: KeyPlan) -> &'static str {
    match plan {
        KeyPlan::Demo => "demo",
        KeyPlan::Pro => "pro",
    }
}

fn plan_of(name: &str) -> Option<KeyPlan> {
    match name {
        "demo" => Some(KeyPlan::Demo),
        "pro" => Some(KeyPlan::Pro),
        _ => None,
    }
}

/// Uses `key` for this tab only: it replaces the key held for the tab, and
/// a key kept encrypted on this device is removed (it was replaced).
pub fn save_for_tab(key: &ApiKey) -> Result<(), String> {
    let storage = local().ok_or("local storage is not available")?;
    storage
        .remove_item(VAULT_ITEM)
        .map_err(|_| "the key kept on this device could not be removed".to_owned())?;
    hold_for_session(key)
}

/// Holds the key for this tab (session storage), replacing any previous one
/// and sending it again if it was withheld.
fn hold_for_session(key: &ApiKey) -> Result<(), String> {
    let storage = session().ok_or("session storage is not available")?;
    let _ = storage.remove_item(WITHHELD_ITEM);
    storage
        .set_item(
            SESSION_ITEM,
            &format!("{}:{}", plan_name(key.plan()), key.expose()),
        )
        .map_err(|_| "the key could not be kept for this tab".to_owned())
}

/// The key held for this tab, if any.
pub fn session_key() -> Option<ApiKey> {
    let raw = session()?.get_item(SESSION_ITEM).ok()??;
    let (plan, secret) = raw.split_once(':')?;
    ApiKey::new(plan_of(plan)?, secret).ok()
}

/// Whether an encrypted key is kept across visits.
pub fn has_vault() -> bool {
    local()
        .and_then(|s| s.get_item(VAULT_ITEM).ok().flatten())
        .is_some()
}

/// Keeps the key across visits, encrypted with `passphrase`, and for this tab.
pub async fn remember(key: &ApiKey, passphrase: &str) -> Result<(), String> {
    let sealed = vault::seal(plan_name(key.plan()), key.expose(), passphrase).await?;
    let storage = local().ok_or("local storage is not available")?;
    storage
        .set_item(VAULT_ITEM, &sealed)
        .map_err(|_| "the encrypted key could not be stored".to_owned())?;
    hold_for_session(key)
}

/// Opens the kept key with `passphrase` and holds it for this tab.
pub async fn unlock(passphrase: &str) -> Result<ApiKey, String> {
    let storage = local().ok_or("local storage is not available")?;
    let sealed = storage
        .get_item(VAULT_ITEM)
        .ok()
        .flatten()
        .ok_or("no key is kept on this device")?;
    let (plan, secret) = vault::open(&sealed, passphrase).await?;
    let key = ApiKey::new(plan_of(&plan).ok_or("the kept key is damaged")?, &secret)?;
    hold_for_session(&key)?;
    Ok(key)
}

/// Whether the key held for this tab was refused and is not sent.
pub fn is_withheld() -> bool {
    session()
        .and_then(|s| s.get_item(WITHHELD_ITEM).ok().flatten())
        .is_some()
}

/// Notes for the rest of this tab that its key was refused and is not sent.
pub fn mark_withheld() {
    if let Some(s) = session() {
        let _ = s.set_item(WITHHELD_ITEM, "1");
    }
}

/// Forgets the key everywhere: this tab and the encrypted copy.
pub fn forget() {
    if let Some(s) = session() {
        let _ = s.remove_item(SESSION_ITEM);
        let _ = s.remove_item(WITHHELD_ITEM);
    }
    if let Some(s) = local() {
        let _ = s.remove_item(VAULT_ITEM);
    }
}

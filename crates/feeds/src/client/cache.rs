//! Response cache in IndexedDB (through the `idb` crate), so data survives
//! reloads. Keys are [`super::HttpRequest::cache_key`]s, which never hold an
//! API key; values are [`CachedBody`] records. Compiled for wasm32 only.
//!
//! The cache is an optimisation: when IndexedDB is unavailable (private
//! mode, a blocked storage quota) every operation fails soft and the app
//! works from the network and the bundled snapshot.

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use wasm_bindgen::JsValue;

use super::freshness::CachedBody;

const STORE: &str = "responses";
const VERSION: u32 = 1;

/// An open cache database.
#[derive(Debug)]
pub struct Cache {
    db: Database,
}

impl Cache {
    /// Opens (creating if needed) the cache database `name`.
    pub async fn open(name: &str) -> Result<Self, String> {
        let factory = Factory::new().map_err(|e| e.to_string())?;
        let mut request = factory
            .open(name, Some(VERSION))
            .map_err(|e| e.to_string())?;
        request.on_upgrade_needed(|event| {
            if let Ok(db) = event.database()
                && !db.store_names().iter().any(|s| s == STORE)
            {
                let _ = db.create_object_store(STORE, ObjectStoreParams::new());
            }
        });
        let db = request.await.map_err(|e| e.to_string())?;
        Ok(Self { db })
    }

    /// The entry under `key`, if any (and readable).
    pub async fn get(&self, key: &str) -> Option<CachedBody> {
        let tx = self
            .db
            .transaction(&[STORE], TransactionMode::ReadOnly)
            .ok()?;
        let store = tx.object_store(STORE).ok()?;
        let value = store.get(JsValue::from_str(key)).ok()?.await.ok()??;
        serde_wasm_bindgen::from_value(value).ok()
    }

    /// Stores `entry` under `key`. Failures (quota, private mode) are
    /// reported, never fatal.
    pub async fn put(&self, key: &str, entry: &CachedBody) -> Result<(), String> {
        let value = serde_wasm_bindgen::to_value(entry).map_err(|e| e.to_string())?;
        let tx = self
            .db
            .transaction(&[STORE], TransactionMode::ReadWrite)
            .map_err(|e| e.to_string())?;
        let store = tx.object_store(STORE).map_err(|e| e.to_string())?;
        store
            .put(&value, Some(&JsValue::from_str(key)))
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        tx.commit()
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        Ok(())
    }

    /// Removes every entry.
    pub async fn clear(&self) -> Result<(), String> {
        let tx = self
            .db
            .transaction(&[STORE], TransactionMode::ReadWrite)
            .map_err(|e| e.to_string())?;
        let store = tx.object_store(STORE).map_err(|e| e.to_string())?;
        store
            .clear()
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        tx.commit()
            .map_err(|e| e.to_string())?
            .await
            .map_err(|e| e.to_string())?;
        Ok(())
    }
}

//! The browser-wide request budget: each provider's token bucket kept in
//! IndexedDB (database `tokenlens-budget`), so every tab of an origin — and
//! every copy of the client on one page — draws from one budget. Compiled
//! for wasm32 only.
//!
//! A step (take a token, or pause after a 429) is one readwrite transaction
//! on the provider's record: read it, step it with the pure
//! [`super::rate_limit`] functions, write it back. The browser runs
//! readwrite transactions on one store one at a time, across tabs, each
//! seeing the last one's write: no lock beyond that is needed (a record in
//! `localStorage` would need one, and even under a Web Lock another tab may
//! read its stale copy).
//!
//! Where IndexedDB is missing, blocked or slow (a step not done within a
//! few seconds), the store says so once and for all and the transport falls back
//! to its per-tab bucket.

use std::cell::Cell;
use std::rc::Rc;

use futures::FutureExt;
use futures::future::{Either, LocalBoxFuture, Shared as SharedFuture};
use gloo_timers::future::TimeoutFuture;
use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, TransactionMode};
use wasm_bindgen::JsValue;

use super::rate_limit::{acquire_stored, pause_stored};

/// The database holding the buckets.
pub const BUDGET_DB: &str = "tokenlens-budget";
const STORE: &str = "buckets";
const VERSION: u32 = 1;
/// The longest a step may take before the store is given up for the tab.
const STEP_TIMEOUT_MS: u32 = 3_000;

type Opening = SharedFuture<LocalBoxFuture<'static, Option<Rc<Database>>>>;

/// The page's handle on the shared buckets (clone freely).
#[derive(Clone)]
pub(crate) struct SharedBudget {
    db: Opening,
    /// Set after any failure: from then on this page uses its own buckets.
    broken: Rc<Cell<bool>>,
}

impl std::fmt::Debug for SharedBudget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedBudget")
            .field("broken", &self.broken.get())
            .finish_non_exhaustive()
    }
}

impl SharedBudget {
    /// Opens the store lazily, on the first step.
    pub(crate) fn new() -> Self {
        Self {
            db: open().boxed_local().shared(),
            broken: Rc::new(Cell::new(false)),
        }
    }

    /// Takes a token from bucket `name`: `Ok` when taken, `Err(ms)` to wait,
    /// `None` when the shared store cannot be used (use the tab's bucket).
    pub(crate) async fn acquire(
        &self,
        name: &str,
        per_minute: f64,
        burst: u32,
    ) -> Option<Result<(), f64>> {
        self.step(name, move |record, now| {
            acquire_stored(per_minute, burst, record, now)
        })
        .await
    }

    /// Pauses bucket `name` until `until_ms` (`Date.now()` time); `false`
    /// when the shared store cannot be used.
    pub(crate) async fn pause(
        &self,
        name: &str,
        per_minute: f64,
        burst: u32,
        until_ms: f64,
    ) -> bool {
        self.step(name, move |record, now| {
            ((), pause_stored(per_minute, burst, record, now, until_ms))
        })
        .await
        .is_some()
    }

    async fn step<T: 'static>(
        &self,
        name: &str,
        f: impl FnOnce(Option<&str>, f64) -> (T, String) + 'static,
    ) -> Option<T> {
        if self.broken.get() {
            return None;
        }
        // The step runs to its end on its own even when the caller leaves
        // (its load aborted): IndexedDB would otherwise call back into
        // dropped closures. A token taken for nothing only slows the tab.
        let (sender, receiver) = futures::channel::oneshot::channel();
        let db = self.db.clone();
        let name = name.to_owned();
        wasm_bindgen_futures::spawn_local(async move {
            let result = match db.await {
                Some(db) => transact(&db, &name, f).await,
                None => None,
            };
            let _ = sender.send(result);
        });
        let work = async { receiver.await.ok().flatten() };
        let work = std::pin::pin!(work);
        let result = match futures::future::select(work, TimeoutFuture::new(STEP_TIMEOUT_MS)).await
        {
            Either::Left((result, _)) => result,
            Either::Right(_) => None,
        };
        if result.is_none() {
            self.broken.set(true);
        }
        result
    }
}

async fn open() -> Option<Rc<Database>> {
    let factory = Factory::new().ok()?;
    let mut request = factory.open(BUDGET_DB, Some(VERSION)).ok()?;
    request.on_upgrade_needed(|event| {
        if let Ok(db) = event.database()
            && !db.store_names().iter().any(|s| s == STORE)
        {
            let _ = db.create_object_store(STORE, ObjectStoreParams::new());
        }
    });
    request.await.ok().map(Rc::new)
}

/// Reads record `name`, steps it with `f` (given the clock read once the
/// record is in hand) and writes the result back, in one transaction.
async fn transact<T>(
    db: &Database,
    name: &str,
    f: impl FnOnce(Option<&str>, f64) -> (T, String),
) -> Option<T> {
    let tx = db.transaction(&[STORE], TransactionMode::ReadWrite).ok()?;
    let store = tx.object_store(STORE).ok()?;
    let key = JsValue::from_str(name);
    let record = store.get(key.clone()).ok()?.await.ok()?;
    let record = record.and_then(|v| v.as_string());
    let (answer, next) = f(record.as_deref(), js_sys::Date::now());
    store
        .put(&JsValue::from_str(&next), Some(&key))
        .ok()?
        .await
        .ok()?;
    let done = tx.commit().ok()?.await.ok()?;
    done.is_committed().then_some(answer)
}

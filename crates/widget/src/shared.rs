//! What every widget of a page shares, once per wasm instance: one feed
//! transport (so one request scheduler per provider), one IndexedDB cache,
//! one copy of the bundled data, one stylesheet, and the counters the leak
//! test reads through `debugStats()`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures::FutureExt;
use futures::future::{LocalBoxFuture, Shared as SharedFuture};
use gloo_net::http::Request;
use tokenlens_feeds::client::feed::{Feed, Loaded};
use tokenlens_feeds::client::http::{ProviderSettings, Transport};
use tokenlens_feeds::client::{Endpoint, FetchError, Provider, RetryPolicy};
use tokenlens_feeds::coingecko::markets::{latest_update, parse_markets};
use tokenlens_feeds::published::{LATEST_FORMAT, Latest};
use tokenlens_feeds::{History, Snapshot, TokenMarket};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortSignal, CssStyleSheet};

use crate::render::STYLESHEET;

/// IndexedDB database of the widget's response cache (its own namespace).
pub const CACHE_DB: &str = "tokenlens-widget-cache";

/// The bundled snapshot and history, each read once.
#[derive(Debug)]
pub struct Bundled {
    pub snapshot: Rc<Snapshot>,
    pub history: Rc<History>,
}

type FileFuture<T> = SharedFuture<LocalBoxFuture<'static, Result<Rc<T>, String>>>;
type FeedFuture = SharedFuture<LocalBoxFuture<'static, Feed>>;

#[derive(Default)]
struct State {
    transport: Option<Transport>,
    feed: Option<FeedFuture>,
    snapshot: Option<FileFuture<Snapshot>>,
    history: Option<FileFuture<History>>,
    stylesheet: Option<CssStyleSheet>,
    /// Addresses of the bundled snapshot and history.
    data_urls: Option<DataUrls>,
    /// What `widget.js` gives instead of the addresses: a function of
    /// `"snapshot"` or `"history"` resolving to the file's text once its
    /// digest was checked.
    data_loader: Option<js_sys::Function>,
    /// How often the site that serves this copy publishes its data again,
    /// in minutes; 0 when the bundled data is recorded, not published.
    published_minutes: u32,
}

/// Where the bundled data is: `widget.js` passes the addresses of its
/// `data/snapshot.json` and `data/history.json` (written as
/// `new URL('./data/…', import.meta.url)`, so bundlers emit the files and
/// rewrite the addresses).
#[derive(Debug, Clone)]
struct DataUrls {
    snapshot: String,
    history: String,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
    static LIVE_WIDGETS: Cell<u32> = const { Cell::new(0) };
    static TIMERS: Cell<u32> = const { Cell::new(0) };
    static LOADS: Cell<u32> = const { Cell::new(0) };
}

/// Sets the addresses of the bundled snapshot and history, and how often
/// the site serving them publishes them again (0: recorded data).
pub fn set_data_urls(snapshot: &str, history: &str, published_minutes: u32) {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.data_urls = Some(DataUrls {
            snapshot: snapshot.to_owned(),
            history: history.to_owned(),
        });
        s.published_minutes = published_minutes;
    });
}

/// The published data's promise, when the bundled snapshot is the market
/// list its site published (with the time it was fetched).
pub fn published(snapshot: &Snapshot) -> Option<Latest> {
    let minutes = STATE.with(|s| s.borrow().published_minutes);
    (minutes > 0).then(|| Latest {
        format: LATEST_FORMAT,
        as_of: snapshot.as_of.clone(),
        markets_fetched_at_ms: snapshot.fetched_at_ms,
        refresh_minutes: minutes,
        trader_record: None,
    })
}

/// Sets the function that loads the bundled data (`"snapshot"` or
/// `"history"` → a promise of the file's text, rejected when the file is not
/// the one the build made); used instead of the addresses when set.
#[wasm_bindgen(js_name = setDataLoader)]
pub fn set_data_loader(load: js_sys::Function) {
    STATE.with(|s| s.borrow_mut().data_loader = Some(load));
}

/// The page's transport: keyless CoinGecko with the provider's conservative
/// rate, and fewer retries than the site (a widget should say quickly that
/// prices are unavailable and try again at its next refresh).
pub fn transport() -> Transport {
    STATE.with(|s| {
        s.borrow_mut()
            .transport
            .get_or_insert_with(|| {
                let t = Transport::new();
                let mut settings = ProviderSettings::keyless(Provider::CoinGecko);
                settings.retry = RetryPolicy {
                    max_retries: 2,
                    ..RetryPolicy::default()
                };
                t.configure(Provider::CoinGecko, settings);
                t
            })
            .clone()
    })
}

async fn feed() -> Feed {
    let transport = transport();
    let future = STATE.with(|s| {
        s.borrow_mut()
            .feed
            .get_or_insert_with(|| {
                async move { Feed::open(transport, CACHE_DB).await }
                    .boxed_local()
                    .shared()
            })
            .clone()
    });
    future.await
}

/// The stylesheet every shadow root adopts (one object for the page).
pub fn stylesheet() -> Result<CssStyleSheet, JsValue> {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        if let Some(sheet) = &s.stylesheet {
            return Ok(sheet.clone());
        }
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(STYLESHEET)?;
        s.stylesheet = Some(sheet.clone());
        Ok(sheet)
    })
}

/// The bundled data, fetched once for all widgets; a failure is not kept,
/// so the next widget (or refresh) tries again.
pub async fn bundled() -> Result<Bundled, String> {
    let (snapshot, history) = futures::join!(bundled_snapshot(), bundled_history());
    Ok(Bundled {
        snapshot: snapshot?,
        history: history?,
    })
}

/// The bundled snapshot alone (what a live widget reads of published data).
pub async fn bundled_snapshot() -> Result<Rc<Snapshot>, String> {
    bundled_file(
        |s| &mut s.snapshot,
        "snapshot",
        |s| Snapshot::from_json(s).map_err(|e| e.to_string()),
    )
    .await
}

async fn bundled_history() -> Result<Rc<History>, String> {
    bundled_file(
        |s| &mut s.history,
        "history",
        |s| History::from_json(s).map_err(|e| e.to_string()),
    )
    .await
}

/// One bundled file, fetched (or given by the loader) and parsed once.
async fn bundled_file<T: 'static>(
    slot: fn(&mut State) -> &mut Option<FileFuture<T>>,
    name: &'static str,
    parse: fn(&str) -> Result<T, String>,
) -> Result<Rc<T>, String> {
    let future = STATE.with(|s| {
        let mut s = s.borrow_mut();
        let url = s.data_urls.as_ref().map(|u| match name {
            "snapshot" => u.snapshot.clone(),
            _ => u.history.clone(),
        });
        let loader = s.data_loader.clone();
        slot(&mut s)
            .get_or_insert_with(|| {
                async move {
                    let text = match (loader, url) {
                        (Some(load), _) => load_text(&load, name).await,
                        (None, Some(url)) => fetch_text(&url).await,
                        (None, None) => {
                            Err("the addresses of the bundled data were not set".into())
                        }
                    }?;
                    parse(&text).map(Rc::new)
                }
                .boxed_local()
                .shared()
            })
            .clone()
    });
    let result = future.await;
    if result.is_err() {
        STATE.with(|s| *slot(&mut s.borrow_mut()) = None);
    }
    result
}

/// The text `load(name)` resolves to; its rejection as a sentence.
async fn load_text(load: &js_sys::Function, name: &str) -> Result<String, String> {
    let describe = |e: JsValue| {
        let detail = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| format!("{e:?}"));
        format!("{name}: {detail}")
    };
    let promise = load
        .call1(&JsValue::NULL, &JsValue::from_str(name))
        .map_err(describe)?;
    let text = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&promise))
        .await
        .map_err(describe)?;
    text.as_string()
        .ok_or_else(|| format!("{name}: the loader gave no text"))
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let response = Request::get(url)
        .send()
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    response.text().await.map_err(|e| format!("{url}: {e}"))
}

/// Live markets: through the shared cache and scheduler.
pub async fn live_markets(
    endpoint: &Endpoint,
    cancel: &AbortSignal,
) -> Result<Loaded<(Vec<TokenMarket>, Option<String>)>, FetchError> {
    let feed = feed().await;
    feed.load(endpoint, Some(cancel), |body| {
        parse_markets(body).map(|(rows, _)| (rows, latest_update(body)))
    })
    .await
}

/// Counts a live widget for as long as it is held.
#[derive(Debug)]
pub struct LiveWidget(());

impl LiveWidget {
    pub fn start() -> Self {
        LIVE_WIDGETS.with(|c| c.set(c.get() + 1));
        Self(())
    }
}

impl Drop for LiveWidget {
    fn drop(&mut self) {
        LIVE_WIDGETS.with(|c| c.set(c.get().saturating_sub(1)));
    }
}

/// A refresh timer, counted for as long as it runs.
#[derive(Debug)]
pub struct Timer(#[allow(dead_code)] gloo_timers::callback::Interval);

impl Timer {
    pub fn every(seconds: u32, tick: impl FnMut() + 'static) -> Self {
        TIMERS.with(|c| c.set(c.get() + 1));
        Self(gloo_timers::callback::Interval::new(
            seconds.saturating_mul(1000),
            tick,
        ))
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        TIMERS.with(|c| c.set(c.get().saturating_sub(1)));
    }
}

/// A load in progress, counted until it ends or is dropped.
#[derive(Debug)]
pub struct LoadGuard(());

impl LoadGuard {
    pub fn start() -> Self {
        LOADS.with(|c| c.set(c.get() + 1));
        Self(())
    }
}

impl Drop for LoadGuard {
    fn drop(&mut self) {
        LOADS.with(|c| c.set(c.get().saturating_sub(1)));
    }
}

/// `{ liveWidgets, timers, loads, memoryBytes }` for tests and debugging.
pub fn stats() -> JsValue {
    let object = js_sys::Object::new();
    let set = |k: &str, v: f64| {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(k), &JsValue::from_f64(v));
    };
    set("liveWidgets", LIVE_WIDGETS.with(Cell::get).into());
    set("timers", TIMERS.with(Cell::get).into());
    set("loads", LOADS.with(Cell::get).into());
    let bytes = wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| {
            m.buffer()
                .unchecked_into::<js_sys::ArrayBuffer>()
                .byte_length()
        })
        .unwrap_or(0);
    set("memoryBytes", bytes.into());
    object.into()
}

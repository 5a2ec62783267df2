//! The browser transport: carries out the policies of this module over
//! `fetch` (gloo-net), one scheduler per provider. Compiled for wasm32 only.
//!
//! Per request: wait for a rate-limit token and a concurrency slot, send
//! with a timeout (an `AbortController` aborted by a timer), tell the
//! failure apart, and retry transient failures with backoff and jitter,
//! never sooner than `Retry-After`. A caller's `AbortSignal` (the page that
//! asked was left) cancels the wait, the request and the retries.
//!
//! The rate budget is the browser's, not the tab's: a transport made by
//! [`Transport::new`] takes its tokens from the provider's bucket kept in
//! IndexedDB (`budget`), which every tab of the origin shares, and a 429
//! pauses that bucket for all of them. Where that store cannot be used, the
//! transport keeps to its own bucket per provider, as [`Transport::per_tab`]
//! does.
//!
//! Identical GETs (same URL, same headers) asked while one is in flight are
//! coalesced: one request is sent and every caller gets its result. A caller
//! that cancels leaves the others waiting; the request itself is aborted
//! only when every caller has cancelled (or dropped its call).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use futures::future::{Either, FutureExt, LocalBoxFuture, Shared as SharedFuture};
use gloo_net::http::Request;
use gloo_timers::future::TimeoutFuture;
use web_sys::{AbortController, AbortSignal};

use super::budget::SharedBudget;
use super::endpoints::{ApiKey, BaseUrl, Endpoint, HttpRequest, Provider};
use super::failure::{FetchError, FetchErrorKind};
use super::health::{Alert, Attempt, Health};
use super::rate_limit::RateLimiter;
use super::retry::{Decision, RetryPolicy, parse_retry_after};

/// Settings of one provider's scheduler.
#[derive(Debug, Clone, PartialEq)]
pub struct ProviderSettings {
    pub base: BaseUrl,
    pub per_minute: f64,
    pub burst: u32,
    pub max_in_flight: u32,
    pub timeout_ms: u32,
    pub retry: RetryPolicy,
}

impl ProviderSettings {
    /// Conservative keyless defaults for `provider` on its official host.
    pub fn keyless(provider: Provider) -> Self {
        let (per_minute, burst) = provider.keyless_rate();
        Self {
            base: BaseUrl::Official,
            per_minute,
            burst,
            max_in_flight: 2,
            timeout_ms: 15_000,
            retry: RetryPolicy::default(),
        }
    }
}

/// One use of an API key, for the visitor's own log: when, which endpoint,
/// what came of it. Never the key.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct KeyUse {
    pub at_ms: f64,
    pub endpoint: String,
    pub outcome: String,
}

#[derive(Debug)]
struct Scheduler {
    settings: ProviderSettings,
    limiter: RateLimiter,
    in_flight: u32,
}

/// A request in flight that identical requests join.
struct Flight {
    id: u64,
    result: SharedFuture<LocalBoxFuture<'static, Result<String, FetchError>>>,
    /// Aborts the request when the last caller leaves.
    controller: AbortController,
    callers: usize,
}

#[derive(Default)]
struct Shared {
    schedulers: HashMap<Provider, Scheduler>,
    /// The browser-wide buckets, or `None` for this transport's own.
    budget: Option<SharedBudget>,
    /// Requests in flight by what is sent (URL and headers).
    flights: HashMap<String, Flight>,
    next_flight: u64,
    key: Option<ApiKey>,
    /// Set when the key's provider refused it (twice in a row, the health
    /// rule): it is no longer sent until [`Transport::set_key`].
    key_withheld: bool,
    /// Told once when the key starts being withheld.
    on_key_withheld: Option<Rc<dyn Fn()>>,
    key_log: Vec<KeyUse>,
    health: Health,
}

impl std::fmt::Debug for Shared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Shared")
            .field("schedulers", &self.schedulers)
            .field("budget", &self.budget)
            .field("key", &self.key)
            .field("key_withheld", &self.key_withheld)
            .field("key_log", &self.key_log)
            .field("health", &self.health)
            .field("flights", &self.flights.len())
            .finish_non_exhaustive()
    }
}

/// The client every part of the page shares (clone it freely): one
/// scheduler per provider, one key, one key-use log.
#[derive(Debug, Clone)]
pub struct Transport {
    shared: Rc<RefCell<Shared>>,
}

impl Default for Transport {
    fn default() -> Self {
        Self::new()
    }
}

impl Transport {
    /// A transport whose rate budgets are the browser's: every tab of this
    /// origin (and every other transport made by `new` on this page) draws
    /// from one bucket per provider and base URL.
    pub fn new() -> Self {
        Self {
            shared: Rc::new(RefCell::new(Shared {
                budget: Some(SharedBudget::new()),
                ..Shared::default()
            })),
        }
    }

    /// A transport with rate budgets of its own (what [`Transport::new`]
    /// falls back to when the shared store cannot be used).
    pub fn per_tab() -> Self {
        Self {
            shared: Rc::new(RefCell::new(Shared::default())),
        }
    }

    /// Replaces a provider's settings (base URL override, limits, timeouts).
    pub fn configure(&self, provider: Provider, settings: ProviderSettings) {
        let limiter = RateLimiter::new(settings.per_minute, settings.burst);
        self.shared.borrow_mut().schedulers.insert(
            provider,
            Scheduler {
                settings,
                limiter,
                in_flight: 0,
            },
        );
    }

    /// Sets or forgets the API key, with immediate effect on later requests
    /// (a key withheld after refusals is sent again: the visitor chose it).
    pub fn set_key(&self, key: Option<ApiKey>) {
        let mut shared = self.shared.borrow_mut();
        shared.key = key;
        shared.key_withheld = false;
        shared.health.key_changed();
    }

    /// Keeps the key but stops sending it, as after its provider refused
    /// it (for a page that knows it was refused earlier in this tab).
    pub fn withhold_key(&self) {
        self.shared.borrow_mut().key_withheld = true;
    }

    /// Whether a key is set but no longer sent because it was refused.
    pub fn key_withheld(&self) -> bool {
        let shared = self.shared.borrow();
        shared.key_withheld && shared.key.is_some()
    }

    /// Calls `f` each time the key starts being withheld after refusals.
    pub fn on_key_withheld(&self, f: impl Fn() + 'static) {
        self.shared.borrow_mut().on_key_withheld = Some(Rc::new(f));
    }

    /// Failure patterns worth telling the visitor about, now.
    pub fn alerts(&self) -> Vec<Alert> {
        self.shared.borrow().health.alerts(js_sys::Date::now())
    }

    /// Whether some provider's latest attempt went unanswered (no network,
    /// a block), while its retries may still be running.
    pub fn unanswered(&self) -> bool {
        self.shared.borrow().health.unanswered()
    }

    /// Records an answer that arrived but could not be read (the transport
    /// cannot tell: parsing is the caller's).
    pub fn record_malformed(&self, provider: Provider) {
        self.shared.borrow_mut().health.record(
            provider,
            Attempt {
                at_ms: js_sys::Date::now(),
                failure: Some(FetchErrorKind::Malformed),
                with_key: false,
            },
        );
    }

    /// The log of key uses (never the key itself).
    pub fn key_log(&self) -> Vec<KeyUse> {
        self.shared.borrow().key_log.clone()
    }

    fn with_scheduler<T>(&self, provider: Provider, f: impl FnOnce(&mut Scheduler) -> T) -> T {
        let mut shared = self.shared.borrow_mut();
        let scheduler = shared.schedulers.entry(provider).or_insert_with(|| {
            let settings = ProviderSettings::keyless(provider);
            Scheduler {
                limiter: RateLimiter::new(settings.per_minute, settings.burst),
                settings,
                in_flight: 0,
            }
        });
        f(scheduler)
    }

    /// Fetches an endpoint's body as text, with rate limiting, timeout,
    /// retries and cancellation. Parsing is the caller's. A request
    /// identical to one in flight joins it instead of being sent again.
    pub async fn get_text(
        &self,
        endpoint: &Endpoint,
        cancel: Option<&AbortSignal>,
    ) -> Result<String, FetchError> {
        let provider = endpoint.provider;
        check_cancel(provider, cancel)?;
        let (settings, key) = {
            let shared = self.shared.borrow();
            let key = (!shared.key_withheld).then(|| shared.key.clone()).flatten();
            drop(shared);
            (self.with_scheduler(provider, |s| s.settings.clone()), key)
        };
        let request = endpoint.request(&settings.base, key.as_ref());
        let max_bytes = endpoint.max_body_bytes();
        let same = flight_key(&request);
        let (id, result) = self.join_or_send(&same, request, settings, max_bytes)?;
        // Leaves the flight however this call ends (answered, cancelled, dropped).
        let _caller = Caller {
            transport: self,
            key: same,
            id,
        };
        let Some(signal) = cancel else {
            return result.await;
        };
        let aborted = std::pin::pin!(until_aborted(signal));
        match futures::future::select(result, aborted).await {
            Either::Left((result, _)) => result,
            Either::Right(_) => Err(cancelled(provider)),
        }
    }

    /// The flight for `key`: the one in the air, joined, or a new one that
    /// sends `request`.
    #[allow(clippy::type_complexity)]
    fn join_or_send(
        &self,
        key: &str,
        request: HttpRequest,
        settings: ProviderSettings,
        max_bytes: usize,
    ) -> Result<
        (
            u64,
            SharedFuture<LocalBoxFuture<'static, Result<String, FetchError>>>,
        ),
        FetchError,
    > {
        let mut shared = self.shared.borrow_mut();
        if let Some(flight) = shared.flights.get_mut(key) {
            flight.callers += 1;
            return Ok((flight.id, flight.result.clone()));
        }
        let provider = request.provider;
        let controller = AbortController::new().map_err(|_| FetchError {
            kind: FetchErrorKind::Blocked,
            provider: provider.label().into(),
            status: None,
            retry_after_ms: None,
            detail: "no AbortController".into(),
        })?;
        let id = shared.next_flight;
        shared.next_flight += 1;
        let this = self.clone();
        let signal = controller.signal();
        let landed = key.to_owned();
        let result = async move {
            let result = this.send(&request, &settings, max_bytes, &signal).await;
            this.end_flight(&landed, id, false);
            result
        }
        .boxed_local()
        .shared();
        shared.flights.insert(
            key.to_owned(),
            Flight {
                id,
                result: result.clone(),
                controller,
                callers: 1,
            },
        );
        Ok((id, result))
    }

    /// Removes flight `id` of `key` once it landed, or when its last caller
    /// left (`leaving`), aborting it then.
    fn end_flight(&self, key: &str, id: u64, leaving: bool) {
        let mut shared = self.shared.borrow_mut();
        let Some(flight) = shared.flights.get_mut(key).filter(|f| f.id == id) else {
            return;
        };
        if leaving {
            flight.callers = flight.callers.saturating_sub(1);
            if flight.callers > 0 {
                return;
            }
        }
        if let Some(flight) = shared.flights.remove(key) {
            drop(shared);
            if leaving {
                flight.controller.abort();
            }
        }
    }

    /// Sends one request, with retries, until it is answered, fails for
    /// good or `cancel` aborts.
    async fn send(
        &self,
        request: &HttpRequest,
        settings: &ProviderSettings,
        max_bytes: usize,
        cancel: &AbortSignal,
    ) -> Result<String, FetchError> {
        let provider = request.provider;
        let cancel = Some(cancel);
        let carries_key = !request.headers.is_empty();
        let mut retries = 0;
        loop {
            self.acquire(provider, cancel).await?;
            let result = attempt(request, settings.timeout_ms, max_bytes, cancel).await;
            self.with_scheduler(provider, |s| s.in_flight = s.in_flight.saturating_sub(1));
            self.shared.borrow_mut().health.record(
                provider,
                Attempt {
                    at_ms: js_sys::Date::now(),
                    failure: result.as_ref().err().map(|e| e.kind),
                    with_key: carries_key,
                },
            );
            let refused = carries_key && {
                let mut shared = self.shared.borrow_mut();
                let newly = !shared.key_withheld && shared.health.key_refused(provider);
                if newly {
                    shared.key_withheld = true;
                }
                newly
            };
            if refused {
                let notify = self.shared.borrow().on_key_withheld.clone();
                if let Some(notify) = notify {
                    notify();
                }
            }
            if carries_key {
                self.shared.borrow_mut().key_log.push(KeyUse {
                    at_ms: js_sys::Date::now(),
                    endpoint: request.cache_key.clone(),
                    outcome: match &result {
                        Ok(_) => "ok".into(),
                        Err(e) => format!("{:?}", e.kind),
                    },
                });
            }
            let error = match result {
                Ok(body) => return Ok(body),
                Err(e) => e,
            };
            // A 429 pauses the provider for every caller of this page: as
            // long as its Retry-After says, or a minute when it cannot be read.
            // Told to the shared bucket too, it holds in every tab.
            if let Some(pause) = settings.retry.pause_ms(&error)
                && error.kind == FetchErrorKind::RateLimited
            {
                let now = js_sys::Date::now();
                self.with_scheduler(provider, |s| s.limiter.pause_until(now, now + pause));
                if let Some((budget, name, per_minute, burst)) = self.shared_bucket(provider) {
                    budget.pause(&name, per_minute, burst, now + pause).await;
                }
            }
            match settings
                .retry
                .decide(error, retries, js_sys::Math::random())
            {
                Decision::RetryAfter { delay_ms, attempt } => {
                    sleep(provider, delay_ms, cancel).await?;
                    retries = attempt;
                }
                Decision::GiveUp(error) => return Err(error),
            }
        }
    }

    /// Fetches several endpoints concurrently (within the providers' limits),
    /// reporting `(done, total)` after each one finishes. One failure does
    /// not affect the others.
    pub async fn get_many(
        &self,
        endpoints: &[Endpoint],
        cancel: Option<&AbortSignal>,
        on_progress: impl Fn(usize, usize),
    ) -> Vec<Result<String, FetchError>> {
        let total = endpoints.len();
        let done = RefCell::new(0usize);
        on_progress(0, total);
        let tasks = endpoints.iter().map(|e| {
            let done = &done;
            let on_progress = &on_progress;
            async move {
                let result = self.get_text(e, cancel).await;
                let n = {
                    let mut d = done.borrow_mut();
                    *d += 1;
                    *d
                };
                on_progress(n, total);
                result
            }
        });
        futures::future::join_all(tasks).await
    }

    /// The browser-wide bucket of `provider`, if this transport uses one:
    /// the store, the bucket's name (provider and base URL, since another
    /// host has another budget) and the scheduler's rate.
    fn shared_bucket(&self, provider: Provider) -> Option<(SharedBudget, String, f64, u32)> {
        let budget = self.shared.borrow().budget.clone()?;
        self.with_scheduler(provider, |s| {
            let base = match &s.settings.base {
                BaseUrl::Official => "official",
                BaseUrl::Override(url) => url.as_str(),
            };
            let name = format!("{} {base}", provider.label());
            Some((budget, name, s.settings.per_minute, s.settings.burst))
        })
    }

    /// Waits for a concurrency slot and a rate-limit token: from the
    /// browser-wide bucket when it can be used, else from this tab's.
    async fn acquire(
        &self,
        provider: Provider,
        cancel: Option<&AbortSignal>,
    ) -> Result<(), FetchError> {
        loop {
            check_cancel(provider, cancel)?;
            // The slot is held while the shared bucket is asked.
            let slot = self.with_scheduler(provider, |s| {
                let free = s.in_flight < s.settings.max_in_flight.max(1);
                if free {
                    s.in_flight += 1;
                }
                free
            });
            if !slot {
                sleep(provider, 25.0, cancel).await?;
                continue;
            }
            let shared = match self.shared_bucket(provider) {
                Some((budget, name, per_minute, burst)) => {
                    budget.acquire(&name, per_minute, burst).await
                }
                None => None,
            };
            let wait = self.with_scheduler(provider, |s| {
                let now = js_sys::Date::now();
                let answer = match shared {
                    Some(answer) => {
                        // The tab's bucket follows, for a fall back later.
                        if answer.is_ok() {
                            let _ = s.limiter.try_acquire(now);
                        }
                        answer
                    }
                    None => s.limiter.try_acquire(now),
                };
                if answer.is_err() {
                    s.in_flight = s.in_flight.saturating_sub(1);
                }
                answer.err()
            });
            match wait {
                None => return Ok(()),
                Some(ms) => sleep(provider, ms.min(250.0), cancel).await?,
            }
        }
    }
}

/// What makes two requests the same: the URL and the headers sent.
fn flight_key(request: &HttpRequest) -> String {
    let mut key = request.url.clone();
    for (name, value) in &request.headers {
        key.push('\n');
        key.push_str(name);
        key.push(':');
        key.push_str(value);
    }
    key
}

/// One caller of a flight; leaves it when dropped.
struct Caller<'a> {
    transport: &'a Transport,
    key: String,
    id: u64,
}

impl Drop for Caller<'_> {
    fn drop(&mut self) {
        self.transport.end_flight(&self.key, self.id, true);
    }
}

/// Resolves when `signal` aborts (at once if it has), listening only while
/// awaited.
async fn until_aborted(signal: &AbortSignal) {
    if signal.aborted() {
        return;
    }
    let mut resolve = None;
    let promise = js_sys::Promise::new(&mut |ok, _| resolve = Some(ok));
    let Some(resolve) = resolve else {
        return std::future::pending().await;
    };
    struct Listening<'a>(&'a AbortSignal, js_sys::Function);
    impl Drop for Listening<'_> {
        fn drop(&mut self) {
            let _ = self.0.remove_event_listener_with_callback("abort", &self.1);
        }
    }
    let _ = signal.add_event_listener_with_callback("abort", &resolve);
    let _listening = Listening(signal, resolve);
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn cancelled(provider: Provider) -> FetchError {
    FetchError {
        kind: FetchErrorKind::Cancelled,
        provider: provider.label().into(),
        status: None,
        retry_after_ms: None,
        detail: "cancelled by the caller".into(),
    }
}

fn check_cancel(provider: Provider, cancel: Option<&AbortSignal>) -> Result<(), FetchError> {
    match cancel {
        Some(signal) if signal.aborted() => Err(cancelled(provider)),
        _ => Ok(()),
    }
}

/// Sleeps `ms`, waking every 100 ms to notice a cancellation.
async fn sleep(
    provider: Provider,
    ms: f64,
    cancel: Option<&AbortSignal>,
) -> Result<(), FetchError> {
    let mut left = ms.max(0.0);
    while left > 0.0 {
        let step = left.min(100.0);
        TimeoutFuture::new(step.ceil() as u32).await;
        left -= step;
        check_cancel(provider, cancel)?;
    }
    Ok(())
}

/// Aborts `controller` when `signal` aborts, until dropped. Several attempts
/// may listen to one caller's signal at once, so this adds and removes its
/// own listener instead of setting `onabort`.
struct AbortForward {
    signal: AbortSignal,
    listener: wasm_bindgen::closure::Closure<dyn FnMut()>,
}

impl AbortForward {
    fn new(signal: &AbortSignal, controller: AbortController) -> Self {
        let listener =
            wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || controller.abort());
        let _ = signal.add_event_listener_with_callback(
            "abort",
            wasm_bindgen::JsCast::unchecked_ref(listener.as_ref()),
        );
        Self {
            signal: signal.clone(),
            listener,
        }
    }
}

impl Drop for AbortForward {
    fn drop(&mut self) {
        let _ = self.signal.remove_event_listener_with_callback(
            "abort",
            wasm_bindgen::JsCast::unchecked_ref(self.listener.as_ref()),
        );
    }
}

/// One HTTP attempt with a timeout that covers the whole body, read up to
/// `max_bytes`.
async fn attempt(
    request: &HttpRequest,
    timeout_ms: u32,
    max_bytes: usize,
    cancel: Option<&AbortSignal>,
) -> Result<String, FetchError> {
    let provider = request.provider;
    let error = |kind, status: Option<u16>, retry_after_ms, detail: String| FetchError {
        kind,
        provider: provider.label().into(),
        status,
        retry_after_ms,
        detail,
    };
    check_cancel(provider, cancel)?;
    let controller = AbortController::new().map_err(|_| {
        error(
            FetchErrorKind::Blocked,
            None,
            None,
            "no AbortController".into(),
        )
    })?;
    let timed_out = Rc::new(std::cell::Cell::new(false));
    let _timer = {
        let controller = controller.clone();
        let timed_out = Rc::clone(&timed_out);
        gloo_timers::callback::Timeout::new(timeout_ms, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    // Forward the caller's cancellation to this attempt while it runs.
    let _forward = cancel.map(|signal| AbortForward::new(signal, controller.clone()));
    let failure_text = |detail: String| {
        if timed_out.get() {
            error(
                FetchErrorKind::Timeout,
                None,
                None,
                format!("no answer within {timeout_ms} ms"),
            )
        } else if cancel.is_some_and(AbortSignal::aborted) {
            cancelled(provider)
        } else {
            error(FetchErrorKind::Blocked, None, None, detail)
        }
    };
    let failure = |e: gloo_net::Error| failure_text(e.to_string());
    let mut builder = Request::get(&request.url).abort_signal(Some(&controller.signal()));
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let response = builder.send().await.map_err(failure)?;
    let status = response.status();
    if let Some(kind) = FetchError::kind_of_status(status) {
        let retry_after_ms = response
            .headers()
            .get("retry-after")
            .and_then(|v| parse_retry_after(&v, js_sys::Date::now()));
        return Err(error(
            kind,
            Some(status),
            retry_after_ms,
            format!("HTTP {status} from {}", request.cache_key),
        ));
    }
    let too_large = |read: String| {
        error(
            FetchErrorKind::TooLarge,
            Some(status),
            None,
            format!(
                "{read} from {}, over the cap of {max_bytes} bytes",
                request.cache_key
            ),
        )
    };
    // A declared length over the cap is refused before reading.
    if let Some(length) = response
        .headers()
        .get("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|n| *n > max_bytes as u64)
    {
        controller.abort();
        return Err(too_large(format!("{length} bytes declared")));
    }
    let Some(stream) = response.body() else {
        return Ok(String::new());
    };
    let reader: web_sys::ReadableStreamDefaultReader =
        wasm_bindgen::JsCast::unchecked_into(stream.get_reader());
    let read_failure = |e: wasm_bindgen::JsValue| failure_text(format!("reading the body: {e:?}"));
    let mut body: Vec<u8> = Vec::new();
    loop {
        let chunk = wasm_bindgen_futures::JsFuture::from(reader.read())
            .await
            .map_err(read_failure)?;
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .ok()
            .is_some_and(|d| d.is_truthy());
        if done {
            break;
        }
        let Ok(value) = js_sys::Reflect::get(&chunk, &"value".into()) else {
            continue;
        };
        let bytes = js_sys::Uint8Array::new(&value);
        if body.len() + bytes.length() as usize > max_bytes {
            // Stop reading: the rest is never downloaded.
            let _ = reader.cancel();
            controller.abort();
            return Err(too_large(format!("more than {max_bytes} bytes")));
        }
        let start = body.len();
        body.resize(start + bytes.length() as usize, 0);
        bytes.copy_to(&mut body[start..]);
    }
    // As `Response.text()` decodes: invalid UTF-8 becomes U+FFFD.
    Ok(match String::from_utf8(body) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    })
}

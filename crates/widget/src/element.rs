//! One `<tokenlens-screener>`: its configuration, its data, its timer and
//! its listeners. `js/widget.js` creates a [`Widget`] when the element is
//! connected, calls [`Widget::update`] (batched) when attributes change and
//! frees it when the element is disconnected; freeing aborts the load in
//! flight, stops the refresh timer and removes the listeners. While the
//! page is hidden (another tab, a minimised window) live widgets do not
//! refresh; they catch up when it is shown again.
//!
//! Nothing here throws into the host page: DOM errors are reported as a
//! `tokenlens-error` event and a console warning.
//!
//! A panic (a bug) is different: release builds abort, leaving the page's
//! one wasm instance stopped halfway. The panic hook set by [`on_crash`]
//! marks the instance as stopped, hands the panic to `widget.js` (which
//! shows every widget's error state and sends `tokenlens-error` with code
//! `INTERNAL`) and throws what `widget.js` returned; from then on every
//! way into this code (listeners, timers, loads in flight) returns at once.

use std::cell::{OnceCell, RefCell};
use std::rc::{Rc, Weak};
use std::sync::atomic::{AtomicBool, Ordering};

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{
    AbortController, AbortSignal, CustomEvent, CustomEventInit, Element, Event, HtmlElement,
    KeyboardEvent, ShadowRoot,
};

use crate::config::{ATTRIBUTES, AttributeError, Attributes, Config, Source, parse};
use crate::format::{Formats, locale_is_valid};
use crate::message::{Failure, fetch_failure, no_rows, snapshot_failure};
use crate::render;
use crate::shared::{self, LiveWidget, LoadGuard, Timer};
use crate::table::{Table, from_live, from_published, from_snapshot};

/// Console prefix of every warning.
const WARN_PREFIX: &str = "<tokenlens-screener>";

/// Set by the panic hook: the instance stopped in the middle of something.
static CRASHED: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// `widget.js`'s handler of a panic (see [`on_crash`]).
    static CRASH_HANDLER: OnceCell<Function> = const { OnceCell::new() };
}

/// Whether a panic stopped this instance: nothing may run in it any more.
fn crashed() -> bool {
    CRASHED.load(Ordering::Relaxed)
}

/// Sets the panic hook: on a panic, `handler(description)` is called, then
/// what it returned is thrown (`widget.js` catches it, or keeps it from the
/// page's error reporting).
#[wasm_bindgen(js_name = onCrash)]
pub fn on_crash(handler: Function) {
    let _ = CRASH_HANDLER.with(|h| h.set(handler));
    std::panic::set_hook(Box::new(|info| {
        CRASHED.store(true, Ordering::Relaxed);
        let description = JsValue::from_str(&info.to_string());
        let thrown = CRASH_HANDLER
            .with(|h| h.get().map(|f| f.call1(&JsValue::NULL, &description)))
            .and_then(Result::ok)
            .unwrap_or(description);
        wasm_bindgen::throw_val(thrown);
    }));
}

/// The Rust side of one element (see the module docs).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Widget {
    inner: Rc<Inner>,
}

/// An event type and the closure listening for it on the shadow root.
type Listener = (&'static str, Closure<dyn FnMut(Event)>);

struct Inner {
    host: HtmlElement,
    root: ShadowRoot,
    state: RefCell<State>,
    listeners: RefCell<Vec<Listener>>,
    /// Listens for `visibilitychange` on the document.
    visibility: RefCell<Option<Listener>>,
    _live: LiveWidget,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Widget")
    }
}

#[derive(Default)]
struct State {
    config: Option<Config>,
    /// `Debug` form of the data key of the data loaded or loading.
    loaded_key: Option<String>,
    table: Option<Rc<Table>>,
    /// The last load's failure, shown over older data when there is some.
    failed: Option<Failure>,
    controller: Option<AbortController>,
    timer: Option<(u32, Timer)>,
    /// Increased by each load, so an older answer never overwrites a newer one.
    generation: u64,
    /// When the last load succeeded (Unix ms).
    loaded_at_ms: f64,
}

#[wasm_bindgen]
impl Widget {
    /// Binds to `host` and its shadow `root`: adopts the shared stylesheet
    /// and listens for row choices. Call [`Widget::update`] next.
    #[wasm_bindgen(constructor)]
    pub fn new(host: HtmlElement, root: ShadowRoot) -> Widget {
        let inner = Rc::new(Inner {
            host,
            root,
            state: RefCell::new(State::default()),
            listeners: RefCell::new(Vec::new()),
            visibility: RefCell::new(None),
            _live: LiveWidget::start(),
        });
        match shared::stylesheet() {
            Ok(sheet) => {
                let _ = Reflect::set(
                    &inner.root,
                    &JsValue::from_str("adoptedStyleSheets"),
                    &Array::of1(&sheet),
                );
            }
            Err(e) => warn(&format!("styles unavailable: {e:?}")),
        }
        for kind in ["click", "keydown"] {
            let weak = Rc::downgrade(&inner);
            let listener = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
                if let Some(inner) = weak.upgrade().filter(|_| !crashed()) {
                    inner.on_input(&event);
                }
            });
            let _ = inner
                .root
                .add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
            inner.listeners.borrow_mut().push((kind, listener));
        }
        if let Some(document) = inner.root.owner_document() {
            let weak = Rc::downgrade(&inner);
            let listener = Closure::<dyn FnMut(Event)>::new(move |_: Event| {
                if let Some(inner) = weak.upgrade().filter(|_| !crashed()) {
                    inner.on_visibility();
                }
            });
            let _ = document.add_event_listener_with_callback(
                "visibilitychange",
                listener.as_ref().unchecked_ref(),
            );
            *inner.visibility.borrow_mut() = Some(("visibilitychange", listener));
        }
        Widget { inner }
    }

    /// Reads the attributes again: a new load when they change which data
    /// is shown, a new rendering otherwise.
    pub fn update(&self) {
        if !crashed() {
            self.inner.update();
        }
    }

    /// Loads the data again now (live mode: bypassing nothing but the wait).
    pub fn reload(&self) {
        if !crashed() && self.inner.state.borrow().config.is_some() {
            load(&self.inner);
        }
    }
}

/// Sets the addresses of the bundled snapshot and history (`widget.js`
/// passes its `data/snapshot.json` and `data/history.json`) and, for the
/// copy a site serves with its published data, how often it publishes it
/// again in minutes (0 otherwise).
#[wasm_bindgen(js_name = setDataUrls)]
pub fn set_data_urls(snapshot: &str, history: &str, published_minutes: u32) {
    shared::set_data_urls(snapshot, history, published_minutes);
}

/// Live widgets, running timers, loads in flight and the wasm memory size.
#[wasm_bindgen(js_name = debugStats)]
pub fn debug_stats() -> JsValue {
    shared::stats()
}

impl Drop for Inner {
    fn drop(&mut self) {
        if let Some(controller) = self.state.get_mut().controller.take() {
            controller.abort();
        }
        for (kind, listener) in self.listeners.get_mut().drain(..) {
            let _ = self
                .root
                .remove_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
        }
        if let (Some((kind, listener)), Some(document)) =
            (self.visibility.get_mut().take(), self.root.owner_document())
        {
            let _ = document
                .remove_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
        }
    }
}

impl Inner {
    fn attributes(&self) -> Attributes {
        let mut attrs = Attributes::default();
        for name in ATTRIBUTES {
            attrs.set(name, self.host.get_attribute(name));
        }
        attrs
    }

    fn update(self: &Rc<Self>) {
        #[cfg(feature = "crash-test")]
        test_panic(&self.host, "update");
        let config = parse(&self.attributes()).and_then(|config| match &config.locale {
            Some(tag) if !locale_is_valid(tag) => Err(vec![AttributeError {
                attribute: "locale",
                value: tag.clone(),
                reason: "this browser does not know that language tag".into(),
            }]),
            _ => Ok(config),
        });
        match config {
            Err(errors) => self.refuse(&errors),
            Ok(config) => {
                let key = format!("{:?}", config.data_key());
                let reload = {
                    let mut state = self.state.borrow_mut();
                    let reload = state.loaded_key.as_deref() != Some(key.as_str());
                    if reload {
                        state.table = None;
                        state.failed = None;
                    }
                    state.config = Some(config);
                    reload
                };
                self.sync_timer();
                if reload {
                    load(self);
                } else {
                    self.render();
                }
            }
        }
    }

    fn page_visible(&self) -> bool {
        self.root
            .owner_document()
            .is_none_or(|d| d.visibility_state() != web_sys::VisibilityState::Hidden)
    }

    /// Runs the refresh timer when the configuration asks for one and the
    /// page is visible; stops it otherwise.
    fn sync_timer(self: &Rc<Self>) {
        let visible = self.page_visible();
        let mut state = self.state.borrow_mut();
        let wanted = state
            .config
            .as_ref()
            .and_then(|c| c.refresh)
            .filter(|_| visible);
        if state.timer.as_ref().map(|t| t.0) != wanted {
            state.timer = wanted.map(|seconds| {
                let weak = Rc::downgrade(self);
                (seconds, Timer::every(seconds, move || tick(&weak)))
            });
        }
    }

    /// The page was hidden or shown: pause the timer, or resume it and
    /// reload at once if a refresh was missed meanwhile.
    fn on_visibility(self: &Rc<Self>) {
        self.sync_timer();
        let overdue = {
            let state = self.state.borrow();
            match (&state.config, state.controller.is_some()) {
                (Some(config), false) => config.refresh.is_some_and(|s| {
                    js_sys::Date::now() - state.loaded_at_ms >= f64::from(s) * 1000.0
                }),
                _ => false,
            }
        };
        if overdue && self.page_visible() {
            load(self);
        }
    }

    /// Invalid attributes: stop, say what is wrong, warn the site owner.
    fn refuse(&self, errors: &[AttributeError]) {
        {
            let mut state = self.state.borrow_mut();
            if let Some(c) = state.controller.take() {
                c.abort();
            }
            state.timer = None;
            state.config = None;
            state.loaded_key = None;
            state.table = None;
        }
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        for line in &lines {
            warn(&format!("invalid attribute {line}"));
        }
        self.show_message(true, "This widget is not set up correctly:", &lines);
        self.emit_error(&Failure {
            code: "INVALID_ATTRIBUTE",
            message: lines.join("; "),
        });
    }

    fn show_message(&self, error: bool, title: &str, lines: &[String]) {
        let theme = self
            .state
            .borrow()
            .config
            .as_ref()
            .map(|c| c.theme)
            .unwrap_or(crate::config::Theme::Auto);
        if let Err(e) = render::message(&self.root, theme, error, title, lines) {
            warn(&format!("could not render: {e:?}"));
        }
    }

    fn render(&self) {
        let state = self.state.borrow();
        let Some(config) = state.config.as_ref() else {
            return;
        };
        match (&state.table, &state.failed) {
            (Some(table), failed) => {
                let mut notes: Vec<String> = Vec::new();
                if let Some(f) = failed {
                    notes.push(format!("{} Showing the last figures loaded.", f.message));
                }
                if let Some(note) = crate::table::missing_market_note(table, &config.columns) {
                    notes.push(note);
                }
                if !table.problems.is_empty() {
                    let list: Vec<String> = table
                        .problems
                        .iter()
                        .map(|p| format!("{} ({})", p.id, p.message))
                        .collect();
                    notes.push(format!("Left out or ungraded: {}.", list.join(", ")));
                }
                let notice = (!notes.is_empty()).then(|| notes.join(" "));
                let formats = Formats::new(config.locale.as_deref(), &config.currency);
                if let Err(e) =
                    render::table(&self.root, config, table, &formats, notice.as_deref())
                {
                    warn(&format!("could not render: {e:?}"));
                }
            }
            (None, Some(failure)) => {
                let (theme, message) = (config.theme, failure.message.clone());
                drop(state);
                let _ = render::message(&self.root, theme, true, &message, &[]);
            }
            (None, None) => {
                let theme = config.theme;
                drop(state);
                let _ = render::message(&self.root, theme, false, "Loading prices…", &[]);
            }
        }
    }

    /// A load finished (and is still the latest).
    fn finish(&self, result: Result<Table, Failure>) {
        #[cfg(feature = "crash-test")]
        test_panic(&self.host, "load");
        let (source, sort, limit) = {
            let state = self.state.borrow();
            let config = state.config.as_ref();
            (
                config.map(|c| c.source),
                config.and_then(|c| c.sort),
                config.map_or(usize::MAX, |c| c.limit),
            )
        };
        let result = result.and_then(|t| {
            if t.rows.is_empty() {
                Err(no_rows())
            } else {
                Ok(t)
            }
        });
        match result {
            Ok(table) => {
                let table = Rc::new(table);
                {
                    let mut state = self.state.borrow_mut();
                    state.table = Some(Rc::clone(&table));
                    state.failed = None;
                    state.loaded_at_ms = js_sys::Date::now();
                    state.controller = None;
                }
                self.render();
                let detail = Object::new();
                // The rows shown: after `limit` (a `coins` list can be longer).
                let shown = table.arranged(sort, limit).len();
                set(&detail, "rows", &JsValue::from_f64(shown as f64));
                let source = match source {
                    Some(Source::Snapshot) => "snapshot",
                    _ => "live",
                };
                set(&detail, "source", &JsValue::from_str(source));
                set(&detail, "asOf", &JsValue::from_str(&table.provenance.as_of));
                self.emit("tokenlens-ready", &detail);
            }
            Err(failure) => {
                warn(&failure.message);
                {
                    let mut state = self.state.borrow_mut();
                    state.failed = Some(failure.clone());
                    state.controller = None;
                }
                self.render();
                self.emit_error(&failure);
            }
        }
    }

    fn emit_error(&self, failure: &Failure) {
        let detail = Object::new();
        set(&detail, "code", &JsValue::from_str(failure.code));
        set(&detail, "message", &JsValue::from_str(&failure.message));
        self.emit("tokenlens-error", &detail);
    }

    fn emit(&self, name: &str, detail: &Object) {
        let init = CustomEventInit::new();
        init.set_bubbles(true);
        init.set_composed(true);
        init.set_detail(detail);
        match CustomEvent::new_with_event_init_dict(name, &init) {
            // A throwing listener of the host page is reported by the
            // browser; it never unwinds through this code.
            Ok(event) => {
                let _ = self.host.dispatch_event(&event);
            }
            Err(e) => warn(&format!("could not send {name}: {e:?}")),
        }
    }

    /// A click, or Enter / Space on a focused row: `tokenlens-select`.
    fn on_input(&self, event: &Event) {
        if let Some(key) = event.dyn_ref::<KeyboardEvent>()
            && key.key() != "Enter"
            && key.key() != " "
        {
            return;
        }
        let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let Ok(Some(row)) = target.closest("tr[data-id]") else {
            return;
        };
        if event.type_() == "keydown" {
            event.prevent_default();
        }
        let detail = Object::new();
        for (attribute, key) in [("data-id", "id"), ("data-symbol", "symbol")] {
            let value = row.get_attribute(attribute).unwrap_or_default();
            set(&detail, key, &JsValue::from_str(&value));
        }
        self.emit("tokenlens-select", &detail);
    }
}

fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}

fn warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("{WARN_PREFIX} {message}")));
}

/// The deliberate panic of the test build (feature `crash-test`): where the
/// host's `data-test-panic` attribute says, `update` or `load`.
#[cfg(feature = "crash-test")]
fn test_panic(host: &HtmlElement, at: &str) {
    if host.get_attribute("data-test-panic").as_deref() == Some(at) {
        panic!("deliberate panic in {at} (test build)");
    }
}

fn tick(weak: &Weak<Inner>) {
    if let Some(inner) = weak.upgrade().filter(|_| !crashed()) {
        load(&inner);
    }
}

/// Starts a load, cancelling the one in flight. The future holds only a weak
/// reference: a widget removed meanwhile is dropped, its load aborted.
fn load(inner: &Rc<Inner>) {
    let (config, generation, signal) = {
        let mut state = inner.state.borrow_mut();
        let Some(config) = state.config.clone() else {
            return;
        };
        if let Some(c) = state.controller.take() {
            c.abort();
        }
        let Ok(controller) = AbortController::new() else {
            return;
        };
        let signal = controller.signal();
        state.controller = Some(controller);
        state.generation += 1;
        state.loaded_key = Some(format!("{:?}", config.data_key()));
        (config, state.generation, signal)
    };
    if inner.state.borrow().table.is_none() {
        inner.render();
    }
    let weak = Rc::downgrade(inner);
    wasm_bindgen_futures::spawn_local(async move {
        let _guard = LoadGuard::start();
        let result = fetch_table(&config, &signal).await;
        if signal.aborted() || crashed() {
            return;
        }
        let Some(inner) = weak.upgrade() else {
            return;
        };
        if inner.state.borrow().generation != generation {
            return;
        }
        inner.finish(result);
    });
}

/// The table of a live widget from its site's published market list, while
/// that list is fresh and holds what the request would ask for (prices in
/// US dollars); `None` sends the request.
async fn published_table(config: &Config) -> Option<Table> {
    if config.currency != "usd" {
        return None;
    }
    let snapshot = shared::bundled_snapshot().await.ok()?;
    let fetched_ms = shared::published(&snapshot)?.fresh_markets_at(js_sys::Date::now())?;
    // The sparklines end at the hour the list was fetched.
    let fetched = (fetched_ms / 1000.0) as i64;
    from_published(
        &snapshot,
        &config.selection,
        config.limit,
        fetched - fetched.rem_euclid(3600),
    )
}

async fn fetch_table(config: &Config, signal: &AbortSignal) -> Result<Table, Failure> {
    match config.source {
        Source::Snapshot => {
            let bundled = shared::bundled().await.map_err(|detail| {
                warn(&detail);
                snapshot_failure()
            })?;
            Ok(from_snapshot(
                &bundled.snapshot,
                &bundled.history,
                &config.selection,
                config.limit,
            ))
        }
        Source::Live => {
            if let Some(table) = published_table(config).await {
                return Ok(table);
            }
            let endpoint =
                crate::request::markets_endpoint(&config.selection, &config.currency, config.limit);
            let loaded = shared::live_markets(&endpoint, signal)
                .await
                .map_err(|e| fetch_failure(&e, config.refresh))?;
            let (markets, updated) = loaded.value;
            let now_hour = (js_sys::Date::now() / 1000.0) as i64;
            let now_hour = now_hour - now_hour.rem_euclid(3600);
            let as_of =
                updated.unwrap_or_else(|| tokenlens_core::analysis::series::utc_date(now_hour));
            let mut table = from_live(&markets, &config.selection, &as_of, now_hour);
            if let Some(error) = loaded.refresh_error {
                let failure = fetch_failure(&error, config.refresh);
                table.problems.insert(
                    0,
                    crate::table::Problem {
                        id: "prices".into(),
                        message: format!("cached: {}", failure.message),
                    },
                );
            }
            Ok(table)
        }
    }
}

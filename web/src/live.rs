//! Live data on a page, in sections that load, fail and retry on their own
//! (the market list, the /global totals, the screener's live list): the
//! page's feed, opened once, and each section's last good value, last
//! failure and whether it is loading.

use leptos::prelude::*;
use tokenlens_feeds::client::feed::Feed;
use tokenlens_feeds::client::http::Transport;

/// IndexedDB database of cached provider responses (the site's; the
/// widget keeps its own, `tokenlens-widget-cache`).
pub const CACHE_DB: &str = "tokenlens-cache";
/// The widget's response cache on this origin (the `/embed` route).
pub const WIDGET_CACHE_DB: &str = "tokenlens-widget-cache";

/// The page's feed (transport and cache), opened once when first needed.
#[derive(Debug, Clone, Copy)]
pub struct PageFeed {
    transport: StoredValue<Transport, LocalStorage>,
    feed: StoredValue<Option<Feed>, LocalStorage>,
}

impl PageFeed {
    pub fn new(transport: Transport) -> Self {
        Self {
            transport: StoredValue::new_local(transport),
            feed: StoredValue::new_local(None),
        }
    }

    /// The feed, opening its cache on first use.
    pub async fn get(self) -> Feed {
        if let Some(feed) = self.feed.try_get_value().flatten() {
            return feed;
        }
        let transport = self.transport.try_get_value().unwrap_or_default();
        let feed = Feed::open(transport, CACHE_DB).await;
        self.feed.try_set_value(Some(feed.clone()));
        feed
    }
}

/// One section's live data: the last good value, the last attempt's
/// failure (cleared by a success) and whether a load is running.
#[derive(Debug)]
pub struct Section<T: 'static> {
    pub data: RwSignal<Option<T>, LocalStorage>,
    pub error: RwSignal<Option<String>>,
    pub busy: RwSignal<bool>,
}

impl<T: 'static> Clone for Section<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Section<T> {}

impl<T: 'static> Section<T> {
    pub fn new() -> Self {
        Self {
            data: RwSignal::new_local(None),
            error: RwSignal::new(None),
            busy: RwSignal::new(false),
        }
    }

    /// Records the outcome of a load (nothing once the page is gone).
    pub fn finish(&self, result: Result<T, String>) {
        match result {
            Ok(value) => {
                self.data.try_set(Some(value));
                self.error.try_set(None);
            }
            Err(e) => {
                self.error.try_set(Some(e));
            }
        }
        self.busy.try_set(false);
    }
}

impl<T: 'static> Default for Section<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// Calls `ask` once, in a task of its own, after `drawn` first says that the
/// page's bundled data is on screen (or failed): the page's live load then
/// never holds back that first drawing.
pub fn ask_once_drawn(drawn: impl Fn() -> bool + 'static, ask: impl Fn() + Copy + 'static) {
    Effect::new(move |asked: Option<bool>| {
        if asked == Some(true) || !drawn() {
            return asked == Some(true);
        }
        leptos::task::spawn_local(async move {
            crate::grading::next_task().await;
            ask();
        });
        true
    });
}

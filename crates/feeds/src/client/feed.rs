//! Loading with stale-while-revalidate: the transport and the cache
//! together. Compiled for wasm32 only.
//!
//! * A fresh cached answer is used without a request.
//! * Otherwise the network is asked; a good answer (one that parses) is
//!   stored and used. A body that does not parse is a `Malformed` failure
//!   and is never stored.
//! * When the network fails, a stale cached answer (younger than
//!   [`super::freshness::MAX_STALE_MS`]) is used, with its age and the
//!   failure, so the page can say "showing data from 3 h ago: CoinGecko is
//!   limiting requests".

use std::rc::Rc;

use web_sys::AbortSignal;

use super::cache::Cache;
use super::endpoints::{BaseUrl, Endpoint};
use super::failure::{FetchError, FetchErrorKind};
use super::freshness::{CachedBody, Freshness};
use super::http::Transport;
use crate::FeedError;

/// What a load produced: the value, how old it is, and, when it is old
/// because the network failed, why.
#[derive(Debug, Clone)]
pub struct Loaded<T> {
    pub value: T,
    /// Unix time in ms when the provider answered.
    pub fetched_at_ms: f64,
    pub provider: String,
    /// Set when this is cached data shown because a refresh failed.
    pub refresh_error: Option<FetchError>,
}

impl<T> Loaded<T> {
    /// Whether the value is older than its endpoint's freshness window.
    pub fn is_stale(&self) -> bool {
        self.refresh_error.is_some()
    }
}

/// Transport plus cache, shared by the whole page.
#[derive(Debug, Clone)]
pub struct Feed {
    transport: Transport,
    cache: Option<Rc<Cache>>,
}

impl Feed {
    /// A feed over `transport`, caching in the IndexedDB database
    /// `cache_name` when it can be opened (and not caching otherwise).
    pub async fn open(transport: Transport, cache_name: &str) -> Self {
        let cache = Cache::open(cache_name).await.ok().map(Rc::new);
        Self { transport, cache }
    }

    pub fn transport(&self) -> &Transport {
        &self.transport
    }

    /// Whether responses are kept across reloads.
    pub fn is_caching(&self) -> bool {
        self.cache.is_some()
    }

    /// The cache key of `endpoint`: the same for every host and key.
    pub fn key(endpoint: &Endpoint) -> String {
        endpoint.request(&BaseUrl::Official, None).cache_key
    }

    /// The cached answer for `endpoint`, if one is young enough to show.
    pub async fn cached(&self, endpoint: &Endpoint) -> Option<CachedBody> {
        let entry = self.cache.as_ref()?.get(&Self::key(endpoint)).await?;
        (entry.freshness(js_sys::Date::now()) != Freshness::Expired).then_some(entry)
    }

    /// Loads and parses `endpoint` as described in the module docs.
    pub async fn load<T>(
        &self,
        endpoint: &Endpoint,
        cancel: Option<&AbortSignal>,
        parse: impl Fn(&str) -> Result<T, FeedError>,
    ) -> Result<Loaded<T>, FetchError> {
        let cached = self.cached(endpoint).await;
        let now = js_sys::Date::now();
        if let Some(entry) = &cached
            && entry.freshness(now) == Freshness::Fresh
            && let Ok(value) = parse(&entry.body)
        {
            return Ok(Loaded {
                value,
                fetched_at_ms: entry.fetched_at_ms,
                provider: entry.provider.clone(),
                refresh_error: None,
            });
        }
        let provider = endpoint.provider.label().to_owned();
        let fetched = self
            .transport
            .get_text(endpoint, cancel)
            .await
            .and_then(|body| {
                parse(&body)
                    .map(|value| (body, value))
                    .map_err(|e| FetchError {
                        kind: FetchErrorKind::Malformed,
                        provider: provider.clone(),
                        status: Some(200),
                        retry_after_ms: None,
                        detail: e.to_string(),
                    })
            });
        match fetched {
            Ok((body, value)) => {
                let entry = CachedBody {
                    body,
                    fetched_at_ms: js_sys::Date::now(),
                    ttl_seconds: endpoint.ttl_seconds,
                    provider: provider.clone(),
                };
                if let Some(cache) = &self.cache {
                    // Best effort: a full quota must not fail the load.
                    let _ = cache.put(&Self::key(endpoint), &entry).await;
                }
                Ok(Loaded {
                    value,
                    fetched_at_ms: entry.fetched_at_ms,
                    provider,
                    refresh_error: None,
                })
            }
            Err(error) if error.kind == FetchErrorKind::Cancelled => Err(error),
            Err(error) => {
                let stale = cached.and_then(|entry| {
                    parse(&entry.body).ok().map(|value| Loaded {
                        value,
                        fetched_at_ms: entry.fetched_at_ms,
                        provider: entry.provider.clone(),
                        refresh_error: Some(error.clone()),
                    })
                });
                stale.ok_or(error)
            }
        }
    }
}

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
//! * A chain of sources ([`Feed::load_first`]) tries providers in order
//!   (CoinGecko, then CoinPaprika for the market list; Binance, then
//!   Coinbase for candles) before it falls back to saved data.

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
    /// Sources tried before this one, in order, and why each failed (empty
    /// when the first source answered).
    pub fallbacks: Vec<FetchError>,
}

impl<T> Loaded<T> {
    /// Whether the value is older than its endpoint's freshness window.
    pub fn is_stale(&self) -> bool {
        self.refresh_error.is_some()
    }
}

/// One way to get a value: an endpoint, and how to read its body into the
/// common type every source of a chain produces.
pub struct Source<'a, T> {
    pub endpoint: Endpoint,
    pub parse: &'a dyn Fn(&str) -> Result<T, FeedError>,
}

impl<T> std::fmt::Debug for Source<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("endpoint", &self.endpoint)
            .finish_non_exhaustive()
    }
}

impl<'a, T> Source<'a, T> {
    pub fn new(endpoint: Endpoint, parse: &'a dyn Fn(&str) -> Result<T, FeedError>) -> Self {
        Self { endpoint, parse }
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

    /// Loads and parses one endpoint as described in the module docs.
    pub async fn load<T>(
        &self,
        endpoint: &Endpoint,
        cancel: Option<&AbortSignal>,
        parse: impl Fn(&str) -> Result<T, FeedError>,
    ) -> Result<Loaded<T>, FetchError> {
        let source = Source::new(endpoint.clone(), &parse);
        self.chain(std::slice::from_ref(&source), cancel, true)
            .await
            .map_err(|mut errors| errors.remove(0))
    }

    /// As [`Feed::load`], but asks the network even when the cached answer
    /// is still fresh (a refresh the visitor scheduled or asked for); saved
    /// data remains the fallback when the network fails.
    pub async fn refresh<T>(
        &self,
        endpoint: &Endpoint,
        cancel: Option<&AbortSignal>,
        parse: impl Fn(&str) -> Result<T, FeedError>,
    ) -> Result<Loaded<T>, FetchError> {
        let source = Source::new(endpoint.clone(), &parse);
        self.chain(std::slice::from_ref(&source), cancel, false)
            .await
            .map_err(|mut errors| errors.remove(0))
    }

    /// As [`Feed::load_first`], but without step 1: the network is asked
    /// even when a cached answer is still fresh.
    pub async fn refresh_first<T>(
        &self,
        sources: &[Source<'_, T>],
        cancel: Option<&AbortSignal>,
    ) -> Result<Loaded<T>, Vec<FetchError>> {
        self.chain(sources, cancel, false).await
    }

    /// Loads from the first source of a fallback chain that answers
    /// (primary provider first):
    ///
    /// 1. a fresh cached answer of any source, in order, without a request;
    /// 2. otherwise each source's network in turn: the first good answer is
    ///    stored and returned, with the failures of the sources before it
    ///    in [`Loaded::fallbacks`];
    /// 3. when every source failed, the youngest stale cached answer among
    ///    them, marked with the first source's failure.
    ///
    /// The error lists every source's failure, in order (never empty for a
    /// non-empty chain); a cancellation stops the chain at once.
    pub async fn load_first<T>(
        &self,
        sources: &[Source<'_, T>],
        cancel: Option<&AbortSignal>,
    ) -> Result<Loaded<T>, Vec<FetchError>> {
        self.chain(sources, cancel, true).await
    }

    /// The chain of [`Feed::load_first`]; `use_fresh: false` skips its
    /// step 1 (a refresh).
    async fn chain<T>(
        &self,
        sources: &[Source<'_, T>],
        cancel: Option<&AbortSignal>,
        use_fresh: bool,
    ) -> Result<Loaded<T>, Vec<FetchError>> {
        let now = js_sys::Date::now();
        let mut cached = Vec::with_capacity(sources.len());
        for source in sources {
            let entry = self.cached(&source.endpoint).await;
            if use_fresh
                && let Some(entry) = &entry
                && entry.freshness(now) == Freshness::Fresh
                && let Ok(value) = (source.parse)(&entry.body)
            {
                return Ok(Loaded {
                    value,
                    fetched_at_ms: entry.fetched_at_ms,
                    provider: entry.provider.clone(),
                    refresh_error: None,
                    fallbacks: Vec::new(),
                });
            }
            cached.push(entry);
        }
        let mut errors: Vec<FetchError> = Vec::new();
        for source in sources {
            match self.fetch(source, cancel).await {
                Ok(mut loaded) => {
                    loaded.fallbacks = errors;
                    return Ok(loaded);
                }
                Err(error) if error.kind == FetchErrorKind::Cancelled => return Err(vec![error]),
                Err(error) => errors.push(error),
            }
        }
        let stale = sources
            .iter()
            .zip(&cached)
            .filter_map(|(source, entry)| {
                let entry = entry.as_ref()?;
                let value = (source.parse)(&entry.body).ok()?;
                Some((entry, value))
            })
            .max_by(|a, b| a.0.fetched_at_ms.total_cmp(&b.0.fetched_at_ms));
        match (stale, errors.first()) {
            (Some((entry, value)), Some(first)) => Ok(Loaded {
                value,
                fetched_at_ms: entry.fetched_at_ms,
                provider: entry.provider.clone(),
                refresh_error: Some(first.clone()),
                fallbacks: errors[1..].to_vec(),
            }),
            _ => Err(errors),
        }
    }

    /// One source over the network: a good answer is stored and returned;
    /// a body that does not parse is a `Malformed` failure, recorded for
    /// the failure patterns and never stored.
    async fn fetch<T>(
        &self,
        source: &Source<'_, T>,
        cancel: Option<&AbortSignal>,
    ) -> Result<Loaded<T>, FetchError> {
        let endpoint = &source.endpoint;
        let provider = endpoint.provider.label().to_owned();
        let body = self.transport.get_text(endpoint, cancel).await?;
        let value = (source.parse)(&body).map_err(|e| {
            self.transport.record_malformed(endpoint.provider);
            FetchError {
                kind: FetchErrorKind::Malformed,
                provider: provider.clone(),
                status: Some(200),
                retry_after_ms: None,
                detail: e.to_string(),
            }
        })?;
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
            fallbacks: Vec::new(),
        })
    }
}

//! The IndexedDB cache and stale-while-revalidate loading in headless
//! Chromium, against the replay server (see browser_transport.rs).
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod browser;

use browser::{faults, log, quick_retries, reset, transport};
use tokenlens_feeds::client::cache::Cache;
use tokenlens_feeds::client::feed::Feed;
use tokenlens_feeds::client::{CachedBody, Endpoint, FetchErrorKind};
use tokenlens_feeds::coingecko::global::parse_global;
use tokenlens_feeds::coingecko::parse_markets;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A database name of its own for each test.
fn db_name(test: &str) -> String {
    format!(
        "tokenlens-test-{test}-{}",
        (js_sys::Math::random() * 1e9) as u64
    )
}

fn entry(body: &str, age_ms: f64, ttl_seconds: u32) -> CachedBody {
    CachedBody {
        body: body.into(),
        fetched_at_ms: js_sys::Date::now() - age_ms,
        ttl_seconds,
        provider: "CoinGecko".into(),
    }
}

#[wasm_bindgen_test]
async fn entries_survive_reopening_the_database() {
    let name = db_name("reopen");
    let first = Cache::open(&name).await.unwrap();
    let stored = entry("[1,2,3]", 0.0, 60);
    first.put("k", &stored).await.unwrap();
    drop(first);
    let again = Cache::open(&name).await.unwrap();
    assert_eq!(again.get("k").await, Some(stored));
    assert_eq!(again.get("missing").await, None);
    again.clear().await.unwrap();
    assert_eq!(again.get("k").await, None);
}

#[wasm_bindgen_test]
async fn a_fresh_cached_answer_needs_no_request() {
    reset().await;
    let name = db_name("fresh");
    let endpoint = Endpoint::coingecko_markets(1, 100, None);
    let feed = Feed::open(transport(quick_retries(0), 5_000, 2), &name).await;
    assert!(feed.is_caching());
    let first = feed.load(&endpoint, None, parse_markets).await.unwrap();
    assert_eq!(first.value.0.len(), 100);
    assert_eq!(log().await.len(), 1);
    let second = feed.load(&endpoint, None, parse_markets).await.unwrap();
    assert_eq!(second.value.0.len(), 100);
    assert_eq!(second.fetched_at_ms, first.fetched_at_ms);
    assert_eq!(log().await.len(), 1, "a fresh entry was fetched again");
}

#[wasm_bindgen_test]
async fn a_stale_answer_is_refreshed_when_the_provider_answers() {
    reset().await;
    let name = db_name("refresh");
    let endpoint = Endpoint::coingecko_global();
    let cache = Cache::open(&name).await.unwrap();
    let recorded = include_str!("fixtures/coingecko_global_documented_shape.json");
    cache
        .put(&Feed::key(&endpoint), &entry(recorded, 3_600_000.0, 300))
        .await
        .unwrap();
    let feed = Feed::open(transport(quick_retries(0), 5_000, 2), &name).await;
    let loaded = feed.load(&endpoint, None, parse_global).await.unwrap();
    assert!(!loaded.is_stale());
    assert!(js_sys::Date::now() - loaded.fetched_at_ms < 60_000.0);
    assert_eq!(log().await.len(), 1);
}

#[wasm_bindgen_test]
async fn when_every_retry_fails_the_last_good_data_is_kept_with_its_age_and_reason() {
    reset().await;
    faults("/cg/global", &["503", "503"]).await;
    let name = db_name("stale");
    let endpoint = Endpoint::coingecko_global();
    let cache = Cache::open(&name).await.unwrap();
    let recorded = include_str!("fixtures/coingecko_global_documented_shape.json");
    let three_hours = 3.0 * 3_600_000.0;
    cache
        .put(&Feed::key(&endpoint), &entry(recorded, three_hours, 300))
        .await
        .unwrap();
    let feed = Feed::open(transport(quick_retries(1), 5_000, 2), &name).await;
    let loaded = feed.load(&endpoint, None, parse_global).await.unwrap();
    assert!(loaded.is_stale());
    let age = js_sys::Date::now() - loaded.fetched_at_ms;
    assert!(
        (three_hours..three_hours + 60_000.0).contains(&age),
        "{age}"
    );
    assert_eq!(loaded.refresh_error.unwrap().kind, FetchErrorKind::Outage);
    assert_eq!(log().await.len(), 2);
}

#[wasm_bindgen_test]
async fn with_nothing_cached_a_failure_is_an_error() {
    reset().await;
    faults("/cg/global", &["503"]).await;
    let feed = Feed::open(transport(quick_retries(0), 5_000, 2), &db_name("empty")).await;
    let err = feed
        .load(&Endpoint::coingecko_global(), None, parse_global)
        .await
        .unwrap_err();
    assert_eq!(err.kind, FetchErrorKind::Outage);
}

#[wasm_bindgen_test]
async fn a_body_that_does_not_parse_is_malformed_and_never_cached() {
    reset().await;
    faults("/cg/coins/markets", &["truncate"]).await;
    let name = db_name("malformed");
    let endpoint = Endpoint::coingecko_markets(1, 100, None);
    let feed = Feed::open(transport(quick_retries(0), 5_000, 2), &name).await;
    let err = feed.load(&endpoint, None, parse_markets).await.unwrap_err();
    assert_eq!(err.kind, FetchErrorKind::Malformed);
    assert!(feed.cached(&endpoint).await.is_none());
    // The next answer is good and is what gets stored.
    feed.load(&endpoint, None, parse_markets).await.unwrap();
    assert!(feed.cached(&endpoint).await.is_some());
}

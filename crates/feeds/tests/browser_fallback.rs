//! Fallback chains and failure patterns in headless Chromium, against the
//! replay server (see browser_transport.rs): when the primary provider
//! fails, the next one answers; when all fail, saved data or every reason;
//! patterns of failures become alerts.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod browser;

use browser::{faults, log, quick_retries, reset, transport_all};
use tokenlens_feeds::client::cache::Cache;
use tokenlens_feeds::client::feed::{Feed, Source};
use tokenlens_feeds::client::{CachedBody, FetchErrorKind, Pattern, Provider, sources};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn db_name(test: &str) -> String {
    format!(
        "tokenlens-test-fallback-{test}-{}",
        (js_sys::Math::random() * 1e9) as u64
    )
}

/// The paths the replay server saw, in order.
async fn paths() -> Vec<String> {
    log().await.into_iter().map(|l| l.path).collect()
}

#[wasm_bindgen_test]
async fn the_market_list_falls_back_to_coinpaprika_and_says_why() {
    reset().await;
    faults("/cg/coins/markets", &["404"]).await;
    let feed = Feed::open(transport_all(quick_retries(0)), &db_name("markets")).await;
    let chain = sources::market_list(250);
    let links: Vec<Source<'_, _>> = chain
        .iter()
        .map(|(e, p)| Source::new(e.clone(), p))
        .collect();
    let loaded = feed.load_first(&links, None).await.unwrap();
    assert_eq!(loaded.provider, "CoinPaprika");
    assert!(!loaded.value.0.is_empty());
    assert_eq!(loaded.value.0[0].symbol, "BTC");
    assert_eq!(loaded.fallbacks.len(), 1);
    assert_eq!(loaded.fallbacks[0].kind, FetchErrorKind::BadRequest);
    assert_eq!(loaded.fallbacks[0].provider, "CoinGecko");
    assert_eq!(paths().await, ["/cg/coins/markets", "/paprika/tickers"]);
}

#[wasm_bindgen_test]
async fn the_primary_answers_without_touching_the_fallback() {
    reset().await;
    let feed = Feed::open(transport_all(quick_retries(0)), &db_name("primary")).await;
    let chain = sources::market_list(100);
    let links: Vec<Source<'_, _>> = chain
        .iter()
        .map(|(e, p)| Source::new(e.clone(), p))
        .collect();
    let loaded = feed.load_first(&links, None).await.unwrap();
    assert_eq!(loaded.provider, "CoinGecko");
    assert_eq!(loaded.value.0.len(), 100);
    assert!(loaded.fallbacks.is_empty());
    assert_eq!(paths().await, ["/cg/coins/markets"]);
}

#[wasm_bindgen_test]
async fn candles_fall_back_from_binance_to_coinbase_after_its_retries() {
    reset().await;
    // A regional block, retried once, then the next exchange.
    faults("/binance/klines", &["451", "451"]).await;
    let feed = Feed::open(transport_all(quick_retries(1)), &db_name("candles")).await;
    let chain = sources::daily_candles("BTC", 400).unwrap();
    let links: Vec<Source<'_, _>> = chain
        .iter()
        .map(|(e, p)| Source::new(e.clone(), p))
        .collect();
    let loaded = feed.load_first(&links, None).await.unwrap();
    assert_eq!(loaded.provider, "Coinbase");
    let candles = &loaded.value.0;
    assert!(!candles.is_empty());
    assert!(
        candles
            .windows(2)
            .all(|w| w[0].open_time_ms < w[1].open_time_ms)
    );
    assert_eq!(loaded.fallbacks[0].kind, FetchErrorKind::Blocked);
    assert_eq!(
        paths().await,
        [
            "/binance/klines",
            "/binance/klines",
            "/coinbase/products/BTC-USD/candles"
        ]
    );
}

#[wasm_bindgen_test]
async fn when_every_source_fails_each_reason_is_returned_in_order() {
    reset().await;
    faults("/cg/coins/markets", &["404"]).await;
    faults("/paprika/tickers", &["truncate"]).await;
    let feed = Feed::open(transport_all(quick_retries(0)), &db_name("none")).await;
    let chain = sources::market_list(250);
    let links: Vec<Source<'_, _>> = chain
        .iter()
        .map(|(e, p)| Source::new(e.clone(), p))
        .collect();
    let errors = feed.load_first(&links, None).await.unwrap_err();
    let kinds: Vec<_> = errors
        .iter()
        .map(|e| (e.provider.as_str(), e.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("CoinGecko", FetchErrorKind::BadRequest),
            ("CoinPaprika", FetchErrorKind::Malformed)
        ]
    );
}

#[wasm_bindgen_test]
async fn when_every_source_fails_saved_data_of_any_source_is_shown() {
    reset().await;
    faults("/cg/coins/markets", &["404"]).await;
    faults("/paprika/tickers", &["503"]).await;
    let name = db_name("stale");
    let chain = sources::market_list(250);
    // An hour-old CoinPaprika answer (its TTL is five minutes).
    let cache = Cache::open(&name).await.unwrap();
    let saved = CachedBody {
        body: include_str!("fixtures/coinpaprika_tickers_documented_shape.json").into(),
        fetched_at_ms: js_sys::Date::now() - 3_600_000.0,
        ttl_seconds: 300,
        provider: "CoinPaprika".into(),
    };
    cache.put(&Feed::key(&chain[1].0), &saved).await.unwrap();
    let feed = Feed::open(transport_all(quick_retries(0)), &name).await;
    let links: Vec<Source<'_, _>> = chain
        .iter()
        .map(|(e, p)| Source::new(e.clone(), p))
        .collect();
    let loaded = feed.load_first(&links, None).await.unwrap();
    assert!(loaded.is_stale());
    assert_eq!(loaded.provider, "CoinPaprika");
    assert_eq!(loaded.fetched_at_ms, saved.fetched_at_ms);
    assert_eq!(
        loaded.refresh_error.unwrap().kind,
        FetchErrorKind::BadRequest
    );
    assert_eq!(loaded.fallbacks[0].kind, FetchErrorKind::Outage);
}

#[wasm_bindgen_test]
async fn a_provider_failing_every_attempt_raises_an_alert_until_it_answers() {
    reset().await;
    faults("/cg/global", &["503", "500", "503"]).await;
    let transport = transport_all(quick_retries(2));
    let feed = Feed::open(transport.clone(), &db_name("down")).await;
    let endpoint = tokenlens_feeds::client::Endpoint::coingecko_global();
    let parse = tokenlens_feeds::coingecko::global::parse_global;
    assert!(feed.load(&endpoint, None, parse).await.is_err());
    let alerts = transport.alerts();
    assert_eq!(alerts.len(), 1, "{alerts:?}");
    assert_eq!(
        (alerts[0].provider, alerts[0].pattern),
        (Provider::CoinGecko, Pattern::ProviderDown)
    );
    assert_eq!(alerts[0].count, 3);
    let text = alerts[0].message(js_sys::Date::now());
    assert!(
        text.starts_with("CoinGecko has failed the last 3 attempts"),
        "{text}"
    );
    // The next attempt succeeds: the pattern is over.
    feed.load(&endpoint, None, parse).await.unwrap();
    assert!(transport.alerts().is_empty());
}

#[wasm_bindgen_test]
async fn unreadable_answers_twice_raise_an_alert() {
    reset().await;
    faults("/paprika/tickers", &["wrongtype", "truncate"]).await;
    let transport = transport_all(quick_retries(0));
    let feed = Feed::open(transport.clone(), &db_name("malformed")).await;
    let endpoint = tokenlens_feeds::client::Endpoint::coinpaprika_tickers();
    let parse = tokenlens_feeds::coinpaprika::parse_tickers;
    for _ in 0..2 {
        let err = feed.load(&endpoint, None, parse).await.unwrap_err();
        assert_eq!(err.kind, FetchErrorKind::Malformed);
    }
    let patterns: Vec<_> = transport.alerts().iter().map(|a| a.pattern).collect();
    assert_eq!(patterns, [Pattern::MalformedRepeatedly]);
}

#[wasm_bindgen_test]
async fn an_empty_or_unusable_answer_is_malformed_falls_back_and_keeps_the_last_good_copy() {
    reset().await;
    let name = db_name("unusable");
    let chain = sources::market_list(250);
    let links: Vec<Source<'_, _>> = chain
        .iter()
        .map(|(e, p)| Source::new(e.clone(), p))
        .collect();
    let feed = Feed::open(transport_all(quick_retries(0)), &name).await;
    // A good CoinGecko answer, cached.
    let good = feed.refresh_first(&links, None).await.unwrap();
    assert_eq!(
        (good.provider.as_str(), good.value.0.len()),
        ("CoinGecko", 250)
    );
    let key = Feed::key(&chain[0].0);
    let cache = Cache::open(&name).await.unwrap();
    let saved = cache.get(&key).await.unwrap();

    for fault in ["empty", "renamed"] {
        reset().await;
        faults("/cg/coins/markets", &[fault]).await;
        let loaded = feed.refresh_first(&links, None).await.unwrap();
        // The next provider is asked and answers; the empty answer is a
        // failure said in words, not a success.
        assert_eq!(loaded.provider, "CoinPaprika", "{fault}");
        assert!(!loaded.value.0.is_empty(), "{fault}");
        assert_eq!(loaded.fallbacks.len(), 1, "{fault}");
        assert_eq!(
            loaded.fallbacks[0].kind,
            FetchErrorKind::Malformed,
            "{fault}"
        );
        assert!(
            loaded.fallbacks[0].detail.contains("0 of"),
            "{fault}: {}",
            loaded.fallbacks[0].detail
        );
        assert_eq!(paths().await, ["/cg/coins/markets", "/paprika/tickers"]);
        // The last good CoinGecko copy is still the one saved.
        assert_eq!(cache.get(&key).await.unwrap(), saved, "{fault}");
    }

    // Unusable with no other source: the saved copy is shown, marked stale.
    reset().await;
    faults("/cg/coins/markets", &["renamed"]).await;
    let feed = Feed::open(transport_all(quick_retries(0)), &name).await;
    let single = [Source::new(chain[0].0.clone(), &chain[0].1)];
    let stale = feed.refresh_first(&single, None).await.unwrap();
    assert!(stale.is_stale());
    assert_eq!(stale.provider, "CoinGecko");
    assert_eq!(stale.value.0.len(), 250);
    assert_eq!(stale.refresh_error.unwrap().kind, FetchErrorKind::Malformed);
}

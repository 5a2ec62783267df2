//! The browser transport against the replay server (tests/feeds/replay-server.mjs)
//! in headless Chromium: retries, backoff order, Retry-After, timeouts,
//! cancellation, concurrency, coalescing, malformed bodies, and where keys go.
//!
//! `scripts/test.sh` starts the replay server and passes its address at
//! compile time in `TOKENLENS_REPLAY_URL`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

mod browser;

use browser::{browser_wide, faults, log, quick_retries, reset, transport};
use tokenlens_feeds::client::{ApiKey, Endpoint, FetchErrorKind, KeyPlan, Provider};
use tokenlens_feeds::coingecko::parse_markets;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn serves_a_recorded_market_page() {
    reset().await;
    let t = transport(quick_retries(0), 5_000, 2);
    let body = t
        .get_text(&Endpoint::coingecko_markets(1, 100, None), None)
        .await
        .unwrap();
    let (tokens, errors) = parse_markets(&body).unwrap();
    assert_eq!(tokens.len(), 100);
    assert!(errors.is_empty());
    assert_eq!(tokens[0].id, "bitcoin");
}

#[wasm_bindgen_test]
async fn retries_5xx_then_succeeds_with_growing_gaps() {
    reset().await;
    faults("/cg/global", &["503", "500", "ok"]).await;
    let t = transport(quick_retries(3), 5_000, 2);
    t.get_text(&Endpoint::coingecko_global(), None)
        .await
        .unwrap();
    let requests = log().await;
    assert_eq!(requests.len(), 3, "{requests:?}");
}

#[wasm_bindgen_test]
async fn gives_up_after_the_retry_budget_with_an_outage() {
    reset().await;
    faults("/cg/global", &["503", "503", "503", "503", "ok"]).await;
    let t = transport(quick_retries(2), 5_000, 2);
    let err = t
        .get_text(&Endpoint::coingecko_global(), None)
        .await
        .unwrap_err();
    assert_eq!(err.kind, FetchErrorKind::Outage);
    assert_eq!(err.status, Some(503));
    assert_eq!(log().await.len(), 3); // first attempt + 2 retries
    assert!(err.user_message().contains("CoinGecko is having trouble"));
}

#[wasm_bindgen_test]
async fn honours_retry_after_before_the_next_attempt() {
    reset().await;
    faults("/cg/global", &["429:1", "ok"]).await;
    let t = transport(quick_retries(2), 5_000, 2);
    t.get_text(&Endpoint::coingecko_global(), None)
        .await
        .unwrap();
    let requests = log().await;
    assert_eq!(requests.len(), 2);
    let gap = requests[1].start - requests[0].start;
    assert!(gap >= 1000.0, "retried {gap} ms after a Retry-After of 1 s");
}

#[wasm_bindgen_test]
async fn a_retry_after_given_as_a_date_is_honoured() {
    reset().await;
    // An HTTP date has whole seconds: 3 s ahead is at least 2 s away.
    faults("/cg/global", &["429:date:3", "ok"]).await;
    let t = transport(quick_retries(2), 5_000, 2);
    t.get_text(&Endpoint::coingecko_global(), None)
        .await
        .unwrap();
    let requests = log().await;
    assert_eq!(requests.len(), 2, "{requests:?}");
    let gap = requests[1].start - requests[0].start;
    assert!(
        gap >= 2000.0,
        "retried {gap} ms after a Retry-After date 3 s ahead"
    );
}

#[wasm_bindgen_test]
async fn a_429_with_an_unreadable_retry_after_pauses_the_provider() {
    // The provider sends Retry-After: 0 but does not expose it: the page
    // cannot read it, so it waits its policy's unknown pause (1 s in these
    // quick settings, 60 s by default), never the 50 ms backoff.
    for fault in ["429", "429:hidden:0"] {
        reset().await;
        faults("/cg/global", &[fault, "ok", "ok"]).await;
        let t = transport(quick_retries(2), 5_000, 2);
        t.get_text(&Endpoint::coingecko_global(), None)
            .await
            .unwrap();
        let requests = log().await;
        assert_eq!(requests.len(), 2, "{fault}: {requests:?}");
        let gap = requests[1].start - requests[0].start;
        assert!(gap >= 1000.0, "{fault}: retried {gap} ms after the 429");
    }
    // The pause holds for the provider, not just the retrying caller.
    reset().await;
    faults("/cg/global", &["429"]).await;
    let t = transport(quick_retries(0), 5_000, 2);
    let err = t
        .get_text(&Endpoint::coingecko_global(), None)
        .await
        .unwrap_err();
    assert_eq!(err.kind, FetchErrorKind::RateLimited);
    assert_eq!(err.retry_after_ms, None);
    t.get_text(&Endpoint::coingecko_global(), None)
        .await
        .unwrap();
    let requests = log().await;
    assert_eq!(requests.len(), 2, "{requests:?}");
    let gap = requests[1].start - requests[0].start;
    assert!(gap >= 1000.0, "asked again {gap} ms after the 429");
}

#[wasm_bindgen_test]
async fn a_retry_after_beyond_the_limit_gives_up_and_says_when() {
    reset().await;
    faults("/cg/global", &["429:600"]).await;
    let t = transport(quick_retries(3), 5_000, 2);
    let err = t
        .get_text(&Endpoint::coingecko_global(), None)
        .await
        .unwrap_err();
    assert_eq!(err.kind, FetchErrorKind::RateLimited);
    assert_eq!(err.retry_after_ms, Some(600_000.0));
    assert!(
        err.user_message().contains("retrying in 10 min"),
        "{}",
        err.user_message()
    );
    assert_eq!(log().await.len(), 1);
}

#[wasm_bindgen_test]
async fn a_slow_answer_times_out_and_is_retried() {
    reset().await;
    faults("/cg/global", &["slow:1500", "ok"]).await;
    let t = transport(quick_retries(1), 300, 2);
    t.get_text(&Endpoint::coingecko_global(), None)
        .await
        .unwrap();
    assert_eq!(log().await.len(), 2);

    reset().await;
    faults("/cg/global", &["slow:1500", "slow:1500"]).await;
    let err = t
        .get_text(&Endpoint::coingecko_global(), None)
        .await
        .unwrap_err();
    assert_eq!(err.kind, FetchErrorKind::Timeout);
}

#[wasm_bindgen_test]
async fn a_refused_key_or_bad_request_is_not_retried() {
    reset().await;
    faults("/cg/global", &["401", "ok"]).await;
    let t = transport(quick_retries(3), 5_000, 2);
    let err = t
        .get_text(&Endpoint::coingecko_global(), None)
        .await
        .unwrap_err();
    assert_eq!(err.kind, FetchErrorKind::Unauthorized);
    assert_eq!(log().await.len(), 1);
}

#[wasm_bindgen_test]
async fn a_response_without_cors_headers_reads_as_blocked() {
    reset().await;
    faults("/cg/global", &["nocors"]).await;
    let t = transport(quick_retries(0), 5_000, 2);
    let err = t
        .get_text(&Endpoint::coingecko_global(), None)
        .await
        .unwrap_err();
    assert_eq!(err.kind, FetchErrorKind::Blocked);
    assert!(err.user_message().contains("could not be reached"));
}

#[wasm_bindgen_test]
async fn truncated_and_wrongly_typed_bodies_are_malformed_not_panics() {
    reset().await;
    faults("/cg/coins/markets", &["truncate", "wrongtype", "empty"]).await;
    let t = transport(quick_retries(0), 5_000, 2);
    let e = Endpoint::coingecko_markets(1, 100, None);
    let truncated = t.get_text(&e, None).await.unwrap();
    assert!(parse_markets(&truncated).is_err());
    let wrong = t.get_text(&e, None).await.unwrap();
    assert!(parse_markets(&wrong).is_err());
    let empty = t.get_text(&e, None).await.unwrap();
    // An empty list is not an answer: nothing to show is malformed too.
    assert!(matches!(
        parse_markets(&empty),
        Err(tokenlens_feeds::FeedError::Malformed { .. })
    ));
}

#[wasm_bindgen_test]
async fn one_failing_page_does_not_blank_the_others_and_progress_counts_all() {
    reset().await;
    faults("/cg/coins/markets", &["ok", "404"]).await;
    let t = transport(quick_retries(0), 5_000, 1);
    let pages: Vec<Endpoint> = (1..=3)
        .map(|p| Endpoint::coingecko_markets(p, 50, None))
        .collect();
    let seen = std::cell::RefCell::new(Vec::new());
    let results = t
        .get_many(&pages, None, |done, total| {
            seen.borrow_mut().push((done, total))
        })
        .await;
    let ok: Vec<bool> = results.iter().map(Result::is_ok).collect();
    assert_eq!(ok.iter().filter(|o| **o).count(), 2, "{results:?}");
    assert_eq!(seen.borrow().first(), Some(&(0, 3)));
    assert_eq!(seen.borrow().last(), Some(&(3, 3)));
}

#[wasm_bindgen_test]
async fn concurrency_stays_within_the_bound() {
    reset().await;
    faults(
        "/cg/coins/markets",
        &[
            "slow:200", "slow:200", "slow:200", "slow:200", "slow:200", "slow:200",
        ],
    )
    .await;
    let t = transport(quick_retries(0), 5_000, 2);
    let pages: Vec<Endpoint> = (1..=6)
        .map(|p| Endpoint::coingecko_markets(p, 10, None))
        .collect();
    let results = t.get_many(&pages, None, |_, _| {}).await;
    assert!(results.iter().all(Result::is_ok));
    let requests = log().await;
    // With two in flight and 200 ms each, the six starts come in three waves.
    let mut starts: Vec<f64> = requests.iter().map(|r| r.start).collect();
    starts.sort_by(f64::total_cmp);
    assert!(starts[2] - starts[0] >= 150.0, "{starts:?}");
    assert!(starts[4] - starts[2] >= 150.0, "{starts:?}");
}

#[wasm_bindgen_test]
async fn cancelling_stops_the_request_and_its_retries() {
    reset().await;
    faults("/cg/global", &["hang"]).await;
    let t = transport(quick_retries(3), 30_000, 2);
    let controller = web_sys::AbortController::new().unwrap();
    let signal = controller.signal();
    let abort_later = gloo_timers::callback::Timeout::new(200, move || controller.abort());
    let err = t
        .get_text(&Endpoint::coingecko_global(), Some(&signal))
        .await
        .unwrap_err();
    drop(abort_later);
    assert_eq!(err.kind, FetchErrorKind::Cancelled);
    assert_eq!(log().await.len(), 1);
}

#[wasm_bindgen_test]
async fn a_key_is_never_sent_to_an_overridden_host_but_its_use_is_logged_only_when_sent() {
    reset().await;
    let t = transport(quick_retries(0), 5_000, 2);
    t.set_key(Some(
        ApiKey::new(KeyPlan::Demo, "CG-supersecret123").unwrap(),
    ));
    t.get_text(&Endpoint::coingecko_global(), None)
        .await
        .unwrap();
    let requests = log().await;
    assert_eq!(requests.len(), 1);
    for r in &requests {
        assert!(
            !r.headers.keys().any(|h| h.starts_with("x-cg")),
            "{:?}",
            r.headers
        );
        assert!(!r.query.contains("supersecret") && !r.path.contains("supersecret"));
    }
    assert!(t.key_log().is_empty());
}

#[wasm_bindgen_test]
async fn an_endless_body_is_cut_at_the_endpoint_cap_as_too_large() {
    reset().await;
    faults("/cg/global", &["endless", "ok"]).await;
    let t = transport(quick_retries(2), 10_000, 2);
    let endpoint = Endpoint::coingecko_global();
    let started = js_sys::Date::now();
    let err = t.get_text(&endpoint, None).await.unwrap_err();
    let took = js_sys::Date::now() - started;
    assert_eq!(err.kind, FetchErrorKind::TooLarge, "{err:?}");
    assert!(
        err.user_message()
            .starts_with("CoinGecko sent far more data than this request ever needs"),
        "{}",
        err.user_message()
    );
    assert!(
        err.detail.contains("over the cap of 250000 bytes"),
        "{}",
        err.detail
    );
    // Not retried, and the reading stopped: the server saw the hang-up.
    gloo_timers::future::TimeoutFuture::new(200).await;
    let requests = log().await;
    assert_eq!(requests.len(), 1);
    let sent = requests[0].sent.unwrap_or(f64::INFINITY);
    console_log!("endless body: cut after {took:.0} ms, {sent} bytes sent");
    assert!(sent < 8e6, "{sent} bytes sent after the cap");
    assert!(took < 5_000.0, "{took} ms");
}

#[wasm_bindgen_test]
async fn a_body_over_the_cap_is_too_large_and_never_parsed() {
    reset().await;
    // About 700 KB of rows, for an endpoint capped at 250 KB.
    faults("/cg/global", &["huge"]).await;
    let t = transport(quick_retries(0), 5_000, 2);
    let err = t
        .get_text(&Endpoint::coingecko_global(), None)
        .await
        .unwrap_err();
    assert_eq!(err.kind, FetchErrorKind::TooLarge);
    // The same body is within the market list's cap.
    reset().await;
    faults("/cg/coins/markets", &["huge"]).await;
    let body = t
        .get_text(&Endpoint::coingecko_markets(1, 250, None), None)
        .await
        .unwrap();
    assert!(body.len() > 250_000);
}

#[wasm_bindgen_test]
async fn a_dripping_body_is_cut_by_the_timeout() {
    reset().await;
    faults("/cg/global", &["drip:50"]).await;
    let t = transport(quick_retries(0), 600, 2);
    let started = js_sys::Date::now();
    let err = t
        .get_text(&Endpoint::coingecko_global(), None)
        .await
        .unwrap_err();
    let took = js_sys::Date::now() - started;
    assert_eq!(err.kind, FetchErrorKind::Timeout, "{err:?}");
    assert!((550.0..3_000.0).contains(&took), "{took} ms");
    gloo_timers::future::TimeoutFuture::new(200).await;
    let sent = log().await[0].sent.unwrap_or(f64::INFINITY);
    console_log!("dripping body: cut after {took:.0} ms, {sent} bytes sent");
    // Headers came at once; a byte every 50 ms for the 600 ms allowed.
    assert!(sent < 100.0, "{sent}");
}

#[wasm_bindgen_test]
async fn identical_requests_in_flight_are_sent_once_and_answer_every_caller() {
    reset().await;
    faults("/cg/coins/markets", &["slow:300"]).await;
    let t = transport(quick_retries(0), 5_000, 2);
    let e = Endpoint::coingecko_markets(1, 100, None);
    let (a, b) = futures::join!(t.get_text(&e, None), t.get_text(&e, None));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a, b);
    assert_eq!(parse_markets(&a).unwrap().0.len(), 100);
    let requests = log().await;
    assert_eq!(requests.len(), 1, "{requests:?}");

    // Once answered, the same request is sent again.
    t.get_text(&e, None).await.unwrap();
    assert_eq!(log().await.len(), 2);

    // Another page of the list is another request.
    reset().await;
    let other = Endpoint::coingecko_markets(2, 100, None);
    let (a, b) = futures::join!(t.get_text(&e, None), t.get_text(&other, None));
    assert_ne!(a.unwrap(), b.unwrap());
    assert_eq!(log().await.len(), 2);
}

#[wasm_bindgen_test]
async fn a_caller_that_cancels_leaves_the_others_their_answer() {
    reset().await;
    faults("/cg/global", &["slow:600"]).await;
    let t = transport(quick_retries(0), 5_000, 2);
    let e = Endpoint::coingecko_global();
    let controller = web_sys::AbortController::new().unwrap();
    let signal = controller.signal();
    let abort_later = gloo_timers::callback::Timeout::new(100, move || controller.abort());
    let (left, stayed) = futures::join!(t.get_text(&e, Some(&signal)), t.get_text(&e, None));
    drop(abort_later);
    assert_eq!(left.unwrap_err().kind, FetchErrorKind::Cancelled);
    assert!(stayed.unwrap().contains("active_cryptocurrencies"));
    assert_eq!(log().await.len(), 1);

    // When every caller cancels, the request is aborted.
    reset().await;
    faults("/cg/global", &["hang"]).await;
    let controller = web_sys::AbortController::new().unwrap();
    let signal = controller.signal();
    let abort_later = gloo_timers::callback::Timeout::new(200, move || controller.abort());
    let (a, b) = futures::join!(t.get_text(&e, Some(&signal)), t.get_text(&e, Some(&signal)));
    drop(abort_later);
    assert_eq!(a.unwrap_err().kind, FetchErrorKind::Cancelled);
    assert_eq!(b.unwrap_err().kind, FetchErrorKind::Cancelled);
    assert_eq!(log().await.len(), 1);
    // Nothing is left in flight: the next call is a new request.
    t.get_text(&e, None).await.unwrap();
    assert_eq!(log().await.len(), 2);
}

#[wasm_bindgen_test]
async fn two_transports_of_the_browser_draw_from_one_budget() {
    // Two transports stand for two tabs: neither knows the other, both
    // keep to one bucket of 60 a minute with a burst of 2.
    reset().await;
    let tab_a = browser_wide(Provider::CoinGecko, "cg", 60.0, 2, quick_retries(0));
    let tab_b = browser_wide(Provider::CoinGecko, "cg", 60.0, 2, quick_retries(0));
    let pages: Vec<Endpoint> = (1..=6)
        .map(|p| Endpoint::coingecko_markets(p, 10, None))
        .collect();
    let (a, b) = futures::join!(
        tab_a.get_many(&pages[..3], None, |_, _| {}),
        tab_b.get_many(&pages[3..], None, |_, _| {}),
    );
    assert!(a.iter().chain(&b).all(Result::is_ok));
    let mut starts: Vec<f64> = log().await.iter().map(|r| r.start).collect();
    assert_eq!(starts.len(), 6);
    starts.sort_by(f64::total_cmp);
    // The burst of 2, then one a second: the sixth at least 4 s after the
    // first (each tab on its own would send four at once).
    assert!(starts[2] - starts[0] >= 900.0, "{starts:?}");
    assert!(starts[5] - starts[0] >= 3_900.0, "{starts:?}");
}

#[wasm_bindgen_test]
async fn a_429_told_to_one_transport_pauses_the_others_of_the_browser() {
    reset().await;
    faults("/binance/klines", &["429:2"]).await;
    let e = Endpoint::binance_daily_klines("BTCUSDT", 30);
    let tab_a = browser_wide(Provider::Binance, "binance", 6000.0, 50, quick_retries(0));
    let err = tab_a.get_text(&e, None).await.unwrap_err();
    assert_eq!(err.kind, FetchErrorKind::RateLimited);
    // A tab that never saw the 429 waits out its Retry-After too.
    let tab_b = browser_wide(Provider::Binance, "binance", 6000.0, 50, quick_retries(0));
    tab_b.get_text(&e, None).await.unwrap();
    let requests = log().await;
    assert_eq!(requests.len(), 2, "{requests:?}");
    let gap = requests[1].start - requests[0].start;
    assert!(
        gap >= 1_900.0,
        "the other tab asked {gap} ms after a Retry-After of 2 s"
    );
}

//! Helpers shared by the browser tests: the replay server's address and
//! control endpoints, and a transport pointed at it.

// Each test crate that includes this module uses a different part of it.
#![allow(dead_code)]

use gloo_net::http::Request;
use serde::Deserialize;
use tokenlens_feeds::client::http::{ProviderSettings, Transport};
use tokenlens_feeds::client::{BaseUrl, Provider, RetryPolicy};

// scripts/test.sh sets the variable; without it every test must fail loudly.
pub fn replay() -> &'static str {
    match option_env!("TOKENLENS_REPLAY_URL") {
        Some(url) => url,
        None => panic!(
            "TOKENLENS_REPLAY_URL is not set: run `node tests/feeds/replay-server.mjs PORT` and set it"
        ),
    }
}

#[derive(Debug, Deserialize)]
pub struct Logged {
    pub path: String,
    pub query: String,
    pub headers: std::collections::HashMap<String, String>,
    pub start: f64,
    /// Body bytes sent, for the streaming faults (`drip`, `endless`).
    #[serde(default)]
    pub sent: Option<f64>,
}

pub async fn reset() {
    Request::post(&format!("{}/__reset", replay()))
        .send()
        .await
        .unwrap();
}

pub async fn faults(path: &str, faults: &[&str]) {
    let body = serde_json::json!({ "path": path, "faults": faults }).to_string();
    Request::post(&format!("{}/__faults", replay()))
        .body(body)
        .unwrap()
        .send()
        .await
        .unwrap();
}

pub async fn log() -> Vec<Logged> {
    Request::get(&format!("{}/__log", replay()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// A transport whose CoinGecko goes to the replay server, fast settings,
/// with budgets of its own (tests of one page must not pause each other).
pub fn transport(retry: RetryPolicy, timeout_ms: u32, max_in_flight: u32) -> Transport {
    let t = Transport::per_tab();
    t.configure(
        Provider::CoinGecko,
        ProviderSettings {
            base: BaseUrl::Override(format!("{}/cg", replay())),
            per_minute: 6000.0,
            burst: 50,
            max_in_flight,
            timeout_ms,
            retry,
        },
    );
    t
}

pub fn quick_retries(max_retries: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries,
        base_delay_ms: 50.0,
        max_delay_ms: 200.0,
        max_retry_after_ms: 5_000.0,
        unknown_retry_after_ms: 1_000.0,
    }
}

/// A transport whose four providers all go to the replay server, with
/// budgets of its own.
pub fn transport_all(retry: RetryPolicy) -> Transport {
    let t = Transport::per_tab();
    for (provider, prefix) in [
        (Provider::CoinGecko, "cg"),
        (Provider::Binance, "binance"),
        (Provider::Coinbase, "coinbase"),
        (Provider::CoinPaprika, "paprika"),
    ] {
        t.configure(
            provider,
            ProviderSettings {
                base: BaseUrl::Override(format!("{}/{prefix}", replay())),
                per_minute: 6000.0,
                burst: 50,
                max_in_flight: 2,
                timeout_ms: 5_000,
                retry: retry.clone(),
            },
        );
    }
    t
}

/// A transport with the browser's budgets (as every tab's), `provider` sent
/// to the replay server's `prefix` at `per_minute` with `burst`.
pub fn browser_wide(
    provider: Provider,
    prefix: &str,
    per_minute: f64,
    burst: u32,
    retry: RetryPolicy,
) -> Transport {
    let t = Transport::new();
    t.configure(
        provider,
        ProviderSettings {
            base: BaseUrl::Override(format!("{}/{prefix}", replay())),
            per_minute,
            burst,
            max_in_flight: 4,
            timeout_ms: 5_000,
            retry,
        },
    );
    t
}

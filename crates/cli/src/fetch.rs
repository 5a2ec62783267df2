//! Fetching provider data from the command line: the same endpoints, the
//! same fallback chains and the same retry and rate-limit decisions as the
//! browser client (`tokenlens_feeds::client`), carried out with blocking
//! HTTP, one request at a time.
//!
//! Requests go to each provider's official host, or, with a replay root
//! (tests and development), to `ROOT/cg`, `ROOT/binance`, `ROOT/coinbase`
//! and `ROOT/paprika`, the layout of `tests/feeds/replay-server.mjs`. A
//! CoinGecko key is sent only when `COINGECKO_API_KEY` holds one (plan from
//! `COINGECKO_API_PLAN`, `demo` or `pro`; demo by default), and then only to
//! CoinGecko's official host, in its header (`Endpoint::request`): never to
//! a replay server.

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokenlens_feeds::RowError;
use tokenlens_feeds::client::sources::Link;
use tokenlens_feeds::client::{
    ApiKey, BaseUrl, Decision, Endpoint, FetchError, FetchErrorKind, HttpRequest, KeyPlan,
    Provider, RateLimiter, RetryPolicy, parse_retry_after,
};

/// Per-request time limit.
const TIMEOUT: Duration = Duration::from_secs(30);

/// What a chain produced: rows, unreadable rows, who answered, and the
/// failures of the providers tried before it.
#[derive(Debug)]
pub struct Fetched<T> {
    pub rows: Vec<T>,
    pub errors: Vec<RowError>,
    pub provider: Provider,
    pub fallbacks: Vec<FetchError>,
}

/// A polite client: one rate limiter per provider, retries with backoff.
#[derive(Debug)]
pub struct Fetcher {
    agent: ureq::Agent,
    replay: Option<String>,
    retry: RetryPolicy,
    limiters: HashMap<Provider, RateLimiter>,
    /// State of the jitter generator (SplitMix64, seeded from the clock).
    jitter: u64,
    /// The CoinGecko key from the environment, if any.
    key: Option<ApiKey>,
}

/// The CoinGecko key that `COINGECKO_API_KEY` (`key`) and `COINGECKO_API_PLAN`
/// (`plan`) give: none when the key is unset or empty.
///
/// Errors: a key with characters a key cannot hold, or an unknown plan.
pub fn key_from(key: Option<&str>, plan: Option<&str>) -> Result<Option<ApiKey>, String> {
    let Some(key) = key.map(str::trim).filter(|k| !k.is_empty()) else {
        return Ok(None);
    };
    let plan = match plan.map(str::trim) {
        None | Some("" | "demo") => KeyPlan::Demo,
        Some("pro") => KeyPlan::Pro,
        Some(other) => {
            return Err(format!(
                "COINGECKO_API_PLAN is {other:?}: expected \"demo\" or \"pro\""
            ));
        }
    };
    ApiKey::new(plan, key)
        .map(Some)
        .map_err(|e| format!("COINGECKO_API_KEY: {e}"))
}

pub fn now_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1e3)
}

impl Fetcher {
    /// A client of the official hosts, or of a replay server at `replay`.
    pub fn new(replay: Option<&str>, retry: RetryPolicy) -> Self {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            .http_status_as_error(false)
            .user_agent(concat!("tokenlens/", env!("CARGO_PKG_VERSION")))
            .build();
        Self {
            agent: config.into(),
            replay: replay.map(|r| r.trim_end_matches('/').to_owned()),
            retry,
            limiters: HashMap::new(),
            jitter: now_ms().to_bits(),
            key: None,
        }
    }

    /// The same client, sending `key` to CoinGecko's official host.
    pub fn with_key(mut self, key: Option<ApiKey>) -> Self {
        self.key = key;
        self
    }

    /// A client with the CoinGecko key of the environment (see [`key_from`]).
    ///
    /// Errors: an unusable key or plan in the environment.
    pub fn from_env(replay: Option<&str>, retry: RetryPolicy) -> Result<Self, String> {
        let key = std::env::var("COINGECKO_API_KEY").ok();
        let plan = std::env::var("COINGECKO_API_PLAN").ok();
        let key = key_from(key.as_deref(), plan.as_deref())?;
        if let Some(key) = &key {
            eprintln!("tokenlens: sending the CoinGecko {key} from COINGECKO_API_KEY");
        }
        Ok(Self::new(replay, retry).with_key(key))
    }

    fn base(&self, provider: Provider) -> BaseUrl {
        match &self.replay {
            None => BaseUrl::Official,
            Some(root) => {
                let prefix = match provider {
                    Provider::CoinGecko => "cg",
                    Provider::Binance => "binance",
                    Provider::Coinbase => "coinbase",
                    Provider::CoinPaprika => "paprika",
                };
                BaseUrl::Override(format!("{root}/{prefix}"))
            }
        }
    }

    fn next_jitter(&mut self) -> f64 {
        self.jitter = self.jitter.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.jitter;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Waits for the provider's rate limiter.
    fn acquire(&mut self, provider: Provider) {
        // Provider limits protect the providers; a local replay server
        // answers as fast as it can.
        let (per_minute, burst) = match self.replay {
            Some(_) => (60_000.0, 100),
            None => provider.keyless_rate(),
        };
        let limiter = self
            .limiters
            .entry(provider)
            .or_insert_with(|| RateLimiter::new(per_minute, burst));
        while let Err(wait_ms) = limiter.try_acquire(now_ms()) {
            std::thread::sleep(Duration::from_millis(wait_ms.ceil().max(1.0) as u64));
        }
    }

    /// One endpoint's body, retried on rate limits, outages, timeouts and
    /// network failures as the policy says.
    pub fn get(&mut self, endpoint: &Endpoint) -> Result<String, FetchError> {
        let request = endpoint.request(&self.base(endpoint.provider), self.key.as_ref());
        let mut retries = 0;
        loop {
            self.acquire(endpoint.provider);
            let error = match self.attempt(&request, endpoint.max_body_bytes()) {
                Ok(body) => return Ok(body),
                Err(e) => e,
            };
            if let (FetchErrorKind::RateLimited, Some(limiter)) =
                (error.kind, self.limiters.get_mut(&endpoint.provider))
            {
                let now = now_ms();
                let until = now + error.retry_after_ms.unwrap_or(self.retry.base_delay_ms);
                limiter.pause_until(now, until);
            }
            let jitter = self.next_jitter();
            match self.retry.decide(error, retries, jitter) {
                Decision::RetryAfter { delay_ms, attempt } => {
                    eprintln!(
                        "tokenlens: {} retry {attempt} in {:.1} s",
                        endpoint.provider.label(),
                        delay_ms / 1e3
                    );
                    std::thread::sleep(Duration::from_millis(delay_ms.ceil() as u64));
                    retries = attempt;
                }
                Decision::GiveUp(error) => return Err(error),
            }
        }
    }

    /// One request; its body is read up to `max_bytes` (the endpoint's cap,
    /// as in the browser), beyond which it is a `TooLarge` failure.
    fn attempt(&self, request: &HttpRequest, max_bytes: usize) -> Result<String, FetchError> {
        let provider = request.provider;
        let error = |kind, status: Option<u16>, retry_after_ms, detail: String| FetchError {
            kind,
            provider: provider.label().into(),
            status,
            retry_after_ms,
            detail,
        };
        let mut call = self.agent.get(&request.url);
        for (name, value) in &request.headers {
            call = call.header(*name, value);
        }
        let mut response = call.call().map_err(|e| match e {
            ureq::Error::Timeout(_) => error(FetchErrorKind::Timeout, None, None, e.to_string()),
            other => error(FetchErrorKind::Blocked, None, None, other.to_string()),
        })?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(max_bytes as u64)
            .read_to_string()
            .map_err(|e| match e {
                ureq::Error::Timeout(_) => {
                    error(FetchErrorKind::Timeout, Some(status), None, e.to_string())
                }
                ureq::Error::BodyExceedsLimit(_) => error(
                    FetchErrorKind::TooLarge,
                    Some(status),
                    None,
                    format!("more than {max_bytes} bytes from {}", request.url),
                ),
                other => error(
                    FetchErrorKind::Malformed,
                    Some(status),
                    None,
                    other.to_string(),
                ),
            })?;
        match FetchError::kind_of_status(status) {
            None => Ok(body),
            Some(kind) => {
                let retry_after_ms = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| parse_retry_after(v, now_ms()));
                let mut detail: String = body.chars().take(200).collect();
                detail.retain(|c| !c.is_control());
                Err(error(kind, Some(status), retry_after_ms, detail))
            }
        }
    }

    /// The first link of a chain that answers with readable data; the
    /// failures of every link when none does.
    pub fn first<T>(&mut self, chain: &[Link<T>]) -> Result<Fetched<T>, Vec<FetchError>> {
        let mut failures = Vec::new();
        for (endpoint, parse) in chain {
            let result = self.get(endpoint).and_then(|body| {
                parse(&body).map_err(|e| FetchError {
                    kind: FetchErrorKind::Malformed,
                    provider: endpoint.provider.label().into(),
                    status: Some(200),
                    retry_after_ms: None,
                    detail: e.to_string(),
                })
            });
            match result {
                Ok((rows, errors)) => {
                    return Ok(Fetched {
                        rows,
                        errors,
                        provider: endpoint.provider,
                        fallbacks: failures,
                    });
                }
                Err(e) => {
                    eprintln!("tokenlens: {}", e.user_message());
                    failures.push(e);
                }
            }
        }
        Err(failures)
    }
}

/// Unix seconds now.
pub fn now_seconds() -> i64 {
    (now_ms() / 1e3).floor() as i64
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test
mod tests {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    use super::*;

    #[test]
    fn a_coingecko_key_comes_from_the_environment_and_goes_only_to_coingecko() {
        assert!(key_from(None, None).unwrap().is_none());
        assert!(key_from(Some("  "), Some("pro")).unwrap().is_none());
        let demo = key_from(Some(" CG-abc123 "), None).unwrap().unwrap();
        assert_eq!(demo.plan(), KeyPlan::Demo);
        assert_eq!(
            key_from(Some("k1"), Some("pro")).unwrap().unwrap().plan(),
            KeyPlan::Pro
        );
        assert!(
            key_from(Some("k1"), Some("enterprise"))
                .unwrap_err()
                .contains("COINGECKO_API_PLAN")
        );
        assert!(
            key_from(Some("bad key"), None)
                .unwrap_err()
                .contains("COINGECKO_API_KEY")
        );
        // It never prints.
        assert!(!format!("{demo} {demo:?}").contains("abc123"));
        // Official CoinGecko host: in its header; a replay server: never.
        let official = Fetcher::new(None, RetryPolicy::default()).with_key(Some(demo.clone()));
        let markets = Endpoint::coingecko_markets(1, 250, None);
        let sent = markets.request(&official.base(Provider::CoinGecko), official.key.as_ref());
        assert_eq!(sent.headers.len(), 1);
        assert_eq!(sent.headers[0].0, "x-cg-demo-api-key");
        assert!(!sent.url.contains("abc123"));
        let replay =
            Fetcher::new(Some("http://127.0.0.1:9"), RetryPolicy::default()).with_key(Some(demo));
        let sent = markets.request(&replay.base(Provider::CoinGecko), replay.key.as_ref());
        assert!(sent.headers.is_empty());
    }

    /// An endless body is cut at the endpoint's cap, as in the browser.
    #[test]
    fn a_body_past_the_endpoint_cap_is_too_large() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut child = Command::new("node")
            .arg(root.join("tests/feeds/replay-server.mjs"))
            .arg("0")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line.trim().strip_prefix("replay: ").unwrap().to_owned();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        let body = r#"{"path": "/cg/global", "faults": ["endless"]}"#;
        ureq::post(&format!("{url}/__faults")).send(body).unwrap();
        let retry = RetryPolicy {
            max_retries: 2,
            ..RetryPolicy::default()
        };
        let started = std::time::Instant::now();
        let result = Fetcher::new(Some(&url), retry).get(&Endpoint::coingecko_global());
        let took = started.elapsed();
        let _ = child.kill();
        let _ = child.wait();
        let err = result.unwrap_err();
        assert_eq!(err.kind, FetchErrorKind::TooLarge, "{err:?}");
        assert!(
            err.detail.starts_with("more than 250000 bytes"),
            "{}",
            err.detail
        );
        assert!(took < Duration::from_secs(5), "{took:?}");
    }
}

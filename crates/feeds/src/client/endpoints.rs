//! Which URL and which headers each request goes out with, and the rule that
//! keeps API keys where they belong.
//!
//! A key is attached only to its own provider's official host, over HTTPS,
//! in a header. When the base URL is overridden (tests, development), no key
//! is ever attached, whatever the caller asks.

use std::fmt;

/// The providers the client can talk to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    CoinGecko,
    Binance,
    Coinbase,
    CoinPaprika,
}

impl Provider {
    /// Name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Provider::CoinGecko => "CoinGecko",
            Provider::Binance => "Binance",
            Provider::Coinbase => "Coinbase",
            Provider::CoinPaprika => "CoinPaprika",
        }
    }

    /// The public, keyless base URL.
    pub fn official_base(self) -> &'static str {
        match self {
            Provider::CoinGecko => "https://api.coingecko.com/api/v3",
            // Binance's market-data-only host: no account endpoints behind it.
            Provider::Binance => "https://data-api.binance.vision/api/v3",
            Provider::Coinbase => "https://api.exchange.coinbase.com",
            Provider::CoinPaprika => "https://api.coinpaprika.com/v1",
        }
    }

    /// Requests a minute and burst allowed without a key: conservative, so a
    /// visitor on a shared address stays under the provider's public limit.
    pub fn keyless_rate(self) -> (f64, u32) {
        match self {
            Provider::CoinGecko => (10.0, 3),
            Provider::Binance => (300.0, 10),
            Provider::Coinbase => (300.0, 5),
            Provider::CoinPaprika => (20.0, 3),
        }
    }
}

/// Which CoinGecko plan a key belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeyPlan {
    Demo,
    Pro,
}

/// A user's API key. It never prints: `Debug` and `Display` show only the
/// plan and the last four characters, so it cannot leak through logs or
/// error messages.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey {
    plan: KeyPlan,
    secret: String,
}

impl ApiKey {
    /// A key as the user typed it (trimmed). Refuses empty keys and keys
    /// with characters no provider uses (which also rules out header injection).
    pub fn new(plan: KeyPlan, secret: &str) -> Result<Self, String> {
        let secret = secret.trim();
        if secret.is_empty() || secret.len() > 200 {
            return Err("an API key must be 1 to 200 characters".into());
        }
        if !secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return Err("an API key may contain only letters, digits, '-' and '_'".into());
        }
        Ok(Self {
            plan,
            secret: secret.to_owned(),
        })
    }

    pub fn plan(&self) -> KeyPlan {
        self.plan
    }

    /// The secret itself, for the one place that sets the request header.
    pub fn expose(&self) -> &str {
        &self.secret
    }

    /// "demo key …a1b2".
    pub fn redacted(&self) -> String {
        let tail: String = self
            .secret
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let plan = match self.plan {
            KeyPlan::Demo => "demo",
            KeyPlan::Pro => "pro",
        };
        format!("{plan} key …{tail}")
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

impl fmt::Display for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// A request before it is bound to a base URL: a provider, a path and
/// query parameters (encoded when the URL is built).
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    pub provider: Provider,
    pub path: String,
    pub query: Vec<(&'static str, String)>,
    /// How long a response stays fresh in the cache, in seconds.
    pub ttl_seconds: u32,
}

/// A request ready to send.
#[derive(Clone, PartialEq)]
pub struct HttpRequest {
    pub provider: Provider,
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    /// The URL without host-specific parts: the cache key (never holds a key).
    pub cache_key: String,
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header values may hold a key: print only their names.
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| *n).collect();
        f.debug_struct("HttpRequest")
            .field("url", &self.url)
            .field("headers", &names)
            .finish()
    }
}

/// Where requests of one provider go: its official host, or an override for
/// tests and development (to which no key is ever sent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BaseUrl {
    Official,
    Override(String),
}

impl Endpoint {
    fn new(provider: Provider, path: impl Into<String>, ttl_seconds: u32) -> Self {
        Self {
            provider,
            path: path.into(),
            query: Vec::new(),
            ttl_seconds,
        }
    }

    fn param(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.query.push((name, value.into()));
        self
    }

    /// CoinGecko `/coins/markets`: one page (1-based) of up to 250 coins by
    /// market cap, with the 7-day sparkline and price changes over 1 h … 1 y.
    pub fn coingecko_markets(page: u32, per_page: u32, category: Option<&str>) -> Self {
        let mut e = Self::new(Provider::CoinGecko, "/coins/markets", 120)
            .param("vs_currency", "usd")
            .param("order", "market_cap_desc")
            .param("per_page", per_page.clamp(1, 250).to_string())
            .param("page", page.max(1).to_string())
            .param("sparkline", "true")
            .param("price_change_percentage", "1h,24h,7d,14d,30d,200d,1y");
        if let Some(category) = category {
            e = e.param("category", category);
        }
        e
    }

    /// CoinGecko `/coins/markets` for chosen coin ids.
    pub fn coingecko_markets_for(ids: &[&str]) -> Self {
        Self::new(Provider::CoinGecko, "/coins/markets", 120)
            .param("vs_currency", "usd")
            .param("ids", ids.join(","))
            .param("sparkline", "true")
            .param("price_change_percentage", "1h,24h,7d,14d,30d,200d,1y")
    }

    /// CoinGecko `/coins/categories`.
    pub fn coingecko_categories() -> Self {
        Self::new(Provider::CoinGecko, "/coins/categories", 3600)
    }

    /// CoinGecko `/coins/{id}/market_chart`, daily points over `days`.
    pub fn coingecko_market_chart(id: &str, days: u32) -> Self {
        Self::new(
            Provider::CoinGecko,
            format!("/coins/{}/market_chart", encode_segment(id)),
            3600,
        )
        .param("vs_currency", "usd")
        .param("days", days.max(1).to_string())
        .param("interval", "daily")
    }

    /// CoinGecko `/global`.
    pub fn coingecko_global() -> Self {
        Self::new(Provider::CoinGecko, "/global", 300)
    }

    /// Binance `/klines`: daily candles, up to 1000.
    pub fn binance_daily_klines(symbol: &str, limit: u32) -> Self {
        Self::new(Provider::Binance, "/klines", 3600)
            .param("symbol", symbol.to_ascii_uppercase())
            .param("interval", "1d")
            .param("limit", limit.clamp(1, 1000).to_string())
    }

    /// Binance `/ticker/24hr` for one symbol.
    pub fn binance_ticker_24h(symbol: &str) -> Self {
        Self::new(Provider::Binance, "/ticker/24hr", 60)
            .param("symbol", symbol.to_ascii_uppercase())
    }

    /// Coinbase Exchange daily candles of a product such as `BTC-USD`.
    pub fn coinbase_daily_candles(product: &str) -> Self {
        Self::new(
            Provider::Coinbase,
            format!("/products/{}/candles", encode_segment(product)),
            3600,
        )
        .param("granularity", "86400")
    }

    /// CoinPaprika `/tickers`: the keyless fallback market list.
    pub fn coinpaprika_tickers() -> Self {
        Self::new(Provider::CoinPaprika, "/tickers", 300).param("quotes", "USD")
    }

    /// The most body bytes read from this endpoint: reading stops past it
    /// and the answer is a `TooLarge` failure, never parsed or cached. Each
    /// cap is several times the largest answer the endpoint sends.
    pub fn max_body_bytes(&self) -> usize {
        const MB: usize = 1_000_000;
        match (self.provider, self.path.as_str()) {
            // 250 coins with 7-day hourly sparklines: about 1.1 MB.
            (Provider::CoinGecko, "/coins/markets") => 4 * MB,
            // About 600 categories of about 1 KB.
            (Provider::CoinGecko, "/coins/categories") => 2 * MB,
            // About 250 bytes.
            (Provider::CoinGecko, "/global") => MB / 4,
            // Every coin CoinPaprika lists, about 0.7 KB each.
            (Provider::CoinPaprika, "/tickers") => 16 * MB,
            // A market chart (three daily series), klines (up to 1,000 rows of
            // about 150 bytes), candles (300 rows), one 24 h ticker.
            _ => 2 * MB,
        }
    }

    /// Binds the endpoint to a base URL, attaching `key` only where it
    /// belongs: CoinGecko's official demo host (`x-cg-demo-api-key`) or pro
    /// host (`x-cg-pro-api-key`, on pro-api.coingecko.com). Never in the URL,
    /// never to an overridden base.
    pub fn request(&self, base: &BaseUrl, key: Option<&ApiKey>) -> HttpRequest {
        let query = encode_query(&self.query);
        let cache_key = format!("{}:{}?{}", self.provider.label(), self.path, query);
        let mut headers = Vec::new();
        let base_url = match base {
            BaseUrl::Override(url) => url.trim_end_matches('/').to_owned(),
            BaseUrl::Official => match (self.provider, key) {
                (Provider::CoinGecko, Some(key)) if key.plan() == KeyPlan::Pro => {
                    headers.push(("x-cg-pro-api-key", key.expose().to_owned()));
                    "https://pro-api.coingecko.com/api/v3".to_owned()
                }
                (Provider::CoinGecko, Some(key)) => {
                    headers.push(("x-cg-demo-api-key", key.expose().to_owned()));
                    self.provider.official_base().to_owned()
                }
                _ => self.provider.official_base().to_owned(),
            },
        };
        HttpRequest {
            provider: self.provider,
            url: format!("{base_url}{}?{query}", self.path)
                .trim_end_matches('?')
                .to_owned(),
            headers,
            cache_key,
        }
    }
}

fn encode_query(params: &[(&'static str, String)]) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in params {
        s.append_pair(k, v);
    }
    s.finish()
}

/// Percent-encodes one path segment (ids come from feeds and users).
fn encode_segment(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    // "." and ".." would change the path; encode them whole.
    if out == "." || out == ".." {
        out = out.replace('.', "%2E");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(plan: KeyPlan) -> ApiKey {
        ApiKey::new(plan, "CG-secretKEY1234").unwrap()
    }

    #[test]
    fn keyless_requests_carry_no_key_header() {
        let req = Endpoint::coingecko_markets(2, 250, None).request(&BaseUrl::Official, None);
        assert!(
            req.url
                .starts_with("https://api.coingecko.com/api/v3/coins/markets?")
        );
        assert!(req.url.contains("page=2") && req.url.contains("per_page=250"));
        assert!(
            req.url
                .contains("price_change_percentage=1h%2C24h%2C7d%2C14d%2C30d%2C200d%2C1y")
        );
        assert!(req.headers.is_empty());
    }

    #[test]
    fn a_demo_key_goes_in_its_header_on_the_public_host() {
        let req =
            Endpoint::coingecko_global().request(&BaseUrl::Official, Some(&key(KeyPlan::Demo)));
        assert_eq!(req.url, "https://api.coingecko.com/api/v3/global");
        assert_eq!(
            req.headers,
            [("x-cg-demo-api-key", "CG-secretKEY1234".to_owned())]
        );
        assert!(!req.url.contains("secret"));
    }

    #[test]
    fn a_pro_key_switches_to_the_pro_host() {
        let req =
            Endpoint::coingecko_global().request(&BaseUrl::Official, Some(&key(KeyPlan::Pro)));
        assert_eq!(req.url, "https://pro-api.coingecko.com/api/v3/global");
        assert_eq!(req.headers[0].0, "x-cg-pro-api-key");
    }

    #[test]
    fn no_key_is_ever_sent_to_an_overridden_host() {
        let base = BaseUrl::Override("http://127.0.0.1:9999/cg/".into());
        for plan in [KeyPlan::Demo, KeyPlan::Pro] {
            let req = Endpoint::coingecko_global().request(&base, Some(&key(plan)));
            assert_eq!(req.url, "http://127.0.0.1:9999/cg/global");
            assert!(req.headers.is_empty());
            assert!(!format!("{req:?}").contains("secret"));
        }
    }

    #[test]
    fn a_coingecko_key_never_goes_to_another_provider() {
        let req = Endpoint::binance_daily_klines("btcusdt", 500)
            .request(&BaseUrl::Official, Some(&key(KeyPlan::Demo)));
        assert!(req.headers.is_empty());
        assert_eq!(
            req.url,
            "https://data-api.binance.vision/api/v3/klines?symbol=BTCUSDT&interval=1d&limit=500"
        );
    }

    #[test]
    fn keys_never_print() {
        let k = key(KeyPlan::Demo);
        assert_eq!(format!("{k}"), "demo key …1234");
        assert_eq!(format!("{k:?}"), "demo key …1234");
        let req = Endpoint::coingecko_global().request(&BaseUrl::Official, Some(&k));
        let printed = format!("{req:?}");
        assert!(!printed.contains("CG-secret"), "{printed}");
        assert!(!req.cache_key.contains("secret"));
    }

    #[test]
    fn keys_with_odd_characters_are_refused() {
        for bad in [
            "",
            "   ",
            "abc\r\nX-Evil: 1",
            "a b",
            "ключ",
            &"x".repeat(201),
        ] {
            assert!(ApiKey::new(KeyPlan::Demo, bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            ApiKey::new(KeyPlan::Demo, "  CG-abc_1 ").unwrap().expose(),
            "CG-abc_1"
        );
    }

    #[test]
    fn path_segments_and_parameters_are_encoded() {
        let req =
            Endpoint::coingecko_market_chart("../admin?x=1", 90).request(&BaseUrl::Official, None);
        assert!(
            req.url.starts_with(
                "https://api.coingecko.com/api/v3/coins/..%2Fadmin%3Fx%3D1/market_chart?"
            ),
            "{}",
            req.url
        );
        let dots = Endpoint::coingecko_market_chart("..", 90).request(&BaseUrl::Official, None);
        assert!(
            dots.url.contains("/coins/%2E%2E/market_chart"),
            "{}",
            dots.url
        );
        let cat = Endpoint::coingecko_markets(1, 100, Some("ai & big-data"))
            .request(&BaseUrl::Official, None);
        assert!(cat.url.ends_with("category=ai+%26+big-data"), "{}", cat.url);
    }

    #[test]
    fn cache_keys_are_the_same_for_every_host_and_key() {
        let e = Endpoint::coingecko_markets(1, 250, None);
        let a = e.request(&BaseUrl::Official, None).cache_key;
        let b = e
            .request(&BaseUrl::Official, Some(&key(KeyPlan::Pro)))
            .cache_key;
        let c = e
            .request(&BaseUrl::Override("http://127.0.0.1:1".into()), None)
            .cache_key;
        assert_eq!(a, b);
        assert_eq!(a, c);
    }
}

//! tokenlens-feeds: what comes in from price providers, and the bundled
//! offline snapshot.
//!
//! Parsing is pure Rust and tolerant of real-world mess (nulls, missing
//! fields, numbers sent as strings). A response is parsed row by row, so one
//! malformed coin becomes one [`RowError`] and never fails the whole list.
//! A body that is a provider's own error message (rate limit, unknown symbol)
//! becomes [`FeedError::Provider`], not [`FeedError::Malformed`].
//!
//! Providers and endpoints:
//! * CoinGecko: [`coingecko::markets`], [`coingecko::categories`],
//!   [`coingecko::market_chart`], [`coingecko::global`];
//! * Binance: [`binance::klines`], [`binance::ticker`];
//! * Coinbase Exchange: [`coinbase::candles`];
//! * CoinPaprika: [`coinpaprika::tickers`].

pub mod binance;
pub mod candle;
pub mod client;
pub mod coin_names;
pub mod coinbase;
pub mod coingecko;
pub mod coinpaprika;
pub mod lenient;
pub mod live_universe;
pub mod market_now;
pub mod published;
pub mod response;
pub mod series;
pub mod snapshot;

pub use candle::{Candle, closed_daily_series};
pub use coin_names::CoinNames;
pub use market_now::MarketNow;
pub use published::Latest;
pub use response::detect_provider_error;
pub use series::{Point, TimeSeries};
pub use snapshot::{CloseTable, History, MarketOverview, Snapshot, TokenMarket};

/// A response that could not be used at all.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FeedError {
    /// Not JSON, or not the shape the endpoint documents.
    #[error("malformed response from {provider}: {detail}")]
    Malformed {
        provider: &'static str,
        detail: String,
    },
    /// The provider answered with its own error body, e.g. CoinGecko's
    /// `{"status":{"error_code":429,...}}` or Binance's `{"code":-1121,"msg":...}`.
    #[error("{provider} returned an error{}: {message}", code_suffix(.code))]
    Provider {
        provider: &'static str,
        /// The provider's code (an HTTP status for CoinGecko, a negative
        /// error number for Binance) when the body carried one.
        code: Option<i64>,
        /// The provider's message, cleaned of control characters and capped.
        message: String,
    },
    /// A request that was refused before it was sent (e.g. an asset symbol
    /// no exchange could list).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
}

impl FeedError {
    /// Whether the provider said the caller is sending too many requests
    /// (HTTP 429 in the body, or Binance's `-1003 TOO_MANY_REQUESTS`).
    pub fn is_rate_limited(&self) -> bool {
        matches!(
            self,
            FeedError::Provider {
                code: Some(429 | -1003),
                ..
            }
        )
    }
}

fn code_suffix(code: &Option<i64>) -> String {
    code.map(|c| format!(" (code {c})")).unwrap_or_default()
}

/// One row of a response that could not be used, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RowError {
    /// Position of the row in the response (within its series, for
    /// responses made of several arrays).
    pub index: usize,
    /// The row's id when it could be read (a coin id, a symbol, a candle's
    /// open time, or the name of the series the row belongs to).
    pub id: Option<String>,
    pub message: String,
}

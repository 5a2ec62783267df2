//! CoinGecko v3 response models (public API, `api.coingecko.com/api/v3`).

pub mod categories;
pub mod global;
pub mod market_chart;
pub mod markets;

pub use categories::{Category, parse_categories};
pub use global::{GlobalMarket, parse_global};
pub use market_chart::{MarketChart, parse_market_chart};
pub use markets::{CoinMarket, parse_markets};

/// Provider name used in errors and provenance labels.
pub const PROVIDER: &str = "CoinGecko";

//! CoinGecko v3 response models.

pub mod markets;

pub use markets::{CoinMarket, parse_markets};

/// Provider name used in errors and provenance labels.
pub const PROVIDER: &str = "CoinGecko";

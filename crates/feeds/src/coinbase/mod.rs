//! Coinbase Exchange public market data (`api.exchange.coinbase.com`).

pub mod candles;

pub use candles::parse_candles;

/// Provider name used in errors and provenance labels.
pub const PROVIDER: &str = "Coinbase";

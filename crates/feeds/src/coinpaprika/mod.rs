//! CoinPaprika v1 response models (`api.coinpaprika.com/v1`).

pub mod tickers;

pub use tickers::{PaprikaTicker, parse_tickers};

/// Provider name used in errors and provenance labels.
pub const PROVIDER: &str = "CoinPaprika";

//! Binance spot market-data response models (`api.binance.com/api/v3`).
//!
//! Binance sends prices and quantities as decimal strings (`"0.72270000"`)
//! and times as integer milliseconds.

pub mod klines;
pub mod ticker;

pub use klines::parse_klines;
pub use ticker::{Ticker24h, parse_ticker_24hr};

/// Provider name used in errors and provenance labels.
pub const PROVIDER: &str = "Binance";

/// Whether a Binance symbol is plausible: 1–20 upper-case letters or digits
/// (`BTCUSDT`, `1000SATSUSDT`).
pub fn valid_symbol(symbol: &str) -> bool {
    (1..=20).contains(&symbol.len())
        && symbol
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

//! Per-token analysis: what the product computes from one token's price
//! history (and, where it helps, a benchmark such as BTC and market data).
//! Every formula is written down in `docs/METHODOLOGY.md`.

pub mod analyze;
pub mod backtest;
pub mod grades;
pub mod levels;
pub mod rating;
pub mod series;
pub mod signal;
pub mod summary;

pub use series::{Interval, PriceSeries};

//! tokenlens-core: the analytics library behind tokenlens.
//!
//! Everything here is plain Rust: no I/O, no clock, no wasm or web types. The
//! same code runs natively (CLI, benchmarks, tests) and inside the browser
//! through the `tokenlens-wasm` bindings.

pub mod analysis;
pub mod chart;
pub mod error;
pub mod evaluation;
pub mod format;
pub mod indicators;
pub mod market_cap;
pub mod metrics;
mod order;
pub mod universe;
pub mod watchlist;

pub use error::Error;
pub use indicators::{Candle, Indicator};
pub use market_cap::{MarketCap, MarketCapClass, MarketCapSource, MarketData};
pub use metrics::{Metrics, MetricsConfig};

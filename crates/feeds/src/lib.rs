//! tokenlens-feeds: what comes in from price providers, and the bundled
//! offline snapshot.
//!
//! Parsing is pure Rust and tolerant of real-world mess (nulls, missing
//! fields, numbers sent as strings). A response is parsed row by row, so one
//! malformed coin becomes one [`RowError`] and never fails the whole list.

pub mod client;
pub mod coingecko;
pub mod lenient;
pub mod snapshot;

pub use snapshot::{Snapshot, TokenMarket};

/// A response that could not be used at all (not JSON, or not the expected shape).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FeedError {
    #[error("malformed response from {provider}: {detail}")]
    Malformed {
        provider: &'static str,
        detail: String,
    },
}

/// One row of a response that could not be used, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RowError {
    /// Position of the row in the response.
    pub index: usize,
    /// The row's id when it could be read.
    pub id: Option<String>,
    pub message: String,
}

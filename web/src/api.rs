//! Loading data from the site's own origin.

use gloo_net::http::Request;
use tokenlens_feeds::Snapshot;

/// Path of the bundled offline snapshot, relative to the document's base URL
/// so the site works under a sub-path too.
pub const SNAPSHOT_PATH: &str = "assets/snapshot.json";

/// Why data could not be loaded, in words a visitor can act on.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The request did not complete (offline, blocked).
    Network(String),
    /// The server answered with an error status.
    Status(u16),
    /// The body was not a snapshot this version can read.
    Malformed(String),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Network(e) => write!(
                f,
                "The market data could not be loaded ({e}). Check your connection and reload"
            ),
            LoadError::Status(code) => write!(
                f,
                "The market data could not be loaded: the server answered {code}. Reload to try again"
            ),
            LoadError::Malformed(e) => {
                write!(f, "The market data is damaged and was not shown ({e})")
            }
        }
    }
}

/// Fetches and checks the bundled snapshot.
pub async fn load_snapshot() -> Result<Snapshot, LoadError> {
    let response = Request::get(SNAPSHOT_PATH)
        .send()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(LoadError::Status(response.status()));
    }
    let body = response
        .text()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))?;
    Snapshot::from_json(&body).map_err(|e| LoadError::Malformed(e.to_string()))
}

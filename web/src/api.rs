//! Loading data from the site's own origin.

use std::cell::RefCell;
use std::rc::Rc;

use futures::FutureExt;
use futures::future::{LocalBoxFuture, Shared};
use gloo_net::http::Request;
pub use tokenlens_feeds::MarketNow;
use tokenlens_feeds::{CoinNames, History, Latest, MarketOverview, Snapshot};

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

/// Path of the bundled price history of the whole universe.
pub const HISTORY_PATH: &str = "assets/history.json";

/// Fetches and checks the bundled snapshot.
pub async fn load_snapshot() -> Result<Snapshot, LoadError> {
    Snapshot::from_json(&fetch_text(SNAPSHOT_PATH).await?)
        .map_err(|e| LoadError::Malformed(e.to_string()))
}

/// Path of the bundled coin list's names (`tokenlens names`).
pub const NAMES_PATH: &str = "assets/names.json";

/// Fetches and checks the bundled coin list's names: what a page needs of
/// the coin list to name a token, a few kilobytes.
pub async fn load_names() -> Result<CoinNames, LoadError> {
    CoinNames::from_json(&fetch_text(NAMES_PATH).await?)
        .map_err(|e| LoadError::Malformed(e.to_string()))
}

type SharedHistory = Shared<LocalBoxFuture<'static, Result<Rc<History>, LoadError>>>;

thread_local! {
    /// The bundled history, fetched and parsed once for every part of the
    /// page that reads it (a megabyte of JSON: the token page, its header's
    /// date and the evidence line would otherwise each download and parse
    /// it). A failure is not kept: the next caller (a Retry) asks again.
    static HISTORY: RefCell<Option<SharedHistory>> = const { RefCell::new(None) };
}

/// Fetches and checks the bundled price history (once per page session).
pub async fn load_history() -> Result<Rc<History>, LoadError> {
    let future = HISTORY.with(|h| {
        h.borrow_mut()
            .get_or_insert_with(|| {
                async {
                    History::from_json(&fetch_text(HISTORY_PATH).await?)
                        .map(Rc::new)
                        .map_err(|e| LoadError::Malformed(e.to_string()))
                }
                .boxed_local()
                .shared()
            })
            .clone()
    });
    let result = future.await;
    if result.is_err() {
        HISTORY.with(|h| *h.borrow_mut() = None);
    }
    result
}

/// Folder of the tokens' parts of the bundled history (`tokenlens history
/// --tokens-out`), one `<SYMBOL>.json` each.
pub const TOKENS_PATH: &str = "assets/tokens/";

/// One token's part of the bundled history, its closes and BTC's: a few
/// kilobytes where the whole history is a megabyte. A symbol the history
/// does not hold is `Status(404)`. When the file cannot be fetched at all
/// (offline, and this token's file not kept by the offline copy of the
/// site, which keeps the whole history), the whole history stands in.
pub async fn load_token_history(symbol: &str) -> Result<Rc<History>, LoadError> {
    let Some(name) = tokenlens_feeds::snapshot::token_file_name(symbol) else {
        return Err(LoadError::Status(404));
    };
    match fetch_text(&format!("{TOKENS_PATH}{name}")).await {
        Ok(body) => History::from_json(&body)
            .map(Rc::new)
            .map_err(|e| LoadError::Malformed(e.to_string())),
        Err(LoadError::Network(_)) => load_history().await,
        Err(e) => Err(e),
    }
}

/// Path of the market overview of the bundled history.
pub const OVERVIEW_PATH: &str = "assets/overview.json";

/// Fetches and checks the market overview of the bundled history: what the
/// market page shows without downloading the history itself.
pub async fn load_overview() -> Result<MarketOverview, LoadError> {
    MarketOverview::from_json(&fetch_text(OVERVIEW_PATH).await?)
        .map_err(|e| LoadError::Malformed(e.to_string()))
}

/// Path of the market page's offline list (`tokenlens history --market-out`).
pub const MARKET_NOW_PATH: &str = "assets/market-now.json";

/// Fetches and checks the market page's offline list.
pub async fn load_market_now() -> Result<MarketNow, LoadError> {
    MarketNow::from_json(&fetch_text(MARKET_NOW_PATH).await?).map_err(LoadError::Malformed)
}

/// Path of what the site's data is (`tokenlens history --latest-out`).
pub const LATEST_PATH: &str = "data/latest.json";

/// The site's `data/latest.json`: the history's last date (the date of
/// every figure shown offline) and whether the published market list still
/// stands in for the providers'.
pub async fn load_latest() -> Result<Latest, LoadError> {
    Latest::from_json(&fetch_text(LATEST_PATH).await?)
        .map_err(|e| LoadError::Malformed(e.to_string()))
}

/// A file from the site's own origin, as text.
async fn fetch_text(path: &str) -> Result<String, LoadError> {
    let response = Request::get(path)
        .send()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(LoadError::Status(response.status()));
    }
    response
        .text()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))
}

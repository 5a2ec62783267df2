//! The site's published market list (`data/latest.json` and the snapshot
//! beside it), standing in for the providers' list while it is fresh: a
//! visit then asks no provider for the list, which keeps a popular copy of
//! the site within the providers' keyless limits.

use tokenlens_feeds::TokenMarket;
use tokenlens_feeds::client::feed::Loaded;
use tokenlens_feeds::published::PUBLISHED_PROVIDER;

use crate::api::{load_latest, load_snapshot};

/// The first `count` coins by rank of the published market list, as a load
/// from a provider would give them, when `data/latest.json` says the list
/// is younger than the publisher's refresh interval; `None` otherwise (then
/// the providers are asked).
pub async fn fresh_market_list(count: usize) -> Option<Loaded<Vec<TokenMarket>>> {
    let latest = load_latest().await.ok()?;
    let at = latest.fresh_markets_at(js_sys::Date::now())?;
    let snapshot = load_snapshot().await.ok()?;
    // Both files of one build, or neither is trusted.
    if snapshot.fetched_at_ms != Some(at) {
        return None;
    }
    let mut tokens = snapshot.tokens;
    tokens.sort_by_key(|t| t.rank.unwrap_or(u32::MAX));
    tokens.truncate(count);
    (!tokens.is_empty()).then(|| Loaded {
        value: tokens,
        fetched_at_ms: at,
        provider: PUBLISHED_PROVIDER.to_owned(),
        refresh_error: None,
        fallbacks: Vec::new(),
    })
}

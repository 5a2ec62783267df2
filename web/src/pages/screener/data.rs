//! The screener's data: the bundled history's screen, or the live market
//! list (1,000 coins, four pages) graded in slices so the page stays
//! responsive.

use leptos::prelude::*;
use tokenlens_core::universe::TokenError;
use tokenlens_core::universe::screen::ScreenRow;
use tokenlens_feeds::client::feed::Feed;
use tokenlens_feeds::client::{Endpoint, FetchError};
use tokenlens_feeds::coingecko::parse_markets;
use tokenlens_feeds::{MarketNow, TokenMarket, live_universe};

use super::view::Markets;
use crate::components::data_source::Provenance;
use crate::grading::{Graded, screen_in_slices};

/// The screened universe.
#[derive(Debug, Clone)]
pub struct Screened {
    pub rows: Vec<ScreenRow>,
    pub errors: Vec<TokenError>,
    /// Market figures by symbol (live data; empty for the bundled history).
    pub markets: Markets,
    pub as_of: String,
    pub provenance: Provenance,
    /// Problems that did not stop the screen (a page of the market list
    /// that failed), in words.
    pub notes: Vec<String>,
}

/// The bundled history's screen (`assets/market-now.json`, made by the
/// same core `screen` when the site was built): shown at once, with no
/// megabyte of history to download and no grading on the page's thread.
pub fn screen_bundled(market: MarketNow) -> Screened {
    Screened {
        rows: market.rows,
        errors: market.errors,
        markets: Markets::new(),
        as_of: market.as_of.clone(),
        provenance: Provenance::Snapshot {
            as_of: market.as_of,
            source: market.sources.join("; "),
            reason: None,
        },
        notes: Vec::new(),
    }
}

/// Pages of 250 coins the live screen asks CoinGecko for.
pub const LIVE_PAGES: u32 = 4;

/// Grades a live market list: each coin on its 7-day hourly sparkline, with
/// its market figures; BTC's sparkline is the benchmark. Counts in `graded`.
pub async fn screen_live(
    tokens: Vec<TokenMarket>,
    fetched_at_ms: f64,
    provider: String,
    notes: Vec<String>,
    graded: Graded,
) -> Screened {
    let last_time = (fetched_at_ms / 1e3).floor() as i64;
    let (members, mut errors) = live_universe::members(&tokens, last_time);
    let benchmark = live_universe::benchmark(&tokens, last_time);
    let (rows, more) = screen_in_slices(&members, benchmark.as_ref(), graded).await;
    errors.extend(more);
    let markets: Markets = tokens
        .into_iter()
        .map(|t| (t.symbol.to_ascii_uppercase(), t))
        .rev() // the first coin with a symbol wins, as in the universe
        .collect();
    let as_of = js_sys::Date::new(&fetched_at_ms.into())
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
        .chars()
        .take(10)
        .collect();
    Screened {
        rows,
        errors,
        markets,
        as_of,
        provenance: Provenance::Live {
            provider,
            fetched_at_ms,
            stale_reason: None,
            fallback_reason: None,
        },
        notes,
    }
}

/// Loads the live market list page by page (pages load in parallel within
/// the provider's limits; one failing page does not blank the others),
/// reporting pages done to `progress`, and grades it.
/// With `refresh`, every page is asked from the network even when a cached
/// copy is still fresh.
pub async fn load_live(
    feed: Feed,
    cancel: Option<web_sys::AbortSignal>,
    progress: RwSignal<(u32, u32)>,
    refresh: bool,
    graded: Graded,
) -> Result<Screened, String> {
    progress.try_set((0, LIVE_PAGES));
    let loads = (1..=LIVE_PAGES).map(|page| {
        let feed = feed.clone();
        let cancel = cancel.clone();
        async move {
            let endpoint = Endpoint::coingecko_markets(page, 250, None);
            let result = if refresh {
                feed.refresh(&endpoint, cancel.as_ref(), parse_markets)
                    .await
            } else {
                feed.load(&endpoint, cancel.as_ref(), parse_markets).await
            };
            progress.try_update(|p| p.0 += 1);
            (page, result)
        }
    });
    let results = futures::future::join_all(loads).await;
    let mut tokens = Vec::new();
    let mut notes = Vec::new();
    let mut oldest: Option<(f64, String)> = None;
    let mut failures = Vec::new();
    for (page, result) in results {
        match result {
            Ok(loaded) => {
                if oldest.as_ref().is_none_or(|o| loaded.fetched_at_ms < o.0) {
                    oldest = Some((loaded.fetched_at_ms, loaded.provider.clone()));
                }
                if let Some(e) = &loaded.refresh_error {
                    notes.push(format!("Page {page} is saved data: {}", e.user_message()));
                }
                tokens.extend(loaded.value.0);
            }
            Err(e) => {
                notes.push(format!(
                    "Page {page} of the market list is missing: {}",
                    e.user_message()
                ));
                failures.push(e);
            }
        }
    }
    let Some((fetched_at_ms, provider)) = oldest else {
        return Err(failures
            .first()
            .map_or_else(|| "no page answered".into(), FetchError::user_message));
    };
    Ok(screen_live(tokens, fetched_at_ms, provider, notes, graded).await)
}

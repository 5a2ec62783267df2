//! Which providers can answer what, in which order: the fallback chains.
//!
//! * The market list: CoinGecko `/coins/markets` (ranked, with sparklines
//!   and price changes), then CoinPaprika `/tickers` (keyless, fewer
//!   fields).
//! * Daily candles of an asset: Binance `{ASSET}USDT` klines, then Coinbase
//!   Exchange `{ASSET}-USD` candles.
//!
//! Every link of a chain parses into the same type, so the page does not
//! care which provider answered; the provenance label says which one did.

use crate::candle::Candle;
use crate::coinbase::parse_candles;
use crate::coingecko::parse_markets;
use crate::coinpaprika::parse_tickers;
use crate::{FeedError, RowError, TokenMarket, binance};

use super::endpoints::Endpoint;

/// Reads a body into rows and the rows that could not be read.
pub type Parser<T> = fn(&str) -> Result<(Vec<T>, Vec<RowError>), FeedError>;

/// One link of a chain: where to ask and how to read the answer.
pub type Link<T> = (Endpoint, Parser<T>);

/// The market list, best source first: the top `per_page` coins by market
/// cap from CoinGecko, else CoinPaprika's tickers (all coins it lists, by
/// rank).
pub fn market_list(per_page: u32) -> Vec<Link<TokenMarket>> {
    vec![
        (
            Endpoint::coingecko_markets(1, per_page, None),
            parse_markets,
        ),
        (Endpoint::coinpaprika_tickers(), parse_tickers),
    ]
}

/// Daily candles of `asset` (a base symbol such as `BTC`), best source
/// first: Binance against USDT, then Coinbase against USD. An asset that no
/// exchange could list (not 1–10 upper-case letters or digits) is an error,
/// not a request.
pub fn daily_candles(asset: &str, limit: u32) -> Result<Vec<Link<Candle>>, FeedError> {
    let asset = asset.trim().to_ascii_uppercase();
    let plausible = (1..=10).contains(&asset.len())
        && asset
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    let pair = format!("{asset}USDT");
    if !plausible || !binance::valid_symbol(&pair) {
        return Err(FeedError::InvalidRequest(format!(
            "asset {asset:?} is not a ticker symbol"
        )));
    }
    Ok(vec![
        (
            Endpoint::binance_daily_klines(&pair, limit),
            binance::parse_klines,
        ),
        (
            Endpoint::coinbase_daily_candles(&format!("{asset}-USD")),
            parse_candles,
        ),
    ])
}

/// The category lists that make up live narrative membership: for every
/// CoinGecko category a narrative follows, the first page (250 coins by
/// market cap) of `/coins/markets?category=…`, with the category id.
pub fn narrative_categories() -> Vec<(&'static str, Endpoint)> {
    tokenlens_core::universe::narratives::Narrative::ALL
        .into_iter()
        .flat_map(|n| n.coingecko_categories().iter().copied())
        .map(|category| {
            (
                category,
                Endpoint::coingecko_markets(1, 250, Some(category)),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::endpoints::{BaseUrl, Provider};

    fn url(endpoint: &Endpoint) -> String {
        endpoint.request(&BaseUrl::Official, None).url
    }

    #[test]
    fn the_market_list_asks_coingecko_first_then_coinpaprika() {
        let chain = market_list(250);
        let providers: Vec<Provider> = chain.iter().map(|l| l.0.provider).collect();
        assert_eq!(providers, [Provider::CoinGecko, Provider::CoinPaprika]);
        assert!(url(&chain[0].0).contains("/coins/markets?"));
        assert!(url(&chain[0].0).contains("per_page=250"));
        assert!(url(&chain[1].0).ends_with("/tickers?quotes=USD"));
    }

    #[test]
    fn each_market_link_reads_its_own_provider() {
        let chain = market_list(250);
        let gecko = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/sources/coingecko_coins_markets_usd_250_2023-07-28.json"
        ))
        .unwrap_or_default();
        let (rows, _) = (chain[0].1)(&gecko).unwrap_or_default();
        assert_eq!(rows.len(), 250);
        assert_eq!(rows[0].symbol, "BTC");
        let paprika = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/coinpaprika_tickers_documented_shape.json"
        ))
        .unwrap_or_default();
        let (rows, _) = (chain[1].1)(&paprika).unwrap_or_default();
        assert!(!rows.is_empty());
        // A body in the other provider's shape is not silently accepted.
        assert!((chain[1].1)(&gecko).map_or(true, |(rows, _)| rows.is_empty()));
    }

    #[test]
    fn candles_come_from_binance_then_coinbase() {
        let chain = daily_candles("btc", 400).unwrap_or_default();
        assert_eq!(chain.len(), 2);
        assert!(url(&chain[0].0).contains("/klines?symbol=BTCUSDT&interval=1d&limit=400"));
        assert!(url(&chain[1].0).contains("/products/BTC-USD/candles?granularity=86400"));
        let numeric = daily_candles("1000SATS", 10).unwrap_or_default();
        assert!(url(&numeric[0].0).contains("symbol=1000SATSUSDT"));
    }

    #[test]
    fn every_followed_category_is_asked_for_once() {
        let lists = narrative_categories();
        assert_eq!(lists.len(), 14);
        let ai = lists
            .iter()
            .find(|(c, _)| *c == "artificial-intelligence")
            .map(|(_, e)| url(e))
            .unwrap_or_default();
        assert!(ai.contains("category=artificial-intelligence"), "{ai}");
        assert!(ai.contains("per_page=250"));
    }

    #[test]
    fn implausible_assets_are_refused_before_any_request() {
        for bad in ["", "BTC/USD", "../x", "BTC USD", "A_VERY_LONG_TICKER"] {
            assert!(daily_candles(bad, 10).is_err(), "{bad:?}");
        }
    }
}

//! The live request of a widget: CoinGecko `/coins/markets` for its coins
//! (plus the benchmark), its category or the top coins, in its currency.

use tokenlens_feeds::client::{Endpoint, Provider};

use crate::config::Selection;
use tokenlens_core::universe::table::BENCHMARK_ID;

/// The `/coins/markets` request for a selection: the coins asked for (plus
/// the benchmark, for relative strength), a category or the top coins.
pub fn markets_endpoint(selection: &Selection, currency: &str, limit: usize) -> Endpoint {
    let mut query: Vec<(&'static str, String)> = vec![("vs_currency", currency.to_owned())];
    match selection {
        Selection::Coins(ids) => {
            let mut ids = ids.clone();
            if !ids.iter().any(|id| id == BENCHMARK_ID) {
                ids.push(BENCHMARK_ID.to_owned());
            }
            query.push(("ids", ids.join(",")));
            query.push(("per_page", ids.len().to_string()));
        }
        Selection::Category(category) => {
            query.push(("category", category.clone()));
            query.push(("order", "market_cap_desc".into()));
            query.push(("per_page", limit.to_string()));
        }
        Selection::Top => {
            query.push(("order", "market_cap_desc".into()));
            query.push(("per_page", limit.to_string()));
        }
    }
    query.push(("page", "1".into()));
    query.push(("sparkline", "true".into()));
    query.push(("price_change_percentage", "24h,7d".into()));
    Endpoint {
        provider: Provider::CoinGecko,
        path: "/coins/markets".into(),
        query,
        ttl_seconds: 120,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokenlens_feeds::client::BaseUrl;

    fn url(selection: &Selection, currency: &str, limit: usize) -> String {
        markets_endpoint(selection, currency, limit)
            .request(&BaseUrl::Official, None)
            .url
    }

    #[test]
    fn coins_are_asked_for_with_the_benchmark_once() {
        let coins = Selection::Coins(vec!["solana".into(), "dogecoin".into()]);
        assert_eq!(
            url(&coins, "eur", 10),
            "https://api.coingecko.com/api/v3/coins/markets?vs_currency=eur&ids=solana%2Cdogecoin%2Cbitcoin&per_page=3&page=1&sparkline=true&price_change_percentage=24h%2C7d"
        );
        let with_btc = Selection::Coins(vec!["bitcoin".into(), "solana".into()]);
        assert!(url(&with_btc, "usd", 10).contains("ids=bitcoin%2Csolana&per_page=2"));
    }

    #[test]
    fn categories_and_the_top_ask_for_limit_coins_by_market_cap() {
        let category = Selection::Category("layer-1".into());
        assert_eq!(
            url(&category, "usd", 7),
            "https://api.coingecko.com/api/v3/coins/markets?vs_currency=usd&category=layer-1&order=market_cap_desc&per_page=7&page=1&sparkline=true&price_change_percentage=24h%2C7d"
        );
        assert!(
            url(&Selection::Top, "jpy", 25)
                .contains("vs_currency=jpy&order=market_cap_desc&per_page=25&page=1")
        );
    }
}

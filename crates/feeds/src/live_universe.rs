//! A live market list as a universe to grade: each coin's 7-day hourly
//! sparkline is its price series (so grades rest on a week of hourly data,
//! at the lower confidence the core assigns to short histories), and its
//! market figures feed the Investor Grade and the size class.

use std::collections::HashSet;

use tokenlens_core::analysis::PriceSeries;
use tokenlens_core::universe::table::BENCHMARK_ID;
use tokenlens_core::universe::{Member, TokenError};

use crate::TokenMarket;

/// Fewest sparkline points worth grading (the grades' own minimum).
pub const MIN_POINTS: usize = 15;

/// Members keyed by upper-case symbol, in the list's order. A symbol seen
/// again (another coin with the same ticker, ranked lower) and a coin whose
/// sparkline is missing, short or invalid are errors, each with its reason.
pub fn members(tokens: &[TokenMarket], last_time: i64) -> (Vec<Member>, Vec<TokenError>) {
    let mut members = Vec::with_capacity(tokens.len());
    let mut errors = Vec::new();
    for result in each_member(tokens, last_time) {
        match result {
            Ok(member) => members.push(member),
            Err(error) => errors.push(error),
        }
    }
    (members, errors)
}

/// [`members`] one result per token, in the list's order: what a face that
/// keeps every coin as a row (graded or not) needs.
pub fn each_member(tokens: &[TokenMarket], last_time: i64) -> Vec<Result<Member, TokenError>> {
    let mut seen = HashSet::new();
    let error = |symbol: &str, code: &str, message: String| TokenError {
        symbol: symbol.to_owned(),
        code: code.into(),
        message,
    };
    tokens
        .iter()
        .map(|token| {
            let symbol = token.symbol.to_ascii_uppercase();
            if symbol.is_empty() {
                return Err(error(&token.id, "INVALID_INPUT", "no ticker symbol".into()));
            }
            if !seen.insert(symbol.clone()) {
                return Err(error(
                    &symbol,
                    "INVALID_INPUT",
                    format!("{} shares its ticker with a larger coin", token.name),
                ));
            }
            let points = token.sparkline_7d.len();
            if points < MIN_POINTS {
                return Err(error(
                    &symbol,
                    "TOO_SHORT",
                    format!("{points} sparkline prices, at least {MIN_POINTS} needed"),
                ));
            }
            match token.sparkline_series(last_time) {
                Some(series) => Ok((symbol, series, Some(token.fundamentals()))),
                None => Err(error(
                    &symbol,
                    "INVALID_INPUT",
                    "its sparkline holds a price that is not positive and finite".into(),
                )),
            }
        })
        .collect()
}

/// The benchmark's sparkline series: the coin whose id is
/// [`BENCHMARK_ID`] (a ticker is not unique on CoinGecko; an id is).
pub fn benchmark(tokens: &[TokenMarket], last_time: i64) -> Option<PriceSeries> {
    tokens
        .iter()
        .find(|t| t.id == BENCHMARK_ID)
        .filter(|t| t.sparkline_7d.len() >= MIN_POINTS)
        .and_then(|t| t.sparkline_series(last_time))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokenlens_core::analysis::Interval;
    use tokenlens_core::universe::screen::screen;

    fn coin(id: &str, symbol: &str, sparkline: Vec<f64>) -> TokenMarket {
        TokenMarket {
            id: id.into(),
            symbol: symbol.into(),
            name: id.into(),
            market_cap: Some(30e6),
            total_volume: Some(3e6),
            sparkline_7d: sparkline,
            ..TokenMarket::default()
        }
    }

    fn walk(n: usize, start: f64) -> Vec<f64> {
        (0..n)
            .map(|i| start * (1.0 + 0.01 * ((i * 7 % 11) as f64 - 5.0) / 5.0))
            .collect()
    }

    #[test]
    fn sparklines_become_hourly_series_ending_at_the_fetch_hour() {
        let t = coin("a", "AAA", walk(168, 2.0));
        let s = t.sparkline_series(1_750_000_123).unwrap();
        assert_eq!(s.interval, Interval::Hourly);
        assert_eq!(s.len(), 168);
        assert_eq!(
            *s.timestamps.last().unwrap(),
            1_750_000_123 - 1_750_000_123 % 3600
        );
        assert_eq!(s.timestamps[1] - s.timestamps[0], 3600);
        assert_eq!(s.close, t.sparkline_7d);
    }

    #[test]
    fn duplicates_short_and_broken_sparklines_are_errors_and_the_rest_grade() {
        let mut broken = walk(168, 1.0);
        broken[3] = -1.0;
        let tokens = [
            coin("alpha", "AAA", walk(168, 2.0)),
            coin("alpha-2", "aaa", walk(168, 3.0)),
            coin("short", "SHT", walk(10, 1.0)),
            coin("broken", "BRK", broken),
            coin("beta", "BBB", walk(168, 5.0)),
        ];
        let (members, errors) = members(&tokens, 1_750_000_000);
        let kept: Vec<&str> = members.iter().map(|m| m.0.as_str()).collect();
        assert_eq!(kept, ["AAA", "BBB"]);
        let failed: Vec<(&str, &str)> = errors
            .iter()
            .map(|e| (e.symbol.as_str(), e.code.as_str()))
            .collect();
        assert_eq!(
            failed,
            [
                ("AAA", "INVALID_INPUT"),
                ("SHT", "TOO_SHORT"),
                ("BRK", "INVALID_INPUT")
            ]
        );
        assert!(errors[0].message.contains("alpha-2 shares its ticker"));
        // The market cap reaches the screen: a micro cap is classed as one.
        let (rows, errs) = screen(&members, None);
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].class.map(|c| c.as_str()), Some("micro"));
        assert!(rows[0].trader_grade_confidence < 1.0);
    }

    #[test]
    fn the_benchmark_is_bitcoin_by_id_not_by_ticker() {
        let last = 1_750_000_000 - 1_750_000_000 % 3600;
        let impostor = coin("bitcoin-2", "btc", walk(168, 5.0));
        let bitcoin = coin("bitcoin", "btc", walk(168, 100.0));
        let found = benchmark(&[impostor.clone(), bitcoin], last).unwrap();
        assert_eq!(
            found.close[0], 99.0,
            "bitcoin's walk, not the impostor's (4.95)"
        );
        assert!(benchmark(&[impostor], last).is_none());
        let (members, errors) = members(&[coin("bitcoin", "btc", walk(9, 100.0))], last);
        assert!(members.is_empty() && errors[0].code == "TOO_SHORT");
    }
}

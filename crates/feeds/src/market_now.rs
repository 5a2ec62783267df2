//! The market page's offline list (`assets/market-now.json`): written by
//! `tokenlens history --market-out`, read by the site. One type for both.

use serde::{Deserialize, Serialize};
use tokenlens_core::universe::TokenError;
use tokenlens_core::universe::screen::{ScreenRow, screen};
use tokenlens_core::universe::table::{BENCHMARK_SYMBOL, pair_symbol, symbol_pair};

use crate::{CloseTable, History};

/// The market list format this code reads and writes.
pub const MARKET_NOW_FORMAT: u32 = 1;

/// Daily closes per symbol kept for the market page's 7-day sparkline.
pub const MARKET_CLOSES: usize = 8;

/// The market page's offline list, every figure of one date (`as_of`, the
/// history's last close): the screener's rows of that date, computed by the
/// same core `screen` over the same members and benchmark as the site's
/// screener (so their prices, returns, Trader Grades and signals are
/// equal), and the last [`MARKET_CLOSES`] daily closes of every symbol.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarketNow {
    /// Format version; readers refuse other versions.
    pub format: u32,
    /// The UTC date of every figure: the history's last daily close.
    pub as_of: String,
    pub sources: Vec<String>,
    pub rows: Vec<ScreenRow>,
    pub errors: Vec<TokenError>,
    /// The last daily closes of every symbol of the history.
    pub recent: CloseTable,
}

impl MarketNow {
    /// The screen of `history`'s daily closes: one member per pair
    /// (`BTCUSDT` → `BTC`), BTC's closes the benchmark, no market figures;
    /// a symbol without a single close is an error too ("no price in the
    /// bundled history"). The site's screener shows these rows offline.
    pub fn of_history(history: &History) -> Self {
        let daily = &history.daily;
        let members = daily.members();
        let benchmark = daily.series(&symbol_pair(BENCHMARK_SYMBOL));
        let (rows, mut errors) = screen(&members, benchmark.as_ref());
        errors.extend(
            daily
                .symbols
                .iter()
                .filter(|s| daily.series(s).is_none())
                .map(|s| TokenError {
                    symbol: pair_symbol(s).to_owned(),
                    code: "TOO_SHORT".into(),
                    message: "no price in the bundled history".into(),
                }),
        );
        Self {
            format: MARKET_NOW_FORMAT,
            as_of: history.as_of.clone(),
            sources: history.sources.clone(),
            rows,
            errors,
            recent: daily.tail(MARKET_CLOSES),
        }
    }

    /// Reads the file, refusing another format version or a table of recent
    /// closes whose columns do not match its symbols.
    pub fn from_json(body: &str) -> Result<Self, String> {
        let market: MarketNow = serde_json::from_str(body).map_err(|e| e.to_string())?;
        if market.format != MARKET_NOW_FORMAT {
            return Err(format!(
                "format {} is not supported (expected {MARKET_NOW_FORMAT})",
                market.format
            ));
        }
        market
            .recent
            .check()
            .map_err(|e| format!("the recent closes do not match their symbols: {e}"))?;
        Ok(market)
    }

    /// The recent closes of `symbol` (`BTC`), oldest first, gaps left out.
    pub fn closes(&self, symbol: &str) -> Vec<f64> {
        let pair = symbol_pair(symbol);
        self.recent
            .symbols
            .iter()
            .position(|s| *s == pair || s == symbol)
            .map(|i| self.recent.closes[i].iter().flatten().copied().collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokenlens_core::analysis::Interval;

    fn history() -> History {
        let n = 60;
        let column = |slope: f64| (0..n).map(|i| Some(100.0 + slope * i as f64)).collect();
        History {
            format: crate::snapshot::HISTORY_FORMAT,
            as_of: "2025-06-12".into(),
            sources: vec!["test".into()],
            daily: CloseTable {
                interval: Interval::Daily,
                start: 1_744_416_000,
                rows: n,
                symbols: vec!["BTCUSDT".into(), "ETHUSDT".into()],
                closes: vec![column(1.0), column(-0.5)],
            },
            hourly: None,
        }
    }

    #[test]
    fn round_trips_and_keeps_the_last_closes() {
        let market = MarketNow::of_history(&history());
        assert_eq!(market.recent.rows, MARKET_CLOSES);
        assert_eq!(market.closes("BTC").last(), Some(&159.0));
        assert_eq!(market.closes("ETH").len(), MARKET_CLOSES);
        assert!(market.closes("DOGE").is_empty());
        let json = serde_json::to_string(&market).unwrap();
        assert_eq!(MarketNow::from_json(&json).unwrap(), market);
    }

    #[test]
    fn refuses_another_format_and_columns_that_do_not_match() {
        let market = MarketNow::of_history(&history());
        let newer = MarketNow {
            format: 2,
            ..market.clone()
        };
        let text = serde_json::to_string(&newer).unwrap();
        assert!(
            MarketNow::from_json(&text)
                .unwrap_err()
                .contains("format 2")
        );
        let mut broken = market;
        broken.recent.closes.pop();
        let text = serde_json::to_string(&broken).unwrap();
        assert!(
            MarketNow::from_json(&text)
                .unwrap_err()
                .contains("do not match")
        );
    }

    #[test]
    fn a_symbol_without_a_close_is_an_error_not_a_row() {
        let mut history = history();
        history.daily.symbols.push("GONEUSDT".into());
        history.daily.closes.push(vec![None; history.daily.rows]);
        let market = MarketNow::of_history(&history);
        let symbols: Vec<&str> = market.rows.iter().map(|r| r.symbol.as_str()).collect();
        assert!(symbols.contains(&"BTC") && symbols.contains(&"ETH"));
        assert!(!symbols.contains(&"GONE"));
        let gone: Vec<_> = market
            .errors
            .iter()
            .filter(|e| e.symbol == "GONE")
            .collect();
        assert_eq!(gone.len(), 1, "{:?}", market.errors);
        assert_eq!(gone[0].message, "no price in the bundled history");
    }
}

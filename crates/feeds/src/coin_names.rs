//! `assets/names.json`: the bundled coin list's names, what the site's pages
//! need of the coin list (a token's name beside its symbol, the header
//! search) without its market figures. Written by `tokenlens names`, read
//! by the site. One type for both.

use serde::{Deserialize, Serialize};

use crate::{FeedError, Snapshot};

/// The names format this code reads and writes.
pub const NAMES_FORMAT: u32 = 1;

/// Symbols (upper-case) and names of a coin list, highest market cap first;
/// where two coins share a symbol, the higher-ranked one alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoinNames {
    /// Format version; readers refuse other versions.
    pub format: u32,
    /// The coin list's date and where it came from.
    pub as_of: String,
    pub source: String,
    /// `(symbol, name)`, by rank (unranked coins last, in list order).
    pub coins: Vec<(String, String)>,
}

impl CoinNames {
    /// The names of `snapshot`'s coins, by rank.
    pub fn of_snapshot(snapshot: &Snapshot) -> Self {
        let mut tokens: Vec<_> = snapshot.tokens.iter().collect();
        tokens.sort_by_key(|t| t.rank.unwrap_or(u32::MAX));
        let mut coins: Vec<(String, String)> = Vec::with_capacity(tokens.len());
        for t in tokens {
            let symbol = t.symbol.to_ascii_uppercase();
            if !coins.iter().any(|(s, _)| *s == symbol) {
                coins.push((symbol, t.name.clone()));
            }
        }
        Self {
            format: NAMES_FORMAT,
            as_of: snapshot.as_of.clone(),
            source: snapshot.source.clone(),
            coins,
        }
    }

    /// Reads `names.json`, refusing an unknown format version.
    pub fn from_json(body: &str) -> Result<Self, FeedError> {
        let malformed = |detail: String| FeedError::Malformed {
            provider: "names.json",
            detail,
        };
        let names: CoinNames = serde_json::from_str(body).map_err(|e| malformed(e.to_string()))?;
        if names.format != NAMES_FORMAT {
            return Err(malformed(format!(
                "format {} is not supported (expected {NAMES_FORMAT})",
                names.format
            )));
        }
        Ok(names)
    }

    /// The name of `symbol` (any case).
    pub fn name(&self, symbol: &str) -> Option<&str> {
        self.coins
            .iter()
            .find(|(s, _)| s.eq_ignore_ascii_case(symbol))
            .map(|(_, n)| n.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_by_rank_the_first_of_a_symbol_and_read_back() {
        let body = r#"{"format":1,"as_of":"2023-07-28","source":"test","tokens":[
            {"id":"b","symbol":"eth","name":"Ethereum","rank":2},
            {"id":"x","symbol":"eth","name":"Ether Clone","rank":900},
            {"id":"a","symbol":"btc","name":"Bitcoin","rank":1},
            {"id":"n","symbol":"new","name":"Unranked"}]}"#;
        let snapshot = Snapshot::from_json(body).unwrap();
        let names = CoinNames::of_snapshot(&snapshot);
        let symbols: Vec<&str> = names.coins.iter().map(|(s, _)| s.as_str()).collect();
        assert_eq!(symbols, ["BTC", "ETH", "NEW"]);
        assert_eq!(names.name("eth"), Some("Ethereum"));
        assert_eq!(names.name("DOGE"), None);
        assert_eq!(
            (names.as_of.as_str(), names.source.as_str()),
            ("2023-07-28", "test")
        );
        let json = serde_json::to_string(&names).unwrap();
        assert_eq!(CoinNames::from_json(&json).unwrap(), names);
        let newer = json.replace("\"format\":1", "\"format\":2");
        assert!(
            CoinNames::from_json(&newer)
                .unwrap_err()
                .to_string()
                .contains("format 2")
        );
    }
}

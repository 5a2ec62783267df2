//! A visitor's watchlist: the tokens they follow and the alert rules set on
//! each, as stored and as exchanged in a file.
//!
//! The list is plain data with one validation ([`Watchlist::validated`]), so
//! a stored or imported list that breaks a rule (an unknown format, a
//! malformed or repeated symbol, a threshold off the 0–100 grade scale) is a
//! typed [`Error`] naming the offending entry, never a partial list.
//! [`alerts::evaluate`] compares two observations of the watched tokens and
//! says which rules fire.

pub mod alerts;

use serde::{Deserialize, Serialize};

use crate::Error;

/// The watchlist format this code reads and writes.
pub const WATCHLIST_FORMAT: u32 = 1;
/// Longest symbol accepted (exchange tickers are far shorter).
pub const MAX_SYMBOL_LEN: usize = 20;
/// Most tokens a list may hold.
pub const MAX_TOKENS: usize = 1_000;

/// Which grade a threshold watches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GradeKind {
    Trader,
    Investor,
}

impl GradeKind {
    pub fn name(self) -> &'static str {
        match self {
            GradeKind::Trader => "Trader Grade",
            GradeKind::Investor => "Investor Grade",
        }
    }
}

/// Which way a grade must cross its threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Crossing {
    /// From below the level to at or above it.
    Above,
    /// From at or above the level to below it.
    Below,
}

/// A grade threshold rule.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GradeThreshold {
    pub grade: GradeKind,
    pub crossing: Crossing,
    /// On the grade's 0–100 scale.
    pub level: f64,
}

/// The alert rules of one token. Both are off by default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertRules {
    #[serde(default)]
    pub threshold: Option<GradeThreshold>,
    /// Alert when the signal changes state (bullish, bearish, neutral).
    #[serde(default)]
    pub signal_flips: bool,
}

/// One watched token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WatchEntry {
    /// Upper-case base asset (`BTC`).
    pub symbol: String,
    #[serde(default)]
    pub alerts: AlertRules,
}

/// The watched tokens, in the order they were added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Watchlist {
    pub format: u32,
    pub tokens: Vec<WatchEntry>,
}

impl Default for Watchlist {
    fn default() -> Self {
        Self {
            format: WATCHLIST_FORMAT,
            tokens: Vec::new(),
        }
    }
}

/// Whether `symbol` is a plausible ticker: 1–20 upper-case ASCII letters
/// and digits.
pub fn valid_symbol(symbol: &str) -> bool {
    !symbol.is_empty()
        && symbol.len() <= MAX_SYMBOL_LEN
        && symbol
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

impl Watchlist {
    /// The list if it keeps every rule: this format, at most
    /// [`MAX_TOKENS`] tokens, valid symbols each listed once, and
    /// thresholds on the 0–100 scale.
    pub fn validated(self) -> Result<Self, Error> {
        if self.format != WATCHLIST_FORMAT {
            return Err(Error::InvalidInput {
                field: "format",
                value: format!("{} (this version reads {WATCHLIST_FORMAT})", self.format),
            });
        }
        if self.tokens.len() > MAX_TOKENS {
            return Err(Error::InvalidInput {
                field: "tokens",
                value: format!("{} tokens (at most {MAX_TOKENS})", self.tokens.len()),
            });
        }
        for (i, entry) in self.tokens.iter().enumerate() {
            if !valid_symbol(&entry.symbol) {
                return Err(Error::InvalidInput {
                    field: "symbol",
                    value: format!(
                        "token {}: {:?} is not an upper-case ticker of at most {MAX_SYMBOL_LEN} letters and digits",
                        i + 1,
                        entry.symbol.chars().take(40).collect::<String>()
                    ),
                });
            }
            if self.tokens[..i].iter().any(|e| e.symbol == entry.symbol) {
                return Err(Error::InvalidInput {
                    field: "symbol",
                    value: format!("token {}: {} is listed twice", i + 1, entry.symbol),
                });
            }
            if let Some(t) = entry.alerts.threshold
                && !(t.level.is_finite() && (0.0..=100.0).contains(&t.level))
            {
                return Err(Error::InvalidInput {
                    field: "threshold",
                    value: format!(
                        "token {} ({}): {} is not on the 0–100 grade scale",
                        i + 1,
                        entry.symbol,
                        t.level
                    ),
                });
            }
        }
        Ok(self)
    }

    pub fn contains(&self, symbol: &str) -> bool {
        self.tokens.iter().any(|e| e.symbol == symbol)
    }

    pub fn get(&self, symbol: &str) -> Option<&WatchEntry> {
        self.tokens.iter().find(|e| e.symbol == symbol)
    }

    /// Adds `symbol` without rules; `false` when it is already listed.
    pub fn add(&mut self, symbol: &str) -> Result<bool, Error> {
        if !valid_symbol(symbol) {
            return Err(Error::InvalidInput {
                field: "symbol",
                value: symbol.chars().take(40).collect(),
            });
        }
        if self.contains(symbol) {
            return Ok(false);
        }
        if self.tokens.len() >= MAX_TOKENS {
            return Err(Error::InvalidInput {
                field: "tokens",
                value: format!("the list already holds {MAX_TOKENS} tokens"),
            });
        }
        self.tokens.push(WatchEntry {
            symbol: symbol.to_owned(),
            alerts: AlertRules::default(),
        });
        Ok(true)
    }

    /// Removes `symbol`; `false` when it was not listed.
    pub fn remove(&mut self, symbol: &str) -> bool {
        let before = self.tokens.len();
        self.tokens.retain(|e| e.symbol != symbol);
        self.tokens.len() != before
    }

    /// Sets the alert rules of a listed token; `false` when it is not listed.
    pub fn set_alerts(&mut self, symbol: &str, alerts: AlertRules) -> Result<bool, Error> {
        if let Some(t) = alerts.threshold
            && !(t.level.is_finite() && (0.0..=100.0).contains(&t.level))
        {
            return Err(Error::InvalidInput {
                field: "threshold",
                value: format!("{}: {} is not on the 0–100 grade scale", symbol, t.level),
            });
        }
        Ok(match self.tokens.iter_mut().find(|e| e.symbol == symbol) {
            Some(e) => {
                e.alerts = alerts;
                true
            }
            None => false,
        })
    }

    /// Merges a validated `other` into this list: its new tokens are added
    /// at the end and its rules replace those of tokens already listed.
    /// Returns how many tokens were added. Nothing changes on an error.
    pub fn merge(&mut self, other: Watchlist) -> Result<usize, Error> {
        let other = other.validated()?;
        let mut merged = self.clone();
        let mut added = 0;
        for entry in other.tokens {
            match merged.tokens.iter_mut().find(|e| e.symbol == entry.symbol) {
                Some(e) => e.alerts = entry.alerts,
                None => {
                    merged.tokens.push(entry);
                    added += 1;
                }
            }
        }
        *self = merged.validated()?;
        Ok(added)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(symbols: &[&str]) -> Watchlist {
        let mut w = Watchlist::default();
        for s in symbols {
            assert_eq!(w.add(s), Ok(true));
        }
        w
    }

    #[test]
    fn add_and_remove_keep_order_and_refuse_duplicates() {
        let mut w = list(&["BTC", "ETH", "SOL"]);
        assert_eq!(w.add("ETH"), Ok(false));
        assert!(w.remove("ETH"));
        assert!(!w.remove("ETH"));
        let symbols: Vec<&str> = w.tokens.iter().map(|e| e.symbol.as_str()).collect();
        assert_eq!(symbols, ["BTC", "SOL"]);
        assert!(w.add("btc").is_err());
        assert!(w.add("").is_err());
        assert!(w.add("<script>").is_err());
    }

    #[test]
    fn validation_names_the_broken_entry() {
        let mut w = list(&["BTC", "ETH"]);
        w.tokens.push(WatchEntry {
            symbol: "BTC".into(),
            alerts: AlertRules::default(),
        });
        let e = w.clone().validated().unwrap_err();
        assert_eq!(e.code(), "INVALID_INPUT");
        assert!(
            e.to_string().contains("token 3: BTC is listed twice"),
            "{e}"
        );

        w.tokens.pop();
        w.tokens[1].alerts.threshold = Some(GradeThreshold {
            grade: GradeKind::Trader,
            crossing: Crossing::Above,
            level: 120.0,
        });
        let e = w.clone().validated().unwrap_err();
        assert!(e.to_string().contains("token 2 (ETH): 120"), "{e}");

        w.tokens[1].alerts.threshold = None;
        w.format = 2;
        assert!(w.validated().unwrap_err().to_string().contains("format"));
    }

    #[test]
    fn merge_adds_new_tokens_updates_rules_and_changes_nothing_on_error() {
        let mut w = list(&["BTC", "ETH"]);
        let mut other = list(&["ETH", "DOGE"]);
        other.tokens[0].alerts.signal_flips = true;
        assert_eq!(w.merge(other), Ok(1));
        let symbols: Vec<&str> = w.tokens.iter().map(|e| e.symbol.as_str()).collect();
        assert_eq!(symbols, ["BTC", "ETH", "DOGE"]);
        assert!(w.get("ETH").is_some_and(|e| e.alerts.signal_flips));

        let before = w.clone();
        let mut bad = list(&["ADA"]);
        bad.tokens.push(WatchEntry {
            symbol: "not a ticker".into(),
            alerts: AlertRules::default(),
        });
        assert!(w.merge(bad).is_err());
        assert_eq!(w, before);
    }

    #[test]
    fn json_round_trips_and_rejects_unknown_fields() {
        let mut w = list(&["BTC"]);
        assert_eq!(
            w.set_alerts(
                "BTC",
                AlertRules {
                    threshold: Some(GradeThreshold {
                        grade: GradeKind::Investor,
                        crossing: Crossing::Below,
                        level: 40.0,
                    }),
                    signal_flips: true,
                },
            ),
            Ok(true)
        );
        let text = serde_json::to_string(&w).unwrap();
        let back: Watchlist = serde_json::from_str(&text).unwrap();
        assert_eq!(back.validated(), Ok(w));
        assert!(serde_json::from_str::<Watchlist>(r#"{"format":1,"tokens":[],"x":1}"#).is_err());
        let minimal: Watchlist =
            serde_json::from_str(r#"{"format":1,"tokens":[{"symbol":"ETH"}]}"#).unwrap();
        assert_eq!(minimal.tokens[0].alerts, AlertRules::default());
    }

    #[test]
    fn set_alerts_refuses_a_threshold_off_the_scale() {
        let mut w = list(&["BTC"]);
        let rules = AlertRules {
            threshold: Some(GradeThreshold {
                grade: GradeKind::Trader,
                crossing: Crossing::Above,
                level: f64::NAN,
            }),
            signal_flips: false,
        };
        assert!(w.set_alerts("BTC", rules).is_err());
        assert_eq!(w.get("BTC").map(|e| e.alerts), Some(AlertRules::default()));
        assert_eq!(w.set_alerts("ETH", AlertRules::default()), Ok(false));
    }
}

//! Alerts on watched tokens: what changed between the last observation the
//! visitor's device saw and the current one.
//!
//! [`evaluate`] is pure: given the previous and the current [`Seen`] state
//! and the watchlist's rules, it returns the alerts that fire, in the
//! list's order. A rule fires only on a change between two observations of
//! the same token, so a token seen for the first time never alerts:
//!
//! * a threshold crossing **above** fires when the grade was below the
//!   level and is now at or above it; **below**, when it was at or above and
//!   is now below (a missing grade on either side fires nothing);
//! * a **signal flip** fires when the signal state differs and neither
//!   side is still in its warm-up (`unknown`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Crossing, GradeKind, Watchlist};
use crate::analysis::signal::SignalState;

/// One token as observed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeenToken {
    /// The date of the data observed (UTC, `YYYY-MM-DD`).
    pub date: String,
    pub trader_grade: f64,
    pub investor_grade: Option<f64>,
    pub signal: SignalState,
}

impl SeenToken {
    fn grade(&self, kind: GradeKind) -> Option<f64> {
        match kind {
            GradeKind::Trader => Some(self.trader_grade),
            GradeKind::Investor => self.investor_grade,
        }
        .filter(|g| g.is_finite())
    }
}

/// The watched tokens as observed, by symbol.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Seen {
    pub tokens: BTreeMap<String, SeenToken>,
}

/// Why an alert fired.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AlertReason {
    Threshold {
        grade: GradeKind,
        crossing: Crossing,
        level: f64,
        from: f64,
        to: f64,
    },
    SignalFlip {
        from: SignalState,
        to: SignalState,
    },
}

/// One alert.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Alert {
    pub symbol: String,
    /// The date of the data that fired it.
    pub date: String,
    pub reason: AlertReason,
}

impl Alert {
    /// The alert in words: "ETH: Trader Grade crossed above 60 (52 → 64)".
    pub fn message(&self) -> String {
        match &self.reason {
            AlertReason::Threshold {
                grade,
                crossing,
                level,
                from,
                to,
            } => {
                let way = match crossing {
                    Crossing::Above => "above",
                    Crossing::Below => "below",
                };
                format!(
                    "{}: {} crossed {way} {level:.0} ({from:.0} → {to:.0})",
                    self.symbol,
                    grade.name()
                )
            }
            AlertReason::SignalFlip { from, to } => {
                format!("{}: signal flipped from {from} to {to}", self.symbol)
            }
        }
    }
}

/// The alerts `watchlist`'s rules fire between `previous` and `current`.
pub fn evaluate(previous: &Seen, current: &Seen, watchlist: &Watchlist) -> Vec<Alert> {
    let mut alerts = Vec::new();
    for entry in &watchlist.tokens {
        let (Some(before), Some(now)) = (
            previous.tokens.get(&entry.symbol),
            current.tokens.get(&entry.symbol),
        ) else {
            continue;
        };
        if let Some(t) = entry.alerts.threshold
            && let (Some(from), Some(to)) = (before.grade(t.grade), now.grade(t.grade))
        {
            let crossed = match t.crossing {
                Crossing::Above => from < t.level && to >= t.level,
                Crossing::Below => from >= t.level && to < t.level,
            };
            if crossed {
                alerts.push(Alert {
                    symbol: entry.symbol.clone(),
                    date: now.date.clone(),
                    reason: AlertReason::Threshold {
                        grade: t.grade,
                        crossing: t.crossing,
                        level: t.level,
                        from,
                        to,
                    },
                });
            }
        }
        if entry.alerts.signal_flips
            && before.signal != now.signal
            && before.signal != SignalState::Unknown
            && now.signal != SignalState::Unknown
        {
            alerts.push(Alert {
                symbol: entry.symbol.clone(),
                date: now.date.clone(),
                reason: AlertReason::SignalFlip {
                    from: before.signal,
                    to: now.signal,
                },
            });
        }
    }
    alerts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::watchlist::{AlertRules, GradeThreshold};

    fn seen(tokens: &[(&str, f64, Option<f64>, SignalState)]) -> Seen {
        Seen {
            tokens: tokens
                .iter()
                .map(|&(s, t, i, signal)| {
                    (
                        s.to_owned(),
                        SeenToken {
                            date: "2025-06-12".into(),
                            trader_grade: t,
                            investor_grade: i,
                            signal,
                        },
                    )
                })
                .collect(),
        }
    }

    /// A token's rules: its symbol, an optional threshold, signal flips.
    type Rule<'a> = (&'a str, Option<(GradeKind, Crossing, f64)>, bool);

    fn watch(rules: &[Rule<'_>]) -> Watchlist {
        let mut w = Watchlist::default();
        for &(s, t, flips) in rules {
            w.add(s).unwrap();
            let threshold = t.map(|(grade, crossing, level)| GradeThreshold {
                grade,
                crossing,
                level,
            });
            w.set_alerts(
                s,
                AlertRules {
                    threshold,
                    signal_flips: flips,
                },
            )
            .unwrap();
        }
        w
    }

    use GradeKind::{Investor, Trader};
    use SignalState::{Bearish, Bullish, Neutral, Unknown};

    #[test]
    fn a_crossing_fires_only_in_its_direction() {
        let above = watch(&[("ETH", Some((Trader, Crossing::Above, 60.0)), false)]);
        let below = watch(&[("ETH", Some((Trader, Crossing::Below, 60.0)), false)]);
        let low = seen(&[("ETH", 52.0, None, Bullish)]);
        let high = seen(&[("ETH", 60.0, None, Bullish)]);
        let fired = evaluate(&low, &high, &above);
        assert_eq!(fired.len(), 1);
        assert_eq!(
            fired[0].message(),
            "ETH: Trader Grade crossed above 60 (52 → 60)"
        );
        assert!(evaluate(&high, &low, &above).is_empty());
        assert!(evaluate(&low, &high, &below).is_empty());
        let fired = evaluate(&high, &low, &below);
        assert_eq!(
            fired[0].message(),
            "ETH: Trader Grade crossed below 60 (60 → 52)"
        );
        // Staying on one side fires nothing.
        assert!(evaluate(&high, &high, &above).is_empty());
        assert!(evaluate(&low, &low, &below).is_empty());
    }

    #[test]
    fn an_investor_grade_threshold_needs_both_grades() {
        let w = watch(&[("BTC", Some((Investor, Crossing::Above, 50.0)), false)]);
        let none = seen(&[("BTC", 10.0, None, Bullish)]);
        let low = seen(&[("BTC", 10.0, Some(40.0), Bullish)]);
        let high = seen(&[("BTC", 10.0, Some(55.0), Bullish)]);
        assert!(evaluate(&none, &high, &w).is_empty());
        assert!(evaluate(&low, &none, &w).is_empty());
        let fired = evaluate(&low, &high, &w);
        assert_eq!(
            fired,
            vec![Alert {
                symbol: "BTC".into(),
                date: "2025-06-12".into(),
                reason: AlertReason::Threshold {
                    grade: Investor,
                    crossing: Crossing::Above,
                    level: 50.0,
                    from: 40.0,
                    to: 55.0,
                },
            }]
        );
    }

    #[test]
    fn signal_flips_fire_between_known_states_only() {
        let w = watch(&[("SOL", None, true)]);
        let bull = seen(&[("SOL", 50.0, None, Bullish)]);
        let bear = seen(&[("SOL", 50.0, None, Bearish)]);
        let neutral = seen(&[("SOL", 50.0, None, Neutral)]);
        let warming = seen(&[("SOL", 50.0, None, Unknown)]);
        assert_eq!(
            evaluate(&bull, &bear, &w)[0].message(),
            "SOL: signal flipped from bullish to bearish"
        );
        assert_eq!(evaluate(&neutral, &bull, &w).len(), 1);
        assert!(evaluate(&bull, &bull, &w).is_empty());
        assert!(evaluate(&warming, &bull, &w).is_empty());
        assert!(evaluate(&bull, &warming, &w).is_empty());
        // Rules off: nothing fires.
        assert!(evaluate(&bull, &bear, &watch(&[("SOL", None, false)])).is_empty());
    }

    #[test]
    fn first_sightings_and_unwatched_tokens_never_alert() {
        let w = watch(&[("ETH", Some((Trader, Crossing::Above, 60.0)), true)]);
        let before = seen(&[("BTC", 10.0, None, Bearish)]);
        let now = seen(&[("BTC", 90.0, None, Bullish), ("ETH", 90.0, None, Bullish)]);
        assert!(evaluate(&Seen::default(), &now, &w).is_empty());
        assert!(evaluate(&before, &now, &w).is_empty());
    }

    #[test]
    fn both_rules_can_fire_in_list_order() {
        let w = watch(&[
            ("SOL", None, true),
            ("ETH", Some((Trader, Crossing::Below, 50.0)), true),
        ]);
        let before = seen(&[("ETH", 70.0, None, Bullish), ("SOL", 40.0, None, Bearish)]);
        let now = seen(&[("ETH", 30.0, None, Bearish), ("SOL", 45.0, None, Bullish)]);
        let messages: Vec<String> = evaluate(&before, &now, &w)
            .iter()
            .map(Alert::message)
            .collect();
        assert_eq!(
            messages,
            [
                "SOL: signal flipped from bearish to bullish",
                "ETH: Trader Grade crossed below 50 (70 → 30)",
                "ETH: signal flipped from bullish to bearish",
            ]
        );
    }

    #[test]
    fn seen_state_round_trips_through_json() {
        let s = seen(&[("ETH", 61.5, Some(44.0), Neutral)]);
        let text = serde_json::to_string(&s).unwrap();
        assert_eq!(serde_json::from_str::<Seen>(&text).unwrap(), s);
    }
}

//! Failure patterns worth telling the visitor about.
//!
//! One failed request is routine (the transport retries it and the page
//! shows saved data); a pattern is not: a key refused again and again may be
//! revoked or mistyped, rate limits that keep coming mean the refresh is too
//! eager for a keyless plan, a provider that fails every attempt is down, and
//! requests that never get an answer point at a block (network, extension,
//! region). [`Health`] keeps the recent outcome of every request attempt per
//! provider and turns those patterns into [`Alert`]s, each with a sentence
//! saying what the visitor can do.
//!
//! Pure and clock-free (callers pass the time), so it is tested natively.

use std::collections::{HashMap, VecDeque};

use super::endpoints::Provider;
use super::failure::{FetchErrorKind, human_duration};

/// Attempts remembered per provider.
pub const REMEMBERED: usize = 50;
/// How far back the windowed patterns look.
pub const WINDOW_MS: f64 = 10.0 * 60_000.0;
/// Refusals of the key in a row that make an alert.
pub const KEY_REFUSALS: usize = 2;
/// Rate limits within [`WINDOW_MS`] that make an alert.
pub const RATE_LIMITS: usize = 3;
/// Server errors or timeouts in a row that make an alert.
pub const OUTAGE_RUN: usize = 3;
/// Unanswered requests in a row that make an alert.
pub const BLOCKED_RUN: usize = 2;
/// Unreadable answers within [`WINDOW_MS`] that make an alert.
pub const MALFORMED: usize = 2;

/// The outcome of one request attempt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Attempt {
    pub at_ms: f64,
    /// `None` for a success.
    pub failure: Option<FetchErrorKind>,
    /// Whether the request carried the visitor's API key.
    pub with_key: bool,
}

/// A pattern of failures, by what it most likely means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pattern {
    /// The key was refused on consecutive requests.
    KeyRefused,
    /// Many rate limits in a short time.
    RateLimitedRepeatedly,
    /// Every recent attempt failed with a server error or a timeout.
    ProviderDown,
    /// Requests never get an answer the page may read.
    Blocked,
    /// Answers arrive but cannot be read.
    MalformedRepeatedly,
}

/// One pattern seen at one provider.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Alert {
    pub provider: Provider,
    pub pattern: Pattern,
    /// How many attempts make up the pattern.
    pub count: usize,
    /// When the first of them happened (Unix ms).
    pub since_ms: f64,
}

impl Alert {
    /// What happened and what the visitor can do, in one or two sentences.
    /// `now_ms` dates the pattern ("for 4 min").
    pub fn message(&self, now_ms: f64) -> String {
        let p = self.provider.label();
        let n = self.count;
        let span = human_duration((now_ms - self.since_ms).max(0.0));
        match self.pattern {
            Pattern::KeyRefused => format!(
                "{p} refused your API key {n} times in a row. It may have been revoked, \
                 expired or mistyped: replace or forget it in Settings. Until then requests \
                 go without it, at the keyless limit."
            ),
            Pattern::RateLimitedRepeatedly => format!(
                "{p} limited requests {n} times in the last {span}. Refreshing less often, \
                 or adding an API key in Settings, keeps data flowing."
            ),
            Pattern::ProviderDown => format!(
                "{p} has failed the last {n} attempts (for {span}); it looks down. Other \
                 sources and saved data are used meanwhile."
            ),
            Pattern::Blocked => format!(
                "{p} could not be reached {n} times in a row. An ad blocker, a privacy \
                 extension, a company network or a regional restriction may block it; \
                 saved data is shown."
            ),
            Pattern::MalformedRepeatedly => format!(
                "{p} sent {n} answers in the last {span} that could not be read; they were \
                 not shown or saved. If it persists, its format may have changed."
            ),
        }
    }
}

/// Recent attempts per provider.
#[derive(Debug, Clone, Default)]
pub struct Health {
    attempts: HashMap<Provider, VecDeque<Attempt>>,
}

impl Health {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one attempt (the oldest is forgotten beyond [`REMEMBERED`]).
    /// Cancelled requests say nothing about the provider and are ignored.
    pub fn record(&mut self, provider: Provider, attempt: Attempt) {
        if attempt.failure == Some(FetchErrorKind::Cancelled) {
            return;
        }
        let log = self.attempts.entry(provider).or_default();
        if log.len() == REMEMBERED {
            log.pop_front();
        }
        log.push_back(attempt);
    }

    /// Forgets the key refusals (after the visitor replaced or forgot the
    /// key, the old key's record no longer applies).
    pub fn key_changed(&mut self) {
        for log in self.attempts.values_mut() {
            log.retain(|a| !(a.with_key && a.failure == Some(FetchErrorKind::Unauthorized)));
        }
    }

    /// Whether some provider's latest attempt never got an answer the page
    /// may read (no network, a block): one is enough for a page to fall
    /// back to its bundled data while the retries go on.
    pub fn unanswered(&self) -> bool {
        self.attempts.values().any(|log| {
            log.back()
                .is_some_and(|a| a.failure == Some(FetchErrorKind::Blocked))
        })
    }

    /// Whether `provider` refused the key on the latest [`KEY_REFUSALS`]
    /// attempts that carried it, in a row: the transport then stops
    /// sending it until the visitor sets a key again.
    pub fn key_refused(&self, provider: Provider) -> bool {
        self.attempts.get(&provider).is_some_and(|log| {
            trailing(log, |a| {
                a.with_key && a.failure == Some(FetchErrorKind::Unauthorized)
            })
            .len()
                >= KEY_REFUSALS
        })
    }

    /// The patterns present at `now_ms`, in a stable order (by provider,
    /// then pattern).
    pub fn alerts(&self, now_ms: f64) -> Vec<Alert> {
        let mut out = Vec::new();
        let mut providers: Vec<&Provider> = self.attempts.keys().collect();
        providers.sort_by_key(|p| p.label());
        for &provider in providers {
            let log = &self.attempts[&provider];
            let alert = |pattern, run: &[&Attempt]| Alert {
                provider,
                pattern,
                count: run.len(),
                since_ms: run.first().map_or(now_ms, |a| a.at_ms),
            };
            // Runs: the latest attempts, all failing the same way.
            let key_run = trailing(log, |a| {
                a.with_key && a.failure == Some(FetchErrorKind::Unauthorized)
            });
            if key_run.len() >= KEY_REFUSALS {
                out.push(alert(Pattern::KeyRefused, &key_run));
            }
            let windowed = |kind| -> Vec<&Attempt> {
                log.iter()
                    .filter(|a| a.failure == Some(kind) && now_ms - a.at_ms <= WINDOW_MS)
                    .collect()
            };
            let limits = windowed(FetchErrorKind::RateLimited);
            if limits.len() >= RATE_LIMITS {
                out.push(alert(Pattern::RateLimitedRepeatedly, &limits));
            }
            let down = trailing(log, |a| {
                matches!(
                    a.failure,
                    Some(FetchErrorKind::Outage | FetchErrorKind::Timeout)
                )
            });
            if down.len() >= OUTAGE_RUN {
                out.push(alert(Pattern::ProviderDown, &down));
            }
            let blocked = trailing(log, |a| a.failure == Some(FetchErrorKind::Blocked));
            if blocked.len() >= BLOCKED_RUN {
                out.push(alert(Pattern::Blocked, &blocked));
            }
            let malformed = windowed(FetchErrorKind::Malformed);
            if malformed.len() >= MALFORMED {
                out.push(alert(Pattern::MalformedRepeatedly, &malformed));
            }
        }
        out
    }
}

/// The longest run of latest attempts that all match, oldest first.
fn trailing(log: &VecDeque<Attempt>, matches: impl Fn(&Attempt) -> bool) -> Vec<&Attempt> {
    let mut run: Vec<&Attempt> = log.iter().rev().take_while(|a| matches(a)).collect();
    run.reverse();
    run
}

#[cfg(test)]
mod tests {
    use super::*;
    use FetchErrorKind::*;

    const MIN: f64 = 60_000.0;

    fn at(health: &mut Health, provider: Provider, minute: f64, failure: Option<FetchErrorKind>) {
        health.record(
            provider,
            Attempt {
                at_ms: minute * MIN,
                failure,
                with_key: false,
            },
        );
    }

    fn patterns(health: &Health, now_minute: f64) -> Vec<(Provider, Pattern)> {
        health
            .alerts(now_minute * MIN)
            .into_iter()
            .map(|a| (a.provider, a.pattern))
            .collect()
    }

    #[test]
    fn two_refusals_of_the_key_in_a_row_mean_it_is_refused() {
        let mut h = Health::new();
        let at = |t: f64, failure, with_key| Attempt {
            at_ms: t,
            failure,
            with_key,
        };
        assert!(!h.key_refused(Provider::CoinGecko));
        h.record(Provider::CoinGecko, at(1.0, Some(Unauthorized), true));
        assert!(!h.key_refused(Provider::CoinGecko));
        h.record(Provider::CoinGecko, at(2.0, None, true));
        h.record(Provider::CoinGecko, at(3.0, Some(Unauthorized), true));
        assert!(!h.key_refused(Provider::CoinGecko), "not in a row");
        h.record(Provider::CoinGecko, at(4.0, Some(Unauthorized), true));
        assert!(h.key_refused(Provider::CoinGecko));
        assert!(!h.key_refused(Provider::Binance));
        // A new key starts afresh.
        h.key_changed();
        assert!(!h.key_refused(Provider::CoinGecko));
    }

    #[test]
    fn occasional_failures_raise_nothing() {
        let mut h = Health::new();
        for (m, f) in [
            (0.0, Some(RateLimited)),
            (1.0, None),
            (2.0, Some(Outage)),
            (3.0, Some(Timeout)),
            (4.0, None),
            (5.0, Some(Blocked)),
            (6.0, None),
            (7.0, Some(Malformed)),
        ] {
            at(&mut h, Provider::CoinGecko, m, f);
        }
        assert!(h.alerts(8.0 * MIN).is_empty(), "{:?}", h.alerts(8.0 * MIN));
    }

    #[test]
    fn a_refused_key_is_flagged_and_forgotten_when_the_key_changes() {
        let mut h = Health::new();
        for m in [0.0, 1.0] {
            h.record(
                Provider::CoinGecko,
                Attempt {
                    at_ms: m * MIN,
                    failure: Some(Unauthorized),
                    with_key: true,
                },
            );
        }
        let alerts = h.alerts(2.0 * MIN);
        assert_eq!(alerts.len(), 1);
        assert_eq!(alerts[0].pattern, Pattern::KeyRefused);
        assert_eq!(alerts[0].count, 2);
        let text = alerts[0].message(2.0 * MIN);
        assert!(text.contains("refused your API key 2 times"), "{text}");
        assert!(text.contains("Settings"), "{text}");
        h.key_changed();
        assert!(h.alerts(2.0 * MIN).is_empty());
    }

    #[test]
    fn keyless_refusals_are_not_about_the_key() {
        let mut h = Health::new();
        for m in [0.0, 1.0, 2.0] {
            at(&mut h, Provider::CoinGecko, m, Some(Unauthorized));
        }
        assert!(h.alerts(3.0 * MIN).is_empty());
    }

    #[test]
    fn repeated_rate_limits_within_the_window_are_flagged() {
        let mut h = Health::new();
        for m in [0.0, 4.0, 8.0] {
            at(&mut h, Provider::CoinGecko, m, Some(RateLimited));
            at(&mut h, Provider::CoinGecko, m + 0.5, None);
        }
        assert_eq!(
            patterns(&h, 9.0),
            [(Provider::CoinGecko, Pattern::RateLimitedRepeatedly)]
        );
        let text = h.alerts(9.0 * MIN)[0].message(9.0 * MIN);
        assert!(
            text.contains("3 times in the last 9 min"),
            "the span runs from the first: {text}"
        );
        // Eleven minutes on, the first has left the window.
        assert!(patterns(&h, 11.0).is_empty());
    }

    #[test]
    fn an_outage_is_a_run_and_ends_with_a_success() {
        let mut h = Health::new();
        for (m, f) in [
            (0.0, Some(Outage)),
            (1.0, Some(Timeout)),
            (2.0, Some(Outage)),
        ] {
            at(&mut h, Provider::Binance, m, f);
        }
        assert_eq!(
            patterns(&h, 3.0),
            [(Provider::Binance, Pattern::ProviderDown)]
        );
        assert_eq!(h.alerts(3.0 * MIN)[0].since_ms, 0.0);
        at(&mut h, Provider::Binance, 3.0, None);
        assert!(patterns(&h, 4.0).is_empty());
    }

    #[test]
    fn blocks_and_unreadable_answers_are_told_apart_per_provider() {
        let mut h = Health::new();
        at(&mut h, Provider::CoinGecko, 0.0, Some(Blocked));
        at(&mut h, Provider::CoinGecko, 1.0, Some(Blocked));
        at(&mut h, Provider::CoinPaprika, 0.0, Some(Malformed));
        at(&mut h, Provider::CoinPaprika, 1.0, None);
        at(&mut h, Provider::CoinPaprika, 2.0, Some(Malformed));
        assert_eq!(
            patterns(&h, 3.0),
            [
                (Provider::CoinGecko, Pattern::Blocked),
                (Provider::CoinPaprika, Pattern::MalformedRepeatedly),
            ]
        );
        let messages: Vec<String> = h
            .alerts(3.0 * MIN)
            .iter()
            .map(|a| a.message(3.0 * MIN))
            .collect();
        assert!(messages[0].starts_with("CoinGecko could not be reached 2 times"));
        assert!(messages[1].starts_with("CoinPaprika sent 2 answers"));
    }

    #[test]
    fn cancelled_requests_are_ignored_and_memory_is_bounded() {
        let mut h = Health::new();
        at(&mut h, Provider::CoinGecko, 0.0, Some(Outage));
        at(&mut h, Provider::CoinGecko, 0.5, Some(Cancelled));
        at(&mut h, Provider::CoinGecko, 1.0, Some(Outage));
        at(&mut h, Provider::CoinGecko, 2.0, Some(Outage));
        assert_eq!(
            patterns(&h, 3.0),
            [(Provider::CoinGecko, Pattern::ProviderDown)]
        );
        for i in 0..(3 * REMEMBERED) {
            at(&mut h, Provider::Coinbase, i as f64, None);
        }
        assert_eq!(h.attempts[&Provider::Coinbase].len(), REMEMBERED);
    }

    #[test]
    fn an_unanswered_latest_attempt_is_told_at_once() {
        let mut h = Health::new();
        assert!(!h.unanswered());
        let at = |at_ms, failure| Attempt {
            at_ms,
            failure,
            with_key: false,
        };
        h.record(Provider::CoinGecko, at(0.0, Some(FetchErrorKind::Outage)));
        assert!(!h.unanswered());
        h.record(Provider::CoinGecko, at(1.0, Some(FetchErrorKind::Blocked)));
        assert!(h.unanswered());
        h.record(Provider::CoinGecko, at(2.0, None));
        assert!(!h.unanswered());
    }
}

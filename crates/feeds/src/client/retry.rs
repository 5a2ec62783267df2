//! When to try again: exponential backoff with full jitter, honouring the
//! provider's `Retry-After`.
//!
//! Attempt `k` (0 for the first retry) waits a uniformly random time in
//! `[0, min(max_delay, base · 2^k)]` ("full jitter", so many browsers hitting
//! the same provider after an outage do not retry in lockstep). When the
//! provider sent `Retry-After`, the wait is at least that long; when it asks
//! for longer than `max_retry_after`, we stop and show saved data instead of
//! holding the page. A 429 whose `Retry-After` cannot be read (missing, or
//! hidden from the page: browsers show a cross-origin response's
//! `Retry-After` only when the provider exposes it) counts as a
//! `Retry-After` of `unknown_retry_after_ms` (60 s): the provider is paused
//! that long, never retried after a mere backoff.

use super::failure::{FetchError, FetchErrorKind};

/// Retry settings of one provider.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct RetryPolicy {
    /// Retries after the first attempt (so `max_retries + 1` attempts in all).
    pub max_retries: u32,
    /// Upper bound of the first retry's wait.
    pub base_delay_ms: f64,
    /// Upper bound of any single wait.
    pub max_delay_ms: f64,
    /// The longest `Retry-After` worth waiting for.
    pub max_retry_after_ms: f64,
    /// How long a 429 whose `Retry-After` cannot be read pauses its provider.
    pub unknown_retry_after_ms: f64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 3,
            base_delay_ms: 1_000.0,
            max_delay_ms: 30_000.0,
            max_retry_after_ms: 120_000.0,
            unknown_retry_after_ms: 60_000.0,
        }
    }
}

/// What to do after a failed attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Wait this long, then send attempt number `attempt` (1-based retry count).
    RetryAfter { delay_ms: f64, attempt: u32 },
    /// Stop and report the error.
    GiveUp(FetchError),
}

impl RetryPolicy {
    /// How long `error` pauses its provider (no request to it before then):
    /// its `Retry-After` when one was read; for a 429 without a readable
    /// one, [`RetryPolicy::unknown_retry_after_ms`]; otherwise no pause.
    pub fn pause_ms(&self, error: &FetchError) -> Option<f64> {
        match error.retry_after_ms {
            Some(asked) => Some(asked),
            None if error.kind == FetchErrorKind::RateLimited => {
                Some(self.unknown_retry_after_ms.max(0.0))
            }
            None => None,
        }
    }

    /// The decision after `error` on retry number `retries_done` (0 after
    /// the first attempt). `jitter` is a uniform random number in `[0, 1)`.
    pub fn decide(&self, error: FetchError, retries_done: u32, jitter: f64) -> Decision {
        if !error.is_transient() || retries_done >= self.max_retries {
            return Decision::GiveUp(error);
        }
        let ceiling =
            (self.base_delay_ms * 2f64.powi(retries_done.min(30) as i32)).min(self.max_delay_ms);
        let mut delay = ceiling * jitter.clamp(0.0, 1.0);
        if let Some(asked) = self.pause_ms(&error) {
            if asked > self.max_retry_after_ms {
                return Decision::GiveUp(error);
            }
            delay = delay.max(asked);
        }
        Decision::RetryAfter {
            delay_ms: delay,
            attempt: retries_done + 1,
        }
    }
}

/// `Retry-After` as milliseconds from `now_ms` (Unix time in ms): either
/// delta-seconds (`"120"`) or an HTTP date (`"Wed, 21 Oct 2015 07:28:00 GMT"`).
/// A date in the past means 0. Anything else is `None`.
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<f64> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(seconds as f64 * 1000.0);
    }
    let when = parse_http_date(value)?;
    Some((when - now_ms).max(0.0))
}

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) → Unix milliseconds.
fn parse_http_date(s: &str) -> Option<f64> {
    let rest = s.split_once(", ")?.1;
    let mut parts = rest.split(' ');
    let day: i64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut hms = parts.next()?.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, sec) = (hms.next()??, hms.next()??, hms.next()??);
    if parts.next()? != "GMT" || parts.next().is_some() {
        return None;
    }
    if !(1..=31).contains(&day) || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(((days * 86_400 + h * 3600 + m * 60 + sec) * 1000) as f64)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(kind: FetchErrorKind, retry_after_ms: Option<f64>) -> FetchError {
        FetchError {
            kind,
            provider: "CoinGecko".into(),
            status: None,
            retry_after_ms,
            detail: String::new(),
        }
    }

    fn delay(d: Decision) -> f64 {
        match d {
            Decision::RetryAfter { delay_ms, .. } => delay_ms,
            Decision::GiveUp(e) => panic!("gave up: {e}"),
        }
    }

    #[test]
    fn backoff_ceiling_doubles_up_to_the_cap() {
        let p = RetryPolicy {
            max_retries: 10,
            ..RetryPolicy::default()
        };
        let ceilings: Vec<f64> = (0..7)
            .map(|k| delay(p.decide(failure(FetchErrorKind::Outage, None), k, 0.999_999_9)))
            .map(f64::round)
            .collect();
        assert_eq!(
            ceilings,
            [1000.0, 2000.0, 4000.0, 8000.0, 16000.0, 30000.0, 30000.0]
        );
    }

    #[test]
    fn jitter_spreads_waits_below_the_ceiling() {
        let p = RetryPolicy::default();
        let e = || failure(FetchErrorKind::Timeout, None);
        assert_eq!(delay(p.decide(e(), 1, 0.0)), 0.0);
        assert_eq!(delay(p.decide(e(), 1, 0.5)), 1000.0);
    }

    #[test]
    fn retry_after_is_a_floor_and_a_long_one_means_give_up() {
        let p = RetryPolicy::default();
        let asked = failure(FetchErrorKind::RateLimited, Some(45_000.0));
        assert_eq!(delay(p.decide(asked, 0, 0.3)), 45_000.0);
        let too_long = failure(FetchErrorKind::RateLimited, Some(600_000.0));
        assert!(matches!(p.decide(too_long, 0, 0.3), Decision::GiveUp(_)));
    }

    #[test]
    fn a_429_without_a_readable_retry_after_pauses_a_minute() {
        let p = RetryPolicy::default();
        let unreadable = || failure(FetchErrorKind::RateLimited, None);
        for jitter in [0.0, 0.5, 0.999] {
            for retries in 0..3 {
                assert_eq!(delay(p.decide(unreadable(), retries, jitter)), 60_000.0);
            }
        }
        assert_eq!(p.pause_ms(&unreadable()), Some(60_000.0));
        // A readable one is honoured, shorter or longer.
        let asked = |ms| failure(FetchErrorKind::RateLimited, Some(ms));
        assert_eq!(p.pause_ms(&asked(2_000.0)), Some(2_000.0));
        assert_eq!(delay(p.decide(asked(2_000.0), 0, 0.0)), 2_000.0);
        assert_eq!(delay(p.decide(asked(90_000.0), 0, 0.0)), 90_000.0);
        // Other failures pause nothing.
        assert_eq!(p.pause_ms(&failure(FetchErrorKind::Outage, None)), None);
        // A policy asking for a longer unknown pause than it would wait gives up.
        let impatient = RetryPolicy {
            max_retry_after_ms: 30_000.0,
            ..RetryPolicy::default()
        };
        assert!(matches!(
            impatient.decide(unreadable(), 0, 0.5),
            Decision::GiveUp(_)
        ));
    }

    #[test]
    fn gives_up_after_max_retries_and_on_permanent_errors() {
        let p = RetryPolicy::default();
        assert!(matches!(
            p.decide(failure(FetchErrorKind::Outage, None), 3, 0.5),
            Decision::GiveUp(_)
        ));
        for kind in [
            FetchErrorKind::BadRequest,
            FetchErrorKind::Unauthorized,
            FetchErrorKind::Malformed,
        ] {
            assert!(matches!(
                p.decide(failure(kind, None), 0, 0.5),
                Decision::GiveUp(_)
            ));
        }
        assert!(matches!(
            p.decide(failure(FetchErrorKind::Outage, None), 2, 0.5),
            Decision::RetryAfter { attempt: 3, .. }
        ));
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let now = 1_445_412_400_000.0; // Wed, 21 Oct 2015 07:26:40 GMT
        assert_eq!(parse_retry_after("120", now), Some(120_000.0));
        assert_eq!(parse_retry_after(" 0 ", now), Some(0.0));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now),
            Some(80_000.0)
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(0.0)
        );
        for bad in [
            "",
            "-5",
            "1.5",
            "soon",
            "Wed, 21 Foo 2015 07:28:00 GMT",
            "Wed, 21 Oct 2015 07:28:00 PST",
        ] {
            assert_eq!(parse_retry_after(bad, now), None, "{bad}");
        }
    }

    #[test]
    fn civil_days_match_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2024, 2, 29), 19_782);
    }
}

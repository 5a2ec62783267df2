//! A token bucket per provider: at most `burst` requests at once, refilled at
//! `per_minute` requests a minute. The clock is passed in (milliseconds), so
//! the limiter is deterministic and testable; the browser client feeds it
//! `Date.now()`.
//!
//! A bucket can also live outside the tab, as text ([`RateLimiter::record`]),
//! so that every tab of a browser draws from one budget: the browser
//! transport keeps each provider's record in IndexedDB and steps it with
//! [`acquire_stored`] / [`pause_stored`] inside one readwrite transaction
//! (read, step, write back), which the browser runs one at a time.

/// A token-bucket rate limiter.
#[derive(Debug, Clone, PartialEq)]
pub struct RateLimiter {
    burst: f64,
    per_ms: f64,
    tokens: f64,
    last_ms: f64,
}

impl RateLimiter {
    /// A limiter allowing `per_minute` requests a minute on average and
    /// `burst` in a row. Both are at least 1 (smaller values are raised).
    pub fn new(per_minute: f64, burst: u32) -> Self {
        let per_minute = if per_minute.is_finite() {
            per_minute.max(1.0)
        } else {
            1.0
        };
        let burst = f64::from(burst.max(1));
        Self {
            burst,
            per_ms: per_minute / 60_000.0,
            tokens: burst,
            last_ms: f64::NEG_INFINITY,
        }
    }

    fn refill(&mut self, now_ms: f64) {
        if self.last_ms.is_finite() && now_ms > self.last_ms {
            self.tokens = (self.tokens + (now_ms - self.last_ms) * self.per_ms).min(self.burst);
        }
        if !self.last_ms.is_finite() || now_ms > self.last_ms {
            self.last_ms = now_ms;
        }
    }

    /// Takes a token if one is available now; otherwise returns how many
    /// milliseconds to wait before asking again.
    pub fn try_acquire(&mut self, now_ms: f64) -> Result<(), f64> {
        self.refill(now_ms);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - self.tokens) / self.per_ms).ceil())
        }
    }

    /// Empties the bucket until `until_ms`: used when a provider answers 429,
    /// so no request is sent before it said we may.
    pub fn pause_until(&mut self, now_ms: f64, until_ms: f64) {
        self.refill(now_ms);
        if until_ms > now_ms {
            // Tokens go negative so that refilling reaches 1 exactly at `until_ms`.
            self.tokens = 1.0 - (until_ms - now_ms) * self.per_ms;
        }
    }

    /// The bucket as text to keep outside the tab: its tokens and the time
    /// they were counted at, two numbers separated by a space.
    pub fn record(&self, now_ms: f64) -> String {
        let at = if self.last_ms.is_finite() {
            self.last_ms
        } else {
            now_ms
        };
        // Rust prints the shortest text that reads back as the same f64.
        format!("{} {at}", self.tokens)
    }

    /// A limiter of these settings in the state `record` holds. A missing or
    /// unreadable record is a full bucket; tokens are kept within
    /// `[1 − an hour of refill, burst]`, and a time more than a second ahead
    /// of `now_ms` (the clock was set back) counts from `now_ms`, so a bad
    /// record can neither grant a burst above the settings nor stop requests
    /// for longer than an hour.
    pub fn restored(per_minute: f64, burst: u32, record: Option<&str>, now_ms: f64) -> Self {
        let mut limiter = Self::new(per_minute, burst);
        let mut fields = record.unwrap_or_default().split(' ');
        let mut number = || fields.next().and_then(|f| f.parse::<f64>().ok());
        let (Some(tokens), Some(at), None) = (number(), number(), number()) else {
            return limiter;
        };
        if !tokens.is_finite() || !at.is_finite() {
            return limiter;
        }
        let floor = 1.0 - MAX_PAUSE_MS * limiter.per_ms;
        limiter.tokens = tokens.clamp(floor, limiter.burst);
        limiter.last_ms = if at > now_ms + CLOCK_SLACK_MS {
            now_ms
        } else {
            at
        };
        limiter
    }
}

/// The longest pause a kept bucket can hold.
const MAX_PAUSE_MS: f64 = 3_600_000.0;
/// How far ahead of the clock a kept bucket's time may be before it is
/// taken as a clock set back.
const CLOCK_SLACK_MS: f64 = 1_000.0;

/// [`RateLimiter::try_acquire`] on a bucket kept as text (`None`: none kept
/// yet): the answer, and the record to store back.
pub fn acquire_stored(
    per_minute: f64,
    burst: u32,
    record: Option<&str>,
    now_ms: f64,
) -> (Result<(), f64>, String) {
    let mut limiter = RateLimiter::restored(per_minute, burst, record, now_ms);
    let answer = limiter.try_acquire(now_ms);
    (answer, limiter.record(now_ms))
}

/// [`RateLimiter::pause_until`] on a bucket kept as text: the record to
/// store back. A pause never shortens one already kept.
pub fn pause_stored(
    per_minute: f64,
    burst: u32,
    record: Option<&str>,
    now_ms: f64,
    until_ms: f64,
) -> String {
    let mut limiter = RateLimiter::restored(per_minute, burst, record, now_ms);
    let kept = limiter.clone();
    limiter.pause_until(now_ms, until_ms);
    let mut refilled = kept;
    refilled.refill(now_ms);
    if refilled.tokens < limiter.tokens {
        // The kept bucket already waits longer (another tab's pause).
        return refilled.record(now_ms);
    }
    limiter.record(now_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_a_burst_then_spaces_requests_evenly() {
        let mut rl = RateLimiter::new(30.0, 3); // one every 2 s after a burst of 3
        for _ in 0..3 {
            assert_eq!(rl.try_acquire(0.0), Ok(()));
        }
        assert_eq!(rl.try_acquire(0.0), Err(2000.0));
        assert_eq!(rl.try_acquire(1000.0), Err(1000.0));
        assert_eq!(rl.try_acquire(2000.0), Ok(()));
        assert_eq!(rl.try_acquire(2000.0), Err(2000.0));
    }

    #[test]
    fn refill_is_capped_at_the_burst() {
        let mut rl = RateLimiter::new(60.0, 2);
        assert_eq!(rl.try_acquire(0.0), Ok(()));
        // An hour idle does not bank an hour of requests.
        for _ in 0..2 {
            assert_eq!(rl.try_acquire(3_600_000.0), Ok(()));
        }
        assert!(rl.try_acquire(3_600_000.0).is_err());
    }

    #[test]
    fn a_pause_blocks_until_its_end_exactly() {
        let mut rl = RateLimiter::new(60.0, 5);
        rl.pause_until(0.0, 30_000.0);
        assert_eq!(rl.try_acquire(0.0), Err(30_000.0));
        assert_eq!(rl.try_acquire(29_000.0), Err(1000.0));
        assert_eq!(rl.try_acquire(30_000.0), Ok(()));
    }

    #[test]
    fn a_clock_going_backwards_grants_nothing_extra() {
        let mut rl = RateLimiter::new(60.0, 1);
        assert_eq!(rl.try_acquire(10_000.0), Ok(()));
        assert!(rl.try_acquire(5_000.0).is_err());
        assert!(rl.try_acquire(10_500.0).is_err());
        assert_eq!(rl.try_acquire(11_000.0), Ok(()));
    }

    #[test]
    fn nonsense_settings_are_raised_to_one() {
        let mut rl = RateLimiter::new(f64::NAN, 0);
        assert_eq!(rl.try_acquire(0.0), Ok(()));
        assert_eq!(rl.try_acquire(0.0), Err(60_000.0));
    }

    #[test]
    fn a_kept_bucket_carries_its_tokens_from_one_tab_to_the_next() {
        // Tab A takes the burst; tab B, reading A's record, finds none left.
        let mut record = None;
        for _ in 0..3 {
            let (answer, next) = acquire_stored(30.0, 3, record.as_deref(), 0.0);
            assert_eq!(answer, Ok(()));
            record = Some(next);
        }
        let (answer, next) = acquire_stored(30.0, 3, record.as_deref(), 500.0);
        assert_eq!(answer, Err(1500.0));
        let (answer, _) = acquire_stored(30.0, 3, Some(&next), 2000.0);
        assert_eq!(answer, Ok(()));
    }

    #[test]
    fn a_kept_pause_holds_for_every_reader_and_is_never_shortened() {
        let paused = pause_stored(60.0, 5, None, 0.0, 30_000.0);
        assert_eq!(
            acquire_stored(60.0, 5, Some(&paused), 1_000.0).0,
            Err(29_000.0)
        );
        // A shorter pause told later by another tab keeps the longer one.
        let again = pause_stored(60.0, 5, Some(&paused), 1_000.0, 5_000.0);
        assert_eq!(
            acquire_stored(60.0, 5, Some(&again), 10_000.0).0,
            Err(20_000.0)
        );
        let longer = pause_stored(60.0, 5, Some(&again), 10_000.0, 50_000.0);
        assert_eq!(
            acquire_stored(60.0, 5, Some(&longer), 40_000.0).0,
            Err(10_000.0)
        );
        assert_eq!(acquire_stored(60.0, 5, Some(&longer), 50_000.0).0, Ok(()));
    }

    #[test]
    fn a_bad_record_grants_no_more_than_the_settings_and_stops_nothing_for_long() {
        for junk in [
            "",
            "{",
            "null",
            "[]",
            r#"{"tokens":"9","at":0}"#,
            r#"{"tokens":1e999,"at":0}"#,
        ] {
            let limiter = RateLimiter::restored(10.0, 3, Some(junk), 0.0);
            assert_eq!(limiter, RateLimiter::new(10.0, 3), "{junk}");
        }
        let mut greedy = RateLimiter::restored(10.0, 3, Some("1000 0"), 0.0);
        for _ in 0..3 {
            assert_eq!(greedy.try_acquire(0.0), Ok(()));
        }
        assert!(greedy.try_acquire(0.0).is_err());
        // A pause of a year is cut to an hour.
        let mut stuck = RateLimiter::restored(60.0, 1, Some("-1e12 0"), 0.0);
        assert_eq!(stuck.try_acquire(0.0), Err(3_600_000.0));
        // A time far ahead (the clock was set back) counts from now.
        let mut ahead = RateLimiter::restored(60.0, 1, Some("0 1e12"), 0.0);
        assert_eq!(ahead.try_acquire(1_000.0), Ok(()));
    }

    #[test]
    fn a_record_reads_back_as_the_same_bucket() {
        let mut rl = RateLimiter::new(10.0, 3);
        rl.try_acquire(5_000.0).unwrap();
        rl.pause_until(5_000.0, 9_000.0);
        let back = RateLimiter::restored(10.0, 3, Some(&rl.record(5_000.0)), 5_000.0);
        assert_eq!(back, rl);
    }

    proptest::proptest! {
        #[test]
        fn tabs_sharing_a_kept_bucket_never_exceed_one_budget(
            per_minute in 1.0f64..600.0,
            burst in 1u32..10,
            steps in proptest::collection::vec(0.0f64..5_000.0, 1..200),
        ) {
            // Each step is some tab asking: every tab reads and writes one
            // record, and keeps nothing of its own between steps.
            let mut record: Option<String> = None;
            let mut now = 0.0;
            let mut granted = 0u32;
            for dt in steps {
                now += dt;
                let (answer, next) = acquire_stored(per_minute, burst, record.as_deref(), now);
                record = Some(next);
                if answer.is_ok() {
                    granted += 1;
                }
            }
            let allowed = f64::from(burst) + now * per_minute / 60_000.0;
            proptest::prop_assert!(f64::from(granted) <= allowed + 1e-9);
        }

        #[test]
        fn a_record_round_trips_every_state(
            per_minute in 1.0f64..600.0,
            burst in 1u32..10,
            steps in proptest::collection::vec((0.0f64..5_000.0, proptest::bool::ANY), 1..50),
        ) {
            let mut rl = RateLimiter::new(per_minute, burst);
            let mut now = 0.0;
            for (dt, pause) in steps {
                now += dt;
                if pause {
                    rl.pause_until(now, now + dt);
                } else {
                    let _ = rl.try_acquire(now);
                }
            }
            let back = RateLimiter::restored(per_minute, burst, Some(&rl.record(now)), now);
            proptest::prop_assert_eq!(back, rl);
        }
    }

    proptest::proptest! {
        #[test]
        fn never_exceeds_the_rate_over_any_run(
            per_minute in 1.0f64..600.0,
            burst in 1u32..10,
            steps in proptest::collection::vec(0.0f64..5_000.0, 1..200),
        ) {
            let mut rl = RateLimiter::new(per_minute, burst);
            let mut now = 0.0;
            let mut granted = 0u32;
            for dt in steps {
                now += dt;
                if rl.try_acquire(now).is_ok() {
                    granted += 1;
                }
            }
            let allowed = f64::from(burst) + now * per_minute / 60_000.0;
            proptest::prop_assert!(f64::from(granted) <= allowed + 1e-9);
        }
    }
}

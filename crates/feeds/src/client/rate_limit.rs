//! A token bucket per provider: at most `burst` requests at once, refilled at
//! `per_minute` requests a minute. The clock is passed in (milliseconds), so
//! the limiter is deterministic and testable; the browser client feeds it
//! `performance.now()`.

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

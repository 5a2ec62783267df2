//! How old cached data may be: fresh within its endpoint's TTL (served
//! without asking the network), stale after (served while revalidating, and
//! kept on screen, marked with its age, when every provider fails), and
//! discarded after [`MAX_STALE_MS`] (too old to show as market data).

use serde::{Deserialize, Serialize};

/// Data older than this (7 days) is never shown, even when nothing else is.
pub const MAX_STALE_MS: f64 = 7.0 * 24.0 * 3600.0 * 1000.0;

/// A cached response body with when it was fetched and for how long it is fresh.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CachedBody {
    pub body: String,
    /// Unix time in ms when the provider answered.
    pub fetched_at_ms: f64,
    pub ttl_seconds: u32,
    /// The provider that answered.
    pub provider: String,
}

/// How usable a cached entry is now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Freshness {
    /// Within its TTL: no request needed.
    Fresh,
    /// Past its TTL: show it, but fetch anew; `age_ms` says how old it is.
    Stale { age_ms: f64 },
    /// Too old to show.
    Expired,
}

impl CachedBody {
    /// Freshness at `now_ms`. A timestamp in the future (a clock changed)
    /// counts as stale, never as fresh forever.
    pub fn freshness(&self, now_ms: f64) -> Freshness {
        let age = now_ms - self.fetched_at_ms;
        if !age.is_finite() || age < 0.0 {
            return Freshness::Stale { age_ms: 0.0 };
        }
        if age <= f64::from(self.ttl_seconds) * 1000.0 {
            Freshness::Fresh
        } else if age <= MAX_STALE_MS {
            Freshness::Stale { age_ms: age }
        } else {
            Freshness::Expired
        }
    }

    /// Age in ms at `now_ms` (0 if the clock went backwards).
    pub fn age_ms(&self, now_ms: f64) -> f64 {
        (now_ms - self.fetched_at_ms).max(0.0)
    }
}

/// "just now", "5 min ago", "3 h ago", "2 days ago".
pub fn age_label(age_ms: f64) -> String {
    let minutes = (age_ms / 60_000.0).floor();
    if minutes < 1.0 {
        "just now".into()
    } else if minutes < 60.0 {
        format!("{minutes:.0} min ago")
    } else if minutes < 48.0 * 60.0 {
        format!("{:.0} h ago", (minutes / 60.0).floor())
    } else {
        format!("{:.0} days ago", (minutes / 1440.0).floor())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(fetched_at_ms: f64, ttl_seconds: u32) -> CachedBody {
        CachedBody {
            body: "[]".into(),
            fetched_at_ms,
            ttl_seconds,
            provider: "CoinGecko".into(),
        }
    }

    #[test]
    fn fresh_then_stale_then_expired() {
        let e = entry(1_000_000.0, 120);
        assert_eq!(e.freshness(1_000_000.0), Freshness::Fresh);
        assert_eq!(e.freshness(1_120_000.0), Freshness::Fresh);
        assert_eq!(
            e.freshness(1_120_001.0),
            Freshness::Stale { age_ms: 120_001.0 }
        );
        assert_eq!(
            e.freshness(1_000_000.0 + MAX_STALE_MS),
            Freshness::Stale {
                age_ms: MAX_STALE_MS
            }
        );
        assert_eq!(e.freshness(1_000_001.0 + MAX_STALE_MS), Freshness::Expired);
    }

    #[test]
    fn a_future_timestamp_is_stale_not_fresh_forever() {
        assert_eq!(
            entry(5_000.0, 60).freshness(1_000.0),
            Freshness::Stale { age_ms: 0.0 }
        );
        assert_eq!(
            entry(f64::NAN, 60).freshness(1_000.0),
            Freshness::Stale { age_ms: 0.0 }
        );
    }

    #[test]
    fn ages_read_naturally() {
        assert_eq!(age_label(30_000.0), "just now");
        assert_eq!(age_label(5.5 * 60_000.0), "5 min ago");
        assert_eq!(age_label(3.2 * 3_600_000.0), "3 h ago");
        assert_eq!(age_label(50.0 * 3_600_000.0), "2 days ago");
    }
}

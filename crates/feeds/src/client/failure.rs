//! Failures a visitor can act on, told apart and put into words.

use std::fmt;

/// What went wrong with a request, by cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FetchErrorKind {
    /// 429: the provider asks us to slow down.
    RateLimited,
    /// 5xx: the provider is failing.
    Outage,
    /// 401/403: the key was refused or is missing for this endpoint.
    Unauthorized,
    /// 451 or a request that never got an answer the page may read (CORS,
    /// an ad blocker, a regional block, no network).
    Blocked,
    /// No answer within the time limit.
    Timeout,
    /// An answer that is not what the endpoint promises.
    Malformed,
    /// An answer longer than its endpoint's cap: reading stopped there.
    TooLarge,
    /// Any other 4xx: the request itself was wrong (a bug or a bad id).
    BadRequest,
    /// The page that asked was left; nobody is waiting any more.
    Cancelled,
}

/// A failed request: its cause, the provider, and the details.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FetchError {
    pub kind: FetchErrorKind,
    pub provider: String,
    /// HTTP status when there was one.
    pub status: Option<u16>,
    /// How long the provider asked us to wait, when it said.
    pub retry_after_ms: Option<f64>,
    /// Technical detail for the console; never contains a key.
    pub detail: String,
}

impl FetchError {
    /// The kind of failure an HTTP status means (`None` for success).
    pub fn kind_of_status(status: u16) -> Option<FetchErrorKind> {
        Some(match status {
            200..=299 => return None,
            429 => FetchErrorKind::RateLimited,
            401 | 403 => FetchErrorKind::Unauthorized,
            451 => FetchErrorKind::Blocked,
            408 => FetchErrorKind::Timeout,
            500..=599 => FetchErrorKind::Outage,
            _ => FetchErrorKind::BadRequest,
        })
    }

    /// Whether trying again later can help.
    pub fn is_transient(&self) -> bool {
        matches!(
            self.kind,
            FetchErrorKind::RateLimited
                | FetchErrorKind::Outage
                | FetchErrorKind::Timeout
                | FetchErrorKind::Blocked
        )
    }

    /// One sentence for the visitor: what happened and what the app does next.
    pub fn user_message(&self) -> String {
        let p = &self.provider;
        match self.kind {
            FetchErrorKind::RateLimited => match self.retry_after_ms {
                Some(ms) => format!(
                    "{p} is limiting requests; showing the last data we have and retrying in {}",
                    human_duration(ms)
                ),
                None => format!(
                    "{p} is limiting requests; showing the last data we have and retrying with growing pauses"
                ),
            },
            FetchErrorKind::Outage => format!(
                "{p} is having trouble{}; showing the last data we have and trying another source",
                self.status
                    .map(|s| format!(" (error {s})"))
                    .unwrap_or_default()
            ),
            FetchErrorKind::Unauthorized => format!(
                "{p} refused the API key; check it in Settings — meanwhile we use {p} without a key"
            ),
            FetchErrorKind::Blocked => format!(
                "{p} could not be reached from this browser (offline, or blocked by the network, an extension or a regional restriction); showing saved data"
            ),
            FetchErrorKind::Timeout => format!(
                "{p} did not answer in time; showing the last data we have and trying again"
            ),
            FetchErrorKind::Malformed => format!(
                "{p} sent data we could not read, so it was not shown; trying another source"
            ),
            FetchErrorKind::TooLarge => format!(
                "{p} sent far more data than this request ever needs, so tokenlens stopped reading it and did not show it; trying another source"
            ),
            FetchErrorKind::BadRequest => format!(
                "{p} did not accept the request{}; this is likely a bug in tokenlens",
                self.status
                    .map(|s| format!(" (error {s})"))
                    .unwrap_or_default()
            ),
            FetchErrorKind::Cancelled => "The request was cancelled".to_owned(),
        }
    }
}

impl FetchError {
    /// The cause in a few words, for sentences naming several failures
    /// ("CoinGecko could not be used (error 503); showing CoinPaprika").
    pub fn short_reason(&self) -> String {
        match self.kind {
            FetchErrorKind::RateLimited => "it is limiting requests".into(),
            FetchErrorKind::Outage => self
                .status
                .map_or("it is failing".into(), |s| format!("error {s}")),
            FetchErrorKind::Unauthorized => "it refused the API key".into(),
            FetchErrorKind::Blocked => "it could not be reached".into(),
            FetchErrorKind::Timeout => "it did not answer in time".into(),
            FetchErrorKind::Malformed => "its data could not be read".into(),
            FetchErrorKind::TooLarge => "its answer was far too large".into(),
            FetchErrorKind::BadRequest => {
                self.status.map_or("it refused the request".into(), |s| {
                    format!("it refused the request, error {s}")
                })
            }
            FetchErrorKind::Cancelled => "cancelled".into(),
        }
    }
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.user_message())
    }
}

impl std::error::Error for FetchError {}

/// "45 s", "3 min", "2 h".
pub fn human_duration(ms: f64) -> String {
    let s = (ms / 1000.0).ceil().max(1.0);
    if s < 90.0 {
        format!("{s:.0} s")
    } else if s < 90.0 * 60.0 {
        format!("{:.0} min", (s / 60.0).round())
    } else {
        format!("{:.0} h", (s / 3600.0).round())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(kind: FetchErrorKind, status: Option<u16>, retry_after_ms: Option<f64>) -> FetchError {
        FetchError {
            kind,
            provider: "CoinGecko".into(),
            status,
            retry_after_ms,
            detail: String::new(),
        }
    }

    #[test]
    fn statuses_map_to_causes() {
        use FetchErrorKind::*;
        let cases = [
            (200, None),
            (204, None),
            (429, Some(RateLimited)),
            (401, Some(Unauthorized)),
            (403, Some(Unauthorized)),
            (451, Some(Blocked)),
            (408, Some(Timeout)),
            (500, Some(Outage)),
            (503, Some(Outage)),
            (404, Some(BadRequest)),
        ];
        for (status, kind) in cases {
            assert_eq!(FetchError::kind_of_status(status), kind, "{status}");
        }
    }

    #[test]
    fn each_cause_reads_differently_and_says_what_happens_next() {
        use FetchErrorKind::*;
        let kinds = [
            RateLimited,
            Outage,
            Unauthorized,
            Blocked,
            Timeout,
            Malformed,
            TooLarge,
            BadRequest,
        ];
        let messages: Vec<String> = kinds
            .iter()
            .map(|k| err(*k, Some(503), None).user_message())
            .collect();
        for (i, m) in messages.iter().enumerate() {
            assert!(m.starts_with("CoinGecko"), "{m}");
            for other in &messages[i + 1..] {
                assert_ne!(m, other);
            }
        }
        let wait = err(RateLimited, Some(429), Some(30_000.0)).user_message();
        assert!(wait.contains("retrying in 30 s"), "{wait}");
    }

    #[test]
    fn short_reasons_name_the_cause() {
        use FetchErrorKind::*;
        assert_eq!(err(Outage, Some(503), None).short_reason(), "error 503");
        assert_eq!(err(Outage, None, None).short_reason(), "it is failing");
        assert_eq!(
            err(RateLimited, Some(429), None).short_reason(),
            "it is limiting requests"
        );
        assert_eq!(
            err(BadRequest, Some(404), None).short_reason(),
            "it refused the request, error 404"
        );
        let all: std::collections::HashSet<String> = [
            RateLimited,
            Outage,
            Unauthorized,
            Blocked,
            Timeout,
            Malformed,
            TooLarge,
            BadRequest,
        ]
        .iter()
        .map(|k| err(*k, None, None).short_reason())
        .collect();
        assert_eq!(all.len(), 8);
    }

    #[test]
    fn only_transient_failures_are_retried() {
        use FetchErrorKind::*;
        assert!(err(RateLimited, None, None).is_transient());
        assert!(err(Outage, None, None).is_transient());
        assert!(err(Timeout, None, None).is_transient());
        assert!(!err(Unauthorized, None, None).is_transient());
        assert!(!err(BadRequest, None, None).is_transient());
        assert!(!err(Malformed, None, None).is_transient());
        assert!(!err(TooLarge, None, None).is_transient());
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(400.0), "1 s");
        assert_eq!(human_duration(45_000.0), "45 s");
        assert_eq!(human_duration(180_000.0), "3 min");
        assert_eq!(human_duration(7_200_000.0), "2 h");
    }
}

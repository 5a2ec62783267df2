//! What the widget says when it cannot show figures: one short sentence a
//! site's visitor understands, and a stable code for the site owner's
//! `tokenlens-error` listener.

use tokenlens_feeds::client::failure::human_duration;
use tokenlens_feeds::client::{FetchError, FetchErrorKind};

/// A failure as the widget reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Stable: `INVALID_ATTRIBUTE`, `RATE_LIMITED`, `PROVIDER_ERROR`,
    /// `UNREACHABLE`, `TIMEOUT`, `BAD_DATA`, `REQUEST_REFUSED`,
    /// `SNAPSHOT_UNAVAILABLE`, `NO_ROWS`.
    pub code: &'static str,
    /// For visitors, shown inside the widget.
    pub message: String,
}

/// A failed live request in words.
pub fn fetch_failure(error: &FetchError, refresh: Option<u32>) -> Failure {
    let p = &error.provider;
    let next = match refresh {
        Some(s) => format!(
            " Trying again in {}.",
            human_duration(f64::from(s) * 1000.0)
        ),
        None => String::new(),
    };
    let (code, message) = match error.kind {
        FetchErrorKind::RateLimited => (
            "RATE_LIMITED",
            match error.retry_after_ms {
                Some(ms) => format!(
                    "{p} is limiting requests from this browser for {}.",
                    human_duration(ms)
                ),
                None => format!("{p} is limiting requests from this browser."),
            },
        ),
        FetchErrorKind::Outage => (
            "PROVIDER_ERROR",
            format!(
                "{p} is having trouble{}.",
                error
                    .status
                    .map(|s| format!(" (error {s})"))
                    .unwrap_or_default()
            ),
        ),
        FetchErrorKind::Blocked | FetchErrorKind::Unauthorized | FetchErrorKind::Cancelled => (
            "UNREACHABLE",
            format!("{p} could not be reached from this browser."),
        ),
        FetchErrorKind::Timeout => ("TIMEOUT", format!("{p} did not answer in time.")),
        FetchErrorKind::Malformed => (
            "BAD_DATA",
            format!("{p} sent data that could not be read, so none is shown."),
        ),
        _ => (
            "REQUEST_REFUSED",
            format!(
                "{p} did not accept the request{}.",
                error
                    .status
                    .map(|s| format!(" (error {s})"))
                    .unwrap_or_default()
            ),
        ),
    };
    Failure {
        code,
        message: format!("Prices are unavailable: {message}{next}"),
    }
}

/// The bundled data could not be loaded (`detail` for the console).
pub fn snapshot_failure() -> Failure {
    Failure {
        code: "SNAPSHOT_UNAVAILABLE",
        message: "The bundled market data could not be loaded from the widget's own address."
            .into(),
    }
}

/// Nothing to show: every coin asked for is unknown.
pub fn no_rows() -> Failure {
    Failure {
        code: "NO_ROWS",
        message: "None of the coins asked for could be found.".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(kind: FetchErrorKind, status: Option<u16>, retry_after_ms: Option<f64>) -> FetchError {
        FetchError {
            kind,
            provider: "CoinGecko".into(),
            status,
            retry_after_ms,
            detail: "HTTP detail for the console".into(),
        }
    }

    #[test]
    fn failures_read_as_sentences_with_stable_codes() {
        let cases = [
            (
                error(FetchErrorKind::RateLimited, Some(429), Some(600_000.0)),
                Some(300),
                "RATE_LIMITED",
                "Prices are unavailable: CoinGecko is limiting requests from this browser for 10 min. Trying again in 5 min.",
            ),
            (
                error(FetchErrorKind::Outage, Some(500), None),
                None,
                "PROVIDER_ERROR",
                "Prices are unavailable: CoinGecko is having trouble (error 500).",
            ),
            (
                error(FetchErrorKind::Blocked, None, None),
                None,
                "UNREACHABLE",
                "Prices are unavailable: CoinGecko could not be reached from this browser.",
            ),
            (
                error(FetchErrorKind::Malformed, Some(200), None),
                None,
                "BAD_DATA",
                "Prices are unavailable: CoinGecko sent data that could not be read, so none is shown.",
            ),
            (
                error(FetchErrorKind::BadRequest, Some(404), None),
                None,
                "REQUEST_REFUSED",
                "Prices are unavailable: CoinGecko did not accept the request (error 404).",
            ),
        ];
        for (e, refresh, code, message) in cases {
            let f = fetch_failure(&e, refresh);
            assert_eq!((f.code, f.message.as_str()), (code, message));
            assert!(!f.message.contains("detail for the console"));
        }
    }
}

//! `data/latest.json`: what the site's own data is and how long it stands in
//! for the providers. The build writes it beside the bundled files; the site
//! reads it first and asks providers for the market list only when the
//! published list is older than the refresh interval the publisher chose.

use serde::{Deserialize, Serialize};

use crate::FeedError;
use tokenlens_core::evaluation::StrongWeeks;

/// The `latest.json` format this code reads and writes.
pub const LATEST_FORMAT: u32 = 1;

/// The provider name of a market list that came from the site's published
/// data rather than from a provider in the browser.
pub const PUBLISHED_PROVIDER: &str = "the site's published data";

/// The refresh interval of a daily publishing job, in minutes.
pub const DAILY_MINUTES: u32 = 24 * 60;

/// The site's published data: the history's date and, when the market list
/// was fetched by the build (not recorded long ago), when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Latest {
    /// Format version; readers refuse other versions.
    pub format: u32,
    /// The UTC date of the history's last daily close, `YYYY-MM-DD`: the
    /// date every page names when it shows the bundled history.
    pub as_of: String,
    /// Unix ms when the providers answered the published market list;
    /// `None` for recorded data, which never stands in for a live list.
    #[serde(default)]
    pub markets_fetched_at_ms: Option<f64>,
    /// How often the publisher refreshes the data, in minutes: the site
    /// asks providers for the market list only once the published list is
    /// older than this.
    pub refresh_minutes: u32,
    /// The Trader Grade's record on the history (walk-forward, out of
    /// sample), computed when the data was bundled: the line a token page
    /// shows without evaluating the whole history itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trader_record: Option<StrongWeeks>,
}

impl Latest {
    /// Reads `latest.json`, refusing an unknown format version.
    pub fn from_json(body: &str) -> Result<Self, FeedError> {
        let malformed = |detail: String| FeedError::Malformed {
            provider: "latest.json",
            detail,
        };
        let latest: Latest = serde_json::from_str(body).map_err(|e| malformed(e.to_string()))?;
        if latest.format != LATEST_FORMAT {
            return Err(malformed(format!(
                "format {} is not supported (expected {LATEST_FORMAT})",
                latest.format
            )));
        }
        Ok(latest)
    }

    /// When the published market list was fetched, if it is still within
    /// the refresh interval at `now_ms`. A time in the future (a wrong
    /// clock on either side) is not trusted.
    pub fn fresh_markets_at(&self, now_ms: f64) -> Option<f64> {
        let at = self.markets_fetched_at_ms.filter(|at| at.is_finite())?;
        let age = now_ms - at;
        let limit = f64::from(self.refresh_minutes) * 60_000.0;
        (age >= -60_000.0 && age < limit).then_some(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn latest(at: Option<f64>, minutes: u32) -> Latest {
        Latest {
            format: LATEST_FORMAT,
            as_of: "2026-12-06".into(),
            markets_fetched_at_ms: at,
            refresh_minutes: minutes,
            trader_record: None,
        }
    }

    #[test]
    fn a_list_is_fresh_only_within_the_refresh_interval() {
        let at = 1_765_000_000_000.0;
        let daily = latest(Some(at), DAILY_MINUTES);
        assert_eq!(daily.fresh_markets_at(at), Some(at));
        assert_eq!(daily.fresh_markets_at(at + 23.9 * 3_600_000.0), Some(at));
        assert_eq!(daily.fresh_markets_at(at + 24.0 * 3_600_000.0), None);
        // A clock a little behind is tolerated, one far behind is not.
        assert_eq!(daily.fresh_markets_at(at - 30_000.0), Some(at));
        assert_eq!(daily.fresh_markets_at(at - 3_600_000.0), None);
        // Recorded data, a zero interval or a broken time never stand in.
        assert_eq!(latest(None, DAILY_MINUTES).fresh_markets_at(at), None);
        assert_eq!(latest(Some(at), 0).fresh_markets_at(at), None);
        assert_eq!(latest(Some(f64::NAN), 60).fresh_markets_at(at), None);
    }

    #[test]
    fn reads_what_it_writes_and_refuses_other_formats() {
        let written = latest(Some(1.0e12), 60);
        let json = serde_json::to_string(&written).unwrap();
        assert_eq!(Latest::from_json(&json).unwrap(), written);
        let recorded = r#"{"format":1,"as_of":"2025-06-12","markets_fetched_at_ms":null,"refresh_minutes":1440}"#;
        assert_eq!(
            Latest::from_json(recorded).unwrap().markets_fetched_at_ms,
            None
        );
        let newer = json.replace("\"format\":1", "\"format\":2");
        assert!(
            Latest::from_json(&newer)
                .unwrap_err()
                .to_string()
                .contains("format 2")
        );
        assert!(Latest::from_json("{").is_err());
    }
}

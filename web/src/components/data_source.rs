//! The label that says where the figures come from and how old they are.

use leptos::prelude::*;
use tokenlens_feeds::client::FetchError;
use tokenlens_feeds::client::feed::Loaded;

/// Where the figures on screen come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Provenance {
    /// Fetched from a provider; `stale_reason` is set when a refresh failed
    /// and older saved data is shown.
    Live {
        provider: String,
        fetched_at_ms: f64,
        stale_reason: Option<String>,
        /// Set when the first choice of provider failed and another
        /// answered: which failed and why.
        fallback_reason: Option<String>,
    },
    /// The snapshot bundled with the site, and why live data is not shown.
    Snapshot {
        as_of: String,
        source: String,
        reason: Option<String>,
    },
}

impl Provenance {
    /// The provenance of data loaded through a fallback chain: the provider
    /// that answered, when, and why earlier providers or a refresh failed.
    pub fn of_loaded<T>(loaded: &Loaded<T>) -> Self {
        let fallback_reason = (!loaded.fallbacks.is_empty()).then(|| {
            let failed: Vec<String> = loaded
                .fallbacks
                .iter()
                .map(|e| format!("{} could not be used ({})", e.provider, e.short_reason()))
                .collect();
            format!("{}; showing {} instead", failed.join("; "), loaded.provider)
        });
        Provenance::Live {
            provider: loaded.provider.clone(),
            fetched_at_ms: loaded.fetched_at_ms,
            stale_reason: loaded.refresh_error.as_ref().map(FetchError::user_message),
            fallback_reason,
        }
    }
}

/// Why no provider of a chain could be used: the first failure in full,
/// the others in short.
pub fn all_failed(errors: &[FetchError]) -> String {
    let mut text = errors.first().map_or_else(
        || "No live source answered".to_owned(),
        FetchError::user_message,
    );
    for e in errors.iter().skip(1) {
        text.push_str(&format!(
            "; {} failed too ({})",
            e.provider,
            e.short_reason()
        ));
    }
    text
}

/// "Live · CoinGecko · fetched 2 min ago", "Saved data · …", or
/// "Offline snapshot · CoinGecko /coins/markets · data as of 2023-07-28".
#[component]
pub fn DataSource(provenance: Provenance) -> impl IntoView {
    match provenance {
        Provenance::Live {
            provider,
            fetched_at_ms,
            stale_reason,
            fallback_reason,
        } => {
            let age = tokenlens_feeds::client::age_label(js_sys::Date::now() - fetched_at_ms);
            let iso = js_sys::Date::new(&fetched_at_ms.into())
                .to_iso_string()
                .as_string()
                .unwrap_or_default();
            let kind = if stale_reason.is_some() {
                "Saved data"
            } else if provider == tokenlens_feeds::published::PUBLISHED_PROVIDER {
                "Published"
            } else {
                "Live"
            };
            view! {
                <p class="data-source" data-testid="data-source">
                    <span class="badge">{kind}</span>
                    " · " {provider} " · fetched "
                    <time datetime=iso>{age}</time>
                </p>
                {stale_reason.map(|r| view! { <p class="notice" role="status">{r}</p> })}
                {fallback_reason.map(|r| view! { <p class="notice" role="status" data-testid="fallback">{r}</p> })}
            }
            .into_any()
        }
        Provenance::Snapshot { as_of, source, reason } => view! {
            <p class="data-source" data-testid="data-source">
                <span class="badge">"Offline snapshot"</span>
                " · " {source} " · data as of "
                <time datetime=as_of.clone()>{as_of.clone()}</time>
            </p>
            {reason.map(|r| view! { <p class="notice" role="status" data-testid="live-status">{r}</p> })}
        }
        .into_any(),
    }
}

//! How the browser client talks to providers, as pure decisions: when to
//! retry and how long to wait, how fast to send, and how to tell failures
//! apart. The wasm transport (`http`, compiled for wasm32 only) carries these
//! out; keeping them here lets them be tested natively with a fake clock.

#[cfg(target_arch = "wasm32")]
pub mod budget;
#[cfg(target_arch = "wasm32")]
pub mod cache;
pub mod endpoints;
pub mod failure;
#[cfg(target_arch = "wasm32")]
pub mod feed;
pub mod freshness;
pub mod health;
#[cfg(target_arch = "wasm32")]
pub mod http;
pub mod rate_limit;
pub mod retry;
pub mod sources;

pub use endpoints::{ApiKey, BaseUrl, Endpoint, HttpRequest, KeyPlan, Provider};
pub use failure::{FetchError, FetchErrorKind};
pub use freshness::{CachedBody, Freshness, age_label};
pub use health::{Alert, Attempt, Health, Pattern};
pub use rate_limit::RateLimiter;
pub use retry::{Decision, RetryPolicy, parse_retry_after};

//! Reusable view components.

pub mod charts;
pub mod data_source;
pub mod market_overview;
pub mod market_table;
pub mod provider_alerts;

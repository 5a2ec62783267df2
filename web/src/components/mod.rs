//! Reusable view components.

pub mod bar_chart;
pub mod charts;
pub mod data_source;
pub mod live_notice;
pub mod loading;
pub mod market_overview;
pub mod market_table;
pub mod provider_alerts;
pub mod signed;
pub mod sparkline;
pub mod token_search;
pub mod watch_button;

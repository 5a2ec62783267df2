//! One module per route.

pub mod market;
pub mod not_found;
pub mod screener;
pub mod settings;

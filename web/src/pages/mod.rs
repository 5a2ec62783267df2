//! One module per route.

pub mod evidence;
pub mod market;
pub mod moonshots;
pub mod narratives;
pub mod not_found;
pub mod screener;
pub mod settings;
pub mod token;
pub mod watchlist;

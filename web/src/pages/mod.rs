//! One module per route.

pub mod market;
pub mod not_found;
pub mod settings;

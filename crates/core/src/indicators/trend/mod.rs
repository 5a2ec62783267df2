//! Trend-following indicators: moving averages and friends.

pub mod ema;

pub use ema::{Ema, EmaConfig, ExponentialMovingAverage, ema};

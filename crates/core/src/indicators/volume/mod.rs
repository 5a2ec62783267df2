//! Volume-based indicators.

pub mod ad;
pub mod mfi;
pub mod obv;

pub use ad::{AccumulationDistribution, Ad, AdConfig, ad};
pub use mfi::{Mfi, MfiConfig, MoneyFlowIndex, mfi};
pub use obv::{Obv, ObvConfig, OnBalanceVolume, obv};

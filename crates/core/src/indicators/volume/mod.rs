//! Volume-based indicators.

pub mod ad;
pub mod mfi;
pub mod obv;
pub mod volume_z;
pub mod vwap;

pub use ad::{AccumulationDistribution, Ad, AdConfig, ad};
pub use mfi::{Mfi, MfiConfig, MoneyFlowIndex, mfi};
pub use obv::{Obv, ObvConfig, OnBalanceVolume, obv};
pub use volume_z::{VolumeZ, VolumeZConfig, VolumeZScore, volume_z};
pub use vwap::{VolumeWeightedAveragePrice, Vwap, VwapConfig, vwap};

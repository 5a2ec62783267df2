//! Volatility indicators: ranges and dispersion.

pub mod atr;
pub mod bbands;
pub mod stddev;

pub use atr::{
    Atr, AtrConfig, AverageTrueRange, Natr, NatrConfig, NormalizedAverageTrueRange, atr, natr,
};
pub use bbands::{BBands, BBandsConfig, BBandsOutput, BBandsSeries, BollingerBands, bbands};
pub use stddev::{StandardDeviation, StdDev, StdDevConfig, stddev};

//! Volatility indicators: ranges and dispersion.

pub mod atr;
pub mod bbands;
pub mod donchian;
pub mod keltner;
pub mod stddev;

pub use atr::{
    Atr, AtrConfig, AverageTrueRange, Natr, NatrConfig, NormalizedAverageTrueRange, atr, natr,
};
pub use bbands::{BBands, BBandsConfig, BBandsOutput, BBandsSeries, BollingerBands, bbands};
pub use donchian::{
    Donchian, DonchianChannel, DonchianConfig, DonchianOutput, DonchianSeries, donchian,
};
pub use keltner::{Keltner, KeltnerChannel, KeltnerConfig, KeltnerOutput, KeltnerSeries, keltner};
pub use stddev::{StandardDeviation, StdDev, StdDevConfig, stddev};

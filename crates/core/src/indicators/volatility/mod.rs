//! Volatility indicators: ranges and dispersion.

pub mod atr;
pub mod bbands;
pub mod donchian;
pub mod keltner;
pub mod stddev;

pub use atr::{
    Atr, AtrConfig, AverageTrueRange, Natr, NatrConfig, NormalizedAverageTrueRange, atr, natr,
};
pub use bbands::{
    BollingerBands, BollingerBandsConfig, BollingerBandsOutput, BollingerBandsSeries, bbands,
};
pub use donchian::{
    DonchianChannel, DonchianChannelConfig, DonchianChannelOutput, DonchianChannelSeries, donchian,
};
pub use keltner::{
    KeltnerChannel, KeltnerChannelConfig, KeltnerChannelOutput, KeltnerChannelSeries, keltner,
};
pub use stddev::{StandardDeviation, StdDev, StdDevConfig, stddev};

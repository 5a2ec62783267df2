//! Trend-following indicators: moving averages and friends.

pub mod adx;
pub mod aroon;
pub mod dema;
pub mod ema;
pub mod hma;
pub mod ichimoku;
pub mod macd;
pub mod sar;
pub mod sma;
pub mod supertrend;
pub mod tema;
pub mod vwma;
pub mod wma;

pub use adx::{
    Adx, AdxConfig, AdxOutput, AdxSeries, AverageDirectionalIndex, DirectionalMovementIndex, Dmi,
    DmiConfig, DmiOutput, DmiSeries, adx, dmi,
};
pub use aroon::{Aroon, AroonConfig, AroonOutput, AroonSeries, aroon};
pub use dema::{Dema, DemaConfig, DoubleExponentialMovingAverage, dema};
pub use ema::{Ema, EmaConfig, ExponentialMovingAverage, ema};
pub use hma::{Hma, HmaConfig, HullMovingAverage, hma};
pub use ichimoku::{
    Ichimoku, IchimokuCloud, IchimokuConfig, IchimokuOutput, IchimokuSeries, ichimoku,
};
pub use macd::{
    Macd, MacdConfig, MacdOutput, MacdSeries, MovingAverageConvergenceDivergence, macd,
};
pub use sar::{ParabolicSar, ParabolicSarConfig, sar};
pub use sma::{SimpleMovingAverage, Sma, SmaConfig, sma};
pub use supertrend::{
    Supertrend, SupertrendConfig, SupertrendIndicator, SupertrendOutput, SupertrendSeries,
    TrendDirection, supertrend,
};
pub use tema::{Tema, TemaConfig, TripleExponentialMovingAverage, tema};
pub use vwma::{VolumeWeightedMovingAverage, Vwma, VwmaConfig, vwma};
pub use wma::{WeightedMovingAverage, Wma, WmaConfig, wma};

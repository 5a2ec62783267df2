//! Momentum oscillators.

pub mod ao;
pub mod cci;
pub mod elder_ray;
pub mod mom;
pub mod roc;
pub mod rsi;
pub mod stoch;
pub mod stochrsi;
pub mod trix;
pub mod ultosc;
pub mod willr;

pub use ao::{Ao, AoConfig, AwesomeOscillator, ao};
pub use cci::{Cci, CciConfig, CommodityChannelIndex, cci};
pub use elder_ray::{
    ElderRay, ElderRayConfig, ElderRayIndex, ElderRayOutput, ElderRaySeries, elder_ray,
};
pub use mom::{Mom, MomConfig, Momentum, mom};
pub use roc::{RateOfChange, Roc, RocConfig, roc};
pub use rsi::{RelativeStrengthIndex, Rsi, RsiConfig, rsi};
pub use stoch::{Stoch, StochConfig, StochOutput, StochSeries, Stochastic, stoch};
pub use stochrsi::{
    StochRsi, StochRsiConfig, StochRsiOutput, StochRsiSeries, StochasticRsi, stoch_rsi,
};
pub use trix::{Trix, TrixConfig, trix};
pub use ultosc::{UltimateOscillator, UltimateOscillatorConfig, ult_osc};
pub use willr::{WillR, WillRConfig, WilliamsR, willr};

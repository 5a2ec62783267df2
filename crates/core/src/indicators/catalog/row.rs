//! What a catalog row says about an indicator, and the `catalog!` macro that
//! turns the rows of `table.rs` into [`IndicatorSpec`](super::IndicatorSpec)
//! and everything read from it: names, defaults, parameters, outputs,
//! computing and streaming.

use std::fmt;

use serde::Serialize;

use crate::indicators::{Candle, Indicator};

/// The price columns an indicator reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// Closing prices only.
    Close,
    /// Closing prices and volume.
    CloseVolume,
    /// High, low and close.
    Hlc,
    /// High, low, close and volume.
    Hlcv,
}

impl Input {
    /// Whether the indicator reads the high and low columns.
    pub fn needs_high_low(self) -> bool {
        matches!(self, Input::Hlc | Input::Hlcv)
    }

    /// Whether the indicator reads the volume column.
    pub fn needs_volume(self) -> bool {
        matches!(self, Input::CloseVolume | Input::Hlcv)
    }

    /// Whether one streaming step takes a candle (otherwise a price).
    pub fn is_candle(self) -> bool {
        self != Input::Close
    }
}

/// What an indicator measures, as the docs group them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Trend,
    Momentum,
    Volatility,
    Volume,
}

/// How a spec and its outputs are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// Stem and period (`rsi14`, `plus_di14`), then `_value` for each other
    /// parameter away from its default (`stddev20_2`). The first parameter
    /// is the period.
    Period,
    /// The tag, with every parameter after it when any is away from its
    /// default (`macd`, `bb_10_1.5`); parts after an underscore
    /// (`macd_signal`).
    Parameters,
}

/// The kind of a parameter's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// A period or count: a whole number.
    Count,
    /// A multiplier or factor.
    Number,
}

/// A parameter of an indicator: its snake_case name and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    pub name: &'static str,
    pub kind: ParamKind,
}

/// One row of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The short tag used in data: spec names, output names, JSON (`psar`).
    pub tag: &'static str,
    /// The type name: the Rust variant and the JS class (`ParabolicSar`).
    pub class: &'static str,
    /// The full name, for people.
    pub title: &'static str,
    pub category: Category,
    pub input: Input,
    pub naming: Naming,
    /// The parameters, in the order names and tables write them.
    pub params: &'static [Param],
    /// The outputs' stems, in order (see [`Naming`]); `""` is the spec's own name.
    pub outputs: &'static [&'static str],
    /// The TypeScript type of one streaming output (`number`, `MacdOutput`).
    pub stream_output: &'static str,
    /// Former JS class names, still accepted for one release.
    pub aliases: &'static [&'static str],
}

/// A parameter's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Count(usize),
    Number(f64),
}

impl From<usize> for Value {
    fn from(v: usize) -> Self {
        Value::Count(v)
    }
}

impl From<f64> for Value {
    fn from(v: f64) -> Self {
        Value::Number(v)
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Count(v) => write!(f, "{v}"),
            Value::Number(v) => write!(f, "{v}"),
        }
    }
}

/// A parameter ready to be set (how JS options reach a spec).
#[derive(Debug)]
pub enum Slot<'a> {
    Count(&'a mut usize),
    Number(&'a mut f64),
}

/// What one streaming step takes: a price or a candle.
pub trait StreamInput: Sized {
    /// Built from a price (a price indicator's step).
    fn from_price(price: f64) -> Self;
    /// Built from a candle (a candle indicator's step).
    fn from_candle(candle: Candle) -> Self;
}

impl StreamInput for f64 {
    fn from_price(price: f64) -> Self {
        price
    }

    fn from_candle(candle: Candle) -> Self {
        candle.close
    }
}

impl StreamInput for Candle {
    fn from_price(price: f64) -> Self {
        Candle::new(price, price, price, price, 0.0)
    }

    fn from_candle(candle: Candle) -> Self {
        candle
    }
}

/// Receives a spec's streaming indicator, whatever its type (see
/// [`IndicatorSpec::stream`](super::IndicatorSpec::stream)).
pub trait StreamVisitor {
    type Out;

    fn visit<T>(self, indicator: T) -> Self::Out
    where
        T: Indicator + fmt::Display + 'static,
        T::Input: StreamInput,
        T::Output: Serialize + 'static;
}

/// Builds `IndicatorSpec` and `CATALOG` from the rows of `table.rs`.
macro_rules! catalog {
    ($(
        $(#[$doc:meta])*
        $variant:ident {
            tag: $tag:literal,
            title: $title:literal,
            category: $category:ident,
            input: $input:ident,
            naming: $naming:ident,
            config: $config:ident { $($param:ident: $kind:ident),* $(,)? },
            outputs: [$($output:literal),* $(,)?],
            stream: $stream:literal,
            $(aliases: [$($alias:literal),* $(,)?],)?
            compute: |$c:pat_param, $x:ident| $compute:expr $(,)?
        }
    )*) => {
        /// One indicator with its parameters. Serialised as
        /// `{"indicator": tag, …parameters}`; parameters left out take
        /// their defaults.
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "indicator")]
        #[non_exhaustive]
        pub enum IndicatorSpec {
            $(
                $(#[$doc])*
                #[serde(rename = $tag)]
                $variant($config),
            )*
        }

        /// The position of each row in [`CATALOG`].
        #[allow(clippy::upper_case_acronyms)]
        enum Row {
            $($variant,)*
        }

        /// Every indicator, one row each, in the order the CLI prints them.
        pub const CATALOG: &[$crate::indicators::catalog::Entry] = &[$(
            $crate::indicators::catalog::Entry {
                tag: $tag,
                class: stringify!($variant),
                title: $title,
                category: $crate::indicators::catalog::Category::$category,
                input: $crate::indicators::catalog::Input::$input,
                naming: $crate::indicators::catalog::Naming::$naming,
                params: &[$($crate::indicators::catalog::Param { name: stringify!($param), kind: $crate::indicators::catalog::ParamKind::$kind }),*],
                outputs: &[$($output),*],
                stream_output: $stream,
                aliases: &[$($($alias),*)?],
            },
        )*];

        impl IndicatorSpec {
            /// This indicator's catalog row.
            pub fn entry(&self) -> &'static $crate::indicators::catalog::Entry {
                match self {
                    $(Self::$variant(_) => &CATALOG[Row::$variant as usize],)*
                }
            }

            /// The indicator `tag` at its default parameters.
            pub fn default_of(tag: &str) -> Option<Self> {
                match tag {
                    $($tag => Some(Self::$variant($config::default())),)*
                    _ => None,
                }
            }

            /// The parameters' values, in the row's order.
            #[allow(unused_variables)] // rows without parameters
            pub fn values(&self) -> Vec<$crate::indicators::catalog::Value> {
                match self {
                    $(Self::$variant(c) => vec![$($crate::indicators::catalog::Value::from(c.$param)),*],)*
                }
            }

            /// The parameters with their names, ready to be set.
            #[allow(unused_variables)] // rows without parameters
            pub fn slots(&mut self) -> Vec<(&'static str, $crate::indicators::catalog::Slot<'_>)> {
                match self {
                    $(Self::$variant(c) => vec![$((stringify!($param), $crate::indicators::catalog::Slot::$kind(&mut c.$param))),*],)*
                }
            }

            /// Checks the parameters.
            pub fn validate(&self) -> Result<(), $crate::Error> {
                match self {
                    $(Self::$variant(c) => c.validate(),)*
                }
            }

            /// Every output's values, in the row's order.
            pub(super) fn outputs_of(
                &self,
                inputs: &$crate::indicators::catalog::Inputs<'_, '_>,
            ) -> Result<Vec<Vec<f64>>, $crate::Error> {
                match self {
                    $(Self::$variant($c) => {
                        let $x = inputs;
                        $compute
                    })*
                }
            }

            /// Hands the spec's streaming indicator to `visitor`; a bad
            /// parameter is an error.
            pub fn stream<V: $crate::indicators::catalog::StreamVisitor>(
                &self,
                visitor: V,
            ) -> Result<V::Out, $crate::Error> {
                match self {
                    $(Self::$variant(c) => Ok(visitor.visit(c.init()?)),)*
                }
            }
        }
    };
}

pub(super) use catalog;

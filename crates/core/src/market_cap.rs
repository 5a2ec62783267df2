//! Market-cap classes: large, mid, small and micro caps.
//!
//! Market cap is what a feed reports, or price × circulating supply when it
//! reports none. Feeds send `0` or `null` for "unknown", so a zero market cap
//! is treated as missing, never as a real value. The class bounds (in US
//! dollars) are:
//!
//! | class | market cap            |
//! |-------|-----------------------|
//! | large | > 10 B                |
//! | mid   | 1 B ..= 10 B          |
//! | small | 50 M .. 1 B           |
//! | micro | < 50 M                |
//!
//! ```
//! use tokenlens_core::{MarketCapClass, MarketData};
//! let eth = MarketData { market_cap: None, price: Some(1_850.0), circulating_supply: Some(120e6) };
//! let cap = eth.resolve().unwrap();
//! assert_eq!(cap.value, 222e9);
//! assert_eq!(cap.class(), MarketCapClass::Large);
//! ```

use serde::{Deserialize, Serialize};

use crate::Error;

/// Above this market cap (exclusive) a token is a large cap.
pub const LARGE_CAP_MIN: f64 = 10e9;
/// From this market cap (inclusive) up to [`LARGE_CAP_MIN`] a token is a mid cap.
pub const MID_CAP_MIN: f64 = 1e9;
/// From this market cap (inclusive) up to [`MID_CAP_MIN`] a token is a small cap;
/// below it, a micro cap (the moonshot universe).
pub const SMALL_CAP_MIN: f64 = 50e6;

/// The size class of a token by market cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MarketCapClass {
    Micro,
    Small,
    Mid,
    Large,
}

impl MarketCapClass {
    /// The class of a market cap in US dollars. The value must be finite and
    /// not negative.
    pub fn of(market_cap: f64) -> Result<Self, Error> {
        check_amount("market_cap", market_cap)?;
        Ok(if market_cap > LARGE_CAP_MIN {
            Self::Large
        } else if market_cap >= MID_CAP_MIN {
            Self::Mid
        } else if market_cap >= SMALL_CAP_MIN {
            Self::Small
        } else {
            Self::Micro
        })
    }

    /// The lowercase name used in JSON, URLs and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Large => "large",
            Self::Mid => "mid",
            Self::Small => "small",
            Self::Micro => "micro",
        }
    }
}

impl std::fmt::Display for MarketCapClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a market cap came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MarketCapSource {
    /// As the feed reported it.
    Reported,
    /// Price × circulating supply, because the feed reported none.
    Implied,
}

/// A resolved market cap with its provenance.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MarketCap {
    pub value: f64,
    pub source: MarketCapSource,
}

impl MarketCap {
    /// The size class of this market cap.
    pub fn class(&self) -> MarketCapClass {
        // `value` was checked when the market cap was resolved.
        MarketCapClass::of(self.value).unwrap_or(MarketCapClass::Micro)
    }
}

/// The market fields a feed may give for a token, any of them missing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct MarketData {
    pub market_cap: Option<f64>,
    pub price: Option<f64>,
    pub circulating_supply: Option<f64>,
}

impl MarketData {
    /// The market cap: the reported one when it is positive, else price ×
    /// circulating supply. Negative or non-finite values are errors, not
    /// silently skipped.
    pub fn resolve(&self) -> Result<MarketCap, Error> {
        if let Some(reported) = self.market_cap {
            check_amount("market_cap", reported)?;
            if reported > 0.0 {
                return Ok(MarketCap {
                    value: reported,
                    source: MarketCapSource::Reported,
                });
            }
        }
        let price = self.price.map(|p| check_amount("price", p)).transpose()?;
        let supply = self
            .circulating_supply
            .map(|s| check_amount("circulating_supply", s))
            .transpose()?;
        match (price, supply) {
            (Some(p), Some(s)) if p > 0.0 && s > 0.0 => {
                let value = p * s;
                check_amount("market_cap", value)?;
                Ok(MarketCap {
                    value,
                    source: MarketCapSource::Implied,
                })
            }
            _ => Err(Error::MissingMarketCap),
        }
    }
}

fn check_amount(field: &'static str, value: f64) -> Result<f64, Error> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(Error::InvalidInput {
            field,
            value: value.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use MarketCapClass::*;

    #[test]
    fn class_bounds_follow_the_published_thresholds() {
        let cases = [
            (0.0, Micro),
            (49_999_999.99, Micro),
            (50e6, Small),
            (999_999_999.0, Small),
            (1e9, Mid),
            (10e9, Mid),
            (10_000_000_001.0, Large),
            (2.3e12, Large),
        ];
        for (cap, expected) in cases {
            assert_eq!(MarketCapClass::of(cap), Ok(expected), "market cap {cap}");
        }
    }

    #[test]
    fn bad_market_caps_are_typed_errors_quoting_the_value() {
        for bad in [-1.0, f64::NAN, f64::INFINITY] {
            let err = MarketCapClass::of(bad).unwrap_err();
            assert_eq!(err.code(), "INVALID_INPUT");
            assert!(err.to_string().contains(&bad.to_string()), "{err}");
        }
    }

    #[test]
    fn reported_market_cap_wins_over_implied() {
        let data = MarketData {
            market_cap: Some(5e9),
            price: Some(1.0),
            circulating_supply: Some(1.0),
        };
        let cap = data.resolve().unwrap();
        assert_eq!(cap.source, MarketCapSource::Reported);
        assert_eq!(cap.class(), Mid);
    }

    #[test]
    fn zero_or_missing_market_cap_falls_back_to_price_times_supply() {
        for market_cap in [None, Some(0.0)] {
            let data = MarketData {
                market_cap,
                price: Some(0.5),
                circulating_supply: Some(40e6),
            };
            let cap = data.resolve().unwrap();
            assert_eq!(cap.value, 20e6);
            assert_eq!(cap.source, MarketCapSource::Implied);
            assert_eq!(cap.class(), Micro);
        }
    }

    #[test]
    fn no_usable_fields_is_missing_market_cap() {
        let cases = [
            MarketData::default(),
            MarketData {
                market_cap: Some(0.0),
                price: Some(2.0),
                circulating_supply: Some(0.0),
            },
            MarketData {
                market_cap: None,
                price: None,
                circulating_supply: Some(1e6),
            },
        ];
        for data in cases {
            assert_eq!(data.resolve(), Err(Error::MissingMarketCap), "{data:?}");
        }
    }

    #[test]
    fn negative_supply_is_an_error_not_a_fallback() {
        let data = MarketData {
            market_cap: None,
            price: Some(2.0),
            circulating_supply: Some(-5.0),
        };
        let err = data.resolve().unwrap_err();
        assert!(matches!(
            err,
            Error::InvalidInput {
                field: "circulating_supply",
                ..
            }
        ));
    }

    #[test]
    fn overflowing_product_is_an_error() {
        let data = MarketData {
            market_cap: None,
            price: Some(f64::MAX),
            circulating_supply: Some(10.0),
        };
        assert_eq!(data.resolve().unwrap_err().code(), "INVALID_INPUT");
    }

    proptest::proptest! {
        #[test]
        fn class_is_monotonic_in_market_cap(a in 0.0f64..1e13, b in 0.0f64..1e13) {
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            proptest::prop_assert!(MarketCapClass::of(lo).unwrap() <= MarketCapClass::of(hi).unwrap());
        }
    }
}

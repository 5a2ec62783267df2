//! The candle (OHLCV bar) consumed by range- and volume-based indicators.

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::Valid;

/// One OHLCV bar. Volume is in the base asset.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candle {
    pub open: f64,
    pub high: f64,
    pub low: f64,
    pub close: f64,
    pub volume: f64,
}

impl Candle {
    /// A candle from its five fields.
    pub const fn new(open: f64, high: f64, low: f64, close: f64, volume: f64) -> Self {
        Self {
            open,
            high,
            low,
            close,
            volume,
        }
    }

    /// A candle whose open, high, low and close are all `price`.
    pub const fn flat(price: f64, volume: f64) -> Self {
        Self::new(price, price, price, price, volume)
    }

    /// `(high + low + close) / 3`, in that order (as TA-Lib).
    pub fn typical_price(&self) -> f64 {
        (self.high + self.low + self.close) / 3.0
    }

    /// Whether every field is finite.
    pub fn is_finite(&self) -> bool {
        self.open.is_finite()
            && self.high.is_finite()
            && self.low.is_finite()
            && self.close.is_finite()
            && self.volume.is_finite()
    }

    /// Builds candles from columns of equal length.
    pub fn from_columns(
        open: &[f64],
        high: &[f64],
        low: &[f64],
        close: &[f64],
        volume: &[f64],
    ) -> Result<Vec<Candle>, Error> {
        let len = close.len();
        for (field, col) in [
            ("open", open),
            ("high", high),
            ("low", low),
            ("close", close),
            ("volume", volume),
        ] {
            if col.len() != len {
                return Err(Error::LengthMismatch {
                    field,
                    len: col.len(),
                    expected: len,
                });
            }
        }
        Ok((0..len)
            .map(|i| Candle::new(open[i], high[i], low[i], close[i], volume[i]))
            .collect())
    }
}

impl Valid for Candle {
    fn is_valid(&self) -> bool {
        self.is_finite()
    }
}

/// Checks that every field of every candle is finite, naming the first bad one.
pub(crate) fn check_candles(candles: &[Candle]) -> Result<(), Error> {
    for (i, c) in candles.iter().enumerate() {
        for (field, v) in [
            ("open", c.open),
            ("high", c.high),
            ("low", c.low),
            ("close", c.close),
            ("volume", c.volume),
        ] {
            if !v.is_finite() {
                return Err(Error::InvalidInput {
                    field,
                    value: format!("{v} at index {i}"),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typical_price_and_columns() {
        let c = Candle::new(1.0, 4.0, 1.0, 4.0, 9.0);
        assert_eq!(c.typical_price(), 3.0);
        let cs = Candle::from_columns(&[1.0], &[4.0], &[1.0], &[4.0], &[9.0]).unwrap();
        assert_eq!(cs, vec![c]);
        let err = Candle::from_columns(&[1.0], &[4.0], &[], &[4.0], &[9.0]).unwrap_err();
        assert_eq!(err.code(), "LENGTH_MISMATCH");
        assert!(err.to_string().contains("low"), "{err}");
    }

    #[test]
    fn check_candles_names_the_field_and_index() {
        let cs = [
            Candle::flat(1.0, 1.0),
            Candle::new(1.0, f64::NAN, 1.0, 1.0, 1.0),
        ];
        let err = check_candles(&cs).unwrap_err();
        assert_eq!(err.to_string(), "invalid input `high`: NaN at index 1");
    }

    #[test]
    fn serde_round_trip() {
        let c = Candle::new(1.0, 2.0, 0.5, 1.5, 10.0);
        let s = serde_json::to_string(&c).unwrap();
        assert_eq!(serde_json::from_str::<Candle>(&s).unwrap(), c);
    }
}

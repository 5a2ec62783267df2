//! The OHLCV candle every exchange feed is normalised into.

use serde::{Deserialize, Serialize};

/// One OHLCV bar from an exchange, oldest-first in every list this crate
/// returns. Prices are in the quote currency; `volume` is in the base asset.
///
/// Every candle built by this crate has passed [`Candle::check`]: finite,
/// non-negative values and `high >= max(open, close) >= min(open, close) >= low`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Candle {
    /// When the bar opens, in ms since the Unix epoch (UTC).
    pub open_time_ms: i64,
    pub open: f64,
    pub high: f64,
    pub low: f64,
    pub close: f64,
    /// Traded amount in the base asset.
    pub volume: f64,
    /// Traded amount in the quote asset, when the exchange reports it (Binance).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote_volume: Option<f64>,
    /// Number of trades, when the exchange reports it (Binance).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trades: Option<u64>,
}

impl Candle {
    /// Checks that the bar is one a real market could print.
    pub fn check(&self) -> Result<(), String> {
        for (field, value) in [
            ("open", self.open),
            ("high", self.high),
            ("low", self.low),
            ("close", self.close),
            ("volume", self.volume),
        ] {
            if !value.is_finite() || value < 0.0 {
                return Err(format!("{field} {value} is not a non-negative number"));
            }
        }
        if let Some(q) = self.quote_volume
            && (!q.is_finite() || q < 0.0)
        {
            return Err(format!("quote volume {q} is not a non-negative number"));
        }
        let (body_high, body_low) = if self.open >= self.close {
            (self.open, self.close)
        } else {
            (self.close, self.open)
        };
        if self.high < body_high {
            return Err(format!(
                "high {} is below max(open, close) {body_high}",
                self.high
            ));
        }
        if self.low > body_low {
            return Err(format!(
                "low {} is above min(open, close) {body_low}",
                self.low
            ));
        }
        Ok(())
    }
}

/// Sorts candles oldest first and keeps one per open time: of several with
/// the same open time, the one that came last in `candles`.
pub fn chronological(mut candles: Vec<Candle>) -> Vec<Candle> {
    // A stable sort keeps equal open times in input order, so the last of a
    // run is the last received.
    candles.sort_by_key(|c| c.open_time_ms);
    let mut out: Vec<Candle> = Vec::with_capacity(candles.len());
    for candle in candles {
        match out.last_mut() {
            Some(prev) if prev.open_time_ms == candle.open_time_ms => *prev = candle,
            _ => out.push(candle),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(t: i64, open: f64, high: f64, low: f64, close: f64) -> Candle {
        Candle {
            open_time_ms: t,
            open,
            high,
            low,
            close,
            volume: 1.0,
            quote_volume: None,
            trades: None,
        }
    }

    #[test]
    fn accepts_real_shapes_including_flat_bars() {
        assert_eq!(bar(0, 1.0, 2.0, 0.5, 1.5).check(), Ok(()));
        assert_eq!(bar(0, 1.5, 2.0, 0.5, 1.0).check(), Ok(()));
        assert_eq!(bar(0, 1.0, 1.0, 1.0, 1.0).check(), Ok(()));
        assert_eq!(bar(0, 0.0, 0.0, 0.0, 0.0).check(), Ok(()));
    }

    #[test]
    fn rejects_bars_outside_their_range() {
        let high_below_close = bar(0, 1.0, 1.2, 0.9, 1.3).check().unwrap_err();
        assert!(high_below_close.contains("high 1.2"), "{high_below_close}");
        let low_above_open = bar(0, 1.0, 1.2, 1.05, 1.1).check().unwrap_err();
        assert!(low_above_open.contains("low 1.05"), "{low_above_open}");
        assert!(bar(0, 1.0, 0.5, 2.0, 1.0).check().is_err());
        assert!(bar(0, -1.0, 1.0, -2.0, 0.0).check().is_err());
        assert!(bar(0, f64::NAN, 1.0, 0.0, 0.5).check().is_err());
        let mut negative_volume = bar(0, 1.0, 1.0, 1.0, 1.0);
        negative_volume.volume = -3.0;
        assert!(negative_volume.check().is_err());
        negative_volume.volume = 3.0;
        negative_volume.quote_volume = Some(f64::INFINITY);
        assert!(negative_volume.check().is_err());
    }

    #[test]
    fn chronological_sorts_and_keeps_the_last_duplicate() {
        let candles = vec![
            bar(3, 3.0, 3.0, 3.0, 3.0),
            bar(1, 1.0, 1.0, 1.0, 1.0),
            bar(2, 2.0, 2.0, 2.0, 2.0),
            bar(1, 9.0, 9.0, 9.0, 9.0),
        ];
        let out = chronological(candles);
        let got: Vec<_> = out.iter().map(|c| (c.open_time_ms, c.close)).collect();
        assert_eq!(got, [(1, 9.0), (2, 2.0), (3, 3.0)]);
    }
}

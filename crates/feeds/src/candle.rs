//! The OHLCV candle every exchange feed is normalised into.

use serde::{Deserialize, Serialize};
use tokenlens_core::Error;
use tokenlens_core::analysis::{Interval, PriceSeries};

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

/// The daily OHLCV series of `candles` (oldest first, one per day, as the
/// feeds return them) whose day has ended by `now_ms`: a day still trading
/// is left out, so that grades and signals rest on closed days only, as in
/// the bundled history. Errors: no closed day, or a series the core refuses
/// (unsorted or duplicate days).
pub fn closed_daily_series(candles: &[Candle], now_ms: f64) -> Result<PriceSeries, Error> {
    const DAY_MS: i64 = 86_400_000;
    let closed: Vec<&Candle> = candles
        .iter()
        .filter(|c| ((c.open_time_ms + DAY_MS) as f64) <= now_ms)
        .collect();
    if closed.is_empty() {
        return Err(Error::TooShort { len: 0, needed: 1 });
    }
    let column = |f: fn(&Candle) -> f64| closed.iter().map(|c| f(c)).collect::<Vec<f64>>();
    PriceSeries {
        interval: Interval::Daily,
        timestamps: closed
            .iter()
            .map(|c| c.open_time_ms.div_euclid(1000))
            .collect(),
        open: Some(column(|c| c.open)),
        high: Some(column(|c| c.high)),
        low: Some(column(|c| c.low)),
        close: column(|c| c.close),
        volume: Some(column(|c| c.volume)),
    }
    .validated()
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

    #[test]
    fn the_daily_series_keeps_closed_days_only() {
        const DAY: i64 = 86_400_000;
        let t0 = 1_735_689_600_000; // 2025-01-01
        let candles = [
            bar(t0, 10.0, 12.0, 9.0, 11.0),
            bar(t0 + DAY, 11.0, 13.0, 10.0, 12.0),
            bar(t0 + 2 * DAY, 12.0, 12.5, 11.5, 12.2),
        ];
        // Mid-way through the third day: two closed days.
        let now = (t0 + 2 * DAY + DAY / 2) as f64;
        let s = closed_daily_series(&candles, now).unwrap();
        assert_eq!(s.close, [11.0, 12.0]);
        assert_eq!(s.timestamps, [t0 / 1000, (t0 + DAY) / 1000]);
        assert_eq!(s.high.as_deref(), Some(&[12.0, 13.0][..]));
        assert_eq!(s.volume.as_deref(), Some(&[1.0, 1.0][..]));
        // At the third day's end it counts.
        assert_eq!(
            closed_daily_series(&candles, (t0 + 3 * DAY) as f64)
                .unwrap()
                .len(),
            3
        );
        // Nothing closed yet, or days out of order: errors, not a series.
        assert!(closed_daily_series(&candles, t0 as f64).is_err());
        let unsorted = [candles[1], candles[0]];
        assert!(closed_daily_series(&unsorted, (t0 + 9 * DAY) as f64).is_err());
    }
}

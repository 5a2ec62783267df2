//! The streaming contract, checked on every indicator:
//!
//! * no output before warm-up, an output at every step from warm-up on;
//! * `replace` with the same input changes nothing;
//! * `update(y)` then `replace(x)` is the same as `update(x)`;
//! * streaming equals batch;
//! * `reset` gives back the freshly built state;
//! * non-finite input is skipped;
//! * constant input gives constant output (where meaningful).

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

use std::fmt::{Debug, Display};

use tokenlens_core::indicators::momentum::*;
use tokenlens_core::indicators::trend::*;
use tokenlens_core::indicators::volatility::*;
use tokenlens_core::indicators::volume::*;
use tokenlens_core::indicators::{Candle, Indicator};

/// The values of one output, in a fixed order.
trait Row {
    fn row(&self) -> Vec<f64>;
}

impl Row for f64 {
    fn row(&self) -> Vec<f64> {
        vec![*self]
    }
}

macro_rules! row {
    ($t:ty: $($f:ident),+) => {
        impl Row for $t {
            fn row(&self) -> Vec<f64> {
                vec![$(self.$f),+]
            }
        }
    };
}
row!(MacdOutput: macd, signal, histogram);
row!(BollingerBandsOutput: upper, middle, lower, percent_b, bandwidth);
row!(StochOutput: k, d);
row!(StochRsiOutput: k, d);
row!(AdxOutput: adx, plus_di, minus_di);
row!(DmiOutput: plus_di, minus_di);
row!(AroonOutput: up, down, oscillator);
row!(DonchianChannelOutput: upper, middle, lower);
row!(KeltnerChannelOutput: upper, middle, lower);
row!(ElderRayOutput: bull_power, bear_power);
row!(IchimokuOutput: conversion, base, span_a, span_b);

impl Row for SupertrendOutput {
    fn row(&self) -> Vec<f64> {
        vec![self.value, self.direction.sign()]
    }
}

/// Candles of a deterministic random walk, with repeated highs and lows
/// (ties for the extremes) and a few flat candles.
fn candles(n: usize) -> Vec<Candle> {
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut rnd = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut close = 100.0;
    (0..n)
        .map(|i| {
            let open = close;
            close = (close * (1.0 + (rnd() - 0.5) * 0.1) * 4.0).round() / 4.0;
            if i % 17 == 5 {
                return Candle::flat(open, 0.0);
            }
            let high = open.max(close) + (rnd() * 4.0).round() / 4.0;
            let low = open.min(close) - (rnd() * 4.0).round() / 4.0;
            Candle::new(open, high, low, close, (rnd() * 1000.0).round())
        })
        .collect()
}

fn same(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()))
}

fn to_row<O: Row>(o: Option<O>, width: usize) -> Vec<f64> {
    o.map_or_else(|| vec![f64::NAN; width], |o| o.row())
}

fn contract<I>(
    fresh: I,
    inputs: &[I::Input],
    other: impl Fn(I::Input) -> I::Input,
    batch: Vec<Vec<f64>>,
    constant: Option<I::Input>,
    invalid: I::Input,
) where
    I: Indicator + Clone + PartialEq + Debug + Display,
    I::Input: Copy + Debug,
    I::Output: Copy + Row + Debug,
{
    let name = fresh.to_string();
    assert!(!name.is_empty());
    let warmup = fresh.warmup();
    assert!(warmup >= 1, "{name}");
    let width = batch.len();
    let mut ind = fresh.clone();
    for (i, &x) in inputs.iter().enumerate() {
        // update(y) then replace(x) is update(x).
        let mut other_path = ind.clone();
        other_path.update(other(x));
        let replaced = other_path.replace(x);

        let out = ind.update(x);
        assert_eq!(out.is_some(), i + 1 >= warmup, "{name}: output at {i}");
        assert!(
            same(&to_row(replaced, width), &to_row(out, width)),
            "{name} at {i}"
        );
        assert_eq!(other_path, ind, "{name}: state after replace at {i}");

        // replace with the same input changes nothing.
        let mut again = ind.clone();
        assert!(same(&to_row(again.replace(x), width), &to_row(out, width)));
        assert_eq!(again, ind, "{name}: replace(same) at {i}");

        // Non-finite input is skipped.
        let mut skip = ind.clone();
        assert!(same(
            &to_row(skip.update(invalid), width),
            &to_row(out, width)
        ));
        assert!(same(
            &to_row(skip.replace(invalid), width),
            &to_row(out, width)
        ));
        assert_eq!(skip, ind, "{name}: invalid input at {i}");

        // Streaming equals batch.
        let row: Vec<f64> = batch.iter().map(|col| col[i]).collect();
        assert!(
            same(&row, &to_row(out, width)),
            "{name}: batch at {i}: {row:?} vs {out:?}"
        );
    }

    // replace before any update is an update.
    let mut a = fresh.clone();
    let mut b = fresh.clone();
    a.replace(inputs[0]);
    b.update(inputs[0]);
    assert_eq!(a, b, "{name}: replace on a fresh state");

    // reset equals fresh, and replays the same outputs.
    ind.reset();
    assert_eq!(ind, fresh, "{name}: reset");
    let mut f = fresh.clone();
    for &x in inputs.iter().take(3 * warmup) {
        assert!(same(
            &to_row(ind.update(x), width),
            &to_row(f.update(x), width)
        ));
    }

    if let Some(c) = constant {
        let mut ind = fresh.clone();
        let outs: Vec<Vec<f64>> = (0..warmup + 20)
            .filter_map(|_| ind.update(c))
            .map(|o| o.row())
            .collect();
        assert_eq!(outs.len(), 21, "{name}");
        for o in &outs {
            assert!(
                same(o, &outs[0]),
                "{name}: constant input gave {o:?} and {:?}",
                outs[0]
            );
            assert!(o.iter().all(|v| v.is_finite()), "{name}: {o:?}");
        }
    }
}

/// Contract for an indicator over prices.
fn prices<I>(fresh: I, batch: impl Fn(&[f64]) -> Vec<Vec<f64>>, constant: bool)
where
    I: Indicator<Input = f64> + Clone + PartialEq + Debug + Display,
    I::Output: Copy + Row + Debug,
{
    let xs: Vec<f64> = candles(150).iter().map(|c| c.close).collect();
    let cols = batch(&xs);
    contract(
        fresh,
        &xs,
        |x| x * 1.5 + 1.0,
        cols,
        constant.then_some(42.5),
        f64::NAN,
    );
}

/// Contract for an indicator over candles.
fn bars<I>(fresh: I, batch: impl Fn(&[Candle]) -> Vec<Vec<f64>>, constant: bool)
where
    I: Indicator<Input = Candle> + Clone + PartialEq + Debug + Display,
    I::Output: Copy + Row + Debug,
{
    let cs = candles(150);
    let cols = batch(&cs);
    let other = |c: Candle| Candle::new(c.open, c.high * 1.2, c.low * 0.7, c.high * 1.1, 7.0);
    let bad = Candle::new(1.0, 2.0, f64::INFINITY, 1.0, 1.0);
    contract(
        fresh,
        &cs,
        other,
        cols,
        constant.then_some(Candle::flat(42.5, 3.0)),
        bad,
    );
}

#[test]
fn moving_averages() {
    for n in [1, 2, 5, 20] {
        prices(
            SmaConfig { period: n }.init().unwrap(),
            |x| vec![sma(x, n).unwrap()],
            true,
        );
        prices(
            EmaConfig { period: n }.init().unwrap(),
            |x| vec![ema(x, n).unwrap()],
            true,
        );
        prices(
            WmaConfig { period: n }.init().unwrap(),
            |x| vec![wma(x, n).unwrap()],
            true,
        );
        prices(
            DemaConfig { period: n }.init().unwrap(),
            |x| vec![dema(x, n).unwrap()],
            true,
        );
        prices(
            TemaConfig { period: n }.init().unwrap(),
            |x| vec![tema(x, n).unwrap()],
            true,
        );
    }
}

#[test]
fn macd_contract() {
    for (fast, slow, signal) in [(12, 26, 9), (2, 2, 1), (3, 7, 2)] {
        let cfg = MacdConfig { fast, slow, signal };
        let batch = |x: &[f64]| {
            let m = macd(x, cfg).unwrap();
            vec![m.macd, m.signal, m.histogram]
        };
        prices(cfg.init().unwrap(), batch, true);
    }
}

#[test]
fn oscillators_over_prices() {
    for n in [1, 2, 14] {
        prices(
            RsiConfig { period: n }.init().unwrap(),
            |x| vec![rsi(x, n).unwrap()],
            true,
        );
        prices(
            MomConfig { period: n }.init().unwrap(),
            |x| vec![mom(x, n).unwrap()],
            true,
        );
        prices(
            RocConfig { period: n }.init().unwrap(),
            |x| vec![roc(x, n).unwrap()],
            true,
        );
    }
    for (rsi_period, k_period, d_period) in [(14, 14, 3), (2, 1, 1), (5, 3, 2)] {
        let cfg = StochRsiConfig {
            rsi_period,
            k_period,
            d_period,
        };
        let batch = |x: &[f64]| {
            let s = stoch_rsi(x, cfg).unwrap();
            vec![s.k, s.d]
        };
        prices(cfg.init().unwrap(), batch, true);
    }
}

#[test]
fn dispersion() {
    for (period, multiplier) in [(2, 1.0), (20, 2.0), (7, 0.5)] {
        let cfg = BollingerBandsConfig { period, multiplier };
        let batch = |x: &[f64]| {
            let b = bbands(x, cfg).unwrap();
            vec![b.upper, b.middle, b.lower, b.percent_b, b.bandwidth]
        };
        prices(cfg.init().unwrap(), batch, true);
        let cfg = StdDevConfig {
            period,
            deviations: multiplier,
        };
        prices(cfg.init().unwrap(), |x| vec![stddev(x, cfg).unwrap()], true);
    }
}

#[test]
fn range_indicators() {
    for n in [1, 2, 14] {
        bars(
            AtrConfig { period: n }.init().unwrap(),
            |c| vec![atr(c, n).unwrap()],
            true,
        );
        bars(
            NatrConfig { period: n }.init().unwrap(),
            |c| vec![natr(c, n).unwrap()],
            true,
        );
        bars(
            WillRConfig { period: n }.init().unwrap(),
            |c| vec![willr(c, n).unwrap()],
            true,
        );
        bars(
            MfiConfig { period: n }.init().unwrap(),
            |c| vec![mfi(c, n).unwrap()],
            true,
        );
        let batch = |c: &[Candle]| {
            let a = aroon(c, n).unwrap();
            vec![a.up, a.down, a.oscillator]
        };
        bars(AroonConfig { period: n }.init().unwrap(), batch, true);
    }
    for n in [2, 14] {
        bars(
            CciConfig { period: n }.init().unwrap(),
            |c| vec![cci(c, n).unwrap()],
            true,
        );
        let batch = |c: &[Candle]| {
            let a = adx(c, n).unwrap();
            vec![a.adx, a.plus_di, a.minus_di]
        };
        bars(AdxConfig { period: n }.init().unwrap(), batch, true);
        let batch = |c: &[Candle]| {
            let d = dmi(c, n).unwrap();
            vec![d.plus_di, d.minus_di]
        };
        bars(DmiConfig { period: n }.init().unwrap(), batch, true);
    }
    for (k_period, k_slowing, d_period) in [(14, 3, 3), (1, 1, 1), (5, 2, 4)] {
        let cfg = StochConfig {
            k_period,
            k_slowing,
            d_period,
        };
        let batch = |c: &[Candle]| {
            let s = stoch(c, cfg).unwrap();
            vec![s.k, s.d]
        };
        bars(cfg.init().unwrap(), batch, true);
    }
    for (short, mid, long) in [(7, 14, 28), (1, 1, 1), (5, 3, 2)] {
        let cfg = UltimateOscillatorConfig { short, mid, long };
        bars(
            cfg.init().unwrap(),
            |c| vec![ult_osc(c, cfg).unwrap()],
            true,
        );
    }
    for (acceleration, maximum) in [(0.02, 0.2), (0.1, 0.1)] {
        let cfg = ParabolicSarConfig {
            acceleration,
            maximum,
        };
        bars(cfg.init().unwrap(), |c| vec![sar(c, cfg).unwrap()], true);
    }
}

#[test]
fn indicators_without_talib() {
    for n in [2, 4, 9, 20] {
        prices(
            HmaConfig { period: n }.init().unwrap(),
            |x| vec![hma(x, n).unwrap()],
            true,
        );
    }
    for n in [1, 3, 20] {
        bars(
            VwmaConfig { period: n }.init().unwrap(),
            |c| vec![vwma(c, n).unwrap()],
            true,
        );
        let batch = |c: &[Candle]| {
            let d = donchian(c, n).unwrap();
            vec![d.upper, d.middle, d.lower]
        };
        bars(
            DonchianChannelConfig { period: n }.init().unwrap(),
            batch,
            true,
        );
    }
    for (period, atr_period) in [(20, 10), (1, 1), (3, 8)] {
        let cfg = KeltnerChannelConfig {
            period,
            atr_period,
            multiplier: 1.5,
        };
        let batch = |c: &[Candle]| {
            let k = keltner(c, cfg).unwrap();
            vec![k.upper, k.middle, k.lower]
        };
        bars(cfg.init().unwrap(), batch, true);
    }
    for (fast, slow) in [(5, 34), (1, 2)] {
        let cfg = AoConfig { fast, slow };
        bars(cfg.init().unwrap(), |c| vec![ao(c, cfg).unwrap()], true);
    }
}

#[test]
fn volume_lines() {
    bars(
        ObvConfig::default().init().unwrap(),
        |c| vec![obv(c).unwrap()],
        true,
    );
    bars(
        AdConfig::default().init().unwrap(),
        |c| vec![ad(c).unwrap()],
        true,
    );
}

#[test]
fn elder_ray_vwap_volume_z_ichimoku_supertrend() {
    for n in [1, 2, 13] {
        let batch = |c: &[Candle]| {
            let e = elder_ray(c, n).unwrap();
            vec![e.bull_power, e.bear_power]
        };
        bars(ElderRayConfig { period: n }.init().unwrap(), batch, true);
        bars(
            VwapConfig { period: n }.init().unwrap(),
            |c| vec![vwap(c, n).unwrap()],
            true,
        );
    }
    for n in [2, 3, 20] {
        bars(
            VolumeZConfig { period: n }.init().unwrap(),
            |c| vec![volume_z(c, n).unwrap()],
            true,
        );
    }
    for (conversion, base, span_b) in [(9, 26, 52), (1, 1, 1), (5, 3, 2)] {
        let cfg = IchimokuConfig {
            conversion,
            base,
            span_b,
        };
        let batch = |c: &[Candle]| {
            let i = ichimoku(c, cfg).unwrap();
            vec![i.conversion, i.base, i.span_a, i.span_b]
        };
        bars(cfg.init().unwrap(), batch, true);
    }
    for (atr_period, multiplier) in [(10, 3.0), (1, 0.5), (3, 1.0)] {
        let cfg = SupertrendConfig {
            atr_period,
            multiplier,
        };
        let batch = |c: &[Candle]| {
            let s = supertrend(c, cfg).unwrap();
            vec![s.value, s.direction]
        };
        bars(cfg.init().unwrap(), batch, true);
    }
}

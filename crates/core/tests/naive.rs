//! Property tests: every indicator against a brute-force implementation
//! that recomputes each window from scratch, across many periods.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test
#![allow(clippy::needless_range_loop)] // brute force reads best with indices

use proptest::prelude::*;
use tokenlens_core::indicators::Candle;
use tokenlens_core::indicators::momentum::*;
use tokenlens_core::indicators::trend::*;
use tokenlens_core::indicators::volatility::*;
use tokenlens_core::indicators::volume::*;

/// Equal up to rounding relative to `scale` (NaN equals NaN).
fn close(a: &[f64], b: &[f64], scale: f64) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.len(), b.len());
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        let ok = (x.is_nan() && y.is_nan()) || (x - y).abs() <= 1e-9 * scale.max(1.0);
        prop_assert!(ok, "index {}: {} vs {} (scale {})", i, x, y, scale);
    }
    Ok(())
}

/// Prices on a quarter grid (ties and flat stretches happen).
fn prices() -> impl Strategy<Value = Vec<f64>> {
    proptest::collection::vec((4u32..4000).prop_map(|q| f64::from(q) / 4.0), 0..120)
}

fn candles() -> impl Strategy<Value = Vec<Candle>> {
    proptest::collection::vec(
        (4u32..4000, 0u32..40, 0u32..40, 0u32..40, 0u32..1000),
        0..120,
    )
    .prop_map(|rows| {
        rows.into_iter()
            .map(|(c, up, down, open, v)| {
                let close = f64::from(c) / 4.0;
                // Prices stay positive, as the core requires of real data.
                let open = (close + f64::from(open) / 8.0 - 2.5).max(0.25);
                let high = close.max(open) + f64::from(up) / 4.0;
                let low = (close.min(open) - f64::from(down) / 4.0).max(0.125);
                Candle::new(open, high, low, close, f64::from(v))
            })
            .collect()
    })
}

fn windows(len: usize, n: usize) -> impl Iterator<Item = (usize, std::ops::Range<usize>)> {
    (0..len)
        .filter(move |&t| t + 1 >= n)
        .map(move |t| (t, t + 1 - n..t + 1))
}

fn naive_sma(xs: &[f64], n: usize) -> Vec<f64> {
    let mut out = vec![f64::NAN; xs.len()];
    for (t, w) in windows(xs.len(), n) {
        out[t] = xs[w].iter().sum::<f64>() / n as f64;
    }
    out
}

fn naive_ema(xs: &[f64], n: usize) -> Vec<f64> {
    let mut out = vec![f64::NAN; xs.len()];
    let k = 2.0 / (n as f64 + 1.0);
    let mut e = f64::NAN;
    for t in 0..xs.len() {
        if t + 1 == n {
            e = xs[..n].iter().sum::<f64>() / n as f64;
        } else if t + 1 > n {
            e = xs[t] * k + e * (1.0 - k);
        }
        out[t] = e;
    }
    out
}

/// EMA of a series with a NaN prefix, started at its first value.
fn ema_after_nan(xs: &[f64], n: usize) -> Vec<f64> {
    let start = xs.iter().position(|x| !x.is_nan()).unwrap_or(xs.len());
    let mut out = vec![f64::NAN; start];
    out.extend(naive_ema(&xs[start..], n));
    out
}

fn naive_std(xs: &[f64], n: usize) -> Vec<(f64, f64)> {
    let mut out = vec![(f64::NAN, f64::NAN); xs.len()];
    for (t, w) in windows(xs.len(), n) {
        let m = xs[w.clone()].iter().sum::<f64>() / n as f64;
        let v = xs[w].iter().map(|x| (x - m) * (x - m)).sum::<f64>() / n as f64;
        out[t] = (m, v.sqrt());
    }
    out
}

fn wilder(xs: &[f64], n: usize) -> Vec<f64> {
    let mut out = vec![f64::NAN; xs.len()];
    let mut a = f64::NAN;
    for t in 0..xs.len() {
        if t + 1 == n {
            a = xs[..n].iter().sum::<f64>() / n as f64;
        } else if t + 1 > n {
            a = (a * (n as f64 - 1.0) + xs[t]) / n as f64;
        }
        out[t] = a;
    }
    out
}

fn tr(cs: &[Candle], t: usize) -> f64 {
    let (c, yc) = (cs[t], cs[t - 1].close);
    (c.high - c.low)
        .max((c.high - yc).abs())
        .max((c.low - yc).abs())
}

fn hh(cs: &[Candle], w: std::ops::Range<usize>) -> f64 {
    cs[w].iter().map(|c| c.high).fold(f64::MIN, f64::max)
}

fn ll(cs: &[Candle], w: std::ops::Range<usize>) -> f64 {
    cs[w].iter().map(|c| c.low).fold(f64::MAX, f64::min)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn sma_wma_stddev_bbands(xs in prices(), n in 2usize..30) {
        close(&sma(&xs, n).unwrap(), &naive_sma(&xs, n), 1000.0)?;
        let mut want = vec![f64::NAN; xs.len()];
        for (t, w) in windows(xs.len(), n) {
            let ws: f64 = xs[w].iter().enumerate().map(|(i, x)| (i + 1) as f64 * x).sum();
            want[t] = ws / (n * (n + 1) / 2) as f64;
        }
        close(&wma(&xs, n).unwrap(), &want, 1000.0)?;
        let ms = naive_std(&xs, n);
        let sd = stddev(&xs, StdDevConfig { period: n, deviations: 2.0 }).unwrap();
        let want: Vec<f64> = ms.iter().map(|m| 2.0 * m.1).collect();
        // σ from mean(x²) − mean² loses digits relative to the price level.
        close(&sd, &want, 1e5)?;
        let bb = bbands(&xs, BollingerBandsConfig { period: n, multiplier: 2.0 }).unwrap();
        let up: Vec<f64> = ms.iter().map(|m| m.0 + 2.0 * m.1).collect();
        let lo: Vec<f64> = ms.iter().map(|m| m.0 - 2.0 * m.1).collect();
        close(&bb.upper, &up, 1e5)?;
        close(&bb.lower, &lo, 1e5)?;
    }

    #[test]
    fn ema_family(xs in prices(), n in 1usize..20) {
        let e1 = naive_ema(&xs, n);
        close(&ema(&xs, n).unwrap(), &e1, 1000.0)?;
        let e2 = ema_after_nan(&e1, n);
        let e3 = ema_after_nan(&e2, n);
        let d: Vec<f64> = e1.iter().zip(&e2).map(|(a, b)| 2.0 * a - b).collect();
        close(&dema(&xs, n).unwrap(), &d, 1000.0)?;
        let t: Vec<f64> = (0..xs.len()).map(|i| 3.0 * e1[i] - 3.0 * e2[i] + e3[i]).collect();
        close(&tema(&xs, n).unwrap(), &t, 1000.0)?;
    }

    #[test]
    fn macd_seeds_both_emas_at_the_slow_start(
        xs in prices(), fast in 2usize..12, extra in 0usize..12, signal in 1usize..10,
    ) {
        let slow = fast + extra;
        let mut fast_line = vec![f64::NAN; xs.len()];
        if xs.len() >= slow {
            let skip = slow - fast;
            let f = naive_ema(&xs[skip..], fast);
            fast_line[skip..].copy_from_slice(&f);
        }
        let s = naive_ema(&xs, slow);
        let line: Vec<f64> = fast_line.iter().zip(&s).map(|(a, b)| a - b).collect();
        let sig = ema_after_nan(&line, signal);
        let m = macd(&xs, MacdConfig { fast, slow, signal }).unwrap();
        let valid = |v: &[f64]| -> Vec<f64> {
            v.iter().zip(&sig).map(|(x, s)| if s.is_nan() { f64::NAN } else { *x }).collect()
        };
        close(&m.macd, &valid(&line), 1000.0)?;
        close(&m.signal, &sig, 1000.0)?;
    }

    #[test]
    fn rsi_mom_roc(xs in prices(), n in 1usize..20) {
        let d: Vec<f64> = xs.windows(2).map(|w| w[1] - w[0]).collect();
        let g = wilder(&d.iter().map(|x| x.max(0.0)).collect::<Vec<_>>(), n);
        let l = wilder(&d.iter().map(|x| (-x).max(0.0)).collect::<Vec<_>>(), n);
        let mut want = vec![f64::NAN; xs.len()];
        for t in 1..xs.len() {
            let (g, l) = (g[t - 1], l[t - 1]);
            want[t] = if g + l == 0.0 { 0.0 } else { 100.0 * g / (g + l) };
        }
        close(&rsi(&xs, n).unwrap(), &want, 100.0)?;
        let mut m = vec![f64::NAN; xs.len()];
        let mut r = vec![f64::NAN; xs.len()];
        for t in n..xs.len() {
            m[t] = xs[t] - xs[t - n];
            r[t] = (xs[t] / xs[t - n] - 1.0) * 100.0;
        }
        close(&mom(&xs, n).unwrap(), &m, 1000.0)?;
        close(&roc(&xs, n).unwrap(), &r, 1000.0)?;
    }

    #[test]
    fn range_oscillators(cs in candles(), n in 1usize..20, s in 1usize..5) {
        let len = cs.len();
        let mut wr = vec![f64::NAN; len];
        let mut fk = vec![f64::NAN; len];
        for (t, w) in windows(len, n) {
            let (h, l) = (hh(&cs, w.clone()), ll(&cs, w));
            wr[t] = if h == l { 0.0 } else { -100.0 * (h - cs[t].close) / (h - l) };
            fk[t] = if h == l { 0.0 } else { 100.0 * (cs[t].close - l) / (h - l) };
        }
        close(&willr(&cs, n).unwrap(), &wr, 100.0)?;
        let k = ema_free_sma(&fk, s);
        let d = ema_free_sma(&k, s);
        let st = stoch(&cs, StochConfig { k_period: n, k_slowing: s, d_period: s }).unwrap();
        let masked: Vec<f64> = k.iter().zip(&d).map(|(k, d)| if d.is_nan() { f64::NAN } else { *k }).collect();
        close(&st.k, &masked, 100.0)?;
        close(&st.d, &d, 100.0)?;

        let mut up = vec![f64::NAN; len];
        let mut down = vec![f64::NAN; len];
        for (t, w) in windows(len, n + 1) {
            let h = hh(&cs, w.clone());
            let l = ll(&cs, w.clone());
            let hi = w.clone().rev().find(|&i| cs[i].high == h).unwrap();
            let lo = w.rev().find(|&i| cs[i].low == l).unwrap();
            up[t] = 100.0 * (n - (t - hi)) as f64 / n as f64;
            down[t] = 100.0 * (n - (t - lo)) as f64 / n as f64;
        }
        let a = aroon(&cs, n).unwrap();
        close(&a.up, &up, 100.0)?;
        close(&a.down, &down, 100.0)?;
    }

    #[test]
    fn cci_atr_mfi(cs in candles(), n in 2usize..20) {
        let len = cs.len();
        let tp: Vec<f64> = cs.iter().map(|c| (c.high + c.low + c.close) / 3.0).collect();
        let mut want = vec![f64::NAN; len];
        for (t, w) in windows(len, n) {
            let m = tp[w.clone()].iter().sum::<f64>() / n as f64;
            let md = tp[w].iter().map(|x| (x - m).abs()).sum::<f64>() / n as f64;
            let dev = tp[t] - m;
            want[t] = if md == 0.0 || dev.abs() < 1e-9 { 0.0 } else { dev / (0.015 * md) };
        }
        close(&cci(&cs, n).unwrap(), &want, 1e4)?;

        let trs: Vec<f64> = (1..len).map(|t| tr(&cs, t)).collect();
        let mut want = vec![f64::NAN; len];
        let w = wilder(&trs, n);
        if len > 1 {
            want[1..].copy_from_slice(&w[..len - 1]);
        }
        close(&atr(&cs, n).unwrap(), &want, 1000.0)?;

        let mut want = vec![f64::NAN; len];
        for t in n..len {
            let (mut pos, mut neg) = (0.0, 0.0);
            for i in t + 1 - n..=t {
                let f = tp[i] * cs[i].volume;
                if tp[i] > tp[i - 1] { pos += f } else if tp[i] < tp[i - 1] { neg += f }
            }
            want[t] = if pos + neg == 0.0 { 0.0 } else { 100.0 * pos / (pos + neg) };
        }
        close(&mfi(&cs, n).unwrap(), &want, 100.0)?;
    }

    #[test]
    fn volume_lines(cs in candles()) {
        let mut o = Vec::new();
        let mut a = Vec::new();
        let (mut ot, mut at) = (0.0, 0.0);
        for (t, c) in cs.iter().enumerate() {
            if t == 0 {
                ot = c.volume;
            } else if c.close > cs[t - 1].close {
                ot += c.volume;
            } else if c.close < cs[t - 1].close {
                ot -= c.volume;
            }
            if c.high > c.low {
                at += ((c.close - c.low) - (c.high - c.close)) / (c.high - c.low) * c.volume;
            }
            o.push(ot);
            a.push(at);
        }
        close(&obv(&cs).unwrap(), &o, 1e5)?;
        close(&ad(&cs).unwrap(), &a, 1e5)?;
    }

    #[test]
    fn ultimate_oscillator(cs in candles(), p in (1usize..8, 1usize..8, 1usize..8)) {
        let len = cs.len();
        let longest = p.0.max(p.1).max(p.2);
        let mut sorted = [p.0, p.1, p.2];
        sorted.sort_unstable();
        let mut want = vec![f64::NAN; len];
        for t in longest..len {
            let mut out = 0.0;
            for (n, w) in sorted.iter().zip([4.0, 2.0, 1.0]) {
                let (mut bp, mut trs) = (0.0, 0.0);
                for i in t + 1 - n..=t {
                    bp += cs[i].close - cs[i].low.min(cs[i - 1].close);
                    trs += tr(&cs, i);
                }
                if trs != 0.0 { out += w * bp / trs; }
            }
            want[t] = 100.0 * out / 7.0;
        }
        let cfg = UltimateOscillatorConfig { short: p.0, mid: p.1, long: p.2 };
        close(&ult_osc(&cs, cfg).unwrap(), &want, 100.0)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn hull_vwma_donchian_keltner_ao(cs in candles(), n in 2usize..20, m in 1usize..10) {
        let len = cs.len();
        let xs: Vec<f64> = cs.iter().map(|c| c.close).collect();
        let naive_wma = |xs: &[f64], n: usize| -> Vec<f64> {
            let mut out = vec![f64::NAN; xs.len()];
            for (t, w) in windows(xs.len(), n) {
                if xs[w.clone()].iter().any(|x| x.is_nan()) { continue; }
                let ws: f64 = xs[w].iter().enumerate().map(|(i, x)| (i + 1) as f64 * x).sum();
                out[t] = ws / (n * (n + 1) / 2) as f64;
            }
            out
        };
        let (a, b) = (naive_wma(&xs, n / 2), naive_wma(&xs, n));
        let diff: Vec<f64> = a.iter().zip(&b).map(|(a, b)| 2.0 * a - b).collect();
        close(&hma(&xs, n).unwrap(), &naive_wma(&diff, n.isqrt()), 1e4)?;

        let mut vw = vec![f64::NAN; len];
        let mut up = vec![f64::NAN; len];
        let mut lo = vec![f64::NAN; len];
        for (t, w) in windows(len, n) {
            let v: f64 = cs[w.clone()].iter().map(|c| c.volume).sum();
            let pv: f64 = cs[w.clone()].iter().map(|c| c.close * c.volume).sum();
            vw[t] = if v == 0.0 { naive_sma(&xs[w.clone()], n)[n - 1] } else { pv / v };
            up[t] = hh(&cs, w.clone());
            lo[t] = ll(&cs, w);
        }
        close(&vwma(&cs, n).unwrap(), &vw, 1e4)?;
        let d = donchian(&cs, n).unwrap();
        close(&d.upper, &up, 1.0)?;
        close(&d.lower, &lo, 1.0)?;

        let e = naive_ema(&xs, n);
        let a = atr(&cs, m).unwrap();
        let k = keltner(&cs, KeltnerChannelConfig { period: n, atr_period: m, multiplier: 2.0 }).unwrap();
        let want: Vec<f64> = e.iter().zip(&a).map(|(e, a)| e + 2.0 * a).collect();
        close(&k.upper, &want, 1000.0)?;

        let med: Vec<f64> = cs.iter().map(|c| (c.high + c.low) / 2.0).collect();
        let (f, s) = (naive_sma(&med, m), naive_sma(&med, m + n));
        let want: Vec<f64> = f.iter().zip(&s).map(|(f, s)| f - s).collect();
        close(&ao(&cs, AoConfig { fast: m, slow: m + n }).unwrap(), &want, 1000.0)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn elder_ray_vwap_volume_z(cs in candles(), n in 1usize..20) {
        let len = cs.len();
        let xs: Vec<f64> = cs.iter().map(|c| c.close).collect();
        let e = naive_ema(&xs, n);
        let er = elder_ray(&cs, n).unwrap();
        let bull: Vec<f64> = cs.iter().zip(&e).map(|(c, e)| c.high - e).collect();
        let bear: Vec<f64> = cs.iter().zip(&e).map(|(c, e)| c.low - e).collect();
        close(&er.bull_power, &bull, 1000.0)?;
        close(&er.bear_power, &bear, 1000.0)?;

        let mut vw = vec![f64::NAN; len];
        for (t, w) in windows(len, n) {
            let tp = |c: &Candle| (c.high + c.low + c.close) / 3.0;
            let v: f64 = cs[w.clone()].iter().map(|c| c.volume).sum();
            let pv: f64 = cs[w.clone()].iter().map(|c| tp(c) * c.volume).sum();
            let mean_tp = cs[w].iter().map(tp).sum::<f64>() / n as f64;
            vw[t] = if v == 0.0 { mean_tp } else { pv / v };
        }
        close(&vwap(&cs, n).unwrap(), &vw, 1e4)?;

        let m = n.max(2);
        let vols: Vec<f64> = cs.iter().map(|c| c.volume).collect();
        let mut z = vec![f64::NAN; len];
        for (t, (mean, sd)) in naive_std(&vols, m).into_iter().enumerate() {
            if !mean.is_nan() {
                z[t] = if sd == 0.0 { 0.0 } else { (vols[t] - mean) / sd };
            }
        }
        // The running sums of volume² lose digits relative to volume².
        close(&volume_z(&cs, m).unwrap(), &z, 1e4)?;
    }

    #[test]
    fn ichimoku_lines_are_window_midpoints(
        cs in candles(), a in 1usize..12, b in 1usize..30, s in 1usize..60,
    ) {
        let len = cs.len();
        let warm = a.max(b).max(s);
        let mid = |t: usize, n: usize| {
            let w = t + 1 - n..t + 1;
            (hh(&cs, w.clone()) + ll(&cs, w)) / 2.0
        };
        let mut want = [vec![f64::NAN; len], vec![f64::NAN; len], vec![f64::NAN; len], vec![f64::NAN; len]];
        for t in warm.saturating_sub(1)..len {
            let (conv, base) = (mid(t, a), mid(t, b));
            want[0][t] = conv;
            want[1][t] = base;
            want[2][t] = (conv + base) / 2.0;
            want[3][t] = mid(t, s);
        }
        let got = ichimoku(&cs, IchimokuConfig { conversion: a, base: b, span_b: s }).unwrap();
        close(&got.conversion, &want[0], 1.0)?;
        close(&got.base, &want[1], 1.0)?;
        close(&got.span_a, &want[2], 1.0)?;
        close(&got.span_b, &want[3], 1.0)?;
    }

    #[test]
    fn supertrend_follows_tradingview(cs in candles(), n in 1usize..15, m in 1u32..8) {
        let len = cs.len();
        let mult = f64::from(m) / 2.0;
        let trs: Vec<f64> = (1..len).map(|t| tr(&cs, t)).collect();
        let mut atr = vec![f64::NAN; len];
        let w = wilder(&trs, n);
        if len > 1 {
            atr[1..].copy_from_slice(&w[..len - 1]);
        }
        let mut value = vec![f64::NAN; len];
        let mut dir = vec![f64::NAN; len];
        let (mut up, mut lo, mut d) = (f64::NAN, f64::NAN, -1.0);
        for t in 0..len {
            if atr[t].is_nan() {
                continue;
            }
            let hl2 = (cs[t].high + cs[t].low) / 2.0;
            let (bu, bl) = (hl2 + mult * atr[t], hl2 - mult * atr[t]);
            if up.is_nan() {
                (up, lo, d) = (bu, bl, -1.0);
            } else {
                let yc = cs[t - 1].close;
                up = if bu < up || yc > up { bu } else { up };
                lo = if bl > lo || yc < lo { bl } else { lo };
                if d < 0.0 && cs[t].close > up {
                    d = 1.0;
                } else if d > 0.0 && cs[t].close < lo {
                    d = -1.0;
                }
            }
            value[t] = if d > 0.0 { lo } else { up };
            dir[t] = d;
        }
        let got = supertrend(&cs, SupertrendConfig { atr_period: n, multiplier: mult }).unwrap();
        close(&got.value, &value, 1000.0)?;
        close(&got.direction, &dir, 1.0)?;
    }
}

/// SMA of a series with a NaN prefix.
fn ema_free_sma(xs: &[f64], n: usize) -> Vec<f64> {
    let start = xs.iter().position(|x| !x.is_nan()).unwrap_or(xs.len());
    let mut out = vec![f64::NAN; start];
    out.extend(naive_sma(&xs[start..], n));
    out
}

//! Trader Grade: short-term strength from trend, momentum and recent risk.
//!
//! Components and weights (nominal, sum 1):
//!
//! | component | weight | input |
//! |---|---|---|
//! | `trend` | 0.20 | close against EMA 20, 50 and 200, in units of expected distance |
//! | `rsi` | 0.10 | RSI(14) |
//! | `macd` | 0.10 | MACD(12, 26, 9) histogram over the price's typical move |
//! | `adx` | 0.10 | ADX(14) and the spread of +DI over −DI (needs high and low) |
//! | `sharpe` | 0.20 | Sharpe ratio of the last 30 returns, as a t-statistic |
//! | `volatility_regime` | 0.10 | volatility of the last 14 returns over that of the last 90 |
//! | `volume` | 0.10 | volume of the last 7 points over the 30 before, signed by the move |
//! | `relative_strength` | 0.10 | 30-point return against the benchmark's (needs a benchmark) |
//!
//! When a technical rating in `[−1, 1]` is passed ([`TraderOptions::rating`])
//! it enters as a `rating` component of weight [`RATING_WEIGHT`] and every
//! other weight is scaled by `1 − RATING_WEIGHT`. Windows are counted in
//! points (bars), as indicator periods are: on hourly data the grade reads
//! the last hours, on daily data the last days.

use crate::Error;
use crate::analysis::PriceSeries;
use crate::indicators::Candle;
use crate::indicators::momentum::rsi;
use crate::indicators::trend::{MacdConfig, adx, ema, macd};

use super::{
    Builder, Grade, MIN_POINTS, Measured, Score, change, confidence, log_returns, mean, ratio,
    sample_sd, signed, tail, tanh_score,
};

/// Nominal weights of the built-in components, in the order reported.
pub const TRADER_WEIGHTS: [(&str, f64); 8] = [
    ("trend", 0.20),
    ("rsi", 0.10),
    ("macd", 0.10),
    ("adx", 0.10),
    ("sharpe", 0.20),
    ("volatility_regime", 0.10),
    ("volume", 0.10),
    ("relative_strength", 0.10),
];

/// Weight of an external technical rating when one is given.
pub const RATING_WEIGHT: f64 = 0.15;

/// Points of history for full confidence: the longest lookback, EMA(200).
const FULL_HISTORY: usize = 200;
const EMA_PERIODS: [usize; 3] = [20, 50, 200];
const RSI_PERIOD: usize = 14;
const ADX_PERIOD: usize = 14;
/// ADX at which the directional spread counts in full (a very strong trend).
const ADX_FULL: f64 = 40.0;
const SHARPE_WINDOW: usize = 30;
const MIN_RETURNS: usize = 14;
const VOL_SHORT: usize = 14;
const VOL_LONG: usize = 90;
const VOLUME_RECENT: usize = 7;
const VOLUME_BASE: usize = 30;
const RS_WINDOW: usize = 30;
/// Bound on z-scores and t-statistics, so that a flat series (zero
/// volatility) gives a saturated but finite value.
const Z_BOUND: f64 = 10.0;

/// Inputs of a Trader Grade besides the series.
#[derive(Debug, Clone, Copy, Default)]
pub struct TraderOptions<'a> {
    /// A benchmark (BTC, say), matched to the series by timestamp.
    pub benchmark: Option<&'a PriceSeries>,
    /// A technical rating in `[−1, 1]` (−1 strong sell, +1 strong buy) for
    /// the last point, added as the `rating` component.
    pub rating: Option<f64>,
    /// The rating 24 hours ago. Without it the 24 h change compares both
    /// grades without the rating, so that the change is never an artefact of
    /// the rating appearing.
    pub rating_24h_ago: Option<f64>,
    /// The rating 7 days ago, likewise.
    pub rating_7d_ago: Option<f64>,
}

/// The technical reading of a series, each part in `[−1, 1]` (−1 bearish,
/// +1 bullish), `None` when the indicator has not warmed up or the series
/// lacks the columns it needs.
///
/// This is the grade's own technical input over the batch indicators; a
/// TradingView-style rating can be passed beside it as
/// [`TraderOptions::rating`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Technical {
    /// Mean of `tanh(z)` over EMA 20, 50, 200, with
    /// `z = (ln close − EMA_n(ln close)) / (σ · (n − 1) / (2√n))`.
    pub trend: Option<f64>,
    /// `z` averaged over the EMAs that warmed up.
    pub trend_z: Option<f64>,
    /// EMA periods that warmed up.
    pub trend_periods: usize,
    /// RSI(14) at the last point (0–100).
    pub rsi: Option<f64>,
    /// MACD histogram of log prices over its random-walk standard deviation.
    pub macd_z: Option<f64>,
    /// ADX(14), +DI and −DI at the last point.
    pub adx: Option<(f64, f64, f64)>,
}

impl Technical {
    /// RSI mapped to `[−1, 1]`: `(RSI − 50) / 25`, clamped (RSI 30 → −0.8,
    /// 70 → +0.8).
    pub fn rsi_score(&self) -> Option<f64> {
        self.rsi.map(|r| ((r - 50.0) / 25.0).clamp(-1.0, 1.0))
    }

    /// `tanh` of the normalised MACD histogram.
    pub fn macd_score(&self) -> Option<f64> {
        self.macd_z.map(f64::tanh)
    }

    /// Directional spread `(+DI − −DI) / (+DI + −DI)` times the trend
    /// strength `min(1, ADX / 40)`.
    pub fn adx_score(&self) -> Option<f64> {
        self.adx.map(|(a, plus, minus)| {
            let spread = ratio(plus - minus, plus + minus, 1.0);
            spread * (a / ADX_FULL).min(1.0)
        })
    }

    /// The plain mean of the available parts, in `[−1, 1]`: one number
    /// comparable to a technical rating. `None` when no part is available.
    pub fn score(&self) -> Option<f64> {
        let parts: Vec<f64> = [
            self.trend,
            self.rsi_score(),
            self.macd_score(),
            self.adx_score(),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| mean(&parts))
    }
}

/// Per-point volatility of log returns over the last [`SHARPE_WINDOW`]
/// returns (the scale every technical distance is measured in).
fn recent_sigma(close: &[f64]) -> f64 {
    sample_sd(tail(&log_returns(close), SHARPE_WINDOW))
}

fn last_finite(xs: &[f64]) -> Option<f64> {
    xs.last().copied().filter(|x| x.is_finite())
}

/// Standard deviation of the MACD(12, 26, 9) histogram of log prices under
/// a driftless random walk with unit volatility per point: `√Σ gₖ²` over
/// the histogram's response `gₖ` to one unit shock (computed once from the
/// three EMA recursions; `MACD_HIST_SD` is its value).
const MACD_HIST_SD: f64 = 0.337_876;

/// Standard deviation of `x − EMA_n(x)` under a driftless random walk with
/// unit volatility per point: `(n − 1) / (2√n)` (from
/// `d[t] = (1 − α)(d[t−1] + ε[t])`, `α = 2 / (n + 1)`).
fn ema_gap_sd(n: usize) -> f64 {
    let n = n as f64;
    (n - 1.0) / (2.0 * n.sqrt())
}

/// The technical reading of `series` at its last point.
///
/// EMAs and MACD are taken over log prices, so that an exponential trend is
/// not biased by the price level and the reading does not depend on the
/// unit of price; each distance is divided by its standard deviation under
/// a driftless random walk with the recent volatility `σ`, so that
/// `|z| = 1` is a typical distance whatever the period or the token.
///
/// Errors only when the indicators reject the input, which a validated
/// series never causes.
pub fn technical(series: &PriceSeries) -> Result<Technical, Error> {
    let close = &series.close;
    let logs: Vec<f64> = close.iter().map(|c| c.ln()).collect();
    let last = logs[logs.len() - 1];
    let sigma = recent_sigma(close);
    let mut zs = Vec::new();
    for n in EMA_PERIODS {
        if close.len() >= n
            && let Some(e) = last_finite(&ema(&logs, n)?)
        {
            zs.push(ratio(last - e, sigma * ema_gap_sd(n), Z_BOUND));
        }
    }
    let trend = (!zs.is_empty()).then(|| mean(&zs.iter().map(|z| z.tanh()).collect::<Vec<_>>()));
    let trend_z = (!zs.is_empty()).then(|| mean(&zs));
    let rsi = last_finite(&rsi(close, RSI_PERIOD)?);
    let macd_z = last_finite(&macd(&logs, MacdConfig::default())?.histogram)
        .map(|h| ratio(h, sigma * MACD_HIST_SD, Z_BOUND));
    let adx = match (&series.high, &series.low) {
        (Some(high), Some(low)) => {
            let candles: Vec<Candle> = (0..close.len())
                .map(|i| Candle::new(close[i], high[i], low[i], close[i], 0.0))
                .collect();
            let a = adx(&candles, ADX_PERIOD)?;
            match (
                last_finite(&a.adx),
                last_finite(&a.plus_di),
                last_finite(&a.minus_di),
            ) {
                (Some(a), Some(p), Some(m)) => Some((a, p, m)),
                _ => None,
            }
        }
        _ => None,
    };
    Ok(Technical {
        trend,
        trend_z,
        trend_periods: zs.len(),
        rsi,
        macd_z,
        adx,
    })
}

fn check_rating(rating: Option<f64>) -> Result<(), Error> {
    match rating {
        Some(r) if !(r.is_finite() && (-1.0..=1.0).contains(&r)) => Err(Error::InvalidInput {
            field: "rating",
            value: format!("{r} (must be within [-1, 1])"),
        }),
        _ => Ok(()),
    }
}

/// The Trader Grade of `series` at its last point, with its changes over
/// 24 hours and 7 days recomputed on the history as it stood then.
///
/// Errors: [`Error::TooShort`] for fewer than [`MIN_POINTS`] points;
/// [`Error::InvalidInput`] for a rating outside `[−1, 1]`.
pub fn trader_grade(series: &PriceSeries, options: &TraderOptions<'_>) -> Result<Grade, Error> {
    check_rating(options.rating_24h_ago)?;
    check_rating(options.rating_7d_ago)?;
    let now = trader_score(series, options.benchmark, options.rating)?;
    let day = series.interval.per_day();
    let change_over = |back: usize, then_rating: Option<f64>| {
        // Compare like with like: both with the rating, or both without.
        let (now_total, rating) = match (options.rating, then_rating) {
            (Some(_), Some(r)) => (now.total, Some(r)),
            (Some(_), None) => (
                trader_score(series, options.benchmark, None).ok()?.total,
                None,
            ),
            (None, _) => (now.total, None),
        };
        change(now_total, series, back, |s| {
            trader_score(s, options.benchmark, rating)
        })
    };
    let change_24h = change_over(day, options.rating_24h_ago);
    let change_7d = change_over(7 * day, options.rating_7d_ago);
    Ok(Grade::new(now, change_24h, change_7d))
}

/// The Trader Grade at the last point of `series`, without changes.
///
/// Errors as [`trader_grade`].
pub fn trader_score(
    series: &PriceSeries,
    benchmark: Option<&PriceSeries>,
    rating: Option<f64>,
) -> Result<Score, Error> {
    if series.len() < MIN_POINTS {
        return Err(Error::TooShort {
            len: series.len(),
            needed: MIN_POINTS,
        });
    }
    check_rating(rating)?;
    let tech = technical(series)?;
    let close = &series.close;
    let lr = log_returns(close);
    let sigma = recent_sigma(close);
    let w = |name: &str| {
        TRADER_WEIGHTS
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(0.0, |(_, w)| *w)
    };

    let mut b = Builder::new();
    b.add(
        "trend",
        w("trend"),
        match (tech.trend, tech.trend_z) {
            (Some(s), Some(z)) => Ok(Measured {
                value: 50.0 + 50.0 * s,
                raw: z,
                explanation: format!(
                    "price is {} its {} (mean distance {} expected moves)",
                    if z >= 0.0 { "above" } else { "below" },
                    ema_list(tech.trend_periods),
                    signed(z, 2),
                ),
            }),
            _ => Err(format!("needs at least {} points", EMA_PERIODS[0])),
        },
    );
    b.add(
        "rsi",
        w("rsi"),
        match (tech.rsi, tech.rsi_score()) {
            (Some(r), Some(s)) => Ok(Measured {
                value: 50.0 + 50.0 * s,
                raw: r,
                explanation: format!("RSI(14) {r:.1}: {}", rsi_zone(r)),
            }),
            _ => Err(format!("needs at least {} points", RSI_PERIOD + 1)),
        },
    );
    b.add(
        "macd",
        w("macd"),
        match (tech.macd_z, tech.macd_score()) {
            (Some(z), Some(s)) => Ok(Measured {
                value: 50.0 + 50.0 * s,
                raw: z,
                explanation: format!(
                    "MACD histogram {} ({} typical moves): momentum {}",
                    if z >= 0.0 { "positive" } else { "negative" },
                    signed(z, 2),
                    if z >= 0.0 { "rising" } else { "falling" },
                ),
            }),
            _ => Err("needs at least 34 points".into()),
        },
    );
    b.add(
        "adx",
        w("adx"),
        match (tech.adx, tech.adx_score()) {
            (Some((a, plus, minus)), Some(s)) => Ok(Measured {
                value: 50.0 + 50.0 * s,
                raw: a,
                explanation: format!(
                    "ADX(14) {a:.1} ({}), +DI {plus:.1} {} −DI {minus:.1}",
                    if a >= 25.0 {
                        "trending"
                    } else if a >= 20.0 {
                        "weak trend"
                    } else {
                        "no clear trend"
                    },
                    if plus >= minus { "over" } else { "under" },
                ),
            }),
            _ if series.high.is_none() || series.low.is_none() => {
                Err("needs high and low prices".into())
            }
            _ => Err(format!("needs at least {} points", 2 * ADX_PERIOD)),
        },
    );
    b.add("sharpe", w("sharpe"), sharpe(close, series));
    b.add("volatility_regime", w("volatility_regime"), vol_regime(&lr));
    b.add("volume", w("volume"), volume(series, sigma));
    b.add(
        "relative_strength",
        w("relative_strength"),
        relative_strength(series, benchmark),
    );

    let coverage = b.coverage();
    let conf = confidence(coverage, series.len() as f64 / FULL_HISTORY as f64, series);
    let extra = rating.map(|r| {
        (
            "rating",
            RATING_WEIGHT,
            Measured {
                value: 50.0 + 50.0 * r,
                raw: r,
                explanation: format!("technical rating {}", signed(r, 2)),
            },
        )
    });
    b.finish(conf, extra)
}

fn ema_list(count: usize) -> String {
    match count {
        1 => "EMA 20".into(),
        2 => "EMA 20 and 50".into(),
        _ => "EMA 20, 50 and 200".into(),
    }
}

fn rsi_zone(r: f64) -> &'static str {
    if r >= 70.0 {
        "overbought, strong momentum"
    } else if r >= 55.0 {
        "bullish momentum"
    } else if r > 45.0 {
        "neutral"
    } else if r > 30.0 {
        "bearish momentum"
    } else {
        "oversold, strong selling"
    }
}

/// Sharpe over the last [`SHARPE_WINDOW`] simple returns, scored on its
/// t-statistic `S·√w` with `50 + 50·tanh(t / 2)`.
fn sharpe(close: &[f64], series: &PriceSeries) -> Result<Measured, String> {
    let r: Vec<f64> = tail(close, SHARPE_WINDOW + 1)
        .windows(2)
        .map(|w| w[1] / w[0] - 1.0)
        .collect();
    if r.len() < MIN_RETURNS {
        return Err(format!("needs at least {} points", MIN_RETURNS + 1));
    }
    let n = r.len() as f64;
    let s = ratio(mean(&r), sample_sd(&r), Z_BOUND);
    let t = (s * n.sqrt()).clamp(-Z_BOUND, Z_BOUND);
    let annual = s * series.interval.periods_per_year().sqrt();
    Ok(Measured {
        value: tanh_score(t / 2.0),
        raw: annual,
        explanation: format!(
            "Sharpe ratio over the last {} points {} annualised (t-statistic {})",
            r.len(),
            signed(annual, 2),
            signed(t, 2),
        ),
    })
}

/// Recent over longer-run volatility, scored `100 / (1 + ratio²)`.
fn vol_regime(lr: &[f64]) -> Result<Measured, String> {
    if lr.len() < 2 * VOL_SHORT {
        return Err(format!("needs at least {} points", 2 * VOL_SHORT + 1));
    }
    let short = sample_sd(tail(lr, VOL_SHORT));
    let long = sample_sd(tail(lr, VOL_LONG));
    let q = if long > 0.0 {
        (short / long).min(Z_BOUND)
    } else if short == 0.0 {
        1.0
    } else {
        Z_BOUND
    };
    Ok(Measured {
        value: 100.0 / (1.0 + q * q),
        raw: q,
        explanation: format!(
            "volatility of the last {VOL_SHORT} points is {q:.2}× that of the last {}: {}",
            tail(lr, VOL_LONG).len(),
            if q < 0.8 {
                "calmer than usual"
            } else if q <= 1.25 {
                "a usual regime"
            } else {
                "more agitated than usual"
            },
        ),
    })
}

/// Recent volume over its baseline, signed by the recent move:
/// `50 + 50 · tanh(z₇) · q² / (1 + q²)`.
fn volume(series: &PriceSeries, sigma: f64) -> Result<Measured, String> {
    let Some(v) = &series.volume else {
        return Err("needs volume".into());
    };
    let n = v.len();
    if n < 2 * VOLUME_RECENT {
        return Err(format!("needs at least {} points", 2 * VOLUME_RECENT));
    }
    let recent = mean(&v[n - VOLUME_RECENT..]);
    let base = mean(tail(&v[..n - VOLUME_RECENT], VOLUME_BASE));
    if base <= 0.0 {
        return Err("no volume in the baseline window".into());
    }
    let q = recent / base;
    let c = &series.close;
    let mv = (c[n - 1] / c[n - 1 - VOLUME_RECENT]).ln();
    let z = ratio(mv, sigma * (VOLUME_RECENT as f64).sqrt(), Z_BOUND);
    let weight = q * q / (1.0 + q * q);
    Ok(Measured {
        value: 50.0 + 50.0 * z.tanh() * weight,
        raw: q,
        explanation: format!(
            "volume of the last {VOLUME_RECENT} points is {q:.2}× its average, on a {} move",
            if z >= 0.0 { "rising" } else { "falling" },
        ),
    })
}

/// Closes of `series` and `benchmark` at their common timestamps.
fn aligned(series: &PriceSeries, benchmark: &PriceSeries) -> (Vec<f64>, Vec<f64>) {
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < series.len() && j < benchmark.len() {
        let (ti, tj) = (series.timestamps[i], benchmark.timestamps[j]);
        if ti == tj {
            a.push(series.close[i]);
            b.push(benchmark.close[j]);
            i += 1;
            j += 1;
        } else if ti < tj {
            i += 1;
        } else {
            j += 1;
        }
    }
    (a, b)
}

/// Excess log return over the benchmark over the last [`RS_WINDOW`]
/// common points, as a t-statistic scored `50 + 50·tanh(t / 2)`.
fn relative_strength(
    series: &PriceSeries,
    benchmark: Option<&PriceSeries>,
) -> Result<Measured, String> {
    let Some(bench) = benchmark else {
        return Err("no benchmark given".into());
    };
    let (a, b) = aligned(series, bench);
    // Only a benchmark that reaches the series' last point describes "now".
    let last = series.timestamps[series.len() - 1];
    if bench.timestamps.binary_search(&last).is_err() {
        return Err("the benchmark has no point at the series' last timestamp".into());
    }
    let (a, b) = (tail(&a, RS_WINDOW + 1), tail(&b, RS_WINDOW + 1));
    if a.len() < MIN_RETURNS + 1 {
        return Err(format!(
            "needs at least {} points in common with the benchmark",
            MIN_RETURNS + 1
        ));
    }
    let d: Vec<f64> = log_returns(a)
        .iter()
        .zip(log_returns(b))
        .map(|(x, y)| x - y)
        .collect();
    let excess: f64 = d.iter().sum();
    let t = ratio(excess, sample_sd(&d) * (d.len() as f64).sqrt(), Z_BOUND);
    let rel = excess.exp() - 1.0;
    Ok(Measured {
        value: tanh_score(t / 2.0),
        raw: rel,
        explanation: format!(
            "{} the benchmark by {:.1}% over the last {} points",
            if rel >= 0.0 {
                "outperformed"
            } else {
                "underperformed"
            },
            100.0 * rel.abs(),
            d.len(),
        ),
    })
}

/// The Trader Grade total at every point of `series` (without a technical
/// rating), from indicator columns computed once: the value at point `t`
/// equals `trader_score(&series.truncated(t + 1), benchmark, None).total`
/// (every input is causal), `None` before [`MIN_POINTS`] points. Linear in
/// the length of the series (times the fixed window lengths), where calling
/// [`trader_score`] on every prefix would be quadratic: this is what
/// universe-wide histories (breadth, rotation, moonshots) are built from.
pub fn trader_score_series(
    series: &PriceSeries,
    benchmark: Option<&PriceSeries>,
) -> Vec<Option<f64>> {
    let n = series.len();
    let close = &series.close;
    let logs: Vec<f64> = close.iter().map(|c| c.ln()).collect();
    let lr = log_returns(close);
    let emas: Vec<(usize, Vec<f64>)> = EMA_PERIODS
        .iter()
        .map(|&p| (p, ema(&logs, p).unwrap_or_else(|_| vec![f64::NAN; n])))
        .collect();
    let rsis = rsi(close, RSI_PERIOD).unwrap_or_else(|_| vec![f64::NAN; n]);
    let hist = macd(&logs, MacdConfig::default())
        .map(|m| m.histogram)
        .unwrap_or_else(|_| vec![f64::NAN; n]);
    let adxs = match (&series.high, &series.low) {
        (Some(high), Some(low)) => {
            let candles: Vec<Candle> = (0..n)
                .map(|i| Candle::new(close[i], high[i], low[i], close[i], 0.0))
                .collect();
            adx(&candles, ADX_PERIOD).ok()
        }
        _ => None,
    };
    // Benchmark alignment once: for each common point, the series index and
    // both closes; `upto[t]` counts the common points at or before `t`.
    let mut common: Vec<(usize, f64, f64)> = Vec::new();
    let mut upto = vec![0usize; n];
    if let Some(bench) = benchmark {
        let (mut i, mut j) = (0, 0);
        while i < n && j < bench.len() {
            let (ti, tj) = (series.timestamps[i], bench.timestamps[j]);
            if ti == tj {
                common.push((i, close[i], bench.close[j]));
                i += 1;
                j += 1;
            } else if ti < tj {
                i += 1;
            } else {
                j += 1;
            }
        }
        let mut k = 0;
        for (t, u) in upto.iter_mut().enumerate() {
            while k < common.len() && common[k].0 <= t {
                k += 1;
            }
            *u = k;
        }
    }
    let w = |name: &str| {
        TRADER_WEIGHTS
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(0.0, |(_, w)| *w)
    };
    (0..n)
        .map(|t| {
            let m = t + 1;
            if m < MIN_POINTS {
                return None;
            }
            let lr_t = &lr[..t];
            let sigma = sample_sd(tail(lr_t, SHARPE_WINDOW));
            let zs: Vec<f64> = emas
                .iter()
                .filter(|(p, e)| m >= *p && e[t].is_finite())
                .map(|(p, e)| ratio(logs[t] - e[t], sigma * ema_gap_sd(*p), Z_BOUND))
                .collect();
            let tech = Technical {
                trend: (!zs.is_empty())
                    .then(|| mean(&zs.iter().map(|z| z.tanh()).collect::<Vec<_>>())),
                trend_z: None,
                trend_periods: zs.len(),
                rsi: Some(rsis[t]).filter(|x| x.is_finite()),
                macd_z: Some(hist[t])
                    .filter(|x| x.is_finite())
                    .map(|h| ratio(h, sigma * MACD_HIST_SD, Z_BOUND)),
                adx: adxs.as_ref().and_then(|a| {
                    let (x, p, q) = (a.adx[t], a.plus_di[t], a.minus_di[t]);
                    (x.is_finite() && p.is_finite() && q.is_finite()).then_some((x, p, q))
                }),
            };
            let mut parts: Vec<(f64, f64)> = Vec::with_capacity(8);
            let mut push = |name: &str, v: Option<f64>| {
                if let Some(v) = v {
                    parts.push((w(name), v));
                }
            };
            push("trend", tech.trend.map(|s| 50.0 + 50.0 * s));
            push("rsi", tech.rsi_score().map(|s| 50.0 + 50.0 * s));
            push("macd", tech.macd_score().map(|s| 50.0 + 50.0 * s));
            push("adx", tech.adx_score().map(|s| 50.0 + 50.0 * s));
            push("sharpe", sharpe(&close[..m], series).ok().map(|x| x.value));
            push("volatility_regime", vol_regime_value(lr_t));
            push(
                "volume",
                series
                    .volume
                    .as_deref()
                    .and_then(|v| volume_value(&v[..m], &close[..m], sigma)),
            );
            push(
                "relative_strength",
                (benchmark.is_some() && upto[t] > 0 && common[upto[t] - 1].0 == t)
                    .then(|| {
                        let window = &common[upto[t].saturating_sub(RS_WINDOW + 1)..upto[t]];
                        (window.len() > MIN_RETURNS).then(|| {
                            let d: Vec<f64> = window
                                .windows(2)
                                .map(|p| (p[1].1 / p[0].1).ln() - (p[1].2 / p[0].2).ln())
                                .collect();
                            let excess: f64 = d.iter().sum();
                            let z = ratio(excess, sample_sd(&d) * (d.len() as f64).sqrt(), Z_BOUND);
                            tanh_score(z / 2.0)
                        })
                    })
                    .flatten(),
            );
            let coverage: f64 = parts.iter().map(|(w, _)| w).sum();
            if coverage <= 0.0 {
                return None;
            }
            let scale = 1.0 / coverage;
            let total: f64 = parts
                .iter()
                .map(|(w, v)| super::clamp_score(*v) * (w * scale))
                .sum();
            Some(super::clamp_score(total))
        })
        .collect()
}

/// The `volatility_regime` score alone (see [`vol_regime`]).
fn vol_regime_value(lr: &[f64]) -> Option<f64> {
    vol_regime(lr).ok().map(|m| m.value)
}

/// The `volume` score alone (see [`volume`]), from the volume and close
/// columns up to the point scored.
fn volume_value(v: &[f64], c: &[f64], sigma: f64) -> Option<f64> {
    let n = v.len();
    if n < 2 * VOLUME_RECENT {
        return None;
    }
    let recent = mean(&v[n - VOLUME_RECENT..]);
    let base = mean(tail(&v[..n - VOLUME_RECENT], VOLUME_BASE));
    if base <= 0.0 {
        return None;
    }
    let q = recent / base;
    let mv = (c[n - 1] / c[n - 1 - VOLUME_RECENT]).ln();
    let z = ratio(mv, sigma * (VOLUME_RECENT as f64).sqrt(), Z_BOUND);
    Some(50.0 + 50.0 * z.tanh() * (q * q / (1.0 + q * q)))
}

//! The per-token aggregate: everything the product computes for one token
//! from its price history, in one stable, self-describing record
//! ([`Analysis`]). This is what the CLI (`tokenlens analyze`), the npm
//! package and the website call.
//!
//! Every part describes the **as-of bar**: the last bar on or before the
//! optional `to` date (the last bar of the series without it). Nothing after
//! it is read: the grades, the rating, the signal's state, the levels, the
//! metrics and the backtest are those of the history cut there, so an
//! analysis as of a date never changes when later rows arrive. The optional
//! `from` date bounds the backtest and the list of flips (the signal itself
//! still reads the whole history before each bar, so the window starts with
//! a warmed-up signal).
//!
//! A part that cannot be computed from the data given (a series too short
//! for it, no market cap for the size class) is `null` and listed in
//! [`Analysis::unavailable`] with a stable code and the reason; it never
//! fails the whole call. Errors are kept for what the caller can fix: a
//! series of fewer than [`MIN_POINTS`] points, a malformed or empty window,
//! bad parameters or negative fundamentals.
//!
//! ```
//! use tokenlens_core::analysis::{Interval, PriceSeries};
//! use tokenlens_core::analysis::analyze::{AnalyzeOptions, analyze};
//! let close: Vec<f64> = (0..120).map(|i| 100.0 * 1.01f64.powi(i) * (1.0 + 0.02 * (f64::from(i)).sin())).collect();
//! let t = (0..120).map(|i| 1_700_006_400 + i * 86_400).collect();
//! let s = PriceSeries::from_closes(Interval::Daily, t, close).unwrap();
//! let a = analyze(&s, &AnalyzeOptions::default()).unwrap();
//! assert!(a.trader_grade.is_some() && a.signal.is_some() && a.backtest.is_some());
//! // No market cap was given: the size class is absent, with the reason.
//! assert!(a.class.is_none());
//! assert!(a.unavailable.iter().any(|u| u.part == "class"));
//! ```

use serde::{Deserialize, Serialize};

use crate::analysis::PriceSeries;
use crate::analysis::backtest::{BacktestConfig, Trade, backtest};
use crate::analysis::grades::{Fundamentals, Grade, TraderOptions, investor_grade, trader_grade};
use crate::analysis::levels::{Levels, LevelsConfig, levels};
use crate::analysis::rating::{Rating, rating};
use crate::analysis::series::{Interval, parse_utc_date};
use crate::analysis::signal::{self, ComponentVote, SignalState, WARMUP, signal_with};
use crate::analysis::summary::{
    self, GradeFigures, LevelFigure, SignalFigures, Summary, SummaryInput, summarize,
};
use crate::metrics::{Metrics, MetricsConfig, metrics, relative, simple_returns};
use crate::{Error, MarketCap, MarketCapClass, MarketData};

/// Version of the [`Analysis`] layout. It changes only when a field is
/// renamed, removed or changes meaning; adding a field keeps it.
pub const SCHEMA_VERSION: u32 = 1;

/// The fewest points analysed: below 3 there is not even a volatility (two
/// returns) to compute, so no part could be.
pub const MIN_POINTS: usize = 3;

/// Everything [`analyze`] may use besides the series; all optional.
#[derive(Debug, Clone, Default)]
pub struct AnalyzeOptions<'a> {
    /// The token's name and symbol, for the summary ("Bitcoin (BTC)").
    pub name: Option<String>,
    pub symbol: Option<String>,
    /// A benchmark (BTC, say), matched by timestamp: relative strength in
    /// the Trader Grade, beta and correlation in the metrics.
    pub benchmark: Option<&'a PriceSeries>,
    /// Market figures: the size class, and liquidity, dilution and size in
    /// the Investor Grade.
    pub fundamentals: Option<Fundamentals>,
    /// First date (`YYYY-MM-DD`, UTC, included) of the backtest and of the
    /// flips reported. Default: the first bar.
    pub from: Option<String>,
    /// The as-of date (`YYYY-MM-DD`, UTC, included): the analysis is that of
    /// the history up to it, the benchmark's included. Default: the last bar.
    pub to: Option<String>,
    /// Costs, direction and signal thresholds of the backtest (and of the
    /// signal reported). Its own `from` / `to` must be left unset: the
    /// window is `from` / `to` above.
    pub backtest: BacktestConfig,
}

/// The analysis of one token. Field names are snake_case in JSON and every
/// field is always present (`null` when unavailable).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// What was analysed.
    pub data: DataInfo,
    /// The window of the backtest and of `flips`.
    pub window: Window,
    /// The bullish / bearish signal at the last bar.
    pub signal: Option<SignalView>,
    /// Every change of the signal's state inside the window, oldest first.
    pub flips: Vec<FlipView>,
    /// The technical rating (26 votes) at the last bar.
    pub rating: Option<Rating>,
    /// Short-term strength, 0–100, including the rating as a component.
    pub trader_grade: Option<Grade>,
    /// Long-term quality, 0–100.
    pub investor_grade: Option<Grade>,
    /// Market-cap class, when the fundamentals give a market cap (or a
    /// circulating supply to multiply by the last close).
    pub class: Option<MarketCapClass>,
    /// The market cap the class was taken from.
    pub market_cap: Option<MarketCap>,
    /// Support and resistance at the last bar.
    pub levels: Option<Levels>,
    /// Quant metrics of the whole series' closes.
    pub metrics: Option<Metrics>,
    /// The signal traded over the window against buy-and-hold.
    pub backtest: Option<BacktestView>,
    /// The plain-language summary of the parts above.
    pub summary: Summary,
    /// Each part that is `null` (or a part of a part, such as
    /// `metrics.benchmark`), with why.
    pub unavailable: Vec<Unavailable>,
}

/// The series analysed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DataInfo {
    pub interval: Interval,
    pub points: usize,
    /// UTC dates of the first and last bar.
    pub first_date: String,
    pub last_date: String,
    pub last_close: f64,
    /// The price columns present, among `open`, `high`, `low`, `close`,
    /// `volume` in that order (`["close"]` for a close-only series).
    pub columns: Vec<String>,
    /// Missing periods between the first and last bar (0 for no gap).
    pub missing_periods: usize,
}

/// The window of the backtest and of the flips reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Window {
    /// The dates asked for, as given (`null`: unbounded).
    pub from: Option<String>,
    pub to: Option<String>,
    /// The first and last bar inside them.
    pub start_date: String,
    pub end_date: String,
    pub bars: usize,
}

/// The signal at the last bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignalView {
    /// `bullish`, `bearish` or `neutral`.
    pub state: SignalState,
    /// How strongly the evidence points the way of the score, 0 to 1:
    /// `|score|`.
    pub strength: f64,
    /// The weighted vote, −1 (bearish) to 1 (bullish).
    pub score: f64,
    /// The UTC date the current state began: the last flip, or, when the
    /// state has held since the signal warmed up, that first bar.
    pub since: String,
    /// The most recent change of state, anywhere in the history.
    pub last_flip: Option<FlipView>,
    /// Up to three components pushing the score the state's way most.
    pub reasons: Vec<String>,
    /// Every component's vote at the last bar.
    pub components: Vec<ComponentVote>,
    /// Components the series cannot feed (`obv20` without volume).
    pub unavailable: Vec<signal::Component>,
}

/// A change of the signal's state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlipView {
    /// UTC date of the bar on which the state changed.
    pub date: String,
    /// That bar's close.
    pub price: f64,
    /// The state entered.
    pub state: SignalState,
    /// The state left.
    pub from: SignalState,
    /// Whether a crash ended a bullish state (the signal's crash rule).
    pub crash: bool,
}

impl From<&signal::Flip> for FlipView {
    fn from(f: &signal::Flip) -> Self {
        Self {
            date: f.date.clone(),
            price: f.price,
            state: f.to,
            from: f.from,
            crash: f.crash,
        }
    }
}

/// The backtest of the signal over the window (see
/// [`backtest`](crate::analysis::backtest) for the rules).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BacktestView {
    pub start_date: String,
    pub end_date: String,
    pub bars: usize,
    /// Whether bearish flips open shorts (default: long-only).
    pub short: bool,
    /// Fee plus slippage paid on every entry and exit, in basis points.
    pub cost_bps_per_side: f64,
    /// Every round trip, oldest first; the last may be `open`.
    pub trades: Vec<Trade>,
    /// Trades closed inside the window (the ones `win_rate` counts).
    pub closed_trades: usize,
    /// Strategy and buy-and-hold figures over the same bars (returns and
    /// drawdowns as fractions: −0.25 is −25 %).
    pub total_return: f64,
    pub buy_hold_return: f64,
    pub max_drawdown: f64,
    pub buy_hold_max_drawdown: f64,
    /// Share of closed trades with a positive return; `null` without one.
    pub win_rate: Option<f64>,
    /// Annualised, risk-free 0; `null` when the returns do not vary.
    pub sharpe: Option<f64>,
    pub buy_hold_sharpe: Option<f64>,
    pub cagr: Option<f64>,
    pub buy_hold_cagr: Option<f64>,
    /// Share of the window spent in a position.
    pub exposure: f64,
    /// Both equity curves, one value per bar of the window, from 1.
    pub equity: EquityCurves,
}

/// Equity curves aligned with their dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EquityCurves {
    pub dates: Vec<String>,
    pub strategy: Vec<f64>,
    pub buy_hold: Vec<f64>,
}

/// A part that could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unavailable {
    /// The field of [`Analysis`] that is `null`, or `parent.field`.
    pub part: String,
    /// The error code of the cause (`TOO_SHORT`, `MISSING_MARKET_CAP` …).
    pub code: String,
    pub reason: String,
}

/// Analyses `series` with `options`.
///
/// Errors: [`Error::TooShort`] for fewer than [`MIN_POINTS`] points;
/// [`Error::InvalidParameter`] for a `from` / `to` that is not a date, that
/// are out of order or leave no bar, for a window set inside the backtest
/// config, or for bad backtest or signal parameters;
/// [`Error::InvalidInput`] for a fundamental that is negative or not finite.
pub fn analyze(series: &PriceSeries, options: &AnalyzeOptions<'_>) -> Result<Analysis, Error> {
    let n = series.len();
    if n < MIN_POINTS {
        return Err(Error::TooShort {
            len: n,
            needed: MIN_POINTS,
        });
    }
    // Everything the caller can get wrong is checked first, so that what
    // follows can only be "not computable from this data".
    options.backtest.validate()?;
    if options.backtest.from.is_some() || options.backtest.to.is_some() {
        return Err(Error::InvalidParameter {
            name: "backtest.from",
            value: format!("{:?} / {:?}", options.backtest.from, options.backtest.to),
            reason: "set the window with the analysis' own from and to",
        });
    }
    let fundamentals = options.fundamentals.map(checked).transpose()?;
    let (start, end) = window(series, options.from.as_deref(), options.to.as_deref())?;
    if end + 1 < n {
        // As of `to`: the history cut there, the benchmark's too.
        let as_of = series.timestamps[end];
        let cut = series.truncated(end + 1);
        let bench = options.benchmark.map(|b| {
            let keep = b.timestamps.partition_point(|&t| t <= as_of);
            b.truncated(keep)
        });
        let options = AnalyzeOptions {
            benchmark: bench.as_ref(),
            ..options.clone()
        };
        return analyze(&cut, &options);
    }
    let mut missing = Vec::new();

    // Signal and flips.
    let sig = signal_with(series, &options.backtest.signal)?;
    let signal_view = match (sig.state, sig.strength) {
        (SignalState::Unknown, _) | (_, None) => {
            note(
                &mut missing,
                "signal",
                &Error::TooShort {
                    len: n,
                    needed: WARMUP,
                },
            );
            None
        }
        (state, Some(score)) => {
            let began = sig.states.iter().position(|s| *s != SignalState::Unknown);
            let since = sig
                .last_flip
                .as_ref()
                .map(|f| f.index)
                .or(began)
                .map_or_else(|| series.date(n - 1), |i| series.date(i));
            Some(SignalView {
                state,
                strength: score.abs(),
                score,
                since,
                last_flip: sig.last_flip.as_ref().map(FlipView::from),
                reasons: sig.reasons.clone(),
                components: sig.components.clone(),
                unavailable: sig.unavailable.clone(),
            })
        }
    };
    let flips: Vec<FlipView> = sig
        .flips
        .iter()
        .filter(|f| (start..=end).contains(&f.index))
        .map(FlipView::from)
        .collect();

    // The rating stands on its own: the Trader Grade is the screener's,
    // built on what the evaluation found to rank the next week.
    let rating = part(&mut missing, "rating", rating(series));
    let trader = part(
        &mut missing,
        "trader_grade",
        trader_grade(
            series,
            &TraderOptions {
                benchmark: options.benchmark,
            },
        ),
    );
    let investor = part(
        &mut missing,
        "investor_grade",
        investor_grade(series, &fundamentals.unwrap_or_default()),
    );

    // Size class.
    let last_close = series.close[n - 1];
    let market_cap = part(
        &mut missing,
        "class",
        MarketData {
            market_cap: fundamentals.and_then(|f| f.market_cap),
            price: Some(last_close),
            circulating_supply: fundamentals.and_then(|f| f.circulating_supply),
        }
        .resolve(),
    );
    let class = market_cap.as_ref().map(MarketCap::class);

    let levels = part(
        &mut missing,
        "levels",
        levels(series, &LevelsConfig::default()),
    );
    let metrics = series_metrics(series, options.benchmark, &mut missing);

    // Backtest over the window.
    let backtest = if signal_view.is_none() {
        note(
            &mut missing,
            "backtest",
            &Error::TooShort {
                len: n,
                needed: WARMUP,
            },
        );
        None
    } else {
        let config = BacktestConfig {
            from: options.from.clone(),
            to: options.to.clone(),
            ..options.backtest.clone()
        };
        part(&mut missing, "backtest", backtest(series, &config)).map(|b| BacktestView {
            bars: b.end_index - b.start_index + 1,
            short: config.short,
            cost_bps_per_side: config.fee_bps + config.slippage_bps,
            closed_trades: b.trades.iter().filter(|t| !t.open).count(),
            total_return: b.strategy.total_return,
            buy_hold_return: b.buy_and_hold.total_return,
            max_drawdown: b.strategy.max_drawdown,
            buy_hold_max_drawdown: b.buy_and_hold.max_drawdown,
            win_rate: b.strategy.win_rate,
            sharpe: b.strategy.sharpe,
            buy_hold_sharpe: b.buy_and_hold.sharpe,
            cagr: b.strategy.cagr,
            buy_hold_cagr: b.buy_and_hold.cagr,
            exposure: b.strategy.exposure,
            equity: EquityCurves {
                dates: (b.start_index..=b.end_index)
                    .map(|i| series.date(i))
                    .collect(),
                strategy: b.strategy_equity,
                buy_hold: b.buy_and_hold_equity,
            },
            start_date: b.start_date,
            end_date: b.end_date,
            trades: b.trades,
        })
    };

    let (nearest_support, nearest_resistance) =
        levels.as_ref().map_or((None, None), LevelFigure::nearest);
    let summary = summarize(&SummaryInput {
        name: options.name.clone().unwrap_or_default(),
        symbol: options.symbol.clone().unwrap_or_default(),
        price: Some(last_close),
        market_cap: market_cap.map(|m| m.value),
        market_cap_class: class,
        trader_grade: trader.as_ref().map(GradeFigures::of),
        investor_grade: investor.as_ref().map(GradeFigures::of),
        signal: signal_view.as_ref().map(|s| SignalFigures {
            state: match s.state {
                SignalState::Bullish => summary::SignalState::Bullish,
                SignalState::Bearish => summary::SignalState::Bearish,
                SignalState::Neutral | SignalState::Unknown => summary::SignalState::Neutral,
            },
            strength: Some(s.strength),
            since: Some(s.since.clone()),
        }),
        volatility: metrics.as_ref().map(|m| m.volatility),
        max_drawdown: metrics.as_ref().map(|m| m.max_drawdown.depth),
        distance_from_ath: metrics.as_ref().map(|m| m.distance_from_ath),
        nearest_support,
        nearest_resistance,
    });

    let columns = [
        ("open", series.open.is_some()),
        ("high", series.high.is_some()),
        ("low", series.low.is_some()),
        ("close", true),
        ("volume", series.volume.is_some()),
    ]
    .into_iter()
    .filter(|(_, present)| *present)
    .map(|(c, _)| c.to_owned())
    .collect();

    Ok(Analysis {
        schema_version: SCHEMA_VERSION,
        data: DataInfo {
            interval: series.interval,
            points: n,
            first_date: series.date(0),
            last_date: series.date(n - 1),
            last_close,
            columns,
            missing_periods: series.missing_periods(),
        },
        window: Window {
            from: options.from.clone(),
            to: options.to.clone(),
            start_date: series.date(start),
            end_date: series.date(end),
            bars: end - start + 1,
        },
        signal: signal_view,
        flips,
        rating,
        trader_grade: trader,
        investor_grade: investor,
        class,
        market_cap,
        levels,
        metrics,
        backtest,
        summary,
        unavailable: missing,
    })
}

fn note(missing: &mut Vec<Unavailable>, part: &str, e: &Error) {
    missing.push(Unavailable {
        part: part.to_owned(),
        code: e.code().to_owned(),
        reason: e.to_string(),
    });
}

/// The value of a part, or `None` with the reason noted.
fn part<T>(missing: &mut Vec<Unavailable>, name: &str, r: Result<T, Error>) -> Option<T> {
    r.map_err(|e| note(missing, name, &e)).ok()
}

/// Fundamentals must be finite and not negative (0 means unknown).
fn checked(f: Fundamentals) -> Result<Fundamentals, Error> {
    for (field, v) in [
        ("market_cap", f.market_cap),
        ("fdv", f.fdv),
        ("circulating_supply", f.circulating_supply),
        ("max_supply", f.max_supply),
        ("total_volume", f.total_volume),
    ] {
        if let Some(x) = v
            && !(x.is_finite() && x >= 0.0)
        {
            return Err(Error::InvalidInput {
                field,
                value: x.to_string(),
            });
        }
    }
    Ok(f)
}

/// First and last bar between `from` and `to` (UTC dates, both included).
fn window(
    series: &PriceSeries,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(usize, usize), Error> {
    let parse = |name: &'static str, d: Option<&str>| -> Result<Option<i64>, Error> {
        d.map(|d| {
            parse_utc_date(d).ok_or_else(|| Error::InvalidParameter {
                name,
                value: d.to_owned(),
                reason: "must be a date YYYY-MM-DD",
            })
        })
        .transpose()
    };
    let (from_t, to_t) = (parse("from", from)?, parse("to", to)?);
    if let (Some(f), Some(t)) = (from_t, to_t)
        && f > t
    {
        return Err(Error::InvalidParameter {
            name: "from",
            value: format!(
                "{} (to is {})",
                from.unwrap_or_default(),
                to.unwrap_or_default()
            ),
            reason: "from must not be after to",
        });
    }
    let ts = &series.timestamps;
    let start = ts.partition_point(|&t| t < from_t.unwrap_or(i64::MIN));
    let after = ts.partition_point(|&t| t < to_t.map_or(i64::MAX, |t| t + 86_400));
    if after <= start {
        let n = series.len();
        return Err(Error::InvalidParameter {
            name: if from_t.is_some_and(|f| f > ts[n - 1]) {
                "from"
            } else {
                "to"
            },
            value: format!(
                "{} to {} (the series runs from {} to {})",
                from.unwrap_or("the start"),
                to.unwrap_or("the end"),
                series.date(0),
                series.date(n - 1)
            ),
            reason: "no bar of the series falls between from and to",
        });
    }
    Ok((start, after - 1))
}

/// Metrics of the whole series; beta and correlation against the benchmark
/// on the timestamps both share.
fn series_metrics(
    series: &PriceSeries,
    benchmark: Option<&PriceSeries>,
    missing: &mut Vec<Unavailable>,
) -> Option<Metrics> {
    let config = MetricsConfig {
        periods_per_year: series.interval.periods_per_year(),
        ..MetricsConfig::default()
    };
    let mut m = part(missing, "metrics", metrics(&series.close, None, &config))?;
    if let Some(b) = benchmark {
        let (mut own, mut other) = (Vec::new(), Vec::new());
        let (mut i, mut j) = (0, 0);
        while i < series.len() && j < b.len() {
            match series.timestamps[i].cmp(&b.timestamps[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    own.push(series.close[i]);
                    other.push(b.close[j]);
                    i += 1;
                    j += 1;
                }
            }
        }
        let rel = if own.len() < MIN_POINTS {
            Err(Error::TooShort {
                len: own.len(),
                needed: MIN_POINTS,
            })
        } else {
            simple_returns(&own)
                .and_then(|r| Ok((r, simple_returns(&other)?)))
                .and_then(|(r, rb)| relative(&r, &rb))
        };
        m.benchmark = part(missing, "metrics.benchmark", rel);
    }
    Some(m)
}

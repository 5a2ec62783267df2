//! Walk-forward evaluation: does a grade (or one of its inputs, or the
//! signal) tell anything about what followed?
//!
//! At each evaluation date every measure is read from the rows up to that
//! date only (every column is causal, see
//! [`inputs`](crate::analysis::grades::inputs)) and compared across tokens
//! with the return that followed over each horizon: the Spearman rank IC,
//! its t-statistic, quintile returns, the hit rate of strong grades, the
//! turnover of the top quintile, and for the signal the return while bullish
//! against bearish and the strategy against random timings with the same
//! time in the market. Stable tokens ([`crate::universe::stable`]) are left
//! out unless asked for. The dates are split into a fit period (forward
//! windows ending on or before the fit end) and an out-of-sample period
//! (dates after it); see `docs/evidence/RULE.md`.

pub mod fit;
pub mod stats;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::analysis::PriceSeries;
use crate::analysis::grades::inputs::{Horizon, Input};
use crate::analysis::grades::{investor_score_series, trader_score_series};
use crate::analysis::series::utc_date;
use crate::analysis::signal::{SignalState, signal};
use crate::universe::stable::stable_flags;
use crate::universe::{Member, TokenError};
use stats::{mean, median, spearman, t_statistic};

/// The fewest tokens a date needs to count.
pub const MIN_TOKENS: usize = 30;
/// Random timings the signal is compared with.
pub const RANDOM_TIMINGS: usize = 1000;

/// What to evaluate and over which dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvaluationOptions {
    /// First evaluation date (Unix seconds, inclusive); the data's first
    /// usable date when `None`.
    pub from: Option<i64>,
    /// Last date a forward window may end on (inclusive).
    pub to: Option<i64>,
    /// Forward horizons in days.
    pub horizons: Vec<usize>,
    /// Days between evaluation dates.
    pub every: usize,
    /// Last day of the fit period (Unix seconds): dates whose forward window
    /// ends on or before it are "fit", dates after it "out of sample".
    pub fit_end: i64,
    /// Keep stable tokens in (they are left out by default).
    pub include_stable: bool,
    /// Seed of the random timings.
    pub seed: u64,
}

impl Default for EvaluationOptions {
    fn default() -> Self {
        Self {
            from: None,
            to: None,
            horizons: vec![7, 30],
            every: 7,
            // 2024-06-30
            fit_end: 1_719_705_600,
            include_stable: false,
            seed: 2024,
        }
    }
}

/// What a measure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Grade,
    Input,
}

/// Period of a statistic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Fit,
    OutOfSample,
    All,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Fit, Period::OutOfSample, Period::All];

    pub fn label(self) -> &'static str {
        match self {
            Period::Fit => "fit",
            Period::OutOfSample => "out of sample",
            Period::All => "all",
        }
    }
}

/// One date's rank IC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DatedIc {
    pub date: String,
    pub ic: f64,
    pub tokens: usize,
}

/// The mean IC of one calendar year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearIc {
    pub year: String,
    pub mean_ic: f64,
    pub dates: usize,
}

/// How strong grades did: per date, the tokens graded above 80 against the
/// universe's median token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HitRate {
    /// Dates with at least one token above 80.
    pub dates: usize,
    /// Share of those dates on which the median forward return of the tokens
    /// above 80 beat the universe's median.
    pub date_hit_rate: Option<f64>,
    /// Token-dates above 80.
    pub tokens: usize,
    /// Share of those token-dates whose forward return beat the median.
    pub token_hit_rate: Option<f64>,
}

/// The statistics of one measure at one horizon over one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub period: Period,
    pub horizon: usize,
    pub dates: usize,
    pub mean_ic: Option<f64>,
    pub ic_sd: Option<f64>,
    /// `mean_ic / sd` over the dates (the information ratio of the IC).
    pub ic_ir: Option<f64>,
    /// Plain when the dates are a horizon apart or more, Newey–West otherwise.
    pub t: Option<f64>,
    pub share_positive: Option<f64>,
    /// Mean forward return of each quintile, lowest measure first.
    pub quintiles: Vec<f64>,
    /// Top quintile's mean forward return minus the bottom's.
    pub spread: Option<f64>,
    /// Mean share of the top quintile replaced from one date to the next.
    pub top_turnover: Option<f64>,
    /// Grades only.
    pub hit: Option<HitRate>,
    pub by_year: Vec<YearIc>,
    pub ics: Vec<DatedIc>,
}

/// One measure's evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeasureReport {
    pub name: String,
    pub kind: Kind,
    /// For inputs: the sign the reasoning predicts.
    pub predicted_sign: f64,
    /// The horizon the measure is meant for, in days.
    pub horizon: usize,
    pub stats: Vec<Stats>,
}

impl MeasureReport {
    /// The statistics at `horizon` over `period`.
    pub fn at(&self, horizon: usize, period: Period) -> Option<&Stats> {
        self.stats
            .iter()
            .find(|s| s.horizon == horizon && s.period == period)
    }
}

/// The signal against later returns and against chance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignalStats {
    pub period: Period,
    pub horizon: usize,
    /// Mean forward return of token-dates in a bullish state.
    pub bullish_return: Option<f64>,
    pub bullish_count: usize,
    /// Mean forward return of token-dates in a bearish state.
    pub bearish_return: Option<f64>,
    pub bearish_count: usize,
}

/// The signal as a strategy (long while bullish, else out) over a period,
/// against random timings with the same time in the market.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimingStats {
    pub period: Period,
    pub tokens: usize,
    /// Share of token-days in the market.
    pub exposure: f64,
    /// Mean over tokens of the strategy's log return.
    pub strategy_log_return: f64,
    /// Mean over tokens of buy-and-hold's log return.
    pub hold_log_return: f64,
    /// Mean of the random timings' mean log return.
    pub random_mean_log_return: f64,
    /// Percentage of random timings the strategy beat.
    pub percentile: f64,
    pub draws: usize,
}

/// How often the signal changes its mind, per token over its warmed-up
/// history (tokens with half a year of it or more, stable ones left out).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlipStats {
    pub tokens: usize,
    /// Flips per 182.5 days: median, 90th percentile and largest.
    pub median_per_half_year: f64,
    pub p90_per_half_year: f64,
    pub max_per_half_year: f64,
    /// Tokens with more than 10 flips per half year.
    pub tokens_over_10: usize,
    /// Bullish states the crash rule ended, and on how many tokens.
    pub crash_exits: usize,
    pub tokens_with_crash_exits: usize,
}

/// A whole evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    pub first_date: String,
    pub last_date: String,
    pub fit_end: String,
    pub every: usize,
    pub horizons: Vec<usize>,
    /// Tokens evaluated.
    pub tokens: usize,
    /// Tokens left out as stable on their last date.
    pub stable: Vec<String>,
    pub measures: Vec<MeasureReport>,
    pub signal: Vec<SignalStats>,
    pub timing: Vec<TimingStats>,
    pub flips: FlipStats,
    /// Tokens that could not be evaluated, each with the reason.
    pub errors: Vec<TokenError>,
}

impl Evaluation {
    /// The measure called `name`.
    pub fn measure(&self, name: &str) -> Option<&MeasureReport> {
        self.measures.iter().find(|m| m.name == name)
    }

    /// How the strong Trader Grades did out of sample: the share of
    /// evaluation dates on which tokens graded above the hit threshold (80)
    /// went on to a better-than-median week. `None` when no out-of-sample
    /// date had such a token.
    pub fn strong_weeks(&self) -> Option<StrongWeeks> {
        let s = self.measure("trader_grade")?.at(7, Period::OutOfSample)?;
        let hit = s.hit.as_ref()?;
        let month = |date: &str| date.get(..7).unwrap_or(date).to_owned();
        Some(StrongWeeks {
            hit_rate: hit.date_hit_rate?,
            weeks: hit.dates,
            first_month: month(&s.ics.first()?.date),
            last_month: month(&s.ics.last()?.date),
        })
    }
}

/// The Trader Grade's record in one line (the token page's): strong grades
/// (above 80) out of sample, over a week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StrongWeeks {
    /// Share of the dates with a strong grade on which the strong tokens'
    /// next week beat the median token's.
    pub hit_rate: f64,
    /// Dates (a week apart) with at least one strong grade.
    pub weeks: usize,
    /// The out-of-sample period, `YYYY-MM` to `YYYY-MM`.
    pub first_month: String,
    pub last_month: String,
}

/// A token's columns on its own bars.
#[derive(Debug)]
pub(crate) struct TokenColumns {
    pub symbol: String,
    pub timestamps: Vec<i64>,
    pub close: Vec<f64>,
    /// Stable as of each bar.
    pub stable: Vec<bool>,
    pub states: Vec<SignalState>,
    /// The signal's flips: bar, and whether a crash ended a bullish state.
    pub flips: Vec<(usize, bool)>,
    /// One column per measure, in the order of `measures`.
    pub columns: Vec<Vec<f64>>,
}

impl TokenColumns {
    fn bar(&self, time: i64) -> Option<usize> {
        self.timestamps.binary_search(&time).ok()
    }
}

/// The measures evaluated: both grades, then every candidate input.
pub(crate) fn measures() -> Vec<(String, Kind, f64, usize)> {
    let mut out = vec![
        ("trader_grade".to_owned(), Kind::Grade, 1.0, 7),
        ("investor_grade".to_owned(), Kind::Grade, 1.0, 30),
    ];
    for input in Input::ALL {
        let horizon = match input.horizon() {
            Horizon::Short => 7,
            Horizon::Long => 30,
        };
        out.push((
            input.name().to_owned(),
            Kind::Input,
            input.predicted_sign(),
            horizon,
        ));
    }
    out
}

/// One token's columns. Errors: a series that is not daily or breaks an
/// invariant.
fn token_columns(
    symbol: &str,
    series: &PriceSeries,
    benchmark: Option<&PriceSeries>,
    inputs: bool,
) -> Result<TokenColumns, Error> {
    if series.interval != crate::analysis::Interval::Daily {
        return Err(Error::InvalidInput {
            field: "interval",
            value: "hourly: the evaluation reads daily closes".into(),
        });
    }
    let series = series.clone().validated()?;
    let mut columns = vec![
        trader_score_series(&series, benchmark)
            .into_iter()
            .map(|x| x.unwrap_or(f64::NAN))
            .collect::<Vec<f64>>(),
        investor_score_series(&series)
            .into_iter()
            .map(|x| x.unwrap_or(f64::NAN))
            .collect(),
    ];
    if inputs {
        for input in Input::ALL {
            columns.push(input.column(&series, benchmark));
        }
    }
    let stable = stable_flags(symbol, &series.close, 1);
    let (states, flips) = match signal(&series) {
        Ok(s) => (
            s.states,
            s.flips.iter().map(|f| (f.index, f.crash)).collect(),
        ),
        Err(_) => (vec![SignalState::Unknown; series.len()], Vec::new()),
    };
    Ok(TokenColumns {
        symbol: symbol.to_owned(),
        timestamps: series.timestamps,
        close: series.close,
        stable,
        states,
        flips,
        columns,
    })
}

const DAY: i64 = 86_400;

/// The evaluation dates: every `every` days from the first day with
/// [`MIN_TOKENS`] tokens listed (or `from`), up to the last day.
fn dates(tokens: &[TokenColumns], options: &EvaluationOptions) -> (Vec<i64>, i64) {
    let mut all: Vec<i64> = tokens
        .iter()
        .flat_map(|t| t.timestamps.iter().copied())
        .collect();
    all.sort_unstable();
    all.dedup();
    let last = all.last().copied().unwrap_or(0);
    let last = options.to.map_or(last, |to| to.min(last));
    let first = all
        .iter()
        .copied()
        .find(|&d| tokens.iter().filter(|t| t.bar(d).is_some()).count() >= MIN_TOKENS)
        .unwrap_or(last);
    let first = options.from.map_or(first, |f| f.max(first));
    let every = options.every.max(1) as i64;
    let dates = (0..)
        .map(|k| first + k * every * DAY)
        .take_while(|&d| d <= last)
        .collect();
    (dates, last)
}

/// Which period a date with forward window `h` days belongs to.
fn period_of(date: i64, h: usize, fit_end: i64, last: i64) -> Option<Period> {
    let end = date + h as i64 * DAY;
    if end > last {
        None
    } else if end <= fit_end {
        Some(Period::Fit)
    } else if date > fit_end {
        Some(Period::OutOfSample)
    } else {
        None
    }
}

/// One date's cross-section of a measure: `(token, value, forward return)`.
fn cross_section(
    tokens: &[TokenColumns],
    measure: usize,
    date: i64,
    h: usize,
    include_stable: bool,
) -> Vec<(usize, f64, f64)> {
    tokens
        .iter()
        .enumerate()
        .filter_map(|(i, tok)| {
            let b = tok.bar(date)?;
            if !include_stable && tok.stable[b] {
                return None;
            }
            let v = tok.columns[measure][b];
            let f = tok.bar(date + h as i64 * DAY)?;
            v.is_finite()
                .then(|| (i, v, tok.close[f] / tok.close[b] - 1.0))
        })
        .collect()
}

/// A universe's columns and evaluation dates, computed once and shared by
/// [`evaluate_prepared`] and [`fit::fit_prepared`].
#[derive(Debug)]
pub struct Prepared {
    /// Whether the candidate inputs were prepared (else the grades alone).
    pub(crate) inputs: bool,
    pub(crate) tokens: Vec<TokenColumns>,
    pub(crate) dates: Vec<i64>,
    pub(crate) last: i64,
    /// Tokens that could not be evaluated; every other token is.
    pub errors: Vec<TokenError>,
}

/// Columns collected a token at a time, so that a caller (a web page) can
/// return to its event loop between tokens and show the progress.
#[derive(Debug)]
pub struct Preparing<'a> {
    benchmark: Option<&'a PriceSeries>,
    inputs: bool,
    tokens: Vec<TokenColumns>,
    errors: Vec<TokenError>,
}

impl<'a> Preparing<'a> {
    /// `benchmark` (BTC) feeds the inputs that read one.
    pub fn new(benchmark: Option<&'a PriceSeries>) -> Self {
        Self {
            benchmark,
            inputs: true,
            tokens: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// The two grades and the signal only, not the candidate inputs: what
    /// a page showing the grades' evidence needs, in a fraction of the time.
    pub fn grades_only(benchmark: Option<&'a PriceSeries>) -> Self {
        Self {
            inputs: false,
            ..Self::new(benchmark)
        }
    }

    /// Adds one token: its columns, or a typed error for it alone.
    pub fn add(&mut self, symbol: &str, series: &PriceSeries) {
        match token_columns(symbol, series, self.benchmark, self.inputs) {
            Ok(t) => self.tokens.push(t),
            Err(e) => self.errors.push(TokenError::new(symbol, &e)),
        }
    }

    /// The tokens and the evaluation dates of `options`.
    pub fn finish(self, options: &EvaluationOptions) -> Prepared {
        let (dates, last) = dates(&self.tokens, options);
        Prepared {
            inputs: self.inputs,
            tokens: self.tokens,
            dates,
            last,
            errors: self.errors,
        }
    }
}

/// Every token's columns (both grades, every candidate input, the signal
/// states, the stable flag) and the evaluation dates of `options`; a token
/// that is not daily or breaks an invariant is one error in
/// [`Prepared::errors`].
pub fn prepare(
    universe: &[Member],
    benchmark: Option<&PriceSeries>,
    options: &EvaluationOptions,
) -> Prepared {
    let mut p = Preparing::new(benchmark);
    for (symbol, series, _) in universe {
        p.add(symbol, series);
    }
    p.finish(options)
}

/// Evaluates both grades, every candidate input and the signal over
/// `universe` (daily series). `benchmark` (BTC) feeds the inputs that read
/// one.
///
/// Errors: no horizon, or a horizon of 0 days. A token that cannot be
/// evaluated is one error in [`Evaluation::errors`].
pub fn evaluate(
    universe: &[Member],
    benchmark: Option<&PriceSeries>,
    options: &EvaluationOptions,
) -> Result<Evaluation, Error> {
    evaluate_prepared(&prepare(universe, benchmark, options), options)
}

/// [`evaluate`] over columns already prepared with the same `options`.
///
/// Errors: no horizon, or a horizon of 0 days.
pub fn evaluate_prepared(
    prepared: &Prepared,
    options: &EvaluationOptions,
) -> Result<Evaluation, Error> {
    if options.horizons.is_empty() || options.horizons.contains(&0) {
        return Err(Error::InvalidParameter {
            name: "horizons",
            value: format!("{:?}", options.horizons),
            reason: "give one or more horizons of at least 1 day",
        });
    }
    let Prepared {
        inputs,
        tokens,
        dates,
        last,
        errors,
    } = prepared;
    let (tokens, dates, last) = (tokens.as_slice(), dates.as_slice(), *last);
    let mut measures = measures();
    if !inputs {
        measures.retain(|m| m.1 == Kind::Grade);
    }
    let mut reports = Vec::new();
    for (m, (name, kind, sign, horizon)) in measures.iter().enumerate() {
        let mut stats = Vec::new();
        for &h in &options.horizons {
            for period in Period::ALL {
                stats.push(measure_stats(
                    tokens, m, *kind, dates, h, period, last, options,
                ));
            }
        }
        reports.push(MeasureReport {
            name: name.clone(),
            kind: *kind,
            predicted_sign: *sign,
            horizon: *horizon,
            stats,
        });
    }
    let mut signal_stats = Vec::new();
    for &h in &options.horizons {
        for period in Period::ALL {
            signal_stats.push(signal_forward(tokens, dates, h, period, last, options));
        }
    }
    let timing = Period::ALL
        .into_iter()
        .map(|p| random_timing(tokens, p, last, options))
        .collect();
    let stable = tokens
        .iter()
        .filter(|t| t.stable.last().copied().unwrap_or(false))
        .map(|t| t.symbol.clone())
        .collect();
    Ok(Evaluation {
        first_date: dates.first().map(|&d| utc_date(d)).unwrap_or_default(),
        last_date: utc_date(last),
        fit_end: utc_date(options.fit_end),
        every: options.every,
        horizons: options.horizons.clone(),
        tokens: tokens.len(),
        stable,
        measures: reports,
        signal: signal_stats,
        timing,
        flips: flip_stats(tokens, options),
        errors: errors.clone(),
    })
}

fn in_period(date: i64, h: usize, period: Period, fit_end: i64, last: i64) -> bool {
    match (period, period_of(date, h, fit_end, last)) {
        (Period::All, _) => date + h as i64 * DAY <= last,
        (p, Some(q)) => p == q,
        _ => false,
    }
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn measure_stats(
    tokens: &[TokenColumns],
    m: usize,
    kind: Kind,
    dates: &[i64],
    h: usize,
    period: Period,
    last: i64,
    options: &EvaluationOptions,
) -> Stats {
    let mut ics = Vec::new();
    let mut quintile_sums = [0.0f64; 5];
    let mut quintile_dates = 0usize;
    let mut turnovers = Vec::new();
    let mut previous_top: Option<Vec<usize>> = None;
    let (mut hit_dates, mut hit_wins, mut hit_tokens, mut hit_token_wins) = (0, 0, 0, 0);
    for &date in dates {
        if !in_period(date, h, period, options.fit_end, last) {
            continue;
        }
        let mut xs = cross_section(tokens, m, date, h, options.include_stable);
        if xs.len() < MIN_TOKENS {
            continue;
        }
        let values: Vec<f64> = xs.iter().map(|x| x.1).collect();
        let forward: Vec<f64> = xs.iter().map(|x| x.2).collect();
        let Some(ic) = spearman(&values, &forward) else {
            continue;
        };
        ics.push(DatedIc {
            date: utc_date(date),
            ic,
            tokens: xs.len(),
        });
        xs.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        let n = xs.len();
        let mut sums = [0.0f64; 5];
        let mut counts = [0usize; 5];
        for (rank, x) in xs.iter().enumerate() {
            let q = rank * 5 / n;
            sums[q] += x.2;
            counts[q] += 1;
        }
        for q in 0..5 {
            quintile_sums[q] += sums[q] / counts[q] as f64;
        }
        quintile_dates += 1;
        let mut top: Vec<usize> = xs[n - n / 5..].iter().map(|x| x.0).collect();
        top.sort_unstable();
        if let Some(prev) = &previous_top
            && !prev.is_empty()
        {
            let kept = top.iter().filter(|t| prev.binary_search(t).is_ok()).count();
            turnovers.push(1.0 - kept as f64 / prev.len() as f64);
        }
        previous_top = Some(top);
        if kind == Kind::Grade {
            let med = median(&forward);
            let strong: Vec<f64> = xs
                .iter()
                .filter(|x| x.1 > crate::universe::STRONG_GRADE)
                .map(|x| x.2)
                .collect();
            if !strong.is_empty() {
                hit_dates += 1;
                if median(&strong) > med {
                    hit_wins += 1;
                }
                hit_tokens += strong.len();
                hit_token_wins += strong.iter().filter(|&&r| r > med).count();
            }
        }
    }
    let values: Vec<f64> = ics.iter().map(|d| d.ic).collect();
    let every = options.every.max(1);
    let lags = if every >= h { 0 } else { h.div_ceil(every) - 1 };
    let n = values.len();
    let mean_ic = (n > 0).then(|| mean(&values));
    let ic_sd = (n > 1).then(|| {
        let m = mean(&values);
        (values.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1) as f64).sqrt()
    });
    let mut by_year: Vec<YearIc> = Vec::new();
    for d in &ics {
        let year = d.date[..4].to_owned();
        match by_year.last_mut() {
            Some(y) if y.year == year => {
                y.mean_ic += d.ic;
                y.dates += 1;
            }
            _ => by_year.push(YearIc {
                year,
                mean_ic: d.ic,
                dates: 1,
            }),
        }
    }
    for y in &mut by_year {
        y.mean_ic /= y.dates as f64;
    }
    let quintiles: Vec<f64> = if quintile_dates > 0 {
        quintile_sums
            .iter()
            .map(|s| s / quintile_dates as f64)
            .collect()
    } else {
        Vec::new()
    };
    let ratio = |a: usize, b: usize| (b > 0).then(|| a as f64 / b as f64);
    Stats {
        period,
        horizon: h,
        dates: n,
        mean_ic,
        ic_sd,
        ic_ir: mean_ic
            .zip(ic_sd)
            .and_then(|(m, s)| (s > 0.0).then(|| m / s)),
        t: t_statistic(&values, lags),
        share_positive: ratio(values.iter().filter(|&&x| x > 0.0).count(), n),
        spread: (quintiles.len() == 5).then(|| quintiles[4] - quintiles[0]),
        quintiles,
        top_turnover: (!turnovers.is_empty()).then(|| mean(&turnovers)),
        hit: (kind == Kind::Grade).then(|| HitRate {
            dates: hit_dates,
            date_hit_rate: ratio(hit_wins, hit_dates),
            tokens: hit_tokens,
            token_hit_rate: ratio(hit_token_wins, hit_tokens),
        }),
        by_year,
        ics,
    }
}

/// A token's running sums of returns and its spells in the market.
type Timed = (Vec<f64>, Vec<(usize, usize)>);

/// The runs of `true` in `p`, as `[start, end)`.
fn spells(p: &[bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &x) in p.iter().enumerate() {
        match (x, start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                out.push((a, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a) = start {
        out.push((a, p.len()));
    }
    out
}

/// `Σ r[i]` over the days `i` whose position, the pattern shifted by
/// `shift` days (circularly), is in the market: `p[(i + shift) % n]`.
/// `prefix` holds the running sums of `r` (`n + 1` values).
fn held(prefix: &[f64], spells: &[(usize, usize)], shift: usize) -> f64 {
    let n = prefix.len() - 1;
    let range = |a: usize, b: usize| prefix[b] - prefix[a];
    spells
        .iter()
        .map(|&(a, b)| {
            // Days i with (i + shift) mod n in [a, b): [a − shift, b − shift) mod n.
            let (start, end) = ((a + n - shift) % n, (b + n - shift) % n);
            if end == 0 || start < end {
                range(start, if end == 0 { n } else { end })
            } else {
                range(start, n) + range(0, end)
            }
        })
        .sum()
}

fn flip_stats(tokens: &[TokenColumns], options: &EvaluationOptions) -> FlipStats {
    let mut rates = Vec::new();
    let (mut crash_exits, mut crash_tokens) = (0, 0);
    for tok in tokens {
        if !options.include_stable && tok.stable.last().copied().unwrap_or(false) {
            continue;
        }
        let Some(first) = tok.states.iter().position(|s| *s != SignalState::Unknown) else {
            continue;
        };
        let days =
            (tok.timestamps[tok.timestamps.len() - 1] - tok.timestamps[first]) as f64 / DAY as f64;
        if days < 182.5 {
            continue;
        }
        rates.push(tok.flips.len() as f64 / days * 182.5);
        let crashes = tok.flips.iter().filter(|f| f.1).count();
        crash_exits += crashes;
        crash_tokens += usize::from(crashes > 0);
    }
    rates.sort_by(f64::total_cmp);
    FlipStats {
        tokens: rates.len(),
        median_per_half_year: stats::sorted_quantile(&rates, 0.5),
        p90_per_half_year: stats::sorted_quantile(&rates, 0.9),
        max_per_half_year: rates.last().copied().unwrap_or(f64::NAN),
        tokens_over_10: rates.iter().filter(|&&r| r > 10.0).count(),
        crash_exits,
        tokens_with_crash_exits: crash_tokens,
    }
}

fn signal_forward(
    tokens: &[TokenColumns],
    dates: &[i64],
    h: usize,
    period: Period,
    last: i64,
    options: &EvaluationOptions,
) -> SignalStats {
    let (mut bull, mut bear) = (Vec::new(), Vec::new());
    for &date in dates {
        if !in_period(date, h, period, options.fit_end, last) {
            continue;
        }
        for tok in tokens {
            let Some(b) = tok.bar(date) else { continue };
            if !options.include_stable && tok.stable[b] {
                continue;
            }
            let Some(f) = tok.bar(date + h as i64 * DAY) else {
                continue;
            };
            let r = tok.close[f] / tok.close[b] - 1.0;
            match tok.states[b] {
                SignalState::Bullish => bull.push(r),
                SignalState::Bearish => bear.push(r),
                _ => {}
            }
        }
    }
    SignalStats {
        period,
        horizon: h,
        bullish_return: (!bull.is_empty()).then(|| mean(&bull)),
        bullish_count: bull.len(),
        bearish_return: (!bear.is_empty()).then(|| mean(&bear)),
        bearish_count: bear.len(),
    }
}

/// The signal as a daily strategy over a period: in the market on day
/// `t + 1` when the state at the close of `t` is bullish. Random timings
/// shift each token's in/out pattern by a random number of days (circularly,
/// within the period), which keeps its time in the market and its number of
/// trades; the percentile is the share of draws whose mean log return over
/// the tokens the strategy beat.
fn random_timing(
    tokens: &[TokenColumns],
    period: Period,
    last: i64,
    options: &EvaluationOptions,
) -> TimingStats {
    let (start, end) = match period {
        Period::Fit => (i64::MIN, options.fit_end),
        Period::OutOfSample => (options.fit_end + DAY, last),
        Period::All => (i64::MIN, last),
    };
    let from = options.from.unwrap_or(i64::MIN);
    // Per token: the daily log returns of the period and the positions.
    let mut paths: Vec<(Vec<f64>, Vec<bool>)> = Vec::new();
    for tok in tokens {
        let mut r = Vec::new();
        let mut p = Vec::new();
        for b in 1..tok.close.len() {
            let t = tok.timestamps[b];
            if t < start.max(from) || t > end || tok.timestamps[b - 1] != t - DAY {
                continue;
            }
            if !options.include_stable && tok.stable[b - 1] {
                continue;
            }
            if tok.states[b - 1] == SignalState::Unknown {
                continue;
            }
            r.push((tok.close[b] / tok.close[b - 1]).ln());
            p.push(tok.states[b - 1] == SignalState::Bullish);
        }
        if r.len() >= 30 {
            paths.push((r, p));
        }
    }
    let n = paths.len();
    if n == 0 {
        return TimingStats {
            period,
            tokens: 0,
            exposure: 0.0,
            strategy_log_return: 0.0,
            hold_log_return: 0.0,
            random_mean_log_return: 0.0,
            percentile: 0.0,
            draws: 0,
        };
    }
    // Per token: prefix sums of the returns and the spells in the market, so
    // that a shifted pattern's return is a few differences, not a pass.
    let timed: Vec<Timed> = paths
        .iter()
        .map(|(r, p)| {
            let mut prefix = Vec::with_capacity(r.len() + 1);
            prefix.push(0.0);
            for x in r {
                prefix.push(prefix[prefix.len() - 1] + x);
            }
            (prefix, spells(p))
        })
        .collect();
    let strategy = timed.iter().map(|(c, s)| held(c, s, 0)).sum::<f64>() / n as f64;
    let hold = paths
        .iter()
        .map(|(r, _)| r.iter().sum::<f64>())
        .sum::<f64>()
        / n as f64;
    let days: usize = paths.iter().map(|(r, _)| r.len()).sum();
    let exposure = paths
        .iter()
        .map(|(_, p)| p.iter().filter(|&&x| x).count())
        .sum::<usize>() as f64
        / days as f64;
    let mut rng = fastrand::Rng::with_seed(options.seed);
    let mut beaten = 0usize;
    let mut total = 0.0;
    for _ in 0..RANDOM_TIMINGS {
        let draw = timed
            .iter()
            // Drawn as u64, the same on 32-bit wasm as natively.
            .map(|(c, s)| held(c, s, rng.u64(1..(c.len() - 1) as u64) as usize))
            .sum::<f64>()
            / n as f64;
        total += draw;
        if strategy > draw {
            beaten += 1;
        }
    }
    TimingStats {
        period,
        tokens: n,
        exposure,
        strategy_log_return: strategy,
        hold_log_return: hold,
        random_mean_log_return: total / RANDOM_TIMINGS as f64,
        percentile: 100.0 * beaten as f64 / RANDOM_TIMINGS as f64,
        draws: RANDOM_TIMINGS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shifted_pattern_sums_what_a_pass_sums() {
        let mut rng = fastrand::Rng::with_seed(7);
        for n in [2usize, 3, 10, 57] {
            for _ in 0..50 {
                let r: Vec<f64> = (0..n).map(|_| rng.f64() - 0.5).collect();
                let p: Vec<bool> = (0..n).map(|_| rng.bool()).collect();
                let mut prefix = vec![0.0];
                for x in &r {
                    prefix.push(prefix[prefix.len() - 1] + x);
                }
                let s = spells(&p);
                for shift in 0..n {
                    let naive: f64 = (0..n).filter(|&i| p[(i + shift) % n]).map(|i| r[i]).sum();
                    assert!(
                        (held(&prefix, &s, shift) - naive).abs() < 1e-12,
                        "{n} {shift}"
                    );
                }
            }
        }
        assert_eq!(spells(&[true, true, false, true]), [(0, 2), (3, 4)]);
        assert!(spells(&[false, false]).is_empty());
    }

    #[test]
    fn a_token_that_cannot_be_evaluated_is_an_error_of_its_own() {
        use crate::analysis::Interval;
        let mut rng = fastrand::Rng::with_seed(3);
        let mut universe: Vec<Member> = (0..35)
            .map(|k| {
                let mut c = 10.0;
                let close: Vec<f64> = (0..200)
                    .map(|_| {
                        c *= (0.04 * (rng.f64() - 0.5)).exp();
                        c
                    })
                    .collect();
                let t = (0..200).map(|i| 1_704_067_200 + i * DAY).collect();
                let s = PriceSeries::from_closes(Interval::Daily, t, close)
                    .unwrap_or_else(|e| panic!("{e}"));
                (format!("T{k}"), s, None)
            })
            .collect();
        let hourly = PriceSeries::from_closes(
            Interval::Hourly,
            (0..50).map(|i| 1_704_067_200 + i * 3600).collect(),
            vec![1.0; 50],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        universe.push(("HOURLY".into(), hourly, None));
        let options = EvaluationOptions::default();
        let e = evaluate(&universe, None, &options).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(e.tokens, 35);
        assert_eq!(e.errors.len(), 1);
        assert_eq!(
            (e.errors[0].symbol.as_str(), e.errors[0].code.as_str()),
            ("HOURLY", "INVALID_INPUT")
        );
        let trader = e.measure("trader_grade").and_then(|m| m.at(7, Period::All));
        assert!(trader.is_some_and(|s| s.dates > 10), "{trader:?}");
        assert!(
            evaluate(
                &universe,
                None,
                &EvaluationOptions {
                    horizons: vec![0],
                    ..options
                }
            )
            .is_err()
        );
    }
}

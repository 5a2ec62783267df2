//! Technical rating in the style of TradingView's "Technical Ratings": 15
//! moving-average votes and 11 oscillator votes, each buy (+1), neutral (0)
//! or sell (−1), averaged per group; the rating is the mean of the two group
//! means, in `[−1, 1]`.
//!
//! An indicator that is not warmed up at the bar rated, or that needs a
//! column the series lacks (high, low or volume on a close-only feed), casts
//! no vote: it is listed in [`Rating::unavailable`] with the reason, and the
//! group mean is taken over the votes cast. A group with no vote is left out
//! of the overall mean; with no vote at all the rating is
//! [`Error::TooShort`].
//!
//! The exact rule of every vote is in `docs/METHODOLOGY.md` ("Technical
//! rating") and in the rule's row of [`RULES`] ([`RuleSpec::buy_rule`] /
//! [`RuleSpec::sell_rule`], which the reasons quote).
//!
//! ```
//! use tokenlens_core::analysis::{Interval, PriceSeries, rating::{RatingLabel, rating}};
//! let close: Vec<f64> = (0..250).map(|i| 100.0 * 1.01f64.powi(i)).collect();
//! let t = (0..250).map(|i| 1_700_000_000 + i * 86_400).collect();
//! let s = PriceSeries::from_closes(Interval::Daily, t, close).unwrap();
//! let r = rating(&s).unwrap();
//! assert!(r.score > 0.5);
//! assert_eq!(r.label, RatingLabel::StrongBuy);
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::analysis::PriceSeries;
use crate::indicators::catalog::{Columns, IndicatorSpec};
use crate::indicators::momentum::{
    AoConfig, CciConfig, ElderRayConfig, MomConfig, RsiConfig, StochConfig, StochRsiConfig,
    UltimateOscillatorConfig, WillRConfig,
};
use crate::indicators::trend::{
    AdxConfig, EmaConfig, HmaConfig, IchimokuConfig, MacdConfig, SmaConfig, VwmaConfig,
};

/// What one indicator says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Buy,
    Neutral,
    Sell,
}

impl Action {
    /// +1, 0 or −1.
    pub fn value(self) -> f64 {
        match self {
            Action::Buy => 1.0,
            Action::Neutral => 0.0,
            Action::Sell => -1.0,
        }
    }

    fn of(buy: bool, sell: bool) -> Self {
        if buy {
            Action::Buy
        } else if sell {
            Action::Sell
        } else {
            Action::Neutral
        }
    }
}

/// The two groups of the rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    MovingAverages,
    Oscillators,
}

/// The five rating bands. Boundaries, as TradingView publishes them:
/// Strong Sell `< −0.5` ≤ Sell `< −0.1` ≤ Neutral `≤ 0.1` < Buy `≤ 0.5` <
/// Strong Buy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RatingLabel {
    StrongSell,
    Sell,
    Neutral,
    Buy,
    StrongBuy,
}

impl RatingLabel {
    /// The band of a score in `[−1, 1]`.
    pub fn of(score: f64) -> Self {
        if score < -0.5 {
            RatingLabel::StrongSell
        } else if score < -0.1 {
            RatingLabel::Sell
        } else if score <= 0.1 {
            RatingLabel::Neutral
        } else if score <= 0.5 {
            RatingLabel::Buy
        } else {
            RatingLabel::StrongBuy
        }
    }
}

impl fmt::Display for RatingLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RatingLabel::StrongSell => "Strong Sell",
            RatingLabel::Sell => "Sell",
            RatingLabel::Neutral => "Neutral",
            RatingLabel::Buy => "Buy",
            RatingLabel::StrongBuy => "Strong Buy",
        })
    }
}

/// One cast vote, with the values it was decided on and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Vote {
    /// `SMA(10)`, `RSI(14)`, …
    pub indicator: String,
    pub group: Group,
    pub action: Action,
    /// The values the rule read, named (`rsi`, `rsi_prev`, `close`, …).
    pub values: Vec<(String, f64)>,
    /// The rule outcome in words.
    pub reason: String,
}

/// An indicator that did not vote, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unavailable {
    pub indicator: String,
    pub group: Group,
    pub reason: String,
}

/// The rating at one bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rating {
    /// Mean of the group means, in `[−1, 1]`.
    pub score: f64,
    pub label: RatingLabel,
    /// Mean of the moving-average votes, `None` when none voted.
    pub moving_averages: Option<f64>,
    /// Mean of the oscillator votes, `None` when none voted.
    pub oscillators: Option<f64>,
    /// Index and date of the bar rated (the last one).
    pub index: usize,
    pub date: String,
    pub votes: Vec<Vote>,
    pub unavailable: Vec<Unavailable>,
}

/// One rule of the rating, one row of [`RULES`]: its name, its group, the
/// values it reads, how it votes on them, its conditions in words (which
/// the reasons quote) and the bars of history it needs.
#[derive(Debug, Clone, Copy)]
pub struct RuleSpec {
    name: &'static str,
    group: Group,
    /// The values the vote reads, in the order it takes them and
    /// [`Vote::values`] lists them.
    reads: &'static [Read],
    /// The decision on the values read, all defined.
    vote: fn(&[f64]) -> Action,
    buy: &'static str,
    sell: &'static str,
    min_bars: usize,
}

impl RuleSpec {
    /// Display name with parameters: `SMA(10)`, `RSI(14)`, …
    pub fn name(&self) -> &'static str {
        self.name
    }

    pub fn group(&self) -> Group {
        self.group
    }

    /// The buy condition, in words.
    pub fn buy_rule(&self) -> &'static str {
        self.buy
    }

    /// The sell condition, in words.
    pub fn sell_rule(&self) -> &'static str {
        self.sell
    }

    /// Bars of history needed before the rule can vote (warm-up of its
    /// indicators, plus the previous bars its "rising" or "crossing" reads).
    pub fn min_bars(&self) -> usize {
        self.min_bars
    }

    /// A moving average against the close: `reads` are the average and the
    /// close.
    const fn average(name: &'static str, reads: &'static [Read], min_bars: usize) -> Self {
        Self {
            name,
            group: Group::MovingAverages,
            reads,
            vote: average_vote,
            buy: "the average is below the close",
            sell: "the average is above the close",
            min_bars,
        }
    }
}

/// An indicator the rules read, with its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Indicator {
    Sma(usize),
    Ema(usize),
    /// Hull moving average.
    Hma(usize),
    /// Volume-weighted moving average.
    Vwma(usize),
    /// Conversion, base and span B periods.
    Ichimoku(usize, usize, usize),
    Rsi(usize),
    /// %K period, %K slowing and %D period.
    Stoch(usize, usize, usize),
    Cci(usize),
    /// ADX, with +DI and −DI.
    Adx(usize),
    /// Awesome Oscillator: fast and slow periods.
    Ao(usize, usize),
    Mom(usize),
    /// Fast, slow and signal periods.
    Macd(usize, usize, usize),
    /// TradingView's Stochastic RSI: %K smoothing, %D smoothing, RSI period
    /// and stochastic period.
    StochRsi(usize, usize, usize, usize),
    WillR(usize),
    /// Elder ray: bull and bear power.
    ElderRay(usize),
    /// Ultimate Oscillator: short, mid and long periods.
    Uo(usize, usize, usize),
}

impl Indicator {
    /// The catalog spec that computes it.
    fn spec(self) -> IndicatorSpec {
        match self {
            Indicator::Sma(period) => IndicatorSpec::Sma(SmaConfig { period }),
            Indicator::Ema(period) => IndicatorSpec::Ema(EmaConfig { period }),
            Indicator::Hma(period) => IndicatorSpec::Hma(HmaConfig { period }),
            Indicator::Vwma(period) => IndicatorSpec::Vwma(VwmaConfig { period }),
            Indicator::Ichimoku(conversion, base, span_b) => {
                IndicatorSpec::Ichimoku(IchimokuConfig {
                    conversion,
                    base,
                    span_b,
                })
            }
            Indicator::Rsi(period) => IndicatorSpec::Rsi(RsiConfig { period }),
            Indicator::Stoch(k_period, k_slowing, d_period) => IndicatorSpec::Stoch(StochConfig {
                k_period,
                k_slowing,
                d_period,
            }),
            Indicator::Cci(period) => IndicatorSpec::Cci(CciConfig { period }),
            Indicator::Adx(period) => IndicatorSpec::Adx(AdxConfig { period }),
            Indicator::Ao(fast, slow) => IndicatorSpec::Ao(AoConfig { fast, slow }),
            Indicator::Mom(period) => IndicatorSpec::Mom(MomConfig { period }),
            Indicator::Macd(fast, slow, signal) => {
                IndicatorSpec::Macd(MacdConfig { fast, slow, signal })
            }
            // The catalog's %D is the 3-bar mean of its raw %K: TradingView's
            // smoothed %K.
            Indicator::StochRsi(k_smoothing, _, rsi_period, k_period) => {
                IndicatorSpec::StochRsi(StochRsiConfig {
                    rsi_period,
                    k_period,
                    d_period: k_smoothing,
                })
            }
            Indicator::WillR(period) => IndicatorSpec::WillR(WillRConfig { period }),
            Indicator::ElderRay(period) => IndicatorSpec::ElderRay(ElderRayConfig { period }),
            Indicator::Uo(short, mid, long) => {
                IndicatorSpec::UltimateOscillator(UltimateOscillatorConfig { short, mid, long })
            }
        }
    }

    /// Its outputs over `columns`, in the catalog's order; for the
    /// Stochastic RSI, TradingView's %K and %D.
    fn compute(self, columns: &Columns<'_>) -> Result<Vec<Vec<f64>>, Error> {
        let mut outputs = self.spec().compute(columns)?.into_iter().map(|(_, v)| v);
        Ok(match self {
            // TradingView's Stochastic RSI smooths %K over 3 bars before %D:
            // its %K is the catalog's %D (the 3-bar mean of the raw %K), and
            // its %D is the 3-bar mean of that.
            Indicator::StochRsi(_, d_smoothing, ..) => {
                let k = outputs.nth(1).unwrap_or_default();
                let d = rolling_mean(&k, d_smoothing);
                vec![k, d]
            }
            _ => outputs.collect(),
        })
    }

    /// Its only output, or its first.
    const fn column(self) -> Column {
        self.output(0)
    }

    /// Its output `part`, in the order of [`Indicator::compute`].
    const fn output(self, part: usize) -> Column {
        Column::Output(self, part)
    }
}

/// A column a rule reads: the close, or one output of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Close,
    /// The indicator's output of that index, in the order of
    /// [`Indicator::compute`].
    Output(Indicator, usize),
}

/// A value a rule reads: a column at the bar rated or `lag` bars before it,
/// listed as `label` in [`Vote::values`].
#[derive(Debug, Clone, Copy)]
struct Read {
    label: &'static str,
    column: Column,
    lag: usize,
}

/// `column` at the bar rated.
const fn now(label: &'static str, column: Column) -> Read {
    Read {
        label,
        column,
        lag: 0,
    }
}

/// `column` at the bar before.
const fn prev(label: &'static str, column: Column) -> Read {
    Read {
        label,
        column,
        lag: 1,
    }
}

/// `column` two bars before.
const fn prev2(label: &'static str, column: Column) -> Read {
    Read {
        label,
        column,
        lag: 2,
    }
}

/// The most values a rule reads.
const MAX_READS: usize = 6;

/// Period of the simple moving average whose side of the close defines the
/// up- and downtrend of the Stochastic RSI and Bull/Bear Power rules.
pub const TREND_SMA: usize = 50;

/// A moving average at the bar rated.
const fn ma(average: Indicator) -> Read {
    now("ma", average.column())
}

/// The close at the bar rated.
const CLOSE: Read = now("close", Column::Close);

// The columns the rules read, at the rating's parameters.

/// The SMA of the trend (see [`TREND_SMA`]).
const TREND: Column = Indicator::Sma(TREND_SMA).column();
const ICHIMOKU: Indicator = Indicator::Ichimoku(9, 26, 52);
const ICHIMOKU_CONVERSION: Column = ICHIMOKU.output(0);
const ICHIMOKU_BASE: Column = ICHIMOKU.output(1);
const ICHIMOKU_SPAN_A: Column = ICHIMOKU.output(2);
const ICHIMOKU_SPAN_B: Column = ICHIMOKU.output(3);
const RSI: Column = Indicator::Rsi(14).column();
const STOCH: Indicator = Indicator::Stoch(14, 3, 3);
const STOCH_K: Column = STOCH.output(0);
const STOCH_D: Column = STOCH.output(1);
const CCI: Column = Indicator::Cci(20).column();
const ADX: Indicator = Indicator::Adx(14);
const ADX_LINE: Column = ADX.output(0);
const PLUS_DI: Column = ADX.output(1);
const MINUS_DI: Column = ADX.output(2);
const AO: Column = Indicator::Ao(5, 34).column();
const MOMENTUM: Column = Indicator::Mom(10).column();
const MACD: Indicator = Indicator::Macd(12, 26, 9);
const MACD_LINE: Column = MACD.output(0);
const MACD_SIGNAL: Column = MACD.output(1);
const STOCH_RSI: Indicator = Indicator::StochRsi(3, 3, 14, 14);
const STOCH_RSI_K: Column = STOCH_RSI.output(0);
const STOCH_RSI_D: Column = STOCH_RSI.output(1);
const WILLIAMS_R: Column = Indicator::WillR(14).column();
const ELDER_RAY: Indicator = Indicator::ElderRay(13);
const BULL_POWER: Column = ELDER_RAY.output(0);
const BEAR_POWER: Column = ELDER_RAY.output(1);
const UO: Column = Indicator::Uo(7, 14, 28).column();

/// The larger of two bar counts.
const fn longest(a: usize, b: usize) -> usize {
    if a > b { a } else { b }
}

/// The 26 rules, in TradingView's order: moving averages first.
pub static RULES: [RuleSpec; 26] = [
    RuleSpec::average("SMA(10)", &[ma(Indicator::Sma(10)), CLOSE], 10),
    RuleSpec::average("SMA(20)", &[ma(Indicator::Sma(20)), CLOSE], 20),
    RuleSpec::average("SMA(30)", &[ma(Indicator::Sma(30)), CLOSE], 30),
    RuleSpec::average("SMA(50)", &[ma(Indicator::Sma(50)), CLOSE], 50),
    RuleSpec::average("SMA(100)", &[ma(Indicator::Sma(100)), CLOSE], 100),
    RuleSpec::average("SMA(200)", &[ma(Indicator::Sma(200)), CLOSE], 200),
    RuleSpec::average("EMA(10)", &[ma(Indicator::Ema(10)), CLOSE], 10),
    RuleSpec::average("EMA(20)", &[ma(Indicator::Ema(20)), CLOSE], 20),
    RuleSpec::average("EMA(30)", &[ma(Indicator::Ema(30)), CLOSE], 30),
    RuleSpec::average("EMA(50)", &[ma(Indicator::Ema(50)), CLOSE], 50),
    RuleSpec::average("EMA(100)", &[ma(Indicator::Ema(100)), CLOSE], 100),
    RuleSpec::average("EMA(200)", &[ma(Indicator::Ema(200)), CLOSE], 200),
    // The Hull MA of n bars is a WMA of √n bars over a series defined from
    // bar n: n + √n − 1 bars.
    RuleSpec::average("Hull MA(9)", &[ma(Indicator::Hma(9)), CLOSE], 9 + 3 - 1),
    RuleSpec::average("VWMA(20)", &[ma(Indicator::Vwma(20)), CLOSE], 20),
    RuleSpec {
        name: "Ichimoku(9, 26, 52)",
        group: Group::MovingAverages,
        reads: &[
            now("conversion", ICHIMOKU_CONVERSION),
            now("base", ICHIMOKU_BASE),
            now("span_a", ICHIMOKU_SPAN_A),
            now("span_b", ICHIMOKU_SPAN_B),
            CLOSE,
        ],
        vote: ichimoku_vote,
        buy: "span A above span B, base above span A, conversion above base and close above conversion",
        sell: "span A below span B, base below span A, conversion below base and close below conversion",
        min_bars: 52,
    },
    RuleSpec {
        name: "RSI(14)",
        group: Group::Oscillators,
        reads: &[now("rsi", RSI), prev("rsi_prev", RSI)],
        vote: rsi_vote,
        buy: "RSI below 30 and rising",
        sell: "RSI above 70 and falling",
        min_bars: 16,
    },
    RuleSpec {
        name: "Stochastic(14, 3, 3)",
        group: Group::Oscillators,
        reads: &[
            now("k", STOCH_K),
            now("d", STOCH_D),
            prev("k_prev", STOCH_K),
            prev("d_prev", STOCH_D),
        ],
        vote: stoch_vote,
        buy: "%K and %D below 20 and %K crossing above %D",
        sell: "%K and %D above 80 and %K crossing below %D",
        min_bars: 19,
    },
    RuleSpec {
        name: "CCI(20)",
        group: Group::Oscillators,
        reads: &[now("cci", CCI), prev("cci_prev", CCI)],
        vote: cci_vote,
        buy: "CCI below −100 and rising",
        sell: "CCI above 100 and falling",
        min_bars: 21,
    },
    RuleSpec {
        name: "ADX(14)",
        group: Group::Oscillators,
        reads: &[
            now("adx", ADX_LINE),
            now("plus_di", PLUS_DI),
            now("minus_di", MINUS_DI),
            prev("plus_di_prev", PLUS_DI),
            prev("minus_di_prev", MINUS_DI),
        ],
        vote: adx_vote,
        buy: "ADX above 20 and +DI crossing above −DI",
        sell: "ADX above 20 and +DI crossing below −DI",
        min_bars: 28,
    },
    RuleSpec {
        name: "Awesome Oscillator",
        group: Group::Oscillators,
        reads: &[now("ao", AO), prev("ao_prev", AO), prev2("ao_prev2", AO)],
        vote: ao_vote,
        buy: "a bullish saucer above zero (three bars, the middle one lowest) or a cross above zero",
        sell: "a bearish saucer below zero (three bars, the middle one highest) or a cross below zero",
        min_bars: 36,
    },
    RuleSpec {
        name: "Momentum(10)",
        group: Group::Oscillators,
        reads: &[now("mom", MOMENTUM), prev("mom_prev", MOMENTUM)],
        vote: momentum_vote,
        buy: "momentum rising",
        sell: "momentum falling",
        min_bars: 12,
    },
    RuleSpec {
        name: "MACD(12, 26, 9)",
        group: Group::Oscillators,
        reads: &[now("macd", MACD_LINE), now("signal", MACD_SIGNAL)],
        vote: macd_vote,
        buy: "MACD line above its signal line",
        sell: "MACD line below its signal line",
        min_bars: 34,
    },
    RuleSpec {
        name: "Stochastic RSI(3, 3, 14, 14)",
        group: Group::Oscillators,
        reads: &[
            now("k", STOCH_RSI_K),
            now("d", STOCH_RSI_D),
            prev("k_prev", STOCH_RSI_K),
            prev("d_prev", STOCH_RSI_D),
            now("sma50", TREND),
            CLOSE,
        ],
        vote: stoch_rsi_vote,
        buy: "downtrend (close below SMA 50), %K and %D below 20 and %K crossing above %D",
        sell: "uptrend (close above SMA 50), %K and %D above 80 and %K crossing below %D",
        min_bars: longest(TREND_SMA, 33),
    },
    RuleSpec {
        name: "Williams %R(14)",
        group: Group::Oscillators,
        reads: &[now("willr", WILLIAMS_R), prev("willr_prev", WILLIAMS_R)],
        vote: williams_r_vote,
        buy: "%R below −80 and rising",
        sell: "%R above −20 and falling",
        min_bars: 15,
    },
    RuleSpec {
        name: "Bull Bear Power(13)",
        group: Group::Oscillators,
        reads: &[
            now("bull_power", BULL_POWER),
            now("bear_power", BEAR_POWER),
            prev("bull_power_prev", BULL_POWER),
            prev("bear_power_prev", BEAR_POWER),
            now("sma50", TREND),
            CLOSE,
        ],
        vote: bull_bear_power_vote,
        buy: "uptrend (close above SMA 50), bear power below 0 and rising",
        sell: "downtrend (close below SMA 50), bull power above 0 and falling",
        min_bars: longest(TREND_SMA, 14),
    },
    RuleSpec {
        name: "Ultimate Oscillator(7, 14, 28)",
        group: Group::Oscillators,
        reads: &[now("uo", UO)],
        vote: uo_vote,
        buy: "UO above 70",
        sell: "UO below 30",
        min_bars: 29,
    },
];

/// The `N` values a vote reads, in the order of its reads.
fn values<const N: usize>(v: &[f64]) -> [f64; N] {
    debug_assert_eq!(v.len(), N, "a vote takes one value per read");
    std::array::from_fn(|i| v.get(i).copied().unwrap_or(f64::NAN))
}

/// `k` crossed above `d` from the bar before (`k1`, `d1`) to this one.
fn crossed_up(k: f64, d: f64, k1: f64, d1: f64) -> bool {
    k > d && k1 < d1
}

/// `k` crossed below `d` from the bar before (`k1`, `d1`) to this one.
fn crossed_down(k: f64, d: f64, k1: f64, d1: f64) -> bool {
    k < d && k1 > d1
}

/// Average, close.
fn average_vote(v: &[f64]) -> Action {
    let [ma, close] = values(v);
    Action::of(ma < close, ma > close)
}

/// Conversion, base, span A, span B, close.
fn ichimoku_vote(v: &[f64]) -> Action {
    let [conv, base, a, b, close] = values(v);
    let buy = a > b && base > a && conv > base && close > conv;
    let sell = a < b && base < a && conv < base && close < conv;
    Action::of(buy, sell)
}

/// RSI, previous RSI.
fn rsi_vote(v: &[f64]) -> Action {
    let [r, r1] = values(v);
    Action::of(r < 30.0 && r > r1, r > 70.0 && r < r1)
}

/// %K, %D, previous %K, previous %D.
fn stoch_vote(v: &[f64]) -> Action {
    let [k, d, k1, d1] = values(v);
    let buy = k < 20.0 && d < 20.0 && crossed_up(k, d, k1, d1);
    let sell = k > 80.0 && d > 80.0 && crossed_down(k, d, k1, d1);
    Action::of(buy, sell)
}

/// CCI, previous CCI.
fn cci_vote(v: &[f64]) -> Action {
    let [c, c1] = values(v);
    Action::of(c < -100.0 && c > c1, c > 100.0 && c < c1)
}

/// ADX, +DI, −DI, previous +DI, previous −DI.
fn adx_vote(v: &[f64]) -> Action {
    let [adx, p, m, p1, m1] = values(v);
    let strong = adx > 20.0;
    Action::of(
        strong && crossed_up(p, m, p1, m1),
        strong && crossed_down(p, m, p1, m1),
    )
}

/// AO, its previous value, the one before.
fn ao_vote(v: &[f64]) -> Action {
    let [a, a1, a2] = values(v);
    let saucer_up = a > 0.0 && a1 > 0.0 && a2 > a1 && a > a1;
    let saucer_down = a < 0.0 && a1 < 0.0 && a2 < a1 && a < a1;
    let cross_up = a > 0.0 && a1 < 0.0;
    let cross_down = a < 0.0 && a1 > 0.0;
    Action::of(saucer_up || cross_up, saucer_down || cross_down)
}

/// Momentum, previous momentum.
fn momentum_vote(v: &[f64]) -> Action {
    let [m, m1] = values(v);
    Action::of(m > m1, m < m1)
}

/// MACD line, signal line.
fn macd_vote(v: &[f64]) -> Action {
    let [m, s] = values(v);
    Action::of(m > s, m < s)
}

/// %K, %D, previous %K, previous %D, trend SMA, close.
fn stoch_rsi_vote(v: &[f64]) -> Action {
    let [k, d, k1, d1, ma, close] = values(v);
    let buy = close < ma && k < 20.0 && d < 20.0 && crossed_up(k, d, k1, d1);
    let sell = close > ma && k > 80.0 && d > 80.0 && crossed_down(k, d, k1, d1);
    Action::of(buy, sell)
}

/// %R, previous %R.
fn williams_r_vote(v: &[f64]) -> Action {
    let [w, w1] = values(v);
    Action::of(w < -80.0 && w > w1, w > -20.0 && w < w1)
}

/// Bull power, bear power, their previous values, trend SMA, close.
fn bull_bear_power_vote(v: &[f64]) -> Action {
    let [bull, bear, bull1, bear1, ma, close] = values(v);
    let buy = close > ma && bear < 0.0 && bear > bear1;
    let sell = close < ma && bull > 0.0 && bull < bull1;
    Action::of(buy, sell)
}

/// UO.
fn uo_vote(v: &[f64]) -> Action {
    let [u] = values(v);
    Action::of(u > 70.0, u < 30.0)
}

/// Every indicator the rules read, once each, in the order of their catalog
/// names: which error a malformed series reports does not depend on the
/// order of the rules.
fn indicators_by_name() -> Vec<(String, Indicator)> {
    let mut all: Vec<(String, Indicator)> = Vec::new();
    for read in RULES.iter().flat_map(|r| r.reads) {
        if let Column::Output(indicator, _) = read.column
            && !all.iter().any(|(_, i)| *i == indicator)
        {
            all.push((indicator.spec().name(), indicator));
        }
    }
    crate::order::sort_few(&mut all);
    all
}

/// An indicator's outputs, or the column the series lacks for it.
type Outputs = Result<Vec<Vec<f64>>, &'static str>;

/// Every indicator the rules read, computed once over the series.
#[derive(Debug)]
pub(crate) struct Inputs<'a> {
    close: &'a [f64],
    /// Each indicator with its outputs, or the column the series lacks for
    /// it.
    indicators: Vec<(Indicator, Outputs)>,
}

impl<'a> Inputs<'a> {
    pub(crate) fn new(series: &'a PriceSeries) -> Result<Self, Error> {
        let columns = series.columns();
        let mut indicators = Vec::new();
        for (_, indicator) in indicators_by_name() {
            let outputs = match indicator.compute(&columns) {
                Ok(outputs) => Ok(outputs),
                Err(Error::MissingColumn { column, .. }) => Err(column),
                Err(e) => return Err(e),
            };
            indicators.push((indicator, outputs));
        }
        Ok(Self {
            close: &series.close,
            indicators,
        })
    }

    /// The indicator's outputs, or the column the series lacks for it.
    fn outputs(&self, indicator: Indicator) -> Option<&Outputs> {
        self.indicators
            .iter()
            .find(|(i, _)| *i == indicator)
            .map(|(_, outputs)| outputs)
    }

    /// The whole column, `None` when it was not computed.
    fn column(&self, column: Column) -> Option<&[f64]> {
        match column {
            Column::Close => Some(self.close),
            Column::Output(indicator, part) => self
                .outputs(indicator)?
                .as_ref()
                .ok()?
                .get(part)
                .map(Vec::as_slice),
        }
    }

    /// The value read at `t`, `None` before it exists or during warm-up.
    fn at(&self, read: &Read, t: usize) -> Option<f64> {
        let v = *self.column(read.column)?.get(t.checked_sub(read.lag)?)?;
        v.is_finite().then_some(v)
    }

    /// The values `rule` reads at `t` into `out`, all defined, or `None`.
    fn read<'o>(
        &self,
        rule: &RuleSpec,
        t: usize,
        out: &'o mut [f64; MAX_READS],
    ) -> Option<&'o [f64]> {
        let out = out.get_mut(..rule.reads.len())?;
        for (o, read) in out.iter_mut().zip(rule.reads) {
            *o = self.at(read, t)?;
        }
        Some(out)
    }

    /// The rule's vote at `t`, `None` when it cannot vote there.
    fn action(&self, rule: &RuleSpec, t: usize) -> Option<Action> {
        let mut buf = [0.0; MAX_READS];
        Some((rule.vote)(self.read(rule, t, &mut buf)?))
    }

    /// The rule's decision at `t` and the values it read, named, or `None`
    /// when it cannot vote there.
    pub(crate) fn decide(
        &self,
        rule: &RuleSpec,
        t: usize,
    ) -> Option<(Action, Vec<(&'static str, f64)>)> {
        let mut buf = [0.0; MAX_READS];
        let values = self.read(rule, t, &mut buf)?;
        let named = rule
            .reads
            .iter()
            .map(|r| r.label)
            .zip(values.iter().copied());
        Some(((rule.vote)(values), named.collect()))
    }

    /// Why a rule cannot vote at `t`.
    fn why_unavailable(&self, rule: &RuleSpec, t: usize) -> String {
        for read in rule.reads {
            if let Column::Output(indicator, _) = read.column
                && let Some(Err(column)) = self.outputs(indicator)
            {
                return format!("needs the {column} column, which this series lacks");
            }
        }
        format!(
            "not warmed up: needs {} bars of history, has {}",
            rule.min_bars,
            t + 1
        )
    }

    /// The group means and overall score at `t`, `None` when nothing votes.
    pub(crate) fn score(&self, t: usize) -> Option<(f64, Option<f64>, Option<f64>)> {
        let mut sum = [0.0; 2];
        let mut count = [0usize; 2];
        for rule in &RULES {
            if let Some(action) = self.action(rule, t) {
                let g = (rule.group == Group::Oscillators) as usize;
                sum[g] += action.value();
                count[g] += 1;
            }
        }
        let mean = |g: usize| (count[g] > 0).then(|| sum[g] / count[g] as f64);
        let (ma, osc) = (mean(0), mean(1));
        let score = match (ma, osc) {
            (Some(a), Some(b)) => (a + b) / 2.0,
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => return None,
        };
        Some((score, ma, osc))
    }
}

/// Mean of the last `n` values, `NaN` until `n` finite values in a row.
fn rolling_mean(values: &[f64], n: usize) -> Vec<f64> {
    (0..values.len())
        .map(|t| {
            if t + 1 < n {
                return f64::NAN;
            }
            let w = &values[t + 1 - n..=t];
            if w.iter().all(|v| v.is_finite()) {
                w.iter().sum::<f64>() / n as f64
            } else {
                f64::NAN
            }
        })
        .collect()
}

fn describe(values: &[(&'static str, f64)]) -> String {
    values
        .iter()
        .map(|(k, v)| format!("{k} {}", short(*v)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A number with four significant digits, for reasons in words.
fn short(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let digits = (3 - v.abs().log10().floor() as i32).clamp(0, 12) as usize;
    format!("{v:.digits$}")
}

/// The rating at the last bar of `series`, with every vote and every
/// indicator that could not vote.
///
/// Errors: [`Error::TooShort`] when no indicator can vote (fewer than 10
/// bars: the SMA(10) and EMA(10) are the quickest to warm up).
pub fn rating(series: &PriceSeries) -> Result<Rating, Error> {
    let inputs = Inputs::new(series)?;
    let n = series.len();
    let too_short = || Error::TooShort {
        len: n,
        needed: RULES.iter().map(|r| r.min_bars).min().unwrap_or(1),
    };
    let t = n.checked_sub(1).ok_or_else(too_short)?;
    let (score, moving_averages, oscillators) = inputs.score(t).ok_or_else(too_short)?;
    let mut votes = Vec::new();
    let mut unavailable = Vec::new();
    for rule in &RULES {
        match inputs.decide(rule, t) {
            Some((action, values)) => {
                let outcome = match action {
                    Action::Buy => format!("buy: {}", rule.buy),
                    Action::Sell => format!("sell: {}", rule.sell),
                    Action::Neutral => format!("neutral: neither {} nor {}", rule.buy, rule.sell),
                };
                votes.push(Vote {
                    indicator: rule.name.to_owned(),
                    group: rule.group,
                    action,
                    reason: format!("{} ({})", outcome, describe(&values)),
                    values: values.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
                });
            }
            None => unavailable.push(Unavailable {
                indicator: rule.name.to_owned(),
                group: rule.group,
                reason: inputs.why_unavailable(rule, t),
            }),
        }
    }
    Ok(Rating {
        score,
        label: RatingLabel::of(score),
        moving_averages,
        oscillators,
        index: t,
        date: series.date(t),
        votes,
        unavailable,
    })
}

/// The rating score at every bar (`None` where no indicator can vote yet),
/// from indicator columns computed once over the whole series. The value at
/// bar `t` equals `rating(&series.truncated(t + 1)).score`: every indicator
/// is causal.
pub fn rating_series(series: &PriceSeries) -> Vec<Option<f64>> {
    match Inputs::new(series) {
        Ok(inputs) => (0..series.len())
            .map(|t| inputs.score(t).map(|s| s.0))
            .collect(),
        // The specs are fixed and the series validated, so computing them
        // cannot fail; should it ever, no bar gets a made-up score.
        Err(_) => vec![None; series.len()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hand-set columns: each `(column, [value at t−2, t−1, t])`.
    type Cols<'a> = &'a [(Column, [f64; 3])];

    /// Inputs with hand-set columns; the outputs not set are undefined.
    fn inputs<'a>(close: &'a [f64], cols: Cols<'_>) -> Inputs<'a> {
        let mut indicators: Vec<(Indicator, Outputs)> = Vec::new();
        for &(column, values) in cols {
            let Column::Output(indicator, part) = column else {
                continue;
            };
            if !indicators.iter().any(|(i, _)| *i == indicator) {
                indicators.push((indicator, Ok(Vec::new())));
            }
            let (_, outputs) = indicators
                .iter_mut()
                .find(|(i, _)| *i == indicator)
                .unwrap();
            let outputs = outputs.as_mut().unwrap();
            if outputs.len() <= part {
                outputs.resize(part + 1, vec![f64::NAN; 3]);
            }
            outputs[part] = values.to_vec();
        }
        Inputs { close, indicators }
    }

    /// The rule of that name.
    fn rule(name: &str) -> &'static RuleSpec {
        RULES.iter().find(|r| r.name == name).unwrap()
    }

    #[test]
    fn each_rule_decides_as_published() {
        use Action::*;
        let nan = f64::NAN;
        // (rule, close at t, columns, expected action at t = 2)
        let cases: &[(&str, f64, Cols<'_>, Option<Action>)] = &[
            (
                "SMA(10)",
                10.0,
                &[(Indicator::Sma(10).column(), [0.0, 0.0, 9.0])],
                Some(Buy),
            ),
            (
                "SMA(10)",
                10.0,
                &[(Indicator::Sma(10).column(), [0.0, 0.0, 11.0])],
                Some(Sell),
            ),
            (
                "SMA(10)",
                10.0,
                &[(Indicator::Sma(10).column(), [0.0, 0.0, 10.0])],
                Some(Neutral),
            ),
            (
                "SMA(10)",
                10.0,
                &[(Indicator::Sma(10).column(), [0.0, 0.0, nan])],
                None,
            ),
            ("RSI(14)", 1.0, &[(RSI, [0.0, 25.0, 28.0])], Some(Buy)),
            ("RSI(14)", 1.0, &[(RSI, [0.0, 29.0, 28.0])], Some(Neutral)),
            ("RSI(14)", 1.0, &[(RSI, [0.0, 75.0, 72.0])], Some(Sell)),
            ("RSI(14)", 1.0, &[(RSI, [0.0, 70.0, 72.0])], Some(Neutral)),
            ("RSI(14)", 1.0, &[(RSI, [0.0, nan, 28.0])], None),
            ("CCI(20)", 1.0, &[(CCI, [0.0, -150.0, -120.0])], Some(Buy)),
            ("CCI(20)", 1.0, &[(CCI, [0.0, 150.0, 120.0])], Some(Sell)),
            (
                "CCI(20)",
                1.0,
                &[(CCI, [0.0, -50.0, -120.0])],
                Some(Neutral),
            ),
            (
                "Williams %R(14)",
                1.0,
                &[(WILLIAMS_R, [0.0, -95.0, -85.0])],
                Some(Buy),
            ),
            (
                "Williams %R(14)",
                1.0,
                &[(WILLIAMS_R, [0.0, -5.0, -15.0])],
                Some(Sell),
            ),
            (
                "Williams %R(14)",
                1.0,
                &[(WILLIAMS_R, [0.0, -50.0, -30.0])],
                Some(Neutral),
            ),
            (
                "Momentum(10)",
                1.0,
                &[(MOMENTUM, [0.0, -3.0, -2.0])],
                Some(Buy),
            ),
            (
                "Momentum(10)",
                1.0,
                &[(MOMENTUM, [0.0, 3.0, 2.0])],
                Some(Sell),
            ),
            (
                "MACD(12, 26, 9)",
                1.0,
                &[
                    (MACD_LINE, [0.0, 0.0, -1.0]),
                    (MACD_SIGNAL, [0.0, 0.0, -2.0]),
                ],
                Some(Buy),
            ),
            (
                "MACD(12, 26, 9)",
                1.0,
                &[(MACD_LINE, [0.0, 0.0, 1.0]), (MACD_SIGNAL, [0.0, 0.0, 2.0])],
                Some(Sell),
            ),
            (
                "Ultimate Oscillator(7, 14, 28)",
                1.0,
                &[(UO, [0.0, 0.0, 71.0])],
                Some(Buy),
            ),
            (
                "Ultimate Oscillator(7, 14, 28)",
                1.0,
                &[(UO, [0.0, 0.0, 29.0])],
                Some(Sell),
            ),
            (
                "Ultimate Oscillator(7, 14, 28)",
                1.0,
                &[(UO, [0.0, 0.0, 70.0])],
                Some(Neutral),
            ),
            (
                "Stochastic(14, 3, 3)",
                1.0,
                &[(STOCH_K, [0.0, 10.0, 16.0]), (STOCH_D, [0.0, 12.0, 14.0])],
                Some(Buy),
            ),
            // A cross above %D, but above 20.
            (
                "Stochastic(14, 3, 3)",
                1.0,
                &[(STOCH_K, [0.0, 18.0, 25.0]), (STOCH_D, [0.0, 20.0, 21.0])],
                Some(Neutral),
            ),
            (
                "Stochastic(14, 3, 3)",
                1.0,
                &[(STOCH_K, [0.0, 90.0, 84.0]), (STOCH_D, [0.0, 88.0, 86.0])],
                Some(Sell),
            ),
            // Already above %D on the previous bar: no cross.
            (
                "Stochastic(14, 3, 3)",
                1.0,
                &[(STOCH_K, [0.0, 13.0, 16.0]), (STOCH_D, [0.0, 12.0, 14.0])],
                Some(Neutral),
            ),
            (
                "ADX(14)",
                1.0,
                &[
                    (ADX_LINE, [0.0, 0.0, 25.0]),
                    (PLUS_DI, [0.0, 18.0, 22.0]),
                    (MINUS_DI, [0.0, 20.0, 19.0]),
                ],
                Some(Buy),
            ),
            (
                "ADX(14)",
                1.0,
                &[
                    (ADX_LINE, [0.0, 0.0, 15.0]),
                    (PLUS_DI, [0.0, 18.0, 22.0]),
                    (MINUS_DI, [0.0, 20.0, 19.0]),
                ],
                Some(Neutral),
            ),
            (
                "ADX(14)",
                1.0,
                &[
                    (ADX_LINE, [0.0, 0.0, 25.0]),
                    (PLUS_DI, [0.0, 22.0, 18.0]),
                    (MINUS_DI, [0.0, 19.0, 20.0]),
                ],
                Some(Sell),
            ),
            (
                "Awesome Oscillator",
                1.0,
                &[(AO, [3.0, 2.0, 2.5])],
                Some(Buy),
            ), // saucer above 0
            (
                "Awesome Oscillator",
                1.0,
                &[(AO, [-3.0, -1.0, 0.5])],
                Some(Buy),
            ), // zero cross up
            (
                "Awesome Oscillator",
                1.0,
                &[(AO, [-3.0, -2.0, -2.5])],
                Some(Sell),
            ), // saucer below 0
            (
                "Awesome Oscillator",
                1.0,
                &[(AO, [3.0, 1.0, -0.5])],
                Some(Sell),
            ), // zero cross down
            (
                "Awesome Oscillator",
                1.0,
                &[(AO, [1.0, 2.0, 3.0])],
                Some(Neutral),
            ),
            (
                "Ichimoku(9, 26, 52)",
                10.0,
                &[
                    (ICHIMOKU_CONVERSION, [0.0, 0.0, 9.0]),
                    (ICHIMOKU_BASE, [0.0, 0.0, 8.0]),
                    (ICHIMOKU_SPAN_A, [0.0, 0.0, 7.0]),
                    (ICHIMOKU_SPAN_B, [0.0, 0.0, 6.0]),
                ],
                Some(Buy),
            ),
            (
                "Ichimoku(9, 26, 52)",
                5.0,
                &[
                    (ICHIMOKU_CONVERSION, [0.0, 0.0, 6.0]),
                    (ICHIMOKU_BASE, [0.0, 0.0, 7.0]),
                    (ICHIMOKU_SPAN_A, [0.0, 0.0, 8.0]),
                    (ICHIMOKU_SPAN_B, [0.0, 0.0, 9.0]),
                ],
                Some(Sell),
            ),
            (
                "Ichimoku(9, 26, 52)",
                8.5,
                &[
                    (ICHIMOKU_CONVERSION, [0.0, 0.0, 9.0]),
                    (ICHIMOKU_BASE, [0.0, 0.0, 8.0]),
                    (ICHIMOKU_SPAN_A, [0.0, 0.0, 7.0]),
                    (ICHIMOKU_SPAN_B, [0.0, 0.0, 6.0]),
                ],
                Some(Neutral),
            ),
            (
                "Stochastic RSI(3, 3, 14, 14)",
                9.0,
                &[
                    (STOCH_RSI_K, [0.0, 5.0, 12.0]),
                    (STOCH_RSI_D, [0.0, 8.0, 10.0]),
                    (TREND, [0.0, 0.0, 10.0]),
                ],
                Some(Buy),
            ),
            // The same cross in an uptrend is no buy.
            (
                "Stochastic RSI(3, 3, 14, 14)",
                11.0,
                &[
                    (STOCH_RSI_K, [0.0, 5.0, 12.0]),
                    (STOCH_RSI_D, [0.0, 8.0, 10.0]),
                    (TREND, [0.0, 0.0, 10.0]),
                ],
                Some(Neutral),
            ),
            (
                "Stochastic RSI(3, 3, 14, 14)",
                11.0,
                &[
                    (STOCH_RSI_K, [0.0, 95.0, 85.0]),
                    (STOCH_RSI_D, [0.0, 90.0, 88.0]),
                    (TREND, [0.0, 0.0, 10.0]),
                ],
                Some(Sell),
            ),
            (
                "Bull Bear Power(13)",
                11.0,
                &[
                    (BULL_POWER, [0.0, 1.0, 1.0]),
                    (BEAR_POWER, [0.0, -2.0, -1.0]),
                    (TREND, [0.0, 0.0, 10.0]),
                ],
                Some(Buy),
            ),
            (
                "Bull Bear Power(13)",
                9.0,
                &[
                    (BULL_POWER, [0.0, 2.0, 1.0]),
                    (BEAR_POWER, [0.0, -2.0, -1.0]),
                    (TREND, [0.0, 0.0, 10.0]),
                ],
                Some(Sell),
            ),
            (
                "Bull Bear Power(13)",
                9.0,
                &[
                    (BULL_POWER, [0.0, 2.0, 1.0]),
                    (BEAR_POWER, [0.0, -2.0, -1.0]),
                    (TREND, [0.0, 0.0, nan]),
                ],
                None,
            ),
        ];
        for (name, close, cols, expected) in cases {
            let closes = [1.0, 1.0, *close];
            let got = inputs(&closes, cols).decide(rule(name), 2).map(|d| d.0);
            assert_eq!(got, *expected, "{name} with {cols:?} at close {close}");
        }
    }

    #[test]
    fn columns_are_the_catalog_outputs_of_the_rating_parameters() {
        // The catalog's name of each column read (its default parameters
        // name an indicator by its tag alone).
        let name = |column: Column| match column {
            Column::Close => "close".to_owned(),
            Column::Output(indicator, part) => indicator.spec().output_names()[part].clone(),
        };
        for (column, expected) in [
            (Indicator::Sma(10).column(), "sma10"),
            (Indicator::Ema(200).column(), "ema200"),
            (Indicator::Hma(9).column(), "hma9"),
            (Indicator::Vwma(20).column(), "vwma20"),
            (TREND, "sma50"),
            (ICHIMOKU_CONVERSION, "ichimoku_conversion"),
            (ICHIMOKU_BASE, "ichimoku_base"),
            (ICHIMOKU_SPAN_A, "ichimoku_span_a"),
            (ICHIMOKU_SPAN_B, "ichimoku_span_b"),
            (RSI, "rsi14"),
            (STOCH_K, "stoch_k"),
            (STOCH_D, "stoch_d"),
            (CCI, "cci20"),
            (ADX_LINE, "adx14"),
            (PLUS_DI, "plus_di14"),
            (MINUS_DI, "minus_di14"),
            (AO, "ao"),
            (MOMENTUM, "mom10"),
            (MACD_LINE, "macd"),
            (MACD_SIGNAL, "macd_signal"),
            (WILLIAMS_R, "willr14"),
            (BULL_POWER, "bull_power13"),
            (BEAR_POWER, "bear_power13"),
            (UO, "uo"),
        ] {
            assert_eq!(name(column), expected);
        }
        // TradingView's %K and %D are computed from the catalog's default
        // Stochastic RSI.
        assert_eq!(STOCH_RSI.spec().name(), "stochrsi");
    }

    #[test]
    fn every_vote_takes_one_value_per_read() {
        for rule in &RULES {
            assert!(rule.reads.len() <= MAX_READS, "{}", rule.name);
            // `values` checks the count in debug builds.
            (rule.vote)(&vec![1.0; rule.reads.len()]);
        }
        assert_eq!(
            RULES
                .iter()
                .filter(|r| r.group == Group::MovingAverages)
                .count(),
            15
        );
        let hull = rule("Hull MA(9)");
        assert_eq!(hull.min_bars, 9 + (9f64.sqrt() as usize) - 1);
    }

    #[test]
    fn a_missing_column_is_named() {
        let close = [1.0; 30];
        let series = PriceSeries::from_closes(
            crate::analysis::Interval::Daily,
            (0..30).map(|i| 1_700_000_000 + i * 86_400).collect(),
            close.to_vec(),
        )
        .unwrap();
        let inputs = Inputs::new(&series).unwrap();
        assert_eq!(
            inputs.why_unavailable(rule("VWMA(20)"), 29),
            "needs the volume column, which this series lacks"
        );
        assert_eq!(
            inputs.why_unavailable(rule("Bull Bear Power(13)"), 29),
            "needs the high column, which this series lacks"
        );
        assert_eq!(
            inputs.why_unavailable(rule("SMA(50)"), 29),
            "not warmed up: needs 50 bars of history, has 30"
        );
    }

    #[test]
    fn rolling_mean_waits_for_a_full_window_of_values() {
        let out = rolling_mean(&[f64::NAN, 1.0, 2.0, 3.0, 6.0], 3);
        assert!(out[..3].iter().all(|v| v.is_nan()));
        assert_eq!(&out[3..], [2.0, 11.0 / 3.0]);
    }

    #[test]
    fn numbers_in_reasons_keep_four_significant_digits() {
        for (v, s) in [
            (507.93, "507.9"),
            (0.00001152, "0.00001152"),
            (-57.26, "-57.26"),
            (95186.27, "95186"),
        ] {
            assert_eq!(short(v), s);
        }
    }
}

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
//! rating") and in [`Rule::buy_rule`] / [`Rule::sell_rule`], which the
//! reasons quote.
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

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::analysis::PriceSeries;
use crate::indicators::catalog::IndicatorSpec;

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

/// The 26 rules, in TradingView's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A moving average (SMA, EMA, HMA or VWMA) against the close.
    Ma(MaKind, usize),
    Ichimoku,
    Rsi,
    Stoch,
    Cci,
    Adx,
    Ao,
    Mom,
    Macd,
    StochRsi,
    WillR,
    BullBearPower,
    Uo,
}

/// The moving averages of the rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MaKind {
    Sma,
    Ema,
    Hma,
    Vwma,
}

/// Every rule, moving averages first.
pub const RULES: [Rule; 26] = [
    Rule::Ma(MaKind::Sma, 10),
    Rule::Ma(MaKind::Sma, 20),
    Rule::Ma(MaKind::Sma, 30),
    Rule::Ma(MaKind::Sma, 50),
    Rule::Ma(MaKind::Sma, 100),
    Rule::Ma(MaKind::Sma, 200),
    Rule::Ma(MaKind::Ema, 10),
    Rule::Ma(MaKind::Ema, 20),
    Rule::Ma(MaKind::Ema, 30),
    Rule::Ma(MaKind::Ema, 50),
    Rule::Ma(MaKind::Ema, 100),
    Rule::Ma(MaKind::Ema, 200),
    Rule::Ma(MaKind::Hma, 9),
    Rule::Ma(MaKind::Vwma, 20),
    Rule::Ichimoku,
    Rule::Rsi,
    Rule::Stoch,
    Rule::Cci,
    Rule::Adx,
    Rule::Ao,
    Rule::Mom,
    Rule::Macd,
    Rule::StochRsi,
    Rule::WillR,
    Rule::BullBearPower,
    Rule::Uo,
];

/// Period of the simple moving average whose side of the close defines the
/// up- and downtrend of the Stochastic RSI and Bull/Bear Power rules.
pub const TREND_SMA: usize = 50;

impl Rule {
    /// Display name with parameters.
    pub fn name(self) -> String {
        match self {
            Rule::Ma(kind, n) => {
                let k = match kind {
                    MaKind::Sma => "SMA",
                    MaKind::Ema => "EMA",
                    MaKind::Hma => "Hull MA",
                    MaKind::Vwma => "VWMA",
                };
                format!("{k}({n})")
            }
            Rule::Ichimoku => "Ichimoku(9, 26, 52)".into(),
            Rule::Rsi => "RSI(14)".into(),
            Rule::Stoch => "Stochastic(14, 3, 3)".into(),
            Rule::Cci => "CCI(20)".into(),
            Rule::Adx => "ADX(14)".into(),
            Rule::Ao => "Awesome Oscillator".into(),
            Rule::Mom => "Momentum(10)".into(),
            Rule::Macd => "MACD(12, 26, 9)".into(),
            Rule::StochRsi => "Stochastic RSI(3, 3, 14, 14)".into(),
            Rule::WillR => "Williams %R(14)".into(),
            Rule::BullBearPower => "Bull Bear Power(13)".into(),
            Rule::Uo => "Ultimate Oscillator(7, 14, 28)".into(),
        }
    }

    pub fn group(self) -> Group {
        match self {
            Rule::Ma(..) | Rule::Ichimoku => Group::MovingAverages,
            _ => Group::Oscillators,
        }
    }

    /// The buy condition, in words.
    pub fn buy_rule(self) -> &'static str {
        match self {
            Rule::Ma(..) => "the average is below the close",
            Rule::Ichimoku => {
                "span A above span B, base above span A, conversion above base and close above conversion"
            }
            Rule::Rsi => "RSI below 30 and rising",
            Rule::Stoch => "%K and %D below 20 and %K crossing above %D",
            Rule::Cci => "CCI below −100 and rising",
            Rule::Adx => "ADX above 20 and +DI crossing above −DI",
            Rule::Ao => {
                "a bullish saucer above zero (three bars, the middle one lowest) or a cross above zero"
            }
            Rule::Mom => "momentum rising",
            Rule::Macd => "MACD line above its signal line",
            Rule::StochRsi => {
                "downtrend (close below SMA 50), %K and %D below 20 and %K crossing above %D"
            }
            Rule::WillR => "%R below −80 and rising",
            Rule::BullBearPower => "uptrend (close above SMA 50), bear power below 0 and rising",
            Rule::Uo => "UO above 70",
        }
    }

    /// The sell condition, in words.
    pub fn sell_rule(self) -> &'static str {
        match self {
            Rule::Ma(..) => "the average is above the close",
            Rule::Ichimoku => {
                "span A below span B, base below span A, conversion below base and close below conversion"
            }
            Rule::Rsi => "RSI above 70 and falling",
            Rule::Stoch => "%K and %D above 80 and %K crossing below %D",
            Rule::Cci => "CCI above 100 and falling",
            Rule::Adx => "ADX above 20 and +DI crossing below −DI",
            Rule::Ao => {
                "a bearish saucer below zero (three bars, the middle one highest) or a cross below zero"
            }
            Rule::Mom => "momentum falling",
            Rule::Macd => "MACD line below its signal line",
            Rule::StochRsi => {
                "uptrend (close above SMA 50), %K and %D above 80 and %K crossing below %D"
            }
            Rule::WillR => "%R above −20 and falling",
            Rule::BullBearPower => "downtrend (close below SMA 50), bull power above 0 and falling",
            Rule::Uo => "UO below 30",
        }
    }

    /// Bars of history needed before the rule can vote (warm-up of its
    /// indicators, plus the previous bars its "rising" or "crossing" reads).
    pub fn min_bars(self) -> usize {
        match self {
            Rule::Ma(MaKind::Hma, n) => n + (n as f64).sqrt() as usize - 1,
            Rule::Ma(_, n) => n,
            Rule::Ichimoku => 52,
            Rule::Rsi => 16,
            Rule::Stoch => 19,
            Rule::Cci => 21,
            Rule::Adx => 28,
            Rule::Ao => 36,
            Rule::Mom => 12,
            Rule::Macd => 34,
            Rule::StochRsi => TREND_SMA.max(33),
            Rule::WillR => 15,
            Rule::BullBearPower => TREND_SMA.max(14),
            Rule::Uo => 29,
        }
    }

    /// The catalog specs the rule reads.
    fn specs(self) -> &'static [&'static str] {
        match self {
            Rule::Ma(MaKind::Sma, 10) => &["sma10"],
            Rule::Ma(MaKind::Sma, 20) => &["sma20"],
            Rule::Ma(MaKind::Sma, 30) => &["sma30"],
            Rule::Ma(MaKind::Sma, 50) => &["sma50"],
            Rule::Ma(MaKind::Sma, 100) => &["sma100"],
            Rule::Ma(MaKind::Sma, _) => &["sma200"],
            Rule::Ma(MaKind::Ema, 10) => &["ema10"],
            Rule::Ma(MaKind::Ema, 20) => &["ema20"],
            Rule::Ma(MaKind::Ema, 30) => &["ema30"],
            Rule::Ma(MaKind::Ema, 50) => &["ema50"],
            Rule::Ma(MaKind::Ema, 100) => &["ema100"],
            Rule::Ma(MaKind::Ema, _) => &["ema200"],
            Rule::Ma(MaKind::Hma, _) => &["hma9"],
            Rule::Ma(MaKind::Vwma, _) => &["vwma20"],
            Rule::Ichimoku => &["ichimoku"],
            Rule::Rsi => &["rsi14"],
            Rule::Stoch => &["stoch"],
            Rule::Cci => &["cci20"],
            Rule::Adx => &["adx14"],
            Rule::Ao => &["ao"],
            Rule::Mom => &["mom10"],
            Rule::Macd => &["macd"],
            Rule::StochRsi => &["stochrsi", "sma50"],
            Rule::WillR => &["willr14"],
            Rule::BullBearPower => &["elderray13", "sma50"],
            Rule::Uo => &["uo"],
        }
    }

    fn ma_column(self) -> &'static str {
        self.specs()[0]
    }
}

/// Every indicator column the rules read, computed once over the series.
#[derive(Debug)]
pub(crate) struct Inputs<'a> {
    close: &'a [f64],
    cols: HashMap<String, Vec<f64>>,
    /// Specs that could not be computed, with the error (a missing column).
    missing: HashMap<&'static str, Error>,
}

impl<'a> Inputs<'a> {
    pub(crate) fn new(series: &'a PriceSeries) -> Result<Self, Error> {
        let columns = series.columns();
        let mut cols = HashMap::new();
        let mut missing = HashMap::new();
        let mut names: Vec<&'static str> = RULES.iter().flat_map(|r| r.specs()).copied().collect();
        crate::order::sort_few(&mut names);
        names.dedup();
        for name in names {
            let spec: IndicatorSpec = name.parse()?;
            match spec.compute(&columns) {
                Ok(outs) => cols.extend(outs),
                Err(e @ Error::MissingColumn { .. }) => {
                    missing.insert(name, e);
                }
                Err(e) => return Err(e),
            }
        }
        // TradingView's Stochastic RSI smooths %K over 3 bars before %D: its
        // %K is the catalog's %D (the 3-bar mean of the raw %K), and its %D is
        // the 3-bar mean of that.
        if let Some(k) = cols.remove("stochrsi_d") {
            cols.insert("stochrsi_tv_d".into(), rolling_mean(&k, 3));
            cols.insert("stochrsi_tv_k".into(), k);
            cols.remove("stochrsi_k");
        }
        Ok(Self {
            close: &series.close,
            cols,
            missing,
        })
    }

    /// The value of a column at `t`, `None` before `t` exists or during warm-up.
    fn at(&self, name: &str, t: Option<usize>) -> Option<f64> {
        let v = *self.cols.get(name)?.get(t?)?;
        v.is_finite().then_some(v)
    }

    /// Values at `t` and `t − back` of each column, all defined, or `None`.
    fn get<const N: usize>(&self, names: [&str; N], t: usize) -> Option<[f64; N]> {
        let mut out = [0.0; N];
        for (o, name) in out.iter_mut().zip(names) {
            let (name, back) = match name.strip_suffix("[1]") {
                Some(n) => (n, 1),
                None => match name.strip_suffix("[2]") {
                    Some(n) => (n, 2),
                    None => (name, 0),
                },
            };
            *o = self.at(name, t.checked_sub(back))?;
        }
        Some(out)
    }

    /// The rule's decision at `t` and the values it read, or `None` when it
    /// cannot vote there.
    pub(crate) fn decide(
        &self,
        rule: Rule,
        t: usize,
    ) -> Option<(Action, Vec<(&'static str, f64)>)> {
        let close = *self.close.get(t)?;
        let crossed_up = |k: f64, d: f64, k1: f64, d1: f64| k > d && k1 < d1;
        let crossed_down = |k: f64, d: f64, k1: f64, d1: f64| k < d && k1 > d1;
        Some(match rule {
            Rule::Ma(..) => {
                let [ma] = self.get([rule.ma_column()], t)?;
                (
                    Action::of(ma < close, ma > close),
                    vec![("ma", ma), ("close", close)],
                )
            }
            Rule::Ichimoku => {
                let [conv, base, a, b] = self.get(
                    [
                        "ichimoku_conversion",
                        "ichimoku_base",
                        "ichimoku_span_a",
                        "ichimoku_span_b",
                    ],
                    t,
                )?;
                let buy = a > b && base > a && conv > base && close > conv;
                let sell = a < b && base < a && conv < base && close < conv;
                (
                    Action::of(buy, sell),
                    vec![
                        ("conversion", conv),
                        ("base", base),
                        ("span_a", a),
                        ("span_b", b),
                        ("close", close),
                    ],
                )
            }
            Rule::Rsi => {
                let [r, r1] = self.get(["rsi14", "rsi14[1]"], t)?;
                (
                    Action::of(r < 30.0 && r > r1, r > 70.0 && r < r1),
                    vec![("rsi", r), ("rsi_prev", r1)],
                )
            }
            Rule::Stoch => {
                let [k, d, k1, d1] =
                    self.get(["stoch_k", "stoch_d", "stoch_k[1]", "stoch_d[1]"], t)?;
                let buy = k < 20.0 && d < 20.0 && crossed_up(k, d, k1, d1);
                let sell = k > 80.0 && d > 80.0 && crossed_down(k, d, k1, d1);
                (
                    Action::of(buy, sell),
                    vec![("k", k), ("d", d), ("k_prev", k1), ("d_prev", d1)],
                )
            }
            Rule::Cci => {
                let [c, c1] = self.get(["cci20", "cci20[1]"], t)?;
                (
                    Action::of(c < -100.0 && c > c1, c > 100.0 && c < c1),
                    vec![("cci", c), ("cci_prev", c1)],
                )
            }
            Rule::Adx => {
                let [adx, p, m, p1, m1] = self.get(
                    [
                        "adx14",
                        "plus_di14",
                        "minus_di14",
                        "plus_di14[1]",
                        "minus_di14[1]",
                    ],
                    t,
                )?;
                let strong = adx > 20.0;
                (
                    Action::of(
                        strong && crossed_up(p, m, p1, m1),
                        strong && crossed_down(p, m, p1, m1),
                    ),
                    vec![
                        ("adx", adx),
                        ("plus_di", p),
                        ("minus_di", m),
                        ("plus_di_prev", p1),
                        ("minus_di_prev", m1),
                    ],
                )
            }
            Rule::Ao => {
                let [a, a1, a2] = self.get(["ao", "ao[1]", "ao[2]"], t)?;
                let saucer_up = a > 0.0 && a1 > 0.0 && a2 > a1 && a > a1;
                let saucer_down = a < 0.0 && a1 < 0.0 && a2 < a1 && a < a1;
                let cross_up = a > 0.0 && a1 < 0.0;
                let cross_down = a < 0.0 && a1 > 0.0;
                (
                    Action::of(saucer_up || cross_up, saucer_down || cross_down),
                    vec![("ao", a), ("ao_prev", a1), ("ao_prev2", a2)],
                )
            }
            Rule::Mom => {
                let [m, m1] = self.get(["mom10", "mom10[1]"], t)?;
                (
                    Action::of(m > m1, m < m1),
                    vec![("mom", m), ("mom_prev", m1)],
                )
            }
            Rule::Macd => {
                let [m, s] = self.get(["macd", "macd_signal"], t)?;
                (Action::of(m > s, m < s), vec![("macd", m), ("signal", s)])
            }
            Rule::StochRsi => {
                let [k, d, k1, d1, ma] = self.get(
                    [
                        "stochrsi_tv_k",
                        "stochrsi_tv_d",
                        "stochrsi_tv_k[1]",
                        "stochrsi_tv_d[1]",
                        "sma50",
                    ],
                    t,
                )?;
                let buy = close < ma && k < 20.0 && d < 20.0 && crossed_up(k, d, k1, d1);
                let sell = close > ma && k > 80.0 && d > 80.0 && crossed_down(k, d, k1, d1);
                (
                    Action::of(buy, sell),
                    vec![
                        ("k", k),
                        ("d", d),
                        ("k_prev", k1),
                        ("d_prev", d1),
                        ("sma50", ma),
                        ("close", close),
                    ],
                )
            }
            Rule::WillR => {
                let [w, w1] = self.get(["willr14", "willr14[1]"], t)?;
                (
                    Action::of(w < -80.0 && w > w1, w > -20.0 && w < w1),
                    vec![("willr", w), ("willr_prev", w1)],
                )
            }
            Rule::BullBearPower => {
                let [bull, bear, bull1, bear1, ma] = self.get(
                    [
                        "bull_power13",
                        "bear_power13",
                        "bull_power13[1]",
                        "bear_power13[1]",
                        "sma50",
                    ],
                    t,
                )?;
                let buy = close > ma && bear < 0.0 && bear > bear1;
                let sell = close < ma && bull > 0.0 && bull < bull1;
                (
                    Action::of(buy, sell),
                    vec![
                        ("bull_power", bull),
                        ("bear_power", bear),
                        ("bull_power_prev", bull1),
                        ("bear_power_prev", bear1),
                        ("sma50", ma),
                        ("close", close),
                    ],
                )
            }
            Rule::Uo => {
                let [u] = self.get(["uo"], t)?;
                (Action::of(u > 70.0, u < 30.0), vec![("uo", u)])
            }
        })
    }

    /// Why a rule cannot vote at `t`.
    fn why_unavailable(&self, rule: Rule, t: usize) -> String {
        for spec in rule.specs() {
            if let Some(e) = self.missing.get(spec) {
                return match e {
                    Error::MissingColumn { column, .. } => {
                        format!("needs the {column} column, which this series lacks")
                    }
                    other => other.to_string(),
                };
            }
        }
        format!(
            "not warmed up: needs {} bars of history, has {}",
            rule.min_bars(),
            t + 1
        )
    }

    /// The group means and overall score at `t`, `None` when nothing votes.
    pub(crate) fn score(&self, t: usize) -> Option<(f64, Option<f64>, Option<f64>)> {
        let mut sum = [0.0; 2];
        let mut count = [0usize; 2];
        for rule in RULES {
            if let Some((action, _)) = self.decide(rule, t) {
                let g = (rule.group() == Group::Oscillators) as usize;
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
        needed: RULES.iter().map(|r| r.min_bars()).min().unwrap_or(1),
    };
    let t = n.checked_sub(1).ok_or_else(too_short)?;
    let (score, moving_averages, oscillators) = inputs.score(t).ok_or_else(too_short)?;
    let mut votes = Vec::new();
    let mut unavailable = Vec::new();
    for rule in RULES {
        match inputs.decide(rule, t) {
            Some((action, values)) => {
                let outcome = match action {
                    Action::Buy => format!("buy: {}", rule.buy_rule()),
                    Action::Sell => format!("sell: {}", rule.sell_rule()),
                    Action::Neutral => format!(
                        "neutral: neither {} nor {}",
                        rule.buy_rule(),
                        rule.sell_rule()
                    ),
                };
                votes.push(Vote {
                    indicator: rule.name(),
                    group: rule.group(),
                    action,
                    reason: format!("{} ({})", outcome, describe(&values)),
                    values: values.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
                });
            }
            None => unavailable.push(Unavailable {
                indicator: rule.name(),
                group: rule.group(),
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

    /// Hand-set columns: each `(name, [value at t−2, t−1, t])`.
    type Cols<'a> = &'a [(&'a str, [f64; 3])];

    /// Inputs with hand-set columns: each `(name, [value at t−2, t−1, t])`.
    fn inputs<'a>(close: &'a [f64], cols: &[(&str, [f64; 3])]) -> Inputs<'a> {
        Inputs {
            close,
            cols: cols
                .iter()
                .map(|(n, v)| ((*n).to_owned(), v.to_vec()))
                .collect(),
            missing: HashMap::new(),
        }
    }

    #[test]
    fn each_rule_decides_as_published() {
        use Action::*;
        let nan = f64::NAN;
        // (rule, close at t, columns, expected action at t = 2)
        let cases: &[(Rule, f64, Cols<'_>, Option<Action>)] = &[
            (
                Rule::Ma(MaKind::Sma, 10),
                10.0,
                &[("sma10", [0.0, 0.0, 9.0])],
                Some(Buy),
            ),
            (
                Rule::Ma(MaKind::Sma, 10),
                10.0,
                &[("sma10", [0.0, 0.0, 11.0])],
                Some(Sell),
            ),
            (
                Rule::Ma(MaKind::Sma, 10),
                10.0,
                &[("sma10", [0.0, 0.0, 10.0])],
                Some(Neutral),
            ),
            (
                Rule::Ma(MaKind::Sma, 10),
                10.0,
                &[("sma10", [0.0, 0.0, nan])],
                None,
            ),
            (Rule::Rsi, 1.0, &[("rsi14", [0.0, 25.0, 28.0])], Some(Buy)),
            (
                Rule::Rsi,
                1.0,
                &[("rsi14", [0.0, 29.0, 28.0])],
                Some(Neutral),
            ),
            (Rule::Rsi, 1.0, &[("rsi14", [0.0, 75.0, 72.0])], Some(Sell)),
            (
                Rule::Rsi,
                1.0,
                &[("rsi14", [0.0, 70.0, 72.0])],
                Some(Neutral),
            ),
            (Rule::Rsi, 1.0, &[("rsi14", [0.0, nan, 28.0])], None),
            (
                Rule::Cci,
                1.0,
                &[("cci20", [0.0, -150.0, -120.0])],
                Some(Buy),
            ),
            (
                Rule::Cci,
                1.0,
                &[("cci20", [0.0, 150.0, 120.0])],
                Some(Sell),
            ),
            (
                Rule::Cci,
                1.0,
                &[("cci20", [0.0, -50.0, -120.0])],
                Some(Neutral),
            ),
            (
                Rule::WillR,
                1.0,
                &[("willr14", [0.0, -95.0, -85.0])],
                Some(Buy),
            ),
            (
                Rule::WillR,
                1.0,
                &[("willr14", [0.0, -5.0, -15.0])],
                Some(Sell),
            ),
            (
                Rule::WillR,
                1.0,
                &[("willr14", [0.0, -50.0, -30.0])],
                Some(Neutral),
            ),
            (Rule::Mom, 1.0, &[("mom10", [0.0, -3.0, -2.0])], Some(Buy)),
            (Rule::Mom, 1.0, &[("mom10", [0.0, 3.0, 2.0])], Some(Sell)),
            (
                Rule::Macd,
                1.0,
                &[
                    ("macd", [0.0, 0.0, -1.0]),
                    ("macd_signal", [0.0, 0.0, -2.0]),
                ],
                Some(Buy),
            ),
            (
                Rule::Macd,
                1.0,
                &[("macd", [0.0, 0.0, 1.0]), ("macd_signal", [0.0, 0.0, 2.0])],
                Some(Sell),
            ),
            (Rule::Uo, 1.0, &[("uo", [0.0, 0.0, 71.0])], Some(Buy)),
            (Rule::Uo, 1.0, &[("uo", [0.0, 0.0, 29.0])], Some(Sell)),
            (Rule::Uo, 1.0, &[("uo", [0.0, 0.0, 70.0])], Some(Neutral)),
            (
                Rule::Stoch,
                1.0,
                &[
                    ("stoch_k", [0.0, 10.0, 16.0]),
                    ("stoch_d", [0.0, 12.0, 14.0]),
                ],
                Some(Buy),
            ),
            // A cross above %D, but above 20.
            (
                Rule::Stoch,
                1.0,
                &[
                    ("stoch_k", [0.0, 18.0, 25.0]),
                    ("stoch_d", [0.0, 20.0, 21.0]),
                ],
                Some(Neutral),
            ),
            (
                Rule::Stoch,
                1.0,
                &[
                    ("stoch_k", [0.0, 90.0, 84.0]),
                    ("stoch_d", [0.0, 88.0, 86.0]),
                ],
                Some(Sell),
            ),
            // Already above %D on the previous bar: no cross.
            (
                Rule::Stoch,
                1.0,
                &[
                    ("stoch_k", [0.0, 13.0, 16.0]),
                    ("stoch_d", [0.0, 12.0, 14.0]),
                ],
                Some(Neutral),
            ),
            (
                Rule::Adx,
                1.0,
                &[
                    ("adx14", [0.0, 0.0, 25.0]),
                    ("plus_di14", [0.0, 18.0, 22.0]),
                    ("minus_di14", [0.0, 20.0, 19.0]),
                ],
                Some(Buy),
            ),
            (
                Rule::Adx,
                1.0,
                &[
                    ("adx14", [0.0, 0.0, 15.0]),
                    ("plus_di14", [0.0, 18.0, 22.0]),
                    ("minus_di14", [0.0, 20.0, 19.0]),
                ],
                Some(Neutral),
            ),
            (
                Rule::Adx,
                1.0,
                &[
                    ("adx14", [0.0, 0.0, 25.0]),
                    ("plus_di14", [0.0, 22.0, 18.0]),
                    ("minus_di14", [0.0, 19.0, 20.0]),
                ],
                Some(Sell),
            ),
            (Rule::Ao, 1.0, &[("ao", [3.0, 2.0, 2.5])], Some(Buy)), // saucer above 0
            (Rule::Ao, 1.0, &[("ao", [-3.0, -1.0, 0.5])], Some(Buy)), // zero cross up
            (Rule::Ao, 1.0, &[("ao", [-3.0, -2.0, -2.5])], Some(Sell)), // saucer below 0
            (Rule::Ao, 1.0, &[("ao", [3.0, 1.0, -0.5])], Some(Sell)), // zero cross down
            (Rule::Ao, 1.0, &[("ao", [1.0, 2.0, 3.0])], Some(Neutral)),
            (
                Rule::Ichimoku,
                10.0,
                &[
                    ("ichimoku_conversion", [0.0, 0.0, 9.0]),
                    ("ichimoku_base", [0.0, 0.0, 8.0]),
                    ("ichimoku_span_a", [0.0, 0.0, 7.0]),
                    ("ichimoku_span_b", [0.0, 0.0, 6.0]),
                ],
                Some(Buy),
            ),
            (
                Rule::Ichimoku,
                5.0,
                &[
                    ("ichimoku_conversion", [0.0, 0.0, 6.0]),
                    ("ichimoku_base", [0.0, 0.0, 7.0]),
                    ("ichimoku_span_a", [0.0, 0.0, 8.0]),
                    ("ichimoku_span_b", [0.0, 0.0, 9.0]),
                ],
                Some(Sell),
            ),
            (
                Rule::Ichimoku,
                8.5,
                &[
                    ("ichimoku_conversion", [0.0, 0.0, 9.0]),
                    ("ichimoku_base", [0.0, 0.0, 8.0]),
                    ("ichimoku_span_a", [0.0, 0.0, 7.0]),
                    ("ichimoku_span_b", [0.0, 0.0, 6.0]),
                ],
                Some(Neutral),
            ),
            (
                Rule::StochRsi,
                9.0,
                &[
                    ("stochrsi_tv_k", [0.0, 5.0, 12.0]),
                    ("stochrsi_tv_d", [0.0, 8.0, 10.0]),
                    ("sma50", [0.0, 0.0, 10.0]),
                ],
                Some(Buy),
            ),
            // The same cross in an uptrend is no buy.
            (
                Rule::StochRsi,
                11.0,
                &[
                    ("stochrsi_tv_k", [0.0, 5.0, 12.0]),
                    ("stochrsi_tv_d", [0.0, 8.0, 10.0]),
                    ("sma50", [0.0, 0.0, 10.0]),
                ],
                Some(Neutral),
            ),
            (
                Rule::StochRsi,
                11.0,
                &[
                    ("stochrsi_tv_k", [0.0, 95.0, 85.0]),
                    ("stochrsi_tv_d", [0.0, 90.0, 88.0]),
                    ("sma50", [0.0, 0.0, 10.0]),
                ],
                Some(Sell),
            ),
            (
                Rule::BullBearPower,
                11.0,
                &[
                    ("bull_power13", [0.0, 1.0, 1.0]),
                    ("bear_power13", [0.0, -2.0, -1.0]),
                    ("sma50", [0.0, 0.0, 10.0]),
                ],
                Some(Buy),
            ),
            (
                Rule::BullBearPower,
                9.0,
                &[
                    ("bull_power13", [0.0, 2.0, 1.0]),
                    ("bear_power13", [0.0, -2.0, -1.0]),
                    ("sma50", [0.0, 0.0, 10.0]),
                ],
                Some(Sell),
            ),
            (
                Rule::BullBearPower,
                9.0,
                &[
                    ("bull_power13", [0.0, 2.0, 1.0]),
                    ("bear_power13", [0.0, -2.0, -1.0]),
                    ("sma50", [0.0, 0.0, nan]),
                ],
                None,
            ),
        ];
        for (rule, close, cols, expected) in cases {
            let closes = [1.0, 1.0, *close];
            let got = inputs(&closes, cols).decide(*rule, 2).map(|d| d.0);
            assert_eq!(
                got,
                *expected,
                "{} with {cols:?} at close {close}",
                rule.name()
            );
        }
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

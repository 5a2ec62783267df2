//! A plain-language summary of a token, built only from figures it is
//! given: deterministic (the same input always gives the same text) and
//! returned both as text and as a structured record, so that a person or a
//! language model can read it.
//!
//! ```
//! use tokenlens_core::MarketCapClass;
//! use tokenlens_core::analysis::summary::{GradeFigures, LevelFigure, SummaryInput, summarize};
//! let input = SummaryInput {
//!     name: "Ethereum".into(),
//!     symbol: "ETH".into(),
//!     market_cap_class: Some(MarketCapClass::Large),
//!     trader_grade: Some(GradeFigures { value: 72.0, change_7d: Some(5.0), ..Default::default() }),
//!     nearest_support: Some(LevelFigure { price: 1820.0, touches: 3 }),
//!     ..Default::default()
//! };
//! let s = summarize(&input);
//! assert!(s.text.starts_with("Ethereum (ETH) is a large cap. Trader Grade 72 (+5 over 7 d)"));
//! assert!(s.text.contains("Nearest support $1,820.00 (3 touches)."));
//! ```

use serde::{Deserialize, Serialize};

use crate::MarketCapClass;
use crate::analysis::grades::Grade;
use crate::analysis::levels::Levels;
use crate::format::{compact_usd, price_usd};

/// A grade as the summary needs it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GradeFigures {
    /// 0 to 100.
    pub value: f64,
    pub change_24h: Option<f64>,
    pub change_7d: Option<f64>,
    /// 0 to 1; below 0.5 the summary says the grade rests on little data.
    pub confidence: Option<f64>,
    /// Component that lifts the grade most, and the one that holds it back
    /// most (names as in the grade: `trend`, `sharpe` …).
    pub strongest: Option<String>,
    pub weakest: Option<String>,
}

/// Points of the grade a component must move it by to be named as what
/// leads or holds it back (an input at its usual value names nothing).
pub const MIN_PULL: f64 = 1.0;

impl GradeFigures {
    /// The figures of a computed grade. The strongest and weakest components
    /// are those whose weighted distance from 50, `weight · (value − 50)`,
    /// is the largest above and below, by at least [`MIN_PULL`] points (ties
    /// go to the earlier component).
    pub fn of(grade: &Grade) -> Self {
        let pull = |c: &crate::analysis::grades::Component| c.weight * (c.value - 50.0);
        let mut strongest: Option<(&str, f64)> = None;
        let mut weakest: Option<(&str, f64)> = None;
        for c in &grade.components {
            let p = pull(c);
            if p >= MIN_PULL && strongest.is_none_or(|(_, s)| p > s) {
                strongest = Some((&c.name, p));
            }
            if p <= -MIN_PULL && weakest.is_none_or(|(_, w)| p < w) {
                weakest = Some((&c.name, p));
            }
        }
        Self {
            value: grade.total,
            change_24h: grade.change_24h,
            change_7d: grade.change_7d,
            confidence: Some(grade.confidence),
            strongest: strongest.map(|(n, _)| n.to_owned()),
            weakest: weakest.map(|(n, _)| n.to_owned()),
        }
    }
}

/// A support or resistance level as the summary needs it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct LevelFigure {
    pub price: f64,
    pub touches: usize,
}

impl LevelFigure {
    /// The nearest support and resistance of computed levels.
    pub fn nearest(levels: &Levels) -> (Option<Self>, Option<Self>) {
        let f = |l: &crate::analysis::levels::Level| Self {
            price: l.price,
            touches: l.touches,
        };
        (
            levels.nearest_support().map(f),
            levels.nearest_resistance().map(f),
        )
    }
}

/// The state of a bullish/bearish signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SignalState {
    Bullish,
    Bearish,
    Neutral,
}

impl SignalState {
    fn as_str(self) -> &'static str {
        match self {
            Self::Bullish => "bullish",
            Self::Bearish => "bearish",
            Self::Neutral => "neutral",
        }
    }
}

/// A signal as the summary needs it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignalFigures {
    pub state: SignalState,
    /// Strength from 0 to 1, when the signal reports one.
    pub strength: Option<f64>,
    /// UTC date (`YYYY-MM-DD`) of the last flip.
    pub since: Option<String>,
}

/// Everything a summary may mention; any of it may be missing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SummaryInput {
    pub name: String,
    pub symbol: String,
    pub price: Option<f64>,
    pub market_cap: Option<f64>,
    pub market_cap_class: Option<MarketCapClass>,
    pub trader_grade: Option<GradeFigures>,
    pub investor_grade: Option<GradeFigures>,
    pub signal: Option<SignalFigures>,
    /// Annualised volatility as a fraction (0.62 for 62 %).
    pub volatility: Option<f64>,
    /// Maximum drawdown as a return (−0.58 for a 58 % fall).
    pub max_drawdown: Option<f64>,
    /// Distance from the all-time high as a return (−0.21: 21 % below).
    pub distance_from_ath: Option<f64>,
    pub nearest_support: Option<LevelFigure>,
    pub nearest_resistance: Option<LevelFigure>,
}

/// A grade as summarised: the rounded value and its band in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GradeSummary {
    /// Rounded to a whole number, as the text shows it.
    pub value: i64,
    /// `strong` (80+), `good` (60–80), `neutral` (40–60), `weak` (20–40),
    /// `very weak` (below 20).
    pub band: String,
    pub change_24h: Option<i64>,
    pub change_7d: Option<i64>,
    pub low_confidence: bool,
    pub sentence: String,
}

/// The summary: the text and, field by field, what it says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub text: String,
    /// "Ethereum (ETH)".
    pub token: String,
    /// The sentences of `text`, in order.
    pub sentences: Vec<String>,
    pub size: Option<String>,
    pub trader_grade: Option<GradeSummary>,
    pub investor_grade: Option<GradeSummary>,
    pub signal: Option<String>,
    pub risk: Option<String>,
    pub levels: Option<String>,
}

/// The band of a grade, in words.
pub fn band(value: f64) -> &'static str {
    if value >= 80.0 {
        "strong"
    } else if value >= 60.0 {
        "good"
    } else if value >= 40.0 {
        "neutral"
    } else if value >= 20.0 {
        "weak"
    } else {
        "very weak"
    }
}

/// A component name in words.
fn component_words(name: &str) -> &str {
    match name {
        "volatility_30" => "its calm (30-day volatility)",
        "reversal_7" => "the last week's move",
        "reversal_30" => "the last month's move",
        "liquidity" => "liquidity",
        "dilution" => "dilution",
        "size" => "size",
        other => other,
    }
}

/// A whole number with its sign: `+5`, `−3`, `0`.
fn signed_int(x: i64) -> String {
    match x {
        0 => "0".into(),
        x if x > 0 => format!("+{x}"),
        x => format!("−{}", -x),
    }
}

fn round(x: f64) -> i64 {
    x.round() as i64
}

fn grade_summary(label: &str, horizon: &str, g: &GradeFigures) -> GradeSummary {
    let value = round(g.value.clamp(0.0, 100.0));
    let band = band(value as f64);
    let (c24, c7) = (g.change_24h.map(round), g.change_7d.map(round));
    let mut changes = Vec::new();
    if let Some(c) = c7 {
        changes.push(format!("{} over 7 d", signed_int(c)));
    }
    if let Some(c) = c24 {
        changes.push(format!("{} over 24 h", signed_int(c)));
    }
    let mut sentence = format!("{label} {value}");
    if !changes.is_empty() {
        sentence += &format!(" ({})", changes.join(", "));
    }
    sentence += &format!(": {band} {horizon}");
    let mut why = Vec::new();
    if let Some(s) = &g.strongest {
        why.push(format!("led by {}", component_words(s)));
    }
    if let Some(w) = &g.weakest {
        why.push(format!("held back by {}", component_words(w)));
    }
    if !why.is_empty() {
        sentence += &format!(", {}", why.join(", "));
    }
    let low_confidence = g.confidence.is_some_and(|c| c < 0.5);
    if let Some(c) = g.confidence.filter(|_| low_confidence) {
        sentence += &format!(
            " (low confidence, {:.0}%: short history or missing data)",
            100.0 * c
        );
    }
    sentence.push('.');
    GradeSummary {
        value,
        band: band.to_owned(),
        change_24h: c24,
        change_7d: c7,
        low_confidence,
        sentence,
    }
}

fn percent(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

/// The summary of `input`.
pub fn summarize(input: &SummaryInput) -> Summary {
    let token = match (input.name.is_empty(), input.symbol.is_empty()) {
        (false, false) => format!("{} ({})", input.name, input.symbol),
        (false, true) => input.name.clone(),
        (true, false) => input.symbol.clone(),
        (true, true) => "This token".into(),
    };
    let mut sentences = Vec::new();

    let size = input.market_cap_class.map(|c| format!("a {c} cap"));
    let mut first = match &size {
        Some(s) => format!("{token} is {s}"),
        None => token.clone(),
    };
    let mut details = Vec::new();
    if let Some(mc) = input.market_cap {
        details.push(format!("market cap {}", compact_usd(mc)));
    }
    if let Some(p) = input.price {
        details.push(format!("price {}", price_usd(p)));
    }
    if !details.is_empty() {
        first += &format!(
            "{}{}",
            if size.is_some() { " (" } else { ": " },
            details.join(", ")
        );
        if size.is_some() {
            first.push(')');
        }
    }
    if size.is_some() || !details.is_empty() {
        first.push('.');
        sentences.push(first);
    }

    let trader = input
        .trader_grade
        .as_ref()
        .map(|g| grade_summary("Trader Grade", "outlook for the next week", g));
    let investor = input
        .investor_grade
        .as_ref()
        .map(|g| grade_summary("Investor Grade", "outlook for the next month", g));
    for g in [&trader, &investor].into_iter().flatten() {
        sentences.push(g.sentence.clone());
    }

    let signal = input.signal.as_ref().map(|s| {
        let mut t = format!("Signal {}", s.state.as_str());
        if let Some(d) = &s.since {
            t += &format!(" since {d}");
        }
        if let Some(x) = s.strength {
            t += &format!(" (strength {x:.2})");
        }
        t.push('.');
        t
    });
    sentences.extend(signal.clone());

    let mut risk_parts = Vec::new();
    if let Some(v) = input.volatility {
        risk_parts.push(format!("volatility {} a year", percent(v)));
    }
    if let Some(d) = input.max_drawdown {
        risk_parts.push(format!("max drawdown {}", percent(d).replace('-', "−")));
    }
    if let Some(d) = input.distance_from_ath {
        risk_parts.push(if d >= 0.0 {
            "at its all-time high".into()
        } else {
            format!("{} below its all-time high", percent(-d))
        });
    }
    let risk = (!risk_parts.is_empty()).then(|| format!("Risk: {}.", risk_parts.join(", ")));
    sentences.extend(risk.clone());

    let level = |kind: &str, l: &LevelFigure| {
        format!(
            "{kind} {} ({} touch{})",
            price_usd(l.price),
            l.touches,
            if l.touches == 1 { "" } else { "es" }
        )
    };
    let mut level_parts = Vec::new();
    if let Some(s) = &input.nearest_support {
        level_parts.push(level("support", s));
    }
    if let Some(r) = &input.nearest_resistance {
        level_parts.push(level("resistance", r));
    }
    let levels =
        (!level_parts.is_empty()).then(|| format!("Nearest {}.", level_parts.join(", nearest ")));
    sentences.extend(levels.clone());

    if sentences.is_empty() {
        let whom = if token == "This token" {
            "this token"
        } else {
            &token
        };
        sentences.push(format!("No figures are available for {whom}."));
    }
    Summary {
        text: sentences.join(" "),
        token,
        sentences,
        size,
        trader_grade: trader,
        investor_grade: investor,
        signal,
        risk,
        levels,
    }
}

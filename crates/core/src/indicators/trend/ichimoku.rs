//! Ichimoku cloud (Ichimoku Kinkō Hyō). TA-Lib has none.
//!
//! With `mid(n) = (highest high + lowest low) / 2` over the last `n` candles:
//!
//! * conversion line (tenkan-sen) `= mid(conversion)`, default 9;
//! * base line (kijun-sen) `= mid(base)`, default 26;
//! * leading span A (senkou span A) `= (conversion line + base line) / 2`;
//! * leading span B (senkou span B) `= mid(span_b)`, default 52.
//!
//! **Displacement.** Charts plot both leading spans `base` bars (26) *ahead*
//! of the bar they are computed on, and the lagging span (chikou span, which
//! is just the close) 26 bars *behind*. This indicator reports every line at
//! the bar it is computed from and invents no future bars: the cloud drawn
//! over bar `t` is the spans reported at bar `t − 26`. The lagging span is
//! not reported; it is the close.
//!
//! The first output is at input `max(conversion, base, span_b)` (52 by
//! default), when all four lines are defined.
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, trend::IchimokuConfig};
//! let cfg = IchimokuConfig { conversion: 1, base: 2, span_b: 3 };
//! let mut ich = cfg.init().unwrap();
//! ich.update(Candle::new(0.0, 10.0, 8.0, 9.0, 0.0));
//! ich.update(Candle::new(0.0, 12.0, 9.0, 11.0, 0.0));
//! let out = ich.update(Candle::new(0.0, 11.0, 10.0, 10.5, 0.0)).unwrap();
//! assert_eq!(out.conversion, 10.5); // (11 + 10) / 2
//! assert_eq!(out.base, 10.5);       // (12 + 9) / 2
//! assert_eq!(out.span_a, 10.5);
//! assert_eq!(out.span_b, 10.0);     // (12 + 8) / 2
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::candle::check_candles;
use crate::indicators::window::{Extreme, RollingExtreme};
use crate::indicators::{Candle, Io, check_period, columns, run, streaming};

/// Parameters of an [`Ichimoku`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IchimokuConfig {
    /// Period of the conversion line, at least 1. Default 9.
    pub conversion: usize,
    /// Period of the base line, at least 1. Default 26. Charts also shift
    /// the leading spans this many bars forward.
    pub base: usize,
    /// Period of leading span B, at least 1. Default 52.
    pub span_b: usize,
}

impl Default for IchimokuConfig {
    fn default() -> Self {
        Self {
            conversion: 9,
            base: 26,
            span_b: 52,
        }
    }
}

/// Highest high and lowest low of the last `n` candles.
#[derive(Debug, Clone, PartialEq)]
struct Midpoint {
    high: RollingExtreme,
    low: RollingExtreme,
}

impl Midpoint {
    fn new(n: usize) -> Self {
        Self {
            high: RollingExtreme::new(n, Extreme::Max),
            low: RollingExtreme::new(n, Extreme::Min),
        }
    }

    fn push(&mut self, c: Candle) -> Option<f64> {
        let hh = self.high.push(c.high);
        let ll = self.low.push(c.low);
        Some((hh?.0 + ll?.0) / 2.0)
    }

    fn undo(&mut self) {
        self.high.undo();
        self.low.undo();
    }

    fn clear(&mut self) {
        self.high.clear();
        self.low.clear();
    }
}

impl IchimokuConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("conversion", self.conversion, 1)?;
        check_period("base", self.base, 1)?;
        check_period("span_b", self.span_b, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Ichimoku, Error> {
        self.validate()?;
        Ok(Ichimoku {
            config: *self,
            conversion: Midpoint::new(self.conversion),
            base: Midpoint::new(self.base),
            span_b: Midpoint::new(self.span_b),
            io: Io::default(),
        })
    }
}

/// One Ichimoku output, for the bar it was computed on (see the module
/// documentation for the displacement).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct IchimokuOutput {
    /// Conversion line (tenkan-sen).
    pub conversion: f64,
    /// Base line (kijun-sen).
    pub base: f64,
    /// Leading span A (senkou span A), plotted `base` bars ahead.
    pub span_a: f64,
    /// Leading span B (senkou span B), plotted `base` bars ahead.
    pub span_b: f64,
}

/// Streaming Ichimoku cloud. Built by [`IchimokuConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct IchimokuCloud {
    config: IchimokuConfig,
    conversion: Midpoint,
    base: Midpoint,
    span_b: Midpoint,
    io: Io<IchimokuOutput>,
}

/// Short name of [`IchimokuCloud`].
pub type Ichimoku = IchimokuCloud;

impl Ichimoku {
    /// How many bars ahead charts plot the leading spans: the base period.
    pub fn displacement(&self) -> usize {
        self.config.base
    }

    fn push(&mut self, c: Candle) -> Option<IchimokuOutput> {
        let conversion = self.conversion.push(c);
        let base = self.base.push(c);
        let span_b = self.span_b.push(c);
        let (conversion, base, span_b) = (conversion?, base?, span_b?);
        Some(IchimokuOutput {
            conversion,
            base,
            span_a: (conversion + base) / 2.0,
            span_b,
        })
    }

    fn undo(&mut self) {
        self.conversion.undo();
        self.base.undo();
        self.span_b.undo();
    }

    fn clear(&mut self) {
        self.conversion.clear();
        self.base.clear();
        self.span_b.clear();
    }

    fn warmup_len(&self) -> usize {
        let c = self.config;
        c.conversion.max(c.base).max(c.span_b)
    }
}

streaming!(Ichimoku, Candle, IchimokuOutput);

impl fmt::Display for Ichimoku {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.config;
        write!(f, "ICHIMOKU({},{},{})", c.conversion, c.base, c.span_b)
    }
}

/// Ichimoku over a whole series, one column per line, each value at the bar
/// it is computed on (not displaced).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IchimokuSeries {
    pub conversion: Vec<f64>,
    pub base: Vec<f64>,
    pub span_a: Vec<f64>,
    pub span_b: Vec<f64>,
}

/// Ichimoku over candles: columns as long as `candles`, `NaN` for the first
/// `max(conversion, base, span_b) − 1` entries. Every field must be finite.
pub fn ichimoku(candles: &[Candle], config: IchimokuConfig) -> Result<IchimokuSeries, Error> {
    check_candles(candles)?;
    let outs = run(config.init()?, candles);
    let [conversion, base, span_a, span_b] =
        columns(&outs, |o| [o.conversion, o.base, o.span_a, o.span_b]);
    Ok(IchimokuSeries {
        conversion,
        base,
        span_a,
        span_b,
    })
}

//! Investor Grade: where a token stands for the next month, from the inputs
//! that ranked the next month's returns on the fit period.
//!
//! The rule of `docs/evidence/RULE.md`, run on the bundled history up to
//! 2024-06-30, kept one of eight candidates:
//!
//! | component | weight | input | reading |
//! |---|---|---|---|
//! | `reversal_30` | 1 | log return of the last 30 days | a month's fall scores higher (one-month reversal) |
//!
//! Volatility, drawdown, Sharpe, momentum and listing age did not reach
//! `|t| ≥ 2` at 30 days. The market figures (liquidity, dilution, size)
//! cannot be tested on a history without market caps: they are shown beside
//! the grade with weight 0, with their conventional readings.

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::analysis::PriceSeries;
use crate::format::compact_usd;

use super::inputs::Input;
use super::model::{Model, Part, completeness};
use super::{
    Component, Dropped, Grade, MIN_POINTS, Measured, Score, clamp_score, piecewise, signed,
};

/// The Investor Grade as the rule built it on the fit period (to 2024-06-30).
pub const INVESTOR_MODEL: Model = Model {
    parts: &[Part {
        input: Input::Reversal30,
        sign: -1.0,
        weight: 1.0,
        center: 0.007_611_545_349_093_284,
        scale: 0.224_567_622_980_350_16,
        min_days: 6,
    }],
    stretch: 0.798_660_289_422_001_6,
    smoothing: 1,
};

/// Days over which the dollar volume is taken when the feed gives none.
const VOLUME_DAYS: usize = 30;

/// Market figures of a token, any of them unknown. As in
/// [`MarketData`](crate::MarketData), feeds send `0` for "unknown", so `0`
/// is treated as missing. All amounts in US dollars.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Fundamentals {
    pub market_cap: Option<f64>,
    /// Fully diluted value: price × max (or total) supply.
    pub fdv: Option<f64>,
    pub circulating_supply: Option<f64>,
    pub max_supply: Option<f64>,
    /// Traded volume over the last 24 hours, in dollars.
    pub total_volume: Option<f64>,
    /// Unix time (seconds) of the token's first trade, when known to be
    /// earlier than the series' first point.
    pub first_trade: Option<i64>,
}

impl Fundamentals {
    fn validated(&self) -> Result<Self, Error> {
        let check = |field: &'static str, v: Option<f64>| match v {
            Some(x) if !(x.is_finite() && x >= 0.0) => Err(Error::InvalidInput {
                field,
                value: x.to_string(),
            }),
            Some(0.0) => Ok(None),
            other => Ok(other),
        };
        Ok(Self {
            market_cap: check("market_cap", self.market_cap)?,
            fdv: check("fdv", self.fdv)?,
            circulating_supply: check("circulating_supply", self.circulating_supply)?,
            max_supply: check("max_supply", self.max_supply)?,
            total_volume: check("total_volume", self.total_volume)?,
            first_trade: self.first_trade,
        })
    }
}

/// The Investor Grade of `series` at its last point, with its change over 7
/// days (the grade series read then; the same fundamentals are shown for
/// both: a feed gives them for today only).
///
/// Errors: [`Error::TooShort`] for fewer than [`MIN_POINTS`] points or too
/// short a history for any weighted component; [`Error::InvalidInput`] for
/// a negative or non-finite fundamental.
pub fn investor_grade(series: &PriceSeries, fundamentals: &Fundamentals) -> Result<Grade, Error> {
    let (now, grade) = score(series, fundamentals)?;
    let last = series.len() - 1;
    let change_7d = last
        .checked_sub(7 * series.interval.per_day())
        .filter(|&then| then + 1 >= MIN_POINTS && grade[then].is_finite())
        .map(|then| now.total - clamp_score(grade[then]));
    Ok(Grade::new(now, None, change_7d))
}

/// The Investor Grade at the last point of `series`, without changes.
///
/// Errors as [`investor_grade`].
pub fn investor_score(series: &PriceSeries, fundamentals: &Fundamentals) -> Result<Score, Error> {
    score(series, fundamentals).map(|(s, _)| s)
}

/// The Investor Grade total at every point of `series` (no market figures:
/// they carry no weight), `None` before [`MIN_POINTS`] points or while no
/// weighted component can be computed.
pub fn investor_score_series(series: &PriceSeries) -> Vec<Option<f64>> {
    INVESTOR_MODEL
        .columns(series, None)
        .grade
        .iter()
        .enumerate()
        .map(|(t, g)| (t + 1 >= MIN_POINTS && g.is_finite()).then(|| clamp_score(*g)))
        .collect()
}

fn score(series: &PriceSeries, fundamentals: &Fundamentals) -> Result<(Score, Vec<f64>), Error> {
    if series.len() < MIN_POINTS {
        return Err(Error::TooShort {
            len: series.len(),
            needed: MIN_POINTS,
        });
    }
    let f = fundamentals.validated()?;
    let columns = INVESTOR_MODEL.columns(series, None);
    let t = series.len() - 1;
    let per_day = series.interval.per_day();
    let mut s = INVESTOR_MODEL
        .score_at(&columns, t, completeness(series), |_, x| {
            let days = (t / per_day).min(30);
            if x == 0.0 {
                format!("no change over the last {days} days")
            } else {
                format!(
                    "{}% over the last {days} days: {}",
                    signed(100.0 * (x.exp() - 1.0), 1),
                    if x < 0.0 {
                        "a month's losers have tended to recover over the next month"
                    } else {
                        "a month's winners have tended to give back over the next month"
                    },
                )
            }
        })
        .ok_or(Error::TooShort {
            len: series.len(),
            needed: 6 * per_day + 1,
        })?;
    for (name, m) in [
        ("liquidity", liquidity(series, &f)),
        ("dilution", dilution(&f)),
        ("size", size(&f)),
    ] {
        match m {
            Ok(m) => s.components.push(Component {
                name: name.to_owned(),
                value: clamp_score(m.value),
                weight: 0.0,
                raw: m.raw,
                explanation: format!(
                    "{}; not weighted: no market history to test it on yet",
                    m.explanation
                ),
            }),
            Err(reason) => s.dropped.push(Dropped {
                name: name.to_owned(),
                reason,
            }),
        }
    }
    Ok((s, columns.grade))
}

/// Liquidity: turnover `volume / market cap` scored on `log10` with anchors
/// 0.1 % → 0, 1 % → 40, 5 % → 80, 10 % → 100; without a market cap, the
/// daily dollar volume with anchors $100K → 0, $1M → 25, $10M → 50,
/// $100M → 75, $1B → 100.
fn liquidity(series: &PriceSeries, f: &Fundamentals) -> Result<Measured, String> {
    let daily_dollar_volume = f.total_volume.or_else(|| {
        let v = series.volume.as_ref()?;
        let per_day = series.interval.per_day();
        let n = (VOLUME_DAYS * per_day).min(v.len());
        let start = v.len() - n;
        let dollars: f64 = (start..v.len()).map(|i| v[i] * series.close[i]).sum();
        let dv = dollars / n as f64 * per_day as f64;
        (dv > 0.0).then_some(dv)
    });
    let Some(dv) = daily_dollar_volume else {
        return Err("needs a volume column or a 24 h volume".into());
    };
    if let Some(mc) = f.market_cap {
        let turnover = dv / mc;
        let value = piecewise(
            turnover.log10(),
            &[
                (-3.0, 0.0),
                (-2.0, 40.0),
                (5e-2f64.log10(), 80.0),
                (-1.0, 100.0),
            ],
        );
        return Ok(Measured {
            value,
            raw: turnover,
            explanation: format!(
                "daily volume {} is {:.2}% of the market cap {}",
                compact_usd(dv),
                100.0 * turnover,
                compact_usd(mc),
            ),
        });
    }
    let value = piecewise(dv.log10(), &[(5.0, 0.0), (9.0, 100.0)]);
    Ok(Measured {
        value,
        raw: dv,
        explanation: format!(
            "daily volume {} (no market cap known, scored on dollar volume alone)",
            compact_usd(dv)
        ),
    })
}

/// `100 ·` mean of `market cap / FDV` and `circulating / max supply`, each
/// capped at 1.
fn dilution(f: &Fundamentals) -> Result<Measured, String> {
    let mc_fdv = f.market_cap.zip(f.fdv).map(|(m, d)| (m / d).min(1.0));
    let supply = f
        .circulating_supply
        .zip(f.max_supply)
        .map(|(c, m)| (c / m).min(1.0));
    let parts: Vec<f64> = [mc_fdv, supply].into_iter().flatten().collect();
    if parts.is_empty() {
        return Err("needs market cap and FDV, or circulating and max supply".into());
    }
    let x = parts.iter().sum::<f64>() / parts.len() as f64;
    let mut said = Vec::new();
    if let Some(r) = mc_fdv {
        said.push(format!("market cap is {:.0}% of FDV", 100.0 * r));
    }
    if let Some(r) = supply {
        said.push(format!("{:.0}% of the max supply circulates", 100.0 * r));
    }
    Ok(Measured {
        value: 100.0 * x,
        raw: x,
        explanation: said.join(", "),
    })
}

/// `20 · (log10 market cap − 6)`: $1M → 0, each tenfold +20, $100B → 100.
fn size(f: &Fundamentals) -> Result<Measured, String> {
    let Some(mc) = f.market_cap else {
        return Err("needs a market cap".into());
    };
    Ok(Measured {
        value: piecewise(mc.log10(), &[(6.0, 0.0), (11.0, 100.0)]),
        raw: mc,
        explanation: format!("market cap {}", compact_usd(mc)),
    })
}

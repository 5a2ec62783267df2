//! Investor Grade: long-term quality from public market data.
//!
//! Components and weights (nominal, sum 1):
//!
//! | component | weight | input |
//! |---|---|---|
//! | `liquidity` | 0.20 | volume / market cap; from dollar volume alone without a market cap |
//! | `sharpe` | 0.10 | annualised Sharpe ratio over the last 365 days |
//! | `sortino` | 0.10 | annualised Sortino ratio over the last 365 days |
//! | `drawdown` | 0.15 | maximum drawdown over the last 365 days and how much of it was recovered |
//! | `distance_from_ath` | 0.10 | last close against the highest close of the series |
//! | `dilution` | 0.15 | market cap / fully diluted value and circulating / max supply |
//! | `size` | 0.10 | log market cap |
//! | `history` | 0.10 | years of trading history |

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::analysis::PriceSeries;
use crate::analysis::series::utc_date;
use crate::format::compact_usd;
use crate::metrics::{max_drawdown, sharpe, sortino};

use super::{
    Builder, Grade, MIN_POINTS, Measured, Score, change, confidence, piecewise, signed, tail,
    tanh_score,
};

/// Nominal weights of the components, in the order reported.
pub const INVESTOR_WEIGHTS: [(&str, f64); 8] = [
    ("liquidity", 0.20),
    ("sharpe", 0.10),
    ("sortino", 0.10),
    ("drawdown", 0.15),
    ("distance_from_ath", 0.10),
    ("dilution", 0.15),
    ("size", 0.10),
    ("history", 0.10),
];

/// Days of history for full confidence, and the long horizon of the
/// risk-adjusted returns and the drawdown.
const HORIZON_DAYS: usize = 365;
/// The fewest returns a long-horizon ratio is computed from (a month).
const MIN_RETURNS: usize = 30;
/// Days over which the dollar volume is taken when the feed gives none.
const VOLUME_DAYS: usize = 30;
/// Years of history for a full `history` score: one four-year crypto cycle.
const FULL_YEARS: f64 = 4.0;

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
/// days recomputed on the history as it stood then (the same fundamentals
/// are used for both: a feed gives them for today only).
///
/// Errors: [`Error::TooShort`] for fewer than [`MIN_POINTS`] points;
/// [`Error::InvalidInput`] for a negative or non-finite fundamental.
pub fn investor_grade(series: &PriceSeries, fundamentals: &Fundamentals) -> Result<Grade, Error> {
    let now = investor_score(series, fundamentals)?;
    let week = 7 * series.interval.per_day();
    let change_7d = change(now.total, series, week, |s| investor_score(s, fundamentals));
    Ok(Grade::new(now, None, change_7d))
}

/// The Investor Grade at the last point of `series`, without changes.
///
/// Errors as [`investor_grade`].
pub fn investor_score(series: &PriceSeries, fundamentals: &Fundamentals) -> Result<Score, Error> {
    if series.len() < MIN_POINTS {
        return Err(Error::TooShort {
            len: series.len(),
            needed: MIN_POINTS,
        });
    }
    let f = fundamentals.validated()?;
    let w = |name: &str| {
        INVESTOR_WEIGHTS
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(0.0, |(_, w)| *w)
    };
    let per_day = series.interval.per_day();
    let ppy = series.interval.periods_per_year();
    let horizon = tail(&series.close, HORIZON_DAYS * per_day + 1);
    let returns: Vec<f64> = horizon.windows(2).map(|w| w[1] / w[0] - 1.0).collect();

    let mut b = Builder::new();
    b.add("liquidity", w("liquidity"), liquidity(series, &f));
    b.add(
        "sharpe",
        w("sharpe"),
        long_ratio("Sharpe", &returns, 2.0, |r| sharpe(r, 0.0, ppy)),
    );
    b.add(
        "sortino",
        w("sortino"),
        long_ratio("Sortino", &returns, 2.0 * 2f64.sqrt(), |r| {
            sortino(r, 0.0, ppy)
        }),
    );
    b.add("drawdown", w("drawdown"), drawdown(horizon, per_day));
    b.add(
        "distance_from_ath",
        w("distance_from_ath"),
        Ok(distance_from_ath(&series.close)),
    );
    b.add("dilution", w("dilution"), dilution(&f));
    b.add("size", w("size"), size(&f));
    b.add("history", w("history"), Ok(history(series, &f)));

    let days = series.len() as f64 / per_day as f64;
    let conf = confidence(b.coverage(), days / HORIZON_DAYS as f64, series);
    b.finish(conf, None)
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

/// An annualised ratio scored `50 + 50·tanh(ratio / scale)`.
fn long_ratio(
    name: &str,
    returns: &[f64],
    scale: f64,
    compute: impl Fn(&[f64]) -> Result<Option<f64>, Error>,
) -> Result<Measured, String> {
    if returns.len() < MIN_RETURNS {
        return Err(format!("needs at least {} points", MIN_RETURNS + 1));
    }
    let x = match compute(returns) {
        Ok(Some(x)) => x,
        Ok(None) => return Err(format!("{name} ratio undefined (no variation)")),
        Err(e) => return Err(e.to_string()),
    };
    Ok(Measured {
        value: tanh_score(x / scale),
        raw: x,
        explanation: format!(
            "{name} ratio {} annualised over the last {} returns",
            signed(x, 2),
            returns.len()
        ),
    })
}

/// `100 · (1 + depth) · recovered`, where `recovered` is 1 once the price
/// is back at its peak and otherwise `(1 + share of the fall regained) / 2`.
fn drawdown(close: &[f64], per_day: usize) -> Result<Measured, String> {
    let d = max_drawdown(close).map_err(|e| e.to_string())?;
    let (peak, trough, last) = (close[d.peak], close[d.trough], close[close.len() - 1]);
    let regained = if d.recovery.is_some() || peak == trough {
        1.0
    } else {
        ((last - trough) / (peak - trough)).clamp(0.0, 1.0)
    };
    let factor = if d.recovery.is_some() {
        1.0
    } else {
        0.5 + 0.5 * regained
    };
    let status = match d.recovery {
        _ if d.depth == 0.0 => "no drawdown".to_owned(),
        Some(r) => format!("recovered in {} days", (r - d.peak).div_ceil(per_day)),
        None => format!("{:.0}% of the fall regained so far", 100.0 * regained),
    };
    Ok(Measured {
        value: 100.0 * (1.0 + d.depth) * factor,
        raw: d.depth,
        explanation: format!(
            "deepest fall over the last {} days {}%, {status}",
            (close.len() - 1).div_ceil(per_day),
            signed(100.0 * d.depth, 1),
        ),
    })
}

/// `100 · last / max`.
fn distance_from_ath(close: &[f64]) -> Measured {
    let ath = close.iter().copied().fold(f64::MIN, f64::max);
    let d = close[close.len() - 1] / ath - 1.0;
    Measured {
        value: 100.0 * (1.0 + d),
        raw: d,
        explanation: if d == 0.0 {
            "at its highest close".into()
        } else {
            format!("{:.1}% below its highest close", -100.0 * d)
        },
    }
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

/// `100 · min(1, years / 4)`, years from the first trade (or the first point).
fn history(series: &PriceSeries, f: &Fundamentals) -> Measured {
    let last = series.timestamps[series.len() - 1];
    let first = f
        .first_trade
        .map_or(series.timestamps[0], |t| t.min(series.timestamps[0]));
    let years = (last - first) as f64 / (365.25 * 86_400.0);
    Measured {
        value: 100.0 * (years / FULL_YEARS).min(1.0),
        raw: years,
        explanation: format!("traded since {} ({years:.1} years)", utc_date(first)),
    }
}

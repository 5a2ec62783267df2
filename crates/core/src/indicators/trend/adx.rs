//! Average directional index with +DI and −DI (Wilder), as TA-Lib.
//!
//! Directional movement: `up = high − prev high`, `down = prev low − low`;
//! `+DM = up` when `up > down` and `up > 0`, `−DM = down` when `down > up` and
//! `down > 0`, else 0. `+DM`, `−DM` and the true range are smoothed as Wilder
//! *sums*: TA-Lib seeds them with the sum of the first `n − 1` values and then
//! applies `S = S − S/n + value` (so the seed differs slightly from Wilder's
//! book, which sums `n` values). `±DI = 100 · ±DM / TR`,
//! `DX = 100 · |+DI − −DI| / (+DI + −DI)`, and `ADX` is the mean of the first
//! `n` DX values, then `ADX = (ADX · (n − 1) + DX) / n`. A step with a zero
//! true range or zero DI sum leaves ADX unchanged (DI is then 0), as TA-Lib.
//! The first output is at input `2n`; +DI/−DI alone are defined from input
//! `n + 1` (TA-Lib's `PLUS_DI`/`MINUS_DI`), and agree with these.
//!
//! ```
//! use tokenlens_core::indicators::{Candle, Indicator, trend::AdxConfig};
//! let mut adx = AdxConfig { period: 2 }.init().unwrap();
//! let mut out = None;
//! for i in 0..4 {
//!     let p = 10.0 + i as f64; // a steady rise
//!     out = adx.update(Candle::new(p, p + 1.0, p - 1.0, p, 0.0));
//! }
//! let out = out.unwrap();
//! assert_eq!((out.adx, out.minus_di), (100.0, 0.0));
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::candle::check_candles;
use crate::indicators::lanes::Lane;
use crate::indicators::volatility::atr::true_range;
use crate::indicators::{Candle, Hlc, Io, check_period, columns, run, streaming};

/// Parameters of an [`Adx`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AdxConfig {
    /// Number of periods, at least 2. Default 14.
    pub period: usize,
}

impl Default for AdxConfig {
    fn default() -> Self {
        Self { period: 14 }
    }
}

impl AdxConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 2)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Adx, Error> {
        self.validate()?;
        Ok(Adx {
            core: Directional::new(self.period),
            io: Io::default(),
        })
    }
}

/// One ADX output, all in 0..=100.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct AdxOutput {
    pub adx: f64,
    pub plus_di: f64,
    pub minus_di: f64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct State {
    high: f64,
    low: f64,
    close: f64,
    plus_dm: f64,
    minus_dm: f64,
    tr: f64,
    sum_dx: f64,
    adx: f64,
}

/// The directional movement machine shared by [`Adx`] and [`Dmi`].
#[derive(Debug, Clone, PartialEq)]
struct Directional {
    period: usize,
    count: usize,
    state: State,
    prev: (usize, State),
}

impl Directional {
    fn new(period: usize) -> Self {
        Self {
            period,
            count: 0,
            state: State::default(),
            prev: (0, State::default()),
        }
    }

    /// One candle: (+DI, −DI) from input `n + 1`, ADX from input `2n`.
    fn step(&mut self, c: Candle) -> (Option<(f64, f64)>, Option<f64>) {
        self.prev = (self.count, self.state);
        let i = self.count;
        self.count += 1;
        let n = self.period;
        let nf = n as f64;
        let s = &mut self.state;
        if i > 0 {
            let diff_p = c.high - s.high;
            let diff_m = s.low - c.low;
            if i >= n {
                s.minus_dm -= s.minus_dm / nf;
                s.plus_dm -= s.plus_dm / nf;
            }
            if diff_m > 0.0 && diff_p < diff_m {
                s.minus_dm += diff_m;
            } else if diff_p > 0.0 && diff_p > diff_m {
                s.plus_dm += diff_p;
            }
            let tr = true_range(c.high, c.low, s.close);
            if i >= n {
                s.tr = s.tr - (s.tr / nf) + tr;
            } else {
                s.tr += tr;
            }
        }
        s.high = c.high;
        s.low = c.low;
        s.close = c.close;
        if i < n {
            return (None, None);
        }
        let (mut plus_di, mut minus_di, mut dx) = (0.0, 0.0, None);
        if s.tr != 0.0 {
            minus_di = 100.0 * (s.minus_dm / s.tr);
            plus_di = 100.0 * (s.plus_dm / s.tr);
            let sum = minus_di + plus_di;
            if sum != 0.0 {
                dx = Some(100.0 * ((minus_di - plus_di).abs() / sum));
            }
        }
        let di = Some((plus_di, minus_di));
        if i < 2 * n - 1 {
            s.sum_dx += dx.unwrap_or(0.0);
            return (di, None);
        }
        if i == 2 * n - 1 {
            s.sum_dx += dx.unwrap_or(0.0);
            s.adx = s.sum_dx / nf;
        } else if let Some(dx) = dx {
            s.adx = ((s.adx * (nf - 1.0)) + dx) / nf;
        }
        (di, Some(s.adx))
    }

    fn undo(&mut self) {
        (self.count, self.state) = self.prev;
    }

    fn clear(&mut self) {
        *self = Self::new(self.period);
    }
}

/// Streaming ADX with ±DI. Built by [`AdxConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct AverageDirectionalIndex {
    core: Directional,
    io: Io<AdxOutput>,
}

/// Short name of [`AverageDirectionalIndex`].
pub type Adx = AverageDirectionalIndex;

impl Adx {
    fn push(&mut self, c: Candle) -> Option<AdxOutput> {
        let (di, adx) = self.core.step(c);
        let (plus_di, minus_di) = di?;
        Some(AdxOutput {
            adx: adx?,
            plus_di,
            minus_di,
        })
    }

    fn undo(&mut self) {
        self.core.undo();
    }

    fn clear(&mut self) {
        self.core.clear();
    }

    fn warmup_len(&self) -> usize {
        2 * self.core.period
    }
}

streaming!(Adx, Candle, AdxOutput);

impl fmt::Display for Adx {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ADX({})", self.core.period)
    }
}

/// ADX over a whole series, one column per output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdxSeries {
    pub adx: Vec<f64>,
    pub plus_di: Vec<f64>,
    pub minus_di: Vec<f64>,
}

/// ADX over candles: columns as long as `candles`, `NaN` for the first
/// `2·period − 1` entries. Every field must be finite.
pub fn adx(candles: &[Candle], period: usize) -> Result<AdxSeries, Error> {
    check_candles(candles)?;
    AdxConfig { period }.validate()?;
    let [mut adx, mut plus_di, mut minus_di] =
        std::array::from_fn(|_| vec![f64::NAN; candles.len()]);
    adx_into(
        candles,
        period,
        false,
        [&mut adx, &mut plus_di, &mut minus_di],
    );
    Ok(AdxSeries {
        adx,
        plus_di,
        minus_di,
    })
}

/// The batch ADX into `[adx, plus_di, minus_di]` (each as long as the input,
/// `NaN`-filled by the caller; ±DI from `period` with `early_di`, as
/// [`dmi`], else with the ADX from `2·period − 1`): [`Directional`]'s steps
/// in one loop over locals, in its order of operations.
pub(crate) fn adx_into<S: Hlc + ?Sized>(
    input: &S,
    period: usize,
    early_di: bool,
    out: [&mut [S::Value]; 3],
) {
    let n = period;
    let len = input.len();
    if len <= n {
        return;
    }
    let [out_adx, out_plus, out_minus] = out.map(|o| &mut o[..len]);
    let splat = S::Value::splat;
    let (zero, one, hundred) = (splat(0.0), splat(1.0), splat(100.0));
    let nf = splat(n as f64);
    let (mut prev_high, mut prev_low, mut prev_close) = input.hlc(0);
    let (mut plus_dm, mut minus_dm, mut tr_sum) = (zero, zero, zero);
    let (mut sum_dx, mut adx) = (zero, zero);
    for i in 1..len {
        let (high, low, close) = input.hlc(i);
        let diff_p = high - prev_high;
        let diff_m = prev_low - low;
        if i >= n {
            minus_dm -= minus_dm / nf;
            plus_dm -= plus_dm / nf;
        }
        // At most one of the two moves counts. Adding 0 leaves the sums'
        // bits as they were (they are never −0), and needs no branch.
        minus_dm += Lane::select(diff_m.gt(zero) & diff_p.lt(diff_m), diff_m, zero);
        plus_dm += Lane::select(diff_p.gt(zero) & diff_p.gt(diff_m), diff_p, zero);
        let tr = true_range(high, low, prev_close);
        if i >= n {
            tr_sum = tr_sum - (tr_sum / nf) + tr;
        } else {
            tr_sum += tr;
        }
        (prev_high, prev_low, prev_close) = (high, low, close);
        if i < n {
            continue;
        }
        // DI is 0 when the true range sums to 0; DX is defined (`has_dx`)
        // when the DIs do not both vanish. Both sides are computed and the
        // defined one is kept.
        let has_di = tr_sum.ne(zero);
        let minus_di = Lane::select(has_di, hundred * (minus_dm / tr_sum), zero);
        let plus_di = Lane::select(has_di, hundred * (plus_dm / tr_sum), zero);
        let sum = minus_di + plus_di;
        let has_dx = has_di & sum.ne(zero);
        let dx = hundred * ((minus_di - plus_di).abs() / sum);
        if i < 2 * n - 1 {
            sum_dx += Lane::select(has_dx, dx, zero);
            if early_di {
                (out_plus[i], out_minus[i]) = (plus_di, minus_di);
            }
            continue;
        }
        if i == 2 * n - 1 {
            sum_dx += Lane::select(has_dx, dx, zero);
            adx = sum_dx / nf;
        } else {
            adx = Lane::select(has_dx, ((adx * (nf - one)) + dx) / nf, adx);
        }
        out_adx[i] = adx;
        out_plus[i] = plus_di;
        out_minus[i] = minus_di;
    }
}

/// Parameters of a [`Dmi`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DmiConfig {
    /// Number of periods, at least 2. Default 14.
    pub period: usize,
}

impl Default for DmiConfig {
    fn default() -> Self {
        Self { period: 14 }
    }
}

impl DmiConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 2)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Dmi, Error> {
        self.validate()?;
        Ok(Dmi {
            core: Directional::new(self.period),
            io: Io::default(),
        })
    }
}

/// One directional movement output: +DI and −DI, in 0..=100.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct DmiOutput {
    pub plus_di: f64,
    pub minus_di: f64,
}

/// Streaming directional movement index (+DI and −DI alone, as TA-Lib's
/// `PLUS_DI`/`MINUS_DI`): ready `n − 1` candles before the ADX. Built by
/// [`DmiConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct DirectionalMovementIndex {
    core: Directional,
    io: Io<DmiOutput>,
}

/// Short name of [`DirectionalMovementIndex`].
pub type Dmi = DirectionalMovementIndex;

impl Dmi {
    fn push(&mut self, c: Candle) -> Option<DmiOutput> {
        let (plus_di, minus_di) = self.core.step(c).0?;
        Some(DmiOutput { plus_di, minus_di })
    }

    fn undo(&mut self) {
        self.core.undo();
    }

    fn clear(&mut self) {
        self.core.clear();
    }

    fn warmup_len(&self) -> usize {
        self.core.period + 1
    }
}

streaming!(Dmi, Candle, DmiOutput);

impl fmt::Display for Dmi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DMI({})", self.core.period)
    }
}

/// ±DI over a whole series, one column per output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DmiSeries {
    pub plus_di: Vec<f64>,
    pub minus_di: Vec<f64>,
}

/// ±DI over candles: columns as long as `candles`, `NaN` for the first
/// `period` entries. Every field must be finite.
pub fn dmi(candles: &[Candle], period: usize) -> Result<DmiSeries, Error> {
    check_candles(candles)?;
    let outs = run(DmiConfig { period }.init()?, candles);
    let [plus_di, minus_di] = columns(&outs, |o| [o.plus_di, o.minus_di]);
    Ok(DmiSeries { plus_di, minus_di })
}

//! Every batch indicator behind one serde-readable spec, computed over
//! price columns: what the CLI's `indicators` command and the JS
//! `indicators()` function share, so both name and compute things one way.
//!
//! A spec is `{"indicator": "rsi", "period": 7}` (any field left out takes
//! its default) or, in its short form, a default name such as `"rsi14"` or
//! `"macd"` from [`DEFAULT_NAMES`]. Outputs are named after the spec:
//! single-series indicators by name and period (`rsi7`), multi-series ones
//! by name and part (`macd_signal`); non-default parameters of multi-series
//! indicators are added to the name (`bb_10_1.5_upper`).
//!
//! ```
//! use tokenlens_core::indicators::catalog::{Columns, IndicatorSpec};
//! let close = [1.0, 2.0, 3.0, 4.0];
//! let spec: IndicatorSpec = "sma20".parse().unwrap();
//! let out = spec.compute(&Columns::close_only(&close)).unwrap();
//! assert_eq!(out[0].0, "sma20");
//! assert_eq!(out[0].1.len(), 4);
//! ```

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::lanes::Lane;
use super::momentum::rsi::rsi_into;
use super::momentum::stoch::stoch_into;
use super::momentum::{
    AoConfig, CciConfig, ElderRayConfig, MomConfig, RocConfig, RsiConfig, StochConfig,
    StochRsiConfig, UltOscConfig, WillRConfig, ao, cci, elder_ray, mom, roc, rsi, stoch_rsi,
    ult_osc, willr,
};
use super::trend::adx::adx_into;
use super::trend::ema::ema_into;
use super::trend::macd::macd_into;
use super::trend::sma::sma_into;
use super::trend::{
    AdxConfig, AroonConfig, DemaConfig, EmaConfig, HmaConfig, IchimokuConfig, MacdConfig,
    SarConfig, SmaConfig, SupertrendConfig, TemaConfig, VwmaConfig, WmaConfig, aroon, dema, ema,
    hma, ichimoku, macd, sar, sma, supertrend, tema, vwma, wma,
};
use super::volatility::atr::atr_into;
use super::volatility::bbands::bbands_into;
use super::volatility::{
    AtrConfig, BBandsConfig, DonchianConfig, KeltnerConfig, NatrConfig, StdDevConfig, bbands,
    donchian, keltner, natr, stddev,
};
use super::volume::{MfiConfig, VolumeZConfig, VwapConfig, ad, mfi, obv, volume_z, vwap};
use super::{Candle, HlcColumns, check_finite};
use crate::Error;

/// The default-parameter names, in the order the CLI prints them.
pub const DEFAULT_NAMES: &[&str] = &[
    "sma20",
    "ema20",
    "wma20",
    "dema20",
    "tema20",
    "hma9",
    "vwma20",
    "rsi14",
    "macd",
    "stoch",
    "stochrsi",
    "cci20",
    "willr14",
    "mom10",
    "roc10",
    "ao",
    "uo",
    "adx14",
    "aroon25",
    "psar",
    "bb",
    "atr14",
    "natr14",
    "kc",
    "dc",
    "obv",
    "mfi14",
    "ad",
    "stddev20",
    "elderray13",
    "vwap20",
    "volume_z20",
    "ichimoku",
    "supertrend",
];

/// Price columns; every present column is as long as `close`.
#[derive(Debug, Clone, Copy)]
pub struct Columns<'a> {
    pub open: Option<&'a [f64]>,
    pub high: Option<&'a [f64]>,
    pub low: Option<&'a [f64]>,
    pub close: &'a [f64],
    pub volume: Option<&'a [f64]>,
}

impl<'a> Columns<'a> {
    /// Only closing prices (what a price-only feed gives).
    pub fn close_only(close: &'a [f64]) -> Self {
        Self {
            open: None,
            high: None,
            low: None,
            close,
            volume: None,
        }
    }

    /// Checks lengths and finiteness of every present column.
    pub fn validate(&self) -> Result<(), Error> {
        let expected = self.close.len();
        check_finite("close", self.close)?;
        for (field, col) in self.optional() {
            if let Some(col) = col {
                if col.len() != expected {
                    return Err(Error::LengthMismatch {
                        field,
                        len: col.len(),
                        expected,
                    });
                }
                check_finite(field, col)?;
            }
        }
        Ok(())
    }

    fn optional(&self) -> [(&'static str, Option<&'a [f64]>); 4] {
        [
            ("open", self.open),
            ("high", self.high),
            ("low", self.low),
            ("volume", self.volume),
        ]
    }

    /// High, low and close for an indicator that reads them, without building
    /// candles; with `check`, lengths and finiteness are checked too.
    fn hlc(&self, indicator: &str, check: bool) -> Result<HlcColumns<'a>, Error> {
        let missing = |column| Error::MissingColumn {
            indicator: indicator.to_owned(),
            column,
        };
        let high = self.high.ok_or_else(|| missing("high"))?;
        let low = self.low.ok_or_else(|| missing("low"))?;
        if check {
            let expected = self.close.len();
            for (field, col) in [("high", high), ("low", low)] {
                if col.len() != expected {
                    return Err(Error::LengthMismatch {
                        field,
                        len: col.len(),
                        expected,
                    });
                }
                check_finite(field, col)?;
            }
            check_finite("close", self.close)?;
        }
        Ok(HlcColumns::new(high, low, self.close))
    }

    /// Candles for an indicator that reads `needs`. A field the indicator
    /// does not read is filled when its column is absent (open with the
    /// close, the others with 0) and never seen by the indicator.
    fn candles(&self, indicator: &str, needs: Needs) -> Result<Vec<Candle>, Error> {
        let pick = |field: &'static str, col: Option<&'a [f64]>, needed: bool| match col {
            Some(c) => Ok(Some(c)),
            None if needed => Err(Error::MissingColumn {
                indicator: indicator.to_owned(),
                column: field,
            }),
            None => Ok(None),
        };
        let high = pick("high", self.high, needs.high_low)?;
        let low = pick("low", self.low, needs.high_low)?;
        let volume = pick("volume", self.volume, needs.volume)?;
        let at = |col: Option<&[f64]>, i: usize| col.map_or(0.0, |c| c[i]);
        Ok((0..self.close.len())
            .map(|i| {
                let close = self.close[i];
                Candle::new(
                    self.open.map_or(close, |c| c[i]),
                    at(high, i),
                    at(low, i),
                    close,
                    at(volume, i),
                )
            })
            .collect())
    }
}

#[derive(Debug, Clone, Copy)]
struct Needs {
    high_low: bool,
    volume: bool,
}

const HLC: Needs = Needs {
    high_low: true,
    volume: false,
};
const HLCV: Needs = Needs {
    high_low: true,
    volume: true,
};
const CV: Needs = Needs {
    high_low: false,
    volume: true,
};

/// One indicator with its parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "indicator", rename_all = "lowercase")]
#[non_exhaustive]
pub enum IndicatorSpec {
    Sma(SmaConfig),
    Ema(EmaConfig),
    Wma(WmaConfig),
    Dema(DemaConfig),
    Tema(TemaConfig),
    Hma(HmaConfig),
    Vwma(VwmaConfig),
    Rsi(RsiConfig),
    Macd(MacdConfig),
    Stoch(StochConfig),
    StochRsi(StochRsiConfig),
    Cci(CciConfig),
    WillR(WillRConfig),
    Mom(MomConfig),
    Roc(RocConfig),
    Ao(AoConfig),
    Uo(UltOscConfig),
    Adx(AdxConfig),
    Aroon(AroonConfig),
    Psar(SarConfig),
    Bb(BBandsConfig),
    Atr(AtrConfig),
    Natr(NatrConfig),
    Kc(KeltnerConfig),
    Dc(DonchianConfig),
    Obv,
    Mfi(MfiConfig),
    Ad,
    StdDev(StdDevConfig),
    #[serde(rename = "elderray")]
    ElderRay(ElderRayConfig),
    Vwap(VwapConfig),
    #[serde(rename = "volume_z")]
    VolumeZ(VolumeZConfig),
    Ichimoku(IchimokuConfig),
    Supertrend(SupertrendConfig),
}

type Outputs = Vec<(String, Vec<f64>)>;

impl IndicatorSpec {
    /// The spec's name: `rsi14`, `macd`, `bb_10_1.5`.
    pub fn name(&self) -> String {
        use IndicatorSpec::*;
        let with_params = |base: &str, params: String, default: bool| {
            if default {
                base.to_owned()
            } else {
                format!("{base}_{params}")
            }
        };
        match self {
            Sma(c) => format!("sma{}", c.period),
            Ema(c) => format!("ema{}", c.period),
            Wma(c) => format!("wma{}", c.period),
            Dema(c) => format!("dema{}", c.period),
            Tema(c) => format!("tema{}", c.period),
            Hma(c) => format!("hma{}", c.period),
            Vwma(c) => format!("vwma{}", c.period),
            Rsi(c) => format!("rsi{}", c.period),
            Cci(c) => format!("cci{}", c.period),
            WillR(c) => format!("willr{}", c.period),
            Mom(c) => format!("mom{}", c.period),
            Roc(c) => format!("roc{}", c.period),
            Adx(c) => format!("adx{}", c.period),
            Aroon(c) => format!("aroon{}", c.period),
            Atr(c) => format!("atr{}", c.period),
            Natr(c) => format!("natr{}", c.period),
            Mfi(c) => format!("mfi{}", c.period),
            ElderRay(c) => format!("elderray{}", c.period),
            Vwap(c) => format!("vwap{}", c.period),
            VolumeZ(c) => format!("volume_z{}", c.period),
            Ichimoku(c) => with_params(
                "ichimoku",
                format!("{}_{}_{}", c.conversion, c.base, c.span_b),
                *c == IchimokuConfig::default(),
            ),
            Supertrend(c) => with_params(
                "supertrend",
                format!("{}_{}", c.atr_period, c.multiplier),
                *c == SupertrendConfig::default(),
            ),
            Macd(c) => with_params(
                "macd",
                format!("{}_{}_{}", c.fast, c.slow, c.signal),
                *c == MacdConfig::default(),
            ),
            Stoch(c) => with_params(
                "stoch",
                format!("{}_{}_{}", c.k_period, c.k_slowing, c.d_period),
                *c == StochConfig::default(),
            ),
            StochRsi(c) => with_params(
                "stochrsi",
                format!("{}_{}_{}", c.rsi_period, c.k_period, c.d_period),
                *c == StochRsiConfig::default(),
            ),
            Ao(c) => with_params(
                "ao",
                format!("{}_{}", c.fast, c.slow),
                *c == AoConfig::default(),
            ),
            Uo(c) => with_params(
                "uo",
                format!("{}_{}_{}", c.short, c.mid, c.long),
                *c == UltOscConfig::default(),
            ),
            Psar(c) => with_params(
                "psar",
                format!("{}_{}", c.acceleration, c.maximum),
                *c == SarConfig::default(),
            ),
            Bb(c) => with_params(
                "bb",
                format!("{}_{}", c.period, c.multiplier),
                *c == BBandsConfig::default(),
            ),
            Kc(c) => with_params(
                "kc",
                format!("{}_{}_{}", c.period, c.atr_period, c.multiplier),
                *c == KeltnerConfig::default(),
            ),
            Dc(c) => with_params("dc", c.period.to_string(), *c == DonchianConfig::default()),
            StdDev(c) => {
                if c.deviations == 1.0 {
                    format!("stddev{}", c.period)
                } else {
                    format!("stddev{}_{}", c.period, c.deviations)
                }
            }
            Obv => "obv".into(),
            Ad => "ad".into(),
        }
    }

    /// Computes the indicator over `columns` (already validated by the
    /// caller, or checked here by the batch functions). Each output is as
    /// long as the columns, `NaN` during warm-up.
    pub fn compute(&self, columns: &Columns<'_>) -> Result<Outputs, Error> {
        use IndicatorSpec::*;
        let name = self.name();
        let close = columns.close;
        let one = |v: Vec<f64>| vec![(name.clone(), v)];
        let parts = |parts: Vec<(&str, Vec<f64>)>| {
            parts
                .into_iter()
                .map(|(part, v)| (format!("{name}_{part}"), v))
                .collect::<Outputs>()
        };
        let candles = |needs| columns.candles(&name, needs);
        Ok(match self {
            Sma(c) => one(sma(close, c.period)?),
            Ema(c) => one(ema(close, c.period)?),
            Wma(c) => one(wma(close, c.period)?),
            Dema(c) => one(dema(close, c.period)?),
            Tema(c) => one(tema(close, c.period)?),
            Hma(c) => one(hma(close, c.period)?),
            Rsi(c) => one(rsi(close, c.period)?),
            Mom(c) => one(mom(close, c.period)?),
            Roc(c) => one(roc(close, c.period)?),
            StdDev(c) => one(stddev(close, *c)?),
            Vwma(c) => one(vwma(&candles(CV)?, c.period)?),
            Obv => one(obv(&candles(CV)?)?),
            Cci(c) => one(cci(&candles(HLC)?, c.period)?),
            WillR(c) => one(willr(&candles(HLC)?, c.period)?),
            Ao(c) => one(ao(&candles(HLC)?, *c)?),
            Uo(c) => one(ult_osc(&candles(HLC)?, *c)?),
            Psar(c) => one(sar(&candles(HLC)?, *c)?),
            Atr(c) => {
                c.validate()?;
                let mut out = nan(close.len());
                atr_into(&columns.hlc(&name, true)?, c.period, &mut out);
                one(out)
            }
            Natr(c) => one(natr(&candles(HLC)?, c.period)?),
            Mfi(c) => one(mfi(&candles(HLCV)?, c.period)?),
            Ad => one(ad(&candles(HLCV)?)?),
            Vwap(c) => one(vwap(&candles(HLCV)?, c.period)?),
            VolumeZ(c) => one(volume_z(&candles(CV)?, c.period)?),
            ElderRay(c) => {
                let s = elder_ray(&candles(HLC)?, c.period)?;
                vec![
                    (format!("bull_power{}", c.period), s.bull_power),
                    (format!("bear_power{}", c.period), s.bear_power),
                ]
            }
            Ichimoku(c) => {
                let s = ichimoku(&candles(HLC)?, *c)?;
                parts(vec![
                    ("conversion", s.conversion),
                    ("base", s.base),
                    ("span_a", s.span_a),
                    ("span_b", s.span_b),
                ])
            }
            Supertrend(c) => {
                let s = supertrend(&candles(HLC)?, *c)?;
                let mut out = one(s.value);
                out.extend(parts(vec![("direction", s.direction)]));
                out
            }
            Macd(c) => {
                let s = macd(close, *c)?;
                let mut out = one(s.macd);
                out.extend(parts(vec![("signal", s.signal), ("hist", s.histogram)]));
                out
            }
            Stoch(c) => {
                c.validate()?;
                let hlc = columns.hlc(&name, true)?;
                let [mut k, mut d] = [nan(close.len()), nan(close.len())];
                stoch_into(&hlc, *c, [&mut k, &mut d]);
                parts(vec![("k", k), ("d", d)])
            }
            StochRsi(c) => {
                let s = stoch_rsi(close, *c)?;
                parts(vec![("k", s.k), ("d", s.d)])
            }
            Bb(c) => {
                let s = bbands(close, *c)?;
                parts(vec![
                    ("upper", s.upper),
                    ("middle", s.middle),
                    ("lower", s.lower),
                    ("percent_b", s.percent_b),
                    ("bandwidth", s.bandwidth),
                ])
            }
            Kc(c) => {
                let s = keltner(&candles(HLC)?, *c)?;
                parts(vec![
                    ("upper", s.upper),
                    ("middle", s.middle),
                    ("lower", s.lower),
                ])
            }
            Dc(c) => {
                let s = donchian(&candles(HLC)?, c.period)?;
                parts(vec![
                    ("upper", s.upper),
                    ("middle", s.middle),
                    ("lower", s.lower),
                ])
            }
            Adx(c) => {
                // +DI/−DI from input `period + 1` (TA-Lib's PLUS_DI lookback,
                // shorter than ADX's), ADX from input `2·period`.
                c.validate()?;
                let hlc = columns.hlc(&name, true)?;
                let [mut adx, mut plus_di, mut minus_di] =
                    std::array::from_fn(|_| nan(close.len()));
                adx_into(
                    &hlc,
                    c.period,
                    true,
                    [&mut adx, &mut plus_di, &mut minus_di],
                );
                vec![
                    (name.clone(), adx),
                    (format!("plus_di{}", c.period), plus_di),
                    (format!("minus_di{}", c.period), minus_di),
                ]
            }
            Aroon(c) => {
                let s = aroon(&candles(HLC)?, c.period)?;
                vec![
                    (format!("aroon_up{}", c.period), s.up),
                    (format!("aroon_down{}", c.period), s.down),
                    (format!("aroon_osc{}", c.period), s.oscillator),
                ]
            }
        })
    }
}

impl FromStr for IndicatorSpec {
    type Err = Error;

    /// A default name from [`DEFAULT_NAMES`], or a period-only indicator with
    /// another period (`rsi7`, `sma200`).
    fn from_str(s: &str) -> Result<Self, Error> {
        use IndicatorSpec::*;
        let unknown = || Error::InvalidParameter {
            name: "indicator",
            value: s.to_owned(),
            reason: "not a known indicator name",
        };
        let split = s.find(|c: char| c.is_ascii_digit()).unwrap_or(s.len());
        let (base, digits) = s.split_at(split);
        let period = if digits.is_empty() {
            None
        } else {
            Some(digits.parse::<usize>().map_err(|_| unknown())?)
        };
        let p = |default: usize| period.unwrap_or(default);
        let spec = match (base, period) {
            ("sma", _) => Sma(SmaConfig { period: p(20) }),
            ("ema", _) => Ema(EmaConfig { period: p(20) }),
            ("wma", _) => Wma(WmaConfig { period: p(20) }),
            ("dema", _) => Dema(DemaConfig { period: p(20) }),
            ("tema", _) => Tema(TemaConfig { period: p(20) }),
            ("hma", _) => Hma(HmaConfig { period: p(9) }),
            ("vwma", _) => Vwma(VwmaConfig { period: p(20) }),
            ("rsi", _) => Rsi(RsiConfig { period: p(14) }),
            ("cci", _) => Cci(CciConfig { period: p(20) }),
            ("willr", _) => WillR(WillRConfig { period: p(14) }),
            ("mom", _) => Mom(MomConfig { period: p(10) }),
            ("roc", _) => Roc(RocConfig { period: p(10) }),
            ("adx", _) => Adx(AdxConfig { period: p(14) }),
            ("aroon", _) => Aroon(AroonConfig { period: p(25) }),
            ("atr", _) => Atr(AtrConfig { period: p(14) }),
            ("natr", _) => Natr(NatrConfig { period: p(14) }),
            ("mfi", _) => Mfi(MfiConfig { period: p(14) }),
            ("stddev", _) => StdDev(StdDevConfig {
                period: p(20),
                ..StdDevConfig::default()
            }),
            ("dc", _) => Dc(DonchianConfig { period: p(20) }),
            ("elderray", _) => ElderRay(ElderRayConfig { period: p(13) }),
            ("vwap", _) => Vwap(VwapConfig { period: p(20) }),
            ("volume_z", _) => VolumeZ(VolumeZConfig { period: p(20) }),
            ("ichimoku", None) => Ichimoku(IchimokuConfig::default()),
            ("supertrend", None) => Supertrend(SupertrendConfig::default()),
            ("macd", None) => Macd(MacdConfig::default()),
            ("stoch", None) => Stoch(StochConfig::default()),
            ("stochrsi", None) => StochRsi(StochRsiConfig::default()),
            ("ao", None) => Ao(AoConfig::default()),
            ("uo", None) => Uo(UltOscConfig::default()),
            ("psar", None) => Psar(SarConfig::default()),
            ("bb", None) => Bb(BBandsConfig::default()),
            ("kc", None) => Kc(KeltnerConfig::default()),
            ("obv", None) => Obv,
            ("ad", None) => Ad,
            _ => return Err(unknown()),
        };
        Ok(spec)
    }
}

/// `len` NaNs: a batch output before its kernel fills it.
fn nan(len: usize) -> Vec<f64> {
    vec![f64::NAN; len]
}

impl IndicatorSpec {
    /// How many output columns [`IndicatorSpec::compute`] gives.
    pub fn output_count(&self) -> usize {
        use IndicatorSpec::*;
        match self {
            Sma(_) | Ema(_) | Rsi(_) | Atr(_) => 1,
            Stoch(_) => 2,
            Macd(_) | Adx(_) => 3,
            Bb(_) => 5,
            // Any other: as many as `compute` names (cheap on no data).
            _ => self.output_names().len(),
        }
    }

    /// The names of the output columns, in order, as [`IndicatorSpec::compute`] names them.
    pub fn output_names(&self) -> Vec<String> {
        let empty: &[f64] = &[];
        let columns = Columns {
            open: Some(empty),
            high: Some(empty),
            low: Some(empty),
            close: empty,
            volume: Some(empty),
        };
        match self.compute(&columns) {
            Ok(outputs) => outputs.into_iter().map(|(name, _)| name).collect(),
            // A bad parameter: `compute_all_into` reports it.
            Err(_) => Vec::new(),
        }
    }

    /// [`IndicatorSpec::compute`] into `out`: `output_count()` columns as
    /// long as `close`, one after the other. The columns are valid.
    /// `out` must be `NaN`-filled.
    pub(crate) fn compute_into(&self, columns: &Columns<'_>, out: &mut [f64]) -> Result<(), Error> {
        let close = columns.close;
        if close.is_empty() {
            // Nothing to compute, but the same errors (parameters, columns).
            return self.compute(columns).map(drop);
        }
        let hlc = match (columns.high, columns.low) {
            (Some(high), Some(low)) => Ok(HlcColumns::new(high, low, close)),
            (None, _) => Err("high"),
            (Some(_), None) => Err("low"),
        };
        if !self.kernel_into(close, hlc, out)? {
            let mut parts = out.chunks_exact_mut(close.len());
            for (_, values) in self.compute(columns)? {
                if let Some(part) = parts.next() {
                    part.copy_from_slice(&values);
                }
            }
        }
        Ok(())
    }

    /// Whether this spec has a dedicated batch kernel (see [`IndicatorSpec::kernel_into`]).
    pub(crate) fn has_kernel(&self) -> bool {
        use IndicatorSpec::*;
        matches!(
            self,
            Sma(_) | Ema(_) | Rsi(_) | Macd(_) | Bb(_) | Atr(_) | Adx(_) | Stoch(_)
        )
    }

    /// The dedicated batch kernel of the eight most used indicators into
    /// `out` (`output_count()` columns as long as `close`, `NaN`-filled),
    /// over one series (`L = f64`) or several side by side; `hlc` is the
    /// high, low and close columns, or the name of the one that is absent.
    /// `Ok(false)` (nothing written) for a spec without a kernel.
    pub(crate) fn kernel_into<L: Lane>(
        &self,
        close: &[L],
        hlc: Result<HlcColumns<'_, L>, &'static str>,
        out: &mut [L],
    ) -> Result<bool, Error> {
        use IndicatorSpec::*;
        let len = close.len();
        let mut parts = out.chunks_exact_mut(len.max(1));
        let mut next = || parts.next().unwrap_or_default();
        let hlc = || {
            hlc.map_err(|column| Error::MissingColumn {
                indicator: self.name(),
                column,
            })
        };
        match self {
            Sma(c) => {
                c.validate()?;
                sma_into(close, c.period, next());
            }
            Ema(c) => {
                c.validate()?;
                ema_into(close, c.period, next());
            }
            Rsi(c) => {
                c.validate()?;
                rsi_into(close, c.period, next());
            }
            Macd(c) => {
                c.validate()?;
                macd_into(close, *c, [next(), next(), next()]);
            }
            Bb(c) => {
                c.validate()?;
                bbands_into(close, *c, [next(), next(), next(), next(), next()]);
            }
            Atr(c) => {
                c.validate()?;
                atr_into(&hlc()?, c.period, next());
            }
            Adx(c) => {
                c.validate()?;
                adx_into(&hlc()?, c.period, true, [next(), next(), next()]);
            }
            Stoch(c) => {
                c.validate()?;
                stoch_into(&hlc()?, *c, [next(), next()]);
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// Every spec's outputs into one buffer: column after column, each as long
/// as `close`, in the order of the specs and of their
/// [`IndicatorSpec::output_names`] (`out` must hold the sum of their
/// [`IndicatorSpec::output_count`] columns). Unlike [`compute_all`], a spec
/// that needs a missing column is an error. Nothing is allocated for the
/// eight most used indicators (SMA, EMA, RSI, MACD, Bollinger Bands, ATR,
/// ADX, stochastic); the others are computed by [`IndicatorSpec::compute`]
/// and copied.
pub fn compute_all_into(
    specs: &[IndicatorSpec],
    columns: &Columns<'_>,
    out: &mut [f64],
) -> Result<(), Error> {
    let len = columns.close.len();
    let total: usize = specs.iter().map(IndicatorSpec::output_count).sum();
    if out.len() != total * len {
        return Err(Error::LengthMismatch {
            field: "out",
            len: out.len(),
            expected: total * len,
        });
    }
    out.fill(f64::NAN);
    fill(specs, columns, out)
}

/// Like [`compute_all_into`], into a new buffer (of the sum of the specs'
/// [`IndicatorSpec::output_count`] columns, each as long as `close`).
pub fn compute_all_flat(specs: &[IndicatorSpec], columns: &Columns<'_>) -> Result<Vec<f64>, Error> {
    let total: usize = specs.iter().map(IndicatorSpec::output_count).sum();
    let mut out = vec![f64::NAN; total * columns.close.len()];
    fill(specs, columns, &mut out)?;
    Ok(out)
}

/// The specs' outputs into `out`, of the right length and `NaN`-filled.
fn fill(specs: &[IndicatorSpec], columns: &Columns<'_>, out: &mut [f64]) -> Result<(), Error> {
    columns.validate()?;
    let len = columns.close.len();
    let mut rest = out;
    for spec in specs {
        let (mine, others) = rest.split_at_mut(spec.output_count() * len);
        spec.compute_into(columns, mine)?;
        rest = others;
    }
    Ok(())
}

/// Computes every spec that the columns allow. Specs that need a column the
/// data lacks are skipped with their [`Error::MissingColumn`]; any other
/// error (a bad parameter) fails the whole call.
pub fn compute_all(
    specs: &[IndicatorSpec],
    columns: &Columns<'_>,
) -> Result<(Outputs, Vec<Error>), Error> {
    columns.validate()?;
    let mut outputs = Vec::new();
    let mut skipped = Vec::new();
    for spec in specs {
        match spec.compute(columns) {
            Ok(out) => outputs.extend(out),
            Err(e @ Error::MissingColumn { .. }) => skipped.push(e),
            Err(e) => return Err(e),
        }
    }
    Ok((outputs, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Open, high, low, close and volume columns of a wavy uptrend.
    type Ohlcv = (Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>);

    fn series(n: usize) -> Ohlcv {
        let close: Vec<f64> = (0..n)
            .map(|i| 100.0 + (i as f64 * 0.37).sin() * 5.0 + i as f64 * 0.1)
            .collect();
        let open: Vec<f64> = close.iter().map(|c| c - 0.3).collect();
        let high: Vec<f64> = close.iter().map(|c| c + 1.0).collect();
        let low: Vec<f64> = close.iter().map(|c| c - 1.5).collect();
        let volume: Vec<f64> = (0..n).map(|i| 1000.0 + (i % 7) as f64 * 50.0).collect();
        (open, high, low, close, volume)
    }

    #[test]
    fn every_default_name_parses_computes_and_keeps_its_name() {
        let (o, h, l, c, v) = series(120);
        let cols = Columns {
            open: Some(&o),
            high: Some(&h),
            low: Some(&l),
            close: &c,
            volume: Some(&v),
        };
        for name in DEFAULT_NAMES {
            let spec: IndicatorSpec = name.parse().unwrap();
            assert_eq!(&spec.name(), name);
            for (out_name, values) in spec.compute(&cols).unwrap() {
                assert_eq!(values.len(), c.len(), "{out_name}");
                assert!(
                    values.last().unwrap().is_finite(),
                    "{out_name} never warmed up"
                );
            }
        }
    }

    #[test]
    fn output_names_match_the_cli_contract() {
        let (o, h, l, c, v) = series(60);
        let cols = Columns {
            open: Some(&o),
            high: Some(&h),
            low: Some(&l),
            close: &c,
            volume: Some(&v),
        };
        let specs: Vec<IndicatorSpec> = DEFAULT_NAMES.iter().map(|n| n.parse().unwrap()).collect();
        let (outputs, skipped) = compute_all(&specs, &cols).unwrap();
        assert!(skipped.is_empty());
        let names: Vec<&str> = outputs.iter().map(|(n, _)| n.as_str()).collect();
        for expected in [
            "sma20",
            "ema20",
            "wma20",
            "dema20",
            "tema20",
            "hma9",
            "vwma20",
            "rsi14",
            "macd",
            "macd_signal",
            "macd_hist",
            "stoch_k",
            "stoch_d",
            "stochrsi_k",
            "stochrsi_d",
            "cci20",
            "willr14",
            "mom10",
            "roc10",
            "ao",
            "uo",
            "adx14",
            "plus_di14",
            "minus_di14",
            "aroon_up25",
            "aroon_down25",
            "psar",
            "bb_upper",
            "bb_middle",
            "bb_lower",
            "atr14",
            "natr14",
            "kc_upper",
            "kc_lower",
            "dc_upper",
            "dc_lower",
            "obv",
            "mfi14",
            "ad",
        ] {
            assert!(names.contains(&expected), "missing {expected}");
        }
    }

    #[test]
    fn close_only_data_computes_what_it_can_and_names_what_it_skipped() {
        let (_, _, _, c, _) = series(60);
        let specs: Vec<IndicatorSpec> = ["rsi14", "atr14", "obv", "macd"]
            .iter()
            .map(|n| n.parse().unwrap())
            .collect();
        let (outputs, skipped) = compute_all(&specs, &Columns::close_only(&c)).unwrap();
        let names: Vec<&str> = outputs.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["rsi14", "macd", "macd_signal", "macd_hist"]);
        let missing: Vec<String> = skipped.iter().map(|e| e.to_string()).collect();
        assert_eq!(missing.len(), 2);
        assert!(
            missing[0].contains("atr14") && missing[0].contains("high"),
            "{}",
            missing[0]
        );
        assert!(
            missing[1].contains("obv") && missing[1].contains("volume"),
            "{}",
            missing[1]
        );
    }

    #[test]
    fn object_specs_read_from_json_with_defaults_and_custom_names() {
        let spec: IndicatorSpec =
            serde_json::from_str(r#"{"indicator": "rsi", "period": 7}"#).unwrap();
        assert_eq!(spec.name(), "rsi7");
        let spec: IndicatorSpec = serde_json::from_str(r#"{"indicator": "macd"}"#).unwrap();
        assert_eq!(spec.name(), "macd");
        let spec: IndicatorSpec =
            serde_json::from_str(r#"{"indicator": "bb", "period": 10, "multiplier": 1.5}"#)
                .unwrap();
        assert_eq!(spec.name(), "bb_10_1.5");
        assert!(
            serde_json::from_str::<IndicatorSpec>(r#"{"indicator": "rsi", "peroid": 7}"#).is_err()
        );
        assert!(serde_json::from_str::<IndicatorSpec>(r#"{"indicator": "nope"}"#).is_err());
    }

    #[test]
    fn matches_the_direct_batch_function() {
        let (_, _, _, c, _) = series(80);
        let out = "rsi14"
            .parse::<IndicatorSpec>()
            .unwrap()
            .compute(&Columns::close_only(&c))
            .unwrap();
        let direct = rsi(&c, 14).unwrap();
        assert_eq!(out[0].1.len(), direct.len());
        for (a, b) in out[0].1.iter().zip(&direct) {
            assert!(a == b || (a.is_nan() && b.is_nan()));
        }
    }

    #[test]
    fn bad_names_and_columns_are_typed_errors() {
        for bad in ["", "rsi-1", "macd5", "foo", "rsi99999999999999999999999"] {
            let err = bad.parse::<IndicatorSpec>().unwrap_err();
            assert_eq!(err.code(), "INVALID_PARAMETER", "{bad}");
        }
        let c = [1.0, 2.0, 3.0];
        let short = [1.0, 2.0];
        let cols = Columns {
            high: Some(&short),
            ..Columns::close_only(&c)
        };
        assert_eq!(
            compute_all(&[], &cols).unwrap_err().code(),
            "LENGTH_MISMATCH"
        );
        let nan = [1.0, f64::NAN, 3.0];
        assert_eq!(
            compute_all(&[], &Columns::close_only(&nan))
                .unwrap_err()
                .code(),
            "INVALID_INPUT"
        );
    }
}

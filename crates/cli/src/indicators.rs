//! `tokenlens indicators`: every indicator at its default parameters over a
//! CSV price file, as one JSON object of columns aligned with the rows.

use std::path::Path;

use tokenlens_core::Candle;
use tokenlens_core::Error;
use tokenlens_core::indicators::momentum::{self, StochConfig, StochRsiConfig, UltOscConfig};
use tokenlens_core::indicators::trend::{
    self, IchimokuConfig, MacdConfig, SarConfig, SupertrendConfig,
};
use tokenlens_core::indicators::volatility::{self, BBandsConfig, KeltnerConfig};
use tokenlens_core::indicators::volume;

use crate::table::Table;

/// What an indicator reads besides the close.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Needs {
    Close,
    /// Close and volume.
    Volume,
    /// High, low and close.
    Range,
    /// High, low, close and volume.
    RangeVolume,
}

/// One named output column.
type Column = (&'static str, Vec<f64>);

pub fn run(csv: &Path) -> Result<(), String> {
    let table = Table::read(csv)?;
    let columns = compute(&table).map_err(|e| format!("{}: {e}", csv.display()))?;
    println!("{}", to_json(&columns)?);
    Ok(())
}

/// Every indicator the table has the columns for, in a fixed order.
pub fn compute(t: &Table) -> Result<Vec<Column>, Error> {
    let has_range = t.high.is_some() && t.low.is_some();
    let has_volume = t.volume.is_some();
    let can = |needs: Needs| match needs {
        Needs::Close => true,
        Needs::Volume => has_volume,
        Needs::Range => has_range,
        Needs::RangeVolume => has_range && has_volume,
    };
    // Missing columns are filled in only for indicators that never read them.
    let c = &t.close;
    let or_close = |col: &Option<Vec<f64>>| col.clone().unwrap_or_else(|| c.clone());
    let volume = t.volume.clone().unwrap_or_else(|| vec![0.0; c.len()]);
    let k = Candle::from_columns(
        &or_close(&t.open),
        &or_close(&t.high),
        &or_close(&t.low),
        c,
        &volume,
    )?;

    let mut out: Vec<Column> = Vec::new();
    let mut put = |needs: Needs, cols: Vec<Column>| {
        if can(needs) {
            out.extend(cols);
        }
    };
    use Needs::*;
    put(Close, vec![("sma20", trend::sma(c, 20)?)]);
    put(Close, vec![("ema20", trend::ema(c, 20)?)]);
    put(Close, vec![("wma20", trend::wma(c, 20)?)]);
    put(Close, vec![("dema20", trend::dema(c, 20)?)]);
    put(Close, vec![("tema20", trend::tema(c, 20)?)]);
    put(Close, vec![("hma9", trend::hma(c, 9)?)]);
    put(Volume, vec![("vwma20", trend::vwma(&k, 20)?)]);
    put(Close, vec![("rsi14", momentum::rsi(c, 14)?)]);
    let m = trend::macd(c, MacdConfig::default())?;
    put(
        Close,
        vec![
            ("macd", m.macd),
            ("macd_signal", m.signal),
            ("macd_hist", m.histogram),
        ],
    );
    let s = momentum::stoch(&k, StochConfig::default())?;
    put(Range, vec![("stoch_k", s.k), ("stoch_d", s.d)]);
    let s = momentum::stoch_rsi(c, StochRsiConfig::default())?;
    put(Close, vec![("stochrsi_k", s.k), ("stochrsi_d", s.d)]);
    put(Range, vec![("cci20", momentum::cci(&k, 20)?)]);
    put(Range, vec![("willr14", momentum::willr(&k, 14)?)]);
    put(Close, vec![("mom10", momentum::mom(c, 10)?)]);
    put(Close, vec![("roc10", momentum::roc(c, 10)?)]);
    put(Range, vec![("ao", momentum::ao(&k, Default::default())?)]);
    put(
        Range,
        vec![("uo", momentum::ult_osc(&k, UltOscConfig::default())?)],
    );
    let a = trend::adx(&k, 14)?;
    let d = trend::dmi(&k, 14)?;
    put(
        Range,
        vec![
            ("adx14", a.adx),
            ("plus_di14", d.plus_di),
            ("minus_di14", d.minus_di),
        ],
    );
    let a = trend::aroon(&k, 25)?;
    put(Range, vec![("aroon_up25", a.up), ("aroon_down25", a.down)]);
    put(Range, vec![("psar", trend::sar(&k, SarConfig::default())?)]);
    let b = volatility::bbands(c, BBandsConfig::default())?;
    put(
        Close,
        vec![
            ("bb_upper", b.upper),
            ("bb_middle", b.middle),
            ("bb_lower", b.lower),
        ],
    );
    put(Range, vec![("atr14", volatility::atr(&k, 14)?)]);
    put(Range, vec![("natr14", volatility::natr(&k, 14)?)]);
    let kc = volatility::keltner(&k, KeltnerConfig::default())?;
    put(Range, vec![("kc_upper", kc.upper), ("kc_lower", kc.lower)]);
    let dc = volatility::donchian(&k, 20)?;
    put(Range, vec![("dc_upper", dc.upper), ("dc_lower", dc.lower)]);
    put(Volume, vec![("obv", volume::obv(&k)?)]);
    put(RangeVolume, vec![("mfi14", volume::mfi(&k, 14)?)]);
    put(RangeVolume, vec![("ad", volume::ad(&k)?)]);
    // Beyond the classic set.
    let e = momentum::elder_ray(&k, 13)?;
    put(
        Range,
        vec![
            ("bull_power13", e.bull_power),
            ("bear_power13", e.bear_power),
        ],
    );
    put(RangeVolume, vec![("vwap20", volume::vwap(&k, 20)?)]);
    put(Volume, vec![("volume_z20", volume::volume_z(&k, 20)?)]);
    let i = trend::ichimoku(&k, IchimokuConfig::default())?;
    put(
        Range,
        vec![
            ("ichimoku_conversion", i.conversion),
            ("ichimoku_base", i.base),
            ("ichimoku_span_a", i.span_a),
            ("ichimoku_span_b", i.span_b),
        ],
    );
    let st = trend::supertrend(&k, SupertrendConfig::default())?;
    put(
        Range,
        vec![
            ("supertrend", st.value),
            ("supertrend_direction", st.direction),
        ],
    );
    Ok(out)
}

/// `{"name": [number or null, …], …}` in the given order, one column a line.
fn to_json(columns: &[Column]) -> Result<String, String> {
    let mut s = String::from("{");
    for (i, (name, values)) in columns.iter().enumerate() {
        let values: Vec<Option<f64>> = values.iter().map(|v| v.is_finite().then_some(*v)).collect();
        let values = serde_json::to_string(&values).map_err(|e| e.to_string())?;
        s.push_str(if i == 0 { "\n" } else { ",\n" });
        s.push_str(&format!("  {name:?}: {values}"));
    }
    s.push_str("\n}");
    Ok(s)
}

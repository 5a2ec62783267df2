//! Per-token analysis and across-token views: `analyze`, `screen`, `breadth`.
//!
//! Series come in as `{ timestamps, close, open?, high?, low?, volume?,
//! interval? }` with typed arrays (or plain arrays) and Unix times in
//! seconds. Results are the core's records, the CLI's JSON schema with
//! camelCase keys (`results.rs`).

use js_sys::{Array, Reflect};
use serde::Serialize;
use tokenlens_core::analysis::analyze::{AnalyzeOptions, analyze as analyze_core};
use tokenlens_core::universe::narratives::{
    NarrativeTable, narratives as narratives_core, rotation,
};
use tokenlens_core::universe::stable::set_apart;
use tokenlens_core::universe::{
    Member, Panel,
    breadth::universe_breadth,
    moonshots::{FilterUse, MoonshotEntry, Moonshots, moonshots as moonshots_core},
    screen::screen as screen_core,
};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::error::to_js;
use crate::inputs::{fundamentals_from_js, optional_series, series_from_js, universe_from_js};
use crate::options::invalid;
use crate::results::to_result;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
export interface AnalyzeOptions {
  name?: string; symbol?: string; benchmark?: SeriesInput; fundamentals?: FundamentalsInput;
  /** First date (YYYY-MM-DD, UTC) of the backtest and the flips reported. */
  from?: string;
  /** The as-of date (YYYY-MM-DD, UTC): everything is computed from the rows up to it, the benchmark's too. */
  to?: string;
}
/** The analysis of one token: grades, rating, signal, flips, levels, metrics, backtest, summary (the CLI's JSON with camelCase keys). */
export type Analysis = Record<string, unknown> & {
  schemaVersion: number;
  traderGrade: Record<string, unknown> | null;
  investorGrade: Record<string, unknown> | null;
  rating: Record<string, unknown> | null;
  signal: Record<string, unknown> | null;
  flips: Array<{ date: string; price: number; state: string; from: string; crash: boolean }>;
  summary: { text: string } & Record<string, unknown>;
  unavailable: Array<{ part: string; code: string; reason: string }>;
};
export interface ScreenRow {
  symbol: string; date: string; price: number; traderGrade: number; traderGradeChange24h: number | null;
  traderGradeChange7d: number | null; traderGradeConfidence: number; investorGrade: number | null;
  investorGradeChange7d: number | null; signal: "bullish" | "bearish" | "neutral" | "unknown"; signalStrength: number | null;
  signalSince: string | null; daysSinceFlip: number | null;
  rating: "strong_sell" | "sell" | "neutral" | "buy" | "strong_buy" | null; ratingScore: number | null; class: "large" | "mid" | "small" | "micro" | null; marketCap: number | null;
  /** A stablecoin, fiat or gold-backed token: its grades say nothing about a trade. */
  stable: boolean;
  return1d: number | null; return7d: number | null; return30d: number | null;
}
/** A moonshot flag: when and where it was first raised, and how it went. */
export interface MoonshotEntry {
  symbol: string; flaggedDate: string; flaggedPrice: number; flaggedGrade: number; gradeChange7d: number;
  marketCap: number | null; exitDate: string | null; exitPrice: number | null; lastDate: string; lastPrice: number;
  returnSinceFlag: number; returnAtExit: number | null;
}
/** How a moonshot filter was used: to how many tokens, skipped for how many (figure unknown), in words. */
export interface FilterUse { appliedTo: number; skippedFor: number; note: string }
export interface BreadthPoint {
  date: string; time: number; eligible: number; bullish: number; bearish: number; strong: number; aboveSma50: number;
  bullishShare: number | null; bearishShare: number | null; strongShare: number | null; aboveSma50Share: number | null;
}
"#;

/// Option `name` of an options object (`what` names the object in errors).
fn string_option(options: &JsValue, what: &str, name: &str) -> Result<Option<String>, JsValue> {
    let v = Reflect::get(options, &name.into())?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string()
        .map(Some)
        .ok_or_else(|| invalid(format!("invalid {what}: `{name}` must be a string")))
}

/// Everything about one token: grades with their parts, rating with every
/// vote, signal with its flips, levels, metrics, backtest and summary.
/// Parts the data cannot support are `null` and listed in `unavailable`.
///
/// Throws `TokenlensError` for an unusable series (`TOO_SHORT`,
/// `INVALID_INPUT`, `LENGTH_MISMATCH`) or bad options.
#[wasm_bindgen(unchecked_return_type = "Analysis")]
pub fn analyze(
    #[wasm_bindgen(unchecked_param_type = "SeriesInput")] series: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AnalyzeOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let series = series_from_js(&series, "series")?;
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let mut core = AnalyzeOptions::default();
    let benchmark;
    if !(options.is_undefined() || options.is_null()) {
        if !options.is_object() {
            return Err(invalid(
                "invalid analyze options: expected an object".into(),
            ));
        }
        for key in js_sys::Object::keys(options.unchecked_ref::<js_sys::Object>()).iter() {
            let key = key.as_string().unwrap_or_default();
            if !["name", "symbol", "benchmark", "fundamentals", "from", "to"]
                .contains(&key.as_str())
            {
                return Err(invalid(format!(
                    "invalid analyze options: unknown option `{key}`"
                )));
            }
        }
        core.name = string_option(&options, "analyze options", "name")?;
        core.symbol = string_option(&options, "analyze options", "symbol")?;
        core.from = string_option(&options, "analyze options", "from")?;
        core.to = string_option(&options, "analyze options", "to")?;
        core.fundamentals = fundamentals_from_js(Reflect::get(&options, &"fundamentals".into())?)?;
        let b = Reflect::get(&options, &"benchmark".into())?;
        benchmark = if b.is_undefined() || b.is_null() {
            None
        } else {
            Some(series_from_js(&b, "benchmark")?)
        };
        core.benchmark = benchmark.as_ref();
    }
    let analysis = analyze_core(&series, &core).map_err(to_js)?;
    to_result(&analysis)
}

#[derive(Serialize)]
struct Rows<R, E> {
    rows: R,
    errors: E,
}

/// Grades a whole universe: `{ rows, errors }`, one row per token that
/// could be graded and one error per token that could not.
#[wasm_bindgen(unchecked_return_type = "{ rows: ScreenRow[]; errors: TokenError[] }")]
pub fn screen(
    #[wasm_bindgen(unchecked_param_type = "UniverseMember[]")] universe: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SeriesInput")] benchmark: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let (universe, mut errors) = universe_from_js(&universe)?;
    let benchmark = optional_series(benchmark)?;
    let (rows, more) = screen_core(&universe, benchmark.as_ref());
    errors.extend(more);
    to_result(&Rows { rows, errors })
}

/// Bull-vs-Bear breadth over the history: for each date, how many tokens
/// count and how many are bullish, graded ≥ 80, above their 50-day average.
#[wasm_bindgen(unchecked_return_type = "{ rows: BreadthPoint[]; errors: TokenError[] }")]
pub fn breadth(
    #[wasm_bindgen(unchecked_param_type = "UniverseMember[]")] universe: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SeriesInput")] benchmark: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let (universe, mut errors) = universe_from_js(&universe)?;
    let benchmark = optional_series(benchmark)?;
    let (rows, more) = universe_breadth(&universe, benchmark.as_ref());
    errors.extend(more);
    to_result(&Rows { rows, errors })
}

#[derive(Serialize)]
struct NarrativesOut<N, R, E> {
    narratives: N,
    rotation: R,
    errors: E,
}

/// Narrative indices of a universe (members named by base symbol, "BTC",
/// classified by the bundled narrative table, or by a provider's category
/// lists when `categories` is given: CoinGecko category id → the symbols it
/// lists, e.g. from `/coins/markets?category=…`): equal- and
/// market-cap-weighted 7 d / 30 d ROI against BTC, ETH and SOL, the ranking,
/// and the rotation rule's backtest over the history.
#[wasm_bindgen(
    unchecked_return_type = "{ narratives: Record<string, unknown>[]; rotation: Record<string, unknown>; errors: TokenError[] }"
)]
pub fn narratives(
    #[wasm_bindgen(unchecked_param_type = "UniverseMember[]")] universe: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SeriesInput")] benchmark: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "Record<string, string[]>")] categories: Option<
        JsValue,
    >,
) -> Result<JsValue, JsValue> {
    let (universe, mut errors) = universe_from_js(&universe)?;
    let benchmark = optional_series(benchmark)?;
    let table = category_table(&categories.unwrap_or(JsValue::UNDEFINED))?;
    let panel = Panel::new(&universe, benchmark.as_ref());
    errors.extend(panel.errors.iter().cloned());
    to_result(&NarrativesOut {
        narratives: narratives_core(&panel, &table),
        rotation: rotation(&panel, &table),
        errors,
    })
}

/// The bundled table, or one from category lists (`{ "layer-1": ["SOL"] }`).
fn category_table(categories: &JsValue) -> Result<NarrativeTable, JsValue> {
    if categories.is_undefined() || categories.is_null() {
        return Ok(NarrativeTable::bundled());
    }
    let bad = |what: String| invalid(format!("invalid categories: {what}"));
    if !categories.is_object() || Array::is_array(categories) {
        return Err(bad("expected an object of category id → symbols".into()));
    }
    let mut lists = Vec::new();
    for entry in js_sys::Object::entries(categories.unchecked_ref()).iter() {
        let pair = Array::from(&entry);
        let id = pair.get(0).as_string().unwrap_or_default();
        let symbols = pair.get(1);
        if !Array::is_array(&symbols) {
            return Err(bad(format!("\"{id}\" is not an array of symbols")));
        }
        let symbols: Vec<String> = Array::from(&symbols)
            .iter()
            .map(|s| {
                s.as_string()
                    .ok_or_else(|| bad(format!("\"{id}\" holds a non-string")))
            })
            .collect::<Result<_, _>>()?;
        lists.push((id, symbols));
    }
    Ok(NarrativeTable::from_categories(
        &lists,
        &NarrativeTable::bundled(),
    ))
}

/// The core's [`Moonshots`] fields, then the stablecoins and errors (what
/// `#[serde(flatten)]` would give, without its second serialisation path).
#[derive(Serialize)]
struct MoonshotsOut<E> {
    market_cap_filter: FilterUse,
    volume_filter: FilterUse,
    current: Vec<MoonshotEntry>,
    ledger: Vec<MoonshotEntry>,
    excluded_stablecoins: Vec<String>,
    errors: E,
}

/// Moonshots of a universe: current flags and the ledger of past ones, each
/// with the date and price first flagged and the return since. Stablecoins
/// are set apart. Filters the data cannot support (market cap, volume) are
/// skipped and reported as such.
#[wasm_bindgen(
    unchecked_return_type = "{ marketCapFilter: FilterUse; volumeFilter: FilterUse; current: MoonshotEntry[]; ledger: MoonshotEntry[]; excludedStablecoins: string[]; errors: TokenError[] }"
)]
pub fn moonshots(
    #[wasm_bindgen(unchecked_param_type = "UniverseMember[]")] universe: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SeriesInput")] benchmark: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let (universe, mut errors) = universe_from_js(&universe)?;
    let benchmark = optional_series(benchmark)?;
    let table = NarrativeTable::bundled();
    let (stable, universe): (Vec<Member>, Vec<Member>) = universe
        .into_iter()
        .partition(|m| set_apart(&m.0, &m.1, &table));
    let panel = Panel::new(&universe, benchmark.as_ref());
    errors.extend(panel.errors.iter().cloned());
    // Every field named: a new one in the core does not compile until added here.
    let Moonshots {
        market_cap_filter,
        volume_filter,
        current,
        ledger,
    } = moonshots_core(&panel);
    to_result(&MoonshotsOut {
        market_cap_filter,
        volume_filter,
        current,
        ledger,
        excluded_stablecoins: stable.into_iter().map(|m| m.0).collect(),
        errors,
    })
}

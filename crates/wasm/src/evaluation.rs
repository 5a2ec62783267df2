//! `evaluate`: the walk-forward evaluation of the grades (and, when asked,
//! every candidate input) and the signal over a universe of daily series —
//! what `tokenlens evaluate` prints, with camelCase keys.

use js_sys::Reflect;
use tokenlens_core::analysis::series::parse_utc_date;
use tokenlens_core::evaluation::{EvaluationOptions, Preparing, evaluate_prepared};
use tokenlens_core::universe::table::benchmark_of;
use wasm_bindgen::prelude::*;

use crate::error::to_js;
use crate::inputs::{optional_series, universe_from_js};
use crate::options::{describe, invalid, normalise};
use crate::results::to_result;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
export interface EvaluateOptions {
  /** BTC's history, for the inputs measured against it; by default the member whose symbol is "BTC". */
  benchmark?: SeriesInput;
  /** First evaluation date (YYYY-MM-DD, UTC); by default the first the data allows. */
  from?: string;
  /** Last date a forward window may end on (YYYY-MM-DD, UTC). */
  to?: string;
  /** Forward horizons in days (default [7, 30]). */
  horizons?: number[];
  /** Days between evaluation dates (default 7). */
  every?: number;
  /** Last day of the fit period (YYYY-MM-DD, default "2024-06-30"). */
  fitEnd?: string;
  /** Keep stablecoins, fiat and gold-backed tokens in (left out by default). */
  includeStable?: boolean;
  /** Seed of the random timings the signal is compared with (default 2024). */
  seed?: number;
  /** Also evaluate every candidate input of the grades, as `tokenlens evaluate` does (several times slower). */
  candidates?: boolean;
}
export type EvaluationPeriod = "fit" | "out_of_sample" | "all";
export interface DatedIc { date: string; ic: number; tokens: number }
export interface YearIc { year: string; meanIc: number; dates: number }
/** Dates with a token graded above 80, and how often those tokens beat the universe's median. */
export interface HitRate { dates: number; dateHitRate: number | null; tokens: number; tokenHitRate: number | null }
/** One measure at one horizon over one period: rank IC and what follows from it. */
export interface EvaluationStats {
  period: EvaluationPeriod; horizon: number; dates: number;
  meanIc: number | null; icSd: number | null; icIr: number | null;
  /** Plain for windows that do not overlap, Newey–West for those that do. */
  t: number | null;
  sharePositive: number | null;
  /** Mean forward return of each quintile, lowest measure first. */
  quintiles: number[];
  spread: number | null; topTurnover: number | null;
  /** Grades only. */
  hit: HitRate | null;
  byYear: YearIc[]; ics: DatedIc[];
}
export interface MeasureReport {
  name: string; kind: "grade" | "input";
  /** For inputs: the sign the reasoning predicts. */
  predictedSign: number;
  horizon: number; stats: EvaluationStats[];
}
export interface SignalStats {
  period: EvaluationPeriod; horizon: number;
  bullishReturn: number | null; bullishCount: number; bearishReturn: number | null; bearishCount: number;
}
/** The signal as a strategy against random timings with the same time in the market. */
export interface TimingStats {
  period: EvaluationPeriod; tokens: number; exposure: number; strategyLogReturn: number; holdLogReturn: number;
  randomMeanLogReturn: number;
  /** Percentage of random timings the strategy beat. */
  percentile: number;
  draws: number;
}
export interface FlipStats {
  tokens: number; medianPerHalfYear: number; p90PerHalfYear: number; maxPerHalfYear: number; tokensOver10: number;
  crashExits: number; tokensWithCrashExits: number;
}
/** A walk-forward evaluation: `tokenlens evaluate`'s JSON with camelCase keys. */
export interface Evaluation {
  firstDate: string; lastDate: string; fitEnd: string; every: number; horizons: number[];
  tokens: number;
  /** Tokens left out as stable. */
  stable: string[];
  measures: MeasureReport[]; signal: SignalStats[]; timing: TimingStats[]; flips: FlipStats;
  errors: TokenError[];
}
"#;

/// A whole number of at least `min` (and at most 2^53).
fn whole(value: &JsValue, what: &str, min: f64) -> Result<f64, JsValue> {
    match value.as_f64() {
        Some(x) if x.fract() == 0.0 && x >= min && x <= 9_007_199_254_740_992.0 => Ok(x),
        _ => Err(invalid(format!(
            "invalid evaluate options: `{what}` must be a whole number of at least {min}, got {}",
            describe(value)
        ))),
    }
}

/// A `YYYY-MM-DD` option as Unix seconds.
fn date(options: &JsValue, name: &str, camel: &str) -> Result<Option<i64>, JsValue> {
    let v = Reflect::get(options, &name.into())?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    v.as_string()
        .as_deref()
        .and_then(parse_utc_date)
        .map(Some)
        .ok_or_else(|| {
            invalid(format!(
                "invalid evaluate options: `{camel}` must be a YYYY-MM-DD date, got {}",
                describe(&v)
            ))
        })
}

/// The walk-forward evaluation of both grades and the signal over
/// `universe` (daily series): at every evaluation date each is read from
/// the rows up to that date only and compared across tokens with the return
/// that followed (rank IC with its t, quintiles, the hit rate of grades
/// above 80, turnover, IC by year; the signal against random timings).
/// Dates are split into the fit period and out of sample, as in the
/// evidence report. A token that cannot be evaluated is one entry of
/// `errors`. It runs synchronously: in a page, call it from a Worker.
///
/// Throws `TokenlensError` (`INVALID_INPUT`, `INVALID_PARAMETER`) for a
/// universe that is not an array or for bad options.
#[wasm_bindgen(unchecked_return_type = "Evaluation")]
pub fn evaluate(
    #[wasm_bindgen(unchecked_param_type = "UniverseMember[]")] universe: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "EvaluateOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let (universe, read_errors) = universe_from_js(&universe)?;
    let mut core = EvaluationOptions::default();
    let mut candidates = false;
    let mut benchmark = None;
    let options = options.unwrap_or(JsValue::UNDEFINED);
    if !(options.is_undefined() || options.is_null()) {
        let o: JsValue = normalise(
            &options,
            "evaluate options",
            &[
                "benchmark",
                "from",
                "to",
                "horizons",
                "every",
                "fit_end",
                "include_stable",
                "seed",
                "candidates",
            ],
        )?
        .into();
        let get = |name: &str| Reflect::get(&o, &name.into());
        benchmark = optional_series(Some(get("benchmark")?))?;
        core.from = date(&o, "from", "from")?;
        core.to = date(&o, "to", "to")?;
        if let Some(end) = date(&o, "fit_end", "fitEnd")? {
            core.fit_end = end;
        }
        let horizons = get("horizons")?;
        if !horizons.is_undefined() && !horizons.is_null() {
            if !js_sys::Array::is_array(&horizons) {
                return Err(invalid(format!(
                    "invalid evaluate options: `horizons` must be an array of days, got {}",
                    describe(&horizons)
                )));
            }
            core.horizons = js_sys::Array::from(&horizons)
                .iter()
                .map(|h| whole(&h, "horizons", 1.0).map(|d| d as usize))
                .collect::<Result<_, _>>()?;
        }
        let every = get("every")?;
        if !every.is_undefined() && !every.is_null() {
            core.every = whole(&every, "every", 1.0)? as usize;
        }
        let seed = get("seed")?;
        if !seed.is_undefined() && !seed.is_null() {
            core.seed = whole(&seed, "seed", 0.0)? as u64;
        }
        for (name, camel, flag) in [
            ("include_stable", "includeStable", &mut core.include_stable),
            ("candidates", "candidates", &mut candidates),
        ] {
            let v = get(name)?;
            if v.is_undefined() || v.is_null() {
                continue;
            }
            *flag = v.as_bool().ok_or_else(|| {
                invalid(format!(
                    "invalid evaluate options: `{camel}` must be true or false, got {}",
                    describe(&v)
                ))
            })?;
        }
    }
    let benchmark = benchmark.or_else(|| benchmark_of(&universe));
    let mut preparing = if candidates {
        Preparing::new(benchmark.as_ref())
    } else {
        Preparing::grades_only(benchmark.as_ref())
    };
    for (symbol, series, _) in &universe {
        preparing.add(symbol, series);
    }
    let mut evaluation = evaluate_prepared(&preparing.finish(&core), &core).map_err(to_js)?;
    // Tokens whose series could not be read come first, as the order given.
    let later = std::mem::replace(&mut evaluation.errors, read_errors);
    evaluation.errors.extend(later);
    to_result(&evaluation)
}

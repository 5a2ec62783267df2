//! `tokenlens evaluate`: the walk-forward evaluation of the grades, their
//! candidate inputs and the signal over a wide daily close file, as JSON;
//! `--fit` prints what the components rule gives on the fit period instead,
//! and `--report DIR` writes the evidence report.

use std::collections::HashMap;
use std::path::Path;

use tokenlens_core::analysis::Interval;
use tokenlens_core::analysis::series::parse_utc_date;
use tokenlens_core::evaluation::fit::fit_prepared;
use tokenlens_core::evaluation::{EvaluationOptions, evaluate_prepared, prepare};

use crate::universe::{benchmark, members, read_table};

/// What `tokenlens evaluate` was asked.
#[derive(Debug)]
pub struct Request<'a> {
    pub daily: &'a Path,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub horizons: &'a [usize],
    pub every: usize,
    pub include_stable: bool,
    pub fit: bool,
    pub report: Option<&'a Path>,
}

fn date(flag: &str, value: Option<&str>) -> Result<Option<i64>, String> {
    value
        .map(|v| parse_utc_date(v).ok_or_else(|| format!("{flag} {v:?} is not a YYYY-MM-DD date")))
        .transpose()
}

pub fn run(request: &Request<'_>) -> Result<(), String> {
    if request.every == 0 {
        return Err("--every must be at least 1 day".into());
    }
    let table = read_table(request.daily, Interval::Daily, "--daily-close")?;
    let (universe, _errors) = members(&table, &HashMap::new());
    let bench = benchmark(&universe);
    let options = EvaluationOptions {
        from: date("--from", request.from)?,
        to: date("--to", request.to)?,
        horizons: request.horizons.to_vec(),
        every: request.every,
        include_stable: request.include_stable,
        ..EvaluationOptions::default()
    };
    let prepared = prepare(&universe, bench.as_ref(), &options);
    let value = if request.fit {
        serde_json::to_value(fit_prepared(&prepared, &options))
    } else {
        let e = evaluate_prepared(&prepared, &options).map_err(|e| e.to_string())?;
        if let Some(dir) = request.report {
            crate::evidence::write(dir, &e, &fit_prepared(&prepared, &options))?;
            return Ok(());
        }
        serde_json::to_value(&e)
    }
    .map_err(|e| e.to_string())?;
    println!(
        "{}",
        serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?
    );
    Ok(())
}

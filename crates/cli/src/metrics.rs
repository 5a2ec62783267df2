//! `tokenlens metrics`: quant metrics of a CSV price file's closes,
//! optionally against a benchmark file with the same dates.

use std::path::Path;

use tokenlens_core::metrics::{Metrics, MetricsConfig, metrics};

use crate::table::Table;

pub fn run(csv: &Path, benchmark: Option<&Path>, config: MetricsConfig) -> Result<(), String> {
    let m = compute(csv, benchmark, config)?;
    println!(
        "{}",
        serde_json::to_string_pretty(&m).map_err(|e| e.to_string())?
    );
    Ok(())
}

pub fn compute(
    csv: &Path,
    benchmark: Option<&Path>,
    config: MetricsConfig,
) -> Result<Metrics, String> {
    config.validate().map_err(|e| e.to_string())?;
    let table = Table::read(csv)?;
    check_positive(csv, &table)?;
    let bench = match benchmark {
        None => None,
        Some(path) => {
            let b = Table::read(path)?;
            check_positive(path, &b)?;
            check_aligned(csv, &table, path, &b)?;
            Some(b.close)
        }
    };
    metrics(&table.close, bench.as_deref(), &config).map_err(|e| format!("{}: {e}", csv.display()))
}

/// Prices must be positive for returns; name the line of the first that is not.
fn check_positive(path: &Path, t: &Table) -> Result<(), String> {
    match t.close.iter().position(|&p| p <= 0.0) {
        None => Ok(()),
        Some(i) => Err(format!(
            "{}: line {}, column `close`: {} is not a positive price",
            path.display(),
            t.line(i),
            t.close[i]
        )),
    }
}

/// The benchmark must cover the same rows: same count, and the same dates
/// when both files have a date column.
fn check_aligned(path: &Path, t: &Table, bench_path: &Path, b: &Table) -> Result<(), String> {
    if let (Some(dates), Some(bench_dates)) = (&t.dates, &b.dates)
        && let Some(i) = dates.iter().zip(bench_dates).position(|(a, b)| a != b)
    {
        return Err(format!(
            "{}: line {} is dated {}, but line {} of {} is dated {}: the benchmark must have the same dates",
            bench_path.display(),
            b.line(i),
            bench_dates[i],
            t.line(i),
            path.display(),
            dates[i]
        ));
    }
    if b.close.len() != t.close.len() {
        return Err(format!(
            "{}: {} rows, but {} has {}: the benchmark must have the same dates",
            bench_path.display(),
            b.close.len(),
            path.display(),
            t.close.len()
        ));
    }
    Ok(())
}

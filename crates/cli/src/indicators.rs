//! `tokenlens indicators`: every indicator at its default parameters over a
//! CSV price file, as one JSON object of columns aligned with the rows.

use std::path::Path;

use tokenlens_core::Error;
use tokenlens_core::indicators::catalog::{Columns, compute_all, default_specs};

use crate::table::Table;

/// One named output column.
type Column = (String, Vec<f64>);

pub fn run(csv: &Path) -> Result<(), String> {
    let table = Table::read(csv)?;
    let columns = compute(&table).map_err(|e| format!("{}: {e}", csv.display()))?;
    println!("{}", to_json(&columns)?);
    Ok(())
}

/// Every default indicator the table has the columns for, in the catalog's
/// order; the ones that need a missing column are left out.
pub fn compute(t: &Table) -> Result<Vec<Column>, Error> {
    let specs = default_specs();
    let columns = Columns {
        open: t.open.as_deref(),
        high: t.high.as_deref(),
        low: t.low.as_deref(),
        close: &t.close,
        volume: t.volume.as_deref(),
    };
    let (outputs, _missing_columns) = compute_all(&specs, &columns)?;
    Ok(outputs)
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

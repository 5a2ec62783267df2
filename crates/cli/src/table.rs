//! Reading an OHLCV price table from CSV.
//!
//! The header names the columns: `date`, `ts` or `open_time` for the time, and any of
//! `open`, `high`, `low`, `close`, `volume` (case and surrounding spaces do
//! not matter); `close` is required, other columns are ignored. Every value
//! of a column that is read must be a finite number; an error names the file,
//! line and column.

use std::path::Path;

/// The columns of a price file. Absent columns are `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Line number in the file of each row (the header is line 1).
    pub lines: Vec<u64>,
    /// The `date` (or `ts`, or `open_time`) column, as written.
    pub dates: Option<Vec<String>>,
    /// The header of the time column (`date`, `ts` or `open_time`).
    pub time_column: Option<String>,
    pub open: Option<Vec<f64>>,
    pub high: Option<Vec<f64>>,
    pub low: Option<Vec<f64>>,
    pub close: Vec<f64>,
    pub volume: Option<Vec<f64>>,
}

impl Table {
    /// Reads a CSV file.
    pub fn read(path: &Path) -> Result<Table, String> {
        let file = std::fs::File::open(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        Table::from_reader(file).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Reads CSV text; errors name the line and column, not the file.
    pub fn from_reader(reader: impl std::io::Read) -> Result<Table, String> {
        let mut csv = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .from_reader(reader);
        let header: Vec<String> = csv
            .headers()
            .map_err(|e| format!("cannot read the header: {e}"))?
            .iter()
            .map(str::to_ascii_lowercase)
            .collect();
        let find = |name: &str| header.iter().position(|h| h == name);
        let date_col = find("date")
            .or_else(|| find("ts"))
            .or_else(|| find("open_time"));
        let close_col = find("close").ok_or("the header has no `close` column")?;
        let numeric: Vec<(&'static str, Option<usize>)> = ["open", "high", "low", "volume"]
            .into_iter()
            .map(|name| (name, find(name)))
            .collect();

        let mut lines = Vec::new();
        let mut dates = date_col.map(|_| Vec::new());
        let mut close = Vec::new();
        let mut others: Vec<Option<Vec<f64>>> = numeric
            .iter()
            .map(|(_, col)| col.map(|_| Vec::new()))
            .collect();
        for record in csv.records() {
            let record = record.map_err(|e| e.to_string())?;
            let line = record.position().map_or(0, |p| p.line());
            lines.push(line);
            if let (Some(col), Some(dates)) = (date_col, dates.as_mut()) {
                dates.push(record.get(col).unwrap_or_default().to_owned());
            }
            close.push(number(&record, close_col, "close", line)?);
            for ((name, col), out) in numeric.iter().zip(others.iter_mut()) {
                if let (Some(col), Some(out)) = (col, out.as_mut()) {
                    out.push(number(&record, *col, name, line)?);
                }
            }
        }
        if close.is_empty() {
            return Err("no data rows after the header".into());
        }
        let [open, high, low, volume]: [Option<Vec<f64>>; 4] = others
            .try_into()
            .map_err(|_| "internal error: column count".to_owned())?;
        Ok(Table {
            lines,
            time_column: date_col.map(|c| header[c].clone()),
            dates,
            open,
            high,
            low,
            close,
            volume,
        })
    }

    /// The line number of row `i`.
    pub fn line(&self, i: usize) -> u64 {
        self.lines.get(i).copied().unwrap_or(0)
    }
}

/// One finite number from a record.
fn number(record: &csv::StringRecord, col: usize, name: &str, line: u64) -> Result<f64, String> {
    let text = record.get(col).unwrap_or_default();
    if text.is_empty() {
        return Err(format!("line {line}, column `{name}`: empty value"));
    }
    let value: f64 = text
        .parse()
        .map_err(|_| format!("line {line}, column `{name}`: cannot read {text:?} as a number"))?;
    if !value.is_finite() {
        return Err(format!(
            "line {line}, column `{name}`: {text:?} is not a finite number"
        ));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Table, String> {
        Table::from_reader(text.as_bytes())
    }

    #[test]
    fn reads_columns_in_any_order_and_ignores_extras() {
        let t = read("Close, extra ,date\n2.5,x,2024-01-01\n3,y,2024-01-02\n").unwrap();
        assert_eq!(t.close, vec![2.5, 3.0]);
        assert_eq!(
            t.dates,
            Some(vec!["2024-01-01".into(), "2024-01-02".into()])
        );
        assert_eq!((t.open, t.high, t.volume), (None, None, None));
        assert_eq!(t.lines, vec![2, 3]);
    }

    #[test]
    fn bad_values_name_line_and_column() {
        let err = read("ts,high,close\n1,2,3\n2,abc,3\n").unwrap_err();
        assert_eq!(
            err,
            "line 3, column `high`: cannot read \"abc\" as a number"
        );
        let err = read("ts,close\n1,\n").unwrap_err();
        assert_eq!(err, "line 2, column `close`: empty value");
        let err = read("ts,close\n1,NaN\n").unwrap_err();
        assert_eq!(
            err,
            "line 2, column `close`: \"NaN\" is not a finite number"
        );
        assert!(
            read("ts,open\n1,2\n")
                .unwrap_err()
                .contains("no `close` column")
        );
        assert!(read("ts,close\n").unwrap_err().contains("no data rows"));
        let err = read("ts,close\n1,2\n2,3,4\n").unwrap_err();
        assert!(err.contains("line: 3"), "{err}");
    }
}

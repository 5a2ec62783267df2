//! Reading a wide close-price file: one time column (`date`, `ts` or
//! `open_time`) and one column per symbol, an empty cell where a symbol has
//! no bar. Times are UTC dates (`2023-06-01`) or RFC 3339 hours
//! (`2025-05-13T00:00:00Z`), evenly spaced.

use std::path::Path;

use tokenlens_core::analysis::Interval;
use tokenlens_core::analysis::series::parse_utc_date;
use tokenlens_feeds::CloseTable;

/// A wide file as read: the table of its readable columns, and each column
/// left out for a cell that is not a positive number (the first such cell,
/// with its line), so that one bad column never blanks the others.
#[derive(Debug)]
pub struct Wide {
    pub table: CloseTable,
    /// `(column name, why)` of every column left out.
    pub unreadable: Vec<(String, String)>,
}

impl Wide {
    /// The table when every column could be read, else the first reason:
    /// for data that is bundled as a whole.
    pub fn strict(self) -> Result<CloseTable, String> {
        match self.unreadable.into_iter().next() {
            Some((_, why)) => Err(why),
            None => Ok(self.table),
        }
    }
}

/// Reads a wide CSV file into a table.
pub fn read(path: &Path) -> Result<Wide, String> {
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut wide = from_reader(file).map_err(|e| format!("{}: {e}", path.display()))?;
    for (_, why) in &mut wide.unreadable {
        *why = format!("{}: {why}", path.display());
    }
    Ok(wide)
}

/// Reads wide CSV text; errors name the line and column.
pub fn from_reader(reader: impl std::io::Read) -> Result<Wide, String> {
    let mut csv = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(reader);
    let header = csv
        .headers()
        .map_err(|e| format!("cannot read the header: {e}"))?
        .clone();
    if header.iter().all(str::is_empty) {
        return Err("the file is empty: a header `date,SYMBOL,…` and rows are expected".into());
    }
    let first = header.get(0).unwrap_or("").to_ascii_lowercase();
    if !["date", "ts", "open_time"].contains(&first.as_str()) {
        return Err(format!(
            "the first column must be `date`, `ts` or `open_time`, not `{first}`"
        ));
    }
    let symbols: Vec<String> = header.iter().skip(1).map(str::to_owned).collect();
    if symbols.is_empty() {
        return Err("no symbol columns".into());
    }
    for (i, symbol) in symbols.iter().enumerate() {
        if let Some(j) = symbols[..i].iter().position(|s| s == symbol) {
            return Err(format!(
                "column `{symbol}` appears twice (columns {} and {}): each symbol once",
                j + 2,
                i + 2
            ));
        }
    }
    let mut times = Vec::new();
    let mut closes: Vec<Vec<Option<f64>>> = vec![Vec::new(); symbols.len()];
    let mut unreadable: Vec<Option<String>> = vec![None; symbols.len()];
    for (row, record) in csv.records().enumerate() {
        let line = row + 2;
        let record = record.map_err(|e| e.to_string())?;
        let time = record.get(0).unwrap_or("");
        times.push(
            parse_time(time)
                .ok_or_else(|| format!("line {line}: cannot read the time {time:?}"))?,
        );
        for (i, column) in closes.iter_mut().enumerate() {
            let cell = record.get(i + 1).unwrap_or("");
            let value = if cell.is_empty() {
                None
            } else {
                match cell.parse::<f64>() {
                    Ok(v) if v.is_finite() && v > 0.0 => Some(v),
                    Ok(_) => {
                        unreadable[i].get_or_insert_with(|| {
                            format!(
                                "line {line}, column `{}`: {cell} is not a positive price",
                                symbols[i]
                            )
                        });
                        None
                    }
                    Err(_) => {
                        unreadable[i].get_or_insert_with(|| {
                            format!(
                                "line {line}, column `{}`: cannot read {cell:?} as a number",
                                symbols[i]
                            )
                        });
                        None
                    }
                }
            };
            column.push(value);
        }
    }
    if times.len() < 2 {
        return Err("at least two rows are needed".into());
    }
    if let Some(i) = (1..times.len()).find(|&i| times[i] <= times[i - 1]) {
        return Err(format!(
            "line {}: {} {} the row before: rows must be in time order, each time once",
            i + 2,
            utc_time(times[i]),
            if times[i] == times[i - 1] {
                "repeats"
            } else {
                "is earlier than"
            }
        ));
    }
    let step = times[1] - times[0];
    let interval = match step {
        86_400 => Interval::Daily,
        3_600 => Interval::Hourly,
        _ => {
            return Err(format!(
                "rows are {step} s apart; daily or hourly rows are expected"
            ));
        }
    };
    if let Some(i) = (1..times.len()).find(|&i| times[i] - times[i - 1] != step) {
        return Err(format!("line {}: rows are not evenly spaced", i + 2));
    }
    let mut kept = CloseTable {
        interval,
        start: times[0],
        rows: times.len(),
        symbols: Vec::new(),
        closes: Vec::new(),
    };
    let mut left_out = Vec::new();
    for ((symbol, column), why) in symbols.into_iter().zip(closes).zip(unreadable) {
        match why {
            Some(why) => left_out.push((symbol, why)),
            None => {
                kept.symbols.push(symbol);
                kept.closes.push(column);
            }
        }
    }
    Ok(Wide {
        table: kept,
        unreadable: left_out,
    })
}

/// Unix seconds as the file writes them: a date, or a date and hour.
fn utc_time(t: i64) -> String {
    let date = tokenlens_core::analysis::series::utc_date(t);
    if t % 86_400 == 0 {
        date
    } else {
        format!("{date}T{:02}:00:00Z", t.rem_euclid(86_400) / 3600)
    }
}

/// `2023-06-01` or `2025-05-13T07:00:00Z` → Unix seconds.
fn parse_time(s: &str) -> Option<i64> {
    let day = parse_utc_date(s.get(..10)?)?;
    match s.get(10..) {
        Some("") => Some(day),
        Some(rest) => {
            let rest = rest.strip_prefix('T')?.strip_suffix('Z')?;
            let mut parts = rest.split(':').map(|p| p.parse::<i64>().ok());
            let (h, m, sec) = (
                parts.next()??,
                parts.next()??,
                parts.next().unwrap_or(Some(0))?,
            );
            ((0..24).contains(&h) && (0..60).contains(&m) && (0..60).contains(&sec))
                .then_some(day + h * 3600 + m * 60 + sec)
        }
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_daily_and_hourly_tables_with_gaps() {
        let daily =
            from_reader("date,AUSDT,BUSDT\n2023-06-01,,1.5\n2023-06-02,2,1e-05\n".as_bytes())
                .unwrap()
                .strict()
                .unwrap();
        assert_eq!(daily.interval, Interval::Daily);
        assert_eq!(daily.symbols, ["AUSDT", "BUSDT"]);
        assert_eq!(
            daily.closes,
            [vec![None, Some(2.0)], vec![Some(1.5), Some(1e-5)]]
        );
        let hourly = from_reader(
            "open_time,X\n2025-05-13T00:00:00Z,1\n2025-05-13T01:00:00Z,2\n2025-05-13T02:00:00Z,3\n"
                .as_bytes(),
        )
        .unwrap()
        .strict()
        .unwrap();
        assert_eq!(hourly.interval, Interval::Hourly);
        assert_eq!(hourly.time(2) - hourly.start, 7200);
        let last = hourly.tail(2);
        assert_eq!(
            (last.rows, last.closes[0].clone()),
            (2, vec![Some(2.0), Some(3.0)])
        );
    }

    #[test]
    fn errors_name_the_line_and_column() {
        // A bad cell leaves its column out, with the reason; the others are read.
        let wide = from_reader(
            "date,A,B,C\n2023-06-01,1,1,1\n2023-06-02,n/a,2,NaN\n2023-06-03,-4,3,-1\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(wide.table.symbols, ["B"]);
        assert_eq!(
            wide.unreadable,
            [
                (
                    "A".to_owned(),
                    "line 3, column `A`: cannot read \"n/a\" as a number".to_owned()
                ),
                (
                    "C".to_owned(),
                    "line 3, column `C`: NaN is not a positive price".to_owned()
                ),
            ]
        );
        let err = from_reader("date,A\n2023-06-01,1\n2023-06-02,-4\n".as_bytes())
            .unwrap()
            .strict()
            .unwrap_err();
        assert!(err.contains("not a positive price"), "{err}");
        let err = from_reader("date,A\n2023-06-01,1\n2023-06-02,2\n2023-06-04,3\n".as_bytes())
            .unwrap_err();
        assert!(err.contains("line 4"), "{err}");
        let err = from_reader("when,A\n2023-06-01,1\n".as_bytes()).unwrap_err();
        assert!(err.contains("first column"), "{err}");
        let err = from_reader("".as_bytes()).unwrap_err();
        assert!(err.contains("the file is empty"), "{err}");
        let err = from_reader("date,A,B,A\n2023-06-01,1,2,3\n".as_bytes()).unwrap_err();
        assert_eq!(
            err,
            "column `A` appears twice (columns 2 and 4): each symbol once"
        );
        let err = from_reader("date,A\n2023-06-01,1\n2023-06-02,2\n2023-06-02,3\n".as_bytes())
            .unwrap_err();
        assert_eq!(
            err,
            "line 4: 2023-06-02 repeats the row before: rows must be in time order, each time once"
        );
        let err = from_reader("date,A\n2023-06-02,1\n2023-06-01,2\n".as_bytes()).unwrap_err();
        assert!(err.contains("line 3: 2023-06-01 is earlier than"), "{err}");
    }
}

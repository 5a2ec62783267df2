//! Serde helpers for numbers as providers really send them.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// The widest timestamp accepted anywhere, in ms either side of the Unix
/// epoch: the range of a JavaScript `Date` (±100,000,000 days).
pub const MAX_TIME_MS: i64 = 8_640_000_000_000_000;

/// An optional number that may arrive as a JSON number, a numeric string
/// (`"0.0012"`, `"1e-8"`), `null`, an empty string, or be missing (with
/// `#[serde(default)]`). Non-finite values become `None`. Anything else, such
/// as `"n/a"` or `true`, is an error for that row.
pub fn opt_f64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<f64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Number(f64),
        Text(String),
    }
    let value = match Option::<Raw>::deserialize(deserializer)? {
        None => return Ok(None),
        Some(Raw::Number(n)) => n,
        Some(Raw::Text(s)) => {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            s.parse::<f64>().map_err(|_| {
                serde::de::Error::custom(format_args!("expected a number, got {s:?}"))
            })?
        }
    };
    Ok(value.is_finite().then_some(value))
}

/// A number that deserialises like [`opt_f64`]; for use inside sequences
/// and maps, where `deserialize_with` cannot reach.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct OptF64(#[serde(deserialize_with = "opt_f64")] pub Option<f64>);

/// A list of numbers, each read like [`opt_f64`]. `null` or a missing list
/// is empty; `null` and non-finite items are dropped, so the result holds
/// only finite numbers. An item that is not a number is an error.
pub fn f64_seq<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<f64>, D::Error> {
    let items = Option::<Vec<OptF64>>::deserialize(deserializer)?;
    Ok(items
        .unwrap_or_default()
        .into_iter()
        .filter_map(|item| item.0)
        .collect())
}

/// [`opt_f64`] for a value already parsed, e.g. one cell of an array-shaped
/// row such as a Binance kline.
pub fn value_f64(value: &Value) -> Result<Option<f64>, String> {
    let n = match value {
        Value::Null => return Ok(None),
        Value::Number(n) => n.as_f64(),
        Value::String(s) => {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            Some(
                s.parse::<f64>()
                    .map_err(|_| format!("expected a number, got {s:?}"))?,
            )
        }
        other => return Err(format!("expected a number, got {}", kind(other))),
    };
    Ok(n.filter(|n| n.is_finite()))
}

/// A timestamp in whole milliseconds (or seconds times `scale`), sent as a
/// number or numeric string. Fractions are truncated; `null`, non-numbers
/// and values beyond [`MAX_TIME_MS`] are errors.
pub fn value_time_ms(value: &Value, scale: i64) -> Result<i64, String> {
    let raw = value_f64(value)?.ok_or("timestamp is missing")?;
    let ms = raw.trunc() * scale as f64;
    if ms.abs() > MAX_TIME_MS as f64 {
        return Err(format!("timestamp {raw} is out of range"));
    }
    Ok(ms as i64)
}

/// A count (trades, coins, markets): a whole, non-negative number.
pub fn whole(n: Option<f64>) -> Option<u64> {
    n.filter(|n| *n >= 0.0 && n.fract() == 0.0 && *n <= u64::MAX as f64)
        .map(|n| n as u64)
}

/// What kind of JSON value this is, for error messages.
pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Deserialize)]
    struct Row {
        #[serde(default, deserialize_with = "super::opt_f64")]
        x: Option<f64>,
    }

    fn parse(json: &str) -> Result<Option<f64>, serde_json::Error> {
        serde_json::from_str::<Row>(json).map(|r| r.x)
    }

    #[test]
    fn accepts_the_shapes_providers_send() {
        assert_eq!(parse(r#"{"x": 1.5}"#).unwrap(), Some(1.5));
        assert_eq!(parse(r#"{"x": 7}"#).unwrap(), Some(7.0));
        assert_eq!(parse(r#"{"x": "0.0012"}"#).unwrap(), Some(0.0012));
        assert_eq!(parse(r#"{"x": "5.9e-06"}"#).unwrap(), Some(5.9e-6));
        assert_eq!(parse(r#"{"x": 5.9e-06}"#).unwrap(), Some(5.9e-6));
        assert_eq!(parse(r#"{"x": null}"#).unwrap(), None);
        assert_eq!(parse(r#"{"x": ""}"#).unwrap(), None);
        assert_eq!(parse(r#"{}"#).unwrap(), None);
    }

    #[test]
    fn rejects_text_that_is_not_a_number_quoting_it() {
        let err = parse(r#"{"x": "n/a"}"#).unwrap_err();
        assert!(err.to_string().contains("\"n/a\""), "{err}");
        assert!(parse(r#"{"x": true}"#).is_err());
    }

    #[test]
    fn non_finite_text_becomes_none() {
        assert_eq!(parse(r#"{"x": "NaN"}"#).unwrap(), None);
        assert_eq!(parse(r#"{"x": "inf"}"#).unwrap(), None);
    }

    #[test]
    fn sequences_drop_nulls_and_reject_words() {
        #[derive(Deserialize)]
        struct Seq {
            #[serde(default, deserialize_with = "super::f64_seq")]
            xs: Vec<f64>,
        }
        let parse = |j: &str| serde_json::from_str::<Seq>(j).map(|s| s.xs);
        assert_eq!(
            parse(r#"{"xs": [1, "2.5", null, "", "1e3"]}"#).unwrap(),
            [1.0, 2.5, 1000.0]
        );
        assert_eq!(parse(r#"{"xs": null}"#).unwrap(), Vec::<f64>::new());
        assert_eq!(parse(r#"{}"#).unwrap(), Vec::<f64>::new());
        assert!(parse(r#"{"xs": [1, "n/a"]}"#).is_err());
        assert!(parse(r#"{"xs": "1,2"}"#).is_err());
    }

    #[test]
    fn cell_values_read_like_fields() {
        assert_eq!(super::value_f64(&json!("0.72270000")), Ok(Some(0.7227)));
        assert_eq!(super::value_f64(&json!(3)), Ok(Some(3.0)));
        assert_eq!(super::value_f64(&json!(null)), Ok(None));
        assert_eq!(super::value_f64(&json!("NaN")), Ok(None));
        let err = super::value_f64(&json!([1])).unwrap_err();
        assert!(err.contains("an array"), "{err}");
    }

    #[test]
    fn timestamps_are_range_checked_and_scaled() {
        assert_eq!(
            super::value_time_ms(&json!(1_731_748_020_000_i64), 1),
            Ok(1_731_748_020_000)
        );
        assert_eq!(
            super::value_time_ms(&json!(1_731_748_020), 1000),
            Ok(1_731_748_020_000)
        );
        assert_eq!(
            super::value_time_ms(&json!("1678836069765.9"), 1),
            Ok(1_678_836_069_765)
        );
        assert!(super::value_time_ms(&json!(1e300), 1).is_err());
        assert!(super::value_time_ms(&json!(9e15), 1000).is_err());
        assert!(super::value_time_ms(&json!(null), 1).is_err());
    }

    #[test]
    fn counts_must_be_whole_and_non_negative() {
        assert_eq!(super::whole(Some(3.0)), Some(3));
        assert_eq!(super::whole(Some(3.5)), None);
        assert_eq!(super::whole(Some(-1.0)), None);
        assert_eq!(super::whole(None), None);
    }
}

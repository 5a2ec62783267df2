//! Serde helpers for numbers as providers really send them.

use serde::{Deserialize, Deserializer};

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

#[cfg(test)]
mod tests {
    use serde::Deserialize;

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
}

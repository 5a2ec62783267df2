//! Reading a body before any endpoint-specific parsing: JSON or not, and
//! whether it is the provider's own error message.
//!
//! Error bodies recognised (all arrive with a non-2xx status, but a client
//! may hand the body over regardless):
//! * CoinGecko: `{"status":{"error_code":429,"error_message":"..."}}` and
//!   `{"error":"coin not found"}`;
//! * Binance: `{"code":-1121,"msg":"Invalid symbol."}`;
//! * CoinPaprika: `{"error":"id not found"}`;
//! * Coinbase Exchange: `{"message":"NotFound"}`.

use serde_json::{Map, Value};

use crate::FeedError;
use crate::lenient::value_f64;
use crate::snapshot::clean_text;

/// Longest provider message kept, in characters.
const MAX_MESSAGE_CHARS: usize = 200;

/// The provider error carried by `body`, if it is one of the error shapes
/// above. Returns `None` for anything else, including bodies that are not
/// JSON (those are the parsers' business).
pub fn detect_provider_error(provider: &'static str, body: &str) -> Option<FeedError> {
    let value: Value = serde_json::from_str(body).ok()?;
    provider_error(provider, &value)
}

/// [`detect_provider_error`] on an already parsed body.
pub fn provider_error(provider: &'static str, body: &Value) -> Option<FeedError> {
    let (code, message) = error_parts(body.as_object()?)?;
    let message = clean_text(message.unwrap_or(""), MAX_MESSAGE_CHARS);
    Some(FeedError::Provider {
        provider,
        code,
        message: if message.is_empty() {
            "no message".to_owned()
        } else {
            message
        },
    })
}

fn error_parts(map: &Map<String, Value>) -> Option<(Option<i64>, Option<&str>)> {
    // CoinGecko: {"status": {"error_code": 429, "error_message": "..."}}
    if let Some(status) = map.get("status").and_then(Value::as_object)
        && (status.contains_key("error_code") || status.contains_key("error_message"))
    {
        return Some((
            code(status.get("error_code")),
            status.get("error_message").and_then(Value::as_str),
        ));
    }
    // CoinGecko / CoinPaprika: {"error": "..."}, or an object in its place.
    match map.get("error") {
        Some(Value::String(message)) => return Some((code(map.get("code")), Some(message))),
        Some(Value::Object(inner)) => {
            return Some(error_parts(inner).unwrap_or((
                code(inner.get("code")),
                inner.get("message").and_then(Value::as_str),
            )));
        }
        _ => {}
    }
    // Binance: {"code": -1121, "msg": "Invalid symbol."}
    if let (Some(c), Some(Value::String(msg))) = (map.get("code"), map.get("msg")) {
        return Some((code(Some(c)), Some(msg)));
    }
    // Coinbase Exchange: {"message": "NotFound"}; small objects only, so a
    // data object that happens to have a "message" field is not mistaken.
    if let Some(Value::String(message)) = map.get("message")
        && map.len() <= 3
        && !map.contains_key("data")
    {
        return Some((code(map.get("code")), Some(message)));
    }
    None
}

fn code(value: Option<&Value>) -> Option<i64> {
    let n = value_f64(value?).ok()??;
    (n.fract() == 0.0 && n.abs() <= 1e15).then_some(n as i64)
}

/// Parses `body` as JSON, reporting a provider error body as
/// [`FeedError::Provider`] and anything unreadable as [`FeedError::Malformed`].
pub(crate) fn json_body(
    provider: &'static str,
    endpoint: &str,
    body: &str,
) -> Result<Value, FeedError> {
    let value: Value = serde_json::from_str(body).map_err(|e| FeedError::Malformed {
        provider,
        detail: format!("{endpoint} is not JSON: {e}"),
    })?;
    match provider_error(provider, &value) {
        Some(err) => Err(err),
        None => Ok(value),
    }
}

/// [`json_body`] for endpoints that answer with a JSON array of rows.
pub(crate) fn json_rows(
    provider: &'static str,
    endpoint: &str,
    body: &str,
) -> Result<Vec<Value>, FeedError> {
    match json_body(provider, endpoint, body)? {
        Value::Array(rows) => Ok(rows),
        other => Err(FeedError::Malformed {
            provider,
            detail: format!(
                "{endpoint} should be a JSON array, got {}",
                crate::lenient::kind(&other)
            ),
        }),
    }
}

/// The rule every list answer meets before it is used: at least one usable
/// row, and at least half of its rows usable. A 200 answer with nothing to
/// show (`[]`, or rows that all fail because a field was renamed) is not a
/// success: it is [`FeedError::Malformed`], so it is never cached over the
/// last good copy and the next source of a chain is asked.
pub fn enough_rows(
    provider: &'static str,
    endpoint: &str,
    usable: usize,
    unusable: usize,
) -> Result<(), FeedError> {
    let total = usable + unusable;
    if usable == 0 || usable * 2 < total {
        return Err(FeedError::Malformed {
            provider,
            detail: if usable == 0 {
                format!("{endpoint}: no usable row (0 of {total} rows could be used)")
            } else {
                format!("{endpoint}: only {usable} of {total} rows could be used")
            },
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(body: &str) -> Option<(Option<i64>, String)> {
        match detect_provider_error("P", body)? {
            FeedError::Provider { code, message, .. } => Some((code, message)),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn recognises_coingecko_rate_limit_status() {
        let body = r#"{"status":{"error_code":429,"error_message":"You've exceeded the Rate Limit. Please visit https://www.coingecko.com/en/api/pricing to subscribe to our API plans for higher rate limits."}}"#;
        let (code, message) = detect(body).unwrap();
        assert_eq!(code, Some(429));
        assert!(message.starts_with("You've exceeded the Rate Limit"));
        assert!(
            detect_provider_error("CoinGecko", body)
                .unwrap()
                .is_rate_limited()
        );
    }

    #[test]
    fn recognises_plain_error_strings() {
        assert_eq!(
            detect(r#"{"error":"coin not found"}"#),
            Some((None, "coin not found".into()))
        );
        assert_eq!(
            detect(r#"{"error":{"status":{"error_code":"401","error_message":"bad key"}}}"#),
            Some((Some(401), "bad key".into()))
        );
    }

    #[test]
    fn recognises_binance_code_and_msg() {
        let err =
            detect_provider_error("Binance", r#"{"code":-1121,"msg":"Invalid symbol."}"#).unwrap();
        assert_eq!(
            err,
            FeedError::Provider {
                provider: "Binance",
                code: Some(-1121),
                message: "Invalid symbol.".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "Binance returned an error (code -1121): Invalid symbol."
        );
        let limited = r#"{"code":-1003,"msg":"Too many requests."}"#;
        assert!(
            detect_provider_error("Binance", limited)
                .unwrap()
                .is_rate_limited()
        );
    }

    #[test]
    fn recognises_coinbase_message_bodies() {
        assert_eq!(
            detect(r#"{"message":"NotFound"}"#),
            Some((None, "NotFound".into()))
        );
    }

    #[test]
    fn messages_are_cleaned_and_capped() {
        let long = "x".repeat(1000);
        let body = format!(r#"{{"error":"bad\u0000\nthing {long}"}}"#);
        let (_, message) = detect(&body).unwrap();
        assert!(message.starts_with("bad thing xxx"));
        assert_eq!(message.chars().count(), MAX_MESSAGE_CHARS);
        assert_eq!(detect(r#"{"error":""}"#), Some((None, "no message".into())));
    }

    #[test]
    fn ordinary_bodies_are_not_errors() {
        for body in [
            "[]",
            r#"[{"error":"x"}]"#,
            r#"{"data":{"active_cryptocurrencies":1}}"#,
            r#"{"symbol":"BTCUSDT","lastPrice":"1"}"#,
            r#"{"prices":[],"market_caps":[],"total_volumes":[]}"#,
            r#"{"error":null}"#,
            r#"{"status":{"timestamp":"2024-01-01"}}"#,
            r#"{"data":{},"message":"ok"}"#,
            "not json",
            "",
        ] {
            assert_eq!(detect(body), None, "{body}");
        }
    }

    #[test]
    fn rows_must_be_an_array() {
        assert!(matches!(
            json_rows("P", "/x", r#"{"a":1}"#),
            Err(FeedError::Malformed { detail, .. }) if detail.contains("an object")
        ));
        assert!(matches!(
            json_rows("P", "/x", r#"{"code":-1100,"msg":"Illegal characters"}"#),
            Err(FeedError::Provider {
                code: Some(-1100),
                ..
            })
        ));
        assert_eq!(json_rows("P", "/x", "[1]"), Ok(vec![serde_json::json!(1)]));
    }

    #[test]
    fn an_answer_with_no_usable_row_or_mostly_unusable_rows_is_malformed() {
        assert!(enough_rows("P", "/x", 0, 0).is_err());
        assert!(enough_rows("P", "/x", 0, 5).is_err());
        assert!(enough_rows("P", "/x", 2, 3).is_err());
        assert_eq!(enough_rows("P", "/x", 3, 3), Ok(()));
        assert_eq!(enough_rows("P", "/x", 1, 0), Ok(()));
        let Err(FeedError::Malformed { detail, .. }) = enough_rows("P", "/x", 2, 3) else {
            panic!("not malformed");
        };
        assert_eq!(detail, "/x: only 2 of 5 rows could be used");
        let Err(FeedError::Malformed { detail, .. }) = enough_rows("P", "/x", 0, 0) else {
            panic!("not malformed");
        };
        assert_eq!(detail, "/x: no usable row (0 of 0 rows could be used)");
    }
}

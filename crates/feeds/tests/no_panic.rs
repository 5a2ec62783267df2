//! No input makes a parser panic: every prefix of every fixture, byte
//! mutations of them, arbitrary text and arbitrary JSON values.

#![cfg(not(target_arch = "wasm32"))] // proptest needs a native randomness source
#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use proptest::prelude::*;
use serde_json::Value;
use tokenlens_feeds::{Snapshot, TimeSeries};
use tokenlens_feeds::{binance, coinbase, coingecko, coinpaprika, detect_provider_error};

const FIXTURES: &[(&str, &str)] = &[
    (
        "markets sample",
        include_str!("fixtures/coingecko_coins_markets_sample.json"),
    ),
    (
        "markets 24h/7d",
        include_str!("fixtures/coingecko_coins_markets_usd_pc24h7d_2026-06-08.json"),
    ),
    (
        "trending",
        include_str!("fixtures/coingecko_trending_plus_markets_processed_2025-09-06_trimmed.json"),
    ),
    (
        "categories",
        include_str!("fixtures/coingecko_coins_categories_2025-09-06_trimmed.json"),
    ),
    (
        "chart 5 min",
        include_str!("fixtures/coingecko_market_chart_1day_5min_2023-03-15.json"),
    ),
    (
        "chart daily",
        include_str!("fixtures/coingecko_market_chart_bitcoin_eur_daily_trimmed.json"),
    ),
    (
        "global",
        include_str!("fixtures/coingecko_global_documented_shape.json"),
    ),
    (
        "klines 1d",
        include_str!("fixtures/binance_api_v3_klines_BTCUSDT_1d_2026-10-01.json"),
    ),
    (
        "klines 1m",
        include_str!("fixtures/binance_api_v3_klines_ADAUSDT_1m_2024-11-16_first60.json"),
    ),
    (
        "ticker",
        include_str!("fixtures/binance_api_v3_ticker_24hr_2026-10-02.json"),
    ),
    (
        "coinbase",
        include_str!("fixtures/coinbase_products_candles_documented_shape.json"),
    ),
    (
        "coinpaprika",
        include_str!("fixtures/coinpaprika_tickers_documented_shape.json"),
    ),
];

/// Runs every parser on `body`; only a panic fails.
fn parse_everything(body: &str) {
    let _ = coingecko::parse_markets(body);
    let _ = coingecko::markets::latest_update(body);
    let _ = coingecko::parse_categories(body);
    let _ = coingecko::parse_global(body);
    if let Ok((chart, _)) = coingecko::parse_market_chart(body) {
        for series in [&chart.prices, &chart.market_caps, &chart.total_volumes] {
            check_series(series);
            check_series(&series.daily_last());
        }
    }
    if let Ok((candles, _)) = binance::parse_klines(body) {
        check_candles(&candles);
    }
    if let Ok((candles, _)) = coinbase::parse_candles(body) {
        check_candles(&candles);
    }
    let _ = binance::parse_ticker_24hr(body);
    let _ = coinpaprika::parse_tickers(body);
    let _ = detect_provider_error("any", body);
    let _ = Snapshot::from_json(body);
}

fn check_series(series: &TimeSeries) {
    let points = series.points();
    assert!(points.windows(2).all(|w| w[0].time_ms < w[1].time_ms));
    assert!(points.iter().all(|p| p.value.is_finite()));
}

fn check_candles(candles: &[tokenlens_feeds::Candle]) {
    assert!(
        candles
            .windows(2)
            .all(|w| w[0].open_time_ms < w[1].open_time_ms)
    );
    assert!(candles.iter().all(|c| c.check().is_ok()));
}

/// Char-boundary prefix lengths of `body`: all of them for small bodies,
/// evenly spaced ones plus both ends for large ones.
fn cut_points(body: &str, limit: usize) -> Vec<usize> {
    let step = (body.len() / limit).max(1);
    let edge = 40.min(body.len());
    (0..=body.len())
        .filter(|&i| i % step == 0 || i < edge || i > body.len() - edge)
        .filter(|&i| body.is_char_boundary(i))
        .collect()
}

#[test]
fn every_truncation_of_every_fixture_parses_without_panicking() {
    for (name, body) in FIXTURES {
        let cuts = cut_points(body, 80);
        assert!(cuts.len() > 50, "{name}");
        for cut in cuts {
            parse_everything(&body[..cut]);
        }
    }
}

#[test]
fn truncated_fixtures_are_typed_errors_not_partial_data() {
    for (name, body) in FIXTURES {
        let body = body.trim_end();
        let cut = &body[..body.len() - 1];
        assert!(
            coingecko::parse_markets(cut).is_err()
                && binance::parse_klines(cut).is_err()
                && coingecko::parse_market_chart(cut).is_err(),
            "{name}"
        );
    }
}

/// Replaces every scalar in a fixture's JSON with `with`, then parses.
fn replace_scalars(value: &mut Value, with: &Value) {
    match value {
        Value::Array(items) => items.iter_mut().for_each(|v| replace_scalars(v, with)),
        Value::Object(map) => map.values_mut().for_each(|v| replace_scalars(v, with)),
        scalar => *scalar = with.clone(),
    }
}

#[test]
fn fixtures_with_every_scalar_replaced_parse_without_panicking() {
    let replacements = [
        Value::Null,
        Value::Bool(true),
        serde_json::json!(-1),
        serde_json::json!(1e308),
        serde_json::json!(u64::MAX),
        serde_json::json!(i64::MIN),
        serde_json::json!(""),
        serde_json::json!("1e999"),
        serde_json::json!("-0"),
        serde_json::json!("NaN"),
        serde_json::json!("\u{0}<script>"),
        serde_json::json!([]),
        serde_json::json!({}),
    ];
    for (_, body) in FIXTURES {
        let original: Value = serde_json::from_str(body).unwrap();
        for with in &replacements {
            let mut value = original.clone();
            replace_scalars(&mut value, with);
            parse_everything(&value.to_string());
        }
    }
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        any::<f64>().prop_map(|n| serde_json::json!(n)),
        "[-+.eE0-9a-z ]{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("code"),
            Just("msg"),
            Just("error"),
            Just("status"),
            Just("error_code"),
            Just("prices"),
            Just("data"),
            Just("usd"),
            Just("id"),
            Just("symbol"),
        ]
        .prop_map(|s| Value::String(s.to_owned())),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..13).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("id".to_owned()),
                        Just("prices".to_owned()),
                        Just("market_caps".to_owned()),
                        Just("data".to_owned()),
                        Just("status".to_owned()),
                        Just("error".to_owned()),
                        Just("code".to_owned()),
                        Just("msg".to_owned()),
                        Just("message".to_owned()),
                        Just("quotes".to_owned()),
                        Just("USD".to_owned()),
                        Just("symbol".to_owned()),
                        Just("sparkline_in_7d".to_owned()),
                        Just("price".to_owned()),
                        Just("total_market_cap".to_owned()),
                        Just("usd".to_owned()),
                        "[a-z_]{1,8}",
                    ],
                    inner,
                ),
                0..8,
            )
            .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_json_never_panics(value in arb_json()) {
        parse_everything(&value.to_string());
    }

    #[test]
    fn arbitrary_text_never_panics(body in "\\PC{0,64}") {
        parse_everything(&body);
    }

    #[test]
    fn byte_mutations_of_fixtures_never_panic(
        which in 0..FIXTURES.len(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
    ) {
        let mut bytes = FIXTURES[which].1.as_bytes().to_vec();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        parse_everything(&String::from_utf8_lossy(&bytes));
    }
}

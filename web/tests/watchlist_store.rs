//! The watchlist in a real browser's localStorage: round trips under
//! `tokenlens.` keys, a damaged saved list is reported and left untouched,
//! import files are checked, and the alert log is capped.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use tokenlens_core::analysis::signal::SignalState;
use tokenlens_core::watchlist::Watchlist;
use tokenlens_core::watchlist::alerts::{Alert, AlertReason, Seen, SeenToken};
use tokenlens_web::watchlist_store::{
    ALERTS_KEY, LIST_KEY, LoggedAlert, MAX_LOGGED, SEEN_KEY, load_alerts, load_list, load_seen,
    parse_list, save_alerts, save_list, save_seen,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn clear() {
    for key in [LIST_KEY, SEEN_KEY, ALERTS_KEY] {
        storage().remove_item(key).unwrap();
    }
}

#[wasm_bindgen_test]
fn the_list_round_trips_under_a_prefixed_key() {
    clear();
    for key in [LIST_KEY, SEEN_KEY, ALERTS_KEY] {
        assert!(key.starts_with("tokenlens."), "{key}");
    }
    assert_eq!(load_list().unwrap(), Watchlist::default());
    let mut list = Watchlist::default();
    list.add("ETH").unwrap();
    list.add("SOL").unwrap();
    save_list(&list).unwrap();
    assert!(
        storage()
            .get_item(LIST_KEY)
            .unwrap()
            .unwrap()
            .contains("\"ETH\"")
    );
    assert_eq!(load_list().unwrap(), list);
    clear();
}

#[wasm_bindgen_test]
fn a_damaged_saved_list_is_reported_and_kept() {
    clear();
    storage()
        .set_item(LIST_KEY, "{\"format\":1,\"tokens\":[")
        .unwrap();
    let e = load_list().unwrap_err();
    assert!(e.starts_with("The saved watchlist cannot be read"), "{e}");
    assert_eq!(
        storage().get_item(LIST_KEY).unwrap().unwrap(),
        "{\"format\":1,\"tokens\":["
    );
    clear();
}

#[wasm_bindgen_test]
fn import_files_are_checked_whole() {
    assert!(
        parse_list("not json")
            .unwrap_err()
            .contains("not a tokenlens watchlist file")
    );
    let e = parse_list(r#"{"format":1,"tokens":[{"symbol":"BTC"},{"symbol":"eth"}]}"#).unwrap_err();
    assert!(e.contains("token 2"), "{e}");
    let e = parse_list(r#"{"format":1,"tokens":[{"symbol":"BTC","extra":1}]}"#).unwrap_err();
    assert!(e.contains("unknown field"), "{e}");
    let ok = parse_list(r#"{"format":1,"tokens":[{"symbol":"BTC"}]}"#).unwrap();
    assert!(ok.contains("BTC"));
}

#[wasm_bindgen_test]
fn the_observation_and_the_alert_log_are_kept_and_capped() {
    clear();
    assert_eq!(load_seen(), Seen::default());
    storage().set_item(SEEN_KEY, "garbage").unwrap();
    assert_eq!(load_seen(), Seen::default());
    let mut seen = Seen::default();
    seen.tokens.insert(
        "ETH".into(),
        SeenToken {
            date: "2025-06-12".into(),
            trader_grade: 57.0,
            investor_grade: Some(42.0),
            signal: SignalState::Neutral,
        },
    );
    save_seen(&seen).unwrap();
    assert_eq!(load_seen(), seen);

    let alert = |i: usize| LoggedAlert {
        at_ms: i as f64,
        alert: Alert {
            symbol: "ETH".into(),
            date: "2025-06-12".into(),
            reason: AlertReason::SignalFlip {
                from: SignalState::Bullish,
                to: SignalState::Bearish,
            },
        },
    };
    let log: Vec<LoggedAlert> = (0..MAX_LOGGED + 5).map(alert).collect();
    save_alerts(&log).unwrap();
    let kept = load_alerts();
    assert_eq!(kept.len(), MAX_LOGGED);
    assert_eq!(kept[0], alert(0));
    clear();
}

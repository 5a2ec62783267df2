//! The site settings in a real browser's localStorage: one versioned key,
//! read defensively (bad JSON or a bad field falls back to defaults, field
//! by field), fields of other versions kept, other keys never touched.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use tokenlens_web::settings_store::{DataChoice, SETTINGS_KEY, Settings, Theme, load, save};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
fn settings_round_trip_under_one_versioned_key() {
    storage().remove_item(SETTINGS_KEY).unwrap();
    assert_eq!(load(), Settings::default());
    let chosen = Settings {
        source: DataChoice::Snapshot,
        refresh_minutes: 5,
        theme: Theme::Dark,
    };
    save(&chosen).unwrap();
    assert_eq!(load(), chosen);
    let stored = storage().get_item(SETTINGS_KEY).unwrap().unwrap();
    assert!(stored.contains("\"version\":1"), "{stored}");
    storage().remove_item(SETTINGS_KEY).unwrap();
}

#[wasm_bindgen_test]
fn unreadable_settings_fall_back_field_by_field() {
    for text in ["", "{", "null", "[1,2]", "\"dark\"", "{\"theme\": 3}"] {
        assert_eq!(Settings::parse(text), Settings::default(), "{text}");
    }
    let partly = Settings::parse(
        r#"{"version": 9, "source": "snapshot", "refresh_minutes": 7, "theme": "neon"}"#,
    );
    assert_eq!(
        partly,
        Settings {
            source: DataChoice::Snapshot,
            ..Settings::default()
        }
    );
}

#[wasm_bindgen_test]
fn saving_keeps_unknown_fields_and_other_keys() {
    storage()
        .set_item("tokenlens.watchlist", "{\"format\":1,\"tokens\":[]}")
        .unwrap();
    storage()
        .set_item(
            SETTINGS_KEY,
            r#"{"version": 2, "density": "compact", "theme": "light"}"#,
        )
        .unwrap();
    let mut s = load();
    assert_eq!(s.theme, Theme::Light);
    s.refresh_minutes = 15;
    save(&s).unwrap();
    let stored: serde_json::Value =
        serde_json::from_str(&storage().get_item(SETTINGS_KEY).unwrap().unwrap()).unwrap();
    assert_eq!(stored["density"], "compact");
    assert_eq!(stored["refresh_minutes"], 15);
    assert_eq!(stored["theme"], "light");
    assert_eq!(
        storage().get_item("tokenlens.watchlist").unwrap().unwrap(),
        "{\"format\":1,\"tokens\":[]}"
    );
    storage().remove_item(SETTINGS_KEY).unwrap();
    storage().remove_item("tokenlens.watchlist").unwrap();
}

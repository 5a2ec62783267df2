//! API keys as secrets, in a real browser: encryption at rest, wrong
//! passphrases, what lands in which storage, and forgetting.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use tokenlens_feeds::client::{ApiKey, KeyPlan};
use tokenlens_web::keys::{self, VAULT_ITEM, vault};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SECRET: &str = "CG-s3cretValue42";

fn all_storage_text() -> String {
    let w = web_sys::window().unwrap();
    let mut text = String::new();
    for storage in [
        w.local_storage().unwrap().unwrap(),
        w.session_storage().unwrap().unwrap(),
    ] {
        for i in 0..storage.length().unwrap() {
            let k = storage.key(i).unwrap().unwrap();
            text.push_str(&k);
            text.push_str(&storage.get_item(&k).unwrap().unwrap_or_default());
        }
    }
    text
}

#[wasm_bindgen_test]
async fn a_sealed_key_opens_only_with_its_passphrase() {
    let record = vault::seal("demo", SECRET, "correct horse battery")
        .await
        .unwrap();
    assert!(!record.contains(SECRET) && !record.contains("correct horse"));
    assert!(record.starts_with(&format!("v1.{}.", vault::ITERATIONS)));
    let (plan, secret) = vault::open(&record, "correct horse battery").await.unwrap();
    assert_eq!((plan.as_str(), secret.as_str()), ("demo", SECRET));
    assert_eq!(
        vault::open(&record, "wrong horse battery")
            .await
            .unwrap_err(),
        "wrong passphrase"
    );
    // Two sealings of the same key differ (fresh salt and IV).
    let again = vault::seal("demo", SECRET, "correct horse battery")
        .await
        .unwrap();
    assert_ne!(record, again);
}

#[wasm_bindgen_test]
async fn damaged_records_and_short_passphrases_are_refused_in_words() {
    assert!(
        vault::seal("demo", SECRET, "short")
            .await
            .unwrap_err()
            .contains("at least 8")
    );
    for bad in [
        "",
        "v1.600000",
        "v2.1.AA.AA.AA",
        "v1.x.AA.AA.AA",
        "v1.1000.!!.AA.AA",
    ] {
        let err = vault::open(bad, "whatever-passphrase").await.unwrap_err();
        assert!(err.contains("damaged"), "{bad}: {err}");
    }
}

#[wasm_bindgen_test]
async fn by_default_a_key_stays_in_this_tab_only() {
    keys::forget();
    let key = ApiKey::new(KeyPlan::Demo, SECRET).unwrap();
    keys::save_for_tab(&key).unwrap();
    assert_eq!(keys::session_key(), Some(key));
    assert!(!keys::has_vault());
    let local = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    for i in 0..local.length().unwrap() {
        let k = local.key(i).unwrap().unwrap();
        assert!(
            !local
                .get_item(&k)
                .unwrap()
                .unwrap_or_default()
                .contains(SECRET)
        );
    }
    keys::forget();
    assert_eq!(keys::session_key(), None);
}

#[wasm_bindgen_test]
async fn a_remembered_key_is_stored_encrypted_and_forgotten_in_one_action() {
    keys::forget();
    let key = ApiKey::new(KeyPlan::Pro, SECRET).unwrap();
    keys::remember(&key, "a long enough passphrase")
        .await
        .unwrap();
    assert!(keys::has_vault());
    let stored = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item(VAULT_ITEM)
        .unwrap()
        .unwrap();
    assert!(!stored.contains(SECRET), "the key is stored in clear");
    assert!(keys::unlock("not the passphrase").await.is_err());
    let opened = keys::unlock("a long enough passphrase").await.unwrap();
    assert_eq!(opened, key);
    keys::forget();
    assert!(!keys::has_vault());
    assert_eq!(keys::session_key(), None);
    assert!(!all_storage_text().contains(SECRET));
}

#[wasm_bindgen_test]
async fn a_key_saved_for_this_tab_replaces_a_kept_one_in_every_store() {
    keys::forget();
    let kept = ApiKey::new(KeyPlan::Pro, SECRET).unwrap();
    keys::remember(&kept, "a long enough passphrase")
        .await
        .unwrap();
    assert!(keys::has_vault());
    let replacement = ApiKey::new(KeyPlan::Demo, "CG-replacementKey77").unwrap();
    keys::save_for_tab(&replacement).unwrap();
    assert_eq!(keys::session_key(), Some(replacement));
    // The replaced key is gone from rest: nothing to unlock on the next visit.
    assert!(!keys::has_vault());
    assert!(keys::unlock("a long enough passphrase").await.is_err());
    assert!(!all_storage_text().contains(SECRET));
    keys::forget();
}

#[wasm_bindgen_test]
async fn a_withheld_key_is_said_for_this_tab_until_a_key_is_saved_again() {
    keys::forget();
    let key = ApiKey::new(KeyPlan::Demo, SECRET).unwrap();
    keys::save_for_tab(&key).unwrap();
    assert!(!keys::is_withheld());
    keys::mark_withheld();
    assert!(keys::is_withheld());
    keys::save_for_tab(&key).unwrap();
    assert!(!keys::is_withheld(), "saving a key sends it again");
    keys::mark_withheld();
    keys::forget();
    assert!(!keys::is_withheld());
}

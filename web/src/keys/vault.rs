//! Encryption at rest of a kept API key, with the browser's WebCrypto.
//!
//! A 256-bit AES-GCM key is derived from the visitor's passphrase with
//! PBKDF2-SHA-256 over a random 16-byte salt, [`ITERATIONS`] rounds (the
//! OWASP recommendation for PBKDF2-SHA-256); each sealing uses a fresh
//! random 12-byte IV. The stored record holds the version, iteration count,
//! salt, IV and ciphertext (base64), never the passphrase or the plain key.
//! A wrong passphrase fails GCM's authentication: it cannot yield a wrong key.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

/// PBKDF2-SHA-256 rounds.
pub const ITERATIONS: u32 = 600_000;
const VERSION: u32 = 1;

fn crypto() -> Result<web_sys::Crypto, String> {
    web_sys::window()
        .ok_or("no window")?
        .crypto()
        .map_err(|_| "this browser has no WebCrypto".to_owned())
}

fn subtle() -> Result<SubtleCrypto, String> {
    Ok(crypto()?.subtle())
}

fn random_bytes(n: usize) -> Result<Vec<u8>, String> {
    let mut bytes = vec![0u8; n];
    crypto()?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| "no secure random numbers".to_owned())?;
    Ok(bytes)
}

fn object(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

async fn promise(p: Result<js_sys::Promise, JsValue>, what: &str) -> Result<JsValue, String> {
    let p = p.map_err(|_| format!("{what} is not supported by this browser"))?;
    JsFuture::from(p)
        .await
        .map_err(|_| format!("{what} failed"))
}

/// The AES-GCM key for `passphrase` and `salt`.
async fn derive(passphrase: &str, salt: &[u8], iterations: u32) -> Result<CryptoKey, String> {
    let subtle = subtle()?;
    let raw: Object = Uint8Array::from(passphrase.as_bytes()).unchecked_into();
    let usages = Array::of1(&"deriveKey".into());
    let base = promise(
        subtle.import_key_with_str("raw", &raw, "PBKDF2", false, &usages),
        "importing the passphrase",
    )
    .await?;
    let params = object(&[
        ("name", "PBKDF2".into()),
        ("hash", "SHA-256".into()),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", iterations.into()),
    ]);
    let aes = object(&[("name", "AES-GCM".into()), ("length", 256.into())]);
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let key = promise(
        subtle.derive_key_with_object_and_object(
            &params,
            &base.unchecked_into(),
            &aes,
            false,
            &usages,
        ),
        "deriving the key",
    )
    .await?;
    Ok(key.unchecked_into())
}

fn b64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

fn unb64(s: &str) -> Option<Vec<u8>> {
    STANDARD.decode(s).ok()
}

/// Encrypts `plan:secret` with `passphrase`; returns the record to store.
pub async fn seal(plan: &str, secret: &str, passphrase: &str) -> Result<String, String> {
    if passphrase.chars().count() < 8 {
        return Err("choose a passphrase of at least 8 characters".into());
    }
    let salt = random_bytes(16)?;
    let iv = random_bytes(12)?;
    let key = derive(passphrase, &salt, ITERATIONS).await?;
    let params = object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(&iv[..]).into()),
    ]);
    let plain = format!("{plan}:{secret}");
    let sealed = promise(
        subtle()?.encrypt_with_object_and_u8_array(&params, &key, plain.as_bytes()),
        "encrypting the key",
    )
    .await?;
    let sealed = Uint8Array::new(&sealed).to_vec();
    Ok(format!(
        "v{VERSION}.{ITERATIONS}.{}.{}.{}",
        b64(&salt),
        b64(&iv),
        b64(&sealed)
    ))
}

/// Decrypts a record made by [`seal`]; returns `(plan, secret)`.
pub async fn open(record: &str, passphrase: &str) -> Result<(String, String), String> {
    let damaged = || "the kept key is damaged; forget it and enter it again".to_owned();
    let parts: Vec<&str> = record.split('.').collect();
    let [version, iterations, salt, iv, sealed] = parts[..] else {
        return Err(damaged());
    };
    if version != format!("v{VERSION}") {
        return Err(damaged());
    }
    let iterations: u32 = iterations.parse().map_err(|_| damaged())?;
    let (salt, iv, sealed) = (
        unb64(salt).ok_or_else(damaged)?,
        unb64(iv).ok_or_else(damaged)?,
        unb64(sealed).ok_or_else(damaged)?,
    );
    let key = derive(passphrase, &salt, iterations).await?;
    let params = object(&[
        ("name", "AES-GCM".into()),
        ("iv", Uint8Array::from(&iv[..]).into()),
    ]);
    let plain = JsFuture::from(
        subtle()?
            .decrypt_with_object_and_u8_array(&params, &key, &sealed)
            .map_err(|_| damaged())?,
    )
    .await
    .map_err(|_| "wrong passphrase".to_owned())?;
    let plain = String::from_utf8(Uint8Array::new(&plain).to_vec()).map_err(|_| damaged())?;
    let (plan, secret) = plain.split_once(':').ok_or_else(damaged)?;
    Ok((plan.to_owned(), secret.to_owned()))
}

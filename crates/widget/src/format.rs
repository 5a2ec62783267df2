//! Numbers in the visitor's language, through the browser's `Intl`. Every
//! `Intl` call that can throw is imported with `catch`, so a bad locale
//! becomes a typed error, never an exception through Rust frames.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = getCanonicalLocales, catch)]
    fn canonical_locales(tag: &str) -> Result<Array, JsValue>;

    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    type NumberFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "NumberFormat", catch)]
    fn new(locales: &JsValue, options: &Object) -> Result<NumberFormat, JsValue>;

    #[wasm_bindgen(method, js_class = "NumberFormat")]
    fn format(this: &NumberFormat, value: f64) -> String;
}

/// Whether the browser knows `tag` as a language tag.
pub fn locale_is_valid(tag: &str) -> bool {
    canonical_locales(tag).is_ok_and(|a| a.length() == 1)
}

/// The formatters of one widget: its locale and currency.
#[derive(Debug)]
pub struct Formats {
    price: Fmt,
    small_price: Fmt,
    percent: Fmt,
    amount: Fmt,
    grade: Fmt,
}

#[derive(Debug)]
struct Fmt(Option<NumberFormat>);

impl std::fmt::Debug for NumberFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Intl.NumberFormat")
    }
}

impl Fmt {
    fn new(locales: &JsValue, options: &[(&str, JsValue)]) -> Self {
        let object = Object::new();
        for (key, value) in options {
            let _ = Reflect::set(&object, &JsValue::from_str(key), value);
        }
        Self(NumberFormat::new(locales, &object).ok())
    }

    /// Formatted, or plain digits if `Intl` refused the options.
    fn show(&self, value: f64) -> String {
        match &self.0 {
            Some(f) => f.format(value),
            None => format!("{value:.2}"),
        }
    }
}

impl Formats {
    /// `locale` `None`: the visitor's own. `currency`: an ISO-like code.
    pub fn new(locale: Option<&str>, currency: &str) -> Self {
        let locales = match locale {
            Some(tag) => Array::of1(&JsValue::from_str(tag)).into(),
            None => JsValue::UNDEFINED,
        };
        let currency = JsValue::from_str(&currency.to_ascii_uppercase());
        let s = |v: &str| JsValue::from_str(v);
        let n = |v: f64| JsValue::from_f64(v);
        Self {
            price: Fmt::new(
                &locales,
                &[
                    ("style", s("currency")),
                    ("currency", currency.clone()),
                    ("minimumFractionDigits", n(2.0)),
                    ("maximumFractionDigits", n(2.0)),
                ],
            ),
            small_price: Fmt::new(
                &locales,
                &[
                    ("style", s("currency")),
                    ("currency", currency.clone()),
                    ("maximumSignificantDigits", n(4.0)),
                ],
            ),
            percent: Fmt::new(
                &locales,
                &[
                    ("style", s("percent")),
                    ("signDisplay", s("exceptZero")),
                    ("minimumFractionDigits", n(1.0)),
                    ("maximumFractionDigits", n(1.0)),
                ],
            ),
            amount: Fmt::new(
                &locales,
                &[
                    ("style", s("currency")),
                    ("currency", currency),
                    ("notation", s("compact")),
                    ("maximumFractionDigits", n(2.0)),
                ],
            ),
            grade: Fmt::new(&locales, &[("maximumFractionDigits", n(0.0))]),
        }
    }

    pub fn price(&self, v: f64) -> String {
        if v.abs() >= 1.0 || v == 0.0 {
            self.price.show(v)
        } else {
            self.small_price.show(v)
        }
    }

    /// `v` in percent (`2.5` = +2.5 %).
    pub fn percent(&self, v: f64) -> String {
        self.percent.show(v / 100.0)
    }

    pub fn amount(&self, v: f64) -> String {
        self.amount.show(v)
    }

    pub fn grade(&self, v: f64) -> String {
        self.grade.show(v.round())
    }

    pub fn integer(&self, v: f64) -> String {
        self.grade.show(v)
    }
}

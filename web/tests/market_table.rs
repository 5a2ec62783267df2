//! The market table component mounted in a real browser.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use leptos::prelude::*;
use tokenlens_feeds::TokenMarket;
use tokenlens_web::components::market_table::{MarketRow, MarketTable};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn token(
    id: &str,
    price: Option<f64>,
    market_cap: Option<f64>,
    supply: Option<f64>,
) -> TokenMarket {
    TokenMarket {
        id: id.into(),
        symbol: id.to_uppercase(),
        name: format!("{id} coin"),
        rank: Some(1),
        price,
        market_cap,
        fully_diluted_valuation: None,
        total_volume: None,
        change_24h_pct: None,
        circulating_supply: supply,
        total_supply: None,
        max_supply: None,
        ..TokenMarket::default()
    }
}

#[wasm_bindgen_test]
fn rows_are_classed_by_reported_or_implied_market_cap() {
    let row = MarketRow::from_token(&token("a", Some(0.5), None, Some(40e6)));
    assert_eq!(row.market_cap, Some(20e6));
    assert_eq!(row.class, Ok("micro"));
    let row = MarketRow::from_token(&token("b", None, None, None));
    assert!(row.class.unwrap_err().contains("market cap unknown"));
}

#[wasm_bindgen_test]
fn renders_one_row_per_token_with_text_only_content() {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let mut evil = token("evil", Some(1.0), Some(2e10), None);
    evil.name = "<img src=x onerror=alert(1)>".into();
    let tokens = vec![evil, token("unknown", None, None, None)];
    let _mounted = leptos::mount::mount_to(host.clone(), move || view! { <MarketTable tokens /> });

    let rows = host.query_selector_all("tbody tr").unwrap();
    assert_eq!(rows.length(), 2);
    assert!(
        host.query_selector("img").unwrap().is_none(),
        "feed text became markup"
    );
    let first: web_sys::HtmlElement = rows.item(0).unwrap().unchecked_into();
    let text = first.inner_text();
    assert!(text.contains("<img src=x onerror=alert(1)>"), "{text}");
    assert!(text.contains("$20.00B") && text.contains("large"), "{text}");
    let second: web_sys::HtmlElement = rows.item(1).unwrap().unchecked_into();
    let unknown = second.query_selector(".class-unknown").unwrap().unwrap();
    assert!(
        unknown
            .get_attribute("title")
            .unwrap()
            .contains("market cap unknown")
    );
}

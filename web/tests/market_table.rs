//! The market table component mounted in a real browser.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use leptos::prelude::*;
use leptos_router::components::Router;
use tokenlens_core::analysis::signal::SignalState;
use tokenlens_core::universe::screen::ScreenRow;
use tokenlens_feeds::TokenMarket;
use tokenlens_web::components::market_table::{MarketRow, MarketTable, PAGE_SIZE};
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

fn screen_row(symbol: &str, date: &str, return_1d: f64) -> ScreenRow {
    ScreenRow {
        symbol: symbol.into(),
        date: date.into(),
        price: 105_671.73,
        trader_grade: 65.8,
        trader_grade_change_24h: None,
        trader_grade_change_7d: None,
        trader_grade_confidence: 1.0,
        investor_grade: None,
        investor_grade_change_7d: None,
        signal: SignalState::Neutral,
        signal_strength: None,
        signal_since: None,
        days_since_flip: None,
        rating: None,
        rating_score: None,
        class: None,
        market_cap: None,
        stable: false,
        return_1d: Some(return_1d),
        return_7d: Some(0.04),
        return_30d: None,
    }
}

#[wasm_bindgen_test]
fn rows_are_classed_by_reported_or_implied_market_cap() {
    let row = MarketRow::from_token(
        &token("a", Some(0.5), None, Some(40e6)),
        Err("Grading…".into()),
    );
    assert_eq!(row.market_cap, Ok(20e6));
    assert_eq!(row.class, Ok("micro"));
    assert_eq!(row.grade, Err("Grading…".into()));
    let row = MarketRow::from_token(&token("b", None, None, None), Err(String::new()));
    assert!(row.class.unwrap_err().contains("market cap unknown"));
}

#[wasm_bindgen_test]
fn a_history_row_has_the_figures_of_its_date_only() {
    let row = screen_row("BTC", "2025-06-12", -0.027);
    let shown = MarketRow::from_history(&row, Some("Bitcoin".into()), vec![1.0, 2.0], "2025-06-12");
    assert_eq!(shown.price, Ok(105_671.73));
    assert_eq!(shown.grade, Ok(65.8));
    assert_eq!(shown.signal, Some(SignalState::Neutral));
    assert_eq!(shown.change_24h, Some(-0.027));
    for missing in [shown.market_cap.clone(), shown.volume.clone()] {
        assert!(
            missing.unwrap_err().contains("No "),
            "a market figure without its reason"
        );
    }
    assert!(shown.rank.unwrap_err().contains("2025-06-12"));
    // A token whose last close is older: no figure of another date.
    let old = MarketRow::from_history(
        &screen_row("OLD", "2024-01-01", 0.1),
        None,
        vec![1.0, 2.0],
        "2025-06-12",
    );
    assert!(old.price.unwrap_err().contains("2024-01-01"));
    assert!(old.grade.is_err() && old.signal.is_none() && old.change_24h.is_none());
    assert!(old.spark.is_empty());
}

fn mount(rows: Vec<MarketRow>) -> (web_sys::HtmlElement, RwSignal<usize>) {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let page = RwSignal::new(0);
    let mounted = leptos::mount::mount_to(host.clone(), move || {
        view! {
            <Router>
                <MarketTable rows caption="test".to_owned() page />
            </Router>
        }
    });
    mounted.forget();
    (host, page)
}

#[wasm_bindgen_test]
fn renders_one_row_per_token_with_text_only_content() {
    let mut evil = token("evil", Some(1.0), Some(2e10), None);
    evil.name = "<img src=x onerror=alert(1)>".into();
    evil.change_24h_pct = Some(-3.0);
    let rows = [evil, token("unknown", None, None, None)]
        .iter()
        .map(|t| MarketRow::from_token(t, Err("Grading…".into())))
        .collect();
    let (host, _) = mount(rows);

    let rows = host.query_selector_all("tbody tr").unwrap();
    assert_eq!(rows.length(), 2);
    assert!(
        host.query_selector("img").unwrap().is_none(),
        "feed text became markup"
    );
    let first: web_sys::HtmlElement = rows.item(0).unwrap().unchecked_into();
    let text = first.inner_text();
    assert!(text.contains("<img src=x onerror=alert(1)>"), "{text}");
    assert!(text.contains("$20.00B"), "{text}");
    assert!(
        first
            .query_selector("[title='large cap']")
            .unwrap()
            .is_some()
    );
    assert!(text.contains("-3.0%"), "{text}");
    assert!(first.query_selector("td.down").unwrap().is_some());
    let link = first.query_selector("a").unwrap().unwrap();
    // Under the document's base path (the test runner's page has its own).
    let href = link.get_attribute("href").unwrap();
    assert!(href.ends_with("/token/EVIL"), "{href}");
    let second: web_sys::HtmlElement = rows.item(1).unwrap().unchecked_into();
    let titles: Vec<String> = (0..second.query_selector_all(".missing").unwrap().length())
        .filter_map(|i| second.query_selector_all(".missing").unwrap().item(i))
        .filter_map(|n| {
            n.unchecked_into::<web_sys::Element>()
                .get_attribute("title")
        })
        .collect();
    assert!(
        titles.iter().any(|t| t.contains("market cap unknown")),
        "{titles:?}"
    );
}

#[wasm_bindgen_test]
async fn pages_hold_fifty_rows() {
    let rows: Vec<MarketRow> = (0..PAGE_SIZE + 10)
        .map(|i| {
            MarketRow::from_history(
                &screen_row(&format!("T{i}"), "2025-06-12", 0.01),
                None,
                Vec::new(),
                "2025-06-12",
            )
        })
        .collect();
    let (host, page) = mount(rows);
    assert_eq!(host.query_selector_all("tbody tr").unwrap().length(), 50);
    let text = |h: &web_sys::HtmlElement| {
        h.query_selector("nav.pager")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert!(text(&host).contains("Page 1 of 2"), "{}", text(&host));
    let next: web_sys::HtmlElement = host
        .query_selector("nav.pager button:last-of-type")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(next.text_content().unwrap(), "Next");
    next.click();
    tokenlens_web::grading::next_task().await;
    assert_eq!(page.get_untracked(), 1);
    assert_eq!(host.query_selector_all("tbody tr").unwrap().length(), 10);
    assert!(text(&host).contains("Page 2 of 2"));
    assert!(host.query_selector("td.up").unwrap().is_some());
}

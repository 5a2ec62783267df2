//! The screener's view (filters, order, pages, columns) and its URL form,
//! and the CSV export: plain functions, run in the browser like the rest of
//! the site's tests.

#![allow(clippy::unwrap_used)] // test code: a failed unwrap is a failed test

use std::collections::BTreeMap;

use tokenlens_core::analysis::signal::SignalState;
use tokenlens_core::market_cap::MarketCapClass;
use tokenlens_core::universe::narratives::{Narrative, NarrativeTable};
use tokenlens_core::universe::screen::ScreenRow;
use tokenlens_feeds::TokenMarket;
use tokenlens_web::pages::screener::export::{field, to_csv};
use tokenlens_web::pages::screener::view::{
    Column, DEFAULT_COLUMNS, Filters, Markets, PAGE_SIZE, Preset, SortKey, View, preset_view,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn row(symbol: &str, grade: f64, signal: SignalState, flip: Option<i64>) -> ScreenRow {
    ScreenRow {
        symbol: symbol.into(),
        date: "2025-06-12".into(),
        price: 1.0,
        trader_grade: grade,
        trader_grade_change_24h: None,
        trader_grade_change_7d: Some(grade / 10.0),
        trader_grade_confidence: 1.0,
        investor_grade: Some(100.0 - grade),
        investor_grade_change_7d: None,
        signal,
        signal_strength: None,
        signal_since: None,
        days_since_flip: flip,
        rating: None,
        rating_score: None,
        class: None,
        market_cap: None,
        stable: false,
        return_1d: Some(grade / 1000.0),
        return_7d: None,
        return_30d: None,
    }
}

fn query(text: &str) -> BTreeMap<String, String> {
    text.split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.replace("%20", " ")))
        .collect()
}

fn symbols(v: &View, rows: &[ScreenRow]) -> Vec<String> {
    v.apply(rows, &NarrativeTable::bundled(), &Default::default())
        .iter()
        .map(|r| r.symbol.clone())
        .collect()
}

#[wasm_bindgen_test]
fn the_default_view_has_an_empty_query_and_every_change_round_trips() {
    assert_eq!(View::default().to_query(), "");
    let views = [
        View {
            sort: SortKey::Symbol,
            descending: false,
            ..View::default()
        },
        View {
            sort: SortKey::Column(Column::Price),
            descending: false,
            filters: Filters {
                signal: Some(SignalState::Bearish),
                trader: (20.0, 80.5),
                investor: (10.0, 90.0),
                flipped_within: Some(3),
                min_grade_change_7d: Some(10.0),
                class: Some(MarketCapClass::Micro),
                narrative: Some(Narrative::Ai),
                min_volume: Some(2_500_000.0),
                min_volume_to_market_cap: Some(0.025),
            },
            search: "eth & co".into(),
            page: 2,
            columns: vec![Column::Price, Column::Signal],
        },
        preset_view(preset("fresh-bullish-flips"), DEFAULT_COLUMNS.to_vec()),
    ];
    for v in views {
        let q = v.to_query();
        let decoded: BTreeMap<String, String> = q
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, val)| {
                let mut out = Vec::new();
                let b = val.as_bytes();
                let mut i = 0;
                while i < b.len() {
                    if b[i] == b'%' {
                        out.push(u8::from_str_radix(&val[i + 1..i + 3], 16).unwrap());
                        i += 3;
                    } else {
                        out.push(b[i]);
                        i += 1;
                    }
                }
                (k.to_owned(), String::from_utf8(out).unwrap())
            })
            .collect();
        assert_eq!(View::from_query(&decoded), v, "{q}");
    }
}

#[wasm_bindgen_test]
fn bad_query_values_fall_back_to_defaults() {
    let v = View::from_query(&query(
        "sort=nonsense&dir=sideways&signal=maybe&tg=90-10&ig=-5-50&flipped=-2&class=huge&narrative=x&page=0&cols=zzz&vol=-3&volmc=lots",
    ));
    assert_eq!(v, View::default());
    let long = View::from_query(&query(&format!("q={}", "A".repeat(500))));
    assert_eq!(long.search.len(), 40);
}

#[wasm_bindgen_test]
fn filters_combine_and_sorting_puts_missing_values_last() {
    let rows = vec![
        row("AAA", 85.0, SignalState::Bullish, Some(2)),
        row("BBB", 40.0, SignalState::Bearish, Some(10)),
        row("CCC", 90.0, SignalState::Bullish, Some(5)),
        row("DDD", 70.0, SignalState::Bullish, Some(1)),
    ];
    assert_eq!(
        symbols(&View::default(), &rows),
        ["CCC", "AAA", "DDD", "BBB"]
    );
    let strong = preset_view(preset("strong-trader-grade"), DEFAULT_COLUMNS.to_vec());
    assert_eq!(symbols(&strong, &rows), ["CCC", "AAA"]);
    let fresh = preset_view(preset("fresh-bullish-flips"), DEFAULT_COLUMNS.to_vec());
    assert_eq!(symbols(&fresh, &rows), ["DDD", "AAA"]);
    let search = View {
        search: " bb ".into(),
        ..View::default()
    };
    assert_eq!(symbols(&search, &rows), ["BBB"]);
    let mut missing = rows.clone();
    missing[0].return_7d = Some(0.1);
    missing[1].return_7d = Some(-0.1);
    for descending in [true, false] {
        let by_7d = View {
            sort: SortKey::Column(Column::Change7d),
            descending,
            ..View::default()
        };
        let order = symbols(&by_7d, &missing);
        assert_eq!(&order[2..], ["CCC", "DDD"], "missing last, ties by symbol");
    }
    // Narratives come from the bundled table.
    let ai = View {
        filters: Filters {
            narrative: Some(Narrative::Ai),
            ..Filters::NONE
        },
        ..View::default()
    };
    let rows = vec![
        row("FET", 50.0, SignalState::Neutral, None),
        row("BTC", 50.0, SignalState::Neutral, None),
    ];
    assert_eq!(symbols(&ai, &rows), ["FET"]);
}

#[wasm_bindgen_test]
fn volume_filters_keep_tokens_with_enough_volume_and_drop_those_without_figures() {
    let rows = vec![
        row("AAA", 85.0, SignalState::Bullish, Some(2)),
        row("BBB", 40.0, SignalState::Bearish, Some(10)),
        row("CCC", 90.0, SignalState::Bullish, Some(5)),
        row("DDD", 70.0, SignalState::Bullish, Some(1)),
    ];
    let market = |volume: Option<f64>, cap: Option<f64>| TokenMarket {
        total_volume: volume,
        market_cap: cap,
        ..TokenMarket::default()
    };
    let markets: Markets = [
        ("AAA", market(Some(5e6), Some(1e8))),
        ("BBB", market(Some(2e7), Some(1e8))),
        ("CCC", market(Some(1e6), Some(1e7))),
        ("DDD", market(None, Some(1e8))),
    ]
    .into_iter()
    .map(|(s, m)| (s.to_owned(), m))
    .collect();
    let shown = |v: &View| -> Vec<String> {
        v.apply(&rows, &NarrativeTable::bundled(), &markets)
            .iter()
            .map(|r| r.symbol.clone())
            .collect()
    };
    let volume = View {
        filters: Filters {
            min_volume: Some(5e6),
            ..Filters::NONE
        },
        ..View::default()
    };
    assert_eq!(shown(&volume), ["AAA", "BBB"]);
    assert_eq!(
        View::from_query(&query(&volume.to_query()))
            .filters
            .min_volume,
        Some(5e6)
    );
    let turnover = View {
        filters: Filters {
            min_volume_to_market_cap: Some(0.1),
            ..Filters::NONE
        },
        ..View::default()
    };
    assert_eq!(shown(&turnover), ["CCC", "BBB"]);
    assert_eq!(turnover.to_query(), "volmc=10");
    // Without market figures (the bundled history) nothing passes.
    assert!(symbols(&volume, &rows).is_empty());
}

#[wasm_bindgen_test]
fn pages_hold_a_hundred_rows_and_a_page_past_the_end_shows_the_last() {
    let rows: Vec<ScreenRow> = (0..250)
        .map(|i| {
            row(
                &format!("T{i:03}"),
                i as f64 / 2.5,
                SignalState::Neutral,
                None,
            )
        })
        .collect();
    let all = View::default().apply(&rows, &NarrativeTable::bundled(), &Default::default());
    assert_eq!(View::pages(all.len()), 3);
    assert_eq!(View::pages(0), 1);
    let third = View {
        page: 2,
        ..View::default()
    };
    assert_eq!(third.page_of(&all).len(), 50);
    let beyond = View {
        page: 9,
        ..View::default()
    };
    assert_eq!(beyond.page_of(&all), third.page_of(&all));
    assert_eq!(View::default().page_of(&all).len(), PAGE_SIZE);
}

#[wasm_bindgen_test]
fn micro_cap_preset_says_when_there_are_no_market_caps() {
    let mut rows = vec![row("AAA", 85.0, SignalState::Bullish, Some(2))];
    let micro = preset("active-micro-caps");
    let micro_view = preset_view(micro, DEFAULT_COLUMNS.to_vec());
    assert!(micro.unavailable(false).is_some());
    assert!(
        symbols(&micro_view, &rows).is_empty(),
        "no class: no micro cap"
    );
    rows[0].class = Some(MarketCapClass::Micro);
    rows[0].trader_grade_change_7d = Some(12.0);
    assert!(micro.unavailable(true).is_none());
    assert_eq!(symbols(&micro_view, &rows), ["AAA"]);
    assert!(preset("strong-trader-grade").unavailable(false).is_none());
}

#[wasm_bindgen_test]
fn search_matches_the_name_when_the_market_gives_one() {
    let rows = vec![
        row("SOL", 50.0, SignalState::Neutral, None),
        row("ETH", 60.0, SignalState::Neutral, None),
    ];
    let markets: Markets = [("SOL", "Solana"), ("ETH", "Ethereum")]
        .into_iter()
        .map(|(s, name)| {
            let m = TokenMarket {
                symbol: s.into(),
                name: name.into(),
                ..TokenMarket::default()
            };
            (s.to_owned(), m)
        })
        .collect();
    let search = View {
        search: "solana".into(),
        ..View::default()
    };
    let shown: Vec<String> = search
        .apply(&rows, &NarrativeTable::bundled(), &markets)
        .iter()
        .map(|r| r.symbol.clone())
        .collect();
    assert_eq!(shown, ["SOL"]);
}

fn preset(id: &str) -> &'static Preset {
    Preset::by_id(id).unwrap()
}

#[wasm_bindgen_test]
fn csv_fields_are_quoted_and_formulas_defused() {
    assert_eq!(field("BTC"), "BTC");
    assert_eq!(field("a,b"), "\"a,b\"");
    assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(field("-0.25"), "-0.25", "numbers stay numbers");
    let rows = [row("FET", 50.0, SignalState::Bullish, Some(3))];
    let refs: Vec<&ScreenRow> = rows.iter().collect();
    let csv = to_csv(&refs, &NarrativeTable::bundled(), &Default::default());
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert!(lines[0].starts_with("symbol,date,price,return_1d"));
    assert_eq!(lines.len(), 3, "header, one row, final line end");
    let cells: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(cells.len(), lines[0].split(',').count());
    assert_eq!(cells[0], "FET");
    assert_eq!(cells[6], "50");
    assert_eq!(cells[11], "bullish");
    assert_eq!(cells[17], "ai");
}

#[wasm_bindgen_test]
fn stable_tokens_rank_after_every_other_token_by_grade() {
    let mut usdc = row("USDC", 78.0, SignalState::Neutral, None);
    usdc.stable = true;
    let rows = vec![
        usdc,
        row("ETH", 60.0, SignalState::Bullish, None),
        row("PEPE", 20.0, SignalState::Bearish, None),
    ];
    let order = |sort: SortKey, descending: bool| {
        let v = View {
            sort,
            descending,
            ..View::default()
        };
        v.apply(&rows, &NarrativeTable::bundled(), &Markets::default())
            .iter()
            .map(|r| r.symbol.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        order(SortKey::Column(Column::TraderGrade), true),
        ["ETH", "PEPE", "USDC"]
    );
    assert_eq!(
        order(SortKey::Column(Column::TraderGrade), false),
        ["PEPE", "ETH", "USDC"]
    );
    assert_eq!(
        order(SortKey::Column(Column::InvestorGrade), true),
        ["PEPE", "ETH", "USDC"]
    );
    // Other columns sort stable tokens like any other.
    assert_eq!(order(SortKey::Symbol, false), ["ETH", "PEPE", "USDC"]);
}

/// The widget's table of the same tokens: its rows as `from_live` builds
/// them from a screen row and the coin's market figures.
fn widget_table(rows: &[ScreenRow], markets: &Markets) -> tokenlens_widget::table::Table {
    use tokenlens_widget::table::{Graded, Mode, Provenance, Row, Table};
    Table {
        rows: rows
            .iter()
            .map(|r| {
                let market = markets.get(&r.symbol);
                Row {
                    id: r.symbol.to_lowercase(),
                    symbol: r.symbol.clone(),
                    name: r.symbol.clone(),
                    rank: None,
                    price: Some(r.price),
                    change_24h: r.return_1d.map(|x| x * 100.0),
                    change_7d: r.return_7d.map(|x| x * 100.0),
                    market_cap: r.market_cap,
                    volume: market.and_then(|m| m.total_volume),
                    grades: Some(Graded::of(r, tokenlens_core::analysis::Interval::Daily)),
                    class: r.class,
                }
            })
            .collect(),
        problems: Vec::new(),
        provenance: Provenance {
            source: String::new(),
            as_of: String::new(),
            mode: Mode::Snapshot,
            market_figures: true,
        },
    }
}

#[wasm_bindgen_test]
fn the_site_and_the_widget_order_the_same_rows_the_same_way_on_every_column() {
    use tokenlens_core::analysis::rating::RatingLabel;
    use tokenlens_widget::config::{COLUMNS as WIDGET_COLUMNS, Sort};
    let signals = [
        SignalState::Bullish,
        SignalState::Bearish,
        SignalState::Neutral,
        SignalState::Unknown,
    ];
    let mut rows = Vec::new();
    let mut markets = Markets::new();
    for i in 0..24_usize {
        let symbol = format!("T{:02}", (i * 7) % 24);
        let mut r = row(
            &symbol,
            (i * 37 % 101) as f64,
            signals[i % 4],
            Some(i as i64),
        );
        r.price = 1.0 + (i * 13 % 17) as f64;
        r.return_7d = (i % 5 != 0).then(|| (i as f64 - 12.0) / 100.0);
        r.investor_grade = (i % 6 != 0).then(|| (i * 11 % 97) as f64);
        r.rating_score = (i % 4 != 1).then(|| (i as f64 - 12.0) / 12.0);
        r.rating = r.rating_score.map(RatingLabel::of);
        r.market_cap = (i % 3 != 0).then(|| 1e6 * (i * 29 % 31 + 1) as f64);
        r.class = r.market_cap.and_then(|c| MarketCapClass::of(c).ok());
        r.stable = i == 5;
        if i % 2 == 0 {
            let market = TokenMarket {
                symbol: symbol.clone(),
                total_volume: Some(1e4 * (i * 5 % 23) as f64),
                ..TokenMarket::default()
            };
            markets.insert(symbol, market);
        }
        rows.push(r);
    }
    let widget = widget_table(&rows, &markets);
    let narratives = NarrativeTable::bundled();
    let mut compared = 0;
    for column in WIDGET_COLUMNS {
        // The site's header sorts the column on its key; the widget's
        // attribute names the column itself.
        let Some(key) = column.sort_key() else {
            continue;
        };
        for descending in [true, false] {
            let site: Vec<String> = View {
                sort: key,
                descending,
                ..View::default()
            }
            .apply(&rows, &narratives, &markets)
            .iter()
            .map(|r| r.symbol.clone())
            .collect();
            let sort = Sort {
                key: SortKey::Column(column),
                descending,
            };
            let shown: Vec<String> = widget
                .arranged(Some(sort), usize::MAX)
                .iter()
                .map(|r| r.symbol.clone())
                .collect();
            if column == Column::Rank {
                // The site has no rank column: the widget's rows here have none.
                continue;
            }
            assert_eq!(site, shown, "{column:?} descending={descending}");
            compared += 1;
        }
    }
    assert_eq!(compared, 20, "ten shared columns, both ways");
}

//! The shadow DOM of one widget, built with DOM calls: feed strings only
//! ever become text nodes, attributes are set only from validated values,
//! and styling is by class (no `style` attribute). Each rendering replaces
//! the root's children; the element's listeners sit on the shadow root, so
//! nothing needs rebinding.

use tokenlens_core::analysis::Interval;
use tokenlens_core::analysis::signal::SignalState;
use wasm_bindgen::JsValue;
use web_sys::{Document, Element, ShadowRoot};

use crate::config::{Column, Config, Theme, numeric};
use crate::format::Formats;
use crate::table::{Mode, Row, Table};

type Result<T> = std::result::Result<T, JsValue>;

/// The stylesheet every widget adopts.
pub const STYLESHEET: &str = include_str!("widget.css");

fn el(doc: &Document, tag: &str, class: &str, part: &str) -> Result<Element> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if !part.is_empty() {
        e.set_attribute("part", part)?;
    }
    Ok(e)
}

fn with_text(e: Element, text: &str) -> Result<Element> {
    e.append_with_str_1(text)?;
    Ok(e)
}

fn append(parent: &Element, child: Element) -> Result<()> {
    parent.append_child(&child)?;
    Ok(())
}

fn container(doc: &Document, theme: Theme, compact: bool) -> Result<Element> {
    let mut class = format!("tl theme-{}", theme.name());
    if compact {
        class.push_str(" compact");
    }
    el(doc, "div", &class, "container")
}

fn document(root: &ShadowRoot) -> Result<Document> {
    root.owner_document()
        .ok_or_else(|| JsValue::from_str("the widget is not in a document"))
}

/// A message in place of the table: a title and, optionally, a list.
pub fn message(
    root: &ShadowRoot,
    theme: Theme,
    error: bool,
    title: &str,
    lines: &[String],
) -> Result<()> {
    let doc = document(root)?;
    let outer = container(&doc, theme, false)?;
    let (class, role) = if error {
        ("message error", "alert")
    } else {
        ("message", "status")
    };
    let p = el(&doc, "div", class, "message")?;
    p.set_attribute("role", role)?;
    append(&p, with_text(el(&doc, "strong", "", "")?, title)?)?;
    if !lines.is_empty() {
        let list = el(&doc, "ul", "", "")?;
        for line in lines {
            append(&list, with_text(el(&doc, "li", "", "")?, line)?)?;
        }
        p.append_child(&list)?;
    }
    outer.append_child(&p)?;
    root.replace_children_with_node_1(&outer);
    Ok(())
}

/// The table, with a notice (coins left out, stale data) and its source.
pub fn table(
    root: &ShadowRoot,
    config: &Config,
    table: &Table,
    formats: &Formats,
    notice: Option<&str>,
) -> Result<()> {
    let doc = document(root)?;
    let outer = container(&doc, config.theme, config.compact)?;
    let t = el(&doc, "table", "", "table")?;
    t.set_attribute("aria-label", "Crypto screener")?;
    let head = el(&doc, "thead", "", "header")?;
    let tr = el(&doc, "tr", "", "")?;
    let coin = with_text(el(&doc, "th", "", "header-cell")?, "Coin")?;
    coin.set_attribute("scope", "col")?;
    tr.append_child(&coin)?;
    for column in &config.columns {
        let class = if numeric(*column) { "num" } else { "" };
        let th = with_text(el(&doc, "th", class, "header-cell")?, column.label())?;
        th.set_attribute("scope", "col")?;
        th.set_attribute("data-column", column.id())?;
        tr.append_child(&th)?;
    }
    head.append_child(&tr)?;
    t.append_child(&head)?;
    let body = el(&doc, "tbody", "", "body")?;
    for row in table.arranged(config.sort, config.limit) {
        append(&body, row_element(&doc, config, row, formats)?)?;
    }
    t.append_child(&body)?;
    outer.append_child(&t)?;
    if let Some(notice) = notice {
        let p = with_text(el(&doc, "p", "notice", "notice")?, notice)?;
        p.set_attribute("role", "status")?;
        outer.append_child(&p)?;
    }
    let (text, title) = footer(table);
    let foot = with_text(el(&doc, "p", "footer", "footer")?, &text)?;
    foot.set_attribute("title", &title)?;
    append(&outer, foot)?;
    root.replace_children_with_node_1(&outer);
    Ok(())
}

/// The footer's text (short) and its title (the full source).
fn footer(table: &Table) -> (String, String) {
    let p = &table.provenance;
    let basis = table
        .rows
        .iter()
        .find_map(|r| r.grades.as_ref())
        .map(|g| match g.interval {
            Interval::Hourly => " · grades from 7-day hourly prices",
            _ => " · grades from daily closes",
        })
        .unwrap_or("");
    let mode = match p.mode {
        Mode::Live => "Live",
        Mode::Published => "Published",
        Mode::Snapshot => "Snapshot",
    };
    (
        format!(
            "{mode} · {}{basis} · computed in your browser by tokenlens",
            p.as_of
        ),
        format!("Source: {}", p.source),
    )
}

fn row_element(doc: &Document, config: &Config, row: &Row, f: &Formats) -> Result<Element> {
    let tr = el(doc, "tr", "", "row")?;
    // Ids are validated URL-safe strings; symbols are cleaned feed text, set
    // as attribute values (never parsed as markup).
    tr.set_attribute("data-id", &row.id)?;
    tr.set_attribute("data-symbol", &row.symbol)?;
    tr.set_attribute("tabindex", "0")?;
    let coin = el(doc, "th", "coin", "cell coin")?;
    coin.set_attribute("scope", "row")?;
    append(
        &coin,
        with_text(el(doc, "span", "symbol", "symbol")?, &row.symbol)?,
    )?;
    append(
        &coin,
        with_text(el(doc, "span", "name", "name")?, &row.name)?,
    )?;
    if row.grades.as_ref().is_some_and(|g| g.stable) {
        // Same rule as the site's screener: by a grade, stable tokens last.
        tr.set_attribute("data-stable", "")?;
        let badge = with_text(el(doc, "span", "stable", "stable")?, "stable")?;
        badge.set_attribute(
            "title",
            "A stablecoin, fiat or gold-backed token: its grades say nothing about a trade, so it ranks after every other token by grade",
        )?;
        append(&coin, badge)?;
    }
    tr.append_child(&coin)?;
    let graded = row.grades.as_ref();
    for column in &config.columns {
        let dash = || "—".to_owned();
        let (text, class) = match column {
            Column::Rank => (
                row.rank.map(|r| f.integer(r.into())).unwrap_or_else(dash),
                "num",
            ),
            Column::Price => (row.price.map(|v| f.price(v)).unwrap_or_else(dash), "num"),
            Column::Change24h | Column::Change7d => {
                let v = if *column == Column::Change24h {
                    row.change_24h
                } else {
                    row.change_7d
                };
                let class = match v {
                    Some(x) if x > 0.0 => "num up",
                    Some(x) if x < 0.0 => "num down",
                    _ => "num",
                };
                (v.map(|v| f.percent(v)).unwrap_or_else(dash), class)
            }
            Column::MarketCap => (
                row.market_cap.map(|v| f.amount(v)).unwrap_or_else(dash),
                "num",
            ),
            Column::Volume => (row.volume.map(|v| f.amount(v)).unwrap_or_else(dash), "num"),
            Column::TraderGrade => (
                graded.map(|g| f.grade(g.trader_grade)).unwrap_or_else(dash),
                "num grade",
            ),
            Column::InvestorGrade => (
                graded
                    .and_then(|g| g.investor_grade)
                    .map(|v| f.grade(v))
                    .unwrap_or_else(dash),
                "num grade",
            ),
            Column::Signal => {
                let td = el(doc, "td", "", "cell")?;
                td.set_attribute("data-column", column.id())?;
                let state = graded.map(|g| g.signal).unwrap_or(SignalState::Unknown);
                let name = state.as_str();
                let badge = with_text(
                    el(
                        doc,
                        "span",
                        &format!("signal {name}"),
                        &format!("signal signal-{name}"),
                    )?,
                    signal_label(state),
                )?;
                td.append_child(&badge)?;
                tr.append_child(&td)?;
                continue;
            }
            Column::Rating => (
                graded
                    .and_then(|g| g.rating)
                    .map(|r| r.to_string())
                    .unwrap_or_else(dash),
                "",
            ),
            Column::Class => (
                row.class
                    .map(|c| c.as_str().to_owned())
                    .unwrap_or_else(dash),
                "",
            ),
            // Not offered by the widget (see `config::COLUMNS`).
            _ => (dash(), ""),
        };
        let td = with_text(el(doc, "td", class, "cell")?, &text)?;
        td.set_attribute("data-column", column.id())?;
        if *column == Column::TraderGrade
            && let Some(g) = graded
        {
            td.set_attribute(
                "title",
                &format!("Confidence {:.0} %", g.confidence * 100.0),
            )?;
        }
        tr.append_child(&td)?;
    }
    Ok(tr)
}

fn signal_label(s: SignalState) -> &'static str {
    match s {
        SignalState::Bullish => "Bullish",
        SignalState::Bearish => "Bearish",
        SignalState::Neutral => "Neutral",
        SignalState::Unknown => "Warming up",
    }
}

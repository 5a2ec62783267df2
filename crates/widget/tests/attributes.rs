//! The attributes are defined once, in `config::ATTRIBUTE_LIST`; every other
//! place that lists them is read here as text and must list the same names,
//! in the same order:
//!
//! * `js/widget.js`: `ATTRIBUTES` (observed and reflected as properties) and
//!   `BOOLEAN_ATTRIBUTES` (reflected as booleans);
//! * `js/widget.d.ts`: the properties of `TokenlensScreenerElement`, typed
//!   `boolean` or `… | string | null`;
//! * the `/embed` page passes on the element's own `observedAttributes` (no
//!   list of its own);
//! * the README: the rows of the attribute table, word for word.

use tokenlens_widget::config::{ATTRIBUTE_LIST, Kind};

const WIDGET_JS: &str = include_str!("../js/widget.js");
const WIDGET_D_TS: &str = include_str!("../js/widget.d.ts");
const EMBED_PAGE: &str = include_str!("../../../web/embed/embed.js");
const README: &str = include_str!("../../../README.md");

fn names(kind: Option<Kind>) -> Vec<&'static str> {
    ATTRIBUTE_LIST
        .iter()
        .filter(|a| kind.is_none_or(|k| a.kind == k))
        .map(|a| a.name)
        .collect()
}

/// The text of `file` from the end of `start` to the next `end`.
fn between<'a>(file: &str, text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{file}: no `{start}`"))
        + start.len();
    let to = text[from..]
        .find(end)
        .unwrap_or_else(|| panic!("{file}: no `{end}` after `{start}`"));
    &text[from..from + to]
}

/// The string literals of a list such as `['a', 'b']` or `["a", "b"]`; any
/// other item fails.
fn string_list(file: &str, list: &str, quote: char) -> Vec<String> {
    list.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            item.strip_prefix(quote)
                .and_then(|s| s.strip_suffix(quote))
                .filter(|s| !s.contains(quote))
                .unwrap_or_else(|| panic!("{file}: `{item}` is not a {quote}string{quote}"))
                .to_owned()
        })
        .collect()
}

/// Fails unless `found` is `expected`, naming what is extra, missing or out
/// of order.
fn same(what: &str, found: &[String], expected: &[&str]) {
    let extra: Vec<&String> = found
        .iter()
        .filter(|n| !expected.contains(&n.as_str()))
        .collect();
    let missing: Vec<&&str> = expected
        .iter()
        .filter(|n| !found.iter().any(|f| f == *n))
        .collect();
    let mut wrong = Vec::new();
    if !extra.is_empty() {
        wrong.push(format!("lists {extra:?}, which it should not"));
    }
    if !missing.is_empty() {
        wrong.push(format!("misses {missing:?}"));
    }
    assert!(
        wrong.is_empty(),
        "{what} {} (config::ATTRIBUTE_LIST is the reference)",
        wrong.join(" and ")
    );
    assert_eq!(
        found, expected,
        "{what}: not the names of config::ATTRIBUTE_LIST, once each, in its order"
    );
}

#[test]
fn widget_js_observes_and_reflects_the_listed_attributes() {
    let file = "js/widget.js";
    let all = between(
        file,
        WIDGET_JS,
        "export const ATTRIBUTES = Object.freeze([",
        "]);",
    );
    same(
        "js/widget.js ATTRIBUTES",
        &string_list(file, all, '\''),
        &names(None),
    );
    let booleans = between(
        file,
        WIDGET_JS,
        "const BOOLEAN_ATTRIBUTES = Object.freeze([",
        "]);",
    );
    same(
        "js/widget.js BOOLEAN_ATTRIBUTES",
        &string_list(file, booleans, '\''),
        &names(Some(Kind::Boolean)),
    );
    // The lists checked are the ones in use.
    for used in [
        "static observedAttributes = ATTRIBUTES;",
        "for (const name of ATTRIBUTES) {",
        "BOOLEAN_ATTRIBUTES.includes(name)",
    ] {
        assert!(WIDGET_JS.contains(used), "{file}: no `{used}`");
    }
}

#[test]
fn widget_d_ts_types_the_listed_attributes_as_properties() {
    let file = "js/widget.d.ts";
    let body = between(
        file,
        WIDGET_D_TS,
        "export interface TokenlensScreenerElement extends HTMLElement {\n",
        "\n}\n",
    );
    // Members are indented by two spaces: a property is `  name: type;`, a
    // method `  name(…` or `  name<…`; anything else there fails.
    let mut properties: Vec<(String, String)> = Vec::new();
    for line in body.lines() {
        let Some(member) = line.strip_prefix("  ") else {
            continue;
        };
        if member.is_empty() || member.starts_with([' ', '/', '*', ')']) {
            continue;
        }
        let end = member
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(member.len());
        let (name, rest) = member.split_at(end);
        if rest.starts_with(['(', '<']) {
            continue;
        }
        let ty = rest
            .strip_prefix(": ")
            .and_then(|ty| ty.strip_suffix(';'))
            .unwrap_or_else(|| panic!("{file}: `{line}` is not a property `name: type;`"));
        properties.push((name.to_owned(), ty.to_owned()));
    }
    let found: Vec<String> = properties.iter().map(|(name, _)| name.clone()).collect();
    same(
        "js/widget.d.ts TokenlensScreenerElement",
        &found,
        &names(None),
    );
    for ((name, ty), attribute) in properties.iter().zip(ATTRIBUTE_LIST) {
        let typed = match attribute.kind {
            Kind::Boolean => ty == "boolean",
            Kind::Text => ty.ends_with("string | null"),
        };
        assert!(
            typed,
            "{file}: {name}: {ty} is not a {:?} type",
            attribute.kind
        );
    }
}

#[test]
fn the_embed_page_passes_on_the_elements_own_attributes() {
    // The query parameters it keeps are the defined element's
    // observedAttributes (`ATTRIBUTES` of widget.js), not a copy.
    assert!(
        EMBED_PAGE.contains("Screener.observedAttributes"),
        "web/embed/embed.js: the query parameters passed on must be the element's observedAttributes"
    );
    assert!(
        WIDGET_JS.contains("static observedAttributes = ATTRIBUTES;"),
        "js/widget.js: observedAttributes must be ATTRIBUTES"
    );
}

#[test]
fn the_readme_documents_the_listed_attributes() {
    let file = "README.md";
    let table = between(
        file,
        README,
        "| attribute | values | default |\n|---|---|---|\n",
        "\n\n",
    );
    let rows: Vec<&str> = table.lines().collect();
    let found: Vec<String> = rows
        .iter()
        .map(|row| {
            row.strip_prefix("| `")
                .and_then(|rest| rest.split_once("` |"))
                .map(|(name, _)| name.to_owned())
                .unwrap_or_else(|| panic!("{file}: `{row}` is not a row `| `name` | … |`"))
        })
        .collect();
    same("the README's attribute table", &found, &names(None));
    for (row, a) in rows.iter().zip(ATTRIBUTE_LIST) {
        let expected = format!("| `{}` | {} | {} |", a.name, a.takes, a.default);
        assert_eq!(
            *row, expected,
            "{file}: the row of `{}` is not the one of config::ATTRIBUTE_LIST",
            a.name
        );
    }
}

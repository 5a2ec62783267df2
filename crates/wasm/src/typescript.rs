//! The package's files that follow from the indicator catalog: the batch
//! spec types (`indicator_specs.d.ts`, a custom section of the module's
//! `.d.ts`) and the streaming classes of `npm/entry.js` and `npm/entry.d.ts`
//! (between their "generated" markers). A test checks that the shipped files
//! are what the catalog gives; `TOKENLENS_BLESS=1 cargo test -p
//! tokenlens-wasm generated` rewrites them after a catalog change.

use std::fmt::Write as _;
use std::path::Path;

use tokenlens_core::indicators::catalog::{CATALOG, Entry, Naming, ParamKind};

use crate::options::camel_case;

const BEGIN: &str = "// BEGIN generated from the indicator catalog: do not edit by hand.\n";
const END: &str = "// END generated from the indicator catalog.\n";

fn quoted<'a>(tags: impl Iterator<Item = &'a str>) -> String {
    tags.map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// `{ a?: number; b?: number }` of `entry`'s parameters, keys by `key`.
fn fields(entry: &Entry, key: fn(&str) -> String) -> String {
    entry
        .params
        .iter()
        .map(|p| format!("; {}?: number", key(p.name)))
        .collect()
}

/// The batch spec's keys: camelCase, then each snake_case spelling of
/// earlier releases, deprecated (accepted at run time with a warning).
fn batch_fields(entry: &Entry) -> String {
    let mut s = fields(entry, camel_case);
    for p in entry.params.iter().filter(|p| p.name.contains('_')) {
        let _ = write!(
            s,
            "; /** @deprecated Write `{}`. */ {}?: number",
            camel_case(p.name),
            p.name
        );
    }
    s
}

/// The batch spec types: names and option objects.
pub(crate) fn indicator_specs() -> String {
    let mut s = String::from(BEGIN);
    let with_period = |e: &&Entry| e.params.first().is_some_and(|p| p.name == "period");
    let defaults = CATALOG.iter().filter(|e| e.naming == Naming::Parameters);
    s.push_str("/** An indicator at its default parameters, or one whose first parameter is the period with another period (e.g. \"rsi7\", \"bb50\"). */\n");
    s.push_str("export type IndicatorName =\n");
    let _ = writeln!(s, "  | {}", quoted(defaults.map(|e| e.tag)));
    let periods = CATALOG.iter().filter(with_period).map(|e| e.tag);
    let _ = writeln!(s, "  | `${{{}}}${{number}}`;", quoted(periods));
    s.push('\n');
    s.push_str("/** An indicator with explicit parameters; omitted ones take their defaults. */\n");
    s.push_str("export type IndicatorSpec =\n  | IndicatorName");
    // Rows with the same parameters share one object type.
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for entry in CATALOG {
        let keys = batch_fields(entry);
        match groups.iter_mut().find(|(k, _)| *k == keys) {
            Some((_, tags)) => tags.push(entry.tag),
            None => groups.push((keys, vec![entry.tag])),
        }
    }
    for (keys, tags) in groups {
        let _ = write!(
            s,
            "\n  | {{ indicator: {}{keys} }}",
            quoted(tags.into_iter())
        );
    }
    s.push_str(";\n");
    s.push_str(END);
    s
}

/// The options type of `entry`'s streaming class.
fn options_type(entry: &Entry) -> String {
    match entry.params {
        [] => "NoOptions".into(),
        [p] if p.name == "period" && p.kind == ParamKind::Count => "PeriodOptions".into(),
        _ => format!("{}Options", entry.class),
    }
}

/// The streaming classes of `entry.js`.
pub(crate) fn entry_js() -> String {
    let mut s = String::from(BEGIN);
    for e in CATALOG {
        let _ = writeln!(
            s,
            "export const {0} = /* @__PURE__ */ make('{0}');",
            e.class
        );
    }
    for e in CATALOG {
        for alias in e.aliases {
            let _ = writeln!(
                s,
                "/** @deprecated Renamed `{0}`; this name goes in the next major release. */\nexport const {alias} = {0};",
                e.class
            );
        }
    }
    s.push_str(END);
    s
}

/// The streaming classes' types of `entry.d.ts`.
pub(crate) fn entry_dts() -> String {
    let mut s = String::from(BEGIN);
    for e in CATALOG {
        if options_type(e) == format!("{}Options", e.class) {
            let keys = fields(e, camel_case);
            let _ = writeln!(
                s,
                "export interface {}Options {{ {} }}",
                e.class,
                keys.trim_start_matches("; ")
            );
        }
    }
    for e in CATALOG {
        let input = if e.input.is_candle() {
            "CandleInput"
        } else {
            "number"
        };
        let _ = writeln!(
            s,
            "/** Streaming {} (`{}`); see docs/METHODOLOGY.md for its formula and warm-up. */\n\
             export declare class {} extends Streaming<{}, {input}, {}> {{}}",
            e.title,
            e.tag,
            e.class,
            options_type(e),
            e.stream_output
        );
    }
    for e in CATALOG {
        for alias in e.aliases {
            let _ = writeln!(
                s,
                "/** @deprecated Renamed `{0}`; this name goes in the next major release. */\n\
                 export declare const {alias}: typeof {0};\n\
                 /** @deprecated Renamed `{0}`. */\n\
                 export type {alias} = {0};",
                e.class
            );
        }
    }
    s.push_str(END);
    s
}

/// `text` with the part between the markers replaced by `generated`
/// (itself marked), or `None` when `text` has no markers.
fn splice(text: &str, generated: &str) -> Option<String> {
    let start = text.find(BEGIN)?;
    let end = text[start..].find(END)? + start + END.len();
    Some(format!("{}{generated}{}", &text[..start], &text[end..]))
}

#[test]
fn generated_files_match_the_catalog() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bless = std::env::var_os("TOKENLENS_BLESS").is_some();
    let files: [(&str, String); 3] = [
        ("src/indicator_specs.d.ts", indicator_specs()),
        ("npm/entry.js", entry_js()),
        ("npm/entry.d.ts", entry_dts()),
    ];
    let mut stale = Vec::new();
    for (file, generated) in files {
        let path = root.join(file);
        let shipped = std::fs::read_to_string(&path).unwrap_or_default();
        let want = if file.ends_with("indicator_specs.d.ts") {
            generated
        } else {
            splice(&shipped, &generated).unwrap_or_else(|| panic!("{file} lacks the markers"))
        };
        if shipped != want {
            if bless {
                std::fs::write(&path, want).unwrap_or_else(|e| panic!("{file}: {e}"));
            } else {
                stale.push(file);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "{stale:?} differ from the indicator catalog: run `TOKENLENS_BLESS=1 cargo test -p tokenlens-wasm generated`"
    );
}

#[test]
fn the_spec_types_name_every_row_and_parameter() {
    let types = indicator_specs();
    for e in CATALOG {
        assert!(types.contains(&format!("\"{}\"", e.tag)), "{}", e.tag);
        for p in e.params {
            assert!(
                types.contains(&format!("{}?: number", p.name)),
                "{}",
                p.name
            );
        }
    }
}

/// The codes the package throws beyond the core's.
const PACKAGE_CODES: [&str; 2] = ["FREED", "INTERNAL"];

#[test]
fn the_error_code_type_lists_every_code_thrown() {
    let dts = include_str!("../npm/entry.d.ts");
    let start = dts
        .find("export type TokenlensErrorCode =")
        .expect("entry.d.ts declares TokenlensErrorCode");
    let union = &dts[start..start + dts[start..].find(';').unwrap_or(0)];
    let mut declared: Vec<&str> = union.split('"').skip(1).step_by(2).collect();
    let mut thrown: Vec<&str> = tokenlens_core::Error::CODES
        .into_iter()
        .chain(PACKAGE_CODES)
        .collect();
    declared.sort_unstable();
    thrown.sort_unstable();
    assert_eq!(declared, thrown);
}

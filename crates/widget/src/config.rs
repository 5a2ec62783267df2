//! The element's attributes, read strictly: every attribute is parsed into a
//! typed [`Config`] or into an [`AttributeError`] a site owner can act on.
//! All errors are collected, so one look at the widget lists every mistake.
//! The attributes are listed once, in [`ATTRIBUTE_LIST`]; their defaults are
//! [`Config::default`].

use std::fmt;

use tokenlens_feeds::snapshot::valid_id;

/// How a value is read, and how `js/widget.js` reflects the attribute as a
/// property of the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A string (`null` when absent).
    Text,
    /// Present or absent: `true` when present.
    Boolean,
}

/// One attribute of the element, as the docs describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribute {
    pub name: &'static str,
    pub kind: Kind,
    /// The values it takes (the README's table, Markdown).
    pub takes: &'static str,
    /// What applies when it is absent (the README's table, Markdown).
    pub default: &'static str,
}

/// Defines [`ATTRIBUTE_LIST`], [`ATTRIBUTES`] and [`Attributes`] (a field
/// and a name for [`Attributes::set`] per attribute) from one list.
macro_rules! attributes {
    ($($name:ident: $kind:ident { takes: $takes:literal, default: $default:literal $(,)? }),* $(,)?) => {
        /// Every attribute the element observes, in the order the docs list
        /// them. `js/widget.js`, `js/widget.d.ts`, the `/embed` page and the
        /// README's table list the same (`tests/attributes.rs`).
        pub const ATTRIBUTE_LIST: [Attribute; [$(stringify!($name)),*].len()] = [$(
            Attribute {
                name: stringify!($name),
                kind: Kind::$kind,
                takes: $takes,
                default: $default,
            },
        )*];

        /// The raw attribute values of one element (`None`: attribute absent).
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct Attributes {
            $(pub $name: Option<String>,)*
        }

        impl Attributes {
            /// Sets the attribute `name` (one of [`ATTRIBUTES`]); other names are ignored.
            pub fn set(&mut self, name: &str, value: Option<String>) {
                let slot = match name {
                    $(stringify!($name) => &mut self.$name,)*
                    _ => return,
                };
                *slot = value;
            }
        }
    };
}

// The defaults and ranges written here are those of `Config::default()` and
// the limits below (a test compares them).
attributes! {
    coins: Text {
        takes: "CoinGecko ids, comma-separated (at most 50)",
        default: "the largest coins",
    },
    category: Text {
        takes: "a CoinGecko category id (instead of `coins`; live only)",
        default: "—",
    },
    columns: Text {
        takes: "`rank`, `price`, `change_24h`, `change_7d`, `market_cap`, `volume`, `trader_grade`, `investor_grade`, `signal`, `rating`, `class`",
        default: "`price,change_24h,trader_grade,signal`",
    },
    limit: Text {
        takes: "rows, 1–100",
        default: "10",
    },
    sort: Text {
        takes: "a column or `symbol`, optionally `:asc` / `:desc` (figures sort high first)",
        default: "the order of `coins`",
    },
    theme: Text {
        takes: "`light`, `dark`, `auto` (follows `prefers-color-scheme`)",
        default: "`auto`",
    },
    currency: Text {
        takes: "a currency CoinGecko quotes (`usd`, `eur`, `gbp`, `jpy`, `btc` …; live only)",
        default: "`usd`",
    },
    refresh: Text {
        takes: "seconds between live reloads, 60–86400, or `0`; paused while the page is hidden",
        default: "300",
    },
    source: Text {
        takes: "`live` (CoinGecko `/coins/markets` from the visitor's browser) or `snapshot` (the bundled data)",
        default: "`live`",
    },
    compact: Boolean {
        takes: "boolean: tighter rows, no coin names",
        default: "absent",
    },
    locale: Text {
        takes: "a BCP 47 tag for numbers (`de-CH`, `ja-JP`)",
        default: "the visitor's",
    },
}

/// Attribute names the element observes, in the order of [`ATTRIBUTE_LIST`].
pub const ATTRIBUTES: [&str; ATTRIBUTE_LIST.len()] = {
    let mut names = [""; ATTRIBUTE_LIST.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = ATTRIBUTE_LIST[i].name;
        i += 1;
    }
    names
};

/// Most coins one widget may list.
pub const MAX_COINS: usize = 50;
/// Most rows one widget may show.
pub const MAX_LIMIT: usize = 100;
/// Shortest refresh period, in seconds: keyless CoinGecko allows a few
/// requests a minute for the whole page.
pub const MIN_REFRESH: u32 = 60;
/// Longest refresh period, in seconds (one day).
pub const MAX_REFRESH: u32 = 86_400;
/// Refresh period in live mode when the attribute is absent.
pub const DEFAULT_REFRESH: u32 = 300;

/// Currencies CoinGecko quotes `/coins/markets` in (`vs_currency`).
pub const CURRENCIES: [&str; 40] = [
    "usd", "eur", "gbp", "jpy", "chf", "cad", "aud", "nzd", "cny", "hkd", "sgd", "krw", "inr",
    "brl", "mxn", "ars", "clp", "czk", "dkk", "nok", "sek", "pln", "huf", "try", "rub", "uah",
    "zar", "ils", "aed", "sar", "thb", "twd", "php", "idr", "myr", "vnd", "ngn", "pkr", "btc",
    "eth",
];

/// Which coins the widget lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// These CoinGecko ids, in this order.
    Coins(Vec<String>),
    /// A CoinGecko category id, largest market caps first.
    Category(String),
    /// The largest coins by market cap.
    Top,
}

pub use tokenlens_core::universe::table::{Column, Sort, SortKey};

/// The columns the widget offers (the coin itself is always the first
/// column), in the order the docs list them.
pub const COLUMNS: [Column; 11] = [
    Column::Rank,
    Column::Price,
    Column::Change24h,
    Column::Change7d,
    Column::MarketCap,
    Column::Volume,
    Column::TraderGrade,
    Column::InvestorGrade,
    Column::Signal,
    Column::Rating,
    Column::Class,
];

/// Whether `column` holds a number (right-aligned).
pub fn numeric(column: Column) -> bool {
    !matches!(column, Column::Signal | Column::Rating | Column::Class)
}

/// The offered column with the attribute spelling `name`.
fn offered(name: &str) -> Option<Column> {
    Column::parse(name).filter(|c| COLUMNS.contains(c))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    /// Follows the visitor's `prefers-color-scheme`.
    Auto,
}

impl Theme {
    pub fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// Where the data comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// CoinGecko `/coins/markets`, from the visitor's browser.
    Live,
    /// The bundled snapshot and history served beside `widget.js`.
    Snapshot,
}

/// A valid configuration of one widget.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub selection: Selection,
    pub columns: Vec<Column>,
    pub limit: usize,
    /// `None`: the order of `coins`, or market cap for a category.
    pub sort: Option<Sort>,
    pub theme: Theme,
    /// Lower case, one of [`CURRENCIES`].
    pub currency: String,
    /// Seconds between refreshes in live mode; `None`: never.
    pub refresh: Option<u32>,
    pub source: Source,
    pub compact: bool,
    /// A BCP 47 tag as given; `None`: the visitor's language.
    pub locale: Option<String>,
}

impl Config {
    /// What decides which data is loaded: a change here means a new load,
    /// any other change only a new rendering.
    pub fn data_key(&self) -> (Source, &Selection, &str, usize) {
        let limit = match self.selection {
            Selection::Coins(_) => 0,
            _ => self.limit,
        };
        (self.source, &self.selection, &self.currency, limit)
    }
}

/// Every attribute absent: the largest coins, live, in usd.
impl Default for Config {
    fn default() -> Self {
        Config {
            selection: Selection::Top,
            columns: DEFAULT_COLUMNS.to_vec(),
            limit: 10,
            sort: None,
            theme: Theme::Auto,
            currency: "usd".to_owned(),
            refresh: Some(DEFAULT_REFRESH),
            source: Source::Live,
            compact: false,
            locale: None,
        }
    }
}

/// Default columns when `columns` is absent.
pub const DEFAULT_COLUMNS: [Column; 4] = [
    Column::Price,
    Column::Change24h,
    Column::TraderGrade,
    Column::Signal,
];

/// One attribute that cannot be used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeError {
    pub attribute: &'static str,
    pub value: String,
    pub reason: String,
}

impl fmt::Display for AttributeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value: String = self.value.chars().take(60).collect();
        write!(f, "{}=\"{}\": {}", self.attribute, value, self.reason)
    }
}

impl std::error::Error for AttributeError {}

/// Reads every attribute; on failure, every problem found.
pub fn parse(attrs: &Attributes) -> Result<Config, Vec<AttributeError>> {
    let defaults = Config::default();
    let mut errors = Errors::default();
    // First: categories and other currencies depend on it.
    let source = read_source(present(&attrs.source), defaults.source, &mut errors);
    let selection = read_selection(
        present(&attrs.coins),
        present(&attrs.category),
        source,
        defaults.selection,
        &mut errors,
    );
    let columns = read_columns(present(&attrs.columns), defaults.columns, &mut errors);
    let limit = read_limit(present(&attrs.limit), defaults.limit, &mut errors);
    let sort = read_sort(present(&attrs.sort), defaults.sort, &mut errors);
    let theme = read_theme(present(&attrs.theme), defaults.theme, &mut errors);
    let currency = read_currency(
        present(&attrs.currency),
        source,
        defaults.currency,
        &mut errors,
    );
    let refresh = read_refresh(present(&attrs.refresh), defaults.refresh, &mut errors);
    // A boolean attribute: present but empty is meaningful.
    let compact = read_compact(
        attrs.compact.as_deref().map(str::trim),
        defaults.compact,
        &mut errors,
    );
    let locale = read_locale(present(&attrs.locale), defaults.locale, &mut errors);

    if !errors.0.is_empty() {
        return Err(errors.0);
    }
    Ok(Config {
        selection,
        columns,
        limit,
        sort,
        theme,
        currency,
        refresh: if source == Source::Live {
            refresh
        } else {
            None
        },
        source,
        compact,
        locale,
    })
}

/// The problems found so far, in the order the attributes are read.
#[derive(Debug, Default)]
struct Errors(Vec<AttributeError>);

impl Errors {
    fn fail(&mut self, attribute: &'static str, value: &str, reason: impl Into<String>) {
        self.0.push(AttributeError {
            attribute,
            value: value.to_owned(),
            reason: reason.into(),
        });
    }
}

// One reader per attribute: given the trimmed value (`None`: absent or
// blank), the value to use, or `default` with the problem noted.

fn read_source(raw: Option<&str>, default: Source, errors: &mut Errors) -> Source {
    match raw {
        None => default,
        Some("live") => Source::Live,
        Some("snapshot") => Source::Snapshot,
        Some(other) => {
            errors.fail("source", other, "use \"live\" or \"snapshot\"");
            default
        }
    }
}

/// `coins` and `category`, which exclude each other.
fn read_selection(
    coins: Option<&str>,
    category: Option<&str>,
    source: Source,
    default: Selection,
    errors: &mut Errors,
) -> Selection {
    match (coins, category) {
        (Some(coins), Some(_)) => {
            errors.fail("coins", coins, "set either coins or category, not both");
            default
        }
        (Some(coins), None) => read_coins(coins, errors).map_or(default, Selection::Coins),
        (None, Some(category)) => Selection::Category(read_category(category, source, errors)),
        (None, None) => default,
    }
}

fn read_coins(raw: &str, errors: &mut Errors) -> Option<Vec<String>> {
    parse_coins(raw)
        .map_err(|reason| errors.fail("coins", raw, reason))
        .ok()
}

fn read_category(raw: &str, source: Source, errors: &mut Errors) -> String {
    let id = raw.to_ascii_lowercase();
    if !valid_id(&id) {
        errors.fail(
            "category",
            raw,
            "a CoinGecko category id has only a-z, 0-9, '-' and '_'",
        );
    } else if source == Source::Snapshot {
        errors.fail(
            "category",
            raw,
            "categories need source=\"live\" (the bundled snapshot has none)",
        );
    }
    id
}

/// Unknown names are each reported; repeated ones count once.
fn read_columns(raw: Option<&str>, default: Vec<Column>, errors: &mut Errors) -> Vec<Column> {
    let Some(list) = raw else {
        return default;
    };
    let mut columns = Vec::new();
    for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match offered(&name.to_ascii_lowercase()) {
            Some(c) if !columns.contains(&c) => columns.push(c),
            Some(_) => {}
            None => errors.fail(
                "columns",
                name,
                format!("unknown column; choose from {}", column_names()),
            ),
        }
    }
    columns
}

fn read_limit(raw: Option<&str>, default: usize, errors: &mut Errors) -> usize {
    let Some(raw) = raw else {
        return default;
    };
    match raw.parse::<usize>() {
        Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
        _ => {
            errors.fail(
                "limit",
                raw,
                format!("a whole number from 1 to {MAX_LIMIT}"),
            );
            default
        }
    }
}

fn read_sort(raw: Option<&str>, default: Option<Sort>, errors: &mut Errors) -> Option<Sort> {
    let Some(raw) = raw else {
        return default;
    };
    match parse_sort(raw) {
        Ok(sort) => Some(sort),
        Err(reason) => {
            errors.fail("sort", raw, reason);
            default
        }
    }
}

fn read_theme(raw: Option<&str>, default: Theme, errors: &mut Errors) -> Theme {
    match raw {
        None => default,
        Some("auto") => Theme::Auto,
        Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        Some(other) => {
            errors.fail("theme", other, "use \"light\", \"dark\" or \"auto\"");
            default
        }
    }
}

/// Lower case; only usd from the bundled snapshot.
fn read_currency(
    raw: Option<&str>,
    source: Source,
    default: String,
    errors: &mut Errors,
) -> String {
    let Some(raw) = raw else {
        return default;
    };
    let code = raw.to_ascii_lowercase();
    if !CURRENCIES.contains(&code.as_str()) {
        errors.fail(
            "currency",
            raw,
            "not a currency CoinGecko quotes (try usd, eur, gbp, jpy …)",
        );
    } else if source == Source::Snapshot && code != "usd" {
        errors.fail(
            "currency",
            raw,
            "the bundled snapshot is in usd; use source=\"live\" for other currencies",
        );
    }
    code
}

/// `0`: never.
fn read_refresh(raw: Option<&str>, default: Option<u32>, errors: &mut Errors) -> Option<u32> {
    match raw {
        None => default,
        Some("0") => None,
        Some(raw) => match raw.parse::<u32>() {
            Ok(s) if (MIN_REFRESH..=MAX_REFRESH).contains(&s) => Some(s),
            _ => {
                errors.fail(
                    "refresh",
                    raw,
                    format!("seconds from {MIN_REFRESH} to {MAX_REFRESH}, or 0 for never"),
                );
                default
            }
        },
    }
}

/// `raw`: the trimmed value, `Some("")` when present without one.
fn read_compact(raw: Option<&str>, default: bool, errors: &mut Errors) -> bool {
    match raw {
        None => default,
        Some("false") => false,
        Some("" | "true" | "compact") => true,
        Some(other) => {
            errors.fail(
                "compact",
                other,
                "a boolean attribute: present (or \"true\") or absent",
            );
            default
        }
    }
}

fn read_locale(raw: Option<&str>, default: Option<String>, errors: &mut Errors) -> Option<String> {
    match raw {
        None => default,
        Some(raw) if plausible_locale(raw) => Some(raw.to_owned()),
        Some(raw) => {
            errors.fail(
                "locale",
                raw,
                "a language tag such as \"en\", \"de-CH\" or \"ja-JP\"",
            );
            default
        }
    }
}

/// The attribute's trimmed value, `None` when absent or blank.
fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn column_names() -> String {
    COLUMNS.map(Column::id).join(", ")
}

fn parse_coins(raw: &str) -> Result<Vec<String>, String> {
    let mut ids: Vec<String> = Vec::new();
    for part in raw.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let id = part.to_ascii_lowercase();
        if !valid_id(&id) {
            return Err(format!(
                "\"{}\" is not a CoinGecko coin id (like \"bitcoin\" or \"usd-coin\")",
                part.chars().take(40).collect::<String>()
            ));
        }
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err("list at least one coin id, separated by commas".into());
    }
    if ids.len() > MAX_COINS {
        return Err(format!("at most {MAX_COINS} coins"));
    }
    Ok(ids)
}

fn parse_sort(raw: &str) -> Result<Sort, String> {
    let (name, direction) = match raw.split_once(':') {
        Some((name, direction)) => (name.trim(), Some(direction.trim())),
        None => (raw, None),
    };
    let name = name.to_ascii_lowercase();
    let key = if name == "symbol" || name == "name" {
        SortKey::Symbol
    } else {
        SortKey::Column(offered(&name).ok_or_else(|| {
            format!(
                "sort by symbol or a column ({}), optionally with :asc or :desc",
                column_names()
            )
        })?)
    };
    let descending = match direction {
        // High first, except for names and ranks.
        None => key.descending_first(),
        Some("asc") => false,
        Some("desc") => true,
        Some(_) => return Err("the direction after ':' is \"asc\" or \"desc\"".into()),
    };
    Ok(Sort { key, descending })
}

/// A cheap shape check of a BCP 47 tag; the browser's `Intl` has the last word.
fn plausible_locale(raw: &str) -> bool {
    (2..=35).contains(&raw.len())
        && raw.split('-').all(|part| {
            (1..=8).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphanumeric())
        })
        && raw.as_bytes()[0].is_ascii_alphabetic()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(pairs: &[(&str, &str)]) -> Attributes {
        let mut a = Attributes::default();
        for (name, value) in pairs {
            a.set(name, Some((*value).to_owned()));
        }
        a
    }

    fn errors(pairs: &[(&str, &str)]) -> Vec<String> {
        parse(&attrs(pairs))
            .expect_err("should be refused")
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn defaults_list_the_top_coins_live_with_the_default_columns() {
        let config = parse(&Attributes::default()).unwrap();
        assert_eq!(config.selection, Selection::Top);
        assert_eq!(config.columns, DEFAULT_COLUMNS);
        assert_eq!(config.limit, 10);
        assert_eq!(config.sort, None);
        assert_eq!(config.theme, Theme::Auto);
        assert_eq!(config.currency, "usd");
        assert_eq!(config.refresh, Some(DEFAULT_REFRESH));
        assert_eq!(config.source, Source::Live);
        assert!(!config.compact);
        assert_eq!(config.locale, None);
    }

    #[test]
    fn no_attribute_means_the_default_config() {
        assert_eq!(parse(&Attributes::default()), Ok(Config::default()));
        // Blank values count as absent.
        let blank: Vec<(&str, &str)> = ATTRIBUTES
            .iter()
            .filter(|name| **name != "compact")
            .map(|name| (*name, "  "))
            .collect();
        assert_eq!(parse(&attrs(&blank)), Ok(Config::default()));
    }

    #[test]
    fn the_documented_defaults_and_ranges_are_the_ones_applied() {
        let doc = |name: &str| {
            ATTRIBUTE_LIST
                .iter()
                .find(|a| a.name == name)
                .expect("listed")
        };
        let d = Config::default();
        assert_eq!(doc("limit").default, d.limit.to_string());
        assert_eq!(doc("refresh").default, d.refresh.unwrap().to_string());
        assert_eq!(doc("theme").default, format!("`{}`", d.theme.name()));
        assert_eq!(doc("currency").default, format!("`{}`", d.currency));
        assert_eq!((doc("source").default, d.source), ("`live`", Source::Live));
        let ids: Vec<&str> = d.columns.iter().map(|c| c.id()).collect();
        assert_eq!(doc("columns").default, format!("`{}`", ids.join(",")));
        let offered = COLUMNS.map(|c| format!("`{}`", c.id())).join(", ");
        assert_eq!(doc("columns").takes, offered);
        assert!(doc("limit").takes.contains(&format!("1–{MAX_LIMIT}")));
        let refresh = format!("{MIN_REFRESH}–{MAX_REFRESH}");
        assert!(doc("refresh").takes.contains(&refresh));
        assert!(doc("coins").takes.contains(&format!("at most {MAX_COINS}")));
        let booleans: Vec<&str> = ATTRIBUTE_LIST
            .iter()
            .filter(|a| a.kind == Kind::Boolean)
            .map(|a| a.name)
            .collect();
        assert_eq!(booleans, ["compact"]);
    }

    #[test]
    fn every_listed_name_sets_its_own_attribute() {
        let mut a = Attributes::default();
        for name in ATTRIBUTES {
            a.set(name, Some(format!("value of {name}")));
        }
        a.set("colour", Some("red".into()));
        assert_eq!(a.limit.as_deref(), Some("value of limit"));
        assert_eq!(a.locale.as_deref(), Some("value of locale"));
        let mut names = ATTRIBUTES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ATTRIBUTE_LIST.len());
    }

    #[test]
    fn a_full_set_of_attributes_is_read() {
        let config = parse(&attrs(&[
            ("coins", " Bitcoin, ethereum ,solana,bitcoin"),
            ("columns", "price, change_24h,trader_grade,signal,class"),
            ("limit", "3"),
            ("sort", "trader_grade:asc"),
            ("theme", "dark"),
            ("currency", "EUR"),
            ("refresh", "120"),
            ("source", "live"),
            ("compact", ""),
            ("locale", "de-CH"),
        ]))
        .unwrap();
        assert_eq!(
            config.selection,
            Selection::Coins(vec!["bitcoin".into(), "ethereum".into(), "solana".into()])
        );
        assert_eq!(
            config.columns,
            [
                Column::Price,
                Column::Change24h,
                Column::TraderGrade,
                Column::Signal,
                Column::Class
            ]
        );
        assert_eq!(config.limit, 3);
        assert_eq!(
            config.sort,
            Some(Sort {
                key: SortKey::Column(Column::TraderGrade),
                descending: false
            })
        );
        assert_eq!(config.theme, Theme::Dark);
        assert_eq!(config.currency, "eur");
        assert_eq!(config.refresh, Some(120));
        assert!(config.compact);
        assert_eq!(config.locale.as_deref(), Some("de-CH"));
    }

    #[test]
    fn sort_directions_default_to_high_first_for_figures() {
        let sort = |raw: &str| parse(&attrs(&[("sort", raw)])).unwrap().sort.unwrap();
        assert!(sort("price").descending);
        assert!(!sort("rank").descending);
        assert!(!sort("symbol").descending);
        assert!(sort("symbol:desc").descending);
        assert_eq!(sort("name").key, SortKey::Symbol);
    }

    #[test]
    fn snapshot_mode_never_refreshes() {
        let config = parse(&attrs(&[("source", "snapshot"), ("refresh", "60")])).unwrap();
        assert_eq!(config.refresh, None);
        assert_eq!(parse(&attrs(&[("refresh", "0")])).unwrap().refresh, None);
    }

    #[test]
    fn every_bad_attribute_is_reported_with_its_value() {
        let cases: &[(&[(&str, &str)], &str)] = &[
            (
                &[("coins", "bitcoin,<img src=x>")],
                "coins=\"bitcoin,<img src=x>\": \"<img src=x>\" is not a CoinGecko coin id",
            ),
            (&[("coins", " , ")], ""),
            (
                &[("coins", "bitcoin"), ("category", "layer-1")],
                "set either coins or category",
            ),
            (
                &[("category", "a/b")],
                "category=\"a/b\": a CoinGecko category id",
            ),
            (
                &[("category", "layer-1"), ("source", "snapshot")],
                "categories need source=\"live\"",
            ),
            (
                &[("columns", "price,volume24")],
                "columns=\"volume24\": unknown column; choose from rank, price",
            ),
            (
                &[("limit", "0")],
                "limit=\"0\": a whole number from 1 to 100",
            ),
            (&[("limit", "ten")], "limit=\"ten\""),
            (&[("limit", "101")], "limit=\"101\""),
            (
                &[("sort", "hype")],
                "sort=\"hype\": sort by symbol or a column",
            ),
            (&[("sort", "price:up")], "the direction after ':'"),
            (
                &[("theme", "blue")],
                "theme=\"blue\": use \"light\", \"dark\" or \"auto\"",
            ),
            (
                &[("currency", "doge")],
                "currency=\"doge\": not a currency CoinGecko quotes",
            ),
            (
                &[("currency", "eur"), ("source", "snapshot")],
                "the bundled snapshot is in usd",
            ),
            (
                &[("refresh", "5")],
                "refresh=\"5\": seconds from 60 to 86400, or 0 for never",
            ),
            (&[("refresh", "-1")], "refresh=\"-1\""),
            (
                &[("source", "api")],
                "source=\"api\": use \"live\" or \"snapshot\"",
            ),
            (
                &[("compact", "yes")],
                "compact=\"yes\": a boolean attribute",
            ),
            (&[("locale", "en_US!")], "locale=\"en_US!\": a language tag"),
        ];
        for (pairs, expected) in cases {
            let found = errors(pairs);
            assert_eq!(found.len(), 1, "{pairs:?}: {found:?}");
            assert!(found[0].contains(expected), "{pairs:?}: {found:?}");
        }
    }

    #[test]
    fn several_bad_attributes_are_all_reported() {
        let found = errors(&[("limit", "0"), ("theme", "neon"), ("source", "x")]);
        assert_eq!(found.len(), 3, "{found:?}");
    }

    #[test]
    fn too_many_coins_are_refused() {
        let many: Vec<String> = (0..=MAX_COINS).map(|i| format!("coin-{i}")).collect();
        let found = errors(&[("coins", &many.join(","))]);
        assert!(found[0].contains("at most 50 coins"), "{found:?}");
    }

    #[test]
    fn long_values_are_cut_in_messages() {
        let long = "x".repeat(500);
        let found = errors(&[("theme", &long)]);
        assert!(found[0].len() < 120, "{}", found[0]);
    }

    #[test]
    fn only_data_attributes_change_the_data_key() {
        let a = parse(&attrs(&[("coins", "bitcoin"), ("limit", "3")])).unwrap();
        let b = parse(&attrs(&[
            ("coins", "bitcoin"),
            ("limit", "5"),
            ("theme", "dark"),
        ]))
        .unwrap();
        assert_eq!(a.data_key(), b.data_key());
        let c = parse(&attrs(&[("coins", "bitcoin"), ("currency", "eur")])).unwrap();
        assert_ne!(a.data_key(), c.data_key());
        let top3 = parse(&attrs(&[("limit", "3")])).unwrap();
        let top5 = parse(&attrs(&[("limit", "5")])).unwrap();
        assert_ne!(top3.data_key(), top5.data_key());
    }
}

//! The visitor's site settings (data source, refresh interval, theme), kept
//! in `localStorage` under one versioned key, [`SETTINGS_KEY`], as
//! `{"version": 1, "source": "live", "refresh_minutes": 0, "theme": "system"}`.
//!
//! Reading is defensive: what does not parse (bad JSON, a field with an
//! unknown value, a newer version's field) falls back to the default of
//! that field alone, and nothing else in storage is ever touched. Saving
//! keeps the fields of the stored object this version does not know.

use serde_json::Value;

/// The one storage key of the settings.
pub const SETTINGS_KEY: &str = "tokenlens.settings";
/// The format written.
pub const VERSION: u64 = 1;
/// The refresh intervals offered, in minutes (0: off).
pub const REFRESH_CHOICES: [u32; 4] = [0, 1, 5, 15];

/// Where market figures come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DataChoice {
    /// Live providers, falling back to saved data and the bundled snapshot.
    #[default]
    Live,
    /// The bundled snapshot only: no request to any provider.
    Snapshot,
}

impl DataChoice {
    pub fn id(self) -> &'static str {
        match self {
            DataChoice::Live => "live",
            DataChoice::Snapshot => "snapshot",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [DataChoice::Live, DataChoice::Snapshot]
            .into_iter()
            .find(|c| c.id() == s)
    }
}

/// The colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    /// The device's choice (`prefers-color-scheme`).
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn id(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System",
            Theme::Light => "Light",
            Theme::Dark => "Dark",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.id() == s)
    }
}

/// Everything the settings page keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Settings {
    pub source: DataChoice,
    /// Minutes between refreshes of live market data; 0 is off.
    pub refresh_minutes: u32,
    pub theme: Theme,
}

impl Settings {
    /// Whether live providers may be asked at all.
    pub fn live(&self) -> bool {
        self.source == DataChoice::Live
    }

    /// Reads stored text; never fails (see the module docs).
    pub fn parse(text: &str) -> Self {
        let Ok(Value::Object(map)) = serde_json::from_str::<Value>(text) else {
            return Self::default();
        };
        let d = Self::default();
        let text_of = |k: &str| map.get(k).and_then(Value::as_str);
        Self {
            source: text_of("source")
                .and_then(DataChoice::parse)
                .unwrap_or(d.source),
            refresh_minutes: map
                .get("refresh_minutes")
                .and_then(Value::as_u64)
                .and_then(|m| u32::try_from(m).ok())
                .filter(|m| REFRESH_CHOICES.contains(m))
                .unwrap_or(d.refresh_minutes),
            theme: text_of("theme").and_then(Theme::parse).unwrap_or(d.theme),
        }
    }

    /// The stored form, keeping the unknown fields of `previous` (the text
    /// stored before, if it was a JSON object).
    pub fn to_json(&self, previous: Option<&str>) -> String {
        let mut map = previous
            .and_then(|t| serde_json::from_str::<Value>(t).ok())
            .and_then(|v| match v {
                Value::Object(m) => Some(m),
                _ => None,
            })
            .unwrap_or_default();
        map.insert("version".into(), VERSION.into());
        map.insert("source".into(), self.source.id().into());
        map.insert("refresh_minutes".into(), self.refresh_minutes.into());
        map.insert("theme".into(), self.theme.id().into());
        Value::Object(map).to_string()
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The stored settings, or the defaults.
pub fn load() -> Settings {
    storage()
        .and_then(|s| s.get_item(SETTINGS_KEY).ok().flatten())
        .map_or_else(Settings::default, |t| Settings::parse(&t))
}

/// Stores `settings` under [`SETTINGS_KEY`] (and nothing else).
pub fn save(settings: &Settings) -> Result<(), String> {
    let storage = storage().ok_or("this browser keeps no local storage")?;
    let previous = storage.get_item(SETTINGS_KEY).ok().flatten();
    storage
        .set_item(SETTINGS_KEY, &settings.to_json(previous.as_deref()))
        .map_err(|_| "the browser refused to save (storage full or disabled)".to_owned())
}

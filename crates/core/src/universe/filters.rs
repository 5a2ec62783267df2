//! The screener's filters and one-click presets, as data: what a row must
//! satisfy to be shown, the search, and the named views built from them.
//! The site's screener and the CLI's `screen --preset` use them, over the
//! [`Figures`] every face already hands to [`order`](super::table::order).
//!
//! ```
//! use tokenlens_core::universe::filters::{Filters, PRESETS, Preset};
//! use tokenlens_core::universe::table::Figures;
//! let strong = Preset::by_id("strong-trader-grade").unwrap();
//! let row = |g| Figures { symbol: "SOL", trader_grade: Some(g), ..Figures::default() };
//! assert!(strong.filters.keeps(&row(85.0), None));
//! assert!(!strong.filters.keeps(&row(60.0), None));
//! assert!(Filters::NONE.keeps(&row(60.0), None));
//! assert_eq!(PRESETS.len(), 3);
//! ```

use crate::analysis::signal::SignalState;
use crate::market_cap::MarketCapClass;
use crate::universe::narratives::Narrative;
use crate::universe::table::{Column, Figures, Sort, SortKey, volume_to_market_cap};

/// A grade range that keeps every grade.
pub const FULL_RANGE: (f64, f64) = (0.0, 100.0);

/// What a row must satisfy. [`Filters::NONE`] keeps every row; each field
/// narrows it. A row without the figure a filter reads does not pass it
/// (an Investor Grade range keeps a row without one only when it is the
/// full range).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Filters {
    pub signal: Option<SignalState>,
    /// Inclusive Trader Grade range.
    pub trader: (f64, f64),
    /// Inclusive Investor Grade range.
    pub investor: (f64, f64),
    /// Bullish tokens whose signal flipped at most this many days ago.
    pub flipped_within: Option<i64>,
    /// Minimum change of the Trader Grade over 7 days, in points.
    pub min_grade_change_7d: Option<f64>,
    pub class: Option<MarketCapClass>,
    pub narrative: Option<Narrative>,
    /// Minimum 24 h volume in USD.
    pub min_volume: Option<f64>,
    /// Minimum 24 h volume over market cap, as a fraction (0.05: 5 %).
    pub min_volume_to_market_cap: Option<f64>,
}

impl Default for Filters {
    fn default() -> Self {
        Self::NONE
    }
}

impl Filters {
    /// No filter: every row passes.
    pub const NONE: Filters = Filters {
        signal: None,
        trader: FULL_RANGE,
        investor: FULL_RANGE,
        flipped_within: None,
        min_grade_change_7d: None,
        class: None,
        narrative: None,
        min_volume: None,
        min_volume_to_market_cap: None,
    };

    /// Whether the filters read figures only live market data has (the
    /// 24 h volume).
    pub fn needs_market_figures(&self) -> bool {
        self.min_volume.is_some() || self.min_volume_to_market_cap.is_some()
    }

    /// Whether a row with figures `f`, in `narrative`, passes every filter.
    pub fn keeps(&self, f: &Figures<'_>, narrative: Option<Narrative>) -> bool {
        let within = |v: Option<f64>, (lo, hi): (f64, f64)| match v {
            Some(v) => v >= lo && v <= hi,
            None => (lo, hi) == FULL_RANGE,
        };
        self.signal.is_none_or(|s| f.signal == Some(s))
            && within(f.trader_grade, self.trader)
            && within(f.investor_grade, self.investor)
            && self.flipped_within.is_none_or(|n| {
                f.signal == Some(SignalState::Bullish) && f.days_since_flip.is_some_and(|d| d <= n)
            })
            && self
                .min_grade_change_7d
                .is_none_or(|m| f.trader_grade_change_7d.is_some_and(|c| c >= m))
            && self.class.is_none_or(|c| f.class == Some(c))
            && self.narrative.is_none_or(|n| narrative == Some(n))
            && self
                .min_volume
                .is_none_or(|min| f.volume.is_some_and(|v| v >= min))
            && self.min_volume_to_market_cap.is_none_or(|min| {
                volume_to_market_cap(f.volume, f.market_cap).is_some_and(|q| q >= min)
            })
    }
}

/// One filter of [`Filters`], to say which of them left a view empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterId {
    Signal,
    TraderGrade,
    InvestorGrade,
    FlippedWithin,
    GradeChange7d,
    Class,
    Narrative,
    Volume,
    VolumeToMarketCap,
}

impl FilterId {
    /// Every filter, in the order the screener shows them.
    pub const ALL: [FilterId; 9] = [
        FilterId::Signal,
        FilterId::TraderGrade,
        FilterId::InvestorGrade,
        FilterId::FlippedWithin,
        FilterId::GradeChange7d,
        FilterId::Class,
        FilterId::Narrative,
        FilterId::Volume,
        FilterId::VolumeToMarketCap,
    ];

    /// The filter's name as the screener labels it.
    pub fn label(self) -> &'static str {
        match self {
            FilterId::Signal => "Signal",
            FilterId::TraderGrade => "Trader Grade",
            FilterId::InvestorGrade => "Investor Grade",
            FilterId::FlippedWithin => "Flipped bullish within",
            FilterId::GradeChange7d => "Trader Grade change 7 d",
            FilterId::Class => "Class",
            FilterId::Narrative => "Narrative",
            FilterId::Volume => "Volume 24 h",
            FilterId::VolumeToMarketCap => "Volume / market cap",
        }
    }
}

impl Filters {
    /// The filters that narrow (those not at their "keep all" value).
    pub fn active(&self) -> Vec<FilterId> {
        FilterId::ALL
            .into_iter()
            .filter(|id| self.without(*id) != *self)
            .collect()
    }

    /// These filters with `id` set back to keeping every row.
    pub fn without(&self, id: FilterId) -> Filters {
        let mut f = *self;
        match id {
            FilterId::Signal => f.signal = None,
            FilterId::TraderGrade => f.trader = FULL_RANGE,
            FilterId::InvestorGrade => f.investor = FULL_RANGE,
            FilterId::FlippedWithin => f.flipped_within = None,
            FilterId::GradeChange7d => f.min_grade_change_7d = None,
            FilterId::Class => f.class = None,
            FilterId::Narrative => f.narrative = None,
            FilterId::Volume => f.min_volume = None,
            FilterId::VolumeToMarketCap => f.min_volume_to_market_cap = None,
        }
        f
    }
}

/// Whether a row matches a search: the text, ignoring case and the
/// spaces around it, in the token's symbol or name. An empty search
/// matches every row.
pub fn matches_search(search: &str, f: &Figures<'_>) -> bool {
    let needle = search.trim().to_lowercase();
    needle.is_empty()
        || f.symbol.to_lowercase().contains(&needle)
        || f.name.is_some_and(|n| n.to_lowercase().contains(&needle))
}

/// The symbol a typed query most likely means, among `tokens` (symbol and
/// name, most important first): an exact symbol, else an exact name, else
/// the first symbol or name that starts with the query; ignoring case and
/// the spaces around it. `None` for an empty query or no match.
pub fn find_token<'a>(query: &str, tokens: &[(&'a str, Option<&'a str>)]) -> Option<&'a str> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return None;
    }
    let symbol_is = |s: &str| s.to_lowercase() == q;
    let name_is = |n: Option<&str>| n.is_some_and(|n| n.to_lowercase() == q);
    let starts = |s: &str, n: Option<&str>| {
        s.to_lowercase().starts_with(&q) || n.is_some_and(|n| n.to_lowercase().starts_with(&q))
    };
    tokens
        .iter()
        .find(|(s, _)| symbol_is(s))
        .or_else(|| tokens.iter().find(|(_, n)| name_is(*n)))
        .or_else(|| tokens.iter().find(|(s, n)| starts(s, *n)))
        .map(|(s, _)| *s)
}

/// A one-click view: filters and an order, under a name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Preset {
    /// URL- and command-line-safe id.
    pub id: &'static str,
    pub label: &'static str,
    pub filters: Filters,
    pub sort: Sort,
}

/// The presets, in the order they are offered.
pub const PRESETS: [Preset; 3] = [
    Preset {
        id: "strong-trader-grade",
        label: "Trader Grade above 80",
        filters: Filters {
            trader: (80.0, 100.0),
            ..Filters::NONE
        },
        sort: Sort {
            key: SortKey::Column(Column::TraderGrade),
            descending: true,
        },
    },
    Preset {
        id: "fresh-bullish-flips",
        label: "Flipped bullish in the last 3 days",
        filters: Filters {
            signal: Some(SignalState::Bullish),
            flipped_within: Some(3),
            ..Filters::NONE
        },
        sort: Sort {
            key: SortKey::Column(Column::DaysSinceFlip),
            descending: false,
        },
    },
    // "Strong activity": the Trader Grade rose a tenth of its scale in a
    // week (the moonshot rule's threshold) to at least 60.
    Preset {
        id: "active-micro-caps",
        label: "Micro caps with strong activity",
        filters: Filters {
            class: Some(MarketCapClass::Micro),
            trader: (60.0, 100.0),
            min_grade_change_7d: Some(10.0),
            ..Filters::NONE
        },
        sort: Sort {
            key: SortKey::Column(Column::TraderGradeChange7d),
            descending: true,
        },
    },
];

impl Preset {
    /// The preset with this id.
    pub fn by_id(id: &str) -> Option<&'static Preset> {
        PRESETS.iter().find(|p| p.id == id)
    }

    /// Why the preset cannot be applied to rows without market caps (no
    /// class can be told without one), if it needs them.
    pub fn unavailable(&self, has_market_caps: bool) -> Option<&'static str> {
        (self.filters.class.is_some() && !has_market_caps)
            .then_some("needs market caps, which this data does not have")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> Figures<'static> {
        Figures {
            symbol: "SOL",
            name: Some("Solana"),
            trader_grade: Some(70.0),
            trader_grade_change_7d: Some(12.0),
            investor_grade: None,
            signal: Some(SignalState::Bullish),
            days_since_flip: Some(2),
            class: Some(MarketCapClass::Micro),
            market_cap: Some(4e7),
            volume: Some(8e6),
            ..Figures::default()
        }
    }

    #[test]
    fn each_filter_narrows_and_a_missing_figure_fails_it() {
        let r = row();
        assert!(Filters::NONE.keeps(&r, None));
        let with = |f: Filters| f.keeps(&r, Some(Narrative::L1));
        assert!(with(Filters {
            trader: (60.0, 70.0),
            ..Filters::NONE
        }));
        assert!(!with(Filters {
            trader: (70.5, 100.0),
            ..Filters::NONE
        }));
        // No Investor Grade: only the full range keeps the row.
        assert!(!with(Filters {
            investor: (0.0, 99.0),
            ..Filters::NONE
        }));
        assert!(with(Filters {
            flipped_within: Some(2),
            ..Filters::NONE
        }));
        assert!(!with(Filters {
            flipped_within: Some(1),
            ..Filters::NONE
        }));
        assert!(!with(Filters {
            signal: Some(SignalState::Bearish),
            ..Filters::NONE
        }));
        assert!(with(Filters {
            narrative: Some(Narrative::L1),
            ..Filters::NONE
        }));
        assert!(!with(Filters {
            narrative: Some(Narrative::Meme),
            ..Filters::NONE
        }));
        assert!(with(Filters {
            min_volume_to_market_cap: Some(0.2),
            ..Filters::NONE
        }));
        assert!(!with(Filters {
            min_volume_to_market_cap: Some(0.21),
            ..Filters::NONE
        }));
        let no_volume = Figures { volume: None, ..r };
        assert!(
            !Filters {
                min_volume: Some(1.0),
                ..Filters::NONE
            }
            .keeps(&no_volume, None)
        );
    }

    #[test]
    fn active_lists_each_narrowing_filter_and_without_clears_one() {
        assert_eq!(Filters::NONE.active(), Vec::<FilterId>::new());
        let f = Filters {
            class: Some(MarketCapClass::Large),
            trader: (80.0, 100.0),
            min_volume: Some(1e6),
            ..Filters::NONE
        };
        assert_eq!(
            f.active(),
            [FilterId::TraderGrade, FilterId::Class, FilterId::Volume]
        );
        // The micro-cap row fails the class alone: without it, the row passes.
        let r = row();
        let loose = Filters {
            trader: (60.0, 100.0),
            ..f
        };
        assert!(!loose.keeps(&r, None));
        assert!(loose.without(FilterId::Class).keeps(&r, None));
        assert_eq!(
            loose.without(FilterId::Class).active(),
            [FilterId::TraderGrade, FilterId::Volume]
        );
        // Every filter can be cleared on its own.
        let all = Filters {
            signal: Some(SignalState::Bullish),
            trader: (1.0, 2.0),
            investor: (1.0, 2.0),
            flipped_within: Some(1),
            min_grade_change_7d: Some(1.0),
            class: Some(MarketCapClass::Mid),
            narrative: Some(Narrative::Ai),
            min_volume: Some(1.0),
            min_volume_to_market_cap: Some(0.1),
        };
        assert_eq!(all.active(), FilterId::ALL);
        let cleared = FilterId::ALL.iter().fold(all, |f, id| f.without(*id));
        assert_eq!(cleared, Filters::NONE);
    }

    #[test]
    fn find_token_prefers_a_symbol_then_a_name_then_a_prefix() {
        let tokens = [
            ("BTC", Some("Bitcoin")),
            ("ETH", Some("Ethereum")),
            ("SOL", Some("Solana")),
            ("SOLV", Some("Solv Protocol")),
            ("WBTC", Some("Wrapped Bitcoin")),
            ("ETHFI", None),
        ];
        assert_eq!(find_token("eth", &tokens), Some("ETH"));
        assert_eq!(find_token(" Solana ", &tokens), Some("SOL"));
        assert_eq!(find_token("solv", &tokens), Some("SOLV"));
        assert_eq!(find_token("wrapped", &tokens), Some("WBTC"));
        assert_eq!(find_token("bit", &tokens), Some("BTC"));
        assert_eq!(find_token("ethf", &tokens), Some("ETHFI"));
        assert_eq!(find_token("doge", &tokens), None);
        assert_eq!(find_token("  ", &tokens), None);
    }

    #[test]
    fn search_matches_symbol_or_name_ignoring_case() {
        let r = row();
        for hit in ["", "  ", "sol", "SOL", "solana", " Lana "] {
            assert!(matches_search(hit, &r), "{hit}");
        }
        assert!(!matches_search("eth", &r));
        assert!(!matches_search("solana", &Figures { name: None, ..r }));
    }

    #[test]
    fn presets_have_unique_ids_and_keep_what_they_name() {
        let mut ids: Vec<&str> = PRESETS.iter().map(|p| p.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), PRESETS.len());
        // A fresh bullish micro cap with a strong, rising grade: every preset keeps it.
        let r = Figures {
            trader_grade: Some(85.0),
            ..row()
        };
        for p in &PRESETS {
            assert!(p.filters.keeps(&r, None), "{}", p.id);
            assert_eq!(Preset::by_id(p.id), Some(p));
        }
        let micro = Preset::by_id("active-micro-caps").unwrap();
        assert!(micro.unavailable(false).is_some());
        assert!(micro.unavailable(true).is_none());
        assert!(PRESETS[0].unavailable(false).is_none());
    }
}

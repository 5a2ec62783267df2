//! The bundled daily history as a universe panel, the way the CLI builds it:
//! one member per pair (`BTCUSDT` → `BTC`), BTC as the benchmark of the
//! Trader Grade's relative strength, stable tokens left out when asked.

use tokenlens_core::universe::narratives::NarrativeTable;
use tokenlens_core::universe::stable::set_apart;
use tokenlens_core::universe::table::{benchmark_of, pair_symbol};
use tokenlens_core::universe::{Member, Panel};
use tokenlens_feeds::History;

/// A panel and the stablecoins left out of it.
#[derive(Debug, Clone)]
pub struct UniversePanel {
    pub panel: Panel,
    pub excluded_stablecoins: Vec<String>,
    pub as_of: String,
    pub source: String,
}

/// Builds the panel of the daily history.
pub fn universe_panel(
    history: &History,
    table: &NarrativeTable,
    drop_stablecoins: bool,
) -> UniversePanel {
    let daily = &history.daily;
    let mut excluded_stablecoins = Vec::new();
    let members: Vec<Member> = daily
        .symbols
        .iter()
        .filter_map(|pair| {
            let symbol = pair_symbol(pair);
            let series = daily.series(pair)?;
            if drop_stablecoins && set_apart(symbol, &series, table) {
                excluded_stablecoins.push(symbol.to_owned());
                return None;
            }
            Some((symbol.to_owned(), series, None))
        })
        .collect();
    let benchmark = benchmark_of(&members);
    UniversePanel {
        panel: Panel::new(&members, benchmark.as_ref()),
        excluded_stablecoins,
        as_of: history.as_of.clone(),
        source: history.sources.join("; "),
    }
}

//! `/moonshots`: small tokens whose Trader Grade rises fast with a bullish
//! signal, now and in the past (the ledger), with the filters the data could
//! not support named, as `tokenlens moonshots` computes them.

use leptos::prelude::*;
use leptos_router::components::A;
use tokenlens_core::format::{change_pct, price_usd};
use tokenlens_core::universe::moonshots::{FilterUse, MoonshotEntry, Moonshots, moonshots};
use tokenlens_core::universe::narratives::NarrativeTable;
use tokenlens_feeds::History;

use crate::api::load_history;
use crate::components::data_source::{DataSource, Provenance};
use crate::universe_panel::universe_panel;

/// What the page shows.
#[derive(Debug, Clone)]
pub struct MoonshotsView {
    pub as_of: String,
    pub source: String,
    pub tokens: usize,
    pub excluded_stablecoins: Vec<String>,
    pub moonshots: Moonshots,
}

/// The moonshots of the bundled history (stablecoins left out).
pub fn moonshots_view(history: &History) -> MoonshotsView {
    let up = universe_panel(history, &NarrativeTable::bundled(), true);
    MoonshotsView {
        moonshots: moonshots(&up.panel),
        tokens: up.panel.tokens.len(),
        excluded_stablecoins: up.excluded_stablecoins,
        as_of: up.as_of,
        source: up.source,
    }
}

/// `/moonshots`.
#[component]
pub fn MoonshotsPage() -> impl IntoView {
    let data = LocalResource::new(|| async { load_history().await.map(|h| moonshots_view(&h)) });
    view! {
        <h1>"Moonshots"</h1>
        <Transition fallback=|| view! { <p class="status" role="status">"Looking for moonshots…"</p> }>
            {move || {
                data.get()
                    .map(|result| match result {
                        Ok(v) => moonshots_body(v).into_any(),
                        Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                    })
            }}
        </Transition>
    }
}

fn filter_item(f: &FilterUse, testid: &'static str) -> impl IntoView + use<> {
    let class = if f.skipped_for > 0 { "notice" } else { "ok" };
    view! { <li class=class data-testid=testid>{f.note.clone()}</li> }
}

fn moonshots_body(v: MoonshotsView) -> impl IntoView {
    let provenance = Provenance::Snapshot {
        as_of: v.as_of.clone(),
        source: v.source.clone(),
        reason: None,
    };
    let m = &v.moonshots;
    let ledger = StoredValue::new(m.ledger.clone());
    let total = m.ledger.len();
    let show_all = RwSignal::new(false);
    let skipped = (m.market_cap_filter.skipped_for > 0 || m.volume_filter.skipped_for > 0).then(|| {
        view! {
            <p class="muted">
                "The bundled history holds daily closes only, with no market caps and no volumes: a skipped filter lets every token through it, so these flags rest on the grade rise and the signal alone."
            </p>
        }
    });
    // A moonshot is a small token: one is named only when its market cap
    // says so. Flags without a market cap are candidates, listed apart.
    let (named, candidates): (Vec<MoonshotEntry>, Vec<MoonshotEntry>) = m
        .current
        .iter()
        .cloned()
        .partition(|e| e.market_cap.is_some());
    let current = if !named.is_empty() {
        entries_table(&named, "current-table", "Current moonshots", None).into_any()
    } else if candidates.is_empty() {
        view! { <p class="muted" data-testid="no-current">"No token is a moonshot on the last date."</p> }.into_any()
    } else {
        view! {
            <p class="notice" data-testid="no-current">
                "No token can be named a moonshot: the market-cap rule (below $50M) needs market caps, and this data has none for its date. The tokens that meet every other rule are listed below as candidates."
            </p>
        }
        .into_any()
    };
    let candidates = (!candidates.is_empty()).then(|| {
        view! {
            <section class="card" data-testid="candidates">
                <h2>{format!("Candidates, market cap unknown ({})", candidates.len())}</h2>
                <p class="muted">
                    "Grade rise, volume and signal as the rule asks; whether each is below $50M cannot be told from this data."
                </p>
                {entries_table(&candidates, "candidates-table", "Candidates with an unknown market cap", None)}
            </section>
        }
    });
    view! {
        <DataSource provenance />
        <section class="card" data-testid="criteria">
            <h2>"The rule"</h2>
            <p>
                "A token is flagged on a day when its market cap is below $50M, its Trader Grade rose at least 10 points over 7 days, its volume is at least twice its 30-day mean, and its signal is bullish. The entry closes the first day its signal is no longer bullish."
            </p>
            <ul>
                {filter_item(&m.market_cap_filter, "market-cap-filter")}
                {filter_item(&m.volume_filter, "volume-filter")}
            </ul>
            {skipped}
            <p class="muted">
                {format!(
                    "{} tokens screened; stablecoins left out: {}.",
                    v.tokens,
                    if v.excluded_stablecoins.is_empty() { "none".to_owned() } else { v.excluded_stablecoins.join(", ") },
                )}
            </p>
        </section>
        <section class="card" data-testid="current">
            <h2>{format!("Current moonshots ({})", named.len())}</h2>
            {current}
        </section>
        {candidates}
        <section class="card" data-testid="ledger">
            <h2>{format!("Ledger: every flag ({})", m.ledger.len())}</h2>
            <p data-testid="ledger-summary">{ledger_summary(&m.ledger)}</p>
            {move || ledger.with_value(|l| entries_table(l, "ledger-table", "Moonshot ledger", (!show_all.get()).then_some(LEDGER_PAGE)))}
            {(total > LEDGER_PAGE).then(|| view! {
                <button
                    type="button"
                    aria-expanded=move || if show_all.get() { "true" } else { "false" }
                    on:click=move |_| show_all.update(|s| *s = !*s)
                >
                    {move || if show_all.get() { format!("Show the latest {LEDGER_PAGE}") } else { format!("Show all {total}") }}
                </button>
            })}
        </section>
    }
}

/// Ledger entries shown before "Show all".
const LEDGER_PAGE: usize = 50;

/// "958 closed: mean return at exit −3.9%, 38% with a gain; 18 open."
pub fn ledger_summary(ledger: &[MoonshotEntry]) -> String {
    let exits: Vec<f64> = ledger.iter().filter_map(|e| e.return_at_exit).collect();
    let open = ledger.len() - exits.len();
    if exits.is_empty() {
        return format!("None closed yet; {open} open.");
    }
    let mean = exits.iter().sum::<f64>() / exits.len() as f64;
    let gains = exits.iter().filter(|r| **r > 0.0).count();
    format!(
        "{} closed: mean return at exit {}, {:.0}% with a gain; {open} open.",
        exits.len(),
        change_pct(Some(mean)),
        gains as f64 / exits.len() as f64 * 100.0,
    )
}

/// The newest entries first, at most `limit`.
fn entries_table(
    entries: &[MoonshotEntry],
    testid: &'static str,
    label: &'static str,
    limit: Option<usize>,
) -> impl IntoView + use<> {
    let rows = entries
        .iter()
        .rev()
        .take(limit.unwrap_or(usize::MAX))
        .map(|e| {
            let href = format!("/token/{}", e.symbol);
            let name = e.symbol.clone();
            let exit = match (&e.exit_date, e.exit_price) {
                (Some(d), Some(p)) => format!("{d} at {}", price_usd(p)),
                _ => "open".to_owned(),
            };
            view! {
                <tr data-symbol=e.symbol.clone() data-flagged=e.flagged_date.clone()>
                    <td><A href=crate::href(&href)>{name}</A></td>
                    <td>{e.flagged_date.clone()}</td>
                    <td class="num">{price_usd(e.flagged_price)}</td>
                    <td class="num">{format!("{:.0}", e.flagged_grade)}</td>
                    <td class="num">{format!("{:+.1}", e.grade_change_7d)}</td>
                    <td>{exit}</td>
                    <td class="num">{change_pct(Some(e.return_since_flag))}</td>
                    <td class="num">{change_pct(e.return_at_exit)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" role="region" aria-label=label tabindex="0">
            <table class="market-table" data-testid=testid>
                <thead>
                    <tr>
                        <th scope="col">"Token"</th>
                        <th scope="col">"First flagged"</th>
                        <th scope="col">"Price then"</th>
                        <th scope="col">"Grade then"</th>
                        <th scope="col">"Grade 7 d change"</th>
                        <th scope="col">"Exit"</th>
                        <th scope="col">"Since flag"</th>
                        <th scope="col">"At exit"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

//! `/narratives`: the narrative indices of the bundled universe (7- and
//! 30-day ROI, against BTC, ETH and SOL), their ranking and members, and the
//! rotation rule's current suggestion with its backtest against holding BTC.

use leptos::prelude::*;
use leptos_router::components::A;
use tokenlens_core::format::change_pct;

use crate::components::signed::change_cell;
use tokenlens_core::metrics::max_drawdown;
use tokenlens_core::universe::benchmarks::held;
use tokenlens_core::universe::narratives::{
    Narrative, NarrativeReport, NarrativeTable, Performance, REBALANCE_DAYS, Rotation, narratives,
    rotation,
};
use tokenlens_core::universe::table::BENCHMARK_SYMBOL;

use crate::api::load_history;
use crate::components::bar_chart::{BarChart, BarGroup, BarSeries};
use crate::components::charts::{Line, LineChart};
use crate::components::data_source::{DataSource, Provenance};
use crate::universe_panel::universe_panel;
use tokenlens_core::chart::AxisFormat;

/// Everything the page shows, computed once from the history.
#[derive(Debug, Clone)]
pub struct NarrativesView {
    pub as_of: String,
    pub source: String,
    pub tokens: usize,
    pub reports: Vec<NarrativeReport>,
    pub rotation: Rotation,
    /// BTC bought at the rotation's first row, per rotation day (from 1).
    pub btc_equity: Vec<Option<f64>>,
    pub btc_max_drawdown: Option<f64>,
}

/// Narratives and rotation over the bundled history, as `tokenlens
/// narratives` computes them (stablecoins kept: they are an index too).
pub fn narratives_view(history: &tokenlens_feeds::History) -> NarrativesView {
    let table = NarrativeTable::bundled();
    let up = universe_panel(history, &table, false);
    let panel = &up.panel;
    let reports = narratives(panel, &table);
    let rotation = rotation(panel, &table);
    let btc_equity = rotation
        .start_row(panel)
        .map_or_else(Vec::new, |start| held(panel, BENCHMARK_SYMBOL, start));
    let btc_held: Vec<f64> = btc_equity.iter().flatten().copied().collect();
    NarrativesView {
        as_of: up.as_of,
        source: up.source,
        tokens: panel.tokens.len(),
        reports,
        btc_max_drawdown: max_drawdown(&btc_held).ok().map(|d| d.depth),
        btc_equity,
        rotation,
    }
}

/// What the bar chart shows: the ROI itself or against a benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    Roi,
    VsBtc,
    VsEth,
    VsSol,
}

impl Basis {
    pub const ALL: [Basis; 4] = [Basis::Roi, Basis::VsBtc, Basis::VsEth, Basis::VsSol];

    fn value(self) -> &'static str {
        match self {
            Basis::Roi => "roi",
            Basis::VsBtc => "btc",
            Basis::VsEth => "eth",
            Basis::VsSol => "sol",
        }
    }

    fn from_value(v: &str) -> Self {
        Basis::ALL
            .into_iter()
            .find(|b| b.value() == v)
            .unwrap_or(Basis::Roi)
    }

    fn label(self) -> &'static str {
        match self {
            Basis::Roi => "ROI",
            Basis::VsBtc => "ROI against BTC",
            Basis::VsEth => "ROI against ETH",
            Basis::VsSol => "ROI against SOL",
        }
    }

    fn suffix(self) -> &'static str {
        match self {
            Basis::Roi => "",
            Basis::VsBtc => " vs BTC",
            Basis::VsEth => " vs ETH",
            Basis::VsSol => " vs SOL",
        }
    }

    /// The 7- and 30-day figures of an index on this basis.
    pub fn values(self, p: &Performance) -> [Option<f64>; 2] {
        match self {
            Basis::Roi => [p.roi_7d, p.roi_30d],
            Basis::VsBtc => [p.vs_btc_7d, p.vs_btc_30d],
            Basis::VsEth => [p.vs_eth_7d, p.vs_eth_30d],
            Basis::VsSol => [p.vs_sol_7d, p.vs_sol_30d],
        }
    }
}

fn share(v: Option<f64>) -> String {
    v.map(|v| format!("{:.0}%", v * 100.0))
        .unwrap_or_else(|| "—".into())
}

/// `/narratives`.
#[component]
pub fn NarrativesPage() -> impl IntoView {
    let data = LocalResource::new(|| async { load_history().await.map(|h| narratives_view(&h)) });
    view! {
        <h1>"Narratives"</h1>
        <Transition fallback=|| view! { <p class="status" role="status">"Computing the narrative indices…"</p> }>
            {move || {
                data.get()
                    .map(|result| match result {
                        Ok(v) => narratives_body(v).into_any(),
                        Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                    })
            }}
        </Transition>
    }
}

fn narratives_body(v: NarrativesView) -> impl IntoView {
    let provenance = Provenance::Snapshot {
        as_of: v.as_of.clone(),
        source: v.source.clone(),
        reason: None,
    };
    let (stable, mut themes): (Vec<NarrativeReport>, Vec<NarrativeReport>) = v
        .reports
        .iter()
        .cloned()
        .partition(|r| r.narrative == Narrative::Stablecoin);
    themes.sort_by_key(|r| (r.rank.is_none(), r.rank));
    let any_cap = v.reports.iter().any(|r| r.market_cap_weight.is_some());
    let classified: usize = v.reports.iter().map(|r| r.members.len()).sum();
    let chart_themes = StoredValue::new(themes.clone());
    let basis = RwSignal::new(Basis::Roi);
    let as_of = v.as_of.clone();
    let chart = move || {
        let b = basis.get();
        let groups = chart_themes.with_value(|themes| {
            themes
                .iter()
                .map(|r| BarGroup {
                    label: r.name.clone(),
                    values: b.values(&r.equal_weight).to_vec(),
                })
                .collect()
        });
        let series = vec![
            BarSeries {
                name: format!("7 days{}", b.suffix()),
                class: "bar-7d",
            },
            BarSeries {
                name: format!("30 days{}", b.suffix()),
                class: "bar-30d",
            },
        ];
        view! {
            <BarChart
                label=format!("7- and 30-day ROI{} of each narrative index as of {as_of}", b.suffix())
                series
                groups
            />
        }
    };
    view! {
        <DataSource provenance />
        <p class="muted">
            {format!(
                "{classified} of the {} tokens belong to a narrative of the curated table. Each index starts at 100 and moves by the mean daily return of its members.",
                v.tokens,
            )}
        </p>
        <p class="notice" data-testid="cap-weight-note">
            {if any_cap {
                "Market-cap weighted indices use one market snapshot; members without a known market cap are left out of them.".to_owned()
            } else {
                "Equal-weight indices only: the bundled price history holds no market caps, so no market-cap weighted index can be computed.".to_owned()
            }}
        </p>
        <section class="card" data-testid="narratives-chart">
            <h2>"ROI by narrative (equal weight)"</h2>
            <label>
                "Show "
                <select
                    name="basis"
                    on:change=move |ev| basis.set(Basis::from_value(&event_target_value(&ev)))
                >
                    {Basis::ALL
                        .into_iter()
                        .map(|b| view! { <option value=b.value()>{b.label()}</option> })
                        .collect_view()}
                </select>
            </label>
            {chart}
        </section>
        <section class="card">
            <h2>"Ranking"</h2>
            <p class="muted">
                "Ranked by the sum of each index's rank on 30-day ROI (trend) and on 7-day ROI (momentum). Against a benchmark: (1 + ROI) / (1 + benchmark ROI) − 1."
            </p>
            <div class="table-scroll" role="region" aria-label="Narrative ranking" tabindex="0">
                {ranking_table(&themes, any_cap, "narratives-table")}
            </div>
        </section>
        <section class="card" data-testid="narrative-members">
            <h2>"Members and weights"</h2>
            {themes.iter().map(members_details).collect_view()}
        </section>
        <section class="card" data-testid="stablecoins">
            <h2>"Stablecoins (not ranked)"</h2>
            <p class="muted">"Pegged assets, listed apart: their index only shows how well the pegs held."</p>
            <div class="table-scroll" role="region" aria-label="Stablecoin index" tabindex="0">
                {ranking_table(&stable, any_cap, "stablecoins-table")}
            </div>
            {stable.iter().map(members_details).collect_view()}
        </section>
        {rotation_section(&v)}
    }
}

fn perf_cells(p: &Performance) -> impl IntoView + use<> {
    [
        p.roi_7d,
        p.roi_30d,
        p.vs_btc_7d,
        p.vs_btc_30d,
        p.vs_eth_7d,
        p.vs_eth_30d,
        p.vs_sol_7d,
        p.vs_sol_30d,
    ]
    .into_iter()
    .map(|x| view! { <td class=change_cell(x)>{change_pct(x)}</td> })
    .collect_view()
}

fn ranking_table(
    reports: &[NarrativeReport],
    any_cap: bool,
    testid: &'static str,
) -> impl IntoView + use<> {
    let rows = reports
        .iter()
        .map(|r| {
            let cap = r.market_cap_weight.as_ref().map(|p| {
                view! {
                    <tr class="cap-row">
                        <td></td>
                        <th scope="row">{format!("{} (market-cap weight)", r.name)}</th>
                        <td class="num">{r.members_with_market_cap}</td>
                        {perf_cells(p)}
                        <td></td>
                        <td></td>
                    </tr>
                }
            });
            view! {
                <tr data-narrative=r.narrative.id()>
                    <td class="num">{r.rank.map(|k| k.to_string()).unwrap_or("—".into())}</td>
                    <th scope="row">{r.name.clone()}</th>
                    <td class="num">{r.members.len()}</td>
                    {perf_cells(&r.equal_weight)}
                    <td class="num">{share(r.bullish_share)}</td>
                    <td class="num">
                        {r.mean_trader_grade.map(|g| format!("{g:.0}")).unwrap_or("—".into())}
                    </td>
                </tr>
                {any_cap.then_some(cap)}
            }
        })
        .collect_view();
    view! {
        <table class="market-table compact" data-testid=testid>
            <thead>
                <tr>
                    <th scope="col">"Rank"</th>
                    <th scope="col">"Narrative"</th>
                    <th scope="col">"Members"</th>
                    <th scope="col">"7 d"</th>
                    <th scope="col">"30 d"</th>
                    <th scope="col">"vs BTC 7 d"</th>
                    <th scope="col">"vs BTC 30 d"</th>
                    <th scope="col">"vs ETH 7 d"</th>
                    <th scope="col">"vs ETH 30 d"</th>
                    <th scope="col">"vs SOL 7 d"</th>
                    <th scope="col">"vs SOL 30 d"</th>
                    <th scope="col">"Bullish"</th>
                    <th scope="col">"Mean Trader Grade"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

fn members_details(r: &NarrativeReport) -> impl IntoView + use<> {
    let n = r.members.len();
    let weight = if n == 0 { 0.0 } else { 100.0 / n as f64 };
    let members = r
        .members
        .iter()
        .map(|m| {
            let href = format!("/token/{m}");
            let name = m.clone();
            view! {
                <li>
                    <A href=crate::href(&href)>{name}</A>
                    <span class="muted">{format!(" {weight:.1}%")}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <details data-narrative=r.narrative.id()>
            <summary>
                {format!(
                    "{}: {n} members, equal weight {weight:.1}% each; {} with a market cap",
                    r.name,
                    r.members_with_market_cap,
                )}
            </summary>
            <p class="muted">
                {format!("CoinGecko categories: {}. ", r.coingecko_categories.join(", "))}
                "Each day the weights are renormalised over the members that traded on both days."
            </p>
            <ul class="members">{members}</ul>
        </details>
    }
}

fn name_of(n: Narrative) -> &'static str {
    n.name()
}

fn rotation_section(v: &NarrativesView) -> impl IntoView + use<> {
    let r = &v.rotation;
    let Some(last) = r.days.last() else {
        return view! {
            <section class="card" data-testid="rotation">
                <h2>"Rotation"</h2>
                <p class="muted">"The history is too short to rank two narratives on 30-day ROI."</p>
            </section>
        }
        .into_any();
    };
    let leaders = if last.leaders.is_empty() {
        "none: no narrative has both a positive 30-day and 7-day ROI, so the rule waits in cash"
            .to_owned()
    } else {
        last.leaders
            .iter()
            .map(|n| name_of(*n))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let holdings = if last.holdings.is_empty() {
        view! { <p class="muted" data-testid="rotation-holdings">"Hold nothing (cash)."</p> }
            .into_any()
    } else {
        let items = last
            .holdings
            .iter()
            .map(|s| {
                let href = format!("/token/{s}");
                let name = s.clone();
                view! { <li><A href=crate::href(&href)>{name}</A></li> }
            })
            .collect_view();
        view! { <ul class="members" data-testid="rotation-holdings">{items}</ul> }.into_any()
    };
    // Rankings happen every REBALANCE_DAYS rows from the first day.
    let ranked_on = r
        .days
        .get((r.days.len() - 1) / REBALANCE_DAYS * REBALANCE_DAYS)
        .map(|d| d.date.clone())
        .unwrap_or_default();
    let dates: Vec<String> = r.days.iter().map(|d| d.date.clone()).collect();
    let lines = vec![
        Line {
            label: "Narrative rotation".into(),
            class: "line-strategy",
            values: r.days.iter().map(|d| Some(d.equity)).collect(),
        },
        Line {
            label: "Holding BTC".into(),
            class: "line-benchmark",
            values: v.btc_equity.clone(),
        },
    ];
    let trades = r
        .trades
        .iter()
        .rev()
        .map(|t| {
            view! {
                <tr>
                    <td>{t.symbol.clone()}</td>
                    <td>{name_of(t.narrative)}</td>
                    <td>{t.entry_date.clone()}</td>
                    <td>{t.exit_date.clone().unwrap_or("held".into())}</td>
                    <td>
                        {t.exit_reason.map(|e| format!("{e:?}").to_lowercase()).unwrap_or_default()}
                    </td>
                    <td class=change_cell(Some(t.price_return))>{change_pct(Some(t.price_return))}</td>
                </tr>
            }
        })
        .collect_view();
    let start = r.start.clone().unwrap_or_default();
    view! {
        <section class="card" data-testid="rotation">
            <h2>"Rotation suggestion"</h2>
            <p>
                {format!("Leading narratives at the last ranking ({ranked_on}): ")}
                <strong data-testid="rotation-leaders">{leaders}</strong>
            </p>
            <p>{format!("Tokens to hold after the close of {} (equal parts):", last.date)}</p>
            {holdings}
            <p class="muted">
                "Every 7 days: the two best-ranked narratives whose 30- and 7-day ROI are both positive; in each, the 3 bullish members with the highest Trader Grade. A holding is sold when its signal stops being bullish or its narrative's 7-day ROI turns negative; 15 bps a side."
            </p>
        </section>
        <section class="card" data-testid="rotation-backtest">
            <h2>"Backtest of the rotation"</h2>
            <p data-testid="rotation-summary">
                {format!(
                    "{start} → {}: rotation {} (max drawdown {}); holding BTC {} (max drawdown {}); {} holdings.",
                    last.date,
                    change_pct(r.total_return),
                    change_pct(r.max_drawdown),
                    change_pct(r.btc_return),
                    change_pct(v.btc_max_drawdown),
                    r.trades.len(),
                )}
            </p>
            <LineChart
                title=format!("Equity of the rotation and of holding BTC from {start} to {}", last.date)
                dates
                lines
                height=240.0
                axis=AxisFormat::Multiple
                testid="rotation-equity"
            />
            <p class="muted">
                "The universe is the pairs listed when the data was recorded, so tokens delisted before then are missing: read this as a description of the rule, not as an expected return."
            </p>
            <details>
                <summary>{format!("Every holding ({})", r.trades.len())}</summary>
                <div class="table-scroll" role="region" aria-label="Rotation holdings" tabindex="0">
                    <table class="data-table">
                        <thead>
                            <tr>
                                <th scope="col">"Token"</th>
                                <th scope="col">"Narrative"</th>
                                <th scope="col">"Entry"</th>
                                <th scope="col">"Exit"</th>
                                <th scope="col">"Why"</th>
                                <th scope="col">"Return"</th>
                            </tr>
                        </thead>
                        <tbody>{trades}</tbody>
                    </table>
                </div>
            </details>
        </section>
    }
    .into_any()
}

//! The market overview's summary: total market cap and its 24 h change
//! (of the list's date only),
//! Bull-vs-Bear breadth (a gauge and its history), the shares of tokens
//! bullish, graded 80 or more and above their 50-day average, top movers,
//! and a heatmap of the narratives' 7- and 30-day returns.
//!
//! Breadth and narratives are those of the bundled daily history
//! ([`MarketOverview`], stablecoins left out, BTC the benchmark), computed
//! when the history is bundled by the same library functions as the CLI's
//! `breadth` and `narratives`: the page shows them without downloading the
//! history.

use leptos::prelude::*;
use tokenlens_core::format::{change_pct, compact_usd};
use tokenlens_core::universe::breadth::BreadthPoint;
use tokenlens_core::universe::narratives::{Narrative, NarrativeReport};
use tokenlens_feeds::coingecko::global::GlobalMarket;
use tokenlens_feeds::{MarketOverview, TokenMarket};

use crate::components::charts::{Line, LineChart, Rule, Scale};

fn share(v: Option<f64>) -> String {
    v.map_or("—".into(), |v| format!("{:.0}%", 100.0 * v))
}

/// The semicircle gauge of the bullish share: bearish on the left, bullish
/// on the right, the needle at the share.
fn gauge(bullish: f64) -> impl IntoView + use<> {
    let angle = std::f64::consts::PI * (1.0 - bullish.clamp(0.0, 1.0));
    let (cx, cy) = (100.0, 100.0);
    let (nx, ny) = (cx + 70.0 * angle.cos(), cy - 70.0 * angle.sin());
    let label = format!(
        "Bull-vs-Bear: {:.0}% of tokens bullish, {:.0}% not",
        100.0 * bullish,
        100.0 * (1.0 - bullish)
    );
    view! {
        <svg class="gauge" viewBox="0 0 200 120" role="img" aria-label=label>
            <path class="gauge-bear" d="M 20 100 A 80 80 0 0 1 100 20" fill="none" stroke-width="16"></path>
            <path class="gauge-bull" d="M 100 20 A 80 80 0 0 1 180 100" fill="none" stroke-width="16"></path>
            <line class="needle" x1=cx y1=cy x2=nx y2=ny stroke-width="3"></line>
            <circle class="needle" cx=cx cy=cy r="5"></circle>
            <text x="100" y="86" text-anchor="middle" class="gauge-value">{format!("{:.0}%", 100.0 * bullish)}</text>
            <text x="20" y="116" text-anchor="middle">"bear"</text>
            <text x="180" y="116" text-anchor="middle">"bull"</text>
        </svg>
    }
}

/// The breadth section: gauge, shares and history.
#[component]
pub fn BreadthOverview(overview: MarketOverview) -> impl IntoView {
    let last = overview
        .breadth
        .iter()
        .rev()
        .find(|p| p.eligible > 0)
        .cloned();
    let Some(last) = last else {
        return view! { <p class="notice">"No token has enough history for breadth."</p> }
            .into_any();
    };
    let counted: Vec<&BreadthPoint> = overview.breadth.iter().filter(|p| p.eligible > 0).collect();
    let dates: Vec<String> = counted.iter().map(|p| p.date.clone()).collect();
    let bull: Vec<Option<f64>> = counted
        .iter()
        .map(|p| p.bullish_share.map(|v| 100.0 * v))
        .collect();
    let above: Vec<Option<f64>> = counted
        .iter()
        .map(|p| p.above_sma50_share.map(|v| 100.0 * v))
        .collect();
    view! {
        <section class="card breadth" data-testid="breadth" aria-labelledby="breadth-heading">
            <h2 id="breadth-heading">"Bull vs Bear"</h2>
            <div class="breadth-now">
                {gauge(last.bullish_share.unwrap_or(0.0))}
                <dl class="shares">
                    <dt>"Bullish"</dt>
                    <dd data-testid="share-bullish">{share(last.bullish_share)}</dd>
                    <dt>"Trader Grade ≥ 80"</dt>
                    <dd data-testid="share-strong">{share(last.strong_share)}</dd>
                    <dt>"Above 50-day average"</dt>
                    <dd data-testid="share-above">{share(last.above_sma50_share)}</dd>
                    <dt>"Tokens counted"</dt>
                    <dd>{format!("{} on {}", last.eligible, last.date)}</dd>
                </dl>
            </div>
            <LineChart
                title="Share of tokens bullish and above their 50-day average".into()
                dates
                lines=vec![
                    Line { values: bull, class: "line-strategy", label: "bullish %".into() },
                    Line { values: above, class: "line-hold", label: "above SMA(50) %".into() },
                ]
                rules=vec![Rule { value: 50.0, class: "rule zero", label: "50%".into() }]
                height=160.0
                scale=Scale::Fixed(0.0, 100.0)
                testid="breadth-chart"
            />
        </section>
    }
    .into_any()
}

/// Colour class of a return: five steps each way.
fn heat(roi: Option<f64>) -> &'static str {
    match roi {
        None => "heat heat-none",
        Some(r) if r >= 0.20 => "heat heat-up3",
        Some(r) if r >= 0.05 => "heat heat-up2",
        Some(r) if r >= 0.0 => "heat heat-up1",
        Some(r) if r > -0.05 => "heat heat-down1",
        Some(r) if r > -0.20 => "heat heat-down2",
        Some(_) => "heat heat-down3",
    }
}

/// The narratives' equal-weight 7- and 30-day returns as a heatmap.
#[component]
pub fn NarrativeHeatmap(reports: Vec<NarrativeReport>) -> impl IntoView {
    view! {
        <section class="card" data-testid="narrative-heatmap" aria-labelledby="heat-heading">
            <h2 id="heat-heading">"Narratives"</h2>
            <div class="table-scroll" role="region" aria-label="Narrative heatmap, scrolls sideways" tabindex="0">
            <table class="heatmap">
                <thead>
                    <tr>
                        <th scope="col">"Narrative"</th>
                        <th scope="col">"7 d"</th>
                        <th scope="col">"30 d"</th>
                        <th scope="col">"Members"</th>
                    </tr>
                </thead>
                <tbody>
                    {reports
                        .into_iter()
                        .filter(|r| r.narrative != Narrative::Stablecoin)
                        .map(|r| {
                            let (w, m) = (r.equal_weight.roi_7d, r.equal_weight.roi_30d);
                            view! {
                                <tr data-narrative=r.narrative.id()>
                                    <th scope="row">{r.narrative.name()}</th>
                                    <td class=heat(w)>{change_pct(w)}</td>
                                    <td class=heat(m)>{change_pct(m)}</td>
                                    <td class="num">{r.members.len()}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}

/// The total market cap above the list, of the list's date only.
#[derive(Debug, Clone, PartialEq)]
pub enum Totals {
    /// All coins, from CoinGecko `/global`.
    Global { total: f64, change: Option<f64> },
    /// The sum over the coins of a live list (no `/global`).
    Listed {
        total: Option<f64>,
        change: Option<f64>,
        count: usize,
    },
    /// No market total for the date shown, and why.
    Unavailable(String),
}

impl Totals {
    /// From CoinGecko `/global` when it answered, else the sum over the
    /// listed coins (each cap back 24 h from its own change).
    pub fn of_live(global: Option<&GlobalMarket>, tokens: &[TokenMarket]) -> Self {
        if let Some((total, g)) = global.and_then(|g| g.total_market_cap_usd.map(|t| (t, g))) {
            return Totals::Global {
                total,
                change: g.market_cap_change_24h_pct,
            };
        }
        let caps: Vec<(f64, Option<f64>)> = tokens
            .iter()
            .filter_map(|t| Some((t.market_cap?, t.change_24h_pct)))
            .collect();
        let total: f64 = caps.iter().map(|c| c.0).sum();
        let before: Option<f64> = caps
            .iter()
            .map(|(c, p)| Some(c / (1.0 + (*p)? / 100.0)))
            .sum();
        let change = before
            .filter(|b| *b > 0.0)
            .map(|b| 100.0 * (total / b - 1.0));
        Totals::Listed {
            total: (total > 0.0).then_some(total),
            change,
            count: caps.len(),
        }
    }
}

/// The 24 h changes of a live list, as (symbol, percent).
pub fn live_movers(tokens: &[TokenMarket]) -> Vec<(String, f64)> {
    tokens
        .iter()
        .filter_map(|t| Some((t.symbol.clone(), t.change_24h_pct?)))
        .collect()
}

/// Total market cap and its 24 h change, and the top movers: five gainers
/// and five losers of `movers` (symbol, 24 h change in percent), whose
/// period `movers_period` names ("24 h", "24 h to 2025-06-12").
#[component]
pub fn MarketTotals(
    totals: Totals,
    movers: Vec<(String, f64)>,
    movers_period: String,
) -> impl IntoView {
    let (total, change, basis) = match &totals {
        Totals::Global { total, change } => (
            Some(*total),
            *change,
            "all coins (CoinGecko /global)".to_owned(),
        ),
        Totals::Listed {
            total,
            change,
            count,
        } => (*total, *change, format!("sum of the {count} coins listed")),
        Totals::Unavailable(why) => (None, None, why.clone()),
    };
    let change_class = match change {
        Some(c) if c < 0.0 => "down",
        Some(_) => "up",
        None => "muted",
    };
    let mut movers: Vec<(String, f64)> = movers.into_iter().filter(|m| m.1.is_finite()).collect();
    movers.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let row = |(symbol, c): &(String, f64)| {
        let direction = if *c >= 0.0 { "up" } else { "down" };
        let href = crate::href(&format!("/token/{symbol}"));
        view! {
            <li>
                <a class="symbol" href=href>{symbol.clone()}</a>
                " "
                <span class=direction>{format!("{c:+.1}%")}</span>
            </li>
        }
    };
    let gainers = movers.iter().take(5).map(row).collect_view();
    let losers = movers.iter().rev().take(5).map(row).collect_view();
    let total_text = match (&totals, total) {
        (Totals::Unavailable(_), _) => "needs live data".to_owned(),
        (_, t) => t.map_or("—".into(), compact_usd),
    };
    view! {
        <section class="card totals" data-testid="market-totals">
            <p>
                <span class="label">"Total market cap "</span>
                <strong data-testid="total-market-cap">{total_text}</strong>
                " "
                <span class=change_class data-testid="total-change">
                    {change.map_or(String::new(), |c| format!("{c:+.2}% 24 h"))}
                </span>
                <span class="muted">{format!(" · {basis}")}</span>
            </p>
            <div class="movers">
                <div>
                    <h3>{format!("Top gainers ({movers_period})")}</h3>
                    <ol data-testid="gainers">{gainers}</ol>
                </div>
                <div>
                    <h3>{format!("Top losers ({movers_period})")}</h3>
                    <ol data-testid="losers">{losers}</ol>
                </div>
            </div>
        </section>
    }
}

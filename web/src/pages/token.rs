//! `/token/:symbol`: everything about one token of the bundled universe —
//! grades with their parts, signal and flips, every rating vote, levels,
//! metrics, the backtest against buy-and-hold, and the summary.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use tokenlens_core::analysis::analyze::{Analysis, AnalyzeOptions, analyze};
use tokenlens_core::analysis::grades::Grade;
use tokenlens_core::analysis::signal::SignalState;
use tokenlens_core::format::price_usd;
use tokenlens_feeds::History;

use crate::api::load_history;
use crate::components::data_source::{DataSource, Provenance};
use crate::components::watch_button::WatchButton;

/// The analysis of `symbol` ("BTC") from the bundled daily history, with
/// BTC as the benchmark.
pub fn analyze_symbol(history: &History, symbol: &str) -> Result<Analysis, String> {
    let pair = format!("{symbol}USDT");
    let series = history
        .daily
        .series(&pair)
        .ok_or_else(|| format!("{symbol} is not in the bundled universe"))?;
    let benchmark = history.daily.series("BTCUSDT");
    let options = AnalyzeOptions {
        symbol: Some(symbol.to_owned()),
        benchmark: benchmark.as_ref().filter(|_| symbol != "BTC"),
        ..AnalyzeOptions::default()
    };
    analyze(&series, &options).map_err(|e| e.to_string())
}

fn pct(v: f64) -> String {
    format!("{:+.1}%", v * 100.0)
}

fn state_name(s: SignalState) -> &'static str {
    match s {
        SignalState::Bullish => "bullish",
        SignalState::Bearish => "bearish",
        SignalState::Neutral => "neutral",
        SignalState::Unknown => "unknown",
    }
}

/// `/token/:symbol`.
#[component]
pub fn TokenPage() -> impl IntoView {
    let params = use_params_map();
    let symbol = move || params.with(|p| p.get("symbol").unwrap_or_default().to_ascii_uppercase());
    let data = LocalResource::new(move || {
        let symbol = symbol();
        async move {
            let history = load_history().await.map_err(|e| e.to_string())?;
            let analysis = analyze_symbol(&history, &symbol)?;
            Ok::<_, String>((analysis, history.as_of.clone(), history.sources.join("; ")))
        }
    });
    view! {
        <h1>{symbol}</h1>
        <Transition fallback=|| view! { <p class="status" role="status">"Analysing…"</p> }>
            {move || {
                data.get()
                    .map(|result| match result {
                        Ok((analysis, as_of, source)) => {
                            let provenance = Provenance::Snapshot { as_of, source, reason: None };
                            view! {
                                <DataSource provenance />
                                <p class="watch-line">
                                    <WatchButton symbol=symbol() />
                                    " Watchlist"
                                </p>
                                {analysis_view(analysis)}
                            }
                                .into_any()
                        }
                        Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                    })
            }}
        </Transition>
    }
}

fn analysis_view(a: Analysis) -> impl IntoView {
    let unavailable = a.unavailable.clone();
    view! {
        <p class="summary" data-testid="summary">{a.summary.text.clone()}</p>
        <div class="grid">
            {grade_card("Trader Grade", "trader-grade", a.trader_grade)}
            {grade_card("Investor Grade", "investor-grade", a.investor_grade)}
        </div>
        {a.signal.map(|s| {
            let state = state_name(s.state);
            view! {
                <section class="card" data-testid="signal">
                    <h2>"Signal"</h2>
                    <p>
                        <span class=format!("signal signal-{state}")>{state}</span>
                        {format!(" since {} · strength {:.2}", s.since, s.strength)}
                    </p>
                    <ul>{s.reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                </section>
            }
        })}
        <section class="card">
            <h2>"Flips"</h2>
            <table class="data-table" data-testid="flips">
                <thead><tr><th scope="col">"Date"</th><th scope="col">"Price"</th><th scope="col">"From"</th><th scope="col">"To"</th></tr></thead>
                <tbody>
                    {a.flips.into_iter().map(|f| view! {
                        <tr>
                            <td>{f.date}</td>
                            <td class="num">{price_usd(f.price)}</td>
                            <td>{state_name(f.from)}</td>
                            <td>{state_name(f.state)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
        {a.backtest.map(|b| view! {
            <section class="card" data-testid="backtest">
                <h2>"Backtest of the signal"</h2>
                <p>{format!(
                    "{} → {}: strategy {} (max drawdown {}), buy-and-hold {} (max drawdown {}); {} closed trades{}",
                    b.start_date, b.end_date, pct(b.total_return), pct(b.max_drawdown),
                    pct(b.buy_hold_return), pct(b.buy_hold_max_drawdown), b.closed_trades,
                    b.win_rate.map(|w| format!(", {:.0}% won", w * 100.0)).unwrap_or_default(),
                )}</p>
                <table class="data-table">
                    <thead><tr><th scope="col">"Entry"</th><th scope="col">"Exit"</th><th scope="col">"Return"</th><th scope="col">"Worst"</th></tr></thead>
                    <tbody>
                        {b.trades.into_iter().map(|t| view! {
                            <tr>
                                <td>{format!("{} at {}", t.entry_date, price_usd(t.entry_price))}</td>
                                <td>{if t.open { "open".to_owned() } else { format!("{} at {}", t.exit_date, price_usd(t.exit_price)) }}</td>
                                <td class="num">{pct(t.r#return)}</td>
                                <td class="num">{pct(t.worst_excursion)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </section>
        })}
        {a.rating.map(|r| view! {
            <section class="card" data-testid="rating">
                <h2>{format!("Technical rating: {} ({:+.2})", r.label, r.score)}</h2>
                <table class="data-table">
                    <thead><tr><th scope="col">"Indicator"</th><th scope="col">"Vote"</th><th scope="col">"Why"</th></tr></thead>
                    <tbody>
                        {r.votes.into_iter().map(|v| view! {
                            <tr>
                                <td>{v.indicator}</td>
                                <td>{format!("{:?}", v.action)}</td>
                                <td>{v.reason}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
                {(!r.unavailable.is_empty()).then(|| view! {
                    <p class="muted">{format!("Not voting: {}", r.unavailable.iter().map(|u| u.indicator.clone()).collect::<Vec<_>>().join(", "))}</p>
                })}
            </section>
        })}
        {(!unavailable.is_empty()).then(|| view! {
            <section class="card">
                <h2>"Not available for this data"</h2>
                <ul>{unavailable.into_iter().map(|u| view! { <li>{format!("{}: {}", u.part, u.reason)}</li> }).collect_view()}</ul>
            </section>
        })}
    }
}

fn grade_card(title: &'static str, testid: &'static str, grade: Option<Grade>) -> impl IntoView {
    match grade {
        None => view! {
            <section class="card" data-testid=testid>
                <h2>{title}</h2>
                <p class="muted">"Not available for this data"</p>
            </section>
        }
        .into_any(),
        Some(g) => {
            let change = format!(
                "24 h {} · 7 d {} · confidence {:.0}%",
                g.change_24h
                    .map(|c| format!("{c:+.1}"))
                    .unwrap_or("—".into()),
                g.change_7d
                    .map(|c| format!("{c:+.1}"))
                    .unwrap_or("—".into()),
                g.confidence * 100.0,
            );
            view! {
                <section class="card" data-testid=testid>
                    <h2>{format!("{title}: {:.0}", g.total)}</h2>
                    <p class="muted">{change}</p>
                    <table class="data-table">
                        <thead><tr><th scope="col">"Part"</th><th scope="col">"Score"</th><th scope="col">"Weight"</th><th scope="col">"Why"</th></tr></thead>
                        <tbody>
                            {g.components.into_iter().map(|c| view! {
                                <tr>
                                    <td>{c.name}</td>
                                    <td class="num">{format!("{:.0}", c.value)}</td>
                                    <td class="num">{format!("{:.0}%", c.weight * 100.0)}</td>
                                    <td>{c.explanation}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            }
            .into_any()
        }
    }
}

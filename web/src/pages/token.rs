//! `/token/:symbol`: everything about one token — grades with their parts,
//! signal and flips, every rating vote, levels, metrics, the backtest
//! against buy-and-hold, and the summary — from its live daily candles
//! (Binance, else Coinbase; BTC's the benchmark) when they can be had, else
//! from its part of the bundled history, which shows first.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use tokenlens_core::analysis::analyze::{Analysis, AnalyzeOptions, analyze};
use tokenlens_core::analysis::grades::Grade;
use tokenlens_core::analysis::signal::SignalState;
use tokenlens_core::format::price_usd;
use tokenlens_core::universe::table::{BENCHMARK_SYMBOL, symbol_pair};
use tokenlens_feeds::History;

use tokenlens_core::analysis::PriceSeries;
use tokenlens_core::analysis::backtest::{BacktestConfig, backtest};
use tokenlens_core::analysis::levels::LevelKind;
use tokenlens_core::indicators::momentum::rsi::rsi;
use tokenlens_core::indicators::trend::macd::{MacdConfig, macd};

use tokenlens_feeds::client::feed::{Feed, Source};
use tokenlens_feeds::client::http::Transport;
use tokenlens_feeds::client::sources;
use tokenlens_feeds::closed_daily_series;

use crate::api::{LoadError, load_names, load_token_history};
use crate::components::charts::{Line, LineChart, Marker, Ohlc, Rule, Scale};
use crate::components::data_source::{DataSource, Provenance, all_failed};
use crate::components::live_notice::{LiveNotice, LivePending, Restart, watch_unreachable};
use crate::components::watch_button::WatchButton;
use crate::live::CACHE_DB;
use crate::state::{every_minutes, use_app_state};

/// The analysis of `symbol` ("BTC") from the bundled daily history, with
/// BTC as the benchmark.
pub fn analyze_symbol(history: &History, symbol: &str) -> Result<Analysis, String> {
    let pair = symbol_pair(symbol);
    let series = history
        .daily
        .series(&pair)
        .ok_or_else(|| format!("{symbol} is not in the bundled universe"))?;
    let benchmark = history.daily.series(&symbol_pair(BENCHMARK_SYMBOL));
    let options = AnalyzeOptions {
        symbol: Some(symbol.to_owned()),
        benchmark: benchmark.as_ref().filter(|_| symbol != BENCHMARK_SYMBOL),
        ..AnalyzeOptions::default()
    };
    analyze(&series, &options).map_err(|e| e.to_string())
}

fn pct(v: f64) -> String {
    format!("{:+.1}%", v * 100.0)
}

/// Daily candles asked for: the length of the bundled history.
const LIVE_DAYS: u32 = 400;

/// Which data the page shows, as a key that changes only when the data on
/// screen does (the number of the load that brought it).
#[derive(Debug, Clone, PartialEq)]
enum Showing {
    Nothing,
    Bundled(u32),
    Live(u32),
    /// The symbol is not in the bundled universe, in words.
    Missing(String),
}

/// What the page shows: the analysis, the series it rests on, and where
/// the data came from.
#[derive(Debug, Clone)]
struct TokenData {
    analysis: Analysis,
    series: Option<PriceSeries>,
    provenance: Provenance,
}

/// `symbol` from the bundled history.
async fn bundled(symbol: String) -> Result<TokenData, String> {
    let history = load_token_history(&symbol).await.map_err(|e| match e {
        LoadError::Status(404) => format!("{symbol} is not in the bundled universe"),
        e => e.to_string(),
    })?;
    let analysis = analyze_symbol(&history, &symbol)?;
    Ok(TokenData {
        analysis,
        series: history.daily.series(&symbol_pair(&symbol)),
        provenance: Provenance::Snapshot {
            as_of: history.as_of.clone(),
            source: history.sources.join("; "),
            reason: None,
        },
    })
}

/// `symbol` from its live daily candles (closed days only), with BTC's as
/// the benchmark when they can be had.
async fn live(
    transport: Transport,
    symbol: String,
    cancel: Option<web_sys::AbortSignal>,
) -> Result<TokenData, String> {
    let feed = Feed::open(transport, CACHE_DB).await;
    let candles = async |asset: &str| {
        let chain = sources::daily_candles(asset, LIVE_DAYS).map_err(|e| e.to_string())?;
        let links: Vec<Source<'_, _>> = chain
            .iter()
            .map(|(endpoint, parse)| Source::new(endpoint.clone(), parse))
            .collect();
        feed.load_first(&links, cancel.as_ref())
            .await
            .map_err(|errors| all_failed(&errors))
    };
    let loaded = candles(&symbol).await?;
    let now = js_sys::Date::now();
    let series = closed_daily_series(&loaded.value.0, now)
        .map_err(|e| format!("{}'s daily candles cannot be used: {e}", loaded.provider))?;
    let benchmark = match symbol.as_str() {
        BENCHMARK_SYMBOL => None,
        _ => candles(BENCHMARK_SYMBOL)
            .await
            .ok()
            .and_then(|btc| closed_daily_series(&btc.value.0, now).ok()),
    };
    let options = AnalyzeOptions {
        symbol: Some(symbol.clone()),
        benchmark: benchmark.as_ref(),
        ..AnalyzeOptions::default()
    };
    let analysis = analyze(&series, &options).map_err(|e| {
        format!(
            "{symbol} cannot be analysed on {}'s candles: {e}",
            loaded.provider
        )
    })?;
    if analysis.trader_grade.is_none() {
        return Err(format!(
            "{} answered {} closed days of {symbol}, too few to grade",
            loaded.provider,
            series.len()
        ));
    }
    Ok(TokenData {
        analysis,
        series: Some(series),
        provenance: Provenance::of_loaded(&loaded),
    })
}

/// `/token/:symbol`.
#[component]
pub fn TokenPage() -> impl IntoView {
    let state = use_app_state();
    let params = use_params_map();
    let symbol = move || params.with(|p| p.get("symbol").unwrap_or_default().to_ascii_uppercase());
    // A retry replaces the load running; leaving the page cancels the
    // requests and their retries.
    let restart = Restart::new();
    // Each load is numbered, so that the page redraws when a load brings
    // data, and only then.
    let loads = StoredValue::new(0u32);
    let next_load = move || {
        loads.update_value(|n| *n += 1);
        loads.get_value()
    };
    let bundled = LocalResource::new(move || {
        let (id, symbol) = (next_load(), symbol());
        async move { (id, bundled(symbol).await) }
    });
    let live = LocalResource::new(move || {
        let id = next_load();
        let load = live(state.transport.get_value(), symbol(), restart.next());
        async move { (id, load.await) }
    });
    let retry = Callback::new(move |()| live.refetch());
    // Whether the live candles came or failed for good.
    // Read outside the page's transition, so waiting for them never holds
    // back the bundled analysis.
    let live_now = RwSignal::new_local(None::<Result<TokenData, String>>);
    let live_load = RwSignal::new(0u32);
    Effect::new(move |_| match live.get() {
        Some((id, result)) => {
            live_load.set(id);
            live_now.set(Some(result));
        }
        None => live_now.set(None),
    });
    let settled = RwSignal::new(false);
    Effect::new(move |_| settled.set(live_now.with(Option::is_some)));
    // Offline, the bundled history stays and one notice says so as soon as
    // the network is seen to be out of reach; the transport keeps trying.
    let unreachable = RwSignal::new(false);
    let settings = state.settings.get_untracked();
    if settings.live() {
        watch_unreachable(unreachable, move || settled.try_get_untracked().map(|s| !s));
        // Failed live candles are asked for again at the refresh interval.
        every_minutes(settings.refresh_minutes, move || {
            let Some(failed) = live_now.try_with_untracked(|l| matches!(l, Some(Err(_)))) else {
                return false;
            };
            if failed {
                live.refetch();
            }
            true
        });
    }
    let live_failure = move || match live_now.get() {
        Some(Err(e)) => Some(Some(e)),
        Some(Ok(_)) => None,
        None => unreachable.get().then_some(None),
    };
    let notice = move || {
        // The notice's place is held while the live candles are asked for,
        // so that it takes that place when they fail, moving nothing.
        if settings.live() && live_failure().is_none() && !settled.get() {
            return Some(view! { <LivePending what="live candles" /> }.into_any());
        }
        let reason = live_failure()?;
        let reason = Signal::derive(move || reason.clone());
        // A symbol outside the bundled universe has no bundled data to show.
        let has_bundled = bundled.with(|b| b.as_ref().is_some_and(|(_, b)| b.is_ok()));
        Some(
            view! {
                <LiveNotice
                    what="live candles"
                    reason
                    bundled=has_bundled
                    retry_label="Retry the live candles"
                    on_retry=retry
                />
            }
            .into_any(),
        )
    };
    // The header's "now": the live candles' time while they are shown.
    let now = state.now;
    now.live_while_mounted();
    Effect::new(move |_| {
        live_now.with(|l| {
            now.show_live(match l {
                Some(Ok(TokenData {
                    provenance:
                        Provenance::Live {
                            fetched_at_ms,
                            provider,
                            ..
                        },
                    ..
                })) => Some((*fetched_at_ms, provider.as_str())),
                _ => None,
            });
        });
    });
    // Live data replaces the bundled analysis when it arrives; until then,
    // or when it cannot be had, the bundled one shows (a failure is the
    // notice's, at the top of the page). What is shown is a key that changes
    // only when the data on screen does (a new symbol, live data, a retry
    // that brings new data): a failed live load redraws nothing.
    let showing = Memo::new(move |_| {
        if live_now.with(|l| matches!(l, Some(Ok(_)))) {
            return Showing::Live(live_load.get());
        }
        let pending = live_failure().is_none();
        bundled.with(|b| match b {
            None => Showing::Nothing,
            Some((id, Ok(_))) => Showing::Bundled(*id),
            // Not in the bundled universe: said at once, while the live
            // candles are asked for.
            Some((_, Err(e))) => Showing::Missing(if pending {
                format!("{e}; asking Binance and Coinbase for its candles…")
            } else {
                e.clone()
            }),
        })
    });
    let shown = move || -> Option<Result<TokenData, String>> {
        match showing.get() {
            Showing::Nothing => None,
            Showing::Live(_) => live_now.get_untracked().filter(Result::is_ok),
            Showing::Bundled(_) => bundled
                .get_untracked()
                .map(|(_, b)| b)
                .filter(Result::is_ok),
            Showing::Missing(e) => Some(Err(e)),
        }
    };
    // The coin's name, from the bundled coin list.
    let names = LocalResource::new(|| async { load_names().await.ok() });
    let header = move || {
        let name = names
            .get()
            .flatten()
            .and_then(|n| n.name(&symbol()).map(str::to_owned));
        let (data, missing) = match shown() {
            None => (None, None),
            Some(Ok(data)) => (Some(data), None),
            Some(Err(e)) => (None, Some(e)),
        };
        token_header(symbol(), name, data, missing)
    };
    view! {
        {header}
        {notice}
        {move || match shown() {
            None => view! { <SkeletonSections /> }.into_any(),
            Some(Ok(TokenData { analysis, series, provenance })) => {
                let charts = series.map(|s| charts_view(&s, &analysis));
                view! {
                    <DataSource provenance />
                    {charts}
                    {analysis_view(analysis)}
                }
                    .into_any()
            }
            // Said in the page's head.
            Some(Err(_)) => ().into_any(),
        }}
    }
}

/// The head of the page: name and symbol, the last price and its change
/// over the last day, both grades, the signal and how long it has held, and
/// the ☆ button; placeholders for the figures until the analysis is in.
fn token_header(
    symbol: String,
    name: Option<String>,
    data: Option<TokenData>,
    missing: Option<String>,
) -> impl IntoView {
    let title = match name {
        Some(name) => {
            view! { {name} " " <span class="token-symbol">{symbol.clone()}</span> }.into_any()
        }
        None => view! { {symbol.clone()} }.into_any(),
    };
    let figures = match data {
        None if missing.is_some() => ().into_any(),
        // The loaded header's lines, with placeholders for the figures: the
        // same height, so nothing below moves when they arrive.
        None => view! {
            <div aria-hidden="true" data-testid="token-header-loading">
                <p class="token-figures loading">
                    <span class="skeleton-bar"></span>
                </p>
                <p class="token-facts muted">
                    <span class="token-fact">"Trader Grade " <strong>"—"</strong></span>
                    <span class="token-fact">"Investor Grade " <strong>"—"</strong></span>
                    <span class="token-fact">"Signal … for … days"</span>
                </p>
            </div>
        }
        .into_any(),
        Some(TokenData {
            analysis: a,
            series,
            ..
        }) => {
            let change = series.as_ref().and_then(|s| {
                let n = s.close.len();
                (n >= 2 && s.close[n - 2] > 0.0).then(|| s.close[n - 1] / s.close[n - 2] - 1.0)
            });
            let grade = |g: &Option<Grade>| {
                g.as_ref()
                    .map_or("—".to_owned(), |g| format!("{:.0}", g.total))
            };
            let signal = a.signal.as_ref().map(|s| {
                let state = s.state.as_str();
                let days = days_between(&s.since, &a.data.last_date);
                let age = match days {
                    Some(0) => "since today".to_owned(),
                    Some(1) => "for 1 day".to_owned(),
                    Some(d) => format!("for {d} days"),
                    None => format!("since {}", s.since),
                };
                view! {
                    <span class="token-fact" data-testid="header-signal">
                        "Signal " <span class=format!("signal signal-{state}")>{state}</span>
                        " " <span class="muted" title=format!("since {}", s.since)>{age}</span>
                    </span>
                }
            });
            view! {
                <p class="token-figures">
                    <span class="token-price" data-testid="header-price">{price_usd(a.data.last_close)}</span>
                    " "
                    <span class=crate::components::signed::change_cell(change) data-testid="header-change">
                        {change.map_or("—".to_owned(), pct)}
                    </span>
                    <span class="muted">" 24 h"</span>
                </p>
                <p class="token-facts">
                    <span class="token-fact" data-testid="header-trader-grade">"Trader Grade " <strong>{grade(&a.trader_grade)}</strong></span>
                    <span class="token-fact" data-testid="header-investor-grade">"Investor Grade " <strong>{grade(&a.investor_grade)}</strong></span>
                    {signal}
                </p>
            }
            .into_any()
        }
    };
    view! {
        <header class="token-header" data-testid="token-header">
            <div class="token-title">
                <h1>{title}</h1>
                <WatchButton symbol=symbol />
            </div>
            {figures}
            {missing.map(|e| view! { <p class="notice" role="status" data-testid="token-missing">{e}</p> })}
        </header>
    }
}

/// Whole days from `from` to `to` (`YYYY-MM-DD`).
fn days_between(from: &str, to: &str) -> Option<i64> {
    let parse = |d: &str| {
        let ms = js_sys::Date::parse(&format!("{d}T00:00:00Z"));
        ms.is_finite().then_some(ms)
    };
    Some(((parse(to)? - parse(from)?) / 86_400_000.0).round() as i64)
}

/// Placeholder cards in the shape of the page while the analysis loads.
#[component]
fn SkeletonSections() -> impl IntoView {
    view! {
        <p class="status" role="status" data-testid="loading-status">"Analysing…"</p>
        <div class="token-skeleton" aria-hidden="true" data-testid="skeleton">
            <div class="card skeleton-card"><span class="skeleton-bar"></span><span class="skeleton-bar"></span></div>
            <div class="grid">
                <div class="card skeleton-card"><span class="skeleton-bar"></span><span class="skeleton-bar"></span></div>
                <div class="card skeleton-card"><span class="skeleton-bar"></span><span class="skeleton-bar"></span></div>
            </div>
        </div>
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
        <crate::evidence::EvidenceLine />
        {a.signal.map(|s| {
            let state = s.state.as_str();
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
            <div class="table-scroll" role="region" aria-label="Flips of the signal" tabindex="0">
            <table class="data-table" data-testid="flips">
                <thead><tr><th scope="col">"Date"</th><th scope="col">"Price"</th><th scope="col">"From"</th><th scope="col">"To"</th></tr></thead>
                <tbody>
                    {a.flips.into_iter().map(|f| view! {
                        <tr>
                            <td>{f.date}</td>
                            <td class="num">{price_usd(f.price)}</td>
                            <td>{f.from.as_str()}</td>
                            <td>
                                {f.state.as_str()}
                                {f.crash.then(|| view! {
                                    <span class="badge" title="A fall far beyond the token's usual moves over 3 days ended the bullish state at once">
                                        " crash"
                                    </span>
                                })}
                            </td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
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
                <div class="table-scroll" role="region" aria-label="Trades of the backtest" tabindex="0">
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
                </div>
            </section>
        })}
        {a.rating.map(|r| view! {
            <section class="card" data-testid="rating">
                <h2>{format!("Technical rating: {} ({:+.2})", r.label, r.score)}</h2>
                <div class="table-scroll" role="region" aria-label="Votes of the technical rating" tabindex="0">
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
                </div>
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
                    <div class="table-scroll" role="region" aria-label=format!("Parts of the {title}") tabindex="0">
                    <table class="data-table">
                        <thead><tr><th scope="col">"Part"</th><th scope="col">"Score"</th><th scope="col">"Weight"</th><th scope="col">"Why"</th></tr></thead>
                        <tbody>
                            {g.components.into_iter().map(|c| view! {
                                <tr>
                                    <td>{tokenlens_core::analysis::grades::component_label(&c.name)}</td>
                                    <td class="num">{format!("{:.0}", c.value)}</td>
                                    <td class="num">{format!("{:.0}%", c.weight * 100.0)}</td>
                                    <td>{c.explanation}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                </section>
            }
            .into_any()
        }
    }
}

/// Levels drawn on the price chart on each side of the last close.
const LEVELS_PER_SIDE: usize = 3;

fn some(values: &[f64]) -> Vec<Option<f64>> {
    values.iter().map(|v| v.is_finite().then_some(*v)).collect()
}

thread_local! {
    /// The range last chosen on a token's charts, kept for the visit: live
    /// candles arriving, or another token, keep the reader's choice.
    static CHART_RANGE: std::cell::Cell<tokenlens_core::chart::Range> =
        const { std::cell::Cell::new(tokenlens_core::chart::Range::All) };
}

/// The price with its signal flips and nearest levels, RSI and MACD panes
/// (one range and one crosshair for the three), and the backtest's equity
/// against buy-and-hold.
fn charts_view(series: &PriceSeries, a: &Analysis) -> impl IntoView + use<> {
    use crate::components::charts::{ChartSync, Key, Readout, value_text};
    use tokenlens_core::analysis::analyze::FlipView;
    use tokenlens_core::chart::AxisFormat;

    let dates: Vec<String> = (0..series.close.len()).map(|i| series.date(i)).collect();
    let flips: Vec<(usize, &FlipView)> = a
        .flips
        .iter()
        .filter_map(|f| Some((dates.iter().position(|d| *d == f.date)?, f)))
        .collect();
    let markers: Vec<Marker> = flips
        .iter()
        .map(|&(index, f)| Marker {
            index,
            value: f.price,
            up: f.state == SignalState::Bullish,
            class: match f.state {
                SignalState::Bullish => "marker up",
                SignalState::Bearish => "marker down",
                _ => "marker flat",
            },
            label: format!(
                "{}: turned {} at {}",
                f.date,
                f.state.as_str(),
                price_usd(f.price)
            ),
        })
        .collect();
    // The signal at each bar: the state the first flip left before it,
    // then the state each flip entered.
    let mut state = flips
        .first()
        .map(|(_, f)| f.from)
        .or(a.signal.as_ref().map(|s| s.state));
    let mut pending = flips.iter().peekable();
    let signal_by_bar: Vec<String> = (0..dates.len())
        .map(|i| {
            while let Some((_, f)) = pending.next_if(|(at, _)| *at <= i) {
                state = Some(f.state);
            }
            state.map(|s| s.as_str().to_owned()).unwrap_or_default()
        })
        .collect();
    // The nearest levels on each side of the last close, nearest first, so
    // that when labels collide the nearest keep theirs.
    let mut rules: Vec<(f64, Rule)> = a
        .levels
        .as_ref()
        .map(|l| {
            let below = l
                .levels
                .iter()
                .rev()
                .filter(|x| x.price < l.last_close)
                .take(LEVELS_PER_SIDE);
            let above = l
                .levels
                .iter()
                .filter(|x| x.price >= l.last_close)
                .take(LEVELS_PER_SIDE);
            below
                .chain(above)
                .map(|x| {
                    let support = x.kind == LevelKind::Support;
                    let rule = Rule {
                        value: x.price,
                        class: if support {
                            "rule support"
                        } else {
                            "rule resistance"
                        },
                        label: format!(
                            "{} {}",
                            if support { "Support" } else { "Resistance" },
                            price_usd(x.price),
                        ),
                    };
                    ((x.price / l.last_close).ln().abs(), rule)
                })
                .collect()
        })
        .unwrap_or_default();
    rules.sort_by(|a, b| a.0.total_cmp(&b.0));
    let rules: Vec<Rule> = rules.into_iter().map(|(_, r)| r).collect();
    let mut keys = Vec::new();
    if markers.iter().any(|m| m.up) {
        keys.push(Key {
            class: "key-flip-up",
            label: "turned bullish".into(),
        });
    }
    if markers.iter().any(|m| m.class == "marker down") {
        keys.push(Key {
            class: "key-flip-down",
            label: "turned bearish".into(),
        });
    }
    if markers.iter().any(|m| m.class == "marker flat") {
        keys.push(Key {
            class: "key-flip-flat",
            label: "turned neutral".into(),
        });
    }
    if rules.iter().any(|r| r.class == "rule support") {
        keys.push(Key {
            class: "key-support",
            label: "support".into(),
        });
    }
    if rules.iter().any(|r| r.class == "rule resistance") {
        keys.push(Key {
            class: "key-resistance",
            label: "resistance".into(),
        });
    }
    // Candles where the series has open, high and low (live exchange
    // candles); the closes as a line otherwise (the bundled history).
    let candles: Vec<Option<Ohlc>> = match (&series.open, &series.high, &series.low) {
        (Some(open), Some(high), Some(low)) => (0..series.close.len())
            .map(|i| {
                Some(Ohlc {
                    open: open[i],
                    high: high[i],
                    low: low[i],
                    close: series.close[i],
                })
            })
            .collect(),
        _ => Vec::new(),
    };
    let lines = if candles.is_empty() {
        vec![Line {
            values: some(&series.close),
            class: "line-price",
            label: "Close".into(),
        }]
    } else {
        Vec::new()
    };
    let rsi_values = rsi(&series.close, 14).ok();
    let macd_values = macd(&series.close, MacdConfig::default()).ok();
    let text = |values: &[f64]| -> Vec<String> {
        values
            .iter()
            .map(|v| {
                if v.is_finite() {
                    value_text(*v, AxisFormat::Number)
                } else {
                    String::new()
                }
            })
            .collect()
    };
    let mut readouts = Vec::new();
    if let Some(values) = &rsi_values {
        readouts.push(Readout {
            label: "RSI".into(),
            values: text(values),
        });
    }
    if let Some(m) = &macd_values {
        readouts.push(Readout {
            label: "MACD".into(),
            values: text(&m.macd),
        });
    }
    readouts.push(Readout {
        label: "Signal".into(),
        values: signal_by_bar,
    });
    let sync = ChartSync::new(CHART_RANGE.get());
    Effect::new(move |_| CHART_RANGE.set(sync.range.get()));
    let price = view! {
        <LineChart
            title="Price, signal flips and support/resistance".into()
            dates=dates.clone()
            lines
            candles
            markers
            rules
            keys
            readouts
            height=300.0
            scale=Scale::Log
            axis=AxisFormat::Usd
            sync
            ranges=true
            testid="price-chart"
        />
    };
    let rsi_pane = rsi_values.map(|values| {
        view! {
            <LineChart
                title="RSI (14)".into()
                dates=dates.clone()
                lines=vec![Line { values: some(&values), class: "line-rsi", label: "RSI".into() }]
                rules=vec![
                    Rule { value: 70.0, class: "rule resistance", label: "Overbought 70".into() },
                    Rule { value: 30.0, class: "rule support", label: "Oversold 30".into() },
                ]
                height=140.0
                scale=Scale::Fixed(0.0, 100.0)
                sync
                testid="rsi-chart"
            />
        }
    });
    let macd_pane = macd_values.map(|m| {
        view! {
            <LineChart
                title="MACD (12, 26, 9)".into()
                dates=dates.clone()
                lines=vec![
                    Line { values: some(&m.macd), class: "line-macd", label: "MACD".into() },
                    Line { values: some(&m.signal), class: "line-signal", label: "Signal line".into() },
                ]
                rules=vec![Rule { value: 0.0, class: "rule zero", label: String::new() }]
                height=140.0
                sync
                testid="macd-chart"
            />
        }
    });
    let equity = a.backtest.as_ref().and_then(|b| {
        let config = BacktestConfig {
            from: Some(b.start_date.clone()),
            to: Some(b.end_date.clone()),
            short: b.short,
            ..BacktestConfig::default()
        };
        let run = backtest(series, &config).ok()?;
        let window: Vec<String> = (run.start_index..=run.end_index).map(|i| series.date(i)).collect();
        Some(view! {
            <LineChart
                title="Backtest: growth of 1, signal against buy-and-hold".into()
                dates=window
                lines=vec![
                    Line { values: some(&run.strategy_equity), class: "line-strategy", label: "Signal".into() },
                    Line { values: some(&run.buy_and_hold_equity), class: "line-hold", label: "Buy-and-hold".into() },
                ]
                rules=vec![Rule { value: 1.0, class: "rule zero", label: "Start 1×".into() }]
                height=180.0
                scale=Scale::Log
                axis=AxisFormat::Multiple
                ranges=true
                testid="equity-chart"
            />
        })
    });
    view! {
        <section class="charts">
            {price}
            {rsi_pane}
            {macd_pane}
            {equity}
        </section>
    }
}

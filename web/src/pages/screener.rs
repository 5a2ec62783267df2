//! `/screener`: every token of the universe graded in the browser, sortable
//! and filterable.

use leptos::prelude::*;
use leptos_router::components::A;
use tokenlens_core::analysis::signal::SignalState;
use tokenlens_core::format::price_usd;
use tokenlens_core::universe::screen::{ScreenRow, screen};
use tokenlens_core::universe::{Member, TokenError};
use tokenlens_feeds::History;

use crate::api::load_history;
use crate::components::data_source::{DataSource, Provenance};
use crate::components::watch_button::WatchButton;

/// The benchmark for relative strength.
const BENCHMARK: &str = "BTCUSDT";

/// The screened universe.
#[derive(Debug, Clone)]
pub struct Screened {
    pub rows: Vec<ScreenRow>,
    pub errors: Vec<TokenError>,
    pub as_of: String,
    pub source: String,
}

/// Grades every daily series of the bundled history.
pub fn screen_history(history: &History) -> Screened {
    let daily = &history.daily;
    let members: Vec<Member> = daily
        .symbols
        .iter()
        .filter_map(|symbol| Some((display_symbol(symbol), daily.series(symbol)?, None)))
        .collect();
    let unusable = daily
        .symbols
        .iter()
        .filter(|s| daily.series(s).is_none())
        .map(|s| TokenError {
            symbol: display_symbol(s),
            code: "TOO_SHORT".into(),
            message: "no price in the bundled history".into(),
        });
    let benchmark = daily.series(BENCHMARK);
    let (rows, mut errors) = screen(&members, benchmark.as_ref());
    errors.extend(unusable);
    Screened {
        rows,
        errors,
        as_of: history.as_of.clone(),
        source: history.sources.join("; "),
    }
}

/// "BTCUSDT" → "BTC".
fn display_symbol(pair: &str) -> String {
    pair.strip_suffix("USDT").unwrap_or(pair).to_owned()
}

/// Columns the table sorts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Symbol,
    Price,
    Change1d,
    Change7d,
    Change30d,
    TraderGrade,
    InvestorGrade,
    DaysSinceFlip,
}

impl SortKey {
    fn value(self, row: &ScreenRow) -> Option<f64> {
        match self {
            SortKey::Symbol => None,
            SortKey::Price => Some(row.price),
            SortKey::Change1d => row.return_1d,
            SortKey::Change7d => row.return_7d,
            SortKey::Change30d => row.return_30d,
            SortKey::TraderGrade => Some(row.trader_grade),
            SortKey::InvestorGrade => row.investor_grade,
            SortKey::DaysSinceFlip => row.days_since_flip.map(|d| d as f64),
        }
    }
}

/// Filters and order of the table: plain data, tested without a browser.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    pub sort: SortKey,
    pub descending: bool,
    pub signal: Option<SignalState>,
    pub min_trader_grade: f64,
    pub search: String,
}

impl Default for View {
    fn default() -> Self {
        Self {
            sort: SortKey::TraderGrade,
            descending: true,
            signal: None,
            min_trader_grade: 0.0,
            search: String::new(),
        }
    }
}

impl View {
    /// The rows to show, in order. Missing values sort last either way.
    pub fn apply<'a>(&self, rows: &'a [ScreenRow]) -> Vec<&'a ScreenRow> {
        let needle = self.search.trim().to_ascii_uppercase();
        let mut out: Vec<&ScreenRow> = rows
            .iter()
            .filter(|r| self.signal.is_none_or(|s| r.signal == s))
            .filter(|r| r.trader_grade >= self.min_trader_grade)
            .filter(|r| needle.is_empty() || r.symbol.contains(&needle))
            .collect();
        let key = self.sort;
        out.sort_by(|a, b| {
            let order = match key {
                SortKey::Symbol => a.symbol.cmp(&b.symbol),
                _ => match (key.value(a), key.value(b)) {
                    (Some(x), Some(y)) => x.total_cmp(&y),
                    (Some(_), None) => return std::cmp::Ordering::Less,
                    (None, Some(_)) => return std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                },
            };
            if self.descending {
                order.reverse()
            } else {
                order
            }
        });
        out
    }
}

fn pct(v: Option<f64>) -> String {
    v.map(|v| format!("{:+.1}%", v * 100.0))
        .unwrap_or_else(|| "—".into())
}

fn signal_name(s: SignalState) -> &'static str {
    match s {
        SignalState::Bullish => "bullish",
        SignalState::Bearish => "bearish",
        SignalState::Neutral => "neutral",
        SignalState::Unknown => "unknown",
    }
}

/// `/screener`.
#[component]
pub fn ScreenerPage() -> impl IntoView {
    let data = LocalResource::new(|| async { load_history().await.map(|h| screen_history(&h)) });
    let view_state = RwSignal::new(View::default());
    view! {
        <h1>"Screener"</h1>
        <Transition fallback=|| view! { <p class="status" role="status">"Grading every token…"</p> }>
            {move || {
                data.get()
                    .map(|result| match result {
                        Ok(screened) => screener_table(screened, view_state).into_any(),
                        Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
                    })
            }}
        </Transition>
    }
}

fn screener_table(screened: Screened, view_state: RwSignal<View>) -> impl IntoView {
    let provenance = Provenance::Snapshot {
        as_of: screened.as_of.clone(),
        source: screened.source.clone(),
        reason: None,
    };
    let errors = screened.errors.clone();
    let rows = StoredValue::new(screened.rows);
    let header = move |label: &'static str, key: SortKey| {
        let sort_state = move || {
            let v = view_state.get();
            if v.sort != key {
                "none"
            } else if v.descending {
                "descending"
            } else {
                "ascending"
            }
        };
        view! {
            <th scope="col" aria-sort=sort_state>
                <button
                    type="button"
                    class="sort"
                    on:click=move |_| {
                        view_state
                            .update(|v| {
                                if v.sort == key {
                                    v.descending = !v.descending;
                                } else {
                                    v.sort = key;
                                    v.descending = key != SortKey::Symbol;
                                }
                            })
                    }
                >
                    {label}
                </button>
            </th>
        }
    };
    view! {
        <DataSource provenance />
        <div class="filters">
            <label>
                "Search "
                <input
                    name="search"
                    type="search"
                    on:input=move |ev| view_state.update(|v| v.search = event_target_value(&ev))
                />
            </label>
            <label>
                "Signal "
                <select
                    name="signal"
                    on:change=move |ev| {
                        let s = match event_target_value(&ev).as_str() {
                            "bullish" => Some(SignalState::Bullish),
                            "bearish" => Some(SignalState::Bearish),
                            "neutral" => Some(SignalState::Neutral),
                            _ => None,
                        };
                        view_state.update(|v| v.signal = s)
                    }
                >
                    <option value="">"Any"</option>
                    <option value="bullish">"Bullish"</option>
                    <option value="bearish">"Bearish"</option>
                    <option value="neutral">"Neutral"</option>
                </select>
            </label>
            <label>
                "Trader Grade at least "
                <input
                    name="min-grade"
                    type="number"
                    min="0"
                    max="100"
                    step="5"
                    value="0"
                    on:input=move |ev| {
                        let g = event_target_value(&ev).parse().unwrap_or(0.0);
                        view_state.update(|v| v.min_trader_grade = g)
                    }
                />
            </label>
        </div>
        {(!errors.is_empty())
            .then(|| {
                let list = errors
                    .iter()
                    .map(|e| format!("{} ({})", e.symbol, e.message))
                    .collect::<Vec<_>>()
                    .join(", ");
                view! {
                    <p class="notice" data-testid="screen-errors">
                        {format!("{} tokens could not be graded: {list}", errors.len())}
                    </p>
                }
            })}
        <table class="market-table" data-testid="screener-table">
            <caption>
                {move || {
                    let shown = rows.with_value(|r| view_state.with(|v| v.apply(r).len()));
                    format!("{shown} tokens")
                }}
            </caption>
            <thead>
                <tr>
                    {header("Token", SortKey::Symbol)}
                    {header("Price", SortKey::Price)}
                    {header("24 h", SortKey::Change1d)}
                    {header("7 d", SortKey::Change7d)}
                    {header("30 d", SortKey::Change30d)}
                    {header("Trader Grade", SortKey::TraderGrade)}
                    {header("Investor Grade", SortKey::InvestorGrade)}
                    <th scope="col">"Signal"</th>
                    {header("Days since flip", SortKey::DaysSinceFlip)}
                    <th scope="col">"Rating"</th>
                </tr>
            </thead>
            <tbody>
                {move || {
                    rows.with_value(|all| {
                        view_state
                            .with(|v| {
                                v.apply(all)
                                    .into_iter()
                                    .map(|r| {
                                        let grade_change = format!(
                                            "{} / {}",
                                            r.trader_grade_change_24h.map(|c| format!("{c:+.1}")).unwrap_or("—".into()),
                                            r.trader_grade_change_7d.map(|c| format!("{c:+.1}")).unwrap_or("—".into()),
                                        );
                                        let signal = signal_name(r.signal);
                                        let symbol = r.symbol.clone();
                                        let href = format!("/token/{symbol}");
                                        view! {
                                            <tr data-symbol=r.symbol.clone()>
                                                <td>
                                                    <A href=href>{symbol}</A>
                                                    " "
                                                    <WatchButton symbol=r.symbol.clone() />
                                                </td>
                                                <td class="num">{price_usd(r.price)}</td>
                                                <td class="num">{pct(r.return_1d)}</td>
                                                <td class="num">{pct(r.return_7d)}</td>
                                                <td class="num">{pct(r.return_30d)}</td>
                                                <td class="num grade">
                                                    {format!("{:.0}", r.trader_grade)}
                                                    <span class="muted">" " {grade_change}</span>
                                                </td>
                                                <td class="num">
                                                    {r.investor_grade.map(|g| format!("{g:.0}")).unwrap_or("—".into())}
                                                </td>
                                                <td>
                                                    <span class=format!("signal signal-{signal}")>{signal}</span>
                                                </td>
                                                <td class="num">
                                                    {r.days_since_flip.map(|d| d.to_string()).unwrap_or("—".into())}
                                                </td>
                                                <td>
                                                    {r.rating
                                                        .map(|l| l.to_string())
                                                        .unwrap_or("—".into())}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            })
                    })
                }}
            </tbody>
        </table>
    }
}

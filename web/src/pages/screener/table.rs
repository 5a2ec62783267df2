//! The screener's table: sortable headers, one page of rows, the pager.

use leptos::prelude::*;
use leptos_router::components::A;
use tokenlens_core::format::{self, change_pct, price_usd};
use tokenlens_core::market_cap::MarketCapClass;
use tokenlens_core::universe::narratives::{Narrative, NarrativeTable};
use tokenlens_core::universe::screen::ScreenRow;
use tokenlens_feeds::TokenMarket;

use super::state::ViewState;
use super::view::{Column, Markets, PAGE_SIZE, SortKey, View, volume_to_market_cap};
use crate::components::signed::change_cell;
use crate::components::sparkline::sparkline;
use crate::components::watch_button::WatchButton;

/// The rows of the view, in order, as symbols (all pages).
pub type Ordered = Memo<Vec<String>>;

/// The screened rows and what their cells read, stored once for the page.
#[derive(Clone, Copy)]
pub struct Data {
    pub rows: StoredValue<Vec<ScreenRow>>,
    pub markets: StoredValue<Markets>,
    pub narratives: StoredValue<NarrativeTable>,
    /// The optional columns this data has figures for.
    pub with_data: StoredValue<Vec<Column>>,
}

impl Data {
    /// The view's columns that this data can fill.
    fn shown(self, v: &View) -> Vec<Column> {
        self.with_data.with_value(|d| {
            v.columns
                .iter()
                .copied()
                .filter(|c| d.contains(c))
                .collect()
        })
    }
}

/// The page of the view the table shows (the last page when the view's
/// page is past the end).
fn current_page(state: ViewState, ordered: Ordered) -> usize {
    let pages = View::pages(ordered.with(Vec::len));
    state.with(|v| v.page).min(pages - 1)
}

/// A header that sorts on `key`: a first click in the key's own direction,
/// the next ones reverse it.
fn header(state: ViewState, label: &'static str, key: SortKey) -> impl IntoView + use<> {
    let sort_state = move || {
        state.with(|v| {
            if v.sort != key {
                "none"
            } else if v.descending {
                "descending"
            } else {
                "ascending"
            }
        })
    };
    let click = move |_| {
        state.update(|v| {
            if v.sort == key {
                v.descending = !v.descending;
            } else {
                v.sort = key;
                v.descending = key.descending_first();
            }
        })
    };
    view! {
        <th scope="col" aria-sort=sort_state>
            <button type="button" class="sort" on:click=click>
                {label}
            </button>
        </th>
    }
}

/// The table of the view's current page.
#[component]
pub fn ScreenerTable(state: ViewState, data: Data, ordered: Ordered) -> impl IntoView {
    let caption = move || {
        let shown = ordered.with(Vec::len);
        let page = current_page(state, ordered);
        let first = (page * PAGE_SIZE + 1).min(shown);
        let last = ((page + 1) * PAGE_SIZE).min(shown);
        format!("{shown} tokens · showing {first}–{last}")
    };
    let headers = move || {
        state
            .with(|v| data.shown(v))
            .into_iter()
            .map(|c| match c.sort_key() {
                Some(k) => header(state, c.label(), k).into_any(),
                None => view! { <th scope="col">{c.label()}</th> }.into_any(),
            })
            .collect_view()
    };
    let body = move || {
        let columns = state.with(|v| data.shown(v));
        let symbols = ordered.get();
        let page = current_page(state, ordered);
        let slice = &symbols
            [(page * PAGE_SIZE).min(symbols.len())..((page + 1) * PAGE_SIZE).min(symbols.len())];
        data.rows.with_value(|all| {
            data.narratives.with_value(|n| {
                data.markets.with_value(|m| {
                    slice
                        .iter()
                        .filter_map(|s| all.iter().find(|r| &r.symbol == s))
                        .map(|r| row_view(r, &columns, n, m.get(&r.symbol)))
                        .collect_view()
                })
            })
        })
    };
    view! {
        <div class="table-scroll screener-scroll" data-testid="screener-scroll">
            <table class="market-table" data-testid="screener-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        {header(state, "Token", SortKey::Symbol)}
                        {headers}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

/// Previous / next page, and where the view is.
#[component]
pub fn Pager(state: ViewState, ordered: Ordered) -> impl IntoView {
    let page_count = move || View::pages(ordered.with(Vec::len));
    let current = move || current_page(state, ordered);
    let go = move |page: usize| {
        let mut v = state.now();
        v.page = page;
        state.set(v);
    };
    view! {
        <nav class="pager" aria-label="Pages">
            <button
                type="button"
                disabled=move || current() == 0
                on:click=move |_| go(current().saturating_sub(1))
            >
                "Previous"
            </button>
            <span aria-live="polite">{move || format!("Page {} of {}", current() + 1, page_count())}</span>
            <button
                type="button"
                disabled=move || { current() + 1 >= page_count() }
                on:click=move |_| go(current() + 1)
            >
                "Next"
            </button>
        </nav>
    }
}

fn row_view(
    r: &ScreenRow,
    columns: &[Column],
    narratives: &NarrativeTable,
    market: Option<&TokenMarket>,
) -> impl IntoView + use<> {
    let symbol = r.symbol.clone();
    let name = market.map(|m| m.name.clone());
    let money = |v: Option<f64>| v.map_or("—".into(), format::compact_usd);
    let pct_points = |v: Option<f64>| v.map_or("—".into(), |v| format!("{v:+.1}%"));
    let href = format!("/token/{symbol}");
    let cells = columns
        .iter()
        .map(|c| match c {
            Column::Price => view! { <td class="num">{price_usd(r.price)}</td> }.into_any(),
            Column::Change1h => {
                let v = market.and_then(|m| m.change_1h_pct);
                view! { <td class=change_cell(v)>{pct_points(v)}</td> }.into_any()
            }
            Column::MarketCap => view! { <td class="num">{money(r.market_cap)}</td> }.into_any(),
            Column::Fdv => {
                view! { <td class="num">{money(market.and_then(|m| m.fully_diluted_valuation))}</td> }
                    .into_any()
            }
            Column::Volume => {
                view! { <td class="num">{money(market.and_then(|m| m.total_volume))}</td> }.into_any()
            }
            Column::VolumeToMarketCap => view! {
                <td class="num">
                    {market.and_then(volume_to_market_cap).map_or("—".into(), |q| format!("{:.1}%", 100.0 * q))}
                </td>
            }
            .into_any(),
            Column::Sparkline => view! {
                <td>{market.and_then(|m| sparkline(&m.sparkline_7d, "7-day price"))}</td>
            }
            .into_any(),
            Column::Change24h | Column::Change7d | Column::Change30d => {
                let v = match c {
                    Column::Change24h => r.return_1d,
                    Column::Change7d => r.return_7d,
                    _ => r.return_30d,
                };
                view! { <td class=change_cell(v)>{change_pct(v)}</td> }.into_any()
            }
            Column::TraderGrade => {
                let change = |c: Option<f64>| c.map_or("—".into(), |c| format!("{c:+.1}"));
                let changes = format!(
                    "{} / {}",
                    change(r.trader_grade_change_24h),
                    change(r.trader_grade_change_7d)
                );
                view! {
                    <td class="num grade">
                        {format!("{:.0}", r.trader_grade)}
                        <span class="muted">" " {changes}</span>
                    </td>
                }
                .into_any()
            }
            Column::InvestorGrade => view! {
                <td class="num">{r.investor_grade.map_or("—".into(), |g| format!("{g:.0}"))}</td>
            }
            .into_any(),
            Column::Signal => {
                let signal = r.signal.as_str();
                view! {
                    <td>
                        <span class=format!("signal signal-{signal}")>{signal}</span>
                    </td>
                }
                .into_any()
            }
            Column::DaysSinceFlip => view! {
                <td class="num">{r.days_since_flip.map_or("—".into(), |d| d.to_string())}</td>
            }
            .into_any(),
            Column::Rating => {
                view! { <td>{r.rating.map_or("—".into(), |l| l.to_string())}</td> }.into_any()
            }
            Column::Class => {
                view! { <td>{r.class.map_or("—", MarketCapClass::as_str)}</td> }.into_any()
            }
            Column::Narrative => view! {
                <td>{narratives.get(&r.symbol).map_or("—", Narrative::name)}</td>
            }
            .into_any(),
            // Not offered by the screener (see `view::COLUMNS`).
            Column::Rank | Column::TraderGradeChange7d => view! { <td>"—"</td> }.into_any(),
        })
        .collect_view();
    view! {
        <tr data-symbol=r.symbol.clone()>
            <td class="token-cell">
                <A href=crate::href(&href)>{symbol}</A>
                " "
                <WatchButton symbol=r.symbol.clone() />
                {r.stable.then(|| view! {
                    <span class="badge stable" title="A stablecoin, fiat or gold-backed token: its grades say nothing about a trade, so it ranks after every other token by grade">
                        "stable"
                    </span>
                })}
                {name.map(|n| view! { <span class="muted name">" " {n}</span> })}
            </td>
            {cells}
        </tr>
    }
}

/// When the filters leave no row: which of them emptied the view (each one
/// whose removal alone brings rows back, with how many), and a one-click
/// reset that keeps the order and the columns.
#[component]
pub fn EmptyResult(state: ViewState, data: Data, ordered: Ordered) -> impl IntoView {
    let count = move |view: &View| {
        data.rows.with_value(|all| {
            data.narratives.with_value(|n| {
                data.markets.with_value(|m| {
                    all.iter()
                        .filter(|r| view.keeps(r, n, m.get(&r.symbol)))
                        .count()
                })
            })
        })
    };
    let tokens = |n: usize| {
        if n == 1 {
            "1 token".to_owned()
        } else {
            format!("{n} tokens")
        }
    };
    let reason = move || {
        if !ordered.with(Vec::is_empty) {
            return None;
        }
        let v = state.with(View::clone);
        let total = data.rows.with_value(Vec::len);
        let mut named = Vec::new();
        let mut culprits = Vec::new();
        for id in v.filters.active() {
            named.push(id.label().to_owned());
            let n = count(&View {
                filters: v.filters.without(id),
                ..v.clone()
            });
            if n > 0 {
                culprits.push(format!("without {}, {}", id.label(), tokens(n)));
            }
        }
        let search = v.search.trim();
        if !search.is_empty() {
            named.push(format!("the search “{search}”"));
            let n = count(&View {
                search: String::new(),
                ..v.clone()
            });
            if n > 0 {
                culprits.push(format!("without the search “{search}”, {}", tokens(n)));
            }
        }
        Some(if culprits.is_empty() {
            format!(
                "No token passes these filters together: {}. ",
                named.join(", ")
            )
        } else {
            format!(
                "None of the {total} tokens passes these filters: {}. ",
                culprits.join("; ")
            )
        })
    };
    let reset = move |_| {
        let now = state.now();
        state.set(View {
            filters: tokenlens_core::universe::filters::Filters::NONE,
            search: String::new(),
            page: 0,
            ..now
        });
    };
    move || {
        reason().map(|text| {
            view! {
                <p class="notice" role="status" data-testid="empty-result">
                    {text}
                    <button type="button" class="link-button" on:click=reset>
                        "Clear the filters"
                    </button>
                </p>
            }
        })
    }
}

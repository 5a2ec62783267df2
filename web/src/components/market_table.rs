//! The market list: rank, name, price, 24 h and 7 d change, a 7-day line,
//! volume, market cap (its size class as the tooltip), Trader Grade and
//! signal, 50 rows a page,
//! each row linking to its token page. A figure the data lacks is "—" with
//! the reason as its tooltip, never a figure of another date.

use leptos::prelude::*;
use leptos_router::components::A;
use tokenlens_core::analysis::signal::SignalState;
use tokenlens_core::format::{change_pct, compact_usd, price_usd};
use tokenlens_core::universe::screen::ScreenRow;
use tokenlens_feeds::TokenMarket;

use crate::components::signed::change_cell;
use crate::components::sparkline::sparkline;

/// Rows per page of the list.
pub const PAGE_SIZE: usize = 50;

/// A figure, or why there is none (shown as the tooltip of "—").
pub type Figure<T> = Result<T, String>;

/// One table row, computed once.
#[derive(Debug, Clone, PartialEq)]
pub struct MarketRow {
    /// The provider's id (live lists), for `data-id`.
    pub id: Option<String>,
    pub symbol: String,
    pub name: Option<String>,
    pub rank: Figure<u32>,
    pub price: Figure<f64>,
    /// Changes as fractions (0.05 is +5 %).
    pub change_24h: Option<f64>,
    pub change_7d: Option<f64>,
    /// Prices of the last 7 days, oldest first (hourly live, daily offline).
    pub spark: Vec<f64>,
    pub volume: Figure<f64>,
    pub market_cap: Figure<f64>,
    pub class: Figure<&'static str>,
    pub grade: Figure<f64>,
    pub signal: Option<SignalState>,
    /// A stablecoin, fiat or gold-backed token.
    pub stable: bool,
}

impl MarketRow {
    /// A row of a live market list, with its Trader Grade and signal when
    /// the token was graded (`graded`), else why not.
    pub fn from_token(token: &TokenMarket, graded: Result<&ScreenRow, String>) -> Self {
        let cap = token.market_data().resolve();
        let unsent = |what: &str| format!("The provider sent no {what} for this coin");
        Self {
            id: Some(token.id.clone()),
            symbol: token.symbol.clone(),
            name: Some(token.name.clone()),
            rank: token.rank.ok_or_else(|| unsent("rank")),
            price: token.price.ok_or_else(|| unsent("price")),
            change_24h: token.change_24h_pct.map(|p| p / 100.0),
            change_7d: token.change_7d_pct.map(|p| p / 100.0),
            spark: token.sparkline_7d.clone(),
            volume: token.total_volume.ok_or_else(|| unsent("24 h volume")),
            market_cap: cap.as_ref().map(|c| c.value).map_err(|e| e.to_string()),
            class: cap.map(|c| c.class().as_str()).map_err(|e| e.to_string()),
            grade: graded
                .as_ref()
                .map(|r| r.trader_grade)
                .map_err(Clone::clone),
            signal: graded.as_ref().ok().map(|r| r.signal),
            stable: graded.as_ref().is_ok_and(|r| r.stable),
        }
    }

    /// A row of the bundled history's screen, every figure of `as_of`: the
    /// price, returns, Trader Grade and signal of the screener's row, the
    /// sparkline from `closes` (the last daily closes), the name from the
    /// coin list; rank, volume, market cap and class, which the history
    /// does not hold, missing with the reason.
    pub fn from_history(
        row: &ScreenRow,
        name: Option<String>,
        closes: Vec<f64>,
        as_of: &str,
    ) -> Self {
        let market = |what: &str| {
            format!(
                "No {what} for {as_of}: the bundled history holds daily closes only; market figures need live data"
            )
        };
        let dated = row.date == as_of;
        let no_close = || format!("No close on {as_of} (the last is of {})", row.date);
        let of_date = |v: Option<f64>| v.filter(|_| dated);
        Self {
            id: None,
            symbol: row.symbol.clone(),
            name,
            rank: Err(market("market-cap rank")),
            price: if dated {
                Ok(row.price)
            } else {
                Err(no_close())
            },
            change_24h: of_date(row.return_1d),
            change_7d: of_date(row.return_7d),
            spark: if dated { closes } else { Vec::new() },
            volume: Err(market("24 h volume")),
            market_cap: Err(market("market cap")),
            class: Err(market("market cap, so no size class,")),
            grade: if dated {
                Ok(row.trader_grade)
            } else {
                Err(no_close())
            },
            signal: dated.then_some(row.signal),
            stable: row.stable,
        }
    }
}

/// "—" with why as its tooltip.
fn missing(why: String) -> AnyView {
    view! { <span class="missing" title=why>"—"</span> }.into_any()
}

fn figure<T>(value: &Figure<T>, show: impl Fn(&T) -> String) -> AnyView {
    match value {
        Ok(v) => show(v).into_any(),
        Err(why) => missing(why.clone()),
    }
}

/// The list, in the order given, `PAGE_SIZE` rows a page; `page` (0-based)
/// is kept by the caller so a refresh of the rows keeps the visitor's page.
#[component]
pub fn MarketTable(
    rows: Vec<MarketRow>,
    /// Says what the rows are and in which order, briefly.
    caption: String,
    /// More about the rows, above the table.
    #[prop(optional)]
    note: Option<String>,
    page: RwSignal<usize>,
) -> impl IntoView {
    let count = rows.len();
    let pages = count.div_ceil(PAGE_SIZE).max(1);
    let rows = StoredValue::new(rows);
    let current = move || page.get().min(pages - 1);
    let body = move || {
        let start = current() * PAGE_SIZE;
        rows.with_value(|rows| {
            rows.iter()
                .skip(start)
                .take(PAGE_SIZE)
                .cloned()
                .map(|row| view! { <Row row /> })
                .collect_view()
        })
    };
    let pager = (pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label="Pages of the market list" data-testid="market-pager">
                <button type="button" disabled=move || current() == 0 on:click=move |_| page.set(current().saturating_sub(1))>
                    "Previous"
                </button>
                <span aria-live="polite">
                    {move || {
                        let start = current() * PAGE_SIZE;
                        format!(
                            "Page {} of {pages} · {}–{} of {count}",
                            current() + 1,
                            start + 1,
                            (start + PAGE_SIZE).min(count)
                        )
                    }}
                </span>
                <button type="button" disabled=move || { current() + 1 >= pages } on:click=move |_| page.set(current() + 1)>
                    "Next"
                </button>
            </nav>
        }
    });
    view! {
        // The caption stays outside the box that scrolls sideways, so a
        // phone shows all of it; the table is named by it.
        <p class="list-caption" id="market-caption" data-testid="market-caption">{caption}</p>
        {note.map(|n| view! { <p class="muted list-note">{n}</p> })}
        <div class="table-scroll market-scroll" role="region" aria-label="Market table, scrolls sideways" tabindex="0">
            <table class="market-table market-list-table" data-testid="market-table" aria-labelledby="market-caption">
                <thead>
                    <tr>
                        <th scope="col" class="num">"#"</th>
                        <th scope="col">"Coin"</th>
                        <th scope="col" class="num">"Price"</th>
                        <th scope="col" class="num">"24 h"</th>
                        <th scope="col" class="num">"7 d"</th>
                        <th scope="col" class="spark-col">"Last 7 days"</th>
                        <th scope="col" class="num">"24 h volume"</th>
                        <th scope="col" class="num">"Market cap"</th>
                        <th scope="col" class="num">"Trader Grade"</th>
                        <th scope="col">"Signal"</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        {pager}
    }
}

#[component]
fn Row(row: MarketRow) -> impl IntoView {
    let href = crate::href(&format!("/token/{}", row.symbol));
    // The size class rides on the market cap, as its tooltip.
    let cap_cell = match (&row.market_cap, &row.class) {
        (Ok(cap), Ok(class)) => {
            view! { <span title=format!("{class} cap")>{compact_usd(*cap)}</span> }.into_any()
        }
        (cap, _) => figure(cap, |v| compact_usd(*v)),
    };
    let stable = row.stable.then(|| {
        view! {
            <span class="badge stable" title="A stablecoin, fiat or gold-backed token: its grades say nothing about a trade">
                "stable"
            </span>
        }
    });
    let signal = match (row.signal, &row.grade) {
        (Some(s), _) => {
            let s = s.as_str();
            view! { <span class=format!("signal signal-{s}")>{s}</span> }.into_any()
        }
        (None, Err(why)) => missing(why.clone()),
        (None, Ok(_)) => missing("No signal for this coin".into()),
    };
    let spark = sparkline(&row.spark, "7-day price");
    let symbol = row.symbol.clone();
    view! {
        <tr data-id=row.id data-symbol=symbol>
            <td class="num">{figure(&row.rank, u32::to_string)}</td>
            <td class="coin">
                <A href=href attr:class="coin-link">
                    {row.name.map(|n| view! { <span class="name">{n}</span> " " })}
                    <span class="symbol">{row.symbol}</span>
                </A>
                {stable}
            </td>
            <td class="num" data-testid="price">{figure(&row.price, |p| price_usd(*p))}</td>
            <td class=change_cell(row.change_24h)>{change_pct(row.change_24h)}</td>
            <td class=change_cell(row.change_7d)>{change_pct(row.change_7d)}</td>
            <td class="spark-col">{spark}</td>
            <td class="num">{figure(&row.volume, |v| compact_usd(*v))}</td>
            <td class="num">{cap_cell}</td>
            <td class="num grade">{figure(&row.grade, |g| format!("{g:.0}"))}</td>
            <td>{signal}</td>
        </tr>
    }
}

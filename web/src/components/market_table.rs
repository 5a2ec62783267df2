//! The token table: rank, name, price, market cap and size class.

use leptos::prelude::*;
use tokenlens_feeds::TokenMarket;

use tokenlens_core::format::{compact_usd, price_usd};

/// One table row, computed once from the feed's token.
#[derive(Debug, Clone, PartialEq)]
pub struct MarketRow {
    pub id: String,
    pub rank: Option<u32>,
    pub name: String,
    pub symbol: String,
    pub price: Option<f64>,
    pub market_cap: Option<f64>,
    /// The class name, or why there is none.
    pub class: Result<&'static str, String>,
}

impl MarketRow {
    pub fn from_token(token: &TokenMarket) -> Self {
        let cap = token.market_data().resolve();
        Self {
            id: token.id.clone(),
            rank: token.rank,
            name: token.name.clone(),
            symbol: token.symbol.clone(),
            price: token.price,
            market_cap: cap.as_ref().ok().map(|c| c.value),
            class: cap.map(|c| c.class().as_str()).map_err(|e| e.to_string()),
        }
    }
}

/// The table of tokens, in the order given.
#[component]
pub fn MarketTable(tokens: Vec<TokenMarket>) -> impl IntoView {
    let rows: Vec<MarketRow> = tokens.iter().map(MarketRow::from_token).collect();
    let count = rows.len();
    view! {
        <table class="market-table" data-testid="market-table">
            <caption>{format!("{count} tokens by market cap")}</caption>
            <thead>
                <tr>
                    <th scope="col" class="num">"#"</th>
                    <th scope="col">"Name"</th>
                    <th scope="col" class="num">"Price"</th>
                    <th scope="col" class="num">"Market cap"</th>
                    <th scope="col">"Class"</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|row| view! { <Row row /> }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Row(row: MarketRow) -> impl IntoView {
    let rank = row.rank.map(|r| r.to_string()).unwrap_or_default();
    let price = row.price.map(price_usd).unwrap_or_else(|| "—".into());
    let cap = row
        .market_cap
        .map(compact_usd)
        .unwrap_or_else(|| "—".into());
    let class_cell = match row.class {
        Ok(class) => view! { <span class=format!("class class-{class}")>{class}</span> }.into_any(),
        Err(why) => view! { <span class="class class-unknown" title=why>"—"</span> }.into_any(),
    };
    view! {
        <tr data-id=row.id>
            <td class="num">{rank}</td>
            <td>
                <span class="name">{row.name}</span>
                " "
                <span class="symbol">{row.symbol}</span>
            </td>
            <td class="num">{price}</td>
            <td class="num">{cap}</td>
            <td>{class_cell}</td>
        </tr>
    }
}

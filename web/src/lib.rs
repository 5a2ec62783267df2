//! The tokenlens website: a client-side-rendered Leptos app. All analysis
//! runs here, in the visitor's browser, through `tokenlens-core`.

pub mod api;
pub mod components;
pub mod keys;
pub mod pages;

use leptos::prelude::*;

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="site-header">
            <a class="brand" href=".">"tokenlens"</a>
            <span class="tagline">"Crypto grades and signals, computed in your browser"</span>
        </header>
        <main id="main">
            <pages::market::MarketPage />
        </main>
        <footer class="site-footer">
            <p>"No server, no tracking: every figure on this page is computed on your device."</p>
        </footer>
    }
}

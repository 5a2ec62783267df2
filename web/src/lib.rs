//! The tokenlens website: a client-side-rendered Leptos app. All analysis
//! runs here, in the visitor's browser, through `tokenlens-core`.

pub mod api;
pub mod components;
pub mod crash;
pub mod evidence;
pub mod grading;
pub mod keys;
pub mod live;
pub mod pages;
pub mod published;
pub mod settings_store;
pub mod state;
pub mod title;
pub mod universe_panel;
pub mod watchlist_store;

use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;

use crate::pages::{
    evidence::EvidencePage, market::MarketPage, moonshots::MoonshotsPage,
    narratives::NarrativesPage, not_found::NotFoundPage, screener::ScreenerPage,
    settings::SettingsPage, token::TokenPage, watchlist::WatchlistPage,
};
use crate::state::AppState;

/// The path the site is served under ("" at the root, "/tokenlens" under a
/// sub-path), from the document's base URL, which the build sets.
fn base_path() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let path = base
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
        .unwrap_or("/");
    path.trim_end_matches('/').to_owned()
}

thread_local! {
    static BASE: String = base_path();
}

/// A link to `path` (from the site's root, such as `/token/BTC`) under the
/// path the site is served from. leptos_router prefixes its base to the
/// paths it navigates to, but not to `<A href>`s that start with `/`: links
/// built without this would leave a site served under a sub-path.
pub fn href(path: &str) -> String {
    if path.starts_with('/') {
        BASE.with(|base| format!("{base}{path}"))
    } else {
        path.to_owned()
    }
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    provide_app_state();
    view! {
        <Router base=base_path()>
            <SiteHeader />
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=MarketPage />
                    <Route path=path!("/screener") view=ScreenerPage />
                    <Route path=path!("/narratives") view=NarrativesPage />
                    <Route path=path!("/moonshots") view=MoonshotsPage />
                    <Route path=path!("/evidence") view=EvidencePage />
                    <Route path=path!("/watchlist") view=WatchlistPage />
                    <Route path=path!("/settings") view=SettingsPage />
                    <Route path=path!("/token/:symbol") view=TokenPage />
                </Routes>
            </main>
            <SiteFooter />
        </Router>
    }
}

/// One page alone, what the first page a tab opens loads: the page's own
/// entry binary, a fraction of the whole app's size (the boot loader picks
/// it by route). A link to any other page reloads that page, which then
/// loads the whole app.
macro_rules! page_app {
    ($(#[$doc:meta])* $name:ident, $page:ident, $($path:tt)+) => {
        $(#[$doc])*
        pub fn $name() -> impl IntoView {
            provide_app_state();
            view! {
                <Router base=base_path()>
                    <SiteHeader />
                    <main id="main" tabindex="-1">
                        <Routes fallback=LoadWholeApp>
                            <Route path=path!($($path)+) view=$page />
                        </Routes>
                    </main>
                    <SiteFooter />
                </Router>
            }
        }
    };
}

page_app!(
    /// The market page alone (`/`, the `tokenlens-market` binary).
    market_app,
    MarketPage,
    "/"
);
page_app!(
    /// The screener alone (`/screener`, the `tokenlens-screener` binary).
    screener_app,
    ScreenerPage,
    "/screener"
);
page_app!(
    /// A token page alone (`/token/:symbol`, the `tokenlens-token` binary).
    token_app,
    TokenPage,
    "/token/:symbol"
);

/// The shared state of every page, with the visitor's theme applied.
fn provide_app_state() {
    let app = AppState::new();
    provide_context(app);
    Effect::new(move |_| state::apply_theme(&app.settings.get()));
}

/// In a one-page app, every other route: a full load of the page the
/// router has just moved to, which the boot loader hands to the whole app.
#[component]
fn LoadWholeApp() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let search = location.search.get_untracked();
    let to = format!(
        "{}{}{search}{}",
        location.pathname.get_untracked(),
        if search.is_empty() { "" } else { "?" },
        location.hash.get_untracked()
    );
    if let Some(window) = web_sys::window() {
        // A failed load leaves the notice below.
        let _ = window.location().assign(&to);
    }
    view! { <p class="status" role="status">"Loading…"</p> }
}

/// Moves focus to the page's content (the router would otherwise take the
/// link's `#main` for a navigation).
fn skip_to_content(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    let main = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("main"))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
    if let Some(main) = main {
        let _ = main.focus();
    }
}

/// The header and main navigation of every page.
#[component]
fn SiteHeader() -> impl IntoView {
    // Each route names its tab (the router's paths are without the base path).
    let location = leptos_router::hooks::use_location();
    Effect::new(move |_| title::set_for(&location.pathname.get()));
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_content>"Skip to content"</a>
        <header class="site-header">
            <A href=href("/") attr:class="brand">"tokenlens"</A>
            <nav aria-label="Main">
                <A href=href("/")>"Market"</A>
                <A href=href("/screener")>"Screener"</A>
                <A href=href("/narratives")>"Narratives"</A>
                <A href=href("/moonshots")>"Moonshots"</A>
                <A href=href("/evidence")>"Evidence"</A>
                <A href=href("/watchlist")>"Watchlist"</A>
                <A href=href("/settings")>"Settings"</A>
            </nav>
            <span class="tagline">"Crypto grades and signals, computed in your browser"</span>
            <components::token_search::TokenSearch />
            <DataBadge />
        </header>
    }
}

/// The date of the figures on screen, said once for the whole site:
/// "Offline · data as of 12 Jun 2025", or "Live · updated 13:05" while a
/// page shows live data; a link to what the data is and why.
#[component]
fn DataBadge() -> impl IntoView {
    let now = state::use_app_state().now;
    let label = move || match now.live_at_ms.get() {
        Some(ms) if now.live_published.get() => format!(
            "Published · fetched {}",
            tokenlens_feeds::client::age_label(js_sys::Date::now() - ms)
        ),
        Some(ms) => {
            let at = js_sys::Date::new(&ms.into());
            format!(
                "Live · updated {:02}:{:02}",
                at.get_hours(),
                at.get_minutes()
            )
        }
        None => match now.bundled.get() {
            Some(date) => format!("Offline · data as of {}", state::day_label(&date)),
            None => "Offline · bundled data".to_owned(),
        },
    };
    let live = move || now.live_at_ms.with(Option::is_some);
    view! {
        <a
            class="data-badge"
            class:live=live
            href=href("/settings#data")
            data-testid="data-badge"
            title="Where the figures come from and how old they are"
        >
            {label}
        </a>
    }
}

/// The footer of every page.
#[component]
fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>"No server, no tracking: grades and signals are computed on your device; the offline snapshot was prepared by the same engine."</p>
        </footer>
    }
}

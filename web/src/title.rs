//! The browser tab's title for each route, so that tabs, history and
//! bookmarks tell the pages apart ("ETH · tokenlens", "Screener · tokenlens").

/// The site's name, last in every title.
pub const SITE: &str = "tokenlens";

/// The title of the page at `path` (from the site's root, without its base
/// path): the page's name, or the token's symbol on a token page.
pub fn page_title(path: &str) -> String {
    let path = path.trim_end_matches('/');
    let page = match path {
        "" => "Market".to_owned(),
        "/screener" => "Screener".to_owned(),
        "/narratives" => "Narratives".to_owned(),
        "/moonshots" => "Moonshots".to_owned(),
        "/evidence" => "Evidence".to_owned(),
        "/watchlist" => "Watchlist".to_owned(),
        "/settings" => "Settings".to_owned(),
        _ => match path.strip_prefix("/token/") {
            // A symbol is shown as the URL gives it, upper-cased and cut
            // short: a title is text, never markup.
            Some(symbol) if !symbol.is_empty() && !symbol.contains('/') => {
                let symbol: String = symbol.chars().take(20).collect();
                format!("{} · token", symbol.to_uppercase())
            }
            _ => "Page not found".to_owned(),
        },
    };
    format!("{page} · {SITE}")
}

/// Sets the document's title for `path`.
pub fn set_for(path: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&page_title(path));
    }
}

//! Entry point of the market-only app: what a first visit to `/` loads.

fn main() {
    tokenlens_web::crash::install();
    leptos::mount::mount_to_body(tokenlens_web::market_app);
}

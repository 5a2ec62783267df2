//! Entry point of the market-only app: what a first visit to `/` loads.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(tokenlens_web::MarketApp);
}

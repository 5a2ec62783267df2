//! Entry point of the screener-only app: what the first page of a tab at
//! `/screener` loads.

fn main() {
    tokenlens_web::crash::install();
    leptos::mount::mount_to_body(tokenlens_web::screener_app);
}

//! Entry point of the token-only app: what the first page of a tab at
//! `/token/:symbol` loads.

fn main() {
    tokenlens_web::crash::install();
    leptos::mount::mount_to_body(tokenlens_web::token_app);
}

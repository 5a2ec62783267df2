//! Entry point: mounts the app.

fn main() {
    tokenlens_web::crash::install();
    leptos::mount::mount_to_body(tokenlens_web::App);
}

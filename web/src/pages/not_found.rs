//! Any other path.

use leptos::prelude::*;
use leptos_router::components::A;

/// Shown for a path the app does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <h1>"Page not found"</h1>
        <p>"There is nothing at this address. " <A href=crate::href("/")>"Go to the market overview"</A> "."</p>
    }
}

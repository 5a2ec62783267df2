//! What a section shows before its data and when its data failed: skeleton
//! rows in the shape of the table to come, and the failure in words with a
//! "Retry" button that loads that section again (and nothing else).

use leptos::prelude::*;

/// Placeholder rows while a table's data loads. The placeholder itself is
/// hidden from assistive technology; a status line says what is loading.
/// The region around it carries `aria-busy`.
#[component]
pub fn SkeletonTable(
    /// What is loading, for the status line (it may count progress).
    #[prop(into)]
    label: Signal<String>,
    #[prop(default = 8)] rows: usize,
    #[prop(default = 5)] columns: usize,
) -> impl IntoView {
    let body = (0..rows)
        .map(|_| {
            let cells = (0..columns)
                .map(|_| view! { <td><span class="skeleton-bar"></span></td> })
                .collect_view();
            view! { <tr class="skeleton-row">{cells}</tr> }
        })
        .collect_view();
    view! {
        <p class="status" role="status" data-testid="loading-status">{label}</p>
        <table class="market-table skeleton" data-testid="skeleton" aria-hidden="true">
            <tbody>{body}</tbody>
        </table>
    }
}

/// A section's failure and its "Retry" button. `what` names the section
/// for the button's accessible name ("Retry the market list").
#[component]
pub fn SectionError(
    #[prop(into)] message: String,
    #[prop(into)] what: String,
    /// Loads the section again.
    on_retry: Callback<()>,
    /// Set while the section is loading again.
    #[prop(into, optional)]
    busy: Signal<bool>,
    #[prop(into, optional)] testid: Option<String>,
) -> impl IntoView {
    let label = format!("Retry {what}");
    view! {
        <div class="section-error" data-testid=testid>
            <p class="error" role="alert">{message}</p>
            <button
                type="button"
                aria-label=label
                disabled=move || busy.get()
                on:click=move |_| on_retry.run(())
            >
                {move || if busy.get() { "Retrying…" } else { "Retry" }}
            </button>
        </div>
    }
}

/// A "Retry" button for a section whose failure is already said nearby.
#[component]
pub fn RetryButton(
    #[prop(into)] what: String,
    on_retry: Callback<()>,
    #[prop(into)] busy: Signal<bool>,
) -> impl IntoView {
    let label = format!("Retry {what}");
    view! {
        <p class="retry">
            <button
                type="button"
                aria-label=label
                disabled=move || busy.get()
                on:click=move |_| on_retry.run(())
            >
                {move || if busy.get() { "Retrying…" } else { "Retry" }}
            </button>
        </p>
    }
}

//! Failure patterns the transport has seen (a refused key, repeated rate
//! limits, a provider down, a block), each with what the visitor can do.

use leptos::prelude::*;

use crate::state::use_app_state;

/// The alerts as of rendering; nothing when all is well.
#[component]
pub fn ProviderAlerts() -> impl IntoView {
    let state = use_app_state();
    let alerts = state.transport.with_value(|t| t.alerts());
    let now = js_sys::Date::now();
    (!alerts.is_empty()).then(|| {
        view! {
            <section class="alerts" aria-label="Problems with data sources" data-testid="provider-alerts">
                <ul>
                    {alerts
                        .into_iter()
                        .map(|a| view! { <li><span role="alert">{a.message(now)}</span></li> })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

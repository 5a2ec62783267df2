//! The screener's view as page state: read from the URL's query string (its
//! only store) and written back to it, so every control, the table and the
//! pager share one handle.

use std::collections::BTreeMap;
use std::rc::Rc;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::view::View;

/// The current [`View`] and how to change it. Copy: every control holds one.
#[derive(Clone, Copy)]
pub struct ViewState {
    view: Memo<View>,
    navigate: StoredValue<Rc<dyn Fn(View)>, LocalStorage>,
}

impl ViewState {
    /// The view of the page's URL.
    pub fn from_url() -> Self {
        let query = use_query_map();
        let view = Memo::new(move |_| {
            let params: BTreeMap<String, String> = query.with(|q| {
                q.into_iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect()
            });
            View::from_query(&params)
        });
        let navigate = use_navigate();
        let go = move |v: View| {
            let q = v.to_query();
            let path = if q.is_empty() {
                "/screener".to_owned()
            } else {
                format!("/screener?{q}")
            };
            navigate(
                &path,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        };
        Self {
            view,
            navigate: StoredValue::new_local(Rc::new(go)),
        }
    }

    /// Reads the view (tracked).
    pub fn with<T>(self, f: impl FnOnce(&View) -> T) -> T {
        self.view.with(f)
    }

    /// The view now (untracked).
    pub fn now(self) -> View {
        self.view.get_untracked()
    }

    /// Shows `view` (and puts it in the URL).
    pub fn set(self, view: View) {
        if let Some(go) = self.navigate.try_get_value() {
            go(view);
        }
    }

    /// A change of filter or order: applied, and back to the first page.
    pub fn update(self, change: impl FnOnce(&mut View)) {
        let mut v = self.now();
        change(&mut v);
        v.page = 0;
        self.set(v);
    }
}

//! The grades' evidence, computed in the browser from the bundled history by
//! the core's walk-forward evaluation (`tokenlens evaluate` computes the same
//! figures): the tokens' columns a few at a time, returning to the event loop
//! in between so the page stays responsive and can show its progress, then
//! the statistics. The result is kept for the session: the Evidence page and
//! the token page's evidence line share one computation.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use tokenlens_core::evaluation::{
    Evaluation, EvaluationOptions, Preparing, StrongWeeks, evaluate_prepared,
};
use tokenlens_core::universe::table::{BENCHMARK_SYMBOL, pair_symbol};
use tokenlens_feeds::History;

use crate::grading::next_task;

/// Tokens prepared between two returns to the event loop.
const SLICE: usize = 10;

/// The evaluation of the bundled history, with where it came from.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub as_of: String,
    pub source: String,
    pub evaluation: Evaluation,
}

impl Evidence {
    /// The token page's line on the Trader Grade's record (see
    /// [`strong_week_line`]); `None` when no week had a token above 80.
    pub fn strong_week_line(&self) -> Option<String> {
        self.evaluation
            .strong_weeks()
            .as_ref()
            .map(strong_week_line)
    }
}

/// "A Trader Grade above 80 was followed by a better-than-median week 52 %
/// of the time (23 weeks with such a grade, 2024-07 → 2025-06, out of
/// sample)."
pub fn strong_week_line(s: &StrongWeeks) -> String {
    format!(
        "A Trader Grade above 80 was followed by a better-than-median week {:.0} % of the time ({} weeks with such a grade, {} → {}, out of sample).",
        100.0 * s.hit_rate,
        s.weeks,
        s.first_month,
        s.last_month,
    )
}

thread_local! {
    static KEPT: RefCell<Option<Rc<Evidence>>> = const { RefCell::new(None) };
}

/// The evidence computed earlier in this session, if any.
pub fn kept() -> Option<Rc<Evidence>> {
    KEPT.with(|k| k.borrow().clone())
}

/// Evaluates the daily history (or returns the session's result), counting
/// the tokens prepared in `progress` as `(done, total)`.
pub async fn evidence(
    history: &History,
    progress: RwSignal<(usize, usize)>,
) -> Result<Rc<Evidence>, String> {
    if let Some(e) = kept() {
        progress.try_set((1, 1));
        return Ok(e);
    }
    let daily = &history.daily;
    let members: Vec<(String, tokenlens_core::analysis::PriceSeries)> = daily
        .symbols
        .iter()
        .filter_map(|pair| Some((pair_symbol(pair).to_owned(), daily.series(pair)?)))
        .collect();
    let benchmark = members
        .iter()
        .find(|m| m.0 == BENCHMARK_SYMBOL)
        .map(|m| m.1.clone());
    let options = EvaluationOptions::default();
    let mut preparing = Preparing::grades_only(benchmark.as_ref());
    progress.try_set((0, members.len()));
    for slice in members.chunks(SLICE) {
        for (symbol, series) in slice {
            preparing.add(symbol, series);
        }
        progress.try_update(|p| p.0 += slice.len());
        next_task().await;
    }
    let prepared = preparing.finish(&options);
    next_task().await;
    let evaluation = evaluate_prepared(&prepared, &options).map_err(|e| e.to_string())?;
    let e = Rc::new(Evidence {
        as_of: history.as_of.clone(),
        source: history.sources.join("; "),
        evaluation,
    });
    KEPT.with(|k| *k.borrow_mut() = Some(e.clone()));
    Ok(e)
}

/// The token page's line on the Trader Grade's record, with a link to the
/// Evidence page: the session's evaluation when the Evidence page has made
/// it, else the record computed by the same evaluation when the data was
/// bundled (`data/latest.json`), so a token page neither downloads the
/// whole history nor evaluates it.
#[component]
pub fn EvidenceLine() -> impl IntoView {
    let line = LocalResource::new(move || async move {
        if let Some(e) = kept() {
            return e.strong_week_line();
        }
        let latest = crate::api::load_latest().await.ok()?;
        latest.trader_record.as_ref().map(strong_week_line)
    });
    view! {
        <p class="muted" data-testid="evidence-line">
            <Suspense fallback=|| "Reading the Trader Grade's record…">
                {move || {
                    line.get()
                        .flatten()
                        .map(|l| {
                            view! {
                                {l}
                                " "
                                <leptos_router::components::A href=crate::href("/evidence")>
                                    "The evidence"
                                </leptos_router::components::A>
                            }
                        })
                }}
            </Suspense>
        </p>
    }
}

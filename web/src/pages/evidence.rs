//! `/evidence`: do the grades tell anything about what followed? The
//! walk-forward evaluation of both grades and the signal over the bundled
//! history, computed in the browser while the page shows its progress.

use leptos::prelude::*;
use leptos_router::components::A;
use tokenlens_core::evaluation::{Evaluation, Period, Stats};
use tokenlens_core::format::change_pct;

use crate::api::load_history;
use crate::components::bar_chart::{BarChart, BarGroup, BarSeries};
use crate::components::charts::{Line, LineChart, Rule};
use crate::components::data_source::{DataSource, Provenance};
use crate::evidence::{Evidence, evidence};
use crate::href;
use tokenlens_core::chart::AxisFormat;

/// `/evidence`.
#[component]
pub fn EvidencePage() -> impl IntoView {
    let progress = RwSignal::new((0usize, 0usize));
    let data = LocalResource::new(move || async move {
        let history = load_history().await.map_err(|e| e.to_string())?;
        evidence(&history, progress).await
    });
    view! {
        <h1>"Evidence"</h1>
        <p class="lede">
            "Do the grades tell anything about what followed? Every week of the bundled history, each token's grade as of that day is set against its return over the next 7 days (Trader Grade) or 30 days (Investor Grade). The grades' parts and weights were chosen on data up to 2024-06-30; every week after that is out of sample. Computed now, in your browser, by the same code as "
            <code>"tokenlens evaluate"</code>
            "."
        </p>
        <Transition fallback=move || progress_view(progress)>
            {move || {
                data.get()
                    .map(|result| match result {
                        Ok(e) => body(&e).into_any(),
                        Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                    })
            }}
        </Transition>
    }
}

fn progress_view(progress: RwSignal<(usize, usize)>) -> impl IntoView {
    view! {
        <section class="card" data-testid="evidence-progress" aria-busy="true">
            <p role="status">
                {move || {
                    let (done, total) = progress.get();
                    if total == 0 {
                        "Loading the bundled history…".to_owned()
                    } else {
                        format!("Evaluating {done} of {total} tokens…")
                    }
                }}
            </p>
            <progress
                aria-label="Tokens evaluated"
                max=move || progress.get().1.max(1).to_string()
                value=move || progress.get().0.to_string()
            ></progress>
        </section>
    }
}

/// `+0.095` with its sign, coloured by it.
fn signed(x: Option<f64>, decimals: usize) -> impl IntoView {
    match x.filter(|v| v.is_finite()) {
        None => view! { <span>"—"</span> }.into_any(),
        Some(v) => {
            let class = if v > 0.0 {
                "up"
            } else if v < 0.0 {
                "down"
            } else {
                ""
            };
            view! { <span class=class>{format!("{v:+.decimals$}").replace('-', "−")}</span> }
                .into_any()
        }
    }
}

fn pct(x: Option<f64>) -> String {
    x.filter(|v| v.is_finite())
        .map_or("—".into(), |v| format!("{:.0} %", 100.0 * v))
}

fn stats<'a>(e: &'a Evaluation, name: &str, h: usize, period: Period) -> Option<&'a Stats> {
    e.measure(name)?.at(h, period)
}

fn headline(e: &Evaluation, name: &'static str, title: &'static str, h: usize) -> impl IntoView {
    let Some(s) = stats(e, name, h, Period::OutOfSample).cloned() else {
        return view! {
            <section class="card" data-testid=name>
                <h2>{title}</h2>
                <p class="muted">"Not enough history to evaluate."</p>
            </section>
        }
        .into_any();
    };
    let t_note = match s.t {
        Some(t) if t.abs() >= 2.0 => "unlikely to be luck (|t| ≥ 2)",
        Some(_) => "within what luck could give (|t| < 2)",
        None => "too few weeks for a t-statistic",
    };
    let hit = s.hit.clone().map(|h| {
        view! {
            <li>
                {format!(
                    "On the {} weeks with a token graded above 80, those tokens beat the median token in {} of them ({} of the token-weeks).",
                    h.dates,
                    pct(h.date_hit_rate),
                    pct(h.token_hit_rate),
                )}
            </li>
        }
    });
    let (first, last) = (
        s.ics.first().map(|d| d.date.clone()).unwrap_or_default(),
        s.ics.last().map(|d| d.date.clone()).unwrap_or_default(),
    );
    view! {
        <section class="card" data-testid=name>
            <h2>{title}</h2>
            <p class="headline-figure">
                "Rank IC "
                {signed(s.mean_ic, 3)}
                {format!(" · t {}", s.t.map_or("—".into(), |t| format!("{t:.1}")))}
            </p>
            <ul>
                <li>
                    {format!(
                        "Mean rank correlation with the next {h} days' return over {} weeks ({first} → {last}): {t_note}; positive in {} of the weeks.",
                        s.dates,
                        pct(s.share_positive),
                    )}
                </li>
                <li>
                    "The top fifth by grade returned "
                    {signed(s.spread.map(|x| 100.0 * x), 2)}
                    {format!(" points more than the bottom fifth over {h} days, on average.")}
                </li>
                {hit}
            </ul>
        </section>
    }
    .into_any()
}

/// An IC on the axis: `+0.25`.
fn ic_chart(e: &Evaluation) -> impl IntoView {
    let Some(s) = stats(e, "trader_grade", 7, Period::OutOfSample) else {
        return ().into_any();
    };
    let dates: Vec<String> = s.ics.iter().map(|d| d.date.clone()).collect();
    let ics: Vec<Option<f64>> = s.ics.iter().map(|d| Some(d.ic)).collect();
    // The mean of the last four weeks, to read the trend through the noise.
    let smooth: Vec<Option<f64>> = (0..ics.len())
        .map(|i| {
            let w = &s.ics[i.saturating_sub(3)..=i];
            Some(w.iter().map(|d| d.ic).sum::<f64>() / w.len() as f64)
        })
        .collect();
    view! {
        <section class="card" data-testid="ic-chart">
            <h2>"Trader Grade week by week"</h2>
            <LineChart
                title="Rank IC of the Trader Grade with the next 7 days' return, each week out of sample, and its 4-week mean".to_owned()
                dates
                lines=vec![
                    Line { values: ics, class: "line-rsi", label: "rank IC".into() },
                    Line { values: smooth, class: "line-price", label: "4-week mean".into() },
                ]
                rules=vec![Rule { value: 0.0, class: "rule zero", label: "no information".into() }]
                height=220.0
                axis=AxisFormat::Signed
                testid="ic-over-time"
            />
            <p class="muted">
                "Above 0: that week, tokens with a higher grade did better over the next 7 days. One week is noise; the mean over many is the evidence."
            </p>
        </section>
    }
    .into_any()
}

fn quintiles(e: &Evaluation) -> impl IntoView {
    let q = |name: &str, h: usize| {
        stats(e, name, h, Period::OutOfSample)
            .filter(|s| s.quintiles.len() == 5)
            .map(|s| s.quintiles.clone())
    };
    let (Some(t), Some(i)) = (q("trader_grade", 7), q("investor_grade", 30)) else {
        return ().into_any();
    };
    let groups: Vec<BarGroup> = (0..5)
        .map(|k| BarGroup {
            label: match k {
                0 => "lowest fifth".into(),
                4 => "highest fifth".into(),
                _ => format!("fifth {}", k + 1),
            },
            values: vec![Some(t[k]), Some(i[k])],
        })
        .collect();
    view! {
        <section class="card" data-testid="quintiles">
            <h2>"Return by fifth of the grade"</h2>
            <p class="muted">
                "Each week the tokens are split into five equal groups by grade; the bars are each group's mean return over the next 7 days (Trader Grade) or 30 days (Investor Grade), out of sample."
            </p>
            <BarChart
                label="Mean forward return of each fifth of the tokens by grade, out of sample".to_owned()
                series=vec![
                    BarSeries { name: "Trader, 7 d".into(), class: "bar-7d" },
                    BarSeries { name: "Investor, 30 d".into(), class: "bar-30d" },
                ]
                groups
            />
        </section>
    }
    .into_any()
}

fn signal_section(e: &Evaluation) -> impl IntoView {
    let fwd = e
        .signal
        .iter()
        .find(|s| s.period == Period::OutOfSample && s.horizon == 7)
        .cloned();
    let timing = e
        .timing
        .iter()
        .find(|t| t.period == Period::OutOfSample)
        .cloned();
    view! {
        <section class="card" data-testid="signal-evidence">
            <h2>"The signal"</h2>
            {fwd.map(|s| view! {
                <p>
                    "Out of sample, the 7 days after a bullish reading returned "
                    <strong>{change_pct(s.bullish_return)}</strong>
                    {format!(" on average ({} token-weeks), after a bearish one ", s.bullish_count)}
                    <strong>{change_pct(s.bearish_return)}</strong>
                    {format!(" ({} token-weeks).", s.bearish_count)}
                </p>
            })}
            {timing.map(|t| view! {
                <p>
                    {format!(
                        "Held only while bullish, it was in the market {:.0} % of the days and beat {:.1} % of 1,000 random timings with the same time in the market and the same number of trades. ",
                        100.0 * t.exposure,
                        t.percentile,
                    )}
                    {if t.percentile >= 95.0 {
                        "That is better than chance: the timing itself carries information."
                    } else if t.percentile <= 5.0 {
                        "That is worse than chance over this period: its exits were badly timed, whatever they saved in drawdown."
                    } else {
                        "That is within chance: what it saves is mostly the time out of the market."
                    }}
                </p>
            })}
            <p class="muted">
                {format!(
                    "It changes its mind about {:.1} times per half year (median over {} tokens); a crash (a fall over 3 days far beyond the token's usual moves) ended {} bullish states at once.",
                    e.flips.median_per_half_year,
                    e.flips.tokens,
                    e.flips.crash_exits,
                )}
            </p>
        </section>
    }
}

fn body(e: &Evidence) -> impl IntoView {
    let v = &e.evaluation;
    let provenance = Provenance::Snapshot {
        as_of: e.as_of.clone(),
        source: e.source.clone(),
        reason: None,
    };
    view! {
        <DataSource provenance />
        <div class="grid">
            {headline(v, "trader_grade", "Trader Grade: the next 7 days", 7)}
            {headline(v, "investor_grade", "Investor Grade: the next 30 days", 30)}
        </div>
        {ic_chart(v)}
        {quintiles(v)}
        {signal_section(v)}
        <section class="card" data-testid="evidence-caveats">
            <h2>"How to read this"</h2>
            <ul>
                <li>
                    {format!(
                        "{} tokens, every {} days from {} to {}; stablecoins, fiat and gold-backed tokens left out ({}).",
                        v.tokens,
                        v.every,
                        v.first_date,
                        v.last_date,
                        v.stable.join(", "),
                    )}
                </li>
                <li>
                    "The bundled history starts in May 2024, so the weeks it can evaluate are after the fit period: these figures are all out of sample. The fit period's own figures, and every candidate the rule weighed, are in the project's evidence report (docs/evidence)."
                </li>
                <li>
                    "Only pairs still listed when the data was recorded are here: tokens delisted after a collapse are missing, which flatters every return; rank correlations suffer less."
                </li>
                <li>
                    "A rank IC of +0.05 is small for one token and one week, and useful across many: it is an edge on average, not a forecast. "
                    <A href=href("/screener")>"Screen the grades"</A>
                    " or read a token's parts on its page."
                </li>
            </ul>
        </section>
    }
}

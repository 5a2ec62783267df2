//! The screener's controls: one-click presets, the filters and the column
//! chooser. Each filter is one of three small components (a choice, a grade
//! bound, an amount) told how to read and write its part of the [`View`].

use leptos::prelude::*;
use tokenlens_core::analysis::signal::SignalState;
use tokenlens_core::market_cap::MarketCapClass;
use tokenlens_core::universe::narratives::Narrative;
use tokenlens_core::universe::screen::ScreenRow;

use super::state::ViewState;
use super::view::{COLUMNS, Column, PRESETS, View, preset_view};

/// The presets and a reset (columns are kept).
#[component]
pub fn Presets(state: ViewState, rows: StoredValue<Vec<ScreenRow>>) -> impl IntoView {
    let presets = PRESETS
        .iter()
        .map(|p| {
            let has_caps = rows.with_value(|r| r.iter().any(|r| r.class.is_some()));
            let unavailable = p.unavailable(has_caps);
            let pressed = move || {
                state
                    .with(|v| preset_view(p, v.columns.clone()) == *v)
                    .to_string()
            };
            view! {
                <button
                    type="button"
                    class="preset"
                    aria-pressed=pressed
                    disabled=unavailable.is_some()
                    title=unavailable.unwrap_or("")
                    on:click=move |_| state.set(preset_view(p, state.now().columns))
                >
                    {p.label}
                </button>
            }
        })
        .collect_view();
    let reset = move |_| {
        state.set(View {
            columns: state.now().columns,
            ..View::default()
        })
    };
    view! {
        <div class="presets" role="group" aria-label="Presets">
            {presets}
            <button type="button" class="preset" on:click=reset>
                "Reset"
            </button>
        </div>
    }
}

/// Every filter and the column chooser; `children` close the row (the
/// export buttons). The volume filters are disabled, with a reason, when
/// the data has no volumes.
#[component]
pub fn Filters(
    state: ViewState,
    /// The optional columns this data has figures for.
    with_data: StoredValue<Vec<Column>>,
    children: Children,
) -> impl IntoView {
    let has_volume = with_data.with_value(|d| d.contains(&Column::Volume));
    let volume_hint = if has_volume {
        ""
    } else {
        "needs live market figures, which this data does not have"
    };
    // Classes come from market caps, which the bundled history does not have.
    let class_hint = (!with_data.with_value(|d| d.contains(&Column::Class)))
        .then_some("needs market caps, which this data does not have");
    let signals = vec![
        ("", "Any"),
        ("bullish", "Bullish"),
        ("bearish", "Bearish"),
        ("neutral", "Neutral"),
    ];
    let flips = vec![
        ("", "any time"),
        ("1", "1 day"),
        ("3", "3 days"),
        ("7", "7 days"),
        ("30", "30 days"),
    ];
    let classes = vec![
        ("", "Any"),
        ("large", "Large"),
        ("mid", "Mid"),
        ("small", "Small"),
        ("micro", "Micro"),
    ];
    let narratives: Vec<(&str, &str)> = std::iter::once(("", "Any"))
        .chain(Narrative::ALL.into_iter().map(|n| (n.id(), n.name())))
        .collect();
    // On a phone the filters fold behind one button (CSS shows it under
    // 40rem), which says how many narrow the view.
    let open = RwSignal::new(false);
    let toggle_label = move || {
        let active =
            state.with(|v| v.filters.active().len() + usize::from(!v.search.trim().is_empty()));
        match active {
            0 => "Filters".to_owned(),
            n => format!("Filters · {n} on"),
        }
    };
    view! {
        <button
            type="button"
            class="filters-toggle"
            aria-expanded=move || if open.get() { "true" } else { "false" }
            aria-controls="screener-filters"
            data-testid="filters-toggle"
            on:click=move |_| open.update(|o| *o = !*o)
        >
            {toggle_label}
        </button>
        <div class="filters" class:open=open id="screener-filters">
            <label>
                "Search "
                <input
                    name="search"
                    type="search"
                    maxlength="40"
                    prop:value=move || state.with(|v| v.search.clone())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        state.update(|v| v.search = text)
                    }
                />
            </label>
            <Choice
                label="Signal "
                name="signal"
                options=signals
                state
                get={|v| v.filters.signal.map_or("", SignalState::as_str).to_owned()}
                set={|v, s| v.filters.signal = parse_signal(s)}
            />
            <GradeBound
                label="Trader Grade from "
                name="min-grade"
                state
                absent=0.0
                get={|v| v.filters.trader.0}
                set={|v, g| v.filters.trader = (g.min(v.filters.trader.1), v.filters.trader.1)}
            />
            <GradeBound
                label=" to "
                name="max-grade"
                state
                absent=100.0
                get={|v| v.filters.trader.1}
                set={|v, g| v.filters.trader = (v.filters.trader.0.min(g), g)}
            />
            <GradeBound
                label="Investor Grade from "
                name="min-investor"
                state
                absent=0.0
                get={|v| v.filters.investor.0}
                set={|v, g| v.filters.investor = (g.min(v.filters.investor.1), v.filters.investor.1)}
            />
            <Choice
                label="Flipped bullish within "
                name="flipped"
                options=flips
                state
                get={|v| v.filters.flipped_within.map_or(String::new(), |n| n.to_string())}
                set={|v, s| {
                    v.filters.flipped_within = s.parse::<i64>().ok();
                    if v.filters.flipped_within.is_some() {
                        v.filters.signal = Some(SignalState::Bullish);
                    }
                }}
            />
            <Choice
                label="Class "
                name="class"
                options=classes
                state
                unavailable=class_hint
                get={|v| v.filters.class.map_or("", MarketCapClass::as_str).to_owned()}
                set={|v, s| v.filters.class = parse_class(s)}
            />
            <Choice
                label="Narrative "
                name="narrative"
                options=narratives
                state
                get={|v| v.filters.narrative.map_or("", Narrative::id).to_owned()}
                set={|v, s| v.filters.narrative = s.parse::<Narrative>().ok()}
            />
            <Amount
                label="Volume 24 h from $ "
                name="min-volume"
                suffix=""
                hint=volume_hint
                enabled=has_volume
                state
                get={|v| v.filters.min_volume.map_or(String::new(), |n| n.to_string())}
                set={|v, n| v.filters.min_volume = n}
            />
            <Amount
                label="Volume / market cap from "
                name="min-volume-to-market-cap"
                suffix=" %"
                hint=volume_hint
                enabled=has_volume
                state
                get={|v| {
                    v.filters.min_volume_to_market_cap
                        .map_or(String::new(), |q| format!("{}", (q * 100.0 * 1e6).round() / 1e6))
                }}
                set={|v, p| v.filters.min_volume_to_market_cap = p.map(|p| p / 100.0)}
            />
            <ColumnChooser state with_data />
            {children()}
        </div>
    }
}

fn parse_signal(s: &str) -> Option<SignalState> {
    match s {
        "bullish" => Some(SignalState::Bullish),
        "bearish" => Some(SignalState::Bearish),
        "neutral" => Some(SignalState::Neutral),
        _ => None,
    }
}

fn parse_class(s: &str) -> Option<MarketCapClass> {
    match s {
        "large" => Some(MarketCapClass::Large),
        "mid" => Some(MarketCapClass::Mid),
        "small" => Some(MarketCapClass::Small),
        "micro" => Some(MarketCapClass::Micro),
        _ => None,
    }
}

/// A choice among `options` (value, label); `set` reads the chosen value.
#[component]
fn Choice(
    label: &'static str,
    name: &'static str,
    options: Vec<(&'static str, &'static str)>,
    state: ViewState,
    get: fn(&View) -> String,
    set: fn(&mut View, &str),
    /// Why the choice is disabled, when it is.
    #[prop(optional_no_strip)]
    unavailable: Option<&'static str>,
) -> impl IntoView {
    view! {
        <label title=unavailable.unwrap_or("")>
            {label}
            <select
                name=name
                disabled=unavailable.is_some()
                prop:value=move || state.with(get)
                on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    state.update(|v| set(v, &chosen))
                }
            >
                {options
                    .into_iter()
                    .map(|(value, text)| view! { <option value=value>{text}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

/// One end of a grade range: 0 to 100 in steps of 5; an empty or unreadable
/// entry is `absent` (the open end).
#[component]
fn GradeBound(
    label: &'static str,
    name: &'static str,
    state: ViewState,
    absent: f64,
    get: fn(&View) -> f64,
    set: fn(&mut View, f64),
) -> impl IntoView {
    view! {
        <label>
            {label}
            <input
                name=name
                type="number"
                min="0"
                max="100"
                step="5"
                prop:value=move || state.with(|v| get(v).to_string())
                on:change=move |ev| {
                    let grade = event_target_value(&ev)
                        .parse::<f64>()
                        .ok()
                        .filter(|g| g.is_finite())
                        .map_or(absent, |g| g.clamp(0.0, 100.0));
                    state.update(|v| set(v, grade))
                }
            />
        </label>
    }
}

/// A minimum amount: a positive number, or none when empty.
#[component]
fn Amount(
    label: &'static str,
    name: &'static str,
    suffix: &'static str,
    /// Why the filter is disabled, if it is.
    hint: &'static str,
    enabled: bool,
    state: ViewState,
    get: fn(&View) -> String,
    set: fn(&mut View, Option<f64>),
) -> impl IntoView {
    view! {
        <label title=hint>
            {label}
            <input
                name=name
                type="number"
                min="0"
                step="any"
                inputmode="decimal"
                disabled=!enabled
                prop:value=move || state.with(get)
                on:change=move |ev| {
                    let amount = event_target_value(&ev)
                        .trim()
                        .parse::<f64>()
                        .ok()
                        .filter(|v| v.is_finite() && *v > 0.0);
                    state.update(|v| set(v, amount))
                }
            />
            {(!suffix.is_empty()).then_some(suffix)}
        </label>
    }
}

/// The columns shown, one box each; a column this data has no figures for
/// is disabled.
#[component]
fn ColumnChooser(state: ViewState, with_data: StoredValue<Vec<Column>>) -> impl IntoView {
    let boxes = COLUMNS
        .into_iter()
        .map(|c| {
            let missing = !with_data.with_value(|d| d.contains(&c));
            let toggle = move |_| {
                let mut v = state.now();
                if v.columns.contains(&c) {
                    v.columns.retain(|x| *x != c);
                } else {
                    v.columns.push(c);
                    v.columns.sort();
                }
                state.set(v);
            };
            view! {
                <label title=if missing { "no figures for it in this data (live market data only)" } else { "" }>
                    <input
                        type="checkbox"
                        name=format!("col-{}", c.id())
                        disabled=missing
                        // A column without figures is not drawn: not ticked either.
                        prop:checked=move || !missing && state.with(|v| v.columns.contains(&c))
                        on:change=toggle
                    />
                    " "
                    {c.label()}
                </label>
            }
        })
        .collect_view();
    view! {
        <details class="columns">
            <summary>"Columns"</summary>
            <fieldset>
                <legend>"Columns shown"</legend>
                {boxes}
            </fieldset>
        </details>
    }
}

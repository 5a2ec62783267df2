//! `tokenlens universe-report`: the universe views of a wide daily close
//! file, written as a Markdown page (`README.md`) and SVG charts, whatever
//! the results are:
//!
//! 1. the screen of every pair (rows, errors, stablecoins set apart) and the
//!    distribution of the Trader and Investor Grades, on the last date and
//!    pooled over every token and date of the history;
//! 2. the breadth over the whole history, with the dates where the bullish
//!    share crossed 50 %;
//! 3. the narrative rotation backtest against holding BTC and against a
//!    weekly rebalanced equal-weight basket of every non-stablecoin token;
//! 4. the moonshot rule over the history, with the market caps of a recorded
//!    market list when one is given;
//! 5. a timing of the screen on a seeded synthetic universe, written to
//!    `timing.txt` (and standard error) only, so `README.md` and the charts
//!    depend on nothing but the input files and regenerate byte for byte.

mod charts;
mod page;
mod synthetic;

use std::collections::HashSet;
use std::path::Path;

use tokenlens_core::analysis::Interval;
use tokenlens_core::metrics::max_drawdown;
use tokenlens_core::universe::benchmarks::{Basket, equal_weight_basket, held};
use tokenlens_core::universe::breadth::{breadth, crossings};
use tokenlens_core::universe::moonshots::moonshots;
use tokenlens_core::universe::narratives::{
    NarrativeTable, REBALANCE_DAYS, ROTATION_COST, Rotation, rotation,
};
use tokenlens_core::universe::screen::{ScreenRow, screen};
use tokenlens_core::universe::spread::{grade_bins, grade_history};
use tokenlens_core::universe::table::BENCHMARK_SYMBOL;
use tokenlens_core::universe::{Member, Panel};

use crate::report::output_dir;
use crate::universe::{benchmark, members, read_markets, read_table};
use charts::{breadth_chart, grade_history_chart, histogram, rotation_chart};
use page::{Page, readme};
use synthetic::{SYNTHETIC_DAYS, SYNTHETIC_SEED, SYNTHETIC_TOKENS, time_synthetic_screen};

pub fn run(daily: &Path, markets: Option<&Path>, out: &Path) -> Result<(), String> {
    let table = read_table(daily, Interval::Daily, "--daily-close")?;
    let market_file = markets
        .and_then(|m| m.file_name())
        .and_then(|n| n.to_str())
        .map(str::to_owned);
    let market_caps = read_markets(markets)?;
    let file = daily
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("the input file")
        .to_owned();
    let narratives = NarrativeTable::bundled();
    let (universe, build_errors) = members(&table, &Default::default());
    let bench = benchmark(&universe);

    // 1. The screen of every pair.
    let (rows, screen_errors) = screen(&universe, bench.as_ref());
    let mut errors = build_errors;
    errors.extend(screen_errors);
    // Stable as the core flags it on the last date (the table, or a peg).
    let stable: HashSet<&str> = rows
        .iter()
        .filter(|r| r.stable)
        .map(|r| r.symbol.as_str())
        .collect();
    let is_stable = |s: &str| stable.contains(s);
    let (stable_rows, token_rows): (Vec<&ScreenRow>, Vec<&ScreenRow>) =
        rows.iter().partition(|r| r.stable);

    // 2. Breadth, without stablecoins (as `tokenlens breadth`).
    let tokens: Vec<Member> = universe
        .iter()
        .filter(|m| !is_stable(&m.0))
        .cloned()
        .collect();
    let token_panel = Panel::new(&tokens, bench.as_ref());
    let points = breadth(&token_panel);
    let grade_history = grade_history(&token_panel);

    // 3. Rotation (as `tokenlens narratives`: its ranking leaves stablecoins out).
    let full_panel = Panel::new(&universe, bench.as_ref());
    let rot = rotation(&full_panel, &narratives);
    let curves = Curves::new(&full_panel, &rot);

    // 4. Moonshots: the only section that reads market caps (as `tokenlens
    // moonshots`: stablecoins left out).
    let (with_caps, _) = members(&table, &market_caps);
    let with_caps: Vec<Member> = with_caps.into_iter().filter(|m| !is_stable(&m.0)).collect();
    let moon = moonshots(&Panel::new(&with_caps, bench.as_ref()));
    let smallest_cap = with_caps
        .iter()
        .filter_map(|m| m.2.as_ref()?.market_cap)
        .filter(|c| *c > 0.0)
        .min_by(f64::total_cmp);

    let write = output_dir(out)?;
    let trader: Vec<f64> = token_rows.iter().map(|r| r.trader_grade).collect();
    let investor: Vec<f64> = token_rows.iter().filter_map(|r| r.investor_grade).collect();
    write(
        "trader_grades.svg",
        &histogram("Trader Grades of the screen", &file, &grade_bins(&trader)),
    )?;
    write(
        "investor_grades.svg",
        &histogram(
            "Investor Grades of the screen",
            &file,
            &grade_bins(&investor),
        ),
    )?;
    let crossings = crossings(&points);
    write("breadth.svg", &breadth_chart(&points, &crossings, &file))?;
    write(
        "trader_grades_history.svg",
        &grade_history_chart(&grade_history, &file),
    )?;
    if let Some(c) = &curves {
        write("rotation.svg", &rotation_chart(c, &file))?;
    }
    let page = Page {
        file: &file,
        as_of: table.table.last_date(),
        pairs: table.table.symbols.len() + table.unreadable.len(),
        rows: &rows,
        errors: &errors,
        stable: &stable_rows,
        tokens: &token_rows,
        points: &points,
        crossings: &crossings,
        breadth_tokens: token_panel.tokens.len(),
        rotation: &rot,
        curves: curves.as_ref(),
        grade_history: &grade_history,
        moonshots: &moon,
        market_file: market_file.as_deref(),
        smallest_cap,
    };
    write("README.md", &readme(&page))?;
    write("timing.txt", &timing(daily, markets, out))
}

/// The timing of the screen on the synthetic universe (section 5 of the
/// module documentation): printed to standard error, and returned as the
/// text of `timing.txt`.
fn timing(daily: &Path, markets: Option<&Path>, out: &Path) -> String {
    let (elapsed, graded, failed) = time_synthetic_screen();
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    let line = format!(
        "screen of {SYNTHETIC_TOKENS} synthetic tokens x {SYNTHETIC_DAYS} daily closes \
         (seed {SYNTHETIC_SEED}): {:.1} ms, native {profile} build, {graded} graded, {failed} errors",
        elapsed * 1e3
    );
    eprintln!("tokenlens: {line}");
    format!(
        "{line}\nreproduce: tokenlens universe-report --daily-close {}{} --out {}\n\
         (measured by the command itself with std::time::Instant; the figure depends on the \
         machine and build profile)\n",
        daily.display(),
        markets.map_or(String::new(), |m| format!(" --markets {}", m.display())),
        out.display()
    )
}

/// The label of grade bin `i`: `0–10` … `90–100`.
fn bin_label(i: usize) -> String {
    if i == 9 {
        "90–100".into()
    } else {
        format!("{}–{}", 10 * i, 10 * i + 10)
    }
}

/// Equity curves from the rotation's start: the rotation, BTC held, and the
/// equal-weight basket of every non-stablecoin token on the rotation's
/// schedule and costs, with the benchmarks' drawdowns.
struct Curves {
    dates: Vec<String>,
    rotation: Vec<f64>,
    btc: Vec<Option<f64>>,
    basket: Basket,
    /// Deepest fall of each benchmark from its running peak (≤ 0).
    btc_drawdown: f64,
    basket_drawdown: f64,
}

impl Curves {
    fn new(panel: &Panel, rot: &Rotation) -> Option<Self> {
        let start = rot.start_row(panel)?;
        let btc = held(panel, BENCHMARK_SYMBOL, start);
        let every = REBALANCE_DAYS * panel.per_day();
        let basket = equal_weight_basket(panel, start, every, ROTATION_COST);
        let depth = |values: &[f64]| max_drawdown(values).map_or(0.0, |d| d.depth);
        Some(Self {
            dates: (start..panel.times.len()).map(|r| panel.date(r)).collect(),
            rotation: rot.days.iter().map(|d| d.equity).collect(),
            btc_drawdown: depth(&btc.iter().flatten().copied().collect::<Vec<_>>()),
            basket_drawdown: depth(&basket.equity),
            btc,
            basket,
        })
    }
}

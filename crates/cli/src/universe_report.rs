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

use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use tokenlens_core::analysis::{Interval, PriceSeries};
use tokenlens_core::universe::breadth::{BreadthPoint, breadth};
use tokenlens_core::universe::moonshots::{Moonshots, moonshots};
use tokenlens_core::universe::narratives::{
    NarrativeTable, REBALANCE_DAYS, ROTATION_COST, ROTATION_NARRATIVES, ROTATION_TOKENS, Rotation,
    rotation,
};
use tokenlens_core::universe::screen::{ScreenRow, screen};
use tokenlens_core::universe::{Member, Panel, TokenError};

use crate::report::{pct, share};
use crate::svg::Svg;
use crate::universe::{benchmark, members, read_markets, read_table};

/// Synthetic universe of the timing: tokens × daily closes, and its seed.
pub const SYNTHETIC_TOKENS: usize = 1_000;
pub const SYNTHETIC_DAYS: usize = 365;
pub const SYNTHETIC_SEED: u64 = 20_250_612;

const WIDTH: f64 = 820.0;
const HEIGHT: f64 = 360.0;
const LEFT: f64 = 70.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 64.0;
const BOTTOM: f64 = 320.0;

const GREEN: &str = "#16a34a";
const RED: &str = "#dc2626";
const GREY: &str = "#6b7280";
const BLUE: &str = "#2563eb";
const ORANGE: &str = "#d97706";

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
    let stable: std::collections::HashSet<&str> = rows
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
    let grade_history = GradeHistory::new(&token_panel);

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

    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let write = |name: &str, text: &str| {
        let path = out.join(name);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("{}", path.display());
        Ok::<(), String>(())
    };
    let trader: Vec<f64> = token_rows.iter().map(|r| r.trader_grade).collect();
    let investor: Vec<f64> = token_rows.iter().filter_map(|r| r.investor_grade).collect();
    write(
        "trader_grades.svg",
        &histogram("Trader Grades of the screen", &file, &bins(&trader)),
    )?;
    write(
        "investor_grades.svg",
        &histogram("Investor Grades of the screen", &file, &bins(&investor)),
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

    // 5. The timing: standard error and timing.txt only.
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
    write(
        "timing.txt",
        &format!(
            "{line}\nreproduce: tokenlens universe-report --daily-close {}{} --out {}\n\
             (measured by the command itself with std::time::Instant; the figure depends on the \
             machine and build profile)\n",
            daily.display(),
            markets.map_or(String::new(), |m| format!(" --markets {}", m.display())),
            out.display()
        ),
    )
}

/// Ten 10-point bins over 0–100 (100 falls in the last).
fn bins(values: &[f64]) -> [usize; 10] {
    let mut b = [0; 10];
    for &v in values {
        if v.is_finite() {
            b[((v / 10.0).floor().clamp(0.0, 9.0)) as usize] += 1;
        }
    }
    b
}

fn bin_label(i: usize) -> String {
    if i == 9 {
        "90–100".into()
    } else {
        format!("{}–{}", 10 * i, 10 * i + 10)
    }
}

/// Median and quartiles of a sample (linear interpolation).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let pos = q * (sorted.len() - 1) as f64;
    let (i, f) = (pos.floor() as usize, pos.fract());
    let j = (i + 1).min(sorted.len() - 1);
    sorted[i] + f * (sorted[j] - sorted[i])
}

/// A plain sentence on whether the grades cluster: they do when the densest
/// 20-point band (two adjacent bins) holds at least half of them.
fn cluster_sentence(name: &str, values: &[f64]) -> String {
    let b = bins(values);
    let total: usize = b.iter().sum();
    if total == 0 {
        return format!("No {name} could be computed.");
    }
    let (i, band) = (0..9)
        .map(|i| (i, b[i] + b[i + 1]))
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .unwrap_or((0, 0));
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    let (q1, med, q3) = (
        quantile(&sorted, 0.25),
        quantile(&sorted, 0.5),
        quantile(&sorted, 0.75),
    );
    let frac = band as f64 / total as f64;
    let verdict = if frac >= 0.5 {
        "**cluster**"
    } else {
        "**do not cluster**"
    };
    format!(
        "{name} {verdict}: {band} of {total} ({}) lie between {} and {}; median {med:.1}, \
         interquartile range {q1:.1}–{q3:.1}, range {:.1}–{:.1}.",
        share(frac),
        10 * i,
        10 * i + 20,
        sorted[0],
        sorted[sorted.len() - 1]
    )
}

/// The days the bullish share crossed 50 %: `(row, upward)`. A share of
/// exactly 50 % counts as not above.
fn crossings(points: &[BreadthPoint]) -> Vec<(usize, bool)> {
    let mut out = Vec::new();
    let mut prev: Option<bool> = None;
    for (i, p) in points.iter().enumerate() {
        let Some(s) = p.bullish_share else { continue };
        let above = s > 0.5;
        if let Some(was) = prev
            && was != above
        {
            out.push((i, above));
        }
        prev = Some(above);
    }
    out
}

/// Equity curves from the rotation's start: the rotation, BTC held, and the
/// equal-weight basket of every non-stablecoin token.
struct Curves {
    dates: Vec<String>,
    rotation: Vec<f64>,
    btc: Vec<Option<f64>>,
    basket: Vec<f64>,
    /// Tokens in the basket at its first and last rebalance.
    basket_first: usize,
    basket_last: usize,
}

impl Curves {
    fn new(panel: &Panel, rot: &Rotation) -> Option<Self> {
        let start_date = rot.start.as_ref()?;
        let start = (0..panel.times.len()).find(|&r| &panel.date(r) == start_date)?;
        let rows = panel.times.len();
        let btc = panel.token("BTC").map_or(vec![None; rows - start], |t| {
            let base = t.bar(start).map(|b| t.close[b]);
            (start..rows)
                .map(|r| Some(t.close[t.bar(r)?] / base?))
                .collect()
        });
        let ks: Vec<usize> = (0..panel.tokens.len())
            .filter(|&k| !panel.tokens[k].stable.last().copied().unwrap_or(false))
            .collect();
        let mut value = vec![0.0; panel.tokens.len()];
        let mut cash = 1.0;
        let mut basket = Vec::with_capacity(rows - start);
        let (mut first, mut last) = (None, 0);
        for row in start..rows {
            for &k in &ks {
                let t = &panel.tokens[k];
                if let Some(b) = t.bar(row)
                    && let Some(prev) = t.back(b, 1)
                {
                    value[k] *= t.close[b] / t.close[prev];
                }
            }
            if (row - start) % REBALANCE_DAYS == 0 {
                let listed: Vec<usize> = ks
                    .iter()
                    .copied()
                    .filter(|&k| panel.tokens[k].bar(row).is_some())
                    .collect();
                let equity = cash + ks.iter().map(|&k| value[k]).sum::<f64>();
                if !listed.is_empty() {
                    let target = equity / listed.len() as f64;
                    let turnover: f64 = ks
                        .iter()
                        .map(|&k| {
                            let goal = if listed.contains(&k) { target } else { 0.0 };
                            (goal - value[k]).abs()
                        })
                        .sum::<f64>();
                    // Every bought or sold dollar pays the cost of its side.
                    let after = equity - turnover * ROTATION_COST;
                    for &k in &ks {
                        value[k] = 0.0;
                    }
                    for &k in &listed {
                        value[k] = after / listed.len() as f64;
                    }
                    cash = 0.0;
                    first.get_or_insert(listed.len());
                    last = listed.len();
                }
            }
            basket.push(cash + ks.iter().map(|&k| value[k]).sum::<f64>());
        }
        Some(Self {
            dates: (start..rows).map(|r| panel.date(r)).collect(),
            rotation: rot.days.iter().map(|d| d.equity).collect(),
            btc,
            basket,
            basket_first: first.unwrap_or(0),
            basket_last: last,
        })
    }
}

/// Deepest fall from a running peak (≤ 0).
fn max_drawdown(values: impl IntoIterator<Item = f64>) -> f64 {
    let mut peak = f64::MIN;
    let mut dd: f64 = 0.0;
    for v in values {
        peak = peak.max(v);
        dd = dd.min(v / peak - 1.0);
    }
    dd
}

struct Page<'a> {
    file: &'a str,
    as_of: String,
    pairs: usize,
    rows: &'a [ScreenRow],
    errors: &'a [TokenError],
    stable: &'a [&'a ScreenRow],
    tokens: &'a [&'a ScreenRow],
    points: &'a [BreadthPoint],
    crossings: &'a [(usize, bool)],
    breadth_tokens: usize,
    rotation: &'a Rotation,
    curves: Option<&'a Curves>,
    grade_history: &'a GradeHistory,
    moonshots: &'a Moonshots,
    market_file: Option<&'a str>,
    smallest_cap: Option<f64>,
}

fn opt_grade(g: Option<f64>) -> String {
    g.map_or("–".into(), |g| format!("{g:.1}"))
}

fn readme(p: &Page<'_>) -> String {
    let mut s = String::new();
    let w = &mut s;
    let _ = writeln!(w, "# Universe report\n");
    let _ = writeln!(
        w,
        "Generated by `tokenlens universe-report --daily-close data/sources/{}{} --out \
         docs/universe` from the repository's wide file of Binance spot daily closes ({} pairs, \
         last date {}). Everything on this page and in its charts depends only on the input \
         files: regenerating it \
         gives the same bytes (a test checks it). Formulas are in `docs/METHODOLOGY.md` \
         (\"Universe\"). Symbols are the pairs' base assets (`BTCUSDT` → `BTC`); BTC is the \
         benchmark of the Trader Grade's relative strength. Market figures are used by the \
         moonshot section only{}, so the Investor Grade rests on the price history alone.\n",
        p.file,
        p.market_file
            .map_or(String::new(), |m| format!(" --markets data/sources/{m}")),
        p.pairs,
        p.as_of,
        p.market_file
            .map_or(String::new(), |m| format!(" (market caps from `{m}`)"))
    );

    // 1. Screen.
    let _ = writeln!(w, "## 1. Screen of all {} pairs\n", p.pairs);
    let stale = p.rows.iter().filter(|r| r.date != p.as_of).count();
    let _ = writeln!(
        w,
        "- Pairs in the file: **{}**\n- Rows (graded): **{}**, of which **{}** stable (stablecoin, fiat or gold) \
         pairs set apart below and **{}** tokens\n- Errors (not graded): **{}**\n- Rows whose \
         last close is before {}: {}\n",
        p.pairs,
        p.rows.len(),
        p.stable.len(),
        p.tokens.len(),
        p.errors.len(),
        p.as_of,
        stale
    );
    if p.errors.is_empty() {
        let _ = writeln!(w, "Every pair could be graded.\n");
    } else {
        let _ = writeln!(w, "### Errors\n\n| Symbol | Code | Reason |\n|---|---|---|");
        for e in p.errors {
            let _ = writeln!(w, "| {} | `{}` | {} |", e.symbol, e.code, e.message);
        }
        let _ = writeln!(w);
    }
    let _ = writeln!(
        w,
        "### Stablecoins, fiat and gold\n\nThe core flags these as stable: its table of \
         stablecoins, fiat and gold-backed tokens (EUR is the euro itself as Binance lists it), \
         or a daily volatility under 1 % over the last 90 days. A grade of a pegged asset \
         measures noise around its peg, so they are listed here and left out of the histograms, \
         the breadth and the equal-weight basket.\n\n| Symbol | Last close | Trader Grade | \
         Investor Grade |\n|---|---:|---:|---:|"
    );
    for r in p.stable {
        let _ = writeln!(
            w,
            "| {} | {:.4} | {:.1} | {} |",
            r.symbol,
            r.price,
            r.trader_grade,
            opt_grade(r.investor_grade)
        );
    }
    let trader: Vec<f64> = p.tokens.iter().map(|r| r.trader_grade).collect();
    let investor: Vec<f64> = p.tokens.iter().filter_map(|r| r.investor_grade).collect();
    let (tb, ib) = (bins(&trader), bins(&investor));
    let _ = writeln!(
        w,
        "\n### Grade distribution ({} tokens)\n\n![Trader Grades](trader_grades.svg)\n\n\
         ![Investor Grades](investor_grades.svg)\n\n| Bin | Trader Grade | Investor Grade |\n\
         |---|---:|---:|",
        p.tokens.len()
    );
    for i in 0..10 {
        let _ = writeln!(w, "| {} | {} | {} |", bin_label(i), tb[i], ib[i]);
    }
    let _ = writeln!(
        w,
        "| no grade | 0 | {} |\n",
        p.tokens.len() - ib.iter().sum::<usize>()
    );
    let _ = writeln!(
        w,
        "{}\n\n{}\n\nA bin holds grades from its lower bound up to, not including, its upper \
         bound (100 falls in the last). \"Cluster\" here means that the densest 20-point band \
         holds at least half of the grades.\n",
        cluster_sentence("Trader Grades", &trader),
        cluster_sentence("Investor Grades", &investor)
    );
    grade_history_section(w, p);

    // 2. Breadth.
    let _ = writeln!(w, "## 2. Breadth over the whole history\n");
    let counted: Vec<&BreadthPoint> = p.points.iter().filter(|x| x.eligible > 0).collect();
    if let (Some(first), Some(last)) = (counted.first(), counted.last()) {
        let _ = writeln!(
            w,
            "{} tokens (stablecoins left out). A token counts on a date when it has a bar \
             that day and its signal has left its 51-bar warm-up, so the breadth starts on \
             {} with {} tokens and ends on {} with {}.\n\n![Breadth](breadth.svg)\n",
            p.breadth_tokens, first.date, first.eligible, last.date, last.eligible
        );
        let mean = |f: fn(&BreadthPoint) -> Option<f64>| {
            counted.iter().filter_map(|x| f(x)).sum::<f64>() / counted.len() as f64
        };
        let above = counted
            .iter()
            .filter(|x| x.bullish_share.is_some_and(|s| s > 0.5))
            .count();
        let _ = writeln!(
            w,
            "On the last date {} of tokens were bullish and {} above their SMA(50). Over the \
             {} dates, the bullish share averaged {} and the share above SMA(50) {}; the \
             bullish share was above 50 % on {} dates ({}).\n",
            share(last.bullish_share.unwrap_or(0.0)),
            share(last.above_sma50_share.unwrap_or(0.0)),
            counted.len(),
            share(mean(|x| x.bullish_share)),
            share(mean(|x| x.above_sma50_share)),
            above,
            share(above as f64 / counted.len() as f64)
        );
        if p.crossings.is_empty() {
            let _ = writeln!(w, "The bullish share never crossed 50 %.\n");
        } else {
            let _ = writeln!(
                w,
                "The bullish share crossed 50 % {} times (marked on the chart; a share of \
                 exactly 50 % counts as not above):\n\n| Date | Direction | Bullish share \
                 | Tokens counted |\n|---|---|---:|---:|",
                p.crossings.len()
            );
            for &(i, up) in p.crossings {
                let x = &p.points[i];
                let _ = writeln!(
                    w,
                    "| {} | {} | {} | {} |",
                    x.date,
                    if up { "up" } else { "down" },
                    share(x.bullish_share.unwrap_or(0.0)),
                    x.eligible
                );
            }
            let _ = writeln!(w);
        }
    } else {
        let _ = writeln!(w, "No token left its warm-up: there is no breadth.\n");
    }

    // 3. Rotation.
    let _ = writeln!(w, "## 3. Narrative rotation backtest\n");
    let r = p.rotation;
    match p.curves {
        None => {
            let _ = writeln!(
                w,
                "The rotation never started: fewer than {ROTATION_NARRATIVES} narratives had \
                 both a 7-day and a 30-day ROI.\n"
            );
        }
        Some(c) => {
            let end = c.dates.last().cloned().unwrap_or_default();
            let _ = writeln!(
                w,
                "The rule (see `docs/METHODOLOGY.md`): every {REBALANCE_DAYS} days hold the \
                 {ROTATION_TOKENS} most highly graded bullish tokens of each of the top \
                 {ROTATION_NARRATIVES} narratives whose 30-day and 7-day equal-weight ROI are \
                 positive, in equal parts; between rebalances a holding leaves on a non-bullish \
                 signal or when its narrative's 7-day ROI turns negative; {:.2} % per side. It \
                 ran from {} to {}.\n\n![Rotation](rotation.svg)\n",
                100.0 * ROTATION_COST,
                c.dates[0],
                end
            );
            let btc_last = c.btc.last().copied().flatten();
            let btc_dd = max_drawdown(c.btc.iter().flatten().copied());
            let _ = writeln!(
                w,
                "| Strategy | Total return | Max drawdown |\n|---|---:|---:|\n\
                 | Narrative rotation | {} | {} |\n| Hold BTC | {} | {} |\n\
                 | Equal-weight basket, rebalanced every {REBALANCE_DAYS} days | {} | {} |\n",
                r.total_return.map_or("–".into(), pct),
                r.max_drawdown.map_or("–".into(), pct),
                btc_last.map_or("–".into(), |v| pct(v - 1.0)),
                pct(btc_dd),
                pct(c.basket.last().copied().unwrap_or(1.0) - 1.0),
                pct(max_drawdown(c.basket.iter().copied()))
            );
            let closed: Vec<_> = r.trades.iter().filter(|t| t.exit_date.is_some()).collect();
            let wins = closed.iter().filter(|t| t.price_return > 0.0).count();
            let _ = writeln!(
                w,
                "The rotation made {} trades ({} closed, {} of them with a positive price \
                 return; {} open at the end); it held nothing on {} of {} days.\n",
                r.trades.len(),
                closed.len(),
                wins,
                r.trades.len() - closed.len(),
                r.days.iter().filter(|d| d.holdings.is_empty()).count(),
                r.days.len()
            );
            let _ = writeln!(
                w,
                "The equal-weight basket holds every non-stablecoin token with a bar on the \
                 rebalance date in equal parts, rebalanced on the rotation's schedule (every \
                 {REBALANCE_DAYS} days from its start), paying {:.2} % on every dollar bought or sold; \
                 a token listed later joins at the next rebalance. It held {} tokens at its \
                 first rebalance and {} at its last. BTC is held from the rotation's first \
                 day, without costs.\n",
                100.0 * ROTATION_COST,
                c.basket_first,
                c.basket_last
            );
            let _ = writeln!(
                w,
                "**Survivorship caveat.** The file holds only pairs still listed on Binance \
                 in June 2025. Tokens delisted during the period, usually after heavy losses, \
                 are missing, which flatters both the rotation and the equal-weight basket \
                 (BTC is unaffected). The narrative table is also today's classification \
                 applied to the past. Read these figures as an upper bound on what the rule \
                 would have done, not as an expected return.\n"
            );
        }
    }

    // 4. Moonshots.
    moonshot_section(w, p);

    // 5. Timing.
    let _ = writeln!(
        w,
        "## 5. Timing\n\nThe command also times the screen of {SYNTHETIC_TOKENS} synthetic \
         tokens × {SYNTHETIC_DAYS} daily closes (a seeded random walk, seed \
         {SYNTHETIC_SEED}, the same universe on every run), natively, with \
         `std::time::Instant`. The figure depends on the machine and the build, so it is \
         not on this page: the command prints it to standard error and writes it to \
         [`timing.txt`](timing.txt), which holds the last measurement and is left out of \
         the regeneration test. To reproduce it, run\n\n```sh\ncargo run --release -p \
         tokenlens-cli -- universe-report --daily-close data/sources/{}{} --out docs/universe\n\
         ```\n\n(`timing.txt` says whether it came from a debug or a release build). The \
         same universe screened in WebAssembly, through the npm package's `screen()` in \
         Node, is timed by `node bench/screen.mjs` (after `bash scripts/build-pkg.sh`), \
         which writes [`timing-wasm.txt`](timing-wasm.txt).",
        p.file,
        p.market_file
            .map_or(String::new(), |m| format!(" --markets data/sources/{m}"))
    );
    s
}

/// Fewest graded tokens for a date's quartiles to be drawn.
const MIN_GRADED: usize = 20;

/// The Trader Grade over the history: every token's grade on every date
/// (pooled into bins), and each date's quartiles.
struct GradeHistory {
    pooled: [usize; 10],
    dates: Vec<String>,
    /// `(first quartile, median, third quartile, graded tokens)` per date,
    /// `None` when fewer than [`MIN_GRADED`] tokens had a grade.
    quartiles: Vec<Option<(f64, f64, f64, usize)>>,
    /// Share of graded tokens at 80 or above, per date.
    strong: Vec<Option<f64>>,
}

impl GradeHistory {
    fn new(panel: &Panel) -> Self {
        let mut pooled = [0; 10];
        let mut quartiles = Vec::with_capacity(panel.times.len());
        let mut strong = Vec::with_capacity(panel.times.len());
        for row in 0..panel.times.len() {
            let mut grades: Vec<f64> = panel
                .tokens
                .iter()
                .filter_map(|t| t.trader[t.bar(row)?])
                .filter(|g| g.is_finite())
                .collect();
            for (bin, n) in pooled.iter_mut().zip(bins(&grades)) {
                *bin += n;
            }
            if grades.len() < MIN_GRADED {
                quartiles.push(None);
                strong.push(None);
                continue;
            }
            grades.sort_by(f64::total_cmp);
            quartiles.push(Some((
                quantile(&grades, 0.25),
                quantile(&grades, 0.5),
                quantile(&grades, 0.75),
                grades.len(),
            )));
            let high = grades.iter().filter(|&&g| g >= 80.0).count();
            strong.push(Some(high as f64 / grades.len() as f64));
        }
        Self {
            pooled,
            dates: (0..panel.times.len()).map(|r| panel.date(r)).collect(),
            quartiles,
            strong,
        }
    }

    /// The date (row) with the lowest and the highest median grade.
    fn extremes(&self) -> Option<(usize, usize)> {
        let medians = self
            .quartiles
            .iter()
            .enumerate()
            .filter_map(|(i, q)| q.map(|q| (i, q.1)));
        let low = medians.clone().min_by(|a, b| a.1.total_cmp(&b.1))?.0;
        let high = medians.max_by(|a, b| a.1.total_cmp(&b.1))?.0;
        Some((low, high))
    }
}

fn grade_history_section(w: &mut String, p: &Page<'_>) {
    let g = p.grade_history;
    let total: usize = g.pooled.iter().sum();
    let _ = writeln!(
        w,
        "### Trader Grades across the history\n\nOne date's grades say as much about that \
         date's market as about the grade: on {}, {} of tokens were bullish. Pooled over every \
         token and every date of the history ({total} token-days with a grade), the Trader \
         Grade spreads over the whole scale:\n\n| Bin | Token-days | Share |\n|---|---:|---:|",
        p.as_of,
        p.points
            .last()
            .and_then(|x| x.bullish_share)
            .map_or("–".into(), share)
    );
    for (i, &n) in g.pooled.iter().enumerate() {
        let _ = writeln!(
            w,
            "| {} | {n} | {} |",
            bin_label(i),
            share(n as f64 / total.max(1) as f64)
        );
    }
    let _ = writeln!(w);
    let Some((low, high)) = g.extremes() else {
        return;
    };
    let describe = |row: usize| {
        let (q1, med, q3, n) = g.quartiles[row].unwrap_or((f64::NAN, f64::NAN, f64::NAN, 0));
        let bullish = p
            .points
            .get(row)
            .and_then(|x| x.bullish_share)
            .map_or("–".into(), share);
        format!(
            "{} (median {med:.1}, interquartile range {q1:.1}–{q3:.1}; {} of {n} graded at 80 \
             or above; {bullish} of tokens bullish)",
            g.dates[row],
            share(g.strong[row].unwrap_or(0.0))
        )
    };
    let _ = writeln!(
        w,
        "![Trader Grades over time](trader_grades_history.svg)\n\nThe median grade moves \
         with the market: it was lowest on {} and highest on {}. Dates with fewer than \
         {MIN_GRADED} graded tokens are not drawn.\n",
        describe(low),
        describe(high)
    );
}

fn moonshot_section(w: &mut String, p: &Page<'_>) {
    let m = p.moonshots;
    let _ = writeln!(
        w,
        "## 4. Moonshots\n\nThe rule (see `docs/METHODOLOGY.md`): a market cap below $50M, \
         a Trader Grade up at least 10 points in 7 days, volume at least twice its 30-day \
         mean, and a bullish signal. Stablecoins are left out.\n"
    );
    match p.market_file {
        Some(file) => {
            let _ = writeln!(
                w,
                "Market caps come from `{file}`, one snapshot applied to every date. {}.{}\n",
                upper_first(&m.market_cap_filter.note),
                p.smallest_cap.map_or(String::new(), |c| {
                    let verdict = if c < 50e6 {
                        "some tokens are small enough to pass the filter"
                    } else {
                        "no token with a known market cap passes the filter; those without \
                         one are judged on the other criteria"
                    };
                    format!(
                        " The smallest known market cap is ${:.0}M: {verdict}.",
                        c / 1e6
                    )
                })
            );
        }
        None => {
            let _ = writeln!(
                w,
                "No market list was given: the market-cap filter is skipped for every token.\n"
            );
        }
    }
    let _ = writeln!(
        w,
        "{}. The file has closes only, so the flags rest on the grade and the signal.\n",
        upper_first(&m.volume_filter.note)
    );
    let closed: Vec<f64> = m.ledger.iter().filter_map(|e| e.return_at_exit).collect();
    let mut sorted = closed.clone();
    sorted.sort_by(f64::total_cmp);
    let wins = closed.iter().filter(|&&r| r > 0.0).count();
    let tokens: std::collections::BTreeSet<&str> =
        m.ledger.iter().map(|e| e.symbol.as_str()).collect();
    let _ = writeln!(
        w,
        "Over the history the ledger holds **{}** episodes of {} tokens: {} closed (the signal \
         turned), {} of them at a gain; median return at exit {}, mean {}. **{}** are open on \
         the last date:\n",
        m.ledger.len(),
        tokens.len(),
        closed.len(),
        wins,
        if sorted.is_empty() {
            "–".into()
        } else {
            pct(quantile(&sorted, 0.5))
        },
        if closed.is_empty() {
            "–".into()
        } else {
            pct(closed.iter().sum::<f64>() / closed.len() as f64)
        },
        m.current.len()
    );
    if !m.current.is_empty() {
        let _ = writeln!(
            w,
            "| Symbol | Flagged | Price then | Grade then (7 d change) | Last close | Since flag \
             |\n|---|---|---:|---:|---:|---:|"
        );
        for e in &m.current {
            let _ = writeln!(
                w,
                "| {} | {} | {} | {:.1} ({:+.1}) | {} | {} |",
                e.symbol,
                e.flagged_date,
                price(e.flagged_price),
                e.flagged_grade,
                e.grade_change_7d,
                price(e.last_price),
                pct(e.return_since_flag)
            );
        }
        let _ = writeln!(w);
    }
    let _ = writeln!(
        w,
        "These figures describe the grade-and-signal part of the rule on survivors (see the \
         caveat above); a flag is not a forecast.\n"
    );
}

fn upper_first(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// A price with four significant digits.
fn price(v: f64) -> String {
    let digits = (3 - v.abs().log10().floor() as i32).clamp(0, 12) as usize;
    format!("{v:.digits$}")
}

fn grade_history_chart(g: &GradeHistory, file: &str) -> String {
    let x = x_scale(g.dates.len());
    let y = |v: f64| BOTTOM - (BOTTOM - TOP) * v / 100.0;
    let title = "Trader Grades over time: median and interquartile range";
    let mut s = Svg::new(WIDTH, HEIGHT);
    frame(
        &mut s,
        title,
        &format!("every token graded on every date (stablecoins left out); {file}"),
    );
    date_ticks(&mut s, &g.dates, &x);
    for v in [0.0, 20.0, 40.0, 60.0, 80.0, 100.0] {
        let style = if v == 80.0 {
            format!(r#"stroke="{GREEN}" stroke-dasharray="4 3""#)
        } else {
            r##"stroke="#f3f4f6""##.to_owned()
        };
        s.line((LEFT, y(v)), (WIDTH - RIGHT, y(v)), &style);
        s.text(
            (LEFT - 6.0, y(v) + 4.0),
            "end",
            &format!(r#"fill="{GREY}""#),
            &format!("{v:.0}"),
        );
    }
    let pick = |f: fn(&(f64, f64, f64, usize)) -> f64| -> Vec<Option<f64>> {
        g.quartiles.iter().map(|q| q.as_ref().map(f)).collect()
    };
    let thin = format!(r#"stroke="{BLUE}" stroke-width="0.8" stroke-opacity="0.6""#);
    segments(&mut s, &pick(|q| q.0), &x, &y, &thin);
    segments(&mut s, &pick(|q| q.2), &x, &y, &thin);
    segments(
        &mut s,
        &pick(|q| q.1),
        &x,
        &y,
        &format!(r#"stroke="{BLUE}" stroke-width="1.6""#),
    );
    legend(
        &mut s,
        &[
            ("median", BLUE),
            ("quartiles", BLUE),
            ("grade 80 (strong)", GREEN),
        ],
    );
    s.finish(title)
}

/// A 64-bit SplitMix generator: small, seeded, the same numbers everywhere.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in (0, 1).
    fn unit(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// Standard normal (Box–Muller).
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.unit(), self.unit());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// The synthetic universe: each token a geometric random walk with its own
/// drift and volatility, on daily bars from 2024-01-01 UTC.
pub fn synthetic_universe(tokens: usize, days: usize, seed: u64) -> Vec<Member> {
    let mut rng = SplitMix(seed);
    let start = 1_704_067_200; // 2024-01-01T00:00:00Z
    (0..tokens)
        .filter_map(|i| {
            let drift = (rng.unit() - 0.5) * 0.004;
            let vol = 0.02 + 0.06 * rng.unit();
            let mut price = 0.01 + 100.0 * rng.unit();
            let mut close = Vec::with_capacity(days);
            for _ in 0..days {
                close.push(price);
                price *= (drift + vol * rng.normal()).exp();
            }
            let times = (0..days as i64).map(|d| start + d * 86_400).collect();
            let series = PriceSeries::from_closes(Interval::Daily, times, close).ok()?;
            Some((format!("SYN{i:04}"), series, None))
        })
        .collect()
}

/// Seconds to screen the synthetic universe (the first token is the
/// benchmark), and the numbers of rows and errors.
fn time_synthetic_screen() -> (f64, usize, usize) {
    let universe = synthetic_universe(SYNTHETIC_TOKENS, SYNTHETIC_DAYS, SYNTHETIC_SEED);
    let bench = universe.first().map(|m| m.1.clone());
    let t = Instant::now();
    let (rows, errors) = screen(&universe, bench.as_ref());
    let elapsed = t.elapsed().as_secs_f64();
    (elapsed, rows.len(), errors.len())
}

// ---- Charts ----

fn frame(s: &mut Svg, title: &str, subtitle: &str) {
    s.text(
        (LEFT, 22.0),
        "start",
        r#"font-size="14" font-weight="bold""#,
        title,
    );
    s.text(
        (LEFT, 38.0),
        "start",
        &format!(r#"fill="{GREY}""#),
        subtitle,
    );
    s.rect(
        LEFT,
        TOP,
        WIDTH - LEFT - RIGHT,
        BOTTOM - TOP,
        r##"fill="none" stroke="#d1d5db""##,
    );
}

fn legend(s: &mut Svg, items: &[(&str, &str)]) {
    let mut x = LEFT;
    for (label, color) in items {
        s.rect(x, 46.0, 12.0, 4.0, &format!(r#"fill="{color}""#));
        s.text((x + 16.0, 52.0), "start", "", label);
        x += 24.0 + 6.5 * label.chars().count() as f64;
    }
}

fn histogram(title: &str, file: &str, counts: &[usize; 10]) -> String {
    let total: usize = counts.iter().sum();
    let max = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let mut s = Svg::new(WIDTH, HEIGHT);
    frame(
        &mut s,
        title,
        &format!("{total} tokens (stablecoins left out), 10-point bins; {file}"),
    );
    let slot = (WIDTH - LEFT - RIGHT) / 10.0;
    let y = |c: f64| BOTTOM - (BOTTOM - TOP - 16.0) * c / max;
    for (i, &c) in counts.iter().enumerate() {
        let x = LEFT + slot * i as f64;
        s.rect(
            x + 4.0,
            y(c as f64),
            slot - 8.0,
            BOTTOM - y(c as f64),
            &format!(r#"fill="{BLUE}""#),
        );
        s.text(
            (x + slot / 2.0, y(c as f64) - 4.0),
            "middle",
            "",
            &c.to_string(),
        );
        s.text(
            (x + slot / 2.0, BOTTOM + 16.0),
            "middle",
            &format!(r#"fill="{GREY}""#),
            &bin_label(i),
        );
    }
    s.text(
        ((LEFT + WIDTH - RIGHT) / 2.0, BOTTOM + 34.0),
        "middle",
        &format!(r#"fill="{GREY}""#),
        "grade",
    );
    s.finish(title)
}

/// Vertical ticks at the first day of each quarter.
fn date_ticks(s: &mut Svg, dates: &[String], x: &dyn Fn(usize) -> f64) {
    for (i, d) in dates.iter().enumerate() {
        if [1, 4, 7, 10]
            .iter()
            .any(|m| d.get(4..) == Some(&format!("-{m:02}-01")[..]))
        {
            s.line((x(i), TOP), (x(i), BOTTOM), r##"stroke="#f3f4f6""##);
            s.text(
                (x(i), BOTTOM + 16.0),
                "middle",
                &format!(r#"fill="{GREY}""#),
                &d[..7],
            );
        }
    }
}

/// Polylines of a series with gaps: one per run of values.
fn segments(
    s: &mut Svg,
    values: &[Option<f64>],
    x: &dyn Fn(usize) -> f64,
    y: &dyn Fn(f64) -> f64,
    style: &str,
) {
    let mut run: Vec<(f64, f64)> = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => run.push((x(i), y(*v))),
            None => {
                if run.len() > 1 {
                    s.polyline(&run, style);
                }
                run.clear();
            }
        }
    }
    if run.len() > 1 {
        s.polyline(&run, style);
    }
}

fn x_scale(n: usize) -> impl Fn(usize) -> f64 {
    move |i| {
        LEFT + (WIDTH - LEFT - RIGHT)
            * if n > 1 {
                i as f64 / (n - 1) as f64
            } else {
                0.5
            }
    }
}

fn breadth_chart(points: &[BreadthPoint], crossings: &[(usize, bool)], file: &str) -> String {
    let dates: Vec<String> = points.iter().map(|p| p.date.clone()).collect();
    let x = x_scale(points.len());
    let y = |v: f64| BOTTOM - (BOTTOM - TOP) * v;
    let title = "Breadth: share of tokens bullish and above their SMA(50)";
    let mut s = Svg::new(WIDTH, HEIGHT);
    frame(
        &mut s,
        title,
        &format!("stablecoins left out; dots mark the bullish share crossing 50 %; {file}"),
    );
    date_ticks(&mut s, &dates, &x);
    for v in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let style = if v == 0.5 {
            format!(r#"stroke="{GREY}" stroke-dasharray="4 3""#)
        } else {
            r##"stroke="#f3f4f6""##.to_owned()
        };
        s.line((LEFT, y(v)), (WIDTH - RIGHT, y(v)), &style);
        s.text(
            (LEFT - 6.0, y(v) + 4.0),
            "end",
            &format!(r#"fill="{GREY}""#),
            &share(v),
        );
    }
    let above: Vec<Option<f64>> = points.iter().map(|p| p.above_sma50_share).collect();
    let bull: Vec<Option<f64>> = points.iter().map(|p| p.bullish_share).collect();
    segments(
        &mut s,
        &above,
        &x,
        &y,
        &format!(r#"stroke="{ORANGE}" stroke-width="1.2""#),
    );
    segments(
        &mut s,
        &bull,
        &x,
        &y,
        &format!(r#"stroke="{BLUE}" stroke-width="1.5""#),
    );
    for &(i, up) in crossings {
        let v = points[i].bullish_share.unwrap_or(0.5);
        s.circle(
            (x(i), y(v)),
            3.0,
            &format!(r#"fill="{}""#, if up { GREEN } else { RED }),
            &format!(
                "{}: bullish share {} ({})",
                points[i].date,
                share(v),
                if up { "crossed up" } else { "crossed down" }
            ),
        );
    }
    legend(
        &mut s,
        &[
            ("bullish share", BLUE),
            ("share above SMA(50)", ORANGE),
            ("crossed 50 % up", GREEN),
            ("crossed 50 % down", RED),
        ],
    );
    s.finish(title)
}

fn rotation_chart(c: &Curves, file: &str) -> String {
    let x = x_scale(c.dates.len());
    let rot: Vec<Option<f64>> = c.rotation.iter().map(|&v| Some(v)).collect();
    let basket: Vec<Option<f64>> = c.basket.iter().map(|&v| Some(v)).collect();
    let all = rot.iter().chain(&basket).chain(&c.btc).flatten();
    let (lo, hi) = all.fold((1.0f64, 1.0f64), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    let (llo, lhi) = (lo.ln(), hi.ln());
    let span = if lhi > llo { lhi - llo } else { 1.0 };
    let y = |v: f64| BOTTOM - (BOTTOM - TOP) * (v.ln() - llo) / span;
    let title = "Narrative rotation against BTC and an equal-weight basket";
    let mut s = Svg::new(WIDTH, HEIGHT);
    frame(
        &mut s,
        title,
        &format!("growth of 1 from the rotation's first day, log scale; survivors only; {file}"),
    );
    date_ticks(&mut s, &c.dates, &x);
    let (k_lo, k_hi) = (lo.log2().floor() as i32, hi.log2().ceil() as i32);
    for v in (k_lo..=k_hi).map(|k| 2f64.powi(k)) {
        if v >= lo * 0.999 && v <= hi * 1.001 {
            s.line((LEFT, y(v)), (WIDTH - RIGHT, y(v)), r##"stroke="#f3f4f6""##);
            s.text(
                (LEFT - 6.0, y(v) + 4.0),
                "end",
                &format!(r#"fill="{GREY}""#),
                &format!("{v}×"),
            );
        }
    }
    segments(
        &mut s,
        &basket,
        &x,
        &y,
        &format!(r#"stroke="{GREY}" stroke-width="1.2""#),
    );
    segments(
        &mut s,
        &c.btc,
        &x,
        &y,
        &format!(r#"stroke="{ORANGE}" stroke-width="1.2""#),
    );
    segments(
        &mut s,
        &rot,
        &x,
        &y,
        &format!(r#"stroke="{BLUE}" stroke-width="1.5""#),
    );
    legend(
        &mut s,
        &[
            ("rotation", BLUE),
            ("hold BTC", ORANGE),
            ("equal-weight basket", GREY),
        ],
    );
    s.finish(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_put_100_in_the_last_and_clamp() {
        assert_eq!(
            bins(&[0.0, 9.99, 10.0, 99.9, 100.0, f64::NAN]),
            [2, 1, 0, 0, 0, 0, 0, 0, 0, 2]
        );
    }

    #[test]
    fn synthetic_universe_is_deterministic() {
        let a = synthetic_universe(3, 20, 7);
        let b = synthetic_universe(3, 20, 7);
        assert_eq!(a.len(), 3);
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.0, y.0);
            assert_eq!(x.1.close, y.1.close);
        }
        assert_ne!(a[0].1.close, synthetic_universe(3, 20, 8)[0].1.close);
    }
}

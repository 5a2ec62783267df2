//! `tokenlens report`: the signal backtest of every daily price file in a
//! directory, written as a Markdown page (`README.md`) and one SVG chart per
//! token (`<SYMBOL>.svg`), whatever the results are.
//!
//! A file is included when it is a CSV with a `date` column of daily dates
//! and a `close` column; others (wide multi-token tables, hourly files) are
//! skipped with a note on standard error. The symbol is the part of the file
//! name that ends in `USDT`, without it (`binance_spot_BTCUSDT_1d_….csv` →
//! `BTC`); the venue is the words before it. The output depends only on the
//! files' names and contents, so regenerating it gives the same bytes.

use std::fmt::Write as _;
use std::path::Path;

use tokenlens_core::analysis::analyze::{
    Analysis, AnalyzeOptions, BacktestView, FlipView, analyze,
};
use tokenlens_core::analysis::backtest::BacktestConfig;
use tokenlens_core::analysis::signal::{SignalState, WARMUP, signal_with};
use tokenlens_core::analysis::{Interval, PriceSeries};
use tokenlens_core::format::price_usd;

use crate::chart::{
    BLUE, Frame, GREEN, GREY, Legend, MUTED, ORANGE, RED, TICK, Tick, month_starts,
};
use crate::svg::Svg;
use crate::table::Table;

/// One token's backtest.
struct Entry {
    symbol: String,
    pair: String,
    venue: String,
    file: String,
    series: PriceSeries,
    analysis: Analysis,
}

impl Entry {
    fn backtest(&self) -> &BacktestView {
        // Entries without a backtest are never built (see `load_entry`).
        self.analysis
            .backtest
            .as_ref()
            .unwrap_or_else(|| unreachable!("entry without a backtest"))
    }
}

pub fn run(data_dir: &Path, from: &str, to: Option<&str>, out: &Path) -> Result<(), String> {
    let mut names: Vec<String> = std::fs::read_dir(data_dir)
        .map_err(|e| format!("cannot read {}: {e}", data_dir.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    names.sort();
    let mut entries: Vec<Entry> = Vec::new();
    for name in names {
        match load_entry(data_dir, &name, from, to)? {
            Ok(entry) => {
                if let Some(other) = entries.iter().find(|e| e.symbol == entry.symbol) {
                    return Err(format!(
                        "{} and {} both give the symbol {}: keep one",
                        other.file, entry.file, entry.symbol
                    ));
                }
                entries.push(entry);
            }
            Err(why) => eprintln!("tokenlens: skipped {name}: {why}"),
        }
    }
    if entries.is_empty() {
        return Err(format!(
            "{}: no daily price file (a CSV with `date` and `close` columns)",
            data_dir.display()
        ));
    }
    let write = output_dir(out)?;
    for e in &entries {
        write(&format!("{}.svg", e.symbol), &chart(e))?;
    }
    write("README.md", &readme(&entries, from, to))
}

/// The entry of one file: `Ok(Err(why))` when the file is not a daily
/// price file (skipped), `Err` when it is one but cannot be analysed.
fn load_entry(
    dir: &Path,
    name: &str,
    from: &str,
    to: Option<&str>,
) -> Result<Result<Entry, String>, String> {
    let path = dir.join(name);
    let table = match Table::read(&path) {
        Ok(t) => t,
        Err(e) if e.contains("no `close` column") => return Ok(Err("no `close` column".into())),
        Err(e) => return Err(e),
    };
    if table.time_column.as_deref() != Some("date") {
        return Ok(Err("no `date` column of daily dates".into()));
    }
    let series = crate::analyze::series(&table).map_err(|e| format!("{}: {e}", path.display()))?;
    if series.interval != Interval::Daily {
        return Ok(Err("not a daily series".into()));
    }
    let stem = name.trim_end_matches(".csv");
    let parts: Vec<&str> = stem.split('_').collect();
    let (symbol, pair, venue) = match parts
        .iter()
        .position(|p| p.len() > 4 && p.ends_with("USDT"))
    {
        Some(i) => (
            parts[i].trim_end_matches("USDT").to_owned(),
            parts[i].to_owned(),
            venue_words(&parts[..i]),
        ),
        None => (stem.to_owned(), stem.to_owned(), String::new()),
    };
    let options = AnalyzeOptions {
        symbol: Some(symbol.clone()),
        from: Some(from.to_owned()),
        to: to.map(str::to_owned),
        backtest: BacktestConfig::default(),
        ..AnalyzeOptions::default()
    };
    let analysis = analyze(&series, &options).map_err(|e| format!("{}: {e}", path.display()))?;
    if analysis.backtest.is_none() {
        let why = analysis
            .unavailable
            .iter()
            .find(|u| u.part == "backtest")
            .map_or("no backtest", |u| u.reason.as_str());
        return Err(format!("{}: {why}", path.display()));
    }
    Ok(Ok(Entry {
        symbol,
        pair,
        venue,
        file: name.to_owned(),
        series,
        analysis,
    }))
}

/// `binance_spot` → "Binance spot"; `bybit_linear` → "Bybit USDT perpetual".
fn venue_words(parts: &[&str]) -> String {
    match parts {
        ["bybit", "linear"] => "Bybit USDT perpetual".into(),
        _ => {
            let words = parts.join(" ");
            let mut c = words.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    }
}

/// Creates the directory `out` and returns the writer of a report's files
/// in it, which prints the path of each file it writes.
pub(crate) fn output_dir(out: &Path) -> Result<impl Fn(&str, &str) -> Result<(), String>, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    Ok(move |name: &str, text: &str| {
        let path = out.join(name);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("{}", path.display());
        Ok(())
    })
}

/// A return as a percentage with its sign: `+12.3%`, `−4.0%`, `0.0%`.
pub(crate) fn pct(x: f64) -> String {
    let s = format!("{:.1}", 100.0 * x.abs());
    if s == "0.0" {
        "0.0%".into()
    } else if x < 0.0 {
        format!("−{s}%")
    } else {
        format!("+{s}%")
    }
}

/// A share as an unsigned percentage: `61%`.
pub(crate) fn share(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

fn state_word(s: SignalState) -> &'static str {
    match s {
        SignalState::Bullish => "bullish",
        SignalState::Bearish => "bearish",
        SignalState::Neutral => "neutral",
        SignalState::Unknown => "unknown",
    }
}

fn columns(e: &Entry) -> &'static str {
    if e.series.has_candles() {
        "OHLCV"
    } else if e.series.volume.is_none() && e.series.high.is_none() {
        "closes only"
    } else {
        "partial OHLCV"
    }
}

/// Index in the series of the window's first bar.
fn window_start(e: &Entry) -> usize {
    let first = &e.backtest().start_date;
    (0..e.series.len())
        .find(|&i| e.series.date(i) == *first)
        .unwrap_or(0)
}

/// The first bar the signal has a state (bar index `WARMUP − 1`), when it
/// falls after the window's first bar.
fn warmup_inside_window(e: &Entry) -> Option<String> {
    let first_known = WARMUP - 1;
    (window_start(e) < first_known && first_known < e.series.len())
        .then(|| e.series.date(first_known))
}

/// The signal's state on the window's first day, in words.
fn start_state(e: &Entry) -> String {
    let i = window_start(e);
    let state = signal_with(&e.series, &BacktestConfig::default().signal)
        .ok()
        .and_then(|s| s.states.get(i).copied())
        .unwrap_or(SignalState::Unknown);
    match state {
        SignalState::Unknown => format!(
            "On {}, the window's first day, the signal had no state yet (warm-up).",
            e.series.date(i)
        ),
        s => format!(
            "On {}, the window's first day, the signal was {}.",
            e.series.date(i),
            state_word(s)
        ),
    }
}

fn verdict(b: &BacktestView) -> String {
    let diff = b.total_return - b.buy_hold_return;
    let ret = if diff.abs() < 0.0005 {
        "matched buy-and-hold".to_owned()
    } else if diff > 0.0 {
        format!("beat buy-and-hold by {:.1} percentage points", 100.0 * diff)
    } else {
        format!(
            "lagged buy-and-hold by {:.1} percentage points",
            -100.0 * diff
        )
    };
    let dd = if b.max_drawdown > b.buy_hold_max_drawdown {
        "a shallower"
    } else if b.max_drawdown < b.buy_hold_max_drawdown {
        "a deeper"
    } else {
        "the same"
    };
    format!(
        "The strategy returned {} against {} for buy-and-hold: it {ret}, with {dd} maximum drawdown ({} against {}).",
        pct(b.total_return),
        pct(b.buy_hold_return),
        pct(b.max_drawdown),
        pct(b.buy_hold_max_drawdown),
    )
}

fn trades_sentence(b: &BacktestView) -> String {
    let open = b.trades.len() - b.closed_trades;
    let wins = b
        .trades
        .iter()
        .filter(|t| !t.open && t.r#return > 0.0)
        .count();
    let mut s = format!(
        "{} trade{}",
        b.trades.len(),
        if b.trades.len() == 1 { "" } else { "s" }
    );
    if b.closed_trades > 0 {
        let _ = write!(
            s,
            ": {} closed, of which {wins} made money (win rate {})",
            b.closed_trades,
            b.win_rate.map_or("—".into(), share)
        );
    } else if !b.trades.is_empty() {
        s.push_str(", none closed yet (no win rate)");
    }
    if open > 0 {
        s.push_str(if b.closed_trades > 0 {
            "; one still open at the end, valued at the last close"
        } else {
            ", still open at the end and valued at the last close"
        });
    }
    let _ = write!(s, ". In the market {} of the time.", share(b.exposure));
    s
}

fn readme(entries: &[Entry], from: &str, to: Option<&str>) -> String {
    let cfg = BacktestConfig::default();
    let mut r = String::new();
    let until = to.map_or("the end of each file".to_owned(), |t| t.to_owned());
    let _ = writeln!(r, "# Signal backtest, {from} to {until}\n");
    let _ = writeln!(
        r,
        "Generated by `tokenlens report --data-dir data/sources --from {from} --out docs/backtests` \
         from the real daily series in `data/sources/` (provenance in its README). Do not edit by \
         hand: a test regenerates this directory and fails on any difference.\n"
    );
    let _ = writeln!(
        r,
        "**Rules**, fixed before any result was seen, nothing fitted to these files:\n"
    );
    let _ = writeln!(
        r,
        "- The signal of `docs/METHODOLOGY.md` (\"Signal\") with its default thresholds (enter at a \
         score of ±{}, leave at {}, at most one change of state every {} days), computed each day \
         from that day's and earlier data only, on the whole history before the window.",
        cfg.signal.theta_in, cfg.signal.theta_out, cfg.signal.dwell
    );
    let _ = writeln!(
        r,
        "- Long-only: buy at the close of a bullish flip, sell at the close of the next bearish \
         flip, hold through neutral, stay in cash otherwise. A position the signal already held on \
         the window's first day is bought at that close (\"carried in\"); one still held at the end \
         is valued at the last close (\"open\")."
    );
    let _ = writeln!(
        r,
        "- Costs: {} bps fee + {} bps slippage on every buy and every sell. Buy-and-hold buys the \
         window's first close at no cost.",
        cfg.fee_bps, cfg.slippage_bps
    );
    let _ = writeln!(
        r,
        "- Returns are over the whole window, not annualised; drawdowns are the deepest fall of the \
         equity curve from its running peak. Win rate counts closed trades only.\n"
    );

    let _ = writeln!(r, "## Results\n");
    let _ = writeln!(
        r,
        "| token | data | window | days | flips | per 6 months | trades | strategy | buy & hold | strategy max drawdown | buy & hold max drawdown | win rate | in market |"
    );
    let _ = writeln!(r, "|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for e in entries {
        let b = e.backtest();
        let _ = writeln!(
            r,
            "| [{sym}](#{anchor}) | {venue}, {cols} | {} → {} | {} | {} | {:.1} | {} | {} | {} | {} | {} | {} | {} |",
            b.start_date,
            b.end_date,
            b.bars,
            e.analysis.flips.len(),
            e.analysis.flips.len() as f64 / b.bars as f64 * 182.5,
            b.trades.len(),
            pct(b.total_return),
            pct(b.buy_hold_return),
            pct(b.max_drawdown),
            pct(b.buy_hold_max_drawdown),
            b.win_rate.map_or("—".into(), share),
            share(b.exposure),
            sym = e.symbol,
            anchor = e.symbol.to_lowercase(),
            venue = e.venue,
            cols = columns(e),
        );
    }
    let count =
        |f: &dyn Fn(&BacktestView) -> bool| entries.iter().filter(|e| f(e.backtest())).count();
    let total = entries.len();
    let beat = count(&|b| b.total_return > b.buy_hold_return);
    let shallower = count(&|b| b.max_drawdown > b.buy_hold_max_drawdown);
    let strat_up = count(&|b| b.total_return > 0.0);
    let bh_up = count(&|b| b.buy_hold_return > 0.0);
    let mut wins = 0;
    let mut closed = 0;
    for e in entries {
        let b = e.backtest();
        closed += b.closed_trades;
        wins += b
            .trades
            .iter()
            .filter(|t| !t.open && t.r#return > 0.0)
            .count();
    }
    let _ = writeln!(
        r,
        "\nIn plain words: the strategy returned more than buy-and-hold on **{beat} of {total}** \
         tokens and had a shallower maximum drawdown on **{shallower} of {total}**. It ended with a \
         gain on {strat_up} of {total} tokens, buy-and-hold on {bh_up} of {total}. Of its {closed} \
         closed trades, {wins} made money. One window of a few months on {total} tokens is a small \
         sample: these figures describe what the signal did here, not what it will do.\n"
    );

    for e in entries {
        let b = e.backtest();
        let _ = writeln!(r, "## {}\n", e.symbol);
        let _ = writeln!(
            r,
            "{} `{}`, {} (`{}`), {} daily rows from {} to {}. Window {} → {}, {} days.\n",
            e.venue,
            e.pair,
            columns(e),
            e.file,
            e.series.len(),
            e.analysis.data.first_date,
            e.analysis.data.last_date,
            b.start_date,
            b.end_date,
            b.bars
        );
        let _ = writeln!(
            r,
            "![{} price, signal flips and equity curves]({}.svg)\n",
            e.symbol, e.symbol
        );
        let _ = writeln!(
            r,
            "{} {} {}\n",
            start_state(e),
            verdict(b),
            trades_sentence(b)
        );
        let mut notes = Vec::new();
        if let Some(first) = warmup_inside_window(e) {
            notes.push(format!(
                "The file starts on {}; the signal needs {} days of history and first had a state on \
                 {first}, so the strategy was in cash before that while buy-and-hold was invested \
                 from the first day.",
                e.analysis.data.first_date, WARMUP
            ));
        }
        if e.series.volume.is_none() {
            notes.push(
                "Closes only: the signal has no volume vote (its score is the mean of the four price \
                 votes), and worst excursions are measured on closes, not lows."
                    .to_owned(),
            );
        }
        for n in notes {
            let _ = writeln!(r, "Note: {n}\n");
        }

        let _ = writeln!(r, "Flips ({}):\n", e.analysis.flips.len());
        if e.analysis.flips.is_empty() {
            let _ = writeln!(r, "None in the window.\n");
        } else {
            let _ = writeln!(r, "| date | close | from | to |");
            let _ = writeln!(r, "|---|--:|---|---|");
            for f in &e.analysis.flips {
                let _ = writeln!(
                    r,
                    "| {} | {} | {} | {} |",
                    f.date,
                    price_usd(f.price),
                    state_word(f.from),
                    state_word(f.state)
                );
            }
            let _ = writeln!(r);
        }

        let _ = writeln!(r, "Trades ({}):\n", b.trades.len());
        if b.trades.is_empty() {
            let _ = writeln!(r, "None: the strategy stayed in cash.\n");
        } else {
            let _ = writeln!(
                r,
                "| # | bought | price | sold | price | return after costs | worst excursion | note |"
            );
            let _ = writeln!(r, "|--:|---|--:|---|--:|--:|--:|---|");
            for (i, t) in b.trades.iter().enumerate() {
                let mut note = Vec::new();
                if t.carried_in {
                    note.push("carried in");
                }
                if t.open {
                    note.push("open at the end");
                }
                let _ = writeln!(
                    r,
                    "| {} | {} | {} | {} | {} | {} | {} | {} |",
                    i + 1,
                    t.entry_date,
                    price_usd(t.entry_price),
                    if t.open { "—" } else { &t.exit_date },
                    if t.open {
                        format!("({})", price_usd(t.exit_price))
                    } else {
                        price_usd(t.exit_price)
                    },
                    pct(t.r#return),
                    pct(t.worst_excursion),
                    note.join(", ")
                );
            }
            let _ = writeln!(r);
        }
        let _ = writeln!(
            r,
            "Sharpe ratio (annualised, daily returns): strategy {}, buy-and-hold {}.\n",
            b.sharpe.map_or("—".into(), |s| format!("{s:.2}")),
            b.buy_hold_sharpe.map_or("—".into(), |s| format!("{s:.2}"))
        );
    }
    r.truncate(r.trim_end().len());
    r.push('\n');
    r
}

// ---------------------------------------------------------------- chart ---

/// The price panel (above) and the equity panel (below) of a token's chart.
const PRICE: Frame = Frame {
    width: 820.0,
    height: 470.0,
    left: 80.0,
    right: 20.0,
    top: 48.0,
    bottom: 268.0,
};
const EQUITY: Frame = Frame {
    top: 300.0,
    bottom: 420.0,
    ..PRICE
};

/// The chart of one token: price (log scale) with the flips and the time
/// in the market, and below it both equity curves.
fn chart(e: &Entry) -> String {
    let b = e.backtest();
    let dates = &b.equity.dates;
    let bars = dates.len();
    // Window closes, from the series: the window's first bar onward.
    let start = window_start(e);
    let close = &e.series.close[start..start + bars];
    let x = PRICE.x_scale(bars);
    let index_of = |date: &str| dates.iter().position(|d| d == date);

    let mut s = PRICE.svg();
    let title = format!(
        "{}: signal flips and backtest, {} to {}",
        e.symbol, b.start_date, b.end_date
    );
    PRICE.heading(
        &mut s,
        20.0,
        &title,
        &format!(
            "{} {}, {}; long-only, {} bps per side; price on a log scale",
            e.venue,
            e.pair,
            columns(e),
            b.cost_bps_per_side
        ),
    );
    // Time in the market, shaded behind the price.
    for t in &b.trades {
        let (Some(i), Some(j)) = (index_of(&t.entry_date), index_of(&t.exit_date)) else {
            continue;
        };
        s.rect(
            x(i),
            PRICE.top,
            (x(j) - x(i)).max(1.0),
            PRICE.bottom - PRICE.top,
            r##"fill="#dcfce7""##,
        );
    }
    PRICE.border(&mut s);
    EQUITY.border(&mut s);
    EQUITY.date_ticks(&mut s, dates, &month_starts(dates, 12), &x, Tick::Mark);
    let py = price_panel(&mut s, close, &x);
    for f in &e.analysis.flips {
        if let Some(i) = index_of(&f.date) {
            flip_mark(&mut s, f, (x(i), py(f.price)));
        }
    }
    equity_panel(&mut s, b, &x);
    legend(&mut s);
    s.finish(&title)
}

/// The closes on a log scale, with the low, the high and their geometric
/// midpoint on the axis; returns the scale.
fn price_panel(
    s: &mut Svg,
    close: &[f64],
    x: &dyn Fn(usize) -> f64,
) -> impl Fn(f64) -> f64 + use<> {
    let (lo, hi) = close.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), &c| {
        (lo.min(c), hi.max(c))
    });
    let (llo, lhi) = (lo.ln(), hi.ln());
    let lspan = if lhi > llo { lhi - llo } else { 1.0 };
    let py = move |p: f64| PRICE.bottom - (PRICE.bottom - PRICE.top) * (p.ln() - llo) / lspan;
    for p in [lo, (lo * hi).sqrt(), hi] {
        s.line((PRICE.left - 4.0, py(p)), (PRICE.left, py(p)), TICK);
        PRICE.y_label(s, py(p), &price_usd(p));
    }
    let price_pts: Vec<(f64, f64)> = close
        .iter()
        .enumerate()
        .map(|(i, &c)| (x(i), py(c)))
        .collect();
    s.polyline(&price_pts, r##"stroke="#111827" stroke-width="1.3""##);
    py
}

/// A flip at `(cx, cy)`: a green up-triangle below the price to bullish, a
/// red down-triangle above it to bearish, a grey circle on it to neutral.
fn flip_mark(s: &mut Svg, f: &FlipView, (cx, cy): (f64, f64)) {
    let tip = format!(
        "{}: {} to {} at {}",
        f.date,
        state_word(f.from),
        state_word(f.state),
        price_usd(f.price)
    );
    match f.state {
        SignalState::Bullish => s.polygon(
            &[(cx, cy + 3.0), (cx - 6.0, cy + 13.0), (cx + 6.0, cy + 13.0)],
            &format!(r#"fill="{GREEN}""#),
            &tip,
        ),
        SignalState::Bearish => s.polygon(
            &[(cx, cy - 3.0), (cx - 6.0, cy - 13.0), (cx + 6.0, cy - 13.0)],
            &format!(r#"fill="{RED}""#),
            &tip,
        ),
        SignalState::Neutral | SignalState::Unknown => s.circle(
            (cx, cy),
            3.5,
            &format!(r##"fill="#ffffff" stroke="{GREY}" stroke-width="1.5""##),
            &tip,
        ),
    }
}

/// Both equity curves on a linear scale, with 1 (no gain) dashed.
fn equity_panel(s: &mut Svg, b: &BacktestView, x: &dyn Fn(usize) -> f64) {
    let eq_all = b.equity.strategy.iter().chain(&b.equity.buy_hold);
    let (elo, ehi) = eq_all.fold((1.0f64, 1.0f64), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    let espan = if ehi > elo { ehi - elo } else { 1.0 };
    let ey = |v: f64| EQUITY.bottom - (EQUITY.bottom - EQUITY.top) * (v - elo) / espan;
    EQUITY.hline(s, ey(1.0), r##"stroke="#9ca3af" stroke-dasharray="3 3""##);
    let mut labelled: Vec<f64> = Vec::new();
    for v in [1.0, elo, ehi] {
        // Skip a label that would overlap one already written.
        if labelled.iter().any(|&y| (y - ey(v)).abs() < 12.0) {
            continue;
        }
        labelled.push(ey(v));
        EQUITY.y_label(s, ey(v), &pct(v - 1.0));
    }
    let curve = |vals: &[f64]| -> Vec<(f64, f64)> {
        vals.iter()
            .enumerate()
            .map(|(i, &v)| (x(i), ey(v)))
            .collect()
    };
    s.polyline(
        &curve(&b.equity.buy_hold),
        &format!(r#"stroke="{ORANGE}" stroke-width="1.3" stroke-dasharray="5 3""#),
    );
    s.polyline(
        &curve(&b.equity.strategy),
        &format!(r#"stroke="{BLUE}" stroke-width="1.6""#),
    );
    s.text(
        (EQUITY.left - 6.0, EQUITY.top - 6.0),
        "end",
        MUTED,
        "equity",
    );
}

/// The legend under the chart: the flip marks, the shading and the curves.
fn legend(s: &mut Svg) {
    let ly = PRICE.height - 18.0;
    let mut l = Legend::new(PRICE.left, ly + 4.0);
    l.entry(s, 110.0, "bullish flip", |s, lx| {
        s.polygon(
            &[(lx + 5.0, ly - 5.0), (lx, ly + 4.0), (lx + 10.0, ly + 4.0)],
            &format!(r#"fill="{GREEN}""#),
            "bullish flip",
        )
    });
    l.entry(s, 110.0, "bearish flip", |s, lx| {
        s.polygon(
            &[(lx + 5.0, ly + 4.0), (lx, ly - 5.0), (lx + 10.0, ly - 5.0)],
            &format!(r#"fill="{RED}""#),
            "bearish flip",
        )
    });
    l.entry(s, 110.0, "to neutral", |s, lx| {
        s.circle(
            (lx + 5.0, ly),
            3.5,
            &format!(r##"fill="#ffffff" stroke="{GREY}" stroke-width="1.5""##),
            "to neutral",
        )
    });
    l.entry(s, 110.0, "in the market", |s, lx| {
        s.rect(lx, ly - 5.0, 10.0, 10.0, r##"fill="#dcfce7""##)
    });
    l.entry(s, 120.0, "strategy equity", |s, lx| {
        s.line(
            (lx, ly),
            (lx + 12.0, ly),
            &format!(r#"stroke="{BLUE}" stroke-width="2""#),
        )
    });
    l.entry(s, 130.0, "buy-and-hold equity", |s, lx| {
        s.line(
            (lx, ly),
            (lx + 12.0, ly),
            &format!(r#"stroke="{ORANGE}" stroke-width="2" stroke-dasharray="5 3""#),
        )
    });
}

//! The `tokenlens` command-line tool.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod analyze;
mod chart;
mod evaluate;
mod evidence;
mod fetch;
mod indicators;
mod metrics;
mod report;
mod snapshot;
mod svg;
mod table;
mod universe;
mod universe_report;
mod wide;

/// Crypto analytics from public market data: grades, signals, market-cap classes.
#[derive(Debug, Parser)]
#[command(name = "tokenlens", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site's offline snapshot from a recorded CoinGecko `/coins/markets` response.
    Snapshot {
        /// The recorded `/coins/markets` response (a JSON array of coins).
        #[arg(long, required_unless_present = "fetch", conflicts_with = "fetch")]
        markets: Option<PathBuf>,
        /// Fetch the market list from the live providers instead: CoinGecko,
        /// else CoinPaprika (no API key is sent).
        #[arg(long)]
        fetch: bool,
        /// With --fetch: CoinGecko pages of 250 coins.
        #[arg(long, default_value_t = 4, requires = "fetch")]
        pages: u32,
        /// With --fetch: a replay server's root URL instead of the providers
        /// (tests and development; providers under /cg, /binance, /coinbase,
        /// /paprika).
        #[arg(long, requires = "fetch")]
        replay: Option<String>,
        /// With --fetch: also write the daily price history (Binance, else
        /// Coinbase) of the first --history-tokens coins to this file.
        #[arg(long, requires = "fetch")]
        history_out: Option<PathBuf>,
        /// With --history-out: how many coins (stablecoins skipped).
        #[arg(long, default_value_t = 100, requires = "history_out")]
        history_tokens: usize,
        /// Where to write the snapshot JSON (`-` for standard output).
        #[arg(long, short, default_value = "-")]
        out: PathBuf,
        /// Provenance shown on screen beside the data (recorded files only:
        /// a fetch names its provider itself).
        #[arg(long, default_value = "CoinGecko /coins/markets")]
        source: String,
    },
    /// Build the site's bundled price history from wide close-price files.
    ///
    /// Each file has a time column (`date` or `open_time`) and one column per
    /// symbol; an empty cell means no bar and stays `null`.
    History {
        /// Daily closes, one column per symbol.
        #[arg(long)]
        daily_close: PathBuf,
        /// Hourly closes, one column per symbol.
        #[arg(long)]
        hourly_close: Option<PathBuf>,
        /// Keep the last N daily rows (enough for a year of indicators).
        #[arg(long, default_value_t = 400)]
        daily_rows: usize,
        /// Keep the last N hourly rows (two weeks by default).
        #[arg(long, default_value_t = 336)]
        hourly_rows: usize,
        /// Provenance shown on screen beside the data (repeatable).
        #[arg(long = "source")]
        sources: Vec<String>,
        /// Where to write the history JSON (`-` for standard output).
        #[arg(long, short, default_value = "-")]
        out: PathBuf,
        /// Also write the market overview of the daily closes (breadth by
        /// date, the narratives' returns) to this file: what the site's
        /// market page shows without downloading the history.
        #[arg(long)]
        overview_out: Option<PathBuf>,
        /// Also write the screener's rows of the last date (price, returns,
        /// Trader Grade, signal) with the last eight daily closes of every
        /// symbol: the market page's offline list, of the history's date.
        #[arg(long)]
        market_out: Option<PathBuf>,
        /// Also write each token's part of the history (its daily closes and
        /// BTC's) to DIR/<SYMBOL>.json, replacing the .json files there: what
        /// a token page downloads instead of the whole history.
        #[arg(long, value_name = "DIR")]
        tokens_out: Option<PathBuf>,
        /// Also write the site's `data/latest.json`: the history's last date (what
        /// every page names when it shows bundled data), when the --snapshot market
        /// list was fetched, and --refresh-minutes.
        #[arg(long)]
        latest_out: Option<PathBuf>,
        /// With --latest-out: the market list the site ships (a `snapshot --fetch`
        /// list stands in for the providers' until it is --refresh-minutes old).
        #[arg(long, requires = "latest_out")]
        snapshot: Option<PathBuf>,
        /// With --latest-out: how often the data is published again, in minutes.
        #[arg(long, default_value_t = tokenlens_feeds::published::DAILY_MINUTES, requires = "latest_out")]
        refresh_minutes: u32,
    },
    /// Print every indicator at its default parameters over a CSV price file, as JSON.
    ///
    /// The CSV has a header naming `date` (or `ts`), `open`, `high`, `low`, `close` and
    /// `volume`; extra columns are ignored. Only `close` is required: indicators that need
    /// a missing column are left out. Each indicator is an array aligned with the rows,
    /// `null` during its warm-up.
    Indicators {
        /// The price file.
        #[arg(long)]
        csv: PathBuf,
    },
    /// Print the quant metrics of a CSV price file's closes, as JSON.
    Metrics {
        /// The price file (a header with `close`, and `date` or `ts`).
        #[arg(long)]
        csv: PathBuf,
        /// A benchmark price file with the same dates, for beta and correlation.
        #[arg(long)]
        benchmark: Option<PathBuf>,
        /// Periods in a year (365 for daily crypto, 52 weekly, 8760 hourly).
        #[arg(long, default_value_t = 365.0)]
        periods_per_year: f64,
        /// Annual risk-free rate as a fraction (0.04 for 4 %).
        #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
        risk_free_rate: f64,
    },
    /// Print the whole analysis of a CSV price file, as JSON: grades, rating, signal and its
    /// flips, support and resistance, metrics, the signal backtest and a summary.
    ///
    /// The CSV has a time column, `date` (YYYY-MM-DD, daily) or `ts` / `open_time` (RFC 3339
    /// times on the hour, hourly), and `close`; `open`, `high`, `low` and `volume` are used
    /// when present. Parts the data cannot support are `null` and listed under `unavailable`.
    Analyze(AnalyzeArgs),
    /// Backtest the signal on every daily price file of a directory and write the report:
    /// `README.md` (figures, flips and trades per token, good or bad) and one SVG chart per
    /// token.
    Report(ReportArgs),
    /// Write the names of a snapshot's coins, by rank (`{"coins": [[symbol, name], …]}`):
    /// the site's `assets/names.json`, what its pages need of the coin list.
    Names {
        /// The snapshot to read (`tokenlens snapshot --out`).
        #[arg(long)]
        snapshot: PathBuf,
        /// Where to write the names JSON (`-` for standard output).
        #[arg(long, short, default_value = "-")]
        out: PathBuf,
    },
    /// Print the market-cap class of one or more market caps in US dollars.
    Classify {
        /// Market caps, e.g. 2.5e9.
        #[arg(required = true, allow_negative_numbers = true)]
        market_caps: Vec<f64>,
    },
    /// Grade every column of a wide daily close file: one row per token, one error per token that cannot be graded.
    Screen {
        /// Daily closes, one column per pair (`date,BTCUSDT,…`).
        #[arg(long)]
        daily_close: PathBuf,
        /// Hourly closes of the same pairs, for an hourly grade and signal beside each row.
        #[arg(long)]
        hourly_close: Option<PathBuf>,
        /// A symbol → narrative table (`SYMBOL narrative` lines) instead of the bundled one.
        #[arg(long)]
        categories: Option<PathBuf>,
        /// A recorded CoinGecko `/coins/markets` response, for market caps and classes.
        #[arg(long)]
        markets: Option<PathBuf>,
        /// Keep the rows of a screener preset, in its order: strong-trader-grade,
        /// fresh-bullish-flips or active-micro-caps (the last needs --markets).
        #[arg(long)]
        preset: Option<String>,
    },
    /// Print the Bull-vs-Bear breadth of a wide daily close file over time.
    Breadth {
        /// Daily closes, one column per pair.
        #[arg(long)]
        daily_close: PathBuf,
        /// A symbol → narrative table; its stablecoins are left out.
        #[arg(long)]
        categories: Option<PathBuf>,
    },
    /// Print narrative indices (7 d and 30 d ROI, against BTC, ETH and SOL) and the rotation backtest.
    Narratives {
        /// Daily closes, one column per pair.
        #[arg(long)]
        daily_close: PathBuf,
        /// A symbol → narrative table instead of the bundled one.
        #[arg(long, conflicts_with = "live_categories")]
        categories: Option<PathBuf>,
        /// Membership live from CoinGecko's categories (`/coins/markets?category=…`)
        /// instead of the bundled table.
        #[arg(long)]
        live_categories: bool,
        /// With --live-categories: a replay server's root URL instead of CoinGecko
        /// (tests and development).
        #[arg(long, requires = "live_categories")]
        replay: Option<String>,
        /// A recorded CoinGecko `/coins/markets` response, for market-cap weights.
        #[arg(long)]
        markets: Option<PathBuf>,
        /// Also print the rotation's state on every day.
        #[arg(long)]
        days: bool,
    },
    /// Write the universe report of a wide daily close file: `README.md` (screen, grade
    /// histograms, breadth, rotation backtest) and SVG charts, plus `timing.txt` (a timing of
    /// the screen on a seeded synthetic universe, also printed to standard error).
    UniverseReport {
        /// Daily closes, one column per pair.
        #[arg(long)]
        daily_close: PathBuf,
        /// A recorded CoinGecko `/coins/markets` response: its market caps feed the
        /// moonshot section (and nothing else).
        #[arg(long)]
        markets: Option<PathBuf>,
        /// Directory to write the report into (created if needed).
        #[arg(long)]
        out: PathBuf,
    },
    /// Walk forward over a wide daily close file: at each date every grade, candidate
    /// input and the signal are computed from the rows up to that date and compared with
    /// the returns that followed (rank IC with its t-statistic, quintiles, hit rate of
    /// grades above 80, turnover, IC by year; the signal against random timings). JSON.
    Evaluate {
        /// Daily closes, one column per pair.
        #[arg(long)]
        daily_close: PathBuf,
        /// First evaluation date (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Last date a forward window may end on (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// Forward horizons in days.
        #[arg(long, value_delimiter = ',', default_value = "7,30")]
        horizons: Vec<usize>,
        /// Days between evaluation dates.
        #[arg(long, default_value_t = 7)]
        every: usize,
        /// Keep stablecoins, fiat and gold-backed tokens in.
        #[arg(long)]
        include_stable: bool,
        /// Print what the components rule (docs/evidence/RULE.md) gives on the fit period.
        #[arg(long, conflicts_with = "report")]
        fit: bool,
        /// Write the evidence report (README.md and SVG charts) into this directory.
        #[arg(long)]
        report: Option<PathBuf>,
    },
    /// Print current moonshots and the ledger of past ones.
    Moonshots {
        /// Daily closes, one column per pair.
        #[arg(long)]
        daily_close: PathBuf,
        /// A recorded CoinGecko `/coins/markets` response, for the market-cap filter.
        #[arg(long)]
        markets: Option<PathBuf>,
    },
}

#[derive(Debug, clap::Args)]
struct AnalyzeArgs {
    /// The price file.
    #[arg(long)]
    csv: PathBuf,
    /// First date (YYYY-MM-DD, UTC, included) of the backtest and of the flips listed.
    #[arg(long)]
    from: Option<String>,
    /// The as-of date (YYYY-MM-DD, UTC, included): everything is computed from the rows up to
    /// it (the benchmark's too), as it would have been that day.
    #[arg(long)]
    to: Option<String>,
    /// A benchmark price file (BTC, say), matched by date: beta and correlation.
    #[arg(long)]
    benchmark: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct ReportArgs {
    /// Directory of daily price files (CSV with `date` and `close`; others are skipped).
    #[arg(long)]
    data_dir: PathBuf,
    /// First date (YYYY-MM-DD, UTC, included) of every backtest.
    #[arg(long)]
    from: String,
    /// Last date (included); by default the end of each file.
    #[arg(long)]
    to: Option<String>,
    /// Directory to write `README.md` and the charts into (created if needed).
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Snapshot {
            markets,
            fetch,
            pages,
            replay,
            history_out,
            history_tokens,
            out,
            source,
        } => match (markets, fetch) {
            (Some(markets), false) => snapshot::run(&markets, &out, &source),
            _ => snapshot::fetch(
                pages,
                replay.as_deref(),
                &out,
                history_out.as_deref(),
                history_tokens,
            ),
        },
        Command::Classify { market_caps } => classify(&market_caps),
        Command::Names { snapshot, out } => snapshot::names(&snapshot, &out),
        Command::History {
            daily_close,
            hourly_close,
            daily_rows,
            hourly_rows,
            sources,
            out,
            overview_out,
            market_out,
            tokens_out,
            latest_out,
            snapshot,
            refresh_minutes,
        } => snapshot::history(
            &daily_close,
            hourly_close.as_deref(),
            daily_rows,
            hourly_rows,
            sources,
            &out,
            overview_out.as_deref(),
            market_out.as_deref(),
            tokens_out.as_deref(),
            latest_out.as_deref().map(|path| snapshot::LatestOut {
                path,
                snapshot: snapshot.as_deref(),
                refresh_minutes,
            }),
        ),
        Command::Indicators { csv } => indicators::run(&csv),
        Command::Report(r) => report::run(&r.data_dir, &r.from, r.to.as_deref(), &r.out),
        Command::Analyze(a) => analyze::run(&a.csv, a.from, a.to, a.benchmark.as_deref()),
        Command::Metrics {
            csv,
            benchmark,
            periods_per_year,
            risk_free_rate,
        } => metrics::run(
            &csv,
            benchmark.as_deref(),
            tokenlens_core::MetricsConfig {
                periods_per_year,
                risk_free_rate,
            },
        ),
        Command::Screen {
            daily_close,
            hourly_close,
            categories,
            markets,
            preset,
        } => universe::screen_run(
            &daily_close,
            hourly_close.as_deref(),
            categories.as_deref(),
            markets.as_deref(),
            preset.as_deref(),
        ),
        Command::Breadth {
            daily_close,
            categories,
        } => universe::breadth_run(&daily_close, categories.as_deref()),
        Command::Narratives {
            daily_close,
            categories,
            live_categories,
            replay,
            markets,
            days,
        } => {
            let membership = if live_categories {
                universe::Membership::Live {
                    replay: replay.as_deref(),
                }
            } else {
                universe::Membership::File(categories.as_deref())
            };
            universe::narratives_run(&daily_close, membership, markets.as_deref(), days)
        }
        Command::UniverseReport {
            daily_close,
            markets,
            out,
        } => universe_report::run(&daily_close, markets.as_deref(), &out),
        Command::Evaluate {
            daily_close,
            from,
            to,
            horizons,
            every,
            include_stable,
            fit,
            report,
        } => evaluate::run(&evaluate::Request {
            daily: &daily_close,
            from: from.as_deref(),
            to: to.as_deref(),
            horizons: &horizons,
            every,
            include_stable,
            fit,
            report: report.as_deref(),
        }),
        Command::Moonshots {
            daily_close,
            markets,
        } => universe::moonshots_run(&daily_close, markets.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("tokenlens: {message}");
            ExitCode::FAILURE
        }
    }
}

fn classify(market_caps: &[f64]) -> Result<(), String> {
    let mut failed = false;
    for &cap in market_caps {
        match tokenlens_core::MarketCapClass::of(cap) {
            Ok(class) => println!("{cap}\t{class}"),
            Err(e) => {
                eprintln!("tokenlens: {e}");
                failed = true;
            }
        }
    }
    if failed {
        Err("some market caps could not be classified".into())
    } else {
        Ok(())
    }
}

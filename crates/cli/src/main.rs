//! The `tokenlens` command-line tool.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod snapshot;

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
        #[arg(long)]
        markets: PathBuf,
        /// Where to write the snapshot JSON (`-` for standard output).
        #[arg(long, short, default_value = "-")]
        out: PathBuf,
        /// Provenance shown on screen beside the data.
        #[arg(long, default_value = "CoinGecko /coins/markets")]
        source: String,
    },
    /// Print the market-cap class of one or more market caps in US dollars.
    Classify {
        /// Market caps, e.g. 2.5e9.
        #[arg(required = true, allow_negative_numbers = true)]
        market_caps: Vec<f64>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Snapshot {
            markets,
            out,
            source,
        } => snapshot::run(&markets, &out, &source),
        Command::Classify { market_caps } => classify(&market_caps),
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

//! `tokenlens snapshot --fetch` against the replay server
//! (`tests/feeds/replay-server.mjs`, started here with Node on 127.0.0.1):
//! the same fallback chains and retry rules as the browser client, and
//! nothing written when no provider answers.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use support::Replay;

fn out_dir(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("snapshot_fetch_{test}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn fetch(replay: &Replay, args: &[&str]) -> (bool, String) {
    let run = Command::new(env!("CARGO_BIN_EXE_tokenlens"))
        .args(["snapshot", "--fetch", "--replay", &replay.url])
        .args(args)
        .output()
        .unwrap();
    (run.status.success(), String::from_utf8(run.stderr).unwrap())
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn coingecko_pages_are_fetched_and_a_rate_limit_is_waited_out() {
    let replay = Replay::start();
    replay.faults("/cg/coins/markets", &["429:1"]);
    let out = out_dir("pages").join("snapshot.json");
    let (ok, stderr) = fetch(&replay, &["--pages", "2", "-o", out.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    let snap = read(&out);
    assert_eq!(snap["format"], 1);
    assert_eq!(snap["tokens"].as_array().unwrap().len(), 250);
    assert_eq!(snap["tokens"][0]["id"], "bitcoin");
    assert!(
        snap["source"]
            .as_str()
            .unwrap()
            .starts_with("CoinGecko /coins/markets"),
        "{}",
        snap["source"]
    );
    let log = replay.log();
    let pages: Vec<&str> = log
        .iter()
        .map(|(_, q, _)| q.split('&').find(|p| p.starts_with("page=")).unwrap())
        .collect();
    assert_eq!(pages, ["page=1", "page=1", "page=2"], "{log:?}");
    // Retry-After: 1 is honoured.
    assert!(log[1].2 - log[0].2 >= 1000.0, "{log:?}");
}

#[test]
fn coinpaprika_answers_when_coingecko_refuses_and_the_label_says_so() {
    let replay = Replay::start();
    replay.faults("/cg/coins/markets", &["404"]);
    let out = out_dir("paprika").join("snapshot.json");
    let (ok, stderr) = fetch(&replay, &["-o", out.to_str().unwrap()]);
    assert!(ok, "{stderr}");
    let snap = read(&out);
    let ids: Vec<&str> = snap["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["btc-bitcoin", "eth-ethereum"]);
    assert_eq!(
        snap["source"],
        "CoinPaprika /tickers, top coins by rank (2 coins; CoinGecko failed: it refused the \
         request, error 404)"
    );
    let paths: Vec<String> = replay.log().into_iter().map(|l| l.0).collect();
    assert_eq!(paths, ["/cg/coins/markets", "/paprika/tickers"]);
}

#[test]
fn when_no_provider_answers_nothing_is_written_and_each_reason_is_given() {
    let replay = Replay::start();
    replay.faults("/cg/coins/markets", &["404"]);
    replay.faults("/paprika/tickers", &["truncate"]);
    let out = out_dir("none").join("snapshot.json");
    let (ok, stderr) = fetch(&replay, &["-o", out.to_str().unwrap()]);
    assert!(!ok);
    assert!(
        stderr.contains(
            "no provider answered the market list: CoinGecko (it refused the request, error \
             404); CoinPaprika (its data could not be read)"
        ),
        "{stderr}"
    );
    assert!(!out.exists());
}

#[test]
fn the_history_comes_from_binance_else_coinbase_and_skips_stablecoins() {
    let replay = Replay::start();
    // Binance does not know the first coin; Coinbase does.
    replay.faults("/binance/klines", &["404"]);
    let dir = out_dir("history");
    let (ok, stderr) = fetch(
        &replay,
        &[
            "--pages",
            "1",
            "--history-out",
            dir.join("history.json").to_str().unwrap(),
            "--history-tokens",
            "3",
            "-o",
            dir.join("snapshot.json").to_str().unwrap(),
        ],
    );
    assert!(ok, "{stderr}");
    let history = read(&dir.join("history.json"));
    assert_eq!(history["format"], 1);
    // The recorded top three are BTC, ETH and USDT: USDT is the quote, not a
    // coin with its own closes, so the third is the next coin.
    let symbols: Vec<&str> = history["daily"]["symbols"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(symbols, ["BTC", "ETH", "XRP"]);
    assert_eq!(
        history["sources"][0],
        "daily closes from Coinbase and Binance (UTC days)"
    );
    let rows = history["daily"]["rows"].as_u64().unwrap() as usize;
    for column in history["daily"]["closes"].as_array().unwrap() {
        assert_eq!(column.as_array().unwrap().len(), rows);
    }
    let paths: Vec<String> = replay
        .log()
        .into_iter()
        .map(|l| l.0)
        .filter(|p| !p.starts_with("/cg/"))
        .collect();
    assert_eq!(
        paths,
        [
            "/binance/klines",
            "/coinbase/products/BTC-USD/candles",
            "/binance/klines",
            "/binance/klines"
        ]
    );
}

//! `tokenlens narratives --live-categories` against the replay server:
//! membership from the provider's category lists, a missing category said
//! and left out, and nothing invented when no category answers.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

mod support;

use std::process::Command;

use serde_json::Value;
use support::{Replay, repo};

const DAILY: &str = "data/sources/binance_spot_daily_close_401pairs_2023-06-01_2025-06-12.csv";

fn run(replay: &Replay) -> (bool, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tokenlens"))
        .args(["narratives", "--daily-close"])
        .arg(repo().join(DAILY))
        .args(["--live-categories", "--replay", &replay.url])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    (
        out.status.success(),
        serde_json::from_str(&stdout).unwrap_or(Value::Null),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn members(report: &Value, narrative: &str) -> Vec<String> {
    report["narratives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["narrative"] == narrative)
        .map(|n| {
            n["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn membership_follows_the_provider_categories() {
    let replay = Replay::start();
    let (ok, report, stderr) = run(&replay);
    assert!(ok, "{stderr}");
    assert_eq!(members(&report, "ai"), ["FET", "WLD"]);
    // DOGE is listed as a meme and as a layer 1: the curated choice (meme) wins.
    assert!(members(&report, "meme").contains(&"DOGE".to_owned()));
    assert!(!members(&report, "l1").contains(&"DOGE".to_owned()));
    let categories = report["membership"]["categories"].as_array().unwrap();
    assert_eq!(categories.len(), 14);
    assert_eq!(
        report["membership"]["missing_categories"],
        serde_json::json!([])
    );
    let asked: Vec<String> = replay
        .log()
        .into_iter()
        .filter(|l| l.0 == "/cg/coins/markets")
        .map(|l| l.1)
        .collect();
    assert_eq!(asked.len(), 14);
    assert!(asked.iter().all(|q| q.contains("category=")));
}

#[test]
fn a_category_that_fails_is_said_and_left_out() {
    let replay = Replay::start();
    replay.faults(
        "/cg/coins/markets?category=artificial-intelligence",
        &["404"],
    );
    let (ok, report, stderr) = run(&replay);
    assert!(ok, "{stderr}");
    assert!(
        stderr.contains("category artificial-intelligence"),
        "{stderr}"
    );
    assert_eq!(
        report["membership"]["missing_categories"],
        serde_json::json!(["artificial-intelligence"])
    );
    assert!(members(&report, "ai").is_empty(), "no AI member is guessed");
}

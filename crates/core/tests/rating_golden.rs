//! The technical rating on real daily candles, pinned vote by vote: two
//! years of Binance spot BTC and PEPE (`tests/golden/binance_spot_*_1d_*.csv`),
//! with every column and with some taken away (close only; no volume).
//!
//! For every prefix of each series the test rates the prefix and records,
//! per rule, its vote (`+` buy, `-` sell, `0` neutral, `.` none) and the
//! label of the rating. For each rule it keeps the last vote of each action
//! and the last reason it could not vote, in full (values and reason text).
//! All of it is compared with `tests/golden/rating_votes.txt`; on a
//! difference the rule and the first bar that differ are named and the
//! whole new text is written next to the test binaries for review.
//!
//! The score is checked against the votes (the mean of the group means) and
//! against [`rating_series`] at every bar.

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use tokenlens_core::analysis::PriceSeries;
use tokenlens_core::analysis::rating::{Action, Group, Rating, RatingLabel, rating, rating_series};

fn golden(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(file)
}

fn load(file: &str) -> PriceSeries {
    common::golden_candles(file)
}

const BTC: &str = "binance_spot_BTCUSDT_1d_2023-06-01_2025-07-31.csv";
const PEPE: &str = "binance_spot_PEPEUSDT_1d_2023-06-09_2025-07-31.csv";

/// The series rated: each golden file with every column, and with some
/// columns taken away so that the "needs a column" reasons show.
fn cases() -> Vec<(String, PriceSeries)> {
    let btc = load(BTC);
    let pepe = load(PEPE);
    let close_only = |s: &PriceSeries| PriceSeries {
        open: None,
        high: None,
        low: None,
        volume: None,
        ..s.clone()
    };
    let no_volume = |s: &PriceSeries| PriceSeries {
        volume: None,
        ..s.clone()
    };
    vec![
        ("BTC, every column".into(), btc.clone()),
        ("PEPE, every column".into(), pepe.clone()),
        ("BTC, close only".into(), close_only(&btc)),
        ("PEPE, no volume".into(), no_volume(&pepe)),
    ]
}

fn label_char(label: RatingLabel) -> char {
    match label {
        RatingLabel::StrongSell => 'S',
        RatingLabel::Sell => 's',
        RatingLabel::Neutral => '0',
        RatingLabel::Buy => 'b',
        RatingLabel::StrongBuy => 'B',
    }
}

fn action_char(action: Action) -> char {
    match action {
        Action::Buy => '+',
        Action::Neutral => '0',
        Action::Sell => '-',
    }
}

/// The score recomputed from the votes: the mean of the group means.
fn score_of_votes(r: &Rating) -> (f64, Option<f64>, Option<f64>) {
    let mean = |group: Group| {
        let values: Vec<f64> = r
            .votes
            .iter()
            .filter(|v| v.group == group)
            .map(|v| v.action.value())
            .collect();
        (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
    };
    let (ma, osc) = (mean(Group::MovingAverages), mean(Group::Oscillators));
    let score = match (ma, osc) {
        (Some(a), Some(b)) => (a + b) / 2.0,
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => f64::NAN,
    };
    (score, ma, osc)
}

/// Per rule: its vote at every bar, and the last vote of each action and
/// last reason for no vote, in full.
struct RuleRecord {
    name: String,
    votes: String,
    last: [Option<String>; 3],
    last_unavailable: Option<String>,
}

/// The pinned text of one series, checking the score at every bar.
fn render(title: &str, series: &PriceSeries) -> String {
    let full = rating(series).unwrap();
    let names: Vec<String> = full
        .votes
        .iter()
        .map(|v| v.indicator.clone())
        .chain(full.unavailable.iter().map(|u| u.indicator.clone()))
        .collect();
    assert_eq!(names.len(), 26, "{title}: every rule is listed");
    let mut records: Vec<RuleRecord> = names
        .into_iter()
        .map(|name| RuleRecord {
            name,
            votes: String::new(),
            last: [None, None, None],
            last_unavailable: None,
        })
        .collect();
    let scores = rating_series(series);
    let mut labels = String::new();
    for n in 1..=series.len() {
        let Ok(r) = rating(&series.truncated(n)) else {
            labels.push('.');
            assert_eq!(scores[n - 1], None, "{title}: score at bar {}", n - 1);
            for rec in &mut records {
                rec.votes.push('.');
            }
            continue;
        };
        assert_eq!(r.index, n - 1);
        assert_eq!(r.votes.len() + r.unavailable.len(), 26, "{title} at {n}");
        let (score, ma, osc) = score_of_votes(&r);
        assert_eq!(
            (r.score, r.moving_averages, r.oscillators),
            (score, ma, osc)
        );
        assert_eq!(
            scores[n - 1],
            Some(r.score),
            "{title}: score at bar {}",
            n - 1
        );
        assert_eq!(r.label, RatingLabel::of(r.score));
        labels.push(label_char(r.label));
        for rec in &mut records {
            if let Some(v) = r.votes.iter().find(|v| v.indicator == rec.name) {
                rec.votes.push(action_char(v.action));
                let slot = (1.0 - v.action.value()) as usize;
                rec.last[slot] = Some(format!("bar {}: {v:?}", n - 1));
            } else {
                let u = r.unavailable.iter().find(|u| u.indicator == rec.name);
                let u = u.unwrap();
                rec.votes.push('.');
                rec.last_unavailable = Some(format!("bar {}: {u:?}", n - 1));
            }
        }
    }
    let mut out = String::new();
    writeln!(out, "## {title}, {} bars", series.len()).unwrap();
    writeln!(out, "labels {labels}").unwrap();
    for rec in &records {
        writeln!(out, "votes {}: {}", rec.name, rec.votes).unwrap();
    }
    for rec in &records {
        for (what, last) in ["buy", "neutral", "sell"].iter().zip(&rec.last) {
            if let Some(last) = last {
                writeln!(out, "last {what} {}", last).unwrap();
            }
        }
        if let Some(last) = &rec.last_unavailable {
            writeln!(out, "last unavailable {last}").unwrap();
        }
    }
    out
}

/// The first line that differs, named by its rule and bar where it is a
/// line of votes.
fn first_difference(expected: &str, actual: &str) -> String {
    let mut lines = expected.lines().zip(actual.lines()).enumerate();
    match lines.find(|(_, (e, a))| e != a) {
        Some((i, (e, a))) => {
            let at = e.chars().zip(a.chars()).position(|(x, y)| x != y);
            // A line of votes or labels has one character per bar after its name.
            let start = match e.split_once(": ") {
                Some((name, _)) if e.starts_with("votes ") => name.chars().count() + 2,
                _ if e.starts_with("labels ") => "labels ".len(),
                _ => 0,
            };
            let head: String = e.chars().take(40).collect();
            match at {
                Some(at) if start > 0 && at >= start => {
                    format!("line {} ({head}…), bar {}", i + 1, at - start)
                }
                _ => format!("line {} ({head}…), character {at:?}", i + 1),
            }
        }
        None => format!(
            "{} lines expected, {} found",
            expected.lines().count(),
            actual.lines().count()
        ),
    }
}

#[test]
fn every_vote_on_real_candles_is_pinned() {
    let actual: String = cases()
        .iter()
        .map(|(title, series)| render(title, series))
        .collect::<Vec<_>>()
        .join("\n");
    let path = golden("rating_votes.txt");
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let new = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rating_votes.txt");
        std::fs::write(&new, &actual).unwrap();
        panic!(
            "the rating differs from {}: {}; the new text is in {}",
            path.display(),
            first_difference(&expected, &actual),
            new.display()
        );
    }
}

//! `tokenlens universe-report` and the committed report in `docs/universe/`:
//! regenerating it from the repository's wide daily close file must give the
//! committed `README.md` and charts byte for byte. `timing.txt` holds a
//! measurement, which differs on every run, and is left out of the
//! comparison (but must exist).

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

use std::path::Path;
use std::process::Command;

mod support;
use support::{files, repo};

/// Every file but the timings (timing.txt natively, timing-wasm.txt from the
/// wasm benchmark): measurements, which differ on every run.
fn keep(name: &str) -> bool {
    !name.starts_with("timing")
}

const DAILY: &str = "data/sources/binance_spot_daily_close_401pairs_2023-06-01_2025-06-12.csv";
const MARKETS: &str = "data/sources/coingecko_coins_markets_usd_250_2023-07-28.json";
const TIMING: &str = "timing.txt";

#[test]
fn committed_universe_report_equals_a_fresh_run_byte_for_byte() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("universe_report");
    let _ = std::fs::remove_dir_all(&out);
    let run = Command::new(env!("CARGO_BIN_EXE_tokenlens"))
        .args(["universe-report", "--daily-close"])
        .arg(repo().join(DAILY))
        .arg("--markets")
        .arg(repo().join(MARKETS))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(run.status.success(), "{stderr}");
    // The timing goes to standard error and timing.txt, never to README.md.
    assert!(
        stderr.contains("screen of 1000 synthetic tokens x 365 daily closes"),
        "{stderr}"
    );
    let timing = std::fs::read_to_string(out.join(TIMING)).unwrap();
    assert!(timing.contains(" ms, native "), "{timing}");
    assert!(repo().join("docs/universe").join(TIMING).is_file());

    let fresh = files(&out, keep);
    let committed = files(&repo().join("docs/universe"), keep);
    assert_eq!(
        fresh.keys().collect::<Vec<_>>(),
        committed.keys().collect::<Vec<_>>(),
        "the set of files differs: regenerate docs/universe"
    );
    for (name, bytes) in &fresh {
        assert!(
            committed[name] == *bytes,
            "docs/universe/{name} is stale: run `tokenlens universe-report --daily-close \
             {DAILY} --markets {MARKETS} --out docs/universe`"
        );
    }
    let readme = String::from_utf8(fresh["README.md"].clone()).unwrap();
    assert!(!readme.contains(" ms"), "no timing in README.md");
    for svg in [
        "trader_grades.svg",
        "investor_grades.svg",
        "breadth.svg",
        "trader_grades_history.svg",
        "rotation.svg",
    ] {
        assert!(readme.contains(&format!("]({svg})")), "{svg}");
        let text = String::from_utf8(fresh[svg].clone()).unwrap();
        assert!(text.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(text.ends_with("</svg>\n"));
    }
    // Every pair is a row or an error; the crossings listed are the dots drawn.
    assert!(readme.contains("Pairs in the file: **401**"));
    let crossings = readme
        .lines()
        .filter(|l| l.ends_with("|") && (l.contains("| up |") || l.contains("| down |")))
        .count();
    let breadth = String::from_utf8(fresh["breadth.svg"].clone()).unwrap();
    assert_eq!(breadth.matches("<circle").count(), crossings);

    // Pooled over the history, the Trader Grade must use the scale: no
    // 20-point band holds half of the token-days, and no bin below 90 is
    // empty (above 90 both components must be near saturation at once,
    // which the 5-day smoothing all but rules out).
    let pooled: Vec<u64> = readme
        .split("| Bin | Token-days | Share |")
        .nth(1)
        .unwrap()
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.split('|').nth(2).unwrap().trim().parse().unwrap())
        .collect();
    assert_eq!(pooled.len(), 10);
    let total: u64 = pooled.iter().sum();
    let densest = pooled.windows(2).map(|w| w[0] + w[1]).max().unwrap();
    assert!(
        2 * densest < total,
        "pooled Trader Grades cluster: {pooled:?}"
    );
    assert!(pooled[..9].iter().all(|&n| n > 0), "{pooled:?}");
    assert!(readme.contains("## 4. Moonshots"));
    assert!(readme.contains("The smallest known market cap is $102M"));
}

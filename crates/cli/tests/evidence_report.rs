//! `tokenlens evaluate --report` and the committed report in `docs/evidence/`:
//! regenerating it from the repository's wide daily close file must give the
//! committed `README.md` and charts byte for byte (`RULE.md` is written by
//! hand and left alone).

#![allow(clippy::unwrap_used)] // a test crate: a failed unwrap is a failed test

use std::path::Path;
use std::process::Command;

mod support;
use support::{files, repo};

/// `RULE.md` is written by hand.
fn keep(name: &str) -> bool {
    name != "RULE.md"
}

const DAILY: &str = "data/sources/binance_spot_daily_close_401pairs_2023-06-01_2025-06-12.csv";

#[test]
fn committed_evidence_report_equals_a_fresh_run_byte_for_byte() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("evidence_report");
    let _ = std::fs::remove_dir_all(&out);
    let run = Command::new(env!("CARGO_BIN_EXE_tokenlens"))
        .args(["evaluate", "--daily-close"])
        .arg(repo().join(DAILY))
        .arg("--report")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let fresh = files(&out, keep);
    let committed = files(&repo().join("docs/evidence"), keep);
    assert_eq!(
        fresh.keys().collect::<Vec<_>>(),
        committed.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &fresh {
        assert!(
            committed[name] == *bytes,
            "docs/evidence/{name} is stale: run `tokenlens evaluate --daily-close {DAILY} --report docs/evidence`"
        );
    }
    let readme = String::from_utf8(fresh["README.md"].clone()).unwrap();
    assert!(readme.contains("**out of sample**"));
    assert!(readme.contains("Survivorship"));
}

#[test]
fn evaluate_prints_json_and_names_bad_arguments() {
    let run = Command::new(env!("CARGO_BIN_EXE_tokenlens"))
        .args(["evaluate", "--daily-close"])
        .arg(repo().join(DAILY))
        .args(["--horizons", "0"])
        .output()
        .unwrap();
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("horizons"));
    let run = Command::new(env!("CARGO_BIN_EXE_tokenlens"))
        .args(["evaluate", "--daily-close"])
        .arg(repo().join(DAILY))
        .args(["--from", "2025-13-01"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&run.stderr).contains("--from"));
}

//! The replay server (`tests/feeds/replay-server.mjs`) for the CLI's tests,
//! started with Node on a free 127.0.0.1 port and stopped when dropped.

// Each test crate that includes this module uses a different part of it.
#![allow(dead_code, clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every file of a directory whose name `keep` accepts, by name: what the
/// byte-for-byte report tests compare.
pub fn files(
    dir: &Path,
    keep: impl Fn(&str) -> bool,
) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().into_string().unwrap(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .filter(|(name, _)| keep(name))
        .collect()
}

/// The replay server on a free port; stopped when dropped.
pub struct Replay {
    child: Child,
    pub url: String,
}

impl Replay {
    pub fn start() -> Self {
        let mut child = Command::new("node")
            .arg(repo().join("tests/feeds/replay-server.mjs"))
            .arg("0")
            .stdout(Stdio::piped())
            .spawn()
            .expect("node runs the replay server (scripts/setup.sh installs Node)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line.trim().strip_prefix("replay: ").unwrap().to_owned();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        Self { child, url }
    }

    pub fn faults(&self, path: &str, faults: &[&str]) {
        let body = serde_json::json!({ "path": path, "faults": faults }).to_string();
        ureq::post(&format!("{}/__faults", self.url))
            .send(body)
            .unwrap();
    }

    /// Every request the server saw: (path, query, start ms).
    pub fn log(&self) -> Vec<(String, String, f64)> {
        let body = ureq::get(&format!("{}/__log", self.url))
            .call()
            .unwrap()
            .body_mut()
            .read_to_string()
            .unwrap();
        let log: Vec<Value> = serde_json::from_str(&body).unwrap();
        log.iter()
            .map(|r| {
                assert!(
                    r["headers"]
                        .as_object()
                        .unwrap()
                        .keys()
                        .all(|h| !h.starts_with("x-cg")),
                    "no key header from the command line: {r}"
                );
                (
                    r["path"].as_str().unwrap().to_owned(),
                    r["query"].as_str().unwrap_or("").to_owned(),
                    r["start"].as_f64().unwrap(),
                )
            })
            .collect()
    }
}

impl Drop for Replay {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

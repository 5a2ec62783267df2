//! The evidence report: `docs/evidence/README.md` and its SVG charts.

use std::path::Path;

use tokenlens_core::evaluation::Evaluation;
use tokenlens_core::evaluation::fit::Fit;

pub fn write(dir: &Path, evaluation: &Evaluation, fit: &Fit) -> Result<(), String> {
    let _ = (dir, evaluation, fit);
    Err("not written yet".into())
}

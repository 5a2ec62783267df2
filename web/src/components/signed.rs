//! The colour of a signed figure: green when it rose, red when it fell, the
//! sign written in the text too (so colour is never the only cue).

/// The class of a numeric cell holding a change: `num up`, `num down`, or
/// `num` for zero or no figure.
pub fn change_cell(change: Option<f64>) -> &'static str {
    match change {
        Some(v) if v > 0.0 => "num up",
        Some(v) if v < 0.0 => "num down",
        _ => "num",
    }
}

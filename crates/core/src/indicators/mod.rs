//! Technical indicators as streaming state machines with a batch form.
//!
//! Every indicator has a config struct (serde, `Default`, `validate()`) whose
//! `init()` builds the streaming state. The state implements [`Indicator`]:
//! `update` returns `None` until the indicator has seen enough inputs (never a
//! made-up seed value), `replace` swaps the last input for a new one (the
//! live, still-forming candle), `reset` returns to the freshly built state.
//! Each indicator also has a batch function over a slice whose output is as
//! long as its input, with `NaN` during warm-up.
//!
//! Values follow TA-Lib wherever TA-Lib defines the indicator.

pub mod trend;

use crate::Error;

/// A streaming indicator.
pub trait Indicator {
    /// What one step consumes: a price, or a candle.
    type Input;
    /// What one step produces once warmed up.
    type Output;

    /// Feeds the next input. `None` until warmed up.
    fn update(&mut self, input: Self::Input) -> Option<Self::Output>;
    /// Replaces the most recent input (the live candle) and returns the
    /// output as if that input had been given instead. With no previous
    /// input it is the same as [`Indicator::update`].
    fn replace(&mut self, input: Self::Input) -> Option<Self::Output>;
    /// The number of inputs needed before the first output.
    fn warmup(&self) -> usize;
    /// Forgets every input.
    fn reset(&mut self);
}

/// A validated period: at least `min`.
pub(crate) fn check_period(name: &'static str, value: usize, min: usize) -> Result<(), Error> {
    if value < min {
        return Err(Error::InvalidParameter {
            name,
            value: value.to_string(),
            reason: if min == 1 {
                "must be at least 1"
            } else {
                "must be at least 2"
            },
        });
    }
    Ok(())
}

/// Checks that every value of a batch input is finite, naming the first bad one.
pub(crate) fn check_finite(field: &'static str, values: &[f64]) -> Result<(), Error> {
    match values.iter().position(|v| !v.is_finite()) {
        None => Ok(()),
        Some(i) => Err(Error::InvalidInput {
            field,
            value: format!("{} at index {i}", values[i]),
        }),
    }
}

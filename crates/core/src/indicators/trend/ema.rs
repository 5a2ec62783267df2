//! Exponential moving average, seeded as TA-Lib seeds it.
//!
//! With period `n` and `k = 2 / (n + 1)`:
//! `EMA[n-1] = mean(x[0..n])` and `EMA[t] = EMA[t-1] + k · (x[t] − EMA[t-1])`.
//! The first output is at the `n`-th input; nothing is reported before, since
//! any earlier value would be an invented seed. (Some libraries seed with the
//! first value instead; their values converge to these over a long series.)
//!
//! ```
//! use tokenlens_core::indicators::{Indicator, trend::EmaConfig};
//! let mut ema = EmaConfig { period: 3 }.init().unwrap();
//! assert_eq!(ema.update(1.0), None);
//! assert_eq!(ema.update(2.0), None);
//! assert_eq!(ema.update(3.0), Some(2.0)); // mean of the first three
//! assert_eq!(ema.update(6.0), Some(4.0)); // 2 + 0.5 · (6 − 2)
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Error;
use crate::indicators::lanes::Lane;
use crate::indicators::{Indicator, check_finite, check_period};

/// Parameters of an [`Ema`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EmaConfig {
    /// Number of periods, at least 1. Default 20.
    pub period: usize,
}

impl Default for EmaConfig {
    fn default() -> Self {
        Self { period: 20 }
    }
}

impl EmaConfig {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<(), Error> {
        check_period("period", self.period, 1)
    }

    /// Builds the streaming state.
    pub fn init(&self) -> Result<Ema, Error> {
        self.validate()?;
        Ok(Ema {
            period: self.period,
            alpha: 2.0 / (self.period as f64 + 1.0),
            state: EmaState::default(),
            before_last: EmaState::default(),
        })
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct EmaState {
    seen: usize,
    seed_sum: f64,
    value: f64,
}

/// Streaming exponential moving average. Built by [`EmaConfig::init`].
#[derive(Debug, Clone, PartialEq)]
pub struct ExponentialMovingAverage {
    period: usize,
    alpha: f64,
    state: EmaState,
    before_last: EmaState,
}

/// Short name of [`ExponentialMovingAverage`].
pub type Ema = ExponentialMovingAverage;

impl Ema {
    /// The smoothing factor `2 / (period + 1)`.
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// Whether the next output will be a value.
    pub fn is_ready(&self) -> bool {
        self.state.seen >= self.period
    }

    fn step(&self, mut s: EmaState, x: f64) -> EmaState {
        s.seen += 1;
        if s.seen < self.period {
            s.seed_sum += x;
        } else if s.seen == self.period {
            s.value = (s.seed_sum + x) / self.period as f64;
        } else {
            s.value += self.alpha * (x - s.value);
        }
        s
    }

    fn output(&self) -> Option<f64> {
        self.is_ready().then_some(self.state.value)
    }

    /// One step for indicators built on the EMA; `x` must be finite.
    pub(crate) fn push(&mut self, x: f64) -> Option<f64> {
        self.update(x)
    }

    /// Reverses the last [`Ema::push`].
    pub(crate) fn undo(&mut self) {
        self.state = self.before_last;
    }
}

impl Indicator for Ema {
    type Input = f64;
    type Output = f64;

    /// Feeds the next value. A non-finite value is ignored: the state is
    /// unchanged and the current output (if any) is returned again.
    fn update(&mut self, x: f64) -> Option<f64> {
        if x.is_finite() {
            self.before_last = self.state;
            self.state = self.step(self.state, x);
        }
        self.output()
    }

    fn replace(&mut self, x: f64) -> Option<f64> {
        if x.is_finite() {
            if self.state.seen > 0 {
                self.state = self.before_last;
            }
            return self.update(x);
        }
        self.output()
    }

    fn warmup(&self) -> usize {
        self.period
    }

    fn reset(&mut self) {
        self.state = EmaState::default();
        self.before_last = EmaState::default();
    }
}

impl fmt::Display for Ema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EMA({})", self.period)
    }
}

/// EMA over a whole series: as long as `values`, `NaN` for the first
/// `period − 1` entries. Every value must be finite.
pub fn ema(values: &[f64], period: usize) -> Result<Vec<f64>, Error> {
    check_finite("values", values)?;
    EmaConfig { period }.validate()?;
    let mut out = vec![f64::NAN; values.len()];
    ema_into(values, period, &mut out);
    Ok(out)
}

/// The batch EMA into `out` (as long as `values`, `NaN`-filled by the caller
/// before `period − 1`), in [`Ema`]'s order of operations.
pub(crate) fn ema_into<L: Lane>(values: &[L], period: usize, out: &mut [L]) {
    let n = period;
    if values.len() < n {
        return;
    }
    let out = &mut out[..values.len()];
    let alpha = L::splat(2.0 / (n as f64 + 1.0));
    let mut seed = L::splat(0.0);
    for &x in &values[..n - 1] {
        seed += x;
    }
    let mut value = (seed + values[n - 1]) / L::splat(n as f64);
    out[n - 1] = value;
    for (o, &x) in out[n..].iter_mut().zip(&values[n..]) {
        value += alpha * (x - value);
        *o = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Straightforward reference: SMA seed, then the recurrence.
    fn naive(values: &[f64], n: usize) -> Vec<f64> {
        let mut out = vec![f64::NAN; values.len()];
        if values.len() < n {
            return out;
        }
        let k = 2.0 / (n as f64 + 1.0);
        let mut e = values[..n].iter().sum::<f64>() / n as f64;
        out[n - 1] = e;
        for t in n..values.len() {
            e = values[t] * k + e * (1.0 - k);
            out[t] = e;
        }
        out
    }

    /// Equal up to rounding relative to `scale`, the magnitude of the inputs
    /// (an average near zero of large inputs carries their absolute error).
    fn close(a: f64, b: f64, scale: f64) -> bool {
        (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-12 * scale.max(1.0)
    }

    #[test]
    fn first_output_is_the_mean_of_the_first_period() {
        let out = ema(&[2.0, 4.0, 6.0, 8.0, 10.0], 3).unwrap();
        assert!(out[0].is_nan() && out[1].is_nan());
        assert_eq!(out[2], 4.0);
        assert_eq!(out[3], 6.0);
        assert_eq!(out[4], 8.0);
    }

    #[test]
    fn period_one_echoes_the_input() {
        let xs = [3.0, -1.0, 7.5];
        assert_eq!(ema(&xs, 1).unwrap(), xs.to_vec());
    }

    #[test]
    fn output_is_as_long_as_input_even_when_too_short() {
        let out = ema(&[1.0, 2.0], 5).unwrap();
        assert_eq!(out.len(), 2);
        assert!(out.iter().all(|v| v.is_nan()));
        assert!(ema(&[], 5).unwrap().is_empty());
    }

    #[test]
    fn zero_period_is_rejected() {
        let err = EmaConfig { period: 0 }.init().unwrap_err();
        assert_eq!(err.code(), "INVALID_PARAMETER");
        assert!(err.to_string().contains("period"));
    }

    #[test]
    fn batch_rejects_non_finite_input_naming_its_index() {
        let err = ema(&[1.0, f64::NAN, 3.0], 2).unwrap_err();
        assert!(err.to_string().contains("index 1"), "{err}");
    }

    #[test]
    fn streaming_skips_non_finite_input() {
        let mut a = EmaConfig { period: 2 }.init().unwrap();
        let mut b = a.clone();
        for x in [1.0, 2.0, 3.0] {
            a.update(x);
            b.update(x);
            b.update(f64::NAN);
        }
        assert_eq!(a, b);
    }

    #[test]
    fn replace_acts_on_the_last_input_only() {
        let mut live = EmaConfig { period: 3 }.init().unwrap();
        let mut fresh = live.clone();
        for x in [1.0, 2.0, 3.0, 4.0] {
            live.update(x);
            fresh.update(x);
        }
        live.update(100.0);
        live.replace(50.0);
        assert_eq!(live.replace(5.0), fresh.update(5.0));
        assert_eq!(live, fresh);
    }

    #[test]
    fn replace_during_warmup_and_on_empty_state() {
        let mut a = EmaConfig { period: 3 }.init().unwrap();
        assert_eq!(a.replace(9.0), None); // acts as update
        a.replace(1.0);
        a.update(2.0);
        assert_eq!(a.update(3.0), Some(2.0));
    }

    #[test]
    fn display_names_the_period() {
        assert_eq!(
            EmaConfig { period: 14 }.init().unwrap().to_string(),
            "EMA(14)"
        );
    }

    #[test]
    fn config_reads_json_with_defaults_and_rejects_unknown_fields() {
        let c: EmaConfig = serde_json::from_str("{}").unwrap();
        assert_eq!(c.period, 20);
        assert!(serde_json::from_str::<EmaConfig>(r#"{"periods": 3}"#).is_err());
    }

    proptest::proptest! {
        #[test]
        fn streaming_equals_naive_reference(
            xs in proptest::collection::vec(-1e6f64..1e6, 0..200),
            n in 1usize..40,
        ) {
            let got = ema(&xs, n).unwrap();
            let want = naive(&xs, n);
            let scale = xs.iter().fold(0.0f64, |m, x| m.max(x.abs()));
            for (i, (g, w)) in got.iter().zip(&want).enumerate() {
                proptest::prop_assert!(close(*g, *w, scale), "index {i}: {g} vs {w}");
            }
        }

        #[test]
        fn constant_input_gives_constant_output(c in -1e9f64..1e9, n in 1usize..50) {
            let out = ema(&vec![c; n + 10], n).unwrap();
            for v in &out[n - 1..] {
                proptest::prop_assert!(close(*v, c, c.abs()));
            }
        }

        #[test]
        fn reset_equals_fresh(xs in proptest::collection::vec(-1e3f64..1e3, 0..50), n in 1usize..10) {
            let fresh = EmaConfig { period: n }.init().unwrap();
            let mut used = fresh.clone();
            for x in xs { used.update(x); }
            used.reset();
            proptest::prop_assert_eq!(used, fresh);
        }
    }
}

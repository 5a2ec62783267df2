//! Shared window helpers: a ring buffer, a rolling sum, rolling extremes over
//! a monotonic deque, and Wilder smoothing.
//!
//! Each helper takes one step with `push` and can reverse exactly the last
//! step with `undo` (used by `Indicator::replace`). The arithmetic follows
//! TA-Lib's order of operations, so results agree to the last bits.

/// The last `cap` values, oldest first, with one step of undo.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ring {
    buf: Vec<f64>,
    next: usize,
    len: usize,
    /// Slot, previous content and length before the last push.
    undo: (usize, f64, usize),
}

impl Ring {
    /// `cap` must be at least 1.
    pub(crate) fn new(cap: usize) -> Self {
        Self {
            buf: vec![0.0; cap.max(1)],
            next: 0,
            len: 0,
            undo: (0, 0.0, 0),
        }
    }

    pub(crate) fn cap(&self) -> usize {
        self.buf.len()
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn is_full(&self) -> bool {
        self.len == self.buf.len()
    }

    /// Appends `x`; returns the value it pushed out, if the ring was full.
    pub(crate) fn push(&mut self, x: f64) -> Option<f64> {
        let old = self.buf[self.next];
        let evicted = self.is_full().then_some(old);
        self.undo = (self.next, old, self.len);
        self.buf[self.next] = x;
        self.next += 1;
        if self.next == self.buf.len() {
            self.next = 0;
        }
        if self.len < self.buf.len() {
            self.len += 1;
        }
        evicted
    }

    /// Reverses the last push.
    pub(crate) fn undo(&mut self) {
        let (slot, old, len) = self.undo;
        self.buf[slot] = old;
        self.next = slot;
        self.len = len;
    }

    /// The `i`-th value, oldest first.
    pub(crate) fn get(&self, i: usize) -> f64 {
        let cap = self.buf.len();
        let start = self.next + cap - self.len;
        self.buf[(start + i) % cap]
    }

    pub(crate) fn oldest(&self) -> f64 {
        self.get(0)
    }

    /// The storage in slot order: value number `k` (from 0) is in slot `k % cap`.
    pub(crate) fn slots(&self) -> &[f64] {
        &self.buf
    }

    pub(crate) fn clear(&mut self) {
        self.buf.fill(0.0);
        self.next = 0;
        self.len = 0;
        self.undo = (0, 0.0, 0);
    }
}

/// Sum of the last `n` values, kept as TA-Lib keeps it: the running sum of
/// the `n − 1` most recent values, to which the newest is added.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RollingSum {
    ring: Ring,
    partial: f64,
    prev_partial: f64,
}

impl RollingSum {
    pub(crate) fn new(n: usize) -> Self {
        Self {
            ring: Ring::new(n),
            partial: 0.0,
            prev_partial: 0.0,
        }
    }

    /// Adds `x`; the sum of the last `n` values once `n` were seen.
    pub(crate) fn push(&mut self, x: f64) -> Option<f64> {
        self.prev_partial = self.partial;
        self.ring.push(x);
        if !self.ring.is_full() {
            self.partial += x;
            return None;
        }
        let total = self.partial + x;
        self.partial = total - self.ring.oldest();
        Some(total)
    }

    pub(crate) fn undo(&mut self) {
        self.ring.undo();
        self.partial = self.prev_partial;
    }

    pub(crate) fn clear(&mut self) {
        self.ring.clear();
        self.partial = 0.0;
        self.prev_partial = 0.0;
    }
}

/// Which extreme a [`RollingExtreme`] tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Extreme {
    Max,
    Min,
}

/// Maximum or minimum of the last `n` values with a monotonic deque:
/// amortised O(1) per push. Among equal extremes the most recent wins (as in
/// TA-Lib's Aroon). `undo` rebuilds the deque from the window, O(n).
#[derive(Debug, Clone)]
pub(crate) struct RollingExtreme {
    kind: Extreme,
    window: Ring,
    /// Deque of (input number, value), a ring of capacity `n`.
    deque: Vec<(usize, f64)>,
    head: usize,
    len: usize,
    count: usize,
}

/// Equal when they track the same window: the deque's layout in storage is
/// not part of the state.
impl PartialEq for RollingExtreme {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
            && self.window == other.window
            && self.count == other.count
            && self.len == other.len
            && self.deque_iter().eq(other.deque_iter())
    }
}

impl RollingExtreme {
    fn deque_iter(&self) -> impl Iterator<Item = (usize, f64)> + '_ {
        let cap = self.deque.len();
        (0..self.len).map(move |i| self.deque[(self.head + i) % cap])
    }

    pub(crate) fn new(n: usize, kind: Extreme) -> Self {
        Self {
            kind,
            window: Ring::new(n),
            deque: vec![(0, 0.0); n.max(1)],
            head: 0,
            len: 0,
            count: 0,
        }
    }

    fn beats_or_ties(&self, x: f64, y: f64) -> bool {
        match self.kind {
            Extreme::Max => x >= y,
            Extreme::Min => x <= y,
        }
    }

    fn deque_push(&mut self, t: usize, x: f64) {
        let cap = self.deque.len();
        let n = self.window.cap();
        while self.len > 0 && self.deque[self.head].0 + n <= t {
            self.head = (self.head + 1) % cap;
            self.len -= 1;
        }
        while self.len > 0 {
            let back = (self.head + self.len - 1) % cap;
            if self.beats_or_ties(x, self.deque[back].1) {
                self.len -= 1;
            } else {
                break;
            }
        }
        let slot = (self.head + self.len) % cap;
        self.deque[slot] = (t, x);
        self.len += 1;
    }

    /// Adds `x`; once `n` values were seen, the extreme of the last `n` and
    /// how many steps ago it came (0 for the newest).
    pub(crate) fn push(&mut self, x: f64) -> Option<(f64, usize)> {
        let t = self.count;
        self.count += 1;
        self.window.push(x);
        self.deque_push(t, x);
        self.window.is_full().then(|| self.current(t))
    }

    fn current(&self, t: usize) -> (f64, usize) {
        let (at, v) = self.deque[self.head];
        (v, t - at)
    }

    pub(crate) fn undo(&mut self) {
        self.window.undo();
        self.count -= 1;
        self.head = 0;
        self.len = 0;
        let first = self.count - self.window.len();
        for i in 0..self.window.len() {
            self.deque_push(first + i, self.window.get(i));
        }
    }

    pub(crate) fn clear(&mut self) {
        self.window.clear();
        self.deque.fill((0, 0.0));
        self.head = 0;
        self.len = 0;
        self.count = 0;
    }
}

/// Wilder's smoothing as an average: the first output is the mean of the
/// first `n` values, then `avg = (avg · (n − 1) + x) / n`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Wilder {
    n: usize,
    seen: usize,
    value: f64,
    prev: (usize, f64),
}

impl Wilder {
    pub(crate) fn new(n: usize) -> Self {
        Self {
            n,
            seen: 0,
            value: 0.0,
            prev: (0, 0.0),
        }
    }

    pub(crate) fn push(&mut self, x: f64) -> Option<f64> {
        self.prev = (self.seen, self.value);
        self.seen += 1;
        let n = self.n as f64;
        if self.seen < self.n {
            self.value += x;
            return None;
        }
        if self.seen == self.n {
            self.value = (self.value + x) / n;
        } else {
            self.value *= n - 1.0;
            self.value += x;
            self.value /= n;
        }
        Some(self.value)
    }

    pub(crate) fn undo(&mut self) {
        (self.seen, self.value) = self.prev;
    }

    pub(crate) fn clear(&mut self) {
        *self = Self::new(self.n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ring_keeps_the_last_values_and_undoes_one_push() {
        let mut r = Ring::new(3);
        for x in [1.0, 2.0, 3.0] {
            assert_eq!(r.push(x), None);
        }
        assert_eq!(r.push(4.0), Some(1.0));
        assert_eq!((r.get(0), r.get(1), r.get(2)), (2.0, 3.0, 4.0));
        r.undo();
        assert_eq!((r.len(), r.get(0), r.get(1), r.get(2)), (3, 1.0, 2.0, 3.0));
        assert_eq!(r.push(5.0), Some(1.0));
        assert_eq!(r.oldest(), 2.0);
    }

    #[test]
    fn rolling_sum_sums_the_window() {
        let mut s = RollingSum::new(2);
        assert_eq!(s.push(1.0), None);
        assert_eq!(s.push(2.0), Some(3.0));
        assert_eq!(s.push(5.0), Some(7.0));
        s.undo();
        assert_eq!(s.push(10.0), Some(12.0));
    }

    #[test]
    fn rolling_extreme_reports_the_latest_of_ties() {
        let mut m = RollingExtreme::new(3, Extreme::Max);
        assert_eq!(m.push(5.0), None);
        assert_eq!(m.push(5.0), None);
        assert_eq!(m.push(1.0), Some((5.0, 1)));
        assert_eq!(m.push(0.0), Some((5.0, 2)));
        assert_eq!(m.push(0.5), Some((1.0, 2)));
        m.undo();
        assert_eq!(m.push(9.0), Some((9.0, 0)));
    }

    proptest::proptest! {
        #[test]
        fn rolling_extreme_matches_a_scan(
            xs in proptest::collection::vec(-5i32..5, 1..80),
            n in 1usize..10,
            replace_at in 0usize..80,
        ) {
            let mut max = RollingExtreme::new(n, Extreme::Max);
            let mut min = RollingExtreme::new(n, Extreme::Min);
            for (i, &x) in xs.iter().enumerate() {
                let x = f64::from(x);
                if i == replace_at {
                    max.push(x + 7.0);
                    min.push(x - 7.0);
                    max.undo();
                    min.undo();
                }
                let got_max = max.push(x);
                let got_min = min.push(x);
                if i + 1 < n {
                    proptest::prop_assert!(got_max.is_none() && got_min.is_none());
                    continue;
                }
                let w = &xs[i + 1 - n..=i];
                let hi = *w.iter().max().unwrap();
                let lo = *w.iter().min().unwrap();
                let hi_age = w.iter().rev().position(|&v| v == hi).unwrap();
                let lo_age = w.iter().rev().position(|&v| v == lo).unwrap();
                proptest::prop_assert_eq!(got_max, Some((f64::from(hi), hi_age)));
                proptest::prop_assert_eq!(got_min, Some((f64::from(lo), lo_age)));
            }
        }
    }
}

//! One way to sort by a number: every ranking in the crate sorts
//! `(key, index)` pairs with [`by_key_then_index`], so that the code holds
//! one sort routine instead of one per call site (each `sort_by` closure is
//! its own copy of the sort, several KB of wasm apiece), and ties always
//! break by position, whatever the sort algorithm.

use std::cmp::Ordering;

/// Ascending by key ([`f64::total_cmp`]), then by index.
pub(crate) fn by_key_then_index(a: &(f64, usize), b: &(f64, usize)) -> Ordering {
    a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))
}

/// Sorts `pairs` with [`by_key_then_index`]. A descending order sorts the
/// negated keys (`total_cmp` orders `-x` exactly opposite to `x`, zeros and
/// NaNs included).
pub(crate) fn sort_pairs(pairs: &mut [(f64, usize)]) {
    pairs.sort_unstable_by(by_key_then_index);
}

/// The indices of `keys` from the largest key to the smallest, ties in
/// index order.
pub(crate) fn descending(keys: impl Iterator<Item = f64>) -> Vec<usize> {
    let mut pairs: Vec<(f64, usize)> = keys.enumerate().map(|(i, k)| (-k, i)).collect();
    sort_pairs(&mut pairs);
    pairs.into_iter().map(|(_, i)| i).collect()
}

/// Sorts numbers ascending by [`f64::total_cmp`], through [`sort_pairs`].
pub(crate) fn sort_numbers(xs: &mut [f64]) {
    let mut pairs: Vec<(f64, usize)> = xs.iter().map(|&x| (x, 0)).collect();
    sort_pairs(&mut pairs);
    for (x, (k, _)) in xs.iter_mut().zip(pairs) {
        *x = k;
    }
}

/// Sorts a handful of values (a few dozen at most) by insertion: no copy of
/// a sort routine for them.
pub(crate) fn sort_few<T: Ord>(xs: &mut [T]) {
    for i in 1..xs.len() {
        let mut j = i;
        while j > 0 && xs[j - 1] > xs[j] {
            xs.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts integers ascending, through [`sort_pairs`]: each integer goes as
/// the `f64` whose [`f64::total_cmp`] rank is the integer's own (the bit
/// pattern `total_cmp` compares, inverted), exact for every `i64`.
pub(crate) fn sort_integers(xs: &mut [i64]) {
    // `total_cmp` compares `bits ^ (sign ? 0x7fff…f : 0)` as an `i64`; the
    // map is its own inverse, and keeps the sign bit.
    let flip = |t: i64| t ^ (((t >> 63) as u64) >> 1) as i64;
    let mut pairs: Vec<(f64, usize)> = xs
        .iter()
        .map(|&t| (f64::from_bits(flip(t) as u64), 0))
        .collect();
    sort_pairs(&mut pairs);
    for (x, (k, _)) in xs.iter_mut().zip(pairs) {
        *x = flip(k.to_bits() as i64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descending_breaks_ties_by_index_and_keeps_zeros_and_nans_ordered() {
        assert_eq!(descending([1.0, 3.0, 3.0, 2.0].into_iter()), [1, 2, 3, 0]);
        // total_cmp: NaN above every number, +0 above -0; descending reverses it.
        assert_eq!(
            descending([-0.0, f64::NAN, 0.0, 5.0].into_iter()),
            [1, 3, 2, 0]
        );
        let big = 1 << 53;
        let mut ts = [5, i64::MAX, -1, 0, i64::MIN, big, big + 1, -2, 5, 1];
        let mut expected = ts;
        expected.sort_unstable();
        sort_integers(&mut ts);
        assert_eq!(ts, expected);
        let mut few = ["sma", "ema", "rsi", "ema", "adx", "bb"];
        sort_few(&mut few);
        assert_eq!(few, ["adx", "bb", "ema", "ema", "rsi", "sma"]);
        let mut xs = [3.0, -0.0, 0.0, -1.0];
        sort_numbers(&mut xs);
        assert_eq!(
            xs.map(f64::to_bits),
            [-1.0f64, -0.0, 0.0, 3.0].map(f64::to_bits)
        );
    }
}

//! The catalog's flat pass over many series of one length at once.
//!
//! The series come as columns concatenated series after series (close of
//! series 0, then of series 1 …; high and low likewise), and the outputs go
//! series after series, each laid out as
//! [`compute_all_into`](super::catalog::compute_all_into) lays out one
//! series. Every value is bit for bit the one-series pass's: the eight
//! indicators with a dedicated kernel (SMA, EMA, RSI, MACD, Bollinger
//! Bands, ATR, ADX, stochastic) run over [`LANES`] series side by side (see
//! `lanes.rs`), the others and a last group of fewer than
//! [`LANES`] series run one series at a time.
//!
//! ```
//! use tokenlens_core::indicators::catalog::{Columns, IndicatorSpec, compute_all_flat};
//! use tokenlens_core::indicators::many::compute_many_flat;
//! let specs: Vec<IndicatorSpec> = vec!["sma2".parse().unwrap(), "rsi2".parse().unwrap()];
//! // Two series of three closes, one after the other.
//! let close = [1.0, 2.0, 4.0, 10.0, 9.0, 9.5];
//! let out = compute_many_flat(&specs, &Columns::close_only(&close), 3).unwrap();
//! assert_eq!(out.len(), 2 * 2 * 3); // 2 series × 2 outputs × 3 rows
//! let second = compute_all_flat(&specs, &Columns::close_only(&close[3..])).unwrap();
//! let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
//! assert_eq!(bits(&out[6..]), bits(&second)); // NaN warm-up included
//! ```

use super::catalog::{Columns, IndicatorSpec, compute_all_flat};
use super::lanes::{Lane, Lanes4};
use super::{HlcColumns, check_finite};
use crate::Error;

/// How many series the kernels advance side by side.
pub const LANES: usize = 4;

/// The flat pass over every series: `series × outputs × series_len` values
/// (see the module documentation for the layout), `NaN` during warm-up.
///
/// Errors: `series_len` is 0 or does not divide the columns' length
/// (`InvalidParameter`), as [`compute_all_into`](super::catalog::compute_all_into)
/// otherwise (a non-finite value is reported at its index in the
/// concatenated column).
pub fn compute_many_flat(
    specs: &[IndicatorSpec],
    columns: &Columns<'_>,
    series_len: usize,
) -> Result<Vec<f64>, Error> {
    let count: usize = specs.iter().map(IndicatorSpec::output_count).sum();
    // Zeros (pages the allocator can hand over as they are): every value is
    // written.
    let mut out = vec![0.0; count * columns.close.len()];
    compute_many_into(specs, columns, series_len, &mut out)?;
    Ok(out)
}

/// Like [`compute_many_flat`], into `out` (of `outputs × columns' length`
/// values; any content: every value is written). The closes, highs and lows
/// are checked for finiteness as each group of series is read, so on an
/// `InvalidInput` error `out` holds the outputs of the series before it (the
/// error is the one [`compute_many_flat`] gives); on any other error it is
/// untouched.
pub fn compute_many_into(
    specs: &[IndicatorSpec],
    columns: &Columns<'_>,
    series_len: usize,
    out: &mut [f64],
) -> Result<(), Error> {
    let count = check_shape(specs, columns, series_len)?;
    if out.len() != count * columns.close.len() {
        columns.validate()?; // a bad value is named first, as by `check`
        return Err(Error::LengthMismatch {
            field: "out",
            len: out.len(),
            expected: count * columns.close.len(),
        });
    }
    let stride = count * series_len;
    if stride == 0 {
        return Ok(()); // no outputs
    }
    let mut pass = Pass::new(specs, columns, series_len);
    while let Some((first, n)) = pass.next_chunk() {
        pass.compute(first, n, &mut out[first * stride..(first + n) * stride])?;
    }
    Ok(())
}

/// Like [`compute_many_flat`], handing the outputs over a few series at a
/// time: `sink(first, values)` gets the flat outputs of series `first`,
/// `first + 1` … (`values.len()` is a multiple of one series' outputs),
/// every series once, in order. The arguments are checked before the first
/// call, so that on an error `sink` is never called. Only a few series'
/// outputs are held at a time: what suits a caller that copies them
/// elsewhere (the JS package, into a JS array).
pub fn compute_many_with(
    specs: &[IndicatorSpec],
    columns: &Columns<'_>,
    series_len: usize,
    mut sink: impl FnMut(usize, &[f64]),
) -> Result<(), Error> {
    let count = check(specs, columns, series_len)?;
    let stride = count * series_len;
    if stride == 0 {
        return Ok(()); // no outputs
    }
    let mut pass = Pass::new(specs, columns, series_len);
    let mut buffer = vec![0.0; LANES * stride];
    while let Some((first, n)) = pass.next_chunk() {
        let values = &mut buffer[..n * stride];
        pass.compute(first, n, values)?;
        sink(first, values);
    }
    Ok(())
}

/// Every check of the arguments, the values' finiteness included; the
/// number of output columns.
fn check(
    specs: &[IndicatorSpec],
    columns: &Columns<'_>,
    series_len: usize,
) -> Result<usize, Error> {
    let count = check_shape(specs, columns, series_len)?;
    columns.validate()?;
    Ok(count)
}

/// The checks of [`check`] but the finiteness of the closes, highs and lows,
/// which the groups check as they read them (`Group::compute`).
fn check_shape(
    specs: &[IndicatorSpec],
    columns: &Columns<'_>,
    series_len: usize,
) -> Result<usize, Error> {
    if series_len == 0 || !columns.close.len().is_multiple_of(series_len) {
        return Err(Error::InvalidParameter {
            name: "series_length",
            value: series_len.to_string(),
            reason: "must be at least 1 and divide the length of the columns",
        });
    }
    // The columns' lengths, and the finiteness of those the groups do not
    // read (opens, volumes, and a high or a low without the other); on a
    // fault, `validate` names the first one as it would have without the
    // groups' checks.
    let expected = columns.close.len();
    let optional = [columns.open, columns.high, columns.low, columns.volume];
    let lengths = optional.iter().flatten().all(|c| c.len() == expected);
    let unread = match (columns.high, columns.low) {
        (Some(_), Some(_)) => [columns.open, columns.volume, None, None],
        _ => optional,
    };
    let finite = unread
        .into_iter()
        .flatten()
        .all(|c| check_finite("", c).is_ok());
    if !(lengths && finite) {
        columns.validate()?;
    }
    // Bad parameters and missing columns, before any work (after any bad
    // value, which `validate` named first before the groups' checks).
    if let Err(e) = compute_all_flat(specs, &empty_like(columns)) {
        columns.validate()?;
        return Err(e);
    }
    Ok(specs.iter().map(IndicatorSpec::output_count).sum())
}

/// Checked arguments, the scratch of the groups, and the next series.
struct Pass<'s, 'c> {
    specs: &'s [IndicatorSpec],
    columns: Columns<'c>,
    series_len: usize,
    series: usize,
    next: usize,
    /// With at least [`LANES`] series.
    group: Option<Group>,
}

impl<'s, 'c> Pass<'s, 'c> {
    fn new(specs: &'s [IndicatorSpec], columns: &Columns<'c>, series_len: usize) -> Self {
        Self {
            specs,
            columns: *columns,
            series_len,
            series: columns.close.len() / series_len,
            next: 0,
            group: (columns.close.len() / series_len >= LANES)
                .then(|| Group::new(specs, series_len)),
        }
    }

    /// The next series to compute and how many (a group of [`LANES`], or
    /// one of a last ragged group), or `None` when all are done.
    fn next_chunk(&mut self) -> Option<(usize, usize)> {
        let first = self.next;
        let n = match self.series - first {
            0 => return None,
            left if left >= LANES => LANES,
            _ => 1,
        };
        self.next += n;
        Some((first, n))
    }

    /// Series `first .. first + n` (a chunk from `next_chunk`) into `dst`.
    fn compute(&mut self, first: usize, n: usize, dst: &mut [f64]) -> Result<(), Error> {
        let (specs, len) = (self.specs, self.series_len);
        if let (LANES, Some(group)) = (n, self.group.as_mut()) {
            return group.compute(specs, &self.columns, first, dst);
        }
        let one = slice_series(&self.columns, first * len, len);
        if one.validate().is_err() {
            // The fault as the whole columns' check names it.
            self.columns.validate()?;
        }
        dst.fill(f64::NAN);
        for (spec, part) in specs.iter().zip(split(dst, specs, len)) {
            spec.compute_into(&one, part)?;
        }
        Ok(())
    }
}

/// Columns of the same shape with no rows: what checks the specs against
/// the columns present.
fn empty_like<'a>(columns: &Columns<'a>) -> Columns<'a> {
    let empty = |col: Option<&'a [f64]>| col.map(|_| &[][..]);
    Columns {
        open: empty(columns.open),
        high: empty(columns.high),
        low: empty(columns.low),
        close: &[],
        volume: empty(columns.volume),
    }
}

/// Series `start / len` of concatenated columns.
fn slice_series<'a>(columns: &Columns<'a>, start: usize, len: usize) -> Columns<'a> {
    let cut = |col: Option<&'a [f64]>| col.map(|c| &c[start..start + len]);
    Columns {
        open: cut(columns.open),
        high: cut(columns.high),
        low: cut(columns.low),
        close: &columns.close[start..start + len],
        volume: cut(columns.volume),
    }
}

/// One series' flat output cut into each spec's part.
fn split<'o, T>(
    out: &'o mut [T],
    specs: &[IndicatorSpec],
    len: usize,
) -> impl Iterator<Item = &'o mut [T]> {
    let mut rest = out;
    specs.iter().map(move |spec| {
        let (mine, others) = std::mem::take(&mut rest).split_at_mut(spec.output_count() * len);
        rest = others;
        mine
    })
}

/// Scratch for [`LANES`] series side by side, reused from group to group.
struct Group {
    len: usize,
    high: Vec<Lanes4>,
    low: Vec<Lanes4>,
    close: Vec<Lanes4>,
    /// The kernels' outputs, laid out as one series' flat output. Warm-up
    /// slots are the same in every group (they depend on lengths and
    /// parameters only): filled with `NaN` once.
    out: Vec<Lanes4>,
}

impl Group {
    fn new(specs: &[IndicatorSpec], len: usize) -> Self {
        let columns: usize = specs.iter().map(IndicatorSpec::output_count).sum();
        let nan = Lanes4::splat(f64::NAN);
        Self {
            len,
            high: vec![nan; len],
            low: vec![nan; len],
            close: vec![nan; len],
            out: vec![nan; columns * len],
        }
    }

    /// Series `first .. first + LANES` into `dst` (their flat outputs, one after
    /// the other).
    fn compute(
        &mut self,
        specs: &[IndicatorSpec],
        columns: &Columns<'_>,
        first: usize,
        dst: &mut [f64],
    ) -> Result<(), Error> {
        let len = self.len;
        let start = first * len;
        let mut finite = gather(&mut self.close, &columns.close[start..start + LANES * len]);
        let hlc = match (columns.high, columns.low) {
            (Some(high), Some(low)) => {
                finite &= gather(&mut self.high, &high[start..start + LANES * len]);
                finite &= gather(&mut self.low, &low[start..start + LANES * len]);
                Ok(HlcColumns::new(
                    &self.high[..],
                    &self.low[..],
                    &self.close[..],
                ))
            }
            (None, _) => Err("high"),
            (Some(_), None) => Err("low"),
        };
        if !finite {
            // The fault as the whole columns' check names it.
            columns.validate()?;
        }
        let stride = dst.len() / LANES;
        // Spec by spec, each kernel's columns into their series' outputs while
        // they are still in the nearest cache.
        let mut column = 0;
        for (spec, part) in specs.iter().zip(split(&mut self.out, specs, len)) {
            let width = spec.output_count();
            if spec.has_kernel() {
                spec.kernel_into(&self.close, hlc, part)?;
                scatter(part, column, len, dst);
            }
            column += width;
        }
        for (k, series_out) in dst.chunks_exact_mut(stride).enumerate() {
            let one = slice_series(columns, start + k * len, len);
            let mut offset = 0;
            for spec in specs {
                let width = spec.output_count() * len;
                if !spec.has_kernel() {
                    let part = &mut series_out[offset..offset + width];
                    part.fill(f64::NAN);
                    spec.compute_into(&one, part)?;
                }
                offset += width;
            }
        }
        Ok(())
    }
}

/// [`LANES`] concatenated series of one length into lanes: lane `k` of
/// `lanes[t]` is row `t` of series `k`. Whether every value is finite.
fn gather(lanes: &mut [Lanes4], series: &[f64]) -> bool {
    let len = lanes.len();
    let (s0, rest) = series.split_at(len);
    let (s1, rest) = rest.split_at(len);
    let (s2, s3) = rest.split_at(len);
    // `v · 0` is ±0 for a finite `v` and NaN otherwise.
    let zero = Lanes4::splat(0.0);
    let mut sum = zero;
    for (t, lane) in lanes.iter_mut().enumerate() {
        let v = Lanes4::new([s0[t], s1[t], s2[t], s3[t]]);
        sum += v * zero;
        *lane = v;
    }
    sum.to_array().iter().sum::<f64>() == 0.0
}

/// Columns `first ..` of one group's kernel outputs (`lanes`, whole columns
/// of `len` rows) into each lane's series' flat output (`out` holds the
/// [`LANES`] flat outputs one after the other).
fn scatter(lanes: &[Lanes4], first: usize, len: usize, out: &mut [f64]) {
    let stride = out.len() / LANES;
    let (o0, rest) = out.split_at_mut(stride);
    let (o1, rest) = rest.split_at_mut(stride);
    let (o2, o3) = rest.split_at_mut(stride);
    for (i, src) in lanes.chunks_exact(len).enumerate() {
        let r = (first + i) * len..(first + i + 1) * len;
        let (d0, d1, d2, d3) = (
            &mut o0[r.clone()],
            &mut o1[r.clone()],
            &mut o2[r.clone()],
            &mut o3[r],
        );
        // Two rows at a time: each lane's pair is one 16-byte store.
        let pairs = src.chunks_exact(2).zip(d0.chunks_exact_mut(2));
        let pairs = pairs.zip(d1.chunks_exact_mut(2));
        let pairs = pairs
            .zip(d2.chunks_exact_mut(2))
            .zip(d3.chunks_exact_mut(2));
        for ((((v, a), b), c), d) in pairs {
            let [p0, p1, p2, p3] = v[0].pairs(v[1]);
            a.copy_from_slice(&p0);
            b.copy_from_slice(&p1);
            c.copy_from_slice(&p2);
            d.copy_from_slice(&p3);
        }
        if len % 2 == 1 {
            let t = len - 1;
            [d0[t], d1[t], d2[t], d3[t]] = src[t].to_array();
        }
    }
}

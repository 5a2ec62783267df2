//! The speed benchmark's pass, natively: SMA20, EMA20, RSI14, MACD(12,26,9),
//! Bollinger(20,2), ATR14, ADX14 and Stochastic(14,3,3) over 2,000 seeded
//! random-walk series of 365 daily candles, through the catalog (what the JS
//! `indicators()` call runs) and into one flat buffer per series (what the
//! JS `IndicatorPass` runs), over every series at once (what
//! `IndicatorPass.computeMany` runs), plus each indicator alone.
//!
//! `cargo bench -p tokenlens-core --bench indicators`; `bash bench/run.sh`
//! compares the pass with TA-Lib C (bench/talib_pass.c) on the same data.

#![allow(clippy::unwrap_used)] // a benchmark: a failed unwrap is a bug to see

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use tokenlens_core::indicators::catalog::{Columns, IndicatorSpec, compute_all, compute_all_into};
use tokenlens_core::indicators::many::{compute_many_flat, compute_many_into};

const SERIES: usize = 2000;
const LENGTH: usize = 365;
const SEED: u32 = 0x7e57;
const SPECS: [&str; 8] = [
    "sma20", "ema20", "rsi14", "macd", "bb", "atr14", "adx14", "stoch",
];

/// mulberry32, as bench/lib/data.mjs: uniform in [0, 1).
struct Mulberry32(u32);

impl Mulberry32 {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x6d2b_79f5);
        let a = self.0;
        let mut t = (a ^ (a >> 15)).wrapping_mul(1 | a);
        t = t.wrapping_add((t ^ (t >> 7)).wrapping_mul(61 | t)) ^ t;
        f64::from(t ^ (t >> 14)) / 4_294_967_296.0
    }
}

/// High, low and close of one series (bench/lib/data.mjs, bit for bit).
struct Series {
    high: Vec<f64>,
    low: Vec<f64>,
    close: Vec<f64>,
}

fn generate() -> Vec<Series> {
    let mut rand = Mulberry32(SEED);
    (0..SERIES)
        .map(|_| {
            let mut s = Series {
                high: Vec::with_capacity(LENGTH),
                low: Vec::with_capacity(LENGTH),
                close: Vec::with_capacity(LENGTH),
            };
            let mut prev = 10.0 + rand.next() * 990.0;
            for _ in 0..LENGTH {
                let r = (rand.next() + rand.next() + rand.next() - 1.5) * 0.04;
                let open = prev;
                let close = prev * (1.0 + r);
                s.close.push(close);
                s.high.push(open.max(close) * (1.0 + rand.next() * 0.02));
                s.low.push(open.min(close) * (1.0 - rand.next() * 0.02));
                let _volume = 1000.0 + rand.next() * 9000.0;
                prev = close;
            }
            s
        })
        .collect()
}

fn columns(s: &Series) -> Columns<'_> {
    Columns {
        high: Some(&s.high),
        low: Some(&s.low),
        ..Columns::close_only(&s.close)
    }
}

fn pass(c: &mut Criterion) {
    let data = generate();
    let checksum: f64 = data.iter().flat_map(|s| s.close.iter()).sum();
    println!("data: {SERIES} series x {LENGTH} candles (close checksum {checksum:.6})");
    let specs: Vec<IndicatorSpec> = SPECS.iter().map(|s| s.parse().unwrap()).collect();

    let mut group = c.benchmark_group("indicators");
    group.sample_size(20).warm_up_time(Duration::from_secs(2));
    group.bench_function("pass", |b| {
        b.iter(|| {
            for s in &data {
                black_box(compute_all(&specs, &columns(s)).unwrap());
            }
        })
    });
    // What the wasm `IndicatorPass` runs: one flat output buffer per series.
    let count: usize = specs.iter().map(IndicatorSpec::output_count).sum();
    // Every series' outputs kept, in one buffer reused from pass to pass (as
    // bench/talib_pass.c keeps TA-Lib's).
    let mut flat = vec![0.0; count * LENGTH * SERIES];
    group.bench_function("pass_flat", |b| {
        b.iter(|| {
            for (s, out) in data.iter().zip(flat.chunks_exact_mut(count * LENGTH)) {
                compute_all_into(&specs, &columns(s), black_box(out)).unwrap();
            }
        })
    });
    // What the wasm `IndicatorPass.computeMany` runs: every series' columns
    // concatenated, four series side by side in the kernels (natively without
    // SIMD: four f64 written out lane by lane).
    let concat = |f: fn(&Series) -> &Vec<f64>| -> Vec<f64> {
        data.iter().flat_map(|s| f(s).iter().copied()).collect()
    };
    let (high, low, close) = (
        concat(|s| &s.high),
        concat(|s| &s.low),
        concat(|s| &s.close),
    );
    let all = Columns {
        high: Some(&high),
        low: Some(&low),
        ..Columns::close_only(&close)
    };
    // Into one output buffer for all, reused from pass to pass (as the JS
    // `computeManyInto` reuses its Float64Array).
    let mut out = compute_many_flat(&specs, &all, LENGTH).unwrap();
    group.bench_function("pass_many", |b| {
        b.iter(|| compute_many_into(&specs, &all, LENGTH, black_box(&mut out)).unwrap())
    });
    // Each indicator alone, one series at a time into one reused buffer.
    for spec in &specs {
        let one = std::slice::from_ref(spec);
        let mut out = vec![0.0; spec.output_count() * LENGTH];
        group.bench_function(spec.name(), |b| {
            b.iter(|| {
                for s in &data {
                    compute_all_into(one, &columns(s), black_box(&mut out)).unwrap();
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, pass);
criterion_main!(benches);

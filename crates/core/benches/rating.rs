//! The technical rating over two years of daily BTC candles (the golden
//! series of the tests, 792 bars): the rating of the last bar, what the
//! screener runs for every token, and the score at every bar.
//!
//! `cargo bench -p tokenlens-core --bench rating`

#![allow(clippy::unwrap_used)] // a benchmark: a failed unwrap is a bug to see

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use tokenlens_core::analysis::PriceSeries;
use tokenlens_core::analysis::rating::{rating, rating_series};

const BTC: &str = "binance_spot_BTCUSDT_1d_2023-06-01_2025-07-31.csv";

fn load() -> PriceSeries {
    common::golden_candles(BTC)
}

fn bench(c: &mut Criterion) {
    let series = load();
    let mut group = c.benchmark_group("rating");
    group.sample_size(30).warm_up_time(Duration::from_secs(1));
    group.bench_function("last_bar", |b| {
        b.iter(|| rating(black_box(&series)).unwrap())
    });
    group.bench_function("every_bar", |b| {
        b.iter(|| rating_series(black_box(&series)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! The technical rating over two years of daily BTC candles (the golden
//! series of the tests, 792 bars): the rating of the last bar, what the
//! screener runs for every token, and the score at every bar.
//!
//! `cargo bench -p tokenlens-core --bench rating`

#![allow(clippy::unwrap_used)] // a benchmark: a failed unwrap is a bug to see

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use tokenlens_core::analysis::rating::{rating, rating_series};
use tokenlens_core::analysis::series::parse_utc_date;
use tokenlens_core::analysis::{Interval, PriceSeries};

const BTC: &str = "tests/golden/binance_spot_BTCUSDT_1d_2023-06-01_2025-07-31.csv";

fn load() -> PriceSeries {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(BTC)).unwrap();
    let (mut t, mut o, mut h, mut l, mut c, mut v) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        t.push(parse_utc_date(f[0]).unwrap());
        let num = |i: usize| f[i].parse::<f64>().unwrap();
        o.push(num(1));
        h.push(num(2));
        l.push(num(3));
        c.push(num(4));
        v.push(num(5));
    }
    PriceSeries {
        interval: Interval::Daily,
        timestamps: t,
        open: Some(o),
        high: Some(h),
        low: Some(l),
        close: c,
        volume: Some(v),
    }
    .validated()
    .unwrap()
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

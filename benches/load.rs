//! Load + validate (`itinerary::load::load_str`) of generated trips of 100,
//! 10,000 and 100,000 events, side by side with the toml crate's generic
//! parse of the same text (`toml::Table`), the floor the issue compares to.
//!
//! `cargo bench --bench load`; `cargo bench --bench ratios` prints the
//! ratios of one run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    for events in support::SIZES {
        let text = support::trip_text(events);
        group.throughput(Throughput::Bytes(text.len() as u64));
        if events >= 10_000 {
            // Tens of milliseconds a run: fewer samples, still a stable median.
            group.sample_size(10);
            group.measurement_time(Duration::from_secs(8));
        }
        // The values are dropped outside the timing: a program keeps its trip.
        group.bench_with_input(BenchmarkId::new("toml_table", events), &text, |b, text| {
            b.iter_with_large_drop(|| toml::from_str::<toml::Table>(black_box(text)).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("load_str", events), &text, |b, text| {
            b.iter_with_large_drop(|| itinerary::load::load_str(black_box(text)).unwrap())
        });
        // The spanned document alone, without the conversion into a `Table`.
        group.bench_with_input(
            BenchmarkId::new("toml_de_table", events),
            &text,
            |b, text| b.iter_with_large_drop(|| toml::de::DeTable::parse(black_box(text)).unwrap()),
        );
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);

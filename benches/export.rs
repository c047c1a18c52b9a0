//! A one-day Markdown export (`itinerary::export::markdown`) of the middle
//! day of trips of 100, 10,000 and 100,000 events: the pure function the
//! `e` key and `itinerary export --day` share, without the file write.
//!
//! `cargo bench --bench export`; `scripts/calcurse-compare.sh` times the
//! whole command against calcurse.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn export(c: &mut Criterion) {
    let mut group = c.benchmark_group("export");
    for events in support::SIZES {
        let trip = support::load(&support::trip_text(events));
        let selection = support::middle_day(&trip);
        group.bench_function(BenchmarkId::new("day_markdown", events), |b| {
            b.iter(|| itinerary::export::markdown(black_box(&trip), &selection))
        });
    }
    group.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);

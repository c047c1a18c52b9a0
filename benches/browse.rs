//! The browser at 100, 10,000 and 100,000 events: one full frame at 80×24
//! and 200×60, one keystroke with its redraw (next event, next day), a
//! prefecture filter applied and cleared, each with its redraw; and the
//! people view opened and closed, and moved in, at 100 and 100,000 events.
//! Work per frame and per key must not grow with the trip.
//!
//! `cargo bench --bench browse`; `cargo bench --bench ratios` prints the
//! 100k / 100 ratios of one run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::crossterm::event::KeyCode;

use support::Browser;

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    for events in support::SIZES {
        let trip = support::load(&support::trip_text(events));
        for (w, h) in [(80, 24), (200, 60)] {
            let mut browser = Browser::new(trip.clone(), w, h);
            browser.settle_in();
            group.bench_function(BenchmarkId::new(format!("{w}x{h}"), events), |b| {
                b.iter(|| browser.draw())
            });
        }
    }
    group.finish();
}

fn key(c: &mut Criterion) {
    let mut group = c.benchmark_group("key");
    for events in support::SIZES {
        let mut browser = Browser::new(support::load(&support::trip_text(events)), 80, 24);
        browser.settle_in();
        // Forward and back in turn, so the selection never sticks at an edge.
        for (name, keys) in [
            ("next_event", [KeyCode::Down, KeyCode::Up]),
            ("next_day", [KeyCode::Right, KeyCode::Left]),
        ] {
            let mut turn = 0;
            group.bench_function(BenchmarkId::new(name, events), |b| {
                b.iter(|| {
                    turn ^= 1;
                    browser.key(keys[turn]);
                })
            });
        }
    }
    group.finish();
}

fn filter(c: &mut Criterion) {
    let mut group = c.benchmark_group("filter");
    for events in support::SIZES {
        let mut browser = Browser::new(support::load(&support::trip_text(events)), 80, 24);
        browser.settle_in();
        let prefecture = browser.selected_prefecture();
        group.bench_function(BenchmarkId::new("apply_clear", events), |b| {
            b.iter(|| browser.filter_on_off(&prefecture))
        });
    }
    group.finish();
}

/// The people view (`w`): opening it and closing it again (Esc), each with
/// its redraw, and moving in it (Down, Up) with its redraw, at 100 and
/// 100,000 events. Its rows are looked up per frame, never listed.
fn people(c: &mut Criterion) {
    let mut group = c.benchmark_group("people");
    for events in [100, 100_000] {
        let mut browser = Browser::new(support::load(&support::trip_text(events)), 80, 24);
        browser.settle_in();
        group.bench_function(BenchmarkId::new("open_close", events), |b| {
            b.iter(|| {
                browser.key(KeyCode::Char('w'));
                browser.key(KeyCode::Esc);
            })
        });
        browser.key(KeyCode::Char('w'));
        for _ in 0..8 {
            browser.key(KeyCode::Down);
        }
        let mut turn = 0;
        let keys = [KeyCode::Down, KeyCode::Up];
        group.bench_function(BenchmarkId::new("move", events), |b| {
            b.iter(|| {
                turn ^= 1;
                browser.key(keys[turn]);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, frame, key, filter, people);
criterion_main!(benches);

//! The cost of the browser's filter and search on a generated trip of
//! 100,000 events: a filter change (the view and the search derived again),
//! a search keystroke, `n`, and opening the picker. Each must stay well
//! under a frame (16 ms).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/support/generate.rs"]
mod generate;
use criterion::{Criterion, criterion_group, criterion_main};
use generate::trip_toml;
use itinerary::app::{self, App, Intent, Msg};
use itinerary::load;
use itinerary::model::Filter;

fn huge() -> App {
    let text = trip_toml(100_000, 30, 7);
    let loaded = load::load_str(&text).expect("generated trip loads");
    let mut app = App::new("bench".into(), loaded.trip, None);
    app::update(&mut app, Msg::Resize(140, 40));
    app
}

fn filter_and_search(c: &mut Criterion) {
    let mut app = huge();
    let first = Filter {
        prefectures: vec![app.choices()[0].name.clone()],
        ..Filter::default()
    };
    c.bench_function("filter change, 100k events", |b| {
        b.iter(|| {
            app.set_filter(first.clone());
            app.set_filter(Filter::default());
        });
    });
    app::update(&mut app, Intent::OpenSearch);
    for ch in "sat".chars() {
        app::update(&mut app, Intent::Type(ch));
    }
    c.bench_function("search keystroke, 100k events", |b| {
        b.iter(|| {
            app::update(&mut app, Intent::Type('o'));
            app::update(&mut app, Intent::Backspace);
        });
    });
    app::update(&mut app, Intent::Accept);
    c.bench_function("n, 100k events", |b| {
        b.iter(|| app::update(&mut app, Intent::NextMatch));
    });
    c.bench_function("open the picker and type, 100k events", |b| {
        b.iter(|| {
            app::update(&mut app, Intent::OpenPicker);
            app::update(&mut app, Intent::Type('t'));
            app::update(&mut app, Intent::Cancel);
        });
    });
}

criterion_group!(benches, filter_and_search);
criterion_main!(benches);

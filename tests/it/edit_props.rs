//! Random sequences of edits on random valid trips: each edit that is made
//! leaves a file `check` passes, and undoing all of them gives back the
//! original bytes; redoing them gives back the last text.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::generate;
use chrono::NaiveTime;
use generate::trip_toml;
use itinerary::edit::history::History;
use itinerary::edit::{self, Edit, NewMeeting};
use itinerary::load::load_str;
use itinerary::model::{DayRef, EventRef, Trip};
use proptest::prelude::*;

fn events(trip: &Trip) -> Vec<EventRef> {
    (0..trip.days.len())
        .map(DayRef::Day)
        .chain([DayRef::Unscheduled])
        .flat_map(|d| trip.events(d).map(|(r, _)| r).collect::<Vec<_>>())
        .collect()
}

fn an_edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        Just(Edit::CycleStatus),
        Just(Edit::Shift(15)),
        Just(Edit::Shift(-15)),
        "[a-zA-Z0-9 '\"#=\\[\\]{}\\\\é見]{0,12}".prop_map(Edit::SetText),
        (
            "[a-zA-Z '\"]{0,8}",
            proptest::option::of(0u32..24 * 60),
            0u32..120
        )
            .prop_map(|(title, start, len)| {
                let at = |m: u32| NaiveTime::from_hms_opt(m / 60 % 24, m % 60, 0);
                Edit::AddMeeting(NewMeeting {
                    title,
                    start: start.and_then(at),
                    end: start.and_then(|s| at((s + len).min(24 * 60 - 1))),
                })
            }),
        Just(Edit::Delete),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn edits_keep_the_file_valid_and_undo_gives_it_back(
        size in 1usize..40,
        days in 1usize..5,
        seed in any::<u64>(),
        steps in proptest::collection::vec((any::<prop::sample::Index>(), an_edit()), 1..12),
    ) {
        let original = trip_toml(size, days, seed);
        let mut text = original.clone();
        let mut trip = load_str(&text).unwrap().trip;
        let mut history = History::default();
        for (pick, e) in &steps {
            let all = events(&trip);
            if all.is_empty() {
                break;
            }
            let at = all[pick.index(all.len())];
            if let Ok(applied) = edit::apply(&text, &trip, at, e) {
                // What apply validated loads as `check` would load it.
                prop_assert!(load_str(&applied.text).is_ok());
                history.record(std::mem::replace(&mut text, applied.text));
                trip = applied.loaded.trip;
            }
        }
        let last = text.clone();
        while let Some(back) = history.undo_text().map(str::to_string) {
            history.undone(std::mem::replace(&mut text, back));
        }
        prop_assert_eq!(&text, &original);
        while let Some(again) = history.redo_text().map(str::to_string) {
            history.redone(std::mem::replace(&mut text, again));
        }
        prop_assert_eq!(&text, &last);
    }
}

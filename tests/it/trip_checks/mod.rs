#![allow(dead_code)] // each test file uses only some of these helpers
//! Checks on a loaded trip that do not rely on the loader's own warnings:
//! the conditions PRODUCT.md §1 makes warnings, recomputed from the model,
//! so the data tests mean something whatever the loader reports.

use std::collections::BTreeSet;

use itinerary::model::{PersonId, Status, Stop, Trip};
use itinerary::prefecture::PrefectureName;

/// Every warning condition the trip meets, as short descriptions: stops of
/// one day that overlap, meetings outside their stop's window, people never
/// referenced, prefectures that are not one of the 47.
pub fn warning_conditions(trip: &Trip) -> Vec<String> {
    let mut found = Vec::new();
    for day in &trip.days {
        // As docs/format.md says: a stop with no depart is a moment; cancelled
        // and untimed stops take no time.
        let timed: Vec<&Stop> = day
            .stops
            .iter()
            .filter(|s| s.arrive.is_some() && s.status != Status::Cancelled)
            .collect();
        let end = |s: &Stop| s.depart.or(s.arrive);
        for (i, a) in timed.iter().enumerate() {
            for b in &timed[i + 1..] {
                if a.arrive < end(b) && b.arrive < end(a) {
                    found.push(format!(
                        "{}: \"{}\" overlaps \"{}\"",
                        day.date, a.place, b.place
                    ));
                }
            }
        }
    }
    let all_stops = trip
        .days
        .iter()
        .flat_map(|d| &d.stops)
        .chain(&trip.unscheduled);
    let mut referenced: BTreeSet<PersonId> = trip.lead.into_iter().collect();
    referenced.extend(&trip.contacts);
    for stop in all_stops {
        referenced.extend(&stop.people);
        referenced.extend(stop.contact);
        if let Some(PrefectureName::Other(p)) = &stop.prefecture {
            found.push(format!("\"{}\": unknown prefecture \"{p}\"", stop.place));
        }
        for m in &stop.meetings {
            referenced.extend(&m.attendees);
            let outside = [m.start, m.end]
                .into_iter()
                .flatten()
                .any(|t| stop.arrive.is_some_and(|a| t < a) || stop.depart.is_some_and(|d| t > d));
            if outside {
                found.push(format!("\"{}\" is outside \"{}\"", m.title, stop.place));
            }
        }
    }
    for (i, p) in trip.people.iter().enumerate() {
        if !referenced.contains(&PersonId(i)) {
            found.push(format!("{} is never referenced", p.key));
        }
    }
    found
}

/// The id of the person with this key; panics (in tests) if there is none.
pub fn person(trip: &Trip, key: &str) -> PersonId {
    match trip.people.iter().position(|p| p.key == key) {
        Some(i) => PersonId(i),
        None => panic!("no person {key}"),
    }
}

/// Loads `text`, failing with the rendered diagnostics if it does not load.
pub fn load(name: &str, text: &str) -> itinerary::load::Loaded {
    itinerary::load::load_str(text).unwrap_or_else(|diags| {
        let shown: Vec<String> = diags.iter().map(|d| d.render(name, text)).collect();
        panic!("{name} does not load:\n{}", shown.join("\n"))
    })
}

/// The warnings of a loaded file, rendered as `check` prints them.
pub fn rendered_warnings(loaded: &itinerary::load::Loaded, name: &str, text: &str) -> Vec<String> {
    loaded
        .warnings
        .iter()
        .map(|d| d.render(name, text))
        .collect()
}

//! Turning `--day`, `--prefecture` and `--person` into a [`DayRef`], a
//! [`Filter`] and people, with errors that say what the trip does have.

use chrono::NaiveDate;

use crate::load::suggest;
use crate::model::{DayRef, Filter, Person, PersonId, Stop, Trip};
use crate::prefecture::{Prefecture, PrefectureName};

/// How many person ids an unknown `--person` lists.
const IDS_LISTED: usize = 8;

/// Parses the `--person` values: each a person id, or any part of a name in
/// either script, ignoring case (`fukuda`, `Tomikazu`, `福田`); a part that
/// several names have keeps them all. A value that names no one is an error
/// that suggests the closest person.
pub fn parse_people(trip: &Trip, values: &[String]) -> Result<Vec<PersonId>, String> {
    let mut out = Vec::new();
    for value in values {
        let wanted = value.trim().to_lowercase();
        let matched = (0..trip.people.len())
            .map(PersonId)
            .filter(|&id| names(trip.person(id), &wanted));
        let before = out.len();
        for id in matched {
            if !out.contains(&id) {
                out.push(id);
            }
        }
        if out.len() == before && !trip.people.iter().any(|p| p.key == wanted) {
            return Err(unknown_person(trip, value));
        }
    }
    Ok(out)
}

/// Whether `wanted` (trimmed, lower-cased, not empty) names a person: their
/// id, or any part of their name in either script, ignoring case. The one
/// rule of `--person` and of the browser's person filter (`f`).
pub fn names(p: &Person, wanted: &str) -> bool {
    !wanted.is_empty()
        && (p.key == wanted
            || [Some(&p.name), p.native.as_ref()]
                .into_iter()
                .flatten()
                .any(|n| n.to_lowercase().contains(wanted)))
}

/// "no one in the trip is called "Fukada" (did you mean Tomikazu Fukuda?)…"
fn unknown_person(trip: &Trip, value: &str) -> String {
    let quoted = super::summary::line(value.trim());
    // The ids, the names and each word of them: a slip in any is caught.
    let words = trip.people.iter().enumerate().flat_map(|(i, p)| {
        let names = [
            Some(p.key.as_str()),
            Some(p.name.as_str()),
            p.native.as_deref(),
        ];
        names
            .into_iter()
            .flatten()
            .flat_map(|n| std::iter::once(n).chain(n.split_whitespace()))
            .map(move |w| (w, i))
    });
    let hint = suggest::closest_by(value.trim(), words)
        .map(|i| {
            let p = &trip.people[i];
            format!(
                " (did you mean {}, {}?)",
                super::summary::line(&p.name),
                p.key
            )
        })
        .unwrap_or_default();
    let has = if trip.people.is_empty() {
        "the trip names no people".to_string()
    } else {
        let mut ids: Vec<&str> = trip
            .people
            .iter()
            .take(IDS_LISTED)
            .map(|p| p.key.as_str())
            .collect();
        if trip.people.len() > IDS_LISTED {
            ids.push("…");
        }
        format!("give a person id ({}) or part of a name", ids.join(", "))
    };
    format!("no one in the trip is called \"{quoted}\"{hint}; {has}")
}

/// Parses `--day`: a date of the trip, a 1-based day number, `today` or
/// `tomorrow` (from `today`, the date now in the trip's zone), or
/// `unscheduled`.
pub fn parse_day(trip: &Trip, text: &str, today: NaiveDate) -> Result<DayRef, String> {
    let text = text.trim();
    let range = format!(
        "give 1–{} or a date from {} to {}",
        trip.days.len(),
        trip.start,
        trip.end
    );
    if text.eq_ignore_ascii_case("unscheduled") {
        return Ok(DayRef::Unscheduled);
    }
    let relative = [("today", Some(today)), ("tomorrow", today.succ_opt())]
        .into_iter()
        .find(|(word, _)| text.eq_ignore_ascii_case(word));
    if let Some((word, date)) = relative {
        return date
            .and_then(|d| trip.day_index(d))
            .map(DayRef::Day)
            .ok_or_else(|| {
                let date = date.map_or_else(|| "past the calendar".into(), |d| d.to_string());
                format!(
                    "{word} is {date} in {}, outside the trip ({} to {}); {range}",
                    trip.timezone, trip.start, trip.end
                )
            });
    }
    if let Ok(n) = text.parse::<usize>() {
        return match n {
            1.. if n <= trip.days.len() => Ok(DayRef::Day(n - 1)),
            _ => Err(format!("day {n} is not in the trip; {range}")),
        };
    }
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(date) => trip
            .day_index(date)
            .map(DayRef::Day)
            .ok_or_else(|| format!("{date} is not a day of the trip; {range}")),
        Err(_) => Err(format!(
            "--day {text:?} is neither a day number nor a date; {range} (or today, tomorrow, \
             unscheduled)"
        )),
    }
}

/// Every stop of the trip, days first, then the unscheduled ones.
fn all_stops(trip: &Trip) -> impl Iterator<Item = &Stop> {
    trip.days
        .iter()
        .flat_map(|d| &d.stops)
        .chain(&trip.unscheduled)
}

/// The prefectures the trip's stops name, in order of first appearance.
pub fn trip_prefectures(trip: &Trip) -> Vec<&PrefectureName> {
    let mut seen: Vec<&PrefectureName> = Vec::new();
    for p in all_stops(trip).filter_map(|s| s.prefecture.as_ref()) {
        if !seen.contains(&p) {
            seen.push(p);
        }
    }
    seen
}

/// Parses the `--prefecture` values into a filter. Each value may be any
/// spelling the file accepts; a name the loader did not recognise matches the
/// file's text case-insensitively. A prefecture no stop has is an error
/// listing those the trip has.
pub fn parse_prefectures(trip: &Trip, values: &[String]) -> Result<Filter, String> {
    let present = trip_prefectures(trip);
    let mut filter = Filter::default();
    let mut missing = Vec::new();
    for value in values {
        let wanted = value.trim();
        let matched: Vec<&PrefectureName> = present
            .iter()
            .copied()
            .filter(|n| n.is_named_by(wanted))
            .collect();
        if matched.is_empty() {
            missing.push(value.as_str());
        }
        for m in matched {
            if !filter.prefectures.contains(&Some(m.clone())) {
                filter.prefectures.push(Some(m.clone()));
            }
        }
    }
    if missing.is_empty() {
        return Ok(filter);
    }
    let quoted: Vec<String> = missing
        .iter()
        .map(|m| format!("\"{}\"", super::summary::line(m)))
        .collect();
    let has = if present.is_empty() {
        "no event of the trip has a prefecture".to_string()
    } else {
        let names: Vec<String> = present
            .iter()
            .map(|p| super::summary::line(p.display()))
            .collect();
        format!("the trip has {}", names.join(", "))
    };
    let hint = missing
        .iter()
        .filter(|m| Prefecture::parse(m).is_none())
        .find_map(|m| Prefecture::closest(m))
        .filter(|p| present.contains(&&PrefectureName::Known(*p)))
        .map(|p| format!(" (did you mean {p}?)"))
        .unwrap_or_default();
    Err(format!(
        "no event of the trip is in {}{hint}; {has}",
        quoted.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    fn bundled() -> Trip {
        load::load_str(load::BUNDLED).unwrap().trip
    }

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2018, 8, d).unwrap()
    }

    fn parse_day(trip: &Trip, text: &str) -> Result<DayRef, String> {
        super::parse_day(trip, text, date(1))
    }

    #[test]
    fn today_and_tomorrow_are_days_from_the_date_now() {
        let trip = bundled();
        assert_eq!(
            super::parse_day(&trip, "today", date(28)),
            Ok(DayRef::Day(2))
        );
        assert_eq!(
            super::parse_day(&trip, "Tomorrow", date(28)),
            Ok(DayRef::Day(3))
        );
        assert_eq!(
            super::parse_day(&trip, "tomorrow", date(25)),
            Ok(DayRef::Day(0))
        );
        assert_eq!(
            super::parse_day(&trip, "tomorrow", date(30)).unwrap_err(),
            "tomorrow is 2018-08-31 in Asia/Tokyo, outside the trip (2018-08-26 to 2018-08-30); \
             give 1–5 or a date from 2018-08-26 to 2018-08-30"
        );
        assert_eq!(
            super::parse_day(&trip, "today", date(1)).unwrap_err(),
            "today is 2018-08-01 in Asia/Tokyo, outside the trip (2018-08-26 to 2018-08-30); \
             give 1–5 or a date from 2018-08-26 to 2018-08-30"
        );
        assert!(super::parse_day(&trip, "tomorrow", NaiveDate::MAX).is_err());
    }

    #[test]
    fn days_by_number_date_and_name() {
        let trip = bundled();
        assert_eq!(parse_day(&trip, "3"), Ok(DayRef::Day(2)));
        assert_eq!(parse_day(&trip, "2018-08-28"), Ok(DayRef::Day(2)));
        assert_eq!(parse_day(&trip, "Unscheduled"), Ok(DayRef::Unscheduled));
        assert_eq!(
            parse_day(&trip, "9").unwrap_err(),
            "day 9 is not in the trip; give 1–5 or a date from 2018-08-26 to 2018-08-30"
        );
        assert_eq!(
            parse_day(&trip, "0").unwrap_err(),
            "day 0 is not in the trip; give 1–5 or a date from 2018-08-26 to 2018-08-30"
        );
        assert_eq!(
            parse_day(&trip, "2018-09-01").unwrap_err(),
            "2018-09-01 is not a day of the trip; give 1–5 or a date from 2018-08-26 to 2018-08-30"
        );
        assert!(parse_day(&trip, "tuesday").unwrap_err().contains("neither"));
    }

    #[test]
    fn prefecture_spellings_all_match() {
        let trip = bundled();
        let tokyo = Filter {
            prefectures: vec![Some(PrefectureName::Known(
                Prefecture::parse("Tokyo").unwrap(),
            ))],
            ..Filter::default()
        };
        for spelling in [
            "tokyo",
            "Tokyo-to",
            "東京都",
            "東京",
            "TOKYO prefecture",
            "Tōkyō",
        ] {
            assert_eq!(
                parse_prefectures(&trip, &[spelling.into()]),
                Ok(tokyo.clone()),
                "{spelling}"
            );
        }
        let two =
            parse_prefectures(&trip, &["tochigi".into(), "Tokyo".into(), "tokyo".into()]).unwrap();
        assert_eq!(two.prefectures.len(), 2);
    }

    #[test]
    fn a_name_outside_the_47_matches_the_files_text_ignoring_case() {
        let mut trip = bundled();
        trip.unscheduled[0].prefecture = Some(PrefectureName::Other("Guam".into()));
        let filter = parse_prefectures(&trip, &["GUAM".into()]).unwrap();
        assert_eq!(
            filter.prefectures,
            [Some(PrefectureName::Other("Guam".into()))]
        );
        assert!(filter.matches(&trip.unscheduled[0]));
        assert!(!filter.matches(&trip.days[2].stops[0]));
        assert_eq!(
            parse_prefectures(&trip, &["Saipan".into()]).unwrap_err(),
            "no event of the trip is in \"Saipan\"; the trip has Shizuoka, Tokyo, Tochigi, Guam"
        );
    }

    #[test]
    fn absent_prefecture_lists_the_trips() {
        let trip = bundled();
        assert_eq!(
            parse_prefectures(&trip, &["Osaka".into()]).unwrap_err(),
            "no event of the trip is in \"Osaka\"; the trip has Shizuoka, Tokyo, Tochigi"
        );
        assert_eq!(
            parse_prefectures(&trip, &["Tokio".into()]).unwrap_err(),
            "no event of the trip is in \"Tokio\" (did you mean Tokyo?); the trip has Shizuoka, Tokyo, Tochigi"
        );
    }
}

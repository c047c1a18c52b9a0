//! Which events are stops and which are meetings at a stop, and where a
//! LOCATION's place, address and prefecture are.

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveTime};

use super::convert::{DraftMeeting, DraftStop, Item};
use super::time::DayKey;
use crate::prefecture::Prefecture;

/// What an event becomes.
#[derive(Clone, PartialEq)]
enum Role {
    Stop,
    /// A meeting at the stop of the item of this index (the rule of a
    /// shared place).
    MeetingOf(usize),
    /// A meeting as `export` writes one: at the stop of this place that day.
    MeetingAt(String),
}

/// Stops by day, and the unscheduled ones: one stop per event, except the
/// events the calendar says are meetings (docs/import.md, "A stop, or a
/// meeting at a stop"): the project's own exports of meetings, and events
/// at the same LOCATION as a longer event that they overlap, on its day.
pub(super) fn stops(items: Vec<Item>) -> (BTreeMap<NaiveDate, Vec<DraftStop>>, Vec<DraftStop>) {
    let mut roles = vec![Role::Stop; items.len()];
    // Events at one place on one day, longest first: each joins the stop of
    // a longer one it overlaps; the stops kept apart (no two overlap) by
    // start, so the one to check is the last that starts before it ends.
    let mut groups: HashMap<(DayKey, &str), Vec<usize>> = HashMap::new();
    for (i, it) in items.iter().enumerate() {
        if let Some(place) = own_meeting(it) {
            roles[i] = Role::MeetingAt(place);
            continue;
        }
        // The place of a LOCATION is its part before the first ", ".
        if let (Some(loc), (key, Some(_), _)) = (it.p.event.location.as_deref(), it.p.slot) {
            let place = loc.split_once(", ").map_or(loc, |(p, _)| p).trim();
            groups.entry((key, place)).or_default().push(i);
        }
    }
    let span = |it: &Item| -> (NaiveTime, NaiveTime) {
        let a = it.p.slot.1.unwrap_or(NaiveTime::MIN);
        (a, it.p.slot.2.unwrap_or(a))
    };
    for list in groups.values_mut().filter(|l| l.len() > 1) {
        list.sort_by_key(|&i| {
            let (a, b) = span(&items[i]);
            (std::cmp::Reverse(b - a), a, i)
        });
        let mut hosts: BTreeMap<NaiveTime, (NaiveTime, usize)> = BTreeMap::new();
        for &i in list.iter() {
            let (a, b) = span(&items[i]);
            let mut before = if b > a {
                hosts.range(..b)
            } else {
                hosts.range(..=a)
            };
            let overlapping = before.next_back().filter(|(_, (end, _))| *end > a);
            match overlapping {
                Some((s, (e, host))) if *e - *s > b - a => roles[i] = Role::MeetingOf(*host),
                Some(_) => {}
                None if b > a => {
                    hosts.insert(a, (b, i));
                }
                None => {}
            }
        }
    }
    let mut lists: BTreeMap<DayKey, Vec<DraftStop>> = BTreeMap::new();
    let mut stop_of: HashMap<usize, (DayKey, usize)> = HashMap::new();
    let mut by_place: HashMap<(DayKey, String), Vec<usize>> = HashMap::new();
    let mut meetings: Vec<(usize, DayKey, DraftMeeting)> = Vec::new();
    for (i, it) in items.into_iter().enumerate() {
        let e = &it.p.event;
        let (key, arrive, depart) = it.p.slot;
        if roles[i] != Role::Stop {
            meetings.push((
                i,
                key,
                DraftMeeting {
                    title: e
                        .summary
                        .clone()
                        .or_else(|| e.location.clone())
                        .unwrap_or_default(),
                    start: arrive,
                    end: depart,
                    status: e.status,
                    attendees: it.present,
                    notes: e.description.clone(),
                    reminders: e.reminders.clone(),
                },
            ));
            continue;
        }
        let summary = e.summary.clone().unwrap_or_default();
        let location = e.location.clone().unwrap_or_default();
        let (place, rest) = if summary.is_empty() {
            split_location(&location)
        } else if location == summary || location.starts_with(&format!("{summary}, ")) {
            let rest = location.get(summary.len()..).unwrap_or("");
            (summary.clone(), rest.trim_start_matches(", ").to_string())
        } else {
            (summary.clone(), location.clone())
        };
        let (address, prefecture) = address_and_prefecture(&rest);
        let list = lists.entry(key).or_default();
        by_place
            .entry((key, place.clone()))
            .or_default()
            .push(list.len());
        stop_of.insert(i, (key, list.len()));
        list.push(DraftStop {
            place,
            address,
            prefecture,
            arrive,
            depart,
            status: e.status,
            people: it.present,
            notes: e.description.clone(),
            reminders: e.reminders.clone(),
            meetings: Vec::new(),
            joinable: true,
        });
    }
    for (i, key, m) in meetings {
        let host = match &roles[i] {
            Role::MeetingOf(h) => stop_of.get(h).copied(),
            Role::MeetingAt(place) => {
                let stops = lists.get(&key).map_or(&[][..], Vec::as_slice);
                by_place
                    .get(&(key, place.clone()))
                    .and_then(|c| best_host(stops, c, m.start))
                    .map(|s| (key, s))
            }
            Role::Stop => None,
        };
        match host {
            Some((k, s)) => {
                if let Some(stop) = lists.get_mut(&k).and_then(|l| l.get_mut(s)) {
                    // A meeting takes its stop's reminders: its own are
                    // written only when they differ (none where the stop
                    // has some is `reminders = []`).
                    let mut m = m;
                    let own = m.reminders.take().unwrap_or_default();
                    if own != stop.reminders.clone().unwrap_or_default() {
                        m.reminders = Some(own);
                    }
                    stop.meetings.push(m);
                }
            }
            None => {
                // An exported meeting whose stop is not in the file (an
                // export with --person): a stop at its place, as before.
                let place = match &roles[i] {
                    Role::MeetingAt(p) => p.clone(),
                    _ => m.title.clone(),
                };
                lists.entry(key).or_default().push(DraftStop {
                    place,
                    arrive: m.start,
                    depart: m.end,
                    status: m.status,
                    meetings: vec![m],
                    ..DraftStop::default()
                });
            }
        }
    }
    let mut days = BTreeMap::new();
    let mut unscheduled = Vec::new();
    for (key, mut stops) in lists {
        stops.sort_by_key(|s| (s.arrive.is_some(), s.arrive));
        for s in &mut stops {
            s.meetings.sort_by_key(|m| (m.start.is_some(), m.start));
        }
        match key {
            DayKey::Date(d) => {
                days.insert(d, stops);
            }
            DayKey::Unscheduled => unscheduled = stops,
        }
    }
    (days, unscheduled)
}
/// `place, address…, prefecture` split at its first comma.
pub(super) fn split_location(location: &str) -> (String, String) {
    match location.split_once(", ") {
        Some((place, rest)) => (place.trim().to_string(), rest.to_string()),
        None => (location.trim().to_string(), String::new()),
    }
}

/// The rest of a LOCATION after the place: a last part that is one of the
/// 47 prefectures is the prefecture (as written), the rest the address.
pub(super) fn address_and_prefecture(rest: &str) -> (Option<String>, Option<String>) {
    let rest = rest.trim();
    if rest.is_empty() {
        return (None, None);
    }
    let (head, last) = match rest.rsplit_once(", ") {
        Some((head, last)) => (Some(head), last),
        None => (None, rest),
    };
    if Prefecture::parse(last).is_some() {
        (head.map(str::to_string), Some(last.trim().to_string()))
    } else {
        (Some(rest.to_string()), None)
    }
}

/// The stop an exported meeting joins among `candidates` (stops of its
/// place on its day): the first whose times hold the meeting's start, else
/// the first.
fn best_host(stops: &[DraftStop], candidates: &[usize], start: Option<NaiveTime>) -> Option<usize> {
    let holds = |s: &DraftStop| match (start, s.arrive, s.depart) {
        (Some(t), Some(a), Some(d)) => a <= t && t <= d,
        (Some(t), Some(a), None) => a <= t,
        (None, None, _) => true,
        _ => false,
    };
    candidates
        .iter()
        .copied()
        .find(|&i| stops.get(i).is_some_and(holds))
        .or_else(|| candidates.first().copied())
}

/// The place an exported meeting is at: its DESCRIPTION begins `At P.`
/// (as `export` writes a meeting's), its LOCATION with P, and its UID is
/// the export's.
fn own_meeting(it: &Item) -> Option<String> {
    let e = &it.p.event;
    if !e.uid.as_deref().is_some_and(|u| u.ends_with("@itinerary")) {
        return None;
    }
    let first = e.description.as_deref()?.lines().next()?;
    let place = first.strip_prefix("At ")?.strip_suffix('.')?;
    let location = e.location.as_deref()?;
    (location == place || location.starts_with(&format!("{place}, "))).then(|| place.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_split_into_place_address_and_prefecture() {
        assert_eq!(
            address_and_prefecture("3-11-1 Ariake, Koto, Tokyo"),
            (Some("3-11-1 Ariake, Koto".into()), Some("Tokyo".into()))
        );
        assert_eq!(
            address_and_prefecture("静岡県"),
            (None, Some("静岡県".into()))
        );
        assert_eq!(
            address_and_prefecture("Springfield"),
            (Some("Springfield".into()), None)
        );
        assert_eq!(
            split_location("Tokyo Big Sight, Koto, Tokyo"),
            ("Tokyo Big Sight".into(), "Koto, Tokyo".into())
        );
    }
}

//! Keeping the person's place across a reload: the same day by date, the
//! same event by its origin in the file while it is still there, else by
//! what it is (not by its row, which edits shift).

use chrono::NaiveTime;

use crate::model::{DayRef, EventRef, Filter, Meeting, Stop, Trip};

/// The day of `new` that shows what `day` showed in `old`: the same date, or
/// the unscheduled stops. When that day is gone (the trip's dates changed),
/// the nearest day of the new trip; when the unscheduled stops are gone, the
/// last day (the tab next to where they were).
pub fn carry_day(old: &Trip, day: DayRef, new: &Trip) -> DayRef {
    let last = new.days.len().saturating_sub(1);
    match day {
        DayRef::Unscheduled if !new.unscheduled.is_empty() => DayRef::Unscheduled,
        DayRef::Unscheduled => DayRef::Day(last),
        DayRef::Day(i) => match old.days.get(i) {
            None => DayRef::Day(i.min(last)),
            Some(d) => DayRef::Day(match new.day_index(d.date) {
                Some(j) => j,
                None if d.date < new.start => 0,
                None => last,
            }),
        },
    }
}

/// The event of `new` to select after a reload, when `sel` was selected in
/// `old` and `filter` is active; `None` when the carried day (see
/// [`carry_day`]) has no event that passes the filter.
///
/// On the same day, the same event is found by its origin: the stop (or the
/// meeting of the stop found) at the same index among its siblings in the
/// file, when it is still that event: it has the same place (title), or
/// nothing else has and the list has as many as before, so the one in its
/// place is it, edited. Otherwise by identity: a stop by place and
/// prefecture (then by place alone, so fixing a prefecture's spelling keeps
/// it), its arrival time and then its rank among stops of the same place
/// breaking ties; a meeting by its stop and title, or by its title alone on
/// the day when it moved to another stop. When the event is gone (or now
/// filtered out), the nearest row: a vanished meeting gives way to a
/// meeting of the same stop (or the stop), anything else to the row that
/// now stands where it stood. On another day (its date left the trip), the
/// first row.
pub fn carry_selection(old: &Trip, sel: EventRef, new: &Trip, filter: &Filter) -> Option<EventRef> {
    let day = carry_day(old, sel.day, new);
    let visible: Vec<EventRef> = visible_rows(new, day, filter);
    let first = *visible.first()?;
    if !same_day(old, sel.day, new, day) {
        return Some(first);
    }
    if let Some(found) = same_event(old, sel, new, day).filter(|r| visible.contains(r)) {
        return Some(found);
    }
    let old_rows = visible_rows(old, sel.day, filter);
    // Rows before the selection keep their places when it is removed, so its
    // old row number now holds the event that followed it.
    let row = old_rows.iter().filter(|r| **r < sel).count();
    visible.get(row).or(visible.last()).copied()
}

fn visible_rows(trip: &Trip, day: DayRef, filter: &Filter) -> Vec<EventRef> {
    trip.events(day)
        .filter(|(_, e)| filter.shows(e))
        .map(|(r, _)| r)
        .collect()
}

fn same_day(old: &Trip, a: DayRef, new: &Trip, b: DayRef) -> bool {
    match (a, b) {
        (DayRef::Unscheduled, DayRef::Unscheduled) => true,
        (DayRef::Day(i), DayRef::Day(j)) => {
            old.days.get(i).map(|d| d.date) == new.days.get(j).map(|d| d.date)
        }
        _ => false,
    }
}

/// The event of `new`'s `day` that is `sel` of `old`, or the nearest row
/// within the same stop for a meeting that is gone; `None` otherwise.
fn same_event(old: &Trip, sel: EventRef, new: &Trip, day: DayRef) -> Option<EventRef> {
    let old_stops = old.stops(sel.day);
    let new_stops = new.stops(day);
    let old_stop = old_stops.get(sel.stop)?;
    let stop = by_origin(
        old_stops,
        sel.stop,
        new_stops,
        |s| s.origin.index,
        same_place,
    )
    .or_else(|| find_same(old_stops, sel.stop, new_stops, same_stop, |s| s.arrive))
    .or_else(|| find_same(old_stops, sel.stop, new_stops, same_place, |s| s.arrive));
    let at = |stop: usize, meeting: Option<usize>| EventRef { day, stop, meeting };
    let Some(mi) = sel.meeting else {
        return stop.map(|s| at(s, None));
    };
    let old_meeting = old_stop.meetings.get(mi)?;
    if let Some(s) = stop {
        let (old_meetings, new_meetings) = (&old_stop.meetings, &new_stops.get(s)?.meetings);
        let found = by_origin(
            old_meetings,
            mi,
            new_meetings,
            |m| m.origin.index,
            same_title,
        );
        if let Some(m) =
            found.or_else(|| find_same(old_meetings, mi, new_meetings, same_title, |m| m.start))
        {
            return Some(at(s, Some(m)));
        }
    }
    if let Some((s, m)) = moved_meeting(old_meeting, new_stops) {
        return Some(at(s, Some(m)));
    }
    let s = stop?;
    let count = new_stops.get(s)?.meetings.len();
    Some(at(s, count.checked_sub(1).map(|last| mi.min(last))))
}

/// A meeting with the same title elsewhere on the day, when that is unambiguous
/// (one such meeting, or one with the same start).
fn moved_meeting(old: &Meeting, stops: &[Stop]) -> Option<(usize, usize)> {
    let found: Vec<(usize, usize, &Meeting)> = stops
        .iter()
        .enumerate()
        .flat_map(|(si, s)| {
            s.meetings
                .iter()
                .enumerate()
                .map(move |(mi, m)| (si, mi, m))
        })
        .filter(|(_, _, m)| same_title(old, m))
        .collect();
    let pick = |all: &[&(usize, usize, &Meeting)]| match all {
        [(s, m, _)] => Some((*s, *m)),
        _ => None,
    };
    pick(&found.iter().collect::<Vec<_>>()).or_else(|| {
        pick(
            &found
                .iter()
                .filter(|(_, _, m)| m.start == old.start)
                .collect::<Vec<_>>(),
        )
    })
}

/// Index in `new` of the item at the origin of `old[i]` (the same index
/// among its siblings in the file), when it is still that item: `same` as
/// it, or nothing else is and `new` has as many items as `old`.
fn by_origin<T>(
    old: &[T],
    i: usize,
    new: &[T],
    origin: impl Fn(&T) -> usize,
    same: impl Fn(&T, &T) -> bool,
) -> Option<usize> {
    let target = old.get(i)?;
    let j = new.iter().position(|x| origin(x) == origin(target))?;
    if same(target, &new[j]) {
        return Some(j);
    }
    let elsewhere = new.iter().any(|x| same(target, x));
    (!elsewhere && old.len() == new.len()).then_some(j)
}

/// Index in `new` of the item that is `old[i]`: the only one `same` as it;
/// among several, the only one at the same time, else the one of the same
/// rank among its kind (the second "Hotel Okura" of the day stays the second).
fn find_same<T>(
    old: &[T],
    i: usize,
    new: &[T],
    same: impl Fn(&T, &T) -> bool,
    time: impl Fn(&T) -> Option<NaiveTime>,
) -> Option<usize> {
    let target = old.get(i)?;
    let candidates: Vec<usize> = (0..new.len()).filter(|&j| same(target, &new[j])).collect();
    match candidates[..] {
        [] => None,
        [only] => Some(only),
        _ => {
            let timed: Vec<usize> = candidates
                .iter()
                .copied()
                .filter(|&j| time(&new[j]) == time(target))
                .collect();
            if let [only] = timed[..] {
                return Some(only);
            }
            let rank = old[..i].iter().filter(|x| same(target, x)).count();
            candidates.get(rank).or(candidates.last()).copied()
        }
    }
}

fn same_stop(a: &Stop, b: &Stop) -> bool {
    same_place(a, b) && a.prefecture == b.prefecture
}

fn same_place(a: &Stop, b: &Stop) -> bool {
    a.place == b.place
}

fn same_title(a: &Meeting, b: &Meeting) -> bool {
    a.title == b.title
}

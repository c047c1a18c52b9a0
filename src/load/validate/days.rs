//! `[[day]]`, `[[day.stop]]`, `[[unscheduled]]` and their meetings; each
//! day placed on its date of the trip.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use toml::Spanned;

use super::keys::{DAY_KEYS, MEETING_KEYS, STOP_KEYS};
use super::values::Lines;
use super::{Span, Walker};
use crate::load::convert::show_time;
use crate::load::diagnostic::quote;
use crate::load::tree::{Entry, Table, Value};
use crate::model::{Day, Meeting, Origin, Stop};
use crate::prefecture::Prefecture;
use crate::prefecture::PrefectureName;

/// A `[[day]]` as read, before it is placed among the trip's dates.
pub(super) struct DayIn {
    pub(super) date: Option<Spanned<NaiveDate>>,
    pub(super) title: Option<String>,
    pub(super) notes: Option<String>,
    pub(super) stops: Vec<StopIn>,
    /// Every time of its stops and meetings, for the clock-change check
    /// once the trip's zone is known.
    pub(super) times: Vec<Spanned<NaiveTime>>,
    /// The span of its table; its index is its place among all days.
    pub(super) span: Span,
}

/// A stop with the spans later checks point at.
pub(super) struct StopIn {
    pub(super) stop: Stop,
    pub(super) arrive: Option<Span>,
}

impl Walker<'_> {
    /// The `[[day]]` array, each day checked.
    pub(super) fn days(&mut self, e: Entry<'_>) -> Vec<DayIn> {
        self.tables(&e.key, e.value, "[[day]]")
            .into_iter()
            .map(|t| self.day(t))
            .collect()
    }

    /// The `[[unscheduled]]` array, each stop checked.
    pub(super) fn unscheduled(&mut self, e: Entry<'_>) -> Vec<Stop> {
        let stops = self
            .tables(&e.key, e.value, "[[unscheduled]]")
            .into_iter()
            .enumerate()
            .map(|(i, t)| self.stop(t, i, "[[unscheduled]]").stop)
            .collect();
        // On no day, a time is not a moment: no clock change to check.
        self.times.clear();
        stops
    }

    pub(super) fn day(&mut self, table: Table<'_>) -> DayIn {
        let mut day = DayIn {
            date: None,
            title: None,
            notes: None,
            stops: Vec::new(),
            times: Vec::new(),
            span: table.span(),
        };
        let mut has_date = false;
        let mut guessed = Vec::new();
        for e in table.entries {
            let v = e.value;
            match e.key.as_ref() {
                "date" => {
                    has_date = true;
                    day.date = self.date("date", v);
                }
                "title" => day.title = self.text("title", v, Lines::One),
                "notes" => day.notes = self.text("notes", v, Lines::Many),
                "stop" => {
                    day.stops = self
                        .tables(&e.key, v, "[[day.stop]]")
                        .into_iter()
                        .enumerate()
                        .map(|(i, t)| self.stop(t, i, "[[day.stop]]"))
                        .collect();
                }
                _ => guessed.extend(self.unknown_key(&e.key, e.key_span, &DAY_KEYS, "in [[day]]")),
            }
        }
        if !has_date {
            self.missing(table.header, "date", "[[day]]", &guessed);
        }
        day.times = std::mem::take(&mut self.times);
        self.check_overlaps(&day);
        day
    }

    pub(super) fn stop(&mut self, table: Table<'_>, index: usize, what: &str) -> StopIn {
        let mut stop = Stop {
            origin: Origin {
                span: table.span(),
                index,
            },
            ..Stop::default()
        };
        let (mut has_place, mut arrive, mut depart) = (false, None, None);
        let mut meetings = Vec::new();
        let mut guessed = Vec::new();
        for e in table.entries {
            let v = e.value;
            match e.key.as_ref() {
                "place" => {
                    has_place = true;
                    stop.place = self.required_text("place", v).unwrap_or_default();
                }
                "kind" => stop.kind = self.keyword(v).unwrap_or_default(),
                "prefecture" => stop.prefecture = self.prefecture(v),
                "city" => stop.city = self.text("city", v, Lines::One),
                "address" => stop.address = self.text("address", v, Lines::One),
                "arrive" => arrive = self.time("arrive", v),
                "depart" => depart = self.time("depart", v),
                "status" => stop.status = self.keyword(v).unwrap_or_default(),
                "people" => stop.people = self.person_refs("people", v),
                "contact" => stop.contact = self.person_ref("contact", v),
                "notes" => stop.notes = self.text("notes", v, Lines::Many),
                "reminders" => stop.reminders = Some(self.reminders(v)),
                "meeting" => meetings = self.tables(&e.key, v, meeting_header(what)),
                _ => guessed.extend(self.unknown_key(
                    &e.key,
                    e.key_span,
                    &STOP_KEYS,
                    &format!("in {what}"),
                )),
            }
        }
        if !has_place {
            self.missing(table.header, "place", what, &guessed);
        }
        self.check_order(
            arrive.as_ref(),
            depart.as_ref(),
            "stop departs before it arrives",
            |t| show_time(*t),
        );
        stop.arrive = arrive.as_ref().map(|t| *t.get_ref());
        stop.depart = depart.as_ref().map(|t| *t.get_ref());
        stop.meetings = meetings
            .into_iter()
            .enumerate()
            .map(|(i, t)| self.meeting(t, i, &stop, meeting_header(what)))
            .collect();
        // Stable: meetings at the same time keep file order.
        stop.meetings.sort_by_key(Meeting::order_time);
        StopIn {
            stop,
            arrive: arrive.map(|t| t.span()),
        }
    }

    pub(super) fn prefecture(&mut self, v: Value<'_>) -> Option<PrefectureName> {
        let span = v.span.clone();
        let text = self.text("prefecture", v, Lines::One)?;
        if let Some(p) = Prefecture::parse(&text) {
            return Some(PrefectureName::Known(p));
        }
        let help = match Prefecture::closest(&text) {
            Some(p) => format!("did you mean \"{p}\"?"),
            None => {
                "use one of Japan's 47 prefectures, in romaji (\"Tokyo\") or kanji (\"東京都\")"
                    .into()
            }
        };
        self.warning(
            span,
            format!("unknown prefecture {}", quote(&text)),
            Some(help),
        );
        Some(PrefectureName::Other(text))
    }

    pub(super) fn meeting(
        &mut self,
        table: Table<'_>,
        index: usize,
        stop: &Stop,
        what: &str,
    ) -> Meeting {
        let mut m = Meeting {
            origin: Origin {
                span: table.span(),
                index,
            },
            ..Meeting::default()
        };
        let (mut has_title, mut start, mut end) = (false, None, None);
        let mut guessed = Vec::new();
        for e in table.entries {
            let v = e.value;
            match e.key.as_ref() {
                "title" => {
                    has_title = true;
                    m.title = self.required_text("title", v).unwrap_or_default();
                }
                "start" => start = self.time("start", v),
                "end" => end = self.time("end", v),
                "attendees" => m.attendees = self.person_refs("attendees", v),
                "topics" => m.topics = self.strings("topics", v),
                "outcome" => m.outcome = self.text("outcome", v, Lines::Many),
                "status" => m.status = self.keyword(v).unwrap_or_default(),
                "notes" => m.notes = self.text("notes", v, Lines::Many),
                "reminders" => m.reminders = Some(self.reminders(v)),
                _ => {
                    let place = format!("in {what}");
                    guessed.extend(self.unknown_key(&e.key, e.key_span, &MEETING_KEYS, &place));
                }
            }
        }
        if !has_title {
            self.missing(table.header, "title", what, &guessed);
        }
        self.check_order(
            start.as_ref(),
            end.as_ref(),
            "meeting ends before it starts",
            |t| show_time(*t),
        );
        m.start = start.as_ref().map(|t| *t.get_ref());
        m.end = end.as_ref().map(|t| *t.get_ref());
        self.check_within_stop(&m, start.as_ref(), end.as_ref(), stop);
        m
    }

    /// Puts each `[[day]]` on its date, checking it is in the trip and given once.
    /// `range` is the trip's first and last date, when they are known good.
    pub(super) fn place_days(
        &mut self,
        range: Option<(NaiveDate, NaiveDate)>,
        zone: Option<Tz>,
        days_in: Vec<DayIn>,
    ) -> Vec<Day> {
        let mut days: Vec<Day> = range
            .into_iter()
            .flat_map(|(start, end)| start.iter_days().take_while(move |d| *d <= end))
            .map(|date| Day {
                date,
                title: None,
                notes: None,
                stops: Vec::new(),
                origin: None,
            })
            .collect();
        let mut first: HashMap<NaiveDate, Span> = HashMap::new();
        for (index, d) in days_in.into_iter().enumerate() {
            let Some(date) = d.date else { continue };
            let (span, date) = (date.span(), date.into_inner());
            if let Some(prev) = first.get(&date) {
                let prev = self.line_of(prev.start);
                self.error(
                    span,
                    format!("day {date} is given twice"),
                    Some(format!(
                        "merge it into the [[day]] for {date} on line {prev}"
                    )),
                );
                continue;
            }
            first.insert(date, span.clone());
            let Some((start, end)) = range else { continue };
            let Some(day) = usize::try_from((date - start).num_days())
                .ok()
                .and_then(|i| days.get_mut(i))
            else {
                self.error(
                    span,
                    format!("day {date} is outside the trip ({start} to {end})"),
                    Some("fix the date, or the trip's start and end".into()),
                );
                continue;
            };
            if let Some(zone) = zone {
                self.check_clock_changes(zone, date, &d.times);
            }
            day.origin = Some(Origin {
                span: d.span,
                index,
            });
            day.title = d.title;
            day.notes = d.notes;
            day.stops = d.stops.into_iter().map(|s| s.stop).collect();
            // Stable: untimed first (None sorts first), file order breaking ties.
            day.stops.sort_by_key(Stop::order_time);
        }
        days
    }
}

/// The header of a stop's meetings: `[[day.stop.meeting]]`, `[[unscheduled.meeting]]`.
fn meeting_header(stop_header: &str) -> &'static str {
    match stop_header {
        "[[unscheduled]]" => "[[unscheduled.meeting]]",
        _ => "[[day.stop.meeting]]",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn meeting_headers_follow_their_stop() {
        assert_eq!(meeting_header("[[day.stop]]"), "[[day.stop.meeting]]");
        assert_eq!(meeting_header("[[unscheduled]]"), "[[unscheduled.meeting]]");
    }
}

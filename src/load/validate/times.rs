//! The checks of times against each other: a meeting within its stop,
//! stops of a day that overlap, and times the trip's clocks skip or repeat.

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use toml::Spanned;

use super::Walker;
use super::days::DayIn;
use crate::clock;
use crate::load::convert::{show_span, show_time};
use crate::load::diagnostic::quote;
use crate::model::{Meeting, Status, Stop};

impl Walker<'_> {
    /// Warns when a meeting's time falls outside its stop's arrive–depart window.
    pub(super) fn check_within_stop(
        &mut self,
        m: &Meeting,
        start: Option<&Spanned<NaiveTime>>,
        end: Option<&Spanned<NaiveTime>>,
        stop: &Stop,
    ) {
        let before = |t: &Spanned<NaiveTime>| stop.arrive.is_some_and(|a| *t.get_ref() < a);
        let after = |t: &Spanned<NaiveTime>| stop.depart.is_some_and(|d| *t.get_ref() > d);
        let outside = start
            .filter(|s| before(s) || after(s))
            .or(end.filter(|e| before(e) || after(e)));
        if let Some(t) = outside {
            self.warning(
                t.span(),
                format!(
                    "meeting {} ({}) is outside its stop's time ({})",
                    quote(&m.title),
                    show_span(m.start, m.end),
                    show_span(stop.arrive, stop.depart)
                ),
                Some(format!(
                    "the stop {} is there {}; move the meeting, or the stop's arrive or depart",
                    quote(&stop.place),
                    match (stop.arrive, stop.depart) {
                        (Some(a), Some(d)) => format!("from {} to {}", show_time(a), show_time(d)),
                        (Some(a), None) => format!("from {}", show_time(a)),
                        (None, Some(d)) => format!("until {}", show_time(d)),
                        (None, None) => "all day".into(),
                    }
                )),
            );
        }
    }

    /// Warns about stops of one day whose times overlap. A stop spans
    /// arrive–depart (a moment when it has no depart); cancelled stops and
    /// untimed ones take no time. Each stop is reported once, against the
    /// earlier stop it collides with.
    pub(super) fn check_overlaps(&mut self, day: &DayIn) {
        let end_of = |s: &Stop| s.depart.or(s.arrive);
        let mut order: Vec<usize> = (0..day.stops.len())
            .filter(|&i| {
                let s = &day.stops[i].stop;
                s.arrive.is_some() && s.status != Status::Cancelled
            })
            .collect();
        // Longer first among equal starts, so a moment inside a span is the one reported.
        order.sort_by_key(|&i| {
            let s = &day.stops[i].stop;
            (s.arrive, std::cmp::Reverse(end_of(s)))
        });
        let mut longest: Option<usize> = None;
        for i in order {
            let s = &day.stops[i];
            if let Some(p) = longest {
                let prev = &day.stops[p];
                if s.stop.arrive < end_of(&prev.stop)
                    && let Some(span) = s.arrive.clone()
                {
                    let on = day
                        .date
                        .as_ref()
                        .map_or(String::new(), |d| format!(" on {}", d.get_ref()));
                    self.warning(
                        span,
                        format!(
                            "stops overlap{on}: {} ({}) starts before {} ({}) ends",
                            quote(&s.stop.place),
                            show_span(s.stop.arrive, s.stop.depart),
                            quote(&prev.stop.place),
                            show_span(prev.stop.arrive, prev.stop.depart)
                        ),
                        Some(format!(
                            "the other stop is on line {}; check the times, or mark one \
                             status = \"cancelled\"",
                            self.line_of(prev.stop.origin.span.start)
                        )),
                    );
                }
                if end_of(&s.stop) <= end_of(&prev.stop) {
                    continue;
                }
            }
            longest = Some(i);
        }
    }

    /// A time the trip's clocks jump over on its day is an error; one they
    /// give twice (going back) a warning that says the first is meant. Most
    /// days have no change: two offsets tell, before any time is looked at.
    pub(super) fn check_clock_changes(
        &mut self,
        zone: Tz,
        date: NaiveDate,
        times: &[Spanned<NaiveTime>],
    ) {
        if times.is_empty() || !clock::may_change_on(zone, date) {
            return;
        }
        for t in times {
            let (time, shown) = (*t.get_ref(), show_time(*t.get_ref()));
            match clock::reading(zone, date.and_time(time)) {
                clock::Reading::Once => {}
                clock::Reading::Skipped(jump) => {
                    let (from, to) = (show_time(jump.from.time()), show_time(jump.to.time()));
                    let later = clock::instant(zone, date.and_time(time)).with_timezone(&zone);
                    self.error(
                        t.span(),
                        format!(
                            "{shown} does not exist on {date} in {}: the clocks go forward \
                             from {from} to {to}",
                            zone.name()
                        ),
                        Some(format!(
                            "write a time before {from} or from {to} on ({shown} by the clock \
                             before the change is {} after it)",
                            show_time(later.time())
                        )),
                    );
                }
                clock::Reading::Twice(jump) => {
                    let (from, to) = (show_time(jump.from.time()), show_time(jump.to.time()));
                    self.warning(
                        t.span(),
                        format!(
                            "{shown} occurs twice on {date} in {}: the clocks go back from \
                             {from} to {to}",
                            zone.name()
                        ),
                        Some(format!(
                            "it is read as the first {shown}, {}, before the clocks go back; \
                             the second, {}, comes {} later",
                            jump.before.describe(),
                            jump.after.describe(),
                            crate::format::duration(jump.from - jump.to)
                        )),
                    );
                }
            }
        }
    }
}

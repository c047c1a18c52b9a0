//! `g`: go to a day by what is typed into a one-line prompt: a date
//! (`2018-08-28`, or `08-28` in the trip's year), a day number (`3`), a
//! number of days from the selected one (`+2`, `-1`) or `today`. The keys
//! 1-9 reach only the first nine days; this reaches any.
//!
//! Reading what is typed ([`target`]) is a pure function of the trip, the
//! selected tab and today's date: it costs nothing that grows with the trip.

use chrono::{Datelike, NaiveDate};

use super::{App, Intent, Message, Overlay};
use crate::format;
use crate::model::Trip;

impl App {
    /// What is typed into the go-to-day prompt, while it is open.
    pub fn goto(&self) -> Option<&str> {
        match &self.overlay {
            Overlay::GoTo(typed) => Some(typed),
            _ => None,
        }
    }

    /// What the prompt accepts on this trip: "days 1-5: 2018-08-26 to
    /// 2018-08-30".
    pub fn goto_range(&self) -> String {
        format!("days 1-{}: {}", self.trip().days.len(), span(self.trip()))
    }
}

/// The trip's dates as a message shows them: "2018-08-26 to 2018-08-30".
fn span(trip: &Trip) -> String {
    match (trip.days.first(), trip.days.last()) {
        (Some(first), Some(last)) if first.date == last.date => format::iso(first.date),
        (Some(first), Some(last)) => {
            format!("{} to {}", format::iso(first.date), format::iso(last.date))
        }
        _ => "no days".into(),
    }
}

/// The tab of the day `typed` names, seen from tab `from` (the
/// "Unscheduled" tab counts as the one after the last day), or what to say
/// when it names none.
pub fn target(
    trip: &Trip,
    from: usize,
    today: Option<NaiveDate>,
    typed: &str,
) -> Result<usize, String> {
    let typed = typed.trim();
    let days = trip.days.len();
    if days == 0 {
        return Err("the trip has no days to go to".into());
    }
    let outside = |what: String| format!("{what} is not during the trip, {}", span(trip));
    if typed.eq_ignore_ascii_case("today") {
        let today = today.ok_or("the current date is unknown")?;
        return trip
            .day_index(today)
            .ok_or_else(|| outside(format!("today ({})", format::iso(today))));
    }
    if let Some(n) = relative(typed) {
        let to = i64::try_from(from).unwrap_or(i64::MAX).saturating_add(n);
        return usize::try_from(to)
            .ok()
            .filter(|&t| t < days)
            .ok_or_else(|| {
                let here = match from {
                    f if f < days => format!("from day {}", f + 1),
                    _ => "from Unscheduled".into(),
                };
                let (edge, i) = if to < 0 {
                    ("before the first", 0)
                } else {
                    ("past the last", days - 1)
                };
                let date = trip.days[i].date;
                format!("{typed} {here} goes {edge} day (day {}, {date})", i + 1)
            });
    }
    if !typed.is_empty() && typed.bytes().all(|b| b.is_ascii_digit()) {
        let n: usize = typed.parse().unwrap_or(usize::MAX);
        return (1..=days)
            .contains(&n)
            .then(|| n - 1)
            .ok_or_else(|| format!("there is no day {typed}: the trip has {days} days"));
    }
    if let Some(date) = date(trip, typed) {
        return trip
            .day_index(date)
            .ok_or_else(|| outside(format::iso(date)));
    }
    // Digits and a dash inside: meant as a date.
    if typed.bytes().any(|b| b.is_ascii_digit()) && typed.trim_start_matches('-').contains('-') {
        let example = format::iso(trip.days[0].date);
        return Err(format!("\"{typed}\" is not a date: write it as {example}"));
    }
    Err(format!(
        "\"{typed}\" is not a day: type a date, a day number, +N, -N or today"
    ))
}

/// `+N` or `-N`: the signed number of days.
fn relative(typed: &str) -> Option<i64> {
    let (sign, digits) = match typed.as_bytes().first()? {
        b'+' => (1, &typed[1..]),
        b'-' => (-1, &typed[1..]),
        _ => return None,
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(sign * digits.parse::<i64>().unwrap_or(i64::MAX))
}

/// `YYYY-MM-DD`, or `MM-DD` in a year of the trip (the one the trip has
/// that date in, when it spans a new year).
fn date(trip: &Trip, typed: &str) -> Option<NaiveDate> {
    if let Ok(d) = NaiveDate::parse_from_str(typed, "%Y-%m-%d") {
        return Some(d);
    }
    let (m, d) = typed.split_once('-')?;
    let (m, d) = (m.parse().ok()?, d.parse().ok()?);
    let years = trip.start.year()..=trip.end.year();
    let mut dates = years.filter_map(|y| NaiveDate::from_ymd_opt(y, m, d));
    let first = dates.next()?;
    Some(
        std::iter::once(first)
            .chain(dates)
            .find(|&d| trip.day_index(d).is_some())
            .unwrap_or(first),
    )
}

/// An intent while the prompt is open: it is over the panes, so only its
/// own intents reach it.
pub(super) fn prompt(app: &mut App, intent: Intent) {
    let Overlay::GoTo(typed) = &mut app.overlay else {
        return;
    };
    match intent {
        Intent::Type(c) => typed.push(c),
        Intent::Backspace => {
            typed.pop();
        }
        Intent::Cancel => app.overlay = Overlay::None,
        Intent::Accept if typed.trim().is_empty() => app.overlay = Overlay::None,
        Intent::Accept => {
            let today = app.now.map(|n| n.date());
            match target(app.version.trip(), app.tab, today, typed) {
                Ok(tab) => {
                    app.overlay = Overlay::None;
                    app.select_tab(tab);
                }
                // The prompt stays open with the text, to be mended.
                Err(why) => {
                    app.message = Some(Message {
                        text: why,
                        error: true,
                    });
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    fn bundled() -> Trip {
        load::load_str(load::BUNDLED).unwrap().trip
    }

    fn date(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    #[test]
    fn dates_numbers_relative_days_and_today() {
        let trip = bundled();
        let today = date("2018-08-29");
        let go = |from, typed| target(&trip, from, today, typed);
        assert_eq!(go(0, "2018-08-28"), Ok(2));
        assert_eq!(go(0, " 2018-8-30 "), Ok(4));
        assert_eq!(go(0, "08-27"), Ok(1));
        assert_eq!(go(0, "3"), Ok(2));
        assert_eq!(go(4, "1"), Ok(0));
        assert_eq!(go(1, "+2"), Ok(3));
        assert_eq!(go(3, "-3"), Ok(0));
        assert_eq!(go(2, "+0"), Ok(2));
        assert_eq!(go(5, "-1"), Ok(4), "from Unscheduled, the last day");
        assert_eq!(go(0, "today"), Ok(3));
        assert_eq!(go(0, "Today"), Ok(3));
    }

    #[test]
    fn what_names_no_day_says_why_and_what_the_trip_spans() {
        let trip = bundled();
        let go = |from, typed| target(&trip, from, date("2026-12-03"), typed);
        assert_eq!(
            go(0, "2018-09-01"),
            Err("2018-09-01 is not during the trip, 2018-08-26 to 2018-08-30".into())
        );
        assert_eq!(
            go(0, "09-01"),
            Err("2018-09-01 is not during the trip, 2018-08-26 to 2018-08-30".into())
        );
        assert_eq!(
            go(0, "9"),
            Err("there is no day 9: the trip has 5 days".into())
        );
        assert_eq!(
            go(0, "0"),
            Err("there is no day 0: the trip has 5 days".into())
        );
        assert_eq!(
            go(3, "+2"),
            Err("+2 from day 4 goes past the last day (day 5, 2018-08-30)".into())
        );
        assert_eq!(
            go(1, "-2"),
            Err("-2 from day 2 goes before the first day (day 1, 2018-08-26)".into())
        );
        assert_eq!(
            go(5, "+1"),
            Err("+1 from Unscheduled goes past the last day (day 5, 2018-08-30)".into())
        );
        assert_eq!(
            go(0, "+99999999999999999999"),
            Err(
                "+99999999999999999999 from day 1 goes past the last day (day 5, 2018-08-30)"
                    .into()
            )
        );
        assert_eq!(
            go(0, "today"),
            Err("today (2026-12-03) is not during the trip, 2018-08-26 to 2018-08-30".into())
        );
        assert_eq!(
            target(&trip, 0, None, "today"),
            Err("the current date is unknown".into())
        );
        assert_eq!(
            go(0, "2018-02-30"),
            Err("\"2018-02-30\" is not a date: write it as 2018-08-26".into())
        );
        assert_eq!(
            go(0, "28-08-2018"),
            Err("\"28-08-2018\" is not a date: write it as 2018-08-26".into())
        );
        for typed in ["tomorow", "+", "-", "-x", "3rd", "+x", "2018/08/28"] {
            assert_eq!(
                go(0, typed),
                Err(format!(
                    "\"{typed}\" is not a day: type a date, a day number, +N, -N or today"
                )),
                "{typed}"
            );
        }
        assert_eq!(
            go(5, "-0"),
            Err("-0 from Unscheduled goes past the last day (day 5, 2018-08-30)".into())
        );
    }

    #[test]
    fn a_month_and_day_is_found_in_a_trip_over_new_year() {
        let text = "[trip]\ntitle = \"New year\"\nstart = 2025-12-30\nend = 2026-01-02\n";
        let trip = load::load_str(text).unwrap().trip;
        assert_eq!(target(&trip, 0, None, "01-01"), Ok(2));
        assert_eq!(target(&trip, 0, None, "12-31"), Ok(1));
        assert_eq!(
            target(&trip, 0, None, "02-01"),
            Err("2025-02-01 is not during the trip, 2025-12-30 to 2026-01-02".into())
        );
        let app = App::new("t.toml".into(), trip, None);
        assert_eq!(app.goto_range(), "days 1-4: 2025-12-30 to 2026-01-02");
    }
}

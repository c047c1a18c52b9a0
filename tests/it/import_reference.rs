//! Real calendars from other projects (tests/ics/ical.js, kewisch-ical.js,
//! icalendar, each with its licence): a golden trip for each, and python's
//! `icalendar` with `recurring_ical_events` as the reference for every
//! occurrence's start and end in the trip's zone. The repaired quirks are
//! the only differences, each listed with why.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use itinerary::import::{self, Window};
use itinerary::load;

use crate::common::golden::golden;
use crate::common::tools::python_with;

/// A calendar, the trip's zone and days given to import, and the slots
/// (`date arrive depart`) only this import has, with why.
struct Case {
    file: &'static str,
    zone: Option<chrono_tz::Tz>,
    from: Option<&'static str>,
    to: Option<&'static str>,
    ours_only: &'static [(&'static str, &'static str)],
    theirs_only: &'static [(&'static str, &'static str)],
}

const CASES: &[Case] = &[
    Case {
        file: "ical.js/ms_timezones.ics",
        zone: Some(chrono_tz::Europe::Berlin),
        from: None,
        to: None,
        // Exchange's TZID="W. Europe Standard Time:20200910T090000":
        // python refuses the two events, the import reads them as meant.
        ours_only: &[
            ("2020-09-10 09:00 09:30", "Exchange's quoted TZID"),
            ("2020-09-10 09:00 09:30", "Exchange's quoted TZID"),
            ("2020-09-11 09:00 09:30", "Exchange's quoted TZID"),
            ("2020-09-12 09:00 09:30", "Exchange's quoted TZID"),
            ("2020-09-14 09:00 09:30", "Exchange's quoted TZID"),
            ("2020-09-15 09:00 09:30", "Exchange's quoted TZID"),
        ],
        theirs_only: &[],
    },
    Case {
        file: "ical.js/test4.ics",
        zone: Some(chrono_tz::America::Los_Angeles),
        from: None,
        to: None,
        ours_only: &[],
        theirs_only: &[],
    },
    Case {
        file: "ical.js/test6.ics",
        zone: None,
        from: None,
        to: None,
        ours_only: &[],
        theirs_only: &[],
    },
    Case {
        file: "kewisch-ical.js/recur_instances.ics",
        zone: None,
        from: Some("2012-10-01"),
        to: Some("2013-03-31"),
        ours_only: &[],
        theirs_only: &[],
    },
    Case {
        file: "icalendar/issue_165_missing_event.ics",
        zone: Some(chrono_tz::Europe::Berlin),
        from: None,
        to: None,
        // Outlook's `BYDAY=MO, TU, WE, TH, FR`: python's rrule refuses the
        // series, the import reads the rule without the spaces.
        ours_only: &[
            ("2015-07-03 10:00 10:30", "BYDAY with spaces"),
            ("2015-07-06 10:00 10:30", "BYDAY with spaces"),
            ("2015-07-07 10:00 10:30", "BYDAY with spaces"),
            ("2015-07-08 10:00 10:30", "BYDAY with spaces"),
            ("2015-07-09 10:00 10:30", "BYDAY with spaces"),
            ("2015-07-10 10:00 10:30", "BYDAY with spaces"),
            ("2015-07-13 10:00 10:30", "BYDAY with spaces"),
            ("2015-07-14 10:00 10:30", "BYDAY with spaces"),
            ("2015-07-15 10:00 10:30", "BYDAY with spaces"),
            ("2015-07-16 10:00 10:30", "BYDAY with spaces"),
            ("2015-07-17 10:00 10:30", "BYDAY with spaces"),
            ("2015-07-20 10:00 10:30", "BYDAY with spaces"),
            ("2015-07-21 10:00 10:30", "BYDAY with spaces"),
            ("2015-07-22 10:00 10:30", "BYDAY with spaces"),
        ],
        theirs_only: &[],
    },
    Case {
        file: "icalendar/created_calendar_with_unicode_fields.ics",
        zone: None,
        from: None,
        to: None,
        // No DTEND: python's occurrence ends as it starts; a stop without
        // an end has only its arrival (the same time, said otherwise).
        ours_only: &[("2010-10-10 00:00 -", "no end")],
        theirs_only: &[("2010-10-10 00:00 00:00", "no end")],
    },
];

fn imported(case: &Case) -> import::Imported {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/ics")
        .join(case.file);
    let bytes = std::fs::read(&path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let window = Window {
        from: case.from.map(|d| d.parse().unwrap()),
        to: case.to.map(|d| d.parse().unwrap()),
        timezone: case.zone,
    };
    let i = import::import(&bytes, &name, window).unwrap_or_else(|(f, r)| {
        panic!("{}: {f:?}\n{}", case.file, import::report_text(&name, &r))
    });
    load::load_str(&i.toml).unwrap_or_else(|d| panic!("{}: {d:?}", case.file));
    i
}

#[test]
fn real_calendars_give_their_golden_trips() {
    for case in CASES {
        let name = case.file.replace(['/', '.'], "_");
        golden(&format!("import/{name}.toml"), &imported(case).toml);
    }
}

/// Each occurrence as the slots docs/import.md says it becomes: one
/// `date start end` (`-` for none), two for an event of several days.
const REFERENCE: &str = r#"
import sys, datetime as dt, zoneinfo
import icalendar, recurring_ical_events
path, zone, first, last = sys.argv[1:5]
tz = zoneinfo.ZoneInfo(zone)
cal = icalendar.Calendar.from_ical(open(path, "rb").read())
# An event without a start is no occurrence (the import reports it).
cal.subcomponents = [c for c in cal.subcomponents if c.name != "VEVENT" or "DTSTART" in c]
first = dt.date.fromisoformat(first)
last = dt.date.fromisoformat(last)
def local(v):
    if isinstance(v, dt.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(tz)
        return v.replace(tzinfo=None)
    return v
hm = lambda t: t.strftime("%H:%M")
out = []
query = recurring_ical_events.of(cal, skip_bad_series=True)
# A day wider on each side: the query's days are not the trip zone's.
for e in query.between(first - dt.timedelta(days=1), last + dt.timedelta(days=2)):
    if e.name != "VEVENT":
        continue
    s = local(e["DTSTART"].dt)
    en = local(e["DTEND"].dt) if "DTEND" in e else None
    if en is None and "DURATION" in e:
        en = s + e["DURATION"].dt
    if isinstance(s, dt.datetime):
        if en is not None and not isinstance(en, dt.datetime):
            en = None
        if en is None or en < s:
            out.append((s.date(), hm(s), "-"))
        elif en.date() == s.date():
            out.append((s.date(), hm(s), hm(en)))
        elif en.time() == dt.time(0) and en.date() == s.date() + dt.timedelta(days=1):
            out.append((s.date(), hm(s), "-"))
        else:
            midnight = en.time() == dt.time(0)
            out.append((s.date(), hm(s), "-"))
            out.append((en.date() - dt.timedelta(days=1) if midnight else en.date(), "-", "-" if midnight else hm(en)))
    else:
        days = (en - s).days if isinstance(en, dt.date) and not isinstance(en, dt.datetime) else 1
        out.append((s, "-", "-"))
        if days > 1:
            out.append((s + dt.timedelta(days=days - 1), "-", "-"))
for d, a, b in out:
    if first <= d <= last:
        print(f"{d} {a} {b}")
"#;

#[test]
fn every_occurrence_starts_and_ends_as_python_icalendar_says() {
    let Some(python) = python_with("recurring_ical_events") else {
        return;
    };
    let mut failures = String::new();
    for case in CASES {
        let i = imported(case);
        let d = &i.draft;
        let hm =
            |t: Option<chrono::NaiveTime>| t.map_or("-".into(), |t| t.format("%H:%M").to_string());
        let mut ours: Vec<String> = Vec::new();
        for (date, stops) in &d.days {
            for s in stops {
                ours.push(format!("{date} {} {}", hm(s.arrive), hm(s.depart)));
                for m in &s.meetings {
                    ours.push(format!("{date} {} {}", hm(m.start), hm(m.end)));
                }
            }
        }
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/ics")
            .join(case.file);
        let out = std::process::Command::new(&python)
            .args(["-c", REFERENCE, path.to_str().unwrap(), d.timezone.name()])
            .arg(d.start.to_string())
            .arg(d.end.to_string())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}: {}",
            case.file,
            String::from_utf8_lossy(&out.stderr)
        );
        let mut theirs: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect();
        ours.sort();
        theirs.sort();
        let only = |a: &[String], b: &[String]| -> Vec<String> {
            let mut b = b.to_vec();
            a.iter()
                .filter(|x| match b.iter().position(|y| y == *x) {
                    Some(p) => {
                        b.remove(p);
                        false
                    }
                    None => true,
                })
                .cloned()
                .collect()
        };
        let expected = |list: &[(&str, &str)]| -> Vec<String> {
            let mut v: Vec<String> = list.iter().map(|(s, _)| s.to_string()).collect();
            v.sort();
            v
        };
        let (o, t) = (only(&ours, &theirs), only(&theirs, &ours));
        if o != expected(case.ours_only) || t != expected(case.theirs_only) {
            failures.push_str(&format!(
                "{} ({} of ours, {} of python's):\n  only ours: {o:?}\n  only python's: {t:?}\n",
                case.file,
                ours.len(),
                theirs.len()
            ));
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

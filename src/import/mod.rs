//! `itinerary import CALENDAR.ics`: an iCalendar file as a trip file that
//! `check` accepts. [`read`] turns the file into components with line
//! numbers, [`convert`] makes the trip and the report of what could not be
//! carried over, [`toml_text`] writes the trip; [`run`] is the command.
//! docs/import.md says how each property is carried over, and why.

pub mod convert;
mod group;
mod parse;
mod people;
pub mod read;
mod recur;
mod time;
mod toml_text;
pub mod zone;

use std::io::{Read, Write};
use std::path::Path;

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::cli::ImportArgs;
use crate::exit;
use crate::export::write;
use crate::format::count;
use crate::load::{self, MAX_FILE_SIZE};

pub use convert::{Draft, Report};
pub use read::Refusal;
pub use toml_text::toml_text;

/// A calendar read as a trip.
#[derive(Debug)]
pub struct Imported {
    pub draft: Draft,
    /// The trip file's text.
    pub toml: String,
    pub report: Report,
    /// The events read (VEVENTs with a start), for the closing line.
    pub events: usize,
}

/// Why a calendar gives no trip: exit 1.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// Not iCalendar at all.
    Refused(Refusal),
    /// iCalendar, but no event with a date; the report says what was skipped.
    NoEvents,
    /// The events span more days than a trip may have.
    TooLong { start: NaiveDate, end: NaiveDate },
}

/// The days to import (`--from`, `--to`, both included; `None` is open),
/// and the trip's zone when `--timezone` gives it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub timezone: Option<Tz>,
}

/// Reads a calendar's bytes as a trip. `name` is the file's name, for the
/// trip's sources and (without its extension) a title when the calendar
/// has none.
pub fn import(bytes: &[u8], name: &str, window: Window) -> Result<Imported, (Failure, Report)> {
    let parsed = read::read(bytes).map_err(|r| (Failure::Refused(r), Report::default()))?;
    let mut report = Report {
        lost: parsed.problems.clone(),
        ..Report::default()
    };
    let events = parsed
        .roots
        .iter()
        .flat_map(|r| std::iter::once(r).chain(&r.children))
        .filter(|c| c.name == "VEVENT")
        .count();
    match convert::convert(&parsed.roots, name, window, &mut report) {
        Some(draft) if (draft.end - draft.start).num_days() >= load::MAX_TRIP_DAYS => Err((
            Failure::TooLong {
                start: draft.start,
                end: draft.end,
            },
            report,
        )),
        Some(draft) => Ok(Imported {
            toml: toml_text(&draft),
            draft,
            report,
            events,
        }),
        None => {
            // How a title or zone would have been chosen means nothing now.
            report.notes.clear();
            Err((Failure::NoEvents, report))
        }
    }
}

/// Runs `import` and returns the exit status: 0 written, 1 not a calendar
/// (or none of its events can be a stop), 2 a file that cannot be read or
/// written.
pub fn run(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let stdin = args.calendar == Path::new("-");
    let shown = if stdin {
        "standard input".to_string()
    } else {
        load::diagnostic::sanitize(&args.calendar.display().to_string())
    };
    let timezone = match args.timezone.as_deref().map(trip_zone).transpose() {
        Ok(tz) => tz,
        Err(msg) => {
            let _ = writeln!(err, "error: {}", load::diagnostic::sanitize(&msg));
            return exit::USAGE;
        }
    };
    let read = if stdin {
        read_limited(std::io::stdin().lock(), "standard input")
    } else {
        read_calendar(&args.calendar)
    };
    let bytes = match read {
        Ok(b) => b,
        Err(msg) => {
            let _ = writeln!(err, "error: {}", load::diagnostic::sanitize(&msg));
            return exit::USAGE;
        }
    };
    let file_name = match args.calendar.file_name() {
        Some(n) if !stdin => n.to_string_lossy().into_owned(),
        _ => shown.clone(),
    };
    let window = Window {
        from: args.from,
        to: args.to,
        timezone,
    };
    if let (Some(f), Some(t)) = (window.from, window.to)
        && t < f
    {
        let _ = writeln!(
            err,
            "error: --to {t} is before --from {f}; give the first day, then the last"
        );
        return exit::USAGE;
    }
    let imported = match import(&bytes, &file_name, window) {
        Ok(i) => i,
        Err((failure, report)) => {
            print_report(&shown, &report, err);
            print_failure(&shown, &failure, window, err);
            return exit::INVALID;
        }
    };
    print_report(&shown, &imported.report, err);
    // What is written must load: a check here turns a bug of the import
    // into a refusal instead of a file `check` rejects.
    let target = match args.output.as_deref() {
        Some(p) if p != Path::new("-") => p.display().to_string(),
        _ => "standard output".to_string(),
    };
    match load::load_str(&imported.toml) {
        Ok(loaded) => {
            load::print_diagnostics(
                &target,
                &imported.toml,
                &loaded.warnings,
                load::Shown::First,
                err,
            );
        }
        Err(diags) => {
            load::print_diagnostics(&target, &imported.toml, &diags, load::Shown::First, err);
            let _ = writeln!(
                err,
                "error: the trip made from {shown} does not pass `check` (a bug of import: please report it with the calendar); nothing written"
            );
            return exit::INVALID;
        }
    }
    let mut body = |w: &mut dyn Write| w.write_all(imported.toml.as_bytes());
    let written = match args.output.as_deref() {
        None => write::to_writer(out, &mut body),
        Some(p) if p == Path::new("-") => write::to_writer(out, &mut body),
        Some(p) => write::to_trip_file(p, &mut body, args.force, Some(&args.calendar)),
    };
    if let Err(msg) = written {
        let _ = writeln!(err, "error: {msg}");
        return exit::USAGE;
    }
    let _ = writeln!(err, "{}", summary(&imported, &target));
    exit::OK
}

/// The closing line: what was written where.
fn summary(imported: &Imported, target: &str) -> String {
    let d = &imported.draft;
    let stops: usize = d.days.values().map(Vec::len).sum::<usize>() + d.unscheduled.len();
    let meetings: usize = d
        .days
        .values()
        .flatten()
        .chain(&d.unscheduled)
        .map(|s| s.meetings.len())
        .sum();
    let lines = imported.report.lost.len();
    let dropped = imported.events.saturating_sub(d.events);
    let repeats = if d.occurrences == 0 {
        String::new()
    } else {
        format!(
            " ({} of repeating events)",
            count(d.occurrences, "occurrence", "occurrences")
        )
    };
    format!(
        "imported {}{repeats} as {}, {} on {} ({} to {}), {}; {}{} to {target}{}",
        if dropped == 0 {
            count(d.events, "event", "events")
        } else {
            format!(
                "{} of {}",
                d.events,
                count(imported.events, "event", "events")
            )
        },
        count(stops, "stop", "stops"),
        count(meetings, "meeting", "meetings"),
        count(
            d.days
                .keys()
                .chain(d.day_info.keys())
                .collect::<std::collections::BTreeSet<_>>()
                .len(),
            "day",
            "days"
        ),
        d.start,
        d.end,
        count(d.people.len(), "person", "people"),
        if dropped == 0 {
            String::new()
        } else {
            format!(
                "{} dropped (why is listed above); ",
                count(dropped, "event", "events")
            )
        },
        if target == "standard output" {
            "written"
        } else {
            "wrote"
        },
        if lines == 0 {
            String::new()
        } else {
            format!(
                "; {} not carried over as written (listed above)",
                count(lines, "thing", "things")
            )
        }
    )
}

/// The notes, then what was not carried over, lines with the same message
/// together: `warning: cal.ics:12, 40: X-FOO is not carried over`.
pub fn report_text(shown: &str, report: &Report) -> String {
    let mut out = String::new();
    for n in &report.notes {
        out.push_str(&format!("note: {}\n", load::diagnostic::sanitize(n)));
    }
    // Grouped through a map: a scan of the groups for each line grew with
    // the square of the lines of a large calendar.
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (line, what) in &report.lost {
        #[cfg(feature = "work")]
        crate::work::keys(1);
        match index.get(what.as_str()) {
            Some(&i) => groups[i].1.push(*line),
            None => {
                index.insert(what, groups.len());
                groups.push((what, vec![*line]));
            }
        }
    }
    groups.sort_by_key(|(_, lines)| lines.iter().min().copied());
    for (what, mut lines) in groups {
        lines.sort_unstable();
        lines.dedup();
        let lines: Vec<String> = lines.iter().map(usize::to_string).collect();
        out.push_str(&format!(
            "warning: {shown}:{}: {}\n",
            lines.join(", "),
            load::diagnostic::sanitize(what)
        ));
    }
    out
}

fn print_report(shown: &str, report: &Report, err: &mut dyn Write) {
    let _ = err.write_all(report_text(shown, report).as_bytes());
}

/// The message for a calendar that gives no trip.
pub fn failure_text(shown: &str, failure: &Failure, window: Window) -> String {
    let mut out = Vec::new();
    print_failure(shown, failure, window, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn print_failure(shown: &str, failure: &Failure, window: Window, err: &mut dyn Write) {
    let _ = match failure {
        Failure::Refused(Refusal::Empty) => writeln!(
            err,
            "error: {shown} is empty: an iCalendar file begins with BEGIN:VCALENDAR"
        ),
        Failure::Refused(Refusal::NotUtf8 { line, column }) => writeln!(
            err,
            "error: {shown}:{line}:{column}: not UTF-8 text, which iCalendar files are; \
             convert it first (for example: iconv -f latin1 -t utf-8)"
        ),
        Failure::Refused(Refusal::NotICalendar { line, text }) => writeln!(
            err,
            "error: {shown}:{line}: not an iCalendar file: it begins with \"{}\", \
             where a calendar begins with BEGIN:VCALENDAR",
            load::diagnostic::sanitize(&read::shorten(text))
        ),
        Failure::NoEvents => writeln!(
            err,
            "error: {shown} has no event that can be a stop (a VEVENT with a DTSTART and a SUMMARY or LOCATION{}); no trip written",
            if window.from.is_none() && window.to.is_none() {
                ""
            } else {
                ", on a day from --from to --to"
            }
        ),
        Failure::TooLong { start, end } => writeln!(
            err,
            "error: the events of {shown} span {} days ({start} to {end}), more than the {} a trip may have; \
             choose the trip's days with --from DATE and --to DATE",
            (*end - *start).num_days() + 1,
            load::MAX_TRIP_DAYS
        ),
    };
}

/// The calendar's bytes; a directory, a missing file or one over 64 MiB is
/// an error message.
fn read_calendar(path: &Path) -> Result<Vec<u8>, String> {
    let shown = path.display();
    let fail = |e: std::io::Error| {
        let why = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => e.to_string(),
        };
        format!("cannot read {shown}: {why}")
    };
    if std::fs::metadata(path).map_err(fail)?.is_dir() {
        return Err(format!(
            "{shown} is a directory; give the path of an iCalendar (.ics) file"
        ));
    }
    let file = std::fs::File::open(path).map_err(fail)?;
    read_limited(file, &shown.to_string())
}

/// At most 64 MiB of a calendar from `from` (a file, or standard input
/// for `import -`); more is an error message.
fn read_limited(from: impl Read, shown: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    from.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {shown}: {e}"))?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(format!("cannot read {shown}: it is larger than 64 MiB"));
    }
    Ok(bytes)
}

/// The zone `--timezone` names: an IANA name in any case (`asia/tokyo`),
/// or a Windows zone name (`Tokyo Standard Time`).
fn trip_zone(text: &str) -> Result<Tz, String> {
    zone::iana(text)
        .or_else(|| {
            text.trim()
                .parse::<windows_timezones::WindowsTimezone>()
                .ok()
                .map(Tz::from)
        })
        .ok_or_else(|| {
            format!(
                "--timezone {}: not a time zone; give an IANA name such as Asia/Tokyo or Europe/Berlin",
                load::diagnostic::quote(text)
            )
        })
}

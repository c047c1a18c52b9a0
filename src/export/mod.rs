//! Exports: pure functions from the model to text (Markdown, plain text,
//! JSON, iCalendar, the printed programme in HTML), and the atomic,
//! no-clobber file write.
//!
//! [`summary`] turns a trip and a [`Selection`] into the exported data once;
//! each format reads it. JSON, iCalendar and HTML are written to their output as
//! they are built, a stop or an event at a time ([`write_to`]), so a whole
//! trip's export never holds its text whole. Only [`run`], [`to_dir`]
//! and [`write`] touch files.

mod html;
mod ics;
mod json;
mod md;
mod prose;
pub mod select;
pub mod summary;
pub mod target;
mod text;
pub mod write;

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use crate::cli::{ExportArgs, Format};
use crate::exit;
use crate::load;
use crate::model::{DayRef, Trip};

pub use html::{Programme, Source, html, write_html};
pub use ics::{IcsEvent, IcsExport, PRODID, ics};
pub use json::{json, write_json};
pub use md::markdown;
pub use summary::{Scope, Selection};
pub use target::Destination;
pub use text::text;

/// Renders a selection in a format. `stamp` is the iCalendar DTSTAMP, and
/// the date of the printed programme's version line (which names no file:
/// [`write_html`] takes one).
pub fn render(trip: &Trip, selection: &Selection, format: Format, stamp: DateTime<Utc>) -> String {
    match format {
        Format::Md => markdown(trip, selection),
        Format::Text => text(trip, selection),
        Format::Json => json(trip, selection),
        Format::Ics => ics(trip, selection, stamp),
        Format::Html => html(trip, selection, &Programme::full(stamp)),
    }
}

/// Writes a selection in a format to `out`: the same bytes as [`render`].
/// JSON, iCalendar and HTML go out as they are built (give it a buffered
/// writer); Markdown and text, a day's summary, are built first.
pub fn write_to(
    trip: &Trip,
    selection: &Selection,
    format: Format,
    stamp: DateTime<Utc>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Md => out.write_all(markdown(trip, selection).as_bytes()),
        Format::Text => out.write_all(text(trip, selection).as_bytes()),
        Format::Json => write_json(trip, selection, out),
        Format::Ics => IcsExport::new(trip, selection, stamp).write(out),
        Format::Html => write_html(trip, selection, &Programme::full(stamp), out),
    }
}

/// Runs `export` and returns the exit status. Meant to be the last thing
/// the process does: the trip is not freed (see below).
pub fn run(args: &ExportArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let usage = |err: &mut dyn Write, msg: &str| {
        let _ = writeln!(err, "error: {}", load::diagnostic::sanitize(msg));
        exit::USAGE
    };
    // The command line is checked before the file is read.
    let (format, destination) = match target::resolve(args.format, args.output.as_deref()) {
        Ok(t) => t,
        Err(msg) => return usage(err, &msg),
    };
    if args.brief && format != Format::Html {
        return usage(
            err,
            "--brief is the printed programme's copy for distribution; add --format html \
             (or -o NAME.html)",
        );
    }
    let (now, home) = (args.now, args.home_zone.map(|h| h.0));
    // "Today" is the date now in the trip's zone, as the browser's now is.
    let today = |zone: &chrono_tz::Tz| {
        now.unwrap_or_else(|| Utc::now().with_timezone(zone).naive_local())
            .date()
    };
    let opened = load::open(args.file.as_deref());
    let mut loaded = match opened.result {
        Ok(loaded) => loaded,
        Err(e) => return e.print(&opened.name, &opened.text, err),
    };
    load::print_report(
        &opened.name,
        &opened.text,
        &loaded.warnings,
        load::Shown::First,
        None,
        err,
    );
    if loaded.trip.home_timezone.is_none() {
        loaded.trip.home_timezone = args.home_fallback;
    }
    if let Some(home) = home {
        loaded.trip.home_timezone = home;
    }
    // The process ends after an export, and the system takes its memory
    // back at once: freeing a large trip's many small allocations one by
    // one would cost more than exporting a day of it.
    let loaded = std::mem::ManuallyDrop::new(loaded);
    let trip = &loaded.trip;
    // The bundled trip is named by its file in the repository.
    let source = match args.file {
        Some(_) => Source::of(&opened.name, opened.text.as_bytes()),
        None => Source::of(BUNDLED_NAME, opened.text.as_bytes()),
    };
    export_trip(
        trip,
        args,
        (format, destination, Some(source)),
        today(&trip.timezone),
        out,
        err,
    )
}

/// The export of a loaded trip, as the command line asks; its exit status.
fn export_trip(
    trip: &Trip,
    args: &ExportArgs,
    (format, destination, source): (Format, Destination, Option<Source>),
    today: NaiveDate,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let usage = |err: &mut dyn Write, msg: &str| {
        let _ = writeln!(err, "error: {}", load::diagnostic::sanitize(msg));
        exit::USAGE
    };
    let selection = match selection(trip, args, today) {
        Ok(s) => s,
        Err(msg) => return usage(err, &msg),
    };
    let stamp = file_stamp(args.file.as_deref(), trip);
    let programme = Programme {
        brief: args.brief,
        exported: exported_on(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref()),
        source,
    };
    let mut body = |w: &mut dyn Write| write_as(trip, &selection, format, stamp, &programme, w);
    let written = match destination {
        Destination::Stdout => write::to_writer(out, &mut body),
        Destination::File(path) => {
            write::to_file(&path, &mut body, args.force, args.file.as_deref())
        }
        Destination::Dir(dir) => {
            let taken = if args.force {
                Taken::Replace
            } else {
                Taken::Refuse
            };
            let input = args.file.as_deref();
            let how = (format, stamp, &programme);
            to_dir(trip, &selection, how, &dir, taken, input).map(drop)
        }
    };
    match written {
        Ok(()) => exit::OK,
        Err(msg) => usage(err, &msg),
    }
}

/// Writes a selection in `format`: the programme as `programme` says (its
/// version line, the brief copy), every other format stamped `stamp`.
fn write_as(
    trip: &Trip,
    selection: &Selection,
    format: Format,
    stamp: DateTime<Utc>,
    programme: &Programme,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    match format {
        Format::Html => write_html(trip, selection, programme, w),
        _ => write_to(trip, selection, format, stamp, w),
    }
}

/// The bundled trip's file in the repository: the name a programme of it
/// gives as its source.
pub const BUNDLED_NAME: &str = "zhejiang-japan-2018.toml";

/// The name an export is given when only a directory is: the date and a
/// slug of the trip's title, never a path from the file (see [`slug`]):
/// `2018-08-28-zhejiang-provincial-delegation-to-japan` for a day,
/// `unscheduled-<slug>` for the unscheduled stops, `<slug>` for the trip.
fn default_stem(trip: &Trip, scope: &Scope) -> Result<String, String> {
    Ok(match scope {
        Scope::Trip => slug(&trip.title),
        Scope::Day(DayRef::Day(i)) => match trip.days.get(*i) {
            Some(d) => format!("{}-{}", crate::format::iso(d.date), slug(&trip.title)),
            None => return Err(format!("the trip has no day {}", i + 1)),
        },
        Scope::Day(DayRef::Unscheduled) => format!("unscheduled-{}", slug(&trip.title)),
    })
}

/// `--day`, `--prefecture` and `--person` as a selection.
fn selection(trip: &Trip, args: &ExportArgs, today: NaiveDate) -> Result<Selection, String> {
    let scope = match &args.day {
        None => Scope::Trip,
        Some(day) => Scope::Day(select::parse_day(trip, day, today)?),
    };
    let filter = select::parse_prefectures(trip, &args.prefectures)?;
    let people = select::parse_people(trip, &args.people)?;
    Ok(Selection {
        scope,
        filter,
        people,
    })
}

/// The DTSTAMP of the trip read from `file` ([`dtstamp`] from this
/// process's `SOURCE_DATE_EPOCH` and the file's modification time).
pub fn file_stamp(file: Option<&Path>, trip: &Trip) -> DateTime<Utc> {
    let modified = file.and_then(|path| std::fs::metadata(path).and_then(|m| m.modified()).ok());
    dtstamp(
        std::env::var("SOURCE_DATE_EPOCH").ok().as_deref(),
        modified,
        trip,
    )
}

/// The date of the printed programme's version line: `SOURCE_DATE_EPOCH`'s
/// when set (tests, reproducible builds), else today's (UTC). Nothing else
/// in the programme depends on the clock.
pub fn exported_on(source_date_epoch: Option<&str>) -> NaiveDate {
    source_date_epoch
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .unwrap_or_else(Utc::now)
        .date_naive()
}

/// DTSTAMP: `SOURCE_DATE_EPOCH` when set (reproducible builds), else the
/// file's modification time, else the trip's first day at midnight UTC —
/// never the clock, so exporting twice gives the same bytes.
pub fn dtstamp(
    source_date_epoch: Option<&str>,
    modified: Option<std::time::SystemTime>,
    trip: &Trip,
) -> DateTime<Utc> {
    source_date_epoch
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| DateTime::from_timestamp(s, 0))
        .or_else(|| {
            modified.map(|m| {
                let d = DateTime::<Utc>::from(m);
                DateTime::from_timestamp(d.timestamp(), 0).unwrap_or(d)
            })
        })
        .unwrap_or_else(|| trip.start.and_time(NaiveTime::MIN).and_utc())
}

/// What [`to_dir`] does when the file's name is taken already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    /// Refuse, naming the file (`export -o DIR`).
    Refuse,
    /// Replace it atomically (`export -o DIR --force`).
    Replace,
    /// Write `<stem>-2.<ext>`, `-3`… instead (the browser's export dialog).
    Number,
}

/// The name an export of `scope` in `format` gets in a directory: the date
/// and a slug of the trip's title, never a path from the file:
/// `2018-08-28-zhejiang-provincial-delegation-to-japan.md`,
/// `unscheduled-<slug>.md`, `<slug>.ics` for the whole trip.
pub fn file_name(trip: &Trip, scope: &Scope, format: Format) -> Result<String, String> {
    Ok(format!(
        "{}.{}",
        default_stem(trip, scope)?,
        target::extension(format)
    ))
}

/// Writes a selection in a format into `dir` under [`file_name`]: the one
/// writer of `export -o DIR` and of the browser's export dialog, so both
/// write the same bytes. Returns the path written. `input` (the trip's
/// file) is never written over.
pub fn to_dir(
    trip: &Trip,
    selection: &Selection,
    (format, stamp, programme): (Format, DateTime<Utc>, &Programme),
    dir: &Path,
    taken: Taken,
    input: Option<&Path>,
) -> Result<PathBuf, String> {
    let stem = default_stem(trip, &selection.scope)?;
    let ext = target::extension(format);
    let mut body = |w: &mut dyn Write| write_as(trip, selection, format, stamp, programme, w);
    match taken {
        // A numbered name is new: it can be no existing file, the input
        // included.
        Taken::Number => write::to_new_file(dir, &stem, ext, &mut body),
        Taken::Refuse | Taken::Replace => {
            let path = dir.join(format!("{stem}.{ext}"));
            write::to_file(&path, &mut body, taken == Taken::Replace, input)?;
            Ok(path)
        }
    }
}

/// At most this many characters of the title go into a file name.
const SLUG_MAX: usize = 48;

/// The title as a file name's part ([`crate::format::slug`], at most
/// [`SLUG_MAX`] long), `trip` when nothing is left (an empty title).
pub fn slug(title: &str) -> String {
    match crate::format::slug(title, SLUG_MAX) {
        s if s.is_empty() => "trip".into(),
        s => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_safe_file_name_parts() {
        assert_eq!(
            slug("Zhejiang provincial delegation to Japan"),
            "zhejiang-provincial-delegation-to-japan"
        );
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        // Transliterated as import's ids are (issue 21: "Ünïcode" was "n-code").
        assert_eq!(slug("浙江省代表团"), "zhe-jiang-sheng-dai-biao-tuan");
        assert_eq!(slug("  Ünïcode — Trip!  "), "unicode-trip");
        assert_eq!(slug("Łódź, Ørsted & Straße"), "lodz-orsted-strasse");
        assert_eq!(slug(" — "), "trip");
        let long = slug(&"word ".repeat(40));
        assert!(long.len() <= SLUG_MAX && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn dtstamp_prefers_source_date_epoch_then_mtime_then_trip_start() {
        let trip = load::load_str(load::BUNDLED).unwrap().trip;
        let mtime = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_600_000_000);
        assert_eq!(
            dtstamp(Some("1535000000"), Some(mtime), &trip).timestamp(),
            1_535_000_000
        );
        assert_eq!(
            dtstamp(Some("junk"), Some(mtime), &trip).timestamp(),
            1_600_000_000
        );
        assert_eq!(
            dtstamp(None, None, &trip).to_rfc3339(),
            "2018-08-26T00:00:00+00:00"
        );
    }
}

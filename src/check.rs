//! `itinerary check`: validate files and print every problem found.
//!
//! Diagnostics go to stderr, in file order; one summary line per valid file
//! goes to stdout. The exit status is the worst over all files: 0 valid,
//! 1 invalid (or warnings under `--deny-warnings`), 2 unreadable.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::CheckArgs;
use crate::exit;
use crate::load::{self, LoadError, Loaded};
use crate::model::DayRef;
use crate::text::count;

/// Runs `check` and returns the exit status: the worst over all files.
pub fn run(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let files: Vec<Option<PathBuf>> = if args.files.is_empty() {
        vec![None]
    } else {
        args.files.iter().cloned().map(Some).collect()
    };
    let mut status = exit::OK;
    for file in files {
        let opened = load::open(file.as_deref());
        let file_status = report(
            &opened.name,
            &opened.text,
            opened.result,
            args.deny_warnings,
            out,
            err,
        );
        status = status.max(file_status);
    }
    status
}

/// Prints one file's outcome and returns its exit status.
fn report(
    name: &str,
    text: &str,
    result: Result<Loaded, LoadError>,
    deny_warnings: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    match result {
        Err(e) => e.print(name, text, err),
        Ok(loaded) => {
            load::print_diagnostics(name, text, &loaded.warnings, err);
            let warnings = loaded.warnings.len();
            if deny_warnings && warnings > 0 {
                let _ = writeln!(
                    err,
                    "error: {} has {}, refused by --deny-warnings",
                    load::diagnostic::sanitize(name),
                    count(warnings, "warning", "warnings")
                );
                return exit::INVALID;
            }
            let trip = &loaded.trip;
            let days = trip.days.len();
            let events: usize = (0..days)
                .map(DayRef::Day)
                .chain([DayRef::Unscheduled])
                .map(|day| trip.event_count(day))
                .sum();
            let _ = writeln!(
                out,
                "{}: ok ({}, {}, {})",
                load::diagnostic::sanitize(name),
                count(days, "day", "days"),
                count(events, "event", "events"),
                count(warnings, "warning", "warnings"),
            );
            exit::OK
        }
    }
}

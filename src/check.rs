//! `itinerary check`: validate files and print every problem found.
//!
//! Diagnostics go to stderr, in file order, each file's report on its own:
//! the first 200 problems (all with `--all`), then, for a refused file, one
//! line counting its errors and warnings. One summary line per valid file
//! goes to stdout. The exit status is the worst over all files: 0 valid,
//! 1 invalid (or warnings under `--deny-warnings`), 2 unreadable.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::CheckArgs;
use crate::exit;
use crate::format::count;
use crate::load::{self, Opened, Shown};
use crate::model::DayRef;

/// Runs `check` and returns the exit status: the worst over all files.
pub fn run(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let files: Vec<Option<PathBuf>> = if args.files.is_empty() {
        vec![None]
    } else {
        args.files.iter().cloned().map(Some).collect()
    };
    let shown = if args.all { Shown::All } else { Shown::First };
    let mut status = exit::OK;
    for file in files {
        let opened = load::open(file.as_deref());
        let file_status = report(&opened, args.deny_warnings, shown, out, err);
        status = status.max(file_status);
    }
    status
}

/// Prints one file's outcome and returns its exit status.
fn report(
    opened: &Opened,
    deny_warnings: bool,
    shown: Shown,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let (name, text) = (opened.name.as_str(), opened.text.as_str());
    match &opened.result {
        Err(e) => e.print_shown(name, text, shown, err),
        Ok(loaded) => {
            let warnings = loaded.warnings.len();
            let refused = deny_warnings && warnings > 0;
            let why = refused.then_some("refused by --deny-warnings");
            load::print_report(name, text, &loaded.warnings, shown, why, err);
            if refused {
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

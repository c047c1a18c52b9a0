//! `itinerary check`: validate files and print every problem found.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::CheckArgs;
use crate::exit;
use crate::load::{self, LoadError, Severity};

/// Runs `check` and returns the exit status: the worst over all files.
pub fn run(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let files: Vec<Option<PathBuf>> = if args.files.is_empty() {
        vec![None]
    } else {
        args.files.iter().cloned().map(Some).collect()
    };
    let mut status = exit::OK;
    for file in files {
        let (name, result) = match &file {
            None => (
                load::BUNDLED_NAME.to_string(),
                Ok((load::BUNDLED.to_string(), load::load_str(load::BUNDLED))),
            ),
            Some(path) => {
                let name = path.display().to_string();
                match load::read_file(path) {
                    Ok(text) => {
                        let r = load::load_str(&text);
                        (name, Ok((text, r)))
                    }
                    Err(e) => (name, Err(e)),
                }
            }
        };
        let file_status = match result {
            Err(LoadError::Unreadable(msg)) => {
                let _ = writeln!(err, "error: {msg}");
                exit::USAGE
            }
            Err(LoadError::Invalid(diags)) => {
                for d in &diags {
                    let _ = writeln!(err, "{}", d.render(&name, ""));
                }
                exit::INVALID
            }
            Ok((text, Err(diags))) => {
                for d in &diags {
                    let _ = writeln!(err, "{}", d.render(&name, &text));
                }
                exit::INVALID
            }
            Ok((text, Ok(loaded))) => {
                for d in &loaded.warnings {
                    let _ = writeln!(err, "{}", d.render(&name, &text));
                }
                let warned = loaded
                    .warnings
                    .iter()
                    .any(|d| d.severity == Severity::Warning);
                let events: usize = loaded
                    .trip
                    .days
                    .iter()
                    .flat_map(|d| &d.stops)
                    .chain(&loaded.trip.unscheduled)
                    .map(|s| 1 + s.meetings.len())
                    .sum();
                let _ = writeln!(
                    out,
                    "{name}: ok ({} days, {events} events, {} warnings)",
                    loaded.trip.days.len(),
                    loaded.warnings.len()
                );
                if warned && args.deny_warnings {
                    exit::INVALID
                } else {
                    exit::OK
                }
            }
        };
        status = status.max(file_status);
    }
    status
}

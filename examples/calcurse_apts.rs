//! Converts an itinerary into calcurse's appointment file (`apts`), for the
//! speed comparison in docs/performance.md:
//!
//! ```sh
//! cargo run --release --example calcurse_apts -- trip.toml > DIR/apts
//! calcurse -D DIR -d 10/04/2027
//! ```
//!
//! Every event of a day (each stop, then its meetings) becomes one line:
//! a timed event `MM/DD/YYYY @ HH:MM -> MM/DD/YYYY @ HH:MM |text`, its end
//! being its start when it has none; an untimed one the all-day event
//! `MM/DD/YYYY [1] text` (calcurse writes events without the `|` of
//! appointments, and would show a `|` as part of the text). Times are cut to the minute, calcurse's
//! resolution. The text is the event's title (a stop's place, a meeting's
//! title). Unscheduled stops have no date and are left out.

use std::io::Write;
use std::process::ExitCode;

use chrono::{NaiveDate, NaiveTime};

use itinerary::load::{self, LoadError};
use itinerary::model::DayRef;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: calcurse_apts FILE > apts");
        return ExitCode::from(2);
    };
    let name = std::path::Path::new(&path).display().to_string();
    let trip = match load::load_file(path.as_ref()) {
        Ok((_, loaded)) => loaded.trip,
        Err(LoadError::Unreadable(msg)) => {
            eprintln!("error: {msg}");
            return ExitCode::from(2);
        }
        Err(LoadError::Invalid(diags)) => {
            eprintln!(
                "error: {name} is not a valid itinerary ({} problems); run `itinerary check {name}`",
                diags.len()
            );
            return ExitCode::from(1);
        }
    };
    let mut out = String::new();
    for (i, day) in trip.days.iter().enumerate() {
        for (_, event) in trip.events(DayRef::Day(i)) {
            apt(
                &mut out,
                day.date,
                event.start(),
                event.end(),
                event.title(),
            );
        }
    }
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}.");
            ExitCode::from(2)
        }
    }
}

/// One appointment line. calcurse reads one line per appointment, so line
/// breaks in the title become spaces.
fn apt(
    out: &mut String,
    date: NaiveDate,
    start: Option<NaiveTime>,
    end: Option<NaiveTime>,
    title: &str,
) {
    let day = date.format("%m/%d/%Y");
    let text = title.replace(['\n', '\r'], " ");
    match start {
        Some(start) => {
            let end = end.unwrap_or(start);
            out.push_str(&format!(
                "{day} @ {} -> {day} @ {} |{text}\n",
                start.format("%H:%M"),
                end.format("%H:%M")
            ));
        }
        None => out.push_str(&format!("{day} [1] {text}\n")),
    }
}

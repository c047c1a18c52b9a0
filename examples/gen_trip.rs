//! Writes a generated, valid itinerary to standard output:
//!
//! ```sh
//! cargo run --example gen_trip -- EVENTS DAYS [SEED] > big.toml
//! ```
//!
//! EVENTS is the exact number of events (stops plus meetings), DAYS the
//! length of the trip, SEED (default 1) picks the trip; the same arguments
//! always give the same file.

#[path = "../tests/support/generate.rs"]
mod generate;
use std::io::Write;
use std::process::ExitCode;

use generate::{parse_args, trip_toml};

const USAGE: &str = "usage: gen_trip EVENTS DAYS [SEED] > trip.toml";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (events, days, seed) = match parse_args(&args) {
        Ok(parsed) => parsed,
        Err(msg) => {
            eprintln!("error: {msg}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let text = trip_toml(events, days, seed);
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stops early (`| head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the trip to standard output: {e}.");
            ExitCode::from(2)
        }
    }
}

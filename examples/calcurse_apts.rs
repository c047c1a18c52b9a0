//! Converts an itinerary into calcurse's appointment file (`apts`), for the
//! speed comparison in docs/performance.md (see
//! `generate::calcurse_apts` for the format):
//!
//! ```sh
//! cargo run --release --example calcurse_apts -- trip.toml > DIR/apts
//! calcurse -D DIR -d 10/04/2027
//! ```

#[path = "../tests/support/generate.rs"]
mod generate;
use std::io::Write;
use std::process::ExitCode;

use generate::calcurse_apts;
use itinerary::load::{self, LoadError};

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
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(calcurse_apts(&trip).as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}.");
            ExitCode::from(2)
        }
    }
}

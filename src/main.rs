//! Entry point: parse the command line, load, then run the browser, `check`
//! or `export`. Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser;

use itinerary::cli::{Cli, Command};
use itinerary::load;
use itinerary::{check, exit, export, tui};

/// A large load allocates and frees millions of small nodes (toml's parse
/// tree): mimalloc does that faster than the system allocator.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match &cli.command {
        Some(Command::Check(args)) => {
            check::run(args, &mut std::io::stdout(), &mut std::io::stderr())
        }
        Some(Command::Export(args)) => {
            export::run(args, &mut std::io::stdout(), &mut std::io::stderr())
        }
        None => browse(&cli),
    };
    ExitCode::from(status)
}

/// Loads the trip before the terminal is touched, so errors print on the normal screen.
fn browse(cli: &Cli) -> u8 {
    let now = match cli.now.as_deref().map(parse_now) {
        None => None,
        Some(Ok(now)) => Some(now),
        Some(Err(msg)) => {
            eprintln!("error: {msg}");
            return exit::USAGE;
        }
    };
    let opened = load::open(cli.file.as_deref());
    match opened.result {
        Ok(loaded) => tui::run(&opened.name, loaded, opened.text, cli.file.as_deref(), now),
        Err(e) => e.print(&opened.name, &opened.text, &mut std::io::stderr()),
    }
}

/// `--now`: a local date-time, `2018-08-28T10:00` or `2018-08-28 10:00[:00]`.
fn parse_now(text: &str) -> Result<chrono::NaiveDateTime, String> {
    [
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d %H:%M:%S",
    ]
    .iter()
    .find_map(|f| chrono::NaiveDateTime::parse_from_str(text, f).ok())
    .or_else(|| {
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    })
    .ok_or_else(|| format!("--now {text:?} is not a date-time; write it as 2018-08-28T10:00"))
}

#[cfg(test)]
mod tests {
    use super::parse_now;
    use chrono::NaiveDate;

    fn at(h: u32, m: u32, s: u32) -> chrono::NaiveDateTime {
        NaiveDate::from_ymd_opt(2018, 8, 28)
            .and_then(|d| d.and_hms_opt(h, m, s))
            .unwrap()
    }

    #[test]
    fn now_takes_iso_and_space_separated_date_times() {
        assert_eq!(parse_now("2018-08-28T10:00"), Ok(at(10, 0, 0)));
        assert_eq!(parse_now("2018-08-28T10:00:30"), Ok(at(10, 0, 30)));
        assert_eq!(parse_now("2018-08-28 10:05"), Ok(at(10, 5, 0)));
        assert_eq!(parse_now("2018-08-28 23:59:59"), Ok(at(23, 59, 59)));
    }

    #[test]
    fn now_as_a_date_is_its_midnight() {
        assert_eq!(parse_now("2018-08-28"), Ok(at(0, 0, 0)));
    }

    #[test]
    fn a_bad_now_says_how_to_write_it() {
        for bad in [
            "",
            "tomorrow",
            "2018-08-28T25:00",
            "2018-02-30",
            "28/08/2018 10:00",
        ] {
            assert_eq!(
                parse_now(bad),
                Err(format!(
                    "--now {bad:?} is not a date-time; write it as 2018-08-28T10:00"
                )),
            );
        }
    }
}

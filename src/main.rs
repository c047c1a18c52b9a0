//! Entry point: parse the command line, load, then run the browser, `check`,
//! `export`, `import` or `publish`. Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser;

use itinerary::cli::{Cli, Command, home_zone, parse_now};
use itinerary::load;
use itinerary::{check, exit, export, import, publish, tui};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match &cli.command {
        Some(Command::Check(args)) => {
            check::run(args, &mut std::io::stdout(), &mut std::io::stderr())
        }
        Some(Command::Export(args)) => {
            export::run(args, &mut std::io::stdout(), &mut std::io::stderr())
        }
        Some(Command::Import(args)) => {
            import::run(args, &mut std::io::stdout(), &mut std::io::stderr())
        }
        Some(Command::Publish(args)) => publish::run(
            args,
            publish::Env::from_process(),
            &mut std::io::stdout(),
            &mut std::io::stderr(),
        ),
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
    let home = match cli.home_zone.as_deref().map(home_zone).transpose() {
        Ok(home) => home,
        Err(msg) => {
            eprintln!("error: {msg}");
            return exit::USAGE;
        }
    };
    let opened = load::open(cli.file.as_deref());
    let clock = tui::Clock { now, home };
    match opened.result {
        Ok(loaded) => tui::run(
            &opened.name,
            loaded,
            opened.text,
            cli.file.as_deref(),
            clock,
            cli.read_only,
        ),
        Err(e) => e.print(&opened.name, &opened.text, &mut std::io::stderr()),
    }
}

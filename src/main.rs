//! Entry point: parse the command line, load, then run the browser, `check`,
//! `export`, `import` or `publish`. Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser;

use itinerary::cli::{Cli, Command};
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
    let (now, home) = (cli.now, cli.home_zone.map(|h| h.0));
    if cli.file.as_deref().is_some_and(itinerary::files::is_stdin) {
        eprintln!(
            "error: the browser needs a file it can reload and save to, not standard input; \
             give its path (- is for check, export and import)"
        );
        return exit::USAGE;
    }
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

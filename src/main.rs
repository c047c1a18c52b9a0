//! Entry point: parse the command line, read the config, load, then run
//! the browser, `check`, `export`, `import` or `publish`. Everything else
//! lives in the library.

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use itinerary::cli::{Cli, Command, HomeZone};
use itinerary::config::{self, Config};
use itinerary::load;
use itinerary::{check, exit, export, import, publish, tui};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (out, err) = (&mut std::io::stdout(), &mut std::io::stderr());
    // The config is read (and a bad one refused, exit 2) before anything
    // else a command does, the terminal above all; `check`, `config`,
    // `completions` and `man` never fail because of it.
    let settings = || config::read_from_env(cli.config.as_deref()).settings(&mut std::io::stderr());
    let status = match &cli.command {
        Some(Command::Check(args)) => {
            let mut args = args.clone();
            if args.files.is_empty()
                && let Ok(c) = config::read_from_env(cli.config.as_deref()).result
                && let Some(trip) = c.trip
            {
                args.files.push(trip);
            }
            check::run(&args, out, err)
        }
        Some(Command::Export(args)) => match settings() {
            Ok(c) => export::run(&export_args(args, &c), out, err),
            Err(status) => status,
        },
        Some(Command::Import(args)) => match settings() {
            // Nothing of the config applies to import yet; it is still
            // checked, so every command that reads it agrees on it.
            Ok(_) => import::run(args, out, err),
            Err(status) => status,
        },
        Some(Command::Publish(args)) => match settings() {
            Ok(c) => {
                let mut args = args.clone();
                args.file = args.file.or(c.trip);
                publish::run(&args, publish::Env::from_process(), out, err)
            }
            Err(status) => status,
        },
        Some(Command::Config(args)) if args.default => {
            let _ = out.write_all(config::default_file().as_bytes());
            exit::OK
        }
        Some(Command::Config(_)) => config::read_from_env(cli.config.as_deref()).report(out),
        Some(Command::Completions(args)) => {
            clap_complete::generate(args.shell, &mut Cli::command(), "itinerary", out);
            exit::OK
        }
        Some(Command::Man) => {
            // A closed pipe (`itinerary man | head`) is not an error.
            let _ = clap_mangen::Man::new(Cli::command()).render(out);
            exit::OK
        }
        None => match settings() {
            Ok(c) => browse(&cli, c),
            Err(status) => status,
        },
    };
    ExitCode::from(status)
}

/// `export`'s arguments with the config's defaults under them: the trip
/// file, the format (when neither `--format` nor a file name for `-o`
/// says one) and the home zone (for a trip without its own).
fn export_args(args: &itinerary::cli::ExportArgs, c: &Config) -> itinerary::cli::ExportArgs {
    let mut args = args.clone();
    args.file = args.file.or_else(|| c.trip.clone());
    let to_stdout_or_dir = args
        .output
        .as_deref()
        .is_none_or(|p| p == std::path::Path::new("-") || p.is_dir());
    if args.format.is_none() && to_stdout_or_dir {
        args.format = c.export_format;
    }
    args.home_fallback = c.home_timezone;
    args
}

/// Loads the trip before the terminal is touched, so errors print on the normal screen.
fn browse(cli: &Cli, c: Config) -> u8 {
    let (now, home) = (cli.now, cli.home_zone.map(|h: HomeZone| h.0));
    let file = cli.file.clone().or_else(|| c.trip.clone());
    if file.as_deref().is_some_and(itinerary::files::is_stdin) {
        eprintln!(
            "error: the browser needs a file it can reload and save to, not standard input; \
             give its path (- is for check, export and import)"
        );
        return exit::USAGE;
    }
    let opened = load::open(file.as_deref());
    let options = tui::Options {
        clock: tui::Clock {
            now,
            home,
            home_fallback: c.home_timezone,
        },
        read_only: cli.read_only || (c.read_only && !cli.read_write),
        theme: c.theme(std::env::var_os("NO_COLOR").as_deref()),
        export_dir: c.export_dir.clone(),
        export_format: c.export_format,
        keys: c.keys,
    };
    match opened.result {
        Ok(loaded) => tui::run(&opened.name, loaded, opened.text, file.as_deref(), options),
        Err(e) => e.print(&opened.name, &opened.text, &mut std::io::stderr()),
    }
}

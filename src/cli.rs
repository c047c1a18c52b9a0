//! The command line as clap parses it; validation into options happens in
//! the command that uses each argument.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Browse an official delegation's trip itinerary in the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "itinerary",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Itinerary file to open (default: the bundled Zhejiang–Japan 2018 trip).
    pub file: Option<PathBuf>,

    /// Treat this local date-time as "now" (e.g. 2018-08-28T10:00), for demos and tests.
    #[arg(long, value_name = "DATETIME")]
    pub now: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate itinerary files and print every problem found.
    Check(CheckArgs),
    /// Export a day (or the whole trip) as Markdown, text, JSON or iCalendar.
    Export(ExportArgs),
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files to check (default: the bundled trip).
    pub files: Vec<PathBuf>,

    /// Exit with status 1 when there are warnings, too.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Print every problem (by default, the first 200 of each file; the rest are counted).
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Itinerary file (default: the bundled trip).
    pub file: Option<PathBuf>,

    /// The day: a date (2018-08-28) or a 1-based day number (3). Default: the whole trip.
    #[arg(long, value_name = "DAY")]
    pub day: Option<String>,

    /// Only events in this prefecture (repeatable): tokyo, Tokyo-to, 東京都…
    #[arg(long = "prefecture", value_name = "P")]
    pub prefectures: Vec<String>,

    /// Output format (default: the one -o's extension names, else md).
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Write to PATH instead of standard output ("-" is standard output);
    /// a directory gets the default file name.
    #[arg(short = 'o', long = "output", value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Overwrite PATH if it exists.
    #[arg(long)]
    pub force: bool,
}

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Markdown
    Md,
    /// Plain text
    Text,
    /// JSON
    Json,
    /// iCalendar (RFC 5545)
    Ics,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn file_and_subcommands_parse() {
        let cli = Cli::try_parse_from(["itinerary", "trip.toml"]).unwrap();
        assert_eq!(cli.file, Some(PathBuf::from("trip.toml")));
        let cli = Cli::try_parse_from(["itinerary", "check", "a.toml", "b.toml"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Check(ref c)) if c.files.len() == 2));
        let cli = Cli::try_parse_from([
            "itinerary",
            "export",
            "t.toml",
            "--day",
            "3",
            "--prefecture",
            "tokyo",
            "--prefecture",
            "東京都",
            "--format",
            "ics",
            "-o",
            "-",
        ])
        .unwrap();
        let Some(Command::Export(e)) = cli.command else {
            panic!("not export")
        };
        assert_eq!(e.prefectures, ["tokyo", "東京都"]);
        assert_eq!(e.format, Some(Format::Ics));
    }
}

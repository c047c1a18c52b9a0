//! The command line as clap parses it. Values that stand alone (`--now`,
//! `--home-zone`, dates) are validated here, once, by clap's value parsers,
//! into the types the commands use; what needs the trip (`--day`,
//! `--person`) is checked by the command once the trip is read.

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
    /// Itinerary file to open (default: the config's `trip`, else the
    /// bundled Zhejiang–Japan 2018 trip).
    pub file: Option<PathBuf>,

    /// Read the config from PATH (default: ITINERARY_CONFIG, else
    /// $XDG_CONFIG_HOME/itinerary/config.toml, else ~/.config/itinerary/config.toml).
    #[arg(long, value_name = "PATH", global = true)]
    pub config: Option<PathBuf>,

    /// Treat this local date-time as "now" (e.g. 2018-08-28T10:00), for demos and tests.
    #[arg(long, value_name = "DATETIME", value_parser = parse_now)]
    pub now: Option<chrono::NaiveDateTime>,

    /// Show the home clock of ZONE (IANA name) beside the trip's; "none" for
    /// no home clock. Default: the file's home_timezone.
    #[arg(long, value_name = "ZONE", value_parser = home_zone)]
    pub home_zone: Option<HomeZone>,

    /// Browse only: the editing keys (s > < o a D u E) say so and change nothing.
    #[arg(long, conflicts_with = "read_write")]
    pub read_only: bool,

    /// Allow edits for this run although the config says `read_only = true`.
    #[arg(long)]
    pub read_write: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate itinerary files and print every problem found.
    Check(CheckArgs),
    /// Export a day (or the whole trip) as Markdown, text, JSON, iCalendar or
    /// the printed programme (HTML).
    Export(ExportArgs),
    /// Read an iCalendar (.ics) file as a trip file.
    Import(ImportArgs),
    /// Put the trip on a CalDAV calendar server.
    ///
    /// The calendar is created when it is missing; only new and changed
    /// events are written, events the trip no longer has are deleted, and
    /// nothing this trip did not publish is touched. The login comes from
    /// ITINERARY_CALDAV_USER and ITINERARY_CALDAV_PASSWORD.
    Publish(PublishArgs),
    /// Print the config file's path and its problems, or a default config.
    ///
    /// Lists the keys that `[keys]` took from another action, too.
    Config(ConfigArgs),
    /// Print a shell completion script (see the README for where to put it).
    Completions(CompletionsArgs),
    /// Print the man page (roff), e.g. `itinerary man | man -l -`.
    Man,
}

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    /// Print a config file with every setting at its default, each explained.
    #[arg(long = "default")]
    pub default: bool,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, elvish or powershell.
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Files to check (default: the bundled trip; - reads standard input).
    pub files: Vec<PathBuf>,

    /// Exit with status 1 when there are warnings, too.
    #[arg(long)]
    pub deny_warnings: bool,

    /// Print every problem (by default, the first 200 of each file; the rest are counted).
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// Itinerary file (default: the bundled trip; - reads standard input).
    pub file: Option<PathBuf>,

    /// The day: a date (2018-08-28), a 1-based day number (3), today, tomorrow or
    /// unscheduled. Default: the whole trip.
    #[arg(long, value_name = "DAY")]
    pub day: Option<String>,

    /// Only events in this prefecture (repeatable): tokyo, Tokyo-to, 東京都…
    #[arg(long = "prefecture", value_name = "P")]
    pub prefectures: Vec<String>,

    /// Only the events this person attends or is present at (repeatable): a
    /// person id, or any part of a name in either script (fukuda, 福田).
    #[arg(long = "person", value_name = "P")]
    pub people: Vec<String>,

    /// Show the home clock of ZONE (IANA name) beside the trip's; "none" for
    /// no home clock. Default: the file's home_timezone.
    #[arg(long, value_name = "ZONE", value_parser = home_zone)]
    pub home_zone: Option<HomeZone>,

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

    /// The printed programme's copy for distribution: without notes and
    /// outcomes (--format html only).
    #[arg(long)]
    pub brief: bool,

    /// Treat this local date-time (in the trip's zone) as "now" for --day today/tomorrow.
    #[arg(long, value_name = "DATETIME", value_parser = parse_now)]
    pub now: Option<chrono::NaiveDateTime>,

    /// The config's `home_timezone`: the home clock of a trip without one
    /// of its own (`--home-zone` wins over both). Not a flag.
    #[arg(skip)]
    pub home_fallback: Option<chrono_tz::Tz>,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The iCalendar file to read ("-" is standard input).
    #[arg(value_name = "CALENDAR.ics")]
    pub calendar: PathBuf,

    /// Write the trip to PATH instead of standard output ("-" is standard output).
    #[arg(short = 'o', long = "output", value_name = "TRIP.toml")]
    pub output: Option<PathBuf>,

    /// Overwrite PATH if it exists.
    #[arg(long)]
    pub force: bool,

    /// Only the events on this day or later (2018-08-26).
    #[arg(long, value_name = "DATE")]
    pub from: Option<chrono::NaiveDate>,

    /// Only the events on this day or earlier (2018-08-30).
    #[arg(long, value_name = "DATE")]
    pub to: Option<chrono::NaiveDate>,

    /// The trip's time zone (Asia/Tokyo): the calendar's times are converted
    /// into it, and floating ones are read in it.
    #[arg(long, value_name = "ZONE")]
    pub timezone: Option<String>,
}

#[derive(Debug, Clone, clap::Args)]
pub struct PublishArgs {
    /// Itinerary file (default: the bundled trip).
    pub file: Option<PathBuf>,

    /// The calendar collection's URL (http:// or https://); it is created
    /// when it is not there.
    #[arg(long, value_name = "URL")]
    pub to: String,

    /// When the calendar holds another trip published by itinerary, delete
    /// its events and publish this one in their place.
    #[arg(long)]
    pub replace: bool,

    /// Only the events this person attends or is present at (repeatable), as
    /// `export --person`: that person's own calendar.
    #[arg(long = "person", value_name = "P")]
    pub people: Vec<String>,

    /// One calendar per member of the delegation, each at --to with the
    /// person's id in place of {id}.
    #[arg(long, conflicts_with = "people")]
    pub each_person: bool,
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
    /// The printed programme: one self-contained HTML file to print
    Html,
}

/// `--home-zone`: the home clock's zone, or none (`--home-zone none`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HomeZone(pub Option<chrono_tz::Tz>);

/// `--now`: a local date-time in the trip's zone, `2018-08-28T10:00` or
/// `2018-08-28 10:00[:00]`, or a date alone (its midnight). The error is
/// worded to follow clap's "invalid value 'X' for '--now <DATETIME>': ".
pub fn parse_now(text: &str) -> Result<chrono::NaiveDateTime, String> {
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
    .ok_or_else(|| "not a date-time; write it as 2018-08-28T10:00".to_string())
}

/// `--home-zone ZONE`: an IANA name, or `none`.
pub fn home_zone(text: &str) -> Result<HomeZone, String> {
    if text.trim().eq_ignore_ascii_case("none") {
        return Ok(HomeZone(None));
    }
    crate::clock::parse_zone(text)
        .map(|tz| HomeZone(Some(tz)))
        .map_err(|guess| match guess {
            Some(tz) => format!("not a time zone; did you mean \"{tz}\"?"),
            None => "not a time zone; give an IANA name such as \"Asia/Shanghai\", or none".into(),
        })
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
    fn home_zones_are_iana_names_or_none() {
        assert_eq!(
            home_zone("America/New_York"),
            Ok(HomeZone(Some(chrono_tz::America::New_York)))
        );
        assert_eq!(home_zone("none"), Ok(HomeZone(None)));
        assert_eq!(
            home_zone("America/New_Yrok"),
            Err("not a time zone; did you mean \"America/New_York\"?".into())
        );
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
        assert_eq!(e.home_zone, None);
        assert_eq!(e.format, Some(Format::Ics));
        let cli =
            Cli::try_parse_from(["itinerary", "import", "cal.ics", "-o", "t.toml", "--force"])
                .unwrap();
        let Some(Command::Import(i)) = cli.command else {
            panic!("not import")
        };
        let cli = Cli::try_parse_from([
            "itinerary",
            "publish",
            "t.toml",
            "--to",
            "https://cal.example/u/trip/",
        ])
        .unwrap();
        let Some(Command::Publish(p)) = cli.command else {
            panic!("not publish")
        };
        assert_eq!(
            (p.file, p.to.as_str()),
            (Some(PathBuf::from("t.toml")), "https://cal.example/u/trip/")
        );
        assert_eq!(
            (i.calendar, i.output, i.force),
            (
                PathBuf::from("cal.ics"),
                Some(PathBuf::from("t.toml")),
                true
            )
        );
    }

    fn at(h: u32, m: u32, s: u32) -> chrono::NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2018, 8, 28)
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
                Err("not a date-time; write it as 2018-08-28T10:00".to_string()),
            );
        }
    }
}

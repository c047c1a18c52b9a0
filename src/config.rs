//! The config file: where it is, reading and validating it, and its
//! settings merged over the defaults (docs/config.md). A problem is
//! reported as a trip's is (file:line:col, the line quoted, the closest
//! valid name suggested, every problem at once), before the terminal is
//! touched.

mod default_file;
mod parse;

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};

use ratatui::style::Color;

use crate::cli::Format;
use crate::keys::{Change, Keymap};
use crate::load::{Diagnostic, Shown, print_report};
use crate::ui::theme::{Role, Theme, ThemeName};

pub use default_file::default_file;

/// Config files larger than this are refused unread: a config is a page.
const MAX_SIZE: u64 = 1024 * 1024;

/// The settings, as the file gives them over the defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// `home_timezone`: the home clock for a trip without one of its own.
    pub home_timezone: Option<chrono_tz::Tz>,
    /// `theme`.
    pub theme: ThemeName,
    /// `[colors]`: roles given a colour over the theme's.
    pub colors: Vec<(Role, Color)>,
    /// `[keys]`: the key table in force.
    pub keys: Keymap,
    /// Default bindings that gave up a key to one in `[keys]`.
    pub key_changes: Vec<Change>,
    /// `[export] dir`: where the browser's export writes (default: the
    /// current directory).
    pub export_dir: Option<PathBuf>,
    /// `[export] format`: the format of `itinerary export` when neither
    /// `--format` nor `-o`'s extension names one.
    pub export_format: Option<Format>,
    /// `read_only`: the browser starts read-only (`--read-write` undoes it).
    pub read_only: bool,
    /// `trip`: the trip file opened when none is given (instead of the
    /// bundled one).
    pub trip: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            home_timezone: None,
            theme: ThemeName::Dark,
            colors: Vec::new(),
            keys: Keymap::default(),
            key_changes: Vec::new(),
            export_dir: None,
            export_format: None,
            read_only: false,
            trip: None,
        }
    }
}

impl Config {
    /// The theme these settings draw with; a `NO_COLOR` value set and not
    /// empty makes it `mono` (no-color.org: the user's wish for this
    /// terminal wins over a file).
    pub fn theme(&self, no_color: Option<&std::ffi::OsStr>) -> Theme {
        Theme::chosen(self.theme, &self.colors, no_color)
    }
}

/// Where the path of the config file came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `--config PATH`.
    Flag,
    /// `ITINERARY_CONFIG`.
    Env,
    /// `$XDG_CONFIG_HOME/itinerary/config.toml`.
    Xdg,
    /// `~/.config/itinerary/config.toml`.
    Home,
}

impl Origin {
    /// How `itinerary config` says it.
    pub fn describe(self) -> &'static str {
        match self {
            Origin::Flag => "from --config",
            Origin::Env => "from ITINERARY_CONFIG",
            Origin::Xdg => "in $XDG_CONFIG_HOME",
            Origin::Home => "in ~/.config ($XDG_CONFIG_HOME is not set)",
        }
    }
}

/// The config file's path and where it came from: `--config`, else
/// `ITINERARY_CONFIG`, else `$XDG_CONFIG_HOME/itinerary/config.toml`, else
/// `$HOME/.config/itinerary/config.toml`. An empty variable counts as
/// unset. `None` when there is no home to look in.
pub fn locate(
    flag: Option<&Path>,
    var: impl Fn(&str) -> Option<OsString>,
) -> Option<(PathBuf, Origin)> {
    let var = |name: &str| var(name).filter(|v| !v.is_empty());
    if let Some(path) = flag {
        return Some((path.to_path_buf(), Origin::Flag));
    }
    if let Some(path) = var("ITINERARY_CONFIG") {
        return Some((PathBuf::from(path), Origin::Env));
    }
    let tail = Path::new("itinerary").join("config.toml");
    if let Some(dir) = var("XDG_CONFIG_HOME") {
        return Some((PathBuf::from(dir).join(tail), Origin::Xdg));
    }
    var("HOME").map(|home| (PathBuf::from(home).join(".config").join(tail), Origin::Home))
}

/// A config file as read: its path, its text, and its settings or problems.
#[derive(Debug)]
pub struct Read {
    /// The path read, and where it came from (`None`: no home to look in).
    pub path: Option<(PathBuf, Origin)>,
    /// Whether a file was there (a missing one is no error: the defaults).
    pub found: bool,
    /// The file's text, for rendering its diagnostics.
    pub text: String,
    /// The settings, or every problem found.
    pub result: Result<Config, Problem>,
}

/// Why a config cannot be used.
#[derive(Debug, Clone)]
pub enum Problem {
    /// It is there but cannot be read (a directory, no permission, too
    /// large, not UTF-8).
    Unreadable(String),
    /// It was read and has errors, in file order.
    Invalid(Vec<Diagnostic>),
}

/// Finds and reads the config (see [`locate`]) from the process's
/// environment.
pub fn read_from_env(flag: Option<&Path>) -> Read {
    read(locate(flag, |name| std::env::var_os(name)))
}

/// Reads and validates the config at `path`. A file that is not there is
/// the defaults, unless `--config` or `ITINERARY_CONFIG` named it: a path
/// given by hand that is not there is a mistake worth saying.
pub fn read(path: Option<(PathBuf, Origin)>) -> Read {
    let Some((file, origin)) = &path else {
        return Read {
            path,
            found: false,
            text: String::new(),
            result: Ok(Config::default()),
        };
    };
    let text = match read_text(file) {
        Ok(Some(text)) => text,
        Ok(None) if matches!(origin, Origin::Xdg | Origin::Home) => {
            return Read {
                path,
                found: false,
                text: String::new(),
                result: Ok(Config::default()),
            };
        }
        Ok(None) => {
            let msg = format!(
                "cannot read the config {}: no such file (named {}); create it \
                 (`itinerary config --default` prints one) or give another path",
                file.display(),
                origin.describe().trim_start_matches("from ")
            );
            return Read {
                path,
                found: false,
                text: String::new(),
                result: Err(Problem::Unreadable(msg)),
            };
        }
        Err(msg) => {
            return Read {
                path,
                found: true,
                text: String::new(),
                result: Err(Problem::Unreadable(msg)),
            };
        }
    };
    let base = file.parent().unwrap_or(Path::new("."));
    let result = parse::parse(&text, base).map_err(Problem::Invalid);
    Read {
        path,
        found: true,
        text,
        result,
    }
}

/// The file's text; `None` when it is not there.
fn read_text(path: &Path) -> Result<Option<String>, String> {
    let shown = path.display();
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read the config {shown}: {e}")),
    };
    if meta.is_dir() {
        return Err(format!(
            "the config {shown} is a directory; the config is a file (config.toml)"
        ));
    }
    if meta.len() > MAX_SIZE {
        return Err(format!(
            "the config {shown} is larger than 1 MiB; is it the right file?"
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read the config {shown}: {e}"))?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| format!("the config {shown} is not UTF-8 text; save it as UTF-8"))
}

impl Read {
    /// The name diagnostics show the file by.
    pub fn name(&self) -> String {
        self.path
            .as_ref()
            .map_or_else(|| "config.toml".into(), |(p, _)| p.display().to_string())
    }

    /// The settings, or the problem printed to `err` with the exit status
    /// a bad config has (2): for the commands that use the config.
    pub fn settings(self, err: &mut dyn Write) -> Result<Config, u8> {
        match self.result {
            Ok(config) => Ok(config),
            Err(ref problem) => {
                self.print_problem(problem, err);
                let _ = writeln!(
                    err,
                    "note: fix the config, or run with --config /dev/null to use the defaults"
                );
                Err(crate::exit::USAGE)
            }
        }
    }

    fn print_problem(&self, problem: &Problem, err: &mut dyn Write) {
        match problem {
            Problem::Unreadable(msg) => {
                let _ = writeln!(err, "error: {}", crate::load::diagnostic::sanitize(msg));
            }
            Problem::Invalid(diags) => {
                print_report(&self.name(), &self.text, diags, Shown::All, None, err);
            }
        }
    }

    /// `itinerary config`: the path read and where it came from, then its
    /// problems or the key changes its `[keys]` make. Always 0: this is how
    /// a broken config is looked at.
    pub fn report(&self, out: &mut dyn Write) -> u8 {
        match &self.path {
            None => {
                let _ = writeln!(
                    out,
                    "no config: neither $XDG_CONFIG_HOME nor $HOME is set (--config PATH names one)"
                );
                return crate::exit::OK;
            }
            Some((path, origin)) => {
                let state = if self.found {
                    ""
                } else {
                    " (not there: the defaults are used)"
                };
                let _ = writeln!(
                    out,
                    "config: {} ({}){state}",
                    path.display(),
                    origin.describe()
                );
            }
        }
        match &self.result {
            Err(problem) => {
                let _ = writeln!(out);
                self.print_problem(problem, out);
            }
            Ok(config) if self.found => {
                let _ = writeln!(out, "ok: the config is valid");
                for c in &config.key_changes {
                    let _ = writeln!(
                        out,
                        "key \"{}\" {}: `{}` now, no longer `{}`",
                        crate::keys::spec(c.key),
                        c.context.heading().to_lowercase(),
                        c.taken_by.name().unwrap_or("?"),
                        c.lost_by.name().unwrap_or("?"),
                    );
                }
            }
            Ok(_) => {}
        }
        crate::exit::OK
    }
}

#[cfg(test)]
mod tests;

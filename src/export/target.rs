//! Where an export goes and in which format: `--format` and `-o` taken
//! together. The format follows `-o`'s extension unless `--format` is
//! given, and the two must not disagree; `-o DIR` names the file itself.

use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::cli::Format;
use crate::load::suggest::list;

/// The extensions each format is known by; the first is the one written.
/// Its order is the order the browser's export dialog offers them in
/// ([`formats`]): a new format is one line here (and its words in
/// [`described`]).
const EXTENSIONS: &[(Format, &[&str])] = &[
    (Format::Md, &["md", "markdown"]),
    (Format::Text, &["txt", "text"]),
    (Format::Json, &["json"]),
    (Format::Ics, &["ics", "ical"]),
    (Format::Html, &["html", "htm"]),
];

/// Where the export is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// No `-o`, or `-o -`.
    Stdout,
    /// `-o PATH`, a file (or a device, or a pipe).
    File(PathBuf),
    /// `-o DIR`, an existing directory: the default name goes into it.
    Dir(PathBuf),
}

/// The extension a format's file gets: `md`, `txt`, `json`, `ics`.
pub fn extension(format: Format) -> &'static str {
    EXTENSIONS
        .iter()
        .find(|(f, _)| *f == format)
        .map_or("md", |(_, exts)| exts[0])
}

/// The format a file name's extension names, ignoring case.
fn format_of(ext: &str) -> Option<Format> {
    let ext = ext.to_ascii_lowercase();
    EXTENSIONS
        .iter()
        .find(|(_, exts)| exts.contains(&ext.as_str()))
        .map(|(f, _)| *f)
}

/// The format's name as `--format` takes it, as clap spells it.
fn flag_name(format: Format) -> String {
    format
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_string())
}

/// Every format, in the order the browser's export dialog offers them.
pub fn formats() -> impl Iterator<Item = Format> {
    EXTENSIONS.iter().map(|(f, _)| *f)
}

/// A format in a word, as the browser's export dialog offers it.
pub fn label(format: Format) -> &'static str {
    match format {
        Format::Md => "Markdown",
        Format::Text => "text",
        Format::Json => "JSON",
        Format::Ics => "iCalendar",
        Format::Html => "programme",
    }
}

/// What a format is, for a message and the export dialog.
pub fn described(format: Format) -> &'static str {
    match format {
        Format::Md => "Markdown",
        Format::Text => "plain text",
        Format::Json => "JSON",
        Format::Ics => "iCalendar",
        Format::Html => "the printed programme",
    }
}

/// The format and destination `--format` and `-o` ask for, or the usage
/// error they make: an extension that contradicts `--format`, or one no
/// format is known by when `--format` is not given. Without `--format`, a
/// name with no extension (`-o /dev/stdout`), standard output and a
/// directory get Markdown, the default.
pub fn resolve(
    format: Option<Format>,
    output: Option<&Path>,
) -> Result<(Format, Destination), String> {
    let path = match output {
        None => return Ok((format.unwrap_or(Format::Md), Destination::Stdout)),
        Some(p) if p == Path::new("-") => {
            return Ok((format.unwrap_or(Format::Md), Destination::Stdout));
        }
        Some(p) if p.is_dir() => {
            return Ok((
                format.unwrap_or(Format::Md),
                Destination::Dir(p.to_path_buf()),
            ));
        }
        // `-o exports/` means a directory, which is not there.
        Some(p)
            if p.as_os_str()
                .to_string_lossy()
                .ends_with(['/', std::path::MAIN_SEPARATOR]) =>
        {
            return Err(format!(
                "cannot write in {}: no such directory; create it, or give a file name",
                p.display()
            ));
        }
        Some(p) => p,
    };
    let ext = path.extension().map(|e| e.to_string_lossy());
    let by_name = ext.as_deref().map(|e| (e, format_of(e)));
    let shown = path.display();
    let chosen = match (format, by_name) {
        (Some(given), Some((_, Some(named)))) if given != named => {
            let renamed = path.with_extension(extension(given));
            return Err(format!(
                "--format {} contradicts -o {shown}, a name for {} ({}); drop --format, \
                 or write to {}",
                flag_name(given),
                described(named),
                flag_name(named),
                renamed.display(),
            ));
        }
        (Some(given), _) => given,
        (None, Some((_, Some(named)))) => named,
        (None, None) => Format::Md,
        (None, Some((unknown, None))) => {
            let known: Vec<String> = EXTENSIONS
                .iter()
                .map(|(_, exts)| format!(".{}", exts[0]))
                .collect();
            let known: Vec<&str> = known.iter().map(String::as_str).collect();
            let formats: Vec<String> = EXTENSIONS.iter().map(|(f, _)| flag_name(*f)).collect();
            let formats: Vec<&str> = formats.iter().map(String::as_str).collect();
            return Err(format!(
                "cannot tell the format of -o {shown} from its extension .{unknown}: the known \
                 ones are {}; use one of them, or give --format {}",
                list(&known, "and"),
                list(&formats, "or"),
            ));
        }
    };
    Ok((chosen, Destination::File(path.to_path_buf())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(format: Option<Format>, output: &str) -> (Format, Destination) {
        resolve(format, Some(Path::new(output))).unwrap()
    }

    fn file(p: &str) -> Destination {
        Destination::File(PathBuf::from(p))
    }

    #[test]
    fn the_extension_chooses_the_format() {
        assert_eq!(ok(None, "trip.ics"), (Format::Ics, file("trip.ics")));
        assert_eq!(ok(None, "a/day.JSON"), (Format::Json, file("a/day.JSON")));
        assert_eq!(ok(None, "day.txt"), (Format::Text, file("day.txt")));
        assert_eq!(ok(None, "day.markdown"), (Format::Md, file("day.markdown")));
        assert_eq!(ok(None, "/dev/stdout"), (Format::Md, file("/dev/stdout")));
        assert_eq!(resolve(None, None), Ok((Format::Md, Destination::Stdout)));
        assert_eq!(
            resolve(Some(Format::Json), Some(Path::new("-"))),
            Ok((Format::Json, Destination::Stdout))
        );
    }

    #[test]
    fn format_and_extension_must_agree() {
        assert_eq!(
            ok(Some(Format::Ics), "trip.ics"),
            (Format::Ics, file("trip.ics"))
        );
        assert_eq!(
            ok(Some(Format::Json), "trip.out"),
            (Format::Json, file("trip.out"))
        );
        assert_eq!(
            resolve(Some(Format::Json), Some(Path::new("trip.ics"))).unwrap_err(),
            "--format json contradicts -o trip.ics, a name for iCalendar (ics); drop --format, \
             or write to trip.json"
        );
    }

    #[test]
    fn an_unknown_extension_needs_a_format() {
        assert_eq!(
            resolve(None, Some(Path::new("trip.pdf"))).unwrap_err(),
            "cannot tell the format of -o trip.pdf from its extension .pdf: the known ones \
             are .md, .txt, .json, .ics and .html; use one of them, or give --format md, text, \
             json, ics or html"
        );
    }

    #[test]
    fn a_directory_takes_the_default_name() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            resolve(Some(Format::Ics), Some(dir.path())),
            Ok((Format::Ics, Destination::Dir(dir.path().to_path_buf())))
        );
        assert_eq!(extension(Format::Text), "txt");
        let missing = dir.path().join("missing/");
        assert_eq!(
            resolve(None, Some(&missing)).unwrap_err(),
            format!(
                "cannot write in {}: no such directory; create it, or give a file name",
                missing.display()
            )
        );
    }
}

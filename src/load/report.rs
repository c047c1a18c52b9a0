//! A file's report as `check` prints it: its diagnostics, the first
//! [`SHOWN`] of them unless all are asked for, and the line that ends the
//! report of a refused file by counting its errors and warnings:
//!
//! ```text
//! error: 3 errors, 1 warning in trip.toml
//! error: 40054 errors, 0 warnings in big.toml (39854 not shown; `itinerary check --all` shows them)
//! ```

use std::io::Write;

use super::diagnostic::{Diagnostic, SourceLines, sanitize};
use crate::format::count;

/// Problems printed per file before the rest are only counted.
pub const SHOWN: usize = 200;

/// How many of a file's diagnostics to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The first [`SHOWN`], the rest counted.
    First,
    /// Every one (`check --all`).
    All,
}

impl Shown {
    fn limit(self) -> usize {
        match self {
            Shown::First => SHOWN,
            Shown::All => usize::MAX,
        }
    }
}

/// Prints diagnostics as `check` does, each followed by a blank line, up
/// to what `shown` allows; returns how many were left out.
pub fn print_diagnostics(
    name: &str,
    text: &str,
    diags: &[Diagnostic],
    shown: Shown,
    err: &mut dyn Write,
) -> usize {
    // Indexing a large file's lines costs more than a one-day export.
    if diags.is_empty() {
        return 0;
    }
    let source = SourceLines::new(text);
    let printed = diags.len().min(shown.limit());
    for d in &diags[..printed] {
        let _ = writeln!(err, "{}", d.render_in(name, &source));
    }
    diags.len() - printed
}

/// The line that ends a file's report: `error: 3 errors, 1 warning in
/// trip.toml`, with why a loadable file is refused (`refused`) and how many
/// problems were not printed. `None` for a file that is not refused and
/// had every warning printed: its `ok` line counts them.
pub fn summary_line(
    name: &str,
    diags: &[Diagnostic],
    unshown: usize,
    refused: Option<&str>,
) -> Option<String> {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let label = if errors > 0 || refused.is_some() {
        "error"
    } else if unshown > 0 {
        "warning"
    } else {
        return None;
    };
    let mut notes: Vec<String> = refused.map(String::from).into_iter().collect();
    if unshown > 0 {
        notes.push(format!(
            "{unshown} not shown; `itinerary check --all` shows them"
        ));
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!(" ({})", notes.join("; "))
    };
    Some(format!(
        "{label}: {}, {} in {}{notes}",
        count(errors, "error", "errors"),
        count(diags.len() - errors, "warning", "warnings"),
        sanitize(name),
    ))
}

/// Prints a file's diagnostics and, when there is one, its [`summary_line`].
pub fn print_report(
    name: &str,
    text: &str,
    diags: &[Diagnostic],
    shown: Shown,
    refused: Option<&str>,
    err: &mut dyn Write,
) {
    let unshown = print_diagnostics(name, text, diags, shown, err);
    if let Some(line) = summary_line(name, diags, unshown, refused) {
        let _ = writeln!(err, "{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diags(errors: usize, warnings: usize) -> Vec<Diagnostic> {
        let mut v: Vec<Diagnostic> = (0..errors)
            .map(|i| Diagnostic::error(format!("e{i}"), None))
            .collect();
        v.extend((0..warnings).map(|i| Diagnostic::warning(format!("w{i}"), None)));
        v
    }

    fn report(d: &[Diagnostic], shown: Shown, refused: Option<&str>) -> String {
        let mut out = Vec::new();
        print_report("t.toml", "", d, shown, refused, &mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    #[test]
    fn a_refused_file_ends_with_its_counts() {
        let out = report(&diags(3, 1), Shown::First, None);
        assert!(
            out.ends_with("\nerror: 3 errors, 1 warning in t.toml\n"),
            "{out}"
        );
        let out = report(&diags(1, 0), Shown::First, None);
        assert!(
            out.ends_with("\nerror: 1 error, 0 warnings in t.toml\n"),
            "{out}"
        );
    }

    #[test]
    fn past_the_limit_problems_are_counted_not_printed() {
        let d = diags(250, 3);
        let out = report(&d, Shown::First, None);
        assert_eq!(out.matches("\n  --> t.toml\n").count(), SHOWN);
        assert!(out.contains("error: e199\n") && !out.contains("error: e200\n"));
        assert!(
            out.ends_with(
                "\nerror: 250 errors, 3 warnings in t.toml \
                 (53 not shown; `itinerary check --all` shows them)\n"
            ),
            "{out}"
        );
        let all = report(&d, Shown::All, None);
        assert_eq!(all.matches("\n  --> t.toml\n").count(), 253);
        assert!(all.ends_with("\nerror: 250 errors, 3 warnings in t.toml\n"));
    }

    #[test]
    fn warnings_alone_get_a_line_only_when_refused_or_cut() {
        assert!(!report(&diags(0, 2), Shown::First, None).contains(" in t.toml"));
        let out = report(
            &diags(0, 2),
            Shown::First,
            Some("refused by --deny-warnings"),
        );
        assert!(
            out.ends_with("\nerror: 0 errors, 2 warnings in t.toml (refused by --deny-warnings)\n"),
            "{out}"
        );
        let out = report(&diags(0, 201), Shown::First, None);
        assert!(
            out.ends_with(
                "\nwarning: 0 errors, 201 warnings in t.toml \
                 (1 not shown; `itinerary check --all` shows them)\n"
            ),
            "{out}"
        );
    }
}

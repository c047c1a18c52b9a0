//! Diagnostics: what is wrong, where, and how to fix it, rendered like rustc's.

use std::fmt::Write as _;
use std::ops::Range;

use unicode_width::UnicodeWidthChar;

/// How bad a problem is: errors refuse the file, warnings let it load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// One problem found in an itinerary file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A sentence without location: "meeting ends before it starts (11:30 > 10:45)".
    pub message: String,
    /// Byte range in the source the problem is about; `None` for the file as a whole.
    pub span: Option<Range<usize>>,
    /// How to fix it, when there is something specific to say.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span,
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            message: message.into(),
            span,
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// 1-based line and column (in characters) of the start of the span.
    pub fn line_col(&self, text: &str) -> Option<(usize, usize)> {
        let start = self.span.as_ref()?.start.min(text.len());
        let before = text.get(..start)?;
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = text.get(line_start..start)?.chars().count() + 1;
        Some((line, col))
    }

    /// Renders the diagnostic against its source, as `check` prints it:
    ///
    /// ```text
    /// error: meeting ends before it starts (11:30 > 10:45)
    ///   --> trip.toml:42:7
    ///    |
    /// 42 | end = 10:45
    ///    |       ^^^^^
    /// ```
    pub fn render(&self, name: &str, text: &str) -> String {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut out = format!("{label}: {}\n", sanitize(&self.message));
        match (self.span.as_ref(), self.line_col(text)) {
            (Some(span), Some((line, col))) => {
                let gutter = line.to_string().len();
                let pad = " ".repeat(gutter);
                let _ = writeln!(out, "{pad}--> {name}:{line}:{col}");
                let _ = writeln!(out, "{pad} |");
                let line_start = text[..span.start.min(text.len())]
                    .rfind('\n')
                    .map_or(0, |i| i + 1);
                let line_end = text[line_start..]
                    .find('\n')
                    .map_or(text.len(), |i| line_start + i);
                let source_line = text[line_start..line_end].trim_end_matches('\r');
                let _ = writeln!(out, "{line} | {}", sanitize(source_line));
                let start = span.start.clamp(line_start, line_start + source_line.len());
                let end = span.end.clamp(start, line_start + source_line.len());
                let indent = display_width(&text[line_start..start]);
                let width = display_width(&text[start..end]).max(1);
                let _ = writeln!(out, "{pad} | {}{}", " ".repeat(indent), "^".repeat(width));
            }
            _ => {
                let _ = writeln!(out, "  --> {name}");
            }
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = help: {}", sanitize(help));
        }
        out
    }
}

/// Width in terminal columns; tabs count as one, control characters as a
/// visible replacement.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if c.is_control() {
                1
            } else {
                c.width().unwrap_or(0)
            }
        })
        .sum()
}

/// Replaces control characters so nothing from a file can drive the terminal.
pub fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

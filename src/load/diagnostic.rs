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

/// Columns a tab in a quoted source line takes.
const TAB_WIDTH: usize = 4;

impl Diagnostic {
    /// An error at `span` (byte offsets into the file), or about the whole file.
    pub fn error(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span,
            help: None,
        }
    }

    /// A warning at `span`, or about the whole file.
    pub fn warning(message: impl Into<String>, span: Option<Range<usize>>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            message: message.into(),
            span,
            help: None,
        }
    }

    /// Adds the "= help:" line: how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// True for an error (the file is refused).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// 1-based line and column of the start of the span. The column counts
    /// characters (not bytes, not display columns), as most editors show it.
    /// `None` when there is no span or it does not fit `text`.
    pub fn line_col(&self, text: &str) -> Option<(usize, usize)> {
        self.line_col_in(&SourceLines::new(text))
    }

    fn line_col_in(&self, source: &SourceLines<'_>) -> Option<(usize, usize)> {
        let start = self.span.as_ref()?.start;
        let before = source.text.get(..start)?;
        let line = source.line_of(start);
        let col = before[source.starts[line]..].chars().count() + 1;
        Some((line + 1, col))
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
    ///
    /// The caret is placed by display width, so it stays under the right
    /// characters on lines with CJK text. Nothing from the file reaches the
    /// output unsanitised. A span that does not fit `text` (say, text is
    /// empty because the caller has none) is shown as the file alone.
    pub fn render(&self, name: &str, text: &str) -> String {
        self.render_in(name, &SourceLines::new(text))
    }

    /// [`render`](Self::render) against a text indexed once for all its
    /// diagnostics, so a file with many problems renders in linear time.
    pub fn render_in(&self, name: &str, source: &SourceLines<'_>) -> String {
        let text = source.text;
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let name = sanitize(name);
        let mut out = format!("{label}: {}\n", sanitize(&self.message));
        let mut pad = " ".to_string();
        match (self.span.as_ref(), self.line_col_in(source)) {
            (Some(span), Some((line, col))) => {
                pad = " ".repeat(line.to_string().len());
                let _ = writeln!(out, "{pad}--> {name}:{line}:{col}");
                let _ = writeln!(out, "{pad} |");
                let line_start = source.starts[line - 1];
                let line_end = source.starts.get(line).map_or(text.len(), |next| next - 1);
                // A CRLF file leaves '\r' at the end of each line.
                let source_line = text[line_start..line_end].trim_end_matches('\r');
                #[cfg(feature = "work")]
                crate::work::text(source_line.len());
                let line_end = line_start + source_line.len();
                let start = span.start.min(line_end);
                let end = floor_char_boundary(text, span.end.clamp(start, line_end));
                // A very long line (a minified file) is cut to a window around the span.
                let (shown_start, shown_end) = window(text, line_start, line_end, start);
                let ellipsis = if shown_start > line_start { "…" } else { "" };
                let more = if shown_end < line_end { "…" } else { "" };
                let _ = writeln!(
                    out,
                    "{line} | {ellipsis}{}{more}",
                    quote_source(&text[shown_start..shown_end]).trim_end()
                );
                let end = end.min(shown_end);
                let indent = display_width(ellipsis) + display_width(&text[shown_start..start]);
                let width = display_width(&text[start..end]).max(1);
                let _ = writeln!(out, "{pad} | {}{}", " ".repeat(indent), "^".repeat(width));
            }
            _ => {
                let _ = writeln!(out, "  --> {name}");
            }
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "{pad} = help: {}", sanitize(help));
        }
        out
    }
}

/// A text with the offsets where its lines start, to find the line of many
/// positions without scanning the text for each.
pub struct SourceLines<'a> {
    text: &'a str,
    /// Byte offset of each line's first byte; the first is 0.
    starts: Vec<usize>,
}

impl<'a> SourceLines<'a> {
    /// Indexes the lines of `text`.
    pub fn new(text: &'a str) -> Self {
        #[cfg(feature = "work")]
        crate::work::text(text.len());
        let starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        SourceLines { text, starts }
    }

    /// The 0-based line a byte offset is on.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }
}

/// Bytes of a source line shown around `at`: the whole line when it is
/// short, otherwise some context before `at` and a screenful after.
fn window(text: &str, line_start: usize, line_end: usize, at: usize) -> (usize, usize) {
    const BEFORE: usize = 40;
    const AFTER: usize = 80;
    let begin = if at - line_start > BEFORE * 4 {
        text[line_start..at]
            .char_indices()
            .rev()
            .nth(BEFORE - 1)
            .map_or(line_start, |(i, _)| line_start + i)
    } else {
        line_start
    };
    let end = text[at..line_end]
        .char_indices()
        .nth(AFTER)
        .map_or(line_end, |(i, _)| at + i);
    (begin, end)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Width of a source fragment in terminal columns, as [`quote_source`] draws it.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| match c {
            '\t' => TAB_WIDTH,
            c if is_unsafe(c) => 1,
            c => c.width().unwrap_or(0),
        })
        .sum()
}

/// A source line made safe to print: tabs expanded, control characters shown
/// as U+FFFD (one column each, as [`display_width`] counts them).
fn quote_source(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for c in line.chars() {
        match c {
            '\t' => out.extend(std::iter::repeat_n(' ', TAB_WIDTH)),
            c if is_unsafe(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Characters that must never reach a terminal from a file: C0/C1 controls
/// (escape sequences) and the bidirectional overrides that reorder text.
/// The loader refuses them in strings, so they reach no screen or export.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Replaces control characters so nothing from a file can drive the terminal.
pub fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| if is_unsafe(c) { '\u{FFFD}' } else { c })
        .collect()
}

/// A value from the file, quoted for a message: control characters escaped
/// (`\u{7}`), long values shortened.
pub fn quote(s: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::from("\"");
    for (i, c) in s.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str, span: Range<usize>) -> String {
        Diagnostic::error("bad", Some(span)).render("t.toml", text)
    }

    #[test]
    fn caret_is_placed_by_display_width_on_cjk_lines() {
        let text = "a = 1\nnative = \"袁家军\" # x\n";
        let start = text.find('#').unwrap_or(0);
        assert_eq!(
            render(text, start..start + 1),
            "error: bad\n --> t.toml:2:16\n  |\n2 | native = \"袁家军\" # x\n  |                   ^\n"
        );
    }

    #[test]
    fn crlf_lines_carry_no_carriage_return() {
        let text = "a = 1\r\nb = 22\r\n";
        let out = render(text, 11..13);
        assert!(!out.contains('\r'), "{out:?}");
        assert!(out.contains("2 | b = 22\n  |     ^^\n"), "{out}");
    }

    #[test]
    fn control_characters_never_reach_the_output() {
        let text = "a = \"\u{1b}[31mred\u{7}\"\n";
        let d = Diagnostic::error(format!("bad {}", quote("\u{1b}x")), Some(4..5))
            .with_help("\u{1b}[2J");
        let out = d.render("t\u{1b}.toml", text);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
        assert!(out.starts_with("error: bad \"\\u{1b}x\"\n"), "{out}");
    }

    #[test]
    fn span_outside_the_text_renders_the_file_alone() {
        let d = Diagnostic::error("file is not UTF-8", Some(40..41));
        assert_eq!(
            d.render("t.toml", ""),
            "error: file is not UTF-8\n  --> t.toml\n"
        );
    }

    #[test]
    fn tabs_are_expanded_and_counted_alike() {
        let out = render("\tx = 1\n", 1..2);
        assert!(out.ends_with("1 |     x = 1\n  |     ^\n"), "{out}");
    }

    #[test]
    fn a_long_line_is_cut_around_the_span() {
        let text = format!("a = [{}\"x\", 1]\n", "1, ".repeat(200));
        let at = text.find('"').unwrap_or(0);
        let out = render(&text, at..at + 3);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[3].starts_with("1 | … 1, 1, "), "{out}");
        assert!(lines[3].ends_with("\"x\", 1]"), "{out}");
        let caret = lines[4].find('^').unwrap_or(0);
        assert_eq!(lines[3].chars().nth(caret), Some('"'), "{out}");
        assert!(out.contains(":1:606\n"), "{out}");
    }

    #[test]
    fn column_counts_characters() {
        let d = Diagnostic::error("x", Some("é = 静".len()..5 + 3));
        assert_eq!(d.line_col("é = 静x"), Some((1, 6)));
    }
}

//! Reading an iCalendar file into components whose every property knows its
//! line. The `icalendar` crate parses each content line (name, parameters,
//! quoting, TEXT unescaping); unfolding and the BEGIN/END nesting are done
//! here, because the crate's whole-file reader neither keeps line numbers
//! nor survives one malformed line (see docs/import.md).

use std::borrow::Cow;
use std::fmt;

/// One property of a component, as written on its (unfolded) content line.
#[derive(Debug, Clone, PartialEq)]
pub struct Prop {
    /// The line of the file where the property starts (1-based).
    pub line: usize,
    /// The name, upper-cased (names are case-insensitive).
    pub name: String,
    /// Parameters in order, keys upper-cased, quotes removed.
    pub params: Vec<(String, String)>,
    /// The value; TEXT values unescaped (`\n`, `\,`, `\;`, `\\`).
    pub value: String,
}

impl Prop {
    /// The first parameter named `key` (upper case).
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A component (`VCALENDAR`, `VEVENT`, `VALARM`…) with its properties and
/// the components inside it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Component {
    /// Upper-cased name.
    pub name: String,
    /// The line of its `BEGIN:`.
    pub line: usize,
    pub props: Vec<Prop>,
    pub children: Vec<Component>,
}

impl Component {
    /// The first property named `name`.
    pub fn prop(&self, name: &str) -> Option<&Prop> {
        self.props.iter().find(|p| p.name == name)
    }

    /// Every property named `name`.
    pub fn props_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Prop> + 'a {
        self.props.iter().filter(move |p| p.name == name)
    }
}

/// A file read as iCalendar: its top-level components and what was wrong
/// with lines that could still be skipped.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Top-level components: `VCALENDAR`s, or the `VEVENT`s of a file that
    /// has no calendar around them.
    pub roots: Vec<Component>,
    /// Lines skipped or repaired, each with its line and what happened.
    pub problems: Vec<(usize, String)>,
}

/// Why a file is not read as iCalendar at all.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Nothing but blank lines.
    Empty,
    /// A byte sequence that is not UTF-8, at this line and column.
    NotUtf8 { line: usize, column: usize },
    /// The first content line is not `BEGIN:VCALENDAR` (nor `BEGIN:VEVENT`).
    NotICalendar { line: usize, text: String },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Empty => f.write_str("the file is empty"),
            Refusal::NotUtf8 { .. } => f.write_str("the file is not UTF-8 text"),
            Refusal::NotICalendar { .. } => f.write_str("not an iCalendar file"),
        }
    }
}

/// How deep components may nest: VCALENDAR > VEVENT > VALARM is three.
const MAX_DEPTH: usize = 8;

/// A content line after unfolding: its first line's number and its bytes
/// (borrowed from the file unless folded lines were joined).
struct Logical<'a> {
    number: usize,
    bytes: Cow<'a, [u8]>,
}

/// Unfolds the file: a line that starts with a space or a tab continues
/// the one before it (RFC 5545 §3.1). Works on bytes, so a fold that cut a
/// UTF-8 character in two is joined again before decoding. CRLF or LF.
fn unfold(bytes: &[u8]) -> Vec<Logical<'_>> {
    let mut out: Vec<Logical> = Vec::new();
    for (i, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        match (raw.first(), out.last_mut()) {
            (Some(b' ' | b'\t'), Some(last)) => last.bytes.to_mut().extend_from_slice(&raw[1..]),
            _ => out.push(Logical {
                number: i + 1,
                bytes: Cow::Borrowed(raw),
            }),
        }
    }
    out.retain(|l| !l.bytes.iter().all(u8::is_ascii_whitespace));
    out
}

/// Where the first byte that is not UTF-8 is: line and column (in characters).
fn utf8_error_at(bytes: &[u8]) -> (usize, usize) {
    let at = match std::str::from_utf8(bytes) {
        Ok(_) => return (1, 1),
        Err(e) => e.valid_up_to(),
    };
    let before = &bytes[..at];
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// The property name at the start of a content line: `[A-Za-z0-9-]+`
/// followed by `;` or `:`.
fn name_of(line: &str) -> Option<&str> {
    let end = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(line.len());
    let next = line[end..].chars().next();
    (end > 0 && matches!(next, Some(';' | ':'))).then(|| &line[..end])
}

/// One content line as a property, through the `icalendar` crate's parser.
/// `None` when it is not `NAME[;PARAM=VALUE…]:VALUE`.
fn property(text: &str, line: usize) -> Option<Prop> {
    let name = name_of(text)?.to_ascii_uppercase();
    // The crate unescapes TEXT values only under upper-case names.
    // With its line ending, as the crate's parser expects a content line:
    // without it, each line costs the parser a failed search for one
    // (an error value allocated and dropped per property).
    let mut whole = String::with_capacity(text.len() + 2);
    whole.push_str(&name);
    tidy_params(&text[name.len()..], &mut whole);
    whole.push_str("\r\n");
    let text = whole;
    if !text.contains(':') {
        return None;
    }
    let parsed = icalendar::parser::Property::try_from(text.as_str()).ok()?;
    if parsed.name.as_str() != name {
        return None;
    }
    let mut params: Vec<(String, String)> = parsed
        .params
        .iter()
        .map(|p| {
            let value = p.val.as_ref().map_or("", |v| v.as_str());
            (p.key.as_str().to_ascii_uppercase(), value.to_string())
        })
        .collect();
    // Exchange writes `DTSTART;TZID="W. Europe Standard Time:20200910T090000"`,
    // the value inside the quotes; the crate drops such a parameter, so it
    // is kept here for the event to read (and report).
    if params.is_empty()
        && parsed.val.as_str().is_empty()
        && let Some((key, quoted)) = text[name.len()..text.len() - 2]
            .strip_prefix(';')
            .and_then(|r| r.split_once('='))
        && let Some(inner) = quoted
            .trim_end_matches(':')
            .strip_prefix('"')
            .and_then(|q| q.strip_suffix('"'))
    {
        params.push((key.trim().to_ascii_uppercase(), inner.to_string()));
    }
    Some(Prop {
        line,
        name,
        params,
        value: parsed.val.as_str().to_string(),
    })
}

/// The parameters of a line (up to the `:` outside quotes) without the
/// blanks that some writers leave after `;`, `=` or `,` (a fold indented by
/// two spaces keeps one), which would cut a quoted value in two.
fn tidy_params(rest: &str, out: &mut String) {
    let mut quoted = false;
    let mut after_separator = false;
    for (i, c) in rest.char_indices() {
        if !quoted && c == ':' {
            out.push_str(&rest[i..]);
            return;
        }
        if !quoted && after_separator && (c == ' ' || c == '\t') {
            continue;
        }
        if c == '"' {
            quoted = !quoted;
        }
        after_separator = !quoted && matches!(c, ';' | '=' | ',');
        out.push(c);
    }
}

/// `BEGIN:NAME` / `END:NAME` (any case), as the upper-cased name.
fn marker<'a>(text: &'a str, word: &str) -> Option<String> {
    let head = text.get(..word.len())?;
    let rest: &'a str = text.get(word.len()..)?;
    (head.eq_ignore_ascii_case(word)).then(|| rest.trim().to_ascii_uppercase())
}

/// Reads a whole file. Refuses one that is empty, not UTF-8, or does not
/// begin as a calendar (or a bare event) does; anything else is read, its
/// malformed lines listed in [`Parsed::problems`].
pub fn read(bytes: &[u8]) -> Result<Parsed, Refusal> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let logical = unfold(bytes);
    let mut lines = Vec::with_capacity(logical.len());
    for l in &logical {
        match std::str::from_utf8(&l.bytes) {
            Ok(text) => lines.push((l.number, text)),
            Err(_) => {
                let (line, column) = utf8_error_at(bytes);
                return Err(Refusal::NotUtf8 { line, column });
            }
        }
    }
    let Some((first_line, first)) = lines.first() else {
        return Err(Refusal::Empty);
    };
    if !matches!(
        marker(first, "BEGIN:").as_deref(),
        Some("VCALENDAR" | "VEVENT")
    ) {
        return Err(Refusal::NotICalendar {
            line: *first_line,
            text: first.to_string(),
        });
    }
    let mut parsed = Parsed::default();
    let mut open: Vec<Component> = Vec::new();
    // Components nested deeper than any calendar nests them are skipped
    // whole (a deep tree would only cost stack to build and drop).
    let mut too_deep = 0usize;
    for (number, text) in lines {
        if let Some(name) = marker(text, "BEGIN:") {
            if too_deep > 0 || open.len() >= MAX_DEPTH {
                if too_deep == 0 {
                    parsed.problems.push((
                        number,
                        format!("BEGIN:{name} is nested more than {MAX_DEPTH} deep; skipped with all it holds"),
                    ));
                }
                too_deep += 1;
                continue;
            }
            open.push(Component {
                name,
                line: number,
                ..Component::default()
            });
        } else if too_deep > 0 {
            if marker(text, "END:").is_some() {
                too_deep -= 1;
            }
        } else if let Some(name) = marker(text, "END:") {
            if !open.iter().any(|c| c.name == name) {
                parsed.problems.push((
                    number,
                    format!("END:{name} closes nothing that is open; skipped"),
                ));
                continue;
            }
            while let Some(c) = open.pop() {
                let done = c.name == name;
                if !done {
                    parsed.problems.push((
                        c.line,
                        format!(
                            "BEGIN:{} is not closed before END:{name} (line {number})",
                            c.name
                        ),
                    ));
                }
                close(c, &mut open, &mut parsed.roots);
                if done {
                    break;
                }
            }
        } else {
            match (property(text, number), open.last_mut()) {
                (Some(p), Some(c)) => c.props.push(p),
                (Some(p), None) => parsed.problems.push((
                    number,
                    format!("{} is outside any component; skipped", p.name),
                )),
                (None, _) => parsed.problems.push((
                    number,
                    format!(
                        "not a content line (NAME:value); skipped: {}",
                        shorten(text)
                    ),
                )),
            }
        }
    }
    while let Some(c) = open.pop() {
        parsed.problems.push((
            c.line,
            format!(
                "BEGIN:{} is never closed (the file may be cut short)",
                c.name
            ),
        ));
        close(c, &mut open, &mut parsed.roots);
    }
    Ok(parsed)
}

/// Puts a finished component into its parent, or among the roots.
fn close(c: Component, open: &mut [Component], roots: &mut Vec<Component>) {
    match open.last_mut() {
        Some(parent) => parent.children.push(c),
        None => roots.push(c),
    }
}

/// At most 60 characters of a line, for a message.
pub fn shorten(text: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(60)
        .collect();
    if text.chars().count() > 60 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(text: &str) -> Vec<(usize, String, String)> {
        let parsed = read(text.as_bytes()).unwrap();
        parsed.roots[0].children[0]
            .props
            .iter()
            .map(|p| (p.line, p.name.clone(), p.value.clone()))
            .collect()
    }

    #[test]
    fn folded_lines_keep_their_first_line_number_and_every_character() {
        let text = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:hello \r\n world\r\n\
                    DESCRIPTION:a\\, b\\nc\r\nLOCATION:袁\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        assert_eq!(
            props(text),
            [
                (3, "SUMMARY".into(), "hello world".into()),
                (5, "DESCRIPTION".into(), "a, b\nc".into()),
                (6, "LOCATION".into(), "袁".into()),
            ]
        );
    }

    #[test]
    fn a_fold_inside_a_utf8_character_is_joined_before_decoding() {
        let mut bytes = b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:".to_vec();
        let kanji = "袁".as_bytes();
        bytes.extend_from_slice(&kanji[..1]);
        bytes.extend_from_slice(b"\n ");
        bytes.extend_from_slice(&kanji[1..]);
        bytes.extend_from_slice(b"\nEND:VEVENT\nEND:VCALENDAR\n");
        let parsed = read(&bytes).unwrap();
        assert_eq!(parsed.roots[0].children[0].props[0].value, "袁");
    }

    #[test]
    fn names_are_case_insensitive_and_quoted_parameters_keep_colons() {
        let text = "begin:vcalendar\nbegin:vevent\nsummary:a\\,b\n\
                    attendee;cn=\"Doe: Jane\";partstat=ACCEPTED:mailto:j@d\nend:vevent\nend:vcalendar\n";
        let parsed = read(text.as_bytes()).unwrap();
        let event = &parsed.roots[0].children[0];
        assert_eq!(event.name, "VEVENT");
        assert_eq!(event.prop("SUMMARY").unwrap().value, "a,b");
        let a = event.prop("ATTENDEE").unwrap();
        assert_eq!(a.param("CN"), Some("Doe: Jane"));
        assert_eq!(a.param("PARTSTAT"), Some("ACCEPTED"));
        assert_eq!(a.value, "mailto:j@d");
    }

    #[test]
    fn blanks_after_a_parameter_separator_do_not_split_a_quoted_value() {
        // khal's event_dt_partstat.ics folds with two spaces inside a parameter.
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nATTENDEE;DELEGATED-FROM=\n  \"mailto:a@b\";CN=Henry Cabot:mailto:h@\n  x.com\nEND:VEVENT\nEND:VCALENDAR\n";
        let parsed = read(text.as_bytes()).unwrap();
        let a = &parsed.roots[0].children[0].props[0];
        assert_eq!(a.param("DELEGATED-FROM"), Some("mailto:a@b"));
        assert_eq!(a.param("CN"), Some("Henry Cabot"));
        assert_eq!(a.value, "mailto:h@ x.com");
    }

    #[test]
    fn malformed_lines_are_listed_and_the_rest_is_read() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY malformed\nA B:v\n:v\nSUMMARY:ok\n\
                    END:VTODO\nEND:VEVENT\nEND:VCALENDAR\n";
        let parsed = read(text.as_bytes()).unwrap();
        assert_eq!(parsed.roots[0].children[0].props.len(), 1);
        let lines: Vec<usize> = parsed.problems.iter().map(|p| p.0).collect();
        assert_eq!(lines, [3, 4, 5, 7]);
        assert_eq!(
            parsed.problems[0].1,
            "not a content line (NAME:value); skipped: SUMMARY malformed"
        );
        assert_eq!(
            parsed.problems[3].1,
            "END:VTODO closes nothing that is open; skipped"
        );
    }

    #[test]
    fn a_cut_file_keeps_what_it_has_and_says_so() {
        let parsed = read(b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\n").unwrap();
        assert_eq!(parsed.roots[0].children[0].props[0].value, "x");
        assert_eq!(
            parsed.problems,
            [
                (
                    2,
                    "BEGIN:VEVENT is never closed (the file may be cut short)".to_string()
                ),
                (
                    1,
                    "BEGIN:VCALENDAR is never closed (the file may be cut short)".to_string()
                ),
            ]
        );
    }

    #[test]
    fn deep_nesting_is_skipped_not_recursed_into() {
        let mut text = String::from("BEGIN:VCALENDAR\n");
        text.push_str(&"BEGIN:X\n".repeat(100_000));
        text.push_str(&"END:X\n".repeat(100_000));
        text.push_str("BEGIN:VEVENT\nSUMMARY:after\nEND:VEVENT\nEND:VCALENDAR\n");
        let parsed = read(text.as_bytes()).unwrap();
        let cal = &parsed.roots[0];
        assert_eq!(cal.children.last().unwrap().props[0].value, "after");
        assert_eq!(
            parsed.problems,
            [(
                9,
                "BEGIN:X is nested more than 8 deep; skipped with all it holds".to_string()
            )]
        );
    }

    #[test]
    fn refusals_say_where() {
        assert_eq!(read(b"").unwrap_err(), Refusal::Empty);
        assert_eq!(read(b"\r\n  \r\n").unwrap_err(), Refusal::Empty);
        assert_eq!(
            read(b"\n[trip]\ntitle = 1\n").unwrap_err(),
            Refusal::NotICalendar {
                line: 2,
                text: "[trip]".into()
            }
        );
        assert_eq!(
            read(b"BEGIN:VCALENDAR\nSUMMARY:caf\xe9\n").unwrap_err(),
            Refusal::NotUtf8 {
                line: 2,
                column: 12
            }
        );
        assert!(read(b"\xEF\xBB\xBFBEGIN:VCALENDAR\nEND:VCALENDAR\n").is_ok());
    }
}

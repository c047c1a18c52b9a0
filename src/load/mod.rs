//! Loading an itinerary: read the file, parse the TOML, validate it, and
//! build a [`Trip`]; or say precisely what is wrong, every problem at once.
//!
//! The text becomes one representation, a spanned tree (`tree`): built from
//! the parser's events for the usual files, or copied from toml's own
//! document for anything else. One validator (`validate`) checks the tree
//! against every rule of the file and builds the model, each entity with
//! its origin in the text. TOML syntax errors are reported first and
//! alone, as toml words them: the content is checked once the file parses,
//! since a half-parsed document would only add errors that are not really
//! there. Large files are read in pieces on two threads, each piece a tree
//! of its own checked by the same validator.

pub mod cache;
mod convert;
pub mod diagnostic;
mod encoding;
pub mod report;
pub(crate) mod suggest;
mod tree;
mod validate;

use std::io::Write;
use std::ops::Range;
use std::path::Path;

use toml::de::DeTable;

use convert::{BadTime, TimeValue, read_time};

pub use diagnostic::{Diagnostic, Severity, SourceLines};
pub use report::{Shown, print_diagnostics, print_report};
pub use validate::MAX_TRIP_DAYS;

use crate::model::{Stop, Trip};
use tree::{Builder, Table, Tokens};
use validate::{DayIn, People, Walker};

/// Name under which the bundled trip is shown in messages.
pub const BUNDLED_NAME: &str = "itineraries/zhejiang-japan-2018.toml";

/// The bundled Zhejiang–Japan 2018 trip, compiled into the binary.
pub const BUNDLED: &str = include_str!("../../itineraries/zhejiang-japan-2018.toml");

/// Files larger than this are refused before they are parsed.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// A trip that loaded, with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub trip: Trip,
    /// Warnings in file order.
    pub warnings: Vec<Diagnostic>,
}

/// Why a file could not be loaded.
#[derive(Debug, Clone)]
pub enum LoadError {
    /// The file cannot be read at all (missing, a directory, no permission): exit 2.
    Unreadable(String),
    /// The file was read but is not a valid itinerary: exit 1. Errors and
    /// warnings in file order.
    Invalid(Vec<Diagnostic>),
}

impl LoadError {
    /// The exit status PRODUCT.md §2 gives this failure.
    pub fn exit_status(&self) -> u8 {
        match self {
            LoadError::Unreadable(_) => crate::exit::USAGE,
            LoadError::Invalid(_) => crate::exit::INVALID,
        }
    }

    /// Prints the failure as `check` does, rendering diagnostics against
    /// `text`, the first [`report::SHOWN`] of them, then the line that
    /// counts them; returns [`LoadError::exit_status`].
    pub fn print(&self, name: &str, text: &str, err: &mut dyn Write) -> u8 {
        self.print_shown(name, text, Shown::First, err)
    }

    /// [`print`](Self::print), printing as many diagnostics as `shown` says.
    pub fn print_shown(&self, name: &str, text: &str, shown: Shown, err: &mut dyn Write) -> u8 {
        match self {
            LoadError::Unreadable(msg) => {
                let _ = writeln!(err, "error: {}", diagnostic::sanitize(msg));
            }
            LoadError::Invalid(diags) => print_report(name, text, diags, shown, None, err),
        }
        self.exit_status()
    }
}

/// An itinerary as the command line names it: a file, or the bundled trip
/// when none is given, with the name and text its messages are shown with.
#[derive(Debug)]
pub struct Opened {
    pub name: String,
    /// The text diagnostics are rendered against (see [`load_path`]).
    pub text: String,
    pub result: Result<Loaded, LoadError>,
}

/// Opens and loads `file`, or the bundled trip when there is none.
pub fn open(file: Option<&Path>) -> Opened {
    match file {
        None => Opened {
            name: BUNDLED_NAME.to_string(),
            text: BUNDLED.to_string(),
            result: load_str(BUNDLED).map_err(LoadError::Invalid),
        },
        Some(path) => {
            let (text, result) = load_path(path);
            Opened {
                name: match crate::files::is_stdin(path) {
                    true => crate::files::STDIN_NAME.to_string(),
                    false => path.display().to_string(),
                },
                text,
                result,
            }
        }
    }
}

/// Reads a file as UTF-8 text, refusing what cannot be an itinerary: a
/// directory, a file over [`MAX_FILE_SIZE`] (before reading it), a file
/// that is not UTF-8 (naming its encoding when it can be told).
///
/// The spans of a not-UTF-8 diagnostic point into the file's bytes; render
/// it against the text [`load_path`] returns to show where.
pub fn read_file(path: &Path) -> Result<String, LoadError> {
    let bytes = read_bytes(path)?;
    decode(bytes).map_err(|(_, d)| LoadError::Invalid(vec![d]))
}

/// Reads and loads a file. An `Invalid` error's spans point into the
/// file's text, which is not returned with it: to print diagnostics, use
/// [`load_path`], which returns the text to render them against.
pub fn load_file(path: &Path) -> Result<(String, Loaded), LoadError> {
    let text = read_file(path)?;
    let loaded = load_str(&text).map_err(LoadError::Invalid)?;
    Ok((text, loaded))
}

/// Reads and loads a file, returning with the result the text to render its
/// diagnostics against: the file's text; when it is not UTF-8, its decoding
/// in the encoding it seems to be in (or a lossy one), so the bad line can be
/// shown; nothing when it was not read.
pub fn load_path(path: &Path) -> (String, Result<Loaded, LoadError>) {
    match read_bytes(path) {
        Err(e) => (String::new(), Err(e)),
        Ok(bytes) => load_bytes(bytes),
    }
}

/// Loads a file's bytes, as [`load_path`] does once it has read them.
pub fn load_bytes(bytes: Vec<u8>) -> (String, Result<Loaded, LoadError>) {
    match decode(bytes) {
        Err((shown, d)) => (shown, Err(LoadError::Invalid(vec![d]))),
        Ok(text) => {
            let result = load_str(&text).map_err(LoadError::Invalid);
            (text, result)
        }
    }
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    // Only a regular file (or `-`, standard input), never waited on.
    crate::files::read_input(path, MAX_FILE_SIZE).map_err(|e| match e {
        crate::files::ReadError::Refused(why) => LoadError::Unreadable(why),
        crate::files::ReadError::TooLarge(len) => too_large(len),
        crate::files::ReadError::Directory => LoadError::Unreadable(format!(
            "{} is a directory; give the path of an itinerary .toml file",
            path.display()
        )),
    })
}

fn too_large(len: u64) -> LoadError {
    LoadError::Invalid(vec![
        Diagnostic::error(
            format!(
                "file is larger than the 64 MiB limit ({} MiB or more)",
                len / (1024 * 1024)
            ),
            None,
        )
        .with_help("an itinerary is a few kilobytes; check that this is the right file"),
    ])
}

/// The text of a UTF-8 file. Otherwise the error, with the text to show it
/// against: decoded in the encoding the file seems to be in, so the line
/// reads as the person wrote it, or else decoded lossily.
fn decode(bytes: Vec<u8>) -> Result<String, (String, Diagnostic)> {
    // ASCII in UTF-16 without a BOM is valid UTF-8, NULs and all.
    if encoding::looks_utf16(&bytes) {
        return Err(not_utf8(bytes, 0));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        not_utf8(e.into_bytes(), at)
    })
}

/// The error for a file that is not UTF-8; `at` is the first bad byte.
fn not_utf8(bytes: Vec<u8>, at: usize) -> (String, Diagnostic) {
    let help = "save the file as UTF-8 (in most editors: \"Save with encoding\", then UTF-8)";
    let Some(enc) = encoding::guess(&bytes) else {
        let message = format!(
            "file is not UTF-8: byte 0x{:02X} is not valid UTF-8",
            bytes.get(at).copied().unwrap_or(0)
        );
        let d = Diagnostic::error(message, Some(at..at + 1)).with_help(help);
        return (String::from_utf8_lossy(&bytes).into_owned(), d);
    };
    let name = enc.name().trim_end_matches("LE").trim_end_matches("BE");
    let message = format!("file is not UTF-8: it looks like {name}");
    let (decoded, _) = enc.decode_with_bom_removal(&bytes);
    // Offsets carry over only where the text before the bad byte is ASCII,
    // which the encoding decodes the same; otherwise point at the start.
    let at = if bytes[..at].is_ascii() && !name.starts_with("UTF-16") {
        at
    } else {
        0
    };
    let d = Diagnostic::error(message, Some(at..at + 1)).with_help(help);
    (decoded.into_owned(), d)
}

/// Texts at least this long are parsed in two halves on two threads.
const SPLIT_MIN_LEN: usize = 1024 * 1024;

/// The length of the pieces a split text is parsed in, one after another
/// on each thread: small enough that a piece's parse stays in cache and the
/// memory of one piece is reused by the next.
const PIECE_LEN: usize = 1024 * 1024;

/// Parses and validates itinerary text. On failure, every error and warning
/// found, in file order.
pub fn load_str(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    load_str_split_from(text, SPLIT_MIN_LEN, PIECE_LEN)
}

/// [`load_str`], splitting texts of `split_min_len` bytes or more into
/// pieces of about `piece_len`.
fn load_str_split_from(
    text: &str,
    split_min_len: usize,
    piece_len: usize,
) -> Result<Loaded, Vec<Diagnostic>> {
    // Only TOML's whitespace makes a file empty; a form feed is a syntax error.
    let blank = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{FEFF}');
    if text.chars().all(blank) {
        return Err(vec![Diagnostic::error("file is empty", None).with_help(
            "an itinerary needs at least a [trip] table with title, start and end",
        )]);
    }
    if text.len() >= split_min_len
        && let Some(result) = load_split(text, piece_len)
    {
        return result;
    }
    load_whole(text)
}

/// The whole text read into one tree and checked. A text the events do not
/// make a tree of is parsed by toml, whose errors are the syntax errors.
fn load_whole(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let mut builder = Builder::new();
    let events = builder.read(text, 0..text.len(), &mut Tokens::default());
    let root = match events.then(|| builder.finish()).flatten() {
        Some(root) => root,
        None => {
            let (doc, errors) = DeTable::parse_recoverable(text);
            if !errors.is_empty() {
                let mut diags: Vec<Diagnostic> =
                    errors.iter().map(|e| syntax_error(text, e)).collect();
                in_file_order(&mut diags);
                return Err(diags);
            }
            tree::from_document(text, 0, doc.into_inner())
        }
    };
    let (trip, diags) = validate::whole(text, root);
    loaded(trip, diags)
}

/// The tree of `text[range]`, spans in `text`: from its events, else from
/// toml's document; `None` when it does not parse.
fn tree_of<'i>(text: &'i str, range: Range<usize>, tokens: &mut Tokens) -> Option<Table<'i>> {
    let mut builder = Builder::new();
    if builder.read(text, range.clone(), tokens)
        && let Some(root) = builder.finish()
    {
        return Some(root);
    }
    let src = text.get(range.clone())?;
    let doc = DeTable::parse(src).ok()?;
    Some(tree::from_document(src, range.start, doc.into_inner()))
}

/// The result of a check: the trip when there is one and no errors.
fn loaded(trip: Option<Trip>, mut diags: Vec<Diagnostic>) -> Result<Loaded, Vec<Diagnostic>> {
    in_file_order(&mut diags);
    match trip {
        Some(trip) if !diags.iter().any(Diagnostic::is_error) => Ok(Loaded {
            trip,
            warnings: diags,
        }),
        _ => Err(diags),
    }
}

/// Loads a large text as [`load_str`] does, faster: cut at top-level
/// `[[day]]` lines into pieces of about `piece_len`, it is read in two runs
/// of pieces on two threads. `None` when that cannot be sure to give what
/// the whole parse gives: fewer than two days to cut at, a piece that does
/// not parse, or a table other than days among them. The whole file is
/// then read as one.
///
/// A `[[day]]` line inside a multi-line string is no header, but cutting
/// there is safe: the piece holding the string's opening quotes then ends
/// before its closing ones, so it does not parse, and the whole file is
/// read as one.
fn load_split(text: &str, piece_len: usize) -> Option<Result<Loaded, Vec<Diagnostic>>> {
    let first = day_header_from(text, 0)?;
    // Pieces of about `piece_len`, cut at the first `[[day]]` after each step.
    let mut cuts = vec![first];
    while let Some(&last) = cuts.last()
        && let Some(next) = day_header_from(text, last.saturating_add(piece_len.max(1)))
    {
        cuts.push(next);
    }
    let epilogue = epilogue_from(text);
    cuts.push(epilogue.unwrap_or(text.len()));
    let pieces: Vec<Range<usize>> = cuts.windows(2).map(|w| w[0]..w[1]).collect();
    // This thread parses the prelude too: halve the whole text.
    let half = pieces.iter().position(|p| p.end > text.len() / 2)?;
    let half = half.max(1);
    if half >= pieces.len() {
        return None;
    }
    let (a, b) = pieces.split_at(half);
    let epilogue = epilogue.map(|at| at..text.len());
    let (trip, diags) = check_split(text, 0..first, epilogue, [a, b])?;
    Some(loaded(trip, diags))
}

/// Checks the trip in pieces of `text`: the prelude before the first
/// `[[day]]`, the epilogue after the days when people or the trip come
/// last, and two runs of pieces of days, each piece starting at a top-level
/// `[[day]]`. The second run is read on another thread while this one does
/// the prelude and the first. Each part is a tree of its own, checked by
/// the one validator, so a piece's tree is freed before the next is read.
/// `None` when a piece does not parse or holds what the pieces cannot be
/// sure to read as the whole file would (days in the prelude, other tables
/// among the days): then only the whole file's parse says what is wrong.
fn check_split(
    text: &str,
    prelude: Range<usize>,
    epilogue: Option<Range<usize>>,
    runs: [&[Range<usize>]; 2],
) -> Option<(Option<Trip>, Vec<Diagnostic>)> {
    let [first, second] = runs;
    let (mut w, root, a, b) = std::thread::scope(|s| {
        let (send, receive) = std::sync::mpsc::channel::<(People, bool)>();
        let b = s.spawn(move || check_run(text, second, || receive.recv().ok()));
        let a = (|| {
            let (w, root) = prelude_of(text, prelude, epilogue)?;
            // Unscheduled stops may follow the days (as generated trips
            // have them), unless there are some before them too.
            let late_unscheduled = !root.has("unscheduled");
            // The other thread may have given up: it then reports nothing.
            let _ = send.send((w.people.clone(), late_unscheduled));
            let a = check_run(text, first, || Some((w.people.clone(), false)))?;
            Some((w, root, a))
        })();
        drop(send);
        let b = b.join().ok().flatten();
        a.map(|(w, root, a)| (w, root, a, b))
    })?;
    let mut days = Vec::new();
    let mut unscheduled = None;
    for (pieces, used) in [a, b?] {
        for (piece_days, late, diags) in pieces {
            days.extend(piece_days);
            unscheduled = unscheduled.or(late);
            w.diags.extend(diags);
        }
        for (was, now) in w.people.used.iter_mut().zip(used) {
            *was |= now;
        }
    }
    Some(w.finish(root, days, unscheduled))
}

/// The people of the parts of the text that are not days (the prelude, and
/// the epilogue when there is one), and the rest of their tree; `None`
/// when they do not parse or hold days.
fn prelude_of(
    text: &str,
    prelude: Range<usize>,
    epilogue: Option<Range<usize>>,
) -> Option<(Walker<'_>, Table<'_>)> {
    let mut tokens = Tokens::default();
    let mut builder = Builder::new();
    let mut events = builder.read(text, prelude.clone(), &mut tokens);
    if let Some(epilogue) = epilogue.clone() {
        events = events && builder.read(text, epilogue, &mut tokens);
    }
    let mut root = match events.then(|| builder.finish()).flatten() {
        Some(root) => root,
        // toml's document takes a prelude alone; with an epilogue, the whole file.
        None if epilogue.is_some() => return None,
        None => tree_of(text, prelude, &mut tokens)?,
    };
    if root.has("day") {
        return None;
    }
    let mut w = Walker::new(text, 0, People::default());
    if let Some(e) = root.take("people") {
        w.people_table(e);
    }
    Some((w, root))
}

/// What a piece held: days, unscheduled stops, diagnostics.
type Piece = (Vec<DayIn>, Option<Vec<Stop>>, Vec<Diagnostic>);

/// Checks `pieces` in order, with unscheduled stops allowed in the last
/// when `people` says so. Returns what each piece held and which people
/// they referred to; `None` when a piece does not parse or holds another
/// table. The first piece's tree is read before `people` is asked for the
/// people (and whether unscheduled stops may come last), so that another
/// thread's run need not wait for the prelude to start.
fn check_run(
    text: &str,
    pieces: &[Range<usize>],
    people: impl FnOnce() -> Option<(People, bool)>,
) -> Option<(Vec<Piece>, Vec<bool>)> {
    let mut found = Vec::with_capacity(pieces.len());
    let mut tokens = Tokens::default();
    let Some(first) = pieces.first() else {
        return Some((found, Vec::new()));
    };
    let mut first = Some(tree_of(text, first.clone(), &mut tokens)?);
    let (mut people, unscheduled) = people()?;
    for (i, piece) in pieces.iter().enumerate() {
        let last = unscheduled && i + 1 == pieces.len();
        let mut root = match first.take() {
            Some(root) => root,
            None => tree_of(text, piece.clone(), &mut tokens)?,
        };
        let days = root.take("day")?;
        let late = if last { root.take("unscheduled") } else { None };
        if !root.entries.is_empty() {
            return None;
        }
        let mut w = Walker::new(text.get(..piece.end)?, piece.start, people);
        let days = w.days(days);
        let late = late.map(|e| w.unscheduled(e));
        found.push((days, late, std::mem::take(&mut w.diags)));
        people = w.people;
    }
    Some((found, people.used))
}

/// Where a large text's days lie, for the day cache ([`cache`]): the
/// prelude's end (the first top-level `[[day]]`), the epilogue's start, and
/// for each date with a `[[day]]` table the piece it is read from, from its
/// header to the next top-level `[[day]]` (or the epilogue, or the end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayLayout {
    pub prelude_end: usize,
    pub epilogue: Option<usize>,
    /// By date, as the trip's days are: the date, its piece, and the index
    /// of its table among the `[[day]]` tables (its origin's).
    pub days: Vec<(chrono::NaiveDate, Range<usize>, usize)>,
}

/// The [`DayLayout`] of `text`, which loaded as `trip`; `None` when a day's
/// table does not start at a top-level `[[day]]` line, which the pieces are
/// cut at.
pub fn day_layout(text: &str, trip: &Trip) -> Option<DayLayout> {
    let prelude_end = day_header_from(text, 0)?;
    let epilogue = epilogue_from(text);
    let mut days = Vec::new();
    for day in &trip.days {
        let Some(origin) = &day.origin else { continue };
        let start = origin.span.start;
        if start < prelude_end || !is_day_header(text, start) {
            return None;
        }
        let limit = epilogue.filter(|&e| e > start).unwrap_or(text.len());
        let end = day_header_from(text, start + 1)
            .filter(|&next| next < limit)
            .unwrap_or(limit);
        days.push((day.date, start..end, origin.index));
    }
    Some(DayLayout {
        prelude_end,
        epilogue,
        days,
    })
}

const DAY_HEADER: &str = "[[day]]";

/// Where the epilogue starts: the first `[people.…]` or `[trip]` header
/// line after the last `[[day]]` line, in a file that keeps its people (or
/// its trip) after its days. Read with the prelude, before the days.
fn epilogue_from(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let last_day = memchr::memmem::rfind(bytes, format!("\n{DAY_HEADER}").as_bytes())?;
    let after = bytes.get(last_day + 1..)?;
    ["\n[people.", "\n[trip]"]
        .iter()
        .filter_map(|header| memchr::memmem::find(after, header.as_bytes()))
        .min()
        .map(|at| last_day + 1 + at + 1)
}

/// The offset of the first line at or after `from` that is a `[[day]]`
/// header (see [`is_day_header`]).
fn day_header_from(text: &str, mut from: usize) -> Option<usize> {
    while from < text.len() && !text.is_char_boundary(from) {
        from += 1;
    }
    text.get(from..)?
        .match_indices(DAY_HEADER)
        .map(|(at, _)| from + at)
        .find(|&at| is_day_header(text, at))
}

/// Whether the `[[day]]` at `at` is a header at column 0, alone on its
/// line but for blanks and a comment.
fn is_day_header(text: &str, at: usize) -> bool {
    if !text.get(at..).is_some_and(|t| t.starts_with(DAY_HEADER)) {
        return false;
    }
    let line_start = at == 0 || text.as_bytes().get(at - 1) == Some(&b'\n');
    let rest = text
        .get(at + DAY_HEADER.len()..)
        .and_then(|r| r.split('\n').next())
        .unwrap_or("")
        .trim_start_matches([' ', '\t']);
    line_start && (rest.is_empty() || rest == "\r" || rest.starts_with('#'))
}

/// A TOML syntax error, as toml words it, naming the key when it is a duplicate.
fn syntax_error(text: &str, e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim();
    let key = e.span().and_then(|s| text.get(s)).filter(|k| !k.is_empty());
    match key {
        Some(key) if message == "duplicate key" => Diagnostic::error(
            format!("duplicate key {}", diagnostic::quote(key)),
            e.span(),
        )
        .with_help("a key may be given only once in a table; remove or rename one of them"),
        _ => {
            let d = Diagnostic::error(message, e.span());
            let help = if message.starts_with("invalid time") || message == "invalid datetime" {
                Some(bare_time_help(text, e.span()))
            } else {
                syntax_help(message).map(String::from)
            };
            match help {
                Some(help) => d.with_help(help),
                None => d,
            }
        }
    }
}

/// The help for a bare time toml refuses (`arrive = 9:30`): the rule a
/// quoted time is held to as well, and the right form when it is plain.
fn bare_time_help(text: &str, span: Option<Range<usize>>) -> String {
    let Some(span) = span else {
        return convert::time_help(None, None);
    };
    let meant = match text
        .get(span.clone())
        .map(|raw| read_time(TimeValue::Text(raw)))
    {
        Some(Err(BadTime::Form { meant })) => meant,
        _ => None,
    };
    // The key the value is given to, when it is a plain `key = ` before it.
    let before = text.get(..span.start).unwrap_or("");
    let line = before.rsplit('\n').next().unwrap_or("").trim_end();
    let key = line
        .strip_suffix('=')
        .map(str::trim_end)
        .and_then(|k| k.rsplit([' ', '\t', '{', ',']).next())
        .filter(|k| {
            !k.is_empty()
                && k.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        });
    convert::time_help(key, meant)
}

/// Advice for the syntax slips people make most in an itinerary.
fn syntax_help(message: &str) -> Option<&'static str> {
    if message.contains("must be quoted") || message.starts_with("invalid boolean") {
        Some("put text in double quotes: place = \"Tokyo\", people = [\"yuan\"]")
    } else if message.starts_with("invalid unquoted key") {
        Some("a key without quotes may use only A-Z, a-z, 0-9, - and _; quote any other")
    } else if message.starts_with("invalid date") {
        Some("write a date as 2018-08-27 (year-month-day, two-digit month and day)")
    } else {
        None
    }
}

/// Whole-file problems first, then by position; stable, so problems at one
/// place keep the order they were found in.
fn in_file_order(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
}

#[cfg(test)]
mod tests;

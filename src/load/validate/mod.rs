//! The one validator: every rule of the file (docs/diagnostics.md), checked
//! in one pass over the file's tree (`super::tree`) while the trip is built,
//! every problem collected on the way.
//!
//! The tree is read by hand rather than through serde, because serde stops
//! at the first unknown key or wrong type, and we want them all. It is
//! consumed as it goes, so strings are moved into the model, not copied.
//!
//! By what each part reads: `trip` the `[trip]` table, `people` the people
//! and every reference to one, `days` the days, stops and meetings, `times`
//! the checks of times against each other, `keys` the keys each table may
//! have, `values` single values of every type. Each rule is written once,
//! in the part that reads what it is about.

use std::cell::OnceCell;
use std::ops::Range;

use chrono::NaiveTime;
use toml::Spanned;

use super::diagnostic::{Diagnostic, SourceLines};
use super::tree::{Kind, Table};
use crate::model::Trip;

mod days;
mod keys;
mod people;
mod reminders;
mod times;
mod trip;
mod values;

use days::DayIn;
use people::People;
use trip::Header;
use values::type_name;

type Span = Range<usize>;

/// The longest trip accepted, so a typo in a year cannot make millions of days.
pub const MAX_TRIP_DAYS: i64 = 3660;

/// Checks a whole file's tree and builds the trip. The trip is `None` when
/// the file lacks what a trip cannot do without; the diagnostics are
/// unordered.
pub fn whole(text: &str, mut root: Table<'_>) -> (Option<Trip>, Vec<Diagnostic>) {
    let mut w = Walker {
        text,
        lines: OnceCell::new(),
        diags: Vec::new(),
        people: People::default(),
        times: Vec::new(),
    };
    // People first: every other table refers to them.
    if let Some(e) = root.take("people") {
        w.people_table(e);
    }
    let days = root.take("day").map(|e| w.days(e)).unwrap_or_default();
    w.finish(root, days)
}

/// The checker of a file's tree, and what it found so far.
struct Walker<'t> {
    /// The file's text, only to name lines in help texts.
    text: &'t str,
    /// The text's lines, indexed the first time a help text needs one.
    lines: OnceCell<SourceLines<'t>>,
    diags: Vec<Diagnostic>,
    people: People,
    /// The times read since the last day was finished (see [`DayIn::times`]).
    times: Vec<Spanned<NaiveTime>>,
}

impl<'t> Walker<'t> {
    /// Checks what is left of the root once people and days are read, then
    /// the whole, and builds the trip.
    fn finish(mut self, mut root: Table<'_>, days: Vec<DayIn>) -> (Option<Trip>, Vec<Diagnostic>) {
        let trip = root.take("trip");
        let unscheduled = match root.take("unscheduled") {
            Some(e) => self.unscheduled(e),
            None => Vec::new(),
        };
        let mut guessed = Vec::new();
        for e in root.entries {
            guessed.extend(self.unknown_root_key(&e.key, e.key_span));
        }
        let header = match trip {
            Some(e) => self.trip(e),
            None if guessed.contains(&"trip") => Header::default(),
            None => {
                self.diags.push(
                    Diagnostic::error("missing [trip] table", None)
                        .with_help("add a [trip] table with title, start and end"),
                );
                Header::default()
            }
        };
        let range = header
            .start
            .zip(header.end)
            .filter(|(s, e)| (1..=MAX_TRIP_DAYS).contains(&((*e - *s).num_days() + 1)));
        let days = self.place_days(range, header.timezone, days);
        self.unreferenced_people();
        let trip = match (header, range) {
            (
                Header {
                    title: Some(title),
                    id,
                    timezone: Some(timezone),
                    home_timezone,
                    lead,
                    purpose,
                    sources,
                    contacts,
                    reminders,
                    ..
                },
                Some((start, end)),
            ) => Some(Trip {
                title,
                id,
                start,
                end,
                timezone,
                home_timezone,
                lead,
                purpose,
                sources,
                contacts,
                reminders,
                people: self.people.list,
                days,
                unscheduled,
            }),
            _ => None,
        };
        (trip, self.diags)
    }

    /// The 1-based line a byte offset is on.
    fn line_of(&self, offset: usize) -> usize {
        let lines = self.lines.get_or_init(|| SourceLines::new(self.text));
        lines.line_of(offset) + 1
    }

    fn error(&mut self, span: Span, message: String, help: Option<String>) {
        let d = Diagnostic::error(message, Some(span));
        self.diags.push(match help {
            Some(h) => d.with_help(h),
            None => d,
        });
    }

    fn warning(&mut self, span: Span, message: String, help: Option<String>) {
        let d = Diagnostic::warning(message, Some(span));
        self.diags.push(match help {
            Some(h) => d.with_help(h),
            None => d,
        });
    }

    fn wrong_type(&mut self, key: &str, expected: &str, found: &Kind<'_>, span: Span) {
        self.wrong_type_help(key, expected, found, span, None);
    }

    fn wrong_type_help(
        &mut self,
        key: &str,
        expected: &str,
        found: &Kind<'_>,
        span: Span,
        help: Option<String>,
    ) {
        self.error(
            span,
            format!("`{key}` must be {expected}, not {}", type_name(found)),
            help,
        );
    }

    /// A required field is absent; unless a misspelling of it was already reported.
    fn missing(&mut self, span: Span, field: &str, table: &str, guessed: &[&str]) {
        if guessed.contains(&field) {
            return;
        }
        self.error(
            span,
            format!("missing required field `{field}` in {table}"),
            Some(format!("add `{field} = …` to this table")),
        );
    }
}

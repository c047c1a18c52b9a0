//! The fields of a stop and a meeting as the event form shows them: one
//! table of descriptors ([`STOP`], [`MEETING`]), each field read from the
//! event's own table in the text and written back by its key, one pure
//! function per field ([`set_field`]). A field the format gains joins the
//! form with one line in a table here.
//!
//! The form shows and takes text: a time as `09:30`, a list (topics, people)
//! one item a line. What the loader allows is checked by the loader, so a
//! field typed in the form is held to the file's own rules and messages.

use toml_edit::Value;

use super::table::{Entity, Splice};

/// What a field holds, and so how it is typed and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Text,
    /// Text over several lines (Enter starts a new line).
    MultiLine,
    /// One of a closed set of words (a stop's kind, a status): the words
    /// shown beside it; the loader checks it.
    Keyword(&'static [&'static str]),
    /// A time of day, typed `09:30`.
    Time,
    /// A list of text, one item a line.
    List,
    /// A list of person ids, picked from the trip's people.
    People,
}

/// One field of the form: the key it is written under, its label and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: Kind,
    /// The table is invalid without it: empty is refused beside the field.
    pub required: bool,
    /// What the loader takes when the table does not have it (a stop's
    /// kind is a visit, a status confirmed): shown in an empty field.
    pub default: Option<&'static str>,
}

const fn field(key: &'static str, label: &'static str, kind: Kind, required: bool) -> Field {
    Field {
        key,
        label,
        kind,
        required,
        default: None,
    }
}

impl Field {
    /// The same field, with what an empty one means.
    const fn or(self, default: &'static str) -> Field {
        Field {
            default: Some(default),
            ..self
        }
    }
}

const STATUS: &[&str] = &["confirmed", "tentative", "cancelled"];
const STOP_KINDS: &[&str] = &[
    "arrival",
    "departure",
    "travel",
    "visit",
    "meeting",
    "forum",
    "ceremony",
    "meal",
    "hotel",
    "other",
];

/// A stop's fields, in the order the form shows them.
#[rustfmt::skip]
pub static STOP: &[Field] = &[
    field("place", "Place", Kind::Text, true),
    field("kind", "Kind", Kind::Keyword(STOP_KINDS), false).or("visit"),
    field("prefecture", "Prefecture", Kind::Text, false),
    field("city", "City", Kind::Text, false),
    field("address", "Address", Kind::Text, false),
    field("arrive", "Arrive", Kind::Time, false),
    field("depart", "Depart", Kind::Time, false),
    field("status", "Status", Kind::Keyword(STATUS), false).or("confirmed"),
    field("people", "People", Kind::People, false),
    // The person responsible on site: an id, checked by the loader (a
    // person the trip does not have is refused with the closest suggested).
    field("contact", "Contact", Kind::Text, false),
    field("notes", "Notes", Kind::MultiLine, false),
];

/// A meeting's fields, in the order the form shows them.
#[rustfmt::skip]
pub static MEETING: &[Field] = &[
    field("title", "Title", Kind::Text, true),
    field("start", "Start", Kind::Time, false),
    field("end", "End", Kind::Time, false),
    field("status", "Status", Kind::Keyword(STATUS), false).or("confirmed"),
    field("attendees", "Attendees", Kind::People, false),
    field("topics", "Topics", Kind::List, false),
    field("outcome", "Outcome", Kind::MultiLine, false),
    field("notes", "Notes", Kind::MultiLine, false),
];

/// A day's fields.
#[rustfmt::skip]
pub static DAY: &[Field] = &[
    field("title", "Title", Kind::Text, false),
    field("notes", "Notes", Kind::MultiLine, false),
];

/// A field's value as the form shows it: text as it is, a time `09:30`, a
/// list one item a line; empty when the table does not have it.
pub fn shown(entity: &Entity<'_>, key: &str) -> String {
    entity.value(key).map(show).unwrap_or_default()
}

fn show(value: &Value) -> String {
    match value {
        Value::String(s) => s.value().clone(),
        Value::Datetime(d) => d.value().to_string(),
        Value::Array(a) => a.iter().map(show).collect::<Vec<_>>().join("\n"),
        other => {
            let mut v = other.clone();
            v.decor_mut().clear();
            v.to_string()
        }
    }
}

/// The value to write for `typed` in `field`; `None` to remove the line.
/// An error is the reason, said beside the field.
pub fn value(field: &Field, typed: &str, was: Option<&Value>) -> Result<Option<Value>, String> {
    let trimmed = typed.trim();
    if trimmed.is_empty() {
        if field.required {
            return Err(format!(
                "{} is required; type one, or Esc",
                field.label.to_lowercase()
            ));
        }
        return Ok(None);
    }
    Ok(Some(match field.kind {
        Kind::Text | Kind::Keyword(_) => Value::from(trimmed),
        // Trailing blank lines are dropped; the lines themselves stay.
        Kind::MultiLine => Value::from(typed.trim_end()),
        Kind::Time => {
            let Some(t) = super::parse_time(trimmed)? else {
                return Ok(None);
            };
            // A time written as text stays text; else a TOML local time.
            match was {
                Some(Value::String(_)) => Value::from(crate::format::hhmm(t)),
                _ => Value::from(super::toml_time(t)),
            }
        }
        Kind::List | Kind::People => {
            let items = trimmed
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(Value::from);
            Value::Array(toml_edit::Array::from_iter(items))
        }
    }))
}

/// One field's change: the key, its value when the form opened (as shown),
/// and what it is now. The splice is made only when `now` differs from
/// `was`, so the diff shows just that field's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub key: String,
    pub was: String,
    pub now: String,
}

/// Why a change was refused: the field at fault (when one is) and the
/// sentence; a conflict carries the value saved outside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub key: Option<String>,
    pub message: String,
    /// The field was changed outside to this value since the form opened.
    pub theirs: Option<String>,
}

impl Refusal {
    pub(super) fn general(message: impl Into<String>) -> Refusal {
        Refusal {
            key: None,
            message: message.into(),
            theirs: None,
        }
    }
}

/// The splice that makes `change` in `entity`, one of `fields`: `None`
/// when nothing changes. Refused when the field was changed outside since
/// the form opened (the file holds neither what the form read nor what it
/// writes), or when the value cannot be written.
pub fn set_field(
    entity: &Entity<'_>,
    fields: &[Field],
    change: &Change,
) -> Result<Option<Splice>, Refusal> {
    let at_fault = |message: String, theirs: Option<String>| Refusal {
        key: Some(change.key.clone()),
        message,
        theirs,
    };
    let Some(field) = fields.iter().find(|f| f.key == change.key) else {
        return Err(at_fault(
            format!("{} is not a field here", change.key),
            None,
        ));
    };
    if change.now == change.was {
        return Ok(None);
    }
    let current = shown(entity, field.key);
    if current != change.was && current != change.now {
        return Err(at_fault(
            format!(
                "changed outside while the form was open: the file has {}; \
                 Ctrl-S again writes yours, Ctrl-O takes theirs",
                one_line(&current)
            ),
            Some(current),
        ));
    }
    if current == change.now {
        return Ok(None);
    }
    let was = entity.value(field.key);
    match value(field, &change.now, was).map_err(|why| at_fault(why, None))? {
        Some(v) => Ok(Some(entity.set(field.key, &v))),
        None => Ok(entity.remove(field.key)),
    }
}

/// A value on one line for a sentence: quoted, line breaks shown as ⏎.
pub fn one_line(value: &str) -> String {
    if value.is_empty() {
        return "nothing".into();
    }
    format!("“{}”", value.replace('\n', " ⏎ "))
}

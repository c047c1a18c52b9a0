//! Reading single values: strings, keywords, dates, times, arrays and
//! tables, each checked for its type and reported with its span.

use std::borrow::Cow;

use chrono::{NaiveDate, NaiveTime};
use toml::Spanned;

use super::{Span, Walker};
use crate::load::convert::{
    BadTime, TimeValue, date_from_str, datetime_kind, local_date, read_time, show_time, time_help,
};
use crate::load::diagnostic::{is_unsafe, quote};
use crate::load::suggest::{closest, list};
use crate::load::tree::{Kind, Table, Value};
use crate::model::{Side, Status, StopKind};

/// Whether a string field may hold newlines and tabs (`notes`, `outcome`).
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Lines {
    One,
    Many,
}

/// A closed set of keywords a field takes (`kind`, `status`, `side`).
pub(super) trait Keyword: Copy + 'static {
    const FIELD: &'static str;
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
    fn parse(text: &str) -> Option<Self>;
}

macro_rules! keyword {
    ($ty:ty, $field:literal) => {
        impl Keyword for $ty {
            const FIELD: &'static str = $field;
            const ALL: &'static [Self] = <$ty>::ALL;
            fn as_str(self) -> &'static str {
                <$ty>::as_str(self)
            }
            fn parse(text: &str) -> Option<Self> {
                <$ty>::parse(text)
            }
        }
    };
}
keyword!(Side, "side");
keyword!(StopKind, "kind");
keyword!(Status, "status");

/// "a string", "an array"…: what a value is, for "must be X, not Y".
pub(super) fn type_name(v: &Kind<'_>) -> &'static str {
    match v {
        Kind::String(_) => "a string",
        Kind::Integer => "an integer",
        Kind::Float => "a float",
        Kind::Boolean => "a boolean",
        Kind::Datetime(d) => datetime_kind(d),
        Kind::Array(_) | Kind::Tables(_) => "an array",
        Kind::Table(_) => "a table",
    }
}

/// A control character, named for a message.
fn describe_control(c: char) -> String {
    match c {
        '\n' => "a line break".into(),
        '\t' => "a tab".into(),
        '\r' => "a carriage return (U+000D)".into(),
        c if c.is_control() => format!("the control character U+{:04X}", c as u32),
        c => format!(
            "the bidirectional control character U+{:04X}, which reorders text on screen",
            c as u32
        ),
    }
}

impl Walker<'_> {
    /// A table value (`[trip]`, `[people.x]`, an inline table).
    pub(super) fn table<'i>(&mut self, key: &str, v: Value<'i>, what: &str) -> Option<Table<'i>> {
        match v.kind {
            Kind::Table(t) => Some(*t),
            other => {
                self.wrong_type(key, what, &other, v.span);
                None
            }
        }
    }

    /// An array of tables (`[[day]]`, or an array of inline tables).
    pub(super) fn tables<'i>(&mut self, key: &str, v: Value<'i>, header: &str) -> Vec<Table<'i>> {
        let help = || {
            Some(match header {
                "[[day]]" => "start each day with its own [[day]] header and date, then \
                              its [[day.stop]] tables"
                    .to_string(),
                _ => format!("write each one under its own {header} header"),
            })
        };
        match v.kind {
            Kind::Tables(tables) => tables,
            Kind::Array(items) => items
                .into_iter()
                .filter_map(|item| match item.kind {
                    Kind::Table(t) => Some(*t),
                    other => {
                        self.wrong_type_help(key, "an array of tables", &other, item.span, help());
                        None
                    }
                })
                .collect(),
            other => {
                self.wrong_type_help(key, "an array of tables", &other, v.span, help());
                Vec::new()
            }
        }
    }

    /// A string, refused if it holds a control character (line breaks and
    /// tabs are let through where `lines` allows them).
    pub(super) fn text(&mut self, key: &str, v: Value<'_>, lines: Lines) -> Option<String> {
        let span = v.span;
        match v.kind {
            Kind::String(s) => self.checked_text(key, s, span, lines),
            other => {
                let help = Some(format!("write it in quotes: {key} = \"…\""));
                self.wrong_type_help(key, "a string", &other, span, help);
                None
            }
        }
    }

    fn checked_text(
        &mut self,
        key: &str,
        s: Cow<'_, str>,
        span: Span,
        lines: Lines,
    ) -> Option<String> {
        // A multi-line string in a CRLF file keeps its CRLFs; a line break is a line break.
        let s = if lines == Lines::Many && s.contains('\r') {
            Cow::Owned(s.replace("\r\n", "\n"))
        } else {
            s
        };
        let allowed = |c: char| lines == Lines::Many && (c == '\n' || c == '\t');
        if let Some(c) = s.chars().find(|c| is_unsafe(*c) && !allowed(*c)) {
            let help = if lines == Lines::One && (c == '\n' || c == '\t') {
                "line breaks and tabs are allowed only in `notes` and `outcome`; write this on one line"
            } else {
                "remove it; it may be an invisible character pasted from elsewhere"
            };
            self.error(
                span,
                format!("`{key}` contains {}", describe_control(c)),
                Some(help.into()),
            );
            return None;
        }
        Some(s.into_owned())
    }

    /// A required string: refused when empty, too.
    pub(super) fn required_text(&mut self, key: &str, v: Value<'_>) -> Option<String> {
        let span = v.span.clone();
        let s = self.text(key, v, Lines::One)?;
        if s.trim().is_empty() {
            self.error(span, format!("`{key}` is empty"), None);
            return None;
        }
        Some(s)
    }

    pub(super) fn strings(&mut self, key: &str, v: Value<'_>) -> Vec<String> {
        self.array(key, v, "an array of strings")
            .into_iter()
            .filter_map(|item| {
                let item = self.item_string(key, item, "strings")?;
                self.text(key, item, Lines::One)
            })
            .collect()
    }

    /// An array item that must be a string: passed on, or reported.
    pub(super) fn item_string<'i>(
        &mut self,
        key: &str,
        item: Value<'i>,
        what: &str,
    ) -> Option<Value<'i>> {
        if matches!(item.kind, Kind::String(_)) {
            return Some(item);
        }
        self.error(
            item.span,
            format!(
                "`{key}` must hold only {what}, not {}",
                type_name(&item.kind)
            ),
            Some("write each one in quotes".into()),
        );
        None
    }

    pub(super) fn array<'i>(&mut self, key: &str, v: Value<'i>, what: &str) -> Vec<Value<'i>> {
        let span = v.span;
        match v.kind {
            Kind::Array(items) => items,
            other => {
                let help = Some(format!("write it in brackets: {key} = [\"…\"]"));
                self.wrong_type_help(key, what, &other, span, help);
                Vec::new()
            }
        }
    }

    pub(super) fn keyword<K: Keyword>(&mut self, v: Value<'_>) -> Option<K> {
        let span = v.span.clone();
        let text = self.text(K::FIELD, v, Lines::One)?;
        if let Some(k) = K::parse(&text) {
            return Some(k);
        }
        let names: Vec<&str> = K::ALL.iter().map(|k| k.as_str()).collect();
        let valid = format!("{} is one of {}", K::FIELD, list(&names, "or"));
        let help = match closest(&text, names.iter().copied()) {
            Some(k) => format!("did you mean \"{k}\"? {valid}"),
            None => valid,
        };
        self.error(
            span,
            format!("unknown {} {}", K::FIELD, quote(&text)),
            Some(help),
        );
        None
    }

    pub(super) fn date(&mut self, key: &str, v: Value<'_>) -> Option<Spanned<NaiveDate>> {
        let span = v.span;
        let expected = "a date like 2018-08-26";
        match v.kind {
            Kind::Datetime(d) => match (local_date(&d), d.date) {
                (Some(date), _) => return Some(Spanned::new(span, date)),
                (None, Some(ymd)) if d.time.is_none() => {
                    self.error(span, format!("{ymd} is not a day of the calendar"), None)
                }
                (None, Some(ymd)) => {
                    let help = Some(format!("write the date alone: {key} = {ymd}"));
                    self.wrong_type_help(key, expected, &Kind::Datetime(d), span, help);
                }
                (None, None) => self.wrong_type(key, expected, &Kind::Datetime(d), span),
            },
            Kind::String(s) if date_from_str(&s).is_some() => {
                let help = Some(format!("remove the quotes: {key} = {}", s.trim()));
                self.wrong_type_help(key, expected, &Kind::String(s), span, help);
            }
            other => self.wrong_type(key, expected, &other, span),
        }
        None
    }

    /// A time of day, read by [`read_time`]'s rule (the one rule of the
    /// format, which the syntax errors' help states too), and every way of
    /// missing it worded.
    pub(super) fn time(&mut self, key: &str, v: Value<'_>) -> Option<Spanned<NaiveTime>> {
        let span = v.span;
        let expected = "a time like 10:30";
        let (read, shown) = match &v.kind {
            Kind::Datetime(d) => (read_time(TimeValue::Toml(d)), d.to_string()),
            Kind::String(s) => (read_time(TimeValue::Text(s)), quote(s)),
            _ => (Err(BadTime::NotATime), String::new()),
        };
        match (read, v.kind) {
            (Ok(t), _) => return Some(self.timed(span, t)),
            (Err(BadTime::Form { meant }), Kind::Datetime(_)) => self.error(
                span,
                format!("`{key}` has a fraction of a second: {shown}"),
                Some(time_help(Some(key), meant)),
            ),
            (Err(BadTime::Form { meant }), _) => self.error(
                span,
                format!("`{key}` is not a time: {shown}"),
                Some(time_help(Some(key), meant)),
            ),
            (Err(BadTime::NoSuchTime), _) => self.error(
                span,
                format!("`{key}` is not a time of day: {shown}"),
                Some(time_help(Some(key), None)),
            ),
            (Err(BadTime::NotATime), Kind::Datetime(d)) => match d.time {
                Some(t) => {
                    let hm = NaiveTime::from_hms_opt(t.hour.into(), t.minute.into(), 0)
                        .map_or_else(String::new, show_time);
                    let help = Some(format!(
                        "write only the time of day: {key} = {hm}; the date is the day's and \
                         the zone is the trip's timezone"
                    ));
                    self.wrong_type_help(key, expected, &Kind::Datetime(d), span, help);
                }
                None => self.wrong_type(key, expected, &Kind::Datetime(d), span),
            },
            (Err(BadTime::NotATime), other) => self.wrong_type(key, expected, &other, span),
        }
        None
    }

    /// A time read: kept for its day's clock-change check, and passed on.
    fn timed(&mut self, span: Span, t: NaiveTime) -> Spanned<NaiveTime> {
        self.times.push(Spanned::new(span.clone(), t));
        Spanned::new(span, t)
    }

    /// `end` must not come before `start`; the error points at `end`.
    pub(super) fn check_order<T: PartialOrd>(
        &mut self,
        start: Option<&Spanned<T>>,
        end: Option<&Spanned<T>>,
        what: &str,
        show: impl Fn(&T) -> String,
    ) {
        if let (Some(s), Some(e)) = (start, end)
            && e.get_ref() < s.get_ref()
        {
            self.error(
                e.span(),
                format!("{what} ({} > {})", show(s.get_ref()), show(e.get_ref())),
                None,
            );
        }
    }
}

//! The event form (`Enter` on an event, `a` a new meeting, `A` a new
//! stop): every field of a stop or a meeting, built from the one table of
//! fields ([`crate::edit::fields`]), typed, and saved in one edit (Ctrl-S).
//!
//! Each field's text and cursor is a `ratatui_textarea::TextArea`, used for
//! its state alone (the form draws it itself, `src/ui/form.rs`): it moves
//! and deletes by character over several lines; the key table gives the
//! intents, mapped here to its calls. The people fields are picked from
//! the trip's people in a list that narrows as one types, part of the form.

use ratatui_textarea::{CursorMove, TextArea};

use super::{App, Effect, Intent, LineKey, Message, Overlay};
use crate::edit::fields::{self, Change, Field, Kind};
use crate::edit::{self, Edit, New};
use crate::model::{EventRef, Person, Side, Trip};

/// A field's text and cursor.
#[derive(Debug, Clone)]
pub struct Text(TextArea<'static>);

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.0.lines() == other.0.lines() && self.0.cursor() == other.0.cursor()
    }
}

impl Eq for Text {}

impl Text {
    /// A text holding `value`, the cursor at its end.
    pub fn new(value: &str) -> Text {
        let lines: Vec<String> = value.split('\n').map(str::to_string).collect();
        let mut area = TextArea::new(lines);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Text(area)
    }

    /// The text, its lines joined by line breaks.
    pub fn value(&self) -> String {
        self.0.lines().join("\n")
    }

    /// The lines of the text.
    pub fn lines(&self) -> &[String] {
        self.0.lines()
    }

    /// The cursor: line and character in it.
    pub fn cursor(&self) -> (usize, usize) {
        let c = self.0.cursor();
        (c.0, c.1)
    }

    /// A key that types or moves; false when it is not the text's.
    fn handle(&mut self, intent: Intent, multi_line: bool) -> bool {
        let a = &mut self.0;
        match intent {
            // A control character (a tab pasted) would break the line drawn.
            Intent::Type(c) => a.insert_char(if c.is_control() { ' ' } else { c }),
            // Space is the people list's toggle; elsewhere a space.
            Intent::Toggle => a.insert_char(' '),
            Intent::Backspace => {
                a.delete_char();
            }
            Intent::Accept if multi_line => a.insert_newline(),
            Intent::PrevChoice if multi_line => a.move_cursor(CursorMove::Up),
            Intent::NextChoice if multi_line => a.move_cursor(CursorMove::Down),
            Intent::Line(key) => match key {
                LineKey::Left => a.move_cursor(CursorMove::Back),
                LineKey::Right => a.move_cursor(CursorMove::Forward),
                LineKey::WordLeft => a.move_cursor(CursorMove::WordBack),
                LineKey::WordRight => a.move_cursor(CursorMove::WordForward),
                LineKey::Home => a.move_cursor(CursorMove::Head),
                LineKey::End => a.move_cursor(CursorMove::End),
                LineKey::DeleteNext => {
                    a.delete_next_char();
                }
                LineKey::DeleteWord => {
                    a.delete_word();
                }
                LineKey::DeleteToStart => {
                    a.delete_line_by_head();
                }
                LineKey::DeleteToEnd => {
                    a.delete_line_by_end();
                }
            },
            _ => return false,
        }
        true
    }
}

/// What the form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// The stop or meeting at this reference.
    Event(EventRef),
    /// A new stop on the day of this event (or of an empty day: stop 0),
    /// or a new meeting at this event's stop.
    New(New, EventRef),
}

/// The people picker of a people field: what is typed to narrow the list,
/// and the highlighted row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picker {
    pub query: String,
    pub row: usize,
}

/// The form overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub subject: Subject,
    /// The event's title when the form opened: a reload while typing may
    /// put another event at the reference, and then nothing is written.
    pub title: String,
    /// The box's title: "Meeting “Talks”", "New stop on Tue 28 Aug 2018".
    pub label: String,
    /// The fields, from the one table in `edit::fields`.
    pub fields: &'static [Field],
    /// Each field's text, as typed.
    pub texts: Vec<Text>,
    /// Each field's value when the form opened (or as last seen outside).
    pub was: Vec<String>,
    /// The field with the cursor.
    pub focus: usize,
    /// Why the last save was refused, and the field at fault (if one is).
    pub error: Option<(Option<usize>, String)>,
    /// A field's value saved outside while the form was open (a conflict).
    pub theirs: Vec<Option<String>>,
    /// Esc with something changed: the question whether to drop it.
    pub asking: bool,
    /// The people list of the focused people field.
    pub picker: Picker,
}

impl Form {
    /// A form of `fields` holding `values`.
    fn new(
        subject: Subject,
        title: String,
        label: String,
        fields: &'static [Field],
        values: Vec<String>,
    ) -> Form {
        Form {
            subject,
            title,
            label,
            fields,
            texts: values.iter().map(|v| Text::new(v)).collect(),
            theirs: vec![None; values.len()],
            was: values,
            focus: 0,
            error: None,
            asking: false,
            picker: Picker::default(),
        }
    }

    /// Whether anything was typed that differs from the file.
    pub fn changed(&self) -> bool {
        self.texts
            .iter()
            .zip(&self.was)
            .any(|(t, w)| t.value() != *w)
    }

    /// The focused field.
    pub fn field(&self) -> Field {
        self.fields[self.focus]
    }

    /// The person ids a people field holds.
    pub fn keys(&self, i: usize) -> Vec<String> {
        self.texts[i]
            .value()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// What the focused field's bottom line says it takes.
    pub fn prompt(&self) -> String {
        match self.field().kind {
            Kind::Text => "Enter: next field".into(),
            Kind::MultiLine | Kind::List => "Enter: a new line; Tab: next field".into(),
            Kind::Time => "09:30, 24-hour (empty: none); Enter: next".into(),
            Kind::Keyword(words) => format!("one of: {}", words.join(", ")),
            Kind::People => "type to narrow, Up/Down, Space toggles".into(),
        }
    }
}

/// The trip's people the picker shows for `query`: those whose name (in
/// either script), role or id has it, grouped by side (delegation, host,
/// guest), in file order within a side.
pub fn people<'t>(trip: &'t Trip, query: &str) -> Vec<(usize, &'t Person)> {
    let q = query.trim().to_lowercase();
    let mut found: Vec<(usize, &Person)> = trip
        .people
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            q.is_empty()
                || [
                    Some(p.name.as_str()),
                    p.native.as_deref(),
                    p.role.as_deref(),
                    Some(p.key.as_str()),
                ]
                .into_iter()
                .flatten()
                .any(|s| s.to_lowercase().contains(&q))
        })
        .collect();
    let rank = |s: Side| Side::ALL.iter().position(|x| *x == s).unwrap_or(0);
    found.sort_by_key(|(i, p)| (rank(p.side), *i));
    found
}

impl App {
    /// The form, while it is open.
    pub fn form(&self) -> Option<&Form> {
        match &self.overlay {
            Overlay::Form(f) => Some(f),
            _ => None,
        }
    }

    /// Enter on an event, `a` or `A`: opens the form.
    pub(super) fn open_form(&mut self, intent: Intent) {
        if let Some(why) = self.edit_lock() {
            self.refuse_with(why);
            return;
        }
        let selected = self
            .selected_event()
            .and_then(|r| Some((r, self.trip().event(r)?)));
        let form = match (intent, selected) {
            (Intent::OpenForm, Some((at, event))) => {
                let values = match edit::read_fields(self.live.state.text(), event) {
                    Ok(v) => v,
                    Err(why) => return self.refuse_with(why),
                };
                let what = if at.meeting.is_some() {
                    "Meeting"
                } else {
                    "Stop"
                };
                Form::new(
                    Subject::Event(at),
                    event.title().to_string(),
                    format!("{what} {}", quoted(event.title())),
                    edit::fields_of(event),
                    values,
                )
            }
            (Intent::AddMeeting, Some((at, event))) => {
                let stop = EventRef {
                    meeting: None,
                    ..at
                };
                let place = event.stop().place.clone();
                Form::new(
                    Subject::New(New::Meeting, stop),
                    place.clone(),
                    format!("New meeting at {}", quoted(&place)),
                    fields::MEETING,
                    vec![String::new(); fields::MEETING.len()],
                )
            }
            (Intent::AddStop, _) => {
                let Some(day) = self.selected_day() else {
                    return;
                };
                let at = EventRef {
                    day,
                    stop: 0,
                    meeting: None,
                };
                let on = match day {
                    crate::model::DayRef::Day(i) => self
                        .trip()
                        .days
                        .get(i)
                        .map(|d| format!("on {}", crate::format::day(d.date)))
                        .unwrap_or_default(),
                    crate::model::DayRef::Unscheduled => "(unscheduled)".into(),
                };
                Form::new(
                    Subject::New(New::Stop, at),
                    String::new(),
                    format!("New stop {on}"),
                    fields::STOP,
                    vec![String::new(); fields::STOP.len()],
                )
            }
            _ => {
                return self.refuse_with(
                    "there is no event on this day to edit; A adds a stop, E opens the file",
                );
            }
        };
        self.overlay = Overlay::Form(Box::new(form));
    }

    fn refuse_with(&mut self, why: impl Into<String>) {
        self.message = Some(Message {
            text: why.into(),
            error: true,
        });
    }

    /// An intent while the form is open.
    pub(super) fn form_key(&mut self, intent: Intent) -> Option<Effect> {
        let trip = self.version.trip().clone();
        let Overlay::Form(form) = &mut self.overlay else {
            return None;
        };
        if form.asking {
            match intent {
                Intent::Yes => {
                    self.overlay = Overlay::None;
                    self.message = Some(Message {
                        text: "form closed; nothing was written".into(),
                        error: false,
                    });
                }
                Intent::No | Intent::Cancel => form.asking = false,
                _ => {}
            }
            return None;
        }
        let field = form.field();
        let multi = matches!(field.kind, Kind::MultiLine | Kind::List);
        match intent {
            Intent::Cancel => {
                if form.changed() {
                    form.asking = true;
                } else {
                    self.overlay = Overlay::None;
                }
            }
            Intent::NextField => {
                form.focus = (form.focus + 1) % form.fields.len();
                form.picker = Picker::default();
            }
            Intent::PrevField => {
                form.focus = (form.focus + form.fields.len() - 1) % form.fields.len();
                form.picker = Picker::default();
            }
            Intent::Save => return self.save_form(),
            Intent::TakeTheirs => {
                let i = form.focus;
                if let Some(theirs) = form.theirs[i].take() {
                    form.texts[i] = Text::new(&theirs);
                    form.was[i] = theirs;
                    form.error = None;
                }
            }
            _ if field.kind == Kind::People => people_key(form, &trip, intent),
            Intent::Accept if !multi => form.focus = (form.focus + 1) % form.fields.len(),
            other => {
                if form.texts[form.focus].handle(other, multi)
                    && form
                        .error
                        .as_ref()
                        .is_some_and(|(i, _)| *i == Some(form.focus))
                {
                    form.error = None;
                }
            }
        }
        None
    }

    /// Pasted text, into the focused field: whole, with its line breaks in
    /// a multi-line field (elsewhere they and tabs become spaces); in a
    /// people field it narrows the list.
    pub(super) fn paste_into_form(&mut self, text: &str) -> Option<Effect> {
        let Overlay::Form(form) = &mut self.overlay else {
            return None;
        };
        let field = form.field();
        let multi = matches!(field.kind, Kind::MultiLine | Kind::List);
        for c in text.chars() {
            if field.kind == Kind::People {
                if !c.is_whitespace() {
                    form.picker.query.push(c);
                }
            } else if c == '\n' && multi {
                form.texts[form.focus].handle(Intent::Accept, true);
            } else if c != '\r' {
                form.texts[form.focus].handle(Intent::Type(c), multi);
            }
        }
        form.picker.row = 0;
        None
    }

    /// Ctrl-S: the changed fields as one edit, validated; refused beside
    /// the field at fault, with the form kept open and nothing lost.
    fn save_form(&mut self) -> Option<Effect> {
        let Overlay::Form(form) = &self.overlay else {
            return None;
        };
        let (at, edit) = match form.subject {
            Subject::Event(at) => {
                let changes = form
                    .fields
                    .iter()
                    .zip(form.texts.iter().zip(&form.was))
                    .map(|(f, (t, w))| Change {
                        key: f.key.into(),
                        was: w.clone(),
                        now: t.value(),
                    })
                    .filter(|c| c.now != c.was)
                    .collect::<Vec<_>>();
                if changes.is_empty() {
                    self.overlay = Overlay::None;
                    self.message = Some(Message {
                        text: "nothing changed; nothing was written".into(),
                        error: false,
                    });
                    return None;
                }
                (at, Edit::Fields(changes))
            }
            Subject::New(new, at) => {
                let typed = form
                    .fields
                    .iter()
                    .zip(&form.texts)
                    .map(|(f, t)| (f.key.to_string(), t.value()))
                    .filter(|(_, v)| !v.trim().is_empty())
                    .collect();
                (at, Edit::Add(new, typed))
            }
        };
        let still = match form.subject {
            Subject::Event(_) => self.trip().event(at).map(|e| e.title()) == Some(&form.title),
            Subject::New(New::Meeting, _) => {
                self.trip().event(at).map(|e| e.stop().place.as_str()) == Some(&form.title)
            }
            Subject::New(New::Stop, _) => true,
        };
        if !still {
            let why = format!(
                "the file changed while the form was open, and {} is not where it was; \
                 nothing was written (Esc closes the form)",
                quoted(&form.title)
            );
            if let Overlay::Form(form) = &mut self.overlay {
                form.error = Some((None, why));
            }
            return None;
        }
        let text = self.live.state.text().to_string();
        match edit::apply_form(&text, self.trip(), at, &edit) {
            Ok(applied) => {
                self.overlay = Overlay::None;
                self.write_applied(text, at, edit, applied)
            }
            Err(refusal) => {
                if let Overlay::Form(form) = &mut self.overlay {
                    let i = refusal
                        .key
                        .as_ref()
                        .and_then(|k| form.fields.iter().position(|f| f.key == k));
                    if let (Some(i), Some(theirs)) = (i, refusal.theirs) {
                        // Saving again writes the form's value over theirs.
                        form.was[i] = theirs.clone();
                        form.theirs[i] = Some(theirs);
                    }
                    if let Some(i) = i {
                        form.focus = i;
                    }
                    form.error = Some((i, refusal.message));
                }
                None
            }
        }
    }
}

/// A key in a people field: typing narrows the list, Up/Down move in it,
/// Space toggles the highlighted person, Enter goes to the next field.
fn people_key(form: &mut Form, trip: &Trip, intent: Intent) {
    let shown = people(trip, &form.picker.query);
    match intent {
        Intent::Type(' ') | Intent::Toggle => {
            let Some((_, p)) = shown.get(form.picker.row) else {
                return;
            };
            let mut keys = form.keys(form.focus);
            match keys.iter().position(|k| *k == p.key) {
                Some(i) => {
                    keys.remove(i);
                }
                None => keys.push(p.key.clone()),
            }
            form.texts[form.focus] = Text::new(&keys.join("\n"));
        }
        Intent::Type(c) => {
            form.picker.query.push(c);
            form.picker.row = 0;
        }
        Intent::Backspace => {
            form.picker.query.pop();
            form.picker.row = 0;
        }
        Intent::Line(LineKey::DeleteToStart) | Intent::Line(LineKey::DeleteWord) => {
            form.picker.query.clear();
            form.picker.row = 0;
        }
        Intent::PrevChoice => form.picker.row = form.picker.row.saturating_sub(1),
        Intent::NextChoice => {
            form.picker.row = (form.picker.row + 1).min(shown.len().saturating_sub(1));
        }
        Intent::Accept => {
            form.picker = Picker::default();
            form.focus = (form.focus + 1) % form.fields.len();
        }
        _ => {}
    }
}

fn quoted(s: &str) -> String {
    format!("“{}”", crate::load::diagnostic::sanitize(s))
}

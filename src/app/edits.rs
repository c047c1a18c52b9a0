//! Edits from the browser: the keys `s > < o a D u Ctrl-R E` as far as the
//! state goes. `update` makes the new text with the pure [`edit::apply`]
//! and validates it; the loop writes it ([`Effect::Write`]) and reports
//! back with [`Msg::Written`]. Only then is the new version swapped in, the
//! selection carried to the edited event by its origin.
//!
//! When the file changed on disk since it was read, the write is refused
//! with what the file holds now: that version is loaded as a reload would,
//! the edit applied to it again when its event is still there, and written.

use chrono::NaiveTime;

use super::entry::{Confirm, Field, Line, TextEntry};
use super::{App, Effect, Intent, Message, Overlay};
use crate::edit::file::WriteError;
use crate::edit::history::History;
use crate::edit::{self, Edit, NewMeeting};
use crate::load::{self, SourceLines};
use crate::model::{Event, EventRef};
use crate::reload::{self, ReloadMsg, ReloadOutcome};

/// What an editing key says with `--read-only`.
pub const READ_ONLY: &str =
    "opened with --read-only: edits are off (e still exports); open it without --read-only to edit";

/// What an editing key says on the bundled trip.
pub const BUILT_IN_EDIT: &str = "the bundled trip is built in, not a file: nothing to edit; open a copy of it (itinerary FILE) to edit";

/// A text for the loop to write over the file, if the file still holds
/// `expected` (what the browser last read or wrote).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileWrite {
    pub expected: String,
    pub text: String,
}

/// The editing state: what can be undone, and the write under way.
#[derive(Debug, Default)]
pub struct Edits {
    history: History,
    pending: Option<Pending>,
}

/// A write asked of the loop, with what to do once it is done.
#[derive(Debug)]
struct Pending {
    kind: Kind,
    loaded: load::Loaded,
    text: String,
    message: String,
}

#[derive(Debug)]
enum Kind {
    /// An edit of the event `at`; kept to apply it again to a file changed
    /// outside.
    Edit {
        at: EventRef,
        edit: Edit,
    },
    Undo,
    Redo,
}

impl Edits {
    /// Edits that can be undone, and undone edits that can be redone.
    pub fn counts(&self) -> (usize, usize) {
        (self.history.undo_len(), self.history.redo_len())
    }

    /// The file changed outside: nothing before it can be undone.
    pub(super) fn clear(&mut self) {
        self.history.clear();
    }
}

impl App {
    /// Why editing keys do nothing here, if they do not.
    pub fn edit_lock(&self) -> Option<&'static str> {
        if !self.live.followed {
            Some(BUILT_IN_EDIT)
        } else if self.read_only {
            Some(READ_ONLY)
        } else {
            None
        }
    }

    /// The editing state.
    pub fn edits(&self) -> &Edits {
        &self.edits
    }

    /// The text entry, while it is open.
    pub fn entry(&self) -> Option<&TextEntry> {
        match &self.overlay {
            Overlay::Entry(e) => Some(e),
            _ => None,
        }
    }

    /// The y/n question, while it is asked.
    pub fn confirm(&self) -> Option<&Confirm> {
        match &self.overlay {
            Overlay::Confirm(c) => Some(c),
            _ => None,
        }
    }

    /// The 1-based line of the selected event's table in the file (for
    /// `E`); on a day without events, of the day's `[[day]]` table.
    pub fn selected_line(&self) -> Option<usize> {
        let origin = match self.selected_event().and_then(|r| self.trip().event(r)) {
            Some(Event::Stop(s)) => &s.origin,
            Some(Event::Meeting(_, m)) => &m.origin,
            None => match self.selected_day()? {
                crate::model::DayRef::Day(i) => self.trip().days.get(i)?.origin.as_ref()?,
                crate::model::DayRef::Unscheduled => return None,
            },
        };
        Some(SourceLines::new(self.live.state.text()).line_of(origin.span.start) + 1)
    }

    fn refuse(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// An editing key with no overlay open.
    pub(super) fn edit_key(&mut self, intent: Intent) -> Option<Effect> {
        if let Some(why) = self.edit_lock() {
            self.refuse(why);
            return None;
        }
        if intent == Intent::OpenEditor {
            // The editor opens the file even on an empty day, at its top.
            return Some(Effect::OpenEditor {
                line: self.selected_line().unwrap_or(1),
            });
        }
        match intent {
            Intent::Undo => return self.undo(true),
            Intent::Redo => return self.undo(false),
            _ => {}
        }
        let Some((at, event)) = self
            .selected_event()
            .and_then(|r| Some((r, self.trip().event(r)?)))
        else {
            self.refuse("there is no event on this day to edit; E opens the file in your editor");
            return None;
        };
        let title = quoted(event.title());
        match intent {
            Intent::CycleStatus => self.start_edit(at, Edit::CycleStatus),
            Intent::Later => self.start_edit(at, Edit::Shift(edit::SHIFT_MINUTES)),
            Intent::Earlier => self.start_edit(at, Edit::Shift(-edit::SHIFT_MINUTES)),
            Intent::EditText => {
                let (label, now) = match event {
                    Event::Stop(s) => (format!("Notes of {title}"), s.notes.as_deref()),
                    Event::Meeting(_, m) => (format!("Outcome of {title}"), m.outcome.as_deref()),
                };
                self.overlay = Overlay::Entry(TextEntry {
                    target: at,
                    title: event.title().to_string(),
                    label,
                    field: Field::Text,
                    line: Line::new(now.unwrap_or("")),
                    error: None,
                });
                None
            }
            Intent::Delete => {
                let question = match event {
                    Event::Stop(s) if !s.meetings.is_empty() => format!(
                        "Delete {title} and its {}?",
                        crate::format::count(s.meetings.len(), "meeting", "meetings")
                    ),
                    _ => format!("Delete {title}?"),
                };
                self.overlay = Overlay::Confirm(Confirm {
                    target: at,
                    title: event.title().to_string(),
                    question,
                });
                None
            }
            _ => None,
        }
    }

    /// An intent while the text entry is open.
    pub(super) fn entry_key(&mut self, intent: Intent) -> Option<Effect> {
        let Overlay::Entry(entry) = &mut self.overlay else {
            return None;
        };
        match intent {
            Intent::Cancel => {
                self.overlay = Overlay::None;
                self.message = Some(Message {
                    text: "cancelled; nothing was changed".into(),
                    error: false,
                });
                None
            }
            Intent::Accept => {
                let typed = entry.line.value().trim().to_string();
                let next = match &entry.field {
                    Field::Text => Ok(Err(Edit::SetText(typed))),
                    Field::Title if typed.is_empty() => {
                        Err("a meeting needs a title; type one, or Esc".to_string())
                    }
                    Field::Title => Ok(Ok(Field::Start { title: typed })),
                    Field::Start { title } => edit::parse_time(&typed).map(|start| {
                        Ok(Field::End {
                            meeting: NewMeeting {
                                title: title.clone(),
                                start,
                                end: None,
                            },
                        })
                    }),
                    Field::End { meeting } => {
                        edit::parse_time(&typed).and_then(|end| match (meeting.start, end) {
                            // Said here, at the field at fault, with what was
                            // typed kept: not as a refusal of a text never written.
                            (Some(start), Some(end)) if end < start => Err(format!(
                                "ends at {} before it starts at {}: type a later end, or none",
                                end.format("%H:%M"),
                                start.format("%H:%M")
                            )),
                            _ => Ok(Err(Edit::AddMeeting(NewMeeting {
                                end,
                                ..meeting.clone()
                            }))),
                        })
                    }
                };
                match next {
                    Err(why) => entry.error = Some(why),
                    Ok(Ok(field)) => {
                        entry.field = field;
                        entry.line = Line::default();
                        entry.error = None;
                    }
                    Ok(Err(edit)) => {
                        let (at, title) = (entry.target, entry.title.clone());
                        self.overlay = Overlay::None;
                        return self.start_edit_of(at, &title, edit);
                    }
                }
                None
            }
            other => {
                if entry.line.handle(other) {
                    entry.error = None;
                }
                None
            }
        }
    }

    /// An intent while the y/n question is asked.
    pub(super) fn confirm_key(&mut self, intent: Intent) -> Option<Effect> {
        let Overlay::Confirm(confirm) = &self.overlay else {
            return None;
        };
        match intent {
            Intent::Yes => {
                let (at, title) = (confirm.target, confirm.title.clone());
                self.overlay = Overlay::None;
                self.start_edit_of(at, &title, Edit::Delete)
            }
            Intent::No | Intent::Cancel => {
                self.overlay = Overlay::None;
                self.message = Some(Message {
                    text: "nothing was deleted".into(),
                    error: false,
                });
                None
            }
            _ => None,
        }
    }

    /// [`App::start_edit`] when the event at `at` is still the one titled
    /// `title` (the file may have been reloaded while the entry was open).
    fn start_edit_of(&mut self, at: EventRef, title: &str, edit: Edit) -> Option<Effect> {
        if self.trip().event(at).map(|e| e.title()) != Some(title) {
            self.refuse(format!(
                "the file changed while the entry was open, and {} is not where it was; \
                 nothing was written",
                quoted(title)
            ));
            return None;
        }
        self.start_edit(at, edit)
    }

    /// Makes and validates the edit's text, and asks the loop to write it.
    fn start_edit(&mut self, at: EventRef, edit: Edit) -> Option<Effect> {
        let text = self.live.state.text().to_string();
        match edit::apply(&text, self.trip(), at, &edit) {
            Err(why) => {
                self.refuse(why);
                None
            }
            Ok(applied) => self.ask_write(
                text,
                Pending {
                    kind: Kind::Edit { at, edit },
                    loaded: applied.loaded,
                    text: applied.text,
                    message: applied.message,
                },
            ),
        }
    }

    /// Asks the loop to write an edit the form made and validated.
    pub(super) fn write_applied(
        &mut self,
        expected: String,
        at: EventRef,
        edit: Edit,
        applied: edit::Applied,
    ) -> Option<Effect> {
        self.ask_write(
            expected,
            Pending {
                kind: Kind::Edit { at, edit },
                loaded: applied.loaded,
                text: applied.text,
                message: applied.message,
            },
        )
    }

    /// `u` (`undo`) or Ctrl-R: the text kept, validated, to be written.
    fn undo(&mut self, undo: bool) -> Option<Effect> {
        let target = if undo {
            self.edits.history.undo_text()
        } else {
            self.edits.history.redo_text()
        };
        let Some(target) = target.map(str::to_string) else {
            self.refuse(if undo {
                "nothing to undo since the file was opened or last changed outside"
            } else {
                "nothing to redo"
            });
            return None;
        };
        let loaded = match edit::validate(&target) {
            Ok(loaded) => loaded,
            Err(why) => {
                self.refuse(why);
                return None;
            }
        };
        let (kind, done) = if undo {
            (Kind::Undo, "undone")
        } else {
            (Kind::Redo, "redone")
        };
        let (undos, redos) = self.edits.counts();
        let (undos, redos) = if undo {
            (undos - 1, redos + 1)
        } else {
            (undos + 1, redos - 1)
        };
        let message = format!("{done}: {undos} more to undo (u), {redos} to redo (Ctrl-R)");
        let expected = self.live.state.text().to_string();
        self.ask_write(
            expected,
            Pending {
                kind,
                loaded,
                text: target,
                message,
            },
        )
    }

    fn ask_write(&mut self, expected: String, pending: Pending) -> Option<Effect> {
        let text = pending.text.clone();
        self.edits.pending = Some(pending);
        Some(Effect::Write(FileWrite { expected, text }))
    }

    /// The loop wrote the text (at the local time `at`), or could not.
    pub(super) fn written(
        &mut self,
        at: NaiveTime,
        result: Result<(), WriteError>,
    ) -> Option<Effect> {
        let pending = self.edits.pending.take()?;
        match result {
            Ok(()) => {
                let before = self.live.state.text().to_string();
                let changed = first_difference(&before, &pending.text);
                match pending.kind {
                    Kind::Edit { .. } => self.edits.history.record(before),
                    Kind::Undo => self.edits.history.undone(before),
                    Kind::Redo => self.edits.history.redone(before),
                }
                let added = match &pending.kind {
                    Kind::Edit {
                        edit: Edit::AddMeeting(_) | Edit::Add(edit::New::Meeting, _),
                        ..
                    } => Some(edit::New::Meeting),
                    Kind::Edit {
                        edit: Edit::Add(edit::New::Stop, _),
                        ..
                    } => Some(edit::New::Stop),
                    _ => None,
                };
                let undone = matches!(pending.kind, Kind::Undo | Kind::Redo);
                self.swap_in(at, pending.loaded, pending.text);
                match added {
                    Some(edit::New::Meeting) => self.select_new_meeting(),
                    Some(edit::New::Stop) => self.select_new_stop(),
                    None => {}
                }
                // The event undone or redone (a deleted one restored) is
                // selected, as after any edit.
                if undone && let Some(r) = changed.and_then(|d| self.event_at(d)) {
                    self.go_to_event(r);
                }
                self.message = Some(Message {
                    text: pending.message,
                    error: false,
                });
                None
            }
            Err(WriteError::Failed(why)) => {
                self.refuse(why);
                None
            }
            Err(WriteError::Changed(now)) => self.changed_outside(at, now, pending.kind),
        }
    }

    /// The file holds `now`, not what was last read: load it as a reload
    /// would, then apply the edit again to its event if it is still there.
    fn changed_outside(&mut self, at: NaiveTime, now: String, kind: Kind) -> Option<Effect> {
        let loaded = match load::load_str(&now) {
            Ok(loaded) => loaded,
            Err(diagnostics) => {
                self.reloaded(ReloadMsg {
                    at,
                    manual: false,
                    outcome: ReloadOutcome::Failed {
                        diagnostics,
                        text: now,
                    },
                });
                self.refuse(
                    "the file changed on disk and does not load now (! shows why); nothing was written",
                );
                return None;
            }
        };
        let old = self.trip().clone();
        self.edits.history.clear();
        let new_trip = loaded.trip.clone();
        self.swap_in(at, loaded, now);
        let Kind::Edit { at: was, edit } = kind else {
            self.refuse(
                "the file changed on disk and was reloaded; undo goes back no further than that version",
            );
            return None;
        };
        let same = reload::carry_selection(&old, was, &new_trip, &crate::model::Filter::default())
            .filter(|r| same_event(&old, was, &new_trip, *r));
        let Some(found) = same else {
            let name = old
                .event(was)
                .map(|e| quoted(e.title()))
                .unwrap_or_default();
            self.refuse(format!(
                "the file changed on disk and was reloaded; {name} is no longer in it, so nothing was written"
            ));
            return None;
        };
        self.select_ref(found);
        self.start_edit(found, edit)
    }

    /// Pasted text: into the text entry, or typed into the search, the
    /// picker or the go-to prompt (line breaks and tabs become spaces: all
    /// of them take one line). With nothing to type into it is ignored,
    /// and the status line says so: a paste is never taken for keys.
    pub(super) fn paste(&mut self, text: &str) -> Option<Effect> {
        let text = text.trim_end_matches(['\r', '\n']);
        let chars = text.chars().map(|c| if c.is_control() { ' ' } else { c });
        match &mut self.overlay {
            Overlay::Entry(entry) => {
                for c in chars {
                    entry.line.handle(Intent::Type(c));
                }
                entry.error = None;
            }
            // Into the focused field, line breaks and all where it takes them.
            Overlay::Form(_) => return self.paste_into_form(text),
            Overlay::Search { .. } | Overlay::Picker(_) | Overlay::GoTo(_) | Overlay::Export(_) => {
                for c in chars {
                    self.intent(Intent::Type(c));
                }
            }
            _ => self.refuse("nothing to paste into here; o, a, / and g open a line to paste into"),
        }
        None
    }

    /// Back from the editor: the file is reloaded (the reload says what
    /// came of it, errors and all, as any reload does).
    pub(super) fn editor_done(&mut self, result: Result<(), String>) -> Option<Effect> {
        match result {
            Ok(()) => Some(Effect::Reload),
            Err(why) => {
                self.refuse(format!("{why}; r reloads the file"));
                None
            }
        }
    }

    /// Swaps in a version this browser wrote or read itself, as a reload does.
    fn swap_in(&mut self, at: NaiveTime, loaded: load::Loaded, text: String) {
        self.reloaded(ReloadMsg {
            at,
            manual: false,
            outcome: ReloadOutcome::Loaded {
                trip: Box::new(loaded.trip),
                warnings: loaded.warnings,
                text,
            },
        });
    }

    /// Selects the last meeting of the selected stop in file order: the
    /// one `a` just added.
    fn select_new_meeting(&mut self) {
        let Some(sel) = self.selected_event() else {
            return;
        };
        let stop = EventRef {
            meeting: None,
            ..sel
        };
        let Some(Event::Stop(s)) = self.trip().event(stop) else {
            return;
        };
        let newest = (0..s.meetings.len()).max_by_key(|&i| s.meetings[i].origin.span.start);
        if let Some(i) = newest {
            self.select_ref(EventRef {
                meeting: Some(i),
                ..stop
            });
        }
    }

    /// The event whose table holds the byte `offset` of the file: the
    /// last one, in file order, that starts at or before it.
    fn event_at(&self, offset: usize) -> Option<EventRef> {
        let trip = self.trip();
        let days = (0..trip.days.len()).map(crate::model::DayRef::Day);
        days.chain([crate::model::DayRef::Unscheduled])
            .flat_map(|d| trip.events(d))
            .map(|(r, e)| {
                let origin = match e {
                    Event::Stop(s) => &s.origin,
                    Event::Meeting(_, m) => &m.origin,
                };
                (r, origin.span.start)
            })
            .filter(|&(_, start)| start <= offset)
            .max_by_key(|&(_, start)| start)
            .map(|(r, _)| r)
    }

    /// Selects the last stop of the selected day in file order: the one
    /// `A` just added.
    fn select_new_stop(&mut self) {
        let Some(day) = self.selected_day() else {
            return;
        };
        let stops = self.trip().stops(day);
        let newest = (0..stops.len()).max_by_key(|&i| stops[i].origin.span.start);
        if let Some(stop) = newest {
            self.select_ref(EventRef {
                day,
                stop,
                meeting: None,
            });
        }
    }

    /// Selects `r` when the selected tab shows it.
    fn select_ref(&mut self, r: EventRef) {
        if let Some(i) = self
            .current()
            .and_then(|t| t.events.iter().position(|e| *e == r))
        {
            self.select_event(i);
        }
    }
}

/// Whether `b` of `new` is what `a` of `old` was: a stop or a meeting both,
/// with the same title.
fn same_event(
    old: &crate::model::Trip,
    a: EventRef,
    new: &crate::model::Trip,
    b: EventRef,
) -> bool {
    match (old.event(a), new.event(b)) {
        (Some(x), Some(y)) => {
            a.meeting.is_some() == b.meeting.is_some() && x.title().trim() == y.title().trim()
        }
        _ => false,
    }
}

/// The first byte where `b` differs from `a` (a char boundary of `b`).
fn first_difference(a: &str, b: &str) -> Option<usize> {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map(|((i, _), _)| i)
        .or_else(|| (a.len() != b.len()).then(|| a.len().min(b.len())))
}

fn quoted(s: &str) -> String {
    format!("“{}”", load::diagnostic::sanitize(s))
}

//! The editing keys as intent sequences through `update` and the key table,
//! the loop's writes done as the loop does them (`TripFile` on a temporary
//! copy): what the file holds after each key, what the status line says,
//! and the refusals (read-only, the bundled trip, an invalid result, a file
//! changed on disk).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use common::diff;
use itinerary::app::{App, BUILT_IN_EDIT, Effect, Intent, Live, Msg, READ_ONLY};
use itinerary::edit::file::TripFile;
use itinerary::load;
use itinerary::model::{DayRef, EventRef};
use itinerary::reload::ReloadState;
use itinerary::ui::headless::Headless;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const EXAMPLE: &str = include_str!("../../itineraries/example-trade-mission.toml");

struct Trip {
    app: Headless,
    path: PathBuf,
    _dir: tempfile::TempDir,
}

/// The example, copied to a temporary file and opened from it.
fn example() -> Trip {
    trip_of(EXAMPLE)
}

/// `text`, written to a temporary file and opened from it.
fn trip_of(text: &str) -> Trip {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    std::fs::write(&path, text).unwrap();
    let app = open(&path);
    Trip {
        app,
        path,
        _dir: dir,
    }
}

fn open(path: &Path) -> Headless {
    let text = std::fs::read_to_string(path).unwrap();
    let loaded = load::load_str(&text).unwrap();
    let mut app = App::new("trip.toml".into(), loaded.trip, None);
    app.live = Live::file(ReloadState::new(NaiveTime::MIN, loaded.warnings, text));
    let mut app = Headless::new(app);
    app.send(Msg::Resize(80, 24));
    app
}

impl Trip {
    /// A key press, and the writes it leads to, as the loop does them.
    fn key(&mut self, code: KeyCode, mods: KeyModifiers) -> Option<Effect> {
        let effect = self.app.key(KeyEvent::new(code, mods));
        self.perform(effect)
    }

    fn ch(&mut self, c: char) -> Option<Effect> {
        self.key(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn typed(&mut self, text: &str) {
        for c in text.chars() {
            assert_eq!(self.ch(c), None);
        }
    }

    fn perform(&mut self, mut effect: Option<Effect>) -> Option<Effect> {
        while let Some(Effect::Write(w)) = effect {
            let result = TripFile::new(&self.path, w.expected).write(&w.text);
            effect = self.app.send(Msg::Written(NaiveTime::MIN, result));
        }
        effect
    }

    fn text(&self) -> String {
        std::fs::read_to_string(&self.path).unwrap()
    }

    fn status(&self) -> String {
        self.app
            .status_message()
            .map(|m| m.text)
            .unwrap_or_default()
    }

    fn select(&mut self, day: usize, stop: usize, meeting: Option<usize>) {
        let want = EventRef {
            day: DayRef::Day(day),
            stop,
            meeting,
        };
        self.app.send(Intent::Day(day + 1));
        while self.app.selected_event() != Some(want) {
            let before = self.app.selected();
            self.app.send(Intent::NextEvent);
            assert_ne!(before, self.app.selected(), "{want:?} not found");
        }
    }
}

#[test]
fn s_cycles_the_status_and_writes_only_that_line() {
    let mut t = example();
    t.select(0, 0, None);
    t.ch('s');
    assert_eq!(
        diff(EXAMPLE, &t.text()),
        ["+status     = \"tentative\""],
        "a new status line after the table's last key"
    );
    assert_eq!(t.status(), "“Haneda Airport, Terminal 3” is now tentative");
    t.ch('s');
    t.ch('s');
    assert_eq!(diff(EXAMPLE, &t.text()), ["+status     = \"confirmed\""]);
    // The selection stayed on the edited event.
    assert_eq!(t.app.selected(), 0);
}

#[test]
fn later_and_earlier_move_a_stop_with_its_meetings() {
    let mut t = example();
    t.select(0, 1, None);
    t.ch('>');
    assert_eq!(
        diff(EXAMPLE, &t.text()),
        [
            "-arrive     = 13:00",
            "-depart     = 15:00",
            "+arrive     = 13:15",
            "+depart     = 15:15",
            "-start     = 13:15",
            "-end       = 14:00",
            "+start     = 13:30",
            "+end       = 14:15",
            "-start     = 14:15",
            "-end       = 14:50",
            "+start     = 14:30",
            "+end       = 15:05",
        ]
    );
    assert_eq!(
        t.status(),
        "“Sample Trade Office Tokyo” moved 15 min later, now at 13:15"
    );
    assert_eq!(
        t.app.selected_event(),
        Some(EventRef {
            day: DayRef::Day(0),
            stop: 1,
            meeting: None
        })
    );
    t.ch('<');
    assert_eq!(t.text(), EXAMPLE);
}

#[test]
fn a_slipped_meeting_that_would_cross_midnight_is_refused_and_nothing_written() {
    let mut t = example();
    t.select(0, 2, None);
    for _ in 0..14 {
        t.ch('>');
    }
    let before = t.text();
    t.ch('>');
    assert_eq!(t.text(), before);
    assert!(
        t.status().contains("would cross midnight"),
        "{}",
        t.status()
    );
    assert!(t.app.status_message().unwrap().error);
}

#[test]
fn o_edits_the_outcome_in_a_line_with_the_usual_keys() {
    let mut t = example();
    t.select(0, 1, Some(1));
    assert_eq!(t.ch('o'), None);
    let entry = t.app.entry().expect("the entry is open");
    assert_eq!(entry.label, "Outcome of “Memorandum on trade promotion”");
    assert_eq!(
        entry.line.value(),
        "Memorandum signed: joint stand at a food fair next year."
    );
    // q and s are letters here, not quit and status.
    t.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    t.typed("Signed; stand at FOODEX");
    t.key(KeyCode::Char('w'), KeyModifiers::CONTROL);
    t.typed("Foodex 2027 (q&s)");
    t.key(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(t.app.entry(), None);
    assert_eq!(
        diff(EXAMPLE, &t.text()),
        [
            "-outcome   = \"Memorandum signed: joint stand at a food fair next year.\"",
            "+outcome   = \"Signed; stand at Foodex 2027 (q&s)\"",
        ]
    );
    assert_eq!(
        t.status(),
        "outcome of “Memorandum on trade promotion” saved"
    );
    // Esc leaves the file alone.
    t.ch('o');
    t.typed(" more");
    t.key(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(t.status(), "cancelled; nothing was changed");
    assert_eq!(diff(EXAMPLE, &t.text()).len(), 2);
}

#[test]
fn o_on_a_stop_edits_its_notes() {
    let mut t = example();
    t.select(0, 2, None);
    t.ch('o');
    assert_eq!(
        t.app.entry().unwrap().label,
        "Notes of “Welcome dinner, Example Ryotei 見本亭”"
    );
    t.typed("個室 booked");
    t.key(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(diff(EXAMPLE, &t.text()), ["+notes      = \"個室 booked\""]);
}

#[test]
fn a_adds_a_meeting_in_the_form_and_selects_it() {
    let mut t = example();
    t.select(0, 2, None);
    t.ch('a');
    let ctrl = KeyModifiers::CONTROL;
    t.key(KeyCode::Char('s'), ctrl);
    let error = |t: &Trip| t.app.form().unwrap().error.clone();
    assert_eq!(
        error(&t),
        Some((Some(0), "title is required; type one, or Esc".into()))
    );
    t.typed("Toast");
    t.key(KeyCode::Tab, KeyModifiers::NONE);
    t.typed("9pm");
    t.key(KeyCode::Char('s'), ctrl);
    assert_eq!(
        error(&t),
        Some((
            Some(1),
            "“9pm” is not a time; write it as 09:30 (24-hour clock)".into()
        ))
    );
    t.key(KeyCode::Char('u'), ctrl);
    t.typed("19:00");
    t.key(KeyCode::Enter, KeyModifiers::NONE);
    t.typed("1915");
    t.key(KeyCode::Char('s'), ctrl);
    assert_eq!(t.app.form(), None);
    assert_eq!(
        diff(EXAMPLE, &t.text()),
        [
            "+[[day.stop.meeting]]",
            "+title = \"Toast\"",
            "+start = 19:00",
            "+end   = 19:15",
            "+",
        ]
    );
    assert_eq!(
        t.status(),
        "meeting “Toast” added to “Welcome dinner, Example Ryotei 見本亭”"
    );
    assert_eq!(
        t.app.selected_event(),
        Some(EventRef {
            day: DayRef::Day(0),
            stop: 2,
            meeting: Some(0)
        })
    );
}

/// Issue 22, item 5: an end before the start keeps the entry open at the
/// end, with the reason beside it and the text typed; nothing is written
/// and no line of a text never written is cited.
#[test]
fn a_paste_into_the_form_keeps_its_lines_in_notes_only() {
    let mut t = example();
    t.select(0, 2, None);
    t.ch('a');
    t.app.send(Msg::Paste("Toast\tspeech\n".into()));
    // Title, start, end, status, attendees, topics, outcome, then notes.
    for _ in 0..7 {
        t.key(KeyCode::Tab, KeyModifiers::NONE);
    }
    t.app
        .send(Msg::Paste("Gifts first.\r\nSpeeches after.\n".into()));
    let form = t.app.form().unwrap();
    assert_eq!(form.texts[0].value(), "Toast speech");
    assert_eq!(form.texts[7].value(), "Gifts first.\nSpeeches after.");
}

#[test]
fn a_meeting_ending_before_it_starts_is_refused_beside_the_field() {
    let mut t = example();
    t.select(0, 2, None);
    t.ch('a');
    t.typed("王磊会见知事");
    t.key(KeyCode::Enter, KeyModifiers::NONE);
    t.typed("10:30");
    t.key(KeyCode::Enter, KeyModifiers::NONE);
    t.typed("10:00");
    t.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(t.text(), EXAMPLE);
    let form = t.app.form().expect("the form stays open");
    assert_eq!(
        form.error,
        Some((
            Some(2),
            "meeting ends before it starts (10:30 > 10:00)".into()
        ))
    );
    // Nothing typed is lost, and no line of the refused text is cited.
    assert_eq!(form.texts[0].value(), "王磊会见知事");
    assert_eq!(form.texts[2].value(), "10:00");
    // Mended at the field at fault, it is added.
    for _ in 0..5 {
        t.key(KeyCode::Backspace, KeyModifiers::NONE);
    }
    t.typed("11:00");
    t.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(t.app.form().is_none());
    assert!(t.text().contains("王磊会见知事"));
}

#[test]
fn d_asks_first_and_n_keeps_the_event() {
    let mut t = example();
    t.select(0, 1, None);
    t.ch('D');
    assert_eq!(
        t.app.confirm().unwrap().question,
        "Delete “Sample Trade Office Tokyo” and its 2 meetings?"
    );
    // Other keys do nothing while it asks.
    t.ch('s');
    t.ch('q');
    assert!(t.app.confirm().is_some());
    t.ch('n');
    assert_eq!(t.app.confirm(), None);
    assert_eq!(t.status(), "nothing was deleted");
    assert_eq!(t.text(), EXAMPLE);
    t.ch('D');
    t.ch('y');
    // Lines 114 to 140: the stop's table, its meetings', and one blank line.
    let kept: String = EXAMPLE
        .split_inclusive('\n')
        .enumerate()
        .filter(|(i, _)| !(113..140).contains(i))
        .map(|(_, l)| l)
        .collect();
    assert_eq!(t.text(), kept);
    assert_eq!(
        t.status(),
        "“Sample Trade Office Tokyo” deleted with its 2 meetings (u undoes)"
    );
}

#[test]
fn undo_of_every_edit_gives_the_original_bytes_and_redo_the_last() {
    let mut t = example();
    t.select(0, 1, Some(0));
    t.ch('s');
    t.ch('>');
    t.ch('D');
    t.ch('y');
    let last = t.text();
    t.ch('u');
    assert_eq!(t.status(), "undone: 2 more to undo (u), 1 to redo (Ctrl-R)");
    t.ch('u');
    t.ch('u');
    assert_eq!(t.text(), EXAMPLE);
    t.ch('u');
    assert_eq!(
        t.status(),
        "nothing to undo since the file was opened or last changed outside"
    );
    for _ in 0..3 {
        t.key(KeyCode::Char('r'), KeyModifiers::CONTROL);
    }
    assert_eq!(t.text(), last);
    t.key(KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(t.status(), "nothing to redo");
}

#[test]
fn an_outside_change_is_kept_and_the_edit_applied_to_it() {
    let mut t = example();
    t.select(0, 0, None);
    t.ch('s');
    // Another editor saves the file: a comment at the top.
    let outside = format!("# edited elsewhere\n{}", t.text());
    std::fs::write(&t.path, &outside).unwrap();
    t.ch('s');
    assert_eq!(
        diff(&outside, &t.text()),
        ["-status     = \"tentative\"", "+status     = \"cancelled\""]
    );
    assert_eq!(t.status(), "“Haneda Airport, Terminal 3” is now cancelled");
    // Undo goes back to the outside version, never past it.
    t.ch('u');
    assert_eq!(t.text(), outside);
    t.ch('u');
    assert_eq!(t.text(), outside);
}

#[test]
fn an_event_gone_from_the_changed_file_is_said_and_nothing_written() {
    let mut t = example();
    t.select(0, 2, None);
    let outside = EXAMPLE.replace("Welcome dinner, Example Ryotei 見本亭", "Dinner moved");
    std::fs::write(&t.path, &outside).unwrap();
    t.ch('s');
    assert_eq!(t.text(), outside);
    assert_eq!(
        t.status(),
        "the file changed on disk and was reloaded; “Welcome dinner, Example Ryotei 見本亭” \
         is no longer in it, so nothing was written"
    );
}

#[test]
fn read_only_refuses_every_editing_key_and_still_exports() {
    let mut t = example();
    t.app.read_only = true;
    for c in ['s', '>', '<', 'o', 'a', 'D', 'u', 'E'] {
        assert_eq!(t.ch(c), None, "{c}");
        assert_eq!(t.status(), READ_ONLY, "{c}");
        assert_eq!(t.app.overlay(), &itinerary::app::Overlay::None);
    }
    t.key(KeyCode::Char('r'), KeyModifiers::CONTROL);
    assert_eq!(t.status(), READ_ONLY);
    assert_eq!(t.text(), EXAMPLE);
    assert_eq!(t.ch('e'), None);
    assert!(matches!(
        t.app.overlay(),
        itinerary::app::Overlay::Export(_)
    ));
}

#[test]
fn the_bundled_trip_refuses_every_editing_key() {
    let loaded = load::load_str(load::BUNDLED).unwrap();
    let mut app = Headless::new(App::new(load::BUNDLED_NAME.into(), loaded.trip, None));
    for c in ['s', '>', '<', 'o', 'a', 'D', 'u', 'E'] {
        assert_eq!(app.key(KeyEvent::from(KeyCode::Char(c))), None, "{c}");
        assert_eq!(
            app.status_message().map(|m| m.text).as_deref(),
            Some(BUILT_IN_EDIT)
        );
    }
    app.key(KeyEvent::from(KeyCode::Char('e')));
    assert!(matches!(
        app.key(KeyEvent::from(KeyCode::Enter)),
        Some(Effect::Export(_))
    ));
}

#[test]
fn e_asks_for_the_editor_at_the_selected_events_line() {
    let mut t = example();
    t.select(0, 1, Some(1));
    assert_eq!(t.ch('E'), Some(Effect::OpenEditor { line: 132 }));
    assert_eq!(t.app.send(Msg::EditorDone(Ok(()))), Some(Effect::Reload));
    let failed = t.app.send(Msg::EditorDone(
        Err("cannot run the editor \"nope\"".into()),
    ));
    assert_eq!(failed, None);
    assert_eq!(
        t.status(),
        "cannot run the editor \"nope\"; r reloads the file"
    );
}

#[test]
fn a_write_that_fails_says_why_and_keeps_the_trip() {
    let mut t = example();
    t.select(0, 0, None);
    std::fs::remove_file(&t.path).unwrap();
    t.ch('s');
    assert_eq!(
        t.status(),
        format!(
            "cannot save {}: it is no longer there (deleted or moved away); nothing was written",
            t.path.display()
        )
    );
    assert!(!t.path.exists());
    // Nothing was recorded for undo.
    t.ch('u');
    assert!(t.status().starts_with("nothing to undo"), "{}", t.status());
}

/// The screen at `w`×`h` after `keys` typed into the example's first
/// meeting of day 1 (its outcome entry, or the question).
fn screen(w: u16, h: u16, select: (usize, usize, Option<usize>), keys: &str) -> String {
    let mut t = example();
    t.app.send(Msg::Resize(w, h));
    t.select(select.0, select.1, select.2);
    for c in keys.chars() {
        t.ch(c);
    }
    format!("{:?}", t.app.backend())
}

#[test]
fn snapshot_the_outcome_entry_with_wide_characters() {
    for (w, h) in [(80, 24), (140, 40)] {
        // The cursor is the reversed cell after the text typed.
        let shown = screen(w, h, (0, 1, Some(0)), "o 合意した");
        insta::assert_snapshot!(format!("outcome_entry_{w}x{h}"), shown);
    }
}

#[test]
fn snapshot_the_new_meeting_form_with_a_bad_time() {
    for (w, h) in [(80, 24), (140, 40)] {
        let mut t = example();
        t.app.send(Msg::Resize(w, h));
        t.select(0, 2, None);
        t.ch('a');
        t.typed("Toast");
        t.key(KeyCode::Enter, KeyModifiers::NONE);
        t.typed("9pm");
        t.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
        let shown = format!("{:?}", t.app.backend());
        insta::assert_snapshot!(format!("meeting_form_bad_time_{w}x{h}"), shown);
    }
}

#[test]
fn snapshot_the_delete_question() {
    for (w, h) in [(80, 24), (140, 40)] {
        let shown = screen(w, h, (0, 1, None), "D");
        insta::assert_snapshot!(format!("delete_question_{w}x{h}"), shown);
    }
}

#[test]
fn a_reload_while_the_entry_is_open_never_edits_another_event() {
    let mut t = example();
    t.select(0, 1, Some(0));
    t.ch('o');
    t.typed(" (new)");
    // Another editor removes the meeting while the entry is open; the
    // watcher reports the new version.
    let outside = EXAMPLE.replacen(
        "title     = \"Briefing on the Japanese food import market\"",
        "title     = \"Renamed\"",
        1,
    );
    std::fs::write(&t.path, &outside).unwrap();
    let trip = load::load_str(&outside).unwrap();
    t.app.send(Msg::Reloaded(itinerary::reload::ReloadMsg {
        at: NaiveTime::MIN,
        manual: false,
        outcome: itinerary::reload::ReloadOutcome::Loaded {
            trip: Box::new(trip.trip),
            warnings: trip.warnings,
            text: outside.clone(),
        },
    }));
    t.key(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(t.text(), outside);
    assert_eq!(
        t.status(),
        "the file changed while the entry was open, and “Briefing on the Japanese food import \
         market” is not where it was; nothing was written"
    );
}

#[test]
fn a_paste_goes_into_the_entry_whole_and_is_never_taken_for_keys() {
    let mut t = example();
    t.select(0, 2, None);
    t.ch('o');
    t.app
        .send(Msg::Paste("Private room\nbooked; s D q\n".into()));
    assert_eq!(
        t.app.entry().unwrap().line.value(),
        "Private room booked; s D q"
    );
    t.key(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(
        diff(EXAMPLE, &t.text()),
        ["+notes      = \"Private room booked; s D q\""]
    );
    // Outside an entry a paste does nothing, and says so.
    let before = t.text();
    assert_eq!(t.app.send(Msg::Paste("sD".into())), None);
    assert_eq!(t.app.overlay(), &itinerary::app::Overlay::None);
    assert_eq!(t.text(), before);
    assert_eq!(
        t.status(),
        "nothing to paste into here; o, a, / and g open a line to paste into"
    );
}

/// Issue 22, item 3: the question about a stop with a long place is shown
/// whole, wrapped, at 80x24 and wide.
#[test]
fn snapshot_the_delete_question_of_a_long_place_is_whole() {
    let long = EXAMPLE.replacen(
        "place      = \"Sample Trade Office Tokyo\"",
        "place      = \"Kankeiren headquarters, Nakanoshima Center Building, 27th floor, Osaka\"",
        1,
    );
    assert_ne!(long, EXAMPLE);
    for (w, h) in [(80, 24), (140, 40)] {
        let mut t = trip_of(&long);
        t.app.send(Msg::Resize(w, h));
        t.select(0, 1, None);
        t.ch('D');
        let shown = format!("{:?}", t.app.backend());
        assert!(shown.contains("meetings?"), "{shown}");
        insta::assert_snapshot!(format!("delete_question_long_{w}x{h}"), shown);
    }
}

/// Issue 22, item 12: undoing a deletion selects the restored event (and
/// redoing it the row that took its place), as after any undo.
#[test]
fn undo_of_a_delete_selects_the_restored_event() {
    let mut t = example();
    t.select(0, 1, None);
    t.ch('D');
    t.ch('y');
    t.ch('u');
    let at = EventRef {
        day: DayRef::Day(0),
        stop: 1,
        meeting: None,
    };
    assert_eq!(t.app.selected_event(), Some(at));
    // From another day, too.
    t.ch('D');
    t.ch('y');
    t.app.send(Intent::Day(3));
    t.ch('u');
    assert_eq!(t.app.selected_event(), Some(at));
}

/// Issue 22, item 13: `E` on a day without events opens the editor at
/// that day's `[[day]]` line, not at line 1.
#[test]
fn e_on_an_empty_day_opens_at_its_day_table() {
    let mut t = example();
    t.app.send(Intent::Day(4));
    assert_eq!(t.app.selected_event(), None);
    assert_eq!(t.ch('E'), Some(Effect::OpenEditor { line: 276 }));
}

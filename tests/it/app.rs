//! `update` and the key table, driven by plain sequences of actions and
//! key events: bounds, day changes, empty days, paging, help, effects.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use chrono::NaiveDateTime;
use itinerary::app::{App, Effect, Focus, Intent, LineKey, Live, Msg};
use itinerary::keys::{self, BINDINGS, Context};
use itinerary::load;
use itinerary::model::{DayRef, EventRef, Filter};
use itinerary::prefecture::{Prefecture, PrefectureName};
use itinerary::reload::ReloadState;
use itinerary::ui::headless::Headless;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

fn bundled() -> Headless {
    let loaded = load::load_str(load::BUNDLED).expect("bundled trip loads");
    let mut app = Headless::new(App::new(load::BUNDLED_NAME.into(), loaded.trip, None));
    app.send(Msg::Resize(80, 24));
    app
}

/// The bundled trip as if read from a file: the editing keys open their
/// overlays (nothing here is written).
fn editable() -> Headless {
    let loaded = load::load_str(load::BUNDLED).expect("bundled trip loads");
    let mut app = App::new(load::BUNDLED_NAME.into(), loaded.trip, None);
    app.live = Live::file(ReloadState::new(
        chrono::NaiveTime::MIN,
        loaded.warnings,
        load::BUNDLED.into(),
    ));
    let mut app = Headless::new(app);
    app.send(Msg::Resize(80, 24));
    while app.event_count() == 0 {
        app.send(Intent::NextDay);
    }
    app
}

fn timed() -> Headless {
    let loaded = load::load_str(include_str!("../fixtures/ui-timed.toml")).expect("fixture loads");
    let mut app = Headless::new(App::new("ui-timed.toml".into(), loaded.trip, None));
    app.send(Msg::Resize(80, 24));
    app
}

/// A one-day trip with `n` untimed stops, to page through.
fn many(n: usize) -> Headless {
    let mut text = String::from(
        "[trip]\ntitle = \"Many\"\nstart = 2025-03-01\nend = 2025-03-02\n[[day]]\ndate = 2025-03-01\n",
    );
    for i in 0..n {
        text.push_str(&format!("[[day.stop]]\nplace = \"Stop {i}\"\n"));
    }
    let loaded = load::load_str(&text).expect("trip loads");
    let mut app = Headless::new(App::new("many.toml".into(), loaded.trip, None));
    app.send(Msg::Resize(80, 24));
    app
}

/// Sends each message in turn, the screen drawn after each, as the loop does.
fn run(app: &mut Headless, msgs: &[Msg]) {
    for m in msgs {
        app.send(m.clone());
    }
}

/// Intents, one after the other.
fn intents(app: &mut Headless, intents: &[Intent]) {
    for i in intents {
        app.send(*i);
    }
}

fn press(app: &mut Headless, code: KeyCode, mods: KeyModifiers) -> Option<Effect> {
    app.key(KeyEvent::new(code, mods))
}

fn key(app: &mut Headless, c: char) -> Option<Effect> {
    press(app, KeyCode::Char(c), KeyModifiers::NONE)
}

fn at(time: &str) -> Option<NaiveDateTime> {
    Some(NaiveDateTime::parse_from_str(time, "%Y-%m-%dT%H:%M").unwrap())
}

#[test]
fn starts_on_the_first_day_first_event_timeline_focused() {
    let app = timed();
    assert_eq!((app.tab(), app.selected(), app.offset()), (0, 0, 0));
    assert_eq!(app.focus(), Focus::Timeline);
    assert_eq!(app.help(), None);
    assert_eq!(
        app.selected_event(),
        Some(EventRef {
            day: DayRef::Day(0),
            stop: 0,
            meeting: None
        })
    );
}

#[test]
fn tabs_are_the_days_plus_unscheduled_only_when_the_trip_has_such_stops() {
    let b = bundled();
    let days: Vec<_> = common::tabs::tabs(&b)
        .iter()
        .map(|t| (t.day, t.events.len()))
        .collect();
    assert_eq!(
        days,
        [
            (DayRef::Day(0), 0),
            (DayRef::Day(1), 2),
            (DayRef::Day(2), 2),
            (DayRef::Day(3), 2),
            (DayRef::Day(4), 0),
            (DayRef::Unscheduled, 8)
        ]
    );
    assert_eq!(common::tabs::tabs(&timed()).len(), 3);
}

#[test]
fn left_right_h_l_change_day_within_bounds_and_reset_the_selection() {
    let mut app = bundled();
    key(&mut app, 'l');
    key(&mut app, 'j');
    assert_eq!((app.tab(), app.selected()), (1, 1));
    press(&mut app, KeyCode::Right, KeyModifiers::NONE);
    // A new day starts at its first event.
    assert_eq!((app.tab(), app.selected()), (2, 0));
    for _ in 0..10 {
        key(&mut app, 'l');
    }
    assert_eq!(app.tab(), 5, "stops at the Unscheduled tab");
    assert_eq!(app.selected_day(), Some(DayRef::Unscheduled));
    for _ in 0..10 {
        press(&mut app, KeyCode::Left, KeyModifiers::NONE);
    }
    assert_eq!(app.tab(), 0);
    key(&mut app, 'h');
    assert_eq!(app.tab(), 0);
}

#[test]
fn empty_day_has_no_selected_event_and_event_keys_stay_in_bounds() {
    let mut app = bundled();
    assert_eq!(app.event_count(), 0);
    for c in ['j', 'k', 'j', 'j'] {
        key(&mut app, c);
        assert_eq!((app.selected(), app.selected_event()), (0, None));
    }
    press(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    press(&mut app, KeyCode::PageUp, KeyModifiers::NONE);
    assert_eq!((app.selected(), app.offset()), (0, 0));
}

#[test]
fn up_down_j_k_move_the_event_and_stop_at_the_ends() {
    let mut app = timed();
    key(&mut app, 'k');
    assert_eq!(app.selected(), 0);
    for n in 1..=6 {
        press(&mut app, KeyCode::Down, KeyModifiers::NONE);
        assert_eq!(app.selected(), n);
    }
    key(&mut app, 'j');
    assert_eq!(app.selected(), 6, "the last event stays selected");
    assert_eq!(
        app.selected_event(),
        Some(EventRef {
            day: DayRef::Day(0),
            stop: 3,
            meeting: Some(0)
        })
    );
    key(&mut app, 'k');
    key(&mut app, 'k');
    press(&mut app, KeyCode::Up, KeyModifiers::NONE);
    assert_eq!(app.selected(), 3);
    assert_eq!(
        app.selected_event(),
        Some(EventRef {
            day: DayRef::Day(0),
            stop: 1,
            meeting: Some(1)
        })
    );
}

#[test]
fn home_end_go_to_the_first_and_last_trip_day() {
    let mut app = bundled();
    press(&mut app, KeyCode::End, KeyModifiers::NONE);
    assert_eq!(
        app.selected_day(),
        Some(DayRef::Day(4)),
        "End is the last day, not Unscheduled"
    );
    press(&mut app, KeyCode::Home, KeyModifiers::NONE);
    assert_eq!(app.tab(), 0);
}

#[test]
fn digits_go_to_day_n_and_beyond_the_trip_say_so_and_stay() {
    let mut app = bundled();
    key(&mut app, '3');
    assert_eq!(app.selected_day(), Some(DayRef::Day(2)));
    key(&mut app, '5');
    assert_eq!(app.tab(), 4);
    key(&mut app, '6');
    assert_eq!(app.tab(), 4, "day 6 does not exist: nothing moves");
    let m = app.message.clone().unwrap();
    assert_eq!(m.text, "there is no day 6: the trip has 5 days");
    assert!(m.error);
    key(&mut app, '9');
    assert_eq!(app.tab(), 4);
    key(&mut app, '1');
    assert_eq!(app.tab(), 0);
    assert_eq!(app.message, None, "a key clears the message");
    // 0 is not a day.
    assert_eq!(
        keys::action_for(&app, KeyEvent::new(KeyCode::Char('0'), KeyModifiers::NONE)),
        None
    );
}

#[test]
fn paging_moves_by_the_visible_rows_and_keeps_the_selection_on_screen() {
    let mut app = many(50);
    let rows = usize::from(app.layout().day().unwrap().timeline_rows.height);
    assert_eq!(
        rows, 9,
        "80x24 stacked: half the body less border and scale"
    );
    press(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    assert_eq!((app.selected(), app.offset()), (9, 1));
    press(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    assert_eq!((app.selected(), app.offset()), (18, 10));
    for _ in 0..10 {
        press(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    }
    assert_eq!((app.selected(), app.offset()), (49, 41));
    press(&mut app, KeyCode::PageUp, KeyModifiers::NONE);
    assert_eq!((app.selected(), app.offset()), (40, 40));
    for _ in 0..10 {
        press(&mut app, KeyCode::PageUp, KeyModifiers::NONE);
    }
    assert_eq!((app.selected(), app.offset()), (0, 0));
}

#[test]
fn a_resize_keeps_the_selection_on_screen() {
    let mut app = many(50);
    run(&mut app, &[Msg::Resize(140, 40)]);
    for _ in 0..30 {
        key(&mut app, 'j');
    }
    let rows = usize::from(app.layout().day().unwrap().timeline_rows.height);
    assert!(app.offset() <= 30 && 30 < app.offset() + rows);
    run(&mut app, &[Msg::Resize(60, 15)]);
    let rows = usize::from(app.layout().day().unwrap().timeline_rows.height);
    assert!(
        app.offset() <= 30 && 30 < app.offset() + rows,
        "{} {rows}",
        app.offset()
    );
    // Too small: no layout, nothing breaks, a key does nothing (nothing
    // shows what it would do), and the state comes back.
    run(
        &mut app,
        &[
            Msg::Resize(10, 3),
            Msg::Intent(Intent::NextEvent),
            Msg::Resize(80, 24),
        ],
    );
    assert_eq!(app.selected(), 30);
}

/// The status line's hints, as "keys words".
fn hint_texts(app: &Headless) -> Vec<String> {
    keys::hints(app)
        .map(|h| format!("{} {}", h.keys, h.words))
        .collect()
}

#[test]
fn the_hints_follow_the_focus_and_esc_gives_it_back_to_the_timeline() {
    let mut app = timed();
    intents(&mut app, &[Intent::NextEvent, Intent::NextEvent]);
    let timeline = hint_texts(&app);
    assert!(timeline.contains(&"j/k event".to_string()), "{timeline:?}");
    assert!(
        timeline.contains(&"Tab details".to_string()),
        "{timeline:?}"
    );
    assert!(
        !timeline
            .iter()
            .any(|h| h.contains("scroll") || h.starts_with("Esc"))
    );
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.focus(), Focus::Details);
    let details = hint_texts(&app);
    assert_eq!(details[..2], ["j/k scroll", "Esc timeline"], "{details:?}");
    assert!(
        !details
            .iter()
            .any(|h| h == "j/k event" || h == "Tab details"),
        "{details:?}"
    );
    assert!(details.contains(&"? help".to_string()), "{details:?}");
    // Esc: the keys are the timeline's again, and j moves the selection.
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(app.focus(), Focus::Timeline);
    assert_eq!(hint_texts(&app), timeline);
    key(&mut app, 'j');
    assert_eq!(app.selected(), 3);
    // Esc with the timeline focused changes nothing.
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!((app.focus(), app.selected()), (Focus::Timeline, 3));
}

#[test]
fn j_in_details_that_fit_says_so_instead_of_doing_nothing() {
    let mut app = timed();
    // The breakfast: a few lines, all shown at 80x24.
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    key(&mut app, 'j');
    assert_eq!(app.detail_scroll(), 0);
    let message = app.message.clone().map(|m| m.text);
    assert_eq!(message.as_deref(), Some(itinerary::app::DETAILS_FIT));
    // Details that scroll say nothing.
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    intents(&mut app, &[Intent::NextEvent, Intent::NextEvent]);
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    key(&mut app, 'j');
    assert_eq!((app.detail_scroll(), app.message.clone()), (1, None));
}

#[test]
fn tab_moves_focus_and_then_event_keys_scroll_the_details() {
    let mut app = timed();
    intents(&mut app, &[Intent::NextEvent, Intent::NextEvent]);
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.focus(), Focus::Details);
    key(&mut app, 'j');
    assert_eq!((app.selected(), app.detail_scroll()), (2, 1));
    key(&mut app, 'j');
    key(&mut app, 'j');
    assert_eq!(
        app.detail_scroll(),
        2,
        "13 lines in an 11-line pane scroll by two at most"
    );
    key(&mut app, 'k');
    key(&mut app, 'k');
    assert_eq!(app.detail_scroll(), 0);
    press(&mut app, KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(app.focus(), Focus::Timeline);
    key(&mut app, 'j');
    assert_eq!(app.selected(), 3);
}

#[test]
fn detail_scroll_resets_when_the_selection_changes() {
    let mut app = timed();
    intents(
        &mut app,
        &[Intent::NextEvent, Intent::NextEvent, Intent::ToggleFocus],
    );
    // The wheel, outside the panes: the focused pane, the details.
    app.wheel(1, 0, 0);
    assert_eq!(app.detail_scroll(), 2);
    intents(&mut app, &[Intent::ToggleFocus, Intent::NextEvent]);
    assert_eq!(app.detail_scroll(), 0);
}

#[test]
fn t_goes_to_the_day_of_now_or_the_first_day_outside_the_trip() {
    let mut app = bundled();
    app.now = at("2018-08-28T15:00");
    key(&mut app, 't');
    assert_eq!(app.selected_day(), Some(DayRef::Day(2)));
    assert_eq!(app.message, None);
    app.now = at("2018-09-04T09:00");
    key(&mut app, 't');
    assert_eq!(app.tab(), 0);
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("2018-09-04 is not during the trip; showing the first day")
    );
    app.now = None;
    intents(&mut app, &[Intent::LastDay, Intent::Today]);
    assert_eq!(app.tab(), 0);
}

#[test]
fn help_opens_with_question_mark_and_closes_with_esc_question_mark_or_q() {
    let mut app = bundled();
    for close in [KeyCode::Esc, KeyCode::Char('?'), KeyCode::Char('q')] {
        key(&mut app, '?');
        assert_eq!(app.help(), Some(0));
        // Browsing keys do nothing under the overlay.
        assert_eq!(key(&mut app, 'l'), None);
        assert_eq!(app.tab(), 0);
        assert_eq!(
            press(&mut app, close, KeyModifiers::NONE),
            None,
            "q closes help, not the app"
        );
        assert_eq!(app.help(), None);
    }
}

#[test]
fn help_scrolls_within_its_text() {
    let mut app = bundled();
    key(&mut app, '?');
    for _ in 0..100 {
        key(&mut app, 'j');
    }
    let max = app.help().unwrap();
    assert!(max > 0, "at 80x24 the help is longer than its box");
    key(&mut app, 'k');
    assert_eq!(app.help(), Some(max - 1));
    for _ in 0..6 {
        press(&mut app, KeyCode::PageUp, KeyModifiers::NONE);
    }
    assert_eq!(app.help(), Some(0));
}

#[test]
fn q_and_ctrl_c_quit_ctrl_z_suspends_e_exports() {
    let mut app = bundled();
    assert_eq!(key(&mut app, 'q'), Some(Effect::Quit));
    assert_eq!(
        press(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL),
        Some(Effect::Quit)
    );
    assert_eq!(
        press(&mut app, KeyCode::Char('z'), KeyModifiers::CONTROL),
        Some(Effect::Suspend)
    );
    assert_eq!(key(&mut app, 'e'), None, "e opens the export dialog");
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    key(&mut app, '?');
    assert_eq!(
        press(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL),
        Some(Effect::Quit),
        "Ctrl-C quits from help too"
    );
    // A plain c is not Ctrl-C.
    assert_eq!(
        keys::action_for(&app, KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE)),
        None
    );
}

#[test]
fn key_releases_are_ignored_and_shift_is_in_the_character() {
    let app = bundled();
    let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(keys::action_for(&app, release), None);
    let shifted = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
    assert_eq!(keys::action_for(&app, shifted), Some(Intent::Help));
}

#[test]
fn exported_sets_a_message_that_survives_a_resize() {
    let mut app = bundled();
    run(
        &mut app,
        &[
            Msg::Exported(Ok("2018-08-28-zhejiang.md".into())),
            Msg::Resize(100, 30),
        ],
    );
    let m = app.message.clone().unwrap();
    assert_eq!(m.text, "exported to 2018-08-28-zhejiang.md");
    assert!(!m.error);
    run(
        &mut app,
        &[Msg::Exported(Err(
            "2018-08-28-zhejiang.md: permission denied".into(),
        ))],
    );
    let m = app.message.clone().unwrap();
    assert_eq!(
        m.text,
        "export failed: 2018-08-28-zhejiang.md: permission denied"
    );
    assert!(m.error);
}

#[test]
fn wheel_moves_the_selection_in_the_timeline() {
    let mut app = timed();
    // Over the header, outside the panes: the focused pane, the timeline.
    app.wheel(1, 0, 0);
    assert_eq!(app.selected(), 3);
    app.wheel(-4, 0, 0);
    assert_eq!(app.selected(), 0);
    app.wheel(100, 0, 0);
    assert_eq!(app.selected(), 6);
}

#[test]
fn wheel_scrolls_the_pane_under_the_pointer_and_leaves_the_focus() {
    let mut app = timed();
    intents(&mut app, &[Intent::NextEvent, Intent::NextEvent]);
    let a = *app.layout().day().expect("80x24 has panes");
    let (detail, timeline) = (
        (a.detail.x + 1, a.detail.y + 1),
        (a.timeline.x + 1, a.timeline.y + 1),
    );
    // The timeline has the focus; the wheel over the details scrolls them
    // (as far as they go: without the focus our delegation is one line,
    // and one line is left below the pane).
    app.wheel(1, detail.0, detail.1);
    assert_eq!((app.selected(), app.detail_scroll()), (2, 1));
    assert_eq!(app.focus(), Focus::Timeline);
    // The details have the focus; the wheel over the timeline moves the selection.
    app.send(Intent::ToggleFocus);
    app.wheel(-1, timeline.0, timeline.1);
    assert_eq!(app.selected(), 0, "three lines up from the third event");
    assert_eq!(app.focus(), Focus::Details);
}

#[test]
fn a_filter_change_rebuilds_the_view_once_and_keeps_a_visible_selection() {
    let mut app = timed();
    intents(&mut app, &[Intent::LastDay, Intent::NextEvent]);
    assert_eq!(app.selected(), 1);
    let tokyo = Filter {
        prefectures: vec![Some(PrefectureName::Known(
            Prefecture::parse("Tokyo").unwrap(),
        ))],
        ..Filter::default()
    };
    app.set_filter(tokyo);
    assert_eq!(app.event_count(), 1, "only Haneda is in Tokyo");
    assert_eq!(app.selected(), 0, "Haneda stays selected");
    assert_eq!(common::tabs::tabs(&app)[0].events.len(), 0);
    intents(&mut app, &[Intent::FirstDay]);
    assert_eq!((app.selected(), app.selected_event()), (0, None));
    app.set_filter(Filter::default());
    assert_eq!(app.event_count(), 7);
}

#[test]
fn hour_range_widens_to_the_day_and_defaults_to_8_to_20() {
    let app = timed();
    assert_eq!(
        common::tabs::tabs(&app)[0].hours,
        Some((7, 22)),
        "07:30 breakfast, 21:30 end of dinner"
    );
    assert_eq!(
        common::tabs::tabs(&app)[1].hours,
        None,
        "an empty day has no bar"
    );
    assert_eq!(
        common::tabs::tabs(&app)[2].hours,
        Some((8, 20)),
        "14:00 fits"
    );
    assert_eq!(
        common::tabs::tabs(&bundled())[1].hours,
        None,
        "no times: no bar"
    );
}

/// Every action a person can ask for by key; a new variant must be added
/// here (the match below does not compile otherwise) and to the key table.
fn user_actions() -> Vec<Intent> {
    let all = vec![
        Intent::Quit,
        Intent::Suspend,
        Intent::PrevDay,
        Intent::NextDay,
        Intent::Day(1),
        Intent::FirstDay,
        Intent::LastDay,
        Intent::PrevEvent,
        Intent::NextEvent,
        Intent::PageUp,
        Intent::PageDown,
        Intent::ScrollUp,
        Intent::ScrollDown,
        Intent::ScrollLeft,
        Intent::ScrollRight,
        Intent::PrevChoice,
        Intent::NextChoice,
        Intent::ToggleFocus,
        Intent::FocusTimeline,
        Intent::Today,
        Intent::Help,
        Intent::CloseHelp,
        Intent::Export,
        Intent::Reload,
        Intent::Diagnostics,
        Intent::CloseDiagnostics,
        Intent::OpenPicker,
        Intent::ClearFilter,
        Intent::OpenSearch,
        Intent::NextMatch,
        Intent::PrevMatch,
        Intent::OpenGoTo,
        Intent::ClearSearch,
        Intent::OpenLog,
        Intent::OpenPeople,
        Intent::OpenTrip,
        Intent::OpenPersonFilter,
        Intent::ClearPersonFilter,
        Intent::SwitchView,
        Intent::Type(' '),
        Intent::Backspace,
        Intent::Toggle,
        Intent::Accept,
        Intent::Cancel,
        Intent::CycleStatus,
        Intent::Later,
        Intent::Earlier,
        Intent::EditText,
        Intent::AddMeeting,
        Intent::Delete,
        Intent::Undo,
        Intent::Redo,
        Intent::OpenEditor,
        Intent::Line(LineKey::Left),
        Intent::Line(LineKey::Right),
        Intent::Line(LineKey::WordLeft),
        // WordRight is shown under WordLeft's label, as days 2..9 under 1..9.
        Intent::Line(LineKey::Home),
        Intent::Line(LineKey::End),
        Intent::Line(LineKey::DeleteNext),
        Intent::Line(LineKey::DeleteWord),
        Intent::Line(LineKey::DeleteToStart),
        Intent::Line(LineKey::DeleteToEnd),
        Intent::Yes,
        Intent::No,
        Intent::NextField,
        Intent::PrevField,
    ];
    for a in &all {
        match a {
            Intent::Quit
            | Intent::Suspend
            | Intent::PrevDay
            | Intent::NextDay
            | Intent::Day(_)
            | Intent::FirstDay
            | Intent::LastDay
            | Intent::PrevEvent
            | Intent::NextEvent
            | Intent::PageUp
            | Intent::PageDown
            | Intent::ScrollUp
            | Intent::ScrollDown
            | Intent::ScrollLeft
            | Intent::ScrollRight
            | Intent::PrevChoice
            | Intent::NextChoice
            | Intent::ToggleFocus
            | Intent::FocusTimeline
            | Intent::Today
            | Intent::Help
            | Intent::CloseHelp
            | Intent::Export
            | Intent::Reload
            | Intent::Diagnostics
            | Intent::CloseDiagnostics
            | Intent::OpenPicker
            | Intent::ClearFilter
            | Intent::OpenSearch
            | Intent::NextMatch
            | Intent::PrevMatch
            | Intent::OpenGoTo
            | Intent::OpenPeople
            | Intent::OpenTrip
            | Intent::OpenPersonFilter
            | Intent::ClearPersonFilter
            | Intent::SwitchView
            | Intent::ClearSearch
            | Intent::OpenLog
            | Intent::Type(_)
            | Intent::Backspace
            | Intent::Toggle
            | Intent::Accept
            | Intent::Cancel
            | Intent::CycleStatus
            | Intent::Later
            | Intent::Earlier
            | Intent::EditText
            | Intent::AddMeeting
            | Intent::Delete
            | Intent::Undo
            | Intent::Redo
            | Intent::OpenEditor
            | Intent::Yes
            | Intent::No
            | Intent::OpenForm
            | Intent::AddStop
            | Intent::NextField
            | Intent::PrevField
            | Intent::Save
            | Intent::TakeTheirs
            | Intent::Line(_) => {}
            // Not keys: the mouse (resizes, reloads and exports are
            // messages, not intents).
            Intent::SelectTab(_) | Intent::SelectRow(_) | Intent::Focus(_) | Intent::Scroll(..) => {
                unreachable!()
            }
        }
    }
    all
}

#[test]
fn every_user_action_has_a_key_and_a_description_in_help() {
    for action in user_actions() {
        let b = BINDINGS
            .iter()
            .find(|b| b.action == action && !b.label.is_empty())
            .unwrap_or_else(|| panic!("{action:?} has no labelled binding"));
        assert!(
            !b.keys.is_empty() && !b.description.is_empty(),
            "{action:?}"
        );
    }
    for n in 1..=9 {
        assert!(
            BINDINGS.iter().any(|b| b.action == Intent::Day(n)),
            "day {n}"
        );
    }
}

#[test]
fn no_key_is_bound_twice_in_one_context() {
    for (i, a) in BINDINGS.iter().enumerate() {
        for b in &BINDINGS[i + 1..] {
            let overlap = a.context == b.context
                || a.context == Context::Anywhere
                || b.context == Context::Anywhere;
            for k in a.keys {
                assert!(
                    !(overlap && b.keys.contains(k)),
                    "{k:?} in {:?} and {:?}",
                    a.action,
                    b.action
                );
            }
        }
    }
}

#[test]
fn hints_and_help_are_generated_from_the_table() {
    let mut app = bundled();
    // Wide enough for every hint.
    app.send(Msg::Resize(200, 50));
    let hints: Vec<_> = keys::hints(&app).collect();
    let from_table: Vec<_> = BINDINGS
        .iter()
        .filter(|b| matches!(b.context, Context::Browse | Context::Anywhere))
        // The bundled trip is not a file: no editing key is offered.
        .filter(|b| !keys::edits_file(b.action))
        .filter_map(|b| b.hint)
        .collect();
    assert_eq!(hints, from_table);
    assert_eq!((hints[0].keys, hints[0].words), ("h/l", "day"));
    let status = itinerary::ui::status::line(&app, &app.theme, &app.keys).to_string();
    for h in &hints {
        assert!(
            status.contains(&format!("{} {}", h.keys, h.words)),
            "{status}"
        );
    }
    let help: Vec<String> = itinerary::ui::help::lines(&app.theme, &app.keys)
        .iter()
        .map(|l| l.to_string())
        .collect();
    for b in BINDINGS.iter().filter(|b| !b.label.is_empty()) {
        assert!(
            help.iter()
                .any(|l| l.contains(b.label) && l.contains(b.description)),
            "{} {} missing from help",
            b.label,
            b.description
        );
    }
    // Each key of every binding is a key that dispatches to its action.
    let mut help_app = bundled();
    help_app.send(Intent::Help);
    let mut pane_app = bundled();
    pane_app.send(Intent::Diagnostics);
    let mut picker_app = bundled();
    picker_app.send(Intent::OpenPicker);
    let mut search_app = bundled();
    search_app.send(Intent::OpenSearch);
    let mut goto_app = bundled();
    goto_app.send(Intent::OpenGoTo);
    let mut details_app = bundled();
    details_app.send(Intent::ToggleFocus);
    let mut entry_app = editable();
    entry_app.send(Intent::EditText);
    assert!(
        entry_app.entry().is_some(),
        "{:?}",
        entry_app.status_message()
    );
    let mut confirm_app = editable();
    confirm_app.send(Intent::Delete);
    assert!(confirm_app.confirm().is_some());
    let mut form_app = editable();
    form_app.send(Intent::OpenForm);
    assert!(form_app.form().is_some(), "{:?}", form_app.status_message());
    let mut people_app = bundled();
    people_app.send(Intent::OpenPeople);
    let mut trip_app = bundled();
    trip_app.send(Intent::OpenTrip);
    let mut glance_app = bundled();
    glance_app.send(Intent::SwitchView);
    let mut person_app = bundled();
    person_app.send(Intent::OpenPersonFilter);
    let mut log_app = bundled();
    log_app.send(Intent::OpenLog);
    let mut small_app = bundled();
    small_app.send(Msg::Resize(50, 12));
    let mut export_app = bundled();
    export_app.send(Intent::Export);
    for b in BINDINGS {
        let state = match b.context {
            Context::Help => &help_app,
            Context::Diagnostics => &pane_app,
            Context::Picker => &picker_app,
            Context::Search => &search_app,
            Context::GoTo => &goto_app,
            Context::Details => &details_app,
            Context::Entry => &entry_app,
            Context::Confirm => &confirm_app,
            Context::People => &people_app,
            Context::Form => &form_app,
            Context::TripInfo => &trip_app,
            Context::Glance => &glance_app,
            Context::PersonPicker => &person_app,
            Context::TooSmall => &small_app,
            Context::Log => &log_app,
            Context::Export | Context::ExportChoice => &export_app,
            Context::Browse | Context::Anywhere => &app,
        };
        for k in b.keys {
            // Any character stands for itself.
            let (ev, want) = if *k == keys::TEXT {
                (
                    KeyEvent::new(KeyCode::Char('x'), KeyModifiers::NONE),
                    Intent::Type('x'),
                )
            } else {
                (KeyEvent::new(k.code, k.modifiers), b.action)
            };
            // A browsing key the details take over does what they say.
            let shadowed = b.context == Context::Browse
                && BINDINGS
                    .iter()
                    .any(|d| d.context == Context::Details && d.keys.contains(k));
            if !shadowed {
                assert_eq!(keys::action_for(state, ev), Some(want), "{k:?}");
            }
        }
    }
    let help_hints: Vec<_> = keys::hints(&help_app).collect();
    assert_eq!((help_hints[0].keys, help_hints[0].words), ("Esc", "close"));
}

#[test]
fn update_keeps_the_scrolls_inside_the_viewport_the_draw_reported() {
    use itinerary::app::{self, Viewport};
    let loaded = load::load_str(include_str!("../fixtures/ui-timed.toml")).unwrap();
    let mut app = App::new("ui-timed.toml".into(), loaded.trip, None);
    // No frame yet: nothing is measured, nothing clamped.
    app::update(&mut app, Intent::ToggleFocus);
    for _ in 0..5 {
        app::update(&mut app, Intent::NextEvent);
    }
    assert_eq!(app.detail_scroll(), 5);
    let viewport = Viewport {
        timeline_rows: 2,
        detail_rows: 10,
        detail_lines: 12,
        ..Viewport::default()
    };
    app::update(&mut app, Msg::Viewport(viewport));
    assert_eq!(app.detail_scroll(), 2, "12 lines in 10 rows scroll by two");
    // The timeline keeps the selection in the rows the frame had.
    app::update(&mut app, Intent::ToggleFocus);
    for _ in 0..4 {
        app::update(&mut app, Intent::NextEvent);
    }
    assert_eq!((app.selected(), app.offset()), (4, 3));
    app::update(&mut app, Intent::PageUp);
    assert_eq!((app.selected(), app.offset()), (2, 2), "a page is two rows");
}

/// Issue 22, item 1: while the terminal is too small the screen shows only
/// that, so no key may act but quit and suspend.
#[test]
fn while_too_small_only_quit_and_suspend_act() {
    let mut app = editable();
    app.send(Msg::Resize(50, 12));
    for intent in [
        Intent::Delete,
        Intent::CycleStatus,
        Intent::NextEvent,
        Intent::Help,
    ] {
        assert_eq!(app.send(intent), None, "{intent:?}");
    }
    assert!(app.confirm().is_none());
    assert_eq!(app.selected(), 0);
    assert_eq!(*app.overlay(), itinerary::app::Overlay::None);
    let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(keys::action_for(&app, q), Some(Intent::Quit));
    let d = KeyEvent::new(KeyCode::Char('D'), KeyModifiers::NONE);
    assert_eq!(keys::action_for(&app, d), None);
    assert_eq!(app.send(Intent::Quit), Some(Effect::Quit));
}

//! The pure half of live reload: the status-line messages and diagnostics
//! pane of `ReloadState`, and keeping the person's place with
//! `carry_selection` / `carry_day`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveTime;

use itinerary::load::{self, Diagnostic};
use itinerary::model::{DayRef, EventRef, Filter, Trip};
use itinerary::prefecture::{Prefecture, PrefectureName};
use itinerary::reload::{
    Problem, ReloadMsg, ReloadOutcome, ReloadState, carry_day, carry_selection, render_lines,
};
use itinerary::work;

fn t(h: u32, m: u32, s: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, s).unwrap()
}

// ---------------------------------------------------------------- state

/// A broken file whose error is on line 3, column 7 (`10:45`).
const BROKEN: &str = "[[day.stop.meeting]]\nstart = 11:30\nend = 10:45\n";

fn end_before_start() -> Diagnostic {
    let at = BROKEN.find("10:45").unwrap();
    Diagnostic::error(
        "meeting ends before it starts (11:30 > 10:45)",
        Some(at..at + 5),
    )
}

fn fresh() -> ReloadState {
    ReloadState::new(t(10, 14, 58), Vec::new(), "good".into())
}

#[test]
fn good_bad_good_keeps_the_time_of_the_last_good_version_and_then_clears() {
    let mut state = fresh();
    assert_eq!(state.status(), None);

    let shown = state.on_failed(vec![end_before_start()], BROKEN.into());
    let expected = "file has errors — showing the version of 10:14:58 \
                    (line 3:7: meeting ends before it starts (11:30 > 10:45))";
    assert_eq!(shown, expected);
    assert_eq!(state.status().as_deref(), Some(expected));

    // A second broken save still shows the version of 10:14:58, with its own error.
    let other = "x\ny = \n";
    let shown = state.on_failed(
        vec![Diagnostic::error("expected a value", Some(6..7))],
        other.into(),
    );
    assert_eq!(
        shown,
        "file has errors — showing the version of 10:14:58 (line 2:5: expected a value)"
    );

    let shown = state.on_loaded(t(10, 20, 3), Vec::new(), "fixed".into());
    assert_eq!(shown, "reloaded at 10:20:03");
    assert_eq!(state.status(), None);
    assert_eq!(state.problem(), &Problem::None);
    assert_eq!(state.shown_at(), t(10, 20, 3));
}

#[test]
fn delete_then_recreate() {
    let mut state = fresh();
    let expected = "file is gone — showing the version of 10:14:58; waiting for it to come back";
    assert_eq!(state.on_missing(), expected);
    assert_eq!(state.status().as_deref(), Some(expected));
    // Coming back broken is an error about the new file, still against the old time.
    assert_eq!(
        state.on_failed(
            vec![Diagnostic::error("file is empty", None)],
            String::new()
        ),
        "file has errors — showing the version of 10:14:58 (file is empty)"
    );
    assert_eq!(state.on_missing(), expected);
    state.on_loaded(t(11, 0, 0), Vec::new(), "back".into());
    assert_eq!(state.status(), None);
}

#[test]
fn the_first_error_is_named_even_after_a_warning() {
    let text = "a = 1\nb = 2\n";
    let mut state = fresh();
    let shown = state.on_failed(
        vec![
            Diagnostic::warning("unknown prefecture \"Tokio\"", Some(0..1)),
            Diagnostic::error("unknown key `b`", Some(6..7)),
        ],
        text.into(),
    );
    assert_eq!(
        shown,
        "file has errors — showing the version of 10:14:58 (line 2:1: unknown key `b`)"
    );
}

#[test]
fn a_message_with_control_characters_or_line_breaks_stays_on_one_safe_line() {
    let mut state = fresh();
    let shown = state.on_failed(
        vec![Diagnostic::error("bad \u{1b}[31mvalue\nhere", None)],
        String::new(),
    );
    assert_eq!(
        shown,
        "file has errors — showing the version of 10:14:58 (bad \u{FFFD}[31mvalue here)"
    );
}

#[test]
fn a_good_reload_counts_its_warnings() {
    let mut state = fresh();
    let w = || Diagnostic::warning("person \"son\" is never referenced", None);
    assert_eq!(
        state.on_loaded(t(9, 5, 0), vec![w()], "t".into()),
        "reloaded at 09:05:00 — 1 warning (! shows it)"
    );
    assert_eq!(
        state.on_loaded(t(9, 6, 0), vec![w(), w()], "t".into()),
        "reloaded at 09:06:00 — 2 warnings (! shows them)"
    );
}

#[test]
fn apply_hands_back_the_trip_only_when_it_loaded() {
    let trip = load::load_str(TRIP).unwrap().trip;
    let mut state = fresh();
    let msg = |outcome| ReloadMsg {
        at: t(12, 0, 0),
        manual: false,
        outcome,
    };
    let (shown, status) = state.apply(msg(ReloadOutcome::Missing));
    assert!(shown.is_none());
    assert!(status.starts_with("file is gone"), "{status}");
    let (shown, status) = state.apply(msg(ReloadOutcome::Loaded {
        trip: Box::new(trip.clone()),
        warnings: Vec::new(),
        text: TRIP.into(),
    }));
    assert_eq!(shown.as_deref(), Some(&trip));
    assert_eq!(status, "reloaded at 12:00:00");
}

#[test]
fn the_pane_shows_the_errors_exactly_as_check_prints_them() {
    let mut state = fresh();
    state.on_failed(
        vec![
            end_before_start(),
            Diagnostic::error("file is empty", None).with_help("add a [trip] table"),
        ],
        BROKEN.into(),
    );
    assert_eq!(
        state.pane_title("trip.toml"),
        "trip.toml: 2 errors · 0 warnings"
    );
    let expected = "\
error: meeting ends before it starts (11:30 > 10:45)
 --> trip.toml:3:7
  |
3 | end = 10:45
  |       ^^^^^

error: file is empty
  --> trip.toml
  = help: add a [trip] table

";
    assert_eq!(state.pane_lines("trip.toml").join("\n") + "\n", expected);
    // The same rendering check uses: each diagnostic, then a blank line.
    let check: String = [end_before_start()]
        .iter()
        .map(|d| format!("{}\n", d.render("trip.toml", BROKEN)))
        .collect();
    assert_eq!(
        render_lines("trip.toml", BROKEN, &[end_before_start()]).join("\n") + "\n",
        check
    );
}

#[test]
fn the_pane_shows_the_warnings_of_the_version_on_screen_when_the_file_loads() {
    let text = "[people.son]\nname = \"Masayoshi Son\"\n";
    let warning = Diagnostic::warning("person `son` is never referenced", Some(9..12));
    let mut state = ReloadState::new(t(8, 0, 0), vec![warning], text.into());
    assert_eq!(state.pane_title("a.toml"), "a.toml: 0 errors · 1 warning");
    assert_eq!(
        state.pane_lines("a.toml"),
        [
            "warning: person `son` is never referenced",
            " --> a.toml:1:10",
            "  |",
            "1 | [people.son]",
            "  |          ^^^",
            "",
        ]
    );
    state.on_loaded(t(8, 1, 0), Vec::new(), text.into());
    assert_eq!(
        state.pane_lines("a.toml"),
        ["a.toml: no errors, no warnings"]
    );
    state.on_missing();
    assert_eq!(
        state.pane_lines("a.toml"),
        [
            "a.toml is gone (deleted or renamed away).",
            "The browser shows the version of 08:01:00 and picks the file up when it comes back.",
        ]
    );
}

// ---------------------------------------------------------------- carry

const TRIP: &str = r#"
[trip]
title    = "Test trip"
start    = 2018-08-26
end      = 2018-08-28
timezone = "Asia/Tokyo"

[[day]]
date  = 2018-08-27
title = "Shizuoka"

[[day.stop]]
place      = "Mount Fuji Shizuoka Airport"
kind       = "arrival"
prefecture = "Shizuoka"
arrive     = 09:00

[[day.stop]]
place      = "Shizuoka Prefectural Government"
prefecture = "Shizuoka"
arrive     = 10:00
depart     = 12:00

[[day.stop.meeting]]
title = "Talks with Governor Heita Kawakatsu"
start = 10:30
end   = 11:30

[[day.stop.meeting]]
title = "Signing ceremony"
start = 11:30
end   = 11:45

[[day.stop]]
place      = "Hotel Associa"
kind       = "hotel"
prefecture = "Shizuoka"
arrive     = 18:00

[[day]]
date  = 2018-08-28
title = "Tokyo"

[[day.stop]]
place      = "Keidanren Kaikan"
prefecture = "Tokyo"
arrive     = 14:00

[[unscheduled]]
place      = "Business forum"
prefecture = "Tokyo"
"#;

fn trip(text: &str) -> Trip {
    match load::load_str(text) {
        Ok(loaded) => loaded.trip,
        Err(d) => panic!("fixture does not load: {d:?}"),
    }
}

/// `TRIP` with each `(from, to)` replaced, every replacement checked to apply.
fn edited(edits: &[(&str, &str)]) -> String {
    edits.iter().fold(TRIP.to_string(), |text, (from, to)| {
        assert!(text.contains(from), "edit does not apply: {from}");
        text.replacen(from, to, 1)
    })
}

/// The event titled `title` (a place or a meeting title).
fn find(trip: &Trip, title: &str) -> EventRef {
    let days = (0..trip.days.len())
        .map(DayRef::Day)
        .chain([DayRef::Unscheduled]);
    days.flat_map(|d| trip.events(d).collect::<Vec<_>>())
        .find(|(_, e)| e.title() == title)
        .map(|(r, _)| r)
        .unwrap_or_else(|| panic!("no event {title}"))
}

/// "2018-08-27 Signing ceremony": what the person sees selected.
fn shown(trip: &Trip, r: Option<EventRef>) -> String {
    let Some(r) = r else { return "nothing".into() };
    let day = match r.day {
        DayRef::Day(i) => trip.days[i].date.to_string(),
        DayRef::Unscheduled => "unscheduled".into(),
    };
    let title = trip.event(r).map_or("<dangling>", |e| e.title());
    format!("{day} {title}")
}

/// Selects `title` in `TRIP`, reloads `new_text`, and says what is selected.
fn carry(title: &str, new_text: &str) -> String {
    carry_filtered(title, new_text, &Filter::default())
}

fn carry_filtered(title: &str, new_text: &str, filter: &Filter) -> String {
    let old = trip(TRIP);
    let new = trip(new_text);
    shown(&new, carry_selection(&old, find(&old, title), &new, filter))
}

#[test]
fn an_unchanged_file_keeps_every_selection() {
    let old = trip(TRIP);
    let new = trip(TRIP);
    let days = (0..old.days.len())
        .map(DayRef::Day)
        .chain([DayRef::Unscheduled]);
    let mut seen = 0;
    for day in days {
        for (r, _) in old.events(day) {
            assert_eq!(carry_selection(&old, r, &new, &Filter::default()), Some(r));
            seen += 1;
        }
    }
    assert_eq!(seen, 7);
}

#[test]
fn an_event_that_moved_to_another_row_stays_selected() {
    // The airport now comes last in the day.
    let later = edited(&[("arrive     = 09:00", "arrive     = 19:00")]);
    assert_eq!(
        carry("Mount Fuji Shizuoka Airport", &later),
        "2018-08-27 Mount Fuji Shizuoka Airport"
    );
    // A stop inserted before the selected meeting shifts its row.
    let inserted = edited(&[(
        "[[day.stop]]\nplace      = \"Mount Fuji",
        "[[day.stop]]\nplace = \"Breakfast\"\nprefecture = \"Shizuoka\"\narrive = 07:00\n\n\
         [[day.stop]]\nplace      = \"Mount Fuji",
    )]);
    assert_eq!(
        carry("Signing ceremony", &inserted),
        "2018-08-27 Signing ceremony"
    );
    assert_eq!(
        carry("Hotel Associa", &inserted),
        "2018-08-27 Hotel Associa"
    );
}

#[test]
fn an_event_renamed_in_its_place_in_the_file_stays_selected() {
    // Renamed and moved to the end of the day: found by its origin, the
    // same table in the file, not by the row that now stands where it stood.
    let renamed = edited(&[(
        "place      = \"Mount Fuji Shizuoka Airport\"\nkind       = \"arrival\"\n\
         prefecture = \"Shizuoka\"\narrive     = 09:00",
        "place      = \"Fuji Airport\"\nkind       = \"arrival\"\n\
         prefecture = \"Shizuoka\"\narrive     = 19:00",
    )]);
    assert_eq!(
        carry("Mount Fuji Shizuoka Airport", &renamed),
        "2018-08-27 Fuji Airport"
    );
    // A meeting retitled and moved after its sibling.
    let retitled = edited(&[(
        "title = \"Talks with Governor Heita Kawakatsu\"\nstart = 10:30\nend   = 11:30",
        "title = \"Talks with the Governor\"\nstart = 11:40\nend   = 11:50",
    )]);
    assert_eq!(
        carry("Talks with Governor Heita Kawakatsu", &retitled),
        "2018-08-27 Talks with the Governor"
    );
}

#[test]
fn a_removed_event_gives_way_to_the_nearest_row() {
    // The stop and its meetings are gone: the row that followed it.
    let without_government = edited(&[(
        "[[day.stop]]\nplace      = \"Shizuoka Prefectural Government\"\nprefecture = \"Shizuoka\"\narrive     = 10:00\ndepart     = 12:00\n\n\
         [[day.stop.meeting]]\ntitle = \"Talks with Governor Heita Kawakatsu\"\nstart = 10:30\nend   = 11:30\n\n\
         [[day.stop.meeting]]\ntitle = \"Signing ceremony\"\nstart = 11:30\nend   = 11:45\n",
        "",
    )]);
    assert_eq!(
        carry("Shizuoka Prefectural Government", &without_government),
        "2018-08-27 Hotel Associa"
    );
    assert_eq!(
        carry("Signing ceremony", &without_government),
        "2018-08-27 Hotel Associa"
    );
    // The last row removed: the new last row.
    let without_hotel = edited(&[(
        "[[day.stop]]\nplace      = \"Hotel Associa\"\nkind       = \"hotel\"\nprefecture = \"Shizuoka\"\narrive     = 18:00\n",
        "",
    )]);
    assert_eq!(
        carry("Hotel Associa", &without_hotel),
        "2018-08-27 Signing ceremony"
    );
    // The day emptied: nothing to select on it.
    let empty_day = edited(&[(
        "[[day]]\ndate  = 2018-08-28\ntitle = \"Tokyo\"\n\n[[day.stop]]\nplace      = \"Keidanren Kaikan\"\nprefecture = \"Tokyo\"\narrive     = 14:00\n",
        "[[day]]\ndate  = 2018-08-28\n",
    )]);
    assert_eq!(carry("Keidanren Kaikan", &empty_day), "nothing");
}

#[test]
fn a_removed_meeting_gives_way_to_a_meeting_of_the_same_stop() {
    let without_talks = edited(&[(
        "[[day.stop.meeting]]\ntitle = \"Talks with Governor Heita Kawakatsu\"\nstart = 10:30\nend   = 11:30\n",
        "",
    )]);
    assert_eq!(
        carry("Talks with Governor Heita Kawakatsu", &without_talks),
        "2018-08-27 Signing ceremony"
    );
    let no_meetings = edited(&[
        (
            "[[day.stop.meeting]]\ntitle = \"Talks with Governor Heita Kawakatsu\"\nstart = 10:30\nend   = 11:30\n",
            "",
        ),
        (
            "[[day.stop.meeting]]\ntitle = \"Signing ceremony\"\nstart = 11:30\nend   = 11:45\n",
            "",
        ),
    ]);
    assert_eq!(
        carry("Signing ceremony", &no_meetings),
        "2018-08-27 Shizuoka Prefectural Government"
    );
    // A retitled meeting keeps its place in its stop.
    let retitled = edited(&[("title = \"Talks with", "title = \"Talks held with")]);
    assert_eq!(
        carry("Talks with Governor Heita Kawakatsu", &retitled),
        "2018-08-27 Talks held with Governor Heita Kawakatsu"
    );
}

#[test]
fn a_meeting_is_followed_to_another_stop_and_through_its_stop_being_renamed() {
    let talks = "[[day.stop.meeting]]\ntitle = \"Talks with Governor Heita Kawakatsu\"\nstart = 10:30\nend   = 11:30\n";
    let moved = edited(&[
        (talks, ""),
        (
            "arrive     = 18:00\n",
            &format!("arrive     = 18:00\n\n{talks}"),
        ),
    ]);
    let old = trip(TRIP);
    let new = trip(&moved);
    let carried = carry_selection(
        &old,
        find(&old, "Talks with Governor Heita Kawakatsu"),
        &new,
        &Filter::default(),
    )
    .unwrap();
    assert_eq!(new.stops(carried.day)[carried.stop].place, "Hotel Associa");
    assert_eq!(
        shown(&new, Some(carried)),
        "2018-08-27 Talks with Governor Heita Kawakatsu"
    );

    let renamed = edited(&[(
        "\"Shizuoka Prefectural Government\"",
        "\"Shizuoka Prefectural Office\"",
    )]);
    assert_eq!(
        carry("Signing ceremony", &renamed),
        "2018-08-27 Signing ceremony"
    );
    // The renamed stop itself is gone by identity: the row where it stood.
    assert_eq!(
        carry("Shizuoka Prefectural Government", &renamed),
        "2018-08-27 Shizuoka Prefectural Office"
    );
}

#[test]
fn a_fixed_prefecture_keeps_the_stop() {
    let typo = edited(&[(
        "place      = \"Hotel Associa\"\nkind       = \"hotel\"\nprefecture = \"Shizuoka\"",
        "place      = \"Hotel Associa\"\nkind       = \"hotel\"\nprefecture = \"Shizuok\"",
    )]);
    let old = trip(&typo);
    let new = trip(TRIP);
    let sel = find(&old, "Hotel Associa");
    assert_eq!(
        shown(&new, carry_selection(&old, sel, &new, &Filter::default())),
        "2018-08-27 Hotel Associa"
    );
}

#[test]
fn the_same_place_twice_a_day_keeps_which_one() {
    let twice = edited(&[(
        "[[day.stop]]\nplace      = \"Mount Fuji",
        "[[day.stop]]\nplace = \"Hotel Associa\"\nprefecture = \"Shizuoka\"\narrive = 07:00\n\n\
         [[day.stop]]\nplace      = \"Mount Fuji",
    )]);
    let old = trip(&twice);
    let evening = EventRef {
        day: DayRef::Day(1),
        stop: 3,
        meeting: None,
    };
    assert_eq!(old.stops(DayRef::Day(1))[3].place, "Hotel Associa");
    // The evening arrival moves to 19:00: still the second Hotel Associa.
    let new = trip(&twice.replace("arrive     = 18:00", "arrive     = 19:00"));
    assert_eq!(
        carry_selection(&old, evening, &new, &Filter::default()),
        Some(evening)
    );
    // The morning one is selected and its time changes: found by rank.
    let morning = EventRef {
        day: DayRef::Day(1),
        stop: 0,
        meeting: None,
    };
    let new = trip(&twice.replace("arrive = 07:00", "arrive = 06:30"));
    assert_eq!(
        carry_selection(&old, morning, &new, &Filter::default()),
        Some(morning)
    );
}

#[test]
fn days_are_matched_by_date() {
    // The trip now starts a day earlier: every day index shifts by one.
    let earlier = edited(&[("start    = 2018-08-26", "start    = 2018-08-25")]);
    let old = trip(TRIP);
    let new = trip(&earlier);
    assert_eq!(carry_day(&old, DayRef::Day(1), &new), DayRef::Day(2));
    assert_eq!(
        carry("Signing ceremony", &earlier),
        "2018-08-27 Signing ceremony"
    );
    assert_eq!(
        carry("Business forum", &earlier),
        "unscheduled Business forum"
    );
}

#[test]
fn a_day_that_left_the_trip_gives_way_to_the_nearest_day() {
    let shorter = edited(&[
        ("end      = 2018-08-28", "end      = 2018-08-27"),
        (
            "[[day]]\ndate  = 2018-08-28\ntitle = \"Tokyo\"\n\n[[day.stop]]\nplace      = \"Keidanren Kaikan\"\nprefecture = \"Tokyo\"\narrive     = 14:00\n",
            "",
        ),
    ]);
    let old = trip(TRIP);
    let new = trip(&shorter);
    assert_eq!(carry_day(&old, DayRef::Day(2), &new), DayRef::Day(1));
    // Another day: its first row, not a row number from a different day.
    assert_eq!(
        carry("Keidanren Kaikan", &shorter),
        "2018-08-27 Mount Fuji Shizuoka Airport"
    );
    // The day before the trip's new start: the first day.
    let later_start = edited(&[("start    = 2018-08-26", "start    = 2018-08-27")]);
    assert_eq!(
        carry_day(&old, DayRef::Day(0), &trip(&later_start)),
        DayRef::Day(0)
    );
}

#[test]
fn unscheduled_stops_that_are_gone_give_way_to_the_last_day() {
    let none = edited(&[(
        "[[unscheduled]]\nplace      = \"Business forum\"\nprefecture = \"Tokyo\"\n",
        "",
    )]);
    let old = trip(TRIP);
    let new = trip(&none);
    assert_eq!(carry_day(&old, DayRef::Unscheduled, &new), DayRef::Day(2));
    assert_eq!(
        carry("Business forum", &none),
        "2018-08-28 Keidanren Kaikan"
    );
}

#[test]
fn the_filter_is_respected() {
    let shizuoka = Filter {
        prefectures: vec![Some(PrefectureName::Known(
            Prefecture::parse("Shizuoka").unwrap(),
        ))],
        ..Filter::default()
    };
    assert_eq!(
        carry_filtered("Signing ceremony", TRIP, &shizuoka),
        "2018-08-27 Signing ceremony"
    );
    // The selected stop moves to Tokyo, out of the filter: the nearest shown row.
    let moved = edited(&[(
        "place      = \"Hotel Associa\"\nkind       = \"hotel\"\nprefecture = \"Shizuoka\"",
        "place      = \"Hotel Associa\"\nkind       = \"hotel\"\nprefecture = \"Tokyo\"",
    )]);
    assert_eq!(
        carry_filtered("Hotel Associa", &moved, &shizuoka),
        "2018-08-27 Signing ceremony"
    );
    // Nothing on the day passes the filter.
    assert_eq!(
        carry_filtered("Keidanren Kaikan", TRIP, &shizuoka),
        "nothing"
    );
}

/// A file with 20,000 warnings, one a line: `k0 = 1`, `k1 = 1`…
fn many_warnings() -> (String, Vec<Diagnostic>) {
    let mut text = String::new();
    let mut warnings = Vec::new();
    for i in 0..20_000 {
        let start = text.len();
        text.push_str(&format!("k{i} = 1\n"));
        warnings.push(Diagnostic::warning("a warning", Some(start..start + 2)));
    }
    (text, warnings)
}

#[test]
fn the_pane_renders_in_linear_time() {
    let (text, warnings) = many_warnings();
    let len = text.len() as u64;
    let mut state = ReloadState::new(t(8, 0, 0), warnings, text);
    let (lines, first) = work::measure(|| state.pane_lines("a.toml"));
    assert_eq!(lines.len(), 20_000 * 6);
    assert_eq!(lines[6 * 19_999 + 1], "     --> a.toml:20000:1");
    // The text indexed once, then each warning's own line: rendering each
    // against the whole text would count 20,000 times its length. (The
    // browser renders them when the pane opens, not per frame: tests/live.rs.)
    assert!(first.text <= 2 * len, "{first:?} for {len} bytes");
    state.on_missing();
    assert_eq!(
        state.pane_lines("a.toml").len(),
        2,
        "a new version, new lines"
    );
}

#[test]
fn the_pane_names_the_file_it_is_asked_for_and_states_compare_by_what_they_hold() {
    let (text, warnings) = many_warnings();
    let state = ReloadState::new(t(8, 0, 0), warnings[..1].to_vec(), text.clone());
    assert!(state.pane_lines("a.toml")[1].contains("a.toml"));
    // A cache filled for the first name used to answer every later one.
    assert!(state.pane_lines("b.toml")[1].contains("b.toml"));
    let other = ReloadState::new(t(8, 0, 0), warnings[1..2].to_vec(), text);
    assert_ne!(state, other);
}

//! The prefecture filter and the search, driven through the key table:
//! `p` and its picker (typing, Up/Down, Space, Enter, Esc, Backspace), `P`,
//! `/` and its input line, `n` / `N`; and their cost on a huge trip.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;
use crate::generate;

use itinerary::app::{self, App, Effect, Intent, Msg};
use itinerary::keys;
use itinerary::load;
use itinerary::model::{DayRef, EventRef, Filter};
use itinerary::prefecture::{Prefecture, PrefectureName};
use itinerary::ui::headless::Headless;
use itinerary::work;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn bundled() -> Headless {
    let loaded = load::load_str(load::BUNDLED).expect("bundled trip loads");
    let mut app = Headless::new(App::new(load::BUNDLED_NAME.into(), loaded.trip, None));
    app.send(Msg::Resize(80, 24));
    app
}

fn press(app: &mut Headless, code: KeyCode) -> Option<Effect> {
    app.key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Types `text` key by key, through the key table.
fn keys(app: &mut Headless, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn known(name: &str) -> Option<PrefectureName> {
    Some(PrefectureName::Known(Prefecture::parse(name).unwrap()))
}

fn filter(names: &[Option<PrefectureName>]) -> Filter {
    Filter {
        prefectures: names.to_vec(),
        ..Filter::default()
    }
}

/// (day tab, events shown) for every tab.
fn counts(app: &Headless) -> Vec<usize> {
    common::tabs::tabs(app)
        .iter()
        .map(|t| t.events.len())
        .collect()
}

#[test]
fn p_tokyo_enter_filters_to_tokyo_and_lands_on_its_day() {
    let mut app = bundled();
    keys(&mut app, "p");
    assert!(app.picker().is_some());
    keys(&mut app, "tokyo");
    press(&mut app, KeyCode::Enter);
    assert!(app.picker().is_none());
    assert_eq!(app.filter(), &filter(&[known("Tokyo")]));
    assert_eq!(counts(&app), [0, 0, 2, 0, 0, 0]);
    assert_eq!(
        app.selected_event(),
        Some(EventRef {
            day: DayRef::Day(2),
            stop: 0,
            meeting: None
        }),
        "the first day shows nothing now: the selection goes to Tokyo's"
    );
    // The Shizuoka day is empty; P brings everything back.
    keys(&mut app, "2");
    assert_eq!(app.selected_event(), None);
    keys(&mut app, "P");
    assert!(app.filter().is_empty());
    assert_eq!(counts(&app), [0, 2, 2, 2, 0, 8]);
    assert_eq!(app.tab(), 1);
}

#[test]
fn keys_typed_in_the_picker_are_text_not_commands() {
    let mut app = bundled();
    keys(&mut app, "p");
    // q, j, k, ? and digits would quit, move, help, change day outside.
    assert_eq!(press(&mut app, KeyCode::Char('q')), None);
    keys(&mut app, "j?1");
    let picker = app.picker().unwrap();
    assert_eq!(picker.query, "qj?1");
    assert!(picker.shown.is_empty());
    assert_eq!((app.tab(), app.help()), (0, None));
    // Enter with nothing left and nothing toggled keeps the picker open.
    press(&mut app, KeyCode::Enter);
    assert!(app.picker().is_some());
    for _ in 0..4 {
        press(&mut app, KeyCode::Backspace);
    }
    assert_eq!(app.picker().unwrap().shown.len(), 4, "Backspace widens");
    // Esc closes with the filter unchanged.
    press(&mut app, KeyCode::Esc);
    assert!(app.picker().is_none() && app.filter().is_empty());
    // Ctrl-C still quits from the picker.
    keys(&mut app, "p");
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let action = keys::action_for(&app, ctrl_c).unwrap();
    assert_eq!(app.send(action), Some(Effect::Quit));
}

#[test]
fn space_toggles_several_and_enter_applies_them_all() {
    let mut app = bundled();
    keys(&mut app, "p");
    press(&mut app, KeyCode::Char(' ')); // Shizuoka
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char(' ')); // no prefecture, the last row
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Char(' ')); // Tochigi
    press(&mut app, KeyCode::Char(' ')); // and off again
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.filter(), &filter(&[known("Shizuoka"), None]));
    assert_eq!(counts(&app), [0, 2, 0, 0, 0, 8]);
    // A stop's meetings follow it.
    let shown: Vec<_> = common::tabs::tabs(&app)[1]
        .events
        .iter()
        .map(|e| e.meeting)
        .collect();
    assert_eq!(shown, [None, Some(0)]);
}

#[test]
fn kanji_and_suffixed_spellings_narrow_the_picker() {
    for spelling in ["栃木", "Tochigi-ken", "TOCH"] {
        let mut app = bundled();
        keys(&mut app, "p");
        keys(&mut app, spelling);
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.filter(), &filter(&[known("Tochigi")]), "{spelling}");
    }
}

#[test]
fn a_filter_keeps_the_selection_when_it_stays_visible() {
    let mut app = bundled();
    keys(&mut app, "3j");
    let before = app.selected_event();
    app.set_filter(filter(&[known("Tokyo"), known("Tochigi")]));
    assert_eq!(app.selected_event(), before);
}

#[test]
fn slash_searches_as_you_type_across_days_and_enter_keeps_it() {
    let mut app = bundled();
    keys(&mut app, "/");
    assert!(app.search_editing());
    keys(&mut app, "fukuda");
    assert_eq!(app.selected_day(), Some(DayRef::Day(3)), "the Tochigi day");
    press(&mut app, KeyCode::Enter);
    assert!(!app.search_editing());
    assert_eq!(app.search().hits, [(3, 0), (3, 1)]);
    // n / N walk the matches and wrap.
    keys(&mut app, "n");
    assert_eq!((app.tab(), app.selected()), (3, 1));
    keys(&mut app, "n");
    assert_eq!((app.tab(), app.selected()), (3, 0), "wrapped");
    keys(&mut app, "N");
    assert_eq!((app.tab(), app.selected()), (3, 1), "wrapped back");
    // Keys are commands again: q quits.
    assert_eq!(press(&mut app, KeyCode::Char('q')), Some(Effect::Quit));
}

/// The status-line message, if any.
fn said(app: &Headless) -> Option<String> {
    app.message.as_ref().map(|m| m.text.clone())
}

#[test]
fn n_and_shift_n_say_when_the_search_wraps_around() {
    let mut app = bundled();
    keys(&mut app, "/");
    keys(&mut app, "governor");
    press(&mut app, KeyCode::Enter);
    let hits = app.search().hits.clone();
    assert!(hits.len() > 2, "{hits:?}");
    assert_eq!((app.tab(), app.selected()), hits[0]);
    // Within the matches, nothing is said.
    keys(&mut app, "n");
    assert_eq!(((app.tab(), app.selected()), said(&app)), (hits[1], None));
    keys(&mut app, "N");
    assert_eq!(((app.tab(), app.selected()), said(&app)), (hits[0], None));
    // Back past the first: to the last, and said.
    keys(&mut app, "N");
    let wrapped = Some("search wrapped to the last match".to_string());
    assert_eq!(
        ((app.tab(), app.selected()), said(&app)),
        (hits[hits.len() - 1], wrapped)
    );
    let status = itinerary::ui::status::line(&app, &app.theme, &app.keys).to_string();
    assert!(
        status.contains("search wrapped to the last match"),
        "{status}"
    );
    // On past the last: to the first.
    keys(&mut app, "n");
    let wrapped = Some("search wrapped to the first match".to_string());
    assert_eq!(
        ((app.tab(), app.selected()), said(&app)),
        (hits[0], wrapped)
    );
    keys(&mut app, "n");
    assert_eq!(said(&app), None, "the next key clears it");
}

#[test]
fn one_match_wraps_onto_itself_and_says_so() {
    let mut app = bundled();
    keys(&mut app, "/");
    keys(&mut app, "alibaba");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.search().hits.len(), 1);
    keys(&mut app, "n");
    assert_eq!(
        said(&app).as_deref(),
        Some("search wrapped to the first match")
    );
    keys(&mut app, "N");
    assert_eq!(
        said(&app).as_deref(),
        Some("search wrapped to the last match")
    );
}

#[test]
fn n_changes_day_and_counts_from_the_selection() {
    let mut app = bundled();
    keys(&mut app, "/");
    keys(&mut app, "governor");
    press(&mut app, KeyCode::Enter);
    let hits = app.search().hits.clone();
    // Day 1 has no event; its notes name Governor Yuan.
    assert_eq!(hits.first(), Some(&(0, 0)));
    let mut seen = vec![(app.tab(), app.selected())];
    for _ in 1..hits.len() {
        keys(&mut app, "n");
        seen.push((app.tab(), app.selected()));
    }
    assert_eq!(seen, hits, "n visits every match in order, across days");
    keys(&mut app, "n");
    assert_eq!((app.tab(), app.selected()), hits[0]);
    // From a position between matches, N goes to the one before it.
    keys(&mut app, "5");
    keys(&mut app, "N");
    assert_eq!(
        Some(&(app.tab(), app.selected())),
        hits.iter().rfind(|h| h.0 < 4)
    );
}

#[test]
fn search_letters_are_text_backspace_edits_and_esc_clears_and_goes_back() {
    let mut app = bundled();
    keys(&mut app, "2");
    keys(&mut app, "/");
    keys(&mut app, "qsoftbankx");
    assert_eq!(app.search().query, "qsoftbankx");
    assert!(app.search().hits.is_empty());
    assert_eq!(app.tab(), 1, "no match: the selection stays");
    press(&mut app, KeyCode::Home);
    assert_eq!(app.tab(), 1, "Home is not bound in the search line");
    press(&mut app, KeyCode::Backspace);
    assert_eq!(app.search().query, "qsoftbank");
    for _ in 0..9 {
        press(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "Softbank");
    assert_eq!(app.tab(), 2);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.search().query, "");
    assert!(app.search().hits.is_empty() && !app.search_editing());
    assert_eq!(app.tab(), 1, "Esc goes back to where the search started");
    // n without a search says how to start one.
    keys(&mut app, "n");
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("no search: press / to search")
    );
    // Enter on a query with no match says so.
    keys(&mut app, "/");
    keys(&mut app, "osaka");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("no match for \"osaka\"")
    );
}

#[test]
fn search_and_filter_combine() {
    let mut app = bundled();
    keys(&mut app, "/");
    keys(&mut app, "yuan");
    press(&mut app, KeyCode::Enter);
    // His name and its lower-case twin, the currency ("1.53 billion
    // yuan"), in an outcome and in day 1's notes.
    assert_eq!(app.search().hits.len(), 12);
    keys(&mut app, "p");
    keys(&mut app, "tokyo");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.search().query, "yuan", "the search is kept");
    assert_eq!(app.search().hits, [(2, 0), (2, 1)], "only visible events");
    keys(&mut app, "n");
    keys(&mut app, "n");
    assert_eq!((app.tab(), app.selected()), (2, 0));
    keys(&mut app, "P");
    assert_eq!(app.search().hits.len(), 12);
}

#[test]
fn cjk_substrings_match() {
    let mut app = bundled();
    keys(&mut app, "/");
    keys(&mut app, "马云");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.search().hits, [(2, 0)], "Jack Ma, at SoftBank");
}

/// A generated trip of 100,000 events over 30 days, loaded.
fn huge() -> App {
    let text = generate::trip_toml(100_000, 30, 7);
    let loaded = load::load_str(&text).expect("generated trip loads");
    App::new("huge".into(), loaded.trip, None)
}

#[test]
fn filter_changes_and_search_keys_on_100_000_events_walk_a_day_not_the_trip() {
    let mut app = huge();
    app::update(&mut app, Msg::Resize(140, 40));
    let days: Vec<u64> = (0..app.tab_count())
        .map(|t| app.tab_len(t).unwrap() as u64)
        .collect();
    let trip: u64 = days.iter().sum();
    let biggest = *days.iter().max().unwrap();
    assert_eq!(trip, 100_000);
    assert!(biggest * 20 < trip, "{biggest} events in a day");
    // Counted, not timed: each change lists the selected tab's events and
    // widens its hours, two walks of one day; rebuilding the view walked
    // the trip. benches/filter.rs measures the time.
    let first = app.choices()[0].name.clone();
    let today = days[app.tab()];
    let ((), changes) = work::measure(|| {
        app.set_filter(filter(std::slice::from_ref(&first)));
        app.set_filter(Filter::default());
    });
    assert!(
        changes.events <= 2 * 2 * today,
        "{changes:?} for two filter changes, {today} events today"
    );
    // A search key: one pass over the trip (issue 4's accepted cost), and
    // the day of the first match listed.
    app::update(&mut app, Intent::OpenSearch);
    let ((), typed) = work::measure(|| {
        app::update(&mut app, Intent::Type('9'));
    });
    assert!(
        typed.events <= trip + 2 * biggest,
        "{typed:?} for a search key over {trip} events"
    );
    // Emptied, the query matches nothing without a look at the trip.
    let ((), erased) = work::measure(|| {
        app::update(&mut app, Intent::Backspace);
    });
    assert!(erased.events <= 2 * biggest, "{erased:?} for Backspace");
    // Moving between matches does not search again: an `n` that stays on
    // the day reaches no event; one that changes day lists the new one.
    for c in "sato".chars() {
        app::update(&mut app, Intent::Type(c));
    }
    app::update(&mut app, Intent::Accept);
    assert!(app.search().hits.len() > 1_000);
    let mut day_changes = 0;
    for _ in 0..1_000 {
        let tab = app.tab();
        let ((), step) = work::measure(|| {
            app::update(&mut app, Intent::NextMatch);
        });
        if app.tab() == tab {
            assert_eq!(step.events, 0, "an n within the day");
        } else {
            day_changes += 1;
            assert!(step.events <= 2 * days[app.tab()], "{step:?}");
        }
    }
    assert!(day_changes > 0, "the matches are on several days");
    // The picker lists the trip's prefectures, counted once per trip.
    app::update(&mut app, Intent::OpenPicker);
    let total: usize = app.choices().iter().map(|c| c.events).sum();
    assert_eq!(total, 100_000);
    assert!(app.choices().len() <= 48);
}

fn example() -> Headless {
    let text = include_str!("../../itineraries/example-trade-mission.toml");
    let loaded = load::load_str(text).expect("the example loads");
    let mut app = Headless::new(App::new(
        "itineraries/example-trade-mission.toml".into(),
        loaded.trip,
        None,
    ));
    app.send(Msg::Resize(80, 24));
    app
}

/// `/query` Enter: the matches, and the title of the event it landed on.
fn search_for(app: &mut Headless, query: &str) -> (Vec<(usize, usize)>, Option<String>) {
    keys(app, "/");
    keys(app, query);
    press(app, KeyCode::Enter);
    let title = app
        .selected_event()
        .and_then(|r| app.trip().event(r))
        .map(|e| e.title().to_string());
    (app.search().hits.clone(), title)
}

#[test]
fn search_reaches_outcomes_notes_and_addresses() {
    let mut app = example();
    assert_eq!(
        search_for(&mut app, "sencha"),
        (
            vec![(1, 2)],
            Some("Talks with President Takahashi on green tea supply".into())
        ),
        "a meeting's outcome"
    );
    let mut app = example();
    assert_eq!(
        search_for(&mut app, "CLOSED SHOES").1.as_deref(),
        Some("Example Kyoto Pickle Makers 見本漬物"),
        "a stop's notes"
    );
    let mut app = example();
    assert_eq!(
        search_for(&mut app, "video call").1.as_deref(),
        Some("Bilateral with Chair Yamamoto"),
        "a meeting's notes"
    );
    let mut app = example();
    assert_eq!(
        search_for(&mut app, "example-cho").1.as_deref(),
        Some("Sample Trade Office Tokyo"),
        "an address"
    );
}

#[test]
fn a_day_title_or_its_notes_match_at_the_days_first_position() {
    // The day's notes show under each of its events, and on an empty day
    // under its title: the match lands on the day.
    let mut app = example();
    let (hits, _) = search_for(&mut app, "bring the samples");
    assert_eq!(hits, [(1, 0)], "day 2's notes");
    let mut app = example();
    let (hits, title) = search_for(&mut app, "no engagements");
    assert_eq!((hits, title), (vec![(3, 0)], None), "the empty rest day");
    let mut app = example();
    let (hits, _) = search_for(&mut app, "rest day");
    assert_eq!(hits, [(3, 0)], "a day title");
    assert_eq!(app.tab(), 3);
}

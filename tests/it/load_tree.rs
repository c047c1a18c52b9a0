//! The loader's tree against expected results: TOML's rules for tables,
//! which the tree built from the parser's events must apply as toml does;
//! a file read whatever order its tables come in; and the cases the old
//! comparisons of loaders found.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::generate;

use generate::trip_toml;
use itinerary::load::{Diagnostic, load_str};

const TRIP: &str = "[trip]\ntitle = \"T\"\nstart = 2020-01-01\nend = 2020-01-03\n";

/// `line:col message` of each diagnostic of a text that does not load.
fn problems(text: &str) -> Vec<String> {
    shown(text, &load_str(text).unwrap_err())
}

fn shown(text: &str, diags: &[Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .map(|d| match d.line_col(text) {
            Some((l, c)) => format!("{l}:{c} {}", d.message),
            None => d.message.clone(),
        })
        .collect()
}

#[test]
fn tables_given_twice_are_tomls_errors() {
    let cases = [
        (
            "[trip]\ntitle = \"T\"\ntitle = \"U\"\n",
            "3:1 duplicate key \"title\"",
        ),
        (&format!("{TRIP}[trip]\n"), "5:2 duplicate key \"trip\""),
        (&format!("{TRIP}[[trip]]\n"), "5:3 duplicate key \"trip\""),
        (
            &format!("{TRIP}[[day]]\ndate = 2020-01-01\n[day]\n"),
            "7:2 duplicate key \"day\"",
        ),
        (
            &format!("{TRIP}[people.a]\nname = \"A\"\n[people]\na = 1\n"),
            "8:1 duplicate key \"a\"",
        ),
        (
            &format!("{TRIP}[[day]]\ndate = 2020-01-01\nstop = []\n[[day.stop]]\n"),
            "8:7 duplicate key \"stop\"",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(problems(text), [expected], "{text}");
    }
}

#[test]
fn an_implied_table_may_be_given_once_later() {
    // `[people.a]` implies `[people]`, which may then be written itself.
    let text = format!("{TRIP}lead = \"a\"\n[people.a]\nname = \"A\"\n[people]\n");
    assert!(load_str(&text).unwrap().trip.lead.is_some());
    assert_eq!(
        problems(&format!("{text}[people]\n")),
        ["9:2 duplicate key \"people\""]
    );
    let text = "[people.a]\nname = \"A\"\n[people]\n[trip]\ntitle = \"T\"\nstart = 2020-01-01\n\
                end = 2020-01-01\nlead = \"a\"\n";
    assert_eq!(load_str(text).unwrap().trip.people[0].name, "A");
}

#[test]
fn an_empty_key_in_a_header_is_not_a_day() {
    // `[[[day]]` reads as `[[` then an empty key: once taken for `[[day]]`.
    let text = format!("{TRIP}[[[day]]\ndate = 2020-01-01\n");
    let found = problems(&text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("5:"), "{found:?}");
}

#[test]
fn a_day_header_inside_a_multiline_string_is_text() {
    let text = format!(
        "{TRIP}[[day]]\ndate = 2020-01-01\nnotes = \"\"\"\n[[day]]\ndate = 2020-01-02\n\"\"\"\n\
         [[day]]\ndate = 2020-01-03\n"
    );
    let trip = load_str(&text).unwrap().trip;
    let notes = trip.days[0].notes.as_deref();
    assert_eq!(notes, Some("[[day]]\ndate = 2020-01-02\n"));
    assert!(trip.days[1].origin.is_none());
    assert_eq!(trip.days[2].origin.as_ref().map(|o| o.index), Some(1));
}

#[test]
fn people_and_trip_may_come_after_the_days() {
    let days = "[[day]]\ndate = 2020-01-01\n[[day.stop]]\nplace = \"A\"\npeople = [\"a\"]\n\
                [[day]]\ndate = 2020-01-02\n[[day.stop]]\nplace = \"B\"\nprefecture = \"Tokio\"\n\
                [[unscheduled]]\nplace = \"C\"\n";
    let text = format!("{days}[people.a]\nname = \"A\"\n[people.b]\nname = \"B\"\n{TRIP}");
    let loaded = load_str(&text).unwrap();
    let trip = &loaded.trip;
    assert_eq!(trip.days[0].stops[0].people.len(), 1);
    assert_eq!(trip.unscheduled[0].place, "C");
    assert_eq!(
        shown(&text, &loaded.warnings),
        [
            "10:14 unknown prefecture \"Tokio\"",
            "15:9 person \"b\" is defined but never referenced"
        ]
    );
    let days: Vec<usize> = trip
        .days
        .iter()
        .filter_map(|d| d.origin.clone())
        .map(|o| o.index)
        .collect();
    assert_eq!(days, [0, 1]);
}

#[test]
fn an_error_late_in_a_large_file_is_found_where_it_is() {
    let text = trip_toml(2000, 30, 3);
    let at = text.rfind("[[day.stop]]\n").unwrap() + "[[day.stop]]\n".len();
    let bad = format!("{}arival = 10:00\n{}", &text[..at], &text[at..]);
    let line = bad[..at].lines().count() + 1;
    let expected = [format!("{line}:1 unknown key \"arival\" in [[day.stop]]")];
    let diags = load_str(&bad).unwrap_err();
    let found: Vec<String> = shown(&bad, &diags)
        .into_iter()
        .filter(|d| !d.contains("overlap"))
        .collect();
    assert_eq!(found, expected);
}

/// A three-day trip whose last stop arrives at `value`, as written.
fn arriving_at(value: &str) -> String {
    let mut text = String::from(
        "[trip]\ntitle = \"Times\"\nstart = 2019-04-01\nend = 2019-04-03\n\n\
         [people.ito]\nname = \"Ito\"\n",
    );
    for (day, arrive) in [(1, "08:00"), (2, "\"08:00\""), (3, value)] {
        text.push_str(&format!(
            "\n[[day]]\ndate = 2019-04-0{day}\n\n[[day.stop]]\nplace = \"Hall\"\n\
             arrive = {arrive}\npeople = [\"ito\"]\n"
        ));
    }
    text
}

#[test]
fn times_are_read_by_one_rule_in_tables_and_inline() {
    let hms = |h, m, s| chrono::NaiveTime::from_hms_opt(h, m, s).unwrap();
    // As written, and with the last stop an inline table.
    let ways = |text: &str| {
        let inline = text.replace(
            "[[day.stop]]\nplace = \"Hall\"\narrive = ",
            "stop = [{ place = \"Hall\", arrive = ",
        );
        let inline = inline.replace("\npeople = [\"ito\"]\n", ", people = [\"ito\"] }]\n");
        assert!(
            inline.contains("stop = [{ place = \"Hall\", arrive = "),
            "{inline}"
        );
        [load_str(text), load_str(&inline)]
    };
    let good = [
        ("09:30", hms(9, 30, 0)),
        ("\"09:30\"", hms(9, 30, 0)),
        ("09:30:15", hms(9, 30, 15)),
        ("\"09:30:15\"", hms(9, 30, 15)),
        ("23:59:59", hms(23, 59, 59)),
    ];
    for (value, time) in good {
        for (way, result) in ways(&arriving_at(value)).into_iter().enumerate() {
            let trip = result
                .unwrap_or_else(|e| panic!("{value} way {way}: {e:?}"))
                .trip;
            assert_eq!(
                trip.days[2].stops[0].arrive,
                Some(time),
                "{value} way {way}"
            );
        }
    }
    let bad = [
        "\"9:30\"",
        "\"9:5\"",
        "\" 10:30 \"",
        "\"10:30 \"",
        "10:30:00.5",
        "\"10:30:00.5\"",
        "10:30:00.0",
        "\"24:00\"",
        "23:59:60",
        "\"10h30\"",
    ];
    for value in bad {
        for (way, result) in ways(&arriving_at(value)).into_iter().enumerate() {
            let diags = result.unwrap_err();
            assert_eq!(diags.len(), 1, "{value} way {way}: {diags:?}");
            assert!(
                diags[0].message.starts_with("`arrive` "),
                "{value}: {diags:?}"
            );
            let help = diags[0].help.as_deref().unwrap_or("");
            assert!(
                help.starts_with(
                    "write a time as HH:MM or HH:MM:SS, two digits each (24-hour clock)"
                ),
                "{value} way {way}: {diags:?}"
            );
        }
    }
}

/// `n` people, each a table of its own, and a day that refers to them all.
fn many_people(n: usize) -> String {
    let mut text = format!("{TRIP}timezone = \"Asia/Tokyo\"\n");
    for i in 0..n {
        text.push_str(&format!(
            "\n[people.p{i}]\nname = \"P {i}\"\nside = \"host\"\n"
        ));
    }
    let all: Vec<String> = (0..n).map(|i| format!("\"p{i}\"")).collect();
    text.push_str(&format!(
        "\n[[day]]\ndate = 2020-01-01\n[[day.stop]]\nplace = \"Hall\"\npeople = [{}]\n",
        all.join(", ")
    ));
    text
}

/// Finding a table's entry was a scan of the entries before it, so a
/// trip's n people took n² / 2 key comparisons to read (4,369 people, 10 ms
/// of an `export --day`'s 20 then): a large table is indexed now.
#[test]
fn reading_n_people_compares_keys_in_proportion_to_n() {
    for n in [100, 4_000] {
        let text = many_people(n);
        let (loaded, work) = itinerary::work::measure(|| load_str(&text));
        let trip = loaded.unwrap().trip;
        assert_eq!(trip.people.len(), n);
        assert_eq!(trip.people[n - 1].key, format!("p{}", n - 1));
        assert!(
            work.keys < 40 * n as u64,
            "{n} people: {} keys compared",
            work.keys
        );
    }
}

/// The index of a large table finds a table given twice, as the scan did.
#[test]
fn a_person_given_twice_among_many_is_still_an_error() {
    let mut text = many_people(100);
    text.push_str("\n[people.p42]\nname = \"Again\"\n");
    let problems = problems(&text);
    assert_eq!(problems[0], "413:9 duplicate key \"p42\"", "{problems:?}");
}

/// A file over the piece the events are read in (1 MiB) whose header-like
/// lines are text inside a multi-line string, around where a piece ends:
/// the string stays text and the day has no stop from it.
#[test]
fn header_lines_inside_a_long_string_stay_text() {
    let fake = "[[day.stop]]\nplace = \"PHANTOM\"\n[people.zz]\nname = \"Z\"\n".repeat(30_000);
    assert!(fake.len() > 1024 * 1024);
    let text = format!(
        "{TRIP}[[day]]\ndate = 2020-01-02\nnotes = \"\"\"\n{fake}\"\"\"\n[[day.stop]]\nplace = \"Real\"\n"
    );
    let trip = load_str(&text).unwrap().trip;
    let day = &trip.days[1];
    assert_eq!(day.notes.as_deref(), Some(fake.as_str()));
    let places: Vec<&str> = day.stops.iter().map(|s| s.place.as_str()).collect();
    assert_eq!(places, ["Real"]);
    assert!(trip.people.is_empty());
    let stop = &day.stops[0];
    assert_eq!(
        &text[stop.origin.span.clone()],
        "[[day.stop]]\nplace = \"Real\""
    );
}

/// A generated file of several pieces loads as its pieces' sum: every
/// origin points at its own table in the text.
#[test]
fn a_file_of_many_pieces_keeps_every_origin() {
    let text = trip_toml(12_000, 20, 4);
    assert!(text.len() > 2 * 1024 * 1024);
    let trip = load_str(&text).unwrap().trip;
    for day in &trip.days {
        let origin = day.origin.as_ref().unwrap();
        let header = &text[origin.span.clone()];
        assert!(header.starts_with("[[day]]\ndate = "), "{header}");
        for stop in &day.stops {
            let table = &text[stop.origin.span.clone()];
            assert!(table.starts_with("[[day.stop]]\n"), "{table}");
            assert!(
                table.contains(&format!("place = {:?}", stop.place)),
                "{table}"
            );
        }
    }
}

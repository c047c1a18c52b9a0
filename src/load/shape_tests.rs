//! Hand-written shapes, and mutations of them: every way of loading a text
//! (from events, split in pieces, the document walk) must give what the
//! document walk gives.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::LazyLock;

use proptest::prelude::*;

use super::stream_tests::{VARIED, people_last};
use super::{load_split, load_str_split_from, load_walked, walk};
use crate::generate::SplitMix64 as Rng;

/// The people, the trip, and two days with stops, in the usual order.
const PRELUDE: &str = r#"[trip]
title = "T"
start = 2019-04-01
end = 2019-04-04
lead = "a"

[people.a]
name = "A"

[people.b]
name = "B"
"#;

const DAYS: &str = r#"
[[day]]
date = 2019-04-01

[[day.stop]]
place = "P"
arrive = 09:00
depart = 10:00
people = ["a"]

[[day.stop.meeting]]
title = "M"
start = 09:10

[[day]]
date = 2019-04-02

[[day.stop]]
place = "Q"
arrive = 10:00
people = ["b"]

[[day]]
date = 2019-04-03

[[day.stop]]
place = "R"
"#;

fn base() -> String {
    format!("{PRELUDE}{DAYS}")
}

/// The first difference of two Debug outputs, with some context.
fn first_difference(a: &str, b: &str) -> String {
    let at = a
        .bytes()
        .zip(b.bytes())
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    let mut from = at.saturating_sub(60);
    while !a.is_char_boundary(from) || !b.is_char_boundary(from) {
        from -= 1;
    }
    let cut = |s: &str| -> String { s[from..].chars().take(160).collect() };
    format!("\n   got: …{}\n walked: …{}", cut(a), cut(b))
}

/// The ways `text` loads differently from the document walk, each named.
fn differences(text: &str, piece_lens: &[usize]) -> Vec<String> {
    let walked = format!("{:?}", load_walked(text));
    let mut out = Vec::new();
    for &n in piece_lens {
        let whole = format!("{:?}", load_str_split_from(text, usize::MAX, n));
        if whole != walked {
            out.push(format!(
                "events (whole) differs:{}",
                first_difference(&whole, &walked)
            ));
        }
        let split = format!("{:?}", load_str_split_from(text, 0, n));
        if split != walked {
            out.push(format!(
                "split (piece {n}, split: {}) differs:{}",
                load_split(text, n).is_some(),
                first_difference(&split, &walked)
            ));
        }
    }
    out
}

/// Runs every probe; fails naming each one whose loads differ.
fn probe(cases: &[(&str, String)]) {
    let mut failed = Vec::new();
    for (name, text) in cases {
        for d in differences(text, &[1, 40, 100_000]) {
            failed.push(format!("{name}: {d}\n--- text ---\n{text}\n------------"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

/// Whether the whole text is read from its events, and whether it splits.
fn shape(text: &str) -> (bool, bool) {
    (
        walk::build_streamed(text).is_some(),
        load_split(text, 1).is_some(),
    )
}

#[test]
fn the_base_text_streams_and_splits() {
    let text = base();
    assert_eq!(shape(&text), (true, true));
    probe(&[("base", text)]);
}

#[test]
fn blank_files() {
    // load_str_split_from answers "file is empty" before any way of loading;
    // load_walked, called alone, says the [trip] table is missing.
    for text in ["", "\n", " \t\r\n", "\u{FEFF}"] {
        let walked = format!("{:?}", load_walked(text));
        let whole = format!("{:?}", load_str_split_from(text, usize::MAX, 1));
        let split = format!("{:?}", load_str_split_from(text, 0, 1));
        assert_eq!(whole, split, "{text:?}");
        assert!(whole.contains("file is empty"), "{whole}");
        assert!(walked.contains("missing [trip] table"), "{walked}");
    }
}

#[test]
fn encodings_and_line_ends() {
    let text = base();
    probe(&[
        ("bom", format!("\u{FEFF}{text}")),
        ("crlf", text.replace('\n', "\r\n")),
        (
            "crlf and bom",
            format!("\u{FEFF}{}", text.replace('\n', "\r\n")),
        ),
        (
            "bom before a first [[day]]",
            format!("\u{FEFF}{}{PRELUDE}", DAYS.trim_start()),
        ),
        (
            "bom in the middle",
            text.replace(
                "\n[[day]]\ndate = 2019-04-02",
                "\n\u{FEFF}[[day]]\ndate = 2019-04-02",
            ),
        ),
        (
            "lone cr",
            text.replace("place = \"Q\"\n", "place = \"Q\"\r"),
        ),
        (
            "cr before day",
            text.replace(
                "\n[[day]]\ndate = 2019-04-02",
                "\r[[day]]\ndate = 2019-04-02",
            ),
        ),
        (
            "form feed",
            text.replace(
                "\n[[day]]\ndate = 2019-04-02",
                "\n\u{c}[[day]]\ndate = 2019-04-02",
            ),
        ),
        ("no final newline", text.trim_end().to_string()),
        ("trailing blanks", format!("{text}\n\n   \t\n")),
        ("nul", text.replace("place = \"Q\"", "place = \"Q\u{0}\"")),
        (
            "nul in comment",
            text.replace("place = \"Q\"", "place = \"Q\" # \u{0}"),
        ),
        (
            "del in comment",
            text.replace("place = \"Q\"", "place = \"Q\" # \u{7f}"),
        ),
        (
            "cr in comment",
            text.replace("place = \"Q\"", "place = \"Q\" # a\rb"),
        ),
    ]);
}

#[test]
fn headers() {
    let text = base();
    let day2 = "\n[[day]]\ndate = 2019-04-02";
    probe(&[
        (
            "spaces in headers",
            text.replace("[[day.stop]]", "[[ day . stop ]]"),
        ),
        (
            "tab in headers",
            text.replace("[[day.stop]]", "[[\tday\t.\tstop\t]]"),
        ),
        (
            "spaced day header",
            text.replace(day2, "\n[[ day ]]\ndate = 2019-04-02"),
        ),
        (
            "day header comment",
            text.replace(day2, "\n[[day]] # two\ndate = 2019-04-02"),
        ),
        (
            "day header tab comment",
            text.replace(day2, "\n[[day]]\t#two\ndate = 2019-04-02"),
        ),
        (
            "day header then key",
            text.replace(day2, "\n[[day]] date = 2019-04-02"),
        ),
        (
            "indented day header",
            text.replace(day2, "\n  [[day]]\ndate = 2019-04-02"),
        ),
        (
            "quoted day",
            text.replace(day2, "\n[[\"day\"]]\ndate = 2019-04-02"),
        ),
        (
            "literal day",
            text.replace(day2, "\n[['day']]\ndate = 2019-04-02"),
        ),
        (
            "quoted stop key",
            text.replace("[[day.stop]]", "[[day.\"stop\"]]"),
        ),
        (
            "quoted person",
            text.replace("[people.b]", "[people.\"b\"]"),
        ),
        (
            "spaced person",
            text.replace("[people.b]", "[ people . b ]"),
        ),
        ("std day", text.replace(day2, "\n[day]\ndate = 2019-04-02")),
        (
            "triple bracket",
            text.replace(day2, "\n[[[day]]]\ndate = 2019-04-02"),
        ),
        (
            "empty key header",
            text.replace(day2, "\n[[\"\"]]\ndate = 2019-04-02"),
        ),
        (
            "day.stop as std",
            text.replace("[[day.stop]]\nplace = \"Q\"", "[day.stop]\nplace = \"Q\""),
        ),
        (
            "meeting as std",
            text.replace("[[day.stop.meeting]]", "[day.stop.meeting]"),
        ),
        ("trip as array", text.replace("[trip]", "[[trip]]")),
        (
            "people as array",
            text.replace("[people.b]", "[[people.b]]"),
        ),
        (
            "people table",
            text.replace("[people.a]", "[people]\n[people.a]"),
        ),
        (
            "people table after",
            text.replace("[people.b]", "[people.b]\n[people]"),
        ),
        (
            "person subtable",
            text.replace(
                "[people.b]\nname = \"B\"",
                "[people.b]\nname = \"B\"\n[people.b.x]",
            ),
        ),
        ("trip twice", format!("{text}\n[trip]\ntitle = \"U\"\n")),
        (
            "person twice",
            format!("{text}\n[people.a]\nname = \"A2\"\n"),
        ),
        (
            "person twice in prelude",
            text.replace("[people.b]", "[people.a]"),
        ),
        (
            "person upper",
            text.replace("[people.b]", "[people.B]")
                .replace("\"b\"]", "\"B\"]"),
        ),
        (
            "person id with digit start",
            text.replace("people.b]", "people.1]")
                .replace("\"b\"]", "\"1\"]"),
        ),
        (
            "person id dotted number",
            text.replace("people.b]", "people.1.5]")
                .replace("\"b\"]", "\"1.5\"]"),
        ),
        (
            "meeting before any stop",
            text.replace(
                day2,
                &format!("{day2}\n[[day.stop.meeting]]\ntitle = \"X\""),
            ),
        ),
        (
            "stop after trip",
            format!("{text}\n[trip]\n[[day.stop]]\nplace = \"Z\"\n"),
        ),
        (
            "stop after unscheduled",
            format!("{text}\n[[unscheduled]]\nplace = \"U\"\n[[day.stop]]\nplace = \"Z\"\n"),
        ),
        (
            "day meeting after unscheduled",
            format!(
                "{text}\n[[unscheduled]]\nplace = \"U\"\n[[day.stop.meeting]]\ntitle = \"Z\"\n"
            ),
        ),
        (
            "unscheduled meeting after day stop",
            format!("{text}\n[[unscheduled.meeting]]\ntitle = \"Z\"\n"),
        ),
        (
            "unscheduled meeting after people",
            format!(
                "{text}\n[[unscheduled]]\nplace = \"U\"\n[people.c]\nname = \"C\"\n[[unscheduled.meeting]]\ntitle = \"Z\"\n"
            ),
        ),
        (
            "day after unscheduled",
            format!("{text}\n[[unscheduled]]\nplace = \"U\"\n[[day]]\ndate = 2019-04-04\n"),
        ),
        (
            "spaced day after unscheduled",
            format!("{text}\n[[unscheduled]]\nplace = \"U\"\n[[ day ]]\ndate = 2019-04-04\n"),
        ),
        (
            "stop of spaced day after unscheduled",
            format!(
                "{text}\n[[unscheduled]]\nplace = \"U\"\n[[ day ]]\ndate = 2019-04-04\n[[day.stop]]\nplace = \"V\"\n"
            ),
        ),
        (
            "deep header",
            text.replace("[[day.stop.meeting]]", "[[day.stop.meeting.x]]"),
        ),
        (
            "dotted key in stop",
            text.replace("place = \"Q\"", "place = \"Q\"\nx.y = 1"),
        ),
        (
            "dotted day key",
            text.replace("place = \"Q\"", "place = \"Q\"\nday.x = 1"),
        ),
        (
            "inline stop",
            text.replace(
                "date = 2019-04-03",
                "date = 2019-04-03\nstop = [{ place = \"I\" }]",
            ),
        ),
        (
            "inline meeting",
            text.replace(
                "place = \"Q\"",
                "place = \"Q\"\nmeeting = [{ title = \"I\" }]",
            ),
        ),
        ("root key before trip", format!("title = \"x\"\n{text}")),
        ("root key at end", format!("{text}\nx = 1\n")),
    ]);
}

#[test]
fn unusual_orders() {
    let days = DAYS.trim_start();
    let trip = PRELUDE.split("[people.a]").next().unwrap();
    let people = &PRELUDE[PRELUDE.find("[people.a]").unwrap()..];
    probe(&[
        ("people after days", format!("{trip}{days}\n{people}")),
        (
            "trip and people after days",
            format!("{days}\n{trip}{people}"),
        ),
        (
            "people then trip after days",
            format!("{days}\n{people}\n{trip}"),
        ),
        (
            "trip after days, people before",
            format!("{people}{days}\n{trip}"),
        ),
        ("nothing before the days", days.to_string()),
        (
            "trip first, people in middle",
            format!(
                "{trip}{}",
                DAYS.replacen(
                    "\n[[day]]\ndate = 2019-04-02",
                    &format!("\n{people}\n[[day]]\ndate = 2019-04-02"),
                    1
                )
            ),
        ),
        (
            "trip in the middle",
            format!(
                "{people}{}",
                DAYS.replacen(
                    "\n[[day]]\ndate = 2019-04-02",
                    &format!("\n{trip}\n[[day]]\ndate = 2019-04-02"),
                    1
                )
            ),
        ),
        (
            "spaced trip after days",
            format!("{people}{days}\n[ trip ]\n{}", &trip[7..]),
        ),
        ("trip after days twice", format!("{PRELUDE}{days}\n{trip}")),
        (
            "person in prelude and epilogue",
            format!("{PRELUDE}{days}\n[people.a]\nname = \"A\"\n"),
        ),
        (
            "new person in epilogue",
            format!("{PRELUDE}{days}\n[people.c]\nname = \"C\"\n"),
        ),
        (
            "lead only in epilogue",
            format!(
                "{}{days}\n[people.a]\nname = \"A\"\n",
                PRELUDE.replace("[people.a]\nname = \"A\"\n", "")
            ),
        ),
        (
            "epilogue with unscheduled",
            format!("{trip}{days}\n{people}\n[[unscheduled]]\nplace = \"U\"\n"),
        ),
        (
            "epilogue with unscheduled meeting",
            format!(
                "{trip}{days}\n{people}\n[[unscheduled]]\nplace = \"U\"\n[[unscheduled.meeting]]\ntitle = \"M\"\n"
            ),
        ),
        (
            "late and epilogue unscheduled",
            format!(
                "{trip}{days}\n[[unscheduled]]\nplace = \"L\"\n{people}\n[[unscheduled]]\nplace = \"U\"\n"
            ),
        ),
        (
            "late unscheduled then epilogue",
            format!("{trip}{days}\n[[unscheduled]]\nplace = \"L\"\n{people}"),
        ),
        (
            "late unscheduled meeting in epilogue",
            format!(
                "{trip}{days}\n[[unscheduled]]\nplace = \"L\"\n{people}\n[[unscheduled.meeting]]\ntitle = \"M\"\n"
            ),
        ),
        (
            "day stop in epilogue",
            format!("{trip}{days}\n{people}\n[[day.stop]]\nplace = \"Z\"\n"),
        ),
        (
            "day meeting in epilogue",
            format!("{trip}{days}\n{people}\n[[day.stop.meeting]]\ntitle = \"Z\"\n"),
        ),
        (
            "spaced day in epilogue",
            format!("{trip}{days}\n{people}\n[[ day ]]\ndate = 2019-04-04\n"),
        ),
        (
            "early and late unscheduled",
            format!(
                "{PRELUDE}\n[[unscheduled]]\nplace = \"E\"\n{days}\n[[unscheduled]]\nplace = \"L\"\n"
            ),
        ),
        (
            "early unscheduled",
            format!("{PRELUDE}\n[[unscheduled]]\nplace = \"E\"\n{days}"),
        ),
        (
            "early unscheduled with meeting",
            format!(
                "{PRELUDE}\n[[unscheduled]]\nplace = \"E\"\n[[unscheduled.meeting]]\ntitle = \"M\"\n{days}"
            ),
        ),
        (
            "unscheduled meeting among days",
            format!(
                "{PRELUDE}\n[[unscheduled]]\nplace = \"E\"\n{days}\n[[unscheduled.meeting]]\ntitle = \"M\"\n"
            ),
        ),
        (
            "unscheduled meeting without stop among days",
            format!("{PRELUDE}{days}\n[[unscheduled.meeting]]\ntitle = \"M\"\n"),
        ),
        (
            "unscheduled in a middle day",
            format!(
                "{PRELUDE}{}",
                DAYS.replacen(
                    "\n[[day]]\ndate = 2019-04-02",
                    "\n[[unscheduled]]\nplace = \"U\"\n[[day]]\ndate = 2019-04-02",
                    1
                )
            ),
        ),
        (
            "unscheduled std in prelude",
            format!(
                "{PRELUDE}\n[unscheduled]\nplace = \"E\"\n{days}\n[[unscheduled]]\nplace = \"L\"\n"
            ),
        ),
        (
            "unscheduled std late",
            format!("{PRELUDE}{days}\n[unscheduled]\nplace = \"L\"\n"),
        ),
        (
            "unscheduled key in prelude",
            format!("unscheduled = []\n{PRELUDE}{days}\n[[unscheduled]]\nplace = \"L\"\n"),
        ),
        (
            "stop before any day",
            format!("{PRELUDE}\n[[day.stop]]\nplace = \"Z\"\n{days}"),
        ),
        (
            "day in prelude via key",
            format!("day = []\n{PRELUDE}{days}"),
        ),
        (
            "people referenced before defined",
            format!(
                "{}{days}\n[people.b]\nname = \"B\"\n",
                PRELUDE.replace("[people.b]\nname = \"B\"\n", "")
            ),
        ),
        (
            "person referenced in early unscheduled, defined late",
            format!(
                "{}\n[[unscheduled]]\nplace = \"E\"\npeople = [\"b\"]\n{days}\n[people.b]\nname = \"B\"\n",
                PRELUDE.replace("[people.b]\nname = \"B\"\n", "")
            ),
        ),
        (
            "one day only",
            format!("{PRELUDE}\n[[day]]\ndate = 2019-04-01\n"),
        ),
        ("no days", PRELUDE.to_string()),
        ("no trip", format!("{people}{days}")),
        ("no trip, people after", format!("{days}\n{people}")),
    ]);
}

#[test]
fn values() {
    let text = base();
    let r = |from: &str, to: &str| {
        assert!(text.contains(from), "{from}");
        text.replacen(from, to, 1)
    };
    probe(&[
        ("feb 30", r("date = 2019-04-02", "date = 2019-02-30")),
        ("month 13", r("date = 2019-04-02", "date = 2019-13-01")),
        (
            "date out of trip",
            r("date = 2019-04-02", "date = 2019-05-02"),
        ),
        ("date twice", r("date = 2019-04-02", "date = 2019-04-01")),
        (
            "date as string",
            r("date = 2019-04-02", "date = \"2019-04-02\""),
        ),
        (
            "date with time",
            r("date = 2019-04-02", "date = 2019-04-02T10:00:00"),
        ),
        (
            "date with offset",
            r("date = 2019-04-02", "date = 2019-04-02T10:00:00+09:00"),
        ),
        (
            "date with space time",
            r("date = 2019-04-02", "date = 2019-04-02 10:00"),
        ),
        (
            "date lower t",
            r("date = 2019-04-02", "date = 2019-04-02t10:00:00z"),
        ),
        (
            "trip start feb 29",
            r("start = 2019-04-01", "start = 2019-02-29"),
        ),
        (
            "trip start leap day",
            r("start = 2019-04-01", "start = 2016-02-29"),
        ),
        (
            "trip ends before start",
            r("end = 2019-04-04", "end = 2019-03-01"),
        ),
        ("trip too long", r("end = 2019-04-04", "end = 2039-04-04")),
        ("trip year 0", r("start = 2019-04-01", "start = 0000-04-01")),
        ("fraction", r("arrive = 10:00", "arrive = 10:00:00.5")),
        (
            "long fraction",
            r("arrive = 10:00", "arrive = 10:00:00.1234567891234"),
        ),
        ("leap second", r("arrive = 10:00", "arrive = 23:59:60")),
        ("hour 24", r("arrive = 10:00", "arrive = 24:00")),
        ("time string", r("arrive = 10:00", "arrive = \"10:00\"")),
        (
            "time string one digit",
            r("arrive = 10:00", "arrive = \"9:00\""),
        ),
        (
            "time string seconds",
            r("arrive = 10:00", "arrive = \"10:00:30\""),
        ),
        (
            "time string padded",
            r("arrive = 10:00", "arrive = \" 10:00 \""),
        ),
        ("time string bad", r("arrive = 10:00", "arrive = \"10h\"")),
        ("time string empty", r("arrive = 10:00", "arrive = \"\"")),
        (
            "time as datetime",
            r("arrive = 10:00", "arrive = 2019-04-02T10:00:00"),
        ),
        (
            "time with offset",
            r("arrive = 10:00", "arrive = 2019-04-02T10:00:00Z"),
        ),
        ("time integer", r("arrive = 10:00", "arrive = 10")),
        (
            "time literal string",
            r("arrive = 10:00", "arrive = '10:00'"),
        ),
        (
            "depart before arrive",
            r("depart = 10:00", "depart = 08:00"),
        ),
        ("depart equal arrive", r("depart = 10:00", "depart = 09:00")),
        ("meeting outside", r("start = 09:10", "start = 11:10")),
        (
            "meeting end before start",
            r("start = 09:10", "start = 09:10\nend = 09:00"),
        ),
        (
            "overlap",
            r(
                "place = \"R\"",
                "place = \"R\"\narrive = 08:00\n[[day.stop]]\nplace = \"S\"\narrive = 08:30",
            ),
        ),
        (
            "overlap cancelled",
            r(
                "place = \"R\"",
                "place = \"R\"\narrive = 08:00\nstatus = \"cancelled\"\n[[day.stop]]\nplace = \"S\"\narrive = 08:00",
            ),
        ),
        ("empty place", r("place = \"Q\"", "place = \"\"")),
        ("blank place", r("place = \"Q\"", "place = \"  \"")),
        ("empty title", r("title = \"M\"", "title = \"\"")),
        ("empty trip title", r("title = \"T\"", "title = \"\"")),
        ("empty name", r("name = \"B\"", "name = \"\"")),
        (
            "empty notes",
            r("place = \"Q\"", "place = \"Q\"\nnotes = \"\""),
        ),
        (
            "empty day title",
            r("date = 2019-04-02", "date = 2019-04-02\ntitle = \"\""),
        ),
        (
            "empty city",
            r("place = \"Q\"", "place = \"Q\"\ncity = \"\""),
        ),
        ("empty people", r("people = [\"b\"]", "people = []")),
        ("empty person id", r("people = [\"b\"]", "people = [\"\"]")),
        (
            "person twice in list",
            r("people = [\"b\"]", "people = [\"b\", \"b\"]"),
        ),
        ("person unknown", r("people = [\"b\"]", "people = [\"c\"]")),
        ("person integer", r("people = [\"b\"]", "people = [1]")),
        ("people not array", r("people = [\"b\"]", "people = \"b\"")),
        ("people nested", r("people = [\"b\"]", "people = [[\"b\"]]")),
        ("lead unknown", r("lead = \"a\"", "lead = \"z\"")),
        ("lead empty", r("lead = \"a\"", "lead = \"\"")),
        ("lead array", r("lead = \"a\"", "lead = [\"a\"]")),
        ("no lead, a unreferenced", r("lead = \"a\"\n", "")),
        ("tab in title", r("title = \"M\"", "title = \"a\\tb\"")),
        (
            "tab in notes",
            r("place = \"Q\"", "place = \"Q\"\nnotes = \"a\\tb\""),
        ),
        (
            "newline in notes",
            r("place = \"Q\"", "place = \"Q\"\nnotes = \"a\\nb\""),
        ),
        (
            "crlf escapes in notes",
            r("place = \"Q\"", "place = \"Q\"\nnotes = \"a\\r\\nb\""),
        ),
        (
            "cr in notes",
            r("place = \"Q\"", "place = \"Q\"\nnotes = \"a\\rb\""),
        ),
        ("newline in place", r("place = \"Q\"", "place = \"a\\nb\"")),
        ("bell", r("place = \"Q\"", "place = \"a\\u0007b\"")),
        ("esc", r("place = \"Q\"", "place = \"a\\eb\"")),
        ("hex escape", r("place = \"Q\"", "place = \"a\\x41b\"")),
        (
            "hex escape control",
            r("place = \"Q\"", "place = \"a\\x01b\""),
        ),
        ("del", r("place = \"Q\"", "place = \"a\\u007fb\"")),
        ("c1 control", r("place = \"Q\"", "place = \"a\\u0085b\"")),
        ("bidi", r("place = \"Q\"", "place = \"a\\u202Eb\"")),
        ("raw bidi", r("place = \"Q\"", "place = \"a\u{202E}b\"")),
        (
            "raw bidi isolate",
            r("place = \"Q\"", "place = \"a\u{2067}b\""),
        ),
        ("zero width", r("place = \"Q\"", "place = \"a\u{200B}b\"")),
        (
            "line separator",
            r("place = \"Q\"", "place = \"a\u{2028}b\""),
        ),
        ("bad escape", r("place = \"Q\"", "place = \"a\\qb\"")),
        (
            "surrogate escape",
            r("place = \"Q\"", "place = \"a\\uD800b\""),
        ),
        (
            "big escape",
            r("place = \"Q\"", "place = \"a\\U0010FFFFb\""),
        ),
        (
            "too big escape",
            r("place = \"Q\"", "place = \"a\\U00110000b\""),
        ),
        (
            "literal with backslash",
            r("place = \"Q\"", "place = 'a\\nb'"),
        ),
        ("literal with tab", r("place = \"Q\"", "place = 'a\tb'")),
        ("raw tab in basic", r("place = \"Q\"", "place = \"a\tb\"")),
        (
            "raw tab in notes",
            r("place = \"Q\"", "place = \"Q\"\nnotes = \"a\tb\""),
        ),
        (
            "multi-line notes",
            r(
                "place = \"Q\"",
                "place = \"Q\"\nnotes = \"\"\"\nline one\nline two\\\n   continued\"\"\"",
            ),
        ),
        (
            "multi-line notes crlf",
            r(
                "place = \"Q\"",
                "place = \"Q\"\nnotes = \"\"\"\r\nline one\r\nline two\\\r\n   continued\"\"\"",
            ),
        ),
        (
            "multi-line literal notes",
            r(
                "place = \"Q\"",
                "place = \"Q\"\nnotes = '''\nline one\n\tline two'''",
            ),
        ),
        (
            "multi-line place",
            r("place = \"Q\"", "place = \"\"\"Q\"\"\""),
        ),
        (
            "multi-line place with newline",
            r("place = \"Q\"", "place = \"\"\"\nQ\nR\"\"\""),
        ),
        (
            "multi-line with day header",
            r(
                "place = \"Q\"",
                "place = \"Q\"\nnotes = \"\"\"\n[[day]]\ndate = 2019-04-03\n\"\"\"",
            ),
        ),
        (
            "kind unknown",
            r("place = \"Q\"", "place = \"Q\"\nkind = \"boat\""),
        ),
        (
            "kind upper",
            r("place = \"Q\"", "place = \"Q\"\nkind = \"Hotel\""),
        ),
        (
            "kind hotel",
            r("place = \"Q\"", "place = \"Q\"\nkind = \"hotel\""),
        ),
        (
            "status",
            r("place = \"Q\"", "place = \"Q\"\nstatus = \"tentative\""),
        ),
        (
            "status bad",
            r("place = \"Q\"", "place = \"Q\"\nstatus = \"maybe\""),
        ),
        ("side", r("name = \"B\"", "name = \"B\"\nside = \"host\"")),
        (
            "side bad",
            r("name = \"B\"", "name = \"B\"\nside = \"them\""),
        ),
        (
            "prefecture known",
            r("place = \"Q\"", "place = \"Q\"\nprefecture = \"Tokyo\""),
        ),
        (
            "prefecture unknown",
            r("place = \"Q\"", "place = \"Q\"\nprefecture = \"Seoul\""),
        ),
        (
            "prefecture empty",
            r("place = \"Q\"", "place = \"Q\"\nprefecture = \"\""),
        ),
        (
            "prefecture blank",
            r("place = \"Q\"", "place = \"Q\"\nprefecture = \" \""),
        ),
        (
            "prefecture array",
            r("place = \"Q\"", "place = \"Q\"\nprefecture = [\"Tokyo\"]"),
        ),
        (
            "timezone",
            r("lead = \"a\"", "lead = \"a\"\ntimezone = \"Asia/Tokyo\""),
        ),
        (
            "timezone bad",
            r("lead = \"a\"", "lead = \"a\"\ntimezone = \"JST\""),
        ),
        (
            "timezone lower",
            r("lead = \"a\"", "lead = \"a\"\ntimezone = \"asia/tokyo\""),
        ),
        (
            "timezone utc",
            r("lead = \"a\"", "lead = \"a\"\ntimezone = \"UTC\""),
        ),
        (
            "sources",
            r("lead = \"a\"", "lead = \"a\"\nsources = [\"x\", 'y']"),
        ),
        (
            "sources bad item",
            r("lead = \"a\"", "lead = \"a\"\nsources = [\"x\", 1]"),
        ),
        (
            "sources string",
            r("lead = \"a\"", "lead = \"a\"\nsources = \"x\""),
        ),
        (
            "purpose newline",
            r("lead = \"a\"", "lead = \"a\"\npurpose = \"a\\nb\""),
        ),
        (
            "topics",
            r("title = \"M\"", "title = \"M\"\ntopics = [\"x\", \"\"]"),
        ),
        (
            "topics with tab",
            r("title = \"M\"", "title = \"M\"\ntopics = [\"x\\ty\"]"),
        ),
        (
            "attendees",
            r(
                "title = \"M\"",
                "title = \"M\"\nattendees = [\"a\", \"b\", \"a\"]",
            ),
        ),
        (
            "attendees unknown",
            r("title = \"M\"", "title = \"M\"\nattendees = [\"z\"]"),
        ),
        (
            "outcome multi",
            r("title = \"M\"", "title = \"M\"\noutcome = \"a\\nb\""),
        ),
        (
            "array multi-line",
            r("people = [\"b\"]", "people = [\n  \"b\", # who\n]"),
        ),
        (
            "array trailing comma",
            r("people = [\"b\"]", "people = [\"b\",]"),
        ),
        ("array empty comma", r("people = [\"b\"]", "people = [,]")),
        (
            "inline table value",
            r("place = \"Q\"", "place = { x = 1 }"),
        ),
        ("boolean value", r("place = \"Q\"", "place = true")),
        ("float value", r("place = \"Q\"", "place = 1.5")),
        ("quoted key", r("place = \"Q\"", "\"place\" = \"Q\"")),
        ("literal key", r("place = \"Q\"", "'place' = \"Q\"")),
        (
            "key twice",
            r("place = \"Q\"", "place = \"Q\"\nplace = \"Q2\""),
        ),
        (
            "key twice quoted",
            r("place = \"Q\"", "place = \"Q\"\n\"place\" = \"Q2\""),
        ),
        (
            "date twice in day",
            r("date = 2019-04-02", "date = 2019-04-02\ndate = 2019-04-02"),
        ),
        (
            "unknown key",
            r("place = \"Q\"", "place = \"Q\"\ncolour = \"red\""),
        ),
        (
            "synonym key",
            r("place = \"Q\"", "place = \"Q\"\nstart = 10:00"),
        ),
        (
            "day key in stop",
            r("place = \"Q\"", "place = \"Q\"\ndate = 2019-04-02"),
        ),
        (
            "meeting key in stop",
            r("place = \"Q\"", "place = \"Q\"\ntitle = \"Q\""),
        ),
        (
            "stop key in day",
            r("date = 2019-04-02", "date = 2019-04-02\nplace = \"X\""),
        ),
        (
            "trip key in person",
            r("name = \"B\"", "name = \"B\"\ntitle = \"X\""),
        ),
        ("missing place", r("place = \"Q\"\n", "")),
        ("missing date", r("date = 2019-04-02\n", "")),
        ("missing name", r("name = \"B\"\n", "")),
        ("missing meeting title", r("title = \"M\"\n", "")),
        ("missing trip title", r("title = \"T\"\n", "")),
        ("key without value", r("place = \"Q\"", "place =")),
        ("key without equals", r("place = \"Q\"", "place \"Q\"")),
        (
            "value after value",
            r("place = \"Q\"", "place = \"Q\" \"R\""),
        ),
        (
            "comment after value",
            r("place = \"Q\"", "place = \"Q\"# c"),
        ),
        ("unterminated string", r("place = \"Q\"", "place = \"Q")),
        ("integer key", r("place = \"Q\"", "place = \"Q\"\n1 = 2")),
        (
            "deep array",
            r(
                "place = \"Q\"",
                &format!("place = \"Q\"\nx = {}{}", "[".repeat(100), "]".repeat(100)),
            ),
        ),
        (
            "deep array people",
            r(
                "people = [\"b\"]",
                &format!("people = {}{}", "[".repeat(100), "]".repeat(100)),
            ),
        ),
    ]);
}

/// Draws for the mutations, from the generator's SplitMix64 seeded by proptest.
trait Draw {
    fn index(&mut self, n: usize) -> usize;
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str;
}

impl Draw for Rng {
    fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.index(items.len())]
    }
}

/// Whole lines the mutations insert: every header, a key of every table.
const LINES: &[&str] = &[
    "[trip]",
    "[people.a]",
    "[people.c]",
    "[people.b]",
    "[[day]]",
    "[[ day ]]",
    "[[day.stop]]",
    "[[day.stop.meeting]]",
    "[[unscheduled]]",
    "[[unscheduled.meeting]]",
    "[people]",
    "[day]",
    "title = \"X\"",
    "title = \"\"",
    "name = \"N\"",
    "place = \"Y\"",
    "date = 2019-04-03",
    "date = 2019-04-01",
    "date = 2019-04-09",
    "arrive = 08:00",
    "arrive = \"11:00\"",
    "depart = 12:00",
    "start = 09:30",
    "end = 09:20",
    "people = [\"a\"]",
    "people = [\"c\"]",
    "attendees = [\"b\", \"a\"]",
    "lead = \"b\"",
    "lead = \"c\"",
    "start = 2019-04-01",
    "end = 2019-04-02",
    "prefecture = \"Narnia\"",
    "prefecture = \"Kyoto\"",
    "status = \"cancelled\"",
    "kind = \"hotel\"",
    "notes = \"n\"",
    "topics = [\"t\"]",
    "sources = []",
    "side = \"host\"",
    "timezone = \"Asia/Tokyo\"",
    "x = 1",
    "# comment",
    "",
];

/// Values put in place of a key's value.
const VALUES: &[&str] = &[
    "\"x\"",
    "''",
    "\"\"",
    "\" \"",
    "'a\\b'",
    "\"\\u00e9\\t\"",
    "\"\\e\"",
    "\"\\x41\"",
    "\"a\\nb\"",
    "\"\\u202e\"",
    "\"\u{3000}\"",
    "\"Tokyo\"",
    "\"東京都\"",
    "\"Kanagawa-ken\"",
    "\"hotel\"",
    "\"cancelled\"",
    "\"host\"",
    "\"a\"",
    "\"b\"",
    "\"UTC\"",
    "\"Asia/Tokyo\"",
    "[]",
    "[\"a\"]",
    "[\"a\", \"b\"]",
    "[\"b\",\n  \"a\", # c\n]",
    "['a']",
    "[\"\"]",
    "2019-04-01",
    "2019-04-02",
    "2019-04-03",
    "2019-04-04",
    "2019-04-05",
    "2019-02-29",
    "2020-02-29",
    "2019-04-02T10:00:00",
    "08:00",
    "09:00",
    "09:05:30",
    "09:05:30.25",
    "10:00",
    "12:00",
    "23:59:59.999999999",
    "00:00",
    "\"09:30\"",
    "\"9:30\"",
    "\"09:30:15\"",
    "true",
    "1",
    "1.5",
    "{}",
];

/// Fragments inserted inside a line.
const BITS: &[&str] = &[
    "\"",
    "'",
    "=",
    "[",
    "]",
    ".",
    ",",
    "{",
    "}",
    "#",
    " ",
    "\t",
    "\\",
    "\\n",
    "\\t",
    "\\u0007",
    "\u{202E}",
    "\r",
    "\r\n",
    "\n",
    "1",
    ":00",
    "x",
    "\u{FEFF}",
    "\"\"\"",
    "day",
    "[[day]]\n",
];

/// The shapes the mutations start from.
static SEEDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let days = DAYS.trim_start();
    let trip = PRELUDE.split("[people.a]").next().unwrap().to_string();
    let people = PRELUDE[PRELUDE.find("[people.a]").unwrap()..].to_string();
    let late = "\n[[unscheduled]]\nplace = \"U\"\npeople = [\"b\"]\n[[unscheduled.meeting]]\ntitle = \"UM\"\n";
    vec![
        base(),
        format!("{trip}{days}\n{people}"),
        format!("{days}\n{trip}{people}"),
        format!("{days}\n{people}\n{trip}"),
        format!("{PRELUDE}{days}{late}"),
        format!("{PRELUDE}{late}{days}"),
        format!("{trip}{days}{late}\n{people}"),
        format!("{trip}{days}\n{people}{late}"),
        base().replace('\n', "\r\n"),
        VARIED.to_string(),
        crate::generate::trip_toml(12, 3, 5),
        crate::generate::trip_toml(25, 4, 6),
        people_last(&crate::generate::trip_toml(60, 8, 7), false),
        people_last(&crate::generate::trip_toml(60, 8, 8), true),
    ]
});

/// The text with the table starting at a random header moved elsewhere.
fn move_table(rng: &mut Rng, text: &str) -> String {
    let starts: Vec<usize> = text.match_indices("\n[").map(|(at, _)| at + 1).collect();
    if starts.len() < 2 {
        return text.to_string();
    }
    let i = rng.index(starts.len());
    let (from, to) = (starts[i], starts.get(i + 1).copied().unwrap_or(text.len()));
    let table = &text[from..to];
    let rest = format!("{}{}", &text[..from], &text[to..]);
    let mut at = *[0]
        .iter()
        .chain(starts.iter().filter(|&&s| s < from))
        .chain(
            starts
                .iter()
                .filter(|&&s| s >= to)
                .map(|s| s - (to - from))
                .collect::<Vec<_>>()
                .iter(),
        )
        .nth(rng.index(starts.len()))
        .unwrap_or(&0);
    at = at.min(rest.len());
    let sep = if table.ends_with('\n') { "" } else { "\n" };
    format!("{}{table}{sep}{}", &rest[..at], &rest[at..])
}

fn mutate(rng: &mut Rng, mut text: String) -> String {
    let n = [1, 1, 1, 2, 3][rng.index(5)];
    for _ in 0..n {
        let valid_only = std::env::var("REVIEW_FUZZ_VALID").is_ok();
        if rng.index(5) == 0 || (valid_only && rng.index(2) == 0) {
            text = move_table(rng, &text);
            continue;
        }
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let i = rng.index(lines.len());
        if rng.index(3) == 0 || valid_only {
            // A valid-looking value in place of a key's, most of the time.
            let keyed: Vec<usize> = (0..lines.len())
                .filter(|&j| lines[j].contains(" = "))
                .collect();
            if let Some(&j) = keyed.get(rng.index(keyed.len().max(1))) {
                let key = lines[j].split(" = ").next().unwrap().to_string();
                lines[j] = format!("{key} = {}", rng.pick(VALUES));
                text = lines.join("\n");
                continue;
            }
        }
        match rng.index(6) {
            0 => {
                lines.remove(i);
            }
            1 => {
                let line = lines[i].clone();
                lines.insert(rng.index(lines.len() + 1), line);
            }
            2 => {
                let line = lines.remove(i);
                lines.insert(rng.index(lines.len() + 1), line);
            }
            3 | 4 => lines.insert(i, rng.pick(LINES).to_string()),
            _ => {
                let line = &lines[i];
                let mut at = rng.index(line.len() + 1);
                while !line.is_char_boundary(at) {
                    at += 1;
                }
                lines[i] = format!("{}{}{}", &line[..at], rng.pick(BITS), &line[at..]);
            }
        }
        text = lines.join("\n");
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Small trips of every shape, mutated: lines deleted, copied and
    /// moved, tables moved, headers, keys, values and fragments inserted.
    /// Each loads alike every way. (A run of 1.3 million cases found none
    /// that did not.)
    #[test]
    fn mutated_small_trips_load_alike(seed in any::<u64>(), piece in any::<prop::sample::Index>()) {
        let mut rng = Rng(seed);
        let start = SEEDS[rng.index(SEEDS.len())].clone();
        let text = mutate(&mut rng, start);
        let diffs = differences(&text, &[1, 1 + piece.index(text.len())]);
        prop_assert!(diffs.is_empty(), "{}\n--- text ---\n{text:?}", diffs.join("\n"));
    }
}

#[test]
fn split_specific_cuts() {
    let days = DAYS.trim_start();
    let trip = PRELUDE.split("[people.a]").next().unwrap();
    let people = &PRELUDE[PRELUDE.find("[people.a]").unwrap()..];
    let many: String = (1..=4)
        .map(|d| {
            format!(
                "[[day]]\ndate = 2019-04-0{d}\n[[day.stop]]\nplace = \"S{d}\"\narrive = 10:00\n\n"
            )
        })
        .collect();
    probe(&[
        (
            "first day at offset 0, trip last, no newline",
            format!("{days}\n{trip}{}", people.trim_end()),
        ),
        (
            "epilogue trip at eof without newline",
            format!("{people}{days}\n{}", trip.trim_end()),
        ),
        (
            "day header with cr and comment",
            format!("{PRELUDE}{}", many.replace("[[day]]\n", "[[day]] # d\r\n")),
        ),
        (
            "crlf day headers only",
            format!("{PRELUDE}{}", many.replace("[[day]]\n", "[[day]]\r\n")),
        ),
        (
            "day header with trailing tab",
            format!("{PRELUDE}{}", many.replace("[[day]]\n", "[[day]]\t\n")),
        ),
        (
            "quoted person in epilogue",
            format!("{trip}{many}[people.\"a\"]\nname = \"A\"\n[people.b]\nname = \"B\"\n"),
        ),
        (
            "trip then people in epilogue",
            format!("{many}{trip}\n{people}"),
        ),
        (
            "people then trip then unscheduled in epilogue",
            format!("{many}{people}\n{trip}\n[[unscheduled]]\nplace = \"U\"\npeople = [\"b\"]\n"),
        ),
        (
            "comment with headers",
            format!("{PRELUDE}# [[day]]\n# [people.x]\n{many}# [trip]\n"),
        ),
        (
            "day header mid-line",
            format!(
                "{PRELUDE}{}",
                many.replacen(
                    "[[day]]\ndate = 2019-04-03",
                    "  [[day]]\ndate = 2019-04-03",
                    1
                )
            ),
        ),
        (
            "day header after array line",
            format!(
                "{}{many}",
                PRELUDE.replace("lead = \"a\"", "lead = \"a\"\nsources = [\n\"x\",\n]")
            ),
        ),
        (
            "people header inside epilogue array",
            format!(
                "{trip}{many}{people}\n[[unscheduled]]\nplace = \"U\"\npeople = [\n\"a\",\n]\n"
            ),
        ),
        (
            "empty prelude, one day, trip last",
            format!("[[day]]\ndate = 2019-04-01\n\n{trip}{people}"),
        ),
        (
            "prelude only comments",
            format!("# hello\n\n{many}{trip}{people}"),
        ),
        (
            "day dotted at line start",
            format!("{PRELUDE}{many}[[day.stop]]\nplace = \"Late\"\n"),
        ),
        (
            "second day header spaced",
            format!(
                "{PRELUDE}{}",
                many.replacen(
                    "[[day]]\ndate = 2019-04-02",
                    "[[day ]]\ndate = 2019-04-02",
                    1
                )
            ),
        ),
        (
            "unicode before day headers",
            format!(
                "{PRELUDE}# 日本語\n{}",
                many.replace("place = \"S2\"", "place = \"東京\"")
            ),
        ),
        (
            "many people, referenced late only",
            format!("{trip}{many}{people}[people.c]\nname = \"C\"\n")
                .replace("place = \"S4\"", "place = \"S4\"\npeople = [\"c\", \"b\"]"),
        ),
        (
            "max trip length",
            format!(
                "{}{many}",
                PRELUDE.replace("end = 2019-04-04", "end = 2029-04-14")
            ),
        ),
        (
            "over max trip length",
            format!(
                "{}{many}",
                PRELUDE.replace("end = 2019-04-04", "end = 2029-04-15")
            ),
        ),
    ]);
}

/// A piece length near `usize::MAX` once made `load_split`'s cut loop wrap
/// around to the cut it stood on and push it for ever.
#[test]
fn a_huge_piece_length_loads_as_walked() {
    let text = base();
    for n in [usize::MAX, usize::MAX - 10] {
        assert_eq!(
            format!("{:?}", load_str_split_from(&text, 0, n)),
            format!("{:?}", load_walked(&text))
        );
    }
}

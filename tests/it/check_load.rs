#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The loader as the rest of the app sees it: the model's invariants, what
//! is accepted, and that no input at all makes it panic.

use chrono::{NaiveDate, NaiveTime};
use proptest::prelude::*;

use itinerary::load::{self, Diagnostic, LoadError, Loaded, Severity};
use itinerary::model::{PersonId, Side, Status, StopKind};
use itinerary::prefecture::{Prefecture, PrefectureName};
use itinerary::work;

const VALID: &str = r#"
[trip]
title    = "浙江省代表団 — Zhejiang delegation"
start    = 2018-08-26
end      = 2018-08-30
timezone = "Asia/Tokyo"
lead     = "yuan"
sources  = ["ezhejiang.gov.cn"]

[people.yuan]
name   = "Yuan Jiajun"
native = "袁家军"
side   = "delegation"

[people.kawakatsu]
name = "Heita Kawakatsu"
side = "host"

[[day]]
date  = 2018-08-28
title = "Tokyo"
notes = """Two lines
	and a tab."""

[[day.stop]]
place  = "Afternoon"
arrive = "14:00"
people = ["kawakatsu"]

[[day.stop]]
place      = "Untimed, second in file"
prefecture = "東京都"

[[day.stop]]
place      = "Morning"
kind       = "meeting"
prefecture = "tokyo-to"
arrive     = 09:00
depart     = 12:00:00
status     = "tentative"
people     = ["yuan", "kawakatsu", "yuan"]

[[day.stop.meeting]]
title = "Second at ten"
start = 10:00

[[day.stop.meeting]]
title = "Untimed"

[[day.stop.meeting]]
title = "First at ten"
start = "10:00"
attendees = ["yuan"]

[[day]]
date  = 2018-08-27
title = "Shizuoka"

[[day.stop]]
place      = "Untimed, first in file"
prefecture = "Shizuoka-ken"

[[unscheduled]]
place = "Business forum"
kind  = "forum"
"#;

fn load(text: &str) -> Loaded {
    match load::load_str(text) {
        Ok(l) => l,
        Err(diags) => panic!(
            "{}",
            diags
                .iter()
                .map(|d| d.render("t", text))
                .collect::<String>()
        ),
    }
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

#[test]
fn there_is_one_day_per_date_in_order_empty_ones_included() {
    let trip = load(VALID).trip;
    let dates: Vec<NaiveDate> = trip.days.iter().map(|d| d.date).collect();
    let expected: Vec<NaiveDate> = (26..=30)
        .map(|d| NaiveDate::from_ymd_opt(2018, 8, d).unwrap())
        .collect();
    assert_eq!(dates, expected);
    assert!(trip.days[0].stops.is_empty() && trip.days[0].title.is_none());
    assert_eq!(trip.days[1].title.as_deref(), Some("Shizuoka"));
    assert_eq!(trip.days[2].title.as_deref(), Some("Tokyo"));
    assert_eq!(trip.day_index(dates[2]), Some(2));
}

#[test]
fn stops_and_meetings_are_in_time_order_untimed_first() {
    let trip = load(VALID).trip;
    let places: Vec<&str> = trip.days[2]
        .stops
        .iter()
        .map(|s| s.place.as_str())
        .collect();
    assert_eq!(places, ["Untimed, second in file", "Morning", "Afternoon"]);
    let morning = &trip.days[2].stops[1];
    let meetings: Vec<&str> = morning.meetings.iter().map(|m| m.title.as_str()).collect();
    assert_eq!(meetings, ["Untimed", "Second at ten", "First at ten"]);
}

#[test]
fn fields_convert_to_the_model() {
    let loaded = load(VALID);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let trip = loaded.trip;
    assert_eq!(trip.timezone, chrono_tz::Asia::Tokyo);
    assert_eq!(trip.lead, Some(PersonId(0)));
    let keys: Vec<&str> = trip.people.iter().map(|p| p.key.as_str()).collect();
    assert_eq!(keys, ["yuan", "kawakatsu"], "people keep file order");
    assert_eq!(trip.people[1].side, Side::Host);
    let morning = &trip.days[2].stops[1];
    assert_eq!(morning.kind, StopKind::Meeting);
    assert_eq!(morning.status, Status::Tentative);
    assert_eq!(
        (morning.arrive, morning.depart),
        (Some(hm(9, 0)), Some(hm(12, 0)))
    );
    assert_eq!(
        morning.people,
        [PersonId(0), PersonId(1)],
        "duplicates dropped"
    );
    assert_eq!(morning.meetings[2].start, Some(hm(10, 0)), "a string time");
    let tokyo = Some(PrefectureName::Known(Prefecture::parse("Tokyo").unwrap()));
    assert_eq!(morning.prefecture, tokyo);
    assert_eq!(trip.days[2].stops[0].prefecture, tokyo);
    assert_eq!(
        trip.days[2].notes.as_deref(),
        Some("Two lines\n\tand a tab.")
    );
    assert_eq!(trip.unscheduled[0].kind, StopKind::Forum);
}

#[test]
fn a_crlf_file_loads_the_same_with_plain_line_breaks_in_notes() {
    let crlf = VALID.replace('\n', "\r\n");
    // Its entities start further into the text: the same trip, read from elsewhere.
    assert_eq!(
        without_origins(load(&crlf).trip),
        without_origins(load(VALID).trip)
    );
}

/// The trip with every origin cleared, to compare what two texts say.
fn without_origins(mut trip: itinerary::model::Trip) -> itinerary::model::Trip {
    for p in &mut trip.people {
        p.origin = Default::default();
    }
    let days = trip.days.iter_mut().map(|d| {
        d.origin = None;
        &mut d.stops
    });
    for stops in days.chain([&mut trip.unscheduled]) {
        for s in stops {
            s.origin = Default::default();
            for m in &mut s.meetings {
                m.origin = Default::default();
            }
        }
    }
    trip
}

#[test]
fn warnings_come_with_the_loaded_trip_in_file_order() {
    let text = VALID.replace("\"Shizuoka-ken\"", "\"Shizuoko\"").replace(
        "[people.kawakatsu]",
        "[people.nobody]\nname = \"N\"\n\n[people.kawakatsu]",
    );
    let loaded = load(&text);
    let messages: Vec<&str> = loaded.warnings.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "person \"nobody\" is defined but never referenced",
            "unknown prefecture \"Shizuoko\""
        ]
    );
    assert!(
        loaded
            .warnings
            .iter()
            .all(|d| d.severity == Severity::Warning)
    );
    assert_eq!(
        loaded.trip.days[1].stops[0].prefecture,
        Some(PrefectureName::Other("Shizuoko".into()))
    );
}

#[test]
fn errors_are_all_reported_in_file_order() {
    let text = VALID
        .replace("lead     = \"yuan\"", "lead     = \"yaun\"")
        .replace("kind       = \"meeting\"", "kind       = \"meating\"")
        .replace("kind  = \"forum\"", "kind  = \"forun\"");
    let diags = load::load_str(&text).unwrap_err();
    let lines: Vec<usize> = diags.iter().map(|d| d.line_col(&text).unwrap().0).collect();
    assert_eq!(diags.len(), 3, "{diags:?}");
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
}

#[test]
fn a_date_time_is_not_taken_for_a_time() {
    let text = VALID.replace("arrive     = 09:00", "arrive     = 2018-08-28T09:00:00");
    let diags = load::load_str(&text).unwrap_err();
    assert_eq!(
        diags[0].message,
        "`arrive` must be a time like 10:30, not a date-time"
    );
}

#[test]
fn a_file_with_thousands_of_problems_is_reported_in_linear_time() {
    let mut text = String::from("[trip]\ntitle = \"T\"\nstart = 2018-08-26\nend = 2018-08-26\n");
    text.push_str("[[day]]\ndate = 2018-08-26\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "[[day.stop]]\nplace = \"P{i}\"\ncolour = \"red\"\n"
        ));
    }
    // Under the size of a split load: all of it on this thread, counted.
    assert!(text.len() < 1024 * 1024);
    let (diags, loading) = work::measure(|| load::load_str(&text).unwrap_err());
    assert_eq!(diags.len(), 20_000);
    let (rendered, rendering) = work::measure(|| {
        let source = load::SourceLines::new(&text);
        diags
            .iter()
            .map(|d| d.render_in("t", &source))
            .collect::<Vec<_>>()
    });
    // The text is indexed once, then each problem quotes its own line:
    // rescanning the text per problem would count 20,000 times its length.
    let len = text.len() as u64;
    assert!(loading.text <= len, "{loading:?} for {len} bytes");
    assert!(rendering.text <= 2 * len, "{rendering:?} for {len} bytes");
    assert!(
        rendered[19_999].contains("--> t:60006:1\n"),
        "{}",
        rendered[19_999]
    );
}

/// The bytes this thread has read from files, by Linux's count (`rchar`).
#[cfg(target_os = "linux")]
fn bytes_read() -> u64 {
    let io = std::fs::read_to_string("/proc/thread-self/io").unwrap();
    let rchar = io.lines().find_map(|l| l.strip_prefix("rchar: ")).unwrap();
    rchar.parse().unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn a_file_over_the_limit_is_refused_before_a_byte_of_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.toml");
    // Sparse: the size is there, the bytes are not.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(load::MAX_FILE_SIZE + 1).unwrap();
    let before = bytes_read();
    let (_, result) = load::load_path(&path);
    // What was read since is the first reading of the count itself.
    let read = bytes_read() - before;
    let Err(LoadError::Invalid(diags)) = result else {
        panic!("{result:?}")
    };
    assert_eq!(
        diags[0].message,
        "file is larger than the 64 MiB limit (64 MiB or more)"
    );
    assert!(read < 4096, "{read} bytes read");
}

/// Loading never panics, and whatever it says renders without a control character.
fn never_panics(bytes: Vec<u8>) {
    let (text, result) = load::load_bytes(bytes);
    let diags: Vec<Diagnostic> = match result {
        Ok(loaded) => loaded.warnings,
        Err(LoadError::Invalid(diags)) => diags,
        Err(LoadError::Unreadable(m)) => panic!("bytes are never unreadable: {m}"),
    };
    for d in diags {
        let out = d.render("t.toml", &text);
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    }
}

/// Mutations of a valid file: flip a byte, delete or duplicate a line.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Delete(usize),
    Duplicate(usize),
    Insert(usize, u8),
}

fn mutate(text: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for m in mutations {
        let lines = || bytes.split_inclusive(|b| *b == b'\n').map(<[u8]>::to_vec);
        match *m {
            Mutation::Flip(i, x) if !bytes.is_empty() => {
                let n = bytes.len();
                bytes[i % n] ^= x;
            }
            Mutation::Insert(i, x) => {
                let at = i % (bytes.len() + 1);
                bytes.insert(at, x);
            }
            Mutation::Delete(i) | Mutation::Duplicate(i) => {
                let mut all: Vec<Vec<u8>> = lines().collect();
                if all.is_empty() {
                    continue;
                }
                let at = i % all.len();
                if matches!(m, Mutation::Delete(_)) {
                    all.remove(at);
                } else {
                    let line = all[at].clone();
                    all.insert(at, line);
                }
                bytes = all.concat();
            }
            Mutation::Flip(..) => {}
        }
    }
    bytes
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1..=255u8).prop_map(|(i, x)| Mutation::Flip(i, x)),
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Duplicate),
        (any::<usize>(), any::<u8>()).prop_map(|(i, x)| Mutation::Insert(i, x)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        never_panics(bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        never_panics(text.into_bytes());
    }

    #[test]
    fn rendering_any_span_of_any_text_never_panics(
        text in "(\\PC|\r\n|\n|\t|[静岡]){0,80}",
        start in 0usize..120,
        len in 0usize..40,
    ) {
        let d = Diagnostic::error("x", Some(start..start + len)).with_help("h");
        let out = d.render("t.toml", &text);
        prop_assert!(out.starts_with("error: x\n"));
        prop_assert!(!out.contains('\r'));
    }

    #[test]
    fn mutated_valid_files_never_panic(mutations in proptest::collection::vec(mutation(), 1..6)) {
        never_panics(mutate(VALID, &mutations));
        never_panics(mutate(&VALID.replace('\n', "\r\n"), &mutations));
    }
}

/// A day with a depart-only stop and an end-only meeting, the meetings
/// written as `meetings` (headers, or inline tables: the two ways a file can give them).
fn depart_only_day(meetings: &str) -> String {
    format!(
        r#"
[trip]
title = "Order"
start = 2024-05-01
end   = 2024-05-01

[[day]]
date = 2024-05-01

[[day.stop]]
place  = "Hotel check-out"
depart = 15:00
{meetings}

[[day.stop]]
place  = "Lunch"
arrive = 12:00
depart = 13:00

[[day.stop]]
place  = "Breakfast"
arrive = 05:00
depart = 06:00
"#
    )
}

#[test]
fn a_depart_only_stop_sorts_by_its_departure_and_an_end_only_meeting_by_its_end() {
    let headers = "[[day.stop.meeting]]\ntitle = \"Eleven\"\nstart = 11:00\n\
                   [[day.stop.meeting]]\ntitle = \"Until ten\"\nend = 10:00\n\
                   [[day.stop.meeting]]\ntitle = \"Nine\"\nstart = 09:00\n";
    let inline = "meeting = [{ title = \"Eleven\", start = 11:00 }, \
                  { title = \"Until ten\", end = 10:00 }, { title = \"Nine\", start = 09:00 }]";
    for meetings in [headers, inline] {
        let trip = load(&depart_only_day(meetings)).trip;
        let stops = &trip.days[0].stops;
        let places: Vec<&str> = stops.iter().map(|s| s.place.as_str()).collect();
        assert_eq!(
            places,
            ["Breakfast", "Lunch", "Hotel check-out"],
            "{meetings}"
        );
        let titles: Vec<&str> = stops[2].meetings.iter().map(|m| m.title.as_str()).collect();
        assert_eq!(titles, ["Nine", "Until ten", "Eleven"], "{meetings}");
    }
}

//! The split load must give exactly what the whole-file load gives.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;

use super::{load_split, load_str_split_from};
use crate::generate::trip_toml;

/// Both loads, shown with Debug so every field and diagnostic is compared;
/// the split one in pieces of about `piece_len` bytes.
fn both_in(text: &str, piece_len: usize) -> (String, String) {
    let split = format!("{:?}", load_str_split_from(text, 0, piece_len));
    let whole = format!("{:?}", load_str_split_from(text, usize::MAX, piece_len));
    (split, whole)
}

/// Both loads, the split one with each day a piece.
fn both(text: &str) -> (String, String) {
    both_in(text, 1)
}

/// Whether the text is loaded split, each day a piece.
fn splits(text: &str) -> bool {
    load_split(text, 1).is_some()
}

fn assert_same(text: &str) {
    for piece_len in [1, 3000, text.len() / 3] {
        let (split, whole) = both_in(text, piece_len);
        assert_eq!(split, whole, "split and whole loads differ on:\n{text}");
    }
}

/// The offset of the start of the last line starting with `prefix`.
pub(super) fn last_line(text: &str, prefix: &str) -> usize {
    text.match_indices(&format!("\n{prefix}"))
        .last()
        .map(|(at, _)| at + 1)
        .expect(prefix)
}

/// Replaces the line at `at` with `line`.
pub(super) fn replace_line(text: &str, at: usize, line: &str) -> String {
    let end = text[at..].find('\n').map_or(text.len(), |e| at + e);
    format!("{}{line}{}", &text[..at], &text[end..])
}

pub(super) fn insert_after_line(text: &str, at: usize, line: &str) -> String {
    let end = text[at..].find('\n').map_or(text.len(), |e| at + e + 1);
    format!("{}{line}\n{}", &text[..end], &text[end..])
}

/// Mutates the last day of a generated trip, which the split puts in the
/// second half: the diagnostics found there must still be these.
pub(super) fn late(text: &str, kind: usize) -> (String, &'static str) {
    match kind {
        0 => {
            let first = text.find("\ndate = ").unwrap() + 1;
            let first_line = text[first..].split('\n').next().unwrap().to_string();
            let at = last_line(text, "date = ");
            (replace_line(text, at, &first_line), "is given twice")
        }
        1 => {
            let at = last_line(text, "people = [");
            (
                replace_line(text, at, "people = [\"nobody\"]"),
                "no person with id",
            )
        }
        2 => {
            let at = last_line(text, "depart = ");
            (
                replace_line(text, at, "depart = 00:01"),
                "departs before it arrives",
            )
        }
        3 => {
            let at = last_line(text, "[[day.stop]]");
            (
                insert_after_line(text, at, "colour = \"red\""),
                "unknown key",
            )
        }
        _ => {
            let at = last_line(text, "date = ");
            (
                replace_line(text, at, "date = 1999-01-01"),
                "outside the trip",
            )
        }
    }
}

#[test]
fn generated_trips_load_split_as_whole() {
    for (events, days, seed) in [(40, 4, 1), (300, 30, 2), (2000, 120, 3), (50, 50, 4)] {
        let text = trip_toml(events, days, seed);
        assert!(splits(&text), "{events} events: not split");
        assert_same(&text);
        assert!(load_str_split_from(&text, 0, 1).is_ok());
    }
}

#[test]
fn late_errors_are_found_by_the_split_load() {
    let text = trip_toml(300, 30, 7);
    for kind in 0..5 {
        let (bad, expected) = late(&text, kind);
        assert!(splits(&bad), "kind {kind}: not split");
        let (split, whole) = both(&bad);
        assert_eq!(split, whole, "kind {kind}");
        assert!(split.contains(expected), "kind {kind}: {split}");
    }
}

#[test]
fn tables_after_days_or_multiline_strings_fall_back() {
    let text = trip_toml(300, 30, 8);
    let at = last_line(&text, "[[day.stop]]");
    for extra in [
        "[trip]\ntitle = \"again\"",
        "[people.late]\nname = \"Late\"",
        "[day]",
    ] {
        let bad = format!("{}{extra}\n{}", &text[..at], &text[at..]);
        assert!(!splits(&bad), "{extra}");
        assert_same(&bad);
    }
    // Unscheduled stops among the first half's days, or before the days
    // and after them.
    let early = text.find("\n[[day.stop]]").unwrap() + 1;
    for (at, extra) in [
        (early, "[[unscheduled]]\nplace = \"Kyoto\""),
        (0, "[[unscheduled]]\nplace = \"Nara\""),
    ] {
        let bad = format!("{}{extra}\n{}", &text[..at], &text[at..]);
        assert!(!splits(&bad), "{extra}");
        assert_same(&bad);
    }
    // Late ones are walked with the second half's days.
    let bad = format!(
        "{}[[unscheduled]]\nplace = \"Kyoto\"\n{}",
        &text[..at],
        &text[at..]
    );
    assert!(splits(&bad));
    assert_same(&bad);
    let bad = insert_after_line(&text, at, "notes = \"\"\"\n[[day]]\n\"\"\"");
    assert!(!splits(&bad));
    assert_same(&bad);
}

#[test]
fn multiline_strings_are_split_around() {
    // A multi-line city in every stop, whose second line starts with
    // `[[day]]` (no header: text follows), and a literal multi-line
    // purpose: the file still splits, and reads as the whole.
    let text = trip_toml(300, 30, 12)
        .replace(
            "place = ",
            "city = \"\"\"\nKyoto, \\\n[[day]] no header\"\"\"\nplace = ",
        )
        .replacen("purpose = \"", "purpose = '''\n\"", 1)
        .replacen("交流と協力\"", "交流と協力\"'''", 1);
    assert!(splits(&text));
    assert_same(&text);
    assert!(load_str_split_from(&text, 0, 1).is_ok());
}

#[derive(Debug, Clone)]
pub(super) enum Edit {
    Delete,
    Duplicate,
    Insert(&'static str),
}

pub(super) fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        Just(Edit::Delete),
        Just(Edit::Duplicate),
        prop::sample::select(vec![
            "\"",
            "=",
            "]",
            "[",
            "x",
            "#",
            "\n",
            " ",
            "[[day]]\n",
            "'''",
            "\t",
            // In strings: escapes, a control character, a line break.
            "\\",
            "\\u00e9",
            "\\t",
            "\\u0007",
            "\r\n",
            // Dotted keys, inline tables, other types.
            ".",
            "{",
            ",",
            "'",
            "1",
            ":00",
        ])
        .prop_map(Edit::Insert),
    ]
}

/// An edit at a line, and at a column of it.
pub(super) type At = (prop::sample::Index, prop::sample::Index, Edit);

/// `text` with `edits` made one after another.
pub(super) fn apply(mut text: String, edits: Vec<At>) -> String {
    for (line, col, edit) in edits {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .filter(|&i| i < text.len())
            .collect();
        let at = starts[line.index(starts.len())];
        let end = text[at..].find('\n').map_or(text.len(), |e| at + e + 1);
        text = match edit {
            Edit::Delete => format!("{}{}", &text[..at], &text[end..]),
            Edit::Duplicate => format!("{}{}", &text[..end], &text[at..]),
            Edit::Insert(s) => {
                let mut c = at + col.index(end - at);
                while !text.is_char_boundary(c) {
                    c += 1;
                }
                format!("{}{s}{}", &text[..c], &text[c..])
            }
        };
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    #[test]
    fn mutated_trips_load_split_as_whole(
        events in 5usize..400,
        days in 2usize..40,
        seed in any::<u64>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), edit()), 1..4),
        late_kind in prop::option::of(0usize..5),
        piece_len in 1usize..20_000,
    ) {
        let mut text = trip_toml(events, days, seed);
        if let Some(kind) = late_kind {
            text = late(&text, kind).0;
        }
        let text = apply(text, edits);
        let (split, whole) = both_in(&text, piece_len);
        prop_assert_eq!(split, whole);
    }
}

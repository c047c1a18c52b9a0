//! `export --day` reads the file the one way every command does, every
//! time, and writes nothing but its output. Issue 21's case: a day cache
//! found the part after the days by a text search that did not know TOML
//! strings, so the second export of a large file whose last day's notes
//! hold TOML-looking lines printed a stop that is only text.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::generate;

use std::path::Path;
use std::process::Output;

/// A trip of more than 1 MiB whose fourth and last day comes last in the
/// file and ends with multi-line notes that look like TOML.
fn trip_with_toml_in_notes() -> String {
    // Three generated days; the trip is made one day longer, and its
    // fourth day is written last, after the unscheduled stops.
    let mut text = generate::trip_toml(6_000, 3, 21);
    assert!(text.len() >= 1024 * 1024, "{} bytes", text.len());
    text = text.replacen("end = 2027-04-07", "end = 2027-04-08", 1);
    text.push_str(
        "\n[[day]]\ndate = 2027-04-08\ntitle = \"Last day\"\nnotes = \"\"\"\nPack.\n\
         [people.zz]\nname = \"Z\"\n[[day.stop]]\nplace = \"PHANTOM STOP\"\narrive = 23:00\n\"\"\"\n",
    );
    text
}

fn export(file: &Path, home: &Path) -> Output {
    crate::common::bin()
        .args(["export", "--day", "4", "--format", "json"])
        .arg(file)
        .env("HOME", home)
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env_remove("ITINERARY_CACHE_DIR")
        .env("SOURCE_DATE_EPOCH", "1546300800")
        .output()
        .unwrap()
}

#[test]
fn a_day_exported_twice_is_read_from_the_file_both_times_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.toml");
    std::fs::write(&file, trip_with_toml_in_notes()).unwrap();
    let check = crate::common::bin()
        .arg("check")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0), "{check:?}");

    let first = export(&file, home.path());
    let second = export(&file, home.path());
    for (run, out) in [("first", &first), ("second", &second)] {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{run}: {stderr}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let day = &json["days"][0];
        assert_eq!(day["date"], "2027-04-08", "{run}");
        // The notes are text: the stop in them is no stop of the day.
        assert_eq!(day["stops"], serde_json::json!([]), "{run}");
        let notes = day["notes"].as_str().unwrap();
        assert!(notes.contains("place = \"PHANTOM STOP\""), "{run}: {notes}");
        assert_eq!(json["counts"]["stops"], 0, "{run}");
    }
    assert_eq!(first.stdout, second.stdout);
    assert_eq!(first.stderr, second.stderr);

    // Nothing but the output: no cache, no note, in the home or beside the file.
    let written: Vec<_> = walk(home.path());
    assert!(written.is_empty(), "written in the home: {written:?}");
    let beside: Vec<_> = walk(dir.path());
    assert_eq!(beside, [file]);
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

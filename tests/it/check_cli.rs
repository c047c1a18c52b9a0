#![allow(clippy::unwrap_used, clippy::expect_used)]
//! `itinerary check` as a user runs it: exit statuses, where output goes,
//! files that cannot be read.

use crate::generate;
use std::path::Path;
use std::process::Output;

fn check(args: &[&str]) -> Output {
    crate::common::bin()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("check")
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn the_bundled_trip_is_checked_when_no_file_is_given() {
    let out = check(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("itineraries/zhejiang-japan-2018.toml: ok (5 days, "),
        "{}",
        text(&out.stdout)
    );
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn a_missing_file_is_exit_2_with_a_sentence() {
    let out = check(&["tests/corpus/no-such-file.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "error: cannot read tests/corpus/no-such-file.toml: no such file\n"
    );
}

#[test]
fn the_worst_status_wins_and_each_valid_file_gets_a_summary_line() {
    let valid = "tests/corpus/warning-overlap.toml";
    let invalid = "tests/corpus/unknown-kind.toml";
    let out = check(&[valid, invalid, valid]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        format!("{valid}: ok (3 days, 4 events, 1 warning)\n").repeat(2)
    );
    let out = check(&[invalid, "tests/corpus/no-such-file.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown kind \"arival\""));
}

#[test]
fn warnings_fail_only_under_deny_warnings() {
    let file = "tests/corpus/warning-prefecture.toml";
    assert_eq!(check(&[file]).status.code(), Some(0));
    let out = check(&["--deny-warnings", file]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn a_file_over_64_mib_is_refused_by_its_size_without_being_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.toml");
    // Sparse: 1 TiB by its size, no bytes on disk. Refused by its size, the
    // message says 1 TiB; read first (the loader never reads past the limit)
    // it would say 64 MiB.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(1 << 40).unwrap();
    let out = check(&[path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("error: file is larger than the 64 MiB limit (1048576 MiB or more)\n"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_are_exit_2() {
    let out = check(&["--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn file_names_with_control_characters_are_not_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil\u{1b}[2J.toml");
    std::fs::write(&path, "[trip]\n").unwrap();
    let out = check(&[path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!text(&out.stderr).contains('\u{1b}'));
    assert!(Path::new(&path).exists());
}

/// The lines that start a diagnostic or a count line.
fn headers(stderr: &str) -> usize {
    stderr
        .lines()
        .filter(|l| l.starts_with("error: ") || l.starts_with("warning: "))
        .count()
}

#[test]
fn past_200_problems_the_rest_are_counted_and_all_prints_every_one() {
    // Three copies of a trip joined: every table of the second and third
    // is given twice.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("joined.toml");
    let trip = generate::trip_toml(600, 60, 1);
    std::fs::write(&path, trip.repeat(3)).unwrap();
    let p = path.to_str().unwrap();

    let all = check(&["--all", p]);
    assert_eq!(all.status.code(), Some(1));
    let all_err = text(&all.stderr);
    let total = headers(&all_err) - 1;
    assert!(total > 200, "{total}");
    assert_eq!(
        all_err.lines().last().unwrap(),
        format!("error: {total} errors, 0 warnings in {p}")
    );

    let first = check(&[p]);
    assert_eq!(first.status.code(), Some(1));
    let first_err = text(&first.stderr);
    assert_eq!(headers(&first_err) - 1, 200);
    assert!(all_err.starts_with(first_err.rsplit_once("\nerror: ").unwrap().0));
    assert_eq!(
        first_err.lines().last().unwrap(),
        format!(
            "error: {total} errors, 0 warnings in {p} ({} not shown; \
             `itinerary check --all` shows them)",
            total - 200
        )
    );
}

#[test]
fn each_file_ends_its_own_report_and_warnings_alone_are_counted_on_stdout() {
    let invalid = "tests/corpus/unknown-kind.toml";
    let warned = "tests/corpus/warning-overlap.toml";
    let syntax = "tests/corpus/syntax-error.toml";
    let out = check(&[invalid, warned, syntax]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let counts: Vec<&str> = err.lines().filter(|l| l.contains(" in tests/")).collect();
    assert_eq!(
        counts,
        [
            format!("error: 1 error, 0 warnings in {invalid}"),
            format!("error: 3 errors, 0 warnings in {syntax}"),
        ]
    );
    // Each count line follows its own file's diagnostics.
    let (before, after) = err.split_once(counts[0]).unwrap();
    assert!(before.contains(invalid) && !before.contains(syntax));
    assert!(after.contains(warned) && after.contains(syntax));
    assert_eq!(
        text(&out.stdout),
        format!("{warned}: ok (3 days, 4 events, 1 warning)\n")
    );

    let out = check(&["--deny-warnings", warned, invalid]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!(
            "\nerror: 0 errors, 1 warning in {warned} (refused by --deny-warnings)\n"
        )),
        "{err}"
    );
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn the_browser_and_export_end_a_refused_files_report_alike() {
    let file = "tests/corpus/multiple-errors.toml";
    let checked = text(&check(&[file]).stderr);
    assert!(checked.ends_with(&format!("\nerror: 5 errors, 0 warnings in {file}\n")));
    for args in [&[file][..], &["export", file]] {
        let out = crate::common::bin()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(text(&out.stderr), checked, "{args:?}");
    }
}

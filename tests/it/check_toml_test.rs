#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The invalid documents of the public toml-test suite (MIT, see
//! `tests/toml-test-invalid/LICENSE`): every one is refused with a located
//! diagnostic and no panic. The library renders each (fast); a sample also
//! goes through the real binary for the exit status.

use std::path::{Path, PathBuf};

use itinerary::load::{self, LoadError};

fn suite() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/toml-test-invalid");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// A `--> NAME:LINE:COL` line.
fn located(rendered: &str, name: &str) -> bool {
    rendered.lines().any(|l| {
        l.trim_start()
            .strip_prefix("--> ")
            .and_then(|rest| rest.strip_prefix(name))
            .and_then(|rest| rest.strip_prefix(':'))
            .and_then(|rest| rest.split_once(':'))
            .is_some_and(|(line, col)| {
                line.parse::<usize>().is_ok() && col.parse::<usize>().is_ok()
            })
    })
}

#[test]
fn all_509_invalid_documents_are_refused_with_a_location() {
    let files = suite();
    // 509 documents; with LICENSE and README the folder holds 511 files.
    assert_eq!(files.len(), 509);
    let mut failures = Vec::new();
    for path in &files {
        let (text, result) = load::load_path(path);
        let diags = match result {
            Err(LoadError::Invalid(diags)) => diags,
            other => {
                failures.push(format!(
                    "{}: not refused as invalid: {other:?}",
                    path.display()
                ));
                continue;
            }
        };
        let rendered: String = diags.iter().map(|d| d.render("t.toml", &text)).collect();
        if !located(&rendered, "t.toml") {
            failures.push(format!(
                "{}: no located diagnostic:\n{rendered}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_binary_exits_1_on_a_sample() {
    let sample = [
        "array_no-close-01.toml",
        "control_bare-null.toml",
        "encoding_bad-utf8-in-string.toml",
        "encoding_utf16-bom.toml",
        "table_duplicate-key-01.toml",
        "local-time_no-secs.toml",
    ];
    for name in sample {
        let path = Path::new("tests/toml-test-invalid").join(name);
        assert!(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(&path).exists(),
            "{name}"
        );
        let out = crate::common::bin()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .arg("check")
            .arg(&path)
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(
            located(&stderr, &path.display().to_string()),
            "{name}: {stderr}"
        );
        assert!(out.stdout.is_empty(), "{name}");
    }
}

#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Runs the real `itinerary check` on every file in `tests/corpus/` and
//! compares its exit status, stdout and stderr, byte for byte, with
//! `NAME.expected` next to it. `NAME.args` adds arguments (`--deny-warnings`).
//!
//! To write the expectations after a deliberate change, run with
//! `UPDATE_CORPUS=1`, then read every changed `.expected` file before
//! committing it.

use std::path::{Path, PathBuf};

const CORPUS: &str = "tests/corpus";

fn corpus_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(CORPUS);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| Path::new(CORPUS).join(p.file_name().unwrap()))
        .collect();
    files.sort();
    files
}

/// What `check` did, in the form the `.expected` files hold.
fn run_check(file: &Path) -> String {
    let mut cmd = crate::common::bin();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).arg("check");
    let args = Path::new(env!("CARGO_MANIFEST_DIR")).join(file.with_extension("args"));
    if let Ok(args) = std::fs::read_to_string(args) {
        cmd.args(args.split_whitespace());
    }
    let out = cmd.arg(file).env("NO_COLOR", "1").output().unwrap();
    format!(
        "status: {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().map_or("signal".into(), |c| c.to_string()),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn every_corpus_file_gives_its_expected_diagnostics() {
    let update = std::env::var_os("UPDATE_CORPUS").is_some();
    let files = corpus_files();
    assert!(files.len() >= 25, "only {} corpus files", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let actual = run_check(file);
        let expected_path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(file.with_extension("expected"));
        if update {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        match std::fs::read_to_string(&expected_path) {
            Ok(expected) if expected == actual => {}
            Ok(expected) => failures.push(format!(
                "{}:\n--- expected\n{expected}--- actual\n{actual}",
                file.display()
            )),
            Err(_) => failures.push(format!("{}: no .expected file", file.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_output_carries_a_control_character_or_carriage_return() {
    for file in corpus_files() {
        let out = run_check(&file);
        assert!(
            !out.chars().any(|c| c.is_control() && c != '\n'),
            "{}: {out:?}",
            file.display()
        );
    }
}

//! The outside programs the calendar tests use: calcurse, khal, and the
//! Python tools (Radicale, icalendar, caldav) that `scripts/test-deps.sh`
//! installs into `target/test-venv`.
//!
//! On CI (`CI` set) a missing tool fails the test: the script installs them
//! all, so missing means broken. Elsewhere the test says what to run and
//! passes, so `cargo test` on a machine without them still passes the rest.

use std::path::{Path, PathBuf};

/// The virtual environment `scripts/test-deps.sh` makes.
pub fn venv() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("target/test-venv")
}

/// A program on PATH (`calcurse`, `khal`), or in the test venv (`radicale`,
/// `python`). `None` (after saying why) when it is missing outside CI.
pub fn tool(name: &str) -> Option<PathBuf> {
    let in_venv = venv().join("bin").join(name);
    if in_venv.is_file() {
        return Some(in_venv);
    }
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    missing(name)
}

/// The venv's Python with `module` importable, or `None` as for [`tool`].
pub fn python_with(module: &str) -> Option<PathBuf> {
    let python = venv().join("bin/python");
    let ok = std::process::Command::new(&python)
        .args(["-c", &format!("import {module}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if ok {
        Some(python)
    } else {
        missing(&format!("python module {module}"))
    }
}

fn missing(what: &str) -> Option<PathBuf> {
    if std::env::var_os("CI").is_some() {
        panic!("{what} is missing on CI: .ci/run runs scripts/test-deps.sh, which installs it");
    }
    eprintln!("skipped: {what} is not installed (bash scripts/test-deps.sh installs it)");
    None
}

//! The terminal side of the browser: setup, the event loop, restoring the
//! terminal on every path.
//!
//! Placeholder: issue 3 implements it.

use crate::exit;
use crate::load::Loaded;

/// Runs the browser until the user quits; returns the exit status.
pub fn run(_name: &str, _loaded: Loaded, _now: Option<chrono::NaiveDateTime>) -> u8 {
    eprintln!("error: the browser is not implemented yet");
    exit::USAGE
}

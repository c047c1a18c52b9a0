//! `itinerary`: browse an official delegation's trip itinerary in the terminal.
//!
//! The crate root holds the domain: [`model`] is the trip, [`prefecture`]
//! the 47 names, [`clock`] its zones, [`format`] its times as text;
//! [`load`] builds it from a file. The browser is split the Elm way:
//! [`app`] holds its state and the pure `update`, [`ui`] draws it, [`tui`]
//! runs the loop; [`export`], [`import`] and [`publish`] are the other
//! commands. `docs/architecture.md` draws the whole.

pub mod app;
pub mod check;
pub mod cli;
pub mod clock;
pub mod config;
pub mod edit;
pub mod export;
pub mod files;
pub mod format;
pub mod import;
pub mod keys;
pub mod load;
pub mod model;
pub mod prefecture;
pub mod publish;
pub mod reload;
pub mod tally;
pub mod tui;
pub mod ui;
pub mod watch;
#[cfg(feature = "work")]
#[doc(hidden)]
pub mod work;

/// Exit statuses, as docs/diagnostics.md documents them.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// The itinerary is invalid (errors found).
    pub const INVALID: u8 = 1;
    /// A usage error, or a file that cannot be read or written.
    pub const USAGE: u8 = 2;
}

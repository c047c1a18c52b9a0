//! `itinerary`: browse an official delegation's trip itinerary in the terminal.
//!
//! The crate is split the Elm way: [`model`] is the trip, [`load`] builds it
//! from a file, [`app`] holds the browser state and its pure `update`, [`ui`]
//! draws it, [`export`] turns it into text; `main` wires them to a terminal.

pub mod app;
pub mod check;
pub mod cli;
pub mod clock;
pub mod edit;
pub mod export;
pub mod format;
pub mod import;
pub mod keys;
pub mod load;
pub mod model;
pub mod now;
pub mod people;
pub mod picker;
pub mod prefecture;
pub mod publish;
pub mod reload;
pub mod search;
pub mod text;
pub mod tui;
pub mod ui;
pub mod watch;
#[cfg(feature = "work")]
#[doc(hidden)]
pub mod work;

/// Exit statuses, as PRODUCT.md §2 documents them.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// The itinerary is invalid (errors found).
    pub const INVALID: u8 = 1;
    /// A usage error, or a file that cannot be read or written.
    pub const USAGE: u8 = 2;
}

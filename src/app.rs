//! The browser's state and its pure `update(&mut App, Action)`.
//!
//! Placeholder: issue 3 implements it.

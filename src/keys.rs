//! The one key table: dispatch, help overlay and status-line hints.
//!
//! Placeholder: issue 3 implements it.

//! Rendering: functions of `&App` that draw into a `Frame` and change nothing.
//!
//! Placeholder: issue 3 implements it.

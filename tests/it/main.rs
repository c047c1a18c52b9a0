//! The integration tests: one binary, a module per feature (linking one
//! binary instead of forty is most of what a fresh `cargo test` saves).
//! `tests/export_memory.rs` stays a binary of its own: it installs a
//! counting allocator and must be alone in its process.

mod common;
#[path = "../support/generate.rs"]
mod generate;
mod trip_checks;

mod app;
mod bundled_trip;
mod calendars;
mod check_cli;
mod check_corpus;
mod check_load;
mod check_toml_test;
mod config;
mod day_view;
mod e2e;
mod e2e_edit;
mod e2e_export;
mod e2e_find;
mod e2e_form;
mod e2e_glance;
mod e2e_input;
mod e2e_now;
mod e2e_people;
mod e2e_reload;
mod e2e_signals;
mod edit;
mod edit_file;
mod edit_keys;
mod edit_props;
mod examples;
mod export;
mod export_cli;
mod export_counts;
mod export_day_notes;
mod files_cli;
mod find;
mod form_edit;
mod generated_trips;
mod glance;
mod goto;
mod held_counts;
mod home_clock;
mod ics_parsers;
mod import;
mod import_cli;
mod import_real;
mod import_reference;
mod import_zones;
mod live;
mod load_tree;
mod now_next;
mod origins;
mod people;
mod programme;
mod publish;
mod reload;
mod reload_watch;
mod reminders;
mod trip_id;
mod ui;
mod usage;

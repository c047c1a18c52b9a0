//! The browser's filter and search: the prefecture picker (`p`, `P`) and
//! the search (`/`, `n`, `N`), as state of the [`App`] and the intents
//! that change it.
//!
//! What depends on the trip alone (the picker's choices, the search text)
//! is built once per trip version ([`super::Loaded`]); the search's matches
//! once per query or filter change ([`App::set_filter`] and a reload
//! re-run it).

use crate::app::picker::{Choice, Picker};
use crate::app::search::{self, Hit, Search};
use crate::model::Filter;

use super::{App, Intent, Message, Overlay};

impl App {
    /// The open prefecture picker, if any.
    pub fn picker(&self) -> Option<&Picker> {
        match &self.overlay {
            Overlay::Picker(p) => Some(p),
            _ => None,
        }
    }

    /// The trip's prefectures, as the picker lists them.
    pub fn choices(&self) -> &[Choice] {
        &self.version.derived().choices
    }

    /// The search: query and matches.
    pub fn search(&self) -> &Search {
        &self.search
    }

    /// Where the selection is, as a search position.
    fn here(&self) -> Hit {
        (self.tab, self.selected)
    }

    /// Re-runs the search on the current view (after the query, the filter
    /// or the trip changed).
    pub(super) fn rerun_search(&mut self) {
        let derived = self.version.derived();
        self.search.hits = search::hits(
            &derived.index,
            self.version.trip(),
            &self.filter,
            &derived.counts.days,
            &self.search.query,
        );
    }

    /// Selects a position: a tab and an event in it.
    fn go(&mut self, (tab, pos): Hit) {
        self.select_tab(tab);
        self.select_event(pos);
    }

    /// Applies a filter from the picker, then makes sure something is
    /// selected: when the day shows nothing any more, the next day that
    /// shows something (wrapping).
    pub(super) fn apply_filter(&mut self, filter: Filter) {
        self.set_filter(filter);
        if self.event_count() > 0 {
            return;
        }
        let n = self.tab_count();
        if let Some(t) = (1..n)
            .map(|k| (self.tab + k) % n)
            .find(|&t| self.tab_len(t).is_some_and(|len| len > 0))
        {
            self.select_tab(t);
        }
    }

    /// `/`: opens the line with the last query (to refine it; Backspace
    /// to start anew), searching from here.
    pub(super) fn open_search(&mut self) {
        self.overlay = Overlay::Search {
            origin: self.here(),
        };
    }

    /// Esc in the timeline: clears a kept search (its matches and `n`/`N`).
    pub(super) fn clear_search(&mut self) {
        if !self.search.query.is_empty() {
            self.search = Search::default();
            self.message = Some(Message {
                text: "search cleared".into(),
                error: false,
            });
        }
    }

    /// `n` / `N`: the next or previous match, changing day as needed.
    pub(super) fn step_match(&mut self, forward: bool) {
        let s = &self.search;
        if s.query.is_empty() {
            self.message = Some(Message {
                text: "no search: press / to search".into(),
                error: false,
            });
            return;
        }
        let here = self.here();
        match s.step(here, forward) {
            Some(hit) => {
                // Past the last match to the first, or back: said, as vim
                // says it, so a second round is not taken for new matches.
                let wrapped = if forward { hit <= here } else { hit >= here };
                if wrapped {
                    let to = if forward { "first" } else { "last" };
                    self.message = Some(Message {
                        text: format!("search wrapped to the {to} match"),
                        error: false,
                    });
                }
                self.go(hit);
            }
            None => self.message = Some(no_match(&s.query)),
        }
    }

    /// A key typed into the search: re-search, and show the first match
    /// from where the search started.
    fn search_edited(&mut self, origin: Hit) {
        self.rerun_search();
        let to = self.search.first_from(origin).unwrap_or(origin);
        self.go(to);
    }
}

/// "no match for "xyz"".
fn no_match(query: &str) -> Message {
    Message {
        text: format!("no match for \"{query}\""),
        error: true,
    }
}

/// An intent while the picker is open: it covers the panes, so only its
/// own intents reach it.
pub(super) fn picker(app: &mut App, intent: Intent) {
    let Overlay::Picker(picker) = &mut app.overlay else {
        return;
    };
    let choices = &app.version.derived().choices;
    if picker.navigate(intent, choices) {
        return;
    }
    match intent {
        Intent::Accept => {
            if let Some(mut filter) = picker.chosen(choices) {
                // The person filter stays: the two combine.
                filter.people = app.filter.people.clone();
                app.overlay = Overlay::None;
                app.apply_filter(filter);
            }
        }
        Intent::Cancel => app.overlay = Overlay::None,
        _ => {}
    }
}

/// An intent while the search line is open. Returns `false` for one that
/// is not the line's (a click, the wheel), for the panes to handle.
pub(super) fn search_line(app: &mut App, intent: Intent) -> bool {
    let Overlay::Search { origin } = app.overlay else {
        return false;
    };
    match intent {
        Intent::Type(c) => {
            app.search.query.push(c);
            app.search_edited(origin);
        }
        Intent::Backspace => {
            app.search.query.pop();
            app.search_edited(origin);
        }
        Intent::Accept => {
            app.overlay = Overlay::None;
            let s = &app.search;
            if !s.query.is_empty() && s.hits.is_empty() {
                app.message = Some(no_match(&s.query));
            }
        }
        Intent::Cancel => {
            app.overlay = Overlay::None;
            app.search = Search::default();
            app.go(origin);
        }
        Intent::SelectTab(_) | Intent::SelectRow(_) | Intent::Focus(_) | Intent::Scroll(..) => {
            return false;
        }
        _ => {}
    }
    true
}

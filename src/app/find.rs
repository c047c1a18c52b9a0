//! The browser's filter and search: the prefecture picker (`p`, `P`) and
//! the search (`/`, `n`, `N`), as state of the [`App`] and the actions
//! that change it.
//!
//! What depends on the trip alone (the picker's choices, the search text)
//! is built once per trip; the search's matches once per query or filter
//! change ([`App::set_filter`] and [`App::refresh_view`] re-run it).

use crate::model::Filter;
use crate::picker::{self, Choice, Picker};
use crate::search::{self, Hit, Index, Search};

use super::{Action, App, Message};

/// Filter and search state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Find {
    /// The trip's prefectures and their counts, for the picker.
    pub choices: Vec<Choice>,
    /// The trip's searchable text.
    index: Index,
    /// The picker, while it is open.
    pub picker: Option<Picker>,
    pub search: Search,
}

impl Find {
    /// Derives what the trip alone decides, keeping the query.
    pub fn for_trip(trip: &crate::model::Trip, previous: &Find) -> Find {
        Find {
            choices: picker::choices(trip),
            index: Index::new(trip),
            picker: None,
            search: previous.search.clone(),
        }
    }
}

impl App {
    /// The open prefecture picker, if any.
    pub fn picker(&self) -> Option<&Picker> {
        self.find.picker.as_ref()
    }

    /// The trip's prefectures, as the picker lists them.
    pub fn choices(&self) -> &[Choice] {
        &self.find.choices
    }

    /// The search: query, input state, matches.
    pub fn search(&self) -> &Search {
        &self.find.search
    }

    /// Where the selection is, as a search position.
    fn here(&self) -> Hit {
        (self.tab, self.selected)
    }

    /// Re-runs the search on the current view (after the query, the filter
    /// or the trip changed).
    pub(super) fn rerun_search(&mut self) {
        self.find.search.hits = search::hits(
            &self.find.index,
            &self.trip,
            &self.filter,
            &self.counts.days,
            &self.find.search.query,
        );
    }

    /// Rebuilds what the trip alone decides (after it changed).
    pub(super) fn rebuild_find(&mut self) {
        self.find = Find::for_trip(&self.trip, &self.find);
    }

    /// Selects a position: a tab and an event in it.
    fn go(&mut self, (tab, pos): Hit) {
        self.select_tab(tab);
        self.select_event(pos);
    }

    /// Applies a filter from the picker, then makes sure something is
    /// selected: when the day shows nothing any more, the next day that
    /// shows something (wrapping).
    fn apply_filter(&mut self, filter: Filter) {
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

    /// `n` / `N`: the next or previous match, changing day as needed.
    fn step_match(&mut self, forward: bool) {
        let s = &self.find.search;
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
    fn search_edited(&mut self) {
        self.rerun_search();
        let s = &self.find.search;
        let to = s.first_from(s.origin).unwrap_or(s.origin);
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

/// Handles the actions of the picker, the search and their keys. Returns
/// `false` for an action that is not theirs, for `update` to handle.
pub(super) fn update(app: &mut App, action: &Action) -> bool {
    if let Some(picker) = app.find.picker.as_mut() {
        // The picker covers the panes: only its own actions reach it.
        let choices = &app.find.choices;
        match action {
            Action::Type(c) => picker.push(*c, choices),
            Action::Backspace => picker.pop(choices),
            Action::PrevEvent => picker.move_by(-1),
            Action::NextEvent => picker.move_by(1),
            Action::Scroll(d, ..) => picker.move_by(isize::from(*d)),
            Action::PageUp | Action::FirstDay => picker.move_by(isize::MIN / 2),
            Action::PageDown | Action::LastDay => picker.move_by(isize::MAX / 2),
            Action::Toggle => picker.toggle(),
            Action::Accept => {
                if let Some(filter) = picker.chosen(choices) {
                    app.find.picker = None;
                    app.apply_filter(filter);
                }
            }
            Action::Cancel | Action::Click(..) => app.find.picker = None,
            // Quit, suspend, a resize and an export's result still happen.
            Action::Quit | Action::Suspend | Action::Resize(..) | Action::Exported(_) => {
                return false;
            }
            _ => {}
        }
        return true;
    }
    let search = &mut app.find.search;
    match action {
        Action::OpenPicker => app.find.picker = Some(Picker::new(&app.find.choices)),
        Action::ClearFilter => app.set_filter(Filter::default()),
        Action::OpenSearch => {
            search.editing = true;
            search.origin = (app.tab, app.selected);
            search.query.clear();
            search.hits.clear();
        }
        Action::NextMatch => app.step_match(true),
        Action::PrevMatch => app.step_match(false),
        Action::Type(c) if search.editing => {
            search.query.push(*c);
            app.search_edited();
        }
        Action::Backspace if search.editing => {
            search.query.pop();
            app.search_edited();
        }
        Action::Accept if search.editing => {
            search.editing = false;
            if !search.query.is_empty() && search.hits.is_empty() {
                app.message = Some(no_match(&search.query));
            }
        }
        Action::Cancel if search.editing => {
            let origin = search.origin;
            *search = Search::default();
            app.go(origin);
        }
        Action::Type(_) | Action::Backspace | Action::Accept | Action::Cancel | Action::Toggle => {}
        _ => return false,
    }
    true
}

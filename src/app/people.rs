//! The people view (`w`) as state of the [`App`]: opening it, the keys it
//! takes, and Enter, which goes to the highlighted event on its day.

use crate::model::{EventRef, Filter};
use crate::people::People;

use super::{App, Intent, Message, Overlay};

impl App {
    /// The open people view, if any.
    pub fn people(&self) -> Option<&People> {
        match &self.overlay {
            Overlay::People(p) => Some(p),
            _ => None,
        }
    }

    /// The trip overview's first line shown, while it is open.
    pub fn trip_overview(&self) -> Option<usize> {
        match self.overlay {
            Overlay::Trip { top } => Some(top),
            _ => None,
        }
    }

    /// `w`: everyone, the highlight on the first event.
    pub(super) fn open_people(&mut self) {
        let loaded = &self.loaded;
        let view = People::new(loaded.directory(), |id| loaded.events_of(id));
        self.overlay = Overlay::People(view);
    }

    /// An intent while the people view is open: it covers the panes.
    pub(super) fn people_key(&mut self, intent: Intent) {
        let Overlay::People(view) = &mut self.overlay else {
            return;
        };
        let loaded = &self.loaded;
        let events_of = |id| loaded.events_of(id);
        let page = self.viewport.people_rows.max(1) as isize;
        match intent {
            Intent::Type(c) => view.push(c, loaded.directory(), events_of),
            Intent::Backspace => view.pop(loaded.directory(), events_of),
            Intent::PrevEvent => view.move_by(-1),
            Intent::NextEvent => view.move_by(1),
            Intent::PageUp => view.move_by(-page),
            Intent::PageDown => view.move_by(page),
            Intent::Scroll(_, d) => view.move_by(isize::from(d)),
            Intent::Accept => {
                if let Some((_, r)) = view.highlighted(events_of) {
                    self.overlay = Overlay::None;
                    self.go_to_event(r);
                }
            }
            Intent::Cancel => self.overlay = Overlay::None,
            _ => {}
        }
    }

    /// Selects an event on its day; when the filter hides it, the filter
    /// is cleared first, and the status line says so.
    pub(super) fn go_to_event(&mut self, r: EventRef) {
        let hidden = self
            .trip()
            .stops(r.day)
            .get(r.stop)
            .is_some_and(|s| !self.filter.matches(s));
        if hidden {
            self.set_filter(Filter::default());
            self.message = Some(Message {
                text: "the filter hid that event: filter cleared".into(),
                error: false,
            });
        }
        let days = &self.loaded.derived().counts.days;
        let Some(tab) = days.iter().position(|d| *d == r.day) else {
            return;
        };
        self.select_tab(tab);
        let pos = self
            .current()
            .and_then(|t| t.events.iter().position(|e| *e == r));
        if let Some(pos) = pos {
            self.select_event(pos);
        }
        self.focus = super::Focus::Timeline;
    }
}

//! The person filter (`f`, `F`): a picker of the trip's people by side
//! (hosts, guests, the delegation), each with the number of events they are
//! at, narrowed by typing a name in either script or an id, several toggled
//! with Space. It keeps the events a chosen person attends or is present
//! at, by the rule `export --person` keeps them ([`crate::model::keeps_stop`]),
//! and combines with the prefecture filter.

use super::picker::{Pick, Picker};
use super::{App, Intent, Message, Overlay};
use crate::export::select;
use crate::model::{Filter, Person, PersonId, Trip};

/// One row of the person picker.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonChoice {
    pub id: PersonId,
    /// The events that list them, over the whole trip.
    pub events: usize,
    /// The person, for the row's text and for what typing matches.
    pub person: Person,
}

impl Pick for PersonChoice {
    /// What `--person` takes: the id or part of a name in either script.
    fn matches(&self, typed: &str) -> bool {
        let wanted = typed.trim().to_lowercase();
        wanted.is_empty() || select::names(&self.person, &wanted)
    }
}

/// The trip's people in the people view's order (by side), each with
/// their number of events: once per version.
pub fn person_choices(
    trip: &Trip,
    order: &[PersonId],
    events_of: impl Fn(PersonId) -> usize,
) -> Vec<PersonChoice> {
    order
        .iter()
        .map(|&id| PersonChoice {
            id,
            events: events_of(id),
            person: trip.person(id).clone(),
        })
        .collect()
}

impl App {
    /// The open person picker, if any.
    pub fn person_picker(&self) -> Option<&Picker> {
        match &self.overlay {
            Overlay::PersonFilter(p) => Some(p),
            _ => None,
        }
    }

    /// The person picker's rows.
    pub fn person_choices(&self) -> &[PersonChoice] {
        &self.version.derived().person_choices
    }

    /// `f`: opens the person picker, with the people of the filter toggled.
    pub(super) fn open_person_filter(&mut self) {
        let choices = &self.version.derived().person_choices;
        if choices.is_empty() {
            self.message = Some(Message {
                text: "the trip names no people to filter by".into(),
                error: false,
            });
            return;
        }
        let mut picker = Picker::new(choices);
        for (i, c) in choices.iter().enumerate() {
            picker.toggled[i] = self.filter.people.contains(&c.id);
        }
        self.overlay = Overlay::PersonFilter(picker);
    }

    /// An intent while the person picker is open.
    pub(super) fn person_filter_key(&mut self, intent: Intent) {
        let Overlay::PersonFilter(picker) = &mut self.overlay else {
            return;
        };
        let choices = &self.version.derived().person_choices;
        if picker.navigate(intent, choices) {
            return;
        }
        match intent {
            Intent::Accept => {
                if let Some(rows) = picker.chosen_rows() {
                    let people = rows.into_iter().map(|i| choices[i].id).collect();
                    let filter = Filter {
                        people,
                        prefectures: self.filter.prefectures.clone(),
                    };
                    self.overlay = Overlay::None;
                    self.apply_filter(filter);
                }
            }
            Intent::Cancel => self.overlay = Overlay::None,
            _ => {}
        }
    }
}

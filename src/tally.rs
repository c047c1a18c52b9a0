//! What counts as held: the one rule every count of the app follows (the
//! exports' closing lines and JSON `counts`, the browser's tabs, overview
//! and people view). An event is held unless it or its stop is cancelled;
//! a held event is tentative when it or its stop is tentative; cancelled
//! events are counted apart; a person is met only at held events.

use std::collections::BTreeSet;

use crate::model::{Event, Meeting, PersonId, Side, Status, Stop, Trip};

/// Where an event stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Held, and firm.
    Confirmed,
    /// Held, but not yet firm (it or its stop is tentative).
    Tentative,
    /// Not held: it or its stop is cancelled.
    Cancelled,
}

/// Where `event` stands: its own status, and its stop's for a meeting.
pub fn standing(event: Event<'_>) -> Standing {
    let statuses = match event {
        Event::Stop(s) => [s.status, s.status],
        Event::Meeting(s, m) => [s.status, m.status],
    };
    if statuses.contains(&Status::Cancelled) {
        Standing::Cancelled
    } else if statuses.contains(&Status::Tentative) {
        Standing::Tentative
    } else {
        Standing::Confirmed
    }
}

/// Whether `event` is held (tentative ones are).
pub fn held(event: Event<'_>) -> bool {
    standing(event) != Standing::Cancelled
}

/// Events of one kind: how many are held (tentative included), how many
/// of those are tentative, how many are cancelled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Held {
    pub held: usize,
    pub tentative: usize,
    pub cancelled: usize,
}

impl Held {
    /// Counts one event that stands as `s`.
    pub fn add(&mut self, s: Standing) {
        match s {
            Standing::Confirmed => self.held += 1,
            Standing::Tentative => {
                self.held += 1;
                self.tentative += 1;
            }
            Standing::Cancelled => self.cancelled += 1,
        }
    }

    /// `3 (1 tentative), 1 cancelled`: the figures alone, for a labelled
    /// field.
    pub fn figures(&self) -> String {
        let mut out = self.held.to_string();
        if self.tentative > 0 {
            out.push_str(&format!(" ({} tentative)", self.tentative));
        }
        if self.cancelled > 0 {
            out.push_str(&format!(", {} cancelled", self.cancelled));
        }
        out
    }

    /// `3 meetings (1 tentative)`: the held ones (cancelled ones are said
    /// apart).
    pub fn describe(&self, one: &str, many: &str) -> String {
        let mut out = crate::format::count(self.held, one, many);
        if self.tentative > 0 {
            out.push_str(&format!(" ({} tentative)", self.tentative));
        }
        out
    }
}

/// The counts of a set of events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub stops: Held,
    pub meetings: Held,
    /// The people not of the delegation at a held event.
    pub met: BTreeSet<PersonId>,
}

impl Tally {
    /// Counts `event`, and the people at it when it is held.
    pub fn add(&mut self, trip: &Trip, event: Event<'_>) {
        let s = standing(event);
        match event {
            Event::Stop(_) => self.stops.add(s),
            Event::Meeting(..) => self.meetings.add(s),
        }
        if s != Standing::Cancelled {
            self.met.extend(
                event
                    .people()
                    .iter()
                    .filter(|id| trip.person(**id).side != Side::Delegation),
            );
        }
    }

    /// Counts a stop and those of its `meetings` that are counted.
    pub fn add_stop<'a>(
        &mut self,
        trip: &Trip,
        stop: &'a Stop,
        meetings: impl IntoIterator<Item = &'a Meeting>,
    ) {
        self.add(trip, Event::Stop(stop));
        for m in meetings {
            self.add(trip, Event::Meeting(stop, m));
        }
    }

    /// Stops and meetings together.
    pub fn events(&self) -> Held {
        Held {
            held: self.stops.held + self.meetings.held,
            tentative: self.stops.tentative + self.meetings.tentative,
            cancelled: self.stops.cancelled + self.meetings.cancelled,
        }
    }

    /// The people met by side: hosts, guests.
    pub fn met_by_side(&self, trip: &Trip) -> (usize, usize) {
        let hosts = self
            .met
            .iter()
            .filter(|id| trip.person(**id).side == Side::Host)
            .count();
        (hosts, self.met.len() - hosts)
    }

    /// `1 stop, 1 meeting` cancelled, or `None` when nothing is.
    pub fn cancelled(&self) -> Option<String> {
        let parts: Vec<String> = [
            (self.stops.cancelled, "stop", "stops"),
            (self.meetings.cancelled, "meeting", "meetings"),
        ]
        .into_iter()
        .filter(|(n, ..)| *n > 0)
        .map(|(n, one, many)| crate::format::count(n, one, many))
        .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;

    const TRIP: &str = r#"
[trip]
title = "T"
start = 2019-04-08
end = 2019-04-08

[people.gov]
name = "Governor"
side = "host"

[people.aide]
name = "Aide"
side = "host"

[people.me]
name = "Me"
side = "delegation"

[[day]]
date = 2019-04-08

[[day.stop]]
place = "Prefectural office"
status = "cancelled"
people = ["me"]

[[day.stop.meeting]]
title = "Talks"
attendees = ["gov", "me"]

[[day.stop]]
place = "Hotel"
status = "tentative"

[[day.stop.meeting]]
title = "Dinner"
attendees = ["aide"]

[[day.stop.meeting]]
title = "Breakfast"
status = "cancelled"
attendees = ["gov"]
"#;

    #[test]
    fn cancelled_events_and_those_of_a_cancelled_stop_are_not_held() {
        let trip = load_str(TRIP).unwrap().trip;
        let mut t = Tally::default();
        for s in &trip.days[0].stops {
            t.add_stop(&trip, s, &s.meetings);
        }
        let held = |held, tentative, cancelled| Held {
            held,
            tentative,
            cancelled,
        };
        assert_eq!(t.stops, held(1, 1, 1));
        assert_eq!(t.meetings, held(1, 1, 2));
        // The Governor is met only at cancelled events: not met.
        let aide = trip.people.iter().position(|p| p.key == "aide").unwrap();
        assert_eq!(t.met.iter().map(|id| id.0).collect::<Vec<_>>(), [aide]);
        assert_eq!(t.met_by_side(&trip), (1, 0));
        assert_eq!(
            t.meetings.describe("meeting", "meetings"),
            "1 meeting (1 tentative)"
        );
        assert_eq!(t.cancelled().as_deref(), Some("1 stop, 2 meetings"));
    }
}

//! The keys each table may have, and the unknown key reported with the
//! key it was most likely meant to be.

use super::{Span, Walker};
use crate::load::diagnostic::quote;
use crate::load::suggest::closest_by;

/// The keys a table may have, in the order the docs list them, and words
/// people write for them (a stop's `start` is its `arrive`).
pub(super) struct Keys {
    pub(super) valid: &'static [&'static str],
    synonyms: &'static [(&'static str, &'static str)],
}

impl Keys {
    /// The valid key `name` was most likely meant to be: the nearest of the
    /// keys and the words people write for them (a near miss of `arrival`
    /// is one of `arrive`), keys first on a tie.
    fn guess(&self, name: &str) -> Option<&'static str> {
        let keys = self.valid.iter().map(|k| (*k, *k));
        closest_by(name, keys.chain(self.synonyms.iter().copied()))
    }
}

pub(super) const ROOT_KEYS: Keys = Keys {
    valid: &["trip", "people", "day", "unscheduled"],
    synonyms: &[("person", "people"), ("days", "day")],
};
pub(super) const TRIP_KEYS: Keys = Keys {
    valid: &[
        "title",
        "start",
        "end",
        "timezone",
        "home_timezone",
        "lead",
        "purpose",
        "sources",
        "contacts",
        "reminders",
        // Last: a slip of a longer key ("nd") goes to it first.
        "id",
    ],
    synonyms: &[
        ("name", "title"),
        ("tz", "timezone"),
        ("zone", "timezone"),
        ("home_zone", "home_timezone"),
        ("home_tz", "home_timezone"),
        ("home", "home_timezone"),
        ("leader", "lead"),
        ("source", "sources"),
        ("contact", "contacts"),
        ("reminder", "reminders"),
        ("alarms", "reminders"),
    ],
};
pub(super) const PERSON_KEYS: Keys = Keys {
    valid: &[
        "name",
        "native",
        "role",
        "side",
        "organisation",
        "phone",
        "email",
    ],
    synonyms: &[
        ("organization", "organisation"),
        ("org", "organisation"),
        ("telephone", "phone"),
        ("tel", "phone"),
        ("mobile", "phone"),
        ("mail", "email"),
        ("e-mail", "email"),
        ("title", "role"),
        ("position", "role"),
        ("kanji", "native"),
        ("local", "native"),
    ],
};
pub(super) const DAY_KEYS: Keys = Keys {
    valid: &["date", "title", "notes", "stop"],
    synonyms: &[("name", "title"), ("note", "notes")],
};
pub(super) const STOP_KEYS: Keys = Keys {
    valid: &[
        "place",
        "kind",
        "prefecture",
        "city",
        "address",
        "arrive",
        "depart",
        "status",
        "people",
        "contact",
        "notes",
        "reminders",
        "meeting",
    ],
    synonyms: &[
        ("start", "arrive"),
        ("time", "arrive"),
        ("arrival", "arrive"),
        ("end", "depart"),
        ("departure", "depart"),
        ("location", "place"),
        ("venue", "place"),
        ("title", "place"),
        ("name", "place"),
        ("type", "kind"),
        ("attendees", "people"),
        ("note", "notes"),
        ("meetings", "meeting"),
        ("reminder", "reminders"),
        ("alarms", "reminders"),
    ],
};
pub(super) const MEETING_KEYS: Keys = Keys {
    valid: &[
        "title",
        "start",
        "end",
        "attendees",
        "topics",
        "outcome",
        "status",
        "notes",
        "reminders",
    ],
    synonyms: &[
        ("arrive", "start"),
        ("time", "start"),
        ("depart", "end"),
        ("name", "title"),
        ("people", "attendees"),
        ("note", "notes"),
        ("result", "outcome"),
        ("reminder", "reminders"),
        ("alarms", "reminders"),
    ],
};

impl Walker<'_> {
    /// Reports an unknown key; returns the valid key it was probably meant
    /// to be, so that key is not also reported missing.
    pub(super) fn unknown_key(
        &mut self,
        name: &str,
        span: Span,
        keys: &Keys,
        place: &str,
    ) -> Option<&'static str> {
        let guess = keys.guess(name);
        let help = match guess {
            Some(k) => format!("did you mean `{k}`?"),
            None => format!("valid keys here: {}", keys.valid.join(", ")),
        };
        self.error(
            span,
            format!("unknown key {} {place}", quote(name)),
            Some(help),
        );
        guess
    }

    /// An unknown top-level key; a key of another table says where it belongs.
    pub(super) fn unknown_root_key(&mut self, name: &str, span: Span) -> Option<&'static str> {
        let home = if TRIP_KEYS.valid.contains(&name) {
            Some("it belongs in the [trip] table: move it below the [trip] header")
        } else if name == "date" {
            Some("a date belongs to a day: write it below a [[day]] header")
        } else if name == "stop" || STOP_KEYS.valid.contains(&name) {
            Some(
                "stops belong to a day: write [[day.stop]] after its [[day]], or use [[unscheduled]]",
            )
        } else {
            None
        };
        let Some(help) = home else {
            return self.unknown_key(name, span, &ROOT_KEYS, "at the top level");
        };
        self.error(
            span,
            format!("unknown key {} at the top level", quote(name)),
            Some(help.into()),
        );
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Slips of one key: a letter dropped, doubled or changed, two swapped.
    fn slips(key: &str) -> Vec<String> {
        let chars: Vec<char> = key.chars().collect();
        let mut out = Vec::new();
        for i in 0..chars.len() {
            let mut dropped = chars.clone();
            dropped.remove(i);
            let mut doubled = chars.clone();
            doubled.insert(i, chars[i]);
            let mut changed = chars.clone();
            changed[i] = 'q';
            out.extend([dropped, doubled, changed].map(|c| c.into_iter().collect()));
            if i + 1 < chars.len() {
                let mut swapped = chars.clone();
                swapped.swap(i, i + 1);
                out.push(swapped.into_iter().collect());
            }
        }
        out.retain(|s: &String| s != key);
        out
    }

    #[test]
    fn every_near_miss_of_a_key_is_led_to_it() {
        let tables = [
            ROOT_KEYS,
            TRIP_KEYS,
            PERSON_KEYS,
            DAY_KEYS,
            STOP_KEYS,
            MEETING_KEYS,
        ];
        for keys in &tables {
            for key in keys.valid {
                // "ead" is one edit from `end` as from `lead`: the first listed wins.
                for slip in slips(key).into_iter().filter(|s| s != "ead") {
                    assert_eq!(keys.guess(&slip), Some(*key), "{slip} for {key}");
                }
                assert_eq!(keys.guess(&key.to_uppercase()), Some(*key));
            }
        }
        // Near misses of the words people write for a key, and of its start.
        for (slip, key) in [
            ("arival", "arrive"),
            ("arrivl", "arrive"),
            ("departre", "depart"),
            ("departure_time", "depart"),
            ("adres", "address"),
            ("pref", "prefecture"),
            ("locaton", "place"),
        ] {
            assert_eq!(STOP_KEYS.guess(slip), Some(key), "{slip}");
        }
        assert_eq!(MEETING_KEYS.guess("atendee"), Some("attendees"));
        assert_eq!(TRIP_KEYS.guess("time_zone"), Some("timezone"));
        assert_eq!(STOP_KEYS.guess("colour"), None);
        assert_eq!(PERSON_KEYS.guess("birthday"), None);
        assert_eq!(PERSON_KEYS.guess("e-mail"), Some("email"));
        assert_eq!(PERSON_KEYS.guess("organization"), Some("organisation"));
    }
}

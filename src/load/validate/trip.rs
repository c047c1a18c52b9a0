//! `[trip]`: the title, dates and zones every other table is read against.

use chrono::NaiveDate;
use chrono_tz::Tz;
use toml::Spanned;

use super::keys::TRIP_KEYS;
use super::values::Lines;
use super::{MAX_TRIP_DAYS, Walker};
use crate::clock;
use crate::load::diagnostic::quote;
use crate::load::tree::{Entry, Value};
use crate::model::{Lead, PersonId};

/// The `[trip]` table as read; `None` where a field is missing or bad.
#[derive(Default)]
pub(super) struct Header {
    pub(super) title: Option<String>,
    pub(super) id: Option<String>,
    pub(super) start: Option<NaiveDate>,
    pub(super) end: Option<NaiveDate>,
    pub(super) timezone: Option<Tz>,
    pub(super) home_timezone: Option<Tz>,
    pub(super) lead: Option<PersonId>,
    pub(super) purpose: Option<String>,
    pub(super) sources: Vec<String>,
    pub(super) contacts: Vec<PersonId>,
    pub(super) reminders: Vec<Lead>,
}

impl Walker<'_> {
    pub(super) fn trip(&mut self, e: Entry<'_>) -> Header {
        let Some(table) = self.table(&e.key, e.value, "a table ([trip])") else {
            return Header::default();
        };
        let (mut title, mut start, mut end) = (None, None, None);
        let mut timezone = Some(chrono_tz::UTC);
        let mut home_timezone = None;
        let (mut lead, mut purpose, mut sources) = (None, None, Vec::new());
        let mut id = None;
        let mut contacts = Vec::new();
        let mut reminders = Vec::new();
        let mut guessed = Vec::new();
        for e in table.entries {
            let v = e.value;
            match e.key.as_ref() {
                "title" => title = Some(self.required_text("title", v)),
                "id" => id = self.trip_id(v),
                "start" => start = Some(self.date("start", v)),
                "end" => end = Some(self.date("end", v)),
                "timezone" => timezone = self.timezone("timezone", v),
                "home_timezone" => home_timezone = self.timezone("home_timezone", v),
                "lead" => lead = self.person_ref("lead", v),
                "purpose" => purpose = self.text("purpose", v, Lines::One),
                "sources" => sources = self.strings("sources", v),
                "contacts" => contacts = self.person_refs("contacts", v),
                "reminders" => reminders = self.reminders(v),
                _ => guessed.extend(self.unknown_key(&e.key, e.key_span, &TRIP_KEYS, "in [trip]")),
            }
        }
        let present = [
            ("title", title.is_some()),
            ("start", start.is_some()),
            ("end", end.is_some()),
        ];
        for (field, _) in present.into_iter().filter(|(_, present)| !present) {
            self.missing(table.header.clone(), field, "[trip]", &guessed);
        }
        let (start, end) = (start.flatten(), end.flatten());
        self.check_order(
            start.as_ref(),
            end.as_ref(),
            "trip ends before it starts",
            NaiveDate::to_string,
        );
        if let (Some(s), Some(e)) = (&start, &end) {
            let days = (*e.get_ref() - *s.get_ref()).num_days() + 1;
            if days > MAX_TRIP_DAYS {
                self.error(
                    e.span(),
                    format!("trip lasts {days} days, longer than the {MAX_TRIP_DAYS} allowed"),
                    Some("check the years of start and end".into()),
                );
            }
        }
        Header {
            title: title.flatten(),
            id,
            start: start.map(Spanned::into_inner),
            end: end.map(Spanned::into_inner),
            timezone,
            home_timezone,
            lead,
            purpose,
            sources,
            contacts,
            reminders,
        }
    }

    /// `id`: the trip's identity on a calendar server, `[a-z0-9_-]+` like a
    /// person's id (docs/format.md).
    fn trip_id(&mut self, v: Value<'_>) -> Option<String> {
        let span = v.span.clone();
        let id = self.text("id", v, Lines::One)?;
        if super::people::valid_person_id(&id) {
            return Some(id);
        }
        let fixed: String = id
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let help = match !fixed.bytes().any(|b| b.is_ascii_alphanumeric()) {
            false => format!("write it as id = \"{fixed}\""),
            true => "use a short latin id such as id = \"japan-2018\"".into(),
        };
        self.error(
            span,
            format!("trip id {id:?} may hold only a-z, 0-9, `_` and `-`"),
            Some(help),
        );
        None
    }

    pub(super) fn timezone(&mut self, key: &str, v: Value<'_>) -> Option<Tz> {
        let span = v.span.clone();
        let name = self.text(key, v, Lines::One)?;
        let guess = match clock::parse_zone(&name) {
            Ok(tz) => return Some(tz),
            Err(guess) => guess,
        };
        let help = match guess {
            Some(tz) => format!("did you mean \"{tz}\"?"),
            None => "use an IANA time zone name such as \"Asia/Tokyo\"".into(),
        };
        self.error(
            span,
            format!("unknown time zone {}", quote(&name)),
            Some(help),
        );
        None
    }
}

//! `[people]`: each person checked, and every reference to one.

use std::collections::HashMap;

use super::keys::PERSON_KEYS;
use super::values::Lines;
use super::{Span, Walker};
use crate::load::diagnostic::{Diagnostic, quote};
use crate::load::suggest::{closest, list};
use crate::load::tree::{Entry, Value};
use crate::model::{Origin, Person, PersonId, Side};

/// The people read so far, and which of them are referred to.
#[derive(Default)]
pub(super) struct People {
    pub(super) list: Vec<Person>,
    /// Span of each person's key, for "never referenced".
    spans: Vec<Span>,
    index: HashMap<String, usize>,
    pub(super) used: Vec<bool>,
}

impl Walker<'_> {
    /// The `[people]` table: each person checked and added, in file order.
    pub(super) fn people_table(&mut self, e: Entry<'_>) {
        let Some(table) = self.table(&e.key, e.value, "a table of people ([people.<id>])") else {
            return;
        };
        for Entry {
            key: id,
            key_span: id_span,
            value,
        } in table.entries
        {
            if !valid_person_id(&id) {
                let fixed: String = id
                    .to_lowercase()
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                    .collect();
                let help = if fixed.bytes().any(|b| b.is_ascii_alphanumeric()) {
                    format!("write it as [people.{fixed}]")
                } else {
                    "use a short latin id such as [people.yuan]; the name in the person's own \
                     script goes in `native`"
                        .into()
                };
                self.error(
                    id_span.clone(),
                    format!("person id {} may use only a-z, 0-9, _ and -", quote(&id)),
                    Some(help),
                );
            }
            let Some(mut t) = self.table(&id, value, "a table ([people.<id>])") else {
                continue;
            };
            let name = t.take("name");
            let mut person = Person {
                key: id.into_owned(),
                name: String::new(),
                native: None,
                role: None,
                side: Side::default(),
                organisation: None,
                phone: None,
                email: None,
                origin: Origin {
                    span: t.span(),
                    index: self.people.list.len(),
                },
            };
            let table = format!("[people.{}]", person.key);
            let mut guessed = Vec::new();
            for e in t.entries {
                match e.key.as_ref() {
                    "native" => person.native = self.text("native", e.value, Lines::One),
                    "role" => person.role = self.text("role", e.value, Lines::One),
                    "side" => person.side = self.keyword(e.value).unwrap_or_default(),
                    "organisation" => {
                        person.organisation = self.text("organisation", e.value, Lines::One)
                    }
                    // Free text (`+81 3 0000 0000 (mobile)`): only what every
                    // one-line text refuses, a control character.
                    "phone" => person.phone = self.text("phone", e.value, Lines::One),
                    "email" => person.email = self.text("email", e.value, Lines::One),
                    _ => {
                        let place = format!("in {table}");
                        guessed.extend(self.unknown_key(&e.key, e.key_span, &PERSON_KEYS, &place));
                    }
                }
            }
            match name {
                Some(e) => person.name = self.required_text("name", e.value).unwrap_or_default(),
                None => self.missing(t.header.clone(), "name", &table, &guessed),
            }
            self.people
                .index
                .insert(person.key.clone(), self.people.list.len());
            self.people.list.push(person);
            self.people.spans.push(id_span);
            self.people.used.push(false);
        }
    }

    pub(super) fn person_ref(&mut self, key: &str, v: Value<'_>) -> Option<PersonId> {
        let span = v.span.clone();
        let id = self.text(key, v, Lines::One)?;
        if let Some(&i) = self.people.index.get(&id) {
            self.people.used[i] = true;
            return Some(PersonId(i));
        }
        let help = match closest(&id, self.people.list.iter().map(|p| p.key.as_str())) {
            Some(k) => format!("did you mean \"{k}\"?"),
            None if id.is_empty() => {
                "write the id of a person defined under [people.<id>], such as \"yuan\"".into()
            }
            None if self.people.list.is_empty() => {
                format!("define the person in a [people.{id}] table")
            }
            None => {
                let ids: Vec<&str> = self.people.list.iter().map(|p| p.key.as_str()).collect();
                format!(
                    "the people defined are {}; add a [people.<id>] table for a new one",
                    list(&ids, "and")
                )
            }
        };
        self.error(
            span,
            format!("no person with id {}", quote(&id)),
            Some(help),
        );
        None
    }

    pub(super) fn person_refs(&mut self, key: &str, v: Value<'_>) -> Vec<PersonId> {
        let items = self.array(key, v, "an array of person ids");
        let mut ids: Vec<PersonId> = Vec::with_capacity(items.len());
        for item in items {
            let Some(item) = self.item_string(key, item, "person ids") else {
                continue;
            };
            if let Some(id) = self.person_ref(key, item)
                && !ids.contains(&id)
            {
                ids.push(id);
            }
        }
        ids
    }

    pub(super) fn unreferenced_people(&mut self) {
        for i in 0..self.people.list.len() {
            if !self.people.used[i] {
                let key = &self.people.list[i].key;
                self.diags.push(
                    Diagnostic::warning(
                        format!("person {} is defined but never referenced", quote(key)),
                        Some(self.people.spans[i].clone()),
                    )
                    .with_help(format!(
                        "list \"{key}\" in a stop's people or a meeting's attendees, or remove it"
                    )),
                );
            }
        }
    }
}

/// Person ids are what a person types in lists: `[a-z0-9_-]+`.
pub(super) fn valid_person_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn person_ids_are_lowercase_ascii_words() {
        for ok in ["yuan", "jack-ma", "son_2"] {
            assert!(valid_person_id(ok), "{ok}");
        }
        for bad in ["", "Yuan", "jack ma", "袁", "a.b"] {
            assert!(!valid_person_id(bad), "{bad}");
        }
    }
}

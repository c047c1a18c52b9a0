//! The people of the calendar's ATTENDEE and ORGANIZER lines, with ids.

use std::collections::{HashMap, HashSet};

use super::convert::Report;
use super::parse::{is_bidi_control, strip_bidi};
use super::read::Prop;

/// The people met so far, by name (the address when there is none), with their ids.
#[derive(Default)]
pub(super) struct People {
    pub(super) list: Vec<(String, String)>,
    by_key: HashMap<String, usize>,
    /// The ids given, so a new one is checked without a scan of the list.
    ids: HashSet<String>,
    /// The next suffix to try for a taken id: many people with one base
    /// (`-2`, `-3`…) would otherwise try every suffix before theirs.
    next: HashMap<String, usize>,
}

impl People {
    /// The ids of the people present at an event, from its ATTENDEE and
    /// ORGANIZER lines; who is not there (declined, delegated, a room) is
    /// said and left out.
    pub(super) fn of(&mut self, props: &[&Prop], report: &mut Report) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for p in props {
            let address = p
                .value
                .trim()
                .get(..7)
                .filter(|s| s.eq_ignore_ascii_case("mailto:"))
                .map(|_| p.value.trim()[7..].trim().to_string())
                .filter(|a| !a.is_empty());
            // A name is one line in a trip file, whichever part it comes from.
            let clean = |n: &str| -> String {
                let n: String = n
                    .chars()
                    .filter(|c| !is_bidi_control(*c))
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                n.trim().to_string()
            };
            let address = address.map(|a| clean(&a)).filter(|a| !a.is_empty());
            // Bidirectional controls in a CN are said, as in any other field.
            let name = p
                .param("CN")
                .map(|n| clean(&strip_bidi(n, p, report)))
                .filter(|n| !n.is_empty())
                .or_else(|| address.clone())
                .unwrap_or_else(|| clean(&p.value));
            if name.is_empty() {
                report.lost.push((
                    p.line,
                    format!("{} without a name or address: not carried over", p.name),
                ));
                continue;
            }
            let upper = |k: &str| p.param(k).map(str::to_ascii_uppercase);
            let absent = match (
                upper("PARTSTAT").as_deref(),
                upper("ROLE").as_deref(),
                upper("CUTYPE").as_deref(),
            ) {
                (_, _, Some(t @ ("ROOM" | "RESOURCE"))) => Some(format!(
                    "is a {} (CUTYPE={t}), not a person",
                    t.to_ascii_lowercase()
                )),
                (Some(s @ ("DECLINED" | "DELEGATED")), _, _) => {
                    Some(format!("has {} (PARTSTAT={s})", s.to_ascii_lowercase()))
                }
                (_, Some("NON-PARTICIPANT"), _) => {
                    Some("takes no part (ROLE=NON-PARTICIPANT)".into())
                }
                _ => None,
            };
            if let Some(why) = absent {
                report.lost.push((
                    p.line,
                    format!("{} {name} {why}: not among the people at the event", p.name),
                ));
                continue;
            }
            report.lost.push((
                p.line,
                "ATTENDEE/ORGANIZER: only the name is carried over (a trip has no field for e-mail addresses or replies)".into(),
            ));
            // One person per name: a shared mailbox (a protocol office
            // sending for two officials) never makes two people one.
            let key = name.to_lowercase();
            let index = match self.by_key.get(&key) {
                Some(i) => *i,
                None => {
                    let id = self.new_id(&name, address.as_deref());
                    self.ids.insert(id.clone());
                    self.list.push((id, name));
                    self.by_key.insert(key, self.list.len() - 1);
                    self.list.len() - 1
                }
            };
            let id = self.list[index].0.clone();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    /// An id made from the name (transliterated to ASCII), else from the
    /// address's local part (`jdoe@example.com` → `jdoe`), else `person`;
    /// `-2`, `-3`… when taken.
    fn new_id(&mut self, name: &str, address: Option<&str>) -> String {
        let local = address.and_then(|a| a.split('@').next());
        // A person known only by an address is named by its local part.
        let first = if Some(name) == address {
            local
        } else {
            Some(name)
        };
        let base = [first, local]
            .into_iter()
            .flatten()
            .map(id_from)
            .find(|s| !s.is_empty())
            .unwrap_or_else(|| "person".into());
        let ids = &self.ids;
        let taken = |id: &str| {
            #[cfg(feature = "work")]
            crate::work::keys(1);
            ids.contains(id)
        };
        if !taken(&base) {
            return base;
        }
        let from = self.next.get(&base).copied().unwrap_or(2);
        let (n, id) = (from..)
            .map(|n| (n, format!("{base}-{n}")))
            .find(|(_, id)| !taken(id))
            .unwrap_or((from, base.clone()));
        self.next.insert(base, n + 1);
        id
    }
}

/// At most this many characters of a name go into an id.
const ID_MAX: usize = 32;

/// `[a-z0-9-]`, words joined by one hyphen, at most [`ID_MAX`] long (cut
/// at a word): "Henry Cabot" → `henry-cabot`, "袁家军" → `yuan-jia-jun`.
pub fn id_from(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut out = String::new();
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if out.len() > ID_MAX {
        let cut = out[..=ID_MAX]
            .rfind('-')
            .filter(|&i| i > 0)
            .unwrap_or(ID_MAX);
        out.truncate(cut);
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_made_from_names() {
        assert_eq!(id_from("Henry Cabot"), "henry-cabot");
        assert_eq!(id_from("  The Big Cheese! "), "the-big-cheese");
        assert_eq!(id_from("袁家军"), "yuan-jia-jun");
        assert_eq!(id_from("José Núñez"), "jose-nunez");
        assert_eq!(id_from("jdoe@example.com"), "jdoe-example-com");
        assert_eq!(id_from("—"), "");
        let long = id_from(&"word ".repeat(20));
        assert!(long.len() <= ID_MAX && long.ends_with("word"), "{long}");
    }
}

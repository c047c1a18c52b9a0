//! What a publish has to do, worked out from the trip's events and what the
//! calendar holds, before anything is written: pure, so every rule (the
//! UID prefix, the unchanged rule) is tested without a server.

use std::collections::{HashMap, HashSet};

use crate::export::{IcsEvent, IcsExport};

/// The property each published event carries with the hash of its content
/// (see [`content_hash`]): how the next publish knows it is unchanged
/// without comparing text the server may have rewritten.
pub const HASH_PROPERTY: &str = "X-ITINERARY-HASH";

/// The property each published event carries with its trip's identity (the
/// trip's `id`, else its file's name): whose event it is.
pub const TRIP_PROPERTY: &str = "X-ITINERARY-TRIP";

/// What every UID this app makes ends with (`…@itinerary`).
pub const UID_SUFFIX: &str = "@itinerary";

/// One event as it is to be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Local {
    /// The resource's name in the collection: `<uid>.ics`.
    pub name: String,
    /// The calendar object resource, with [`HASH_PROPERTY`] in its VEVENT.
    pub body: String,
    pub hash: String,
}

impl Local {
    /// The resource for `event` of `export`, which carries the trip's
    /// `identity`.
    pub fn new(export: &IcsExport<'_>, event: &IcsEvent, identity: &str) -> Local {
        let hash = content_hash(event.vevent());
        let body =
            export.resource_with(event, &[(HASH_PROPERTY, &hash), (TRIP_PROPERTY, identity)]);
        Local {
            name: resource_name(event.uid()),
            body,
            hash,
        }
    }
}

/// The resource name of a UID: `<uid>.ics`.
pub fn resource_name(uid: &str) -> String {
    format!("{uid}.ics")
}

/// The hash of a VEVENT's content without its DTSTAMP: DTSTAMP is the
/// file's modification time, so it moves with every edit of any event and
/// would make every event look changed. 64-bit FNV-1a, as hex.
pub fn content_hash(vevent: &str) -> String {
    let kept = vevent
        .split_inclusive("\r\n")
        .filter(|l| !l.starts_with("DTSTAMP:") && !l.starts_with("DTSTAMP;"));
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for line in kept {
        for b in line.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// Whether `name` is one this app gives a resource: 16 hex digits (the
/// trip), `-`, 16 hex digits (the event), `@itinerary.ics`.
pub fn is_app_name(name: &str) -> bool {
    let Some(uid) = name
        .strip_suffix(".ics")
        .and_then(|n| n.strip_suffix(UID_SUFFIX))
    else {
        return false;
    };
    let hex = |s: &str| s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit());
    uid.split_once('-').is_some_and(|(t, e)| hex(t) && hex(e))
}

/// Whose a resource in the calendar is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// This trip's: replaced when changed, deleted when gone.
    Own,
    /// Another trip's, published by this app: the trip's identity, or
    /// `None` for one published before trips had an identity.
    Trip(Option<String>),
    /// Made by someone else, or by another program: never touched.
    Foreign,
}

/// This trip, as a publish tells its resources from the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// The trip's `id`, else its file's name.
    pub name: String,
    /// Its UIDs' prefix before trips had an identity (title and start):
    /// resources published then with no identity are this trip's too.
    pub legacy_prefix: String,
}

impl Identity {
    /// Whose `r` is: an app-made name and [`HASH_PROPERTY`] say this app
    /// made it; [`TRIP_PROPERTY`] says for which trip.
    pub fn owner(&self, r: &Remote) -> Owner {
        if !is_app_name(&r.name) || r.hash.is_none() {
            return Owner::Foreign;
        }
        match &r.trip {
            Some(t) if *t == self.name => Owner::Own,
            Some(t) => Owner::Trip(Some(t.clone())),
            None if r.name.starts_with(&self.legacy_prefix) => Owner::Own,
            None => Owner::Trip(None),
        }
    }
}

/// A resource in the calendar: its name (decoded), ETag and, for one with
/// a name this app gives, the content hash and trip it carries (`None` when
/// it carries none or its content was not read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remote {
    pub name: String,
    pub etag: Option<String>,
    pub hash: Option<String>,
    /// [`TRIP_PROPERTY`]'s value, unescaped.
    pub trip: Option<String>,
}

/// One write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    /// PUT with `If-None-Match: *`: the event is not in the calendar.
    Create(usize),
    /// PUT with `If-Match: <etag>`: the event's content changed (no
    /// condition when the server listed it without an ETag).
    Replace(usize, Option<String>),
    /// DELETE with `If-Match: <etag>`: the trip no longer has the event.
    Delete(String, String),
}

/// Changes of what a publish did, or has left to do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    pub new: usize,
    pub changed: usize,
    pub deleted: usize,
}

impl Changes {
    /// Changes `write`.
    pub fn add(&mut self, write: &Write) {
        match write {
            Write::Create(_) => self.new += 1,
            Write::Replace(..) => self.changed += 1,
            Write::Delete(..) => self.deleted += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.new + self.changed + self.deleted
    }

    /// `3 new, 1 changed, 1 deleted`.
    pub fn describe(&self) -> String {
        format!(
            "{} new, {} changed, {} deleted",
            self.new, self.changed, self.deleted
        )
    }
}

/// The writes of a publish, in order: PUTs first (in the trip's order),
/// then DELETEs, so a publish cut short leaves an event too many rather
/// than one missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub writes: Vec<Write>,
    /// Events whose content is in the calendar as it is.
    pub unchanged: usize,
    /// Resources left alone: made by someone else or another program.
    pub foreign: usize,
    /// The other trips this app published into the calendar, each with its
    /// number of resources, in order of first appearance. Their resources
    /// are deleted only with `replace` (the DELETEs are in `writes`).
    pub others: Vec<(Option<String>, usize)>,
}

impl Plan {
    pub fn counts(&self) -> Changes {
        let mut c = Changes::default();
        self.writes.iter().for_each(|w| c.add(w));
        c
    }
}

/// The plan for publishing `locals` into a calendar holding `remote`.
/// A resource of this trip with an ETag is replaced or deleted under that
/// ETag; one the server gave no ETag for is replaced unconditionally
/// (never deleted: without an ETag nothing says it is the one listed).
/// Another trip's resources are deleted when `replace` is given, and left
/// as they are otherwise (the caller refuses to publish beside them).
pub fn plan(who: &Identity, locals: &[Local], remote: &[Remote], replace: bool) -> Plan {
    let owners: Vec<Owner> = remote.iter().map(|r| who.owner(r)).collect();
    let by_name: HashMap<&str, &Remote> = remote
        .iter()
        .zip(&owners)
        .filter(|(_, o)| **o == Owner::Own)
        .map(|(r, _)| (r.name.as_str(), r))
        .collect();
    let mut out = Plan {
        foreign: owners.iter().filter(|o| **o == Owner::Foreign).count(),
        ..Plan::default()
    };
    for o in &owners {
        if let Owner::Trip(t) = o {
            match out.others.iter_mut().find(|(name, _)| name == t) {
                Some((_, n)) => *n += 1,
                None => out.others.push((t.clone(), 1)),
            }
        }
    }
    let mut wanted = HashSet::new();
    for (i, l) in locals.iter().enumerate() {
        wanted.insert(l.name.as_str());
        match by_name.get(l.name.as_str()) {
            None => out.writes.push(Write::Create(i)),
            Some(r) if r.hash.as_deref() == Some(l.hash.as_str()) => out.unchanged += 1,
            Some(r) => out.writes.push(Write::Replace(i, r.etag.clone())),
        }
    }
    for (r, o) in remote.iter().zip(&owners) {
        let gone = match o {
            Owner::Own => !wanted.contains(r.name.as_str()),
            Owner::Trip(_) => replace,
            Owner::Foreign => false,
        };
        if gone && let Some(etag) = &r.etag {
            out.writes.push(Write::Delete(r.name.clone(), etag.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "0123456789abcdef-00000000000000a1@itinerary.ics";
    const B: &str = "0123456789abcdef-00000000000000b2@itinerary.ics";
    const C: &str = "0123456789abcdef-00000000000000c3@itinerary.ics";
    /// The same trip before it had an identity.
    const OLD: &str = "1111111111111111-00000000000000a1@itinerary.ics";
    /// Another trip's.
    const X: &str = "fedcba9876543210-00000000000000a1@itinerary.ics";

    fn me() -> Identity {
        Identity {
            name: "japan-2018".into(),
            legacy_prefix: "1111111111111111-".into(),
        }
    }

    fn local(name: &str, hash: &str) -> Local {
        Local {
            name: name.into(),
            body: String::new(),
            hash: hash.into(),
        }
    }

    fn remote(name: &str, etag: &str, hash: Option<&str>) -> Remote {
        ours(name, etag, hash, "japan-2018")
    }

    fn ours(name: &str, etag: &str, hash: Option<&str>, trip: &str) -> Remote {
        Remote {
            name: name.into(),
            etag: Some(etag.into()),
            hash: hash.map(Into::into),
            trip: Some(trip.into()).filter(|t: &String| !t.is_empty()),
        }
    }

    #[test]
    fn new_changed_unchanged_and_removed() {
        let locals = [local(A, "1"), local(B, "2")];
        let remote = [
            remote(A, "\"ea\"", Some("1")),
            remote(B, "\"eb\"", Some("old")),
            remote(C, "\"ec\"", Some("3")),
        ];
        let p = plan(&me(), &locals, &remote, false);
        assert_eq!(
            p.writes,
            [
                Write::Replace(1, Some("\"eb\"".into())),
                Write::Delete(C.into(), "\"ec\"".into())
            ]
        );
        assert_eq!((p.unchanged, p.foreign), (1, 0));
        let p = plan(&me(), &locals, &[], false);
        assert_eq!(p.writes, [Write::Create(0), Write::Create(1)]);
        assert_eq!(
            p.counts(),
            Changes {
                new: 2,
                changed: 0,
                deleted: 0
            }
        );
    }

    #[test]
    fn what_another_program_made_is_left_alone() {
        let locals = [local(A, "1")];
        let others = [
            // Another program's event.
            ours("meeting-with-bob.ics", "\"x\"", None, ""),
            // An app-made name, but no hash: not made by this app.
            ours(X, "\"y\"", None, ""),
            // An app-made name in another program's hands, with our trip.
            ours(C, "\"v\"", None, "japan-2018"),
            // Not a name this app makes.
            ours(
                "0123456789abcdef-notes.ics",
                "\"z\"",
                Some("1"),
                "japan-2018",
            ),
            ours(&format!("{A}.bak"), "\"w\"", Some("1"), "japan-2018"),
        ];
        let p = plan(&me(), &locals, &others, true);
        assert_eq!(p.writes, [Write::Create(0)]);
        assert_eq!((p.foreign, p.others.len()), (5, 0));
    }

    #[test]
    fn another_trips_events_are_counted_and_deleted_only_to_replace_it() {
        let locals = [local(A, "1")];
        let remote = [
            ours(X, "\"x\"", Some("9"), "china-2019"),
            ours(C, "\"c\"", Some("8"), ""),
            ours(B, "\"b\"", Some("7"), "china-2019"),
        ];
        let p = plan(&me(), &locals, &remote, false);
        assert_eq!(p.writes, [Write::Create(0)]);
        assert_eq!(p.others, [(Some("china-2019".into()), 2), (None, 1)]);
        let p = plan(&me(), &locals, &remote, true);
        assert_eq!(
            p.writes,
            [
                Write::Create(0),
                Write::Delete(X.into(), "\"x\"".into()),
                Write::Delete(C.into(), "\"c\"".into()),
                Write::Delete(B.into(), "\"b\"".into()),
            ]
        );
    }

    #[test]
    fn what_this_trip_published_before_it_had_an_identity_is_its_own() {
        let p = plan(
            &me(),
            &[local(A, "1")],
            &[ours(OLD, "\"o\"", Some("1"), "")],
            false,
        );
        assert_eq!(
            p.writes,
            [Write::Create(0), Write::Delete(OLD.into(), "\"o\"".into())]
        );
        assert!(p.others.is_empty());
    }

    #[test]
    fn a_trip_with_no_events_left_deletes_all_of_its_own() {
        let remote = [
            remote(A, "\"ea\"", Some("1")),
            ours("other.ics", "\"o\"", None, ""),
        ];
        let p = plan(&me(), &[], &remote, false);
        assert_eq!(p.writes, [Write::Delete(A.into(), "\"ea\"".into())]);
        assert_eq!(p.foreign, 1);
    }

    #[test]
    fn a_resource_with_another_hash_is_replaced() {
        let p = plan(
            &me(),
            &[local(A, "1")],
            &[remote(A, "\"ea\"", Some("0"))],
            false,
        );
        assert_eq!(p.writes, [Write::Replace(0, Some("\"ea\"".into()))]);
    }

    #[test]
    fn dtstamp_does_not_count_as_a_change() {
        let a = "BEGIN:VEVENT\r\nSUMMARY:Lunch\r\nDTSTAMP:20190101T000000Z\r\nEND:VEVENT\r\n";
        let b = a.replace("20190101T000000Z", "20260101T120000Z");
        assert_eq!(content_hash(a), content_hash(&b));
        let c = a.replace("Lunch", "Dinner");
        assert_ne!(content_hash(a), content_hash(&c));
        // A folded line that happens to go on with "DTSTAMP:" is content.
        let d = a.replace("Lunch", "Lunch\r\n DTSTAMP:x");
        assert_ne!(content_hash(a), content_hash(&d));
    }

    #[test]
    fn app_names_are_two_hashes_and_the_suffix() {
        assert!(is_app_name(A));
        assert!(!is_app_name("0123456789abcdef-00000000000000a1@itinerary"));
        assert!(!is_app_name(
            "0123456789abcdef-0000000000000a1@itinerary.ics"
        ));
        assert!(!is_app_name(
            "0123456789abcdef-00000000000000g1@itinerary.ics"
        ));
        assert!(!is_app_name(
            "x0123456789abcdef-00000000000000a1@itinerary.ics"
        ));
    }
}

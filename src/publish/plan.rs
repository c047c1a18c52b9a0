//! What a publish has to do, worked out from the trip's events and what the
//! calendar holds, before anything is written: pure, so every rule (the
//! UID prefix, the unchanged rule) is tested without a server.

use std::collections::{HashMap, HashSet};

use crate::export::{IcsEvent, IcsExport};

/// The property each published event carries with the hash of its content
/// (see [`content_hash`]): how the next publish knows it is unchanged
/// without comparing text the server may have rewritten.
pub const HASH_PROPERTY: &str = "X-ITINERARY-HASH";

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
    /// The resource for `event` of `export`.
    pub fn new(export: &IcsExport<'_>, event: &IcsEvent) -> Local {
        let hash = content_hash(event.vevent());
        let mut body = export.resource(event);
        let line = format!("{HASH_PROPERTY}:{hash}\r\n");
        // The event is the calendar's last component.
        if let Some(at) = body.rfind("END:VEVENT\r\n") {
            body.insert_str(at, &line);
        }
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

/// Whether `name` is a resource this trip published: the trip's UID prefix
/// ([`IcsExport::uid_prefix`]), then the event part (16 hex digits), then
/// `@itinerary.ics`.
pub fn is_ours(prefix: &str, name: &str) -> bool {
    let Some(rest) = name.strip_prefix(prefix) else {
        return false;
    };
    let Some(event) = rest.strip_suffix(".ics") else {
        return false;
    };
    let Some(event) = event.strip_suffix(UID_SUFFIX) else {
        return false;
    };
    event.len() == 16 && event.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A resource in the calendar: its name (decoded), ETag and, for this
/// trip's, the content hash it carries (`None` when it carries none or its
/// content was not read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remote {
    pub name: String,
    pub etag: Option<String>,
    pub hash: Option<String>,
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

/// Counts of what a publish did, or has left to do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub new: usize,
    pub changed: usize,
    pub deleted: usize,
}

impl Counts {
    /// Counts `write`.
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
    /// Resources left alone: not this trip's (another program's, another
    /// trip's, or this trip's under an earlier title or start).
    pub foreign: usize,
}

impl Plan {
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        self.writes.iter().for_each(|w| c.add(w));
        c
    }
}

/// The plan for publishing `locals` into a calendar holding `remote`.
/// A resource of this trip with an ETag is replaced or deleted under that
/// ETag; one the server gave no ETag for is replaced unconditionally
/// (never deleted: without an ETag nothing says it is the one listed).
pub fn plan(prefix: &str, locals: &[Local], remote: &[Remote]) -> Plan {
    let ours = |name: &str| is_ours(prefix, name);
    let by_name: HashMap<&str, &Remote> = remote
        .iter()
        .filter(|r| ours(&r.name))
        .map(|r| (r.name.as_str(), r))
        .collect();
    let mut out = Plan {
        foreign: remote.iter().filter(|r| !ours(&r.name)).count(),
        ..Plan::default()
    };
    let mut wanted = HashSet::new();
    for (i, l) in locals.iter().enumerate() {
        wanted.insert(l.name.as_str());
        match by_name.get(l.name.as_str()) {
            None => out.writes.push(Write::Create(i)),
            Some(r) if r.hash.as_deref() == Some(l.hash.as_str()) => out.unchanged += 1,
            Some(r) => out.writes.push(Write::Replace(i, r.etag.clone())),
        }
    }
    for r in remote {
        if ours(&r.name)
            && !wanted.contains(r.name.as_str())
            && let Some(etag) = &r.etag
        {
            out.writes.push(Write::Delete(r.name.clone(), etag.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const P: &str = "0123456789abcdef-";
    const A: &str = "0123456789abcdef-00000000000000a1@itinerary.ics";
    const B: &str = "0123456789abcdef-00000000000000b2@itinerary.ics";
    const C: &str = "0123456789abcdef-00000000000000c3@itinerary.ics";

    fn local(name: &str, hash: &str) -> Local {
        Local {
            name: name.into(),
            body: String::new(),
            hash: hash.into(),
        }
    }

    fn remote(name: &str, etag: &str, hash: Option<&str>) -> Remote {
        Remote {
            name: name.into(),
            etag: Some(etag.into()),
            hash: hash.map(Into::into),
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
        let p = plan(P, &locals, &remote);
        assert_eq!(
            p.writes,
            [
                Write::Replace(1, Some("\"eb\"".into())),
                Write::Delete(C.into(), "\"ec\"".into())
            ]
        );
        assert_eq!((p.unchanged, p.foreign), (1, 0));
        let p = plan(P, &locals, &[]);
        assert_eq!(p.writes, [Write::Create(0), Write::Create(1)]);
        assert_eq!(
            p.counts(),
            Counts {
                new: 2,
                changed: 0,
                deleted: 0
            }
        );
    }

    #[test]
    fn what_another_program_or_trip_made_is_left_alone() {
        let locals = [local(A, "1")];
        let others = [
            // Another program's event.
            remote("meeting-with-bob.ics", "\"x\"", None),
            // Another trip's, published by this app.
            remote(
                "fedcba9876543210-00000000000000a1@itinerary.ics",
                "\"y\"",
                None,
            ),
            // This trip's prefix, but not a name this app makes.
            remote("0123456789abcdef-notes.ics", "\"z\"", None),
            remote(
                "0123456789abcdef-00000000000000a1@itinerary.ics.bak",
                "\"w\"",
                None,
            ),
        ];
        let p = plan(P, &locals, &others);
        assert_eq!(p.writes, [Write::Create(0)]);
        assert_eq!(p.foreign, 4);
    }

    #[test]
    fn a_trip_with_no_events_left_deletes_all_of_its_own() {
        let remote = [
            remote(A, "\"ea\"", Some("1")),
            remote("other.ics", "\"o\"", None),
        ];
        let p = plan(P, &[], &remote);
        assert_eq!(p.writes, [Write::Delete(A.into(), "\"ea\"".into())]);
        assert_eq!(p.foreign, 1);
    }

    #[test]
    fn a_resource_without_our_hash_is_replaced() {
        let p = plan(P, &[local(A, "1")], &[remote(A, "\"ea\"", None)]);
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
    fn ours_is_the_trip_prefix_an_event_part_and_the_suffix() {
        let p = P;
        assert!(is_ours(p, A));
        assert!(!is_ours(p, "0123456789abcdef-00000000000000a1@itinerary"));
        assert!(!is_ours(
            p,
            "0123456789abcdef-0000000000000a1@itinerary.ics"
        ));
        assert!(!is_ours(
            p,
            "0123456789abcdef-00000000000000g1@itinerary.ics"
        ));
        assert!(!is_ours(
            p,
            "x0123456789abcdef-00000000000000a1@itinerary.ics"
        ));
    }
}

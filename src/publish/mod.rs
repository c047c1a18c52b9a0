//! `itinerary publish [FILE] --to URL`: the trip as a calendar on a CalDAV
//! server (RFC 4791). [`plan`] works out what to write from the trip's
//! events and what the calendar holds; [`dav`] makes the requests;
//! [`multistatus`] reads the server's XML; [`run`] is the command.
//! docs/publish.md says what is sent, and which resources are touched.

pub mod dav;
pub mod multistatus;
pub mod plan;

use std::io::Write;

use crate::cli::PublishArgs;
use crate::exit;
use crate::export::select;
use crate::export::{IcsExport, Selection, file_stamp};
use crate::format::count;
use crate::load::{self, diagnostic::sanitize};
use crate::model::{PersonId, Side, Trip};

pub use dav::{Credentials, Dav, DavError, Precondition};
pub use plan::{Counts, Identity, Local, Owner, Plan, Remote};

/// The environment variable of the user name.
pub const USER_VAR: &str = "ITINERARY_CALDAV_USER";
/// The environment variable of the password.
pub const PASSWORD_VAR: &str = "ITINERARY_CALDAV_PASSWORD";

/// How many resources one calendar-multiget asks for.
const MULTIGET_BATCH: usize = 200;

/// What a publish did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The collection was made (MKCALENDAR).
    pub created: bool,
    pub events: usize,
    pub written: Counts,
    pub unchanged: usize,
    /// Resources left alone: made by someone else or another program.
    pub foreign: usize,
    /// Other trips' resources deleted (`--replace`), by trip.
    pub replaced: Vec<(Option<String>, usize)>,
}

/// A publish that stopped: the error, what it was doing, and (once writing
/// had begun) what was written and what was not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub error: DavError,
    /// What the request was for: "reading the calendar", "writing X.ics".
    pub doing: String,
    pub written: Counts,
    /// The write under way when the answer was lost: the server may or may
    /// not have done it.
    pub unknown: Counts,
    pub left: Counts,
}

/// The credentials `ITINERARY_CALDAV_USER` and `ITINERARY_CALDAV_PASSWORD`
/// give: both or neither (no login).
pub fn credentials(
    user: Option<String>,
    password: Option<String>,
) -> Result<Option<Credentials>, String> {
    match (user, password) {
        (None, None) => Ok(None),
        (Some(u), Some(_)) if u.contains(':') => Err(format!(
            "{USER_VAR} has a colon in it, which Basic authentication cannot carry"
        )),
        (Some(u), Some(p)) => Ok(Some(Credentials::new(u, p))),
        (Some(_), None) => Err(format!(
            "{USER_VAR} is set but {PASSWORD_VAR} is not; set both, or neither for a server without a login"
        )),
        (None, Some(_)) => Err(format!(
            "{PASSWORD_VAR} is set but {USER_VAR} is not; set both, or neither for a server without a login"
        )),
    }
}

/// Publishes `locals` (this trip's events, carrying its identity) into the
/// collection `dav` speaks to, naming a new calendar `title`. Another
/// trip's events there are replaced with `replace`, and refused otherwise.
pub fn publish(
    dav: &Dav,
    who: &Identity,
    locals: &[Local],
    title: &str,
    replace: bool,
) -> Result<Outcome, Box<Failure>> {
    let fail = |doing: &str| {
        let doing = doing.to_string();
        move |error| {
            Box::new(Failure {
                error,
                doing,
                written: Counts::default(),
                unknown: Counts::default(),
                left: Counts::default(),
            })
        }
    };
    let created = match dav.probe().map_err(fail("reading the calendar"))? {
        Some(true) => false,
        Some(false) => {
            return Err(fail("reading the calendar")(DavError::NotCalendar));
        }
        None => {
            dav.make_calendar(title)
                .map_err(fail("creating the calendar"))?;
            true
        }
    };
    let remote = if created {
        Vec::new()
    } else {
        read_remote(dav).map_err(fail("listing the calendar"))?
    };
    let plan = plan::plan(who, locals, &remote, replace);
    if !replace && let Some((trip, n)) = plan.others.first() {
        return Err(fail("reading the calendar")(DavError::OtherTrip(
            trip.clone(),
            *n,
        )));
    }
    let mut written = Counts::default();
    for (i, w) in plan.writes.iter().enumerate() {
        let (done, doing) = match w {
            plan::Write::Create(l) => {
                let l = &locals[*l];
                let r = dav.put(&l.name, &l.body, Precondition::Absent);
                (r, format!("writing {}", l.name))
            }
            plan::Write::Replace(l, etag) => {
                let l = &locals[*l];
                let when = etag.as_deref().map_or(Precondition::Any, Precondition::Is);
                (
                    dav.put(&l.name, &l.body, when),
                    format!("writing {}", l.name),
                )
            }
            plan::Write::Delete(name, etag) => (dav.delete(name, etag), format!("deleting {name}")),
        };
        if let Err(error) = done {
            let (mut unknown, mut left) = (Counts::default(), Counts::default());
            if error.may_be_done() {
                unknown.add(w);
            } else {
                left.add(w);
            }
            plan.writes[i + 1..].iter().for_each(|w| left.add(w));
            return Err(Box::new(Failure {
                error,
                doing,
                written,
                unknown,
                left,
            }));
        }
        written.add(w);
    }
    Ok(Outcome {
        created,
        events: locals.len(),
        written,
        unchanged: plan.unchanged,
        foreign: plan.foreign,
        replaced: if replace { plan.others } else { Vec::new() },
    })
}

/// Every resource in the calendar, with the content hash and trip of those
/// with a name this app gives (read with calendar-multiget, in batches).
fn read_remote(dav: &Dav) -> Result<Vec<Remote>, DavError> {
    let listed = dav.list()?;
    let named: Vec<&str> = listed
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| plan::is_app_name(n))
        .collect();
    let mut read = std::collections::HashMap::new();
    for batch in named.chunks(MULTIGET_BATCH) {
        for (name, r) in dav.multiget(batch)? {
            read.insert(name, r);
        }
    }
    Ok(listed
        .into_iter()
        .filter_map(|(name, etag)| {
            if !plan::is_app_name(&name) {
                return Some(Remote {
                    name,
                    etag,
                    hash: None,
                    trip: None,
                });
            }
            // Listed but gone by the time it was read: nothing to do.
            let r = read.remove(&name)?;
            if r.status.is_some_and(|s| !(200..300).contains(&s)) {
                return None;
            }
            let (hash, trip) = r.calendar_data.as_deref().map(stored).unwrap_or_default();
            Some(Remote {
                hash,
                trip,
                etag: r.etag.or(etag),
                name,
            })
        })
        .collect())
}

/// The content hash and the trip a published resource carries in its VEVENT.
fn stored(calendar: &str) -> (Option<String>, Option<String>) {
    let Ok(parsed) = crate::import::read::read(calendar.as_bytes()) else {
        return (None, None);
    };
    let mut stack: Vec<&crate::import::read::Component> = parsed.roots.iter().collect();
    while let Some(c) = stack.pop() {
        if c.name == "VEVENT" {
            let value = |name: &str| c.prop(name).map(|p| unescape(p.value.trim()));
            return (value(plan::HASH_PROPERTY), value(plan::TRIP_PROPERTY));
        }
        stack.extend(&c.children);
    }
    (None, None)
}

/// TEXT unescaping (RFC 5545 §3.3.11).
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(c) => out.push(c),
                None => out.push('\\'),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

/// The environment a publish reads: the two credential variables.
#[derive(Debug, Clone, Default)]
pub struct Env {
    pub user: Option<String>,
    pub password: Option<String>,
    /// How long one request may take: [`dav::CALL_TIMEOUT`] unless a test
    /// needs a server that never answers said so sooner.
    pub timeout: Option<std::time::Duration>,
}

impl Env {
    /// From the process's environment.
    pub fn from_process() -> Env {
        let var = |k: &str| std::env::var_os(k).map(|v| v.to_string_lossy().into_owned());
        Env {
            user: var(USER_VAR),
            password: var(PASSWORD_VAR),
            timeout: None,
        }
    }
}

/// The placeholder of `--each-person`'s URL.
pub const ID_PLACEHOLDER: &str = "{id}";

/// One calendar to publish: whose (`None` for the whole trip's), where,
/// under which identity.
struct Target {
    /// The people of `--person` or the one of `--each-person`.
    people: Vec<PersonId>,
    /// For a line of `--each-person`'s: the person's id.
    label: Option<String>,
    dav: Dav,
    identity: String,
}

/// Runs `publish` and returns the exit status: 0 published, 1 the trip is
/// invalid, 2 a usage error or a server that could not be published to
/// (with `--each-person`: any of the calendars).
pub fn run(args: &PublishArgs, env: Env, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let usage = |err: &mut dyn Write, msg: &str| {
        let _ = writeln!(err, "error: {}", sanitize(msg));
        exit::USAGE
    };
    let user = env.user.clone();
    let creds = match credentials(env.user, env.password) {
        Ok(c) => c,
        Err(msg) => return usage(err, &msg),
    };
    let timeout = env.timeout.unwrap_or(dav::CALL_TIMEOUT);
    let has_placeholder = args.to.contains(ID_PLACEHOLDER);
    match (args.each_person, has_placeholder) {
        (true, false) => {
            return usage(
                err,
                &format!(
                    "--each-person needs {ID_PLACEHOLDER} in --to, where each person's id goes \
                     (https://cal.example.org/office/{ID_PLACEHOLDER}/, say)"
                ),
            );
        }
        (false, true) => {
            return usage(
                err,
                &format!(
                    "--to has {ID_PLACEHOLDER} in it, which only --each-person fills in; give \
                     --each-person for one calendar per member of the delegation, or a URL \
                     without {ID_PLACEHOLDER}"
                ),
            );
        }
        _ => {}
    }
    // The URL is checked before the trip is read: a person's id is
    // `[a-z0-9_-]+`, which any URL holds, so "id" stands for them all.
    let checked = args.to.replace(ID_PLACEHOLDER, "id");
    let dav = match Dav::with_timeout(&checked, creds.as_ref(), timeout) {
        Ok(d) => d,
        Err(msg) => return usage(err, &msg),
    };
    let opened = load::open(args.file.as_deref());
    let loaded = match opened.result {
        Ok(loaded) => loaded,
        Err(e) => return e.print(&opened.name, &opened.text, err),
    };
    load::print_report(
        &opened.name,
        &opened.text,
        &loaded.warnings,
        load::Shown::First,
        None,
        err,
    );
    let trip = &loaded.trip;
    let Some(name) = identity(trip, args.file.as_deref()) else {
        return usage(
            err,
            "a trip read from standard input has no file name to be known by on the server; \
             give it an id in [trip] (id = \"japan-2018\", say), so that the next publish finds \
             its events",
        );
    };
    let targets = if args.each_person {
        let members: Vec<PersonId> = (0..trip.people.len())
            .map(PersonId)
            .filter(|&p| trip.person(p).side == Side::Delegation)
            .collect();
        if members.is_empty() {
            return usage(
                err,
                "--each-person publishes one calendar per member of the delegation, and this \
                 trip has none: give someone side = \"delegation\" in [people.<id>]",
            );
        }
        let mut targets = Vec::new();
        for p in members {
            let key = &trip.person(p).key;
            let url = args.to.replace(ID_PLACEHOLDER, key);
            match Dav::with_timeout(&url, creds.as_ref(), timeout) {
                Ok(dav) => targets.push(Target {
                    people: vec![p],
                    label: Some(key.clone()),
                    dav,
                    identity: person_identity(&name, trip, &[p]),
                }),
                Err(msg) => return usage(err, &msg),
            }
        }
        targets
    } else {
        let mut people = match select::parse_people(trip, &args.people) {
            Ok(p) => p,
            Err(msg) => return usage(err, &msg),
        };
        people.sort();
        let identity = match people.is_empty() {
            true => name.clone(),
            false => person_identity(&name, trip, &people),
        };
        vec![Target {
            people,
            label: None,
            dav,
            identity,
        }]
    };
    if creds.is_some() && targets.iter().any(|t| t.dav.is_plain_remote()) {
        let origin = targets.first().map(|t| t.dav.origin()).unwrap_or_default();
        let _ = writeln!(
            err,
            "warning: the password goes to {} unencrypted (http://); use https:// if the server has it",
            sanitize(origin)
        );
    }
    let stamp = file_stamp(args.file.as_deref(), trip);
    let mut total = (Counts::default(), 0usize, 0usize);
    let mut failed = Vec::new();
    for target in &targets {
        let prefix = target
            .label
            .as_ref()
            .map(|l| format!("{l}: "))
            .unwrap_or_default();
        let selection = Selection {
            people: target.people.clone(),
            ..Selection::trip()
        };
        let export = IcsExport::new(trip, &selection, stamp).with_identity(&target.identity);
        let who = Identity {
            // A person's calendar is new with this version: nothing of it
            // was published before identities, so its own prefix stands in.
            legacy_prefix: match target.people.is_empty() {
                true => export.legacy_uid_prefix(),
                false => export.uid_prefix(),
            },
            name: target.identity.clone(),
        };
        let locals: Vec<Local> = export
            .events()
            .map(|e| Local::new(&export, &e, &who.name))
            .collect();
        let url = target.dav.url();
        let title = match target.people.as_slice() {
            [] => trip.title.clone(),
            people => format!("{} — {}", trip.title, names(trip, people)),
        };
        match publish(&target.dav, &who, &locals, &title, args.replace) {
            Ok(o) => {
                if o.created {
                    let _ = writeln!(out, "{prefix}created the calendar {url}");
                }
                for (other, n) in &o.replaced {
                    let _ = writeln!(
                        out,
                        "{prefix}replaced {}: {} deleted",
                        sanitize(&trip_name(other.as_deref())),
                        count(*n, "event", "events")
                    );
                }
                let _ = writeln!(
                    out,
                    "{prefix}published {} to {url}: {} new, {} changed, {} unchanged, {} deleted",
                    count(o.events, "event", "events"),
                    o.written.new,
                    o.written.changed,
                    o.unchanged,
                    o.written.deleted
                );
                if o.foreign > 0 {
                    let _ = writeln!(
                        out,
                        "{prefix}left alone: {} this trip did not publish",
                        count(o.foreign, "resource", "resources")
                    );
                }
                total.0.new += o.written.new;
                total.0.changed += o.written.changed;
                total.0.deleted += o.written.deleted;
                total.1 += o.unchanged;
                total.2 += o.events;
            }
            Err(f) => {
                let _ = writeln!(
                    err,
                    "error: {prefix}{}",
                    sanitize(&message(&f, &url, user.as_deref(), &who.name))
                );
                let _ = writeln!(err, "{prefix}{}", progress(&f));
                failed.extend(target.label.clone());
                if target.label.is_none() {
                    return exit::USAGE;
                }
            }
        }
    }
    if args.each_person {
        let done = targets.len() - failed.len();
        let mut line = format!(
            "published {} of {}: {}, {} new, {} changed, {} unchanged, {} deleted",
            done,
            count(targets.len(), "calendar", "calendars"),
            count(total.2, "event", "events"),
            total.0.new,
            total.0.changed,
            total.1,
            total.0.deleted
        );
        if !failed.is_empty() {
            line.push_str(&format!("; failed: {}", failed.join(", ")));
        }
        let _ = writeln!(out, "{line}");
        if !failed.is_empty() {
            return exit::USAGE;
        }
    }
    exit::OK
}

/// The identity of the calendar of `people` (in trip order) of the trip
/// known as `trip_id`: `<trip>/<person id>[+<person id>…]`, so that it is
/// its own trip on the server, and never the whole trip's (an identity of a
/// trip has no `/`).
pub fn person_identity(trip_id: &str, trip: &Trip, people: &[PersonId]) -> String {
    let keys: Vec<&str> = people
        .iter()
        .map(|p| trip.person(*p).key.as_str())
        .collect();
    format!("{trip_id}/{}", keys.join("+"))
}

/// "Chen Wei", "Chen Wei and Li Na": the people of a calendar.
fn names(trip: &Trip, people: &[PersonId]) -> String {
    let names: Vec<String> = people
        .iter()
        .map(|p| crate::export::summary::line(&trip.person(*p).name))
        .collect();
    names.join(" and ")
}

/// The identity of a trip to publish: its `id`, else the name of its file
/// without the extension (the bundled trip's for none); `None` for a trip
/// read from standard input without an `id`.
pub fn identity(trip: &crate::model::Trip, file: Option<&std::path::Path>) -> Option<String> {
    if let Some(id) = &trip.id {
        return Some(id.clone());
    }
    let file = file.unwrap_or(std::path::Path::new(load::BUNDLED_NAME));
    if file == std::path::Path::new("-") {
        return None;
    }
    let stem = file.file_stem()?.to_string_lossy();
    (!stem.is_empty()).then(|| stem.into_owned())
}

/// Another trip, as a message names it: a person's calendar of a trip
/// (`trip/person`) says so.
fn trip_name(trip: Option<&str>) -> String {
    match trip.map(|t| t.split_once('/').ok_or(t)) {
        Some(Ok((trip, people))) => format!("the calendar of {people:?} in the trip {trip:?}"),
        Some(Err(t)) => format!("the trip {t:?}"),
        None => "a trip published by an earlier version of itinerary".into(),
    }
}

/// The error of a failed publish, in words; `me` is this trip's identity.
fn message(f: &Failure, url: &str, user: Option<&str>, me: &str) -> String {
    let doing = &f.doing;
    match &f.error {
        DavError::Unreachable(why) => format!("{doing}: {why}"),
        DavError::Lost(why) => format!("{doing}: {why}"),
        DavError::OtherTrip(other, n) => format!(
            "{url} holds {} ({}); this {}: publish it into a calendar of its own, \
             or give --replace to delete the other trip's events there and put this one in \
             their place",
            trip_name(other.as_deref()),
            count(*n, "event", "events"),
            match me.contains('/') {
                true => format!("is {}", trip_name(Some(me))),
                false => format!("trip is {me:?}"),
            },
        ),
        DavError::Login => match user {
            Some(u) => format!(
                "{url} refused the login of user {u:?} (401 Unauthorized): check {USER_VAR} and {PASSWORD_VAR}"
            ),
            None => format!(
                "{url} asks for a login (401 Unauthorized): set {USER_VAR} and {PASSWORD_VAR}"
            ),
        },
        DavError::Forbidden => format!(
            "{doing}: {url} does not allow it{} (403 Forbidden)",
            user.map(|u| format!(" to user {u:?}")).unwrap_or_default()
        ),
        DavError::Changed => format!(
            "{doing}: it changed on the server since it was listed (412 Precondition Failed); publish again"
        ),
        DavError::Status(status, text) if text.is_empty() => {
            format!("{doing}: {url} answered {status} {}", reason(*status))
        }
        DavError::Status(status, text) => {
            format!(
                "{doing}: {url} answered {status} {}: {text}",
                reason(*status)
            )
        }
        DavError::Garbled(why) => format!("{doing}: {url}: {why}"),
        DavError::NotCalendar => format!(
            "{url} is a collection but not a calendar; give the URL of a calendar, or of one to create"
        ),
    }
}

/// What a stopped publish had written, had perhaps written (a write whose
/// answer was lost), and had not.
fn progress(f: &Failure) -> String {
    if f.written.total() == 0 && f.unknown.total() == 0 && f.left.total() == 0 {
        return "nothing was written; publish again once it is put right".into();
    }
    let unknown = match f.unknown.total() {
        0 => String::new(),
        _ => format!(
            "; not known (sent, but no answer came back): {}",
            f.unknown.describe()
        ),
    };
    format!(
        "written before the error: {}{unknown}; not written: {}; publishing again completes it",
        f.written.describe(),
        f.left.describe()
    )
}

/// The reason phrase of a status.
fn reason(status: u16) -> &'static str {
    ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_come_in_pairs() {
        let s = |v: &str| Some(v.to_string());
        assert!(matches!(credentials(None, None), Ok(None)));
        assert_eq!(
            credentials(s("alice"), s("pw")).unwrap().unwrap().user,
            "alice"
        );
        assert_eq!(
            credentials(s("alice"), None).unwrap_err(),
            "ITINERARY_CALDAV_USER is set but ITINERARY_CALDAV_PASSWORD is not; set both, \
             or neither for a server without a login"
        );
        assert!(credentials(None, s("pw")).is_err());
        assert!(credentials(s("a:b"), s("pw")).is_err());
    }

    #[test]
    fn the_stored_hash_and_trip_are_read_from_the_event_whatever_the_line_ends() {
        let cal = "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nX-ITINERARY-HASH:00ff\n\
                   X-ITINERARY-TRIP:my trip\\, 2018\nEND:VEVENT\nEND:VCALENDAR\n";
        let want = (Some("00ff".into()), Some("my trip, 2018".into()));
        assert_eq!(stored(cal), want);
        assert_eq!(stored(&cal.replace('\n', "\r\n")), want);
        assert_eq!(stored("BEGIN:VCALENDAR\nEND:VCALENDAR\n"), (None, None));
    }

    #[test]
    fn the_identity_is_the_id_else_the_file_name_and_none_from_standard_input() {
        let mut trip = load::load_str(load::BUNDLED).unwrap().trip;
        trip.id = None;
        let id = |trip: &crate::model::Trip, f: Option<&str>| {
            identity(trip, f.map(std::path::Path::new))
        };
        assert_eq!(
            id(&trip, Some("dir/japan 2018.toml")).as_deref(),
            Some("japan 2018")
        );
        assert_eq!(id(&trip, None).as_deref(), Some("zhejiang-japan-2018"));
        assert_eq!(id(&trip, Some("-")), None);
        trip.id = Some("zj-2018".into());
        assert_eq!(id(&trip, Some("-")).as_deref(), Some("zj-2018"));
        assert_eq!(id(&trip, Some("a.toml")).as_deref(), Some("zj-2018"));
    }

    #[test]
    fn a_failure_says_what_was_and_was_not_written() {
        let f = Failure {
            error: DavError::Unreachable("http://127.0.0.1:9 refused the connection".into()),
            doing: "writing a.ics".into(),
            written: Counts {
                new: 2,
                changed: 1,
                deleted: 0,
            },
            unknown: Counts::default(),
            left: Counts {
                new: 3,
                changed: 0,
                deleted: 1,
            },
        };
        assert_eq!(
            progress(&f),
            "written before the error: 2 new, 1 changed, 0 deleted; \
             not written: 3 new, 0 changed, 1 deleted; publishing again completes it"
        );
        assert_eq!(
            message(&f, "http://127.0.0.1:9/cal/", Some("alice"), "t"),
            "writing a.ics: http://127.0.0.1:9 refused the connection"
        );
        let login = Failure {
            error: DavError::Login,
            ..f
        };
        assert_eq!(
            message(&login, "http://h/cal/", Some("alice"), "t"),
            "http://h/cal/ refused the login of user \"alice\" (401 Unauthorized): \
             check ITINERARY_CALDAV_USER and ITINERARY_CALDAV_PASSWORD"
        );
    }
}

//! WebDAV multistatus answers (RFC 4918 §14.16), read with quick-xml's
//! namespace-aware reader: what PROPFIND and REPORT say about each resource.
//! Elements are matched by namespace and local name, so any prefix a server
//! picks (`D:`, `d:`, a default namespace) reads the same.

use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

const DAV: &str = "DAV:";
const CALDAV: &str = "urn:ietf:params:xml:ns:caldav";

/// One `<response>`: a resource and the properties the server gave for it
/// (only those in a `propstat` whose status is 2xx).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resource {
    /// The `href` as written (percent-encoded, a path or a whole URL).
    pub href: String,
    /// The response's own status (a REPORT's resource not found), if any.
    pub status: Option<u16>,
    pub etag: Option<String>,
    pub calendar_data: Option<String>,
    /// `resourcetype` has `DAV:collection`.
    pub collection: bool,
    /// `resourcetype` has `caldav:calendar`.
    pub calendar: bool,
}

/// The element names this reader cares about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Name {
    Response,
    Href,
    Status,
    Propstat,
    ResourceType,
    Collection,
    Calendar,
    Etag,
    CalendarData,
    Other,
}

fn name(ns: &ResolveResult<'_>, local: &str) -> Name {
    let ns = match ns {
        ResolveResult::Bound(n) => n.as_ref(),
        _ => return Name::Other,
    };
    match (ns, local) {
        (DAV, "response") => Name::Response,
        (DAV, "href") => Name::Href,
        (DAV, "status") => Name::Status,
        (DAV, "propstat") => Name::Propstat,
        (DAV, "resourcetype") => Name::ResourceType,
        (DAV, "collection") => Name::Collection,
        (DAV, "getetag") => Name::Etag,
        (CALDAV, "calendar") => Name::Calendar,
        (CALDAV, "calendar-data") => Name::CalendarData,
        _ => Name::Other,
    }
}

/// What a propstat says until its status is known.
#[derive(Default)]
struct Props {
    status: Option<u16>,
    etag: Option<String>,
    calendar_data: Option<String>,
    collection: bool,
    calendar: bool,
}

/// Every `<response>` of a multistatus body, in order. An answer that is
/// not well-formed XML, or has no `multistatus`, is an error that says so.
pub fn parse(xml: &str) -> Result<Vec<Resource>, String> {
    let mut reader = NsReader::from_str(xml);
    let mut out = Vec::new();
    let mut path: Vec<Name> = Vec::new();
    let mut text = String::new();
    let mut current: Option<Resource> = None;
    let mut props = Props::default();
    let mut seen_root = false;
    loop {
        let (ns, event) = reader
            .read_resolved_event()
            .map_err(|e| format!("the answer is not XML: {e}"))?;
        match event {
            Event::Start(e) => {
                let n = name(&ns, e.local_name().as_ref());
                seen_root |= matches!(&ns, ResolveResult::Bound(b) if b.as_ref() == DAV)
                    && e.local_name().as_ref() == "multistatus";
                open(n, &path, &mut current, &mut props);
                path.push(n);
                text.clear();
            }
            Event::Empty(e) => {
                let n = name(&ns, e.local_name().as_ref());
                open(n, &path, &mut current, &mut props);
                close(n, &path, "", &mut current, &mut props, &mut out);
            }
            Event::End(_) => {
                if let Some(n) = path.pop() {
                    close(n, &path, &text, &mut current, &mut props, &mut out);
                }
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(t) => text.push_str(&t),
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text.push(c);
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&r) {
                    text.push_str(s);
                } else {
                    return Err(format!("the answer names an unknown XML entity &{};", &*r));
                }
            }
            Event::Eof if path.is_empty() => break,
            Event::Eof => return Err("the answer is not XML: it ends inside an element".into()),
            _ => {}
        }
    }
    if seen_root {
        Ok(out)
    } else {
        Err("the answer is not a WebDAV multistatus".into())
    }
}

/// An element starts inside `path`.
fn open(n: Name, path: &[Name], current: &mut Option<Resource>, props: &mut Props) {
    match n {
        Name::Response => *current = Some(Resource::default()),
        Name::Propstat => *props = Props::default(),
        Name::Collection | Name::Calendar if path.last() == Some(&Name::ResourceType) => {
            if n == Name::Collection {
                props.collection = true;
            } else {
                props.calendar = true;
            }
        }
        _ => {}
    }
}

/// An element ends inside `path`, with `text` its text.
fn close(
    n: Name,
    path: &[Name],
    text: &str,
    current: &mut Option<Resource>,
    props: &mut Props,
    out: &mut Vec<Resource>,
) {
    let Some(r) = current.as_mut() else { return };
    let parent = path.last().copied();
    match n {
        Name::Href if parent == Some(Name::Response) => r.href = text.trim().to_string(),
        Name::Status if parent == Some(Name::Response) => r.status = status_code(text),
        Name::Status if parent == Some(Name::Propstat) => props.status = status_code(text),
        Name::Etag => props.etag = Some(text.trim().to_string()),
        Name::CalendarData => props.calendar_data = Some(text.to_string()),
        Name::Propstat => {
            let p = std::mem::take(props);
            if p.status.is_some_and(|s| (200..300).contains(&s)) {
                r.etag = p.etag.or(r.etag.take());
                r.calendar_data = p.calendar_data.or(r.calendar_data.take());
                r.collection |= p.collection;
                r.calendar |= p.calendar;
            }
        }
        Name::Response => {
            if let Some(r) = current.take() {
                out.push(r);
            }
        }
        _ => {}
    }
}

/// `HTTP/1.1 200 OK` → 200.
fn status_code(line: &str) -> Option<u16> {
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radicales_answer_with_a_default_namespace() {
        let xml = r#"<?xml version='1.0' encoding='utf-8'?>
<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><response><href>/alice/trip/</href><propstat><prop><resourcetype><C:calendar /><collection /></resourcetype><getetag>"ca5d"</getetag></prop><status>HTTP/1.1 200 OK</status></propstat></response><response><href>/alice/trip/abc%40itinerary.ics</href><propstat><prop><getetag>"1acb"</getetag><C:calendar-data>BEGIN:VCALENDAR&#13;
SUMMARY:Q&amp;A\, talk &lt;b&gt;&#13;
END:VCALENDAR&#13;
</C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>"#;
        let got = parse(xml).unwrap();
        assert_eq!(
            got[0],
            Resource {
                href: "/alice/trip/".into(),
                etag: Some("\"ca5d\"".into()),
                collection: true,
                calendar: true,
                ..Resource::default()
            }
        );
        assert_eq!(got[1].href, "/alice/trip/abc%40itinerary.ics");
        assert_eq!(got[1].etag.as_deref(), Some("\"1acb\""));
        assert_eq!(
            got[1].calendar_data.as_deref(),
            Some("BEGIN:VCALENDAR\r\nSUMMARY:Q&A\\, talk <b>\r\nEND:VCALENDAR\r\n")
        );
        assert!(!got[1].collection && !got[1].calendar);
    }

    #[test]
    fn prefixes_are_read_by_namespace_and_failed_propstats_are_ignored() {
        let xml = r#"<d:multistatus xmlns:d="DAV:" xmlns:cal="urn:ietf:params:xml:ns:caldav" xmlns:x="urn:other">
  <d:response>
    <d:href>https://dav.example/cal/a.ics</d:href>
    <d:propstat><d:prop><d:getetag>"1"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>
    <d:propstat><d:prop><cal:calendar-data/></d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
  </d:response>
  <d:response><d:href>/cal/gone.ics</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>
  <d:response><d:href>/cal/x/</d:href><d:propstat><d:prop><d:resourcetype><x:calendar/><d:collection/></d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
</d:multistatus>"#;
        let got = parse(xml).unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(
            (got[0].etag.as_deref(), got[0].calendar_data.as_deref()),
            (Some("\"1\""), None)
        );
        assert_eq!(
            (got[1].href.as_str(), got[1].status),
            ("/cal/gone.ics", Some(404))
        );
        // A `calendar` of another namespace is not CalDAV's.
        assert!(got[2].collection && !got[2].calendar);
    }

    #[test]
    fn cdata_is_text() {
        let xml = r#"<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><response><href>/a.ics</href><propstat><prop><C:calendar-data><![CDATA[A&B<c>]]></C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>"#;
        assert_eq!(
            parse(xml).unwrap()[0].calendar_data.as_deref(),
            Some("A&B<c>")
        );
    }

    #[test]
    fn what_is_not_a_multistatus_is_said_so() {
        assert_eq!(
            parse("<html><body>Login</body></html>"),
            Err("the answer is not a WebDAV multistatus".into())
        );
        assert!(
            parse("<multistatus xmlns=\"DAV:\"><response>")
                .unwrap_err()
                .starts_with("the answer is not XML")
        );
    }
}

//! The CalDAV requests a publish makes (RFC 4918, RFC 4791), over ureq's
//! blocking client: PROPFIND, MKCALENDAR, REPORT calendar-multiget, PUT and
//! DELETE on one collection. Every request has a deadline, and a failure is
//! a [`DavError`] a person can act on; the password never goes into one.

use std::time::Duration;

use base64::Engine;
use percent_encoding::{AsciiSet, CONTROLS, percent_decode_str, utf8_percent_encode};
use ureq::http::{self, Method, Uri};

use super::multistatus::{self, Resource};

/// How long a connection may take to open. With [`CALL_TIMEOUT`], a server
/// that is down or does not answer is said so within 10 seconds.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// How long one request may take, from connecting to the last byte.
pub const CALL_TIMEOUT: Duration = Duration::from_secs(9);

/// The most a multistatus answer may hold.
const MAX_ANSWER: u64 = 256 * 1024 * 1024;

/// Characters of a resource name that go percent-encoded into its URL.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A user name and password for Basic authentication.
#[derive(Clone)]
pub struct Credentials {
    pub user: String,
    password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

impl Credentials {
    pub fn new(user: String, password: String) -> Credentials {
        Credentials { user, password }
    }

    fn header(&self) -> String {
        let pair = format!("{}:{}", self.user, self.password);
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(pair)
        )
    }
}

/// Why a request did not do what it was sent for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DavError {
    /// No connection: refused, no such host, TLS failed. The request was
    /// not sent.
    Unreachable(String),
    /// The request went out and no answer came (timed out, the connection
    /// dropped): it may or may not have been done.
    Lost(String),
    /// 401: the login was refused.
    Login,
    /// 403: the login is good but may not do this.
    Forbidden,
    /// 412: the resource changed since it was listed.
    Changed,
    /// Any other answer that is not what the request wanted.
    Status(u16, String),
    /// The URL is a collection, but not a calendar: nothing is written
    /// into it.
    NotCalendar,
    /// An answer that could not be read (not a multistatus, bad XML).
    Garbled(String),
    /// The calendar holds another trip this app published (its identity,
    /// `None` for one published before trips had one, and how many
    /// resources): nothing is written beside it without `--replace`.
    OtherTrip(Option<String>, usize),
}

impl DavError {
    /// Whether the request may have been done even so: the server may have
    /// written a PUT whose answer was lost.
    pub fn may_be_done(&self) -> bool {
        matches!(self, DavError::Lost(_))
    }
}

/// The condition a PUT is made under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precondition<'a> {
    /// `If-None-Match: *`: only if there is no such resource.
    Absent,
    /// `If-Match: <etag>`: only if it is still this version.
    Is(&'a str),
    /// No condition (the server listed it without an ETag).
    Any,
}

/// What came back.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: String,
    location: Option<String>,
}

/// One calendar collection on one server.
pub struct Dav {
    agent: ureq::Agent,
    /// `scheme://authority`, no slash at the end.
    origin: String,
    /// The collection's path, ending with `/`.
    path: String,
    auth: Option<String>,
    /// How long one request may take.
    timeout: Duration,
}

impl Dav {
    /// A client for the collection at `url` (http or https, no user name
    /// or password in it, no query); its path gets a `/` at the end, and
    /// its non-ASCII characters are percent-encoded (`%` stays as it is, so
    /// an encoded path is not encoded twice).
    pub fn new(url: &str, credentials: Option<&Credentials>) -> Result<Dav, String> {
        Dav::with_timeout(url, credentials, CALL_TIMEOUT)
    }

    /// [`Dav::new`] with another limit on each request than
    /// [`CALL_TIMEOUT`] (a connection may take at most as long).
    pub fn with_timeout(
        url: &str,
        credentials: Option<&Credentials>,
        timeout: Duration,
    ) -> Result<Dav, String> {
        let not_http = || {
            format!(
                "--to {url:?} is not an http:// or https:// URL; give the calendar's URL, \
                 such as https://cal.example.org/alice/trip/"
            )
        };
        let encoded = encode_url(url)?;
        let uri: Uri = encoded.parse().map_err(|_| not_http())?;
        let scheme = uri.scheme_str().unwrap_or("");
        if scheme != "http" && scheme != "https" {
            return Err(not_http());
        }
        let Some(authority) = uri.authority() else {
            return Err(format!("--to {url:?} names no server"));
        };
        if authority.as_str().contains('@') {
            return Err("--to has a user name or password in it; give them in \
                 ITINERARY_CALDAV_USER and ITINERARY_CALDAV_PASSWORD instead"
                .into());
        }
        if uri.query().is_some() {
            return Err(format!(
                "--to {url:?} has a query (?…); a calendar's URL has none"
            ));
        }
        let mut path = uri.path().to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .allow_non_standard_methods(true)
            // A redirect is reported, not followed: PROPFIND's body and the
            // login would not go along safely.
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_connect(Some(CONNECT_TIMEOUT.min(timeout)))
            .timeout_global(Some(timeout))
            .user_agent(concat!("itinerary/", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(Dav {
            agent: config.into(),
            origin: format!("{scheme}://{authority}"),
            path,
            auth: credentials.map(Credentials::header),
            timeout,
        })
    }

    /// The collection's URL, as requests use it.
    pub fn url(&self) -> String {
        format!("{}{}", self.origin, self.path)
    }

    /// `scheme://authority`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Plain http to a host other than this machine: a password would go
    /// unencrypted over a network.
    pub fn is_plain_remote(&self) -> bool {
        let host = self
            .origin
            .strip_prefix("http://")
            .map(|a| match a.rsplit_once(':') {
                Some((h, port)) if port.bytes().all(|b| b.is_ascii_digit()) => h,
                _ => a,
            });
        host.is_some_and(|h| !matches!(h, "localhost" | "127.0.0.1" | "[::1]"))
    }

    /// The URL of the resource `name` in the collection.
    fn resource_url(&self, name: &str) -> String {
        format!("{}{}", self.url(), utf8_percent_encode(name, SEGMENT))
    }

    /// The name of `href` (a path or a URL) when it is a resource right in
    /// the collection (not the collection itself, not deeper), decoded.
    pub fn member_name(&self, href: &str) -> Option<String> {
        let path = match href.find("://") {
            Some(i) => &href[href[i + 3..].find('/').map_or(href.len(), |j| i + 3 + j)..],
            None => href,
        };
        let decoded = percent_decode_str(path).decode_utf8().ok()?;
        let own = percent_decode_str(&self.path).decode_utf8().ok()?;
        let name = decoded.strip_prefix(own.as_ref())?;
        (!name.is_empty() && !name.contains('/')).then(|| name.to_string())
    }

    fn send(
        &self,
        method: &[u8],
        url: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Result<Answer, DavError> {
        let method = Method::from_bytes(method).map_err(|e| DavError::Garbled(e.to_string()))?;
        let mut req = http::Request::builder().method(method).uri(url);
        if let Some(auth) = &self.auth {
            req = req.header("Authorization", auth);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let req = req
            .body(body.to_string())
            .map_err(|e| DavError::Garbled(e.to_string()))?;
        let mut res = self.agent.run(req).map_err(|e| self.unreachable(&e))?;
        let status = res.status().as_u16();
        let location = res
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = res
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER)
            .lossy_utf8(true)
            .read_to_string()
            .map_err(|e| self.unreachable(&e))?;
        Ok(Answer {
            status,
            body,
            location,
        })
    }

    /// A failure to get an answer, in words: [`DavError::Unreachable`]
    /// when the request cannot have been sent, [`DavError::Lost`] when it
    /// may have been.
    fn unreachable(&self, e: &ureq::Error) -> DavError {
        use ureq::Timeout;
        let server = &self.origin;
        let not_sent = |why: String| DavError::Unreachable(why);
        let lost = |why: String| DavError::Lost(why);
        match e {
            ureq::Error::Timeout(Timeout::Resolve | Timeout::Connect) => not_sent(format!(
                "{server} did not answer within {}",
                seconds(CONNECT_TIMEOUT.min(self.timeout))
            )),
            ureq::Error::Timeout(_) => lost(format!(
                "{server} did not answer within {}",
                seconds(self.timeout)
            )),
            ureq::Error::HostNotFound => not_sent(format!("{server}: no such host")),
            ureq::Error::ConnectionFailed => not_sent(format!(
                "cannot connect to {server} (is the server running?)"
            )),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => not_sent(
                format!("{server} refused the connection (is the server running?)"),
            ),
            e if tls_error(e)
                == Some(&rustls::Error::InvalidMessage(
                    rustls::InvalidMessage::InvalidContentType,
                )) =>
            {
                let plain = self.url().replacen("https://", "http://", 1);
                not_sent(format!(
                    "{server} did not answer in TLS: it seems to speak plain HTTP; \
                     if so, did you mean {plain}?"
                ))
            }
            ureq::Error::Rustls(tls) => not_sent(format!("{server}: TLS failed: {tls}")),
            ureq::Error::Io(io) => lost(format!("{server}: {io}")),
            other => lost(format!("{server}: {other}")),
        }
    }

    /// The usual answers that are failures: 401, 403, 412, a redirect.
    fn check(&self, a: Answer, ok: &[u16]) -> Result<Answer, DavError> {
        match a.status {
            s if ok.contains(&s) => Ok(a),
            401 => Err(DavError::Login),
            403 => Err(DavError::Forbidden),
            412 => Err(DavError::Changed),
            s @ 300..=399 => Err(DavError::Status(
                s,
                match &a.location {
                    Some(to) => format!("the server redirects to {to}; give that URL to --to"),
                    None => "the server redirects elsewhere".into(),
                },
            )),
            s => Err(DavError::Status(s, first_line(&a.body))),
        }
    }

    /// PROPFIND Depth 0 on the collection: `None` when it is not there, else
    /// whether it is a calendar.
    pub fn probe(&self) -> Result<Option<bool>, DavError> {
        let a = self.send(
            b"PROPFIND",
            &self.url(),
            &[("Depth", "0"), XML],
            PROPFIND_RESOURCETYPE,
        )?;
        if a.status == 404 {
            return Ok(None);
        }
        let a = self.check(a, &[207])?;
        let list = multistatus::parse(&a.body).map_err(DavError::Garbled)?;
        Ok(Some(list.iter().any(|r| r.calendar)))
    }

    /// MKCALENDAR with a display name.
    pub fn make_calendar(&self, name: &str) -> Result<(), DavError> {
        let body = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
             <C:mkcalendar xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">\
             <D:set><D:prop><D:displayname>{}</D:displayname></D:prop></D:set></C:mkcalendar>",
            quick_xml::escape::escape(name)
        );
        let a = self.send(b"MKCALENDAR", &self.url(), &[XML], &body)?;
        self.check(a, &[200, 201]).map(|_| ())
    }

    /// PROPFIND Depth 1 for each member's ETag: every resource right in the
    /// collection, by decoded name.
    pub fn list(&self) -> Result<Vec<(String, Option<String>)>, DavError> {
        let a = self.send(
            b"PROPFIND",
            &self.url(),
            &[("Depth", "1"), XML],
            PROPFIND_ETAG,
        )?;
        let a = self.check(a, &[207])?;
        let list = multistatus::parse(&a.body).map_err(DavError::Garbled)?;
        Ok(list
            .into_iter()
            .filter(|r| !r.collection)
            .filter_map(|r| self.member_name(&r.href).map(|n| (n, r.etag)))
            .collect())
    }

    /// REPORT calendar-multiget: the ETag and content of each named member.
    pub fn multiget(&self, names: &[&str]) -> Result<Vec<(String, Resource)>, DavError> {
        let hrefs: String = names
            .iter()
            .map(|n| {
                let href = format!("{}{}", self.path, utf8_percent_encode(n, SEGMENT));
                format!("<D:href>{}</D:href>", quick_xml::escape::escape(&href))
            })
            .collect();
        let body = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
             <C:calendar-multiget xmlns:D=\"DAV:\" xmlns:C=\"urn:ietf:params:xml:ns:caldav\">\
             <D:prop><D:getetag/><C:calendar-data/></D:prop>{hrefs}</C:calendar-multiget>"
        );
        let a = self.send(b"REPORT", &self.url(), &[("Depth", "1"), XML], &body)?;
        let a = self.check(a, &[207])?;
        let list = multistatus::parse(&a.body).map_err(DavError::Garbled)?;
        Ok(list
            .into_iter()
            .filter_map(|r| self.member_name(&r.href).map(|n| (n, r)))
            .collect())
    }

    /// PUT `body` as `name`, if it is absent or still the version listed.
    pub fn put(&self, name: &str, body: &str, when: Precondition<'_>) -> Result<(), DavError> {
        let mut headers = vec![("Content-Type", "text/calendar; charset=utf-8")];
        match when {
            Precondition::Absent => headers.push(("If-None-Match", "*")),
            Precondition::Is(etag) => headers.push(("If-Match", etag)),
            Precondition::Any => {}
        }
        let a = self.send(b"PUT", &self.resource_url(name), &headers, body)?;
        self.check(a, &[200, 201, 204]).map(|_| ())
    }

    /// DELETE `name` if it is still the version `etag`.
    pub fn delete(&self, name: &str, etag: &str) -> Result<(), DavError> {
        let a = self.send(
            b"DELETE",
            &self.resource_url(name),
            &[("If-Match", etag)],
            "",
        )?;
        // Already gone is what was wanted.
        self.check(a, &[200, 204, 404]).map(|_| ())
    }
}

const XML: (&str, &str) = ("Content-Type", "application/xml; charset=utf-8");

const PROPFIND_RESOURCETYPE: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
    <D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/></D:prop></D:propfind>";

const PROPFIND_ETAG: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
    <D:propfind xmlns:D=\"DAV:\"><D:prop><D:resourcetype/><D:getetag/></D:prop></D:propfind>";

/// The TLS error under `e`, where rustls gave one (ureq passes some on
/// as I/O errors).
fn tls_error(e: &ureq::Error) -> Option<&rustls::Error> {
    match e {
        ureq::Error::Rustls(tls) => Some(tls),
        ureq::Error::Io(io) => io.get_ref()?.downcast_ref::<rustls::Error>(),
        _ => None,
    }
}

/// "9 seconds", "1 second", "250 ms".
fn seconds(d: Duration) -> String {
    match d.subsec_millis() {
        0 => crate::format::count(
            usize::try_from(d.as_secs()).unwrap_or(usize::MAX),
            "second",
            "seconds",
        ),
        _ => format!("{} ms", d.as_millis()),
    }
}

/// Characters a URL cannot hold as they are (RFC 3986), with the name a
/// person knows them by.
fn unsafe_in_url(c: char) -> Option<&'static str> {
    Some(match c {
        ' ' => "a space",
        '"' => "a double quote",
        '<' | '>' => "an angle bracket",
        '\\' => "a backslash",
        '^' => "a caret",
        '`' => "a backquote",
        '{' | '}' => "a brace",
        '|' => "a vertical bar",
        c if c.is_control() => "a control character",
        _ => return None,
    })
}

/// `url` with its path's non-ASCII characters percent-encoded (as UTF-8;
/// `%` stays, so what is encoded already is not encoded again). A character
/// no URL holds, or a server name that is not ASCII, is an error saying so.
fn encode_url(url: &str) -> Result<String, String> {
    if let Some((at, c)) = url
        .char_indices()
        .find(|(_, c)| unsafe_in_url(*c).is_some())
    {
        let what = unsafe_in_url(c).unwrap_or("a character");
        let fixed: String = url
            .chars()
            .map(|c| match unsafe_in_url(c) {
                Some(_) => c
                    .encode_utf8(&mut [0; 4])
                    .bytes()
                    .map(|b| format!("%{b:02X}"))
                    .collect(),
                None => c.to_string(),
            })
            .collect();
        let shown = crate::load::diagnostic::sanitize(&url[..at]);
        return Err(format!(
            "--to {:?} has {what} after {shown:?}, which a URL cannot hold; \
             write it percent-encoded: {}",
            crate::load::diagnostic::sanitize(url),
            crate::load::diagnostic::sanitize(&fixed)
        ));
    }
    let rest_at = url.find("://").map_or(0, |i| i + 3);
    let path_at = url[rest_at..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| rest_at + i);
    let (head, path) = url.split_at(path_at);
    if !head.is_ascii() {
        return Err(format!(
            "--to {url:?} has a server name that is not ASCII; give its ASCII form \
             (xn--…), as the server's administrator writes it"
        ));
    }
    Ok(format!("{head}{}", utf8_percent_encode(path, CONTROLS)))
}

/// The first line of an error answer, short, for the message.
fn first_line(body: &str) -> String {
    let line = body.lines().map(str::trim).find(|l| !l.is_empty());
    let line = line.unwrap_or("");
    let mut out: String = line.chars().take(200).collect();
    if out.len() < line.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_names_are_decoded_and_only_direct_members() {
        let dav = Dav::new("http://127.0.0.1:1/alice/my%20trip", None).unwrap();
        assert_eq!(dav.url(), "http://127.0.0.1:1/alice/my%20trip/");
        assert_eq!(
            dav.member_name("/alice/my%20trip/abc%40itinerary.ics")
                .as_deref(),
            Some("abc@itinerary.ics")
        );
        assert_eq!(
            dav.member_name("http://127.0.0.1:1/alice/my%20trip/a.ics")
                .as_deref(),
            Some("a.ics")
        );
        assert_eq!(dav.member_name("/alice/my%20trip/"), None);
        assert_eq!(dav.member_name("/alice/my%20trip/sub/a.ics"), None);
        assert_eq!(dav.member_name("/bob/a.ics"), None);
        assert_eq!(
            dav.resource_url("a b@itinerary.ics"),
            "http://127.0.0.1:1/alice/my%20trip/a%20b@itinerary.ics"
        );
    }

    #[test]
    fn plain_http_off_this_machine_is_told_apart() {
        let plain = |u: &str| Dav::new(u, None).unwrap().is_plain_remote();
        assert!(plain("http://cal.example.org/a/"));
        assert!(plain("http://10.0.0.2:5232/a/"));
        assert!(!plain("http://127.0.0.1:5232/a/"));
        assert!(!plain("http://localhost/a/"));
        assert!(!plain("http://[::1]:5232/a/"));
        assert!(!plain("http://[::1]/a/"));
        assert!(!plain("https://cal.example.org/a/"));
    }

    #[test]
    fn urls_that_cannot_be_a_calendar_are_refused() {
        let err = |u: &str| Dav::new(u, None).err().unwrap();
        assert!(err("ftp://x/cal/").contains("not an http:// or https:// URL"));
        assert!(err("cal.example.org/alice").contains("not an http:// or https:// URL"));
        assert_eq!(
            err("https://alice:hunter2@cal.example.org/alice/"),
            "--to has a user name or password in it; give them in \
             ITINERARY_CALDAV_USER and ITINERARY_CALDAV_PASSWORD instead"
        );
        assert!(err("http://x/cal/?a=1").contains("has a query"));
    }

    #[test]
    fn credentials_are_basic_and_never_debug_printed() {
        let c = Credentials::new("alice".into(), "hunter2".into());
        assert_eq!(c.header(), "Basic YWxpY2U6aHVudGVyMg==");
        assert!(!format!("{c:?}").contains("hunter2"));
    }
}

//! The printed programme: one self-contained HTML file (no network, no
//! script, its CSS inline) that a browser prints as a protocol office's
//! programme — a cover, a contacts page, one page per day with a timeline
//! picture (inline SVG) and every event in full, the unscheduled stops last.
//!
//! Every text from the trip goes through `maud`, which escapes whatever it
//! is given unless told otherwise; the only text written unescaped is this
//! file's own (the CSS, the tags that open and close a section). It is
//! written as it is built: the cover and the contacts, then each day a stop
//! at a time (the day's stops are read three times: for the hours of its
//! timeline, for the timeline, for the details), so a whole trip's export
//! holds one stop's summary at a time, as JSON and iCalendar do.

use std::io::{self, Write};

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use maud::{Markup, PreEscaped, Render, html};
use unicode_width::UnicodeWidthChar;

use super::prose::{kept, totals, zones};
use super::summary::{
    self, DaySummary, MeetingSummary, PersonSummary, Scope, Selection, StopSummary, Summary,
};
use crate::clock;
use crate::format;
use crate::model::{DayRef, Trip};

/// What the programme says about itself, beside the trip: which copy it
/// is, and the version line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Programme {
    /// The copy for distribution: no notes and no outcomes.
    pub brief: bool,
    /// The date of the version line (`SOURCE_DATE_EPOCH`'s when set).
    pub exported: NaiveDate,
    /// The file it was made from, when there is one.
    pub source: Option<Source>,
}

impl Programme {
    /// The full copy, dated by `stamp` (as the other formats' DTSTAMP), from
    /// no named file: the browser's export and [`super::render`].
    pub fn full(stamp: chrono::DateTime<chrono::Utc>) -> Programme {
        Programme {
            brief: false,
            exported: stamp.date_naive(),
            source: None,
        }
    }
}

/// The file a programme was made from, as its version line names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file's name, without its directories (`trip.toml`, `<stdin>`).
    pub name: String,
    /// The first 12 hex digits of the SHA-256 of the file's bytes, so that
    /// `sha256sum trip.toml` tells a reader which version they hold.
    pub hash: String,
}

impl Source {
    /// The source named `name` (its last component is kept) holding `bytes`.
    pub fn of(name: &str, bytes: &[u8]) -> Source {
        use sha2::Digest;
        let digest = sha2::Sha256::digest(bytes);
        let hash: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
        let name = name.rsplit(['/', '\\']).next().unwrap_or(name);
        Source {
            name: name.to_string(),
            hash,
        }
    }
}

/// The stylesheet: print first (A4 and Letter alike: the page's size is the
/// printer's), system fonts with CJK ones after them.
const CSS: &str = include_str!("programme.css");

/// Rows of one timeline picture: a longer day gets several, each with its
/// own hour axis, so that no picture is cut at a page's edge.
const ROWS: usize = 30;

/// The selection as the printed programme, in memory: what [`write_html`]
/// writes.
pub fn html(trip: &Trip, selection: &Selection, programme: &Programme) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = write_html(trip, selection, programme, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the printed programme to `out` as it is built (give it a
/// buffered writer).
pub fn write_html(
    trip: &Trip,
    selection: &Selection,
    programme: &Programme,
    out: &mut dyn Write,
) -> io::Result<()> {
    let head = summary::whole(trip, selection, (), ());
    let whole = selection.scope == Scope::Trip;
    out.write_all(b"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")?;
    put(
        out,
        html! {
            title { (head.trip.title) " — programme" }
            meta name="generator" content=(concat!("itinerary ", env!("CARGO_PKG_VERSION")));
            style { (PreEscaped(CSS)) }
        },
    )?;
    out.write_all(b"\n</head>\n<body>\n")?;
    if whole {
        put(out, cover(&head, programme))?;
        if !head.trip.contacts.is_empty() {
            put(out, contacts(&head.trip.contacts))?;
        }
    }
    for list in summary::lists(trip, selection) {
        let stops = || summary::stops(trip, selection, list);
        match list {
            DayRef::Day(i) => {
                let day = summary::day(trip, i, ());
                write_day(out, &head, programme, &day, stops)?;
            }
            DayRef::Unscheduled => write_unscheduled(out, &head, programme, stops)?,
        }
    }
    out.write_all(b"</body>\n</html>\n")
}

fn put(out: &mut dyn Write, m: Markup) -> io::Result<()> {
    out.write_all(m.into_string().as_bytes())
}

/// The cover: title, dates, lead, purpose, sources, what the copy holds,
/// and the version line.
fn cover(s: &Summary<(), ()>, p: &Programme) -> Markup {
    let t = &s.trip;
    let days = format::count(t.day_count, "day", "days");
    html! {
        section.cover {
            p.kicker { "Programme" }
            h1 dir="auto" { (Txt(&t.title)) }
            p.dates { (long_dates(t.start, t.end)) " · " (days) }
            @if let Some(lead) = &t.lead {
                p.lead { "Led by " (Person(lead)) }
            }
            @if let Some(purpose) = &t.purpose {
                p.purpose dir="auto" { (Txt(purpose)) }
            }
            p { (zones(s)) }
            @if let Some(k) = kept(s) {
                p.filter { "Only events " (k) "." }
            }
            p.totals { (totals(s)) }
            @if t.contacts.is_empty() {
                p { "The trip names no contacts (contacts = [\"id\", …] in its [trip] table lists them)." }
            } @else {
                p { "Contacts: " (t.contacts.len()) " on the next page." }
            }
            @if p.brief {
                p.copy { "Brief copy for distribution: notes and outcomes are left out." }
            } @else {
                p.copy { "Full copy, with notes and outcomes: for the delegation's staff." }
            }
            @if !t.sources.is_empty() {
                div.sources {
                    h2 { "Sources" }
                    ul { @for source in &t.sources { li dir="auto" { (Txt(source)) } } }
                }
            }
            (version(p))
        }
    }
}

/// `Exported on 2026-03-20 from trip.toml (sha256 1a2b3c4d5e6f) by itinerary 0.1.0`.
fn version(p: &Programme) -> Markup {
    html! {
        p.version {
            "Exported on " (format::iso(p.exported))
            @if let Some(source) = &p.source {
                " from " span.file { (source.name) } " (sha256 " code { (source.hash) } ")"
            }
            " by itinerary " (env!("CARGO_PKG_VERSION")) "."
        }
    }
}

/// `26–30 August 2018`, or across months and years as needed.
fn long_dates(start: NaiveDate, end: NaiveDate) -> String {
    let (a, b) = (start.format("%-d %B %Y"), end.format("%-d %B %Y"));
    if start == end {
        a.to_string()
    } else if start.format("%Y-%m").to_string() == end.format("%Y-%m").to_string() {
        format!("{}–{b}", start.format("%-d"))
    } else if start.format("%Y").to_string() == end.format("%Y").to_string() {
        format!("{}–{b}", start.format("%-d %B"))
    } else {
        format!("{a}–{b}")
    }
}

/// The contacts page: each person to call, with every way to reach them.
fn contacts(people: &[PersonSummary]) -> Markup {
    html! {
        section.contacts {
            h2 { "Contacts" }
            table.contacts {
                thead { tr { th { "Name" } th { "Role" } th { "Phone" } th { "Email" } } }
                tbody {
                    @for p in people {
                        tr {
                            td dir="auto" {
                                (Txt(&p.name))
                                @if let Some(n) = &p.native { " " (Txt(n)) }
                            }
                            td dir="auto" {
                                @if let Some(r) = &p.role { (Txt(r)) }
                                @if let Some(o) = &p.organisation { br; span.org { (Txt(o)) } }
                            }
                            td.phone dir="auto" { @if let Some(v) = &p.phone { (v) } }
                            td.email dir="auto" { @if let Some(v) = &p.email { (v) } }
                        }
                    }
                }
            }
        }
    }
}

/// One day's section: its heading, notes and timeline, then its events in
/// a table whose head is repeated on every page the day flows onto.
fn write_day<I: Iterator<Item = StopSummary>>(
    out: &mut dyn Write,
    s: &Summary<(), ()>,
    p: &Programme,
    day: &DaySummary<()>,
    stops: impl Fn() -> I,
) -> io::Result<()> {
    let heading = format!("Day {} · {}", day.number, day.date.format("%A %-d %B %Y"));
    let title = day.title.as_deref().unwrap_or("");
    put(
        out,
        html! {
            (PreEscaped("<section class=\"day\">"))
            div.head {
                @if s.scope == "day" { (trip_line(s, p)) }
                h2 dir="auto" {
                    span.date { (heading) }
                    @if !title.is_empty() { " " span.title { (Txt(title)) } }
                }
                @if let (false, Some(notes)) = (p.brief, &day.notes) {
                    p.notes dir="auto" { (Txt(notes)) }
                }
            }
        },
    )?;
    write_timeline(out, s, day.date, &stops)?;
    write_events(
        out,
        s,
        p,
        Some(day.date),
        &running_head(&heading, title),
        stops(),
    )?;
    out.write_all(b"</section>\n")
}

/// The unscheduled stops, on a page of their own after the days.
fn write_unscheduled<I: Iterator<Item = StopSummary>>(
    out: &mut dyn Write,
    s: &Summary<(), ()>,
    p: &Programme,
    stops: impl Fn() -> I,
) -> io::Result<()> {
    put(
        out,
        html! {
            (PreEscaped("<section class=\"day unscheduled\">"))
            div.head {
                @if s.scope == "day" { (trip_line(s, p)) }
                h2 { "Unscheduled" }
                p.intro { "Stops during the trip on no known day." }
            }
        },
    )?;
    write_events(out, s, p, None, &running_head("Unscheduled", ""), stops())?;
    out.write_all(b"</section>\n")
}

/// A day's own export has no cover: its trip and version line head it.
fn trip_line(s: &Summary<(), ()>, p: &Programme) -> Markup {
    html! {
        div.trip {
            p.kicker dir="auto" { (Txt(&s.trip.title)) }
            @if let Some(k) = kept(s) { p.filter { "Only events " (k) "." } }
            @if p.brief { p.copy { "Brief copy for distribution: notes and outcomes are left out." } }
            (version(p))
        }
    }
}

/// The head repeated at the top of each further page of a day.
fn running_head(heading: &str, title: &str) -> Markup {
    html! {
        thead aria-hidden="true" {
            tr { th colspan="2" {
                (heading) @if !title.is_empty() { " " (Txt(title)) } " (continued)"
            } }
        }
    }
}

/// The events of a day (or the unscheduled stops): a row per stop and per
/// meeting, none of them cut at a page's edge.
fn write_events(
    out: &mut dyn Write,
    s: &Summary<(), ()>,
    p: &Programme,
    date: Option<NaiveDate>,
    head: &Markup,
    stops: impl Iterator<Item = StopSummary>,
) -> io::Result<()> {
    let mut any = false;
    for stop in stops {
        if !any {
            out.write_all(b"<div class=\"events\"><table class=\"events\">")?;
            out.write_all(head.0.as_bytes())?;
            any = true;
        }
        put(out, stop_rows(s, p, date, &stop))?;
    }
    if any {
        out.write_all(b"</table></div>\n")
    } else {
        put(out, html! { p.nothing { "Nothing scheduled." } })
    }
}

fn stop_rows(
    s: &Summary<(), ()>,
    p: &Programme,
    date: Option<NaiveDate>,
    stop: &StopSummary,
) -> Markup {
    let place: Vec<&str> = [&stop.address, &stop.city, &stop.prefecture]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    html! {
        tbody class={ "stop " (stop.status) } {
            tr.stop {
                td.when {
                    (format::when(stop.arrive, stop.depart))
                    (home(s, date, &stop.start_home, &stop.end_home))
                }
                td.what {
                    h3 dir="auto" { (Txt(&stop.place)) (status(stop.status)) }
                    dl {
                        dt { "Kind" } dd { (stop.kind) }
                        @if !place.is_empty() { dt { "Where" } dd dir="auto" { (Txt(&place.join(", "))) } }
                        (people(&stop.people))
                        @if let Some(c) = &stop.contact {
                            dt { "Contact" } dd dir="auto" { (Person(c)) (reach(c)) }
                        }
                        @if let (false, Some(n)) = (p.brief, &stop.notes) {
                            dt { "Notes" } dd.notes dir="auto" { (Txt(n)) }
                        }
                    }
                }
            }
            @for m in &stop.meetings { (meeting_row(s, p, date, m)) }
        }
    }
}

fn meeting_row(
    s: &Summary<(), ()>,
    p: &Programme,
    date: Option<NaiveDate>,
    m: &MeetingSummary,
) -> Markup {
    html! {
        tr class={ "meeting " (m.status) } {
            td.when {
                (format::when(m.start, m.end))
                (home(s, date, &m.start_home, &m.end_home))
            }
            td.what {
                h4 dir="auto" { (Txt(&m.title)) (status(m.status)) }
                dl {
                    (people(&m.attendees))
                    @if !m.topics.is_empty() { dt { "Topics" } dd dir="auto" { (Txt(&m.topics.join(", "))) } }
                    @if let (false, Some(o)) = (p.brief, &m.outcome) {
                        dt { "Outcome" } dd.notes dir="auto" { (Txt(o)) }
                    }
                    @if let (false, Some(n)) = (p.brief, &m.notes) {
                        dt { "Notes" } dd.notes dir="auto" { (Txt(n)) }
                    }
                }
            }
        }
    }
}

/// ` · 17:00–19:00 prev day Shanghai` under the trip's times; nothing
/// without a home zone or times.
fn home(
    s: &Summary<(), ()>,
    date: Option<NaiveDate>,
    start: &Option<Option<NaiveDateTime>>,
    end: &Option<Option<NaiveDateTime>>,
) -> Markup {
    let clock = match (s.home_timezone, date) {
        (Some(zone), Some(date)) => {
            let text = format::home_clock(date, start.flatten(), end.flatten(), "–");
            (!text.is_empty()).then(|| format!("{text} {}", clock::label(zone)))
        }
        _ => None,
    };
    html! { @if let Some(c) = clock { br; span.home { (c) } } }
}

/// ` (cancelled)`, ` (tentative)`: in words, not in colour alone.
fn status(status: &str) -> Markup {
    html! { @if summary::notable(status) { " " span.status { "(" (status) ")" } } }
}

/// Who is there: the people we meet (hosts, then guests), then our
/// delegation, each with name, native name and role.
fn people(list: &[PersonSummary]) -> Markup {
    let side = |s: &'static str| list.iter().filter(move |p| p.side == s);
    let met: Vec<&PersonSummary> = side("host").chain(side("guest")).collect();
    let ours: Vec<&PersonSummary> = side("delegation").collect();
    html! {
        @if !met.is_empty() {
            dt { "We meet" }
            dd { ul.people { @for p in &met { li dir="auto" { (Person(p)) @if p.side == "guest" { span.side { " (guest)" } } } } } }
        }
        @if !ours.is_empty() {
            dt { "Our delegation" }
            dd { ul.people { @for p in &ours { li dir="auto" { (Person(p)) } } } }
        }
    }
}

/// How to reach a contact: ` · +81 3 0000 0000 · liaison@example.org`.
fn reach(p: &PersonSummary) -> Markup {
    html! {
        @if let Some(v) = &p.phone { " · " span.phone { (v) } }
        @if let Some(v) = &p.email { " · " span.email { (v) } }
    }
}

/// A person as the programme names them: `Yuan Jiajun 袁家军, Governor …`.
struct Person<'a>(&'a PersonSummary);

impl Render for Person<'_> {
    fn render(&self) -> Markup {
        let p = self.0;
        html! {
            span.name { (Txt(&p.name)) }
            @if let Some(n) = &p.native { " " span.native { (Txt(n)) } }
            @if let Some(r) = &p.role { ", " span.role { (Txt(r)) } }
        }
    }
}

/// A text from the trip, escaped, in a span that names its language when
/// its script does: kana is Japanese, hangul Korean (Chinese characters
/// alone could be either, or Chinese, and get no tag).
struct Txt<'a>(&'a str);

impl Render for Txt<'_> {
    fn render(&self) -> Markup {
        html! {
            @match lang_of(self.0) {
                Some(lang) => span lang=(lang) { (self.0) },
                None => (self.0),
            }
        }
    }
}

/// The language a text's script tells: `ja` for kana, `ko` for hangul.
pub fn lang_of(text: &str) -> Option<&'static str> {
    let kana = |c: char| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{31f0}'..='\u{31ff}' | '\u{ff66}'..='\u{ff9f}');
    let hangul = |c: char| matches!(c, '\u{ac00}'..='\u{d7af}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}');
    if text.chars().any(kana) {
        Some("ja")
    } else if text.chars().any(hangul) {
        Some("ko")
    } else {
        None
    }
}

// ---- the timeline picture ---------------------------------------------------

/// The picture's width and where its hour axis lies, in SVG units (its
/// viewBox; it is scaled to the page's width).
const WIDTH: u32 = 720;
const AXIS_LEFT: u32 = 250;
const AXIS_RIGHT: u32 = 705;
const ROW: u32 = 18;
const TOP: u32 = 22;
/// The widest label, in terminal columns (a CJK character is two).
const LABEL_COLUMNS: usize = 38;

/// One bar of the picture.
struct Bar {
    label: String,
    meeting: bool,
    status: &'static str,
    start: Option<NaiveTime>,
    end: Option<NaiveTime>,
}

/// Every event of a day with a time, in order: each stop, then its meetings.
fn bars(stops: impl Iterator<Item = StopSummary>) -> impl Iterator<Item = Bar> {
    stops
        .flat_map(|s| {
            let stop = Bar {
                label: s.place,
                meeting: false,
                status: s.status,
                start: s.arrive,
                end: s.depart,
            };
            let cancelled = s.status == "cancelled";
            let meetings = s.meetings.into_iter().map(move |m| Bar {
                label: m.title,
                meeting: true,
                // A meeting at a cancelled stop is cancelled too (tally's rule).
                status: if cancelled { "cancelled" } else { m.status },
                start: m.start,
                end: m.end,
            });
            std::iter::once(stop).chain(meetings)
        })
        .filter(|b| b.start.is_some() || b.end.is_some())
}

/// The day's timeline: the hours its events span (whole hours, at least
/// four), one bar per timed event, in pictures of [`ROWS`] bars.
fn write_timeline<I: Iterator<Item = StopSummary>>(
    out: &mut dyn Write,
    _s: &Summary<(), ()>,
    date: NaiveDate,
    stops: &impl Fn() -> I,
) -> io::Result<()> {
    let (mut first, mut last, mut count) = (24u32, 0u32, 0usize);
    for b in bars(stops()) {
        for t in [b.start, b.end].into_iter().flatten() {
            first = first.min(t.hour());
            last = last.max(t.hour() + u32::from(t.minute() > 0 || t.second() > 0));
        }
        count += 1;
    }
    if count == 0 {
        return Ok(());
    }
    last = last.clamp(first + 1, 24);
    while last - first < 4 {
        if last < 24 {
            last += 1;
        } else {
            first -= 1;
        }
    }
    let hours = (first, last);
    let label = format!("Timeline of {}", date.format("%A %-d %B %Y"));
    let mut bars = bars(stops()).enumerate().peekable();
    while bars.peek().is_some() {
        let chunk: Vec<(usize, Bar)> = bars.by_ref().take(ROWS).collect();
        put(out, picture(&label, hours, &chunk))?;
    }
    Ok(())
}

/// One picture: the hour axis, then a row per bar.
fn picture(label: &str, (first, last): (u32, u32), bars: &[(usize, Bar)]) -> Markup {
    let height = TOP + ROW * bars.len() as u32 + 6;
    let span = (last - first) as f64;
    let x = |t: NaiveTime| {
        let hours = f64::from(t.num_seconds_from_midnight()) / 3600.0 - f64::from(first);
        f64::from(AXIS_LEFT) + hours / span * f64::from(AXIS_RIGHT - AXIS_LEFT)
    };
    let view = format!("0 0 {WIDTH} {height}");
    html! {
        figure.timeline {
            svg xmlns="http://www.w3.org/2000/svg" viewBox=(view) role="img" aria-label=(label) {
                defs {
                    pattern #hatch width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)" {
                        rect width="6" height="6" fill="#fff" {}
                        line x1="0" y1="0" x2="0" y2="6" stroke="#555" stroke-width="2" {}
                    }
                }
                @for h in first..=last {
                    @let hx = f64::from(AXIS_LEFT) + f64::from(h - first) / span * f64::from(AXIS_RIGHT - AXIS_LEFT);
                    line.grid x1=(px(hx)) y1=(TOP - 4) x2=(px(hx)) y2=(height - 4) {}
                    text.hour x=(px(hx)) y="12" text-anchor="middle" { (format!("{h:02}")) }
                }
                @for (row, (_, bar)) in bars.iter().enumerate() {
                    @let y = TOP + ROW * row as u32;
                    @let class = format!("bar {} {}", bar.status, if bar.meeting { "meeting" } else { "stop" });
                    g class=(class) {
                        text.label x=(if bar.meeting { 14 } else { 4 }) y=(y + 13) {
                            (clip(&bar.label, LABEL_COLUMNS - if bar.meeting { 2 } else { 0 }))
                            @if summary::notable(bar.status) { " (" (bar.status) ")" }
                        }
                        @match (bar.start, bar.end) {
                            (Some(a), Some(b)) if b > a => {
                                rect x=(px(x(a))) y=(y + 3) width=(px((x(b) - x(a)).max(2.0))) height=(ROW - 6) rx="2" {}
                                @if bar.status == "cancelled" {
                                    line.strike x1=(px(x(a))) y1=(y + ROW / 2) x2=(px(x(b))) y2=(y + ROW / 2) {}
                                }
                            }
                            (a, b) => {
                                @let t = a.or(b).unwrap_or(NaiveTime::MIN);
                                circle cx=(px(x(t))) cy=(y + ROW / 2) r="4" {}
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A coordinate with one decimal, enough for a page.
fn px(v: f64) -> String {
    format!("{:.1}", v)
}

/// At most `columns` terminal columns of `text`, `…` ending a cut one: an
/// SVG text does not wrap, and a long one would leave its picture.
fn clip(text: &str, columns: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > columns.saturating_sub(1) {
            out.push('…');
            return out;
        }
        used += w;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_tells_the_language() {
        assert_eq!(lang_of("さとう"), Some("ja"));
        assert_eq!(lang_of("佐藤美咲"), None);
        assert_eq!(lang_of("김민준"), Some("ko"));
        assert_eq!(lang_of("Chen Jing"), None);
    }

    #[test]
    fn long_labels_are_cut_by_width() {
        assert_eq!(clip("short", 10), "short");
        assert_eq!(clip("abcdefghijkl", 6), "abcde…");
        assert_eq!(clip("静岡県庁静岡県庁", 6), "静岡…");
    }

    #[test]
    fn the_source_is_named_by_its_file_and_a_short_hash() {
        let s = Source::of("itineraries/trip.toml", b"");
        assert_eq!(s.name, "trip.toml");
        // SHA-256 of nothing.
        assert_eq!(s.hash, "e3b0c44298fc");
    }
}

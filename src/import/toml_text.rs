//! The imported trip as TOML text that reads like a hand-written file:
//! `[trip]`, the people, then each day with its stops and meetings, keys
//! aligned within a table, defaults left out, every string written by the
//! `toml` crate (so its escaping is TOML's).

use std::fmt::Write as _;

use chrono::{NaiveTime, Timelike};
use toml_writer::TomlWrite as _;

use super::convert::{Draft, DraftMeeting, DraftStop};
use crate::model::{Lead, Status};

/// One value of a row, written straight into the text (no string per
/// row: a calendar of 10,000 events writes 60,000 rows).
enum Cell<'a> {
    /// Written as it is (dates, arrays made by the `toml` crate).
    Raw(String),
    /// A TOML string, escaped by `toml_writer` (the `toml` crate's writer).
    Text(&'a str),
    Time(NaiveTime),
    /// A list of ids, as a TOML array of strings on one line.
    Ids(&'a [String]),
    /// Lead times, as `["15m", "1d"]`.
    Leads(&'a [Lead]),
}

/// One table's `key = value` lines, written with the keys aligned.
#[derive(Default)]
struct Table<'a> {
    rows: Vec<(&'static str, Cell<'a>)>,
}

impl<'a> Table<'a> {
    fn raw(&mut self, key: &'static str, value: String) -> &mut Self {
        self.rows.push((key, Cell::Raw(value)));
        self
    }

    fn text(&mut self, key: &'static str, value: Option<&'a str>) -> &mut Self {
        if let Some(v) = value {
            self.rows.push((key, Cell::Text(v)));
        }
        self
    }

    fn time(&mut self, key: &'static str, value: Option<NaiveTime>) -> &mut Self {
        if let Some(t) = value {
            self.rows.push((key, Cell::Time(t)));
        }
        self
    }

    fn status(&mut self, status: Status) -> &mut Self {
        if status != Status::Confirmed {
            self.text("status", Some(status.as_str()));
        }
        self
    }

    fn ids(&mut self, key: &'static str, ids: &'a [String]) -> &mut Self {
        if !ids.is_empty() {
            self.rows.push((key, Cell::Ids(ids)));
        }
        self
    }

    fn leads(&mut self, key: &'static str, leads: Option<&'a [Lead]>) -> &mut Self {
        if let Some(l) = leads {
            self.rows.push((key, Cell::Leads(l)));
        }
        self
    }

    fn write(&self, header: &str, out: &mut String) {
        out.push('\n');
        out.push_str(header);
        out.push('\n');
        let width = self.rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        for (key, value) in &self.rows {
            out.push_str(key);
            out.extend(std::iter::repeat_n(' ', width - key.len()));
            out.push_str(" = ");
            // Writing into a String cannot fail.
            let _ = match value {
                Cell::Raw(v) => {
                    out.push_str(v);
                    Ok(())
                }
                Cell::Text(v) => out.value(*v),
                Cell::Time(t) if t.second() == 0 => {
                    write!(out, "{:02}:{:02}", t.hour(), t.minute())
                }
                // A leap second (`15:15:60`, which iCalendar allows) is not
                // a time TOML or the trip file takes: its :59.
                Cell::Time(t) => write!(
                    out,
                    "{:02}:{:02}:{:02}",
                    t.hour(),
                    t.minute(),
                    t.second().min(59)
                ),
                Cell::Ids(ids) => {
                    out.push('[');
                    for (i, id) in ids.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        let _ = out.value(id.as_str());
                    }
                    out.push(']');
                    Ok(())
                }
                Cell::Leads(leads) => {
                    out.push('[');
                    for (i, lead) in leads.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        let _ = write!(out, "\"{lead}\"");
                    }
                    out.push(']');
                    Ok(())
                }
            };
            out.push('\n');
        }
    }
}

/// The trip file.
pub fn toml_text(draft: &Draft) -> String {
    let mut out = format!(
        "# Imported from {} by `itinerary import`.\n",
        draft.source.replace(|c: char| c.is_control(), " ")
    );
    let sources = vec![toml::Value::from(format!("Imported from {}", draft.source))];
    Table::default()
        .text("title", Some(&draft.title))
        .raw("start", draft.start.to_string())
        .raw("end", draft.end.to_string())
        .text("timezone", Some(draft.timezone.name()))
        .text("purpose", draft.purpose.as_deref())
        .raw("sources", toml::Value::Array(sources).to_string())
        .write("[trip]", &mut out);
    for (id, name) in &draft.people {
        Table::default()
            .text("name", Some(name))
            .write(&format!("[people.{id}]"), &mut out);
    }
    let dates: std::collections::BTreeSet<_> =
        draft.days.keys().chain(draft.day_info.keys()).collect();
    for date in dates {
        let info = draft.day_info.get(date);
        Table::default()
            .raw("date", date.to_string())
            .text("title", info.and_then(|i| i.title.as_deref()))
            .text("notes", info.and_then(|i| i.notes.as_deref()))
            .write("[[day]]", &mut out);
        for stop in draft.days.get(date).into_iter().flatten() {
            write_stop(stop, "[[day.stop]]", "[[day.stop.meeting]]", &mut out);
        }
    }
    for stop in &draft.unscheduled {
        write_stop(stop, "[[unscheduled]]", "[[unscheduled.meeting]]", &mut out);
    }
    out
}

fn write_stop(stop: &DraftStop, header: &str, meeting_header: &str, out: &mut String) {
    Table::default()
        .text("place", Some(&stop.place))
        .text("prefecture", stop.prefecture.as_deref())
        .text("address", stop.address.as_deref())
        .time("arrive", stop.arrive)
        .time("depart", stop.depart)
        .status(stop.status)
        .ids("people", &stop.people)
        .leads("reminders", stop.reminders.as_deref())
        .text("notes", stop.notes.as_deref())
        .write(header, out);
    for m in &stop.meetings {
        write_meeting(m, meeting_header, out);
    }
}

fn write_meeting(m: &DraftMeeting, header: &str, out: &mut String) {
    Table::default()
        .text("title", Some(&m.title))
        .time("start", m.start)
        .time("end", m.end)
        .status(m.status)
        .ids("attendees", &m.attendees)
        .leads("reminders", m.reminders.as_deref())
        .text("notes", m.notes.as_deref())
        .write(header, out);
}

//! The imported trip as TOML text that reads like a hand-written file:
//! `[trip]`, the people, then each day with its stops and meetings, keys
//! aligned within a table, defaults left out, every string written by the
//! `toml` crate (so its escaping is TOML's).

use chrono::{NaiveTime, Timelike};

use super::convert::{Draft, DraftMeeting, DraftStop};
use crate::model::Status;

/// One table's `key = value` lines, written with the keys aligned.
#[derive(Default)]
struct Table {
    rows: Vec<(&'static str, String)>,
}

impl Table {
    fn raw(&mut self, key: &'static str, value: String) -> &mut Self {
        self.rows.push((key, value));
        self
    }

    fn text(&mut self, key: &'static str, value: Option<&str>) -> &mut Self {
        if let Some(v) = value {
            self.rows
                .push((key, toml::Value::String(v.to_string()).to_string()));
        }
        self
    }

    fn time(&mut self, key: &'static str, value: Option<NaiveTime>) -> &mut Self {
        if let Some(t) = value {
            let text = if t.second() == 0 {
                t.format("%H:%M").to_string()
            } else {
                t.format("%H:%M:%S").to_string()
            };
            self.rows.push((key, text));
        }
        self
    }

    fn status(&mut self, status: Status) -> &mut Self {
        if status != Status::Confirmed {
            self.text("status", Some(status.as_str()));
        }
        self
    }

    fn ids(&mut self, key: &'static str, ids: &[String]) -> &mut Self {
        if !ids.is_empty() {
            let list: Vec<toml::Value> = ids.iter().map(|i| i.as_str().into()).collect();
            self.rows.push((key, toml::Value::Array(list).to_string()));
        }
        self
    }

    fn write(&self, header: &str, out: &mut String) {
        out.push('\n');
        out.push_str(header);
        out.push('\n');
        let width = self.rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        for (key, value) in &self.rows {
            out.push_str(&format!("{key:width$} = {value}\n"));
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
        .text("notes", m.notes.as_deref())
        .write(header, out);
}

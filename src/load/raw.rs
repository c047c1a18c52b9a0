//! The file as serde sees it, before validation.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    pub trip: Trip,
    #[serde(default)]
    pub people: BTreeMap<String, Person>,
    #[serde(default)]
    pub day: Vec<Day>,
    #[serde(default)]
    pub unscheduled: Vec<Spanned<Stop>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trip {
    pub title: String,
    pub start: Spanned<Datetime>,
    pub end: Spanned<Datetime>,
    pub timezone: Option<Spanned<String>>,
    pub lead: Option<Spanned<String>>,
    pub purpose: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    pub native: Option<String>,
    pub role: Option<String>,
    pub side: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Day {
    pub date: Spanned<Datetime>,
    pub title: Option<String>,
    pub notes: Option<String>,
    #[serde(default)]
    pub stop: Vec<Spanned<Stop>>,
}

/// A time written as a TOML local time or as a string ("10:30").
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Time {
    Toml(Datetime),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stop {
    pub place: String,
    pub kind: Option<String>,
    pub prefecture: Option<String>,
    pub city: Option<String>,
    pub address: Option<String>,
    pub arrive: Option<Time>,
    pub depart: Option<Time>,
    pub status: Option<String>,
    #[serde(default)]
    pub people: Vec<Spanned<String>>,
    pub notes: Option<String>,
    #[serde(default)]
    pub meeting: Vec<Spanned<Meeting>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub title: String,
    pub start: Option<Time>,
    pub end: Option<Time>,
    #[serde(default)]
    pub attendees: Vec<Spanned<String>>,
    #[serde(default)]
    pub topics: Vec<String>,
    pub outcome: Option<String>,
    pub status: Option<String>,
    pub notes: Option<String>,
}

//! A deterministic generator of valid itineraries of any size, for
//! benchmarks, tests and the `gen_trip` example. Not part of the library:
//! each test, bench and example that uses it includes this file with
//! `#[path = ".../tests/support/generate.rs"] mod generate;`, and each uses
//! only part of it.
//!
//! [`trip_toml`] writes a trip of exactly N events (stops plus meetings) over
//! D days: several prefectures in mixed spellings (romaji, kanji, `-ken`,
//! `Prefecture`…), a delegation and hosts with names in their own scripts,
//! 0–3 meetings per stop, Japanese text, times as TOML times and as strings,
//! tentative and cancelled items, and some unscheduled stops. The output
//! loads with no errors and no warnings: stops of a day never overlap,
//! meetings lie inside their stop's window, every person is referenced and
//! every prefecture is one of the 47. The same arguments always give the
//! same bytes.

#![allow(dead_code)]

use std::fmt::Write as _;

use chrono::{Days, NaiveDate};

use itinerary::model::{DayRef, Trip};
use itinerary::prefecture::Prefecture;

/// Days beyond this are not generated (a century is more than any programme).
pub const MAX_DAYS: usize = 36_600;

/// First day of every generated trip.
const START: (i32, u32, u32) = (2027, 4, 5);

/// Stops of a day are timed inside 07:00–22:00 (seconds after midnight).
pub const DAY_OPENS: u32 = 7 * 3600;
pub const DAY_SPAN: u32 = 15 * 3600;
/// No stop gets a slot longer than three hours, however empty its day.
const MAX_SLOT: u32 = 3 * 3600;

/// The delegation: (id, name, native, role). The first is the lead.
const DELEGATION: [(&str, &str, &str, &str); 4] = [
    ("chen", "Chen Jing", "陈静", "Head of delegation"),
    ("wang", "Wang Lei", "王磊", "Deputy head, trade desk"),
    ("zhou", "Zhou Min", "周敏", "Economic adviser"),
    ("li", "Li Na", "李娜", "Interpreter"),
];

/// Host family names: (romaji, kanji).
const FAMILY: [(&str, &str); 16] = [
    ("Sato", "佐藤"),
    ("Suzuki", "鈴木"),
    ("Takahashi", "高橋"),
    ("Tanaka", "田中"),
    ("Watanabe", "渡辺"),
    ("Ito", "伊藤"),
    ("Yamamoto", "山本"),
    ("Nakamura", "中村"),
    ("Kobayashi", "小林"),
    ("Kato", "加藤"),
    ("Yoshida", "吉田"),
    ("Yamada", "山田"),
    ("Sasaki", "佐々木"),
    ("Matsumoto", "松本"),
    ("Inoue", "井上"),
    ("Kimura", "木村"),
];

/// Host given names: (romaji, kanji).
const GIVEN: [(&str, &str); 12] = [
    ("Hiroshi", "博"),
    ("Yuki", "由紀"),
    ("Akira", "明"),
    ("Kenji", "健二"),
    ("Misaki", "美咲"),
    ("Takumi", "拓海"),
    ("Haruka", "遥"),
    ("Daisuke", "大輔"),
    ("Emi", "恵美"),
    ("Shota", "翔太"),
    ("Naoko", "直子"),
    ("Ryo", "涼"),
];

const ROLES: [&str; 6] = [
    "Governor",
    "Vice-Governor",
    "Mayor",
    "President, Example Industries",
    "Director, Sample Trade Office",
    "Chair, Example Chamber of Commerce",
];

/// Places: (English, Japanese).
const PLACES: [(&str, &str); 10] = [
    ("Example Foods plant", "見本食品 工場"),
    ("Sample Robotics headquarters", "サンプルロボティクス 本社"),
    ("Prefectural Government office", "県庁"),
    ("Example Tea Cooperative", "見本茶農協"),
    ("Sample Care Home", "サンプル介護施設"),
    ("Example Melon Farm", "見本メロン農園"),
    ("Chamber of Commerce hall", "商工会議所"),
    ("Example Port logistics centre", "見本港 物流センター"),
    ("Sample University campus", "サンプル大学"),
    ("City Hall", "市役所"),
];

const TOPICS: [&str; 12] = [
    "trade",
    "tourism 観光",
    "old-age care 介護",
    "manufacturing",
    "agriculture 農業",
    "artificial intelligence",
    "fintech",
    "investment",
    "logistics 物流",
    "education",
    "environment 環境",
    "social management",
];

/// Kinds a generated timed stop may have (hotels are the untimed ones).
const KINDS: [&str; 7] = [
    "visit", "meeting", "forum", "ceremony", "meal", "travel", "other",
];

/// Returns the TOML text of a valid trip with exactly `events` events
/// (stops plus meetings) over `days` days, generated from `seed`.
///
/// `days` is taken as at least 1 and at most [`MAX_DAYS`]. Stops are spread
/// evenly over the days, in date order; when there are more stops than days
/// some days are busy, when there are fewer some days are empty. A day with
/// more than 27,000 timed stops has them untimed instead, since they cannot
/// all fit between 07:00 and 22:00 at one-second resolution.
pub fn trip_toml(events: usize, days: usize, seed: u64) -> String {
    let days = days.clamp(1, MAX_DAYS);
    let mut rng = SplitMix64(seed);
    let plan = plan_stops(events, &mut rng);
    let meetings: usize = plan.iter().sum();
    let hosts = host_count(events, meetings);
    let unscheduled = unscheduled_count(plan.len());
    let scheduled = plan.len() - unscheduled;

    let start = NaiveDate::from_ymd_opt(START.0, START.1, START.2).unwrap_or_default();
    let end = start
        .checked_add_days(Days::new(days as u64 - 1))
        .unwrap_or(start);
    let mut out = String::with_capacity(events * 300 + 1024);
    let mut g = Writer {
        out: &mut out,
        rng,
        hosts,
        next_host: 0,
        first_stop: true,
        prefectures: Prefecture::all().collect(),
    };
    g.header(events, days, seed, start, end, plan.is_empty());

    // Stop j of the scheduled ones goes to day j * days / scheduled, so days
    // fill in order and evenly.
    let mut j = 0;
    for d in 0..days {
        let from = j;
        while j < scheduled && j * days / scheduled == d {
            j += 1;
        }
        if from == j {
            continue;
        }
        let date = start.checked_add_days(Days::new(d as u64)).unwrap_or(start);
        g.day(date, d, &plan[from..j]);
    }
    for &m in &plan[scheduled..] {
        g.stop("[[unscheduled]]", None, None, m);
    }
    out
}

/// Parses the arguments of the `gen_trip` example, `EVENTS DAYS [SEED]`,
/// into `(events, days, seed)`; the seed defaults to 1. A mistake is
/// returned as a sentence.
pub fn parse_args(args: &[String]) -> Result<(usize, usize, u64), String> {
    let [events, days, rest @ ..] = args else {
        return Err(format!(
            "expected EVENTS and DAYS, got {} argument{}.",
            args.len(),
            if args.len() == 1 { "" } else { "s" }
        ));
    };
    if rest.len() > 1 {
        return Err(format!(
            "expected at most three arguments (EVENTS DAYS SEED), got {}.",
            args.len()
        ));
    }
    let events: usize = number("EVENTS", events)?;
    let days: usize = number("DAYS", days)?;
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(format!(
            "DAYS must be between 1 and {MAX_DAYS}, got {days}; a trip has at least one day."
        ));
    }
    let seed = match rest.first() {
        Some(s) => number("SEED", s)?,
        None => 1,
    };
    Ok((events, days, seed))
}

fn number<T: std::str::FromStr>(what: &str, text: &str) -> Result<T, String> {
    text.parse().map_err(|_| {
        format!(
            "{what} must be a whole number such as 1000, got \"{}\".",
            text.escape_debug()
        )
    })
}

/// Meetings per stop, one entry per stop, such that stops plus meetings is
/// exactly `events`.
pub fn plan_stops(events: usize, rng: &mut SplitMix64) -> Vec<usize> {
    let mut plan = Vec::with_capacity(events / 2 + 1);
    let mut left = events;
    while left > 0 {
        let meetings = (rng.below(4) as usize).min(left - 1);
        plan.push(meetings);
        left -= 1 + meetings;
    }
    plan
}

/// How many hosts: enough to vary, never more than there are meetings to
/// name them, so that every person defined is referenced.
fn host_count(events: usize, meetings: usize) -> usize {
    (events / 25).clamp(8, 5_000).min(meetings)
}

/// About one stop in forty has no known day; at least one once there are four.
fn unscheduled_count(stops: usize) -> usize {
    if stops < 4 { 0 } else { (stops / 40).max(1) }
}

/// Arrival and departure (seconds after midnight) of `count` stops that do
/// not overlap or touch, or `None` when they cannot all fit in the day.
pub fn stop_windows(count: usize) -> Option<Vec<(u32, u32)>> {
    if count == 0 {
        return Some(Vec::new());
    }
    let slot = (DAY_SPAN / u32::try_from(count).ok()?).min(MAX_SLOT);
    if slot < 2 {
        return None;
    }
    // Round to five minutes, a minute, or a second, by how much room there is.
    let unit = match slot {
        1800.. => 300,
        120.. => 60,
        _ => 1,
    };
    let slot = slot / unit * unit;
    let length = (slot * 2 / 3 / unit * unit).max(1);
    Some(
        (0..count as u32)
            .map(|i| {
                let arrive = DAY_OPENS + i * slot;
                (arrive, arrive + length)
            })
            .collect(),
    )
}

/// Start and end of `count` meetings inside a stop's window, or `None` when
/// the window is too short to give each a second.
pub fn meeting_windows((arrive, depart): (u32, u32), count: usize) -> Option<Vec<(u32, u32)>> {
    let sub = (depart - arrive) / u32::try_from(count).ok()?.max(1);
    if sub == 0 {
        return None;
    }
    let unit = if sub >= 240 { 60 } else { 1 };
    let sub = sub / unit * unit;
    let length = sub * 3 / 4 / unit * unit;
    Some(
        (0..count as u32)
            .map(|j| {
                let start = arrive + j * sub;
                (start, start + length)
            })
            .collect(),
    )
}

/// The writer of one trip: output, random source, and who to name next.
struct Writer<'a> {
    out: &'a mut String,
    rng: SplitMix64,
    hosts: usize,
    /// Meetings name hosts in turn, so every host is referenced once there
    /// are at least as many meetings as hosts.
    next_host: usize,
    /// The first stop has the whole delegation, so every member is referenced.
    first_stop: bool,
    prefectures: Vec<Prefecture>,
}

impl Writer<'_> {
    fn header(
        &mut self,
        events: usize,
        days: usize,
        seed: u64,
        start: NaiveDate,
        end: NaiveDate,
        empty: bool,
    ) {
        let out = &mut *self.out;
        let _ = writeln!(
            out,
            "# Generated by generate::trip_toml({events}, {days}, {seed}).\n"
        );
        out.push_str("[trip]\n");
        field(
            out,
            "title",
            &format!("Generated trip: {events} events over {days} days (seed {seed}) 生成"),
        );
        let _ = writeln!(out, "start = {start}\nend = {end}");
        field(out, "timezone", "Asia/Tokyo");
        if empty {
            // No stops: no one to reference, so no people at all.
            return;
        }
        field(out, "lead", DELEGATION[0].0);
        field(
            out,
            "purpose",
            "Synthetic trip for tests and benchmarks; 交流と協力",
        );
        for (id, name, native, role) in DELEGATION {
            let _ = writeln!(out, "\n[people.{id}]");
            field(out, "name", name);
            field(out, "native", native);
            field(out, "role", role);
            field(out, "side", "delegation");
        }
        for k in 0..self.hosts {
            let (family, family_kanji) = FAMILY[k % FAMILY.len()];
            // Family and given name both vary from one host to the next, and
            // the first 192 hosts all have different names.
            let (given, given_kanji) = GIVEN[(k + k / FAMILY.len()) % GIVEN.len()];
            let _ = writeln!(out, "\n[people.{}-{k}]", family.to_ascii_lowercase());
            field(out, "name", &format!("{given} {family}"));
            field(out, "native", &format!("{family_kanji}{given_kanji}"));
            field(out, "role", ROLES[k % ROLES.len()]);
            field(out, "side", if k % 7 == 6 { "guest" } else { "host" });
        }
    }

    /// A `[[day]]` with its stops; `meetings[i]` is the meeting count of stop i.
    fn day(&mut self, date: NaiveDate, index: usize, meetings: &[usize]) {
        let home = self.prefecture();
        let _ = writeln!(self.out, "\n[[day]]\ndate = {date}");
        field(
            self.out,
            "title",
            &format!("Day {} in {} {}", index + 1, home.name(), home.kanji()),
        );
        // About one stop in twenty is an untimed hotel stop.
        let untimed: Vec<bool> = meetings.iter().map(|_| self.rng.below(20) == 0).collect();
        let timed = untimed.iter().filter(|u| !**u).count();
        let mut windows = stop_windows(timed).unwrap_or_default().into_iter();
        for (&m, &untimed) in meetings.iter().zip(&untimed) {
            let window = if untimed { None } else { windows.next() };
            let pref = if self.rng.below(5) == 0 {
                self.prefecture()
            } else {
                home
            };
            self.stop("[[day.stop]]", Some(pref), window, m);
        }
    }

    /// One stop and its meetings, under `header` (`[[day.stop]]` or `[[unscheduled]]`).
    fn stop(
        &mut self,
        header: &str,
        pref: Option<Prefecture>,
        window: Option<(u32, u32)>,
        meetings: usize,
    ) {
        let pref = pref.unwrap_or_else(|| self.prefecture());
        let (place, place_ja) = PLACES[self.rng.below(PLACES.len() as u64) as usize];
        let _ = writeln!(self.out, "\n{header}");
        field(self.out, "place", &format!("{place} {place_ja}"));
        let kind = match window {
            None if header == "[[day.stop]]" => "hotel",
            _ => KINDS[self.rng.below(KINDS.len() as u64) as usize],
        };
        field(self.out, "kind", kind);
        let spelling = self.spelling(pref);
        field(self.out, "prefecture", &spelling);
        if self.rng.below(4) == 0 {
            let n = self.rng.below(9) + 1;
            field(
                self.out,
                "address",
                &format!("{n}-{n}-1 Example-cho 見本町"),
            );
        }
        if let Some((arrive, depart)) = window {
            self.time("arrive", arrive);
            self.time("depart", depart);
        }
        self.status();
        let people = if self.first_stop {
            self.first_stop = false;
            DELEGATION.len()
        } else {
            1 + self.rng.below(DELEGATION.len() as u64) as usize
        };
        let ids: Vec<&str> = DELEGATION[..people].iter().map(|d| d.0).collect();
        list(self.out, "people", &ids);
        if self.rng.below(6) == 0 {
            field(self.out, "notes", "Bring business cards.\n名刺を忘れずに。");
        }

        let times = window.and_then(|w| meeting_windows(w, meetings));
        let sub = if header == "[[unscheduled]]" {
            "[[unscheduled.meeting]]"
        } else {
            "[[day.stop.meeting]]"
        };
        for i in 0..meetings {
            self.meeting(sub, times.as_ref().and_then(|t| t.get(i)).copied());
        }
    }

    fn meeting(&mut self, header: &str, window: Option<(u32, u32)>) {
        let host = if self.hosts == 0 {
            None
        } else {
            let k = self.next_host % self.hosts;
            self.next_host += 1;
            Some(k)
        };
        let host_id = host.map(|k| {
            let family = FAMILY[k % FAMILY.len()].0.to_ascii_lowercase();
            format!("{family}-{k}")
        });
        let topic = TOPICS[self.rng.below(TOPICS.len() as u64) as usize];
        let _ = writeln!(self.out, "\n{header}");
        let with = host.map_or(("the hosts", ""), |k| FAMILY[k % FAMILY.len()]);
        field(
            self.out,
            "title",
            format!("Talks on {topic} with {} {}", with.0, with.1).trim_end(),
        );
        if let Some((start, end)) = window {
            self.time("start", start);
            self.time("end", end);
        }
        let mut attendees = vec![DELEGATION[0].0];
        if let Some(id) = &host_id {
            attendees.push(id);
        }
        list(self.out, "attendees", &attendees);
        let other = TOPICS[self.rng.below(TOPICS.len() as u64) as usize];
        let topics: &[&str] = if other == topic {
            &[topic]
        } else {
            &[topic, other]
        };
        list(self.out, "topics", topics);
        if self.rng.below(3) == 0 {
            field(
                self.out,
                "outcome",
                "Agreed to follow up; 次回は杭州で協議する。",
            );
        }
        self.status();
    }

    /// A random prefecture of the 47.
    fn prefecture(&mut self) -> Prefecture {
        let k = self.rng.below(self.prefectures.len() as u64) as usize;
        self.prefectures[k]
    }

    /// One of the accepted spellings of `p`, chosen at random.
    fn spelling(&mut self, p: Prefecture) -> String {
        let kanji = p.kanji();
        let stem = kanji.trim_end_matches(['県', '府', '都']);
        let suffix = match kanji.chars().last() {
            Some('県') => "-ken",
            Some('府') => "-fu",
            Some('都') => "-to",
            _ => "",
        };
        match self.rng.below(6) {
            0 => p.name().to_string(),
            1 => p.name().to_ascii_lowercase(),
            2 => kanji.to_string(),
            3 => stem.to_string(),
            4 => format!("{}{suffix}", p.name()),
            _ => format!("{} Prefecture", p.name()),
        }
    }

    /// `status`, left out (confirmed) nine times in ten.
    fn status(&mut self) {
        match self.rng.below(20) {
            0 => field(self.out, "status", "cancelled"),
            1 => field(self.out, "status", "tentative"),
            _ => {}
        }
    }

    /// A time as a TOML local time, or as an `"HH:MM"` string on whole minutes
    /// half the time.
    fn time(&mut self, key: &str, secs: u32) {
        let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
        let _ = match (s, self.rng.below(2)) {
            (0, 0) => writeln!(self.out, "{key} = {h:02}:{m:02}"),
            (0, _) => writeln!(self.out, "{key} = \"{h:02}:{m:02}\""),
            _ => writeln!(self.out, "{key} = {h:02}:{m:02}:{s:02}"),
        };
    }
}

/// Writes `key = "value"` with the value escaped as a TOML basic string.
fn field(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    quoted(out, value);
    out.push('\n');
}

/// Writes `key = ["a", "b"]`.
fn list(out: &mut String, key: &str, values: &[&str]) {
    out.push_str(key);
    out.push_str(" = [");
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        quoted(out, v);
    }
    out.push_str("]\n");
}

pub fn quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// SplitMix64: a tiny, fast, well-mixed generator; enough for test data and
/// needing no dependency.
pub struct SplitMix64(pub u64);

impl SplitMix64 {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`); the slight modulo bias does not matter here.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// A trip as calcurse's appointment file (`apts`), for the speed comparison
/// in docs/performance.md. Every event of a day (each stop, then its
/// meetings) becomes one line: a timed event `MM/DD/YYYY @ HH:MM ->
/// MM/DD/YYYY @ HH:MM |text`, its end being its start when it has none; an
/// untimed one the all-day event `MM/DD/YYYY [1] text` (calcurse writes
/// events without the `|` of appointments, and would show a `|` as part of
/// the text). Times are cut to the minute, calcurse's resolution. The text
/// is the event's title (a stop's place, a meeting's title: one line,
/// as calcurse needs). Unscheduled stops have no date and are left out.
pub fn calcurse_apts(trip: &Trip) -> String {
    let mut out = String::new();
    for (i, day) in trip.days.iter().enumerate() {
        let date = day.date.format("%m/%d/%Y");
        for (_, event) in trip.events(DayRef::Day(i)) {
            let text = event.title();
            let _ = match event.start() {
                Some(start) => writeln!(
                    out,
                    "{date} @ {} -> {date} @ {} |{text}",
                    start.format("%H:%M"),
                    event.end().unwrap_or(start).format("%H:%M")
                ),
                None => writeln!(out, "{date} [1] {text}"),
            };
        }
    }
    out
}

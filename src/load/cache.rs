//! The day cache of `export --day`: a large file validated once is not
//! validated again until its bytes change.
//!
//! After a large file loads, `export --day` keeps, in one small file per
//! itinerary, the hash of its bytes, where its days lie ([`DayLayout`]) and
//! the warnings it printed. The next `export --day` of the same bytes reads
//! only the prelude, the epilogue and the day asked for, with the same
//! validator ([`super::load_day`]), and prints the same warnings: the file
//! is still the whole file's check's verdict, since the bytes are the ones
//! checked. Any change to the file, to the program, or to the name the file
//! is given by makes it a miss, and a miss is the whole load. Nothing in
//! the cache is trusted: what does not read back is a miss too, and a cache
//! that cannot be written is no error.
//!
//! Where: `$ITINERARY_CACHE_DIR` (empty: no cache), else
//! `$XDG_CACHE_HOME/itinerary`, else `~/.cache/itinerary`.

use std::io::{Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use xxhash_rust::xxh3::{Xxh3, xxh3_64, xxh3_128};

use super::{DayLayout, SPLIT_MIN_LEN};
use crate::model::{Calendar, DayRef, Trip};

/// Texts shorter than this are not cached: they load in milliseconds.
pub const MIN_LEN: usize = SPLIT_MIN_LEN;

/// The first line of a cache file; a new layout of the file changes it.
const MAGIC: &str = "itinerary day cache 2";

/// A cache directory.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

/// What a hit gives: the trip with only its header, its people and the day
/// asked for, and the warnings the whole file's load printed.
#[derive(Debug)]
pub struct Hit {
    pub trip: Trip,
    pub report: Vec<u8>,
}

/// One cache file, read back.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    exe: String,
    calendar: Calendar,
    len: usize,
    hash: u128,
    layout: DayLayout,
    name: String,
    report: Vec<u8>,
}

impl Cache {
    /// The cache the environment names (see the module's documentation);
    /// `None` when it names none.
    pub fn from_env() -> Option<Cache> {
        let var = |name: &str| std::env::var_os(name);
        let dir = match var("ITINERARY_CACHE_DIR") {
            Some(dir) if dir.is_empty() => return None,
            Some(dir) => PathBuf::from(dir),
            None => match var("XDG_CACHE_HOME").filter(|d| !d.is_empty()) {
                Some(dir) => PathBuf::from(dir).join("itinerary"),
                None => PathBuf::from(var("HOME").filter(|h| !h.is_empty())?)
                    .join(".cache")
                    .join("itinerary"),
            },
        };
        Some(Cache { dir })
    }

    /// The cache in `dir`.
    pub fn at(dir: &Path) -> Cache {
        Cache {
            dir: dir.to_path_buf(),
        }
    }

    /// The trip of `file` with the day `pick` chooses, when the cache holds
    /// the file's bytes as they are now under this `name`. `pick` is given
    /// the trip's dates and answers which day; `None` (or the unscheduled
    /// stops) makes it a miss.
    pub fn day(
        &self,
        file: &Path,
        name: &str,
        pick: impl FnOnce(&Calendar) -> Option<DayRef>,
    ) -> Option<Hit> {
        let entry = Entry::decode(&std::fs::read(self.entry_path(file)?).ok()?)?;
        if entry.exe != exe_key()? || entry.name != name {
            return None;
        }
        let DayRef::Day(i) = pick(&entry.calendar)? else {
            return None;
        };
        let date = entry.calendar.date(i)?;
        // A date the file has no table for is empty in either load.
        let found = entry.layout.days.iter().find(|(d, _, _)| *d == date);
        let piece = found.map(|(_, p, _)| p.clone());
        let parts = Parts::new(&entry.layout, piece.clone(), entry.len)?;
        let mut f = std::fs::File::open(file).ok()?;
        let sub = parts.read(&mut f, entry.len)?;
        // The whole file is hashed while its parts load: the verdict is the
        // cached one only if all its bytes are the ones checked. Hashed
        // after the parts are read, so a change after that is seen too.
        let (trip, hash) = std::thread::scope(|s| {
            let hash = s.spawn(move || hash(f, entry.len));
            let trip = super::load_str(&sub).ok().map(|l| l.trip);
            (trip, hash.join().ok().flatten())
        });
        let mut trip = trip.filter(|_| hash == Some(entry.hash))?;
        parts.shift_origins(&mut trip);
        let origin = trip.days.get_mut(i).and_then(|d| d.origin.as_mut());
        let read = origin.as_ref().map(|o| o.span.start) == piece.map(|p| p.start);
        // Its index among the file's `[[day]]` tables, not the parts'.
        if let (Some(origin), Some((_, _, index))) = (origin, found) {
            origin.index = *index;
        }
        (read && trip.calendar() == entry.calendar).then_some(Hit {
            trip,
            report: entry.report,
        })
    }

    /// Keeps what a later [`day`](Self::day) needs of `text`, the text of
    /// `file`, which loaded as `trip` and printed `report` under `name`.
    /// Does nothing for a short text or one whose days cannot be read
    /// alone; a cache that cannot be written is left as it is.
    pub fn store(&self, file: &Path, name: &str, text: &str, trip: &Trip, report: &[u8]) {
        if text.len() < MIN_LEN {
            return;
        }
        let (Some(path), Some(exe), Some(layout)) = (
            self.entry_path(file),
            exe_key(),
            super::day_layout(text, trip),
        ) else {
            return;
        };
        let entry = Entry {
            exe,
            calendar: trip.calendar(),
            len: text.len(),
            hash: xxh3_128(text.as_bytes()),
            layout,
            name: name.to_string(),
            report: report.to_vec(),
        };
        let _ = self.write(&path, &entry.encode());
    }

    /// The cache file of `file`: named by a hash of its canonical path, so
    /// each itinerary has one, rewritten when the file changes.
    fn entry_path(&self, file: &Path) -> Option<PathBuf> {
        let canonical = std::fs::canonicalize(file).ok()?;
        let key = xxh3_64(canonical.as_os_str().as_encoded_bytes());
        Some(self.dir.join(format!("{key:016x}.days")))
    }

    /// Writes atomically (a temporary file renamed over the old one), in a
    /// directory only its owner can read.
    fn write(&self, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(&self.dir)?;
        let mut tmp = tempfile::NamedTempFile::new_in(&self.dir)?;
        tmp.write_all(bytes)?;
        tmp.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}

/// This program, by its size and modification time: a new build may
/// validate or word its warnings differently, so its cache is not shared.
fn exe_key() -> Option<String> {
    let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!(
        "{} {} {}",
        env!("CARGO_PKG_VERSION"),
        meta.len(),
        modified.as_nanos()
    ))
}

impl Entry {
    fn encode(&self) -> Vec<u8> {
        let l = &self.layout;
        let mut out = format!(
            "{MAGIC}\nexe {}\ncalendar {} {} {}\nfile {} {:032x}\nprelude {}\nepilogue {}\ndays {}\n",
            self.exe,
            self.calendar.start,
            self.calendar.end,
            self.calendar.timezone.name(),
            self.len,
            self.hash,
            l.prelude_end,
            l.epilogue.map_or("-".to_string(), |e| e.to_string()),
            l.days.len(),
        );
        for (date, piece, index) in &l.days {
            out.push_str(&format!("{date} {} {} {index}\n", piece.start, piece.end));
        }
        out.push_str(&format!("name {}\n{}\n", self.name.len(), self.name));
        let mut out = out.into_bytes();
        out.extend_from_slice(format!("report {}\n", self.report.len()).as_bytes());
        out.extend_from_slice(&self.report);
        out
    }

    fn decode(bytes: &[u8]) -> Option<Entry> {
        let mut r = Reader(bytes);
        if r.line()? != MAGIC {
            return None;
        }
        let exe = r.field("exe")?.to_string();
        let mut calendar = r.field("calendar")?.split(' ');
        let mut date = || NaiveDate::parse_from_str(calendar.next()?, "%Y-%m-%d").ok();
        let (start, end) = (date()?, date()?);
        let timezone = calendar.next()?.parse().ok()?;
        let calendar = Calendar {
            start,
            end,
            timezone,
        };
        let mut file = r.field("file")?.split(' ');
        let len = file.next()?.parse().ok()?;
        let hash = u128::from_str_radix(file.next()?, 16).ok()?;
        let prelude_end = r.field("prelude")?.parse().ok()?;
        let epilogue = match r.field("epilogue")? {
            "-" => None,
            e => Some(e.parse().ok()?),
        };
        let count: usize = r.field("days")?.parse().ok()?;
        let mut days = Vec::with_capacity(count.min(super::MAX_TRIP_DAYS as usize));
        for _ in 0..count {
            let mut words = r.line()?.split(' ');
            let date = NaiveDate::parse_from_str(words.next()?, "%Y-%m-%d").ok()?;
            let start = words.next()?.parse().ok()?;
            let end = words.next()?.parse().ok()?;
            let index = words.next()?.parse().ok()?;
            days.push((date, Range { start, end }, index));
        }
        let name_len = r.field("name")?.parse().ok()?;
        let name = String::from_utf8(r.take(name_len)?.to_vec()).ok()?;
        r.take(1).filter(|nl| nl == b"\n")?;
        let report_len = r.field("report")?.parse().ok()?;
        let report = r.take(report_len)?.to_vec();
        r.0.is_empty().then_some(Entry {
            exe,
            calendar,
            len,
            hash,
            layout: DayLayout {
                prelude_end,
                epilogue,
                days,
            },
            name,
            report,
        })
    }
}

/// Reads a cache file from the front.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (taken, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(taken)
    }

    fn line(&mut self) -> Option<&'a str> {
        let end = memchr::memchr(b'\n', self.0)?;
        let line = self.take(end)?;
        self.take(1)?;
        std::str::from_utf8(line).ok()
    }

    /// The rest of a `key value` line.
    fn field(&mut self, key: &str) -> Option<&'a str> {
        self.line()?.strip_prefix(key)?.strip_prefix(' ')
    }
}

/// The parts of a file a hit reads, in file order: the prelude, the day's
/// piece (when the day has a table), the epilogue (when there is one).
/// Read together they are a text of their own, which loads as the whole
/// file would but for the other days.
struct Parts(Vec<Range<usize>>);

/// How much of the file is read at a time while it is hashed.
const CHUNK: usize = 256 * 1024;

/// The hash of all of `file`, read from its start a chunk at a time, so it
/// is never held whole; `None` unless it is `len` bytes.
fn hash(mut file: std::fs::File, len: usize) -> Option<u128> {
    file.seek(SeekFrom::Start(0)).ok()?;
    let mut file = file.take(len as u64 + 1);
    let mut hasher = Xxh3::new();
    let mut buf = vec![0; CHUNK];
    let mut read = 0;
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => {
                hasher.update(buf.get(..n)?);
                read += n;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    (read == len).then(|| hasher.digest128())
}

impl Parts {
    fn new(layout: &DayLayout, piece: Option<Range<usize>>, len: usize) -> Option<Parts> {
        let epilogue = layout.epilogue.map(|at| at..len);
        let parts: Vec<Range<usize>> = std::iter::once(0..layout.prelude_end)
            .chain(piece)
            .chain(epilogue)
            .collect();
        // In order, apart, within the file: a cache file is not trusted.
        let ordered = parts.windows(2).all(|w| w[0].end <= w[1].start);
        let within = parts.iter().all(|p| p.start <= p.end && p.end <= len);
        (ordered && within).then_some(Parts(parts))
    }

    /// The parts' text, read from `file` (of `len` bytes); `None` when it
    /// cannot be read or is not UTF-8.
    fn read(&self, file: &mut std::fs::File, len: usize) -> Option<String> {
        if file.metadata().ok()?.len() != len as u64 {
            return None;
        }
        let mut text = vec![0; self.0.iter().map(|p| p.len()).sum()];
        let mut at = 0;
        for part in &self.0 {
            file.seek(SeekFrom::Start(part.start as u64)).ok()?;
            file.read_exact(text.get_mut(at..at + part.len())?).ok()?;
            at += part.len();
        }
        String::from_utf8(text).ok()
    }

    /// Where an offset of the parts' text is in the file.
    fn in_file(&self, offset: usize) -> usize {
        let mut before = 0;
        for part in &self.0 {
            if offset < before + part.len() {
                return part.start + (offset - before);
            }
            before += part.len();
        }
        self.0.last().map_or(offset, |p| p.end + (offset - before))
    }

    /// Moves the origins of a trip read from the parts' text to the file's.
    /// Each lies within one part, so its end moves as its start does.
    fn shift_origins(&self, trip: &mut Trip) {
        let shift = |o: &mut crate::model::Origin| {
            let start = self.in_file(o.span.start);
            o.span = start..start + o.span.len();
        };
        for person in &mut trip.people {
            shift(&mut person.origin);
        }
        for day in &mut trip.days {
            if let Some(o) = &mut day.origin {
                shift(o);
            }
        }
        let days = trip.days.iter_mut().flat_map(|d| d.stops.iter_mut());
        for stop in days.chain(trip.unscheduled.iter_mut()) {
            shift(&mut stop.origin);
            for meeting in &mut stop.meetings {
                shift(&mut meeting.origin);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A generated trip over `MIN_LEN` with a day that has no table (the
    /// third) and a person kept after the days (an epilogue), whom no one
    /// refers to (a warning).
    fn large_text() -> String {
        let mut text = crate::generate::trip_toml(8_000, 12, 5);
        let days: Vec<usize> = text
            .match_indices("\n[[day]]\n")
            .map(|(at, _)| at)
            .collect();
        text.replace_range(days[2]..days[3], "");
        text.push_str("\n[people.nobody]\nname = \"No Body\"\nside = \"guest\"\n");
        assert!(text.len() >= MIN_LEN, "{}", text.len());
        text
    }

    fn stored(text: &str) -> (tempfile::TempDir, PathBuf, Cache, crate::load::Loaded) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("trip.toml");
        std::fs::write(&file, text).unwrap();
        let cache = Cache::at(&dir.path().join("cache"));
        let loaded = crate::load::load_str(text).unwrap();
        assert!(!loaded.warnings.is_empty());
        cache.store(&file, "trip.toml", text, &loaded.trip, b"the warnings\n");
        (dir, file, cache, loaded)
    }

    #[test]
    fn every_day_read_from_the_cache_is_the_whole_loads_day_origins_and_all() {
        let text = large_text();
        let (_dir, file, cache, loaded) = stored(&text);
        let full = &loaded.trip;
        assert!(full.days[2].origin.is_none() && full.days.len() == 12);
        for i in 0..full.days.len() {
            let hit = cache
                .day(&file, "trip.toml", |_| Some(DayRef::Day(i)))
                .unwrap_or_else(|| panic!("day {i} is a hit"));
            let (a, b) = (&hit.trip.days[i], &full.days[i]);
            assert_eq!(a.origin, b.origin, "day {i}");
            assert_eq!(a.stops.len(), b.stops.len(), "day {i}");
            for (x, y) in a.stops.iter().zip(&b.stops) {
                assert_eq!(x.origin, y.origin, "day {i}: {} / {}", x.place, y.place);
                assert_eq!(x, y, "day {i}");
            }
            assert_eq!(a, b, "day {i}");
            assert_eq!(hit.trip.people, full.people);
            assert_eq!(hit.trip.calendar(), full.calendar());
            assert_eq!(hit.report, b"the warnings\n");
            for (j, day) in hit.trip.days.iter().enumerate() {
                assert!(j == i || day.stops.is_empty(), "only day {i} is read");
            }
        }
    }

    #[test]
    fn a_changed_file_another_name_or_the_unscheduled_stops_are_misses() {
        let text = large_text();
        let (_dir, file, cache, _) = stored(&text);
        let day = |_: &Calendar| Some(DayRef::Day(5));
        assert!(cache.day(&file, "trip.toml", day).is_some());
        assert!(cache.day(&file, "./trip.toml", day).is_none());
        assert!(
            cache
                .day(&file, "trip.toml", |_| Some(DayRef::Unscheduled))
                .is_none()
        );
        // One byte changed, on a day other than the one asked for.
        let changed = text.replacen("Bring", "Brink", 1);
        assert_eq!(changed.len(), text.len());
        std::fs::write(&file, &changed).unwrap();
        assert!(cache.day(&file, "trip.toml", day).is_none());
    }

    #[test]
    fn a_short_file_is_not_cached() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("trip.toml");
        std::fs::write(&file, crate::load::BUNDLED).unwrap();
        let cache = Cache::at(&dir.path().join("cache"));
        let trip = crate::load::load_str(crate::load::BUNDLED).unwrap().trip;
        cache.store(&file, "trip.toml", crate::load::BUNDLED, &trip, b"");
        assert!(!dir.path().join("cache").exists());
    }

    #[test]
    fn an_entry_reads_back_and_a_damaged_one_does_not() {
        let entry = Entry {
            exe: "0.1.0 123 456".into(),
            calendar: Calendar {
                start: NaiveDate::from_ymd_opt(2018, 8, 26).unwrap(),
                end: NaiveDate::from_ymd_opt(2018, 8, 30).unwrap(),
                timezone: chrono_tz::Asia::Tokyo,
            },
            len: 5000,
            hash: 0x0123_4567_89ab_cdef_0011_2233_4455_6677,
            layout: DayLayout {
                prelude_end: 100,
                epilogue: Some(4000),
                days: vec![(NaiveDate::from_ymd_opt(2018, 8, 27).unwrap(), 100..4000, 1)],
            },
            name: "a name\nwith a newline".into(),
            report: b"warning: one\n\nwarning: two\n".to_vec(),
        };
        let bytes = entry.encode();
        assert_eq!(Entry::decode(&bytes), Some(entry));
        for cut in [0, 10, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(Entry::decode(&bytes[..cut]), None, "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(b'x');
        assert_eq!(Entry::decode(&longer), None);
        assert_eq!(Entry::decode(b"itinerary day cache 0\n"), None);
    }

    #[test]
    fn parts_out_of_order_or_past_the_end_are_refused() {
        let layout = |prelude_end, epilogue| DayLayout {
            prelude_end,
            epilogue,
            days: Vec::new(),
        };
        assert!(Parts::new(&layout(10, Some(50)), Some(10..40), 60).is_some());
        assert!(Parts::new(&layout(10, Some(30)), Some(10..40), 60).is_none());
        assert!(Parts::new(&layout(10, None), Some(10..70), 60).is_none());
        assert!(Parts::new(&layout(70, None), None, 60).is_none());
        let parts = Parts::new(&layout(10, Some(50)), Some(20..40), 60).unwrap();
        // The parts' text: 0..10, then 20..40 from 10, then 50..60 from 30.
        assert_eq!(
            [0, 9, 10, 29, 30, 39].map(|o| parts.in_file(o)),
            [0, 9, 20, 39, 50, 59]
        );
    }
}

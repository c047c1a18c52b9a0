//! The printed programme (`export --format html`): what the file holds, and
//! what a real browser prints of it. The printing tests open the export in
//! headless Chromium, print it to PDF, and read the pages back with
//! poppler's `pdfinfo` and `pdftotext` (scripts/test-deps.sh installs all
//! three, and fonts-noto-cjk); without them they say so and pass, except
//! on CI.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::tools::tool;

/// 2026-03-20 00:00 UTC.
const EPOCH: &str = "1773964800";

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn export(args: &[&str]) -> Output {
    crate::common::bin()
        .arg("export")
        .args(args)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .unwrap()
}

fn html_of(args: &[&str]) -> String {
    let o = export(args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

const EXAMPLE: &str = "itineraries/example-trade-mission.toml";

/// A trip that tries to break out of its text: markup, quotes, an
/// ampersand, right-to-left text and a 2,000-character note.
fn hostile() -> String {
    let long = "Notes that go on and on without end. ".repeat(54);
    let unbroken = "x".repeat(300);
    format!(
        r#"[trip]
title = "<script>alert('t')</script> & </style><b>\"Quoted\" trip"
start = 2026-05-01
end = 2026-05-01
lead = "amir"
contacts = ["amir"]

[people.amir]
name = "</td></tr></table><script>x</script>"
native = "مرحبا بالعالم"
role = "R&D \"lead\" <i>"
side = "delegation"
phone = "+1 <555> & 0000"
email = "a&b@example.org"

[[day]]
date = 2026-05-01
title = "</style><style>body{{display:none}}</style> day"
notes = "{long}"

[[day.stop]]
place = "<img src=x onerror=alert(1)> مكتب التجارة"
arrive = 09:00
depart = 10:00
people = ["amir"]
contact = "amir"
notes = "{unbroken}"
"#
    )
}

#[test]
fn every_text_of_the_trip_is_escaped_and_nothing_is_fetched() {
    let dir = tempfile::tempdir().unwrap();
    let trip = dir.path().join("hostile.toml");
    std::fs::write(&trip, hostile()).unwrap();
    let html = html_of(&[trip.to_str().unwrap(), "--format", "html"]);
    assert!(!html.contains("<script"), "a script tag got through");
    assert!(!html.contains("<img"), "an img tag got through");
    assert!(!html.contains("<b>"), "a b tag got through");
    assert_eq!(
        html.matches("</style>").count(),
        1,
        "only the stylesheet's own end"
    );
    assert!(html.contains("&lt;script&gt;alert('t')&lt;/script&gt; &amp; &lt;/style&gt;"));
    assert!(html.contains("&quot;Quoted&quot;"));
    assert!(html.contains("مرحبا بالعالم"));
    // Self-contained: no script, nothing loaded from anywhere.
    for outside in ["src=\"", "href=", "@import", "url(http", "<link", "<iframe"] {
        assert!(!html.contains(outside), "{outside} in the programme");
    }
}

#[test]
fn the_same_trip_gives_the_same_bytes_with_its_version_line() {
    let example = repo(EXAMPLE);
    let args = [example.to_str().unwrap(), "--format", "html"];
    let (a, b) = (html_of(&args), html_of(&args));
    assert_eq!(a, b);
    let bytes = std::fs::read(&example).unwrap();
    let hash = itinerary::export::Source::of(EXAMPLE, &bytes).hash;
    assert!(
        a.contains(&format!(
            "Exported on 2026-03-20 from <span class=\"file\">example-trade-mission.toml</span> \
             (sha256 <code>{hash}</code>)"
        )),
        "{}",
        a.lines().find(|l| l.contains("Exported")).unwrap_or("")
    );
}

#[test]
fn the_brief_copy_leaves_out_notes_and_outcomes_and_says_so() {
    let example = repo(EXAMPLE);
    let full = html_of(&[example.to_str().unwrap(), "--format", "html"]);
    let brief = html_of(&[example.to_str().unwrap(), "--format", "html", "--brief"]);
    let note = "Flight EX123 (fictional)";
    let outcome = "Memorandum signed: joint stand at a food fair next year.";
    assert!(full.contains(note) && full.contains(outcome));
    assert!(!brief.contains(note) && !brief.contains(outcome));
    assert!(brief.contains("Brief copy for distribution: notes and outcomes are left out."));
    // --brief is the programme's alone.
    let o = export(&[example.to_str().unwrap(), "--brief"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--format html"));
}

#[test]
fn names_carry_the_language_their_script_tells() {
    let html = html_of(&[
        repo(EXAMPLE).to_str().unwrap(),
        "-o",
        "-",
        "--format",
        "html",
    ]);
    assert!(
        html.contains("<span lang=\"ja\">田中あおい</span>"),
        "kana: ja"
    );
    assert!(
        html.contains("<span lang=\"ko\">김민준</span>"),
        "hangul: ko"
    );
    // Chinese characters alone could be Chinese or Japanese: no tag.
    assert!(html.contains("陈静") && !html.contains("lang=\"ja\">陈静"));
}

#[test]
fn a_day_and_a_person_give_their_own_programme() {
    let example = repo(EXAMPLE);
    let day = html_of(&[example.to_str().unwrap(), "--format", "html", "--day", "2"]);
    assert!(day.contains("Day 2 · Tuesday 10 March 2026"));
    assert!(!day.contains("Day 1 ·") && !day.contains("class=\"cover\""));
    let kim = html_of(&[
        example.to_str().unwrap(),
        "--format",
        "html",
        "--person",
        "kim",
    ]);
    assert!(kim.contains("Only events with Kim Min-jun."));
    assert!(!kim.contains("Haneda Airport"), "an event Kim is not at");
}

#[test]
fn contacts_must_be_people_of_the_trip() {
    let dir = tempfile::tempdir().unwrap();
    let trip = dir.path().join("t.toml");
    std::fs::write(
        &trip,
        "[trip]\ntitle = \"T\"\nstart = 2026-05-01\nend = 2026-05-01\ncontacts = [\"tanka\"]\n\n\
         [people.tanaka]\nname = \"Aoi Tanaka\"\nphone = \"+81\\u0007\"\n\n\
         [[day]]\ndate = 2026-05-01\n[[day.stop]]\nplace = \"P\"\ncontact = \"tanak\"\n",
    )
    .unwrap();
    let o = crate::common::bin()
        .args(["check", trip.to_str().unwrap()])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("no person with id \"tanka\""), "{err}");
    assert!(err.contains("no person with id \"tanak\""), "{err}");
    assert_eq!(err.matches("did you mean \"tanaka\"?").count(), 2, "{err}");
    assert!(err.contains("control character"), "{err}");
}

// ---- in a real browser -------------------------------------------------------

/// The tools the printing tests need, or `None` (after saying so).
fn browser() -> Option<(PathBuf, PathBuf, PathBuf)> {
    Some((tool("chromium")?, tool("pdftotext")?, tool("pdfinfo")?))
}

/// Prints `html` to a PDF beside it with headless Chromium, as a person's
/// "print to PDF" does (Letter, Chromium's default), and returns its path.
fn print(chromium: &Path, html: &Path) -> PathBuf {
    let dir = html.parent().unwrap();
    let pdf = html.with_extension("pdf");
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(90);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not print {} in 90 s", html.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(pdf.is_file(), "chromium wrote no {}", pdf.display());
    pdf
}

/// The text of each page, in order.
fn pages(pdftotext: &Path, pdfinfo: &Path, pdf: &Path) -> Vec<String> {
    let info = Command::new(pdfinfo).arg(pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).to_string();
    let count: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {info}"));
    let text = Command::new(pdftotext).arg(pdf).arg("-").output().unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let pages: Vec<String> = text
        .split('\u{c}')
        .map(str::to_string)
        .take(count)
        .collect();
    assert_eq!(pages.len(), count);
    pages
}

/// The programme of `args` printed, page by page.
fn printed(args: &[&str]) -> Option<Vec<String>> {
    let (chromium, pdftotext, pdfinfo) = browser()?;
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("programme.html");
    std::fs::write(&html, html_of(args)).unwrap();
    let pdf = print(&chromium, &html);
    Some(pages(&pdftotext, &pdfinfo, &pdf))
}

/// A page's text with every run of white space one space (pdftotext breaks
/// lines where the page does), and whitespace between CJK characters gone.
fn flat(page: &str) -> String {
    let words: Vec<&str> = page.split_whitespace().collect();
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        let wide = |c: Option<char>| c.is_some_and(|c| c as u32 >= 0x2E80);
        if i > 0 && !(wide(out.chars().last()) && wide(w.chars().next())) {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The first line of a page with text.
fn first_line(page: &str) -> &str {
    page.lines().find(|l| !l.trim().is_empty()).unwrap_or("")
}

#[test]
fn the_example_prints_cover_contacts_and_a_page_per_day_in_order() {
    let example = repo(EXAMPLE);
    let Some(pages) = printed(&[example.to_str().unwrap(), "--format", "html"]) else {
        return;
    };
    let (cover, contacts) = (flat(&pages[0]), flat(&pages[1]));
    assert!(
        cover.contains("Example: Food and machinery trade"),
        "{cover}"
    );
    assert!(cover.contains("Exported on 2026-03-20 from example-trade-mission.toml"));
    assert!(cover.contains("Contacts: 2 on the next page."), "{cover}");
    assert_eq!(first_line(&pages[1]), "Contacts");
    // pdftotext reads a table's cells in its own order: word by word.
    for text in [
        "Aoi Tanaka",
        "田中",
        "あおい",
        "liaison@example.org",
        "Wang Lei",
    ] {
        assert!(contacts.contains(text), "{text}: {contacts}");
    }
    assert!(contacts.contains("+81 3 0000 0000 (desk)"), "{contacts}");
    // Each day starts a page, in order; a day that flows on repeats its heading.
    let starts: Vec<(usize, &str)> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| (i, first_line(p)))
        .filter(|(_, l)| l.starts_with("DAY ") || *l == "Unscheduled")
        .collect();
    let heads: Vec<&str> = starts.iter().map(|(_, l)| *l).collect();
    assert_eq!(
        heads,
        [
            "DAY 1 · MONDAY 9 MARCH 2026",
            "DAY 2 · TUESDAY 10 MARCH 2026",
            "DAY 3 · WEDNESDAY 11 MARCH 2026",
            "DAY 4 · THURSDAY 12 MARCH 2026",
            "DAY 5 · FRIDAY 13 MARCH 2026",
            "Unscheduled",
        ]
    );
    for (i, page) in pages.iter().enumerate().skip(2) {
        if !starts.iter().any(|(s, _)| *s == i) {
            assert!(
                first_line(page).ends_with("(continued)"),
                "page {} neither starts a day nor continues one: {page}",
                i + 1
            );
        }
    }
    // No "(continued)" on a day's own first page.
    for (i, _) in &starts {
        assert!(!pages[*i].contains("(continued)"), "page {}", i + 1);
    }
    let all = flat(&pages.join("\n"));
    for event in [
        "Haneda Airport, Terminal 3",
        "Memorandum on trade promotion",
        "Example Tea Cooperative",
        "Osaka Castle (cultural visit)",
        "Courtesy call on the Hokkaido dairy board",
        "佐藤美咲",
        "김민준",
    ] {
        assert!(all.contains(event), "{event} is not printed");
    }
}

#[test]
fn the_bundled_trip_prints_its_cover_and_days_without_a_contacts_page() {
    let Some(pages) = printed(&["--format", "html"]) else {
        return;
    };
    let cover = flat(&pages[0]);
    assert!(
        cover.contains("Zhejiang provincial delegation to Japan"),
        "{cover}"
    );
    assert!(cover.contains("The trip names no contacts"), "{cover}");
    assert!(cover.contains("袁家军"), "the lead's native name: {cover}");
    assert!(!pages.iter().any(|p| first_line(p) == "Contacts"));
    let days: Vec<&str> = pages
        .iter()
        .map(|p| first_line(p))
        .filter(|l| l.starts_with("DAY "))
        .collect();
    assert_eq!(days.len(), 5, "{days:?}");
    assert!(days[0].starts_with("DAY 1 · SUNDAY 26 AUGUST 2018"));
    assert!(days[4].starts_with("DAY 5 · THURSDAY 30 AUGUST 2018"));
    let all = flat(&pages.join("\n"));
    for text in ["川勝平太", "Kawakatsu", "马云", "孫正義", "福田富一"] {
        assert!(all.contains(text), "{text} is not printed");
    }
}

#[test]
fn a_long_day_flows_onto_a_second_page_with_its_heading_repeated() {
    let mut toml = String::from(
        "[trip]\ntitle = \"Long day\"\nstart = 2026-05-01\nend = 2026-05-01\n\n\
         [[day]]\ndate = 2026-05-01\ntitle = \"Twenty-five engagements\"\n",
    );
    for i in 0..25 {
        toml.push_str(&format!(
            "[[day.stop]]\nplace = \"Engagement number {i}\"\narrive = {:02}:{:02}\n\
             notes = \"Briefing notes for engagement {i}, two lines long at least on an \
             A4 or Letter page, so that the day needs more than one.\"\n",
            7 + i / 2,
            (i % 2) * 30
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let trip = dir.path().join("long.toml");
    std::fs::write(&trip, toml).unwrap();
    let Some(pages) = printed(&[trip.to_str().unwrap(), "--format", "html"]) else {
        return;
    };
    assert!(pages.len() >= 3, "{} pages", pages.len());
    assert_eq!(first_line(&pages[1]), "DAY 1 · FRIDAY 1 MAY 2026");
    assert_eq!(
        first_line(&pages[2]),
        "Day 1 · Friday 1 May 2026 Twenty-five engagements (continued)"
    );
    let all = flat(&pages.join("\n"));
    for i in 0..25 {
        assert!(all.contains(&format!("Engagement number {i} ")), "{i}");
    }
}

#[test]
fn a_hostile_trip_prints_as_text_inside_its_pages() {
    let Some((chromium, pdftotext, pdfinfo)) = browser() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let trip = dir.path().join("hostile.toml");
    std::fs::write(&trip, hostile()).unwrap();
    let html = dir.path().join("programme.html");
    std::fs::write(
        &html,
        html_of(&[trip.to_str().unwrap(), "--format", "html"]),
    )
    .unwrap();
    let pdf = print(&chromium, &html);
    let pages = pages(&pdftotext, &pdfinfo, &pdf);
    let all = flat(&pages.join("\n"));
    assert!(all.contains("<script>alert('t')</script> &"), "{all}");
    assert!(all.contains("</style>"), "the day's title, as text");
    assert!(all.contains("<img src=x onerror=alert(1)>"));
    assert!(all.contains("Notes that go on and on"));
    // Every word inside the page's printable width (Letter, 612 pt, less
    // the 15 mm margins: 42.5 pt each side).
    let bbox = Command::new(&pdftotext)
        .arg("-bbox")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let bbox = String::from_utf8_lossy(&bbox.stdout).to_string();
    let mut words = 0;
    for line in bbox.lines().filter(|l| l.trim_start().starts_with("<word")) {
        let attr = |name: &str| -> f64 {
            let at = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            line[at..].split('"').next().unwrap().parse().unwrap()
        };
        words += 1;
        assert!(
            attr("xMin") >= 40.0 && attr("xMax") <= 612.0 - 40.0,
            "a word outside the page's box: {line}"
        );
    }
    assert!(words > 300, "{words} words");
}

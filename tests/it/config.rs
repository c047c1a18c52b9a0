//! The config file through the real binary: settings followed, a bad one
//! explained before anything happens (exit 2), `itinerary config`, the
//! default file, themes on the screen's cells, remapped keys in a pty,
//! completions and the man page.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use ratatui::style::{Color, Modifier};

use crate::common::{self, NOW, Pty, Start, TITLE};
use itinerary::app::{App, Msg, update};
use itinerary::load::{BUNDLED, load_str};
use itinerary::ui::headless::Headless;
use itinerary::ui::theme::{Theme, ThemeName};

/// A config file with `text` in a fresh folder; the folder is kept alive
/// with the path.
fn config(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

fn run(config: &Path, args: &[&str]) -> Output {
    common::bin()
        .env("ITINERARY_CONFIG", config)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const BAD: &str = "theme = \"drak\"\n[keys]\nnext_dya = \"l\"\n";

#[test]
fn a_bad_config_stops_the_commands_that_use_it_with_every_problem() {
    let (_dir, path) = config(BAD);
    let shown = path.display().to_string();
    for args in [
        &["export", "--day", "1"][..],
        &["--now", NOW],
        &["import", "nothing.ics"],
        &["publish", "--to", "http://127.0.0.1:9/cal/"],
    ] {
        let o = run(&path, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.contains(&format!("error: unknown theme \"drak\"\n --> {shown}:1:9")),
            "{err}"
        );
        assert!(err.contains("did you mean \"dark\"?"), "{err}");
        assert!(err.contains(&format!(
            "unknown action `next_dya` in [keys]\n --> {shown}:3:12"
        )));
        assert!(err.contains("did you mean `next_day`?"), "{err}");
        assert!(err.contains("2 errors, 0 warnings"), "{err}");
        assert!(o.stdout.is_empty(), "nothing written: {}", stdout(&o));
    }
}

#[test]
fn check_and_config_never_fail_because_of_the_config() {
    let (_dir, path) = config(BAD);
    let o = run(&path, &["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&path, &["config"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(
        out.starts_with(&format!(
            "config: {} (from ITINERARY_CONFIG)\n",
            path.display()
        )),
        "{out}"
    );
    assert!(out.contains("unknown theme \"drak\""), "{out}");
    for args in [&["man"][..], &["completions", "bash"]] {
        assert_eq!(run(&path, args).status.code(), Some(0), "{args:?}");
    }
}

#[test]
fn the_flag_wins_over_the_variable_and_a_missing_default_file_is_no_error() {
    let (_dir, bad) = config(BAD);
    let (_dir2, good) = config("theme = \"light\"\n");
    let o = run(&bad, &["config", "--config", good.to_str().unwrap()]);
    let out = stdout(&o);
    assert!(out.contains("(from --config)"), "{out}");
    assert!(out.contains("ok: the config is valid"), "{out}");
    // The harness's XDG_CONFIG_HOME has no config: the defaults, said so.
    let o = common::bin().arg("config").output().unwrap();
    let out = stdout(&o);
    assert!(
        out.contains("(in $XDG_CONFIG_HOME) (not there: the defaults are used)"),
        "{out}"
    );
}

#[test]
fn the_default_file_loads_and_says_every_setting() {
    let o = common::bin()
        .args(["config", "--default"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for setting in [
        "home_timezone",
        "theme = \"dark\"",
        "read_only = false",
        "trip",
        "[export]",
        "dir",
        "format",
        "[colors]",
        "[keys]",
    ] {
        assert!(text.contains(setting), "{setting}");
    }
    let (_dir, path) = config(&text);
    let o = run(&path, &["config"]);
    assert!(
        stdout(&o).contains("ok: the config is valid"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn export_follows_the_format_trip_and_home_zone_of_the_config_and_flags_win() {
    let dir = tempfile::tempdir().unwrap();
    let trip = dir.path().join("trip.toml");
    std::fs::write(&trip, BUNDLED.replace("home_timezone", "# home_timezone")).unwrap();
    let (_cdir, path) = config(&format!(
        "home_timezone = \"America/New_York\"\ntrip = \"{}\"\n[export]\nformat = \"json\"\n",
        trip.display()
    ));
    let o = run(&path, &["export", "--day", "2"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with('{'), "json by the config: {out}");
    assert!(
        out.contains("\"home_timezone\": \"America/New_York\""),
        "{out}"
    );
    // Flags win: --format and --home-zone.
    let o = run(
        &path,
        &[
            "export",
            "--day",
            "2",
            "--format",
            "md",
            "--home-zone",
            "none",
        ],
    );
    let out = stdout(&o);
    assert!(out.starts_with('#'), "{out}");
    assert!(!out.contains("New York"), "{out}");
    // The trip's own home zone wins over the config's.
    let own = dir.path().join("own.toml");
    std::fs::write(&own, BUNDLED).unwrap();
    let o = run(&path, &["export", own.to_str().unwrap(), "--day", "2"]);
    let out = stdout(&o);
    assert!(!out.contains("America/New_York"), "{out}");
}

/// A day with times: the hour bar and the now marker are drawn.
const TIMED: &str = "[trip]\ntitle = \"T\"\nstart = 2018-08-27\nend = 2018-08-27\n\
timezone = \"Asia/Tokyo\"\n[[day]]\ndate = 2018-08-27\n[[day.stop]]\nplace = \"Hall\"\n\
arrive = 09:00\ndepart = 12:00\n[[day.stop]]\nplace = \"Later\"\narrive = 14:00\n";

/// [`TIMED`] at 10:00 that day, drawn at 100×30 in `theme`.
fn drawn(theme: Theme) -> Headless {
    let trip = load_str(TIMED).unwrap().trip;
    let now = chrono::NaiveDate::from_ymd_opt(2018, 8, 27).and_then(|d| d.and_hms_opt(10, 0, 0));
    let mut app = App::new("t.toml".into(), trip, now);
    update(&mut app, Msg::Resize(100, 30));
    let mut h = Headless::new(app);
    h.theme = theme;
    h.draw();
    h
}

/// The first cell whose row holds `text`, at its first character.
fn cell_of(h: &mut Headless, text: &str) -> ratatui::buffer::Cell {
    let buf = h.draw().clone();
    for y in 0..buf.area.height {
        let row: String = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        if let Some(i) = row.find(text) {
            let x = row[..i].chars().count() as u16;
            return buf[(x, y)].clone();
        }
    }
    panic!("{text:?} is not on the screen");
}

#[test]
fn each_built_in_theme_colours_the_cells_that_matter() {
    // (theme, focused border's colour, the now marker's colour)
    for (name, border, now) in [
        (ThemeName::Dark, Some(Color::Magenta), Some(Color::Red)),
        (ThemeName::Light, Some(Color::Blue), Some(Color::Red)),
        (ThemeName::Mono, None, None),
    ] {
        let mut h = drawn(Theme::named(name));
        // The focused pane's border (the timeline's title sits on it).
        let title = cell_of(&mut h, "━");
        assert_eq!(title.fg, border.unwrap_or(Color::Reset), "{name:?} border");
        // The selected timeline row: reversed and bold in every theme.
        let sel = cell_of(&mut h, "[Mon 27 Aug");
        assert!(
            sel.modifier.contains(Modifier::REVERSED),
            "{name:?} selection"
        );
        let buf = h.draw().clone();
        let now_cells: Vec<_> = buf
            .content()
            .iter()
            .filter(|c| c.symbol() == "│" && c.modifier.contains(Modifier::BOLD))
            .collect();
        assert!(!now_cells.is_empty(), "{name:?}: a now marker");
        assert!(
            now_cells
                .iter()
                .all(|c| c.fg == now.unwrap_or(Color::Reset)),
            "{name:?} now"
        );
    }
}

#[test]
fn colors_override_a_role() {
    let theme = Theme::chosen(
        ThemeName::Dark,
        &[(itinerary::ui::theme::Role::FocusBorder, Color::Rgb(1, 2, 3))],
        None,
    );
    let mut h = drawn(theme);
    assert_eq!(cell_of(&mut h, "━").fg, Color::Rgb(1, 2, 3));
}

#[test]
fn a_bad_config_is_explained_before_the_terminal_changes() {
    let (_dir, path) = config(BAD);
    let path = path.to_str().unwrap();
    let mut pty = Pty::start_with(Start {
        args: &["--now", NOW, "--config", path],
        ..Start::default()
    });
    let (status, _) = pty.wait_exit();
    assert_eq!(status, 2);
    let raw = pty.raw();
    assert_eq!(
        common::count(&raw, b"\x1b[?1049h"),
        0,
        "the alternate screen was never entered"
    );
    let text = pty.text();
    assert!(text.contains("unknown theme \"drak\""), "{text}");
    pty.assert_restored();
}

#[test]
fn a_remapped_key_dispatches_and_help_and_hints_follow() {
    let (_dir, path) = config("[keys]\nnext_day = [\"x\", \"Right\"]\nhelp = \"F1\"\n");
    let path = path.to_str().unwrap();
    let mut pty = Pty::start_with(Start {
        cols: 100,
        rows: 30,
        args: &["--now", NOW, "--config", path],
        ..Start::default()
    });
    pty.wait_text(TITLE);
    // The hints show the keys in force: h/x, and F1 for help.
    pty.wait_text("F1 help");
    pty.wait_text("h/x day");
    // l no longer changes the day; x does.
    pty.send(b"l");
    pty.send(b"x");
    pty.wait_text("[Tue 28 Aug");
    // ? is no longer help; F1 is, and help lists x.
    pty.send(b"\x1bOP");
    pty.wait_text("x Right");
    pty.send(b"\x1b");
    pty.send(b"q");
    assert_eq!(pty.wait_exit().0, 0);
    pty.assert_restored();
}

#[test]
fn bash_completes_the_subcommands() {
    let o = common::bin()
        .args(["completions", "bash"])
        .output()
        .unwrap();
    let script = stdout(&o);
    assert!(script.contains("_itinerary"), "{script}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("itinerary.bash");
    std::fs::write(&file, script).unwrap();
    let probe = format!(
        "source '{}'; COMP_WORDS=(itinerary ex); COMP_CWORD=1; COMP_LINE='itinerary ex'; \
         COMP_POINT=${{#COMP_LINE}}; _itinerary itinerary ex itinerary; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        file.display()
    );
    let o = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &probe])
        .output()
        .unwrap();
    assert_eq!(stdout(&o).trim(), "export", "{}", stderr(&o));
}

#[test]
fn the_man_page_renders_without_warnings() {
    if std::process::Command::new("man")
        .arg("--version")
        .output()
        .is_err()
    {
        panic!("man is not installed; run scripts/test-deps.sh");
    }
    let o = common::bin().arg("man").output().unwrap();
    let page = stdout(&o);
    assert!(page.contains(".TH itinerary"), "{page}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("itinerary.1");
    std::fs::write(&file, page).unwrap();
    let o = std::process::Command::new("man")
        .args(["--warnings", "-l"])
        .arg(&file)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "man warned");
    let text = stdout(&o);
    assert!(text.contains("completions"), "{text}");
    assert!(text.contains("--config"), "{text}");
}

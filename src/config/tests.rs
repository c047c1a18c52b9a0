use std::path::Path;

use super::*;
use crate::app::Intent;
use crate::keys::parse_key;

fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
    parse::parse(text, Path::new("/cfg"))
}

/// Each diagnostic rendered as `check` prints it.
fn rendered(text: &str) -> String {
    let diags = parse(text).unwrap_err();
    let mut out = Vec::new();
    print_report("config.toml", text, &diags, Shown::All, None, &mut out);
    String::from_utf8(out).unwrap()
}

#[test]
fn the_default_file_loads_as_the_defaults() {
    let text = default_file();
    assert_eq!(parse(&text).unwrap(), Config::default());
    // Every role and every bindable action is in it.
    for (_, name, _) in Role::ALL {
        assert!(text.contains(&format!("# {name} = ")), "{name}");
    }
    assert!(text.contains("# next_day = [\"Right\", \"l\"]"));
    assert!(text.contains("# redo = [\"C-r\"]"));
}

#[test]
fn the_default_files_keys_uncommented_load_too() {
    // The documented defaults are names the file takes.
    let text = default_file();
    let keys: String = text
        .lines()
        .skip_while(|l| *l != "[keys]")
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.contains(" = [") => format!("{rest}\n"),
            _ => format!("{l}\n"),
        })
        .collect();
    assert!(parse(&keys).is_ok(), "{keys}");
}

#[test]
fn every_setting_is_read() {
    let c = parse(
        r##"
home_timezone = "America/New_York"
theme = "light"
read_only = true
trip = "trips/now.toml"
[export]
dir = "out"
format = "json"
[colors]
selection = "yellow"
now_line = 208
errors = "#ff0000"
[keys]
next_day = ["x", "Right"]
help = "F1"
"##,
    )
    .unwrap();
    assert_eq!(c.home_timezone, Some(chrono_tz::America::New_York));
    assert_eq!(c.theme, ThemeName::Light);
    assert!(c.read_only);
    assert_eq!(c.trip, Some(PathBuf::from("/cfg/trips/now.toml")));
    assert_eq!(c.export_dir, Some(PathBuf::from("/cfg/out")));
    assert_eq!(c.export_format, Some(Format::Json));
    assert_eq!(
        c.colors,
        [
            (Role::Selection, Color::Yellow),
            (Role::NowLine, Color::Indexed(208)),
            (Role::Errors, Color::Rgb(255, 0, 0)),
        ]
    );
    let b = c
        .keys
        .bindings()
        .iter()
        .find(|b| b.action == Intent::NextDay)
        .unwrap();
    assert_eq!(
        b.keys,
        &[parse_key("x").unwrap(), parse_key("Right").unwrap()]
    );
}

#[test]
fn every_problem_is_reported_at_its_line_with_the_closest_name() {
    let text = "\
hom_timezone = \"Asia/Tokyo\"
theme = \"lihgt\"
[colors]
selction = \"red\"
header = \"redd\"
[keys]
next_dya = \"l\"
prev_day = \"Lfet\"
";
    let out = rendered(text);
    for want in [
        "error: unknown key `hom_timezone` in the top level\n --> config.toml:1:1",
        "did you mean `home_timezone`?",
        "error: unknown theme \"lihgt\"\n --> config.toml:2:9",
        "did you mean \"light\"?",
        "unknown key `selction` in [colors]\n --> config.toml:4:1",
        "did you mean `selection`?",
        "unknown colour \"redd\"",
        "did you mean \"red\"?",
        "unknown action `next_dya` in [keys]\n --> config.toml:7:12",
        "did you mean `next_day`?",
        "unknown key \"Lfet\"\n --> config.toml:8:12",
        "did you mean \"Left\"?",
        "error: 6 errors, 0 warnings in config.toml",
    ] {
        assert!(out.contains(want), "{want:?} not in:\n{out}");
    }
}

#[test]
fn one_key_for_two_actions_of_a_context_is_an_error_at_its_line() {
    let out = rendered("[keys]\nnext_day = \"x\"\nprev_day = [\"x\"]\n");
    assert!(
        out.contains("\"x\" is bound to both `next_day` and `prev_day` in \"Browsing\"\n --> config.toml:3:12"),
        "{out}"
    );
}

#[test]
fn a_key_taken_from_a_default_is_listed_by_itinerary_config() {
    let c = parse("[keys]\nhelp = \"q\"\n").unwrap();
    assert_eq!(c.key_changes.len(), 1);
    let read = Read {
        path: Some((PathBuf::from("/cfg/config.toml"), Origin::Xdg)),
        found: true,
        text: String::new(),
        result: Ok(c),
    };
    let mut out = Vec::new();
    assert_eq!(read.report(&mut out), 0);
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("config: /cfg/config.toml (in $XDG_CONFIG_HOME)"),
        "{out}"
    );
    assert!(
        out.contains("key \"q\" browsing: `help` now, no longer `quit`"),
        "{out}"
    );
}

#[test]
fn a_syntax_error_is_reported_at_its_place() {
    let out = rendered("theme = \"dark\nread_only = true\n");
    assert!(out.contains("--> config.toml:1:"), "{out}");
}

#[test]
fn the_path_comes_from_the_flag_the_variable_xdg_then_home() {
    let env = |vars: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| OsString::from(v))
        }
    };
    let all = env(&[
        ("ITINERARY_CONFIG", "/e.toml"),
        ("XDG_CONFIG_HOME", "/x"),
        ("HOME", "/h"),
    ]);
    assert_eq!(
        locate(Some(Path::new("/f.toml")), all),
        Some((PathBuf::from("/f.toml"), Origin::Flag))
    );
    assert_eq!(
        locate(None, all),
        Some((PathBuf::from("/e.toml"), Origin::Env))
    );
    assert_eq!(
        locate(
            None,
            env(&[("ITINERARY_CONFIG", ""), ("XDG_CONFIG_HOME", "/x")])
        ),
        Some((PathBuf::from("/x/itinerary/config.toml"), Origin::Xdg))
    );
    assert_eq!(
        locate(None, env(&[("HOME", "/h")])),
        Some((
            PathBuf::from("/h/.config/itinerary/config.toml"),
            Origin::Home
        ))
    );
    assert_eq!(locate(None, env(&[])), None);
}

#[test]
fn a_missing_file_is_the_defaults_unless_named_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("itinerary/config.toml");
    let r = read(Some((path.clone(), Origin::Xdg)));
    assert!(!r.found);
    assert_eq!(r.result.unwrap(), Config::default());
    let r = read(Some((path, Origin::Flag)));
    assert!(matches!(r.result, Err(Problem::Unreadable(ref m)) if m.contains("no such file")));
}

#[test]
fn no_color_makes_any_theme_mono() {
    let c = parse("theme = \"light\"\n[colors]\nselection = \"red\"\n").unwrap();
    assert_eq!(c.theme(Some(std::ffi::OsStr::new("1"))), Theme::no_color());
    assert_eq!(c.theme(None).selected.fg, Some(Color::Red));
}

//! The config's text into [`Config`]: every setting checked against what
//! it may be, every problem kept with its span so it is reported at its
//! line, as a trip's are.

use std::ops::Range;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::Config;
use crate::cli::Format;
use crate::keys::{self, Keymap, Remap};
use crate::load::Diagnostic;
use crate::load::suggest::{closest, list};
use crate::ui::theme::{COLOR_NAMES, Role, ThemeName, parse_color};

/// The keys of the top level and of `[export]`.
const TOP: &[&str] = &[
    "home_timezone",
    "theme",
    "read_only",
    "trip",
    "export",
    "colors",
    "keys",
];
const EXPORT: &[&str] = &["dir", "format"];

type Value<'i> = Spanned<DeValue<'i>>;

/// Reads the settings from `text`; relative paths in it are taken from
/// `base` (the config's folder). Every problem, in file order.
pub fn parse(text: &str, base: &Path) -> Result<Config, Vec<Diagnostic>> {
    let (doc, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| Diagnostic::error(e.message().trim().to_string(), e.span()))
            .collect());
    }
    let mut p = Parser {
        diags: Vec::new(),
        base,
        config: Config::default(),
    };
    let mut remaps: Vec<(Remap, Range<usize>)> = Vec::new();
    let mut top: Vec<_> = doc.into_inner().into_iter().collect();
    top.sort_by_key(|(k, _)| k.span().start);
    for (key, value) in top {
        let span = key.span();
        match key.get_ref().as_ref() {
            "home_timezone" => p.home_timezone(&value),
            "theme" => p.theme(&value),
            "read_only" => {
                if let DeValue::Boolean(b) = value.get_ref() {
                    p.config.read_only = *b;
                } else {
                    p.wrong_type("read_only", "true or false", &value);
                }
            }
            "trip" => p.config.trip = p.path("trip", &value),
            "export" => p.table(&value, "export", |p, k, ks, v| match k {
                "dir" => p.config.export_dir = p.path("dir", v),
                "format" => p.format(v),
                _ => p.unknown(k, EXPORT, "[export]", v, Some(ks)),
            }),
            "colors" => p.table(&value, "colors", |p, k, ks, v| p.color(k, ks, v)),
            "keys" => p.table(&value, "keys", |p, k, _, v| {
                if let Some(remap) = p.remap(k, v) {
                    remaps.push((remap, v.span()));
                }
            }),
            other => p.unknown(other, TOP, "the top level", &value, Some(span)),
        }
    }
    let list: Vec<Remap> = remaps.iter().map(|(r, _)| r.clone()).collect();
    match Keymap::new(&list) {
        Ok((keymap, changes)) => {
            p.config.keys = keymap;
            p.config.key_changes = changes;
        }
        Err(errors) => {
            for (i, why) in errors {
                let span = remaps.get(i).map(|(_, s)| s.clone());
                p.diags.push(
                    Diagnostic::error(why, span)
                        .with_help("give each key to one action of a context"),
                );
            }
        }
    }
    if p.diags.is_empty() {
        Ok(p.config)
    } else {
        p.diags
            .sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
        Err(p.diags)
    }
}

struct Parser<'b> {
    diags: Vec<Diagnostic>,
    base: &'b Path,
    config: Config,
}

/// What a value is, as an error names it.
fn kind(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl Parser<'_> {
    fn wrong_type(&mut self, key: &str, want: &str, v: &Value<'_>) {
        self.diags.push(Diagnostic::error(
            format!("`{key}` must be {want}, not {}", kind(v.get_ref())),
            Some(v.span()),
        ));
    }

    fn unknown(
        &mut self,
        key: &str,
        valid: &[&str],
        place: &str,
        v: &Value<'_>,
        span: Option<Range<usize>>,
    ) {
        let d = Diagnostic::error(
            format!("unknown key `{key}` in {place}"),
            Some(span.unwrap_or_else(|| v.span())),
        );
        self.diags.push(match closest(key, valid.iter().copied()) {
            Some(c) => d.with_help(format!("did you mean `{c}`?")),
            None => d.with_help(format!("the keys here are {}", quoted(valid))),
        });
    }

    /// A table's entries, each to `each`; anything else is a type error.
    fn table<'i>(
        &mut self,
        v: &Value<'i>,
        name: &str,
        mut each: impl FnMut(&mut Self, &str, Range<usize>, &Value<'i>),
    ) {
        let DeValue::Table(t) = v.get_ref() else {
            return self.wrong_type(name, &format!("a table ([{name}])"), v);
        };
        // The map is sorted by key: file order, as the problems are told.
        let mut entries: Vec<_> = t.iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        for (k, v) in entries {
            each(self, k.get_ref(), k.span(), v);
        }
    }

    fn string<'v>(&mut self, key: &str, v: &'v Value<'_>) -> Option<&'v str> {
        match v.get_ref() {
            DeValue::String(s) => Some(s),
            _ => {
                self.wrong_type(key, "a string", v);
                None
            }
        }
    }

    fn home_timezone(&mut self, v: &Value<'_>) {
        let Some(text) = self.string("home_timezone", v) else {
            return;
        };
        match crate::clock::parse_zone(text) {
            Ok(tz) => self.config.home_timezone = Some(tz),
            Err(guess) => {
                let d = Diagnostic::error(format!("unknown time zone \"{text}\""), Some(v.span()));
                self.diags.push(match guess {
                    Some(tz) => d.with_help(format!("did you mean \"{tz}\"?")),
                    None => d.with_help("give an IANA name such as \"Asia/Shanghai\""),
                });
            }
        }
    }

    fn theme(&mut self, v: &Value<'_>) {
        let Some(text) = self.string("theme", v) else {
            return;
        };
        let names: Vec<&str> = ThemeName::ALL.iter().map(|(_, n)| *n).collect();
        match ThemeName::ALL.iter().find(|(_, n)| *n == text) {
            Some((t, _)) => self.config.theme = *t,
            None => self.diags.push(
                Diagnostic::error(format!("unknown theme \"{text}\""), Some(v.span()))
                    .with_help(suggest_or_list(text, &names)),
            ),
        }
    }

    fn format(&mut self, v: &Value<'_>) {
        let Some(text) = self.string("format", v) else {
            return;
        };
        match Format::from_str(text, true) {
            Ok(f) => self.config.export_format = Some(f),
            Err(_) => {
                let names: Vec<String> = Format::value_variants()
                    .iter()
                    .filter_map(|f| f.to_possible_value())
                    .map(|p| p.get_name().to_string())
                    .collect();
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                self.diags.push(
                    Diagnostic::error(format!("unknown export format \"{text}\""), Some(v.span()))
                        .with_help(suggest_or_list(text, &names)),
                );
            }
        }
    }

    /// A path: `~/` is the home folder; a relative one is taken from the
    /// config's folder, so it means the same from wherever the tool runs.
    fn path(&mut self, key: &str, v: &Value<'_>) -> Option<PathBuf> {
        let text = self.string(key, v)?;
        if text.is_empty() {
            self.diags.push(Diagnostic::error(
                format!("`{key}` is empty; give a path, or leave the line out"),
                Some(v.span()),
            ));
            return None;
        }
        let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
        let path = match (text.strip_prefix("~/"), home) {
            (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
            (Some(_), None) => {
                self.diags.push(Diagnostic::error(
                    format!("`{key}` starts with ~/ but $HOME is not set"),
                    Some(v.span()),
                ));
                return None;
            }
            (None, _) => self.base.join(text),
        };
        Some(path)
    }

    fn color(&mut self, key: &str, key_span: Range<usize>, v: &Value<'_>) {
        let roles: Vec<&str> = Role::ALL.iter().map(|(_, n, _)| *n).collect();
        let Some(role) = Role::from_name(key) else {
            return self.unknown(key, &roles, "[colors]", v, Some(key_span));
        };
        let color = match v.get_ref() {
            DeValue::String(s) => parse_color(s).ok_or_else(|| {
                let d = Diagnostic::error(format!("unknown colour \"{s}\""), Some(v.span()));
                match closest(s, COLOR_NAMES.iter().copied()) {
                    Some(c) => d.with_help(format!(
                        "did you mean \"{c}\"? (or an index \"0\" to \"255\", or \"#rrggbb\")"
                    )),
                    None => d.with_help(
                        "give a name (red, light-blue, dark-gray…), an index 0 to 255, or \"#rrggbb\"",
                    ),
                }
            }),
            DeValue::Integer(i) => i
                .as_str()
                .parse::<u8>()
                .ok()
                .filter(|_| i.radix() == 10)
                .map(ratatui::style::Color::Indexed)
                .ok_or_else(|| {
                    Diagnostic::error(
                        format!("colour index {} is not 0 to 255", i.as_str()),
                        Some(v.span()),
                    )
                }),
            _ => {
                return self.wrong_type(key, "a colour name, an index or \"#rrggbb\"", v);
            }
        };
        match color {
            Ok(c) => self.config.colors.push((role, c)),
            Err(d) => self.diags.push(d),
        }
    }

    /// `action = "key"` or `action = ["key", …]`.
    fn remap(&mut self, name: &str, v: &Value<'_>) -> Option<Remap> {
        let Some(intent) = crate::app::Intent::from_name(name) else {
            let names = keys::NAMES.iter().map(|(_, n)| *n);
            let d = Diagnostic::error(format!("unknown action `{name}` in [keys]"), Some(v.span()));
            self.diags.push(match closest(name, names) {
                Some(c) => d.with_help(format!(
                    "did you mean `{c}`? docs/keys.md lists the actions"
                )),
                None => d.with_help("docs/keys.md lists the actions by name"),
            });
            return None;
        };
        let items: Vec<&Value<'_>> = match v.get_ref() {
            DeValue::String(_) => vec![v],
            DeValue::Array(items) => items.iter().collect(),
            _ => {
                self.wrong_type(
                    name,
                    "a key name or an array of them ([\"l\", \"Right\"])",
                    v,
                );
                return None;
            }
        };
        if items.is_empty() {
            self.diags.push(
                Diagnostic::error(format!("`{name}` has no key"), Some(v.span()))
                    .with_help("give at least one key; an action cannot be left without one"),
            );
            return None;
        }
        let mut keys = Vec::new();
        let before = self.diags.len();
        for item in items {
            let DeValue::String(text) = item.get_ref() else {
                self.wrong_type(name, "key names (strings)", item);
                continue;
            };
            match keys::parse_key(text) {
                Ok(k) => keys.push(k),
                Err(why) => {
                    let d = Diagnostic::error(why, Some(item.span()));
                    self.diags.push(match closest(text, keys::known_names()) {
                        Some(c) => d.with_help(format!("did you mean \"{c}\"?")),
                        None => d.with_help(
                            "a key is one character (\"x\"), a name (\"Right\", \"Enter\", \"PageDown\") \
                             or either after C- or S- (\"C-r\", \"S-Tab\")",
                        ),
                    });
                }
            }
        }
        (self.diags.len() == before).then_some(Remap { intent, keys })
    }
}

/// "did you mean" when one is close, else the list of valid ones.
fn suggest_or_list(text: &str, valid: &[&str]) -> String {
    match closest(text, valid.iter().copied()) {
        Some(c) => format!("did you mean \"{c}\"?"),
        None => format!("it is one of {}", quoted(valid)),
    }
}

fn quoted(items: &[&str]) -> String {
    let q: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    let r: Vec<&str> = q.iter().map(String::as_str).collect();
    list(&r, "or")
}

//! Colours and text attributes, in one place so `NO_COLOR` is a theme
//! rather than a terminal setting.
//!
//! Three built-in themes: `dark` (the default), `light` and `mono` (no
//! colour, what `NO_COLOR` asks for). Text keeps the terminal's own
//! foreground and background; the few colours are accents, and nothing is
//! told by colour alone. A configuration file's `[colors]` sets a role's
//! colour over the theme ([`Role`], docs/config.md).
//!
//! Selection is drawn reversed and bold, which needs no colour, so it stays
//! visible with `NO_COLOR` (crossterm's own `NO_COLOR` handling would drop
//! those attributes too, so the runner must not rely on it).

use ratatui::style::{Color, Modifier, Style};

/// The styles every pane draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// The trip title in the header.
    pub title: Style,
    /// Secondary text: dates, counts, labels of empty things.
    pub muted: Style,
    /// The selected tab, and the selected timeline row.
    pub selected: Style,
    /// A tab with no event to show.
    pub empty_tab: Style,
    /// A pane's border and title when it has the focus.
    pub focused: Style,
    /// A pane's border and title without the focus.
    pub unfocused: Style,
    /// A stop's row in the timeline.
    pub stop: Style,
    /// Added to a tentative event.
    pub tentative: Style,
    /// Added to a cancelled event.
    pub cancelled: Style,
    /// The filled part of the hour bar.
    pub bar: Style,
    /// Field labels in the detail pane and the help overlay.
    pub label: Style,
    /// A key name in the hints and the help overlay.
    pub key: Style,
    /// A message in the status line.
    pub message: Style,
    /// An error message in the status line.
    pub error: Style,
    /// The active filter in the header.
    pub filter: Style,
    /// A search match in the timeline: underlined, so it shows without
    /// colour too.
    pub matched: Style,
    /// The now marker on the hour bar and the scale.
    pub now: Style,
    /// Added to an event that is over.
    pub past: Style,
    /// A warning's lines in the diagnostics pane.
    pub warning: Style,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::color()
    }
}

impl Theme {
    /// The colour theme for a dark background (the default): [`Theme::dark`].
    pub fn color() -> Theme {
        Theme::dark()
    }

    /// The theme by its name in a configuration file.
    pub fn named(name: ThemeName) -> Theme {
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
            ThemeName::Mono => Theme::no_color(),
        }
    }

    /// Accents that read on a light background: blue where the dark theme
    /// has magenta and green.
    pub fn light() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            focused: bold.fg(Color::Blue),
            bar: Style::new().fg(Color::Blue),
            message: bold.fg(Color::Blue),
            filter: bold.fg(Color::Blue),
            matched: Style::new()
                .add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
                .fg(Color::Blue),
            warning: Style::new().fg(Color::Magenta),
            ..Theme::dark()
        }
    }

    /// The colour theme for a dark background.
    pub fn dark() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            title: bold,
            muted: Style::new().add_modifier(Modifier::DIM),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            empty_tab: Style::new().add_modifier(Modifier::DIM),
            focused: bold.fg(Color::Magenta),
            unfocused: Style::new().add_modifier(Modifier::DIM),
            stop: bold,
            tentative: Style::new().add_modifier(Modifier::DIM | Modifier::ITALIC),
            cancelled: Style::new().add_modifier(Modifier::CROSSED_OUT | Modifier::DIM),
            bar: Style::new().fg(Color::Green),
            label: bold,
            key: bold,
            message: bold.fg(Color::Green),
            error: bold.fg(Color::Red),
            filter: bold.fg(Color::Magenta),
            matched: Style::new()
                .add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
                .fg(Color::Magenta),
            now: bold.fg(Color::Red),
            past: Style::new().add_modifier(Modifier::DIM),
            warning: Style::new().fg(Color::Yellow),
        }
    }

    /// The theme for `NO_COLOR`: the colour theme with every colour removed,
    /// attributes (bold, reverse, dim, crossed out) kept.
    pub fn no_color() -> Theme {
        let t = Theme::color();
        Theme {
            title: plain(t.title),
            muted: plain(t.muted),
            selected: plain(t.selected),
            empty_tab: plain(t.empty_tab),
            focused: plain(t.focused),
            unfocused: plain(t.unfocused),
            stop: plain(t.stop),
            tentative: plain(t.tentative),
            cancelled: plain(t.cancelled),
            bar: plain(t.bar),
            label: plain(t.label),
            key: plain(t.key),
            message: plain(t.message),
            error: plain(t.error),
            filter: plain(t.filter),
            matched: plain(t.matched),
            now: plain(t.now),
            past: plain(t.past),
            warning: plain(t.warning),
        }
    }

    /// A pane's border style, by whether it has the focus.
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.focused
        } else {
            self.unfocused
        }
    }

    /// The theme for a `NO_COLOR` value: no-colour when it is set and not
    /// empty, as no-color.org asks.
    pub fn for_no_color(value: Option<&std::ffi::OsStr>) -> Theme {
        Theme::chosen(ThemeName::Dark, &[], value)
    }

    /// The theme the environment asks for (reads `NO_COLOR`).
    pub fn from_env() -> Theme {
        Theme::for_no_color(std::env::var_os("NO_COLOR").as_deref())
    }

    /// The theme a configuration chose, with its `[colors]` over it; a
    /// `NO_COLOR` value set and not empty makes it `mono` whatever the file
    /// says (no-color.org: a user's wish for this terminal wins).
    pub fn chosen(
        name: ThemeName,
        colors: &[(Role, Color)],
        no_color: Option<&std::ffi::OsStr>,
    ) -> Theme {
        if no_color.is_some_and(|v| !v.is_empty()) || name == ThemeName::Mono {
            return Theme::no_color();
        }
        let mut theme = Theme::named(name);
        for (role, color) in colors {
            theme.set(*role, *color);
        }
        theme
    }

    /// Gives a role a colour (its foreground; the selection is drawn
    /// reversed, so there it is the background the row shows).
    pub fn set(&mut self, role: Role, color: Color) {
        let styles: &mut [&mut Style] = match role {
            Role::Selection => &mut [&mut self.selected],
            Role::FocusBorder => &mut [&mut self.focused],
            Role::Past => &mut [&mut self.past],
            Role::Cancelled => &mut [&mut self.cancelled],
            Role::Tentative => &mut [&mut self.tentative],
            Role::NowLine => &mut [&mut self.now],
            Role::Header => &mut [&mut self.title],
            Role::Hints => &mut [&mut self.key],
            Role::Warnings => &mut [&mut self.warning],
            Role::Errors => &mut [&mut self.error],
            Role::Messages => &mut [&mut self.message],
            Role::Filter => &mut [&mut self.filter],
            Role::Bar => &mut [&mut self.bar],
            Role::Match => &mut [&mut self.matched],
        };
        for style in styles {
            **style = style.fg(color);
        }
    }
}

/// A built-in theme, as a configuration file names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    Mono,
}

impl ThemeName {
    /// Every theme with its name.
    pub const ALL: [(ThemeName, &'static str); 3] = [
        (ThemeName::Dark, "dark"),
        (ThemeName::Light, "light"),
        (ThemeName::Mono, "mono"),
    ];

    /// The name a file writes.
    pub fn name(self) -> &'static str {
        ThemeName::ALL
            .iter()
            .find(|(t, _)| *t == self)
            .map_or("dark", |(_, n)| n)
    }
}

/// What a colour of `[colors]` is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Selection,
    FocusBorder,
    Past,
    Cancelled,
    Tentative,
    NowLine,
    Header,
    Hints,
    Warnings,
    Errors,
    Messages,
    Filter,
    Bar,
    Match,
}

impl Role {
    /// Every role, by the name `[colors]` gives it, and what it colours.
    pub const ALL: [(Role, &'static str, &'static str); 14] = [
        (
            Role::Selection,
            "selection",
            "the selected tab and timeline row (drawn reversed)",
        ),
        (
            Role::FocusBorder,
            "focus_border",
            "the focused pane's border and title, overlays' borders",
        ),
        (Role::Past, "past", "events that are over"),
        (
            Role::Cancelled,
            "cancelled",
            "cancelled events (also crossed out)",
        ),
        (
            Role::Tentative,
            "tentative",
            "tentative events (also dimmed and marked)",
        ),
        (Role::NowLine, "now_line", "the now marker on the hour bar"),
        (
            Role::Header,
            "header",
            "the trip's title and the help's headings",
        ),
        (Role::Hints, "hints", "key names in the hints and the help"),
        (
            Role::Warnings,
            "warnings",
            "warnings in the diagnostics pane (!)",
        ),
        (
            Role::Errors,
            "errors",
            "error messages, and errors in the diagnostics pane",
        ),
        (
            Role::Messages,
            "messages",
            "other messages on the status line",
        ),
        (Role::Filter, "filter", "the active filter in the header"),
        (Role::Bar, "bar", "the filled part of the hour bar"),
        (Role::Match, "match", "search matches (also underlined)"),
    ];

    /// The role a `[colors]` key names.
    pub fn from_name(name: &str) -> Option<Role> {
        Role::ALL
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(r, _, _)| *r)
    }
}

/// A colour as `[colors]` writes it: a name (`"red"`, `"light-blue"`,
/// `"dark-gray"`), an index of the terminal's 256 (`"208"`) or `"#rrggbb"`.
pub fn parse_color(text: &str) -> Option<Color> {
    use std::str::FromStr;
    let t = text.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("reset") {
        return None;
    }
    if let Some(hex) = t.strip_prefix('#')
        && (hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()))
    {
        return None;
    }
    Color::from_str(t).ok()
}

/// The colour names `[colors]` takes, for "did you mean".
pub const COLOR_NAMES: &[&str] = &[
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "dark-gray",
    "light-red",
    "light-green",
    "light-yellow",
    "light-blue",
    "light-magenta",
    "light-cyan",
    "white",
];

/// A style without colours.
fn plain(style: Style) -> Style {
    Style {
        fg: None,
        bg: None,
        ..style
    }
}

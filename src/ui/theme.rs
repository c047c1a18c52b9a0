//! Colours and text attributes, in one place so `NO_COLOR` is a theme
//! rather than a terminal setting.
//!
//! Text keeps the terminal's own foreground and background; the few
//! colours (magenta, green, red) are accents that read on dark and light
//! backgrounds alike, and nothing depends on them.
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
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::color()
    }
}

impl Theme {
    /// The colour theme.
    pub fn color() -> Theme {
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
        match value {
            Some(v) if !v.is_empty() => Theme::no_color(),
            _ => Theme::color(),
        }
    }

    /// The theme the environment asks for (reads `NO_COLOR`).
    pub fn from_env() -> Theme {
        Theme::for_no_color(std::env::var_os("NO_COLOR").as_deref())
    }
}

/// A style without colours.
fn plain(style: Style) -> Style {
    Style {
        fg: None,
        bg: None,
        ..style
    }
}

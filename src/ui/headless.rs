//! The event loop without a terminal, for tests and benchmarks: every
//! message goes to `update`, then the screen is drawn on a `TestBackend`
//! of the app's size and its viewport handed back, as the real loop does
//! after each batch of input. Mouse events go through [`mouse::action_at`]
//! against the layout of the last frame.

use std::ops::{Deref, DerefMut};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use crate::app::{self, App, Effect, Msg};
use crate::keys::Keymap;
use crate::ui::theme::Theme;
use crate::ui::{self as screen, Layout, mouse};

/// An [`App`] with the screen it would be drawn on.
pub struct Headless {
    app: App,
    /// The colours frames are drawn in.
    pub theme: Theme,
    /// The key table keys go through, and help and hints show.
    pub keys: Keymap,
    term: Terminal<TestBackend>,
    layout: Layout,
}

impl Headless {
    /// `app` drawn once at its size.
    pub fn new(app: App) -> Headless {
        let (w, h) = app.size();
        let mut headless = Headless {
            app,
            theme: Theme::default(),
            keys: Keymap::default(),
            term: Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| match e {}),
            layout: Layout::default(),
        };
        headless.draw();
        headless
    }

    /// Applies a message, draws, and reports the frame's viewport back.
    pub fn send(&mut self, msg: impl Into<Msg>) -> Option<Effect> {
        let effect = app::update(&mut self.app, msg);
        self.draw();
        effect
    }

    /// A key press, through the key table; `None` also when it means nothing.
    pub fn key(&mut self, key: KeyEvent) -> Option<Effect> {
        let intent = self.keys.action_for(&self.app, key)?;
        self.send(intent)
    }

    /// A mouse event at (`column`, `row`), through the last frame's layout.
    pub fn mouse(&mut self, kind: MouseEventKind, column: u16, row: u16) -> Option<Effect> {
        let event = MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        };
        let intent = mouse::action_at(&self.app, &self.layout, event)?;
        self.send(intent)
    }

    /// A left click at (`column`, `row`).
    pub fn click(&mut self, column: u16, row: u16) -> Option<Effect> {
        self.mouse(MouseEventKind::Down(MouseButton::Left), column, row)
    }

    /// The wheel at (`column`, `row`): `notches` down, or up when negative.
    pub fn wheel(&mut self, notches: i16, column: u16, row: u16) {
        let kind = if notches < 0 {
            MouseEventKind::ScrollUp
        } else {
            MouseEventKind::ScrollDown
        };
        for _ in 0..notches.unsigned_abs() {
            self.mouse(kind, column, row);
        }
    }

    /// Draws a frame at the app's size and hands its viewport back to
    /// `update`. Each frame is drawn whole on a fresh backend, so the
    /// buffer is exactly that frame (no cell left from an earlier one).
    pub fn draw(&mut self) -> &Buffer {
        let (w, h) = self.app.size();
        self.term = Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| match e {});
        let (app, theme, keys) = (&self.app, &self.theme, &self.keys);
        let mut layout = Layout::default();
        let _ = self
            .term
            .draw(|frame| layout = screen::draw(frame, app, theme, keys));
        app::update(&mut self.app, Msg::Viewport(layout.viewport));
        self.layout = layout;
        self.term.backend().buffer()
    }

    /// The last frame's screen.
    pub fn buffer(&self) -> &Buffer {
        self.term.backend().buffer()
    }

    /// The test backend, for snapshots.
    pub fn backend(&self) -> &TestBackend {
        self.term.backend()
    }

    /// What the last frame drew where.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The app, given back.
    pub fn into_app(self) -> App {
        self.app
    }
}

impl Deref for Headless {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl DerefMut for Headless {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

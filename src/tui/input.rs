//! The bytes the terminal sends, turned into key and mouse events.
//!
//! The input thread reads the terminal itself (see `events`) and hands the
//! bytes to a [`Decoder`]. The decoder cuts them into tokens (one character,
//! one control byte, or one escape sequence, its end found by the ECMA-48
//! grammar), and termina's parser says what each token means. A token that
//! starts with Esc but means no key or mouse event (`Esc [ l`: no terminal
//! sends that, a person typing Esc, `[`, `l` quickly does) is taken as what
//! was typed: Esc, then each of its other bytes as a key.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};

const ESC: u8 = 0x1b;

/// Bracketed paste (mode 2004): what is pasted comes between these, whole,
/// and is reported as one [`Event::Paste`], never as keys.
const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// Decodes terminal input; keeps a token cut off at the end of one read for
/// the next.
#[derive(Debug, Default)]
pub struct Decoder {
    /// The start of a token whose end had not arrived yet.
    pending: Vec<u8>,
    /// The text of a paste whose end has not arrived yet.
    paste: Option<Vec<u8>>,
}

impl Decoder {
    /// The events in `bytes`, in order. `more` says that more input is
    /// waiting to be read already: a token cut off at the end is then kept
    /// until the next call. Otherwise nothing is kept: a terminal writes an
    /// escape sequence whole, so a cut one is a person's typing (a lone Esc
    /// is Esc, as everywhere).
    pub fn feed(&mut self, bytes: &[u8], more: bool) -> Vec<Event> {
        self.pending.extend_from_slice(bytes);
        let buf = std::mem::take(&mut self.pending);
        let mut out = Vec::new();
        let mut at = 0;
        while at < buf.len() {
            let rest = &buf[at..];
            if let Some(text) = &mut self.paste {
                match memchr::memmem::find(rest, PASTE_END) {
                    Some(end) => {
                        text.extend_from_slice(&rest[..end]);
                        let text = String::from_utf8_lossy(text).into_owned();
                        out.push(Event::Paste(text));
                        self.paste = None;
                        at += end + PASTE_END.len();
                        continue;
                    }
                    None => {
                        // Its end may be cut off after this read: keep what
                        // could be its start for the next.
                        let keep = (1..PASTE_END.len())
                            .rev()
                            .find(|&k| rest.ends_with(&PASTE_END[..k]))
                            .unwrap_or(0);
                        text.extend_from_slice(&rest[..rest.len() - keep]);
                        self.pending = rest[rest.len() - keep..].to_vec();
                        break;
                    }
                }
            }
            let len = match token_len(rest) {
                Some(len) => len,
                None if more => {
                    self.pending = rest.to_vec();
                    break;
                }
                None => rest.len(),
            };
            if &rest[..len] == PASTE_START {
                self.paste = Some(Vec::new());
            } else {
                decode(&rest[..len], &mut out);
            }
            at += len;
        }
        out
    }
}

/// The length of the token `bytes` starts with; `None` when it is cut off
/// (its end has not arrived).
fn token_len(bytes: &[u8]) -> Option<usize> {
    match bytes.first()? {
        &ESC => escape_len(bytes),
        0xc0..=0xdf => utf8_len(bytes, 2),
        0xe0..=0xef => utf8_len(bytes, 3),
        0xf0..=0xf7 => utf8_len(bytes, 4),
        _ => Some(1),
    }
}

/// A UTF-8 character of `len` bytes; a byte that cannot continue it ends
/// the (invalid) token early.
fn utf8_len(bytes: &[u8], len: usize) -> Option<usize> {
    match bytes[1..]
        .iter()
        .take(len - 1)
        .position(|b| b & 0xc0 != 0x80)
    {
        Some(i) => Some(i + 1),
        None if bytes.len() >= len => Some(len),
        None => None,
    }
}

/// An escape sequence: CSI (`Esc [`), SS3 (`Esc O` and one byte), or Esc
/// and a key (reported as Alt and the key).
fn escape_len(bytes: &[u8]) -> Option<usize> {
    match bytes.get(1)? {
        b'[' => csi_len(bytes),
        b'O' => match bytes.get(2)? {
            0x20..=0x7e => Some(3),
            _ => Some(2),
        },
        // Esc twice is two Escs.
        &ESC => Some(1),
        _ => token_len(&bytes[1..]).map(|len| len + 1),
    }
}

/// `Esc [`, parameter bytes (0x30-0x3f), intermediate bytes (0x20-0x2f),
/// one final byte (0x40-0x7e); a byte outside these ends it early. Two
/// forms break the rule: the Linux console's F1-F5 (`Esc [ [ A`) and the
/// X10 mouse report (`Esc [ M` and three raw bytes).
fn csi_len(bytes: &[u8]) -> Option<usize> {
    let fixed = match bytes.get(2)? {
        b'[' => Some(4),
        b'M' => Some(6),
        _ => None,
    };
    if let Some(len) = fixed {
        return (bytes.len() >= len).then_some(len);
    }
    for (i, b) in bytes.iter().enumerate().skip(2) {
        match b {
            0x20..=0x3f => {}
            0x40..=0x7e => return Some(i + 1),
            _ => return Some(i),
        }
    }
    None
}

/// Appends the events of one token. An escape sequence that means no key
/// or mouse event is what a person typed: Esc, then its other bytes.
fn decode(token: &[u8], out: &mut Vec<Event>) {
    let before = out.len();
    let mut parser = termina::Parser::default();
    parser.parse(token, false);
    while let Some(event) = parser.pop() {
        out.extend(convert(event));
    }
    if out.len() == before && token.len() > 1 && token[0] == ESC {
        out.push(Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
        // The rest holds no Esc and no character of more than one byte
        // (see `escape_len`): one byte, one key.
        for b in &token[1..] {
            decode(std::slice::from_ref(b), out);
        }
    }
}

/// termina's event as crossterm's, which the key table and the rest of the
/// browser use; `None` for what the browser has no use for (focus, paste,
/// replies to queries it never sends, media and modifier keys).
fn convert(event: termina::Event) -> Option<Event> {
    match event {
        termina::Event::Key(key) => Some(Event::Key(KeyEvent {
            code: key_code(key.code)?,
            modifiers: modifiers(key.modifiers),
            kind: match key.kind {
                termina::event::KeyEventKind::Press => KeyEventKind::Press,
                termina::event::KeyEventKind::Release => KeyEventKind::Release,
                termina::event::KeyEventKind::Repeat => KeyEventKind::Repeat,
            },
            state: KeyEventState::NONE,
        })),
        termina::Event::Mouse(mouse) => Some(Event::Mouse(MouseEvent {
            kind: mouse_kind(mouse.kind),
            column: mouse.column,
            row: mouse.row,
            modifiers: modifiers(mouse.modifiers),
        })),
        _ => None,
    }
}

fn key_code(code: termina::event::KeyCode) -> Option<KeyCode> {
    use termina::event::KeyCode as T;
    Some(match code {
        T::Char(c) => KeyCode::Char(c),
        T::Enter => KeyCode::Enter,
        T::Backspace => KeyCode::Backspace,
        T::Tab => KeyCode::Tab,
        T::Escape => KeyCode::Esc,
        T::Left => KeyCode::Left,
        T::Right => KeyCode::Right,
        T::Up => KeyCode::Up,
        T::Down => KeyCode::Down,
        T::Home => KeyCode::Home,
        T::End => KeyCode::End,
        T::BackTab => KeyCode::BackTab,
        T::PageUp => KeyCode::PageUp,
        T::PageDown => KeyCode::PageDown,
        T::Insert => KeyCode::Insert,
        T::Delete => KeyCode::Delete,
        T::KeypadBegin => KeyCode::KeypadBegin,
        T::CapsLock => KeyCode::CapsLock,
        T::ScrollLock => KeyCode::ScrollLock,
        T::NumLock => KeyCode::NumLock,
        T::PrintScreen => KeyCode::PrintScreen,
        T::Pause => KeyCode::Pause,
        T::Menu => KeyCode::Menu,
        T::Null => KeyCode::Null,
        T::Function(n) => KeyCode::F(n),
        T::Modifier(_) | T::Media(_) => return None,
    })
}

fn modifiers(m: termina::event::Modifiers) -> KeyModifiers {
    use termina::event::Modifiers as T;
    [
        (T::SHIFT, KeyModifiers::SHIFT),
        (T::ALT, KeyModifiers::ALT),
        (T::CONTROL, KeyModifiers::CONTROL),
        (T::SUPER, KeyModifiers::SUPER),
        (T::HYPER, KeyModifiers::HYPER),
        (T::META, KeyModifiers::META),
    ]
    .into_iter()
    .filter(|(t, _)| m.contains(*t))
    .fold(KeyModifiers::NONE, |all, (_, k)| all | k)
}

fn mouse_kind(kind: termina::event::MouseEventKind) -> MouseEventKind {
    use termina::event::MouseEventKind as T;
    let button = |b| match b {
        termina::event::MouseButton::Left => MouseButton::Left,
        termina::event::MouseButton::Right => MouseButton::Right,
        termina::event::MouseButton::Middle => MouseButton::Middle,
    };
    match kind {
        T::Down(b) => MouseEventKind::Down(button(b)),
        T::Up(b) => MouseEventKind::Up(button(b)),
        T::Drag(b) => MouseEventKind::Drag(button(b)),
        T::Moved => MouseEventKind::Moved,
        T::ScrollDown => MouseEventKind::ScrollDown,
        T::ScrollUp => MouseEventKind::ScrollUp,
        T::ScrollLeft => MouseEventKind::ScrollLeft,
        T::ScrollRight => MouseEventKind::ScrollRight,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    fn ch(c: char) -> Event {
        let shift = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        Event::Key(KeyEvent::new(KeyCode::Char(c), shift))
    }

    fn with(code: KeyCode, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent::new(code, modifiers))
    }

    fn decode_all(bytes: &[u8]) -> Vec<Event> {
        Decoder::default().feed(bytes, false)
    }

    #[test]
    fn a_bracketed_paste_is_one_event_even_cut_across_reads() {
        assert_eq!(
            decode_all(b"a\x1b[200~q\r\x1bs\x1b[201~b"),
            [ch('a'), Event::Paste("q\r\x1bs".into()), ch('b')]
        );
        let mut d = Decoder::default();
        let mut out = d.feed(b"\x1b[200~\xe5\x90", true);
        out.extend(d.feed(b"\x88 D\x1b[20", false));
        assert!(out.is_empty(), "{out:?}");
        out.extend(d.feed(b"1~j", false));
        assert_eq!(out, [Event::Paste("合 D".into()), ch('j')]);
    }

    #[test]
    fn keys_and_sequences_a_terminal_sends() {
        assert_eq!(decode_all(b"lq"), [ch('l'), ch('q')]);
        assert_eq!(decode_all("馬 P".as_bytes()), [ch('馬'), ch(' '), ch('P')]);
        assert_eq!(
            decode_all(b"\x03\x1a\r\t\x7f"),
            [
                with(KeyCode::Char('c'), KeyModifiers::CONTROL),
                with(KeyCode::Char('z'), KeyModifiers::CONTROL),
                key(KeyCode::Enter),
                key(KeyCode::Tab),
                key(KeyCode::Backspace),
            ]
        );
        assert_eq!(
            decode_all(b"\x1b[A\x1b[B\x1bOC\x1b[5~\x1b[6~\x1b[H\x1b[4~"),
            [
                key(KeyCode::Up),
                key(KeyCode::Down),
                key(KeyCode::Right),
                key(KeyCode::PageUp),
                key(KeyCode::PageDown),
                key(KeyCode::Home),
                key(KeyCode::End),
            ]
        );
        assert_eq!(
            decode_all(b"\x1b[1;5C\x1b[Z"),
            [
                with(KeyCode::Right, KeyModifiers::CONTROL),
                with(KeyCode::BackTab, KeyModifiers::SHIFT),
            ]
        );
    }

    #[test]
    fn mouse_reports_in_sgr_and_x10_encoding() {
        let at = |kind, column, row| {
            Event::Mouse(MouseEvent {
                kind,
                column,
                row,
                modifiers: KeyModifiers::NONE,
            })
        };
        assert_eq!(
            decode_all(b"\x1b[<0;10;5M\x1b[<0;10;5m\x1b[<65;3;4Mj"),
            [
                at(MouseEventKind::Down(MouseButton::Left), 9, 4),
                at(MouseEventKind::Up(MouseButton::Left), 9, 4),
                at(MouseEventKind::ScrollDown, 2, 3),
                ch('j'),
            ]
        );
        assert_eq!(
            decode_all(b"\x1b[M *%"),
            [at(MouseEventKind::Down(MouseButton::Left), 9, 4)]
        );
    }

    #[test]
    fn esc_then_keys_in_one_read_are_esc_then_those_keys() {
        let esc = key(KeyCode::Esc);
        // No terminal sends these sequences: they are what was typed.
        assert_eq!(decode_all(b"\x1b[l"), [esc.clone(), ch('['), ch('l')]);
        assert_eq!(decode_all(b"\x1b[q"), [esc.clone(), ch('['), ch('q')]);
        assert_eq!(
            decode_all(b"\x1b[2j"),
            [esc.clone(), ch('['), ch('2'), ch('j')]
        );
        assert_eq!(decode_all(b"\x1bOx"), [esc.clone(), ch('O'), ch('x')]);
        // Focus reports and cursor positions were never asked for.
        assert_eq!(decode_all(b"\x1b[I"), [esc.clone(), ch('['), ch('I')]);
        // Cut off at the end of what was typed, or by a byte no sequence has.
        assert_eq!(decode_all(b"\x1b["), [esc.clone(), ch('[')]);
        assert_eq!(
            decode_all(b"\x1b[1\rk"),
            [esc.clone(), ch('['), ch('1'), key(KeyCode::Enter), ch('k')]
        );
        assert_eq!(
            decode_all(b"\x1b[\x1b[A"),
            [esc.clone(), ch('['), key(KeyCode::Up)]
        );
        // Esc twice is two; Esc and a key is Alt and the key (`keys`
        // splits that), whatever the key's length.
        assert_eq!(decode_all(b"\x1b\x1b"), [esc.clone(), esc.clone()]);
        assert_eq!(decode_all(b"\x1b"), [esc]);
        assert_eq!(
            decode_all("\x1b/\x1b馬".as_bytes()),
            [
                with(KeyCode::Char('/'), KeyModifiers::ALT),
                with(KeyCode::Char('馬'), KeyModifiers::ALT),
            ]
        );
    }

    #[test]
    fn a_token_cut_off_while_more_is_waiting_is_kept_for_the_next_read() {
        let mut d = Decoder::default();
        assert_eq!(d.feed(b"j\x1b[", true), [ch('j')]);
        assert_eq!(d.feed(b"5~", false), [key(KeyCode::PageUp)]);
        let kanji = "馬".as_bytes();
        assert_eq!(d.feed(&kanji[..1], true), []);
        assert_eq!(d.feed(&kanji[1..], false), [ch('馬')]);
        assert_eq!(d.feed(b"\x1b", true), []);
        assert_eq!(d.feed(b"", false), [key(KeyCode::Esc)]);
    }

    #[test]
    fn bytes_that_are_no_character_are_dropped() {
        assert_eq!(decode_all(b"\xffa\xe9b"), [ch('a'), ch('b')]);
    }
}

//! Key names as a configuration file writes them, the way helix and yazi do
//! (`"x"`, `"Right"`, `"C-r"`, `"S-Tab"`, `"Enter"`), and as help shows them
//! (`Ctrl-R`, `PgDn`, ASCII only).

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::Key;

/// Named keys: the spelling a file writes (any case), the key, and the
/// name help shows. The first spelling of a key is the one written back.
const NAMED: &[(&str, KeyCode, &str)] = &[
    ("Left", KeyCode::Left, "Left"),
    ("Right", KeyCode::Right, "Right"),
    ("Up", KeyCode::Up, "Up"),
    ("Down", KeyCode::Down, "Down"),
    ("Home", KeyCode::Home, "Home"),
    ("End", KeyCode::End, "End"),
    ("PageUp", KeyCode::PageUp, "PgUp"),
    ("PgUp", KeyCode::PageUp, "PgUp"),
    ("PageDown", KeyCode::PageDown, "PgDn"),
    ("PgDn", KeyCode::PageDown, "PgDn"),
    ("Tab", KeyCode::Tab, "Tab"),
    ("BackTab", KeyCode::BackTab, "Shift-Tab"),
    ("Backspace", KeyCode::Backspace, "Backspace"),
    ("Enter", KeyCode::Enter, "Enter"),
    ("Ret", KeyCode::Enter, "Enter"),
    ("Esc", KeyCode::Esc, "Esc"),
    ("Delete", KeyCode::Delete, "Delete"),
    ("Del", KeyCode::Delete, "Delete"),
    ("Insert", KeyCode::Insert, "Insert"),
    ("Space", KeyCode::Char(' '), "Space"),
    ("minus", KeyCode::Char('-'), "-"),
];

/// Every name [`parse_key`] takes as a whole, for "did you mean".
pub fn known_names() -> impl Iterator<Item = &'static str> {
    NAMED.iter().map(|(n, _, _)| *n).chain([
        "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12",
    ])
}

/// A key from its name: one character (`"x"`, `"?"`), a named key
/// (`"Right"`, `"PageDown"`, `"Enter"`, `"Space"`, `"F5"`), or either after
/// `C-` (Control) or `S-` (Shift: `"S-Tab"`, `"S-x"` is `"X"`). The error
/// says what is wrong, worded to follow "unknown key \"…\"".
pub fn parse_key(name: &str) -> Result<Key, String> {
    if name.is_empty() {
        return Err("a key name is empty; write one such as \"x\", \"Right\" or \"C-r\"".into());
    }
    let mut rest = name;
    let (mut ctrl, mut shift) = (false, false);
    loop {
        if rest.chars().count() <= 2 {
            break;
        }
        if let Some(r) = rest.strip_prefix("C-") {
            ctrl = true;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("S-") {
            shift = true;
            rest = r;
        } else if rest.starts_with("A-") || rest.starts_with("M-") {
            return Err(format!(
                "\"{name}\": Alt is not a modifier the browser binds (Esc and a key typed \
                 together read as Alt); bind the key alone, or with C-"
            ));
        } else {
            break;
        }
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(c),
        _ => named(rest).ok_or_else(|| format!("unknown key \"{name}\""))?,
    };
    let code = match (code, shift) {
        (KeyCode::Tab, true) => KeyCode::BackTab,
        (KeyCode::Char(c), true) if c.is_alphabetic() => {
            KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
        }
        (KeyCode::Char(_), true) => {
            return Err(format!(
                "\"{name}\": Shift with a symbol is the symbol it types; write that one (\"?\" for S-/)"
            ));
        }
        (_, true) => {
            return Err(format!(
                "\"{name}\": Shift goes with letters and Tab only (S-x, S-Tab)"
            ));
        }
        (code, false) => code,
    };
    let code = match (code, ctrl) {
        // Terminals send Ctrl and a letter without its case.
        (KeyCode::Char(c), true) => KeyCode::Char(c.to_ascii_lowercase()),
        (code, _) => code,
    };
    let modifiers = match ctrl {
        true => KeyModifiers::CONTROL,
        false => KeyModifiers::NONE,
    };
    Ok(Key { code, modifiers })
}

fn named(name: &str) -> Option<KeyCode> {
    if let Some(n) = name
        .strip_prefix(['F', 'f'])
        .and_then(|n| n.parse::<u8>().ok())
        .filter(|n| (1..=12).contains(n))
    {
        return Some(KeyCode::F(n));
    }
    NAMED
        .iter()
        .find(|(n, _, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, code, _)| *code)
}

/// A key as a configuration file writes it: `"C-r"`, `"Right"`, `"x"`.
pub fn spec(key: Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::BackTab => "S-Tab".to_string(),
        KeyCode::F(n) => format!("F{n}"),
        code => NAMED
            .iter()
            .find(|(_, c, _)| *c == code)
            .map_or_else(|| format!("{code:?}"), |(n, _, _)| (*n).to_string()),
    };
    match key.modifiers.contains(KeyModifiers::CONTROL) {
        true => format!("C-{base}"),
        false => base,
    }
}

/// A key as help and the hints show it: `Ctrl-R`, `PgDn`, `x`.
pub fn display(key: Key) -> String {
    let base = match key.code {
        KeyCode::Char(c) if key.modifiers.contains(KeyModifiers::CONTROL) => {
            c.to_ascii_uppercase().to_string()
        }
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        code => NAMED
            .iter()
            .find(|(_, c, _)| *c == code)
            .map_or_else(|| format!("{code:?}"), |(_, _, shown)| (*shown).to_string()),
    };
    match key.modifiers.contains(KeyModifiers::CONTROL) {
        true => format!("Ctrl-{base}"),
        false => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key { code, modifiers }
    }

    #[test]
    fn names_as_helix_writes_them() {
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(parse_key("x"), Ok(k(KeyCode::Char('x'), none)));
        assert_eq!(parse_key("Right"), Ok(k(KeyCode::Right, none)));
        assert_eq!(parse_key("right"), Ok(k(KeyCode::Right, none)));
        assert_eq!(parse_key("C-r"), Ok(k(KeyCode::Char('r'), ctrl)));
        assert_eq!(parse_key("C-R"), Ok(k(KeyCode::Char('r'), ctrl)));
        assert_eq!(parse_key("S-Tab"), Ok(k(KeyCode::BackTab, none)));
        assert_eq!(parse_key("S-p"), Ok(k(KeyCode::Char('P'), none)));
        assert_eq!(parse_key("Enter"), Ok(k(KeyCode::Enter, none)));
        assert_eq!(parse_key("C-Left"), Ok(k(KeyCode::Left, ctrl)));
        assert_eq!(parse_key("F5"), Ok(k(KeyCode::F(5), none)));
        assert_eq!(parse_key("-"), Ok(k(KeyCode::Char('-'), none)));
        assert_eq!(parse_key("Space"), Ok(k(KeyCode::Char(' '), none)));
        assert!(parse_key("Rigth").is_err());
        assert!(parse_key("A-x").is_err());
        assert!(parse_key("").is_err());
        assert!(parse_key("F13").is_err());
    }

    #[test]
    fn a_key_written_back_reads_the_same() {
        for name in [
            "x", "Right", "C-r", "S-Tab", "Enter", "Space", "PageDown", "F2", "C-Left",
        ] {
            let key = parse_key(name).unwrap();
            assert_eq!(parse_key(&spec(key)), Ok(key), "{name}");
        }
        assert_eq!(display(parse_key("C-r").unwrap()), "Ctrl-R");
        assert_eq!(display(parse_key("PageDown").unwrap()), "PgDn");
    }
}

//! The key table in force: the defaults ([`BINDINGS`]) with a configuration
//! file's `[keys]` over them, as helix merges a user's keymap over its
//! default one. Dispatch, the help overlay and the hints all read a
//! [`Keymap`], so what help says is what the keys do.

use std::sync::LazyLock;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::{BINDINGS, Binding, Context, Hint, Key, TEXT, contexts, ctrl, display};
use crate::app::{App, Intent};

/// The key table in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

/// One action's keys as a file gives them: they replace its default keys
/// in every context it has a row in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remap {
    pub intent: Intent,
    pub keys: Vec<Key>,
}

/// A default binding that gave up a key to one a file made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub key: Key,
    pub context: Context,
    /// The action that had the key by default, and has it no more.
    pub lost_by: Intent,
    /// The action the file gave it to.
    pub taken_by: Intent,
}

/// Why a remap is refused: its index in the remaps, and why.
pub type RemapError = (usize, String);

/// Ctrl-C quits everywhere, whatever a file says: the way out that always works.
const ALWAYS_QUITS: Key = ctrl('c');

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: BINDINGS.to_vec(),
        }
    }
}

/// A slice that lives as long as the program: the keymap is made once per
/// run, and its bindings keep `&'static` fields like the defaults' so one
/// `Binding` type serves both.
fn leak<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

fn leak_str(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// A character without Control: typed text in a context with a text entry.
fn is_typed(key: &Key) -> bool {
    matches!(key.code, KeyCode::Char(_)) && !key.modifiers.contains(KeyModifiers::CONTROL)
}

impl Keymap {
    /// The default keys, made once.
    pub fn defaults() -> &'static Keymap {
        static DEFAULTS: LazyLock<Keymap> = LazyLock::new(Keymap::default);
        &DEFAULTS
    }

    /// The defaults with `remaps` over them: each replaces its action's
    /// keys in every context the action has a row in, and a key it takes
    /// from another action's default binding in that context is that
    /// action's no more (listed in the changes). In a context where
    /// letters are typed (the picker, the search, the people view), a
    /// remap's plain characters stay letters; when it has no other key,
    /// the action keeps its default keys there. Ctrl-C always quits.
    ///
    /// Errors name the remap (by index) and say why: a key given to two
    /// actions of one context, Ctrl-C, or `type` (every letter).
    pub fn new(remaps: &[Remap]) -> Result<(Keymap, Vec<Change>), Vec<RemapError>> {
        let mut rows: Vec<Binding> = BINDINGS.to_vec();
        let mut changed = vec![false; rows.len()];
        let mut errors = Vec::new();
        let mut changes = Vec::new();
        for (n, r) in remaps.iter().enumerate() {
            if matches!(r.intent, Intent::Type(_)) {
                errors.push((
                    n,
                    "`type` is every character typed into a text; it has no keys to bind".into(),
                ));
            }
            if r.keys.contains(&ALWAYS_QUITS) {
                errors.push((
                    n,
                    "C-c always quits, so it cannot be bound to anything else".into(),
                ));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut seen: Vec<Context> = Vec::new();
        for b in BINDINGS {
            if !seen.contains(&b.context) {
                seen.push(b.context);
            }
        }
        for context in seen {
            let idx: Vec<usize> = (0..rows.len())
                .filter(|&i| rows[i].context == context)
                .collect();
            let typed = idx.iter().any(|&i| rows[i].keys.contains(&TEXT));
            // The keys the file gives in this context, and to what.
            let mut taken: Vec<(Key, Intent)> = Vec::new();
            for (n, r) in remaps.iter().enumerate() {
                if context == Context::Anywhere && r.intent == Intent::Quit {
                    continue;
                }
                let mine: Vec<usize> = idx
                    .iter()
                    .copied()
                    .filter(|&i| rows[i].action == r.intent)
                    .collect();
                for i in mine {
                    let mut keys: Vec<Key> = Vec::new();
                    for k in &r.keys {
                        let letter_typed = typed && is_typed(k);
                        if !letter_typed && !keys.contains(k) {
                            keys.push(*k);
                        }
                    }
                    if keys.is_empty() {
                        continue;
                    }
                    for k in &keys {
                        match taken.iter().find(|(t, _)| t == k) {
                            Some((_, other)) if *other != r.intent => {
                                let clash = format!(
                                    "\"{}\" is bound to both `{}` and `{}`",
                                    super::spec(*k),
                                    other.name().unwrap_or("?"),
                                    r.intent.name().unwrap_or("?"),
                                );
                                // Said once, where it first clashes: the same
                                // two actions share several contexts.
                                if !errors.iter().any(|(m, e)| *m == n && e.starts_with(&clash)) {
                                    errors.push((n, format!("{clash} {}", where_(context))));
                                }
                            }
                            _ => taken.push((*k, r.intent)),
                        }
                    }
                    rows[i].keys = leak(keys);
                    changed[i] = true;
                }
            }
            for &i in &idx {
                if changed[i] {
                    continue;
                }
                let (lost, kept): (Vec<Key>, Vec<Key>) = rows[i]
                    .keys
                    .iter()
                    .partition(|k| taken.iter().any(|(t, _)| t == *k));
                for key in &lost {
                    if let Some((_, by)) = taken.iter().find(|(t, _)| t == key) {
                        changes.push(Change {
                            key: *key,
                            context,
                            lost_by: rows[i].action,
                            taken_by: *by,
                        });
                    }
                }
                if !lost.is_empty() {
                    rows[i].keys = leak(kept);
                    changed[i] = true;
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        relabel(&mut rows, &changed);
        Ok((Keymap { bindings: rows }, changes))
    }

    /// Every binding in force, in the order help lists them.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action for a key press in the current state, if the key does
    /// anything: the first binding of the most specific context that has it.
    pub fn action_for(&self, app: &App, key: KeyEvent) -> Option<Intent> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        contexts(app)
            .iter()
            .find_map(|&c| {
                self.bindings
                    .iter()
                    .filter(|b| b.context == c)
                    .find(|b| b.keys.iter().any(|k| k.matches(&key)))
            })
            .map(|b| match (b.action, key.code) {
                (Intent::Type(_), KeyCode::Char(c)) => Intent::Type(c),
                (intent, _) => intent,
            })
    }

    /// The status-line hints for the current state: the most specific
    /// context's first, each in table order; a hint whose key a more
    /// specific context takes over is left out (with the details focused,
    /// `j/k event` gives way to `j/k scroll`). The cost is the table's,
    /// never the trip's.
    pub fn hints<'a>(&'a self, app: &App) -> impl Iterator<Item = Hint> + 'a {
        let contexts = contexts(app);
        let all = &self.bindings;
        contexts.iter().enumerate().flat_map(move |(i, &c)| {
            let before = &contexts[..i];
            all.iter()
                .filter(move |b| b.context == c)
                .filter(move |b| {
                    !all.iter().any(|o| {
                        before.contains(&o.context) && o.keys.iter().any(|k| b.keys.contains(k))
                    })
                })
                .filter_map(|b| b.hint)
        })
    }
}

/// "in browsing", as a conflict is worded.
fn where_(context: Context) -> String {
    format!("in \"{}\"", context.heading())
}

/// Help labels and hints that follow the keys in force: a changed row is
/// labelled by its keys, and so are the rows help showed under its label
/// (day 2 to 9 under "1..9"); a hint's keys ("j/k") are those of the rows
/// they named.
fn relabel(rows: &mut [Binding], changed: &[bool]) {
    let shown = |b: &Binding| -> String {
        match b.keys.is_empty() {
            true => "(no key)".to_string(),
            false => b
                .keys
                .iter()
                .filter(|k| **k != TEXT)
                .map(|k| display(*k))
                .collect::<Vec<_>>()
                .join(" "),
        }
    };
    let mut leader_changed = false;
    for i in 0..rows.len() {
        if !rows[i].label.is_empty() {
            leader_changed = changed[i];
        }
        let under_leader = rows[i].label.is_empty();
        if changed[i] || (under_leader && leader_changed) {
            if rows[i].keys.contains(&TEXT) {
                continue;
            }
            rows[i].label = leak_str(shown(&rows[i]));
        }
    }
    for i in 0..rows.len() {
        let Some(hint) = rows[i].hint else { continue };
        let context = rows[i].context;
        let mut any = false;
        let mut parts: Vec<String> = Vec::new();
        let mut lost = false;
        for part in hint.keys.split('/') {
            // The row of this context whose default keys this part names.
            let row = BINDINGS.iter().position(|b| {
                b.context == context && b.keys.iter().any(|k| *k != TEXT && display(*k) == part)
            });
            match row {
                Some(r) if changed[r] => {
                    any = true;
                    match rows[r].keys.first() {
                        Some(k) => parts.push(display(*k)),
                        None => lost = true,
                    }
                }
                _ => parts.push(part.to_string()),
            }
        }
        if lost {
            rows[i].hint = None;
        } else if any {
            rows[i].hint = Some(Hint {
                keys: leak_str(parts.join("/")),
                ..hint
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::parse_key;

    fn remap(name: &str, keys: &[&str]) -> Remap {
        Remap {
            intent: Intent::from_name(name).unwrap(),
            keys: keys.iter().map(|k| parse_key(k).unwrap()).collect(),
        }
    }

    fn row(map: &Keymap, context: Context, intent: Intent) -> Binding {
        *map.bindings()
            .iter()
            .find(|b| b.context == context && b.action == intent)
            .unwrap()
    }

    #[test]
    fn a_binding_replaces_the_default_keys_and_relabels() {
        let (map, changes) = Keymap::new(&[remap("next_day", &["x", "Right"])]).unwrap();
        let b = row(&map, Context::Browse, Intent::NextDay);
        assert_eq!(b.label, "x Right");
        assert_eq!(
            b.keys,
            &[parse_key("x").unwrap(), parse_key("Right").unwrap()]
        );
        assert!(changes.is_empty(), "x is no default key of browsing");
        // The "h/l day" hint is on prev_day and names l (next_day's): now x.
        let hint = row(&map, Context::Browse, Intent::PrevDay).hint.unwrap();
        assert_eq!(hint.keys, "h/x");
    }

    #[test]
    fn a_key_taken_from_a_default_is_listed_and_lost() {
        let (map, changes) = Keymap::new(&[remap("help", &["q"])]).unwrap();
        let quit = row(&map, Context::Browse, Intent::Quit);
        assert!(quit.keys.is_empty());
        assert_eq!(quit.label, "(no key)");
        assert_eq!(quit.hint, None, "no key, no hint");
        assert_eq!(
            changes,
            [Change {
                key: parse_key("q").unwrap(),
                context: Context::Browse,
                lost_by: Intent::Quit,
                taken_by: Intent::Help,
            }]
        );
        // Ctrl-C still quits: Anywhere's binding is untouched.
        assert_eq!(
            row(&map, Context::Anywhere, Intent::Quit).keys,
            &[parse_key("C-c").unwrap()]
        );
    }

    #[test]
    fn one_key_for_two_actions_of_one_context_is_an_error() {
        let err = Keymap::new(&[remap("next_day", &["x"]), remap("prev_day", &["x"])]).unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].0, 1);
        assert!(
            err[0]
                .1
                .contains("\"x\" is bound to both `next_day` and `prev_day`"),
            "{err:?}"
        );
        // Two contexts: no conflict (scroll_down is the details', next_event browsing's).
        assert!(Keymap::new(&[remap("scroll_down", &["x"]), remap("next_event", &["x"])]).is_ok());
    }

    #[test]
    fn letters_stay_letters_where_text_is_typed() {
        let (map, _) = Keymap::new(&[remap("next_event", &["J"])]).unwrap();
        assert_eq!(
            row(&map, Context::Browse, Intent::NextEvent).keys,
            &[parse_key("J").unwrap()]
        );
        // The people view types letters: its default Down stays.
        assert_eq!(
            row(&map, Context::People, Intent::NextEvent).keys,
            &[parse_key("Down").unwrap()]
        );
    }

    #[test]
    fn ctrl_c_and_type_cannot_be_bound() {
        assert!(Keymap::new(&[remap("help", &["C-c"])]).is_err());
        assert!(Keymap::new(&[remap("type", &["x"])]).is_err());
    }

    #[test]
    fn no_remaps_is_the_default_table() {
        let (map, changes) = Keymap::new(&[]).unwrap();
        assert_eq!(&map, Keymap::defaults());
        assert!(changes.is_empty());
    }
}

//! One entity's table, read back from the text by its origin with
//! `toml_edit`, and the splices that change it.
//!
//! Only the lines of the entity's own table are parsed (its origin's span,
//! widened to whole lines), so an edit costs the same on a 20 MB file as on
//! a small one. `toml_edit` gives the span of every key and value in those
//! lines and writes every new value and line; a splice then replaces just
//! those bytes in the whole text, so every other byte stays as it was.

use std::ops::Range;

use toml_edit::{Document, DocumentMut, Item, Table, Value};

use crate::model::Origin;

/// A change to the text: the bytes of `at` become `with`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    pub at: Range<usize>,
    pub with: String,
}

/// Applies splices that do not overlap, in any order, to `text`.
pub fn apply(text: &str, mut splices: Vec<Splice>) -> String {
    splices.sort_by_key(|s| s.at.start);
    let grows: usize = splices.iter().map(|s| s.with.len()).sum();
    let mut out = String::with_capacity(text.len() + grows);
    let mut from = 0;
    for s in &splices {
        out.push_str(&text[from..s.at.start]);
        out.push_str(&s.with);
        from = s.at.end;
    }
    out.push_str(&text[from..]);
    out
}

/// The start of the line holding `at`.
pub fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The end of the line holding `at`, past its line break (or the text's end).
pub fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i + 1)
}

/// An entity's table as `toml_edit` reads it from its lines.
pub struct Entity<'t> {
    text: &'t str,
    /// The whole lines of the entity's own table, in the whole text.
    lines: Range<usize>,
    /// The keys leading to the table: `["day", "stop"]`, `["unscheduled"]`.
    path: Vec<String>,
    /// The table's own key-values in file order.
    entries: Vec<KeyValue>,
}

/// A key-value of the table, spans in the whole text.
struct KeyValue {
    key: String,
    key_span: Range<usize>,
    value_span: Range<usize>,
    value: Value,
}

impl<'t> Entity<'t> {
    /// The table at `origin` in `text`; an error says why it cannot be
    /// edited here (a table written inline, say).
    pub fn read(text: &'t str, origin: &Origin) -> Result<Entity<'t>, String> {
        let span = origin.span.clone();
        let header = text.get(span.clone()).unwrap_or("");
        if !header.starts_with('[') {
            return Err("it is written as an inline table ({ … }); \
                        edit it in your editor (E)"
                .into());
        }
        let lines = line_start(text, span.start)..line_end(text, span.end);
        let doc = Document::parse(text[lines.clone()].to_string())
            .map_err(|e| format!("its table no longer reads as TOML ({})", e.message()))?;
        let mut path = Vec::new();
        let table = leaf(doc.as_table(), &mut path)
            .ok_or("its table is not where the file was read; reload it (it changed)")?;
        let at = |s: Range<usize>| s.start + lines.start..s.end + lines.start;
        let entries = table
            .iter()
            .filter_map(|(k, item)| {
                Some(KeyValue {
                    key: k.to_string(),
                    key_span: at(table.key(k)?.span()?),
                    value_span: at(item.span()?),
                    value: item.as_value()?.clone(),
                })
            })
            .collect();
        Ok(Entity {
            text,
            lines,
            path,
            entries,
        })
    }

    fn entry(&self, key: &str) -> Option<&KeyValue> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// The keys of the table's header, as written: `["day", "stop"]`.
    pub fn path(&self) -> &[String] {
        &self.path
    }

    /// The value under `key`, if the table has it.
    pub fn value(&self, key: &str) -> Option<&Value> {
        self.entry(key).map(|e| &e.value)
    }

    /// Replaces the value under `key` (which the table has) with `value`,
    /// written as `toml_edit` writes it; the key, spacing and any comment
    /// on its line stay.
    pub fn replace(&self, key: &str, value: &Value) -> Option<Splice> {
        let at = self.entry(key)?.value_span.clone();
        let mut v = value.clone();
        v.decor_mut().clear();
        Some(Splice {
            at,
            with: v.to_string(),
        })
    }

    /// Sets `key` to `value`: in place when the table has it, else as a new
    /// line after its last key, aligned as its other keys are.
    pub fn set(&self, key: &str, value: &Value) -> Splice {
        if let Some(s) = self.replace(key, value) {
            return s;
        }
        let at = self.lines.end;
        let mut line = String::new();
        if !self.text[..at].ends_with('\n') && at > 0 {
            line.push_str(self.newline());
        }
        line.push_str(&self.indent());
        line.push_str(&key_value_line(
            key,
            value,
            self.eq_column(),
            self.newline(),
        ));
        if at == self.text.len() && !self.text.ends_with('\n') {
            // The file had no line break at its end; neither has it now.
            line.truncate(line.len() - self.newline().len());
        }
        Splice {
            at: at..at,
            with: line,
        }
    }

    /// Removes the line of `key` (nothing when the table has no such key).
    pub fn remove(&self, key: &str) -> Option<Splice> {
        let e = self.entry(key)?;
        let start = line_start(self.text, e.key_span.start);
        Some(Splice {
            at: start..line_end(self.text, e.value_span.end),
            with: String::new(),
        })
    }

    /// The line break the table's lines use.
    pub fn newline(&self) -> &'static str {
        if self.text[self.lines.clone()].contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        }
    }

    /// The indentation of the table's last key line.
    fn indent(&self) -> String {
        let last = self.entries.iter().map(|e| e.key_span.start).max();
        match last {
            Some(at) => self.text[line_start(self.text, at)..at].to_string(),
            None => String::new(),
        }
    }

    /// The column of `=` when every key of the table has it at one column
    /// past a padded key (`place      = …`); `None` when keys are not aligned.
    pub fn eq_column(&self) -> Option<usize> {
        let mut column = None;
        let mut padded = false;
        for e in &self.entries {
            let end = e.key_span.end;
            let eq = end + self.text[end..].find('=')?;
            let col = eq - line_start(self.text, end);
            padded |= eq - end > 1;
            match column {
                None => column = Some(col),
                Some(c) if c != col => return None,
                Some(_) => {}
            }
        }
        column.filter(|_| padded)
    }
}

/// The one table a single header defines in `table`: down implicit tables
/// to an array of one table (`[[day.stop]]`) or an explicit table.
fn leaf<'a>(table: &'a Table, path: &mut Vec<String>) -> Option<&'a Table> {
    let mut entries = table.iter();
    let (key, item) = entries.next()?;
    if entries.next().is_some() {
        return None;
    }
    path.push(key.to_string());
    match item {
        Item::Table(t) if t.is_implicit() => leaf(t, path),
        Item::Table(t) => Some(t),
        Item::ArrayOfTables(a) if a.len() == 1 => a.get(0),
        _ => None,
    }
}

/// `key = value` and a line break, written by `toml_edit`, with `=` at
/// `eq_column` when given (and the key shorter than that).
pub fn key_value_line(key: &str, value: &Value, eq_column: Option<usize>, newline: &str) -> String {
    let mut doc = DocumentMut::new();
    let mut v = value.clone();
    v.decor_mut().clear();
    doc.insert(key, Item::Value(v));
    if let Some(col) = eq_column
        && let Some(mut k) = doc.key_mut(key)
    {
        let width = k.get().len();
        k.leaf_decor_mut()
            .set_suffix(" ".repeat(col.saturating_sub(width).max(1)));
    }
    doc.to_string().replace('\n', newline)
}

/// A new array-of-tables table under `path` (`["day", "stop", "meeting"]`)
/// with `entries` in order, as `toml_edit` writes it: the header line and
/// one line per key, `=` aligned past the longest key when `align`.
pub fn new_table(path: &[String], entries: &[(&str, Value)], align: bool, newline: &str) -> String {
    let width = entries.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    let mut table = Table::new();
    for (k, v) in entries {
        table.insert(k, Item::Value(v.clone()));
        if align && let Some(mut key) = table.key_mut(k) {
            key.leaf_decor_mut()
                .set_suffix(" ".repeat(width - k.len() + 1));
        }
    }
    let mut item = Item::ArrayOfTables(toml_edit::ArrayOfTables::from_iter([table]));
    let mut doc = DocumentMut::new();
    let Some((first, rest)) = path.split_first() else {
        return String::new();
    };
    for key in rest.iter().rev() {
        let mut parent = Table::new();
        parent.set_implicit(true);
        parent.insert(key, item);
        item = Item::Table(parent);
    }
    doc.insert(first, item);
    doc.to_string().replace('\n', newline)
}

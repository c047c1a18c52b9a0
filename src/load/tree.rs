//! The one representation of a file the validator reads: a lean tree of
//! tables, keys and values, each with its span in the whole text.
//!
//! It is built straight from `toml_parser`'s events ([`Builder`]) for the
//! files people and generators write: headers and key-values with bare keys,
//! scalars and arrays of scalars, with TOML's rules for tables (implicit,
//! redefined, appended) applied as they come. Anything else (an inline
//! table, a dotted or quoted key, a syntax error) makes the builder give
//! up, and the text is parsed by toml's own document, which words every
//! syntax error and whose tables are copied into the same tree
//! ([`from_document`]). Either way the validator (`validate`) sees one
//! shape, so every rule of the file is written once.
//!
//! The tree keeps what origins need: each table's header span and the end
//! of its last own key-value, and every entry in file order.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml::value::Datetime;
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::lexer::Token;
use toml_parser::parser::{EventReceiver, RecursionGuard, ValidateWhitespace};
use toml_parser::{ErrorSink, ParseError, Raw, Source};

pub type Span = Range<usize>;

/// A table: from a header, an inline table, or implied by a longer header.
#[derive(Debug, Default)]
pub struct Table<'i> {
    /// The header (`[[day.stop]]`) or the inline table; where a missing
    /// field is reported.
    pub header: Span,
    /// The end of the table's last own key-value (its header's end when it
    /// has none); sub-tables with headers of their own are not counted.
    pub end: usize,
    /// Keys in file order.
    pub entries: Vec<Entry<'i>>,
    /// Made by a header (not implied by a longer one): a second is an error.
    defined: bool,
    /// Where each key is in `entries`, once there are many (the people of
    /// a large trip): finding a key stays constant instead of a scan, which
    /// made reading a table of n sub-tables take n² / 2 key comparisons.
    index: HashMap<Cow<'i, str>, usize>,
}

/// Tables with fewer entries than this are searched by a scan.
const INDEXED_FROM: usize = 16;

/// `key = value`, or a sub-table under its key.
#[derive(Debug)]
pub struct Entry<'i> {
    pub key: Cow<'i, str>,
    pub key_span: Span,
    pub value: Value<'i>,
}

#[derive(Debug)]
pub struct Value<'i> {
    pub span: Span,
    pub kind: Kind<'i>,
}

#[derive(Debug)]
pub enum Kind<'i> {
    String(Cow<'i, str>),
    Integer,
    Float,
    Boolean,
    Datetime(Datetime),
    /// An array written in brackets.
    Array(Vec<Value<'i>>),
    /// Boxed: most entries are scalars, and a table is five times their size.
    Table(Box<Table<'i>>),
    /// An array of tables, each from its `[[…]]` header.
    Tables(Vec<Table<'i>>),
}

impl<'i> Table<'i> {
    /// The entry under `key`, taken out of the table.
    pub fn take(&mut self, key: &str) -> Option<Entry<'i>> {
        let i = self.position(key)?;
        // The entries after it move down: the index is made again if needed.
        self.index.clear();
        Some(self.entries.remove(i))
    }

    /// Where `key` is, found by comparing it with every key before it.
    fn scan(&self, key: &str) -> Option<usize> {
        let found = self.entries.iter().position(|e| e.key == key);
        #[cfg(feature = "work")]
        crate::work::keys(found.map_or(self.entries.len(), |i| i + 1));
        found
    }

    /// Where `key` is in `entries`.
    fn position(&mut self, key: &str) -> Option<usize> {
        if let Some(found) = self.indexed(key) {
            return found;
        }
        if self.entries.len() < INDEXED_FROM {
            return self.scan(key);
        }
        self.index = (self.entries.iter().enumerate())
            .map(|(i, e)| (e.key.clone(), i))
            .collect();
        self.indexed(key).flatten()
    }

    /// `key`'s place by the index: `None` when the index is not up to date
    /// (the entries changed under it), else whether and where it is.
    fn indexed(&self, key: &str) -> Option<Option<usize>> {
        if self.index.is_empty() || self.index.len() != self.entries.len() {
            return None;
        }
        match self.index.get(key) {
            None => Some(None),
            Some(&i) => (self.entries.get(i).is_some_and(|e| e.key == key)).then_some(Some(i)),
        }
    }

    /// Adds an entry whose key the table does not have.
    fn push(&mut self, entry: Entry<'i>) {
        let fresh = self.index.len() == self.entries.len() && !self.index.is_empty();
        if fresh {
            self.index.insert(entry.key.clone(), self.entries.len());
        }
        self.entries.push(entry);
    }

    /// The span from the header to the last own key-value.
    pub fn span(&self) -> Span {
        self.header.start..self.end.max(self.header.end)
    }
}

/// The tree of `text` built from the parser's events; `None` when the
/// builder gives up (then only toml's document can read it).
///
/// The text is lexed and parsed in pieces of about [`PIECE_LEN`], one after
/// another into the one tree, so the lexer's tokens (24 bytes for about
/// every 4 bytes of text) are held for one piece at a time, not for the
/// whole file. A piece ends before a line that starts with `[`. Where that
/// line is no header (inside a multi-line string or array), the piece
/// before it ends inside that string or array, does not parse, and the
/// builder gives up: the pieces never change what the file means.
pub fn from_events(text: &str) -> Option<Table<'_>> {
    let mut b = Builder {
        root: Table::default(),
        path: Vec::new(),
        failed: false,
    };
    let mut tokens = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let end = piece_end(text, start);
        b.read(text, start..end, &mut tokens)?;
        start = end;
    }
    (!b.failed).then_some(b.root)
}

/// The longest piece of text lexed at once, unless a line is longer.
const PIECE_LEN: usize = 1024 * 1024;

/// Where the piece from `start` ends: at the first line starting with `[`
/// at least [`PIECE_LEN`] on, or at the end of the text.
fn piece_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let from = start.saturating_add(PIECE_LEN);
    if from >= bytes.len() {
        return bytes.len();
    }
    memchr::memmem::find(&bytes[from..], b"\n[").map_or(bytes.len(), |at| from + at + 1)
}

/// The tree being built from the events.
struct Builder<'i> {
    root: Table<'i>,
    /// Where the key-values being read go: entry indices from the root,
    /// each into a table or the last of an array of tables.
    path: Vec<usize>,
    failed: bool,
}

impl<'i> Builder<'i> {
    /// Reads `text[range]`, which starts at a header or at the start of the
    /// text, into the tree; `None` when the builder gives up.
    fn read(&mut self, text: &'i str, range: Span, tokens: &mut Vec<Token>) -> Option<()> {
        let src = text.get(range.clone())?;
        let source = Source::new(src);
        tokens.clear();
        tokens.extend(source.lex());
        // Back to the root: each piece starts with a header.
        self.path.clear();
        let mut events = Events {
            b: self,
            src,
            offset: range.start,
            header: None,
            key: None,
            array: None,
        };
        let mut errors: Option<ParseError> = None;
        {
            let mut whitespace = ValidateWhitespace::new(&mut events, source);
            // The limit toml itself parses with, so deep nesting fails alike.
            let mut guard = RecursionGuard::new(&mut whitespace, 80);
            toml_parser::parser::parse_document(tokens, &mut guard, &mut errors);
        }
        let unfinished = events.header.is_some() || events.key.is_some();
        (!self.failed && !unfinished && errors.is_none()).then_some(())
    }

    /// The table the path leads to.
    fn current(&mut self) -> Option<&mut Table<'i>> {
        let mut t = &mut self.root;
        for &i in &self.path {
            t = match &mut t.entries.get_mut(i)?.value.kind {
                Kind::Table(sub) => sub,
                Kind::Tables(list) => list.last_mut()?,
                _ => return None,
            };
        }
        Some(t)
    }

    /// Opens the table a header names, as TOML says: every key but the
    /// last leads through a table (made if absent) or the last of an array
    /// of tables; the last names a new table, or one only implied so far,
    /// or (`array`) appends a table to an array of tables.
    fn open(&mut self, keys: Vec<(&'i str, Span)>, array: bool, header: Span) -> Option<()> {
        let ((last, last_span), within) = keys.split_last()?;
        self.path.clear();
        let mut path = Vec::with_capacity(keys.len());
        let mut t = &mut self.root;
        for (key, span) in within {
            let i = match t.position(key) {
                Some(i) => i,
                None => {
                    t.push(entry(key, span, Kind::Table(Box::default())));
                    t.entries.len() - 1
                }
            };
            path.push(i);
            t = match &mut t.entries.get_mut(i)?.value.kind {
                Kind::Table(sub) => sub,
                Kind::Tables(list) => list.last_mut()?,
                _ => return None,
            };
        }
        let table = Table {
            header: header.clone(),
            end: header.end,
            // Room for a stop's keys: growing one at a time costs more.
            entries: Vec::with_capacity(8),
            defined: true,
            index: HashMap::new(),
        };
        let i = t.position(last);
        let i = match (i, array) {
            (None, array) => {
                let kind = match array {
                    false => Kind::Table(Box::new(table)),
                    true => Kind::Tables(vec![table]),
                };
                let mut e = entry(last, last_span, kind);
                // A table made by a header is where its header is, as in toml's document.
                e.value.span = header;
                t.push(e);
                t.entries.len() - 1
            }
            (Some(i), false) => match &mut t.entries.get_mut(i)?.value.kind {
                Kind::Table(implied) if !implied.defined => {
                    implied.defined = true;
                    implied.header = header.clone();
                    implied.end = header.end;
                    i
                }
                _ => return None,
            },
            (Some(i), true) => match &mut t.entries.get_mut(i)?.value.kind {
                Kind::Tables(list) => {
                    list.push(table);
                    i
                }
                _ => return None,
            },
        };
        path.push(i);
        self.path = path;
        Some(())
    }

    /// Adds `key = value` to the current table; a key given twice is an error.
    fn assign(&mut self, key: &'i str, key_span: Span, value: Value<'i>) -> Option<()> {
        let t = self.current()?;
        if t.position(key).is_some() {
            return None;
        }
        t.end = value.span.end;
        t.push(Entry {
            key: Cow::Borrowed(key),
            key_span,
            value,
        });
        Some(())
    }
}

fn entry<'i>(key: &'i str, span: &Span, kind: Kind<'i>) -> Entry<'i> {
    Entry {
        key: Cow::Borrowed(key),
        key_span: span.clone(),
        value: Value {
            span: span.clone(),
            kind,
        },
    }
}

/// A header being read: its keys, whether it is `[[…]]`, its start.
type HeaderRead<'i> = (Vec<(&'i str, Span)>, bool, usize);

/// The receiver of a piece's events.
struct Events<'b, 'i> {
    b: &'b mut Builder<'i>,
    src: &'i str,
    /// Where `src` starts in the whole text.
    offset: usize,
    header: Option<HeaderRead<'i>>,
    /// The key whose value comes next, once its `=` is read.
    key: Option<(&'i str, Span, bool)>,
    /// The array being read: its start and items.
    array: Option<(usize, Vec<Value<'i>>)>,
}

impl<'i> Events<'_, 'i> {
    fn span(&self, s: toml_parser::Span) -> Span {
        s.start() + self.offset..s.end() + self.offset
    }

    fn fail(&mut self) {
        self.b.failed = true;
    }

    /// A scalar decoded as toml decodes it; `None` when it is an error.
    fn scalar_value(&self, s: toml_parser::Span, encoding: Option<Encoding>) -> Option<Value<'i>> {
        let raw = Raw::new_unchecked(self.src.get(s.start()..s.end())?, encoding, s);
        let mut out: Cow<'i, str> = Cow::Borrowed("");
        let mut error: Option<ParseError> = None;
        let kind = raw.decode_scalar(&mut out, &mut error);
        if error.is_some() {
            return None;
        }
        let kind = match kind {
            ScalarKind::String => Kind::String(out),
            ScalarKind::Boolean(_) => Kind::Boolean,
            ScalarKind::DateTime => Kind::Datetime(out.parse().ok()?),
            ScalarKind::Float => Kind::Float,
            ScalarKind::Integer(_) => Kind::Integer,
        };
        Some(Value {
            span: self.span(s),
            kind,
        })
    }

    /// The value of the key just read.
    fn value(&mut self, value: Value<'i>) {
        match self.key.take() {
            Some((key, span, true)) if !self.b.failed => {
                if self.b.assign(key, span, value).is_none() {
                    self.fail();
                }
            }
            _ => self.fail(),
        }
    }

    fn header_close(&mut self, s: toml_parser::Span) {
        let Some((keys, array, start)) = self.header.take() else {
            return self.fail();
        };
        let header = start..s.end() + self.offset;
        if !self.b.failed && self.b.open(keys, array, header).is_none() {
            self.fail();
        }
    }
}

impl EventReceiver for Events<'_, '_> {
    fn std_table_open(&mut self, s: toml_parser::Span, _: &mut dyn ErrorSink) {
        if self.header.is_some() || self.key.is_some() {
            self.fail();
        }
        self.header = Some((Vec::new(), false, s.start() + self.offset));
    }
    fn array_table_open(&mut self, s: toml_parser::Span, _: &mut dyn ErrorSink) {
        if self.header.is_some() || self.key.is_some() {
            self.fail();
        }
        self.header = Some((Vec::new(), true, s.start() + self.offset));
    }
    fn std_table_close(&mut self, s: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.header_close(s);
    }
    fn array_table_close(&mut self, s: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.header_close(s);
    }
    fn inline_table_open(&mut self, _: toml_parser::Span, _: &mut dyn ErrorSink) -> bool {
        self.fail();
        true
    }
    fn array_open(&mut self, s: toml_parser::Span, _: &mut dyn ErrorSink) -> bool {
        if !matches!(self.key, Some((_, _, true))) || self.array.is_some() {
            self.fail();
        }
        self.array = Some((s.start() + self.offset, Vec::new()));
        true
    }
    fn array_close(&mut self, s: toml_parser::Span, _: &mut dyn ErrorSink) {
        let Some((start, mut items)) = self.array.take() else {
            return self.fail();
        };
        // Kept as long as the trip is: no room for items that never come.
        items.shrink_to_fit();
        let value = Value {
            span: start..s.end() + self.offset,
            kind: Kind::Array(items),
        };
        self.value(value);
    }
    fn simple_key(
        &mut self,
        s: toml_parser::Span,
        encoding: Option<Encoding>,
        _: &mut dyn ErrorSink,
    ) {
        // Quoted keys are left to toml's document; bare ones are checked as
        // toml checks them (an empty one is an error, say).
        let key = self.src.get(s.start()..s.end()).filter(|key| {
            let mut error: Option<ParseError> = None;
            Raw::new_unchecked(key, encoding, s).decode_key(&mut (), &mut error);
            error.is_none()
        });
        let span = self.span(s);
        match (key, encoding, &mut self.header) {
            (Some(key), None, Some((keys, _, _))) => keys.push((key, span)),
            (Some(key), None, None) if self.key.is_none() => self.key = Some((key, span, false)),
            _ => self.fail(),
        }
    }
    fn key_sep(&mut self, _: toml_parser::Span, _: &mut dyn ErrorSink) {
        // Dotted keys outside headers are left to toml's document.
        if self.header.is_none() {
            self.fail();
        }
    }
    fn key_val_sep(&mut self, _: toml_parser::Span, _: &mut dyn ErrorSink) {
        match &mut self.key {
            Some((_, _, assigning)) => *assigning = true,
            None => self.fail(),
        }
    }
    fn scalar(&mut self, s: toml_parser::Span, encoding: Option<Encoding>, _: &mut dyn ErrorSink) {
        let Some(value) = self.scalar_value(s, encoding) else {
            return self.fail();
        };
        match &mut self.array {
            Some((_, items)) => items.push(value),
            None => self.value(value),
        }
    }
    fn error(&mut self, _: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.fail();
    }
}

/// The tree of toml's document of `text`. The document's tables are
/// ordered by key; the tree's keep file order.
pub fn from_document<'i>(text: &str, root: DeTable<'i>) -> Table<'i> {
    table(text, 0..0, root)
}

fn table<'i>(text: &str, span: Span, t: DeTable<'i>) -> Table<'i> {
    let mut entries: Vec<Entry<'i>> = t
        .into_iter()
        .map(|(k, v)| {
            let key_span = k.span();
            Entry {
                key: k.into_inner(),
                key_span,
                value: value(text, v),
            }
        })
        .collect();
    entries.sort_by_key(|e| e.key_span.start);
    let header = span;
    // A sub-table with a header of its own ends its parent's lines.
    let own_end = |e: &Entry<'_>| match &e.value.kind {
        Kind::Tables(_) => None,
        Kind::Table(_)
            if text
                .get(e.value.span.start..)
                .is_some_and(|s| s.starts_with('[')) =>
        {
            None
        }
        _ => Some(e.value.span.end),
    };
    let end = entries
        .iter()
        .filter_map(own_end)
        .max()
        .unwrap_or(header.end);
    Table {
        header,
        end,
        entries,
        defined: true,
        index: HashMap::new(),
    }
}

fn value<'i>(text: &str, v: toml::Spanned<DeValue<'i>>) -> Value<'i> {
    let span = v.span();
    let kind = match v.into_inner() {
        DeValue::String(s) => Kind::String(s),
        DeValue::Integer(_) => Kind::Integer,
        DeValue::Float(_) => Kind::Float,
        DeValue::Boolean(_) => Kind::Boolean,
        DeValue::Datetime(d) => Kind::Datetime(d),
        DeValue::Table(t) => Kind::Table(Box::new(table(text, span.clone(), t))),
        DeValue::Array(items) => {
            let header = |item: &toml::Spanned<DeValue<'_>>| {
                item.get_ref().is_table()
                    && text
                        .get(item.span().start..)
                        .is_some_and(|s| s.starts_with("[["))
            };
            let items: Vec<_> = items.into_iter().collect();
            if !items.is_empty() && items.iter().all(header) {
                let tables = items
                    .into_iter()
                    .filter_map(|item| {
                        let span = item.span();
                        match item.into_inner() {
                            DeValue::Table(t) => Some(table(text, span, t)),
                            _ => None,
                        }
                    })
                    .collect();
                Kind::Tables(tables)
            } else {
                Kind::Array(items.into_iter().map(|i| value(text, i)).collect())
            }
        }
    };
    Value { span, kind }
}

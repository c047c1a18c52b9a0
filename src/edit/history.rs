//! Undo and redo as whole texts: an undo gives the file back to the byte.

/// The texts before each edit (undo) and after each undone one (redo).
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<String>,
    redo: Vec<String>,
}

/// Past this many bytes of texts kept, the oldest are forgotten (a trip is
/// kilobytes; a generated 20 MB one keeps a dozen steps).
const MAX_BYTES: usize = 256 * 1024 * 1024;

impl History {
    /// Records an edit: `before` is the text it replaced. Redo is forgotten.
    pub fn record(&mut self, before: String) {
        self.undo.push(before);
        self.redo.clear();
        let mut total: usize = self.undo.iter().map(String::len).sum();
        while total > MAX_BYTES && self.undo.len() > 1 {
            total -= self.undo.remove(0).len();
        }
    }

    /// The text an undo goes back to, if any.
    pub fn undo_text(&self) -> Option<&str> {
        self.undo.last().map(String::as_str)
    }

    /// The undo was written: `current`, the text it replaced, becomes the redo.
    pub fn undone(&mut self, current: String) {
        if self.undo.pop().is_some() {
            self.redo.push(current);
        }
    }

    /// The text a redo goes back to, if any.
    pub fn redo_text(&self) -> Option<&str> {
        self.redo.last().map(String::as_str)
    }

    /// The redo was written: `current`, the text it replaced, can be undone again.
    pub fn redone(&mut self, current: String) {
        if self.redo.pop().is_some() {
            self.undo.push(current);
        }
    }

    /// Forgets everything: the file changed outside, so the texts kept no
    /// longer lead back to it.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }

    /// How many edits can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// How many undone edits can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }
}

//! Writing an edited trip back: atomically, keeping the file's permissions,
//! through a symlink to the file it points to, and never over a change made
//! outside since the text was read, even one made during the write
//! ([`crate::files::replace_known`]; docs/editing.md says how).

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::files::{self, ReplaceError};

/// The trip file being edited, and the text it held when last read or written.
#[derive(Debug, Clone)]
pub struct TripFile {
    path: PathBuf,
    known: String,
}

/// Why a text was not written. In every case the file is as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteError {
    /// The file holds another text than the one read: someone else saved
    /// it. Reload it (this is what it holds now) and apply the edit again.
    Changed(String),
    /// The file cannot be written; the message says why and what to do.
    Failed(String),
}

impl TripFile {
    /// A file whose current text is `known` (as it was just read).
    pub fn new(path: impl Into<PathBuf>, known: String) -> TripFile {
        TripFile {
            path: path.into(),
            known,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The text the file held when last read or written.
    pub fn known(&self) -> &str {
        &self.known
    }

    /// Takes `text` as the file's text (after a reload).
    pub fn set_known(&mut self, text: String) {
        self.known = text;
    }

    /// Writes `text` over the file if it still holds the known text; then
    /// `text` is the known one.
    pub fn write(&mut self, text: &str) -> Result<(), WriteError> {
        let shown = self.path.display();
        let fail = |why: String| WriteError::Failed(format!("cannot save {shown}: {why}"));
        // Through a symlink, the file it points to is replaced, not the link.
        let target = std::fs::canonicalize(&self.path).map_err(|e| match e.kind() {
            ErrorKind::NotFound => {
                fail("it is no longer there (deleted or moved away); nothing was written".into())
            }
            _ => fail(nothing_written(&files::why(&e))),
        })?;
        let meta =
            std::fs::metadata(&target).map_err(|e| fail(nothing_written(&files::why(&e))))?;
        if !meta.is_file() {
            // A pipe put in its place: never opened for writing, never waited on.
            return Err(WriteError::Failed(format!(
                "cannot save {shown}: it is not a regular file any more (a pipe, a device or a \
                 directory was put in its place); nothing was written"
            )));
        }
        if meta.permissions().readonly() || !writable(&target) {
            return Err(fail(
                "the file is read-only; make it writable (chmod u+w) or open it with --read-only"
                    .into(),
            ));
        }
        match files::replace_known(&target, &meta, self.known.as_bytes(), text.as_bytes()) {
            Ok(()) => {
                self.known = text.to_string();
                Ok(())
            }
            Err(ReplaceError::Changed(now)) => Err(WriteError::Changed(now)),
            Err(ReplaceError::Failed(why)) => Err(fail(nothing_written(&why))),
        }
    }
}

/// Whether this process may write the file (its permission bits, its owner,
/// a read-only mount).
fn writable(path: &Path) -> bool {
    rustix::fs::access(path, rustix::fs::Access::WRITE_OK).is_ok()
}

fn nothing_written(why: &str) -> String {
    format!("{why}; nothing was written")
}

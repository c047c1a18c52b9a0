//! Writing an edited trip back: atomically (a temporary file in the same
//! directory, flushed, renamed over the file), keeping the file's
//! permissions, through a symlink to the file it points to, and never over
//! a change made outside since the text was read.

use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

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
            _ => fail(reason(&e)),
        })?;
        let meta = std::fs::metadata(&target).map_err(|e| fail(reason(&e)))?;
        if meta.permissions().readonly() || !writable(&target) {
            return Err(fail(
                "the file is read-only; make it writable (chmod u+w) or open it with --read-only"
                    .into(),
            ));
        }
        let current = std::fs::read(&target).map_err(|e| fail(reason(&e)))?;
        if current != self.known.as_bytes() {
            return Err(WriteError::Changed(
                String::from_utf8_lossy(&current).into_owned(),
            ));
        }
        replace(&target, &meta, text.as_bytes()).map_err(|(step, e)| fail(step + &reason(&e)))?;
        self.known = text.to_string();
        Ok(())
    }
}

/// Whether this process may write the file (its permission bits, its owner,
/// a read-only mount).
fn writable(path: &Path) -> bool {
    rustix::fs::access(path, rustix::fs::Access::WRITE_OK).is_ok()
}

/// Replaces `target` with `bytes` through a temporary file beside it with
/// the same permissions (and owner, where allowed), flushed before the
/// rename and the directory flushed after it. On failure the temporary
/// file is removed and `target` is untouched.
/// An error names the step that failed when it is not the write itself.
fn replace(
    target: &Path,
    meta: &std::fs::Metadata,
    bytes: &[u8],
) -> Result<(), (String, std::io::Error)> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let in_dir = |e| {
        let step = format!(
            "no temporary file can be made in {} to write through: ",
            dir.display()
        );
        (step, e)
    };
    let plain = |e| (String::new(), e);
    let mut temp = tempfile::Builder::new()
        .prefix(".itinerary-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(in_dir)?;
    temp.as_file()
        .set_permissions(meta.permissions())
        .map_err(plain)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a file away; anyone else keeps their own.
        let _ = std::os::unix::fs::fchown(temp.as_file(), Some(meta.uid()), Some(meta.gid()));
    }
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(plain)?;
    temp.persist(target).map_err(|e| plain(e.error))?;
    // The rename is durable once the directory is; a failure here is not
    // the file's, which is already whole.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn reason(e: &std::io::Error) -> String {
    let why = match e.kind() {
        ErrorKind::PermissionDenied => "permission denied".to_string(),
        ErrorKind::StorageFull => "no space left on the disk".to_string(),
        ErrorKind::ReadOnlyFilesystem => "the disk is mounted read-only".to_string(),
        ErrorKind::QuotaExceeded => "disk quota exceeded".to_string(),
        _ => e.to_string(),
    };
    format!("{why}; nothing was written")
}

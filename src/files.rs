//! Reading the files the commands are given, and writing the files they
//! make: the one place that opens them.
//!
//! Only regular files are read or written. A path is opened without
//! blocking (`O_NONBLOCK`) and checked to be a regular file before a byte
//! moves, so a named pipe, a device or a socket is refused at once instead
//! of hanging; `-` is standard input, the way to pipe a file in.
//!
//! Every write is atomic: a temporary file beside the target, flushed to
//! disk, renamed over it; a failure leaves the target as it was and no
//! temporary file behind. A replaced file keeps its mode (and its owner
//! where the process may set it); a new file follows the umask.
//! [`replace_known`] is the browser's write, which never replaces a save
//! made by another program in the meantime (docs/editing.md).

use std::fs::{File, Metadata};
use std::io::{BufWriter, ErrorKind, Read, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// What writes a file's contents, piece by piece.
pub type Body<'a> = dyn FnMut(&mut dyn Write) -> std::io::Result<()> + 'a;

/// The name standard input is shown by in messages.
pub const STDIN_NAME: &str = "<stdin>";

/// Bytes buffered before a write reaches its file.
const BUFFER: usize = 64 * 1024;

/// Whether a path given on the command line means standard input (`-`).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Why an input was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// It cannot be read, or is not a regular file: the sentence says why
    /// and what to do.
    Refused(String),
    /// It is a directory (the caller says what file it wants instead).
    Directory,
    /// It holds more than the limit (at least this many bytes).
    TooLarge(u64),
}

/// Reads a regular file, or standard input for `-`, whole, refusing one of
/// more than `limit` bytes (the size is not trusted: no more than one
/// byte past `limit` is read). A directory, a named pipe, a device or a socket is
/// refused at once, never waited on.
pub fn read_input(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    if is_stdin(path) {
        std::io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| ReadError::Refused(format!("cannot read standard input: {}", why(&e))))?;
    } else {
        let file = open_regular(path)?;
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        if len > limit {
            return Err(ReadError::TooLarge(len));
        }
        bytes.reserve(usize::try_from(len).unwrap_or(0));
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| ReadError::Refused(cannot_read(path, &e)))?;
    }
    match bytes.len() as u64 {
        n if n > limit => Err(ReadError::TooLarge(n)),
        _ => Ok(bytes),
    }
}

/// Opens a regular file for reading without ever blocking: the type is
/// looked at before the open (a socket cannot be opened; a device should
/// not be), and again on the open file, which is what is read.
fn open_regular(path: &Path) -> Result<File, ReadError> {
    let refused = |m: &Metadata| match m.is_dir() {
        true => Some(ReadError::Directory),
        false => not_regular(path, m).map(ReadError::Refused),
    };
    let meta = std::fs::metadata(path).map_err(|e| ReadError::Refused(cannot_read(path, &e)))?;
    if let Some(why) = refused(&meta) {
        return Err(why);
    }
    let file = open_nonblocking(path).map_err(|e| ReadError::Refused(cannot_read(path, &e)))?;
    let meta = file
        .metadata()
        .map_err(|e| ReadError::Refused(cannot_read(path, &e)))?;
    match refused(&meta) {
        Some(why) => Err(why),
        None => Ok(file),
    }
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    // O_NONBLOCK changes nothing for a regular file; a FIFO swapped in
    // after the first look opens at once instead of waiting for a writer.
    let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY;
    Ok(File::from(rustix::fs::open(path, flags, Mode::empty())?))
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// The sentence refusing what is not a regular file, `None` for one.
fn not_regular(path: &Path, meta: &Metadata) -> Option<String> {
    if meta.is_file() {
        return None;
    }
    let shown = path.display();
    Some(format!(
        "{shown} is {}, not a regular file; only regular files are read and written \
         (to read from a pipe, give - and redirect it: < {shown})",
        kind(meta)
    ))
}

/// What a file that is not a regular one is, for a message.
fn kind(meta: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    let _ = meta;
    "not a file"
}

fn cannot_read(path: &Path, e: &std::io::Error) -> String {
    let why = match e.kind() {
        ErrorKind::NotFound => "no such file".into(),
        _ => why(e),
    };
    format!("cannot read {}: {why}", path.display())
}

/// An I/O error in words.
pub fn why(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::NotFound => "no such file or directory".into(),
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::StorageFull => "no space left on the disk".into(),
        ErrorKind::ReadOnlyFilesystem => "the disk is mounted read-only".into(),
        ErrorKind::QuotaExceeded => "disk quota exceeded".into(),
        _ => e.to_string(),
    }
}

/// Which file a path is: its device and inode, so that two paths to one
/// file (a symlink, `./`, `..`, a hard link) are known to be one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId {
    dev: u64,
    ino: u64,
}

impl FileId {
    /// The file metadata was read from.
    pub fn of_meta(meta: &Metadata) -> FileId {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            FileId {
                dev: meta.dev(),
                ino: meta.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            let _ = meta;
            FileId { dev: 0, ino: 0 }
        }
    }

    /// The file a path names (through symlinks); standard input's for `-`.
    /// `None` when there is none.
    pub fn of(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            if is_stdin(path) {
                let st = rustix::fs::fstat(std::io::stdin()).ok()?;
                return Some(FileId {
                    dev: st.st_dev,
                    ino: st.st_ino,
                });
            }
            std::fs::metadata(path).ok().map(|m| FileId::of_meta(&m))
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            None
        }
    }
}

/// The refusal of an output that is the input, by whatever path.
pub fn output_is_input(output: &Path, input: &Path) -> Option<String> {
    let (out, inp) = (FileId::of(output)?, FileId::of(input)?);
    (out == inp).then(|| {
        let input = if is_stdin(input) {
            "standard input".to_string()
        } else {
            input.display().to_string()
        };
        format!(
            "-o {} is the input file ({input}): writing there would replace it; \
             choose another name",
            output.display()
        )
    })
}

/// Writes the body to `path`, atomically. Without `force`, an existing
/// `path` is an error, checked again at the rename so that a file appearing
/// meanwhile is not replaced either. With it, the replaced file keeps its
/// mode and owner. Through a symlink, the file it points to is replaced.
/// What is not a regular file (a pipe, a device, a directory) is refused.
pub fn write_file(path: &Path, body: &mut Body<'_>, force: bool) -> Result<(), String> {
    let shown = path.display();
    let fail = |e: std::io::Error| format!("cannot write {shown}: {}", why(&e));
    let (target, existing) = match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            return Err(format!(
                "cannot write {shown}: it is a directory; give a file name"
            ));
        }
        Ok(m) if !m.is_file() => {
            return Err(format!(
                "cannot write {shown}: it is {}, not a regular file; only regular files are \
                 written (to write into it, give -o - and redirect: > {shown})",
                kind(&m)
            ));
        }
        Ok(_) if !force => return Err(exists(path)),
        Ok(m) => (std::fs::canonicalize(path).map_err(fail)?, Some(m)),
        // A dangling symlink is there too.
        Err(_) if !force && path.symlink_metadata().is_ok() => return Err(exists(path)),
        Err(_) => (path.to_path_buf(), None),
    };
    let temp =
        temp_beside(&target, existing.as_ref(), body).map_err(|e| temp_failed(&target, &e))?;
    let result = if force {
        temp.persist(&target).map(drop)
    } else {
        temp.persist_noclobber(&target).map(drop)
    };
    // On failure the temporary file is dropped with the error, and so removed.
    result.map_err(|e| match e.error.kind() {
        ErrorKind::AlreadyExists => exists(path),
        _ => fail(e.error),
    })?;
    sync_dir(&target);
    Ok(())
}

/// Writes the body to a new file `dir/<stem>.<ext>`, or `<stem>-2.<ext>`,
/// `-3`… when taken; never replaces a file, even one created meanwhile.
/// Returns the path written. Errors name the directory, not the file: the
/// name was made up here, and the message has to fit beside the field it
/// was typed in.
pub fn write_new(
    dir: &Path,
    stem: &str,
    ext: &str,
    body: &mut Body<'_>,
) -> Result<PathBuf, String> {
    let fail = |e: &std::io::Error| {
        let why = match e.kind() {
            ErrorKind::NotFound => "it does not exist; create it, or give another folder".into(),
            ErrorKind::NotADirectory => "it is a file, not a folder; give a folder".into(),
            ErrorKind::PermissionDenied => {
                "permission denied; give a folder you may write in".into()
            }
            _ => why(e),
        };
        format!("cannot write in {}: {why}", dir.display())
    };
    let mut temp = temp_in(dir, None, body).map_err(|e| fail(e.error()))?;
    for n in 1..=1000 {
        let name = match n {
            1 => format!("{stem}.{ext}"),
            n => format!("{stem}-{n}.{ext}"),
        };
        let path = dir.join(name);
        match temp.persist_noclobber(&path) {
            Ok(_) => {
                sync_dir(&path);
                return Ok(path);
            }
            Err(e) if e.error.kind() == ErrorKind::AlreadyExists => temp = e.file,
            Err(e) => return Err(fail(&e.error)),
        }
    }
    Err(format!(
        "cannot write {stem}.{ext} in {}: names up to -1000 are all taken",
        dir.display()
    ))
}

/// Why a known file was not replaced. In every case no byte of it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplaceError {
    /// The file holds this text, not the one expected: another program
    /// saved it, before the write or during it.
    Changed(String),
    /// It cannot be written: why, worded for a message.
    Failed(String),
}

/// Replaces `path` (a regular file, not a symlink) with `new` if it holds
/// `known`, never replacing a save another program makes meanwhile. The
/// new file gets `meta`'s mode and owner (the file's own).
///
/// On Linux the new file is swapped in (`renameat2` with
/// `RENAME_EXCHANGE`), which leaves in hand the file it displaced: when
/// that is not `known`, another program saved in between, and its file is
/// swapped back (and again, should it save once more meanwhile), then the
/// edit is refused as made on a changed file. Elsewhere, or on a file
/// system without the exchange, the file is compared again just before the
/// rename: a save landing between that comparison and the rename (a few
/// microseconds) is the window left.
pub fn replace_known(
    path: &Path,
    meta: &Metadata,
    known: &[u8],
    new: &[u8],
) -> Result<(), ReplaceError> {
    let current = read_regular(path)?;
    if current != known {
        return Err(ReplaceError::Changed(lossy(current)));
    }
    let temp = temp_beside(path, Some(meta), &mut |w| w.write_all(new)).map_err(|e| {
        ReplaceError::Failed(match e {
            Temp::Create(e) => format!(
                "no temporary file can be made in {} to write through: {}",
                dir_of(path).display(),
                why(&e)
            ),
            Temp::Write(e) => why(&e),
        })
    })?;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::io::Errno;
        match exchange(temp.path(), path) {
            Ok(()) => return settle(temp, path, known),
            // The file system or the kernel cannot exchange: rename instead.
            Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => {}
            Err(e) => return Err(ReplaceError::Failed(why(&e.into()))),
        }
    }
    let current = read_regular(path)?;
    if current != known {
        return Err(ReplaceError::Changed(lossy(current)));
    }
    temp.persist(path)
        .map_err(|e| ReplaceError::Failed(why(&e.error)))?;
    sync_dir(path);
    Ok(())
}

/// Swaps two paths of one directory.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> rustix::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE)
}

/// How many times a save of another program is swapped back in before the
/// write gives up: each time means it saved again within microseconds.
#[cfg(any(target_os = "linux", target_os = "android"))]
const SWAPS: usize = 16;

/// After the new file was swapped in: `temp` names the file it displaced.
/// When that is the known one, it is removed and the write is done.
/// Otherwise another program saved in between: its file goes back, and
/// whatever that displaces is looked at the same way, until the file
/// displaced is the one just put back (nobody saved meanwhile). The newest
/// save is then in place, and the edit is refused with its text.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn settle(temp: NamedTempFile, path: &Path, known: &[u8]) -> Result<(), ReplaceError> {
    let fail = |e: std::io::Error| ReplaceError::Failed(why(&e));
    let id = |p: &Path| FileId::of(p).ok_or_else(|| fail(ErrorKind::NotFound.into()));
    // The file in place is ours (the temporary file's own, still open)
    // until a save of another program replaces it.
    let mut placed = temp
        .as_file()
        .metadata()
        .map(|m| FileId::of_meta(&m))
        .map_err(fail)?;
    // What cannot be read (a pipe renamed in) goes back where it was.
    let take = |temp: &NamedTempFile| {
        read_regular(temp.path()).inspect_err(|_| {
            let _ = exchange(temp.path(), path);
        })
    };
    let mut held = take(&temp)?;
    if held == known {
        drop(temp);
        sync_dir(path);
        return Ok(());
    }
    for _ in 0..SWAPS {
        let text = held;
        let holding = id(temp.path())?;
        exchange(temp.path(), path).map_err(|e| fail(e.into()))?;
        if id(temp.path())? == placed {
            // Nobody saved meanwhile: what is in hand is what was there
            // before (our file, or an older save), and goes.
            drop(temp);
            sync_dir(path);
            return Err(ReplaceError::Changed(lossy(text)));
        }
        // Another save came in since the last swap: it is the newest.
        placed = holding;
        held = take(&temp)?;
    }
    // Still changing: keep the save in hand beside the file, never lose it.
    let kept = temp.into_temp_path().keep().map_err(|e| fail(e.error))?;
    Err(ReplaceError::Failed(format!(
        "another program is saving {} again and again; nothing was written, and one of its \
         saves is kept as {}",
        path.display(),
        kept.display()
    )))
}

/// A regular file's bytes, read without blocking.
fn read_regular(path: &Path) -> Result<Vec<u8>, ReplaceError> {
    read_input(path, u64::MAX - 1).map_err(|e| match e {
        ReadError::Refused(why) => ReplaceError::Failed(why),
        ReadError::TooLarge(_) => ReplaceError::Failed("it is too large".into()),
        ReadError::Directory => ReplaceError::Failed("it is a directory now".into()),
    })
}

fn lossy(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A temporary file beside `target`, holding what the body writes, flushed
/// to disk; with the mode and owner of `existing` (the file it is to
/// replace), else the default mode the umask allows. On an error it is
/// removed (dropped).
fn temp_beside(
    target: &Path,
    existing: Option<&Metadata>,
    body: &mut Body<'_>,
) -> Result<NamedTempFile, Temp> {
    temp_in(dir_of(target), existing, body)
}

fn temp_in(
    dir: &Path,
    existing: Option<&Metadata>,
    body: &mut Body<'_>,
) -> Result<NamedTempFile, Temp> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".itinerary-").suffix(".tmp");
    // As a new file is made by any program: 0666 less the umask.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let temp = builder.tempfile_in(dir).map_err(Temp::Create)?;
    let written = write_temp(temp, existing, body);
    written.map_err(Temp::Write)
}

/// Why a temporary file failed: it could not be made, or written.
#[derive(Debug)]
enum Temp {
    Create(std::io::Error),
    Write(std::io::Error),
}

impl Temp {
    fn error(&self) -> &std::io::Error {
        match self {
            Temp::Create(e) | Temp::Write(e) => e,
        }
    }
}

fn write_temp(
    temp: NamedTempFile,
    existing: Option<&Metadata>,
    body: &mut Body<'_>,
) -> std::io::Result<NamedTempFile> {
    if let Some(meta) = existing {
        temp.as_file().set_permissions(meta.permissions())?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            // Only root may give a file away; anyone else keeps their own.
            let _ = std::os::unix::fs::fchown(temp.as_file(), Some(meta.uid()), Some(meta.gid()));
        }
    }
    let mut buffered = BufWriter::with_capacity(BUFFER, temp);
    body(&mut buffered)?;
    let temp = buffered.into_inner().map_err(|e| e.into_error())?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

/// The directory a file is in (`.` for a bare name).
fn dir_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// The message for a temporary file that could not be made or written
/// beside `target`.
fn temp_failed(target: &Path, e: &Temp) -> String {
    let (dir, e) = (dir_of(target), e.error());
    let why = match e.kind() {
        ErrorKind::NotFound => format!("directory {} does not exist", dir.display()),
        ErrorKind::NotADirectory => format!("{} is not a directory", dir.display()),
        _ => why(e),
    };
    format!("cannot write {}: {why}", target.display())
}

/// Flushes the directory a file was renamed into: the rename is durable
/// once it is. A failure here is not the file's, which is already whole.
fn sync_dir(path: &Path) {
    if let Ok(d) = File::open(dir_of(path)) {
        let _ = d.sync_all();
    }
}

fn exists(path: &Path) -> String {
    format!(
        "{} already exists; choose another name or add --force to overwrite it",
        path.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_failing_midway_leaves_neither_the_file_nor_a_temporary_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.ics");
        let mut body = |w: &mut dyn Write| {
            w.write_all(&[b'x'; 100_000])?;
            Err(std::io::Error::other("the disk is full"))
        };
        let err = write_file(&path, &mut body, false).unwrap_err();
        assert_eq!(
            err,
            format!("cannot write {}: the disk is full", path.display())
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}

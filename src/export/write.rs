//! Writing an export: to standard output, or atomically to a file that is
//! never overwritten without `--force`. The export writes itself into the
//! output through a buffer as it is built (a [`Body`]), so nothing holds
//! its whole text.

use std::io::{BufWriter, ErrorKind, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// What writes an export into its output, piece by piece.
pub type Body<'a> = dyn FnMut(&mut dyn Write) -> std::io::Result<()> + 'a;

/// Bytes buffered before a write reaches the output.
const BUFFER: usize = 64 * 1024;

/// Writes the body to standard output (or any writer) through a buffer; a
/// closed pipe (`itinerary export | head`) is not an error, and ends it.
pub fn to_writer(out: &mut dyn Write, body: &mut Body<'_>) -> Result<(), String> {
    let mut buffered = BufWriter::with_capacity(BUFFER, out);
    let written = body(&mut buffered).and_then(|()| buffered.flush());
    match written {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => {
            Err(format!("cannot write to standard output: {}", reason(&e)))
        }
        _ => Ok(()),
    }
}

/// Writes the body to `path` through a temporary file in the same directory,
/// renamed into place, so a failure leaves neither a partial file nor a
/// temporary one. Without `force`, an existing `path` is an error, checked
/// again at the rename so a file appearing meanwhile is not lost either.
pub fn to_file(path: &Path, body: &mut Body<'_>, force: bool) -> Result<(), String> {
    let shown = path.display();
    let fail = |e: std::io::Error| format!("cannot write {shown}: {}", reason(&e));
    let target = match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            return Err(format!(
                "cannot write {shown}: it is a directory; give a file name"
            ));
        }
        // A device or a pipe (`-o /dev/stdout`): renaming onto it would
        // replace the device node itself, so write into it.
        Ok(m) if !m.is_file() => {
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(fail)?;
            let mut f = BufWriter::with_capacity(BUFFER, f);
            return body(&mut f).and_then(|()| f.flush()).map_err(fail);
        }
        Ok(_) if !force => return Err(exists(path)),
        // Through a symlink, replace the file it points to, not the link.
        Ok(_) => std::fs::canonicalize(path).map_err(fail)?,
        Err(_) if !force && path.symlink_metadata().is_ok() => return Err(exists(path)),
        Err(_) => path.to_path_buf(),
    };
    let temp = temp_beside(&target, body)?;
    let result = if force {
        temp.persist(&target).map(drop)
    } else {
        temp.persist_noclobber(&target).map(drop)
    };
    // On failure the temporary file is dropped with the error, and so removed.
    result.map_err(|e| match e.error.kind() {
        ErrorKind::AlreadyExists => exists(path),
        _ => fail(e.error),
    })
}

/// Writes `bytes` to a new file `dir/<stem>.<ext>`, or `<stem>-2.<ext>`,
/// `-3`… when taken; never replaces a file, even one created meanwhile.
/// Returns the path written. Errors name the directory, not the file: the
/// name was made up here, and the message has to fit a status line.
pub fn to_new_file(dir: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<PathBuf, String> {
    let fail = |e: &std::io::Error| {
        let why = match e.kind() {
            ErrorKind::NotFound => "it does not exist".into(),
            ErrorKind::NotADirectory => "it is not a directory".into(),
            _ => reason(e),
        };
        format!("cannot write in {}: {why}", dir.display())
    };
    let mut temp = temp_in(dir, &mut |w| w.write_all(bytes)).map_err(|e| fail(&e))?;
    for n in 1..=1000 {
        let name = match n {
            1 => format!("{stem}.{ext}"),
            n => format!("{stem}-{n}.{ext}"),
        };
        let path = dir.join(name);
        match temp.persist_noclobber(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.error.kind() == ErrorKind::AlreadyExists => temp = e.file,
            Err(e) => return Err(fail(&e.error)),
        }
    }
    Err(format!(
        "cannot write {stem}.{ext} in {}: names up to -1000 are all taken",
        dir.display()
    ))
}

/// A temporary file holding what the body writes, in the directory `path`
/// will be in.
fn temp_beside(path: &Path, body: &mut Body<'_>) -> Result<NamedTempFile, String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    temp_in(dir, body).map_err(|e| {
        let why = match e.kind() {
            ErrorKind::NotFound => format!("directory {} does not exist", dir.display()),
            ErrorKind::NotADirectory => format!("{} is not a directory", dir.display()),
            _ => reason(&e),
        };
        format!("cannot write {}: {why}", path.display())
    })
}

/// A temporary file in `dir` holding what the body writes, flushed to
/// disk. On an error it is removed (dropped).
fn temp_in(dir: &Path, body: &mut Body<'_>) -> std::io::Result<NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".itinerary-").suffix(".tmp");
    // An export is an ordinary file, not a private one (the umask still applies).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let temp = builder.tempfile_in(dir)?;
    let mut buffered = BufWriter::with_capacity(BUFFER, temp);
    body(&mut buffered)?;
    let temp = buffered.into_inner().map_err(|e| e.into_error())?;
    temp.as_file().sync_all()?;
    Ok(temp)
}

fn exists(path: &Path) -> String {
    format!(
        "{} already exists; choose another name or add --force to overwrite it",
        path.display()
    )
}

fn reason(e: &std::io::Error) -> String {
    match e.kind() {
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::NotFound => "no such file or directory".into(),
        _ => e.to_string(),
    }
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
        let err = to_file(&path, &mut body, false).unwrap_err();
        assert_eq!(
            err,
            format!("cannot write {}: the disk is full", path.display())
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}

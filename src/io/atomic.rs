//! Atomic file writes: the bytes go to a temporary file in the target's
//! folder, are flushed to disk, then renamed over the target, so a reader
//! sees the old file or the new one and never half of one.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".envroi-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    // A temporary file is private (0600); the result should be as readable
    // as the file it replaces, or as an ordinary new document.
    let existing = std::fs::metadata(path).ok().map(|m| m.permissions());
    match_permissions(tmp.as_file(), existing)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Gives `file` the permissions of the file it replaces, or `0644` (owner
/// reads and writes, others read) for a new file.
#[cfg(unix)]
fn match_permissions(
    file: &std::fs::File,
    existing: Option<std::fs::Permissions>,
) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(existing.unwrap_or_else(|| std::fs::Permissions::from_mode(0o644)))
}

/// Gives `file` the permissions of the file it replaces, if any.
#[cfg(not(unix))]
fn match_permissions(
    file: &std::fs::File,
    existing: Option<std::fs::Permissions>,
) -> std::io::Result<()> {
    existing.map_or(Ok(()), |p| file.set_permissions(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_without_leaving_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        write_atomic(&target, b"one").unwrap();
        write_atomic(&target, b"two").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.csv")]);
    }

    #[test]
    fn a_missing_folder_is_an_error_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("missing").join("out.csv");
        assert!(write_atomic(&target, b"x").is_err());
        assert!(!target.exists());
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_readable_by_others_and_replaced_files_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        write_atomic(&target, b"one").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&target), 0o644);
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&target, b"two").unwrap();
        assert_eq!(mode(&target), 0o600);
    }
}

//! Autosave and recovery copies: unsaved edits are written every few seconds
//! to `<data dir>/autosave/`, so that after a crash, a `kill -9` or a power
//! cut the next start can offer them back.
//!
//! Each open document with unsaved edits has one entry, named by an id that
//! starts with the writing process's id (`<pid>-<n>`): `<id>.ron` holds the
//! scenario (written atomically, so it is whole or absent) and `<id>.path`
//! the file it was opened from, if any. An entry is discarded when its
//! document is saved or closed without saving; what is left on the next
//! start was left by a run that ended without cleaning up. The folder is
//! always given explicitly, so tests never touch the user's data folder.
//!
//! [`Autosave`] is the running app's side: it keeps the latest unsaved
//! version of each document, writes the changed ones off the UI thread, and
//! lets a panic hook write them all at once.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, TryLockError};
use std::time::SystemTime;

use crate::model::Scenario;

use super::scenario_file::{FileError, load_path, to_ron_string};

/// The autosave folder inside the data folder (see [`super::paths::data_dir`]).
#[must_use]
pub fn autosave_dir() -> Option<PathBuf> {
    super::paths::data_dir().map(|d| d.join("autosave"))
}

/// An entry id for document number `n` of this process: unique among the
/// processes running at the same time, and telling later runs which process
/// wrote it.
#[must_use]
pub fn entry_id(n: u64) -> String {
    format!("{}-{n}", std::process::id())
}

/// The process id an entry id starts with.
fn writer_pid(id: &str) -> Option<u32> {
    id.split_once('-')?.0.parse().ok()
}

/// Whether the process that wrote `id` is this one or another envroi still
/// running (then its entries are its own autosaves, not something to
/// recover). Where the platform cannot tell (outside Linux), only this
/// process counts as alive.
fn writer_alive(id: &str) -> bool {
    let Some(pid) = writer_pid(id) else {
        return false;
    };
    pid == std::process::id() || other_envroi_running(pid)
}

/// On Linux: whether `pid` is a running process (not a zombie left by
/// `kill -9` before its parent reaped it) of the same program as this one
/// (a process id reused by another program does not count).
fn other_envroi_running(pid: u32) -> bool {
    if !cfg!(target_os = "linux") {
        return false;
    }
    let proc_dir = Path::new("/proc").join(pid.to_string());
    let Ok(stat) = std::fs::read_to_string(proc_dir.join("stat")) else {
        return false;
    };
    // The state follows the command name, which is in parentheses and may
    // itself hold spaces or parentheses.
    let state = stat
        .rsplit_once(')')
        .and_then(|(_, rest)| rest.trim_start().chars().next());
    if matches!(state, None | Some('Z' | 'X' | 'x')) {
        return false;
    }
    let comm = |dir: &Path| std::fs::read_to_string(dir.join("comm")).ok();
    comm(&proc_dir) == comm(Path::new("/proc/self"))
}

fn checked_id(id: &str) -> std::io::Result<&str> {
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{id:?} is not an autosave id"),
        ));
    }
    Ok(id)
}

/// Writes the autosave entry `id` in `dir` (created if missing): the
/// scenario and the file it came from. Returns the scenario copy's path.
pub fn write(
    dir: &Path,
    id: &str,
    scenario: &Scenario,
    original: Option<&Path>,
) -> std::io::Result<PathBuf> {
    let id = checked_id(id)?;
    std::fs::create_dir_all(dir)?;
    let text = to_ron_string(scenario).map_err(std::io::Error::other)?;
    let path_file = dir.join(format!("{id}.path"));
    match original {
        Some(original) => super::atomic::write_atomic(&path_file, &path_bytes(original))?,
        None => remove_if_present(&path_file)?,
    }
    let copy = dir.join(format!("{id}.ron"));
    super::atomic::write_atomic(&copy, text.as_bytes())?;
    Ok(copy)
}

/// Removes the autosave entry `id` from `dir` (no error when there is none).
pub fn discard(dir: &Path, id: &str) -> std::io::Result<()> {
    let id = checked_id(id)?;
    remove_if_present(&dir.join(format!("{id}.ron")))?;
    remove_if_present(&dir.join(format!("{id}.path")))
}

fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().into_owned().into_bytes()
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

/// One autosave entry found on disk.
#[derive(Debug)]
pub struct Recoverable {
    /// The entry id (pass it to [`discard`] once dealt with).
    pub id: String,
    /// The autosaved scenario file.
    pub copy: PathBuf,
    /// The file the scenario was opened from, if it had one.
    pub original: Option<PathBuf>,
    /// When the copy was written, when the file system says.
    pub written: Option<SystemTime>,
    /// The scenario, or why the copy cannot be loaded.
    pub scenario: Result<Scenario, FileError>,
}

/// Every autosave entry in `dir`, newest first (empty when the folder does
/// not exist).
#[must_use]
pub fn list(dir: &Path) -> Vec<Recoverable> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<Recoverable> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .filter_map(|copy| {
            let id = copy.file_stem()?.to_str()?.to_owned();
            checked_id(&id).ok()?;
            let original = std::fs::read(dir.join(format!("{id}.path")))
                .ok()
                .map(path_from_bytes);
            let written = std::fs::metadata(&copy).and_then(|m| m.modified()).ok();
            let scenario = load_path(&copy);
            Some(Recoverable {
                id,
                copy,
                original,
                written,
                scenario,
            })
        })
        .collect();
    found.sort_by(|a, b| b.written.cmp(&a.written).then_with(|| a.id.cmp(&b.id)));
    found
}

/// The entries in `dir` left by runs that have ended: what the next start
/// offers to recover. Entries of this process and of other running
/// instances are left alone.
#[must_use]
pub fn list_recoverable(dir: &Path) -> Vec<Recoverable> {
    list(dir)
        .into_iter()
        .filter(|r| !writer_alive(&r.id))
        .collect()
}

/// A document with unsaved edits, as last noted.
#[derive(Debug, Clone)]
struct Pending {
    scenario: Scenario,
    original: Option<PathBuf>,
    /// Whether this version is already on disk.
    written: bool,
}

/// The unsaved documents of a running app and their autosave entries in
/// one folder. The app notes each document's state every frame (cheap: a
/// copy is taken only when the scenario changed), writes the entries every
/// few seconds off the UI thread with [`Autosave::flush_in_background`], and
/// a panic hook writes whatever is noted with [`Autosave::write_all_now`].
/// Clones share the same state.
#[derive(Debug, Clone)]
pub struct Autosave {
    dir: PathBuf,
    pending: Arc<Mutex<Noted>>,
    flushing: Arc<AtomicBool>,
}

/// What the store knows: the unsaved documents, and the entries to remove
/// from disk (documents saved, closed or discarded since the last flush).
#[derive(Debug, Default)]
struct Noted {
    unsaved: BTreeMap<String, Pending>,
    removed: BTreeSet<String>,
}

impl Autosave {
    /// Autosaves into `dir` (created when first written).
    #[must_use]
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            pending: Arc::default(),
            flushing: Arc::default(),
        }
    }

    /// The folder entries are written to.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn lock(&self) -> MutexGuard<'_, Noted> {
        // A panic while the lock was held leaves the map as it was between
        // two whole operations, so a poisoned lock is still usable.
        self.pending.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Notes that entry `id` has unsaved edits: `scenario`, opened from
    /// `original`. Copies the scenario only when it differs from the last
    /// noted one.
    pub fn note_unsaved(&self, id: &str, scenario: &Scenario, original: Option<&Path>) {
        let mut noted = self.lock();
        noted.removed.remove(id);
        if let Some(p) = noted.unsaved.get(id)
            && p.scenario == *scenario
            && p.original.as_deref() == original
        {
            return;
        }
        noted.unsaved.insert(
            id.to_owned(),
            Pending {
                scenario: scenario.clone(),
                original: original.map(Path::to_path_buf),
                written: false,
            },
        );
    }

    /// Notes that entry `id` has nothing unsaved any more (saved, closed or
    /// discarded). Its files are removed by the next [`Autosave::flush`],
    /// so that the thread that notes it (the UI's) does no file work.
    pub fn note_saved(&self, id: &str) {
        let mut noted = self.lock();
        if noted.unsaved.remove(id).is_some() {
            noted.removed.insert(id.to_owned());
        }
    }

    /// The ids noted as unsaved.
    #[must_use]
    pub fn ids(&self) -> Vec<String> {
        self.lock().unsaved.keys().cloned().collect()
    }

    /// Whether some noted edits are not on disk yet, or some entries are
    /// still to be removed.
    #[must_use]
    pub fn has_unwritten(&self) -> bool {
        let noted = self.lock();
        !noted.removed.is_empty() || noted.unsaved.values().any(|p| !p.written)
    }

    /// Whether some entries are noted saved and still on disk.
    #[must_use]
    pub fn has_removed(&self) -> bool {
        !self.lock().removed.is_empty()
    }

    /// Removes the entries noted saved, then writes every entry whose latest
    /// version is not on disk yet; returns how many were written. The lock
    /// is not held while writing: an entry saved or closed meanwhile is
    /// removed again afterwards, and one edited meanwhile stays unwritten
    /// for the next flush.
    pub fn flush(&self) -> std::io::Result<usize> {
        let removed = std::mem::take(&mut self.lock().removed);
        for (done, id) in removed.iter().enumerate() {
            if let Err(e) = discard(&self.dir, id) {
                // Try the rest again next time.
                self.lock()
                    .removed
                    .extend(removed.iter().skip(done).cloned());
                return Err(e);
            }
        }
        let todo: Vec<(String, Pending)> = self
            .lock()
            .unsaved
            .iter()
            .filter(|(_, p)| !p.written)
            .map(|(id, p)| (id.clone(), p.clone()))
            .collect();
        let mut count = 0;
        for (id, p) in todo {
            write(&self.dir, &id, &p.scenario, p.original.as_deref())?;
            count += 1;
            let mut noted = self.lock();
            match noted.unsaved.get_mut(&id) {
                Some(now) if now.scenario == p.scenario && now.original == p.original => {
                    now.written = true;
                }
                Some(_) => {}
                None => {
                    drop(noted);
                    discard(&self.dir, &id)?;
                }
            }
        }
        Ok(count)
    }

    /// Starts [`Autosave::flush`] on a background thread unless one is
    /// still running; errors are passed to `on_error` (on that thread).
    pub fn flush_in_background(&self, on_error: impl FnOnce(String) + Send + 'static) {
        if self.flushing.swap(true, Ordering::AcqRel) {
            return;
        }
        let this = self.clone();
        let spawned = std::thread::Builder::new()
            .name("envroi-autosave".into())
            .spawn(move || {
                if let Err(e) = this.flush() {
                    on_error(format!(
                        "{}: cannot autosave unsaved edits: {e}",
                        this.dir.display()
                    ));
                }
                this.flushing.store(false, Ordering::Release);
            });
        if spawned.is_err() {
            self.flushing.store(false, Ordering::Release);
        }
    }

    /// Writes every noted entry now, on the calling thread, for a panic
    /// hook: never blocks on the lock (a panic inside it skips the write)
    /// and never panics. Returns the copies written.
    #[must_use]
    pub fn write_all_now(&self) -> Vec<PathBuf> {
        let todo: Vec<(String, Pending)> = match self.pending.try_lock() {
            Ok(noted) => noted
                .unsaved
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            Err(TryLockError::Poisoned(poisoned)) => poisoned
                .into_inner()
                .unsaved
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            Err(TryLockError::WouldBlock) => return Vec::new(),
        };
        todo.iter()
            .filter_map(|(id, p)| write(&self.dir, id, &p.scenario, p.original.as_deref()).ok())
            .collect()
    }
}

/// What to tell a person when the app fails and copies were kept.
#[must_use]
pub fn crash_message(copies: &[PathBuf], dir: &Path) -> String {
    if copies.is_empty() {
        "envroi hit an internal error and has to close. There were no unsaved edits to keep."
            .to_owned()
    } else {
        format!(
            "envroi hit an internal error and has to close. Your unsaved edits ({} scenario{}) were kept in {}; the next start offers to recover them.",
            copies.len(),
            if copies.len() == 1 { "" } else { "s" },
            dir.display()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario() -> Scenario {
        crate::io::default_scenario().unwrap()
    }

    #[test]
    fn an_entry_round_trips_with_its_original_path_and_is_discarded() {
        let dir = tempfile::tempdir().unwrap();
        let original = dir.path().join("my plans/Société 試験.ron");
        let mut s = scenario();
        s.name = "Edited".into();
        write(dir.path(), "1-7", &s, Some(&original)).unwrap();
        let found = list(dir.path());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].id, "1-7");
        assert_eq!(found[0].original.as_deref(), Some(original.as_path()));
        assert_eq!(found[0].scenario.as_ref().unwrap(), &s);
        discard(dir.path(), "1-7").unwrap();
        assert!(list(dir.path()).is_empty());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn an_untitled_entry_has_no_original_and_rewriting_replaces_it() {
        let dir = tempfile::tempdir().unwrap();
        let autosave = dir.path().join("autosave");
        write(&autosave, "2-1", &scenario(), Some(Path::new("a.ron"))).unwrap();
        let mut s = scenario();
        s.horizon_months = 48;
        write(&autosave, "2-1", &s, None).unwrap();
        let found = list(&autosave);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].original, None);
        assert_eq!(found[0].scenario.as_ref().unwrap().horizon_months, 48);
    }

    #[test]
    fn entries_of_this_process_are_not_offered_for_recovery() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &entry_id(1), &scenario(), None).unwrap();
        // Process ids never reach u32::MAX on any platform we ship for.
        write(dir.path(), "4294967295-1", &scenario(), None).unwrap();
        let ids: Vec<_> = list_recoverable(dir.path())
            .into_iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(ids, ["4294967295-1"]);
        assert_eq!(list(dir.path()).len(), 2);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_zombie_or_another_program_does_not_count_as_a_running_envroi() {
        // A child that has exited but is not yet reaped is a zombie.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert!(!other_envroi_running(pid), "a zombie is not running");
        child.wait().unwrap();
        assert!(
            !other_envroi_running(pid),
            "an ended process is not running"
        );
        // A live process of another program (the test binary's name differs).
        let mut sleeper = std::process::Command::new("sleep")
            .arg("5")
            .spawn()
            .unwrap();
        assert!(!other_envroi_running(sleeper.id()));
        sleeper.kill().unwrap();
        sleeper.wait().unwrap();
        // This process is the same program as itself.
        assert!(other_envroi_running(std::process::id()));
    }

    #[test]
    fn ids_that_could_escape_the_folder_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write(dir.path(), "../x", &scenario(), None).is_err());
        assert!(discard(dir.path(), "").is_err());
        assert!(list(dir.path()).is_empty());
    }

    #[test]
    fn a_damaged_copy_is_listed_with_its_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("9-1.ron"), "Scenario(").unwrap();
        let found = list(dir.path());
        assert_eq!(found.len(), 1);
        assert!(found[0].scenario.is_err());
    }

    #[test]
    fn the_store_writes_only_changes_and_removes_saved_entries() {
        let dir = tempfile::tempdir().unwrap();
        let store = Autosave::new(dir.path().join("autosave"));
        let mut s = scenario();
        store.note_unsaved("5-1", &s, Some(Path::new("/x/a b.ron")));
        store.note_unsaved("5-2", &s, None);
        assert!(store.has_unwritten());
        assert_eq!(store.flush().unwrap(), 2);
        assert!(!store.has_unwritten());
        store.note_unsaved("5-1", &s, Some(Path::new("/x/a b.ron")));
        assert_eq!(store.flush().unwrap(), 0, "nothing changed");
        s.horizon_months = 60;
        store.note_unsaved("5-1", &s, Some(Path::new("/x/a b.ron")));
        assert_eq!(store.flush().unwrap(), 1);
        let found = list(store.dir());
        assert_eq!(found.len(), 2);
        let first = found.iter().find(|r| r.id == "5-1").unwrap();
        assert_eq!(first.scenario.as_ref().unwrap().horizon_months, 60);
        store.note_saved("5-1");
        store.note_saved("5-9");
        assert_eq!(store.ids(), ["5-2"]);
        // Removed from disk by the next flush, not by the note.
        assert_eq!(list(store.dir()).len(), 2);
        assert!(store.has_unwritten() && store.has_removed());
        assert_eq!(store.flush().unwrap(), 0);
        assert!(!store.has_removed());
        assert!(!store.has_unwritten());
        let ids: Vec<_> = list(store.dir()).into_iter().map(|r| r.id).collect();
        assert_eq!(ids, ["5-2"]);
        // Noted saved, then unsaved again before a flush: kept.
        store.note_saved("5-2");
        store.note_unsaved("5-2", &s, None);
        store.flush().unwrap();
        let ids: Vec<_> = list(store.dir()).into_iter().map(|r| r.id).collect();
        assert_eq!(ids, ["5-2"]);
    }

    #[test]
    fn a_background_flush_writes_and_write_all_now_writes_everything() {
        let dir = tempfile::tempdir().unwrap();
        let store = Autosave::new(dir.path().to_path_buf());
        store.note_unsaved("6-1", &scenario(), None);
        store.flush_in_background(|e| panic!("{e}"));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while store.has_unwritten() && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert!(!store.has_unwritten());
        store.note_unsaved("6-2", &scenario(), None);
        let copies = store.write_all_now();
        assert_eq!(copies.len(), 2);
        assert!(crash_message(&copies, dir.path()).contains("2 scenarios"));
        assert!(crash_message(&[], dir.path()).contains("no unsaved edits"));
    }

    #[test]
    fn a_missing_folder_lists_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert!(list(&dir.path().join("absent")).is_empty());
    }
}

//! The file-system side of the state store, built so that nothing found on
//! disk can freeze the reader or be harmed by it:
//!
//! - a write takes an OS advisory lock (`flock` on unix) on `NAME.lock`,
//!   waiting at most [`LOCK_PATIENCE`]; a lock that cannot be taken (a
//!   directory there, a read-only mount, a holder that hangs) is an error
//!   the caller reports as "state not saved", never a spin;
//! - the new content goes to a fresh temp file created with `O_EXCL` under
//!   a random name (`tempfile`), then is renamed into place: a symlink
//!   planted at a guessable temp path is never followed;
//! - a state file that is not a regular file (a FIFO) is not read;
//! - [`sweep`] removes what crashed runs left behind, and only that.

use crate::lang;
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a writer waits for another process's lock. Holders keep it for
/// one read-merge-write (milliseconds); a lock held longer is given up on.
pub const LOCK_PATIENCE: Duration = Duration::from_secs(1);

/// A temp file older than this is abandoned even if its PID is alive again
/// (PIDs are reused; a real write takes milliseconds).
pub const STALE_AGE: Duration = Duration::from_secs(60 * 60);

/// Read a JSON state file. Missing: the default. Not a regular file, or
/// unreadable: the default, with a warning. Unparsable: moved aside to
/// `*.bad` and reported, and the default is used.
pub(super) fn read_json<T: Default + for<'de> Deserialize<'de>>(
    path: &Path,
) -> (T, Option<String>) {
    let lang = lang::current();
    let shown = path.display();
    let not_loaded = |why: String| {
        (
            T::default(),
            Some(tr!(lang; "{shown}: {why}; state not loaded", "{shown}：{why}；未读入阅读记录")),
        )
    };
    match fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return (T::default(), None),
        Err(e) => return not_loaded(e.to_string()),
        // A FIFO here would block `read` forever.
        Ok(m) if !m.is_file() => {
            return not_loaded(tr!(lang; "not a regular file", "不是普通文件"));
        }
        Ok(_) => {}
    }
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return (T::default(), None),
        Err(e) => return not_loaded(e.to_string()),
    };
    match serde_json::from_slice(&bytes) {
        Ok(v) => (v, None),
        Err(e) => {
            let bad = path.with_extension("json.bad");
            let moved = fs::rename(path, &bad).is_ok();
            let what = if moved {
                let bad = bad.display();
                tr!(lang; "moved to {bad}", "已移到 {bad}")
            } else {
                tr!(lang; "left in place", "留在原处")
            };
            (
                T::default(),
                Some(
                    tr!(lang; "{shown}: corrupt state ({e}); {what}", "{shown}：阅读记录已损坏（{e}）；{what}"),
                ),
            )
        }
    }
}

/// Lock, read, change, write atomically, unlock.
pub(super) fn update_json<T>(path: &Path, change: impl FnOnce(&mut T)) -> io::Result<()>
where
    T: Default + Serialize + for<'de> Deserialize<'de>,
{
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let _lock = Lock::acquire(&path.with_extension("lock"))?;
    let (mut value, _) = read_json::<T>(path);
    change(&mut value);
    let mut bytes = serde_json::to_vec_pretty(&value).map_err(io::Error::other)?;
    bytes.push(b'\n');
    write_atomic(path, &bytes)
}

/// Replace `path` with `bytes` atomically: a new temp file beside it
/// (`NAME.RANDOM.tmp.PID`, created exclusively, so nothing planted at a
/// temp path is ever written through), fsync, rename, fsync the folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(Default::default, |n| n.to_string_lossy().into_owned());
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!("{name}."))
        .suffix(&format!(".tmp.{}", std::process::id()))
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // On failure the temp file is removed when the error drops it.
    tmp.persist(path).map_err(|e| e.error)?;
    // Make the rename itself durable; not every platform lets a directory be opened.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// An OS lock on a lock file, held for one read-merge-write. On unix the
/// file is removed on release (while still locked); a waiter that locked
/// the removed file sees it is no longer at the path and tries again.
pub(super) struct Lock {
    /// Held open for the lock's sake: closing it releases the lock.
    _file: File,
    path: PathBuf,
}

impl Lock {
    /// Take the lock at `path`, waiting at most [`LOCK_PATIENCE`].
    pub(super) fn acquire(path: &Path) -> io::Result<Lock> {
        let lang = lang::current();
        let shown = path.display();
        let failed = |e: io::Error| {
            io::Error::new(e.kind(), tr!(lang; "lock {shown}: {e}", "锁 {shown}：{e}"))
        };
        let deadline = Instant::now() + LOCK_PATIENCE;
        let mut pause = Duration::from_millis(1);
        loop {
            let file = open_lock_file(path).map_err(failed)?;
            match try_lock(&file) {
                Ok(()) if is_at(&file, path) => {
                    return Ok(Lock {
                        _file: file,
                        path: path.to_path_buf(),
                    });
                }
                // Its holder removed it as we opened it: lock the new one.
                Ok(()) => continue,
                // A file system without locks: merging still works, only
                // two exactly simultaneous writers could lose an update.
                Err(e) if e.kind() == io::ErrorKind::Unsupported => {
                    return Ok(Lock {
                        _file: file,
                        path: path.to_path_buf(),
                    });
                }
                Err(e) if e.kind() != io::ErrorKind::WouldBlock => return Err(failed(e)),
                Err(_) if Instant::now() >= deadline => {
                    return Err(io::Error::new(io::ErrorKind::TimedOut, {
                        let s = LOCK_PATIENCE.as_secs_f32();
                        tr!(lang;
                            "lock {shown}: held by another process for over {s} s",
                            "锁 {shown}：被另一个进程占用超过 {s} 秒"
                        )
                    }));
                }
                Err(_) => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(50));
                }
            }
        }
    }
}

impl Lock {
    /// Take the lock at `path` only if it is free right now.
    fn acquire_now(path: &Path) -> Option<Lock> {
        let file = open_lock_file(path).ok()?;
        (try_lock(&file).is_ok() && is_at(&file, path)).then(|| Lock {
            _file: file,
            path: path.to_path_buf(),
        })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Remove while still locked (see the type's docs); on other
        // platforms an open file may not be removable, so it stays. Closing
        // `_file` (right after this) releases the lock.
        #[cfg(unix)]
        let _ = fs::remove_file(&self.path);
        #[cfg(not(unix))]
        let _ = &self.path;
    }
}

/// Take an exclusive lock on `file` without waiting: `WouldBlock` if
/// another holds it, `Unsupported` if the file system has no locks.
#[cfg(unix)]
fn try_lock(file: &File) -> io::Result<()> {
    use rustix::fs::{FlockOperation, flock};
    use rustix::io::Errno;
    match flock(file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(()),
        Err(e) if e == Errno::WOULDBLOCK => Err(io::ErrorKind::WouldBlock.into()),
        Err(e) if e == Errno::NOLCK || e == Errno::OPNOTSUPP => {
            Err(io::ErrorKind::Unsupported.into())
        }
        Err(e) => Err(e.into()),
    }
}

/// Take an exclusive lock on `file` without waiting (see the unix version).
/// `File::try_lock` needs Rust 1.89 (unix builds need only rustix).
#[cfg(not(unix))]
fn try_lock(file: &File) -> io::Result<()> {
    match file.try_lock() {
        Ok(()) => Ok(()),
        Err(fs::TryLockError::WouldBlock) => Err(io::ErrorKind::WouldBlock.into()),
        Err(fs::TryLockError::Error(e)) => Err(e),
    }
}

/// Open (creating) a lock file, never through a symlink.
fn open_lock_file(path: &Path) -> io::Result<File> {
    let mut options = fs::OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(open_flags(
            rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK,
        ));
    }
    options.open(path)
}

/// `OFlags` as `OpenOptionsExt::custom_flags` takes them (small constants:
/// the conversion cannot fail).
#[cfg(unix)]
fn open_flags(flags: rustix::fs::OFlags) -> i32 {
    i32::try_from(flags.bits()).unwrap_or(0)
}

/// Is `file` still the file at `path`?
fn is_at(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        // Lock files are never removed there, so it always is.
        let _ = (file, path);
        true
    }
}

/// Is process `pid` alive (or might it be)?
fn pid_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        // `kill(0 or negative)` addresses process groups: never a PID here.
        let Some(pid) = i32::try_from(pid)
            .ok()
            .and_then(rustix::process::Pid::from_raw)
        else {
            return true;
        };
        // Signal 0 only asks whether the process exists (EPERM: it does).
        rustix::process::test_kill_process(pid) != Err(rustix::io::Errno::SRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// The PID at the end of a temp file's name (`….tmp.PID`).
fn temp_pid(name: &str) -> Option<u32> {
    let (_, pid) = name.rsplit_once(".tmp.")?;
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Remove, in each of `dirs`, what crashed runs left behind: temp files
/// (`*.tmp.PID`) whose process is gone or that are older than
/// [`STALE_AGE`], and lock files nobody holds. Never a file another live
/// process is using. Returns how many were removed.
pub(super) fn sweep(dirs: &[PathBuf]) -> usize {
    let mut removed = 0;
    for dir in dirs {
        let Ok(entries) = fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            // Not following symlinks: a planted link is removed, not its target.
            let Ok(meta) = fs::symlink_metadata(&path) else {
                continue;
            };
            if meta.is_dir() {
                continue;
            }
            let stale = if let Some(pid) = temp_pid(&name) {
                let old = meta
                    .modified()
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > STALE_AGE);
                old || !pid_alive(pid)
            } else if name.ends_with(".lock") && meta.is_file() {
                removed += usize::from(remove_unheld_lock(&path));
                continue;
            } else {
                false
            };
            if stale && fs::remove_file(&path).is_ok() {
                removed += 1;
            }
        }
    }
    removed
}

/// Remove the lock file at `path` if nobody holds it: take it, remove it
/// while holding it (as a writer does when done), release it.
fn remove_unheld_lock(path: &Path) -> bool {
    match Lock::acquire_now(path) {
        Some(lock) => {
            drop(lock);
            cfg!(unix)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names() {
        assert_eq!(temp_pid("0000000000000007.tmp.4242"), Some(4242));
        assert_eq!(temp_pid("0000000000000007.json.Ab3xYz.tmp.17"), Some(17));
        assert_eq!(temp_pid("0000000000000007.json"), None);
        assert_eq!(temp_pid("x.tmp."), None);
        assert_eq!(temp_pid("x.tmp.12a"), None);
    }

    #[test]
    fn own_pid_is_alive() {
        assert!(pid_alive(std::process::id()));
        assert!(pid_alive(0), "never a process group");
    }
}

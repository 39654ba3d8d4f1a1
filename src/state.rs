//! Remembered reading: per issue — keyed by a hash of its bytes, so a
//! renamed or moved file is still known — the position, which articles were
//! read, bookmarks; and the search history.
//!
//! Storage is one JSON file per issue under the state directory, written
//! atomically (temp file, fsync, rename). Every field is a last-writer-wins
//! register with a timestamp, so two kanbao processes merge instead of
//! overwriting each other: a write takes a lock file, re-reads what is on
//! disk, merges, and renames the result into place. A file that does not
//! parse is moved aside to `*.bad` and reported, never lost, never fatal.
//!
//! Nothing here touches the terminal; the run loop calls it.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A hash of an issue file's bytes: the key of its state.
pub fn content_hash(bytes: &[u8]) -> u64 {
    twox_hash::XxHash3_64::oneshot(bytes)
}

/// Milliseconds since the epoch: the timestamps of the registers.
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// A value with the time it was set; merging keeps the newer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamped<T> {
    /// The value.
    pub value: T,
    /// When it was set (ms since the epoch).
    pub at: u64,
}

impl<T> Stamped<T> {
    /// A value set now.
    pub fn now(value: T) -> Self {
        Self {
            value,
            at: now_ms(),
        }
    }
}

/// Where the reader was: article, and the paragraph and byte offset at the
/// top of the pane (independent of the terminal's width).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Position {
    /// Article index.
    pub article: usize,
    /// Paragraph index in the article's layout.
    pub para: usize,
    /// Byte offset in that paragraph.
    pub byte: usize,
}

/// Everything remembered about one issue.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IssueState {
    /// The file name it was last opened under (for people reading the JSON).
    #[serde(default)]
    pub source: String,
    /// The last reading position.
    #[serde(default)]
    pub position: Option<Stamped<Position>>,
    /// Per article index: read or not (toggling back to unread is a write too).
    #[serde(default)]
    pub read: BTreeMap<usize, Stamped<bool>>,
    /// Per `"article:para"`: bookmarked or not.
    #[serde(default)]
    pub bookmarks: BTreeMap<String, Stamped<bool>>,
}

fn merge_register<T: Clone>(ours: &mut Option<Stamped<T>>, theirs: &Option<Stamped<T>>) {
    if let Some(t) = theirs {
        if ours.as_ref().is_none_or(|o| t.at > o.at) {
            *ours = Some(t.clone());
        }
    }
}

fn merge_map<K: Ord + Clone, T: Clone>(
    ours: &mut BTreeMap<K, Stamped<T>>,
    theirs: &BTreeMap<K, Stamped<T>>,
) {
    for (k, t) in theirs {
        match ours.get(k) {
            Some(o) if o.at >= t.at => {}
            _ => {
                ours.insert(k.clone(), t.clone());
            }
        }
    }
}

impl IssueState {
    /// Merge another copy (e.g. what another process wrote) into this one:
    /// per field, the newer value wins.
    pub fn merge(&mut self, other: &IssueState) {
        merge_register(&mut self.position, &other.position);
        merge_map(&mut self.read, &other.read);
        merge_map(&mut self.bookmarks, &other.bookmarks);
        if self.source.is_empty() {
            self.source.clone_from(&other.source);
        }
    }

    /// Is article `i` marked read?
    pub fn is_read(&self, i: usize) -> bool {
        self.read.get(&i).is_some_and(|s| s.value)
    }

    /// Mark article `i` read or unread, now.
    pub fn set_read(&mut self, i: usize, read: bool) {
        self.read.insert(i, Stamped::now(read));
    }

    /// Toggle a bookmark on (article, paragraph); returns whether it is now set.
    pub fn toggle_bookmark(&mut self, article: usize, para: usize) -> bool {
        let key = format!("{article}:{para}");
        let set = !self.bookmarks.get(&key).is_some_and(|s| s.value);
        self.bookmarks.insert(key, Stamped::now(set));
        set
    }

    /// The bookmarks that are set, as (article, paragraph), in order.
    pub fn bookmark_list(&self) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = self
            .bookmarks
            .iter()
            .filter(|(_, s)| s.value)
            .filter_map(|(k, _)| {
                let (a, p) = k.split_once(':')?;
                Some((a.parse().ok()?, p.parse().ok()?))
            })
            .collect();
        out.sort_unstable();
        out
    }
}

/// The search history, newest last, shared by all issues.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct History {
    /// Query → when it was last used.
    #[serde(default)]
    pub queries: BTreeMap<String, u64>,
}

impl History {
    /// How many queries are kept.
    pub const LIMIT: usize = 200;

    /// Record a query as used now.
    pub fn push(&mut self, query: &str) {
        if !query.trim().is_empty() {
            self.queries.insert(query.to_owned(), now_ms());
            self.trim();
        }
    }

    /// Queries, oldest first.
    pub fn ordered(&self) -> Vec<&str> {
        let mut v: Vec<(&String, &u64)> = self.queries.iter().collect();
        v.sort_by_key(|(q, at)| (**at, (*q).clone()));
        v.into_iter().map(|(q, _)| q.as_str()).collect()
    }

    /// Merge another copy: union, newest use wins.
    pub fn merge(&mut self, other: &History) {
        for (q, at) in &other.queries {
            let e = self.queries.entry(q.clone()).or_insert(*at);
            *e = (*e).max(*at);
        }
        self.trim();
    }

    fn trim(&mut self) {
        while self.queries.len() > Self::LIMIT {
            let oldest = self
                .queries
                .iter()
                .min_by_key(|(_, at)| **at)
                .map(|(q, _)| q.clone());
            match oldest {
                Some(q) => self.queries.remove(&q),
                None => break,
            };
        }
    }
}

/// The state directory, or none (`--no-state`): then nothing is read or written.
#[derive(Debug, Clone)]
pub struct Store {
    dir: Option<PathBuf>,
}

/// How long a writer waits for another's lock before taking it over (a
/// crashed process leaves its lock file behind).
const LOCK_PATIENCE: Duration = Duration::from_secs(2);

impl Store {
    /// A store in `dir`.
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: Some(dir.into()),
        }
    }

    /// A store that remembers nothing (`--no-state`, tests).
    pub fn disabled() -> Self {
        Self { dir: None }
    }

    /// The platform's state directory for kanbao, unless `KANBAO_STATE_DIR`
    /// says otherwise.
    pub fn default_dir() -> Option<PathBuf> {
        if let Some(d) = std::env::var_os("KANBAO_STATE_DIR").filter(|d| !d.is_empty()) {
            return Some(PathBuf::from(d));
        }
        let dirs = directories::ProjectDirs::from("", "", "kanbao")?;
        Some(
            dirs.state_dir()
                .unwrap_or_else(|| dirs.data_local_dir())
                .to_path_buf(),
        )
    }

    /// The directory, if enabled.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    fn issue_path(&self, hash: u64) -> Option<PathBuf> {
        Some(
            self.dir
                .as_ref()?
                .join("issues")
                .join(format!("{hash:016x}.json")),
        )
    }

    fn history_path(&self) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join("history.json"))
    }

    /// The remembered state of the issue with this content hash. The second
    /// value is a warning for the status bar (a corrupt file moved aside).
    pub fn load_issue(&self, hash: u64) -> (IssueState, Option<String>) {
        match self.issue_path(hash) {
            Some(p) => read_json(&p),
            None => (IssueState::default(), None),
        }
    }

    /// Save an issue's state, merged with whatever another process wrote.
    pub fn save_issue(&self, hash: u64, state: &IssueState) -> io::Result<()> {
        let Some(path) = self.issue_path(hash) else {
            return Ok(());
        };
        update_json(&path, |on_disk: &mut IssueState| on_disk.merge(state))
    }

    /// The search history.
    pub fn load_history(&self) -> (History, Option<String>) {
        match self.history_path() {
            Some(p) => read_json(&p),
            None => (History::default(), None),
        }
    }

    /// Save the search history, merged with what is on disk.
    pub fn save_history(&self, history: &History) -> io::Result<()> {
        let Some(path) = self.history_path() else {
            return Ok(());
        };
        update_json(&path, |on_disk: &mut History| on_disk.merge(history))
    }
}

/// Read a JSON state file. Missing: the default. Unparsable: moved aside to
/// `*.bad` and reported, and the default is used.
fn read_json<T: Default + for<'de> Deserialize<'de>>(path: &Path) -> (T, Option<String>) {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return (T::default(), None),
        Err(e) => {
            return (
                T::default(),
                Some(format!("{}: {e}; state not loaded", path.display())),
            );
        }
    };
    match serde_json::from_slice(&bytes) {
        Ok(v) => (v, None),
        Err(e) => {
            let bad = path.with_extension("json.bad");
            let moved = fs::rename(path, &bad).is_ok();
            let what = if moved {
                format!("moved to {}", bad.display())
            } else {
                "left in place".to_owned()
            };
            (
                T::default(),
                Some(format!("{}: corrupt state ({e}); {what}", path.display())),
            )
        }
    }
}

/// Lock, read, change, write atomically, unlock.
fn update_json<T>(path: &Path, change: impl FnOnce(&mut T)) -> io::Result<()>
where
    T: Default + Serialize + for<'de> Deserialize<'de>,
{
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let _lock = Lock::acquire(&path.with_extension("lock"))?;
    let (mut value, _) = read_json::<T>(path);
    change(&mut value);
    let tmp = path.with_extension(format!("tmp.{}", std::process::id()));
    {
        let mut f = fs::File::create(&tmp)?;
        serde_json::to_writer_pretty(&mut f, &value).map_err(io::Error::other)?;
        f.write_all(b"\n")?;
        f.sync_all()?;
    }
    fs::rename(&tmp, path)?;
    // Make the rename itself durable; not every platform lets a directory be opened.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A lock file held for the duration of a read-merge-write.
struct Lock {
    path: PathBuf,
}

impl Lock {
    fn acquire(path: &Path) -> io::Result<Lock> {
        let start = std::time::Instant::now();
        loop {
            match fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
            {
                Ok(_) => {
                    return Ok(Lock {
                        path: path.to_path_buf(),
                    });
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    if start.elapsed() > LOCK_PATIENCE {
                        // The holder died mid-write: its temp file is ignored,
                        // the state file is whole (rename is atomic).
                        let _ = fs::remove_file(path);
                        continue;
                    }
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(e) => return Err(e),
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

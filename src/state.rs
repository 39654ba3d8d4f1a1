//! Remembered reading: per issue — keyed by a hash of its bytes, so a
//! renamed or moved file is still known — the position, which articles were
//! read, bookmarks; per archive folder, the last issue read in it; and
//! the search history.
//!
//! Storage is one JSON file per issue under the state directory, written
//! atomically (fresh temp file, fsync, rename). Every field is a register
//! with a version (a counter bumped on every change) and a timestamp, so
//! two kanbao processes merge instead of overwriting each other: a write
//! takes an OS lock with a bounded wait, re-reads what is on disk, merges
//! (the higher version wins; the later time only breaks ties, so a clock
//! that is wrong never makes a change vanish), and renames the result into
//! place. A file that does not parse is moved aside to `*.bad` and reported,
//! never lost, never fatal; a lock that cannot be taken is an error to show
//! ("state not saved"), never a hang. The file-system side is in `disk`.
//!
//! Nothing here touches the terminal; the run loop calls it.

mod disk;
mod spans;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

pub use disk::{LOCK_PATIENCE, STALE_AGE, write_atomic};

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

/// A value with its version and the time it was set; merging keeps the
/// higher version, and of equal versions the later time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamped<T> {
    /// The value.
    pub value: T,
    /// When it was set (ms since the epoch).
    pub at: u64,
    /// How many times the entry was set: each change is one more than the
    /// value it replaces. 0 in files written before versions existed.
    #[serde(default)]
    pub version: u64,
}

impl<T> Stamped<T> {
    /// A first value, set now (version 1).
    pub fn now(value: T) -> Self {
        Self::after(None, value)
    }

    /// The value that replaces `prev`: one version later, set now. However
    /// far in the future `prev` was stamped, this one wins a merge with it.
    pub fn after(prev: Option<&Stamped<T>>, value: T) -> Self {
        Self {
            value,
            at: now_ms(),
            version: prev.map_or(0, |p| p.version).saturating_add(1),
        }
    }

    /// Does this value win a merge against `other`?
    pub fn supersedes(&self, other: &Stamped<T>) -> bool {
        (self.version, self.at) > (other.version, other.at)
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
        if ours.as_ref().is_none_or(|o| t.supersedes(o)) {
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
            Some(o) if !t.supersedes(o) => {}
            _ => {
                ours.insert(k.clone(), t.clone());
            }
        }
    }
}

impl IssueState {
    /// Merge another copy (e.g. what another process wrote) into this one:
    /// per field, the value with the higher version wins (then the later).
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
        let next = Stamped::after(self.read.get(&i), read);
        self.read.insert(i, next);
    }

    /// Remember the reading position, now.
    pub fn set_position(&mut self, position: Position) {
        self.position = Some(Stamped::after(self.position.as_ref(), position));
    }

    /// Toggle a bookmark on (article, paragraph); returns whether it is now set.
    pub fn toggle_bookmark(&mut self, article: usize, para: usize) -> bool {
        let key = format!("{article}:{para}");
        let prev = self.bookmarks.get(&key);
        let set = !prev.is_some_and(|s| s.value);
        let next = Stamped::after(prev, set);
        self.bookmarks.insert(key, next);
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

/// Reader settings changed in the reader (`+`/`-`, `p`, `s`), kept for
/// the next run (`reader.json`). Each remembers what the config said when
/// it was changed: once the config file says something else, the file
/// wins again (an edited config is never silently ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReaderSettings {
    /// Text column width.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Remembered<u16>>,
    /// Blank line between paragraphs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub para_spacing: Option<Remembered<bool>>,
    /// Full-width punctuation display.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub punct: Option<Remembered<bool>>,
    /// Headline list width (0: sized to the window).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_width: Option<Remembered<u16>>,
}

/// A setting's value and the config's value when it was set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remembered<T> {
    /// What the reader chose.
    pub value: T,
    /// What the config (and flags) said then.
    pub config: T,
}

impl<T: Copy + PartialEq> Remembered<T> {
    /// The remembered value while the config still says what it said,
    /// else the config's.
    pub fn over(this: Option<Self>, config: T) -> T {
        match this {
            Some(r) if r.config == config => r.value,
            _ => config,
        }
    }

    /// `value` remembered against `config`, or nothing when they agree.
    pub fn differing(value: T, config: T) -> Option<Self> {
        (value != config).then_some(Remembered { value, config })
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

impl Store {
    /// A store in `dir`.
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: Some(dir.into()),
        }
    }

    /// A store in `dir`, for a run of the reader: what crashed runs left
    /// there is swept away in the background (see [`Store::sweep`]).
    pub fn open(dir: impl Into<PathBuf>) -> Self {
        let store = Self::at(dir);
        let sweeper = store.clone();
        std::thread::spawn(move || sweeper.sweep());
        store
    }

    /// Remove what crashed runs left behind: temp files (`*.tmp.PID`) of
    /// processes that are gone or older than [`STALE_AGE`], and lock files
    /// nobody holds; never what a live process is using. Returns how many
    /// files were removed.
    pub fn sweep(&self) -> usize {
        let Some(dir) = &self.dir else { return 0 };
        disk::sweep(&[dir.clone(), dir.join("issues"), dir.join("folders")])
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

    fn settings_path(&self) -> Option<PathBuf> {
        Some(self.dir.as_ref()?.join("reader.json"))
    }

    /// The reader settings kept from earlier runs (and a warning when the
    /// file was corrupt and moved aside).
    pub fn load_settings(&self) -> (ReaderSettings, Option<String>) {
        match self.settings_path() {
            Some(p) => disk::read_json(&p),
            None => (ReaderSettings::default(), None),
        }
    }

    /// Keep the reader settings for the next run (the last writer wins:
    /// they are one person's preference, not a merge).
    pub fn save_settings(&self, settings: &ReaderSettings) -> io::Result<()> {
        let Some(path) = self.settings_path() else {
            return Ok(());
        };
        disk::update_json(&path, |on_disk: &mut ReaderSettings| *on_disk = *settings)
    }

    /// The remembered state of the issue with this content hash. The second
    /// value is a warning for the status bar (a corrupt file moved aside).
    pub fn load_issue(&self, hash: u64) -> (IssueState, Option<String>) {
        match self.issue_path(hash) {
            Some(p) => disk::read_json(&p),
            None => (IssueState::default(), None),
        }
    }

    /// Save an issue's state, merged with whatever another process wrote.
    pub fn save_issue(&self, hash: u64, state: &IssueState) -> io::Result<()> {
        let Some(path) = self.issue_path(hash) else {
            return Ok(());
        };
        disk::update_json(&path, |on_disk: &mut IssueState| on_disk.merge(state))
    }

    /// The search history.
    pub fn load_history(&self) -> (History, Option<String>) {
        match self.history_path() {
            Some(p) => disk::read_json(&p),
            None => (History::default(), None),
        }
    }

    /// Save the search history, merged with what is on disk.
    pub fn save_history(&self, history: &History) -> io::Result<()> {
        let Some(path) = self.history_path() else {
            return Ok(());
        };
        disk::update_json(&path, |on_disk: &mut History| on_disk.merge(history))
    }
}

/// The last issue read in a folder (`folders/HASH.json`).
#[derive(Debug, Default, Serialize, Deserialize)]
struct FolderState {
    /// The folder, for people reading the file.
    dir: String,
    /// Content hash of the issue.
    issue: u64,
}

impl Store {
    fn folder_file(&self, dir: &Path) -> Option<PathBuf> {
        let canon = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        let key = content_hash(canon.to_string_lossy().as_bytes());
        Some(self.dir()?.join("folders").join(format!("{key:016x}.json")))
    }

    /// The last issue (content hash) read in folder `dir`, if remembered.
    pub fn last_issue(&self, dir: &Path) -> Option<u64> {
        let bytes = std::fs::read(self.folder_file(dir)?).ok()?;
        serde_json::from_slice::<FolderState>(&bytes)
            .ok()
            .map(|f| f.issue)
    }

    /// Remember `hash` as the last issue read in folder `dir` (written only
    /// when it changed; atomically, through a temp file and a rename).
    pub fn save_last_issue(&self, dir: &Path, hash: u64) -> io::Result<()> {
        let Some(path) = self.folder_file(dir) else {
            return Ok(());
        };
        if self.last_issue(dir) == Some(hash) {
            return Ok(());
        }
        let parent = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let state = FolderState {
            dir: dir.display().to_string(),
            issue: hash,
        };
        let tmp = path.with_extension(format!("tmp.{}", std::process::id()));
        std::fs::write(
            &tmp,
            serde_json::to_vec_pretty(&state).map_err(io::Error::other)?,
        )?;
        std::fs::rename(&tmp, &path)
    }
}

#[cfg(test)]
mod tests {
    use super::Remembered;

    #[test]
    fn a_remembered_setting_yields_to_an_edited_config() {
        let kept = Remembered::differing(60u16, 80);
        assert_eq!(
            kept,
            Some(Remembered {
                value: 60,
                config: 80
            })
        );
        assert_eq!(Remembered::over(kept, 80), 60, "config unchanged: kept");
        assert_eq!(Remembered::over(kept, 70), 70, "config edited: it wins");
        assert_eq!(Remembered::differing(80u16, 80), None);
        assert!(Remembered::over(None, true));
    }
}

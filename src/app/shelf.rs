//! The shelf: every issue of an archive (or the one issue of `kanbao FILE`)
//! with its remembered reading state, which one is open, and the state of
//! the issue / bookmark picker. Data and its own operations only: opening
//! an issue in the reader is `issues.rs`, the picker's keys `picker.rs`.
//! No I/O: loading results arrive as values (`Shelf::insert`).

use crate::archive::{Entry, LoadedIssue, sort_key};
use crate::model::{Encoding, Issue};
use crate::state::IssueState;
use std::cmp::Reverse;
use std::path::PathBuf;
use std::sync::Arc;

/// What the issue list shows about one issue (kept when the issue itself
/// is moved into `App::issue`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueInfo {
    /// Masthead date (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Paper name.
    pub paper: Option<String>,
    /// Page as written.
    pub page: Option<String>,
    /// File name.
    pub file: String,
    /// Number of articles.
    pub articles: usize,
}

/// One file of the archive.
#[derive(Debug, Default)]
pub struct Slot {
    /// Where it lives.
    pub path: PathBuf,
    /// Content hash (state key); 0 until loaded.
    pub hash: u64,
    /// Summary for the list.
    pub info: IssueInfo,
    /// The parsed issue; `None` while loading, on failure, or while it is
    /// the open issue (then it is in `App::issue`).
    pub issue: Option<Arc<Issue>>,
    /// Load error, shown on selection.
    pub error: Option<String>,
    /// Loaded or failed (i.e. in the list).
    pub done: bool,
    /// Remembered reading.
    pub state: IssueState,
}

impl Slot {
    /// Articles marked read (within the article count).
    pub fn read_count(&self) -> usize {
        (0..self.info.articles)
            .filter(|&i| self.state.is_read(i))
            .count()
    }
}

/// Which list the picker overlay shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    /// The issues of the archive, newest first.
    Issues,
    /// Every bookmark, across issues.
    Bookmarks,
}

/// The picker overlay's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Picker {
    /// What it lists.
    pub kind: PickerKind,
    /// Selected row.
    pub selected: usize,
}

/// A bookmark row: slot, article, block (paragraph of the layout).
pub type BookmarkRow = (usize, usize, usize);

/// All issues and their reading state.
#[derive(Debug, Default)]
pub struct Shelf {
    /// The archive folder (`kanbao DIR`), `None` for a single file.
    pub dir: Option<PathBuf>,
    /// Every file, in scan order (slot index = load index).
    pub slots: Vec<Slot>,
    /// Slots in the list (loaded or failed), sorted newest first.
    pub order: Vec<usize>,
    keys: Vec<Option<(Reverse<String>, String)>>,
    /// The slot whose issue is in `App::issue`.
    pub current: Option<usize>,
    /// Files finished loading (ok or failed).
    pub finished: usize,
    /// The picker overlay, when open.
    pub picker: Option<Picker>,
    /// The last issue read in this folder (by hash), until it loads.
    pub resume: Option<u64>,
    /// The user chose something already: do not jump to `resume`.
    pub touched: bool,
    /// Slots whose state must be written (drained by the run loop).
    pub dirty: Vec<usize>,
    /// A warning to show (corrupt state file), set by the loader side.
    pub warnings: Vec<String>,
    /// The open article last recorded, to notice a change.
    pub seen_open: Option<usize>,
    /// An article toggled unread while at its end: not re-marked read.
    pub unread_hold: Option<usize>,
}

impl Shelf {
    /// A shelf over `paths` of folder `dir`, nothing loaded yet.
    pub fn folder(dir: PathBuf, paths: Vec<PathBuf>) -> Shelf {
        let mut shelf = Shelf {
            dir: Some(dir),
            ..Shelf::default()
        };
        shelf.add_paths(paths);
        shelf
    }

    /// Add files found by a rescan; returns the first new slot index.
    pub fn add_paths(&mut self, paths: Vec<PathBuf>) -> usize {
        let base = self.slots.len();
        for path in paths {
            self.slots.push(Slot {
                path,
                ..Slot::default()
            });
            self.keys.push(None);
        }
        base
    }

    /// Whether every file has finished loading.
    pub fn is_loading(&self) -> bool {
        self.finished < self.slots.len()
    }

    /// `loading 3120/10000` while files load.
    pub fn progress(&self) -> Option<String> {
        self.is_loading()
            .then(|| format!("loading {}/{}", self.finished, self.slots.len()))
    }

    /// Record a loaded (or failed) file; keeps the list sorted and the
    /// picker's selection on the same issue.
    pub fn insert(&mut self, slot: usize, entry: Entry, state: IssueState) {
        let Some(s) = self.slots.get_mut(slot) else {
            return;
        };
        if s.done {
            return;
        }
        let key = sort_key(&entry);
        match entry {
            Ok(l) => {
                s.hash = l.hash;
                s.info = info_of(&l);
                s.state = state;
                s.issue = Some(Arc::new(l.issue));
            }
            Err(e) => {
                s.info.file = s
                    .path
                    .file_name()
                    .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
                // The list shows the file name already.
                let msg = e.to_string();
                let prefix = format!("{}: ", s.path.display());
                s.error = Some(msg.strip_prefix(&prefix).unwrap_or(&msg).to_string());
            }
        }
        s.done = true;
        self.finished += 1;
        let row = self
            .order
            .partition_point(|&o| self.keys[o].as_ref().is_some_and(|k| *k <= key));
        self.keys[slot] = Some(key);
        self.order.insert(row, slot);
        if let Some(p) = &mut self.picker {
            // Keep the selected issue selected; at the top, stay at the
            // top (the newest issue) while the list fills in.
            if p.kind == PickerKind::Issues && row <= p.selected && p.selected > 0 {
                p.selected += 1;
            }
        }
    }

    /// Every set bookmark, issue list order, then article and paragraph.
    pub fn bookmarks(&self) -> Vec<BookmarkRow> {
        self.order
            .iter()
            .flat_map(|&s| {
                self.slots[s]
                    .state
                    .bookmark_list()
                    .into_iter()
                    .map(move |(a, p)| (s, a, p))
            })
            .collect()
    }

    /// Rows in the open picker.
    pub fn picker_len(&self) -> usize {
        match self.picker.map(|p| p.kind) {
            Some(PickerKind::Issues) => self.order.len(),
            Some(PickerKind::Bookmarks) => self.bookmarks().len(),
            None => 0,
        }
    }

    /// Whether slot `s` holds a parsed issue (or is the open one).
    pub fn is_loaded(&self, s: usize) -> bool {
        self.current == Some(s) || self.slots.get(s).is_some_and(|x| x.issue.is_some())
    }

    /// The loaded slots, in issue-list order (newest first).
    pub fn loaded_slots(&self) -> Vec<usize> {
        self.order
            .iter()
            .copied()
            .filter(|&s| self.is_loaded(s))
            .collect()
    }

    /// The parsed issues of `slots`, `open` standing for the open one.
    pub fn issues_of(&self, slots: &[usize], open: &Arc<Issue>) -> Vec<Arc<Issue>> {
        slots
            .iter()
            .filter_map(|&s| {
                if self.current == Some(s) {
                    Some(Arc::clone(open))
                } else {
                    self.slots.get(s)?.issue.clone()
                }
            })
            .collect()
    }

    /// Ask for slot `slot`'s state to be written.
    pub fn mark_dirty(&mut self, slot: usize) {
        if !self.dirty.contains(&slot) {
            self.dirty.push(slot);
        }
    }
}

fn info_of(l: &LoadedIssue) -> IssueInfo {
    let m = l.issue.masthead.as_ref();
    IssueInfo {
        date: m.and_then(|m| m.date.clone()),
        paper: m.and_then(|m| m.paper.clone()),
        page: m.and_then(|m| m.page.clone()),
        file: l.issue.source.clone(),
        articles: l.issue.articles.len(),
    }
}

/// An issue with no articles, shown until the first one is chosen.
pub fn placeholder(name: &str) -> Issue {
    Issue {
        source: name.to_string(),
        encoding: Encoding::Utf8,
        masthead: None,
        credits: None,
        chrome: Vec::new(),
        articles: Vec::new(),
    }
}

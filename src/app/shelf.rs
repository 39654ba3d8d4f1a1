//! The shelf: every issue of an archive (or the one issue of `kanbao FILE`)
//! with its remembered reading state, which one is open, and the state of
//! the issue / bookmark picker. Data and its own operations only: opening
//! an issue in the reader is `issues.rs`, the picker's keys `picker.rs`.
//! No I/O: loading results arrive as values (`Shelf::insert`, in
//! `shelf_files.rs` with the rest of how files make issues).
//!
//! An issue is one paper on one day (`archive::grouping`): a folder's files
//! are grouped by what their paths say as soon as they are found, so an
//! issue's place never moves while files load; a slot is one issue, and
//! `files` are the files it is made of. When the last of its files has
//! loaded, their articles are merged into the issue, page by page
//! (`archive::merge`), and their states composed (`IssueState::compose`);
//! each file's share is saved under its own hash (`IssueState::part`).

use crate::archive::keys::FileKeys;
use crate::archive::merge::{FileSpan, PageSpan};
use crate::model::{Encoding, Issue};
use crate::state::IssueState;
use std::borrow::Cow;
use std::cmp::Reverse;
use std::path::PathBuf;
use std::sync::Arc;

/// What the issue list shows about one issue (kept when the issue itself
/// is moved into `App::issue`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueInfo {
    /// Masthead date (`YYYY-MM-DD`), else the path's.
    pub date: Option<String>,
    /// Paper name.
    pub paper: Option<String>,
    /// Page as written, for an issue of one page.
    pub page: Option<String>,
    /// File name, or the issue's name (its folder) for several files.
    pub file: String,
    /// Number of articles.
    pub articles: usize,
    /// Number of pages.
    pub pages: usize,
}

/// One file of the archive.
#[derive(Debug, Default)]
pub struct FileRec {
    /// Where it lives.
    pub path: PathBuf,
    /// Content hash (state key); 0 until loaded.
    pub hash: u64,
    /// What its path (and, once loaded, its masthead) says it is.
    pub keys: FileKeys,
    /// What its path alone says (issues are grouped by it, so a rescan
    /// groups the same way whatever has loaded).
    pub path_keys: FileKeys,
    /// The issue (slot) it belongs to.
    pub slot: usize,
    /// The parsed file, until its issue is merged.
    pub issue: Option<Arc<Issue>>,
    /// Its reading as its issue was last merged from it: as loaded, or as
    /// taken back out of the issue before a new merge.
    pub state: IssueState,
    /// What was last loaded from or written to its state file: a share
    /// that differs from it is due to be saved.
    pub saved: IssueState,
    /// Load error.
    pub error: Option<String>,
    /// Loaded or failed.
    pub done: bool,
}

/// One issue of the archive.
#[derive(Debug, Default)]
pub struct Slot {
    /// Where it lives (its first file).
    pub path: PathBuf,
    /// Its first file's content hash (the folder's last issue is
    /// remembered by it); 0 until loaded.
    pub hash: u64,
    /// Summary for the list.
    pub info: IssueInfo,
    /// The parsed issue; `None` while loading, on failure, or while it is
    /// the open issue (then it is in `App::issue`).
    pub issue: Option<Arc<Issue>>,
    /// Load error (every file failed), shown on selection.
    pub error: Option<String>,
    /// Every file loaded or failed (i.e. in the list).
    pub done: bool,
    /// Remembered reading, in the issue's article numbering.
    pub state: IssueState,
    /// Its files, in print order (indices into `Shelf::files`).
    pub files: Vec<usize>,
    /// How many of them have not finished loading.
    pub pending: usize,
    /// Its files changed since it was merged (a rescan): merged again
    /// once they have loaded and it is not open.
    pub stale: bool,
    /// Where each loaded file's articles are in the issue.
    pub spans: Vec<FileSpan>,
    /// Its pages.
    pub pages: Vec<PageSpan>,
    /// Its grouping identity (a rescan adds files to the same issue).
    pub(super) key: String,
}

impl Slot {
    /// Articles marked read (within the article count).
    pub fn read_count(&self) -> usize {
        (0..self.info.articles)
            .filter(|&i| self.state.is_read(i))
            .count()
    }

    /// The page article `a` is on (index into `pages`).
    pub fn page_of(&self, a: usize) -> Option<usize> {
        self.pages.iter().position(|p| p.holds(a))
    }
}

/// Which list the picker overlay shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    /// The issues of the archive, newest first.
    Issues,
    /// Every bookmark, across issues.
    Bookmarks,
    /// The open issue's pages (版面).
    Pages,
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
    /// Every file, in scan order (file index = load index).
    pub files: Vec<FileRec>,
    /// Every issue, in the order grouping found them.
    pub slots: Vec<Slot>,
    /// Slots in the list (loaded or failed), sorted newest first.
    pub order: Vec<usize>,
    pub(super) keys: Vec<Option<(Reverse<String>, String)>>,
    /// The slot whose issue is in `App::issue`.
    pub current: Option<usize>,
    /// Files finished loading (ok or failed).
    pub finished: usize,
    /// The picker overlay, when open.
    pub picker: Option<Picker>,
    /// The last issue read in this folder (by a file's hash), until it loads.
    pub resume: Option<u64>,
    /// The file `resume` names, once it has loaded.
    pub resume_file: Option<usize>,
    /// The user chose something already: do not jump to `resume`.
    pub touched: bool,
    /// Slots whose state must be written (drained by the run loop).
    pub dirty: Vec<usize>,
    /// A warning to show (corrupt state file), set by the loader side.
    pub warnings: Vec<String>,
    /// What the issue list is filtered by (typed in it): rows whose day,
    /// paper or name hold it.
    pub filter: String,
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

    /// The slot to open on its own: the folder's last issue, once whole.
    pub fn resume_ready(&self) -> Option<usize> {
        let s = self.files.get(self.resume_file?)?.slot;
        self.slots[s].done.then_some(s)
    }

    /// Whether every file has finished loading.
    pub fn is_loading(&self) -> bool {
        self.finished < self.files.len()
    }

    /// `loading 3120/10000` while files load.
    pub fn progress(&self) -> Option<String> {
        self.is_loading()
            .then(|| format!("loading {}/{}", self.finished, self.files.len()))
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
            Some(PickerKind::Issues) => self.visible().len(),
            Some(PickerKind::Bookmarks) => self.bookmarks().len(),
            Some(PickerKind::Pages) => (self.current)
                .and_then(|c| self.slots.get(c))
                .map_or(0, |s| s.pages.len()),
            None => 0,
        }
    }

    /// The issue list's rows: `order`, filtered by `filter`.
    pub fn visible(&self) -> Cow<'_, [usize]> {
        if self.filter.is_empty() {
            return Cow::Borrowed(&self.order);
        }
        let want = self.filter.to_lowercase();
        let holds = |s: &Option<String>| {
            s.as_deref()
                .is_some_and(|s| s.to_lowercase().contains(&want))
        };
        (self.order.iter().copied())
            .filter(|&o| {
                let i = &self.slots[o].info;
                holds(&i.date) || holds(&i.paper) || i.file.to_lowercase().contains(&want)
            })
            .collect::<Vec<_>>()
            .into()
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

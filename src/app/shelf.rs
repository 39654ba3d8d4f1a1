//! The shelf: every issue of an archive (or the one issue of `kanbao FILE`)
//! with its remembered reading state, which one is open, and the issue /
//! bookmark picker. Like `update`, nothing here performs I/O: loading
//! results arrive as values (`App::on_loaded`), and writes are asked for
//! with `Effect::SaveState` (the run loop then calls `tui::run::save`).
//!
//! Switching issues moves the parsed `Issue` between its slot and
//! `App::issue` (`mem::replace`), so nothing is re-parsed or cloned.

use super::App;
use super::article_layout::Anchor;
use crate::action::{Action, Effect};
use crate::archive::{Entry, LoadedIssue, sort_key};
use crate::layout::Focus;
use crate::layout::Viewport;
use crate::model::{Encoding, Issue};
use crate::state::{IssueState, Position};
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
    seen_open: Option<(usize, bool)>,
    unread_hold: Option<usize>,
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

    fn mark_dirty(&mut self, slot: usize) {
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

impl App {
    /// A reader over one already loaded issue (`kanbao FILE`) with its
    /// remembered state: it opens where the reader left it.
    pub fn single(loaded: LoadedIssue, state: IssueState, opts: super::ReaderOptions) -> App {
        let mut app = App::new(placeholder(&loaded.issue.source), opts);
        app.shelf.add_paths(vec![loaded.path.clone()]);
        app.shelf.insert(0, Ok(loaded), state);
        app.shelf.touched = true;
        enter(&mut app, 0);
        app
    }

    /// A reader over an archive folder whose files are still loading. The
    /// issue list is open until the remembered issue (`resume`) arrives.
    pub fn archive(shelf: Shelf, opts: super::ReaderOptions) -> App {
        let name = shelf.dir.as_ref().and_then(|d| d.file_name()).map_or_else(
            || "archive".to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let mut app = App::new(placeholder(&name), opts);
        app.shelf = shelf;
        app.shelf.picker = Some(Picker {
            kind: PickerKind::Issues,
            selected: 0,
        });
        app
    }

    /// A file finished loading in the background.
    pub fn on_loaded(&mut self, slot: usize, entry: Entry, state: IssueState) -> Effect {
        let resume = entry
            .as_ref()
            .is_ok_and(|l| Some(l.hash) == self.shelf.resume);
        self.shelf.insert(slot, entry, state);
        if resume && !self.shelf.touched {
            self.shelf.touched = true;
            self.shelf.picker = None;
            enter(self, slot);
        }
        Effect::Redraw
    }

    /// The current position as stored state.
    fn position(&self) -> Position {
        Position {
            article: self.view.open,
            para: self.view.anchor.block,
            byte: self.view.anchor.byte,
        }
    }

    /// Remember the position (and new read marks) of the open issue.
    /// Not while the search bar is open: typing previews hits (in other
    /// issues too), and only where the reader settles counts.
    pub(super) fn record(&mut self) {
        let Some(c) = self.shelf.current else { return };
        if self.search.bar.is_some() {
            return;
        }
        let pos = self.position();
        let opened = self.view.opened;
        let slot = &mut self.shelf.slots[c];
        if opened && slot.state.position.is_none_or(|p| p.value != pos) {
            slot.state.set_position(pos);
            self.shelf.mark_dirty(c);
        }
    }
}

/// Called by `App::apply` after every update: turns what changed (an
/// article opened, an article read to the end) into state, and asks the
/// run loop to save it.
pub fn after_update(app: &mut App, effect: Effect) -> Effect {
    let Some(c) = app.shelf.current else {
        return effect;
    };
    if app.shelf.unread_hold.is_some_and(|h| h != app.view.open) {
        app.shelf.unread_hold = None;
    }
    // Articles shown while the search bar is open are previews: they count
    // as read only once the reader settles there (Enter), as positions do.
    let previewing = app.search.bar.is_some();
    for i in 0..app.view.read.len() {
        if !previewing && app.view.read[i] && !app.shelf.slots[c].state.is_read(i) {
            if app.shelf.unread_hold == Some(i) {
                // Toggled unread while at its end: do not re-mark it.
                app.view.read[i] = false;
            } else {
                app.shelf.slots[c].state.set_read(i, true);
                app.shelf.mark_dirty(c);
            }
        }
    }
    let seen = (app.view.open, app.view.opened);
    if app.shelf.seen_open != Some(seen) || effect == Effect::Quit {
        app.shelf.seen_open = Some(seen);
        app.record();
    }
    match effect {
        Effect::Quit => Effect::Quit,
        // Effects that carry work of their own keep it; the run loop saves
        // dirty state with them (`tui::run::step`).
        e @ (Effect::Rescan | Effect::Clipboard(_) | Effect::Pager(_)) => e,
        _ if !app.shelf.dirty.is_empty() => Effect::SaveState,
        e => e,
    }
}

/// Open slot `i` in the reader, putting the current issue back on its
/// slot and restoring the new one's remembered position.
pub fn enter(app: &mut App, i: usize) -> bool {
    let Some(slot) = app.shelf.slots.get(i) else {
        return false;
    };
    if let Some(e) = &slot.error {
        app.message = Some(format!("{}: {e}", slot.info.file));
        return false;
    }
    if app.shelf.current == Some(i) {
        return true;
    }
    let Some(issue) = app.shelf.slots[i].issue.take() else {
        app.message = Some("still loading / 加载中".into());
        return false;
    };
    app.record();
    let old = std::mem::replace(&mut app.issue, issue);
    if let Some(c) = app.shelf.current {
        app.shelf.slots[c].issue = Some(old);
        app.shelf.mark_dirty(c);
    }
    app.shelf.current = Some(i);
    app.shelf.mark_dirty(i);
    // Search indexes and keywords belong to the issue they were built for.
    app.search.invalidate();
    app.shelf.unread_hold = None;
    let n = app.issue.articles.len();
    let state = &app.shelf.slots[i].state;
    app.view.reset((0..n).map(|a| state.is_read(a)).collect());
    if let Some(p) = state.position.map(|p| p.value).filter(|p| p.article < n) {
        let at = Anchor {
            block: p.para,
            byte: p.byte,
        };
        app.view.open_article(p.article, at);
    }
    app.shelf.seen_open = Some((app.view.open, app.view.opened));
    true
}

/// Archive actions in the main context: switch issue, open the pickers,
/// toggle read marks and bookmarks, rescan.
pub fn update(app: &mut App, action: Action) -> Effect {
    match action {
        Action::NextIssue | Action::PrevIssue => {
            let order = &app.shelf.order;
            let row = app
                .shelf
                .current
                .and_then(|c| order.iter().position(|&s| s == c));
            let target = match (row, action == Action::NextIssue) {
                (Some(r), true) => order[r + 1..].iter().find(|&&s| app.shelf.is_loaded(s)),
                (Some(r), false) => order[..r].iter().rev().find(|&&s| app.shelf.is_loaded(s)),
                (None, _) => order.iter().find(|&&s| app.shelf.is_loaded(s)),
            };
            match target.copied() {
                Some(s) => {
                    app.shelf.touched = true;
                    enter(app, s);
                }
                None => {
                    app.message = Some(if action == Action::NextIssue {
                        "last issue / 已是最后一期".into()
                    } else {
                        "first issue / 已是第一期".into()
                    });
                }
            }
        }
        Action::IssueList => {
            let selected = app
                .shelf
                .current
                .and_then(|c| app.shelf.order.iter().position(|&s| s == c))
                .unwrap_or(0);
            app.shelf.picker = Some(Picker {
                kind: PickerKind::Issues,
                selected,
            });
        }
        Action::Bookmarks => {
            if app.shelf.bookmarks().is_empty() {
                app.message = Some("no bookmarks / 没有书签 (m adds one)".into());
            } else {
                app.shelf.picker = Some(Picker {
                    kind: PickerKind::Bookmarks,
                    selected: 0,
                });
            }
        }
        Action::ToggleRead => {
            let Some(c) = app.shelf.current else {
                return Effect::None;
            };
            let i = if app.view.focus == Focus::Reader {
                app.view.open
            } else {
                app.view.selected
            };
            let Some(r) = app.view.read.get_mut(i) else {
                return Effect::None;
            };
            *r = !*r;
            let now = *r;
            app.shelf.slots[c].state.set_read(i, now);
            app.shelf.unread_hold = (!now).then_some(i);
            app.shelf.mark_dirty(c);
            app.message = Some(if now { "marked read" } else { "marked unread" }.into());
        }
        Action::ToggleBookmark => {
            let Some(c) = app.shelf.current else {
                return Effect::None;
            };
            if !app.view.opened || app.issue.articles.is_empty() {
                app.message = Some("open an article first".into());
                return Effect::Redraw;
            }
            let para = app.view.anchor.block;
            let set = app.shelf.slots[c]
                .state
                .toggle_bookmark(app.view.open, para);
            app.shelf.mark_dirty(c);
            app.message = Some(
                if set {
                    "bookmark set"
                } else {
                    "bookmark removed"
                }
                .into(),
            );
        }
        Action::Rescan => {
            if app.shelf.dir.is_none() {
                app.message = Some("not an archive folder".into());
                return Effect::Redraw;
            }
            return Effect::Rescan;
        }
        _ => return Effect::None,
    }
    Effect::Redraw
}

/// Keys while the picker is open.
pub fn update_picker(app: &mut App, action: Action, vp: &Viewport) -> Effect {
    let Some(mut p) = app.shelf.picker else {
        return Effect::None;
    };
    let n = app.shelf.picker_len();
    let last = n.saturating_sub(1);
    let page = usize::from(vp.area.height.saturating_sub(6).max(1));
    match action {
        Action::Quit => return Effect::Quit,
        Action::ClosePicker | Action::IssueList => {
            app.shelf.picker = None;
            return Effect::Redraw;
        }
        Action::Down => p.selected = (p.selected + 1).min(last),
        Action::Up => p.selected = p.selected.saturating_sub(1),
        Action::PageDown => p.selected = (p.selected + page).min(last),
        Action::PageUp => p.selected = p.selected.saturating_sub(page),
        Action::Top => p.selected = 0,
        Action::Bottom => p.selected = last,
        Action::Rescan => return update(app, action),
        Action::Resize => {}
        Action::Open => {
            app.shelf.picker = Some(p);
            pick(app, p);
            return Effect::Redraw;
        }
        _ => return Effect::None,
    }
    app.shelf.picker = Some(p);
    Effect::Redraw
}

fn pick(app: &mut App, p: Picker) {
    match p.kind {
        PickerKind::Issues => {
            let Some(&s) = app.shelf.order.get(p.selected) else {
                return;
            };
            if enter(app, s) {
                app.shelf.touched = true;
                app.shelf.picker = None;
            }
        }
        PickerKind::Bookmarks => {
            let Some(&(s, article, para)) = app.shelf.bookmarks().get(p.selected) else {
                return;
            };
            if !enter(app, s) || article >= app.issue.articles.len() {
                return;
            }
            app.shelf.touched = true;
            app.shelf.picker = None;
            let at = Anchor {
                block: para,
                byte: 0,
            };
            app.view.open_article(article, at);
        }
    }
}

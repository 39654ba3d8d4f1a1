//! Issues in the reader: opening a shelf slot in the reader (`enter`: the
//! current issue goes back on its slot, the new one's remembered position
//! is restored), the reader over one file or a folder, loader results
//! arriving, remembering positions and read marks (`after_update`), and the
//! archive actions of the main context. No I/O: writes are asked for with
//! `Effect::SaveState` (the run loop then calls `tui::run::save`).
//!
//! Switching issues moves the parsed `Issue` between its slot and
//! `App::issue` (`mem::replace`), so nothing is re-parsed or cloned.

use super::article_layout::Anchor;
use super::shelf::{Picker, PickerKind, Shelf, placeholder};
use super::state::{App, ReaderOptions};
use crate::action::{Action, Effect};
use crate::archive::{Entry, LoadedIssue};
use crate::layout::Focus;
use crate::state::{IssueState, Position};

impl App {
    /// A reader over one already loaded issue (`kanbao FILE`) with its
    /// remembered state: it opens where the reader left it.
    pub fn single(loaded: LoadedIssue, state: IssueState, opts: ReaderOptions) -> App {
        let mut app = App::new(placeholder(&loaded.issue.source), opts);
        app.shelf.add_paths(vec![loaded.path.clone()]);
        app.shelf.insert(0, Ok(loaded), state);
        app.shelf.touched = true;
        enter(&mut app, 0);
        app
    }

    /// A reader over an archive folder whose files are still loading. The
    /// issue list is open until the remembered issue (`resume`) arrives.
    pub fn archive(shelf: Shelf, opts: ReaderOptions) -> App {
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

    /// A file finished loading in the background. Once the last issue
    /// read in this folder is whole, it opens (unless the user chose).
    pub fn on_loaded(&mut self, file: usize, entry: Entry, state: IssueState) -> Effect {
        let completed = self.shelf.insert(file, entry, state);
        if completed.is_some()
            && let Some(slot) = self.shelf.resume_ready()
            && !self.shelf.touched
        {
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
    pub fn record(&mut self) {
        let Some(c) = self.shelf.current else { return };
        if self.search.bar.is_some() {
            return;
        }
        if self.issue.articles.is_empty() {
            return;
        }
        let pos = self.position();
        let slot = &mut self.shelf.slots[c];
        if slot.state.position.is_none_or(|p| p.value != pos) {
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
    let seen = app.view.open;
    if app.shelf.seen_open != Some(seen) || effect == Effect::Quit {
        app.shelf.seen_open = Some(seen);
        app.record();
    }
    match effect {
        Effect::Quit => Effect::Quit,
        // Effects that carry work of their own keep it; the run loop saves
        // dirty state with them (`tui::run::step`).
        e @ (Effect::Rescan | Effect::Clipboard(_) | Effect::Pager(_)) => e,
        _ if !app.shelf.dirty.is_empty() || app.opts_changed => Effect::SaveState,
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
        app.message = Some(tr!(app.lang; "still loading", "仍在加载"));
        return false;
    };
    app.record();
    let old = std::mem::replace(&mut app.issue, issue);
    let left = app.shelf.current;
    if let Some(c) = left {
        app.shelf.slots[c].issue = Some(old);
        app.shelf.mark_dirty(c);
    }
    app.shelf.current = Some(i);
    // The issue left behind may have new files to merge (a rescan).
    if let Some(c) = left {
        app.shelf.relist(c);
    }
    app.shelf.mark_dirty(i);
    // Search indexes and keywords belong to the issue they were built for.
    app.search.invalidate();
    app.shelf.unread_hold = None;
    app.jump_back = None;
    let n = app.issue.articles.len();
    let state = &app.shelf.slots[i].state;
    app.view.reset((0..n).map(|a| state.is_read(a)).collect());
    // The remembered article where it was left, else the first: either way
    // it is open, with the keyboard, so `Space` and `j` move its text.
    let at = state.position.map(|p| p.value).filter(|p| p.article < n);
    let (article, at) = at.map_or((0, Anchor::default()), |p| {
        (
            p.article,
            Anchor {
                block: p.para,
                byte: p.byte,
            },
        )
    });
    if n > 0 {
        app.view.open_article(article, at);
    }
    app.shelf.seen_open = Some(app.view.open);
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
                        tr!(app.lang; "last issue", "已是最后一期")
                    } else {
                        tr!(app.lang; "first issue", "已是第一期")
                    });
                }
            }
        }
        Action::IssueList => {
            app.shelf.filter.clear();
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
        Action::PageList => {
            if app.pages().len() < 2 {
                app.message = Some(tr!(app.lang; "one page only", "只有一版"));
            } else {
                let here = app.pages().iter().position(|p| p.holds(app.view.open));
                app.shelf.picker = Some(Picker {
                    kind: PickerKind::Pages,
                    selected: here.unwrap_or(0),
                });
            }
        }
        Action::Bookmarks => {
            if app.shelf.bookmarks().is_empty() {
                app.message =
                    Some(tr!(app.lang; "no bookmarks (m adds one)", "没有书签（m 添加）"));
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
            app.message = Some(if now {
                tr!(app.lang; "marked read", "已标为已读")
            } else {
                tr!(app.lang; "marked unread", "已标为未读")
            });
        }
        Action::ToggleBookmark => {
            let Some(c) = app.shelf.current else {
                return Effect::None;
            };
            if app.issue.articles.is_empty() {
                app.message = Some(tr!(app.lang; "open an article first", "请先打开一篇文章"));
                return Effect::Redraw;
            }
            let para = app.view.anchor.block;
            let set = app.shelf.slots[c]
                .state
                .toggle_bookmark(app.view.open, para);
            app.shelf.mark_dirty(c);
            app.message = Some(if set {
                tr!(app.lang; "bookmark set", "已加书签")
            } else {
                tr!(app.lang; "bookmark removed", "已删除书签")
            });
        }
        Action::Rescan => {
            if app.shelf.dir.is_none() {
                app.message = Some(tr!(app.lang; "not an archive folder", "不是报刊文件夹"));
                return Effect::Redraw;
            }
            return Effect::Rescan;
        }
        _ => return Effect::None,
    }
    Effect::Redraw
}

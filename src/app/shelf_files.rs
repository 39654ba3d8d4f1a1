//! How an archive's files make the shelf's issues: grouped by what their
//! paths say when they are found (`add_paths`), each file recorded as it
//! loads (`insert`), and an issue merged and listed once all its files are
//! in (`complete`) — split first where the mastheads name other days.
//! Saving goes the other way: each file's share of its issue's state
//! (`file_states`).

use super::shelf::{FileRec, IssueInfo, PickerKind, Shelf, Slot};
use crate::archive::Entry;
use crate::archive::grouping::{FileInfo, group};
use crate::archive::keys::keys;
use crate::archive::merge::merge;
use crate::model::Issue;
use crate::state::IssueState;
use std::cmp::Reverse;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

impl Shelf {
    /// Add files (found by the first scan or a rescan) and group them into
    /// issues: a file joins the issue its path names, new or known.
    /// Returns the first new file index.
    pub fn add_paths(&mut self, paths: Vec<PathBuf>) -> usize {
        let base = self.files.len();
        let root = self.dir.clone().unwrap_or_default();
        for path in paths {
            let rel = path.strip_prefix(&root).unwrap_or(&path);
            let keys = keys(rel, None);
            self.files.push(FileRec {
                path,
                path_keys: keys.clone(),
                keys,
                ..FileRec::default()
            });
        }
        self.regroup(base);
        base
    }

    /// Group every file by its path's keys; slots keep their index (found
    /// by their identity), new issues get new slots.
    fn regroup(&mut self, base: usize) {
        let root = self.dir.clone().unwrap_or_default();
        let infos: Vec<FileInfo> = (self.files.iter())
            .map(|f| {
                let rel = f.path.strip_prefix(&root).unwrap_or(&f.path);
                FileInfo::new(rel, f.path_keys.clone(), 1)
            })
            .collect();
        let known: HashMap<String, usize> = (self.slots.iter().enumerate())
            .map(|(i, s)| (s.key.clone(), i))
            .collect();
        let mut taken = std::collections::HashSet::new();
        for g in group(&infos) {
            let key = format!("{:?}|{:?}|{}", g.date, g.paper, g.name);
            let files: Vec<usize> = g.files().collect();
            if !files.iter().any(|&f| f >= base) {
                continue;
            }
            let slot = match known.get(&key) {
                Some(&s) => s,
                None => {
                    let first = &self.files[files[0]];
                    self.push_slot(Slot {
                        path: first.path.clone(),
                        info: IssueInfo {
                            date: g.date.map(|d| d.to_string()),
                            paper: g.paper.clone(),
                            file: display_name(&g.name, files.len(), &first.path),
                            ..IssueInfo::default()
                        },
                        key,
                        ..Slot::default()
                    })
                }
            };
            for &f in &files {
                let old = self.files[f].slot;
                if f < base && old != slot && taken.insert(old) {
                    // A file moves to another issue: its articles and state
                    // come back out of the one it leaves first.
                    self.take_back(old);
                }
                self.files[f].slot = slot;
            }
            let pending = files.iter().filter(|&&f| !self.files[f].done).count();
            let s = &mut self.slots[slot];
            s.pending = pending;
            s.files = files;
            if s.done {
                // New files for a listed issue: merged again once they
                // have loaded (the open one once the reader leaves it).
                self.unlist(slot);
            }
        }
        // A file that moved to another issue leaves its old one (an issue
        // left with no files leaves the list).
        for i in 0..self.slots.len() {
            let files = &self.files;
            let s = &mut self.slots[i];
            let before = s.files.len();
            s.files.retain(|&f| files[f].slot == i);
            if s.files.len() == before {
                continue;
            }
            s.pending = s.files.iter().filter(|&&f| !files[f].done).count();
            // Merged again without them.
            self.unlist(i);
            if self.slots[i].files.is_empty() {
                self.slots[i].stale = false;
            } else {
                self.settle(i);
            }
        }
        // An issue that gained only files already loaded is whole now.
        for i in 0..self.slots.len() {
            self.settle(i);
        }
    }

    /// A new issue; its index. (Every slot has a sort key beside it,
    /// set once it is listed.)
    fn push_slot(&mut self, slot: Slot) -> usize {
        self.slots.push(slot);
        self.keys.push(None);
        self.slots.len() - 1
    }

    /// Record a loaded (or failed) file; once its issue's files are all
    /// in, the issue is merged and listed (the list kept sorted, the
    /// picker's selection on the same issue). Returns that issue's slot.
    /// (Its mastheads may split it: the file's slot is then
    /// `files[file].slot`.)
    pub fn insert(&mut self, file: usize, entry: Entry, state: IssueState) -> Option<usize> {
        let root = self.dir.clone().unwrap_or_default();
        let f = self.files.get_mut(file)?;
        if f.done {
            return None;
        }
        match entry {
            Ok(l) => {
                let rel = l.path.strip_prefix(&root).unwrap_or(&l.path);
                f.keys = keys(rel, l.issue.masthead.as_ref());
                f.hash = l.hash;
                f.saved = state.clone();
                f.state = state;
                f.issue = Some(Arc::new(l.issue));
            }
            Err(e) => {
                // The list shows the file name already.
                let msg = e.to_string();
                let prefix = format!("{}: ", f.path.display());
                f.error = Some(msg.strip_prefix(&prefix).unwrap_or(&msg).to_string());
            }
        }
        f.done = true;
        self.finished += 1;
        let slot = f.slot;
        if self.resume.is_some_and(|h| h == f.hash) {
            self.resume_file = Some(file);
        }
        let s = &mut self.slots[slot];
        s.pending = s.pending.saturating_sub(1);
        self.settle(slot).then_some(slot)
    }

    /// Merge and list slot `slot` if its files are all in and it is not
    /// listed as they are; whether it was.
    fn settle(&mut self, slot: usize) -> bool {
        let s = &self.slots[slot];
        if s.pending > 0 || s.files.is_empty() {
            return false;
        }
        if s.stale {
            return self.relist(slot);
        }
        if s.done {
            return false;
        }
        self.complete(slot);
        true
    }

    /// Take a listed issue whose files changed out of the list, to be
    /// merged again. The open issue stays as the reader shows it (its
    /// articles, spans and state agree) and is only marked stale.
    fn unlist(&mut self, slot: usize) {
        let s = &mut self.slots[slot];
        if !s.done {
            return;
        }
        s.stale = true;
        if self.current == Some(slot) {
            return;
        }
        s.done = false;
        if let Some(row) = self.order.iter().position(|&o| o == slot) {
            self.order.remove(row);
        }
    }

    /// Merge a stale issue again, unless it is open (then when the reader
    /// leaves it, `issues::enter`). Whether it was merged.
    pub fn relist(&mut self, slot: usize) -> bool {
        let s = &mut self.slots[slot];
        if !s.stale || s.pending > 0 || self.current == Some(slot) {
            return false;
        }
        s.stale = false;
        s.done = false;
        if let Some(row) = self.order.iter().position(|&o| o == slot) {
            self.order.remove(row);
        }
        self.complete(slot);
        true
    }

    /// Merge a slot whose files have all loaded, and list it. Their
    /// mastheads may say more than their paths did: files whose mastheads
    /// name other days or papers become issues of their own (new slots).
    fn complete(&mut self, slot: usize) {
        self.take_back(slot);
        for files in self.split_by_mastheads(slot) {
            let first = &self.files[files[0]];
            let (path, file) = (first.path.clone(), display_file(&first.path));
            let key = format!("{}|split|{}", self.slots[slot].key, path.display());
            let new = self.push_slot(Slot {
                path,
                info: IssueInfo {
                    file,
                    ..IssueInfo::default()
                },
                key,
                files,
                ..Slot::default()
            });
            for f in self.slots[new].files.clone() {
                self.files[f].slot = new;
            }
            self.merge_and_list(new);
        }
        self.merge_and_list(slot);
    }

    /// Group slot `slot`'s files again with their mastheads' keys; the
    /// first group stays in the slot, the others are returned.
    fn split_by_mastheads(&mut self, slot: usize) -> Vec<Vec<usize>> {
        let files = &self.slots[slot].files;
        if files.len() < 2 {
            return Vec::new();
        }
        let root = self.dir.clone().unwrap_or_default();
        let infos: Vec<FileInfo> = (files.iter())
            .map(|&f| {
                let f = &self.files[f];
                FileInfo::new(
                    f.path.strip_prefix(&root).unwrap_or(&f.path),
                    f.keys.clone(),
                    1,
                )
            })
            .collect();
        let mut groups: Vec<Vec<usize>> = (group(&infos).iter())
            .map(|g| g.files().map(|i| files[i]).collect())
            .collect();
        if groups.len() < 2 {
            return Vec::new();
        }
        self.slots[slot].files = groups.remove(0);
        groups
    }

    /// Before a slot is merged again (a rescan gave it files): each of its
    /// merged files gets its articles back, cut out of the merged issue,
    /// and its share of the slot's state, so nothing read since is lost.
    fn take_back(&mut self, slot: usize) {
        let s = &self.slots[slot];
        let Some(merged) = s.issue.clone() else {
            return;
        };
        for (i, sp) in s.spans.iter().enumerate() {
            let part = s.state.part(sp.first, sp.len);
            let f = &mut self.files[sp.file];
            f.state.merge(&part);
            if f.issue.is_some() {
                continue;
            }
            let end = (sp.first + sp.len).min(merged.articles.len());
            let articles = merged
                .articles
                .get(sp.first..end)
                .unwrap_or_default()
                .to_vec();
            // The first file keeps the issue-wide parts (masthead, credits,
            // chrome), as `merge` took them from the first that had them.
            f.issue = Some(Arc::new(Issue {
                source: display_file(&f.path),
                encoding: merged.encoding,
                masthead: (i == 0).then(|| merged.masthead.clone()).flatten(),
                credits: (i == 0).then(|| merged.credits.clone()).flatten(),
                chrome: if i == 0 {
                    merged.chrome.clone()
                } else {
                    Vec::new()
                },
                articles,
            }));
        }
    }

    /// Merge the files of a completed slot into its issue, and list it.
    fn merge_and_list(&mut self, slot: usize) {
        let s = &self.slots[slot];
        let loaded: Vec<usize> = (s.files.iter().copied())
            .filter(|&f| self.files[f].issue.is_some())
            .collect();
        let name = s.info.file.clone();
        let first_error = s.files.iter().find_map(|&f| self.files[f].error.clone());
        let s = &mut self.slots[slot];
        if loaded.is_empty() {
            s.error = first_error;
            s.info.file = display_file(&s.path);
        } else {
            let parts: Vec<_> = (loaded.iter())
                .map(|&f| {
                    (
                        f,
                        &self.files[f].keys,
                        self.files[f].issue.as_ref().expect("loaded"),
                    )
                })
                .collect();
            let (issue, spans, pages) = merge(&name, &parts);
            let states: Vec<(usize, &IssueState)> = (spans.iter())
                .map(|sp| (sp.first, &self.files[sp.file].state))
                .collect();
            s.state = IssueState::compose(&states);
            let first = &self.files[loaded[0]];
            s.hash = first.hash;
            s.path = first.path.clone();
            let m = issue.masthead.as_ref();
            s.info = IssueInfo {
                date: m
                    .and_then(|m| m.date.clone())
                    .or_else(|| first.keys.date.map(|d| d.to_string())),
                paper: m
                    .and_then(|m| m.paper.clone())
                    .or_else(|| s.info.paper.clone()),
                // A page's label falls back to its masthead's (`merge`).
                page: (pages.len() == 1).then(|| pages[0].label.clone()).flatten(),
                file: if loaded.len() == 1 {
                    issue.source.clone()
                } else {
                    name
                },
                articles: issue.articles.len(),
                pages: pages.len(),
            };
            s.spans = spans;
            s.pages = pages;
            s.error = None;
            if self.current != Some(slot) {
                s.issue = Some(issue);
            }
            // The merged issue holds their articles now: a day's pages are
            // not kept twice (`take_back` cuts them out again if needed).
            for &f in &loaded {
                self.files[f].issue = None;
            }
        }
        s.done = true;
        let key = (
            Reverse(s.info.date.clone().unwrap_or_default()),
            s.info.file.clone(),
        );
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

    /// The files of slot `slot` whose share of the slot's state changed
    /// since it was loaded or last saved (`saved`), with that share, for
    /// saving under the file's hash: (file, hash, state). A day of 90
    /// files is not rewritten whole for one read mark.
    pub fn file_states(&self, slot: usize) -> Vec<(usize, u64, IssueState)> {
        let Some(s) = self.slots.get(slot) else {
            return Vec::new();
        };
        (s.spans.iter())
            .filter_map(|sp| {
                let f = &self.files[sp.file];
                let mut part = s.state.part(sp.first, sp.len);
                part.source = display_file(&f.path);
                let was = &f.saved;
                let changed = part.read != was.read
                    || part.bookmarks != was.bookmarks
                    || (part.position.is_some() && part.position != was.position)
                    || was.source.is_empty();
                (f.hash != 0 && changed).then_some((sp.file, f.hash, part))
            })
            .collect()
    }

    /// `file`'s share of its issue's state was written: what it holds now.
    pub fn saved(&mut self, file: usize, state: IssueState) {
        if let Some(f) = self.files.get_mut(file) {
            let position = state.position.or(f.saved.position);
            f.saved = IssueState { position, ..state };
        }
    }
}

/// The list's name for an issue: its one file's name, else its folder.
fn display_name(group: &str, files: usize, first: &Path) -> String {
    if files == 1 {
        display_file(first)
    } else {
        group.to_owned()
    }
}

fn display_file(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests;

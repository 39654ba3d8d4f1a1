//! The reading position and what it is drawn from: which pane has the
//! keyboard, the selected headline and the list's scroll, the open
//! article, its top line and width-independent anchor, the read
//! marks, the open article's layout for the current viewport and the wrap
//! cache. Opening an article, scrolling, revealing a range, installing a
//! layout and taking or restoring a [`Snapshot`] are methods here, so the
//! rest of `app` calls them instead of writing these fields one by one.
//! No I/O; it knows articles and layouts, not the issue or the shelf.
//!
//! The layout of an article with a huge paragraph holds only a window of
//! it around the anchor (`article_layout::Window`): `install_layout`
//! moves the window whenever the anchor has moved to another chunk, with
//! the top line staying the same line; `go_top`/`go_bottom` anchor at
//! the real start or end when those are outside the window.
//!
//! Whatever brings an article into the reading pane opens it: there is no
//! preview that does not count. An article is read when its end has been
//! on screen after scrolling (or after trying to scroll past it), or when
//! it fits the page and stayed there for [`DWELL`]: passing over it with
//! `]` does not count. Time is an input (`now`, from the run loop), so
//! this stays pure.

use super::article_layout::{Anchor, ArticleLayout, BlockRef, LayoutKey};
use super::wrap_cache::WrapCache;
use crate::layout::{Focus, Viewport};
use crate::model::Article;
use std::ops::Range;
use std::rc::Rc;
use std::time::Duration;

/// How long an article that fits the page must stay on screen to count as
/// read: longer than a glance while skimming with `]`, shorter than
/// reading two lines.
pub const DWELL: Duration = Duration::from_millis(1500);

/// The reader's place in the open issue.
#[derive(Debug, Default)]
pub struct ReaderView {
    /// Keyboard focus.
    pub focus: Focus,
    /// Selected headline.
    pub selected: usize,
    /// First headline shown in the list.
    pub list_offset: usize,
    /// Article shown in the reading pane (the one being read).
    pub open: usize,
    /// Since when the open article's end has stood on screen without any
    /// scrolling (it fits the page): read once that lasts [`DWELL`].
    pub end_since: Option<Duration>,
    /// First visible line of the layout.
    pub top: usize,
    /// Reading position, independent of width.
    pub anchor: Anchor,
    /// Articles read to the end.
    pub read: Vec<bool>,
    /// Layout of the open article for the current viewport.
    pub layout: Option<Rc<ArticleLayout>>,
    /// Wrapped layouts by (article, width, options).
    pub cache: WrapCache,
    /// The viewport the state was last synced to.
    pub viewport: Viewport,
    /// `G` asked for the end of an article whose end is not wrapped yet:
    /// the next `sync` lays the end out and goes there.
    pub to_end: bool,
}

/// The position part of a [`ReaderView`], to go back to exactly (`Esc`
/// in the search bar).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// Open article.
    pub open: usize,
    /// Selected headline.
    pub selected: usize,
    /// List scroll.
    pub list_offset: usize,
    /// Focus.
    pub focus: Focus,
    /// Top line.
    pub top: usize,
    /// Reading anchor.
    pub anchor: Anchor,
    /// Read marks.
    pub read: Vec<bool>,
}

impl ReaderView {
    /// A view of an issue with these read marks at the top of the list,
    /// article 1 open; the viewport is kept.
    pub fn reset(&mut self, read: Vec<bool>) {
        *self = ReaderView {
            read,
            viewport: self.viewport,
            ..ReaderView::default()
        };
    }

    /// Open article `i` at `at` and give it the keyboard; the list
    /// selection follows. The layout is rebuilt by the next `sync`.
    pub fn open_article(&mut self, i: usize, at: Anchor) {
        self.open = i;
        self.selected = i;
        self.end_since = None;
        self.focus = Focus::Reader;
        self.top = 0;
        self.anchor = at;
        self.layout = None;
        self.to_end = false;
    }

    /// Show article `i` in the reader, keeping the position when it is
    /// already open (a search hit in the same article).
    pub fn show(&mut self, i: usize) {
        if self.open != i {
            self.top = 0;
            self.anchor = Anchor::default();
            self.end_since = None;
            self.to_end = false;
        }
        self.open = i;
        self.selected = i;
        self.focus = Focus::Reader;
    }

    /// Lines in the open article's layout.
    pub fn line_count(&self) -> usize {
        self.layout.as_ref().map_or(0, |l| l.lines.len())
    }

    /// Largest `top` that still fills a page of `page` lines.
    pub fn max_top(&self, page: usize) -> usize {
        self.line_count().saturating_sub(page)
    }

    /// Go to the article's start (`g`) in pages of `page` lines: its first
    /// line, even when the layout holds a window in the middle of a huge
    /// paragraph (the first page would skip unwrapped lines: anchor at the
    /// start and let `sync` lay it out).
    pub fn go_top(&mut self, page: usize) {
        if self
            .layout
            .as_ref()
            .is_some_and(|l| l.gaps.iter().any(|g| g.0 < page.max(1)))
        {
            self.top = 0;
            self.anchor = Anchor::default();
        } else {
            self.set_top(0);
        }
    }

    /// Go to the last page (`G`) of pages of `page` lines; when the end of
    /// a huge paragraph is not wrapped, anchor there and let `sync` lay it
    /// out first.
    pub fn go_bottom(&mut self, page: usize) {
        match &self.layout {
            Some(l) if l.elided_after(l.lines.len().saturating_sub(page)) => {
                self.anchor = Anchor {
                    block: l.blocks.len().saturating_sub(1),
                    byte: usize::MAX,
                };
                self.to_end = true;
            }
            _ => self.set_top(self.max_top(page)),
        }
    }

    /// Move the top line and re-anchor the reading position on it.
    pub fn set_top(&mut self, top: usize) {
        self.top = top;
        if let Some(layout) = &self.layout {
            self.anchor = layout.anchor_at(top);
        }
    }

    /// Scroll by `delta` lines within pages of `page` lines; false when
    /// already at that end.
    pub fn scroll(&mut self, delta: isize, page: usize) -> bool {
        let target = self
            .top
            .saturating_add_signed(delta)
            .min(self.max_top(page));
        let moved = target != self.top;
        self.set_top(target);
        moved
    }

    /// The position, to [`restore`](Self::restore) later.
    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            open: self.open,
            selected: self.selected,
            list_offset: self.list_offset,
            focus: self.focus,
            top: self.top,
            anchor: self.anchor,
            read: self.read.clone(),
        }
    }

    /// Go back to a snapshot exactly (top line included: install the
    /// layout next, so `sync` keeps `top` instead of re-deriving it).
    pub fn restore(&mut self, s: &Snapshot) {
        self.open = s.open;
        self.selected = s.selected;
        self.list_offset = s.list_offset;
        self.focus = s.focus;
        self.end_since = None;
        self.top = s.top;
        self.anchor = s.anchor;
        self.read.clone_from(&s.read);
    }

    /// Put the layout for `key` in place (from the cache) unless it is
    /// there already, with the window of a huge paragraph around the
    /// anchor; true when it changed.
    pub fn install_layout(&mut self, article: &Article, key: LayoutKey) -> bool {
        let window = ArticleLayout::window(article, key, self.anchor);
        if self
            .layout
            .as_ref()
            .is_some_and(|l| l.key == key && l.window == window)
        {
            return false;
        }
        let same_key = self.layout.as_ref().is_some_and(|l| l.key == key);
        self.layout = Some(self.cache.get_window(article, key, window));
        if same_key && let Some(layout) = &self.layout {
            // Only the window moved: the top line is where the anchor is
            // in it (the same line: a chunk's lines do not depend on the
            // window).
            self.top = layout.locate(self.anchor);
        }
        true
    }

    /// Bring the view in line with `vp` for an issue of `n` articles:
    /// selection and list scroll in range, the open article's layout for
    /// `key` (the top line re-found from the anchor when it changed), the
    /// top in range, and the read mark once the end is on screen after
    /// scrolling (or the time it came on screen, at `now`, when it fits).
    /// `key` is `None` when the reading pane is hidden: the old layout
    /// and anchor are kept for when it comes back.
    pub fn sync(
        &mut self,
        n: usize,
        vp: Viewport,
        article: Option<(&Article, Option<LayoutKey>)>,
        now: Duration,
    ) {
        self.viewport = vp;
        self.selected = self.selected.min(n.saturating_sub(1));
        self.open = self.open.min(n.saturating_sub(1));
        // Keep the selection visible in the list.
        let rows = vp.list_entries();
        if self.selected < self.list_offset {
            self.list_offset = self.selected;
        } else if self.selected >= self.list_offset + rows {
            self.list_offset = self.selected + 1 - rows;
        }
        self.list_offset = self.list_offset.min(n.saturating_sub(rows));
        let Some((article, key)) = article else {
            self.layout = None;
            return;
        };
        let Some(key) = key else { return };
        if self.install_layout(article, key)
            && let Some(layout) = &self.layout
        {
            self.top = layout.locate(self.anchor);
        }
        let page = vp.page_height();
        if std::mem::take(&mut self.to_end) {
            self.set_top(self.max_top(page));
        }
        self.top = self.top.min(self.max_top(page));
        let elided = self
            .layout
            .as_ref()
            .is_some_and(|l| l.elided_after(self.top));
        if self.top + page < self.line_count() || elided {
            self.end_since = None;
        } else if self.top > 0 {
            // Scrolled down to the end.
            self.mark_read();
        } else {
            self.end_since.get_or_insert(now);
            self.settle(now);
        }
    }

    /// Mark the open article read.
    pub fn mark_read(&mut self) {
        if let Some(r) = self.read.get_mut(self.open) {
            *r = true;
        }
    }

    /// Time has passed (`now`, before the next action takes effect): the
    /// open article is read if its end has been on screen for [`DWELL`].
    pub fn settle(&mut self, now: Duration) {
        if self
            .end_since
            .is_some_and(|since| now.saturating_sub(since) >= DWELL)
        {
            self.mark_read();
        }
    }

    /// Scroll `range` of `block` into a page of `page` lines, with the
    /// layout for `key` installed; a range already on the page stays
    /// where it is, else it goes a third of the way down.
    pub fn reveal(
        &mut self,
        article: &Article,
        key: LayoutKey,
        block: BlockRef,
        range: Range<usize>,
        page: usize,
    ) {
        let Some(block) = super::blocks::plan(article, key.spacing)
            .into_iter()
            .flatten()
            .position(|(b, _)| b == block)
        else {
            self.layout = Some(self.cache.get(article, key));
            return;
        };
        let at = Anchor {
            block,
            byte: range.start,
        };
        let window = ArticleLayout::window(article, key, at);
        let layout = self.cache.get_window(article, key, window);
        if let Some(old) = &self.layout
            && old.key == key
            && old.window != layout.window
        {
            // The window moved to the range: the top line as it is in it.
            self.top = layout.locate(self.anchor);
        }
        self.layout = Some(Rc::clone(&layout));
        let line = layout.locate(Anchor {
            block,
            byte: range.start,
        });
        // A range split across a line end must be seen whole.
        let last = layout.locate(Anchor {
            block,
            byte: range.end.saturating_sub(1).max(range.start),
        });
        let max_top = layout.lines.len().saturating_sub(page);
        let top = self.top.min(max_top);
        self.top = if line < top || last >= top + page {
            line.saturating_sub(page / 3).min(max_top)
        } else {
            top
        };
        self.anchor = layout.anchor_at(self.top);
    }

    /// Whether `range` of `block` starts on the page (of `page` lines).
    pub fn shows(&self, block: BlockRef, byte: usize, page: usize) -> bool {
        let Some(layout) = &self.layout else {
            return false;
        };
        let Some(block) = layout.blocks.iter().position(|b| *b == block) else {
            return false;
        };
        let line = layout.locate(Anchor { block, byte });
        line >= self.top && line < self.top + page
    }
}

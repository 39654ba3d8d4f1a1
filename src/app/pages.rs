//! The open issue's pages (版面): which page an article is on, what the
//! headline list holds (the selected article's page), where the reader is
//! (paper, day, page — for the running head and the status bar), turning
//! pages, and following a jump line (`（下转第2版）`) to the rest of the
//! article on its page and back.

use super::article_layout::Anchor;
use super::state::App;
use crate::archive::keys::PageNo;
use crate::archive::merge::PageSpan;
use crate::model::{Article, JumpDirection};
use std::ops::Range;

impl App {
    /// The open issue's pages (empty before one is open).
    pub fn pages(&self) -> &[PageSpan] {
        (self.shelf.current)
            .and_then(|c| self.shelf.slots.get(c))
            .map_or(&[], |s| s.pages.as_slice())
    }

    /// The page article `a` of the open issue is on.
    pub fn page_of(&self, a: usize) -> Option<&PageSpan> {
        self.pages().iter().find(|p| p.holds(a))
    }

    /// The articles the headline list shows: those of the selected
    /// article's page in an issue of several pages, else all.
    pub fn list_span(&self) -> Range<usize> {
        let n = self.issue.articles.len();
        match self.page_of(self.view.selected) {
            Some(p) if self.pages().len() > 1 => p.first..(p.first + p.len).min(n),
            _ => 0..n,
        }
    }

    /// The article in the list's first entry row.
    pub fn list_start(&self) -> usize {
        self.view.list_offset.max(self.list_span().start)
    }

    /// Paper and day of the open issue (`人民日报 2019-10-31`): the
    /// masthead's, else what the archive knows (a crawler's files have no
    /// masthead, their folder names the day).
    pub fn paper_and_day(&self) -> Option<String> {
        match self.paper_day_parts() {
            (Some(p), Some(d)) => Some(format!("{p} {d}")),
            (Some(p), None) => Some(p.clone()),
            (None, Some(d)) => Some(d.clone()),
            (None, None) => None,
        }
    }

    /// Paper and day, each if known (see `paper_and_day`).
    fn paper_day_parts(&self) -> (Option<&String>, Option<&String>) {
        let m = self.issue.masthead.as_ref();
        let info = (self.shelf.current)
            .and_then(|c| self.shelf.slots.get(c))
            .map(|s| &s.info);
        let paper = m
            .and_then(|m| m.paper.as_ref())
            .or(info.and_then(|i| i.paper.as_ref()));
        let day = m
            .and_then(|m| m.date.as_ref())
            .or(info.and_then(|i| i.date.as_ref()));
        (paper, day)
    }

    /// Whether there is a running head (`running_head` is `Some`), without
    /// building it: the layout asks on every event and frame.
    pub fn has_running_head(&self) -> bool {
        let (paper, day) = self.paper_day_parts();
        paper.is_some()
            || day.is_some()
            || self
                .page_of(self.view.open)
                .is_some_and(|p| p.label.is_some())
    }

    /// The running head over the open article, as a paper prints it:
    /// `人民日报 2019-10-31 第02版：要闻`; `None` when nothing is known.
    pub fn running_head(&self) -> Option<String> {
        let page = self.page_of(self.view.open).and_then(PageSpan::heading);
        match (self.paper_and_day(), page) {
            (Some(w), Some(p)) => Some(format!("{w} {p}")),
            (w, p) => w.or(p),
        }
    }
}

/// `.` / `,`: open the first article of the next or previous page (the
/// previous page from the middle of a page is this page's start, as a
/// book's is). Pages without articles are passed over.
pub fn turn_page(app: &mut App, forward: bool) {
    let at = app.view.open;
    let pages = app.pages();
    let Some(here) = (pages.iter().position(|p| p.holds(at))).filter(|_| pages.len() > 1) else {
        app.message = Some(tr!(app.lang; "one page only", "只有一版"));
        return;
    };
    let target = if forward {
        pages[here + 1..].iter().find(|p| p.len > 0)
    } else if pages[here].first < at {
        Some(&pages[here])
    } else {
        pages[..here].iter().rev().find(|p| p.len > 0)
    };
    match target.map(|p| p.first) {
        Some(first) => app.view.open_article(first, Anchor::default()),
        None => {
            app.message = Some(if forward {
                tr!(app.lang; "last page", "已是最后一版")
            } else {
                tr!(app.lang; "first page", "已是第一版")
            });
        }
    }
}

/// `f`: follow the open article's jump line — `（下转第2版）` to where it
/// goes on, `（上接第1版）` to where it began. The continuation is the
/// article on that page with the opposite jump back to this page, the one
/// with the same title if several. `Backspace` comes back.
pub fn follow_jump(app: &mut App) {
    let at = app.view.open;
    let Some(article) = app.issue.articles.get(at) else {
        return;
    };
    let Some(jump) = article.jumps.first() else {
        app.message = Some(tr!(app.lang; "no jump line here", "本文没有转版"));
        return;
    };
    let here = app
        .page_of(at)
        .and_then(|p| p.label.as_deref())
        .and_then(PageNo::parse);
    let there = PageNo::parse(&jump.page);
    let want = match jump.direction {
        JumpDirection::To => JumpDirection::From,
        JumpDirection::From => JumpDirection::To,
    };
    let page = (app.pages().iter())
        .find(|p| p.label.as_deref().and_then(PageNo::parse) == there && there.is_some());
    let Some(page) = page.map(|p| p.first..p.first + p.len) else {
        let shown = crate::text::safe::line(&jump.text).into_owned();
        app.message = Some(
            tr!(app.lang; "{shown}: that page is not in this issue", "{shown}：本期没有这一版"),
        );
        return;
    };
    let back_here = |a: &Article| {
        a.jumps
            .iter()
            .any(|j| j.direction == want && (here.is_none() || PageNo::parse(&j.page) == here))
    };
    let title = article.display_title().to_owned();
    // `get`: the pages are the slot's, the articles the open issue's; they
    // agree (a stale slot keeps its spans while open), but never trust it.
    let articles = &app.issue.articles;
    let candidates: Vec<usize> = page
        .filter(|&i| articles.get(i).is_some_and(back_here))
        .collect();
    let target = (candidates.iter())
        .find(|&&i| articles[i].display_title() == title)
        .or(candidates.first())
        .copied();
    match target {
        Some(i) => {
            app.jump_back = Some(app.view.snapshot());
            app.view.open_article(i, Anchor::default());
            app.message = Some(tr!(app.lang; "Backspace comes back", "Backspace 返回"));
        }
        None => {
            let shown = crate::text::safe::line(&jump.text).into_owned();
            app.message =
                Some(tr!(app.lang; "{shown}: the rest was not found", "{shown}：没有找到续文"));
        }
    }
}

/// `Backspace`: back to where `f` was pressed.
pub fn jump_back(app: &mut App) {
    match app.jump_back.take() {
        Some(s) => app.view.restore(&s),
        None => app.message = Some(tr!(app.lang; "no jump to go back from", "没有可返回的转版")),
    }
}

//! What search does to the reader: opening the bar from where the reader
//! is, running the bar's query on every keystroke from that origin,
//! showing hits (opening their issue and article, scrolling them into
//! view), `n`/`N` and going back on `Esc`. Coordinates `App`'s reading
//! position, shelf and search state; no I/O.

use super::issues::enter;
use super::search_edit::LineEdit;
use super::search_jobs::{archive_index, word_search};
use super::search_state::{Bar, Kept, Origin, Place, Scope, block_field, field_block};
use super::state::App;
use crate::layout::{Focus, Viewport};
use crate::search::{Cursor, Field, MatchPos, SearchIndex, Step};
use std::ops::Range;
use std::sync::Arc;

/// The reader's place in the open issue: the top of the reading pane (or
/// the start of the selected article while the list has focus on another).
pub fn reader_place(app: &App) -> Place {
    if app.view.focus == Focus::List && app.view.selected != app.view.open {
        return (app.view.selected, Field::Kicker, 0);
    }
    let block = app
        .view
        .layout
        .as_ref()
        .and_then(|l| l.blocks.get(app.view.anchor.block).copied());
    match block {
        Some(b) => (app.view.open, block_field(b), app.view.anchor.byte),
        None => (app.view.open, Field::Kicker, 0),
    }
}

/// A place of the issue with index number `issue` as a cursor of `index`.
fn cursor_at(index: &SearchIndex, issue: Option<usize>, place: Place) -> Cursor {
    let (article, field, byte) = place;
    Cursor {
        article: issue
            .and_then(|i| index.global_article(i, article))
            .unwrap_or(usize::MAX),
        field,
        byte,
    }
}

/// Global article number, in the kept search's index, of article `a` of
/// the open issue (what the list and the reading pane ask).
pub fn kept_global(app: &App, a: usize) -> Option<usize> {
    let kept = app.search.kept.as_ref()?;
    let issue = kept.issue_no(app.shelf.current)?;
    kept.index.global_article(issue, a)
}

fn origin(app: &App) -> Origin {
    Origin {
        slot: app.shelf.current,
        view: app.view.snapshot(),
        place: reader_place(app),
    }
}

/// Whether the scope "all issues" is offered: more than one issue loaded.
pub fn has_archive(app: &App) -> bool {
    app.shelf.order.len() > 1
}

/// `/`: open the bar from either pane.
pub fn open_bar(app: &mut App) {
    let issues = std::slice::from_ref(&*app.issue);
    app.search.ensure_index(issues);
    app.search.spawn_words(issues);
    // Typing may preview hits in other issues; those visits are not
    // remembered, so remember this position now.
    app.record();
    let origin = origin(app);
    app.search.history.reset();
    if app.search.scope == Scope::All && !has_archive(app) || app.search.scope == Scope::Article {
        app.search.scope = Scope::Issue;
    }
    app.search.bar = Some(Bar {
        edit: LineEdit::default(),
        origin,
        previous: app.search.kept.take(),
        words: None,
        results_open: false,
        result_sel: 0,
    });
}

/// Run the bar's query again from the origin (every keystroke).
pub(super) fn research(app: &mut App, vp: &Viewport) {
    let Some(bar) = &app.search.bar else { return };
    let query = bar.edit.text().to_string();
    let origin = bar.origin.clone();
    restore_position(app, vp, &origin);
    if app.search.scope == Scope::All {
        // Choosing the scope starts indexing, before the first character.
        archive_index(app);
    }
    if query.trim().is_empty() {
        app.search.kept = None;
        if let Some(bar) = &mut app.search.bar {
            bar.words = None;
            bar.results_open = false;
        }
        return;
    }
    let scope = app.search.scope;
    let found = if scope == Scope::All {
        app.search
            .archive
            .as_ref()
            .and_then(|a| Some((a.index.clone()?, Arc::clone(&a.slots))))
    } else {
        app.search.index.clone().map(|i| (i, Arc::from([])))
    };
    let Some((index, slots)) = found else {
        // The archive index is building: `poll` searches again when ready.
        app.search.kept = None;
        return;
    };
    let matches = if slots.is_empty() {
        app.search.searcher.search(&index, &query)
    } else {
        app.search.archive_searcher.search(&index, &query)
    };
    let mut issue_counts = Vec::new();
    if !slots.is_empty() {
        issue_counts = vec![0u32; slots.len()];
        for &a in matches.articles() {
            if let Some(r) = index.article_ref(a as usize)
                && let Some(c) = issue_counts.get_mut(r.issue as usize)
            {
                *c += matches.count_in(a as usize);
            }
        }
    }
    let mut kept = Kept {
        query: query.clone(),
        matches,
        current: None,
        scope,
        scope_article: 0,
        word: Vec::new(),
        index: Arc::clone(&index),
        slots: Arc::clone(&slots),
        issue_counts,
    };
    let start = cursor_at(&index, kept.issue_no(origin.slot), origin.place);
    kept.scope_article = start.article;
    app.search.kept = Some(kept);
    let step = nearest(app, start);
    let words = if step.is_none() {
        word_search(app, &index, &slots, &query)
    } else {
        None
    };
    if let Some(bar) = &mut app.search.bar {
        bar.result_sel = 0;
        if words.is_none() {
            bar.results_open = false;
        }
        bar.words = words;
    }
    if let Some(step) = step {
        go_to_hit(app, vp, step.index);
    }
}

/// The hit at or after `c` within the kept scope.
fn nearest(app: &App, c: Cursor) -> Option<Step> {
    let kept = app.search.kept.as_ref()?;
    let r = app.search.scoped(kept);
    if r.is_empty() {
        return None;
    }
    let s = kept.matches.nearest(&kept.index, c)?;
    Some(clamp_step(s, &r, true))
}

/// Keep a step inside the scope's hits: leaving them wraps around.
fn clamp_step(s: Step, r: &Range<usize>, forward: bool) -> Step {
    if r.contains(&s.index) {
        return s;
    }
    Step {
        index: if forward {
            r.start
        } else {
            r.end.saturating_sub(1)
        },
        wrapped: true,
    }
}

/// Go back to `o` exactly: same issue, article, top line and anchor. The
/// article's layout is installed here so `sync` keeps `top` as it was
/// rather than re-deriving it from the anchor.
pub(super) fn restore_position(app: &mut App, vp: &Viewport, o: &Origin) {
    if let Some(slot) = o.slot
        && app.shelf.current != Some(slot)
    {
        enter(app, slot);
    }
    app.view.restore(&o.view);
    install_layout(app, vp);
}

/// Put the open article's layout for the viewport in place (from the cache).
fn install_layout(app: &mut App, vp: &Viewport) {
    let vp = app.layout_for(vp.area);
    let Some(article) = app.issue.articles.get(app.view.open) else {
        return;
    };
    if vp.column.width == 0 {
        return;
    }
    let key = app.layout_key(usize::from(vp.column.width));
    app.view.install_layout(article, key);
}

/// Show hit `i`: open its article (the list follows) and scroll it into
/// view if it is not already on the page.
fn go_to_hit(app: &mut App, vp: &Viewport, i: usize) {
    let Some(kept) = app.search.kept.as_mut() else {
        return;
    };
    kept.current = Some(i);
    let Some(m) = kept.matches.get(&kept.index, i) else {
        return;
    };
    let (index, slots) = (Arc::clone(&kept.index), Arc::clone(&kept.slots));
    reveal(app, vp, &index, &slots, &m);
}

/// Scroll the hit `m` of `index` into view, opening its issue (through
/// `slots`, for the archive index) and its article first.
pub(super) fn reveal(
    app: &mut App,
    vp: &Viewport,
    index: &SearchIndex,
    slots: &[usize],
    m: &MatchPos,
) {
    let Some(r) = index.article_ref(m.article) else {
        return;
    };
    if let Some(&slot) = slots.get(r.issue as usize)
        && app.shelf.current != Some(slot)
        && !enter(app, slot)
    {
        return;
    }
    let a = r.article as usize;
    let Some(article) = app.issue.articles.get(a) else {
        return;
    };
    app.view.show(a);
    let vp = app.layout_for(vp.area);
    if vp.column.width == 0 {
        app.view.layout = None;
        return;
    }
    let key = app.layout_key(usize::from(vp.column.width));
    let block = field_block(m.field);
    app.view
        .reveal(article, key, block, m.range.clone(), vp.page_height());
}

/// `n` / `N` with the kept search: from the current hit when it is on
/// screen, else from the reader's position.
pub fn step(app: &mut App, vp: &Viewport, forward: bool) {
    let Some(kept) = &app.search.kept else {
        app.message = Some(tr!(app.lang; "no search", "没有搜索"));
        return;
    };
    let index = Arc::clone(&kept.index);
    let r = app.search.scoped(kept);
    if r.is_empty() {
        app.message = Some(tr!(app.lang; "no match for {}", "没有找到“{}”", kept.query));
        return;
    }
    let on_screen = kept
        .current
        .filter(|&c| r.contains(&c) && hit_visible(app, c));
    let s = match on_screen {
        Some(c) => {
            let s = if forward {
                kept.matches.next(c)
            } else {
                kept.matches.prev(c)
            };
            s.map(|s| {
                let outside = if forward {
                    c + 1 >= r.end
                } else {
                    c <= r.start
                };
                if outside {
                    Step {
                        index: if forward { r.start } else { r.end - 1 },
                        wrapped: true,
                    }
                } else {
                    s
                }
            })
        }
        None => {
            let c = cursor_at(&index, kept.issue_no(app.shelf.current), reader_place(app));
            if forward {
                kept.matches
                    .nearest(&index, c)
                    .map(|s| clamp_step(s, &r, true))
            } else {
                kept.matches
                    .nearest_before(&index, c)
                    .map(|s| clamp_step(s, &r, false))
            }
        }
    };
    let Some(s) = s else { return };
    if s.wrapped {
        app.message = Some(if forward {
            tr!(app.lang; "search wrapped to the top", "已从头搜索")
        } else {
            tr!(app.lang; "search wrapped to the bottom", "已从尾搜索")
        });
    }
    go_to_hit(app, vp, s.index);
}

fn hit_visible(app: &App, i: usize) -> bool {
    let Some(kept) = &app.search.kept else {
        return false;
    };
    let Some(m) = kept.matches.get(&kept.index, i) else {
        return false;
    };
    if kept_global(app, app.view.open) != Some(m.article) {
        return false;
    }
    let page = app.view.viewport.page_height();
    app.view.shows(field_block(m.field), m.range.start, page)
}

/// `Ctrl-L`: drop the highlights (the query stays in history).
pub fn clear(app: &mut App) {
    app.search.kept = None;
    if let Some(bar) = &mut app.search.bar {
        bar.words = None;
        bar.results_open = false;
    }
}

/// Keywords of issue article `a` (empty until the word index is ready).
pub fn keywords_of(app: &App, a: usize) -> &[String] {
    app.search
        .index
        .as_ref()
        .and_then(|i| i.global_article(0, a))
        .and_then(|g| app.search.keywords.get(g))
        .map_or(&[], Vec::as_slice)
}

/// Keyword display toggle (`w`).
pub fn toggle_keywords(app: &mut App) {
    app.search.show_keywords = !app.search.show_keywords;
    app.message = Some(if app.search.keywords.is_empty() {
        tr!(app.lang; "keywords: loading dictionary…", "关键词：词典加载中…")
    } else if app.search.show_keywords {
        tr!(app.lang; "keywords on", "显示关键词")
    } else {
        tr!(app.lang; "keywords off", "隐藏关键词")
    });
}

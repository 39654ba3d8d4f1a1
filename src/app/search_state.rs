//! The search bar's state machine and everything search changes in the
//! reader: the open bar (editor, origin to return to on `Esc`), the kept
//! search (matches, current hit, scope), word-search results and keywords.
//!
//! Search runs over a slice of issues plus the index of the current one
//! (`App` holds one issue today; an archive passes all of its issues and
//! the same code walks across them). No I/O here: the word index is built
//! by `WordLoader` on its own thread and `poll_background` picks it up.
//! The bar's keys are in `search_keys.rs`.

use super::article_layout::{Anchor, BlockRef, LayoutKey};
use super::search_edit::{History, LineEdit};
use super::{App, Focus};
use crate::model::Issue;
use crate::search::keywords::article_keywords;
use crate::search::words::{WordLoader, WordSearch};
use crate::search::{Cursor, Field, MatchPos, Matches, SearchIndex, Searcher, Step};
use crate::ui::layout::Viewport;
use std::ops::Range;
use std::sync::Arc;

/// Word-search results asked for per query.
const WORD_LIMIT: usize = 50;

/// Where a search looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// Every article of the issue.
    #[default]
    Issue,
    /// Only the article open when the bar was opened.
    Article,
}

/// Where the reader was when `/` was pressed: `Esc` goes back here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// Issue index (always 0 while `App` holds one issue).
    pub issue: usize,
    /// Open article.
    pub open: usize,
    /// Selected headline.
    pub selected: usize,
    /// List scroll.
    pub list_offset: usize,
    /// Focus.
    pub focus: Focus,
    /// Whether an article had been opened.
    pub opened: bool,
    /// Top line.
    pub top: usize,
    /// Reading anchor.
    pub anchor: Anchor,
    /// Read marks.
    pub read: Vec<bool>,
    /// The search cursor for this position (global article).
    pub cursor: Cursor,
}

/// The kept result of a search (literal hits and the current one).
#[derive(Debug, Clone, Default)]
pub struct Kept {
    /// The query.
    pub query: String,
    /// Its matches over the whole index.
    pub matches: Matches,
    /// Current hit (index into `matches`).
    pub current: Option<usize>,
    /// Scope the query ran in.
    pub scope: Scope,
    /// Global article the `Article` scope is limited to.
    pub scope_article: usize,
    /// Word-search highlights (after opening a word-search result).
    pub word: Vec<MatchPos>,
}

/// The open bar.
#[derive(Debug, Clone)]
pub struct Bar {
    /// The text and caret.
    pub edit: LineEdit,
    /// Where to return on `Esc`.
    pub origin: Origin,
    /// The search kept before `/` (restored on `Esc`).
    pub previous: Option<Kept>,
    /// Word-search state for the current text, when it has no literal hit.
    pub words: Option<WordSearch>,
    /// The word-search results list is shown.
    pub results_open: bool,
    /// Selected result.
    pub result_sel: usize,
}

/// Everything search holds.
#[derive(Debug, Default)]
pub struct SearchState {
    /// The bar, while it is open.
    pub bar: Option<Bar>,
    /// The kept search (highlights, `n`/`N`), if any.
    pub kept: Option<Kept>,
    /// Scope for the next keystrokes.
    pub scope: Scope,
    /// This session's queries.
    pub history: History,
    /// The literal index (built on first `/`).
    pub index: Option<Arc<SearchIndex>>,
    searcher: Searcher,
    /// The word index loader (spawned at start-up or on first `/`).
    pub words: Option<WordLoader>,
    /// Keywords per global article, once the word index is ready.
    pub keywords: Vec<Vec<String>>,
    /// The headline list shows keywords instead of kickers (`w`).
    pub show_keywords: bool,
    /// The word index is ready or failed: nothing left to poll.
    pub words_done: bool,
}

impl SearchState {
    /// Build the literal index over `issues` if not built yet.
    pub fn ensure_index(&mut self, issues: &[Issue]) -> Arc<SearchIndex> {
        if let Some(i) = &self.index {
            return Arc::clone(i);
        }
        let i = Arc::new(SearchIndex::build(issues));
        self.searcher.clear();
        self.index = Some(Arc::clone(&i));
        i
    }

    /// Another issue is on screen: drop the indexes, hits and keywords built
    /// for the old one (they are rebuilt on demand); keep the history.
    pub fn invalidate(&mut self) {
        let history = std::mem::take(&mut self.history);
        let show_keywords = self.show_keywords;
        *self = SearchState {
            history,
            show_keywords,
            ..SearchState::default()
        };
    }

    /// Start the word index on a background thread (idempotent).
    pub fn spawn_words(&mut self, issues: &[Issue]) {
        if self.words.is_none() {
            let index = self.ensure_index(issues);
            self.words = Some(WordLoader::spawn(index));
        }
    }

    /// Whether a background job is still running (the run loop then
    /// polls with a timeout; otherwise it blocks).
    pub fn pending(&self) -> bool {
        self.words.is_some() && !self.words_done
    }

    /// Pick up a finished word index: compute keywords, redo a word search
    /// that was waiting. Returns true when the screen changed.
    pub fn poll_background(&mut self, issues: &[Issue]) -> bool {
        let (Some(loader), Some(index)) = (self.words.as_mut(), self.index.clone()) else {
            return false;
        };
        if self.words_done {
            return false;
        }
        let Some(w) = loader.poll() else {
            if !matches!(loader.search(&index, issues, "", 0), WordSearch::Failed) {
                return false;
            }
            // The thread died: stop polling, say so if the bar waits.
            self.words_done = true;
            if let Some(bar) = &mut self.bar
                && bar.words.is_some()
            {
                bar.words = Some(WordSearch::Failed);
            }
            return true;
        };
        self.words_done = true;
        self.keywords = (0..index.article_count())
            .map(|a| {
                article_keywords(&index, &w, a, issues.len() > 1)
                    .into_iter()
                    .map(|k| k.word)
                    .collect()
            })
            .collect();
        if let Some(bar) = &mut self.bar
            && matches!(bar.words, Some(WordSearch::LoadingDictionary))
        {
            bar.words = Some(loader.search(&index, issues, bar.edit.text(), WORD_LIMIT));
        }
        true
    }

    /// Hits of the kept search that count for `scope` (index range).
    pub fn scoped(&self, kept: &Kept) -> Range<usize> {
        match (kept.scope, &self.index) {
            (Scope::Article, Some(index)) => kept.matches.in_article(index, kept.scope_article),
            _ => 0..kept.matches.len(),
        }
    }

    /// Hits per global article under the kept search's scope.
    pub fn count_in(&self, a: usize) -> u32 {
        let Some(kept) = &self.kept else { return 0 };
        if kept.scope == Scope::Article && a != kept.scope_article {
            return 0;
        }
        kept.matches.count_in(a)
    }

    /// Whether a search with hits is active (the list dims non-matching
    /// articles then).
    pub fn active(&self) -> bool {
        self.kept.as_ref().is_some_and(|k| !k.matches.is_empty())
    }

    /// `3/17 · 4 articles` for the bar, or `no match`.
    pub fn summary(&self) -> String {
        let Some(kept) = &self.kept else {
            return String::new();
        };
        let r = self.scoped(kept);
        let total = r.len();
        if total == 0 {
            return "no match / 无结果".into();
        }
        let cur = kept
            .current
            .filter(|c| r.contains(c))
            .map_or(0, |c| c - r.start + 1);
        let articles = match kept.scope {
            Scope::Article => 1,
            Scope::Issue => kept.matches.articles().len(),
        };
        let unit = if articles == 1 { "article" } else { "articles" };
        format!("{cur}/{total} · {articles} {unit}")
    }

    /// Highlights for global article `a`: (field, byte range, is current).
    pub fn highlights(&self, a: usize) -> Vec<(Field, Range<usize>, bool)> {
        let (Some(kept), Some(index)) = (&self.kept, &self.index) else {
            return Vec::new();
        };
        if !kept.word.is_empty() {
            return kept
                .word
                .iter()
                .filter(|m| m.article == a)
                .map(|m| (m.field, m.range.clone(), false))
                .collect();
        }
        if kept.scope == Scope::Article && a != kept.scope_article {
            return Vec::new();
        }
        let r = kept.matches.in_article(index, a);
        r.filter_map(|i| {
            let m = kept.matches.get(index, i)?;
            Some((m.field, m.range, kept.current == Some(i)))
        })
        .collect()
    }
}

/// The search field of a layout block (`None`: not searched, placed
/// after the fields before it).
fn block_field(b: BlockRef) -> Field {
    match b {
        BlockRef::Kicker => Field::Kicker,
        BlockRef::Title => Field::Title,
        BlockRef::Subtitle => Field::Subtitle,
        BlockRef::Byline => Field::Byline,
        BlockRef::Dateline => Field::Paragraph(0),
        BlockRef::Para(i) => Field::Paragraph(u32::try_from(i).unwrap_or(u32::MAX)),
        BlockRef::Caption(i) => Field::Caption(u32::try_from(i).unwrap_or(u32::MAX)),
        BlockRef::Jump(_) => Field::Caption(u32::MAX),
    }
}

/// The layout block of a search field.
pub fn field_block(f: Field) -> BlockRef {
    match f {
        Field::Kicker => BlockRef::Kicker,
        Field::Title => BlockRef::Title,
        Field::Subtitle => BlockRef::Subtitle,
        Field::Byline => BlockRef::Byline,
        Field::Paragraph(i) => BlockRef::Para(i as usize),
        Field::Caption(i) => BlockRef::Caption(i as usize),
    }
}

/// The current issue among the issues search runs over (`App` holds one
/// issue today, passed as `std::slice::from_ref(&app.issue)`).
const CURRENT_ISSUE: usize = 0;

/// The reader's position as a search cursor: the top of the reading pane
/// (or the start of the selected article while the list has focus).
pub fn reader_cursor(app: &App, index: &SearchIndex) -> Cursor {
    let (article, field, byte) = if app.focus == Focus::List && !app.opened {
        (app.selected, Field::Kicker, 0)
    } else {
        let block = app
            .layout
            .as_ref()
            .and_then(|l| l.blocks.get(app.anchor.block).copied());
        match block {
            Some(b) => (app.open, block_field(b), app.anchor.byte),
            None => (app.open, Field::Kicker, 0),
        }
    };
    Cursor {
        article: index
            .global_article(CURRENT_ISSUE, article)
            .unwrap_or(usize::MAX),
        field,
        byte,
    }
}

fn origin(app: &App, index: &SearchIndex) -> Origin {
    Origin {
        issue: CURRENT_ISSUE,
        open: app.open,
        selected: app.selected,
        list_offset: app.list_offset,
        focus: app.focus,
        opened: app.opened,
        top: app.top,
        anchor: app.anchor,
        read: app.read.clone(),
        cursor: reader_cursor(app, index),
    }
}

/// `/`: open the bar from either pane.
pub fn open_bar(app: &mut App) {
    let issues = std::slice::from_ref(&app.issue);
    let index = app.search.ensure_index(issues);
    app.search.spawn_words(issues);
    let origin = origin(app, &index);
    app.search.history.reset();
    app.search.scope = Scope::Issue;
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
    let Some(index) = app.search.index.clone() else {
        return;
    };
    let Some(bar) = &app.search.bar else { return };
    let query = bar.edit.text().to_string();
    let origin = bar.origin.clone();
    restore_position(app, vp, &origin);
    if query.trim().is_empty() {
        app.search.kept = None;
        if let Some(bar) = &mut app.search.bar {
            bar.words = None;
            bar.results_open = false;
        }
        return;
    }
    let matches = app.search.searcher.search(&index, &query);
    let scope = app.search.scope;
    let scope_article = origin.cursor.article;
    app.search.kept = Some(Kept {
        query: query.clone(),
        matches,
        current: None,
        scope,
        scope_article,
        word: Vec::new(),
    });
    let step = nearest(app, &index, origin.cursor);
    let words = if step.is_none() {
        let issues = std::slice::from_ref(&app.issue);
        app.search
            .words
            .as_mut()
            .map(|w| w.search(&index, issues, &query, WORD_LIMIT))
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
fn nearest(app: &App, index: &SearchIndex, c: Cursor) -> Option<Step> {
    let kept = app.search.kept.as_ref()?;
    let r = app.search.scoped(kept);
    if r.is_empty() {
        return None;
    }
    let s = kept.matches.nearest(index, c)?;
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

/// Go back to `o` exactly: same article, top line and anchor. The
/// article's layout is installed here so `sync` keeps `top` as it was
/// rather than re-deriving it from the anchor.
pub(super) fn restore_position(app: &mut App, vp: &Viewport, o: &Origin) {
    app.open = o.open;
    app.selected = o.selected;
    app.list_offset = o.list_offset;
    app.focus = o.focus;
    app.opened = o.opened;
    app.top = o.top;
    app.anchor = o.anchor;
    app.read.clone_from(&o.read);
    install_layout(app, vp);
}

/// Put the open article's layout for the viewport in place (from the cache).
fn install_layout(app: &mut App, vp: &Viewport) {
    let vp = app.layout_for(vp.area);
    let Some(article) = app.issue.articles.get(app.open) else {
        return;
    };
    if vp.column.width == 0 {
        return;
    }
    let key = app.layout_key(usize::from(vp.column.width));
    if app.layout.as_ref().is_none_or(|l| l.key != key) {
        app.layout = Some(app.cache.get(article, key));
    }
}

/// Show hit `i`: open its article (the list follows) and scroll it into
/// view if it is not already on the page.
fn go_to_hit(app: &mut App, vp: &Viewport, i: usize) {
    let (Some(index), Some(kept)) = (app.search.index.clone(), app.search.kept.as_mut()) else {
        return;
    };
    kept.current = Some(i);
    let Some(m) = kept.matches.get(&index, i) else {
        return;
    };
    reveal(app, vp, &index, &m);
}

pub(super) fn reveal(app: &mut App, vp: &Viewport, index: &SearchIndex, m: &MatchPos) {
    let Some(r) = index.article_ref(m.article) else {
        return;
    };
    let a = r.article as usize;
    let Some(article) = app.issue.articles.get(a) else {
        return;
    };
    if app.open != a {
        app.top = 0;
        app.anchor = Anchor::default();
    }
    app.open = a;
    app.selected = a;
    app.opened = true;
    app.focus = Focus::Reader;
    let vp = app.layout_for(vp.area);
    if vp.column.width == 0 {
        app.layout = None;
        return;
    }
    let key = LayoutKey {
        article: a,
        width: usize::from(vp.column.width),
        rule: app.opts.rule,
        ambiguous: app.opts.ambiguous,
        punct: app.opts.punct,
        spacing: app.opts.para_spacing,
    };
    let layout = app.cache.get(article, key);
    let want = field_block(m.field);
    let Some(block) = layout.blocks.iter().position(|b| *b == want) else {
        app.layout = Some(layout);
        return;
    };
    let line = layout.locate(Anchor {
        block,
        byte: m.range.start,
    });
    // A hit split across a line end must be seen whole.
    let last = layout.locate(Anchor {
        block,
        byte: m.range.end.saturating_sub(1).max(m.range.start),
    });
    let page = vp.page_height();
    let max_top = layout.lines.len().saturating_sub(page);
    let top = app.top.min(max_top);
    if line < top || last >= top + page {
        // Put the hit a third of the way down, with context above.
        app.top = line.saturating_sub(page / 3).min(max_top);
    } else {
        app.top = top;
    }
    app.anchor = layout.anchor_at(app.top);
    app.layout = Some(layout);
}

/// `n` / `N` with the kept search: from the current hit when it is on
/// screen, else from the reader's position.
pub fn step(app: &mut App, vp: &Viewport, forward: bool) {
    let Some(index) = app.search.index.clone() else {
        app.message = Some("no search / 无搜索".into());
        return;
    };
    let Some(kept) = &app.search.kept else {
        app.message = Some("no search / 无搜索".into());
        return;
    };
    let r = app.search.scoped(kept);
    if r.is_empty() {
        app.message = Some(format!("no match for {} / 无结果", kept.query));
        return;
    }
    let on_screen = kept
        .current
        .filter(|&c| r.contains(&c) && hit_visible(app, &index, c));
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
            let c = reader_cursor(app, &index);
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
            "search wrapped to the top / 已从头搜索".into()
        } else {
            "search wrapped to the bottom / 已从尾搜索".into()
        });
    }
    go_to_hit(app, vp, s.index);
}

fn hit_visible(app: &App, index: &SearchIndex, i: usize) -> bool {
    let Some(kept) = &app.search.kept else {
        return false;
    };
    let Some(m) = kept.matches.get(index, i) else {
        return false;
    };
    let Some(layout) = &app.layout else {
        return false;
    };
    if index.global_article(CURRENT_ISSUE, app.open) != Some(m.article) {
        return false;
    }
    let want = field_block(m.field);
    let Some(block) = layout.blocks.iter().position(|b| *b == want) else {
        return false;
    };
    let line = layout.locate(Anchor {
        block,
        byte: m.range.start,
    });
    line >= app.top && line < app.top + app.viewport.page_height()
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
        .and_then(|i| i.global_article(CURRENT_ISSUE, a))
        .and_then(|g| app.search.keywords.get(g))
        .map_or(&[], Vec::as_slice)
}

/// Keyword display toggle (`w`).
pub fn toggle_keywords(app: &mut App) {
    app.search.show_keywords = !app.search.show_keywords;
    app.message = Some(if app.search.keywords.is_empty() {
        "keywords: loading dictionary… / 关键词加载中".into()
    } else if app.search.show_keywords {
        "keywords on / 关键词".into()
    } else {
        "keywords off".into()
    });
}

pub use super::search_keys::{handle_bar_event, result_hits};

//! The search bar's state machine and everything search changes in the
//! reader: the open bar (editor, origin to return to on `Esc`), the kept
//! search (matches, current hit, scope), word-search results and keywords.
//!
//! Two literal indexes: the open issue's (built on the first `/`, a few
//! milliseconds) and, for the scope "all issues", the archive's (built on
//! a background thread the first time that scope is chosen, over every
//! loaded issue in issue-list order). A kept search carries the index its
//! hits are in, so it stays valid while hits in other issues are opened.
//! No I/O here: indexes are built on their own threads and [`poll`] picks
//! them up. The bar's keys are in `search_keys.rs`.

use super::App;
use super::article_layout::BlockRef;
use super::reader_view::Snapshot;
use super::search_edit::{History, LineEdit};
use crate::layout::Focus;
use crate::layout::Viewport;
use crate::model::Issue;
use crate::search::keywords::{DocFreqs, article_keywords, article_keywords_in};
use crate::search::words::{WordIndex, WordLoader, WordSearch};
use crate::search::{Cursor, Field, MatchPos, Matches, SearchIndex, Searcher, Step};
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
    /// Every loaded issue of the archive.
    All,
}

impl Scope {
    /// The scope after this one (`Ctrl-T`); "all issues" only when there
    /// is more than one issue.
    pub fn next(self, archive: bool) -> Scope {
        match self {
            Scope::Issue => Scope::Article,
            Scope::Article if archive => Scope::All,
            Scope::Article | Scope::All => Scope::Issue,
        }
    }
}

/// Where the reader was when `/` was pressed: `Esc` goes back here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The shelf slot of the open issue.
    pub slot: Option<usize>,
    /// The reading position in it.
    pub view: Snapshot,
    /// The reader's place (article, field, byte): searches start here.
    pub place: Place,
}

/// A place in the open issue: article, search field, byte in the field.
pub type Place = (usize, Field, usize);

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
    /// The index `matches` (and `word`) are in: the open issue's, or the
    /// archive's for [`Scope::All`].
    pub index: Arc<SearchIndex>,
    /// Index issue number → shelf slot, for the archive index; empty for
    /// the open issue's own index (whose issue 0 is the open issue).
    pub slots: Arc<[usize]>,
    /// Hits per index issue (archive scope), for the issue list.
    pub issue_counts: Vec<u32>,
}

impl Kept {
    /// The index issue number of shelf slot `slot` (the open issue).
    pub fn issue_no(&self, slot: Option<usize>) -> Option<usize> {
        if self.slots.is_empty() {
            return Some(0);
        }
        self.slots.iter().position(|&s| Some(s) == slot)
    }

    /// Hits of an archive search in shelf slot `slot`.
    pub fn hits_in_slot(&self, slot: usize) -> Option<u32> {
        let i = self.slots.iter().position(|&s| s == slot)?;
        self.issue_counts.get(i).copied()
    }
}

/// The literal index over every loaded issue (scope "all issues").
#[derive(Debug, Default)]
pub struct ArchiveSearch {
    /// Shelf slots of the index's issues, in index order.
    pub slots: Arc<[usize]>,
    /// The same issues, shared (titles and snippets of word search).
    pub issues: Arc<[Arc<Issue>]>,
    /// The index, once built.
    pub index: Option<Arc<SearchIndex>>,
    job: Option<std::thread::JoinHandle<SearchIndex>>,
    /// Word index over the archive, spawned on the first word search.
    pub words: Option<WordLoader>,
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
    /// The incremental searcher over the archive index.
    archive_searcher: Searcher,
    /// The word index loader (spawned at start-up or on first `/`).
    pub words: Option<WordLoader>,
    /// Keywords per global article, once the word index is ready.
    pub keywords: Vec<Vec<String>>,
    /// The headline list shows keywords instead of kickers (`w`).
    pub show_keywords: bool,
    /// The word index is ready or failed: nothing left to poll.
    pub words_done: bool,
    /// The "all issues" index (kept across issue switches).
    pub archive: Option<ArchiveSearch>,
    /// Keyword document frequencies over every loaded issue.
    pub doc_freqs: Option<Arc<DocFreqs>>,
    doc_freqs_job: Option<std::thread::JoinHandle<DocFreqs>>,
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

    /// Another issue is on screen: drop the index, hits and keywords built
    /// for the old one (they are rebuilt on demand). Kept are the history,
    /// the open bar (a search across issues opens hits in other issues
    /// while typing), the archive index and a search made with it.
    pub fn invalidate(&mut self) {
        let kept = self.kept.take().filter(|k| !k.slots.is_empty());
        *self = SearchState {
            history: std::mem::take(&mut self.history),
            show_keywords: self.show_keywords,
            bar: self.bar.take(),
            scope: self.scope,
            archive: self.archive.take(),
            doc_freqs: self.doc_freqs.take(),
            doc_freqs_job: self.doc_freqs_job.take(),
            kept,
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
        (self.words.is_some() && !self.words_done)
            || self.doc_freqs_job.is_some()
            || self.archive.as_ref().is_some_and(|a| {
                a.job.is_some() || a.words.as_ref().is_some_and(WordLoader::is_loading)
            })
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
        self.keywords = keywords_for(&index, &w, self.doc_freqs.as_deref(), issues.len() > 1);
        // A bar searching all issues waits for the archive's word index.
        if let Some(bar) = &mut self.bar
            && self.scope != Scope::All
            && matches!(bar.words, Some(WordSearch::LoadingDictionary))
        {
            bar.words = Some(loader.search(&index, issues, bar.edit.text(), WORD_LIMIT));
        }
        true
    }

    /// Count document frequencies over every loaded issue of an archive,
    /// in the background, once loading is done (keyword IDF).
    pub fn spawn_doc_freqs(&mut self, shelf: &super::shelf::Shelf, open: &Arc<Issue>) {
        if self.doc_freqs.is_some()
            || self.doc_freqs_job.is_some()
            || shelf.order.len() < 2
            || shelf.is_loading()
        {
            return;
        }
        let issues = shelf.issues_of(&shelf.loaded_slots(), open);
        self.doc_freqs_job = Some(std::thread::spawn(move || {
            DocFreqs::build(issues.iter().flat_map(|i| &i.articles))
        }));
    }

    /// Pick up finished document frequencies; redo the open issue's
    /// keywords with them. True when the screen changed.
    fn poll_doc_freqs(&mut self) -> bool {
        if !self
            .doc_freqs_job
            .as_ref()
            .is_some_and(std::thread::JoinHandle::is_finished)
        {
            return false;
        }
        let Some(docs) = self.doc_freqs_job.take().and_then(|j| j.join().ok()) else {
            return false;
        };
        self.doc_freqs = Some(Arc::new(docs));
        let (Some(index), Some(w)) = (
            self.index.clone(),
            self.words.as_mut().and_then(WordLoader::poll),
        ) else {
            return false;
        };
        self.keywords = keywords_for(&index, &w, self.doc_freqs.as_deref(), true);
        true
    }

    /// Hits of the kept search that count for `scope` (index range).
    pub fn scoped(&self, kept: &Kept) -> Range<usize> {
        match kept.scope {
            Scope::Article => kept.matches.in_article(&kept.index, kept.scope_article),
            Scope::Issue | Scope::All => 0..kept.matches.len(),
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
            Scope::Issue | Scope::All => kept.matches.articles().len(),
        };
        let unit = if articles == 1 { "article" } else { "articles" };
        if kept.scope == Scope::All {
            let issues = kept.issue_counts.iter().filter(|&&c| c > 0).count();
            let iu = if issues == 1 { "issue" } else { "issues" };
            return format!("{cur}/{total} · {articles} {unit} · {issues} {iu}");
        }
        format!("{cur}/{total} · {articles} {unit}")
    }

    /// Highlights for global article `a`: (field, byte range, is current).
    pub fn highlights(&self, a: usize) -> Vec<(Field, Range<usize>, bool)> {
        let Some(kept) = &self.kept else {
            return Vec::new();
        };
        let index = &kept.index;
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

/// Keywords of every article of the open issue's index: IDF from the
/// articles of all loaded issues once counted (`docs`), else from
/// `index`'s own articles (`corpus`) or jieba's table.
fn keywords_for(
    index: &SearchIndex,
    w: &WordIndex,
    docs: Option<&DocFreqs>,
    corpus: bool,
) -> Vec<Vec<String>> {
    (0..index.article_count())
        .map(|a| {
            match docs {
                Some(d) => article_keywords_in(index, d, a),
                None => article_keywords(index, w, a, corpus),
            }
            .into_iter()
            .map(|k| k.word)
            .collect()
        })
        .collect()
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

/// The reader's place in the open issue: the top of the reading pane (or
/// the start of the selected article while the list has focus).
pub fn reader_place(app: &App) -> Place {
    if app.view.focus == Focus::List && !app.view.opened {
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

/// The archive index if it is built over the issues loaded now; starts
/// (re)building it otherwise and returns `None` until it is ready. While
/// files are still loading, an index over the issues loaded so far serves
/// (rebuilding on every arrival would never finish); one build at a time.
fn archive_index(app: &mut App) -> Option<(Arc<SearchIndex>, Arc<[usize]>)> {
    if let Some(a) = &app.search.archive {
        if a.job.is_some() {
            return None;
        }
        if a.index.is_some() && app.shelf.is_loading() {
            return a.index.clone().map(|i| (i, Arc::clone(&a.slots)));
        }
    }
    let slots = app.shelf.loaded_slots();
    if let Some(a) = &app.search.archive
        && *a.slots == *slots
    {
        return a.index.clone().map(|i| (i, Arc::clone(&a.slots)));
    }
    let issues: Arc<[Arc<Issue>]> = app.shelf.issues_of(&slots, &app.issue).into();
    let shared = Arc::clone(&issues);
    let job = std::thread::spawn(move || SearchIndex::build_from(shared.iter().map(|i| &**i)));
    app.search.archive = Some(ArchiveSearch {
        slots: slots.into(),
        issues,
        index: None,
        job: Some(job),
        words: None,
    });
    None
}

/// Whether the bar waits for the archive index.
pub fn indexing_archive(app: &App) -> Option<usize> {
    let a = app.search.archive.as_ref()?;
    (a.job.is_some() && app.search.scope == Scope::All).then_some(a.slots.len())
}

/// Pick up finished background work: the open issue's word index (and
/// keywords), the archive index (then the waiting bar searches again),
/// the archive's word index. True when the screen changed.
pub fn poll(app: &mut App) -> bool {
    let mut changed = app
        .search
        .poll_background(std::slice::from_ref(&*app.issue));
    changed |= app.search.poll_doc_freqs();
    let Some(a) = &mut app.search.archive else {
        return changed;
    };
    if a.job
        .as_ref()
        .is_some_and(std::thread::JoinHandle::is_finished)
    {
        match a.job.take().and_then(|j| j.join().ok()) {
            Some(index) => a.index = Some(Arc::new(index)),
            // A builder that panicked leaves no index: the next search in
            // this scope starts another.
            None => app.search.archive = None,
        }
        if app.search.bar.is_some() && app.search.scope == Scope::All {
            let vp = app.view.viewport;
            research(app, &vp);
        }
        return true;
    }
    let Some(words) = &mut a.words else {
        return changed;
    };
    if words.is_loading() && words.poll().is_some() {
        changed = true;
        let waiting = app.search.bar.as_ref().is_some_and(|b| {
            matches!(b.words, Some(WordSearch::LoadingDictionary)) && app.search.scope == Scope::All
        });
        if waiting {
            let vp = app.view.viewport;
            research(app, &vp);
        }
    }
    changed
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

/// Word search in the kept scope's index: the open issue's word index, or
/// the archive's (spawned the first time it is needed).
fn word_search(
    app: &mut App,
    index: &Arc<SearchIndex>,
    slots: &[usize],
    query: &str,
) -> Option<WordSearch> {
    if slots.is_empty() {
        let issues = std::slice::from_ref(&*app.issue);
        return app
            .search
            .words
            .as_mut()
            .map(|w| w.search(index, issues, query, WORD_LIMIT));
    }
    let a = app.search.archive.as_mut()?;
    let words = a
        .words
        .get_or_insert_with(|| WordLoader::spawn(Arc::clone(index)));
    Some(words.search(index, &a.issues, query, WORD_LIMIT))
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
        super::shelf::enter(app, slot);
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
        && !super::shelf::enter(app, slot)
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
        app.message = Some("no search / 无搜索".into());
        return;
    };
    let index = Arc::clone(&kept.index);
    let r = app.search.scoped(kept);
    if r.is_empty() {
        app.message = Some(format!("no match for {} / 无结果", kept.query));
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
            "search wrapped to the top / 已从头搜索".into()
        } else {
            "search wrapped to the bottom / 已从尾搜索".into()
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
        "keywords: loading dictionary… / 关键词加载中".into()
    } else if app.search.show_keywords {
        "keywords on / 关键词".into()
    } else {
        "keywords off".into()
    });
}

pub use super::search_keys::{handle_bar_event, result_hits};

//! Everything search holds, and its own operations: the open bar (editor,
//! origin to return to on `Esc`), the kept search (matches, current hit,
//! scope), word-search results, keywords, the literal indexes (the open
//! issue's, built on the first `/`; the archive's for the scope "all
//! issues") and the word index. What search does to the reader is in
//! `search_nav.rs`; background index builds in `search_jobs.rs`; the bar's
//! keys in `search_keys.rs`. No I/O here.

use super::article_layout::BlockRef;
use super::jobs::Job;
use super::reader_view::Snapshot;
use super::search_edit::{History, LineEdit};
use super::shelf::Shelf;
use crate::lang::Lang;
use crate::model::Issue;
use crate::search::keywords::{DocFreqs, article_keywords, article_keywords_in};
use crate::search::words::{WordIndex, WordLoader, WordSearch};
use crate::search::{Field, MatchPos, Matches, SearchIndex, Searcher};
use std::ops::Range;
use std::sync::Arc;

/// Word-search results asked for per query.
pub const WORD_LIMIT: usize = 50;

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
    /// The index is being built (a queued or running job).
    pub building: bool,
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
    /// The incremental searcher over the open issue's index.
    pub searcher: Searcher,
    /// The incremental searcher over the archive index.
    pub archive_searcher: Searcher,
    /// The word index loader (spawned at start-up or on first `/`).
    pub words: Option<WordLoader>,
    /// Keywords per global article, once the word index is ready.
    pub keywords: Vec<Vec<String>>,
    /// The headline list shows keywords instead of kickers (`w`).
    pub show_keywords: bool,
    /// The "all issues" index (kept across issue switches).
    pub archive: Option<ArchiveSearch>,
    /// Keyword document frequencies over every loaded issue.
    pub doc_freqs: Option<Arc<DocFreqs>>,
    /// Document frequencies are being counted (a queued or running job).
    pub doc_freqs_pending: bool,
    /// Background work waiting for the run loop (`jobs.rs`).
    pub jobs: Vec<Job>,
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
            doc_freqs_pending: self.doc_freqs_pending,
            jobs: std::mem::take(&mut self.jobs),
            kept,
            ..SearchState::default()
        };
    }

    /// Whether the open issue's word index is ready or failed (nothing
    /// of it is still loading).
    pub fn words_done(&self) -> bool {
        self.words.as_ref().is_some_and(|w| !w.is_loading())
    }

    /// Queue the word index of the open issue (idempotent).
    pub fn spawn_words(&mut self, issues: &[Issue]) {
        if self.words.is_none() {
            let index = self.ensure_index(issues);
            self.words = Some(WordLoader::pending());
            self.jobs.push(Job::Words {
                archive: false,
                index,
            });
        }
    }

    /// A word index arrived for `index` (`None`: building it failed):
    /// compute keywords, redo a word search that was waiting. Dropped when
    /// `index` is no longer the open issue's. True when the screen changed.
    pub fn finish_words(
        &mut self,
        index: &Arc<SearchIndex>,
        words: Option<WordIndex>,
        issues: &[Issue],
    ) -> bool {
        if !self.index.as_ref().is_some_and(|i| Arc::ptr_eq(i, index)) {
            return false;
        }
        let Some(loader) = self.words.as_mut() else {
            return false;
        };
        loader.finish(words);
        let Some(w) = loader.poll() else {
            // Building failed: say so if the bar waits.
            if let Some(bar) = &mut self.bar
                && bar.words.is_some()
            {
                bar.words = Some(WordSearch::Failed);
            }
            return true;
        };
        self.keywords = keywords_for(index, &w, self.doc_freqs.as_deref(), issues.len() > 1);
        // A bar searching all issues waits for the archive's word index.
        if let Some(bar) = &mut self.bar
            && self.scope != Scope::All
            && matches!(bar.words, Some(WordSearch::LoadingDictionary))
        {
            bar.words = Some(loader.search(index, issues, bar.edit.text(), WORD_LIMIT));
        }
        true
    }

    /// Queue counting document frequencies over every loaded issue of an
    /// archive, once loading is done (keyword IDF).
    pub fn spawn_doc_freqs(&mut self, shelf: &Shelf, open: &Arc<Issue>) {
        if self.doc_freqs.is_some()
            || self.doc_freqs_pending
            || shelf.order.len() < 2
            || shelf.is_loading()
        {
            return;
        }
        let issues = shelf.issues_of(&shelf.loaded_slots(), open);
        self.doc_freqs_pending = true;
        self.jobs.push(Job::DocFreqs(issues));
    }

    /// Document frequencies arrived (`None`: counting failed; the next
    /// frame queues it again): redo the open issue's keywords with them.
    /// True when the screen changed.
    pub fn finish_doc_freqs(&mut self, docs: Option<DocFreqs>) -> bool {
        self.doc_freqs_pending = false;
        let Some(docs) = docs else {
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
    pub fn summary(&self, lang: Lang) -> String {
        let Some(kept) = &self.kept else {
            return String::new();
        };
        let r = self.scoped(kept);
        let total = r.len();
        if total == 0 {
            return tr!(lang; "no match", "无结果");
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
            return tr!(lang;
                "{cur}/{total} · {articles} {unit} · {issues} {iu}",
                "{cur}/{total} · {articles} 篇 · {issues} 期"
            );
        }
        tr!(lang; "{cur}/{total} · {articles} {unit}", "{cur}/{total} · {articles} 篇")
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
pub fn block_field(b: BlockRef) -> Field {
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

//! Search: pure, terminal-free search over parsed issues.
//!
//! - [`index::SearchIndex`]: one folded haystack of every article, built
//!   once per set of loaded issues;
//! - [`searcher::Searcher`]: the incremental literal search the search bar
//!   calls per keystroke (multi-term AND, folding, pinyin initials);
//! - [`matches::Matches`]: hits in reading order, per-article counts and
//!   the `n`/`N` walk;
//! - [`words`]: jieba word search ranked with BM25, loaded in background;
//! - [`keywords`]: per-article TF-IDF keywords;
//! - [`command`]: the logic of `kanbao search`.
//!
//! # Driving an incremental search bar
//!
//! ```no_run
//! use kanbao::search::words::{WordLoader, WordSearch};
//! use kanbao::search::{Cursor, Field, SearchIndex, Searcher};
//! use std::sync::Arc;
//! # let issues: Vec<kanbao::model::Issue> = Vec::new();
//! // Once per set of loaded issues (rebuild both when it changes):
//! let index = Arc::new(SearchIndex::build(&issues));
//! let mut words = WordLoader::spawn(Arc::clone(&index)); // jieba off-thread
//! let mut searcher = Searcher::new();
//!
//! // On every change of the bar's text:
//! let m = searcher.search(&index, "民生");
//! let per_article = m.counts(); // indexed by global article number
//! if m.is_empty() {
//!     match words.search(&index, &issues, "民生", 50) {
//!         WordSearch::LoadingDictionary => { /* show "loading dictionary…" */ }
//!         WordSearch::Ready(r) => { /* list r.hits: title, snippet, matches */ }
//!         WordSearch::Failed => {}
//!     }
//! }
//! // Highlights of the article on screen (global number from issue/article):
//! let a = index.global_article(0, 0).unwrap_or(0);
//! for p in m.positions_in(&index, a) { /* style p.field's bytes p.range */ }
//! // `n` from the reader's position (then `m.next(step.index)` for more);
//! // `N` with `m.nearest_before` / `m.prev`:
//! let here = Cursor { article: a, field: Field::Title, byte: 0 };
//! if let Some(step) = m.nearest(&index, here) {
//!     let hit = m.get(&index, step.index); // article, field, byte range
//!     if step.wrapped { /* "search wrapped to the top" */ }
//! }
//! ```

pub mod command;
pub mod fold;
pub mod index;
pub mod keywords;
pub mod matcher;
pub mod matches;
pub mod pinyin;
pub mod query;
pub mod refine;
pub mod searcher;
pub mod snippet;
pub mod words;

pub use index::{ArticleRef, Field, SearchIndex};
pub use matches::{Cursor, MatchPos, Matches, Step, TermKind};
pub use searcher::{Searcher, search};

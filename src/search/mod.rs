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

pub mod command;
pub mod fold;
pub mod index;
pub mod keywords;
pub mod matcher;
pub mod matches;
pub mod pinyin;
pub mod query;
pub mod searcher;
pub mod snippet;
pub mod words;

pub use index::{ArticleRef, Field, SearchIndex};
pub use matches::{Cursor, MatchPos, Matches, Step, TermKind};
pub use searcher::{Searcher, search};

//! Background work as values: a [`Job`] says what to compute and
//! [`Job::run`] computes it on whatever thread calls it; its [`Done`] goes
//! back to the state through `background::finish`. Data and pure
//! computation only: this file knows search, not `App`.

use crate::model::Issue;
use crate::search::SearchIndex;
use crate::search::keywords::DocFreqs;
use crate::search::words::WordIndex;
use std::sync::Arc;

/// Something to compute away from the keyboard.
#[derive(Debug)]
pub enum Job {
    /// The word index (jieba) of a literal index: the open issue's, or the
    /// archive's (`archive`).
    Words {
        /// Whether it is the archive's index.
        archive: bool,
        /// The literal index to build it over.
        index: Arc<SearchIndex>,
    },
    /// The literal index over every loaded issue (scope "all issues").
    ArchiveIndex(Arc<[Arc<Issue>]>),
    /// Keyword document frequencies over every loaded issue.
    DocFreqs(Vec<Arc<Issue>>),
}

/// A finished [`Job`]; `None` results stand for a job that failed (its
/// thread panicked).
#[derive(Debug)]
pub enum Done {
    /// A word index, for the literal index it was built over.
    Words {
        /// Whether it is the archive's index.
        archive: bool,
        /// The literal index it was built over.
        index: Arc<SearchIndex>,
        /// The word index.
        words: Option<WordIndex>,
    },
    /// The archive's literal index, for the issues it was built over.
    ArchiveIndex(Arc<[Arc<Issue>]>, Option<SearchIndex>),
    /// Document frequencies.
    DocFreqs(Option<DocFreqs>),
}

impl Job {
    /// Compute the job here and now.
    pub fn run(self) -> Done {
        match self {
            Job::Words { archive, index } => {
                let words = Some(WordIndex::build(&index));
                Done::Words {
                    archive,
                    index,
                    words,
                }
            }
            Job::ArchiveIndex(issues) => {
                let index = SearchIndex::build_from(issues.iter().map(|i| &**i));
                Done::ArchiveIndex(issues, Some(index))
            }
            Job::DocFreqs(issues) => Done::DocFreqs(Some(DocFreqs::build(
                issues.iter().flat_map(|i| &i.articles),
            ))),
        }
    }

    /// What the job's result is when it could not be computed.
    pub fn failed(&self) -> Done {
        match self {
            Job::Words { archive, index } => Done::Words {
                archive: *archive,
                index: Arc::clone(index),
                words: None,
            },
            Job::ArchiveIndex(issues) => Done::ArchiveIndex(Arc::clone(issues), None),
            Job::DocFreqs(_) => Done::DocFreqs(None),
        }
    }
}

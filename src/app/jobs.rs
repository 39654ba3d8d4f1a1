//! Background work as values: a [`Job`] says what to compute, [`Job::run`]
//! computes it on whatever thread calls it, and the [`Done`] goes back to
//! the state through [`finish`]. `app` only queues jobs
//! (`SearchState::jobs`); the run loop (`tui::run`) takes them and runs each
//! on a thread of its own, sending the `Done` back on its channel; tests
//! run them inline ([`run_inline`]), so nothing here waits or sleeps.

use super::search_nav;
use super::search_state::Scope;
use super::state::App;
use crate::model::Issue;
use crate::search::SearchIndex;
use crate::search::keywords::DocFreqs;
use crate::search::words::{WordIndex, WordSearch};
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

/// The jobs queued since the last call, to run.
pub fn take(app: &mut App) -> Vec<Job> {
    std::mem::take(&mut app.search.jobs)
}

/// Run every queued job (and the ones their results queue) on this thread:
/// what tests do instead of threads. True when the screen changed.
pub fn run_inline(app: &mut App) -> bool {
    let mut changed = false;
    loop {
        let jobs = take(app);
        if jobs.is_empty() {
            return changed;
        }
        for job in jobs {
            changed |= finish(app, job.run());
        }
    }
}

/// Put a finished job's result in place: keywords from a new word index,
/// the archive index (then a waiting bar searches again), document
/// frequencies. Results for an index that is gone (another issue opened
/// meanwhile) are dropped. True when the screen changed.
pub fn finish(app: &mut App, done: Done) -> bool {
    match done {
        Done::Words {
            archive: false,
            index,
            words,
        } => {
            let issues = std::slice::from_ref(&*app.issue);
            app.search.finish_words(&index, words, issues)
        }
        Done::Words {
            archive: true,
            index,
            words,
        } => {
            let Some(a) = &mut app.search.archive else {
                return false;
            };
            if !a.index.as_ref().is_some_and(|i| Arc::ptr_eq(i, &index)) {
                return false;
            }
            let Some(loader) = &mut a.words else {
                return false;
            };
            loader.finish(words);
            let waiting = app.search.bar.as_ref().is_some_and(|b| {
                matches!(b.words, Some(WordSearch::LoadingDictionary))
                    && app.search.scope == Scope::All
            });
            if waiting {
                let vp = app.view.viewport;
                search_nav::research(app, &vp);
            }
            true
        }
        Done::ArchiveIndex(issues, index) => {
            let Some(a) = &mut app.search.archive else {
                return false;
            };
            if !Arc::ptr_eq(&a.issues, &issues) {
                return false;
            }
            a.building = false;
            match index {
                Some(index) => a.index = Some(Arc::new(index)),
                // A builder that failed leaves no index: the next search in
                // this scope starts another.
                None => app.search.archive = None,
            }
            if app.search.bar.is_some() && app.search.scope == Scope::All {
                let vp = app.view.viewport;
                search_nav::research(app, &vp);
            }
            true
        }
        Done::DocFreqs(docs) => app.search.finish_doc_freqs(docs),
    }
}

//! Background work and the reader: `app` only queues [`Job`]s
//! (`SearchState::jobs`); the run loop (`tui::run`) [`take`]s them and runs
//! each on a thread of its own, sending the [`Done`] back on its channel
//! for [`finish`]; tests run them inline ([`run_inline`]), so nothing here
//! waits or sleeps.

use super::jobs::{Done, Job};
use super::search_nav;
use super::search_state::Scope;
use super::state::App;
use crate::search::words::WordSearch;
use std::sync::Arc;

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

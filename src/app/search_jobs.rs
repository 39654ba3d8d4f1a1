//! Search's background work that needs the reader: the archive index (over
//! every loaded issue, queued as a job the first time "all issues" is
//! chosen) and word search in the kept scope's word index (the archive's
//! queued on first use). Finished jobs come back through `background::finish`.

use super::jobs::Job;
use super::search_state::{ArchiveSearch, Scope, WORD_LIMIT};
use super::state::App;
use crate::model::Issue;
use crate::search::SearchIndex;
use crate::search::words::{WordLoader, WordSearch};
use std::sync::Arc;

/// The archive index if it is built over the issues loaded now; starts
/// (re)building it otherwise and returns `None` until it is ready. While
/// files are still loading, an index over the issues loaded so far serves
/// (rebuilding on every arrival would never finish); one build at a time.
pub fn archive_index(app: &mut App) -> Option<(Arc<SearchIndex>, Arc<[usize]>)> {
    if let Some(a) = &app.search.archive {
        if a.building {
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
    app.search.jobs.push(Job::ArchiveIndex(Arc::clone(&issues)));
    app.search.archive = Some(ArchiveSearch {
        slots: slots.into(),
        issues,
        index: None,
        building: true,
        words: None,
    });
    None
}

/// Whether the bar waits for the archive index.
pub fn indexing_archive(app: &App) -> Option<usize> {
    let a = app.search.archive.as_ref()?;
    (a.building && app.search.scope == Scope::All).then_some(a.slots.len())
}

/// Word search in the kept scope's index: the open issue's word index, or
/// the archive's (spawned the first time it is needed).
pub fn word_search(
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
    let search = &mut app.search;
    let a = search.archive.as_mut()?;
    let words = a.words.get_or_insert_with(|| {
        search.jobs.push(Job::Words {
            archive: true,
            index: Arc::clone(index),
        });
        WordLoader::pending()
    });
    Some(words.search(index, &a.issues, query, WORD_LIMIT))
}

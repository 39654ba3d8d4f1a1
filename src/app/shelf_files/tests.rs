//! How files make the shelf's issues: listing once whole, rescans,
//! failures, the open issue, and what is saved.

use crate::app::shelf::Shelf;
use crate::archive::LoadedIssue;
use crate::model::Encoding;
use crate::state::IssueState;
use std::path::{Path, PathBuf};

fn loaded(path: &Path, title: &str) -> LoadedIssue {
    let text = format!("\n{title}\n\n\u{3000}\u{3000}本报讯 {title}的正文。\n");
    LoadedIssue {
        path: path.to_path_buf(),
        hash: crate::state::content_hash(text.as_bytes()),
        issue: crate::loader::parse("x.txt", &text, Encoding::Utf8),
    }
}

fn titles(shelf: &Shelf, slot: usize) -> Vec<String> {
    let issue = shelf.slots[slot].issue.as_ref().expect("merged");
    issue
        .articles
        .iter()
        .map(|a| a.display_title().to_owned())
        .collect()
}

#[test]
fn an_issue_is_listed_once_whole_and_merged_again_when_a_rescan_adds_a_page() {
    let root = PathBuf::from("/archive");
    let p = |n: &str| root.join(format!("20240501/20240501-{n}.txt"));
    let mut shelf = Shelf::folder(root.clone(), vec![p("02-01"), p("01-01")]);
    assert_eq!((shelf.slots.len(), shelf.slots[0].pending), (1, 2));
    assert_eq!(
        shelf.insert(0, Ok(loaded(&p("02-01"), "二版")), IssueState::default()),
        None
    );
    assert!(shelf.order.is_empty(), "not listed while a page is missing");
    let done = shelf.insert(1, Ok(loaded(&p("01-01"), "头版")), IssueState::default());
    assert_eq!((done, shelf.order.clone()), (Some(0), vec![0]));
    assert_eq!(titles(&shelf, 0), ["头版", "二版"], "print order");
    assert!(
        shelf.files.iter().all(|f| f.issue.is_none()),
        "the merged issue holds the articles, once"
    );
    // A rescan finds page 01's second article: the same issue, merged
    // again once it has loaded.
    let base = shelf.add_paths(vec![p("01-02")]);
    assert_eq!((base, shelf.slots.len()), (2, 1));
    assert!(shelf.order.is_empty() && !shelf.slots[0].done);
    shelf.insert(2, Ok(loaded(&p("01-02"), "头版二")), IssueState::default());
    assert_eq!(titles(&shelf, 0), ["头版", "头版二", "二版"]);
    assert_eq!(shelf.slots[0].pages.len(), 2);
}

#[test]
fn a_file_that_fails_leaves_the_rest_of_its_issue() {
    let root = PathBuf::from("/archive");
    let p = |n: &str| root.join(format!("20240501/20240501-{n}.txt"));
    let mut shelf = Shelf::folder(root.clone(), vec![p("01-01"), p("01-02")]);
    let err = crate::loader::LoadError::IsDir { path: p("01-02") };
    shelf.insert(1, Err(err), IssueState::default());
    shelf.insert(0, Ok(loaded(&p("01-01"), "头版")), IssueState::default());
    assert_eq!(titles(&shelf, 0), ["头版"]);
    assert_eq!(shelf.slots[0].error, None);
    // Every file failed: the issue is listed with the error.
    let mut bad = Shelf::folder(root.clone(), vec![p("01-01")]);
    let err = crate::loader::LoadError::IsDir { path: p("01-01") };
    bad.insert(0, Err(err), IssueState::default());
    assert!(
        bad.slots[0]
            .error
            .as_deref()
            .is_some_and(|e| e.contains("directory"))
    );
    assert_eq!(bad.order, [0]);
}

#[test]
fn the_open_issue_is_merged_again_only_once_the_reader_leaves_it() {
    let root = PathBuf::from("/archive");
    let p = |n: &str| root.join(format!("20240501/20240501-{n}.txt"));
    let mut shelf = Shelf::folder(root.clone(), vec![p("01-01")]);
    shelf.insert(0, Ok(loaded(&p("01-01"), "头版")), IssueState::default());
    // Open: the reader holds the issue.
    shelf.current = Some(0);
    let open = shelf.slots[0].issue.take();
    shelf.add_paths(vec![p("02-01")]);
    shelf.insert(1, Ok(loaded(&p("02-01"), "二版")), IssueState::default());
    let s = &shelf.slots[0];
    assert!(s.stale && s.done, "still listed as the reader shows it");
    assert_eq!(
        (s.spans.len(), s.pages.len()),
        (1, 1),
        "spans agree with the open issue"
    );
    assert_eq!(shelf.order, [0]);
    // The reader leaves it: merged with page 02.
    shelf.slots[0].issue = open;
    shelf.current = None;
    assert!(shelf.relist(0));
    assert_eq!(titles(&shelf, 0), ["头版", "二版"]);
    assert!(!shelf.slots[0].stale);
    assert_eq!(shelf.order, [0]);
}

#[test]
fn only_files_whose_share_changed_are_saved() {
    let root = PathBuf::from("/archive");
    let p = |n: &str| root.join(format!("20240501/20240501-{n}.txt"));
    let mut shelf = Shelf::folder(root.clone(), vec![p("01-01"), p("02-01")]);
    let seen = IssueState {
        source: "20240501-01-01.txt".into(),
        ..IssueState::default()
    };
    let other = IssueState {
        source: "20240501-02-01.txt".into(),
        ..IssueState::default()
    };
    shelf.insert(0, Ok(loaded(&p("01-01"), "头版")), seen);
    shelf.insert(1, Ok(loaded(&p("02-01"), "二版")), other);
    assert!(shelf.file_states(0).is_empty(), "nothing changed");
    shelf.slots[0].state.set_read(1, true);
    let due = shelf.file_states(0);
    assert_eq!(due.len(), 1);
    let (file, _, state) = due.into_iter().next().expect("one");
    assert_eq!(file, 1, "page 02's file");
    assert!(state.is_read(0), "in its own numbering");
    shelf.saved(file, state);
    assert!(shelf.file_states(0).is_empty(), "saved");
}

#[test]
fn a_mark_not_yet_saved_survives_a_merge_again() {
    let root = PathBuf::from("/archive");
    let p = |n: &str| root.join(format!("20240501/20240501-{n}.txt"));
    let mut shelf = Shelf::folder(root.clone(), vec![p("01-01"), p("02-01")]);
    shelf.insert(0, Ok(loaded(&p("01-01"), "头版")), IssueState::default());
    shelf.insert(1, Ok(loaded(&p("02-01"), "二版")), IssueState::default());
    // Page 02's article read; the save failed (nothing recorded as saved).
    shelf.slots[0].state.set_read(1, true);
    // A rescan adds page 01's second article: merged again.
    shelf.add_paths(vec![p("01-02")]);
    shelf.insert(2, Ok(loaded(&p("01-02"), "头版二")), IssueState::default());
    assert_eq!(titles(&shelf, 0), ["头版", "头版二", "二版"]);
    assert!(
        shelf.slots[0].state.is_read(2),
        "the mark moved with its article"
    );
    let due: Vec<usize> = shelf.file_states(0).into_iter().map(|(f, ..)| f).collect();
    assert!(due.contains(&1), "still due to be saved: {due:?}");
}

//! Archives in the reader, headless: a folder of generated issues opens,
//! fills the issue list from the background loader, switches issues, and
//! remembers where the reader was — all through the shared harness
//! (`ui_support::Harness`: the run loop's own step and a `TestBackend`).

mod ui_support;

use kanbao::app::search_state::Scope;
use kanbao::app::shelf::PickerKind;
use kanbao::app::{search_jobs, search_keys, search_nav};
use kanbao::cli::Cli;
use kanbao::layout::Focus;
use kanbao::state::Store;
use kanbao::tui::run::Msg;
use kanbao::tui::start::store_for;
use std::path::{Path, PathBuf};
use ui_support::Harness;

fn issue_text(n: usize) -> String {
    let day = n % 28 + 1;
    let month = n / 28 % 12 + 1;
    let year = 2000 + n / 336;
    format!(
        "衡阳日报 {year}年{month}月{day}日 第0{}版\n\n第{n}号头条新闻\n\n■本报记者 张三\n\n本报讯 这是第{n}期的正文，内容丰富。\n\n第二段{n}。\n\n第{n}号第二篇\n\n本报讯 第二篇的正文。\n\n第{n}号第三篇\n\n本报讯 第三篇的正文{}\n",
        n % 8 + 1,
        "这是很长的一段话，第三篇的内容。\n\n".repeat(30)
    )
}

/// `n` generated issues in sub-folders of `archive/`, plus a non-issue
/// and a bad file.
struct Folder {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Folder {
    fn path(&self) -> &Path {
        &self.root
    }
}

fn make_folder(n: usize) -> Folder {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path().join("archive");
    let dir = Folder { _tmp: tmp, root };
    for i in 0..n {
        let sub = dir.path().join(format!("{}", i % 5));
        std::fs::create_dir_all(&sub).expect("mkdir");
        std::fs::write(sub.join(format!("issue-{i:05}.txt")), issue_text(i)).expect("write");
    }
    std::fs::create_dir_all(dir.path()).expect("mkdir");
    std::fs::write(dir.path().join("notes.md"), "not an issue").expect("write");
    std::fs::write(dir.path().join("bad.txt"), [0u8, 1, 2, 3]).expect("write");
    dir
}

/// The shared harness: `kanbao DIR` through `tui::start::build`, the
/// background loader and the run loop's step.
type Run = Harness;

fn current_path(run: &Run) -> PathBuf {
    let c = run.app.shelf.current.expect("an issue is open");
    run.app.shelf.slots[c].path.clone()
}

fn slot_named(run: &Run, file: &str) -> usize {
    (0..run.app.shelf.slots.len())
        .find(|&s| run.app.shelf.slots[s].path.ends_with(file))
        .expect("slot")
}

/// Run the queued background jobs (archive index, word indexes) here.
fn settle_search(run: &mut Run) {
    run.run_jobs();
    assert!(search_jobs::indexing_archive(&run.app).is_none());
}

#[test]
fn folder_of_thousands_opens_lists_and_switches() {
    let dir = make_folder(2000);
    let state = tempfile::tempdir().expect("state dir");
    let mut run = Run::open(dir.path(), Store::at(state.path()));
    let shelf = &run.app.shelf;
    assert_eq!(shelf.slots.len(), 2001, ".txt only, recursively");
    assert_eq!(
        shelf.order.len(),
        2001,
        "every file listed, the bad one too"
    );
    assert_eq!(shelf.progress(), None, "loading finished");
    // Newest first: the list's first date is the newest of all.
    let dates: Vec<String> = shelf
        .order
        .iter()
        .filter_map(|&s| shelf.slots[s].info.date.clone())
        .collect();
    assert_eq!(dates.len(), 2000);
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "sorted newest first"
    );
    let failed = shelf
        .order
        .iter()
        .filter(|&&s| shelf.slots[s].error.is_some())
        .count();
    assert_eq!(failed, 1, "the bad file stays listed, marked failed");
    // Nothing remembered: the issue list is open, nothing chosen yet.
    assert_eq!(shelf.picker.map(|p| p.kind), Some(PickerKind::Issues));
    assert_eq!(shelf.current, None);
    insta::assert_snapshot!("issue_list_2000", run.screen());

    // Open the second issue of the list, then `}` goes to the third.
    run.keys(&["j", "enter"]);
    let second = run.app.shelf.order[1];
    assert_eq!(run.app.shelf.current, Some(second));
    assert!(run.app.shelf.picker.is_none());
    assert_eq!(run.app.issue.articles.len(), 3);
    run.keys(&["}"]);
    assert_eq!(run.app.shelf.current, Some(run.app.shelf.order[2]));
    run.keys(&["{"]);
    assert_eq!(run.app.shelf.current, Some(second));

    // Each issue keeps its own position.
    run.keys(&["]", "]"]);
    assert_eq!(run.app.view.open, 2);
    run.keys(&["j", "j", "j"]);
    let anchor = run.app.view.anchor;
    run.keys(&["}"]);
    assert_eq!(run.app.view.open, 0, "the other issue starts at its top");
    run.keys(&["{"]);
    assert_eq!((run.app.view.open, run.app.view.anchor), (2, anchor));
    assert_eq!(run.app.view.focus, Focus::Reader);
}

#[test]
fn failed_file_shows_its_error_and_the_rest_works() {
    let dir = make_folder(3);
    let mut run = Run::open(dir.path(), Store::disabled());
    let row = run
        .app
        .shelf
        .order
        .iter()
        .position(|&s| run.app.shelf.slots[s].error.is_some())
        .expect("failed row");
    for _ in 0..row {
        run.keys(&["j"]);
    }
    let screen = run.screen();
    assert!(screen.contains("✗ bad.txt"), "{screen}");
    assert!(
        screen.contains("bad.txt: "),
        "error on the detail row:\n{screen}"
    );
    run.keys(&["enter"]);
    assert_eq!(run.app.shelf.current, None, "a failed file does not open");
    assert!(run.app.shelf.picker.is_some());
    run.keys(&["g", "enter"]);
    assert!(run.app.shelf.current.is_some());
}

#[test]
fn folder_reopens_at_the_last_issue_and_article() {
    let dir = make_folder(6);
    let state = tempfile::tempdir().expect("state dir");
    let mut run = Run::open(dir.path(), Store::at(state.path()));
    run.keys(&["j", "j", "enter", "]", "]", "j", "j"]);
    let (path, anchor) = (current_path(&run), run.app.view.anchor);
    assert_eq!(run.app.view.open, 2);
    assert!(run.keys(&["q"]));
    drop(run);

    let mut run = Run::open(dir.path(), Store::at(state.path()));
    assert_eq!(current_path(&run), path, "last issue of the folder");
    assert!(run.app.shelf.picker.is_none());
    assert_eq!((run.app.view.open, run.app.view.anchor), (2, anchor));
    assert_eq!(run.app.view.focus, Focus::Reader);
    let screen = run.screen();
    assert!(screen.contains("第三篇"), "{screen}");
}

#[test]
fn state_round_trip_through_the_app() {
    let state = tempfile::tempdir().expect("state dir");
    let store = Store::at(state.path());
    let file = tempfile::tempdir().expect("issue dir");
    let path = file.path().join("one.txt");
    std::fs::write(&path, issue_text(7)).expect("write");

    let mut run = Run::open(&path, store.clone());
    assert_eq!(run.app.view.open, 0);
    run.keys(&["]", "]", "j", "j", "j", "j"]);
    assert_eq!(run.app.view.open, 2);
    let anchor = run.app.view.anchor;
    assert!(
        anchor.block > 0 || anchor.byte > 0,
        "moved into the article"
    );
    run.keys(&["q"]);

    // A narrower terminal: same article, same paragraph and offset.
    let mut again = Run::open(&path, store);
    again.step(Msg::Term(ratatui::crossterm::event::Event::Resize(80, 20)));
    assert_eq!(again.app.view.open, 2);
    assert_eq!(again.app.view.anchor.block, anchor.block);
    assert_eq!(again.app.view.anchor, anchor);
}

/// A terminating signal (SIGTERM, SIGHUP, SIGINT, SIGQUIT) saves the
/// scrolled position as `q` does; SIGCONT does not end the reader.
#[test]
fn terminating_signal_saves_like_quit() {
    use kanbao::action::Effect;
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
        let state = tempfile::tempdir().expect("state dir");
        let store = Store::at(state.path());
        let file = tempfile::tempdir().expect("issue dir");
        let path = file.path().join("one.txt");
        std::fs::write(&path, issue_text(7)).expect("write");

        let mut run = Run::open(&path, store.clone());
        run.keys(&["]", "]", "j", "j", "j", "j"]);
        let anchor = run.app.view.anchor;
        assert!(
            anchor.block > 0 || anchor.byte > 0,
            "moved into the article"
        );
        assert_ne!(run.step(Msg::Signal(SIGCONT)), Effect::Quit);
        assert_eq!(run.step(Msg::Signal(sig)), Effect::Quit, "signal {sig}");

        let again = Run::open(&path, store);
        assert_eq!(again.app.view.open, 2, "signal {sig}");
        assert_eq!(again.app.view.anchor, anchor, "signal {sig}");
    }
}

#[test]
fn read_marks_and_bookmarks_are_remembered() {
    let dir = make_folder(4);
    let state = tempfile::tempdir().expect("state dir");
    let mut run = Run::open(dir.path(), Store::at(state.path()));
    run.keys(&["enter", "u", "]", "j", "j", "m"]);
    assert!(run.app.view.read[0], "u marks read");
    let marks = run.app.shelf.bookmarks();
    assert_eq!(marks.len(), 1);
    run.keys(&["}", "]", "]", "m", "q"]);
    drop(run);

    let mut run = Run::open(dir.path(), Store::at(state.path()));
    let marks = run.app.shelf.bookmarks();
    assert_eq!(marks.len(), 2, "bookmarks across issues: {marks:?}");
    run.keys(&["i"]);
    let screen = run.screen();
    // Article 1 by `u`, article 2 by scrolling on at its end (`j j`).
    assert!(screen.contains("已读 2/3"), "{screen}");
    run.keys(&["esc", "'"]);
    assert_eq!(
        run.app.shelf.picker.map(|p| p.kind),
        Some(PickerKind::Bookmarks)
    );
    let (slot, article, para) = marks[0];
    run.keys(&["enter"]);
    assert_eq!(run.app.shelf.current, Some(slot));
    assert_eq!(
        (run.app.view.open, run.app.view.anchor.block),
        (article, para)
    );
    let first = run.app.shelf.order[0];
    assert!(
        run.app.shelf.slots[first].state.is_read(0),
        "read mark kept"
    );
}

#[test]
fn no_state_writes_nothing() {
    let state = tempfile::tempdir().expect("state dir");
    let cli = <Cli as clap::Parser>::parse_from(["kanbao", "--no-state"]);
    let store = store_for(&cli.reader_args());
    assert!(store.dir().is_none());
    let with_dir = <Cli as clap::Parser>::parse_from([
        "kanbao",
        "--state-dir",
        &state.path().to_string_lossy(),
    ]);
    assert_eq!(store_for(&with_dir.reader_args()).dir(), Some(state.path()));

    let dir = make_folder(3);
    let mut run = Run::open(dir.path(), store);
    run.keys(&["enter", "]", "u", "m", "}", "q"]);
    assert!(run.app.shelf.dirty.is_empty(), "saves were attempted");
    let written: Vec<_> = std::fs::read_dir(state.path()).expect("ls").collect();
    assert!(written.is_empty(), "{written:?}");
    let written: Vec<_> = walk(dir.path());
    assert_eq!(written.len(), 5, "nothing written next to the issues");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("ls").filter_map(Result::ok) {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn search_all_issues_opens_hits_in_other_issues_and_esc_returns() {
    let dir = make_folder(40);
    let mut run = Run::open(dir.path(), Store::disabled());
    run.keys(&["enter", "]", "j", "j"]);
    let home = run.app.shelf.current.expect("open");
    let (open, anchor, top) = (run.app.view.open, run.app.view.anchor, run.app.view.top);

    // `/`, then Ctrl-T twice: this issue → this article → all issues.
    run.keys(&["/", "ctrl-t"]);
    assert_eq!(run.app.search.scope, Scope::Article);
    run.keys(&["ctrl-t"]);
    assert_eq!(run.app.search.scope, Scope::All);
    settle_search(&mut run);
    // Only issue 7 has this paragraph.
    run.type_text("第二段7。");
    settle_search(&mut run);
    let seven = slot_named(&run, "issue-00007.txt");
    assert_eq!(run.app.shelf.current, Some(seven), "the hit's issue opened");
    assert_eq!(run.app.view.open, 0);
    let screen = run.screen();
    assert!(screen.contains("1/1 · 1 article · 1 issue"), "{screen}");
    assert!(screen.contains("[all issues 全部]"), "{screen}");
    insta::assert_snapshot!("all_issues_bar_hit_in_issue_7", screen);

    // Esc: back to the issue, article and line where `/` was pressed.
    run.keys(&["esc"]);
    assert_eq!(run.app.shelf.current, Some(home));
    assert!(
        run.app.shelf.slots[seven].state.position.is_none(),
        "a visit while typing is not remembered as a reading position"
    );
    assert!(
        !run.app.shelf.slots[seven].state.is_read(0),
        "nor is the article shown as read"
    );
    assert_eq!(
        (run.app.view.open, run.app.view.anchor, run.app.view.top),
        (open, anchor, top)
    );
    assert!(run.app.search.kept.is_none());
}

#[test]
fn n_walks_hits_across_issues_in_list_order_and_wraps() {
    let dir = make_folder(12);
    let mut run = Run::open(dir.path(), Store::disabled());
    run.keys(&["enter"]);
    let order = run.app.shelf.order.clone();
    assert_eq!(run.app.shelf.current, Some(order[0]));
    run.keys(&["/", "ctrl-t", "ctrl-t"]);
    run.type_text("第二段");
    settle_search(&mut run);
    run.keys(&["enter"]);
    let kept = run.app.search.kept.as_ref().expect("kept search");
    assert_eq!(kept.scope, Scope::All);
    assert_eq!(kept.matches.len(), 12, "one hit per loaded issue");
    // Every issue's count shows in the issue list.
    run.keys(&["i"]);
    let list = run.screen();
    assert_eq!(list.matches("· 1 处").count(), 12, "{list}");
    insta::assert_snapshot!("all_issues_issue_list_counts", list);
    run.keys(&["esc"]);

    // The first hit is in the first issue; `n` goes to the next issue of
    // the list each time (the bad file is skipped: it has no issue).
    let issues: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&s| run.app.shelf.slots[s].error.is_none())
        .collect();
    assert_eq!(run.app.shelf.current, Some(issues[0]));
    for &want in &issues[1..] {
        run.keys(&["n"]);
        assert_eq!(run.app.shelf.current, Some(want));
        assert_eq!(run.app.view.open, 0);
    }
    run.keys(&["n"]);
    assert_eq!(run.app.shelf.current, Some(issues[0]), "wrapped");
    assert!(
        run.app
            .message
            .as_deref()
            .is_some_and(|m| m.contains("wrapped")),
        "{:?}",
        run.app.message
    );
    run.keys(&["N"]);
    assert_eq!(run.app.shelf.current, issues.last().copied());
}

#[test]
fn word_search_in_all_issues_lists_and_opens_other_issues() {
    let dir = make_folder(6);
    let mut run = Run::open(dir.path(), Store::disabled());
    run.keys(&["enter"]);
    run.keys(&["/", "ctrl-t", "ctrl-t"]);
    // No literal hit; jieba's words 正文 and 丰富 occur apart in every
    // issue's first article.
    run.type_text("正文丰富");
    settle_search(&mut run);
    let hits = search_keys::result_hits(&run.app).to_vec();
    assert_eq!(hits.len(), 6, "one result per issue: {hits:?}");
    run.keys(&["tab", "down", "down"]);
    let want = {
        let kept = run.app.search.kept.as_ref().expect("kept");
        let r = kept.index.article_ref(hits[2].article).expect("ref");
        kept.slots[r.issue as usize]
    };
    run.keys(&["enter"]);
    assert_eq!(
        run.app.shelf.current,
        Some(want),
        "the result's issue opened"
    );
    assert!(run.app.search.bar.is_none());
    let screen = run.screen();
    assert!(screen.contains("正文"), "{screen}");
}

#[test]
fn keywords_take_their_idf_from_every_loaded_issue() {
    let dir = make_folder(12);
    let mut run = Run::open(dir.path(), Store::disabled());
    run.keys(&["enter"]);
    let wait = |run: &mut Run| run.run_jobs();
    // First the open issue alone (jieba's own IDF table) ...
    run.app
        .search
        .spawn_words(std::slice::from_ref(&*run.app.issue));
    wait(&mut run);
    let before = search_nav::keywords_of(&run.app, 0).to_vec();
    assert!(before.iter().any(|w| w == "正文"), "{before:?}");
    // ... then IDF from all 36 articles of the 12 issues, where 正文 is in
    // every one and so is no keyword.
    run.app
        .search
        .spawn_doc_freqs(&run.app.shelf, &run.app.issue);
    wait(&mut run);
    let docs = run
        .app
        .search
        .doc_freqs
        .clone()
        .expect("document frequencies");
    assert_eq!(docs.docs(), 36);
    assert_eq!(docs.doc_freq("正文"), 36);
    let after = search_nav::keywords_of(&run.app, 0).to_vec();
    assert!(!after.is_empty());
    assert!(!after.iter().any(|w| w == "正文"), "{after:?}");
    // Switching issue keeps the counts and uses them.
    run.keys(&["}"]);
    assert!(run.app.search.doc_freqs.is_some());
}

#[test]
fn search_history_is_kept_across_runs() {
    let dir = make_folder(2);
    let state = tempfile::tempdir().expect("state dir");
    let mut run = Run::open(dir.path(), Store::at(state.path()));
    run.keys(&["enter", "/"]);
    run.type_text("正文");
    run.keys(&["enter", "/"]);
    run.type_text("丰富");
    run.keys(&["enter"]);
    assert!(run.keys(&["q"]));
    // The next run walks them with ↑, newest first.
    let mut again = Run::open(dir.path(), Store::at(state.path()));
    again.keys(&["enter", "/", "up"]);
    let text = |r: &Run| r.app.search.bar.as_ref().map(|b| b.edit.text().to_owned());
    assert_eq!(text(&again).as_deref(), Some("丰富"));
    again.keys(&["up"]);
    assert_eq!(text(&again).as_deref(), Some("正文"));
    // Without a state directory nothing is remembered.
    let mut none = Run::open(dir.path(), Store::disabled());
    none.keys(&["enter", "/", "up"]);
    assert_eq!(text(&none).as_deref(), Some(""));
}

/// Issue 13 item 11: `R` walks the folder on a thread (the reader goes on
/// at once) and adds only the files it does not know yet.
#[test]
fn r_rescans_in_the_background_and_adds_only_new_files() {
    use kanbao::action::Effect;
    use std::time::Duration;
    let dir = make_folder(4);
    let state = tempfile::tempdir().expect("state dir");
    let mut run = Run::open(dir.path(), Store::at(state.path()));
    let before = run.app.shelf.slots.len();
    let new = dir.path().join("new");
    std::fs::create_dir_all(&new).expect("mkdir");
    for i in 100..103 {
        std::fs::write(new.join(format!("issue-{i}.txt")), issue_text(i)).expect("write");
    }
    assert_eq!(run.press("R"), Effect::Rescan);
    assert!(
        run.app
            .message
            .as_deref()
            .unwrap_or("")
            .contains("rescanning"),
        "{:?}",
        run.app.message
    );
    assert_eq!(
        run.app.shelf.slots.len(),
        before,
        "the walk is not done inline"
    );
    while run.app.shelf.slots.len() == before || run.app.shelf.is_loading() {
        let msg = run
            .rx
            .recv_timeout(Duration::from_secs(20))
            .expect("a message");
        run.step(msg);
    }
    assert_eq!(run.app.shelf.slots.len(), before + 3);
    // Again: nothing new, nothing re-read.
    assert_eq!(run.press("R"), Effect::Rescan);
    let msg = run
        .rx
        .recv_timeout(Duration::from_secs(20))
        .expect("a message");
    assert!(matches!(msg, Msg::Rescanned(_)));
    run.step(msg);
    assert_eq!(run.app.message.as_deref(), Some("rescan: 0 new"));
    assert_eq!(run.app.shelf.slots.len(), before + 3);
}

//! Reading is recorded (issue 11, items 1–4 and 6): the article on screen
//! is the one being read, from the first screen on; `l`/`→` show the
//! selected headline; `Space` reads on into the next article and `>` goes
//! to the next unread one; skimming with `]` marks nothing read; `q` on a
//! folder's first screen quits and `Esc` there keeps the list. All through
//! the production start-up (`tui::start::build`) and the run loop's step.

mod ui_support;

use kanbao::action::Effect;
use kanbao::layout::Focus;
use kanbao::state::Store;
use std::path::PathBuf;
use std::time::Duration;
use ui_support::Harness;

/// An issue of four articles: short, long (many pages), short, short.
fn issue_text() -> String {
    format!(
        "衡阳日报 2000年1月1日 第01版\n\n春耕备耕有序推进\n\n■本报记者 张三\n\n本报讯 第一篇的正文，很短。\n\n\
         城乡环境整治见实效\n\n■本报记者 李四\n\n本报讯 第二篇的正文开头。\n\n{}\
         夜间经济点亮消费\n\n■本报记者 王五\n\n本报讯 第三篇的正文。\n\n\
         志愿服务温暖人心\n\n■本报记者 赵六\n\n本报讯 第四篇的正文。\n",
        "这是很长的一段话，第二篇的内容还在继续。\n\n".repeat(60)
    )
}

struct Setup {
    _tmp: tempfile::TempDir,
    file: PathBuf,
    store: Store,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("one.txt");
    std::fs::write(&file, issue_text()).expect("write");
    let store = Store::at(tmp.path().join("state"));
    Setup {
        _tmp: tmp,
        file,
        store,
    }
}

fn open(s: &Setup) -> Harness {
    let h = Harness::open(&s.file, s.store.clone());
    assert_eq!(h.app.issue.articles.len(), 4, "the test issue parses");
    h
}

#[test]
fn the_first_screen_shows_an_open_article_with_the_keyboard() {
    let s = setup();
    let mut h = open(&s);
    assert_eq!((h.app.view.open, h.app.view.focus), (0, Focus::Reader));
    // `m` works at once: the article on screen is open.
    h.press("m");
    assert_eq!(h.app.message.as_deref(), Some("bookmark set"));
    assert_eq!(h.app.shelf.bookmarks().len(), 1);
    // `j` moves the text of the long article, as in `less`.
    h.press("]");
    h.press("j");
    assert_eq!((h.app.view.open, h.app.view.top), (1, 1));
    assert_eq!(h.press("q"), Effect::Quit);
    drop(h);

    let again = open(&s);
    let slot = &again.app.shelf.slots[0];
    let pos = slot.state.position.map(|p| p.value);
    assert_eq!(pos.map(|p| p.article), Some(1), "position saved: {pos:?}");
    assert_eq!(again.app.view.open, 1);
}

#[test]
fn moving_to_the_reader_shows_the_selected_headline() {
    for key in ["l", "right", "tab"] {
        let s = setup();
        let mut h = open(&s);
        h.keys(&["h", "j", "j"]);
        assert_eq!((h.app.view.selected, h.app.view.open), (2, 0));
        h.press(key);
        assert_eq!(h.app.view.open, 2, "{key} opens the selected headline");
        assert_eq!(h.app.view.focus, Focus::Reader);
        let screen = h.screen();
        assert!(screen.contains("第三篇的正文"), "{key}:\n{screen}");
    }
    // Back to the same headline: the position is kept.
    let s = setup();
    let mut h = open(&s);
    h.keys(&["]", "j", "j", "h", "l"]);
    assert_eq!((h.app.view.open, h.app.view.top), (1, 2));
}

#[test]
fn space_reads_on_into_the_next_article() {
    let s = setup();
    let mut h = open(&s);
    // Article 1 fits: Space is at its end at once and goes on.
    h.press("space");
    assert_eq!(h.app.view.open, 1);
    let notice = h.app.message.clone().unwrap_or_default();
    assert!(notice.contains("城乡环境整治见实效"), "notice: {notice}");
    assert!(h.app.view.read[0], "read on past its end");
    // Article 2 is long: pages first, then on to article 3.
    let mut presses = 0;
    while h.app.view.open == 1 && presses < 100 {
        h.press("space");
        presses += 1;
    }
    assert!(presses > 2, "paged through article 2 ({presses} presses)");
    assert_eq!(h.app.view.open, 2);
    assert!(h.app.view.read[1]);
    h.keys(&["space", "space"]);
    assert_eq!(h.app.view.open, 3);
    h.press("space");
    assert_eq!(h.app.view.open, 3);
    assert!(
        h.app
            .message
            .as_deref()
            .unwrap_or("")
            .contains("last article"),
        "{:?}",
        h.app.message
    );
}

#[test]
fn next_unread_skips_read_articles_and_wraps() {
    let s = setup();
    let mut h = open(&s);
    // Read article 2 (to its end) and article 4 (by `u`), from article 1.
    h.keys(&["]", "G", "]", "]", "u", "g"]);
    assert!(h.app.view.read[1] && h.app.view.read[3]);
    h.keys(&["[", "[", "["]);
    assert_eq!(h.app.view.open, 0);
    h.press(">");
    assert_eq!(h.app.view.open, 2, "article 2 is read: on to 3");
    h.press(">");
    assert_eq!(h.app.view.open, 0, "wraps to article 1");
    h.press("u");
    h.keys(&[">"]);
    assert_eq!(h.app.view.open, 2);
    h.press("u");
    h.press(">");
    assert_eq!(h.app.view.open, 2);
    assert!(
        h.app.message.as_deref().unwrap_or("").contains("all read"),
        "{:?}",
        h.app.message
    );
}

#[test]
fn skimming_with_brackets_marks_nothing_read() {
    let s = setup();
    let mut h = open(&s);
    h.keys(&["]", "]", "]", "[", "[", "["]);
    assert_eq!(h.app.view.read, vec![false; 4], "passed over, not read");
    // Staying a moment on a short article reads it.
    h.press("]");
    h.press("]");
    h.wait(Duration::from_secs(3));
    h.press("]");
    assert_eq!(h.app.view.read, vec![false, false, true, false]);
    assert_eq!(h.press("q"), Effect::Quit);
    drop(h);
    let again = open(&s);
    assert!(again.app.shelf.slots[0].state.is_read(2), "saved");
    assert!(!again.app.shelf.slots[0].state.is_read(0));
}

#[test]
fn q_on_a_folders_first_screen_quits_and_esc_keeps_the_list() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("archive");
    std::fs::create_dir_all(&dir).expect("mkdir");
    for i in 1..=2 {
        std::fs::write(dir.join(format!("{i}.txt")), issue_text()).expect("write");
    }
    let store = Store::at(tmp.path().join("state"));
    let mut h = Harness::open(&dir, store.clone());
    assert!(h.app.shelf.picker.is_some() && h.app.shelf.current.is_none());
    for key in ["esc", "i"] {
        assert_eq!(h.press(key), Effect::None, "{key}");
        assert!(h.app.shelf.picker.is_some(), "{key} keeps the list");
        assert!(!h.screen().contains("无文章"), "{key}");
    }
    assert!(h.screen().contains("q quit"));
    assert_eq!(h.press("q"), Effect::Quit);

    // Over a reader, the list's `q` goes back to it.
    let mut h = Harness::open(&dir, store);
    h.keys(&["enter", "i"]);
    assert!(h.app.shelf.picker.is_some());
    assert_ne!(h.press("q"), Effect::Quit);
    assert!(h.app.shelf.picker.is_none());
    assert_eq!(h.app.view.focus, Focus::Reader);
}

#[test]
fn plus_stops_at_the_window_and_minus_acts_at_once() {
    let s = setup();
    let mut h = open(&s);
    let mut presses = 0;
    while !h
        .app
        .message
        .as_deref()
        .unwrap_or("")
        .contains("widest this window shows")
        && presses < 300
    {
        h.press("+");
        presses += 1;
    }
    assert!(presses < 300, "+ says when the window is full");
    let widest = h.app.view.viewport.column.width;
    h.press("+");
    assert_eq!(h.app.view.viewport.column.width, widest);
    h.press("-");
    assert_eq!(
        h.app.view.viewport.column.width,
        widest - 2,
        "- acts at once"
    );
}

#[test]
fn reader_settings_are_remembered_between_runs() {
    let s = setup();
    let mut h = open(&s);
    let before = h.app.opts;
    let shown = h.app.view.viewport.column.width;
    h.keys(&["-", "-", "s", "p"]);
    let changed = h.app.opts;
    assert_eq!(changed.measure, shown - 4, "from what the window shows");
    assert_ne!(changed.para_spacing, before.para_spacing);
    assert_ne!(changed.punct, before.punct);
    assert_eq!(h.press("q"), Effect::Quit);
    drop(h);

    let mut again = open(&s);
    assert_eq!(again.app.opts, changed, "kept across runs");
    // Back to what the config says: those are no longer kept.
    again.keys(&["s", "p", "q"]);
    drop(again);
    let third = open(&s);
    assert_eq!(
        (third.app.opts.para_spacing, third.app.opts.punct),
        (before.para_spacing, before.punct)
    );
    assert_eq!(third.app.opts.measure, shown - 4);
    let kept = s.store.load_settings().0;
    assert!(kept.measure.is_some() && kept.punct.is_none() && kept.para_spacing.is_none());
}

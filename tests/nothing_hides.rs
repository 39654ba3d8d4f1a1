//! Nothing hides (issue 11, items 6, 7 and part of 9): at 80 columns a
//! message wins over the key hints and `? help` still shows; at any width
//! the hints drop everything before `? help`; a message cut short can be
//! read whole in the help overlay; `?` works in the issue list.

mod ui_support;

use kanbao::app::ReaderOptions;
use kanbao::state::Store;
use ui_support::{Harness, fixture_issue};

fn status_row(h: &mut Harness) -> String {
    let screen = h.screen();
    let last = screen.lines().last().unwrap_or("");
    // TestBackend's Display quotes each row and may add a note on
    // wide symbols; keep the row.
    let row = last.split(" Hidden by").next().unwrap_or("");
    row.trim().trim_matches('"').to_string()
}

#[test]
fn at_80_columns_a_long_message_wins_and_help_still_shows() {
    let mut h = Harness::new(fixture_issue(), ReaderOptions::default(), 80, 24);
    let long =
        "config: keys.main.quit: unknown key `ctrl-shift-hyper-q`; the default keys stay (+3 more)";
    h.app.message = Some(long.into());
    let row = status_row(&mut h);
    assert!(row.contains("config: keys.main.quit"), "{row}");
    assert!(row.contains('…'), "cut short with an ellipsis: {row}");
    assert!(row.trim_end().ends_with("? help"), "{row}");
    assert!(
        !row.contains("j down"),
        "the message wins over the hints: {row}"
    );
}

#[test]
fn help_is_the_last_hint_to_go() {
    for width in [40u16, 50, 60, 80, 100] {
        let mut h = Harness::new(fixture_issue(), ReaderOptions::default(), width, 24);
        let row = status_row(&mut h);
        assert!(row.contains("? help"), "{width} columns: {row}");
    }
}

#[test]
fn a_message_cut_short_reads_whole_in_the_help_overlay() {
    let mut h = Harness::new(fixture_issue(), ReaderOptions::default(), 80, 40);
    // A real message from a key: the top of the article.
    h.keys(&["tab", "k"]);
    let said = h.app.message.clone().expect("a message");
    h.press("?");
    let screen = h.screen();
    assert!(screen.contains("消息 / messages"), "{screen}");
    assert!(screen.contains(&said), "{said} in:\n{screen}");
}

#[test]
fn question_mark_opens_help_over_the_issue_list() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("archive");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("1.txt"),
        "衡阳日报 2000年1月1日 第01版\n\n春耕备耕有序推进\n\n■本报记者 张三\n\n本报讯 正文。\n",
    )
    .expect("write");
    let mut h = Harness::open(&dir, Store::at(tmp.path().join("state")));
    assert!(h.app.shelf.picker.is_some());
    assert!(status_row(&mut h).contains("? help"));
    h.press("?");
    assert!(h.app.help.is_some());
    let screen = h.screen();
    assert!(screen.contains("帮助 help"), "{screen}");
    h.press("esc");
    assert!(h.app.help.is_none() && h.app.shelf.picker.is_some());
}

#[test]
fn help_pages_to_its_last_line_and_says_there_is_more() {
    let mut h = Harness::new(fixture_issue(), ReaderOptions::default(), 100, 24);
    h.press("?");
    let top = h.screen();
    assert!(top.contains("下有更多 more"), "{top}");
    assert!(!top.contains("鼠标 / mouse"));
    h.press("space");
    let paged = h.app.help.unwrap_or(0);
    assert!(paged > 5, "Space pages the overlay: {paged}");
    assert!(h.screen().contains("上有更多 more"));
    h.press("G");
    let bottom = h.screen();
    assert!(
        bottom.contains("鼠标 / mouse") && bottom.contains("wheel"),
        "{bottom}"
    );
    assert!(!bottom.contains("下有更多"), "nothing below the last line");
    // At the end, `k` moves at once (no hidden overscroll).
    let end = h.app.help.unwrap_or(0);
    h.keys(&["j", "j", "pgdn"]);
    assert_eq!(h.app.help, Some(end));
    h.press("k");
    assert_eq!(h.app.help, Some(end - 1));
    h.keys(&["g"]);
    assert_eq!(h.app.help, Some(0));
}

#[test]
fn narrow_help_keeps_descriptions_and_drops_action_names() {
    let mut h = Harness::new(fixture_issue(), ReaderOptions::default(), 60, 40);
    h.press("?");
    let screen = h.screen();
    assert!(screen.contains("下一篇 / next article"), "{screen}");
    assert!(!screen.contains("next_article"), "{screen}");
    let mut wide = Harness::new(fixture_issue(), ReaderOptions::default(), 120, 60);
    wide.press("?");
    assert!(wide.screen().contains("next_article"));
}

#[test]
fn at_80_columns_a_title_reads_whole_over_two_rows() {
    let mut h = Harness::new(fixture_issue(), ReaderOptions::default(), 80, 24);
    let screen = h.screen();
    // Article 1's title, 11 characters: cut today at 7 with `…`.
    let title = h.app.issue.articles[0].title.clone().expect("a title");
    let list: String = screen
        .lines()
        .take(2)
        .map(|l| {
            l.split('│')
                .next()
                .unwrap_or("")
                .trim_matches(|c| c == '"' || c == ' ')
        })
        .collect::<Vec<_>>()
        .join("")
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_digit() && *c != '分')
        .collect();
    assert!(list.contains(&title), "{title} whole in:\n{screen}");
    // Punctuation as the reading pane shows it: the sample's `,` between
    // Han drawn as `，` in the list too.
    let sample = kanbao::loader::sample();
    assert!(sample.articles[1].display_title().contains("状态,尽锐"));
    let mut h = Harness::new(sample, ReaderOptions::default(), 80, 24);
    let screen = h.screen();
    assert!(screen.contains("态，尽锐"), "{screen}");
}

#[test]
fn list_width_changes_by_key_and_config() {
    let mut h = Harness::new(fixture_issue(), ReaderOptions::default(), 100, 30);
    let before = h.app.view.viewport.list.map(|r| r.width).unwrap_or(0);
    h.keys(&[")", ")"]);
    assert_eq!(h.app.view.viewport.list.map(|r| r.width), Some(before + 4));
    h.press("(");
    assert_eq!(h.app.view.viewport.list.map(|r| r.width), Some(before + 2));
    for _ in 0..100 {
        h.press(")");
    }
    assert_eq!(
        h.app.view.viewport.list.map(|r| r.width),
        Some(50),
        "half the window"
    );
    assert!(h.app.message.as_deref().unwrap_or("").contains("limit"));

    let (config, errors) = kanbao::config::parse("[reader]\nlist_width = 36\n", "config.toml");
    assert!(errors.is_empty(), "{errors:?}");
    let opts = ReaderOptions::from_config(&config.reader);
    let mut h = Harness::new(fixture_issue(), opts, 100, 30);
    h.draw();
    assert_eq!(h.app.view.viewport.list.map(|r| r.width), Some(36));
    let (_, errors) = kanbao::config::parse("[reader]\nlist_width = 3\n", "config.toml");
    assert_eq!(errors.len(), 1, "out of range is a config problem");
}

#[test]
fn a_long_issue_name_is_cut_with_an_ellipsis() {
    let mut issue = fixture_issue();
    issue.masthead = None;
    issue.source = "一个很长很长很长很长很长很长很长很长的文件名字.txt".into();
    let mut h = Harness::new(issue, ReaderOptions::default(), 60, 20);
    let row = status_row(&mut h);
    assert!(row.contains('…'), "{row}");
    assert!(row.contains(" 1/5"), "the position keeps its place: {row}");
}

#[test]
fn a_kept_search_leaves_room_for_the_message_and_help() {
    let mut h = Harness::new(fixture_issue(), ReaderOptions::default(), 80, 24);
    h.press("/");
    h.type_text("工作");
    h.press("enter");
    assert!(h.app.search.kept.is_some());
    h.app.message = Some("a message that is long enough to be cut short at eighty columns".into());
    let row = status_row(&mut h);
    assert!(row.contains("/工作"), "{row}");
    assert!(row.contains("? help"), "{row}");
    assert!(row.contains("a message that"), "{row}");
    let help = row.find("? help").unwrap_or(0);
    let kept = row.find("/工作").unwrap_or(0);
    assert!(
        help < kept,
        "help left of the kept search, not under it: {row}"
    );
}

//! The search bar through the event-source seam: incremental search from
//! the starting point, `Esc` back to it, `Enter` then `n`/`N` across
//! articles with the list following and a wrap notice, scope, history,
//! paste, word search; and frames with highlights (buffer Debug form, so
//! styles show).

mod ui_support;

use kanbao::app::ReaderOptions;
use kanbao::app::search_state::Scope;
use kanbao::model::Issue;
use kanbao::search::words::{WordIndex, WordLoader, WordSearch};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use std::sync::Arc;
use ui_support::{Harness, fixture_issue};

/// The fixture issue with `民生` in articles 1 (title, paragraph 3) and 4.
fn issue() -> Issue {
    let mut issue = fixture_issue();
    issue.articles[3]
        .paragraphs
        .push("各地持续关注民生，办好民生实事。".into());
    issue
}

fn harness(w: u16, h: u16) -> Harness {
    Harness::new(issue(), ReaderOptions::default(), w, h)
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Type text as IME-composed key presses.
fn type_text(h: &mut Harness, s: &str) {
    for c in s.chars() {
        h.event(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::empty(),
        )));
    }
}

fn status_row(h: &mut Harness) -> String {
    let screen = h.screen();
    screen.lines().last().unwrap_or_default().to_string()
}

#[test]
fn typing_searches_from_start_and_esc_returns_exactly() {
    let mut h = harness(100, 30);
    // Read article 2 a little way down.
    h.keys(&["j", "enter", "j", "j", "j"]);
    let before = (
        h.app.view.open,
        h.app.view.selected,
        h.app.view.anchor,
        h.app.view.top,
        h.app.view.focus,
    );
    assert_eq!(before.0, 1);

    h.press("/");
    assert!(h.app.search.bar.is_some());
    type_text(&mut h, "民生");
    // The nearest hit after article 2 is in article 4.
    assert_eq!(h.app.view.open, 3, "moved to the hit");
    assert_eq!(h.app.view.selected, 3, "the list follows");
    let row = status_row(&mut h);
    assert!(row.contains("/民生"), "{row}");
    assert!(row.contains("3/4 · 2 articles"), "{row}");
    // `n` typed in the bar is text: `民生nn` matches nothing, and with no
    // match the reader is back at the start.
    h.keys(&["n", "n"]);
    assert_eq!(
        h.app.search.bar.as_ref().map(|b| b.edit.text()),
        Some("民生nn")
    );
    assert_eq!(h.app.view.open, before.0);
    h.press("backspace");
    h.press("backspace");
    assert_eq!(h.app.view.open, 3);

    h.press("esc");
    assert!(h.app.search.bar.is_none());
    assert!(h.app.search.kept.is_none(), "highlights gone");
    let after = (
        h.app.view.open,
        h.app.view.selected,
        h.app.view.anchor,
        h.app.view.top,
        h.app.view.focus,
    );
    assert_eq!(after, before);
}

#[test]
fn enter_then_n_walks_across_articles_and_wraps() {
    let mut h = harness(100, 30);
    h.keys(&["/", "民", "生", "enter"]);
    assert!(h.app.search.bar.is_none());
    assert_eq!(h.app.view.open, 0);
    let row = status_row(&mut h);
    assert!(row.contains("/民生 1/4 · 2 articles"), "{row}");

    let mut seen = Vec::new();
    for _ in 0..3 {
        h.press("n");
        assert_eq!(h.app.view.selected, h.app.view.open, "list follows");
        seen.push((h.app.view.open, h.app.message.clone()));
    }
    assert_eq!(seen[0], (0, None));
    assert_eq!(seen[1], (3, None));
    assert_eq!(seen[2], (3, None));
    h.press("n");
    assert_eq!(h.app.view.open, 0);
    let msg = h.app.message.clone().unwrap_or_default();
    assert!(msg.contains("search wrapped"), "{msg}");
    assert!(status_row(&mut h).contains("search wrapped"));
    // And back: `N` wraps to the last hit.
    h.press("N");
    assert_eq!(h.app.view.open, 3);
    assert!(h.app.message.as_deref().unwrap_or("").contains("wrapped"));
    assert!(status_row(&mut h).contains("4/4"));
    // Ctrl-L clears.
    h.event(ctrl('l'));
    assert!(!h.app.search.active());
}

#[test]
fn scope_this_article_only() {
    let mut h = harness(100, 30);
    h.keys(&["/", "民", "生"]);
    h.event(ctrl('t'));
    assert_eq!(h.app.search.scope, Scope::Article);
    let row = status_row(&mut h);
    assert!(row.contains("this article"), "{row}");
    assert!(row.contains("1/2 · 1 article"), "{row}");
    h.press("enter");
    h.keys(&["n", "n"]);
    assert_eq!(h.app.view.open, 0, "stays in the article");
    assert!(h.app.message.as_deref().unwrap_or("").contains("wrapped"));
}

#[test]
fn history_paste_and_bar_editing_keys() {
    let mut h = harness(100, 30);
    h.keys(&["/", "民", "生", "enter", "/", "工", "作", "enter", "/"]);
    h.press("up");
    let text = |h: &Harness| h.app.search.bar.as_ref().map(|b| b.edit.text().to_string());
    assert_eq!(text(&h).as_deref(), Some("工作"));
    h.press("up");
    assert_eq!(text(&h).as_deref(), Some("民生"));
    h.press("down");
    h.press("down");
    assert_eq!(text(&h).as_deref(), Some(""));
    h.event(Event::Paste("民生\n保障".into()));
    assert_eq!(text(&h).as_deref(), Some("民生 保障"));
    h.event(ctrl('w'));
    assert_eq!(text(&h).as_deref(), Some("民生 "));
    h.event(ctrl('u'));
    assert_eq!(text(&h).as_deref(), Some(""));
    assert!(h.app.search.kept.is_none(), "empty query clears highlights");
}

#[test]
fn cursor_sits_at_caret_column() {
    let mut h = harness(100, 30);
    h.keys(&["/", "民", "生", "left"]);
    let area = h.area();
    let vp = h.app.layout_for(area);
    let p = kanbao::ui::search_bar::cursor_position(&h.app, vp.status).expect("cursor");
    // `/` then one wide glyph before the caret.
    assert_eq!((p.x, p.y), (3, 29));
}

#[test]
fn bar_never_panics_at_any_width() {
    for w in 1..40 {
        for hgt in 1..6 {
            let mut h = harness(w, hgt);
            h.keys(&["/", "民", "生", "民", "生", "left"]);
            h.event(Event::Paste("一二三四五六七八九十".repeat(3)));
            let _ = h.screen();
            h.press("enter");
            h.keys(&["n", "N"]);
            let _ = h.screen();
        }
    }
}

fn ready_words(h: &mut Harness) {
    let issues = std::slice::from_ref(&*h.app.issue);
    let index = h.app.search.ensure_index(issues);
    h.app.search.words = Some(WordLoader::pending());
    let words = Some(WordIndex::build(&index));
    assert!(
        h.app
            .search
            .finish_words(&index, words, std::slice::from_ref(&*h.app.issue))
    );
    let _ = Arc::strong_count(&index);
}

#[test]
fn word_search_results_open_an_article() {
    let mut h = harness(100, 30);
    ready_words(&mut h);
    // No literal `民生实事工作`, but its words occur in article 4.
    h.press("/");
    type_text(&mut h, "办好实事");
    let words = h.app.search.bar.as_ref().and_then(|b| b.words.clone());
    let Some(WordSearch::Ready(r)) = words else {
        panic!("word search not ready: {words:?}");
    };
    assert!(!r.hits.is_empty(), "{r:?}");
    let row = status_row(&mut h);
    assert!(row.contains("Tab:"), "{row}");
    h.press("tab");
    let screen = h.screen();
    assert!(screen.contains("word matches"), "{screen}");
    assert!(screen.contains("短讯"), "{screen}");
    h.press("enter");
    assert!(h.app.search.bar.is_none());
    assert_eq!(h.app.view.open, 3);
    // Keywords appear under... the list on `w`.
    h.press("w");
    assert!(h.app.search.show_keywords);
}

#[test]
fn word_hints_name_the_bound_keys() {
    // `[keys.search]` moves the results list to Ctrl-R and opening a
    // result to Ctrl-O: the bar and the list's head say so.
    let mut h = harness(100, 30);
    let mut config = kanbao::config::Config::default();
    let search = config.keys.entry("search".into()).or_default();
    search.insert("search_results".into(), vec!["ctrl-r".into()]);
    search.insert("search_accept".into(), vec!["ctrl-o".into()]);
    h.app.apply_config(&config);
    assert!(h.app.config_errors.is_empty(), "{:?}", h.app.config_errors);
    ready_words(&mut h);
    h.press("/");
    type_text(&mut h, "办好实事");
    let hint = kanbao::ui::search_bar::bar_status(&h.app);
    assert!(hint.contains(" · Ctrl-R: "), "{hint}");
    assert!(!hint.contains("Tab"), "{hint}");
    h.event(ctrl('r'));
    let screen = h.screen();
    assert!(screen.contains("— Ctrl-O opens"), "{screen}");
    h.event(ctrl('o'));
    assert!(h.app.search.bar.is_none());
    assert_eq!(h.app.view.open, 3);
}

#[test]
fn loading_dictionary_is_shown_until_ready() {
    let mut h = harness(100, 30);
    h.press("/");
    type_text(&mut h, "毫无此词");
    // Whatever the real loader's progress, the bar shows the state it has;
    // force the loading state to check what it looks like.
    if let Some(bar) = &mut h.app.search.bar {
        bar.words = Some(WordSearch::LoadingDictionary);
    }
    let row = status_row(&mut h);
    assert!(row.contains("no match"), "{row}");
    assert!(row.contains("loading dictionary…"), "{row}");
    // Tab does nothing useful yet, and nothing breaks.
    h.press("tab");
    assert!(h.screen().contains("word matches (0)"));
}

fn highlighted_frame(keys: &[&str]) -> ratatui::buffer::Buffer {
    let mut h = harness(60, 16);
    h.keys(keys);
    let _ = h.screen();
    h.term.backend().buffer().clone()
}

#[test]
fn frame_highlights_current_and_other_hits() {
    // Narrow (one pane) reader on article 1 with `工作` hits in the
    // title and body; the first is current.
    insta::assert_debug_snapshot!(highlighted_frame(&["/", "工", "作", "enter"]));
}

#[test]
fn frame_highlights_no_color() {
    let mut h = Harness::new(
        issue(),
        ReaderOptions {
            no_color: true,
            ..ReaderOptions::default()
        },
        60,
        16,
    );
    h.app.theme = kanbao::theme::Theme::new(true);
    h.keys(&["/", "民", "生", "enter", "n"]);
    let _ = h.screen();
    insta::assert_debug_snapshot!(h.term.backend().buffer().clone());
}

#[test]
fn bar_display_snapshot() {
    // The kept search after `n` `n`: the count in the status row.
    let mut h = harness(80, 12);
    h.keys(&["/", "工", "作", "enter", "n", "n"]);
    insta::assert_snapshot!(h.screen());
    // The open bar, typing again from there.
    h.keys(&["/", "工", "作"]);
    insta::assert_snapshot!(status_row(&mut h));
}

#[test]
fn theme_hit_colours_are_drawn() {
    // `[theme] hit` and `hit_current` from the config file colour the hits.
    let mut h = harness(60, 16);
    let mut config = kanbao::config::Config::default();
    config.theme.hit = "green".into();
    config.theme.hit_current = "blue".into();
    h.app.apply_config(&config);
    h.keys(&["/", "工", "作", "enter"]);
    let _ = h.screen();
    let bgs: std::collections::HashSet<ratatui::style::Color> = h
        .term
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.bg)
        .collect();
    assert!(bgs.contains(&ratatui::style::Color::Green), "{bgs:?}");
    assert!(bgs.contains(&ratatui::style::Color::Blue), "{bgs:?}");
}

#[test]
fn search_bar_keys_are_keymap_actions() {
    // `[keys.search]` rebinds the bar's keys; help lists them.
    let mut h = harness(100, 30);
    let mut config = kanbao::config::Config::default();
    config
        .keys
        .entry("search".into())
        .or_default()
        .insert("search_cancel".into(), vec!["ctrl-g".into()]);
    h.app.apply_config(&config);
    assert!(h.app.config_errors.is_empty(), "{:?}", h.app.config_errors);
    h.press("/");
    type_text(&mut h, "工作");
    // Esc is no longer bound in the bar: nothing happens, nothing is typed.
    h.press("esc");
    let bar = h.app.search.bar.as_ref().expect("bar still open");
    assert_eq!(bar.edit.text(), "工作");
    h.event(ctrl('g'));
    assert!(h.app.search.bar.is_none());
    let help = kanbao::ui::help::help_lines(&h.app);
    assert!(
        help.iter().any(|(_, l)| l.contains("search_scope")),
        "{help:?}"
    );
    assert!(help.iter().any(|(_, l)| l.starts_with("C-g")), "{help:?}");
}

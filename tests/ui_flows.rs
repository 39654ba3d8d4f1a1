//! Scripted key and mouse sequences through the event-source seam,
//! asserting both `App` state and the drawn frame.

mod ui_support;

use kanbao::action::{Action, Effect};
use kanbao::app::{App, ReaderOptions};
use kanbao::input::keymap::{DEFAULT_BINDINGS, Keymap};
use kanbao::layout::Focus;
use kanbao::ui::help::help_lines;
use ratatui::crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ui_support::{Harness, fixture_issue};

fn harness(w: u16, h: u16) -> Harness {
    Harness::new(fixture_issue(), ReaderOptions::default(), w, h)
}

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::empty(),
    })
}

#[test]
fn next_next_opens_third_article_and_list_follows() {
    let mut h = harness(100, 30);
    assert!(!h.keys(&["]", "]"]));
    assert_eq!(h.app.view.open, 2);
    assert_eq!(h.app.view.selected, 2);
    assert_eq!(h.app.view.focus, Focus::Reader);
    let screen = h.screen();
    assert!(screen.contains("国际观察"), "{screen}");
    assert!(screen.contains(" 3/5 "), "{screen}");
    // Enter from the list opens the selected headline.
    h.keys(&["h", "k", "enter"]);
    assert_eq!(h.app.view.open, 1);
    // `[` at the first article says so instead of moving.
    h.keys(&["[", "["]);
    assert_eq!(h.app.view.open, 0);
    assert!(h.screen().contains("first article"));
}

#[test]
fn bottom_reaches_end_and_marks_read() {
    let mut h = harness(80, 12);
    h.keys(&["j", "enter"]);
    assert_eq!(h.app.view.open, 1);
    assert!(!h.app.view.read[1]);
    h.press("G");
    assert_eq!(h.app.view.top, h.app.max_top());
    assert!(h.app.view.top > 0);
    assert_eq!(h.app.percent(), 100);
    assert!(h.app.view.read[1]);
    assert!(h.screen().contains("2✓"));
    h.press("g");
    assert_eq!((h.app.view.top, h.app.percent()), (0, 0));
}

#[test]
fn a_short_article_is_read_after_a_moment_on_screen_not_at_a_glance() {
    let mut h = harness(120, 40);
    // Article 1 fits on screen: a glance does not count.
    assert!(!h.app.view.read[0]);
    h.keys(&["]", "["]);
    assert!(!h.app.view.read[0], "passed over with ]");
    h.wait(std::time::Duration::from_millis(500));
    h.press("s");
    assert!(!h.app.view.read[0], "half a second is a glance");
    h.wait(std::time::Duration::from_secs(2));
    h.press("s");
    assert!(h.app.view.read[0], "two seconds on screen");
}

#[test]
fn resize_keeps_anchor_paragraph() {
    let mut h = harness(100, 14);
    h.keys(&["j", "enter"]);
    for _ in 0..9 {
        h.press("j");
    }
    let before = h.app.view.anchor;
    assert!(before.block > 0, "scrolled into the body");
    let top_text = |h: &Harness| {
        let layout = h.app.view.layout.clone().expect("layout");
        let line = &layout.lines[h.app.view.top];
        (line.block, line.range.clone())
    };
    for (w, hgt) in [(72, 14), (140, 14), (75, 20), (100, 14)] {
        h.event(Event::Resize(w, hgt));
        assert_eq!(h.app.view.anchor, before, "anchor unchanged at {w}x{hgt}");
        let (block, range) = top_text(&h);
        assert_eq!(
            block,
            Some(before.block),
            "same paragraph on top at {w}x{hgt}"
        );
        assert!(range.start <= before.byte && before.byte < range.end.max(range.start + 1));
    }
}

#[test]
fn help_opens_and_closes() {
    let mut h = harness(100, 30);
    h.press("?");
    assert!(h.app.help.is_some());
    assert!(h.screen().contains("帮助 help"));
    // Keys in help do not reach the reader.
    h.press("]");
    assert_eq!(h.app.view.open, 0);
    h.press("esc");
    assert!(h.app.help.is_none());
    assert!(!h.screen().contains("帮助 help"));
}

#[test]
fn help_lists_every_binding() {
    let app = App::new(fixture_issue(), ReaderOptions::default());
    let text: String = help_lines(&app)
        .into_iter()
        .map(|(_, l)| l + "\n")
        .collect();
    for b in app.keymap.bindings() {
        let row = text
            .lines()
            .find(|l| l.contains(b.action.description()))
            .unwrap_or_else(|| panic!("no help row for {:?}", b.action));
        assert!(
            row.split_whitespace().any(|w| w == b.chord.to_string()),
            "{} missing from `{row}`",
            b.chord
        );
    }
}

#[test]
fn narrow_terminal_shows_one_pane() {
    let mut h = harness(60, 20);
    assert!(h.app.view.viewport.narrow);
    assert!(h.app.view.viewport.reader.is_none());
    h.press("enter");
    assert!(h.app.view.viewport.list.is_none());
    assert!(h.screen().contains("朱忠明来衡调研时强调"));
    h.press("esc");
    assert_eq!(h.app.view.focus, Focus::List);
    assert!(h.app.view.viewport.reader.is_none());
    h.press("l");
    assert_eq!(h.app.view.focus, Focus::Reader);
}

#[test]
fn top_of_article_message() {
    let mut h = harness(100, 20);
    h.keys(&["enter", "k"]);
    assert!(h.screen().contains("top of article"));
    // Cleared by the next key.
    h.press("j");
    assert!(!h.screen().contains("top of article"));
}

#[test]
fn measure_keys_change_even_column() {
    let mut h = harness(120, 30);
    h.press("enter");
    assert_eq!(h.app.view.viewport.column.width, 80);
    h.keys(&["-", "-", "-"]);
    assert_eq!(h.app.opts.measure, 74);
    assert_eq!(h.app.view.viewport.column.width, 74);
    for _ in 0..100 {
        h.press("-");
    }
    assert_eq!(h.app.view.viewport.column.width, 20);
    for _ in 0..100 {
        h.press("+");
    }
    // Capped by the pane, still even.
    assert_eq!(h.app.view.viewport.column.width % 2, 0);
    assert!(h.app.view.viewport.column.width <= h.app.view.viewport.reader.map_or(0, |r| r.width));
}

#[test]
fn wrapping_is_cached() {
    let mut h = harness(120, 20);
    h.press("enter");
    let builds = h.app.view.cache.builds;
    h.keys(&["j", "j", "pgdn", "b", "G", "g"]);
    assert_eq!(h.app.view.cache.builds, builds, "scrolling never re-wraps");
    h.keys(&["]", "["]);
    assert_eq!(
        h.app.view.cache.builds,
        builds + 1,
        "article 2 wrapped once, article 1 cached"
    );
    h.press("p");
    assert_eq!(
        h.app.view.cache.builds,
        builds + 2,
        "punctuation toggle is a new key"
    );
}

#[test]
fn mouse_click_opens_and_wheel_scrolls_pane_under_pointer() {
    let mut h = harness(100, 14);
    // Third headline: rows 4–5 of the list.
    h.event(mouse(MouseEventKind::Down(MouseButton::Left), 5, 5));
    assert_eq!(h.app.view.open, 2);
    h.event(mouse(MouseEventKind::Down(MouseButton::Left), 5, 2));
    assert_eq!(h.app.view.open, 1);
    let col = h.app.view.viewport.column;
    h.event(mouse(MouseEventKind::ScrollDown, col.x + 2, 3));
    assert_eq!(h.app.view.top, 3);
    h.event(mouse(MouseEventKind::ScrollDown, 3, 3));
    assert_eq!(h.app.view.selected, 2, "wheel over the list moves the list");
    assert_eq!(h.app.view.top, 3);
}

#[test]
fn quit_keys() {
    let mut h = harness(80, 24);
    assert!(h.keys(&["j", "q", "j"]));
    assert_eq!(
        h.app.view.selected, 1,
        "events after quit are not processed"
    );
    let mut h = harness(80, 24);
    assert_eq!(h.press("ctrl-c"), Effect::Quit);
    let mut h = harness(80, 24);
    h.press("?");
    assert_eq!(h.press("ctrl-c"), Effect::Quit);
}

#[test]
fn hints_follow_the_keymap() {
    let mut h = harness(120, 20);
    assert!(h.screen().contains("q quit"));
    let mut rows = DEFAULT_BINDINGS.to_vec();
    rows.retain(|r| r.2 != "quit");
    rows.push(("main", "x", "quit"));
    h.app.keymap = Keymap::from_table(&rows).0;
    let screen = h.screen();
    assert!(
        screen.contains("x quit") && !screen.contains("q quit"),
        "{screen}"
    );
    assert_eq!(h.press("x"), Effect::Quit);
}

#[test]
fn control_characters_never_reach_the_screen() {
    let mut issue = fixture_issue();
    issue.articles[0].title = Some("标题\u{1b}[31m红\u{7}".into());
    issue.articles[0].paragraphs[0] = "正文\u{1b}]0;pwned\u{7}内容\r\n结束".into();
    let mut h = Harness::new(issue, ReaderOptions::default(), 100, 20);
    h.press("enter");
    h.screen();
    for cell in &h.term.backend().buffer().content {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "{:?}",
            cell.symbol()
        );
    }
}

#[test]
fn update_is_pure_state() {
    // update can be driven without any terminal at all.
    let mut app = App::new(fixture_issue(), ReaderOptions::default());
    let area = ratatui::layout::Rect::new(0, 0, 100, 30);
    app.sync(area);
    assert_eq!(app.apply(Action::NextArticle, area), Effect::Redraw);
    assert_eq!(app.apply(Action::Quit, area), Effect::Quit);
    assert_eq!(app.view.open, 1);
}

#[test]
fn config_file_settings_keys_and_accent() {
    let text = "[reader]\nmeasure = 61\nparagraph_spacing = false\nambiguous_width = 2\n\n[theme]\naccent = \"#ff8800\"\n\n[keys.main]\nnext_article = [\"z\", \"ctrl-n\"]\nquit = \"x\"\nexplode = \"y\"\n";
    let (config, errors) = kanbao::config::parse(text, "test.toml");
    let opts = ReaderOptions::from_config(&config.reader);
    assert_eq!(opts.ambiguous, kanbao::text::width::AmbiguousWidth::Wide);
    assert!(!opts.para_spacing);
    let app = App::with_config(fixture_issue(), opts, &config);
    // Odd measures are rounded down to even.
    assert_eq!(app.opts.measure, 60);
    let mut h = Harness::from_app(app, 120, 20);
    let screen = h.screen();
    // The unknown action is reported in the status bar (the config parser
    // may report it too; either way the reader starts).
    let reported = errors.iter().any(|e| e.to_string().contains("explode"));
    assert!(
        reported || screen.contains("config: keys.main.explode: unknown action"),
        "{screen}"
    );
    h.press("z");
    assert_eq!(h.app.view.open, 1);
    // The message is gone after a key; the hints show the configured keys.
    let screen = h.screen();
    assert!(
        screen.contains("x quit") && screen.contains("z next"),
        "{screen}"
    );
    assert_eq!(h.press("x"), Effect::Quit);
    let accent = h
        .term
        .backend()
        .buffer()
        .content
        .iter()
        .any(|c| c.fg == ratatui::style::Color::Rgb(0xff, 0x88, 0x00));
    assert!(accent, "accent colour from the config");
}

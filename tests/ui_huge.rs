//! A huge paragraph (a one-line file of hundreds of MB is one paragraph):
//! through the run loop's own step, the first frame and every step wrap a
//! few screens of it, not all of it, while the position, `G`, `g`, a
//! search hit deep inside, resizing and the measure keys stay right.
//! Counted in lines and bytes wrapped, never in time.

mod ui_support;

use kanbao::app::ReaderOptions;
use kanbao::model::{Article, Encoding, Issue};
use ratatui::crossterm::event::Event;
use ui_support::Harness;

/// What the paragraph is made of: 100 Han characters and marks, 300 bytes.
fn unit() -> String {
    "中国人民在发展经济，".repeat(9) + "中国人民在发展经济。"
}

/// A mark in the middle of the paragraph and its last sentence.
const MIDDLE: &str = "独一无二的消息。";
const END: &str = "全文到此结束。";

/// One article of one paragraph of about `bytes` bytes.
fn huge_issue(bytes: usize) -> Issue {
    let u = unit();
    let half = u.repeat(bytes / u.len() / 2);
    let text = format!("{half}{MIDDLE}{half}{END}");
    Issue {
        source: "huge.txt".into(),
        encoding: Encoding::Utf8,
        masthead: None,
        credits: None,
        chrome: Vec::new(),
        articles: vec![Article {
            paragraphs: vec![text],
            ..Article::default()
        }],
    }
}

/// 4 MB: 16 times `text::chunks::HUGE`, some 40 000 lines at this width.
const BYTES: usize = 4 << 20;

/// Lines a layout may hold: five chunks of at most 1.5 × 256 bytes a
/// column, of two-column Han (three bytes each), at any width — a few
/// screens, whatever the paragraph's length.
const MAX_LINES: usize = 5 * 256 * 3 / 2 * 2 / 3 + 8;

fn bounded(h: &Harness, what: &str) {
    let layout = h.app.view.layout.clone().expect("layout");
    assert!(
        layout.lines.len() <= MAX_LINES,
        "{what}: {} lines wrapped",
        layout.lines.len()
    );
    let first = layout
        .lines
        .iter()
        .find(|l| l.block.is_some())
        .expect("text");
    let last = layout
        .lines
        .iter()
        .rev()
        .find(|l| l.block.is_some())
        .expect("text");
    let wrapped = last.range.end - first.range.start;
    assert!(wrapped <= 200 << 10, "{what}: {wrapped} bytes wrapped");
}

fn status(h: &mut Harness) -> String {
    h.screen().lines().last().unwrap_or_default().to_string()
}

#[test]
fn first_frame_and_steps_wrap_a_few_screens_of_a_huge_paragraph() {
    let mut h = Harness::new(huge_issue(BYTES), ReaderOptions::default(), 100, 30);
    bounded(&h, "first frame");
    assert!(h.screen().contains("中国人民在发展经济"));
    h.press("enter");
    for keys in [&["j"][..], &["space"], &["space", "space"], &["+"], &["-"]] {
        h.keys(keys);
        bounded(&h, &format!("{keys:?}"));
    }
    h.event(Event::Resize(80, 24));
    bounded(&h, "resize");
    h.event(Event::Resize(100, 30));

    // `G`: the real end, at 100 %, read.
    h.press("G");
    bounded(&h, "G");
    let screen = h.screen();
    assert!(screen.contains(END), "{screen}");
    assert!(status(&mut h).contains("100%"), "{}", status(&mut h));
    let len = h.app.issue.articles[0].paragraphs[0].len();
    assert!(
        h.app.view.anchor.byte > len - (64 << 10),
        "{:?}",
        h.app.view.anchor
    );
    assert!(h.app.view.read[0], "the end was on screen");

    // `g`: the real start, at 0 %.
    h.press("g");
    bounded(&h, "g");
    assert_eq!(h.app.view.top, 0);
    assert_eq!(h.app.view.anchor.byte, 0);
    assert!(status(&mut h).contains(" 0%"), "{}", status(&mut h));

    // A hit halfway down is shown, at about half the article.
    h.press("/");
    h.type_text("独一无二");
    h.press("enter");
    bounded(&h, "search");
    let screen = h.screen();
    assert!(screen.contains("独一无二"), "{screen}");
    let row = status(&mut h);
    let pct: usize = row
        .split_whitespace()
        .find_map(|w| w.strip_suffix('%')?.parse().ok())
        .expect("percent");
    assert!((45..=55).contains(&pct), "{row}");

    // Searching for the end from there and leaving the bar with `Esc`
    // comes back to exactly where the reader was, window and all.
    let before = (h.app.view.top, h.app.view.anchor, h.screen());
    h.press("/");
    h.type_text("全文到此");
    assert!(h.screen().contains(END), "at the hit");
    h.press("esc");
    assert_eq!((h.app.view.top, h.app.view.anchor, h.screen()), before);
    bounded(&h, "esc");
}

#[test]
fn paging_through_a_huge_paragraph_neither_skips_nor_repeats_a_line() {
    let mut h = Harness::new(huge_issue(BYTES), ReaderOptions::default(), 100, 30);
    h.press("enter");
    let page = h.app.view.viewport.page_height();
    // The line that will be on top after a page turn (one line of context
    // is kept), as (byte range), and the same after the turn: the window
    // moves along chunk joins many times on the way.
    let top_line = |h: &Harness, ahead: usize| {
        let l = h.app.view.layout.clone().expect("layout");
        l.lines[h.app.view.top + ahead].range.clone()
    };
    let mut percent = 0;
    for _ in 0..60 {
        let expected = top_line(&h, page - 1);
        h.press("space");
        assert_eq!(top_line(&h, 0), expected, "page down");
        let p = h.app.percent();
        assert!(p >= percent, "percent goes down: {p} < {percent}");
        percent = p;
        bounded(&h, "paging");
    }
    let window = h.app.view.layout.clone().expect("layout").window.clone();
    assert!(window.0[0].1.start > 0, "the window moved: {window:?}");
    for _ in 0..60 {
        let now = top_line(&h, 0);
        h.press("b");
        assert_eq!(top_line(&h, page - 1), now, "page up");
    }
    assert_eq!(h.app.view.top, 0);
    assert_eq!(h.app.view.anchor.byte, 0);
}

#[test]
fn a_saved_position_deep_in_a_huge_paragraph_is_where_it_reopens() {
    let mut h = Harness::new(huge_issue(BYTES), ReaderOptions::default(), 100, 30);
    let len = h.app.issue.articles[0].paragraphs[0].len();
    // What reopening an issue does with its remembered anchor.
    let at = kanbao::app::article_layout::Anchor {
        block: 0,
        byte: len / 3 * 2,
    };
    h.app.view.open_article(0, at);
    h.app.sync(h.area());
    h.draw();
    bounded(&h, "reopened");
    let layout = h.app.view.layout.clone().expect("layout");
    let top = &layout.lines[h.app.view.top];
    assert!(
        top.range.start <= at.byte && at.byte < top.range.end,
        "{top:?}"
    );
    let pct = h.app.percent();
    assert!((60..=72).contains(&pct), "{pct}%");
}

#[test]
fn a_frame_maps_only_the_hits_on_screen_of_a_huge_paragraph() {
    let mut h = Harness::new(huge_issue(BYTES), ReaderOptions::default(), 100, 30);
    h.press("enter");
    h.press("/");
    // `济` is in every tenth character: some 140,000 hits.
    h.type_text("济");
    h.press("enter");
    h.keys(&["n", "n", "n"]);
    let layout = h.app.view.layout.clone().expect("layout");
    let top = h.app.view.top;
    let rows = usize::from(h.app.view.viewport.column.height);
    let shown = &layout.lines[top..(top + rows).min(layout.lines.len())];
    let hits = kanbao::ui::search_results::block_hits(&h.app, &layout, shown);
    let article = &h.app.issue.articles[0];
    let on_screen: usize = shown
        .iter()
        .map(|l| layout.display_text(article, l).matches('济').count())
        .sum();
    assert!(on_screen > 0);
    assert_eq!(hits.len(), on_screen, "the hits on screen, no more");
    assert_eq!(
        hits.iter().filter(|x| x.2).count(),
        1,
        "the current one among them"
    );
}

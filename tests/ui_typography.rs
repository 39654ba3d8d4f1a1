//! The reading pane's typography (issue 11 items 14 and 15), on the screen:
//! headlines wrap balanced (near-equal lines, between jieba's words once
//! its dictionary is loaded, no orphan), and a closing mark that would
//! have dragged the character before it onto the next line hangs into the
//! right margin instead.

mod ui_support;

use kanbao::app::ReaderOptions;
use kanbao::app::article_layout::BlockRef;
use kanbao::search::words::{jieba, word_starts};
use kanbao::text::width::{AmbiguousWidth, str_width};
use ui_support::{Harness, fixture_issue};

/// The text of each title line of the open article, from the layout.
fn title_lines(h: &Harness) -> Vec<String> {
    let layout = h.app.view.layout.as_ref().expect("a layout");
    let article = &h.app.issue.articles[h.app.view.open];
    let title = article.title.as_deref().unwrap_or("");
    layout
        .lines
        .iter()
        .filter(|l| l.block.is_some_and(|b| layout.blocks[b] == BlockRef::Title))
        .map(|l| title[l.range.clone()].to_string())
        .collect()
}

/// The row of the screen that holds `needle`, as text, and its index.
fn row_with(h: &mut Harness, needle: &str) -> Option<(u16, String)> {
    let _ = h.screen();
    let buf = h.term.backend().buffer().clone();
    (buf.area.top()..buf.area.bottom()).find_map(|y| {
        // Each glyph once: the cells a wide glyph covers are skipped.
        let mut row = String::new();
        let mut x = buf.area.left();
        while x < buf.area.right() {
            let sym = buf[(x, y)].symbol();
            row.push_str(sym);
            x += u16::try_from(str_width(sym, AmbiguousWidth::Narrow).max(1)).unwrap_or(1);
        }
        row.contains(needle).then_some((y, row))
    })
}

#[test]
fn a_long_headline_wraps_into_balanced_lines() {
    // Article 2's title is 72 columns; the text column at 100×30 is 66.
    let mut h = Harness::new(fixture_issue(), ReaderOptions::default(), 100, 30);
    h.keys(&["]"]);
    assert_eq!(h.app.view.open, 1);
    assert_eq!(h.app.view.viewport.column.width, 66);
    let lines = title_lines(&h);
    assert_eq!(lines.len(), 2, "{lines:?}");
    let widths: Vec<usize> = lines
        .iter()
        .map(|l| str_width(l, AmbiguousWidth::Narrow))
        .collect();
    // Greedy wrapping gives 66 and 6 columns; balanced, they are near equal.
    assert!(widths[0].abs_diff(widths[1]) <= 4, "{lines:?}");
    // And both are on the screen, centred.
    for l in &lines {
        assert!(row_with(&mut h, l).is_some(), "{l} on screen");
    }
}

#[test]
fn no_headline_line_of_one_or_two_characters() {
    // 22 characters where the column holds 20: greedy leaves two alone.
    let mut issue = fixture_issue();
    issue.articles[3].title = Some("市政府召开第五次常务会议扎实抓好春季农业生产".into());
    let mut h = Harness::new(issue, ReaderOptions::default(), 44, 20);
    h.keys(&["j", "j", "j", "enter"]);
    assert_eq!(h.app.view.open, 3);
    assert_eq!(h.app.view.viewport.column.width, 40);
    let lines = title_lines(&h);
    assert_eq!(lines, ["市政府召开第五次常务会", "议扎实抓好春季农业生产"]);
}

#[test]
fn with_jieba_loaded_headlines_break_between_words() {
    let mut issue = fixture_issue();
    issue.articles[3].title = Some("高新区两大项目在长三角经贸洽谈会上签约".into());
    let mut h = Harness::new(issue, ReaderOptions::default(), 34, 20);
    h.keys(&["j", "j", "j", "enter"]);
    assert_eq!(h.app.view.viewport.column.width, 30);
    // Before jieba is loaded: balanced by characters, `长三角` split.
    assert_eq!(
        title_lines(&h),
        ["高新区两大项目在长三", "角经贸洽谈会上签约"]
    );
    // The word index is built (as the run loop does after the first
    // frame): jieba is loaded, and the layout is redone with its words.
    let issues = std::slice::from_ref(&*h.app.issue);
    h.app.search.spawn_words(issues);
    h.run_jobs();
    assert!(h.app.search.words_done());
    h.app.sync(h.area());
    let lines = title_lines(&h);
    assert_eq!(lines, ["高新区两大项目在长三角", "经贸洽谈会上签约"]);
    let title = h.app.issue.articles[3].title.clone().unwrap_or_default();
    assert!(word_starts(jieba(), &title).contains(&lines[0].len()));
    assert!(row_with(&mut h, "经贸洽谈会上签约").is_some());
}

#[test]
fn a_closing_mark_hangs_into_the_margin() {
    // The sample at 120×40: `市委书记邓群策，` fills the 80-column line with
    // `，` one cell past it, where push-in would have moved `策` down.
    let mut h = Harness::new(kanbao::loader::sample(), ReaderOptions::default(), 120, 40);
    h.press("enter");
    let col = h.app.view.viewport.column;
    assert_eq!(col.width, 80);
    let (y, row) = row_with(&mut h, "市委书记邓群策，").expect("the hanging line");
    let buf = h.term.backend().buffer();
    assert_eq!(buf[(col.right(), y)].symbol(), "，", "{row}");
    assert_eq!(buf[(col.right() - 2, y)].symbol(), "策", "{row}");
    // The next line starts after the mark.
    let (next, _) = row_with(&mut h, "市委副书记、市长朱健").expect("next line");
    assert_eq!(next, y + 1);
    let buf = h.term.backend().buffer();
    assert_eq!(buf[(col.x, y + 1)].symbol(), "市");
}

#[test]
fn the_text_column_keeps_room_for_a_hanging_mark() {
    // Even and odd pane widths, wide and narrow layouts.
    for w in [60u16, 61, 80, 81, 100, 101, 140] {
        let mut h = Harness::new(fixture_issue(), ReaderOptions::default(), w, 20);
        h.press("enter");
        let vp = h.app.view.viewport;
        let r = vp.reader.expect("the reading pane");
        assert!(r.right() - vp.column.right() >= 2, "{w}: {vp:?}");
        assert!(vp.column.x > r.x, "{w}: {vp:?}");
    }
}

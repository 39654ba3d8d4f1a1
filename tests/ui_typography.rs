//! The reading pane's typography (issue 11 item 15), on the screen: a
//! closing mark that would have dragged the character before it onto the
//! next line hangs into the right margin instead.

mod ui_support;

use kanbao::app::ReaderOptions;
use kanbao::text::width::{AmbiguousWidth, str_width};
use ui_support::{Harness, fixture_issue};

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
fn a_closing_mark_hangs_into_the_margin() {
    // The sample at 120×40: `市委书记邓群策，` fills the 80-column line with
    // `，` one cell past it, where push-in would have moved `策` down.
    let mut h = Harness::new(kanbao::loader::sample(), ReaderOptions::default(), 120, 40);
    h.press("enter");
    let col = h.app.viewport.column;
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
        let vp = h.app.viewport;
        let r = vp.reader.expect("the reading pane");
        assert!(r.right() - vp.column.right() >= 2, "{w}: {vp:?}");
        assert!(vp.column.x > r.x, "{w}: {vp:?}");
    }
}

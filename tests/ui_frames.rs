//! Whole-frame snapshots (TestBackend + insta) at the sizes that matter:
//! wide, standard, odd width, narrow one-pane mode, tiny, 1×1; the help
//! overlay; and cell-level buffer snapshots for both ambiguous widths.

mod ui_support;

use kanbao::app::ReaderOptions;
use kanbao::model::Issue;
use kanbao::text::width::AmbiguousWidth;
use ratatui::layout::Rect;
use ui_support::{Harness, cell_dump, fixture_issue};

/// The issue the whole-frame snapshots show: the bundled sample.
fn issue() -> Issue {
    kanbao::loader::sample()
}

fn frame(w: u16, h: u16, keys: &[&str]) -> String {
    let mut h = Harness::new(issue(), ReaderOptions::default(), w, h);
    h.keys(keys);
    h.screen()
}

#[test]
fn frame_120x40() {
    insta::assert_snapshot!(frame(120, 40, &[]));
}

#[test]
fn frame_120x40_third_article_open() {
    insta::assert_snapshot!(frame(120, 40, &["]", "]"]));
}

#[test]
fn frame_80x24() {
    insta::assert_snapshot!(frame(80, 24, &["enter"]));
}

#[test]
fn frame_41x12_odd_width() {
    insta::assert_snapshot!(frame(41, 12, &["j", "enter"]));
}

#[test]
fn frame_60x20_narrow_list() {
    insta::assert_snapshot!(frame(60, 20, &[]));
}

#[test]
fn frame_60x20_narrow_reader() {
    insta::assert_snapshot!(frame(60, 20, &["enter"]));
}

#[test]
fn frame_10x3_too_small() {
    insta::assert_snapshot!(frame(10, 3, &[]));
}

#[test]
fn frame_1x1() {
    insta::assert_snapshot!(frame(1, 1, &["]", "G", "?"]));
}

#[test]
fn frame_help_overlay_100x30() {
    insta::assert_snapshot!(frame(100, 30, &["enter", "?"]));
}

/// Article 3 has `“ ” … · ■ ○ ●`. With ambiguous width 1 they take one
/// cell; with 2 each takes two, the second marked skip for the diff.
fn ambiguous_frame(amb: AmbiguousWidth) -> (String, String) {
    let opts = ReaderOptions {
        ambiguous: amb,
        ..ReaderOptions::default()
    };
    // The hand-built fixture: its third article has every glyph of interest.
    let mut h = Harness::new(fixture_issue(), opts, 72, 12);
    h.keys(&["]", "]"]);
    // What the app drew (with diff options), and what reached the backend
    // after ratatui's diff (skipped cells never written).
    let mut drawn = ratatui::buffer::Buffer::empty(h.area());
    kanbao::ui::render_into(&h.app, h.area(), &mut drawn);
    let backend = h.term.backend().buffer();
    (format!("{backend:?}"), cell_dump(&drawn, 0..6))
}

#[test]
fn ambiguous_width_1_buffer() {
    let (debug, cells) = ambiguous_frame(AmbiguousWidth::Narrow);
    insta::assert_snapshot!(cells);
    insta::assert_snapshot!(debug);
}

#[test]
fn ambiguous_width_2_buffer() {
    let (debug, cells) = ambiguous_frame(AmbiguousWidth::Wide);
    assert!(
        cells.contains("⇥"),
        "wide ambiguous glyphs mark their second cell"
    );
    insta::assert_snapshot!(cells);
    insta::assert_snapshot!(debug);
}

#[test]
fn no_color_has_no_colours() {
    let opts = ReaderOptions {
        no_color: true,
        ..ReaderOptions::default()
    };
    let mut h = Harness::new(issue(), opts, 100, 30);
    h.keys(&["enter", "?"]);
    let buf = h.term.backend().buffer();
    for cell in &buf.content {
        assert_eq!(cell.fg, ratatui::style::Color::Reset);
        assert_eq!(cell.bg, ratatui::style::Color::Reset);
    }
    // And with colour on, exactly one accent colour is used.
    let mut h = Harness::new(issue(), ReaderOptions::default(), 100, 30);
    h.keys(&["enter", "?"]);
    let mut colours: Vec<_> = h
        .term
        .backend()
        .buffer()
        .content
        .iter()
        .flat_map(|c| [c.fg, c.bg])
        .filter(|c| *c != ratatui::style::Color::Reset)
        .collect();
    colours.dedup();
    colours.sort_by_key(|c| format!("{c:?}"));
    colours.dedup();
    assert_eq!(colours.len(), 1, "{colours:?}");
}

#[test]
fn every_small_size_draws_without_panic() {
    for amb in [AmbiguousWidth::Narrow, AmbiguousWidth::Wide] {
        let opts = ReaderOptions {
            ambiguous: amb,
            ..ReaderOptions::default()
        };
        for w in (1..40).chain([41, 59, 60, 69, 70, 71, 79, 80, 81]) {
            for hgt in 1..14 {
                let mut h = Harness::new(issue(), opts, w, hgt);
                h.keys(&["]", "G", "?", "j"]);
                h.keys(&["esc", "esc", "[", "-", "+", "p", "s", "k"]);
                let _ = h.screen();
                assert_eq!(h.area(), Rect::new(0, 0, w, hgt));
            }
        }
    }
}

#[test]
fn empty_issue_draws() {
    let mut empty = issue();
    empty.articles.clear();
    let mut h = Harness::new(empty, ReaderOptions::default(), 80, 10);
    h.keys(&["j", "enter", "]", "G", "l", "?", "esc"]);
    assert!(h.screen().contains("no articles"));
}

#[test]
fn frame_100x30_ambiguous_wide_third_article() {
    let opts = ReaderOptions {
        ambiguous: AmbiguousWidth::Wide,
        ..ReaderOptions::default()
    };
    let mut h = Harness::new(issue(), opts, 100, 30);
    h.keys(&["]", "]"]);
    insta::assert_snapshot!(h.screen());
}

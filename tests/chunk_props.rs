//! Properties of wrapping a huge paragraph lazily (`text::chunks`, the
//! window of `ArticleLayout`): the lines of any window of chunks are the
//! lines wrapping every chunk eagerly gives there; chunks cut the text
//! into a partition at points that keep the clreq rules; a paragraph that
//! is not huge is laid out exactly as `wrap` lays it out; and the bounded
//! `truncate` cuts as measuring the whole string did.

use kanbao::app::article_layout::{Anchor, ArticleLayout, LayoutKey, Window};
use kanbao::model::Article;
use kanbao::text::chunks::{Chunks, HUGE, wrap_chunk, wrap_chunked};
use kanbao::text::rules::{is_no_line_end, is_no_line_start};
use kanbao::text::width::{AmbiguousWidth, char_width, grapheme_width, str_width, truncate};
use kanbao::text::wrap::{HANGING_ROOM, LineBreakRule, WrapOptions, wrap};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Pieces Chinese newspaper text is made of, with the marks the rules
/// care about, Latin words, digits, spaces and a URL.
fn text() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "中",
        "国",
        "人民",
        "发展",
        "经济",
        "，",
        "。",
        "！",
        "？",
        "、",
        "“",
        "”",
        "（",
        "）",
        "《",
        "》",
        "——",
        "……",
        "·",
        "COVID-19",
        "GDP",
        " ",
        "a b ",
        "12.5%",
        ",",
        "(",
        ")",
        "http://a.b/c?d=1 ",
        "\u{3000}",
        "々",
        "〇",
    ]);
    prop::collection::vec(piece, 0..400).prop_map(|v| v.concat())
}

fn opts(width: usize, rule: LineBreakRule, punct: bool) -> WrapOptions {
    WrapOptions {
        width,
        indent: 4,
        rule,
        ambiguous: AmbiguousWidth::Narrow,
        display_punct: punct,
        overhang: HANGING_ROOM,
    }
}

fn rule() -> impl Strategy<Value = LineBreakRule> {
    prop::sample::select(vec![
        LineBreakRule::None,
        LineBreakRule::Basic,
        LineBreakRule::Strict,
    ])
}

/// `truncate` as it was: measure the whole string first.
fn truncate_whole(s: &str, max: usize, amb: AmbiguousWidth) -> String {
    if str_width(s, amb) <= max {
        return s.to_string();
    }
    let ell = char_width('…', amb);
    let mut out = String::new();
    let mut w = 0;
    for g in s.graphemes(true) {
        let gw = grapheme_width(g, amb);
        if w + gw + ell > max {
            break;
        }
        w += gw;
        out.push_str(g);
    }
    if w + ell <= max {
        out.push('…');
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn chunks_partition_the_text_at_safe_points(t in text(), size in 16usize..200) {
        let c = Chunks::with_size(&t, size);
        let mut at = 0;
        for k in 0..c.count() {
            let r = c.range(k);
            prop_assert_eq!(r.start, at, "chunk {} starts where {} ended", k, k);
            prop_assert!(t.is_char_boundary(r.end));
            at = r.end;
            if k > 0 && !r.is_empty() && r.start < t.len() {
                let next = t[r.start..].chars().next().unwrap();
                let prev = t[..r.start].chars().next_back().unwrap();
                // Han text is cut only where a line may break (the
                // fallbacks, for text without Han, cut after a space or
                // anywhere).
                let han = kanbao::text::chars::is_han;
                if han(next) && (han(prev) || matches!(prev, '。' | '！' | '？')) {
                    prop_assert!(!is_no_line_start(next) && !is_no_line_end(prev));
                }
            }
        }
        prop_assert_eq!(at, t.len());
        for byte in (0..t.len()).step_by(7) {
            let r = c.range(c.index_of(byte));
            prop_assert!(r.contains(&byte), "{} in {:?}", byte, r);
        }
    }

    /// What a reader that wraps chunks `a..b` draws is the run of lines
    /// wrapping every chunk gives for those bytes.
    #[test]
    fn a_window_of_chunks_wraps_as_all_chunks_do(
        t in text(),
        size in 16usize..200,
        width in 4usize..40,
        r in rule(),
        punct in any::<bool>(),
        a in 0usize..50,
        len in 0usize..6,
    ) {
        let o = opts(width, r, punct);
        let c = Chunks::with_size(&t, size);
        let eager = wrap_chunked(&t, &c, &o);
        // Consecutive lines cover the text exactly.
        let mut at = 0;
        for l in &eager {
            prop_assert_eq!(l.range.start, at);
            at = l.range.end;
        }
        prop_assert_eq!(at, t.len());
        let a = a.min(c.count());
        let b = (a + len).min(c.count());
        let lazy: Vec<_> = (a..b).flat_map(|k| wrap_chunk(&t, &c, k, &o)).collect();
        let (from, to) = (c.start(a), c.start(b));
        let slice: Vec<_> = eager
            .iter()
            .filter(|l| l.range.start >= from && l.range.end <= to && !l.range.is_empty())
            .cloned()
            .collect();
        prop_assert_eq!(lazy, slice);
        // One chunk is the whole text: exactly `wrap`.
        prop_assume!(!t.is_empty());
        let whole = Chunks::with_size(&t, t.len() + 16);
        prop_assert_eq!(wrap_chunked(&t, &whole, &o), wrap(&t, &o));
    }

    /// Below `HUGE` nothing is chunked: the layout's lines are `wrap`'s.
    #[test]
    fn ordinary_paragraphs_are_wrapped_whole(t in text(), width in 4usize..60, r in rule()) {
        prop_assume!(!t.is_empty());
        let article = Article { paragraphs: vec![t.clone()], ..Article::default() };
        let key = key(width, r);
        let layout = ArticleLayout::build(&article, key);
        prop_assert_eq!(&layout.window, &Window::default());
        prop_assert!(layout.gaps.is_empty());
        let lines: Vec<_> = layout.lines.iter().map(|l| (l.range.clone(), l.width)).collect();
        let want: Vec<_> = wrap(&t, &opts(width.max(2), r, true))
            .into_iter()
            .map(|l| (l.range, l.width))
            .collect();
        prop_assert_eq!(lines, want);
    }

    #[test]
    fn truncate_cuts_as_measuring_everything_did(t in text(), max in 0usize..40, wide in any::<bool>()) {
        let amb = if wide { AmbiguousWidth::Wide } else { AmbiguousWidth::Narrow };
        prop_assert_eq!(truncate(&t, max, amb).into_owned(), truncate_whole(&t, max, amb));
    }
}

fn key(width: usize, rule: LineBreakRule) -> LayoutKey {
    LayoutKey {
        article: 0,
        width,
        rule,
        ambiguous: AmbiguousWidth::Narrow,
        punct: true,
        spacing: true,
        words: false,
    }
}

/// The layout of a huge paragraph around any anchor holds the lines the
/// eager chunked wrap has for its window, the anchor among them, and the
/// same lines for the chunks two windows share.
#[test]
fn huge_paragraph_windows_hold_the_eager_lines() {
    let piece = "中国人民在发展经济，“COVID-19”（GDP）增长12.5%……这是http://a.b/c 的消息。";
    let t = piece.repeat(HUGE / piece.len() * 3);
    let article = Article {
        paragraphs: vec!["导语。".into(), t.clone(), "结尾。".into()],
        ..Article::default()
    };
    let key = key(30, LineBreakRule::Basic);
    let c = Chunks::new(&t, 30).expect("huge");
    let eager = wrap_chunked(&t, &c, &opts(30, LineBreakRule::Basic, true));
    let mut previous: Option<ArticleLayout> = None;
    for byte in (0..t.len()).step_by(t.len() / 9).chain([t.len() - 1]) {
        let at = Anchor { block: 1, byte };
        let l = ArticleLayout::build_at(&article, key, at);
        let lines: Vec<_> = l
            .lines
            .iter()
            .filter(|x| x.block == Some(1))
            .map(|x| (x.range.clone(), x.width, x.indent))
            .collect();
        let first = eager
            .iter()
            .position(|x| x.range.start == lines[0].0.start)
            .expect("window starts on an eager line");
        let want: Vec<_> = eager[first..first + lines.len()]
            .iter()
            .map(|x| (x.range.clone(), x.width, x.indent))
            .collect();
        assert_eq!(lines, want, "at {byte}");
        let top = &l.lines[l.locate(at)];
        assert!(
            top.range.start <= byte && byte < top.range.end,
            "anchor {byte} in {top:?}"
        );
        // The estimate counts every line: the eager count, within a few.
        let total = l.virtual_len() as f64;
        let eager_total = (eager.len() + 4) as f64;
        assert!(
            (total / eager_total - 1.0).abs() < 0.02,
            "{total} vs {eager_total}"
        );
        if let Some(p) = previous {
            for x in l.lines.iter().filter(|x| x.block == Some(1)) {
                if let Some(y) = p
                    .lines
                    .iter()
                    .find(|y| y.block == Some(1) && y.range.start == x.range.start)
                {
                    assert_eq!(x, y);
                }
            }
        }
        previous = Some(l);
    }
}

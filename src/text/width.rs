//! The one display-width function everything uses.
//!
//! Widths are measured per *extended grapheme cluster*, exactly as ratatui
//! 0.30 (`ratatui-core` 0.1, `Buffer::set_stringn` + `CellWidth for str`)
//! measures what it draws, so a line we say is N columns occupies N cells:
//!
//! - a grapheme containing a control character is not drawn (width 0);
//! - a one-byte grapheme (printable ASCII) is 1 column;
//! - otherwise `unicode-width`'s string width of the grapheme, plus one
//!   column per half-width (han)dakuten U+FF9E/U+FF9F (ratatui's terminal
//!   compatibility adjustment).
//!
//! With [`AmbiguousWidth::Wide`] the string width is `width_cjk` instead,
//! so East Asian Ambiguous characters (`“ ” ‘ ’ — … · ■ ○ ●`) are 2 columns.
use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// How East Asian Ambiguous characters (`“ ” — … · ■`) are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AmbiguousWidth {
    /// One column (most terminals; ratatui's own measure).
    #[default]
    Narrow,
    /// Two columns (terminals set to "ambiguous = wide").
    Wide,
}

/// Display width of one grapheme cluster (see the module header).
#[inline]
pub fn grapheme_width(g: &str, amb: AmbiguousWidth) -> usize {
    let bytes = g.as_bytes();
    if bytes.len() == 1 {
        // ratatui's ASCII fast path; controls are filtered out before drawing.
        return usize::from(!bytes[0].is_ascii_control());
    }
    if g.chars().any(char::is_control) {
        return 0;
    }
    let w = match amb {
        AmbiguousWidth::Narrow => g.width(),
        AmbiguousWidth::Wide => g.width_cjk(),
    };
    w + g
        .chars()
        .filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
        .count()
}

/// Display width of one char, measured as a grapheme on its own.
pub fn char_width(c: char, amb: AmbiguousWidth) -> usize {
    let mut buf = [0u8; 4];
    grapheme_width(c.encode_utf8(&mut buf), amb)
}

/// Display width of a string: the sum of its graphemes' widths.
pub fn str_width(s: &str, amb: AmbiguousWidth) -> usize {
    if s.is_ascii() {
        // Every ASCII grapheme is one byte except "\r\n" (a control: 0).
        return s.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    s.graphemes(true).map(|g| grapheme_width(g, amb)).sum()
}

/// The graphemes of `s` with their byte offset and display width.
pub fn graphemes_with_width(
    s: &str,
    amb: AmbiguousWidth,
) -> impl Iterator<Item = (usize, &str, usize)> + '_ {
    s.grapheme_indices(true)
        .map(move |(i, g)| (i, g, grapheme_width(g, amb)))
}

/// Truncate to at most `max` columns, ending with `…` when cut; never splits
/// a grapheme (so never half a wide character).
///
/// Reads no further than the first grapheme past `max` columns, so cutting
/// a huge paragraph to a list row costs the row, not the paragraph.
pub fn truncate(s: &str, max: usize, amb: AmbiguousWidth) -> Cow<'_, str> {
    let ell = char_width('…', amb);
    // Where the text is cut if it does not fit: the longest prefix that
    // leaves room for the ellipsis, and its width.
    let mut cut = None;
    let mut w = 0;
    for (i, g) in s.grapheme_indices(true) {
        let gw = grapheme_width(g, amb);
        if cut.is_none() && w + gw + ell > max {
            cut = Some((i, w));
        }
        if w + gw > max {
            let (end, kept) = cut.unwrap_or((i, w));
            let mut out = String::with_capacity(end + 3);
            out.push_str(&s[..end]);
            if kept + ell <= max {
                out.push('…');
            }
            return Cow::Owned(out);
        }
        w += gw;
    }
    Cow::Borrowed(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use AmbiguousWidth::{Narrow, Wide};
    use ratatui::buffer::CellWidth;

    /// Our Narrow measure must equal ratatui's per-grapheme cell width for
    /// everything ratatui draws (it skips graphemes containing controls).
    #[test]
    fn matches_ratatui_cell_width() {
        let samples = [
            "a",
            "中",
            "，",
            "“",
            "—",
            "…",
            "·",
            "■",
            "○",
            "●",
            "é",
            "e\u{301}",
            "ｶﾞ",
            "ﾞ",
            "👍",
            "👍🏽",
            "👨‍👩‍👧",
            "🇨🇳",
            "☺\u{FE0F}",
            "한",
            "ㄱ",
            "\u{3000}",
            "～",
            "℃",
            "ガ",
            "\u{200B}",
            "\u{00AD}",
        ];
        for s in samples {
            for g in s.graphemes(true) {
                assert_eq!(
                    grapheme_width(g, Narrow),
                    usize::from(g.cell_width()),
                    "grapheme {g:?}"
                );
            }
        }
    }

    #[test]
    fn ambiguous_chars() {
        for c in ['“', '”', '‘', '’', '—', '…', '·', '■', '○', '●'] {
            assert_eq!(char_width(c, Narrow), 1, "{c}");
            assert_eq!(char_width(c, Wide), 2, "{c}");
        }
        assert_eq!(char_width('中', Narrow), 2);
        assert_eq!(char_width('中', Wide), 2);
        assert_eq!(char_width('a', Wide), 1);
        assert_eq!(str_width("“中文”", Narrow), 6);
        assert_eq!(str_width("“中文”", Wide), 8);
    }

    #[test]
    fn controls_and_clusters() {
        assert_eq!(str_width("a\tb\r\n", Narrow), 2);
        assert_eq!(str_width("e\u{301}", Narrow), 1);
        assert_eq!(str_width("👨‍👩‍👧", Narrow), 2);
    }

    #[test]
    fn truncate_never_splits_wide() {
        assert_eq!(truncate("中文字", 5, Narrow), "中文…");
        assert_eq!(truncate("中文字", 4, Narrow), "中…");
        assert_eq!(truncate("中文字", 6, Narrow), "中文字");
        assert_eq!(truncate("中文字", 4, Wide), "中…");
        assert!(str_width(&truncate("abc中文", 4, Narrow), Narrow) <= 4);
    }
}

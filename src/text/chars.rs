//! Character classes, the one place each is defined: Han ideographs (with
//! `〇`, the Han zero of dates like 二〇二四年), the "CJK context" that makes
//! neighbouring ASCII punctuation Chinese, East Asian width, layout spaces
//! and the spaces that hang at a line end. The loader, the wrapper, search
//! and the archive keys all ask here, so they cannot disagree.
//!
//! ```
//! use kanbao::text::chars::{is_han, is_space};
//! assert!(is_han('看') && is_han('〇') && !is_han('。'));
//! assert!(is_space('\u{3000}') && !is_space('a'));
//! ```

/// Han ideographs: the URO, extensions A–I, the compatibility blocks, and
/// `〇` (U+3007, the ideographic zero, written in dates and numbers).
#[inline]
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{323AF}'
        | '〇')
}

/// Characters that make neighbouring ASCII punctuation "Chinese": Han, kana,
/// CJK symbols and punctuation, full-width forms, CJK compatibility forms.
#[inline]
pub fn is_cjk_context(c: char) -> bool {
    is_han(c)
        || matches!(c,
            '\u{3000}'..='\u{30FF}'
            | '\u{FF01}'..='\u{FF60}'
            | '\u{FFE0}'..='\u{FFE6}'
            | '\u{FE30}'..='\u{FE4F}')
}

/// East Asian Width F, W or H (the `$EastAsian` set of UAX #14 LB19a),
/// approximated through `unicode-width`: F and W are exactly the
/// two-column characters; H is the half-width katakana / Hangul block.
#[inline]
pub fn is_east_asian(c: char) -> bool {
    use unicode_width::UnicodeWidthChar;
    c.width() == Some(2) || matches!(c, '\u{FF61}'..='\u{FFDC}' | '\u{FFE8}'..='\u{FFEE}')
}

/// White space for layout purposes (ASCII, U+3000, NBSP, …).
#[inline]
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

/// Whitespace that "hangs" at the end of a line: it may sit after the last
/// visible character without counting toward the line's width, and a line
/// never starts with it. The ideographic space U+3000 is excluded: it is a
/// full-width layout character (used for indents) and is measured.
#[inline]
pub fn is_hanging_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{3000}'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_covers_the_blocks_and_the_ideographic_zero() {
        for c in ['一', '龥', '㐀', '豈', '𠀀', '𲎯', '〇'] {
            assert!(is_han(c), "{c}");
        }
        for c in ['。', '、', 'ア', 'a', '１', '\u{3000}'] {
            assert!(!is_han(c), "{c}");
        }
    }

    #[test]
    fn spaces() {
        assert!(is_space('\u{3000}') && is_space(' ') && is_space('\u{a0}'));
        assert!(is_hanging_space(' ') && !is_hanging_space('\u{3000}'));
        assert!(is_cjk_context('〇') && is_cjk_context('，') && !is_cjk_context(','));
        assert!(is_east_asian('看') && !is_east_asian('a'));
    }
}

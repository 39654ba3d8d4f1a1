//! The rule data of the text module, kept in one place: which characters
//! may not start or end a line (W3C clreq), which marks are never split,
//! which ASCII punctuation has a full-width display form, and the character
//! classes ("Han", "CJK context", "East Asian") the other modules test.
//!
//! Everything here is a `const` table or a tiny predicate over one; the
//! wrapper (`wrap.rs`) and the punctuation pass (`punct.rs`) only consult it.

/// clreq §prohibition_rules_for_line_start_end, "basic" level: characters
/// that must never begin a line — pause/stop marks, closing quotes and
/// brackets, the interpunct and the wave dash — plus their ASCII
/// counterparts (Chinese text in the wild mixes both).
pub const NO_LINE_START: &[char] = &[
    // pause and stop marks
    '、', '，', '。', '．', '：', '；', '！', '？', //
    // closing quotation marks and brackets
    '”', '’', '」', '』', '）', '》', '〉', '】', '〗', '〕', '］', '｝', //
    // interpunct (incl. the katakana / hyphenation-point look-alikes) and wave dash
    '·', '・', '‧', '～', //
    // ASCII counterparts
    ',', '.', ';', ':', '?', '!', ')', ']', '}',
];

/// The closing marks that may hang one cell past the measure at a line end
/// (clreq 行尾点号悬挂) instead of dragging the previous character down:
/// the pause and stop marks and the closing quotes and brackets of
/// [`NO_LINE_START`] and their ASCII counterparts — not the interpunct or
/// the wave dash, which sit inside a phrase.
pub const HANGING_MARKS: &[char] = &[
    '、', '，', '。', '．', '：', '；', '！', '？', //
    '”', '’', '」', '』', '）', '》', '〉', '】', '〗', '〕', '］', '｝', //
    ',', '.', ';', ':', '?', '!', ')', ']', '}',
];

/// clreq §prohibition_rules_for_line_start_end, "basic" level: characters
/// that must never end a line — opening quotes and brackets (full-width and
/// their ASCII counterparts).
pub const NO_LINE_END: &[char] = &[
    '“', '‘', '「', '『', '（', '《', '〈', '【', '〖', '〔', '［', '｛', //
    '(', '[', '{',
];

/// The dash (破折号, written `——`): two of these are one mark and are never
/// split (clreq §prohibition_rules: "unbreakable marks"). U+2015 is a common
/// substitute for U+2014 in GB-encoded sources.
pub const DASH_MARKS: &[char] = &['—', '―'];

/// The ellipsis (省略号, written `……`): never split; see [`DASH_MARKS`].
pub const ELLIPSIS_MARKS: &[char] = &['…', '⋯'];

/// Curly quotation marks that Unicode 15.0's UAX #14 (LB19) glues to both
/// neighbours; Unicode 15.1 (LB19a) lets East Asian text break around them.
/// We apply the 15.1 behaviour because `unicode-linebreak` 0.1.5 is 15.0.
pub const CURLY_QUOTES: &[char] = &['“', '”', '‘', '’'];

/// ASCII punctuation with a full-width display form (display only; the
/// stored text never changes). See `punct.rs` for when it applies.
pub const FULLWIDTH_FORMS: &[(char, char)] = &[
    (',', '，'),
    (';', '；'),
    (':', '：'),
    ('?', '？'),
    ('!', '！'),
    ('(', '（'),
    (')', '）'),
];

/// Whether `c` may not begin a line (basic level).
#[inline]
pub fn is_no_line_start(c: char) -> bool {
    NO_LINE_START.contains(&c)
}

/// Whether `c` may hang past the measure at a line end ([`HANGING_MARKS`]).
#[inline]
pub fn may_hang(c: char) -> bool {
    HANGING_MARKS.contains(&c)
}

/// Whether `c` may not end a line (basic level).
#[inline]
pub fn is_no_line_end(c: char) -> bool {
    NO_LINE_END.contains(&c)
}

/// Which unsplittable mark `c` belongs to, if any: 1 = dash, 2 = ellipsis.
#[inline]
pub fn division_mark(c: char) -> u8 {
    if DASH_MARKS.contains(&c) {
        1
    } else if ELLIPSIS_MARKS.contains(&c) {
        2
    } else {
        0
    }
}

/// The full-width display form of an ASCII punctuation mark, if it has one.
#[inline]
pub fn fullwidth_form(c: char) -> Option<char> {
    FULLWIDTH_FORMS
        .iter()
        .find(|(ascii, _)| *ascii == c)
        .map(|(_, wide)| *wide)
}

/// Han ideographs: the URO, extensions A–I and the compatibility blocks.
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

/// Whitespace that "hangs" at the end of a line: it may sit after the last
/// visible character without counting toward the line's width, and a line
/// never starts with it. The ideographic space U+3000 is excluded: it is a
/// full-width layout character (used for indents) and is measured.
#[inline]
pub fn is_hanging_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{3000}'
}

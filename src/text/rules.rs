//! The rule data of the text module, kept in one place: which characters
//! may not start or end a line (W3C clreq), which marks are never split,
//! and which ASCII punctuation has a full-width display form. The character
//! classes ("Han", "CJK context", "East Asian") are in `chars.rs`.
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

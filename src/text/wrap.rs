//! The CJK-aware wrapper: paragraph text → visual lines (byte ranges).
//! PLACEHOLDER: to be replaced by the text helper (naive char wrap).
use super::width::{AmbiguousWidth, char_width};
use std::ops::Range;

/// Chinese line-breaking strictness (W3C clreq levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LineBreakRule {
    /// No prohibition rules.
    None,
    /// clreq "basic": no closing marks at line start, no opening at line end.
    #[default]
    Basic,
    /// Basic plus `——` and `……` never start a line.
    Strict,
}

/// Options for [`wrap`]. Part of the wrap-cache key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WrapOptions {
    /// The measure in columns (the text column width).
    pub width: usize,
    /// First-line indent in columns (4 = two full-width spaces).
    pub indent: usize,
    /// Line-breaking level.
    pub rule: LineBreakRule,
    /// Ambiguous-width setting.
    pub ambiguous: AmbiguousWidth,
    /// Whether ASCII punctuation between Han is displayed full-width
    /// (it then measures 2 columns).
    pub display_punct: bool,
}

/// One visual line: a byte range of the paragraph and its display width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisualLine {
    /// Byte range into the paragraph text.
    pub range: Range<usize>,
    /// Display width of the text in `range` (without the indent).
    pub width: usize,
    /// Leading indent in columns (the first line's paragraph indent).
    pub indent: usize,
}

/// Wrap `text` to `opts.width` columns.
pub fn wrap(text: &str, opts: &WrapOptions) -> Vec<VisualLine> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut w = 0;
    let mut indent = opts.indent.min(opts.width.saturating_sub(2));
    for (i, c) in text.char_indices() {
        let cw = char_width(c, opts.ambiguous);
        if w + cw + indent > opts.width && i > start {
            lines.push(VisualLine {
                range: start..i,
                width: w,
                indent,
            });
            start = i;
            w = 0;
            indent = 0;
        }
        w += cw;
    }
    if start < text.len() || lines.is_empty() {
        lines.push(VisualLine {
            range: start..text.len(),
            width: w,
            indent,
        });
    }
    lines
}

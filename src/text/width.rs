//! The one display-width function everything uses.
//! PLACEHOLDER: to be replaced by the text helper.
use std::borrow::Cow;

/// How East Asian Ambiguous characters (`“ ” — … · ■`) are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum AmbiguousWidth {
    /// One column (most terminals; ratatui's own measure).
    #[default]
    Narrow,
    /// Two columns (terminals set to "ambiguous = wide").
    Wide,
}

/// Display width of one char.
pub fn char_width(c: char, amb: AmbiguousWidth) -> usize {
    use unicode_width::UnicodeWidthChar;
    match amb {
        AmbiguousWidth::Narrow => c.width().unwrap_or(0),
        AmbiguousWidth::Wide => c.width_cjk().unwrap_or(0),
    }
}

/// Display width of a string.
pub fn str_width(s: &str, amb: AmbiguousWidth) -> usize {
    s.chars().map(|c| char_width(c, amb)).sum()
}

/// Truncate to at most `max` columns, ending with `…` when cut; never splits a wide char.
pub fn truncate(s: &str, max: usize, amb: AmbiguousWidth) -> Cow<'_, str> {
    if str_width(s, amb) <= max {
        return Cow::Borrowed(s);
    }
    let ell = char_width('…', amb);
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = char_width(c, amb);
        if w + cw + ell > max {
            break;
        }
        w += cw;
        out.push(c);
    }
    if w + ell <= max {
        out.push('…');
    }
    Cow::Owned(out)
}

//! Writing text into buffer cells. Every widget draws through `put_str`,
//! which (1) never writes control characters, (2) measures with the app's
//! one width function, and (3) under ambiguous width 2 makes ratatui agree
//! with a terminal that draws `“ ” … ·` two columns wide: the glyph's cell
//! gets `ForcedWidth(2)` and the next cell `Skip`, so ratatui's diff never
//! writes over the glyph's second column and moves the cursor past it.

use crate::text::width::{AmbiguousWidth, str_width};
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::style::Style;
use std::num::NonZeroU16;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Draw `text` at (`x`, `y`), clipped at column `max_x` (exclusive) and to
/// the buffer. Returns the column after the last cell written. A wide
/// glyph that does not fit entirely is not drawn.
pub fn put_str(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max_x: u16,
    text: &str,
    style: Style,
    amb: AmbiguousWidth,
) -> u16 {
    let area = buf.area;
    if y < area.y || y >= area.bottom() {
        return x;
    }
    let max_x = max_x.min(area.right());
    let mut x = x.max(area.x);
    for g in text.graphemes(true) {
        if g.chars().any(char::is_control) {
            continue;
        }
        let w = str_width(g, amb);
        if w == 0 {
            continue;
        }
        let Ok(w16) = u16::try_from(w) else { continue };
        if x.saturating_add(w16) > max_x {
            break;
        }
        let native = g.width();
        if let Some(cell) = buf.cell_mut((x, y)) {
            cell.reset();
            cell.set_symbol(g).set_style(style);
            if w > native {
                // Ambiguous-wide glyph: ratatui thinks it is `native` wide.
                if let Some(forced) = NonZeroU16::new(w16) {
                    cell.set_diff_option(CellDiffOption::ForcedWidth(forced));
                }
            }
        }
        for dx in 1..w16 {
            if let Some(cell) = buf.cell_mut((x + dx, y)) {
                cell.reset();
                cell.set_style(style);
                if u16::try_from(native).is_ok_and(|n| dx >= n) {
                    cell.set_diff_option(CellDiffOption::Skip);
                }
            }
        }
        x += w16;
    }
    x
}

/// Fill `width` cells from (`x`, `y`) with spaces in `style`.
pub fn fill(buf: &mut Buffer, x: u16, y: u16, width: u16, style: Style) {
    for dx in 0..width {
        if let Some(cell) = buf.cell_mut((x.saturating_add(dx), y)) {
            cell.reset();
            cell.set_symbol(" ").set_style(style);
        }
    }
}

/// Display width as a `u16`, saturating.
pub fn width16(s: &str, amb: AmbiguousWidth) -> u16 {
    u16::try_from(str_width(s, amb)).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn controls_never_reach_the_buffer() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        put_str(
            &mut buf,
            0,
            0,
            10,
            "a\u{1b}[2Jb\u{7}",
            Style::new(),
            AmbiguousWidth::Narrow,
        );
        assert_eq!(buf, Buffer::with_lines(["a[2Jb     "]));
    }

    #[test]
    fn wide_glyph_never_split_at_edge() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 1));
        let end = put_str(
            &mut buf,
            0,
            0,
            5,
            "中文字",
            Style::new(),
            AmbiguousWidth::Narrow,
        );
        assert_eq!(end, 4);
        assert_eq!(buf, Buffer::with_lines(["中文 "]));
    }

    #[test]
    fn ambiguous_wide_marks_second_cell() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        let end = put_str(&mut buf, 0, 0, 6, "“a”", Style::new(), AmbiguousWidth::Wide);
        assert_eq!(end, 5);
        assert_eq!(
            buf[(0, 0)].diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::MIN.saturating_add(1))
        );
        assert_eq!(buf[(1, 0)].diff_option, CellDiffOption::Skip);
        assert_eq!(buf[(2, 0)].symbol(), "a");
        assert_eq!(buf[(3, 0)].symbol(), "”");
        assert_eq!(buf[(4, 0)].diff_option, CellDiffOption::Skip);
    }
}

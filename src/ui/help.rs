//! The help overlay: every binding and what it does, generated from the
//! keymap itself. Drawn in a box whose left edge is on an even column and
//! which clears a wide glyph cut by its edge (ratatui #2526).

use super::cells::{fill, put_str, width16};
use crate::app::App;
use crate::text::width::AmbiguousWidth;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// The help text lines with the action names (see
/// [`crate::app::help_text::help_lines`]).
pub fn help_lines(app: &App) -> Vec<(bool, String)> {
    crate::app::help_text::help_lines(app, true)
}

/// Draw the overlay centred in `area`.
pub fn render_help(app: &App, area: Rect, buf: &mut Buffer) {
    let amb = app.opts.ambiguous;
    let theme = &app.theme;
    let lines = crate::app::help_text::overlay_lines(app, area.width);
    let text_w = lines
        .iter()
        .map(|(_, l)| width16(l, amb))
        .max()
        .unwrap_or(0);
    let w = (text_w + 4).min(area.width);
    let want_h = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let h = want_h.min(area.height);
    if w < 4 || h < 3 {
        return;
    }
    let x = (area.x + (area.width - w) / 2) & !1;
    let x = x.max(area.x);
    let y = area.y + (area.height - h) / 2;
    let right = (x + w).min(area.right());
    for row in y..y + h {
        // A wide glyph straddling the left edge would leave half a glyph.
        if x > area.x {
            if let Some(c) = buf.cell_mut((x - 1, row)) {
                if c.symbol().width() > 1 {
                    c.reset();
                }
            }
        }
        fill(buf, x, row, right - x, theme.body);
    }
    // Box-drawing glyphs are ambiguous-width: use ASCII when they are wide.
    let (h_line, v_line, corner) = match amb {
        AmbiguousWidth::Narrow => ("─", "│", ["┌", "┐", "└", "┘"]),
        AmbiguousWidth::Wide => ("-", "|", ["+", "+", "+", "+"]),
    };
    let bottom = y + h - 1;
    for cx in x + 1..right - 1 {
        put_str(buf, cx, y, right, h_line, theme.dim, amb);
        put_str(buf, cx, bottom, right, h_line, theme.dim, amb);
    }
    for row in y + 1..bottom {
        put_str(buf, x, row, right, v_line, theme.dim, amb);
        put_str(buf, right - 1, row, right, v_line, theme.dim, amb);
    }
    put_str(buf, x, y, right, corner[0], theme.dim, amb);
    put_str(buf, right - 1, y, right, corner[1], theme.dim, amb);
    put_str(buf, x, bottom, right, corner[2], theme.dim, amb);
    put_str(buf, right - 1, bottom, right, corner[3], theme.dim, amb);
    let title = " ? 帮助 help ";
    put_str(buf, x + 2, y, right - 1, title, theme.accent, amb);

    let inner_h = usize::from(h - 2);
    let max_scroll = lines.len().saturating_sub(inner_h);
    let scroll = app.help.unwrap_or(0).min(max_scroll);
    // Say that there is more, on the borders.
    if scroll > 0 {
        let more = " ↑ 上有更多 more ";
        let mx = right.saturating_sub(2 + width16(more, amb)).max(x + 2);
        put_str(buf, mx, y, right - 1, more, theme.dim, amb);
    }
    if scroll < max_scroll {
        let more = " ↓ 下有更多 more (j, Space) ";
        let mx = right.saturating_sub(2 + width16(more, amb)).max(x + 2);
        put_str(buf, mx, bottom, right - 1, more, theme.dim, amb);
    }
    for (i, (heading, text)) in lines.iter().skip(scroll).take(inner_h).enumerate() {
        let Ok(i) = u16::try_from(i) else { break };
        let style = if *heading { theme.accent } else { theme.body };
        put_str(buf, x + 2, y + 1 + i, right - 2, text, style, amb);
    }
}

//! The help overlay: every binding and what it does, generated from the
//! keymap itself. Drawn in a box whose left edge is on an even column and
//! which clears a wide glyph cut by its edge (ratatui #2526).

use super::cells::{fill, put_str, width16};
use crate::app::App;
use crate::input::keymap::Context;
use crate::text::width::AmbiguousWidth;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// The help text lines: config problems if any, then a heading per
/// context and `keys  action_name  description` rows.
pub fn help_lines(app: &App) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    if !app.config_errors.is_empty() {
        out.push((true, "配置问题 / config problems".to_string()));
        out.extend(app.config_errors.iter().map(|e| (false, e.clone())));
        out.push((false, String::new()));
    }
    if !app.log.is_empty() {
        out.push((true, "消息 / messages, newest first".to_string()));
        out.extend(app.log.iter().rev().map(|m| (false, m.clone())));
        out.push((false, String::new()));
    }
    for (ctx, heading) in [
        (Context::Main, "阅读 / reading"),
        (Context::Help, "帮助窗口 / in this help"),
        (Context::Picker, "报刊与书签列表 / issue and bookmark lists"),
        (Context::Search, "搜索栏 / in the search bar"),
    ] {
        out.push((true, heading.to_string()));
        for (keys, action) in app.keymap.help_rows(ctx) {
            // The action's name is what a config file binds keys to.
            let name = action.name().unwrap_or_default();
            let desc = action.description();
            out.push((false, format!("{keys:<16}{name:<16}{desc}")));
        }
        out.push((false, String::new()));
    }
    out.pop();
    out
}

/// Draw the overlay centred in `area`.
pub fn render_help(app: &App, area: Rect, buf: &mut Buffer) {
    let amb = app.opts.ambiguous;
    let theme = &app.theme;
    let lines = help_lines(app);
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
    for (i, (heading, text)) in lines.iter().skip(scroll).take(inner_h).enumerate() {
        let Ok(i) = u16::try_from(i) else { break };
        let style = if *heading { theme.accent } else { theme.body };
        put_str(buf, x + 2, y + 1 + i, right - 2, text, style, amb);
    }
}

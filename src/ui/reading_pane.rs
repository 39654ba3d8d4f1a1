//! The reading pane: draws only the visible lines of the cached article
//! layout into the text column. Headline fields are centered, body lines
//! carry their paragraph indent (and may end with a closing mark hanging
//! into the right margin), captions and jump notes are dim.

use super::cells::put_str;
use crate::app::App;
use crate::app::article_layout::{Align, ArticleLayout, BlockRef};
use crate::layout::Viewport;
use ratatui::buffer::Buffer;
use ratatui::style::Style;
use std::rc::Rc;

/// Draw the open article into `vp.column`.
pub fn render_reading_pane(app: &App, vp: &Viewport, buf: &mut Buffer) {
    let col = vp.column;
    if col.width == 0 || col.height == 0 {
        return;
    }
    let Some(article) = app.issue.articles.get(app.view.open) else {
        return;
    };
    let key = app.layout_key(usize::from(col.width));
    // `sync` keeps the cached layout current; building one here is only a
    // fallback so a frame is never wrong, just slower.
    let layout = match &app.view.layout {
        Some(l) if l.key == key => Rc::clone(l),
        _ => Rc::new(ArticleLayout::build_at(article, key, app.view.anchor)),
    };
    let amb = app.opts.ambiguous;
    let theme = &app.theme;
    let top = app.view.top.min(layout.lines.len());
    let shown = &layout.lines[top..(top + usize::from(col.height)).min(layout.lines.len())];
    let hits = super::search_results::block_hits(app, &layout, shown);
    // A hanging closing mark goes past the column, into the pane's margin.
    let limit = vp
        .reader
        .map_or(col.right(), |r| r.right())
        .max(col.right());
    for (row, line) in shown.iter().enumerate() {
        let Some(block) = line.block.and_then(|b| layout.blocks.get(b)) else {
            continue;
        };
        let Ok(row16) = u16::try_from(row) else { break };
        let y = col.y + row16;
        let style: Style = match block {
            BlockRef::Title => theme.title,
            BlockRef::Para(_) => theme.body,
            _ => theme.dim,
        };
        let text = layout.display_text(article, line);
        let w = u16::try_from(line.width + line.indent).unwrap_or(u16::MAX);
        let slack = col.width.saturating_sub(w);
        let indent = u16::try_from(line.indent).unwrap_or(0);
        let x = col.x
            + match block.align() {
                Align::Left => indent,
                // Round the centering offset to even so centered Han lines
                // sit on the same grid as the body text.
                Align::Center => (slack / 2) & !1,
                Align::Right => slack,
            };
        put_str(buf, x, y, limit, &text, style, amb);
        super::search_results::paint_line_hits(
            app, article, &layout, line, &hits, x, y, limit, buf,
        );
    }
    super::search_results::paint_keywords(app, &layout, top, col, buf);
}

//! What search shows outside the bar: hit highlights in the reading pane,
//! match counts and dimming in the headline list, keywords (under the
//! byline and, on `w`, in the list), and the word-search results list
//! that opens above the bar.

use super::cells::{fill, put_str, width16};
use super::search_bar::search_key;
use crate::action::Action;
use crate::app::App;
use crate::app::article_layout::{ArticleLayout, BlockRef, LayoutLine};
use crate::app::search_keys::result_hits;
use crate::app::search_nav::{kept_global, keywords_of};
use crate::app::search_state::{Scope, block_field, field_block};
use crate::model::Article;
use crate::search::Field;
use crate::text::width::{char_width, truncate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use std::ops::Range;

/// Style of a hit: the theme's (`[theme] hit`, a background colour;
/// underlined under `NO_COLOR`).
pub fn hit_style(app: &App) -> Style {
    app.theme.hit
}

/// Style of the current hit: the theme's (`[theme] hit_current`, bold;
/// reverse and bold under `NO_COLOR`).
pub fn current_style(app: &App) -> Style {
    app.theme.hit_current
}

/// Highlights of one article as (layout block, byte range, current).
pub type BlockHits = Vec<(usize, Range<usize>, bool)>;

/// The open article's hits on `lines` (the visible ones) mapped to
/// layout blocks. A literal search's hits are looked up by bisection for
/// the bytes on screen, so a frame does not map every hit of a huge
/// paragraph; word-search highlights (few) are all mapped.
pub fn block_hits(app: &App, layout: &ArticleLayout, lines: &[LayoutLine]) -> BlockHits {
    let Some(g) = kept_global(app, app.view.open) else {
        return Vec::new();
    };
    let to_block = |(f, r, cur): (Field, Range<usize>, bool)| {
        let want = field_block(f);
        let b = layout.blocks.iter().position(|x| *x == want)?;
        Some((b, r, cur))
    };
    let Some(kept) = app
        .search
        .kept
        .as_ref()
        .filter(|k| k.word.is_empty() && (k.scope != Scope::Article || k.scope_article == g))
    else {
        return app
            .search
            .highlights(g)
            .into_iter()
            .filter_map(to_block)
            .collect();
    };
    let (index, matches) = (&kept.index, &kept.matches);
    let article = matches.in_article(index, g);
    let mut out = Vec::new();
    // The visible byte range of each block on screen.
    let mut spans: Vec<(usize, Range<usize>)> = Vec::new();
    for l in lines {
        let Some(b) = l.block else { continue };
        match spans.last_mut() {
            Some((lb, r)) if *lb == b => r.end = r.end.max(l.range.end),
            _ => spans.push((b, l.range.clone())),
        }
    }
    for (b, r) in spans {
        let Some(&block) = layout.blocks.get(b) else {
            continue;
        };
        let field = block_field(block);
        if field_block(field) != block {
            // A block no search field is shown in (the dateline, jumps).
            continue;
        }
        let (Some(lo), Some(hi)) = (
            index.to_folded(g, field, r.start),
            index.to_folded(g, field, r.end),
        ) else {
            continue;
        };
        // A little slack around the folded span: folding may move a
        // boundary by a character; the original ranges decide below.
        let near = matches.overlapping(lo.saturating_sub(8), hi + 8);
        let near = near.start.max(article.start)..near.end.min(article.end);
        for i in near {
            let Some(m) = matches.get(index, i) else {
                continue;
            };
            if m.field == field && m.range.start < r.end && m.range.end > r.start {
                out.extend(to_block((m.field, m.range, kept.current == Some(i))));
            }
        }
    }
    out
}

/// Style the cells of `line` (drawn from column `x`) that fall in a hit.
/// A hit split across a line end is styled on both lines, since each
/// line styles its own part of the range.
#[allow(clippy::too_many_arguments)]
pub fn paint_line_hits(
    app: &App,
    article: &Article,
    layout: &ArticleLayout,
    line: &LayoutLine,
    hits: &BlockHits,
    x: u16,
    y: u16,
    max_x: u16,
    buf: &mut Buffer,
) {
    let Some(b) = line.block else { return };
    let mine: Vec<&(usize, Range<usize>, bool)> = hits
        .iter()
        .filter(|(hb, r, _)| *hb == b && r.start < line.range.end && r.end > line.range.start)
        .collect();
    if mine.is_empty() {
        return;
    }
    let (Some(block), Some(subs)) = (layout.blocks.get(b), layout.subs.get(b)) else {
        return;
    };
    let text = block.text(article);
    let Some(slice) = text.get(line.range.clone()) else {
        return;
    };
    let slice = slice.trim_end_matches(char::is_whitespace);
    let (hit, cur) = (hit_style(app), current_style(app));
    let amb = app.opts.ambiguous;
    let mut col = x;
    for (i, c) in slice.char_indices() {
        let at = line.range.start + i;
        let shown = subs
            .binary_search_by_key(&at, |(off, _)| *off)
            .ok()
            .and_then(|k| subs.get(k))
            .map_or(c, |(_, r)| *r);
        if shown.is_control() {
            continue;
        }
        let w = u16::try_from(char_width(shown, amb)).unwrap_or(0);
        let style = mine
            .iter()
            .filter(|(_, r, _)| r.contains(&at))
            .map(|(_, _, current)| if *current { cur } else { hit })
            .max_by_key(|s| s.add_modifier.contains(Modifier::BOLD));
        if let Some(style) = style {
            for dx in 0..w {
                let cx = col.saturating_add(dx);
                if cx < max_x
                    && let Some(cell) = buf.cell_mut((cx, y))
                {
                    cell.set_style(style);
                }
            }
        }
        col = col.saturating_add(w);
    }
}

/// The keywords line (`关键词：a · b · c`) on the blank line after the
/// byline, when that line is on screen.
pub fn paint_keywords(app: &App, layout: &ArticleLayout, top: usize, col: Rect, buf: &mut Buffer) {
    let words = keywords_of(app, app.view.open);
    if words.is_empty() {
        return;
    }
    let Some(by) = layout
        .blocks
        .iter()
        .position(|b| matches!(b, BlockRef::Byline | BlockRef::Dateline))
    else {
        return;
    };
    let Some(last) = layout.lines.iter().rposition(|l| l.block == Some(by)) else {
        return;
    };
    let row = last + 1;
    if layout.lines.get(row).is_none_or(|l| l.block.is_some()) {
        return;
    }
    if row < top || row >= top + usize::from(col.height) {
        return;
    }
    let Ok(dy) = u16::try_from(row - top) else {
        return;
    };
    let text = format!("关键词：{}", words.join(" · "));
    let text = truncate(&text, usize::from(col.width), app.opts.ambiguous);
    put_str(
        buf,
        col.x,
        col.y + dy,
        col.right(),
        &text,
        app.theme.dim,
        app.opts.ambiguous,
    );
}

/// Headline list decorations for entry `i` at row `y`: the match count in
/// place of the reading time, dimmed rows for articles without a match,
/// and keywords on the second row when `w` is on.
pub fn decorate_entry(app: &App, i: usize, area: Rect, y: u16, text_x: u16, buf: &mut Buffer) {
    let amb = app.opts.ambiguous;
    let right = area.right().saturating_sub(1);
    if app.search.show_keywords {
        let words = keywords_of(app, i);
        if !words.is_empty() {
            let selected = buf.cell((text_x, y + 1)).map(|c| c.style());
            let base = selected.unwrap_or_default();
            fill(buf, text_x, y + 1, right.saturating_sub(text_x), base);
            let joined = words.join(" ");
            let s = truncate(&joined, usize::from(right.saturating_sub(text_x)), amb);
            put_str(
                buf,
                text_x,
                y + 1,
                right,
                &s,
                base.patch(app.theme.dim),
                amb,
            );
        }
    }
    if !app.search.active() {
        return;
    }
    let g = kept_global(app, i);
    let n = g.map_or(0, |g| app.search.count_in(g));
    if n == 0 {
        for yy in [y, y + 1] {
            for x in area.left()..area.right() {
                if let Some(cell) = buf.cell_mut((x, yy)) {
                    cell.modifier.insert(Modifier::DIM);
                }
            }
        }
        return;
    }
    // Replace the reading time with the count.
    let label = format!(" {n}处");
    let w = width16(&label, amb);
    let x = right.saturating_sub(w);
    if x <= text_x {
        return;
    }
    let base = buf.cell((x, y)).map(|c| c.style()).unwrap_or_default();
    fill(buf, x, y, w, base);
    put_str(buf, x, y, right, &label, base.patch(app.theme.accent), amb);
}

/// The word-search results list, above the bar, when it is open.
pub fn render_results(app: &App, body: Rect, buf: &mut Buffer) {
    let Some(bar) = &app.search.bar else { return };
    if !bar.results_open || body.height < 3 || body.width < 8 {
        return;
    }
    let hits = result_hits(app);
    let amb = app.opts.ambiguous;
    let theme = &app.theme;
    let rows = u16::try_from(hits.len().saturating_mul(2).saturating_add(1)).unwrap_or(u16::MAX);
    let h = rows.min(body.height.saturating_mul(2) / 3).max(2);
    let area = Rect {
        y: body.bottom().saturating_sub(h),
        height: h,
        ..body
    };
    for y in area.top()..area.bottom() {
        fill(buf, area.x, y, area.width, theme.body);
    }
    let head = match search_key(app, Action::SearchAccept) {
        Some(key) => format!("分词结果 word matches ({}) — {key} opens", hits.len()),
        None => format!("分词结果 word matches ({})", hits.len()),
    };
    put_str(
        buf,
        area.x + 1,
        area.y,
        area.right(),
        &head,
        theme.accent,
        amb,
    );
    let per = usize::from((h - 1) / 2).max(1);
    let first = bar.result_sel.saturating_sub(per - 1);
    for (slot, (k, hit)) in hits.iter().enumerate().skip(first).take(per).enumerate() {
        let Ok(s16) = u16::try_from(slot) else { break };
        let y = area.y + 1 + s16 * 2;
        let sel = k == bar.result_sel;
        let base = if sel { theme.selected } else { theme.body };
        fill(buf, area.x, y, area.width, base);
        let w = usize::from(area.width.saturating_sub(2));
        let title = crate::text::punct::shown(&hit.title, app.opts.punct);
        let title = truncate(&title, w, amb);
        put_str(
            buf,
            area.x + 1,
            y,
            area.right(),
            &title,
            base.patch(theme.title),
            amb,
        );
        let snip = crate::text::punct::shown(&hit.snippet.text, app.opts.punct);
        let snip = truncate(&snip, w, amb);
        put_str(buf, area.x + 1, y + 1, area.right(), &snip, theme.dim, amb);
    }
}

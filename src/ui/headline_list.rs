//! The headline list: two rows per article — number, read mark, title
//! (bold) and reading time; then kicker/subtitle dimmed. A title too long
//! for its row goes on over the second row instead (the kicker gives way).
//! Text is cut by display width with `…`, never through a wide character,
//! and shows punctuation the way the reading pane does.

use super::cells::{fill, put_str, width16};
use crate::app::App;
use crate::layout::Focus;
use crate::layout::ROWS_PER_ENTRY;
use crate::text::punct::shown;
use crate::text::width::{AmbiguousWidth, grapheme_width, truncate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_segmentation::UnicodeSegmentation;

/// Han characters read per minute, for the reading-time estimate.
pub const HAN_PER_MINUTE: usize = 400;

/// Reading time label: `3分` (at least one minute).
pub fn reading_time(han: usize) -> String {
    format!("{}分", han.div_ceil(HAN_PER_MINUTE).max(1))
}

/// Body bytes whose Han characters are counted exactly for the reading
/// time; past them the count is extrapolated by bytes, so a frame never
/// walks a huge article (a 500 MB one-line file) to label its row.
const HAN_SAMPLE: usize = 1 << 20;

/// Han characters of the article's body, for its reading time: exact for
/// any real article, estimated from the first [`HAN_SAMPLE`] bytes beyond.
fn reading_han(article: &crate::model::Article) -> usize {
    let total: usize = article.paragraphs.iter().map(String::len).sum();
    if total <= HAN_SAMPLE {
        return article.han_count();
    }
    let mut seen = 0;
    let mut han = 0;
    for p in &article.paragraphs {
        let mut end = (HAN_SAMPLE - seen).min(p.len());
        while !p.is_char_boundary(end) {
            end -= 1;
        }
        han += p[..end]
            .chars()
            .filter(|&c| crate::text::chars::is_han(c))
            .count();
        seen += end;
        if seen + 4 > HAN_SAMPLE {
            break;
        }
    }
    let est = han as u128 * total as u128 / seen.max(1) as u128;
    usize::try_from(est).unwrap_or(usize::MAX)
}

/// The start of `title` that two list rows of `cols` columns can show: a
/// huge paragraph standing in for a title is not converted or measured
/// whole every frame.
fn title_head(title: &str, cols: usize) -> &str {
    let mut end = title.len().min(16 * cols + 64);
    while !title.is_char_boundary(end) {
        end -= 1;
    }
    &title[..end]
}

/// `text` split where it reaches `width` columns (whole graphemes; a
/// closing mark is not left to open the second part).
fn split_at_width(text: &str, width: usize, amb: AmbiguousWidth) -> (&str, &str) {
    let mut used = 0;
    for (i, g) in text.grapheme_indices(true) {
        let w = grapheme_width(g, amb);
        if used + w > width {
            let mut cut = i;
            // `，` `。` `”` … may not start a line: take the last character
            // before it along.
            if g.chars()
                .next()
                .is_some_and(crate::text::rules::is_no_line_start)
                && let Some((j, _)) = text[..i].grapheme_indices(true).next_back()
            {
                cut = j;
            }
            return (&text[..cut], &text[cut..]);
        }
        used += w;
    }
    (text, "")
}

/// Draw the list for `app` into `area`.
pub fn render_headline_list(app: &App, area: Rect, buf: &mut Buffer) {
    let amb = app.opts.ambiguous;
    let theme = &app.theme;
    if app.issue.articles.is_empty() {
        put_str(
            buf,
            area.x + 1,
            area.y,
            area.right(),
            &tr!(app.lang; "(no articles)", "（无文章）"),
            theme.dim,
            amb,
        );
        return;
    }
    let num_w = app.issue.articles.len().to_string().len();
    let rows = usize::from(area.height / ROWS_PER_ENTRY);
    // In an issue of several pages the list holds the selected article's
    // page (its header is above, `render_page_header`).
    let span = app.list_span();
    for (slot, i) in (app.list_start()..span.end).take(rows).enumerate() {
        let Some(article) = app.issue.articles.get(i) else {
            break;
        };
        let Ok(slot16) = u16::try_from(slot) else {
            break;
        };
        let y = area.y + slot16 * ROWS_PER_ENTRY;
        let selected = i == app.view.selected;
        let base = if !selected {
            theme.body
        } else if app.view.focus == Focus::List {
            theme.selected
        } else {
            theme.selected_unfocused
        };
        fill(buf, area.x, y, area.width, base);
        fill(buf, area.x, y + 1, area.width, base);

        let read = app.view.read.get(i).copied().unwrap_or(false);
        let mark = if read { "✓" } else { " " };
        let num = format!("{:>num_w$}{mark}", i + 1);
        let num_style = if selected {
            base.patch(theme.accent)
        } else {
            theme.dim
        };
        let x0 = area.x + 1;
        let text_x = put_str(buf, x0, y, area.right(), &num, num_style, amb) + 1;

        let time = reading_time(reading_han(article));
        let time_w = width16(&time, amb);
        let right = area.right().saturating_sub(1);
        let time_x = right.saturating_sub(time_w);
        let title_max = usize::from(time_x.saturating_sub(text_x + 1));
        let sub_max = usize::from(right.saturating_sub(text_x));
        let head = title_head(article.display_title(), title_max + sub_max + 2);
        let title = shown(head, app.opts.punct);
        let (first, rest) = split_at_width(&title, title_max, amb);
        put_str(buf, text_x, y, time_x, first, base.patch(theme.title), amb);
        if time_x > text_x {
            put_str(buf, time_x, y, right, &time, base.patch(theme.dim), amb);
        }
        if rest.is_empty() {
            let sub = article
                .kicker
                .as_deref()
                .or(article.subtitle.as_deref())
                .unwrap_or("");
            let sub = shown(sub, app.opts.punct);
            let sub = truncate(&sub, sub_max, amb);
            put_str(buf, text_x, y + 1, right, &sub, base.patch(theme.dim), amb);
        } else {
            let rest = truncate(rest, sub_max, amb);
            put_str(
                buf,
                text_x,
                y + 1,
                right,
                &rest,
                base.patch(theme.title),
                amb,
            );
        }
        super::search_results::decorate_entry(app, i, area, y, text_x, buf);
    }
}

/// The page header above the list: `第02版：要闻  2/20 版`, the page of
/// the selected article and where it is among the issue's pages.
pub fn render_page_header(app: &App, area: Rect, buf: &mut Buffer) {
    let amb = app.opts.ambiguous;
    let theme = &app.theme;
    fill(buf, area.x, area.y, area.width, theme.body);
    let pages = app.pages();
    let Some(at) = pages.iter().position(|p| p.holds(app.view.selected)) else {
        return;
    };
    let heading = pages[at]
        .heading()
        .unwrap_or_else(|| tr!(app.lang; "page {}", "第{}版", at + 1));
    let count = format!("{}/{}", at + 1, pages.len());
    let right = area.right().saturating_sub(1);
    let count_x = right.saturating_sub(width16(&count, amb));
    let heading = truncate(
        &heading,
        usize::from(count_x.saturating_sub(area.x + 2)),
        amb,
    );
    put_str(
        buf,
        area.x + 1,
        area.y,
        count_x,
        &heading,
        theme.accent,
        amb,
    );
    put_str(buf, count_x, area.y, right, &count, theme.dim, amb);
}

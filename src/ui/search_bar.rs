//! The search bar: `/query` with the caret where the terminal cursor goes
//! (an input method opens its candidate window there), and on the right
//! the scope and `3/17 · 4 articles`, or the word-search state. Keys named
//! there (`Ctrl-T scope`, `Tab: 3 by words`) are looked up in the live
//! keymap's search context, so a rebinding shows. When the bar is closed
//! and a search is kept, the status row ends with the query and its count
//! instead.

use super::cells::{fill, put_str, width16};
use crate::action::Action;
use crate::app::App;
use crate::app::search_state::Scope;
use crate::input::keymap::Context;
use crate::search::words::WordSearch;
use crate::text::width::{grapheme_width, str_width};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use unicode_segmentation::UnicodeSegmentation;

/// The first key bound to `action` in the search bar, spelled for a hint
/// (`Ctrl-T`), or `None` when the keymap binds it to none.
pub fn search_key(app: &App, action: Action) -> Option<String> {
    let keys = app.keymap.keys_for(Context::Search, action);
    keys.first().map(|k| k.long_name())
}

/// The right-hand part of the open bar.
pub fn bar_status(app: &App) -> String {
    let Some(bar) = &app.search.bar else {
        return String::new();
    };
    let scope = match app.search.scope {
        Scope::Issue => "",
        Scope::Article => "[this article 本文] ",
        Scope::All => "[all issues 全部] ",
    };
    if let Some(n) = crate::app::search_jobs::indexing_archive(app) {
        return tr!(app.lang; "{scope}indexing {n} issues…", "{scope}正在索引 {n} 期…");
    }
    let words = match &bar.words {
        None => String::new(),
        Some(WordSearch::LoadingDictionary) => {
            tr!(app.lang; " · loading dictionary…", " · 词典加载中…")
        }
        Some(WordSearch::Failed) => tr!(app.lang; " · word search unavailable", " · 无法分词搜索"),
        Some(WordSearch::Ready(r)) if r.hits.is_empty() => {
            tr!(app.lang; " · no word match", " · 分词无结果")
        }
        Some(WordSearch::Ready(r)) => {
            let n = r.hits.len();
            match search_key(app, Action::SearchResults) {
                Some(key) => tr!(app.lang; " · {key}: {n} by words", " · {key}：分词 {n} 条"),
                None => tr!(app.lang; " · {n} by words", " · 分词 {n} 条"),
            }
        }
    };
    if bar.edit.text().trim().is_empty() {
        let hint = search_key(app, Action::SearchScope).map_or(String::new(), |k| k + " scope");
        return format!("{scope}{hint}").trim_end().to_string();
    }
    format!("{scope}{}{words}", app.search.summary(app.lang))
}

/// The first display column of the text shown (the window scrolls so the
/// caret stays visible) and the width available for text.
fn window(app: &App, area: Rect) -> (usize, usize, String) {
    let amb = app.opts.ambiguous;
    let status = bar_status(app);
    let sw = str_width(&status, amb);
    let width = usize::from(area.width);
    // Prompt `/` and one column of slack for the caret at the end.
    let mut avail = width.saturating_sub(2);
    let mut status = status;
    if avail >= sw + 8 {
        avail -= sw + 1;
    } else {
        status.clear();
    }
    let caret = app
        .search
        .bar
        .as_ref()
        .map_or(0, |b| b.edit.caret_column(amb));
    let start = (caret + 1).saturating_sub(avail);
    (start, avail, status)
}

/// The kept search as the status row's right end shows it (` /民生 3/17 `,
/// at most half the row), if there is one: the status bar leaves it room.
pub fn kept_text(app: &App, area: Rect) -> Option<String> {
    let kept = app.search.kept.as_ref()?;
    if app.search.bar.is_some() || area.width < 24 {
        return None;
    }
    let amb = app.opts.ambiguous;
    let text = if kept.word.is_empty() {
        format!(" /{} {} ", kept.query, app.search.summary(app.lang))
    } else {
        format!(" /{} ", kept.query)
    };
    Some(crate::text::width::truncate(&text, usize::from(area.width / 2), amb).into_owned())
}

/// Draw the open bar into the status row.
pub fn render_search_bar(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(bar) = &app.search.bar else {
        return;
    };
    if area.width == 0 || area.height == 0 {
        return;
    }
    let amb = app.opts.ambiguous;
    let theme = &app.theme;
    fill(buf, area.x, area.y, area.width, theme.body);
    let right = area.right();
    put_str(buf, area.x, area.y, right, "/", theme.accent, amb);
    let (start, avail, status) = window(app, area);
    // Draw the graphemes whose cells fall inside the window.
    let mut col = 0usize;
    let x0 = area.x.saturating_add(1);
    for g in bar.edit.text().graphemes(true) {
        let w = grapheme_width(g, amb);
        if col >= start && col + w <= start + avail {
            let x = x0.saturating_add(u16::try_from(col - start).unwrap_or(u16::MAX));
            put_str(buf, x, area.y, right, g, theme.body, amb);
        }
        col += w;
    }
    if !status.is_empty() {
        let sx = right.saturating_sub(width16(&status, amb));
        put_str(buf, sx, area.y, right, &status, theme.dim, amb);
    }
}

/// Where the terminal cursor goes while the bar is open: the caret's
/// display column (clamped to the row).
pub fn cursor_position(app: &App, area: Rect) -> Option<Position> {
    let bar = app.search.bar.as_ref()?;
    if area.width == 0 || area.height == 0 {
        return None;
    }
    let (start, _, _) = window(app, area);
    let col = bar
        .edit
        .caret_column(app.opts.ambiguous)
        .saturating_sub(start)
        + 1;
    let x = area
        .x
        .saturating_add(u16::try_from(col).unwrap_or(u16::MAX))
        .min(area.right().saturating_sub(1));
    Some(Position::new(x, area.y))
}

/// Put the terminal cursor at the caret when the bar is open (else it
/// stays hidden, as ratatui leaves it).
pub fn place_cursor(app: &App, frame: &mut Frame) {
    let vp = app.layout_for(frame.area());
    if vp.too_small {
        return;
    }
    if let Some(p) = cursor_position(app, vp.status) {
        frame.set_cursor_position(p);
    }
}

/// With the bar closed: the kept query and its count at the end of the
/// status row (`民生 3/17 · 4 articles`), unless a message is showing.
pub fn render_kept(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(text) = kept_text(app, area) else {
        return;
    };
    let amb = app.opts.ambiguous;
    let w = width16(&text, amb);
    let x = area.right().saturating_sub(w);
    // The status bar left this room (`kept_text`): nothing is cut here.
    fill(buf, x, area.y, w, app.theme.status);
    put_str(
        buf,
        x,
        area.y,
        area.right(),
        &text,
        app.theme.status.patch(app.theme.accent),
        amb,
    );
}

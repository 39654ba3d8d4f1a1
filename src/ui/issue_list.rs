//! The picker overlay (`i` issues, `'` bookmarks): it covers the panes
//! above the status bar. One row per issue — date and weekday, paper, its
//! page (or how many pages it has, or the file name), article count and
//! how many were read; failed files are marked
//! `✗` and their error shows on the bottom row when selected.

use super::cells::{fill, put_str};
use crate::app::App;
use crate::app::shelf::{PickerKind, Slot};
use crate::archive::keys::Date;
use crate::text::width::truncate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The list row for one issue (without the selection marker).
pub fn issue_row(slot: &Slot) -> String {
    let i = &slot.info;
    if let Some(e) = &slot.error {
        return format!("✗ {}  failed: {e}", i.file);
    }
    // `2019-10-31 星期四`: a reader of papers thinks in days of the week too.
    let day = i.date.as_deref().map(|d| match Date::parse(d) {
        Some(date) => format!("{d} {}", date.weekday_name()),
        None => d.to_owned(),
    });
    let mut name = match (day, &i.paper) {
        (Some(d), Some(p)) => format!("{d}  {p}"),
        (Some(d), None) => format!("{d}  {}", i.file),
        (None, Some(p)) => format!("{p}  {}", i.file),
        (None, None) => i.file.clone(),
    };
    match &i.page {
        Some(p) if i.pages <= 1 => name.push_str(&format!("  第{p}版")),
        _ if i.pages > 1 => name.push_str(&format!("  {}版", i.pages)),
        _ => {}
    }
    format!(
        "  {name}  {}篇  已读 {}/{}",
        i.articles,
        slot.read_count(),
        i.articles
    )
}

/// The title, the text of rows `range` of the open picker (only those are
/// formatted: an archive may list ten thousand issues), and the detail line
/// for the selection.
pub fn picker_rows(app: &App, range: std::ops::Range<usize>) -> (String, Vec<String>, String) {
    let shelf = &app.shelf;
    let Some(p) = shelf.picker else {
        return (String::new(), Vec::new(), String::new());
    };
    match p.kind {
        PickerKind::Issues => {
            let visible = shelf.visible();
            let rows = visible
                .get(range.start.min(visible.len())..range.end.min(visible.len()))
                .unwrap_or_default()
                .iter()
                .map(|&s| {
                    let row = issue_row(&shelf.slots[s]);
                    // A search across issues shows its hits per issue.
                    match app.search.kept.as_ref().and_then(|k| k.hits_in_slot(s)) {
                        Some(n) if n > 0 => format!("{row}  · {n} 处"),
                        _ => row,
                    }
                })
                .collect();
            let detail = visible
                .get(p.selected)
                .map(|&s| {
                    let slot = &shelf.slots[s];
                    // Relative to the folder: shorter, and the same on every machine.
                    let path = shelf
                        .dir
                        .as_deref()
                        .and_then(|d| slot.path.strip_prefix(d).ok())
                        .unwrap_or(&slot.path);
                    match &slot.error {
                        Some(e) => format!("{}: {e}", path.display()),
                        None => path.display().to_string(),
                    }
                })
                .unwrap_or_else(|| {
                    if !shelf.filter.is_empty() {
                        tr!(app.lang; "no issue matches the filter (Esc clears it)", "没有符合筛选的报刊（Esc 清除）")
                    } else if shelf.is_loading() {
                        tr!(app.lang; "loading…", "加载中…")
                    } else {
                        tr!(app.lang; "no issues found (.txt)", "没有找到报刊（.txt）")
                    }
                });
            let title = if shelf.filter.is_empty() {
                format!(" 报刊 issues {}/{} ", shelf.order.len(), shelf.slots.len())
            } else {
                let typed = crate::text::safe::line(&shelf.filter);
                format!(
                    " 报刊 issues {}/{} · {typed}_ ",
                    visible.len(),
                    shelf.order.len()
                )
            };
            (title, rows, detail)
        }
        PickerKind::Pages => {
            let pages = app.pages();
            let read = |p: &crate::archive::merge::PageSpan| {
                (p.first..p.first + p.len)
                    .filter(|&a| app.view.read.get(a).copied().unwrap_or(false))
                    .count()
            };
            let rows = (pages.iter().enumerate())
                .skip(range.start)
                .take(range.len())
                .map(|(i, p)| {
                    let name = p.heading().unwrap_or_else(|| format!("{}", i + 1));
                    format!("  {name}  {}篇  已读 {}/{}", p.len, read(p), p.len)
                })
                .collect();
            (format!(" 版面 pages {} ", pages.len()), rows, String::new())
        }
        PickerKind::Bookmarks => {
            let marks = shelf.bookmarks();
            let rows = marks
                .iter()
                .skip(range.start)
                .take(range.len())
                .map(|&(s, a, para)| {
                    let slot = &shelf.slots[s];
                    let issue = if shelf.current == Some(s) {
                        Some(&app.issue)
                    } else {
                        slot.issue.as_ref()
                    };
                    let title = issue
                        .and_then(|i| i.articles.get(a))
                        .map_or("", |art| art.display_title());
                    let when = slot.info.date.as_deref().unwrap_or(&slot.info.file);
                    format!("  {when}  {}. {title}  ¶{para}", a + 1)
                })
                .collect();
            let title = format!(" 书签 bookmarks {} ", marks.len());
            (title, rows, String::new())
        }
    }
}

/// Draw the picker over `area`.
pub fn render_picker(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(p) = app.shelf.picker else { return };
    let amb = app.opts.ambiguous;
    let theme = &app.theme;
    for y in area.y..area.bottom() {
        fill(buf, area.x, y, area.width, theme.body);
    }
    if area.height < 3 || area.width < 4 {
        return;
    }
    let list_h = usize::from(area.height - 2);
    // Page-wise scrolling: the selection is always on screen.
    let offset = p.selected / list_h * list_h;
    let (title, rows, detail) = picker_rows(app, offset..offset + list_h);
    let right = area.right().saturating_sub(1);
    put_str(buf, area.x + 1, area.y, right, &title, theme.accent, amb);
    let max = usize::from(right.saturating_sub(area.x + 1));
    for (dy, row) in rows.iter().enumerate() {
        let i = offset + dy;
        let Ok(dy) = u16::try_from(dy) else {
            break;
        };
        let y = area.y + 1 + dy;
        let selected = i == p.selected;
        let style = if selected { theme.selected } else { theme.body };
        if selected {
            fill(buf, area.x, y, area.width, style);
        }
        let current = p.kind == PickerKind::Issues
            && app.shelf.order.get(i).copied() == app.shelf.current
            && app.shelf.current.is_some();
        let mut text = row.clone();
        if current && text.starts_with(' ') {
            text.replace_range(0..1, "▸");
        }
        put_str(
            buf,
            area.x + 1,
            y,
            right,
            &truncate(&text, max, amb),
            style,
            amb,
        );
    }
    let y = area.bottom() - 1;
    put_str(
        buf,
        area.x + 1,
        y,
        right,
        &truncate(&detail, max, amb),
        theme.dim,
        amb,
    );
}

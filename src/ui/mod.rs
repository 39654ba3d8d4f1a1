//! Drawing: `render(&App, &mut Frame)` is a function of state. It reads the
//! viewport from the same pure `layout` that `update` uses and never
//! changes the app.

pub mod cells;
pub mod headline_list;
pub mod help;
pub mod issue_list;
pub mod reading_pane;
pub mod search_bar;
pub mod search_results;
pub mod status_bar;

use crate::app::App;
use crate::layout::Focus;
use cells::put_str;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// Draw the whole screen for `app`.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    render_into(app, area, frame.buffer_mut());
}

/// Draw the whole screen into a buffer region (used by `render` and by
/// tests and benches that skip the terminal).
pub fn render_into(app: &App, area: Rect, buf: &mut Buffer) {
    let vp = app.layout_for(area);
    let amb = app.opts.ambiguous;
    if vp.too_small {
        // Any size down to 1×1 must draw something sane and never panic.
        let notice = if area.width >= 8 {
            "窗口太小"
        } else {
            "…"
        };
        put_str(
            buf,
            area.x,
            area.y,
            area.right(),
            notice,
            app.theme.dim,
            amb,
        );
        return;
    }
    if let Some(list) = vp.list {
        headline_list::render_headline_list(app, list, buf);
    }
    if let Some(header) = vp.list_header {
        headline_list::render_page_header(app, header, buf);
    }
    if let (Some(head), Some(text)) = (vp.running_head, app.running_head()) {
        let text = crate::text::width::truncate(&text, usize::from(head.width), amb);
        cells::put_str(buf, head.x, head.y, head.right(), &text, app.theme.dim, amb);
    }
    if let Some(div) = vp.divider {
        // `│` is ambiguous-width; a wide one would push the pane right.
        let bar = match amb {
            crate::text::width::AmbiguousWidth::Narrow => "│",
            crate::text::width::AmbiguousWidth::Wide => "|",
        };
        let style = if app.view.focus == Focus::Reader {
            app.theme.accent
        } else {
            app.theme.dim
        };
        for y in div.y..div.bottom() {
            put_str(buf, div.x, y, div.right(), bar, style, amb);
        }
    }
    if vp.reader.is_some() {
        reading_pane::render_reading_pane(app, &vp, buf);
    }
    if app.search.bar.is_some() {
        let body = Rect {
            height: area.height.saturating_sub(1),
            ..area
        };
        search_results::render_results(app, body, buf);
        search_bar::render_search_bar(app, vp.status, buf);
    } else {
        status_bar::render_status_bar(app, vp.status, buf);
        search_bar::render_kept(app, vp.status, buf);
    }
    if app.help.is_some() {
        let body = Rect {
            height: area.height.saturating_sub(1),
            ..area
        };
        help::render_help(app, body, buf);
    } else if app.shelf.picker.is_some() {
        let body = Rect {
            height: area.height.saturating_sub(1),
            ..area
        };
        issue_list::render_picker(app, body, buf);
    }
}

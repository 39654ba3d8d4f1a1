//! The issue / bookmark / page picker's keys: move, page, close, and open
//! the chosen issue, bookmark or page.

use super::article_layout::Anchor;
use super::issues::{enter, update};
use super::shelf::{Picker, PickerKind};
use super::state::App;
use crate::action::{Action, Effect};
use crate::layout::Viewport;

/// Rows one wheel notch moves the selection.
const WHEEL_ROWS: usize = 3;

/// Keys while the picker is open.
pub fn update_picker(app: &mut App, action: Action, vp: &Viewport) -> Effect {
    let Some(mut p) = app.shelf.picker else {
        return Effect::None;
    };
    let n = app.shelf.picker_len();
    let last = n.saturating_sub(1);
    let page = usize::from(vp.area.height.saturating_sub(6).max(1));
    match action {
        Action::Quit => return Effect::Quit,
        // On the first screen there is no reader to go back to: `q` quits,
        // `Esc` stays (never close onto an empty reader).
        Action::Leave if app.shelf.current.is_none() => return Effect::Quit,
        // Esc clears a filter before it closes anything.
        Action::ClosePicker if !app.shelf.filter.is_empty() => {
            app.shelf.filter.clear();
            p.selected = 0;
        }
        Action::ClosePicker | Action::IssueList if app.shelf.current.is_none() => {
            return Effect::None;
        }
        Action::ClosePicker | Action::IssueList | Action::Leave => {
            app.shelf.picker = None;
            return Effect::Redraw;
        }
        Action::Down => p.selected = (p.selected + 1).min(last),
        Action::Up => p.selected = p.selected.saturating_sub(1),
        Action::PageDown | Action::ReadOn => p.selected = (p.selected + page).min(last),
        Action::PageUp => p.selected = p.selected.saturating_sub(page),
        Action::Top => p.selected = 0,
        Action::Bottom => p.selected = last,
        Action::Rescan => return update(app, action),
        Action::Filter(c) if p.kind == PickerKind::Issues => {
            app.shelf.filter.push(c);
            p.selected = 0;
        }
        Action::FilterDelete if p.kind == PickerKind::Issues => {
            app.shelf.filter.pop();
            p.selected = 0;
        }
        Action::Wheel(_, _, down) => {
            p.selected = if down {
                (p.selected + WHEEL_ROWS).min(last)
            } else {
                p.selected.saturating_sub(WHEEL_ROWS)
            };
        }
        Action::Click(_, y) => {
            // Rows as `ui::issue_list` draws them: a title row, then a page
            // of rows that always holds the selection.
            let list_h = usize::from(vp.status.y.saturating_sub(vp.area.y + 2)).max(1);
            let offset = p.selected / list_h * list_h;
            let Some(row) = usize::from(y).checked_sub(usize::from(vp.area.y) + 1) else {
                return Effect::None;
            };
            let i = offset + row;
            if row >= list_h || i > last || n == 0 {
                return Effect::None;
            }
            if i == p.selected {
                // A click on the selected row opens it.
                app.shelf.picker = Some(p);
                pick(app, p);
                return Effect::Redraw;
            }
            p.selected = i;
        }
        Action::Help => {
            app.help = Some(0);
            return Effect::Redraw;
        }
        Action::Resize => {}
        Action::Open => {
            app.shelf.picker = Some(p);
            pick(app, p);
            return Effect::Redraw;
        }
        _ => return Effect::None,
    }
    app.shelf.picker = Some(p);
    Effect::Redraw
}

fn pick(app: &mut App, p: Picker) {
    match p.kind {
        PickerKind::Issues => {
            let Some(&s) = app.shelf.visible().get(p.selected) else {
                return;
            };
            if enter(app, s) {
                app.shelf.touched = true;
                app.shelf.picker = None;
            }
        }
        PickerKind::Pages => {
            let Some(first) = app.pages().get(p.selected).map(|pg| pg.first) else {
                return;
            };
            app.shelf.picker = None;
            if first < app.issue.articles.len() {
                app.view.open_article(first, Anchor::default());
            }
        }
        PickerKind::Bookmarks => {
            let Some(&(s, article, para)) = app.shelf.bookmarks().get(p.selected) else {
                return;
            };
            if !enter(app, s) || article >= app.issue.articles.len() {
                return;
            }
            app.shelf.touched = true;
            app.shelf.picker = None;
            let at = Anchor {
                block: para,
                byte: 0,
            };
            app.view.open_article(article, at);
        }
    }
}

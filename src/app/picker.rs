//! The issue / bookmark / page picker's keys: move, page, close, and open
//! the chosen issue, bookmark or page.

use super::article_layout::Anchor;
use super::issues::{enter, update};
use super::shelf::{Picker, PickerKind};
use super::state::App;
use crate::action::{Action, Effect};
use crate::layout::Viewport;

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
            let Some(&s) = app.shelf.order.get(p.selected) else {
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

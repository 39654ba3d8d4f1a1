//! The status bar: paper, date and page, article i/n, position, then either a
//! message or short key hints looked up in the live keymap (so a rebinding
//! shows up here without anyone editing this file).

use super::cells::{fill, put_str, width16};
use crate::action::Action;
use crate::app::App;
use crate::input::keymap::Context;
use crate::layout::Focus;
use crate::model::Issue;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// The actions hinted at, with their short labels.
const HINTS_LIST: &[(Action, &str)] = &[
    (Action::Down, "down"),
    (Action::ReadOn, "page"),
    (Action::NextArticle, "next"),
    (Action::Open, "open"),
    (Action::Help, "help"),
    (Action::Quit, "quit"),
];

/// Hints in the narrow one-pane article view: the way back matters more
/// than `open` there.
const HINTS_NARROW_READER: &[(Action, &str)] = &[
    (Action::Down, "down"),
    (Action::ReadOn, "page"),
    (Action::NextArticle, "next"),
    (Action::FocusList, "list"),
    (Action::Help, "help"),
    (Action::Quit, "quit"),
];

/// Hints while the issue or bookmark list is open over the reader.
const HINTS_PICKER: &[(Action, &str)] = &[
    (Action::Down, "down"),
    (Action::Open, "open"),
    (Action::ClosePicker, "close"),
    (Action::Rescan, "rescan"),
    (Action::Help, "help"),
    (Action::Leave, "back"),
];

/// Hints while the issue list is the first screen: nothing to close.
const HINTS_FIRST_SCREEN: &[(Action, &str)] = &[
    (Action::Down, "down"),
    (Action::Open, "open"),
    (Action::Rescan, "rescan"),
    (Action::Help, "help"),
    (Action::Leave, "quit"),
];

/// A short name for the issue: paper and date, else the file name.
pub fn issue_name(issue: &Issue) -> String {
    let m = issue.masthead.as_ref();
    match (
        m.and_then(|m| m.paper.as_deref()),
        m.and_then(|m| m.date.as_deref()),
    ) {
        (Some(p), Some(d)) => format!("{p} {d}"),
        (Some(p), None) => p.to_string(),
        _ => issue.source.clone(),
    }
}

/// Where the reader is, for the status bar: paper and date (the
/// masthead's, else what the archive knows of the issue), then the open
/// article's page — `人民日报 2019-10-31 第02版`.
pub fn place_name(app: &App) -> String {
    let mut name = app
        .paper_and_day()
        .unwrap_or_else(|| issue_name(&app.issue));
    if let Some(label) = app.page_of(app.view.open).and_then(|p| p.label.as_ref()) {
        name.push_str(&format!(" 第{label}版"));
    }
    name
}

/// `j down  Space page  ] next  Enter open  ? help  q quit`, from the live
/// keymap (first key bound to each action).
pub fn key_hints(app: &App) -> String {
    key_hint_list(app)
        .into_iter()
        .map(|(_, h)| h)
        .collect::<Vec<_>>()
        .join("  ")
}

/// The hints for the screen on show, each with its action.
fn key_hint_list(app: &App) -> Vec<(Action, String)> {
    let hints = if app.shelf.picker.is_some() && app.shelf.current.is_none() {
        HINTS_FIRST_SCREEN
    } else if app.shelf.picker.is_some() {
        HINTS_PICKER
    } else if app.view.viewport.narrow && app.view.focus == Focus::Reader {
        HINTS_NARROW_READER
    } else {
        HINTS_LIST
    };
    let context = context(app);
    hints
        .iter()
        .filter_map(|&(action, label)| Some((action, hint(app, context, action, label)?)))
        .collect()
}

/// Draw the status bar into `area` (one row).
pub fn render_status_bar(app: &App, area: Rect, buf: &mut Buffer) {
    let amb = app.opts.ambiguous;
    let theme = &app.theme;
    fill(buf, area.x, area.y, area.width, theme.status);
    let n = app.issue.articles.len();
    let where_ = if n == 0 {
        "0/0".to_string()
    } else if app.view.focus == Focus::Reader || !app.view.viewport.narrow {
        format!("{}/{}  {}%", app.view.open + 1, n, app.percent())
    } else {
        format!("{}/{}", app.view.selected + 1, n)
    };
    // The kept search (drawn after this, at the right end) has its room;
    // the rest of the row is shared below.
    let kept = super::search_bar::kept_text(app, area).map_or(0, |t| width16(&t, amb));
    let right = area.right().saturating_sub(kept).max(area.x + 1);
    let mut x = area.x + 1;
    // A long name (a deep path, a long file name) is cut with `…` to half
    // the row, so the position and the messages keep their place.
    let name = place_name(app);
    let name = crate::text::width::truncate(&name, usize::from(area.width / 2), amb);
    x = put_str(
        buf,
        x,
        area.y,
        right,
        &name,
        theme.status.patch(theme.accent),
        amb,
    );
    x = put_str(buf, x + 2, area.y, right, &where_, theme.status, amb);
    let x = x + 2;
    if x >= right {
        return;
    }
    // `? help` always shows: the way to every key and to the full text of
    // a message cut short here.
    let help = hint(app, context(app), Action::Help, "help");
    let help_w = help.as_deref().map_or(0, |h| width16(h, amb) + 2);
    let progress = app.shelf.progress();
    if let Some(msg) = app.message.as_ref().or(progress.as_ref()) {
        let avail = usize::from((right - x - 1).saturating_sub(help_w));
        let msg = crate::text::width::truncate(msg, avail, amb);
        put_str(
            buf,
            x,
            area.y,
            right,
            &msg,
            theme.status.patch(theme.message),
            amb,
        );
        if let Some(help) = help.filter(|_| right - x - 1 > help_w + 8) {
            let hx = right - 1 - width16(&help, amb);
            put_str(buf, hx, area.y, right, &help, theme.status, amb);
        }
    } else {
        // Drop hints from the end until they fit, rather than cutting one;
        // the help hint goes last of all.
        let mut hints = key_hint_list(app);
        let joined = |h: &[(Action, String)]| {
            h.iter()
                .map(|(_, s)| s.as_str())
                .collect::<Vec<_>>()
                .join("  ")
        };
        while width16(&joined(&hints), amb) > right - x - 1 {
            let drop = hints.iter().rposition(|(a, _)| *a != Action::Help);
            match drop.or(hints.len().checked_sub(1)) {
                Some(i) => {
                    hints.remove(i);
                }
                None => break,
            }
        }
        let hints = joined(&hints);
        let hx = right - 1 - width16(&hints, amb);
        put_str(buf, hx.max(x), area.y, right, &hints, theme.status, amb);
    }
}

/// The keymap context the status bar's keys are in.
fn context(app: &App) -> Context {
    if app.shelf.picker.is_some() {
        Context::Picker
    } else {
        Context::Main
    }
}

/// `KEY label` for `action` in `context`, from the live keymap.
fn hint(app: &App, context: Context, action: Action, label: &str) -> Option<String> {
    let key = app.keymap.keys_for(context, action).into_iter().next()?;
    Some(format!("{key} {label}"))
}

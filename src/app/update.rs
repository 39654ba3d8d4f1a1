//! `update`: the state machine. It changes `App` in response to one
//! `Action` and returns an `Effect`; it performs no I/O and never touches
//! the terminal, so every behaviour is testable with plain values.

use super::{App, MAX_MEASURE, MIN_MEASURE};
use crate::action::{Action, Effect};
use crate::layout::Focus;
use crate::layout::{ROWS_PER_ENTRY, Viewport};
use ratatui::layout::{Position, Rect};

/// Lines the mouse wheel scrolls.
const WHEEL_LINES: usize = 3;

/// Apply `action` to `app`; `vp` is the current screen layout.
pub fn update(app: &mut App, action: Action, vp: &Viewport) -> Effect {
    let n = app.issue.articles.len();
    if app.help.is_some() {
        return update_help(app, action);
    }
    if app.shelf.picker.is_some() {
        return super::shelf::update_picker(app, action, vp);
    }
    match action {
        Action::Quit => return Effect::Quit,
        Action::NextIssue
        | Action::PrevIssue
        | Action::IssueList
        | Action::ClosePicker
        | Action::ToggleRead
        | Action::ToggleBookmark
        | Action::Bookmarks
        | Action::Rescan => return super::shelf::update(app, action),
        Action::Help => app.help = Some(0),
        Action::CloseHelp | Action::Resize => {}
        Action::Down => match app.focus {
            Focus::List => app.selected = (app.selected + 1).min(n.saturating_sub(1)),
            Focus::Reader => scroll(app, vp, 1),
        },
        Action::Up => match app.focus {
            Focus::List => app.selected = app.selected.saturating_sub(1),
            Focus::Reader => scroll(app, vp, -1),
        },
        Action::PageDown | Action::PageUp => {
            let down = action == Action::PageDown;
            match app.focus {
                Focus::List => {
                    let step = vp.list_entries();
                    app.selected = if down {
                        (app.selected + step).min(n.saturating_sub(1))
                    } else {
                        app.selected.saturating_sub(step)
                    };
                }
                Focus::Reader => {
                    // Keep one line of context across the page turn.
                    let step = to_isize(vp.page_height().saturating_sub(1).max(1));
                    scroll(app, vp, if down { step } else { -step });
                }
            }
        }
        Action::Top => match app.focus {
            Focus::List => app.selected = 0,
            Focus::Reader => set_top(app, 0),
        },
        Action::Bottom => match app.focus {
            Focus::List => app.selected = n.saturating_sub(1),
            Focus::Reader => set_top(app, max_top(app, vp)),
        },
        Action::Open => open(app, app.selected),
        Action::ToggleFocus => {
            app.focus = match app.focus {
                Focus::List => Focus::Reader,
                Focus::Reader => Focus::List,
            }
        }
        Action::FocusList => app.focus = Focus::List,
        Action::FocusReader => {
            if n > 0 {
                app.focus = Focus::Reader;
            }
        }
        Action::NextArticle => {
            if app.open + 1 < n {
                open(app, app.open + 1);
            } else {
                app.message = Some("last article / 已是最后一篇".into());
            }
        }
        Action::PrevArticle => {
            if app.open > 0 {
                open(app, app.open - 1);
            } else {
                app.message = Some("first article / 已是第一篇".into());
            }
        }
        Action::Wider | Action::Narrower => {
            let m = app.opts.measure;
            app.opts.measure = if action == Action::Wider {
                m.saturating_add(2).min(MAX_MEASURE)
            } else {
                m.saturating_sub(2).max(MIN_MEASURE)
            };
            app.message = Some(format!("measure {} columns", app.opts.measure));
        }
        Action::TogglePunct => {
            app.opts.punct = !app.opts.punct;
            let state = if app.opts.punct {
                "full-width"
            } else {
                "as stored"
            };
            app.message = Some(format!("punctuation: {state}"));
        }
        Action::ToggleSpacing => {
            app.opts.para_spacing = !app.opts.para_spacing;
            let state = if app.opts.para_spacing { "on" } else { "off" };
            app.message = Some(format!("paragraph spacing {state}"));
        }
        Action::Search => super::search_state::open_bar(app),
        Action::NextHit => super::search_state::step(app, vp, true),
        Action::PrevHit => super::search_state::step(app, vp, false),
        Action::ClearSearch => super::search_state::clear(app),
        Action::ToggleKeywords => super::search_state::toggle_keywords(app),
        Action::Click(x, y) => click(app, vp, x, y),
        Action::Wheel(x, y, down) => {
            let at = Position::new(x, y);
            if vp.list.is_some_and(|r| r.contains(at)) {
                app.selected = if down {
                    (app.selected + 1).min(n.saturating_sub(1))
                } else {
                    app.selected.saturating_sub(1)
                };
            } else if vp.reader.is_some_and(|r| r.contains(at)) {
                let d = to_isize(WHEEL_LINES);
                scroll(app, vp, if down { d } else { -d });
            } else {
                return Effect::None;
            }
        }
        Action::CopyText | Action::CopyMarkdown | Action::OpenInPager => {
            return super::share::share(app, action);
        }
    }
    Effect::Redraw
}

/// Keys while the help overlay is open: scroll it, close it, or quit.
fn update_help(app: &mut App, action: Action) -> Effect {
    match action {
        Action::Quit => return Effect::Quit,
        Action::CloseHelp | Action::Help => app.help = None,
        Action::Down => {
            // Enough for every help line (rows, headings, config problems).
            let limit = app.keymap.bindings().len() + app.config_errors.len() + 4;
            app.help = app.help.map(|h| (h + 1).min(limit));
        }
        Action::Up => app.help = app.help.map(|h| h.saturating_sub(1)),
        Action::Resize => {}
        _ => return Effect::None,
    }
    Effect::Redraw
}

/// Open article `i` at its top and give it the keyboard.
fn open(app: &mut App, i: usize) {
    if i >= app.issue.articles.len() {
        return;
    }
    app.open = i;
    app.selected = i;
    app.opened = true;
    app.focus = Focus::Reader;
    app.top = 0;
    app.anchor = Default::default();
    // The layout is for another article now; `sync` rebuilds it.
    app.layout = None;
}

fn click(app: &mut App, vp: &Viewport, x: u16, y: u16) {
    let at = Position::new(x, y);
    if let Some(list) = vp.list.filter(|r| r.contains(at)) {
        let i = app.list_offset + usize::from((y - list.y) / ROWS_PER_ENTRY);
        open(app, i);
    } else if vp.reader.is_some_and(|r: Rect| r.contains(at)) && !app.issue.articles.is_empty() {
        app.focus = Focus::Reader;
    }
}

fn max_top(app: &App, vp: &Viewport) -> usize {
    app.line_count().saturating_sub(vp.page_height())
}

fn to_isize(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

/// Scroll the reading pane by `delta` lines, saying so at either end.
fn scroll(app: &mut App, vp: &Viewport, delta: isize) {
    let max = max_top(app, vp);
    let target = app.top.saturating_add_signed(delta).min(max);
    if target == app.top {
        app.message = Some(if delta < 0 {
            "top of article / 已到开头".into()
        } else {
            "end of article / 已到末尾".into()
        });
    }
    set_top(app, target);
}

/// Move the top line and re-anchor the reading position on it.
fn set_top(app: &mut App, top: usize) {
    app.top = top;
    if let Some(layout) = &app.layout {
        app.anchor = layout.anchor_at(top);
    }
}

//! `update`: the state machine. It changes `App` in response to one
//! `Action` and returns an `Effect`; it performs no I/O and never touches
//! the terminal, so every behaviour is testable with plain values.

use super::article_layout::Anchor;
use super::state::{App, MAX_MEASURE, MIN_MEASURE};
use crate::action::{Action, Effect};
use crate::layout::Focus;
use crate::layout::{ROWS_PER_ENTRY, Viewport};
use ratatui::crossterm::event::Event;
use ratatui::layout::{Position, Rect};

impl App {
    /// Handle one terminal event for a terminal of size `area`: map it,
    /// update, and re-sync the layout. Pure state change; no I/O.
    pub fn handle_event(&mut self, ev: &Event, area: Rect) -> Effect {
        self.view.settle(self.now);
        let vp = self.layout_for(area);
        // A key in the bar clears the message, unless it says something
        // itself (a paste cut short).
        let old = self.message.take();
        if let Some(changed) = super::search_keys::handle_bar_event(self, ev, &vp) {
            self.sync(area);
            return if changed {
                Effect::Redraw
            } else {
                Effect::None
            };
        }
        self.message = old;
        let Some(action) = self.action_for(ev) else {
            return Effect::None;
        };
        self.apply(action, area)
    }

    /// Apply one action for a terminal of size `area`.
    pub fn apply(&mut self, action: Action, area: Rect) -> Effect {
        // What stood on screen until now counts before the action moves on.
        self.view.settle(self.now);
        let vp = self.layout_for(area);
        // A message lasts until the next action (a resize keeps it).
        let cleared = !matches!(action, Action::Resize) && self.message.take().is_some();
        let effect = update(self, action, &vp);
        self.sync(area);
        let effect = super::issues::after_update(self, effect);
        match effect {
            Effect::None if cleared => Effect::Redraw,
            e => e,
        }
    }
}

/// Lines the mouse wheel scrolls.
const WHEEL_LINES: usize = 3;

/// Apply `action` to `app`; `vp` is the current screen layout.
pub fn update(app: &mut App, action: Action, vp: &Viewport) -> Effect {
    let n = app.issue.articles.len();
    if app.help.is_some() {
        return update_help(app, action, vp);
    }
    if app.shelf.picker.is_some() {
        return super::picker::update_picker(app, action, vp);
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
        | Action::PageList
        | Action::Rescan => return super::issues::update(app, action),
        Action::NextPage | Action::PrevPage => {
            super::pages::turn_page(app, action == Action::NextPage)
        }
        Action::FollowJump => super::pages::follow_jump(app),
        Action::JumpBack => super::pages::jump_back(app),
        Action::Help => app.help = Some(0),
        Action::CloseHelp | Action::Resize | Action::Filter(_) | Action::FilterDelete => {}
        Action::Down => match app.view.focus {
            Focus::List => app.view.selected = (app.view.selected + 1).min(n.saturating_sub(1)),
            Focus::Reader => scroll(app, vp, 1),
        },
        Action::Up => match app.view.focus {
            Focus::List => app.view.selected = app.view.selected.saturating_sub(1),
            Focus::Reader => scroll(app, vp, -1),
        },
        Action::PageDown | Action::PageUp => {
            let down = action == Action::PageDown;
            match app.view.focus {
                Focus::List => {
                    let step = vp.list_entries();
                    app.view.selected = if down {
                        (app.view.selected + step).min(n.saturating_sub(1))
                    } else {
                        app.view.selected.saturating_sub(step)
                    };
                }
                Focus::Reader => {
                    // Keep one line of context across the page turn.
                    let step = to_isize(vp.page_height().saturating_sub(1).max(1));
                    scroll(app, vp, if down { step } else { -step });
                }
            }
        }
        Action::Top => match app.view.focus {
            Focus::List => app.view.selected = 0,
            Focus::Reader => app.view.go_top(vp.page_height()),
        },
        Action::Bottom => match app.view.focus {
            Focus::List => app.view.selected = n.saturating_sub(1),
            Focus::Reader => app.view.go_bottom(vp.page_height()),
        },
        Action::Open => open(app, app.view.selected),
        Action::ToggleFocus => match app.view.focus {
            Focus::List => to_reader(app),
            Focus::Reader => app.view.focus = Focus::List,
        },
        Action::FocusList => app.view.focus = Focus::List,
        Action::FocusReader => to_reader(app),
        Action::ReadOn => match app.view.focus {
            Focus::List => {
                app.view.selected =
                    (app.view.selected + vp.list_entries()).min(n.saturating_sub(1));
            }
            Focus::Reader => read_on(app, vp),
        },
        Action::NextUnread => next_unread(app),
        Action::NextArticle => {
            if app.view.open + 1 < n {
                open(app, app.view.open + 1);
            } else {
                app.message = Some(tr!(app.lang; "last article", "已是最后一篇"));
            }
        }
        Action::PrevArticle => {
            if app.view.open > 0 {
                open(app, app.view.open - 1);
            } else {
                app.message = Some(tr!(app.lang; "first article", "已是第一篇"));
            }
        }
        Action::Wider | Action::Narrower => measure(app, vp, action == Action::Wider),
        Action::ListWider | Action::ListNarrower => {
            list_width(app, vp, action == Action::ListWider);
        }
        Action::TogglePunct => {
            app.opts.punct = !app.opts.punct;
            app.opts_changed = true;
            app.message = Some(if app.opts.punct {
                tr!(app.lang; "punctuation: full-width", "标点：全角")
            } else {
                tr!(app.lang; "punctuation: as stored", "标点：按原文")
            });
        }
        Action::ToggleSpacing => {
            app.opts.para_spacing = !app.opts.para_spacing;
            app.opts_changed = true;
            app.message = Some(if app.opts.para_spacing {
                tr!(app.lang; "paragraph spacing on", "段间空行：开")
            } else {
                tr!(app.lang; "paragraph spacing off", "段间空行：关")
            });
        }
        Action::Search => super::search_nav::open_bar(app),
        Action::NextHit => super::search_nav::step(app, vp, true),
        Action::PrevHit => super::search_nav::step(app, vp, false),
        Action::ClearSearch => super::search_nav::clear(app),
        Action::ToggleKeywords => super::search_nav::toggle_keywords(app),
        Action::Click(x, y) => click(app, vp, x, y),
        Action::Wheel(x, y, down) => {
            let at = Position::new(x, y);
            if vp.list.is_some_and(|r| r.contains(at)) {
                app.view.selected = if down {
                    (app.view.selected + 1).min(n.saturating_sub(1))
                } else {
                    app.view.selected.saturating_sub(1)
                };
            } else if vp.reader.is_some_and(|r| r.contains(at)) {
                let d = to_isize(WHEEL_LINES);
                scroll(app, vp, if down { d } else { -d });
            } else {
                return Effect::None;
            }
        }
        // The search bar's actions (its keys are handled in `search_keys`).
        Action::SearchAccept
        | Action::SearchCancel
        | Action::SearchOlder
        | Action::SearchNewer
        | Action::SearchResults
        | Action::SearchScope
        | Action::SearchBackspace
        | Action::SearchDeleteWord
        | Action::SearchDeleteToStart
        | Action::SearchLeft
        | Action::SearchRight
        | Action::SearchHome
        | Action::SearchEnd
        | Action::Leave => return Effect::None,
        Action::CopyText | Action::CopyMarkdown | Action::OpenInPager => {
            return super::share::share(app, action);
        }
    }
    Effect::Redraw
}

/// Keys while the help overlay is open: scroll it (a line, a page, to
/// either end: never past its last line), close it, or quit.
fn update_help(app: &mut App, action: Action, vp: &Viewport) -> Effect {
    let max = super::help_text::max_scroll(app, vp.area.width, vp.area.height);
    let page = super::help_text::visible_rows(vp.area.height)
        .saturating_sub(1)
        .max(1);
    let at = app.help.unwrap_or(0).min(max);
    let to = match action {
        Action::Quit => return Effect::Quit,
        Action::CloseHelp | Action::Help => {
            app.help = None;
            return Effect::Redraw;
        }
        Action::Down => at + 1,
        Action::Up => at.saturating_sub(1),
        Action::PageDown | Action::ReadOn => at + page,
        Action::PageUp => at.saturating_sub(page),
        Action::Top => 0,
        Action::Bottom => max,
        Action::Wheel(_, _, down) if down => at + WHEEL_LINES,
        Action::Wheel(..) => at.saturating_sub(WHEEL_LINES),
        Action::Resize => at,
        _ => return Effect::None,
    };
    app.help = Some(to.min(max));
    Effect::Redraw
}

/// Open article `i` at its top and give it the keyboard.
fn open(app: &mut App, i: usize) {
    if i < app.issue.articles.len() {
        app.view.open_article(i, Anchor::default());
    }
}

/// `+`/`-`: widen or narrow the text column by two, within what the
/// window shows (so `-` acts at once after `+` hit the window's edge).
fn measure(app: &mut App, vp: &Viewport, wider: bool) {
    let widest = vp.reader.map_or(MAX_MEASURE, crate::layout::widest_column);
    let now = app.opts.measure.min(widest.max(MIN_MEASURE));
    let next = if wider {
        now.saturating_add(2)
            .min(MAX_MEASURE)
            .min(widest.max(MIN_MEASURE))
    } else {
        now.saturating_sub(2).max(MIN_MEASURE)
    };
    app.message = Some(if wider && next == now && now < MAX_MEASURE {
        tr!(app.lang; "measure {now} columns: the widest this window shows", "版心 {now} 列：窗口最宽")
    } else if next == now {
        tr!(app.lang; "measure {now} columns: the limit", "版心 {now} 列：已到极限")
    } else {
        tr!(app.lang; "measure {next} columns", "版心 {next} 列")
    });
    // `+` never narrows a measure the window caps; `-` starts from what
    // is shown.
    if (wider && next > app.opts.measure) || (!wider && next < app.opts.measure) {
        app.opts.measure = next;
        app.opts_changed = true;
    }
}

/// `(`/`)`: the headline list two columns narrower or wider, between 16
/// columns and half the window.
fn list_width(app: &mut App, vp: &Viewport, wider: bool) {
    let width = vp.area.width;
    let now = vp.list.filter(|_| vp.divider.is_some()).map_or_else(
        || crate::layout::list_columns(width, app.opts.list_width),
        |r| r.width,
    );
    let widest = (width / 2).clamp(MIN_LIST, MAX_LIST);
    let next = if wider {
        now.saturating_add(2).min(widest)
    } else {
        now.saturating_sub(2).max(MIN_LIST)
    };
    app.message = Some(if next == now {
        tr!(app.lang; "list {now} columns: the limit", "标题栏 {now} 列：已到极限")
    } else {
        tr!(app.lang; "list {next} columns", "标题栏 {next} 列")
    });
    if next != now {
        app.opts.list_width = next;
        app.opts_changed = true;
    }
}

/// The headline list's narrowest and widest (`list_width`).
const MIN_LIST: u16 = 16;
const MAX_LIST: u16 = 120;

/// The keyboard to the reading pane, which shows the selected headline's
/// article: the article on screen is the one being read.
fn to_reader(app: &mut App) {
    if app.issue.articles.is_empty() {
        return;
    }
    if app.view.selected == app.view.open {
        app.view.focus = Focus::Reader;
    } else {
        open(app, app.view.selected);
    }
}

/// `Space`: a page down; at the end of the article, the next article.
fn read_on(app: &mut App, vp: &Viewport) {
    let step = to_isize(vp.page_height().saturating_sub(1).max(1));
    if app.view.scroll(step, vp.page_height()) {
        return;
    }
    app.view.mark_read();
    let next = app.view.open + 1;
    match app.issue.articles.get(next) {
        Some(a) => {
            let title = crate::text::safe::line(a.display_title()).into_owned();
            open(app, next);
            app.message = Some(tr!(app.lang; "next: {title}", "下一篇：{title}"));
        }
        None => app.message = Some(tr!(app.lang; "last article", "已是最后一篇")),
    }
}

/// Open the first unread article after the open one (wrapping round).
fn next_unread(app: &mut App) {
    let n = app.issue.articles.len();
    let from = app.view.open;
    let unread = (1..n)
        .map(|k| (from + k) % n)
        .find(|&i| !app.view.read.get(i).copied().unwrap_or(false));
    match unread {
        Some(i) => open(app, i),
        None => app.message = Some(tr!(app.lang; "all read", "本期已读完")),
    }
}

fn click(app: &mut App, vp: &Viewport, x: u16, y: u16) {
    let at = Position::new(x, y);
    if let Some(list) = vp.list.filter(|r| r.contains(at)) {
        let i = app.list_start() + usize::from((y - list.y) / ROWS_PER_ENTRY);
        open(app, i);
    } else if vp.reader.is_some_and(|r: Rect| r.contains(at)) && !app.issue.articles.is_empty() {
        app.view.focus = Focus::Reader;
    }
}

fn to_isize(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

/// Scroll the reading pane by `delta` lines, saying so at either end
/// (trying to scroll past the end is reading to it).
fn scroll(app: &mut App, vp: &Viewport, delta: isize) {
    if !app.view.scroll(delta, vp.page_height()) {
        if delta > 0 {
            app.view.mark_read();
        }
        app.message = Some(if delta < 0 {
            tr!(app.lang; "top of article", "已到开头")
        } else {
            tr!(app.lang; "end of article", "已到末尾")
        });
    }
}

//! Keys and pastes while the search bar is open: the keymap's search
//! context (editing, history, scope, accept — or open a word-search
//! result —, cancel back to where `/` was pressed), and typing. What
//! search does to the reader is `search_nav`.

use super::search_edit::LineEdit;
use super::search_nav::{clear, has_archive, research, restore_position, reveal};
use super::search_state::Kept;
use super::state::App;
use crate::action::Action;
use crate::input::key::KeyChord;
use crate::input::keymap::Context;
use crate::layout::Viewport;
use crate::search::words::{WordHit, WordSearch};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::sync::Arc;

/// Keys and pastes while the bar is open. `None`: not the bar's (the bar
/// is closed); the keymap handles it.
pub fn handle_bar_event(app: &mut App, ev: &Event, vp: &Viewport) -> Option<bool> {
    app.search.bar.as_ref()?;
    match ev {
        Event::Paste(s) => {
            let mut whole = true;
            edit(app, vp, |e| whole = e.insert_str(s));
            if !whole {
                let max = super::search_edit::MAX_QUERY_CHARS;
                app.message = Some(tr!(app.lang;
                    "search: the paste was cut to {max} characters",
                    "搜索：粘贴的内容已截短为 {max} 个字"
                ));
            }
            Some(true)
        }
        Event::Key(k) if k.kind != KeyEventKind::Release => Some(bar_key(app, vp, k)),
        Event::Key(_) => Some(false),
        // Resizes and the mouse go to the normal handler.
        _ => None,
    }
}

fn edit(app: &mut App, vp: &Viewport, f: impl FnOnce(&mut LineEdit)) {
    let Some(bar) = &mut app.search.bar else {
        return;
    };
    let before = bar.edit.text().to_string();
    f(&mut bar.edit);
    if bar.edit.text() != before {
        app.search.history.reset();
        research(app, vp);
    }
}

fn bar_key(app: &mut App, vp: &Viewport, k: &KeyEvent) -> bool {
    let bound = KeyChord::from_event(k).and_then(|c| app.keymap.resolve(Context::Search, c));
    match (bound, k.code) {
        (Some(action), _) => bar_action(app, vp, action),
        // Characters no binding takes are typed.
        (None, KeyCode::Char(c)) if !k.modifiers.contains(KeyModifiers::CONTROL) => {
            edit(app, vp, |e| e.insert(c));
            true
        }
        (None, _) => false,
    }
}

/// One action of the search context.
fn bar_action(app: &mut App, vp: &Viewport, action: Action) -> bool {
    let results_open = app.search.bar.as_ref().is_some_and(|b| b.results_open);
    match action {
        Action::SearchCancel => cancel(app, vp),
        Action::SearchAccept if results_open => open_result(app, vp),
        Action::SearchAccept => accept(app),
        Action::SearchDeleteWord => edit(app, vp, LineEdit::delete_word),
        Action::SearchDeleteToStart => edit(app, vp, LineEdit::delete_to_start),
        Action::ClearSearch => clear(app),
        Action::SearchScope => {
            app.search.scope = app.search.scope.next(has_archive(app));
            research(app, vp);
        }
        Action::SearchHome => edit(app, vp, LineEdit::home),
        Action::SearchEnd => edit(app, vp, LineEdit::end),
        Action::SearchBackspace => edit(app, vp, LineEdit::backspace),
        Action::SearchLeft => edit(app, vp, LineEdit::left),
        Action::SearchRight => edit(app, vp, LineEdit::right),
        Action::SearchResults => {
            if let Some(bar) = &mut app.search.bar
                && bar.words.is_some()
            {
                bar.results_open = !bar.results_open;
            }
        }
        Action::SearchOlder | Action::SearchNewer if results_open => {
            let n = result_hits(app).len();
            if let Some(bar) = &mut app.search.bar {
                bar.result_sel = if action == Action::SearchOlder {
                    bar.result_sel.saturating_sub(1)
                } else {
                    (bar.result_sel + 1).min(n.saturating_sub(1))
                };
            }
        }
        Action::SearchOlder | Action::SearchNewer => {
            let Some(bar) = &app.search.bar else {
                return false;
            };
            let text = bar.edit.text().to_string();
            let h = &mut app.search.history;
            let next = if action == Action::SearchOlder {
                h.older(&text)
            } else {
                h.newer()
            }
            .map(str::to_string);
            if let Some(t) = next
                && let Some(bar) = &mut app.search.bar
            {
                bar.edit.set(&t);
                research(app, vp);
            }
        }
        // Actions of other contexts bound here do nothing.
        _ => return false,
    }
    true
}

/// The word-search hits the bar shows, if any.
pub fn result_hits(app: &App) -> &[WordHit] {
    match app.search.bar.as_ref().and_then(|b| b.words.as_ref()) {
        Some(WordSearch::Ready(r)) => &r.hits,
        _ => &[],
    }
}

/// `Esc`: close the bar and go back exactly where `/` was pressed.
fn cancel(app: &mut App, vp: &Viewport) {
    let Some(origin) = app.search.bar.as_ref().map(|b| b.origin.clone()) else {
        return;
    };
    // With the bar still open, so leaving a previewed issue does not
    // record the preview as a reading position there.
    restore_position(app, vp, &origin);
    let Some(bar) = app.search.bar.take() else {
        return;
    };
    app.search.kept = bar.previous;
}

/// `Enter`: keep the search, close the bar.
fn accept(app: &mut App) {
    let Some(bar) = app.search.bar.take() else {
        return;
    };
    app.search.history.push(bar.edit.text());
    if bar.edit.text().trim().is_empty() {
        app.search.kept = None;
    } else if app
        .search
        .kept
        .as_ref()
        .is_some_and(|k| k.matches.is_empty())
    {
        app.message = Some(tr!(app.lang; "no match for {}", "没有找到“{}”", bar.edit.text()));
    }
}

/// `Enter` on a word-search result: open that article at its best hit.
fn open_result(app: &mut App, vp: &Viewport) {
    // Word results are in the index the bar's last search ran in.
    let Some((index, slots)) = app
        .search
        .kept
        .as_ref()
        .map(|k| (Arc::clone(&k.index), Arc::clone(&k.slots)))
    else {
        return;
    };
    let sel = app.search.bar.as_ref().map_or(0, |b| b.result_sel);
    let Some(hit) = result_hits(app).get(sel).cloned() else {
        return;
    };
    let Some(bar) = app.search.bar.take() else {
        return;
    };
    app.search.history.push(bar.edit.text());
    let words = match &bar.words {
        Some(WordSearch::Ready(r)) => r.words.join(" "),
        _ => String::new(),
    };
    app.search.kept = Some(Kept {
        query: bar.edit.text().to_string(),
        word: hit.matches.clone(),
        index: Arc::clone(&index),
        slots: Arc::clone(&slots),
        ..Kept::default()
    });
    if let Some(first) = hit.matches.first() {
        reveal(app, vp, &index, &slots, first);
    }
    app.message = Some(tr!(app.lang; "words: {words}", "分词：{words}"));
}

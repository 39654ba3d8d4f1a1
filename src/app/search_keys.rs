//! Keys and pastes while the search bar is open: editing, history,
//! scope, `Enter` (keep, or open a word-search result), `Esc` (back to
//! where `/` was pressed). What search does to the reader is `search_nav`.

use super::search_edit::LineEdit;
use super::search_nav::{clear, has_archive, research, restore_position, reveal};
use super::search_state::Kept;
use super::state::App;
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
            edit(app, vp, |e| e.insert_str(s));
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
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let results_open = app.search.bar.as_ref().is_some_and(|b| b.results_open);
    match k.code {
        KeyCode::Esc => cancel(app, vp),
        KeyCode::Enter if results_open => open_result(app, vp),
        KeyCode::Enter => accept(app),
        KeyCode::Char('c') if ctrl => cancel(app, vp),
        KeyCode::Char('w') if ctrl => edit(app, vp, LineEdit::delete_word),
        KeyCode::Char('u') if ctrl => edit(app, vp, LineEdit::delete_to_start),
        KeyCode::Char('l') if ctrl => clear(app),
        KeyCode::Char('t') if ctrl => {
            app.search.scope = app.search.scope.next(has_archive(app));
            research(app, vp);
        }
        KeyCode::Char('a') if ctrl => edit(app, vp, LineEdit::home),
        KeyCode::Char('e') if ctrl => edit(app, vp, LineEdit::end),
        KeyCode::Char(c) if !ctrl => edit(app, vp, |e| e.insert(c)),
        KeyCode::Backspace => edit(app, vp, LineEdit::backspace),
        KeyCode::Left => edit(app, vp, LineEdit::left),
        KeyCode::Right => edit(app, vp, LineEdit::right),
        KeyCode::Home => edit(app, vp, LineEdit::home),
        KeyCode::End => edit(app, vp, LineEdit::end),
        KeyCode::Tab | KeyCode::BackTab => {
            if let Some(bar) = &mut app.search.bar
                && bar.words.is_some()
            {
                bar.results_open = !bar.results_open;
            }
        }
        KeyCode::Up | KeyCode::Down if results_open => {
            let n = result_hits(app).len();
            if let Some(bar) = &mut app.search.bar {
                bar.result_sel = if k.code == KeyCode::Up {
                    bar.result_sel.saturating_sub(1)
                } else {
                    (bar.result_sel + 1).min(n.saturating_sub(1))
                };
            }
        }
        KeyCode::Up | KeyCode::Down => {
            let Some(bar) = &app.search.bar else {
                return false;
            };
            let text = bar.edit.text().to_string();
            let h = &mut app.search.history;
            let next = if k.code == KeyCode::Up {
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
        app.message = Some(format!("no match for {} / 无结果", bar.edit.text()));
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
    app.message = Some(format!("words: {words}"));
}

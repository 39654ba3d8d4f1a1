//! The run loop: the only code that does I/O. Draw when something changed,
//! then block for the next event — no tick, so an idle reader uses no CPU.

use super::action::Effect;
use super::{App, ReaderOptions};
use crate::model::Issue;
use crate::term::{self, CrosstermEvents, EventSource};
use crate::ui;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{DefaultTerminal, Terminal};
use std::io;

/// Run the interactive reader on `issue` until the user quits. The
/// terminal is restored on return, on error and on panic.
pub fn run(issue: Issue, opts: ReaderOptions) -> io::Result<()> {
    run_app(App::new(issue, opts))
}

/// Run a prepared reader (e.g. `App::with_config`). `NO_COLOR` in the
/// environment always wins over the theme.
pub fn run_app(app: App) -> io::Result<()> {
    run_app_probing(app, false)
}

/// `run_app`, first asking the terminal how wide it draws ambiguous-width
/// characters when `probe` is set (`ambiguous_width = "auto"`); no answer
/// means 1 column and a status message.
pub fn run_app_probing(app: App, probe: bool) -> io::Result<()> {
    let mut app = app;
    if ui::theme::Theme::no_color_from_env() {
        app.opts.no_color = true;
        app.theme = ui::theme::Theme::new(true);
    }
    term::setup()?;
    if probe {
        super::configure::apply_probe(&mut app, term::probe_ambiguous_width());
    }
    let result = Terminal::new(CrosstermBackend::new(io::stdout()))
        .and_then(|mut terminal| run_loop(&mut terminal, &mut app, &mut CrosstermEvents));
    let restored = term::restore();
    result.and(restored)
}

/// Drive `app` from `events` until quit or the source is exhausted.
pub fn run_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    events: &mut impl EventSource,
) -> io::Result<()> {
    let mut area = Rect::from((ratatui::layout::Position::ORIGIN, terminal.size()?));
    app.sync(area);
    let mut dirty = true;
    loop {
        if dirty {
            terminal.draw(|f| {
                ui::render(app, f);
                ui::search_bar::place_cursor(app, f);
            })?;
            dirty = false;
            // jieba's dictionary loads on its own thread, after the first
            // frame is on screen (idempotent).
            app.search.spawn_words(std::slice::from_ref(&app.issue));
        }
        // Block on the terminal, except while background work is pending:
        // then wake every 50 ms to pick it up (zero CPU once it is done).
        let ev = if app.search.pending() {
            match events.next_event_timeout(std::time::Duration::from_millis(50))? {
                crate::term::Polled::Event(ev) => ev,
                crate::term::Polled::Timeout => {
                    dirty |= app.search.poll_background(std::slice::from_ref(&app.issue));
                    continue;
                }
                crate::term::Polled::Closed => return Ok(()),
            }
        } else {
            match events.next_event()? {
                Some(ev) => ev,
                None => return Ok(()),
            }
        };
        if let ratatui::crossterm::event::Event::Resize(w, h) = ev {
            area = Rect::new(0, 0, w, h);
        }
        match app.handle_event(&ev, area) {
            Effect::Quit => return Ok(()),
            Effect::Redraw | Effect::SaveState | Effect::Rescan => dirty = true,
            Effect::None => {}
            Effect::Clipboard(text) => {
                if let Err(e) = super::share::write_clipboard(terminal.backend_mut(), &text) {
                    app.message = Some(format!("copy failed: {e}"));
                }
                dirty = true;
            }
            Effect::Pager(text) => {
                super::share::page(terminal, app, &text)?;
                // The terminal may have been resized while the pager ran.
                area = Rect::from((ratatui::layout::Position::ORIGIN, terminal.size()?));
                app.sync(area);
                dirty = true;
            }
        }
    }
}

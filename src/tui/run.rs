//! The run loop and its I/O: background loading, the jobs `app` queues
//! (each on a thread), saving state (issue states, the folder's last
//! issue and new search queries, through `state::Store`), rescans.
//!
//! Terminal events, loader results and finished jobs arrive on one channel
//! (`Msg`): a thread blocks in `crossterm::event::read` (`term_reader.rs`),
//! another forwards `archive::load_all` results with each issue's
//! remembered state. The loop blocks on that channel, so it redraws only
//! on input, resize or finished background work — never on a timer.

use super::host::{Host, RealHost};
pub use super::msg::Msg;
use super::signals;
use super::term_reader::TermReader;
use crate::action::Effect;
use crate::app::App;
use crate::app::background as jobs;
use crate::archive::{self, Entry};
use crate::state::{IssueState, Store};
use crate::term;
use crate::ui;
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use ratatui::layout::Rect;
use std::io;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};

/// Load `paths` (slots `base..`) on all cores in the background, sending
/// each result with its remembered state to `tx`. Returns at once.
pub fn start_loading(paths: Vec<PathBuf>, base: usize, store: Store, tx: Sender<Msg>) {
    let (inner_tx, inner_rx) = channel::<(usize, Entry)>();
    std::thread::spawn(move || archive::load_all(&paths, &inner_tx));
    std::thread::spawn(move || {
        for (i, entry) in inner_rx {
            let (state, warning) = match &entry {
                Ok(l) => store.load_issue(l.hash),
                Err(_) => (IssueState::default(), None),
            };
            if tx
                .send(Msg::Loaded(Box::new((base + i, entry, state, warning))))
                .is_err()
            {
                return;
            }
        }
    });
}

/// Write every dirty issue state, the folder's last issue, the reader
/// settings when they changed and the new search queries. Errors go to
/// the status bar: a failed write must not stop reading.
pub fn save(app: &mut App, store: &Store) {
    let queries = app.search.history.take_new();
    if !queries.is_empty() {
        // Stamped a millisecond apart, so they keep their order on disk.
        let now = crate::state::now_ms();
        let mut h = crate::state::History::default();
        for (i, q) in (0u64..).zip(queries) {
            h.queries.insert(q, now + i);
        }
        if let Err(e) = store.save_history(&h) {
            app.message =
                Some(tr!(app.lang; "search history not saved: {e}", "搜索记录未保存：{e}"));
        }
    }
    if std::mem::take(&mut app.opts_changed)
        && let Err(e) = store.save_settings(&app.settings_to_keep())
    {
        app.message = Some(tr!(app.lang; "settings not saved: {e}", "设置未保存：{e}"));
    }
    let dirty = std::mem::take(&mut app.shelf.dirty);
    // An issue of several files is saved file by file, each share under
    // its file's hash (`Shelf::file_states`).
    for s in dirty {
        for (file, hash, state) in app.shelf.file_states(s) {
            match store.save_issue(hash, &state) {
                Ok(()) => app.shelf.saved(file, state),
                Err(e) => {
                    app.message =
                        Some(tr!(app.lang; "state not saved: {e}", "阅读记录未保存：{e}"));
                }
            }
        }
    }
    if let (Some(dir), Some(c)) = (&app.shelf.dir, app.shelf.current) {
        let hash = app.shelf.slots[c].hash;
        if let Err(e) = store.save_last_issue(dir, hash) {
            app.message = Some(tr!(app.lang; "state not saved: {e}", "阅读记录未保存：{e}"));
        }
    }
}

/// Rescan the folder on a thread of its own (a walk of 100,000 files must
/// not freeze the reader); the result comes back as `Msg::Rescanned`.
pub fn rescan(app: &mut App, tx: &Sender<Msg>) {
    let Some(dir) = app.shelf.dir.clone() else {
        return;
    };
    app.message = Some(tr!(app.lang; "rescanning…", "正在重新扫描…"));
    let tx = tx.clone();
    std::thread::spawn(move || {
        let found = archive::scan(&dir).map_err(|e| e.to_string());
        let _ = tx.send(Msg::Rescanned(found));
    });
}

/// A rescan's result: files not on the shelf yet are added and loaded in
/// the background; files already known are not re-read. Linear in the
/// number of files (a set of the known paths).
pub fn rescanned(
    app: &mut App,
    found: Result<Vec<PathBuf>, String>,
    store: &Store,
    tx: &Sender<Msg>,
) {
    match found {
        Ok(paths) => {
            let known: std::collections::HashSet<&PathBuf> =
                app.shelf.files.iter().map(|f| &f.path).collect();
            let new: Vec<PathBuf> = paths.into_iter().filter(|p| !known.contains(p)).collect();
            app.message = Some(tr!(app.lang; "rescan: {} new", "重新扫描：新增 {} 期", new.len()));
            if !new.is_empty() {
                let base = app.shelf.add_paths(new.clone());
                start_loading(new, base, store.clone(), tx.clone());
            }
        }
        Err(e) => app.message = Some(tr!(app.lang; "rescan: {e}", "重新扫描：{e}")),
    }
}

/// Handle one message: the pure part (`App`) plus the I/O the effect asks
/// for. Returns the effect (`Quit` after saving).
pub fn step(app: &mut App, msg: Msg, area: &mut Rect, store: &Store, tx: &Sender<Msg>) -> Effect {
    let effect = match msg {
        Msg::Term(ev) => {
            if let Event::Resize(w, h) = ev {
                *area = Rect::new(0, 0, w, h);
            }
            app.handle_event(&ev, *area)
        }
        Msg::Loaded(loaded) => {
            let (slot, entry, state, warning) = *loaded;
            if let Some(w) = warning {
                app.message = Some(w);
            }
            let e = app.on_loaded(slot, entry, state);
            app.sync(*area);
            e
        }
        Msg::Done(done) => {
            if jobs::finish(app, *done) {
                Effect::Redraw
            } else {
                Effect::None
            }
        }
        Msg::TermClosed => Effect::Quit,
        Msg::Rescanned(found) => {
            rescanned(app, found, store, tx);
            app.sync(*area);
            Effect::Redraw
        }
        // A terminating signal ends the reader like `q`: the position is
        // recorded and saved; suspend and resume are the host's (`drive`).
        Msg::Signal(sig) => match signals::response(sig) {
            Some(signals::Response::Exit(_)) => {
                app.view.settle(app.now);
                crate::app::issues::after_update(app, Effect::Quit)
            }
            _ => Effect::Redraw,
        },
    };
    match effect {
        Effect::Quit | Effect::SaveState => save(app, store),
        Effect::Rescan => {
            save(app, store);
            rescan(app, tx);
        }
        Effect::Clipboard(_) | Effect::Pager(_) if !app.shelf.dirty.is_empty() => save(app, store),
        Effect::None | Effect::Redraw | Effect::Clipboard(_) | Effect::Pager(_) => {}
    }
    app.log_message();
    effect
}

/// Run every job `app` queued on a thread of its own; each sends its
/// result (or, if it panicked, its failure) back as `Msg::Done`.
pub fn start_jobs(app: &mut App, tx: &Sender<Msg>) {
    for job in jobs::take(app) {
        let tx = tx.clone();
        std::thread::spawn(move || {
            let failed = job.failed();
            let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job.run()))
                .unwrap_or(failed);
            let _ = tx.send(Msg::Done(Box::new(done)));
        });
    }
}

/// Whether `msg` suspends the reader: SIGTSTP, or Ctrl-Z typed in raw
/// mode (where the terminal sends it as a key, not a signal).
fn suspends(msg: &Msg) -> bool {
    match msg {
        Msg::Signal(sig) => signals::response(*sig) == Some(signals::Response::Suspend),
        Msg::Term(Event::Key(k)) => {
            k.code == KeyCode::Char('z')
                && k.modifiers.contains(KeyModifiers::CONTROL)
                && k.kind != KeyEventKind::Release
        }
        _ => false,
    }
}

/// Run the loop until quit: draw when something changed, then wait for the
/// next message (terminal event, background result or signal) and handle
/// all that are queued. Returns the signal that ended it, if one did.
pub fn drive<B: Backend, H: Host<B>>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    rx: &Receiver<Msg>,
    tx: &Sender<Msg>,
    store: &Store,
    host: &mut H,
) -> io::Result<Option<i32>> {
    let size = terminal
        .size()
        .map_err(|e| io::Error::other(e.to_string()))?;
    let mut area = Rect::new(0, 0, size.width, size.height);
    // Time for the read marks that need a moment on screen.
    let start = std::time::Instant::now();
    app.now = start.elapsed();
    app.sync(area);
    // The opening message (config problems, a corrupt state file) is kept
    // for the help overlay like every later one.
    app.log_message();
    let mut dirty = true;
    loop {
        if dirty {
            terminal
                .draw(|f| {
                    ui::render(app, f);
                    ui::search_bar::place_cursor(app, f);
                })
                .map_err(|e| io::Error::other(e.to_string()))?;
            dirty = false;
            // jieba's dictionary loads in a job once a frame is on screen
            // (idempotent; again after switching issue).
            if app.shelf.picker.is_none() && !app.issue.articles.is_empty() {
                app.search.spawn_words(std::slice::from_ref(&*app.issue));
                app.search.spawn_doc_freqs(&app.shelf, &app.issue);
            }
        }
        // Queued background work runs on threads whose results come back
        // on the channel, so the loop always blocks on it: no polling.
        start_jobs(app, tx);
        let Ok(msg) = rx.recv() else {
            save(app, store);
            return Ok(None);
        };
        // Handle everything already waiting before drawing again, so ten
        // thousand loader results cost a few frames, not ten thousand.
        let mut next = Some(msg);
        while let Some(msg) = next {
            next = rx.try_recv().ok();
            app.now = start.elapsed();
            if suspends(&msg) {
                host.suspend(terminal)?;
                dirty = true;
                continue;
            }
            let signal = match msg {
                Msg::Signal(sig) => Some(sig),
                _ => None,
            };
            if signal.and_then(signals::response) == Some(signals::Response::Resume) {
                host.resume(terminal)?;
            }
            match step(app, msg, &mut area, store, tx) {
                Effect::Quit => return Ok(signal),
                Effect::None => {}
                Effect::Clipboard(text) => {
                    if let Err(e) = host.clipboard(terminal, &text) {
                        app.message = Some(tr!(app.lang; "copy failed: {e}", "复制失败：{e}"));
                    }
                    dirty = true;
                }
                Effect::Pager(text) => {
                    host.pager(terminal, app, &text)?;
                    // The terminal may have been resized while the pager ran.
                    let size = terminal
                        .size()
                        .map_err(|e| io::Error::other(e.to_string()))?;
                    area = Rect::new(0, 0, size.width, size.height);
                    app.sync(area);
                    dirty = true;
                }
                _ => dirty = true,
            }
        }
    }
}

/// Run the reader on a prepared `app` (`App::single` or `App::archive`)
/// in the real terminal; `pending` files are loaded in the background.
/// With `probe`, the terminal is asked how wide it draws `“` first.
pub fn run(app: App, store: Store, pending: Vec<PathBuf>, probe: bool) -> io::Result<()> {
    let mut app = app;
    if crate::theme::Theme::no_color_from_env() {
        app.opts.no_color = true;
        app.theme = crate::theme::Theme::new(true);
    }
    let (tx, rx) = channel();
    // Before the terminal leaves cooked mode: from here on a signal waits
    // in the channel for the loop, which saves and restores.
    signals::spawn(tx.clone())?;
    term::setup()?;
    // The probe reads the terminal's answer itself: before the reader thread.
    if probe {
        super::configure::apply_probe(&mut app, term::probe_ambiguous_width());
    }
    // Start reading the terminal only once it is in raw mode.
    let mut host = RealHost::new(TermReader::spawn(tx.clone()));
    if !pending.is_empty() {
        start_loading(pending, 0, store.clone(), tx.clone());
    }
    let result = Terminal::new(CrosstermBackend::new(io::stdout()))
        .and_then(|mut terminal| drive(&mut terminal, &mut app, &rx, &tx, &store, &mut host));
    let restored = term::restore();
    match result.and_then(|sig| restored.map(|()| sig))? {
        Some(sig) => std::process::exit(128 + sig),
        None => Ok(()),
    }
}

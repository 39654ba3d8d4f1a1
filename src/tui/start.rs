//! `kanbao [PATH]` in a terminal (or `kanbao DIR` anywhere): pick the state
//! store from the flags, build the reader for a file, the sample or an
//! archive folder, and run it. A folder piped elsewhere prints its issue
//! list instead. The command line hands over plain [`ReaderArgs`].

use crate::app::search_edit::History;
use crate::app::shelf::Shelf;
use crate::app::{App, ReaderOptions};
use crate::archive;
use crate::config::AmbiguousSetting;
use crate::state::Store;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What the reader takes from the command line.
#[derive(Debug, Clone, Default)]
pub struct ReaderArgs {
    /// The issue file or folder (`None`: the bundled sample).
    pub path: Option<PathBuf>,
    /// `--ambiguous-width`.
    pub ambiguous_width: Option<AmbiguousSetting>,
    /// `--config`.
    pub config: Option<PathBuf>,
    /// `--state-dir`.
    pub state_dir: Option<PathBuf>,
    /// `--no-state`.
    pub no_state: bool,
}

/// The store the flags ask for: `--no-state`, `--state-dir`, else
/// `KANBAO_STATE_DIR` or the platform state directory.
pub fn store_for(cli: &ReaderArgs) -> Store {
    if cli.no_state {
        return Store::disabled();
    }
    match cli.state_dir.clone().or_else(Store::default_dir) {
        Some(d) => Store::open(d),
        None => Store::disabled(),
    }
}

/// Build the reader for `path` (file, folder, or the sample when `None`).
/// Returns the app and the files still to load in the background.
pub fn build(
    path: Option<&Path>,
    store: &Store,
    opts: ReaderOptions,
) -> Result<(App, Vec<std::path::PathBuf>), String> {
    let (mut app, pending) = match path {
        Some(dir) if dir.is_dir() => {
            let paths = archive::scan(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            let mut shelf = Shelf::folder(dir.to_path_buf(), paths.clone());
            shelf.resume = store.last_issue(dir);
            (App::archive(shelf, opts), paths)
        }
        _ => {
            let loaded = match path {
                // `kanbao -`: the issue on standard input (the keyboard is
                // read from the terminal itself, /dev/tty).
                Some(p) if archive::input::is_stdin(p) => {
                    archive::load_stdin(&mut io::stdin().lock()).map_err(|e| e.to_string())?
                }
                Some(p) => archive::load_file(p).map_err(|e| e.to_string())?,
                None => archive::sample(),
            };
            let (state, warning) = store.load_issue(loaded.hash);
            let mut app = App::single(loaded, state, opts);
            if warning.is_some() {
                app.message = warning;
            }
            (app, Vec::new())
        }
    };
    // `+`/`-`, `p` and `s` as the reader left them last time.
    let (settings, warning) = store.load_settings();
    app.recall_settings(&settings);
    if app.message.is_none() {
        app.message = warning;
    }
    // ↑ in the search bar walks earlier runs' queries too.
    let (history, warning) = store.load_history();
    app.search.history = History::seeded(history.ordered().into_iter().map(str::to_owned));
    if app.message.is_none() {
        app.message = warning;
    }
    Ok((app, pending))
}

/// Run the command line's reader.
pub fn main(cli: &ReaderArgs) -> ExitCode {
    let store = store_for(cli);
    let (config, errors) = super::configure::load_config(cli.config.as_deref());
    let (opts, probe) = super::configure::options(&config, cli.ambiguous_width);
    if let Some(dir) = cli.path.as_deref().filter(|p| p.is_dir()) {
        if !io::stdout().is_terminal() {
            return print_list(dir);
        }
    }
    let result = build(cli.path.as_deref(), &store, opts)
        .map_err(|e| e.to_string())
        .and_then(|(mut app, pending)| {
            app.apply_config(&config);
            app.note_config_errors(errors.iter().map(ToString::to_string));
            super::run::run(app, store, pending, probe).map_err(|e| e.to_string())
        });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => crate::cli::output::fail(&e),
    }
}

/// `kanbao DIR | …`: the issue list as text, newest first.
fn print_list(dir: &Path) -> ExitCode {
    let paths = match archive::scan(dir) {
        Ok(p) => p,
        Err(e) => {
            return crate::cli::output::fail(&format_args!("{}: {e}", dir.display()));
        }
    };
    let mut shelf = Shelf::folder(dir.to_path_buf(), paths.clone());
    for (i, entry) in archive::load_all_sync(&paths).into_iter().enumerate() {
        shelf.insert(i, entry, Default::default());
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    for &s in &shelf.order {
        let row = crate::ui::issue_list::issue_row(&shelf.slots[s]);
        if writeln!(out, "{}", row.trim_start()).is_err() {
            break;
        }
    }
    let _ = out.flush();
    ExitCode::SUCCESS
}

//! Preparing the reader from the config file and the command line: flags
//! win over the file, the file over the defaults, and every problem in the
//! file becomes a status message (listed in the help overlay) instead of
//! stopping the reader.

use crate::app::{App, ReaderOptions};
use crate::config::{self, AmbiguousSetting, Config, ConfigError};
use crate::model::Issue;
use crate::text::width::AmbiguousWidth;
use std::path::Path;

/// Read the config: `--config PATH` (which must exist), else the default
/// path (which may be missing).
pub fn load_config(path: Option<&Path>) -> (Config, Vec<ConfigError>) {
    match path {
        Some(p) => config::load(p, true),
        None => match config::default_path() {
            Some(p) => config::load(&p, false),
            None => (Config::default(), Vec::new()),
        },
    }
}

/// The reader for `issue` with `config` (and its `errors`) and the
/// `--ambiguous-width` flag applied. The second value says whether the
/// terminal must be probed (`auto`), which only the run loop can do.
/// Reading options from the config file, the `--ambiguous-width` flag
/// winning over it; and whether the terminal must be probed (`auto`).
pub fn options(config: &Config, ambiguous_flag: Option<AmbiguousSetting>) -> (ReaderOptions, bool) {
    let mut opts = ReaderOptions::from_config(&config.reader);
    match ambiguous_flag.unwrap_or(config.reader.ambiguous_width) {
        AmbiguousSetting::Fixed(w) => {
            opts.ambiguous = w;
            (opts, false)
        }
        AmbiguousSetting::Auto => {
            opts.ambiguous = AmbiguousWidth::Narrow;
            (opts, true)
        }
    }
}

pub fn prepare(
    issue: Issue,
    config: &Config,
    errors: &[ConfigError],
    ambiguous_flag: Option<AmbiguousSetting>,
) -> (App, bool) {
    let mut opts = ReaderOptions::from_config(&config.reader);
    let setting = ambiguous_flag.unwrap_or(config.reader.ambiguous_width);
    let probe = match setting {
        AmbiguousSetting::Fixed(w) => {
            opts.ambiguous = w;
            false
        }
        AmbiguousSetting::Auto => {
            opts.ambiguous = AmbiguousWidth::Narrow;
            true
        }
    };
    let mut app = App::with_config(issue, opts, config);
    app.note_config_errors(errors.iter().map(ToString::to_string));
    (app, probe)
}

/// Apply the result of probing the terminal's ambiguous width.
pub fn apply_probe(app: &mut App, answer: Option<AmbiguousWidth>) {
    match answer {
        Some(w) => app.opts.ambiguous = w,
        None => {
            app.opts.ambiguous = AmbiguousWidth::Narrow;
            let note = tr!(app.lang;
                "ambiguous width: the terminal did not answer; using 1",
                "歧义宽度：终端没有回答，按 1 列"
            );
            app.message = Some(match app.message.take() {
                Some(m) => tr!(app.lang; "{m}; {note}", "{m}；{note}"),
                None => note,
            });
        }
    }
}

//! `kanbao search QUERY [WORD…] [PATH…]`.
//!
//! Unquoted words: after the query, an argument is a path when it is `-`,
//! exists, or looks like one (has a `/`, or ends in `.txt`); any other is
//! one more word of the query, so `kanbao search 民生 保障 DIR` searches
//! for both words in DIR. (Quote the query to be sure: `"民生 保障"`.)
//!
//! Exit status: 0 when something matched (files that failed are still
//! reported on stderr, one line each), 1 when nothing matched, 2 when
//! nothing matched and a file could not be read, or the output could not
//! be written.

use super::output::{EXIT_TROUBLE, Written, emit, report};
use crate::archive::filter::Filter;
use crate::archive::input::{self, Input};
use crate::search::command::files::{Options, search_inputs};
use crate::search::command::{Style, print};
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Split the arguments after the query into more query words and paths.
pub fn split_words(query: &str, rest: &[PathBuf]) -> (String, Vec<PathBuf>) {
    let mut query = query.to_string();
    let mut paths = Vec::new();
    for a in rest {
        match a.to_str() {
            Some(word) if !looks_like_path(a) => {
                query.push(' ');
                query.push_str(word);
            }
            _ => paths.push(a.clone()),
        }
    }
    (query, paths)
}

fn looks_like_path(a: &Path) -> bool {
    input::is_stdin(a)
        || a.exists()
        || a.to_str().is_none_or(|s| {
            s.contains(std::path::MAIN_SEPARATOR)
                || s.contains('/')
                || s.to_ascii_lowercase().ends_with(".txt")
        })
}

/// Run the search; `paths` empty means the bundled sample.
pub fn run(
    query: &str,
    paths: &[PathBuf],
    json: bool,
    filter: Filter,
    limit: Option<usize>,
) -> ExitCode {
    let (inputs, problems) = if paths.is_empty() {
        let sample = Input::bytes(crate::SAMPLE_NAME, crate::SAMPLE_BYTES.to_vec());
        (vec![sample], Vec::new())
    } else {
        input::gather(paths, &mut io::stdin().lock())
    };
    for p in &problems {
        report(p);
    }
    let opts = Options {
        prefilter: true,
        filter,
        limit,
    };
    let searched = search_inputs(query, &inputs, &opts);
    for e in &searched.errors {
        report(e);
    }
    let trouble = !problems.is_empty() || !searched.errors.is_empty();
    let style = match (json, io::stdout().is_terminal()) {
        (true, _) => Style::Json,
        (false, true) => Style::Bold,
        (false, false) => Style::Plain,
    };
    let found = !searched.out.results.is_empty();
    let written = if found || json {
        emit(|out| print(&searched.out, style, out))
    } else {
        Written::Done
    };
    match written {
        Written::Failed => ExitCode::from(EXIT_TROUBLE),
        _ if found => ExitCode::SUCCESS,
        _ if trouble => ExitCode::from(EXIT_TROUBLE),
        _ => ExitCode::FAILURE,
    }
}

//! Archives: a folder of issue files. Finding them (recursive, `.txt`),
//! loading them on all cores in the background, and ordering them for the
//! issue list (by masthead date, newest first; else by file name).
//!
//! Files are read once; a file that fails to load stays in the list with
//! its error, so one bad file never hides the rest.

use crate::loader::{self, LoadError};
use crate::model::Issue;
use crate::state::content_hash;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

/// One loaded issue with what state needs: its content hash and path.
#[derive(Debug, Clone)]
pub struct LoadedIssue {
    /// Where it was read from.
    pub path: PathBuf,
    /// The hash of its bytes (the key of its remembered state).
    pub hash: u64,
    /// The parsed issue.
    pub issue: Issue,
}

/// One entry of an archive: loaded, or failed with its error.
pub type Entry = Result<LoadedIssue, LoadError>;

/// Read and parse one file, keeping its hash.
pub fn load_file(path: &Path) -> Entry {
    let (name, bytes) = loader::read_file(path)?;
    let hash = content_hash(&bytes);
    let issue = loader::parse_file(path, &name, bytes)?;
    Ok(LoadedIssue {
        path: path.to_path_buf(),
        hash,
        issue,
    })
}

/// The bundled sample as a loaded issue.
pub fn sample() -> LoadedIssue {
    LoadedIssue {
        path: PathBuf::from(crate::SAMPLE_NAME),
        hash: content_hash(crate::SAMPLE_BYTES),
        issue: loader::sample(),
    }
}

/// All `.txt` files under `dir`, recursively, sorted by path. Unreadable
/// sub-folders are skipped; hidden files and folders too.
pub fn scan(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    let mut first = true;
    while let Some(d) = stack.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            // The folder the user named must be readable; below it, skip.
            Err(e) if first => return Err(e),
            Err(_) => continue,
        };
        first = false;
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let hidden = entry.file_name().to_string_lossy().starts_with('.');
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if hidden {
                continue;
            }
            if kind.is_dir() || (kind.is_symlink() && path.is_dir()) {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("txt"))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Load `paths` on all cores, sending `(index, entry)` as each finishes.
/// Returns when all are loaded (or the receiver is gone).
pub fn load_all(paths: &[PathBuf], tx: &Sender<(usize, Entry)>) {
    paths
        .par_iter()
        .enumerate()
        .for_each_with(tx.clone(), |tx, (i, p)| {
            // A closed channel means the reader quit: the rest is not needed.
            let _ = tx.send((i, load_file(p)));
        });
}

/// Load `paths` on all cores and return the entries in path order.
pub fn load_all_sync(paths: &[PathBuf]) -> Vec<Entry> {
    paths.par_iter().map(|p| load_file(p)).collect()
}

/// Sort key of an issue list: newest masthead date first, undated issues
/// after dated ones, then by file name.
pub fn sort_key(entry: &Entry) -> (std::cmp::Reverse<String>, String) {
    match entry {
        Ok(l) => (
            std::cmp::Reverse(
                l.issue
                    .masthead
                    .as_ref()
                    .and_then(|m| m.date.clone())
                    .unwrap_or_default(),
            ),
            l.issue.source.clone(),
        ),
        Err(e) => (std::cmp::Reverse(String::new()), e.to_string()),
    }
}

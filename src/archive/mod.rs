//! Archives: a folder of issue files. Finding them ([`walk`]: recursive,
//! `.txt`, loop-safe), loading them on all cores in the background, what
//! each file is ([`keys`]: day, paper, page, article) and how they make up
//! issues ([`grouping`]: one paper on one day, its pages and articles).
//!
//! Files are read once; a file that fails to load stays in the list with
//! its error, so one bad file never hides the rest.

pub mod filter;
pub mod grouping;
pub mod input;
pub mod keys;
pub mod merge;
pub mod walk;

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

/// Read and parse an issue from `stdin` (`kanbao -`), keeping its hash,
/// so a piped issue is remembered like a file with the same bytes.
pub fn load_stdin(stdin: &mut dyn std::io::Read) -> Entry {
    let path = PathBuf::from(input::STDIN_NAME);
    let bytes = input::read_stdin(stdin).map_err(|source| LoadError::Io {
        path: path.clone(),
        source,
    })?;
    let hash = content_hash(&bytes);
    let issue = loader::parse_file(&path, input::STDIN_NAME, bytes)?;
    Ok(LoadedIssue { path, hash, issue })
}

/// The bundled sample as a loaded issue.
pub fn sample() -> LoadedIssue {
    LoadedIssue {
        path: PathBuf::from(crate::SAMPLE_NAME),
        hash: content_hash(crate::SAMPLE_BYTES),
        issue: loader::sample(),
    }
}

/// All `.txt` names under `dir`, recursively, sorted by path, each once:
/// the regular files and the special ones (FIFOs, sockets, devices), so
/// that the reader lists those as failures (`loader::read_file` refuses
/// them without blocking). Unreadable sub-folders are left out; hidden
/// files and folders too. The command line uses [`walk::walk`], which
/// says what it left out instead.
pub fn scan(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let w = walk::walk(dir)?;
    let mut files = w.files;
    files.extend(w.skipped.into_iter().filter(|s| s.special).map(|s| s.path));
    files.sort();
    Ok(files)
}

/// The keys of a loaded file found under `root` (see [`keys::keys`]).
pub fn keys_of(root: &Path, path: &Path, issue: Option<&Issue>) -> keys::FileKeys {
    let rel = path.strip_prefix(root).unwrap_or(path);
    keys::keys(rel, issue.and_then(|i| i.masthead.as_ref()))
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

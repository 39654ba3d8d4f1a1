//! Finding an archive's files: every `.txt` under a folder, each file
//! once, without hanging.
//!
//! - Symbolic links to folders are followed, but a folder already visited
//!   (same device and inode) is not entered again, so `self -> .` or
//!   `sub/back -> ..` cannot loop; real folders are walked before linked
//!   ones, so a file is listed under its real path when it has one.
//! - A file reached twice (a link to it, a hard link) is listed once.
//! - Only regular files are listed. A FIFO, socket or device named `*.txt`
//!   would block or never end when read; it is skipped and reported, as is
//!   a sub-folder that cannot be read. Nothing here opens a file.
//! - Hidden files and folders (`.name`) are skipped.

use crate::lang;
use crate::loader::{FileKind, Refusal, io_problem};
use std::collections::HashSet;
use std::fs::{self, FileType, Metadata};
use std::path::{Path, PathBuf};

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// The `.txt` files, sorted by path.
    pub files: Vec<PathBuf>,
    /// What was left out and why, in the order met.
    pub skipped: Vec<Skipped>,
}

/// A path the walk left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The path.
    pub path: PathBuf,
    /// Why, as the end of a `kanbao: PATH: why` line.
    pub why: String,
    /// A FIFO, socket or device named `*.txt` (else an unreadable folder).
    pub special: bool,
}

/// A file's identity: device and inode (on Unix), else its canonical path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Id {
    #[cfg(unix)]
    Inode(u64, u64),
    /// Also a dangling link's own path.
    Path(PathBuf),
}

fn id(path: &Path, meta: &Metadata) -> Id {
    #[cfg(unix)]
    {
        let _ = path;
        use std::os::unix::fs::MetadataExt;
        Id::Inode(meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Id::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

/// Why a file of this type is not read, if it is not a regular file (the
/// loader's own wording, `loader::read`).
fn special(kind: FileType) -> Option<String> {
    (!kind.is_file()).then(|| Refusal::NotRegular(FileKind::of(kind)).to_string())
}

fn is_txt(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("txt"))
}

/// Walk `dir`. Only an unreadable `dir` itself is an error.
pub fn walk(dir: &Path) -> std::io::Result<Walk> {
    let root_meta = fs::metadata(dir)?;
    // Read it now, so that a folder that cannot be listed is the error.
    let root_entries = fs::read_dir(dir)?;
    let mut out = Walk::default();
    let mut seen_dirs: HashSet<Id> = HashSet::from([id(dir, &root_meta)]);
    // (path, id, reached through a link): deduplicated at the end.
    let mut found: Vec<(PathBuf, Id, bool)> = Vec::new();
    // Real folders first; linked ones only when no real folder is left.
    // Real folders are marked seen when found; linked ones when walked, so
    // that a link met before the real folder (`0-alias -> a`) loses to it.
    let mut real: Vec<PathBuf> = Vec::new();
    let mut linked: Vec<(PathBuf, Id)> = Vec::new();
    let mut first = Some(root_entries);
    loop {
        let (via_link, entries) = if let Some(e) = first.take() {
            (false, e)
        } else {
            let (d, via_link) = if let Some(d) = real.pop() {
                (d, false)
            } else if let Some((d, id)) = linked.pop() {
                if !seen_dirs.insert(id) {
                    continue;
                }
                (d, true)
            } else {
                break;
            };
            match fs::read_dir(&d) {
                Ok(e) => (via_link, e),
                Err(e) => {
                    out.skipped.push(Skipped {
                        path: d,
                        why: {
                            let lang = lang::current();
                            let e = io_problem(&e, lang);
                            tr!(lang; "folder not read: {e}", "无法读取文件夹：{e}")
                        },
                        special: false,
                    });
                    continue;
                }
            }
        };
        let mut entries: Vec<fs::DirEntry> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(fs::DirEntry::file_name);
        // Decided in name order (the first name of a folder reached twice
        // wins); pushed in reverse, since stacks pop from the end.
        let (mut new_real, mut new_linked) = (Vec::new(), Vec::new());
        for entry in entries {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let link = kind.is_symlink();
            // Neither a folder nor a link, and not `*.txt`: nothing to
            // stat (a real-pages folder is half `.truth.json`).
            if !link && !kind.is_dir() && !is_txt(&path) {
                continue;
            }
            let meta = if link {
                match fs::metadata(&path) {
                    Ok(m) => m,
                    // A dangling link named *.txt: let loading say so.
                    Err(_) if is_txt(&path) => {
                        found.push((path.clone(), Id::Path(path), true));
                        continue;
                    }
                    Err(_) => continue,
                }
            } else {
                match entry.metadata() {
                    Ok(m) => m,
                    Err(_) => continue,
                }
            };
            if meta.is_dir() {
                let dir_id = id(&path, &meta);
                if via_link || link {
                    new_linked.push((path, dir_id));
                } else if seen_dirs.insert(dir_id) {
                    new_real.push(path);
                }
            } else if is_txt(&path) {
                match special(meta.file_type()) {
                    None => found.push((path.clone(), id(&path, &meta), via_link || link)),
                    Some(why) => out.skipped.push(Skipped {
                        path,
                        why,
                        special: true,
                    }),
                }
            }
        }
        real.extend(new_real.into_iter().rev());
        linked.extend(new_linked.into_iter().rev());
    }
    // Each file once: its real path when it has one, else the first path.
    found.sort_by(|a, b| (a.2, &a.0).cmp(&(b.2, &b.0)));
    let mut seen_files = HashSet::new();
    out.files = found
        .into_iter()
        .filter(|(_, id, _)| seen_files.insert(id.clone()))
        .map(|(p, _, _)| p)
        .collect();
    out.files.sort();
    Ok(out)
}

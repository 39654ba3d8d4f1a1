//! What the command line reads: the files and folders it was given, as a
//! list of [`Input`]s — each with the path it is shown by, the path its
//! [keys](super::keys) are read from, and where its bytes come from (a
//! file, or standard input for `-`).

use super::keys::{self, FileKeys};
use super::walk;
use crate::loader::scan::Scan;
use crate::loader::{self, LoadError, decode, sanitize};
use crate::model::{Encoding, Issue};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The name an issue read from standard input goes by.
pub const STDIN_NAME: &str = "-";

/// Standard input is read up to this size; more is refused (so
/// `kanbao export - < /dev/zero` ends).
pub const MAX_STDIN_BYTES: u64 = 512 << 20;

/// Where an input's bytes come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A file.
    File(PathBuf),
    /// Bytes already read (standard input).
    Bytes(Vec<u8>),
}

/// One issue file to read.
#[derive(Debug, Clone)]
pub struct Input {
    /// The path as printed: as given, or the walked path under a folder
    /// given (`DIR/2019/x.txt`), or `-`.
    pub shown: PathBuf,
    /// The path its keys are read from: below the folder given, or the
    /// file name alone for a file given.
    pub rel: PathBuf,
    /// Its bytes.
    pub source: Source,
}

impl Input {
    /// A file found under (or given as) `shown`, keyed by `rel`.
    pub fn file(shown: PathBuf, rel: PathBuf) -> Input {
        Input {
            source: Source::File(shown.clone()),
            shown,
            rel,
        }
    }

    /// Bytes named `name` (standard input; tests).
    pub fn bytes(name: &str, bytes: Vec<u8>) -> Input {
        Input {
            shown: PathBuf::from(name),
            rel: PathBuf::from(name),
            source: Source::Bytes(bytes),
        }
    }

    /// Read, decode and parse — only if `wanted` says the decoded text
    /// (before parsing) is worth it. `Ok(None)`: not wanted.
    pub fn load_if(&self, wanted: impl FnOnce(&str) -> bool) -> Result<Option<Issue>, LoadError> {
        self.decoded(|name, text, encoding, scan| {
            wanted(text).then(|| {
                let clean = sanitize::sanitize_scanned(text, scan);
                loader::parse(name, &clean, encoding)
            })
        })
    }

    /// Read and parse.
    pub fn load(&self) -> Result<Issue, LoadError> {
        self.decoded(|name, text, encoding, scan| {
            loader::parse(name, &sanitize::sanitize_scanned(text, scan), encoding)
        })
    }

    /// The loader's own path (`loader::load_bytes`: read, decode, then
    /// sanitize and parse in `f`), so a look at the text between decoding
    /// and parsing costs nothing extra.
    fn decoded<T>(&self, f: impl FnOnce(&str, &str, Encoding, &Scan) -> T) -> Result<T, LoadError> {
        let (name, bytes) = match &self.source {
            Source::File(p) => loader::read_file(p)?,
            Source::Bytes(b) => (self.rel.display().to_string(), b.clone()),
        };
        decode::decode_with(bytes, |text, encoding, scan| f(&name, text, encoding, scan)).map_err(
            |source| LoadError::Decode {
                path: self.shown.clone(),
                source,
            },
        )
    }

    /// What its path and masthead say it is.
    pub fn keys(&self, issue: Option<&Issue>) -> FileKeys {
        keys::keys(&self.rel, issue.and_then(|i| i.masthead.as_ref()))
    }
}

/// The inputs of `paths` (files, folders walked, `-` for standard input,
/// read once however often it is given), and one line per problem met
/// (`PATH: problem`: an unreadable folder, a skipped special file). A path
/// that does not exist is kept as a file, so loading reports it.
pub fn gather(paths: &[PathBuf], stdin: &mut dyn Read) -> (Vec<Input>, Vec<String>) {
    let mut inputs = Vec::new();
    let mut problems = Vec::new();
    let mut stdin_read = false;
    for p in paths {
        if p.as_os_str() == STDIN_NAME {
            if !stdin_read {
                stdin_read = true;
                match read_stdin(stdin) {
                    Ok(b) => inputs.push(Input::bytes(STDIN_NAME, b)),
                    Err(e) => problems.push(format!("{STDIN_NAME}: {e}")),
                }
            }
            continue;
        }
        if p.is_dir() {
            match walk::walk(p) {
                Ok(w) => {
                    for s in w.skipped {
                        problems.push(format!("{}: {}", s.path.display(), s.why));
                    }
                    for f in w.files {
                        let rel = f.strip_prefix(p).unwrap_or(&f).to_path_buf();
                        inputs.push(Input::file(f, rel));
                    }
                }
                Err(e) => problems.push(format!("{}: {e}", p.display())),
            }
        } else {
            let rel = p.file_name().map_or_else(|| p.clone(), PathBuf::from);
            inputs.push(Input::file(p.clone(), rel));
        }
    }
    (inputs, problems)
}

pub(super) fn read_stdin(stdin: &mut dyn Read) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    stdin.take(MAX_STDIN_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_STDIN_BYTES {
        let mib = MAX_STDIN_BYTES >> 20;
        return Err(std::io::Error::other(tr!(crate::lang::current();
            "standard input is larger than {mib} MiB: refused",
            "标准输入超过 {mib} MiB，不读"
        )));
    }
    Ok(bytes)
}

/// Is `p` the standard-input name `-`?
pub fn is_stdin(p: &Path) -> bool {
    p.as_os_str() == STDIN_NAME
}

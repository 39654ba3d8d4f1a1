//! The loader: raw bytes of an issue file → [`Issue`].
//!
//! `load_path` is the I/O shell; `load_bytes` decodes and sanitizes;
//! `parse` is the pure core over clean text.
//! STUB: the real loader lands next.

pub mod rules;

use crate::model::{Encoding, Issue};
use std::path::{Path, PathBuf};

/// Why a file could not be loaded. Displays as one line naming the file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file was read but is not a text issue.
    #[error("{path}: {reason}")]
    NotText {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
}

/// Read and parse one issue file.
pub fn load_path(path: &Path) -> Result<Issue, LoadError> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    load_bytes(&name, &bytes).map_err(|e| match e {
        LoadError::NotText { reason, .. } => LoadError::NotText {
            path: path.to_path_buf(),
            reason,
        },
        other => other,
    })
}

/// Decode, sanitize and parse the bytes of an issue named `source`.
pub fn load_bytes(source: &str, bytes: &[u8]) -> Result<Issue, LoadError> {
    let text = String::from_utf8_lossy(bytes);
    Ok(parse(source, &text, Encoding::Utf8))
}

/// Parse clean text (already decoded and sanitized) into an issue.
pub fn parse(source: &str, _text: &str, encoding: Encoding) -> Issue {
    Issue {
        source: source.to_string(),
        encoding,
        masthead: None,
        credits: None,
        articles: Vec::new(),
    }
}

/// The bundled sample issue.
pub fn sample() -> Issue {
    load_bytes(crate::SAMPLE_NAME, crate::SAMPLE_BYTES).expect("the bundled sample parses")
}

//! The loader: raw bytes of an issue file → [`Issue`].
//!
//! The stages, each a pure function with its own tests:
//! `decode` (bytes → text, encoding) → `sanitize` (controls, escapes, line
//! ends) → `units` (lines → units, hard wraps undone) → `shapes` and `cues`
//! (the evidence about each unit, measured against the page's habits) →
//! `segment` (the labelling of the whole page its cues explain best) →
//! `assemble` (labels → articles, with `parts` for body units). The rules
//! they apply are data: word lists in `rules` and `words`, weights in
//! `weights`. `scan` is the one byte pass `decode` and `sanitize` share;
//! `marks` is the one pass over a unit that the shapes' gates read.
//! Units borrow from the decoded text; only the articles' fields own text.
//! `read` (behind [`read_file`]) is the only part that touches the file system.

mod assemble;
pub mod cues;
pub mod decode;
mod decode_error;
mod marks;
mod masthead;
mod names;
mod parts;
mod patterns;
mod read;
pub mod rules;
pub mod sanitize;
pub mod scan;
pub mod segment;
pub mod shapes;
#[cfg(test)]
mod test_rng;
pub mod units;
mod weights;
mod words;

use crate::model::{Encoding, Issue};
use std::path::Path;

pub use decode::DecodeError;
pub use read::{
    DEFAULT_MAX_FILE_SIZE, FileKind, LoadError, MAX_FILE_SIZE_VAR, Refusal, io_problem,
    max_file_size, parse_size,
};

/// Read an issue file's bytes, with the name it is known by (its file
/// name without folders). Only a regular file within the size limit
/// ([`max_file_size`]) is read, and its first bytes are sniffed for binary
/// formats before the rest: folders, FIFOs, devices, huge and binary files
/// are errors, refused without blocking and without reading them whole.
pub fn read_file(path: &Path) -> Result<(String, Vec<u8>), LoadError> {
    let limit = max_file_size().map_err(|reason| LoadError::Refused {
        path: path.to_path_buf(),
        reason,
    })?;
    let bytes = read::read_limited(path, limit)?;
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok((name, bytes))
}

/// Parse bytes read from `path` (see [`read_file`]).
pub fn parse_file(path: &Path, name: &str, bytes: Vec<u8>) -> Result<Issue, LoadError> {
    load_bytes(name, bytes).map_err(|source| LoadError::Decode {
        path: path.to_path_buf(),
        source,
    })
}

/// Read and parse one issue file.
pub fn load_path(path: &Path) -> Result<Issue, LoadError> {
    let (name, bytes) = read_file(path)?;
    parse_file(path, &name, bytes)
}

/// Decode, sanitize and parse the bytes of an issue named `source`.
pub fn load_bytes(source: &str, bytes: Vec<u8>) -> Result<Issue, DecodeError> {
    // The text is borrowed from `bytes` when they are UTF-8 (no copy), and
    // the blocks borrow from the (sanitized) text: the articles' fields are
    // the only other copy, so peak memory stays near twice the file size
    // (three times when sanitizing had to copy the text, e.g. CRLF files).
    decode::decode_with(bytes, |text, encoding, scan| {
        let clean = sanitize::sanitize_scanned(text, scan);
        parse(source, &clean, encoding)
    })
}

/// Parse clean text (decoded, sanitized, LF line ends) into an issue.
pub fn parse(source: &str, text: &str, encoding: Encoding) -> Issue {
    parse_with(source, text, encoding, &DEFAULT_WEIGHTS)
}

static DEFAULT_WEIGHTS: std::sync::LazyLock<segment::Weights> =
    std::sync::LazyLock::new(segment::Weights::default);

/// A page made ready for segmentation: its units, their shapes and cues.
/// Kept apart from [`segment::segment`] so a tuner can segment one page
/// many times with other weights.
#[derive(Debug)]
pub struct Prepared<'a> {
    /// The units, in order.
    pub units: Vec<units::Unit<'a>>,
    /// Their shapes.
    pub shapes: Vec<shapes::Shape>,
    /// The bylines' parses, by unit index, as the shapes found them.
    pub bylines: Vec<(usize, shapes::Byline)>,
    /// Their cues.
    pub cues: Vec<cues::Cues>,
    /// The page's habits.
    pub habits: cues::Habits,
    /// The measure, if the page is hard-wrapped.
    pub wrap: Option<units::Wrap>,
}

/// Lines → units → shapes → cues.
pub fn prepare(text: &str) -> Prepared<'_> {
    let lines = units::lines(text);
    let wrap = units::wrap(&lines);
    let units = units::units(&lines, wrap);
    let (shapes, bylines) = cues::shapes_and_bylines(&units);
    let habits = cues::habits(&units, &shapes);
    let cues = cues::cues(&units, &shapes, habits);
    Prepared {
        units,
        shapes,
        bylines,
        cues,
        habits,
        wrap,
    }
}

/// Build the issue of a prepared page with these weights.
pub fn read_prepared(
    source: &str,
    encoding: Encoding,
    page: Prepared<'_>,
    weights: &segment::Weights,
) -> Issue {
    let labels = segment::segment(&page.cues, weights);
    assemble::assemble(
        source,
        encoding,
        page.units,
        &page.shapes,
        page.bylines,
        &labels,
    )
}

/// [`parse`] with other weights (a tuner's).
pub fn parse_with(source: &str, text: &str, encoding: Encoding, w: &segment::Weights) -> Issue {
    read_prepared(source, encoding, prepare(text), w)
}

/// The bundled sample issue.
pub fn sample() -> Issue {
    match load_bytes(crate::SAMPLE_NAME, crate::SAMPLE_BYTES.to_vec()) {
        Ok(issue) => issue,
        // The sample is a fixed asset tested by `cargo test`; this cannot
        // happen in a build that passed its tests.
        Err(e) => unreachable!("the bundled sample does not load: {e}"),
    }
}

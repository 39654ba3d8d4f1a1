//! Chunks of a huge paragraph, so it can be wrapped a few screens at a
//! time instead of whole (a 500 MB file of one line is one paragraph).
//!
//! A paragraph longer than [`HUGE`] bytes is cut into chunks of about
//! [`chunk_size`] bytes, and each chunk is wrapped on its own as if a line
//! started there ([`wrap_chunk`]). The cuts are fixed by the text and the
//! size alone — chunk `k` starts at the first *safe point* at or after
//! `k × size` — so finding one is a local scan of at most half a chunk, and
//! the lines of a chunk are the same whichever chunks around it are
//! wrapped: a reader that wraps only the chunks near the screen draws
//! exactly what wrapping them all would ([`wrap_chunked`], the eager form
//! the tests compare against).
//!
//! A safe point is where the wrapper may break anyway and nothing around
//! it looks across it: a Han character that may start a line, after a
//! sentence end `。！？` (preferred: the forced line end then reads like a
//! sentence ending a line) or after another Han character. Both are
//! UAX #14 break opportunities that keep the clreq rules (no closing mark
//! starts the next line, no opening mark ends this one, `——`/`……` are not
//! split), and both neighbours are Han, so the display-punctuation
//! context of the ASCII marks near the cut is unchanged. Text with no Han
//! (a huge Latin run) is cut after a space before a letter or digit, and
//! text with neither at the first char boundary: such a paragraph is not
//! newspaper text, and a cut there only ends a line early.
//!
//! The price is one line per chunk join that may end short of the
//! measure; paragraphs up to [`HUGE`] (every real article) are wrapped
//! whole, exactly as before.
use super::chars::is_han;
use super::punct::fullwidth_substitutions;
use super::rules::is_no_line_start;
use super::wrap::{VisualLine, WrapOptions, wrap};
use std::ops::Range;

/// Paragraphs longer than this many bytes are wrapped in chunks: some
/// thousand times a long newspaper paragraph, well under a tenth of a
/// second to wrap whole.
pub const HUGE: usize = 256 * 1024;

/// The chunk size for a measure of `width` columns: 256 bytes a column,
/// so one chunk is at least ~64 lines of any script (and ~170 of Han), and
/// the five chunks a reader keeps around the screen cover pages of any
/// terminal height.
pub fn chunk_size(width: usize) -> usize {
    256 * width.max(20)
}

/// The chunks of one paragraph.
#[derive(Debug, Clone, Copy)]
pub struct Chunks<'a> {
    text: &'a str,
    size: usize,
}

impl<'a> Chunks<'a> {
    /// The chunks of `text` for a measure of `width`, or `None` when it is
    /// short enough to wrap whole.
    pub fn new(text: &'a str, width: usize) -> Option<Chunks<'a>> {
        (text.len() > HUGE).then(|| Chunks::with_size(text, chunk_size(width)))
    }

    /// The chunks of `text` of about `size` bytes (at least 16), whatever
    /// its length (tests use small sizes to put many joins in short texts).
    pub fn with_size(text: &'a str, size: usize) -> Chunks<'a> {
        Chunks {
            text,
            size: size.max(16),
        }
    }

    /// The number of chunks (the last may be empty).
    pub fn count(&self) -> usize {
        self.text.len().div_ceil(self.size).max(1)
    }

    /// Byte offset where chunk `k` starts (the text's length for `k` at or
    /// past the end).
    pub fn start(&self, k: usize) -> usize {
        if k == 0 {
            0
        } else if k >= self.count() {
            self.text.len()
        } else {
            // Within half a chunk of k × size: so starts never cross and a
            // chunk is between half and one and a half sizes long.
            safe_point(self.text, k * self.size, self.size / 2)
        }
    }

    /// The byte range of chunk `k`.
    pub fn range(&self, k: usize) -> Range<usize> {
        self.start(k)..self.start(k + 1)
    }

    /// The chunk holding byte `byte` (the last for offsets past the end).
    pub fn index_of(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len().saturating_sub(1));
        let k = (byte / self.size).min(self.count() - 1);
        if k > 0 && byte < self.start(k) {
            k - 1
        } else {
            k
        }
    }
}

/// The first safe point (module header) in `text[from..from + range]`,
/// else the first char boundary at or after `from`.
fn safe_point(text: &str, from: usize, range: usize) -> usize {
    let mut from = from.min(text.len());
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut end = (from + range).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut prev = text[..from].chars().next_back();
    let (mut han, mut latin) = (None, None);
    for (i, c) in text[from..end].char_indices() {
        let at = from + i;
        if let Some(p) = prev {
            if is_han(c) && !is_no_line_start(c) {
                if matches!(p, '。' | '！' | '？') {
                    return at;
                }
                if han.is_none() && is_han(p) {
                    han = Some(at);
                }
            } else if latin.is_none() && p == ' ' && c.is_ascii_alphanumeric() {
                latin = Some(at);
            }
        }
        prev = Some(c);
    }
    han.or(latin).unwrap_or(from)
}

/// The lines of chunk `k` of `text`, with byte ranges into the whole
/// `text`: the chunk wrapped on its own, the paragraph indent only on the
/// first. An empty chunk has no lines.
pub fn wrap_chunk(
    text: &str,
    chunks: &Chunks<'_>,
    k: usize,
    opts: &WrapOptions,
) -> Vec<VisualLine> {
    let r = chunks.range(k);
    if r.is_empty() {
        return Vec::new();
    }
    let opts = WrapOptions {
        indent: if k == 0 { opts.indent } else { 0 },
        ..*opts
    };
    let mut lines = wrap(&text[r.clone()], &opts);
    for l in &mut lines {
        l.range = l.range.start + r.start..l.range.end + r.start;
    }
    lines
}

/// Every chunk of `text` wrapped, in order: what a reader that wraps them
/// lazily shows, all at once (for tests and for comparison).
pub fn wrap_chunked(text: &str, chunks: &Chunks<'_>, opts: &WrapOptions) -> Vec<VisualLine> {
    (0..chunks.count())
        .flat_map(|k| wrap_chunk(text, chunks, k, opts))
        .collect()
}

/// The lines of chunks `r` of huge paragraph `text`, the display
/// substitutions of those chunks (each found within its chunk, as the
/// wrapper saw them) and the estimated lines of the chunks before and
/// after: their bytes at the window's lines per byte.
pub fn wrap_window(
    text: &str,
    ch: &Chunks<'_>,
    r: Range<usize>,
    opts: &WrapOptions,
) -> (Vec<VisualLine>, Vec<(usize, char)>, usize, usize) {
    let mut visual = Vec::new();
    let mut subs = Vec::new();
    for k in r.clone() {
        visual.extend(wrap_chunk(text, ch, k, opts));
        if opts.display_punct {
            let c = ch.range(k);
            let found = fullwidth_substitutions(&text[c.clone()]);
            subs.extend(found.into_iter().map(|(o, s)| (o + c.start, s)));
        }
    }
    let (start, end) = (ch.start(r.start), ch.start(r.end));
    let estimate = |bytes: usize| {
        let (n, wrapped) = (visual.len() as u128, (end - start).max(1) as u128);
        usize::try_from(bytes as u128 * n / wrapped).unwrap_or(usize::MAX)
    };
    let (before, after) = (estimate(start), estimate(text.len() - end));
    (visual, subs, before, after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_rise_and_prefer_sentence_ends() {
        let text = "中国人民在发展经济，".repeat(9) + "中国人民在发展经济。";
        let text = text.repeat(50);
        let c = Chunks::with_size(&text, 900);
        let mut last = 0;
        for k in 1..c.count() {
            let s = c.start(k);
            assert!(s > last && s >= k * 900 && s <= k * 900 + 450, "{k}: {s}");
            assert!(text[..s].ends_with('。'), "{k}");
            last = s;
        }
        for byte in [0, 1, 899, 900, 5000, text.len() - 1, text.len() + 9] {
            let k = c.index_of(byte);
            let r = c.range(k);
            let b = byte.min(text.len() - 1);
            assert!(r.start <= b && b < r.end, "{byte} in {r:?}");
        }
    }

    #[test]
    fn han_then_latin_then_any_boundary() {
        let han = "中".repeat(100);
        assert_eq!(safe_point(&han, 31, 60), 33);
        let latin = "ab ".repeat(100);
        assert_eq!(safe_point(&latin, 31, 60), 33);
        let x = "x".repeat(100);
        assert_eq!(safe_point(&x, 31, 60), 31);
        assert_eq!(safe_point(&han, 500, 60), han.len());
    }

    #[test]
    fn short_paragraphs_are_not_chunked() {
        assert!(Chunks::new(&"中".repeat(1000), 80).is_none());
        assert!(Chunks::new(&"中".repeat(HUGE), 80).is_some());
    }
}

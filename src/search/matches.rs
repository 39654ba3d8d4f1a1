//! The result of a literal search: every hit (folded offsets, mapped back
//! to original bytes only when asked), per-article counts, and the `n`/`N`
//! walk over hits in reading order with wrap-around.

use super::index::{Field, SearchIndex};
use std::ops::Range;
use std::sync::Arc;

/// How a term matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TermKind {
    /// The folded term occurs literally.
    Literal,
    /// No literal hit; matched as pinyin initials.
    Pinyin,
}

/// One term of the query and how it fared.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TermInfo {
    /// The folded term.
    pub term: String,
    /// How it matched.
    pub kind: TermKind,
    /// Its occurrences in the whole haystack (before the AND filter).
    pub occurrences: usize,
}

/// One hit, in folded coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hit {
    /// Folded start.
    pub start: u32,
    /// Folded length.
    pub len: u32,
}

/// One hit, located for the UI.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MatchPos {
    /// Global article number (see [`SearchIndex::article_ref`]).
    pub article: usize,
    /// The field it is in.
    pub field: Field,
    /// Byte range in that field's original text.
    pub range: Range<usize>,
}

/// A place in the text: where the reader's cursor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    /// Global article number.
    pub article: usize,
    /// Field.
    pub field: Field,
    /// Byte offset in the field's original text.
    pub byte: usize,
}

/// A step of `n`/`N`: which hit, and whether the walk wrapped around the
/// end (or start) to get there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// Index into the hits (use [`Matches::get`]).
    pub index: usize,
    /// True when the walk passed the last hit and started over (or, going
    /// back, passed the first).
    pub wrapped: bool,
}

/// All hits of a query, in reading order, and per-article counts.
///
/// Hits, counts and articles are shared (not copied) with the
/// [`super::Searcher`]'s cache: a keystroke that finds its term cached,
/// and every one-term search, hands them out without allocating.
#[derive(Debug, Clone, Default)]
pub struct Matches {
    pub(crate) hits: Arc<Vec<Hit>>,
    pub(crate) counts: Arc<Vec<u32>>,
    pub(crate) articles: Arc<Vec<u32>>,
    pub(crate) terms: Vec<TermInfo>,
}

impl Matches {
    /// Number of hits (over articles that contain every term).
    pub fn len(&self) -> usize {
        self.hits.len()
    }

    /// Whether nothing matched.
    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    /// The terms and how each matched.
    pub fn terms(&self) -> &[TermInfo] {
        &self.terms
    }

    /// Hits in folded coordinates, in reading order.
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// Hits per global article (0 for articles that do not match).
    pub fn counts(&self) -> &[u32] {
        &self.counts
    }

    /// Hits in global article `a`.
    pub fn count_in(&self, a: usize) -> u32 {
        self.counts.get(a).copied().unwrap_or(0)
    }

    /// Matching global articles, in reading order.
    pub fn articles(&self) -> &[u32] {
        &self.articles
    }

    /// Hit `i`, mapped back to its article, field and original bytes.
    pub fn get(&self, index: &SearchIndex, i: usize) -> Option<MatchPos> {
        let h = *self.hits.get(i)?;
        let (fi, range) = index.to_original(h.start as usize, (h.start + h.len) as usize)?;
        let span = index.fields().get(fi)?;
        Some(MatchPos {
            article: span.article as usize,
            field: span.field,
            range,
        })
    }

    /// Indices of the hits inside global article `a` (contiguous, since
    /// hits are in reading order).
    pub fn in_article(&self, index: &SearchIndex, a: usize) -> Range<usize> {
        let r = index.article_range(a);
        let lo = self.hits.partition_point(|h| (h.start as usize) < r.start);
        let hi = self.hits.partition_point(|h| (h.start as usize) < r.end);
        lo..hi
    }

    /// Hits (indices) whose folded span meets `lo..hi`: found by bisection,
    /// so highlighting one screen of a huge paragraph with a million hits
    /// looks at that screen's hits only.
    pub fn overlapping(&self, lo: usize, hi: usize) -> Range<usize> {
        let end = self.hits.partition_point(|h| (h.start as usize) < hi);
        let mut start = self.hits.partition_point(|h| (h.start as usize) < lo);
        // Hits starting before `lo` may reach into it (hits are sorted by
        // start; they rarely overlap, so this walks back a step or two).
        while start > 0 && {
            let h = self.hits[start - 1];
            (h.start + h.len) as usize > lo
        } {
            start -= 1;
        }
        start..end.max(start)
    }

    /// All hits of global article `a`, located (for highlighting a page).
    pub fn positions_in(&self, index: &SearchIndex, a: usize) -> Vec<MatchPos> {
        self.in_article(index, a)
            .filter_map(|i| self.get(index, i))
            .collect()
    }

    /// The first hit at or after `cursor`, wrapping to the first hit when
    /// there is none after it.
    pub fn nearest(&self, index: &SearchIndex, cursor: Cursor) -> Option<Step> {
        if self.hits.is_empty() {
            return None;
        }
        let f = cursor_to_folded(index, cursor);
        let i = self.hits.partition_point(|h| (h.start as usize) < f);
        Some(if i < self.hits.len() {
            Step {
                index: i,
                wrapped: false,
            }
        } else {
            Step {
                index: 0,
                wrapped: true,
            }
        })
    }

    /// The hit after hit `i` (`n`), wrapping after the last.
    pub fn next(&self, i: usize) -> Option<Step> {
        let n = self.hits.len();
        if n == 0 {
            return None;
        }
        Some(if i + 1 < n {
            Step {
                index: i + 1,
                wrapped: false,
            }
        } else {
            Step {
                index: 0,
                wrapped: true,
            }
        })
    }

    /// The hit before hit `i` (`N`), wrapping before the first.
    pub fn prev(&self, i: usize) -> Option<Step> {
        let n = self.hits.len();
        if n == 0 {
            return None;
        }
        Some(if i > 0 && i <= n {
            Step {
                index: i - 1,
                wrapped: false,
            }
        } else {
            Step {
                index: n - 1,
                wrapped: true,
            }
        })
    }

    /// The last hit strictly before `cursor` (`N` from a cursor that is not
    /// on a hit), wrapping to the last hit.
    pub fn nearest_before(&self, index: &SearchIndex, cursor: Cursor) -> Option<Step> {
        if self.hits.is_empty() {
            return None;
        }
        let f = cursor_to_folded(index, cursor);
        let i = self.hits.partition_point(|h| (h.start as usize) < f);
        Some(match i.checked_sub(1) {
            Some(j) => Step {
                index: j,
                wrapped: false,
            },
            None => Step {
                index: self.hits.len() - 1,
                wrapped: true,
            },
        })
    }
}

/// The folded offset of a cursor: its field's mapped byte, or the start of
/// the next field that exists, or the end of its article.
fn cursor_to_folded(index: &SearchIndex, c: Cursor) -> usize {
    if c.article >= index.article_count() {
        return index.haystack().len();
    }
    let spans = index.article_fields(c.article);
    match spans.iter().find(|s| s.field >= c.field) {
        Some(s) if s.field == c.field => index
            .to_folded(c.article, c.field, c.byte)
            .unwrap_or(s.start as usize),
        Some(s) => s.start as usize,
        None => index.article_range(c.article).end,
    }
}

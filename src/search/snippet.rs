//! Snippets: a window of original text around a hit, with the hits inside
//! it marked by byte ranges (the UI styles them; the CLI brackets them).

use super::index::SearchIndex;
use super::matches::MatchPos;
use crate::model::Issue;
use std::borrow::Borrow;
use std::ops::Range;

/// Characters of context on each side of the hit.
const CONTEXT: usize = 20;

/// A piece of an article's original text with marked ranges.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Snippet {
    /// The text, with `…` where it was cut.
    pub text: String,
    /// Byte ranges in `text` to highlight, ascending, not overlapping.
    pub marks: Vec<Range<usize>>,
}

impl Snippet {
    /// The text with every mark wrapped in `open` … `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + self.marks.len() * 8);
        let mut at = 0;
        for m in &self.marks {
            let (Some(before), Some(inner)) =
                (self.text.get(at..m.start), self.text.get(m.start..m.end))
            else {
                continue;
            };
            out.push_str(before);
            out.push_str(open);
            out.push_str(inner);
            out.push_str(close);
            at = m.end;
        }
        out.push_str(self.text.get(at..).unwrap_or(""));
        out
    }
}

/// The original text of a located match's field.
pub fn field_text<'a, I: Borrow<Issue>>(
    index: &SearchIndex,
    issues: &'a [I],
    m: &MatchPos,
) -> Option<&'a str> {
    let r = index.article_ref(m.article)?;
    let article = issues
        .get(r.issue as usize)?
        .borrow()
        .articles
        .get(r.article as usize)?;
    m.field.text(article)
}

/// A snippet around `best`, marking every match of `all` that lies in the
/// same field and inside the window.
pub fn snippet_around<I: Borrow<Issue>>(
    index: &SearchIndex,
    issues: &[I],
    best: &MatchPos,
    all: &[MatchPos],
) -> Option<Snippet> {
    let text = field_text(index, issues, best)?;
    let (s, e) = (best.range.start, best.range.end.min(text.len()));
    if !text.is_char_boundary(s) || !text.is_char_boundary(e) || s > e {
        return None;
    }
    let from = text[..s]
        .char_indices()
        .rev()
        .nth(CONTEXT - 1)
        .map_or(0, |(i, _)| i);
    let to = text[e..]
        .char_indices()
        .nth(CONTEXT)
        .map_or(text.len(), |(i, _)| e + i);
    let lead = if from > 0 { "…" } else { "" };
    let tail = if to < text.len() { "…" } else { "" };
    let mut out = String::with_capacity(to - from + 6);
    out.push_str(lead);
    out.push_str(&text[from..to]);
    out.push_str(tail);
    let shift = lead.len();
    let mut marks: Vec<Range<usize>> = all
        .iter()
        .chain(std::iter::once(best))
        .filter(|m| m.article == best.article && m.field == best.field)
        .filter(|m| m.range.start >= from && m.range.end <= to)
        .map(|m| m.range.start - from + shift..m.range.end - from + shift)
        .collect();
    marks.sort_by_key(|r| (r.start, r.end));
    // Overlapping hits (two terms sharing characters) become one mark.
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(marks.len());
    for m in marks {
        match merged.last_mut() {
            Some(last) if m.start <= last.end => last.end = last.end.max(m.end),
            _ => merged.push(m),
        }
    }
    Some(Snippet {
        text: out,
        marks: merged,
    })
}

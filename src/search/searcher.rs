//! The incremental literal searcher behind the search bar: one call per
//! keystroke. It keeps the occurrences of recent terms, so a term grown by
//! a character only re-checks the previous occurrences (a prefix match
//! starts where the longer one would; usually without reading the
//! haystack, see [`super::matcher::Found`]), and backspace finds the
//! shorter term's result still cached. A cached result is handed out
//! shared, not copied.
//!
//! Pinyin initials (a term of two or more Latin letters with no literal
//! hit) go the same way: the first scan keeps every run of the letters
//! ([`super::pinyin::find_runs`], split over threads like the literal
//! scan), and each further letter refines those runs
//! ([`super::pinyin::refine_runs`]) without a literal scan: a term that
//! grows a cached pinyin term has no literal hit either.

use super::index::SearchIndex;
use super::matcher::{Found, count_sorted, find_counted};
use super::matches::{Hit, Matches, TermInfo, TermKind};
use super::pinyin::{find_runs, greedy, letter_bits, refine_runs};
use super::query::{Query, is_initials};
use super::refine::{refine_found, self_overlaps};
use std::sync::Arc;

/// How many recent terms to keep (a bar's worth of typing and deleting).
const CACHE: usize = 16;

/// Keep fewer terms when they hold more occurrences than this in all
/// (~20 bytes each: start, the bytes after it, the hit handed out), but
/// always the last two.
const CACHE_OCCURRENCES: usize = 1 << 20;

#[derive(Debug)]
struct Cached {
    term: String,
    kind: TermKind,
    /// What refining a longer term needs. Literal terms: the hits and the
    /// bytes after each. Pinyin terms: every run, overlapping ones too, and
    /// the initials of the two characters after each (see
    /// [`super::pinyin`]).
    found: Found,
    /// What [`Matches`] hands out for this term alone.
    hits: Arc<Vec<Hit>>,
    /// Occurrences per global article.
    counts: Arc<Vec<u32>>,
    /// Articles with an occurrence.
    articles: Arc<Vec<u32>>,
}

impl Cached {
    /// A term whose hits are `starts` (`None`: `found.starts`), all `len`
    /// bytes long.
    fn new(
        term: &str,
        kind: TermKind,
        found: Found,
        starts: Option<&[u32]>,
        len: u32,
        counts: Vec<u32>,
    ) -> Cached {
        let starts = starts.unwrap_or(&found.starts);
        let mut hits = Vec::with_capacity(starts.len());
        hits.extend(starts.iter().map(|&start| Hit { start, len }));
        Cached {
            term: term.to_string(),
            kind,
            found,
            hits: Arc::new(hits),
            articles: Arc::new(matching(&counts)),
            counts: Arc::new(counts),
        }
    }

    fn info(&self) -> TermInfo {
        TermInfo {
            term: self.term.clone(),
            kind: self.kind,
            occurrences: self.hits.len(),
        }
    }
}

/// Incremental search over one [`SearchIndex`]. Create one per index and
/// call [`Searcher::search`] on every change of the query text.
#[derive(Debug, Default)]
pub struct Searcher {
    cache: Vec<Cached>,
}

impl Searcher {
    /// A searcher with an empty cache.
    pub fn new() -> Searcher {
        Searcher::default()
    }

    /// Forget cached terms (call after rebuilding the index).
    pub fn clear(&mut self) {
        self.cache.clear();
    }

    /// All hits of `query` (white space separates terms, all of which must
    /// occur in an article). Terms with no literal occurrence that are
    /// Latin letters match as pinyin initials instead.
    pub fn search(&mut self, index: &SearchIndex, query: &str) -> Matches {
        let q = Query::parse(query);
        if let [term] = &q.terms[..] {
            // One term (every keystroke of a plain search): its hits and
            // counts are the answer as they are.
            let c = self.occurrences(index, term);
            return Matches {
                hits: Arc::clone(&c.hits),
                counts: Arc::clone(&c.counts),
                articles: Arc::clone(&c.articles),
                terms: vec![c.info()],
            };
        }
        let mut per_term = Vec::with_capacity(q.terms.len());
        for term in &q.terms {
            let c = self.occurrences(index, term);
            per_term.push((c.info(), Arc::clone(&c.hits), Arc::clone(&c.counts)));
        }
        combine(index, per_term)
    }

    /// Occurrences of one folded term: from the cache, refined from a
    /// cached prefix, or searched afresh.
    fn occurrences(&mut self, index: &SearchIndex, term: &str) -> &Cached {
        if let Some(i) = self.cache.iter().position(|c| c.term == term) {
            let c = self.cache.remove(i);
            self.cache.push(c);
        } else {
            let hay = index.haystack();
            let art = index.article_starts();
            // A cached pinyin prefix has no literal occurrence, so neither
            // has the term: refine its runs.
            let pinyin_prefix = self
                .cache
                .iter()
                .filter(|c| c.kind == TermKind::Pinyin && term.starts_with(c.term.as_str()))
                .max_by_key(|c| c.term.len());
            let entry = match (pinyin_prefix, letter_bits(term.as_bytes())) {
                (Some(p), Some(bits)) if is_initials(term) => {
                    let runs = refine_runs(hay, &p.found, p.term.len(), &bits);
                    pinyin_entry(art, term, runs, None)
                }
                _ => self.literal_or_fresh_pinyin(index, term),
            };
            let held: usize = self.cache.iter().map(|c| c.hits.len()).sum();
            let mut held = held + entry.hits.len();
            while self.cache.len() >= CACHE || (held > CACHE_OCCURRENCES && self.cache.len() >= 2) {
                held -= self.cache.remove(0).hits.len();
            }
            self.cache.push(entry);
        }
        // Just pushed or moved to the end.
        &self.cache[self.cache.len() - 1]
    }
}

impl Searcher {
    /// A term not refined from a pinyin prefix: its literal occurrences
    /// (refined from a cached literal prefix when there is one), or, with
    /// none and Latin letters only, its pinyin initials afresh.
    fn literal_or_fresh_pinyin(&self, index: &SearchIndex, term: &str) -> Cached {
        let hay = index.haystack();
        let art = index.article_starts();
        // The longest cached literal prefix of the term that cannot
        // overlap itself (so its list holds every occurrence), if any.
        let prefix = self
            .cache
            .iter()
            .filter(|c| {
                c.kind == TermKind::Literal
                    && term.starts_with(c.term.as_str())
                    && !self_overlaps(c.term.as_bytes())
            })
            .max_by_key(|c| c.term.len());
        let (found, counts) = match prefix {
            Some(p) => {
                let found = refine_found(hay, &p.found, p.term.len(), term.as_bytes());
                let counts = counted(art, &found.starts);
                (found, counts)
            }
            None => find_counted(hay, art, term.as_bytes()),
        };
        if found.starts.is_empty()
            && is_initials(term)
            && let Some(bits) = letter_bits(term.as_bytes())
        {
            let (runs, counts) = find_runs(hay, art, &bits);
            return pinyin_entry(art, term, runs, Some(counts));
        }
        Cached::new(
            term,
            TermKind::Literal,
            found,
            None,
            term.len() as u32,
            counts,
        )
    }
}

/// The cache entry of a pinyin term from all its runs (and the counts of
/// its hits when known).
fn pinyin_entry(art: &[u32], term: &str, runs: Found, counts: Option<Vec<u32>>) -> Cached {
    let len = 3 * term.len() as u32;
    let hits = greedy(&runs.starts, len);
    let counts = counts.unwrap_or_else(|| counted(art, &hits));
    Cached::new(term, TermKind::Pinyin, runs, Some(&hits), len, counts)
}

/// Per-article counts of ascending positions (`art`: article starts, then
/// the haystack's length).
fn counted(art: &[u32], positions: &[u32]) -> Vec<u32> {
    let n = art.len().saturating_sub(1);
    let mut counts = vec![0; n];
    count_sorted(art, positions, &mut counts);
    counts
}

/// One term's share of a query: how it matched, its hits (ascending) and
/// its per-article counts.
type TermResult = (TermInfo, Arc<Vec<Hit>>, Arc<Vec<u32>>);

/// AND the terms: keep hits in articles where every term occurs. Each
/// term comes with its hits (ascending) and its per-article counts.
fn combine(index: &SearchIndex, per_term: Vec<TermResult>) -> Matches {
    let n = index.article_count();
    let starts = index.article_starts();
    let k = per_term.len() as u32;
    let mut present = vec![0u32; n];
    for (_, _, counts) in &per_term {
        for (p, c) in present.iter_mut().zip(counts.iter()) {
            *p += u32::from(*c > 0);
        }
    }
    let mut all: Vec<Hit> = Vec::new();
    let mut terms = Vec::with_capacity(per_term.len());
    for (info, hits, _) in per_term {
        let mut a = 0usize;
        for &h in hits.iter() {
            while a + 1 < n && starts[a + 1] <= h.start {
                a += 1;
            }
            if present.get(a) == Some(&k) {
                all.push(h);
            }
        }
        terms.push(info);
    }
    // `all` is one ascending run per term: the stable sort merges runs.
    all.sort();
    let mut counts = vec![0u32; n];
    count_sorted(starts, all.iter().map(|h| &h.start), &mut counts);
    Matches {
        hits: Arc::new(all),
        articles: Arc::new(matching(&counts)),
        counts: Arc::new(counts),
        terms,
    }
}

fn matching(counts: &[u32]) -> Vec<u32> {
    let mut articles = Vec::with_capacity(counts.len());
    articles.extend(
        counts
            .iter()
            .enumerate()
            .filter(|(_, c)| **c > 0)
            .map(|(a, _)| a as u32),
    );
    articles
}

/// One-shot search (no cache): what `kanbao search` uses.
pub fn search(index: &SearchIndex, query: &str) -> Matches {
    Searcher::new().search(index, query)
}

#[cfg(test)]
mod tests;

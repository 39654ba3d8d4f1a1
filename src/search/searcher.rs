//! The incremental literal searcher behind the search bar: one call per
//! keystroke. It keeps the occurrences of recent terms, so a term grown by
//! a character only re-checks the previous occurrences (a prefix match
//! starts where the longer one would), and backspace finds the shorter
//! term's result still cached.

use super::index::SearchIndex;
use super::matcher::{find_all, refine, self_overlaps};
use super::matches::{Hit, Matches, TermInfo, TermKind};
use super::pinyin::find_initials;
use super::query::{Query, is_initials};

/// How many recent terms to keep (a bar's worth of typing and deleting).
const CACHE: usize = 16;

#[derive(Debug)]
struct Cached {
    term: String,
    kind: TermKind,
    len: Vec<u32>,
    starts: Vec<u32>,
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
        let mut per_term: Vec<(TermInfo, Vec<Hit>)> = Vec::with_capacity(q.terms.len());
        for term in &q.terms {
            let c = self.occurrences(index, term);
            let hits = c
                .starts
                .iter()
                .zip(c.len.iter().cycle())
                .map(|(&start, &len)| Hit { start, len })
                .collect();
            per_term.push((
                TermInfo {
                    term: term.clone(),
                    kind: c.kind,
                    occurrences: c.starts.len(),
                },
                hits,
            ));
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
            let starts = match prefix {
                Some(p) => refine(hay, &p.starts, term.as_bytes()),
                None => find_all(hay, term.as_bytes()),
            };
            let entry = if starts.is_empty() && is_initials(term) {
                let (starts, len) = pinyin_hits(index, term);
                Cached {
                    term: term.to_string(),
                    kind: TermKind::Pinyin,
                    len,
                    starts,
                }
            } else {
                Cached {
                    term: term.to_string(),
                    kind: TermKind::Literal,
                    len: vec![term.len() as u32],
                    starts,
                }
            };
            if self.cache.len() >= CACHE {
                self.cache.remove(0);
            }
            self.cache.push(entry);
        }
        // Just pushed or moved to the end.
        &self.cache[self.cache.len() - 1]
    }
}

/// Pinyin-initials hits over the whole haystack: starts and lengths.
fn pinyin_hits(index: &SearchIndex, term: &str) -> (Vec<u32>, Vec<u32>) {
    // The haystack is built from whole UTF-8 encodings, so this never
    // fails; if it somehow did, pinyin matching just finds nothing.
    let Ok(hay) = std::str::from_utf8(index.haystack()) else {
        return (Vec::new(), Vec::new());
    };
    let hits = find_initials(hay, term.as_bytes());
    hits.into_iter().unzip()
}

/// The article of every hit, by walking hits and article starts together
/// (both ascending), and per-article counts.
fn count_per_article(starts: &[u32], hits: &[Hit], counts: &mut [u32]) -> Vec<u32> {
    let mut art = Vec::with_capacity(hits.len());
    let mut a = 0usize;
    for h in hits {
        while a + 1 < starts.len() && starts[a + 1] <= h.start {
            a += 1;
        }
        if let Some(c) = counts.get_mut(a) {
            *c += 1;
        }
        art.push(a as u32);
    }
    art
}

/// AND the terms: keep hits in articles where every term occurs.
fn combine(index: &SearchIndex, per_term: Vec<(TermInfo, Vec<Hit>)>) -> Matches {
    let n = index.article_count();
    let starts = index.article_starts();
    let mut terms = Vec::with_capacity(per_term.len());
    if per_term.len() == 1 {
        let Some((info, hits)) = per_term.into_iter().next() else {
            return Matches::default();
        };
        let mut counts = vec![0u32; n];
        count_per_article(starts, &hits, &mut counts);
        let articles = matching(&counts);
        terms.push(info);
        return Matches {
            hits,
            counts,
            articles,
            terms,
        };
    }
    let mut present = vec![0u32; n];
    let mut all: Vec<(Hit, u32)> = Vec::new();
    let k = per_term.len() as u32;
    for (info, hits) in per_term {
        let mut counts = vec![0u32; n];
        let art = count_per_article(starts, &hits, &mut counts);
        for (p, c) in present.iter_mut().zip(&counts) {
            *p += u32::from(*c > 0);
        }
        all.extend(hits.into_iter().zip(art));
        terms.push(info);
    }
    all.retain(|&(_, a)| present.get(a as usize) == Some(&k));
    all.sort_unstable();
    let mut counts = vec![0u32; n];
    for &(_, a) in &all {
        counts[a as usize] += 1;
    }
    let articles = matching(&counts);
    Matches {
        hits: all.into_iter().map(|(h, _)| h).collect(),
        counts,
        articles,
        terms,
    }
}

fn matching(counts: &[u32]) -> Vec<u32> {
    counts
        .iter()
        .enumerate()
        .filter(|(_, c)| **c > 0)
        .map(|(a, _)| a as u32)
        .collect()
}

/// One-shot search (no cache): what `kanbao search` uses.
pub fn search(index: &SearchIndex, query: &str) -> Matches {
    Searcher::new().search(index, query)
}

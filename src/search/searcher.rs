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
use super::matcher::{Found, count_sorted, find_counted, refine_found, self_overlaps};
use super::matches::{Hit, Matches, TermInfo, TermKind};
use super::pinyin::{find_runs, greedy, letter_bits, refine_runs};
use super::query::{Query, is_initials};
use super::recycle::{HITS, U32S, U64S, give_shared};
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

impl Drop for Cached {
    /// Big buffers go back for the next scans (those still shared with a
    /// [`Matches`] go back when it is dropped).
    fn drop(&mut self) {
        U32S.give(std::mem::take(&mut self.found.starts));
        U64S.give(std::mem::take(&mut self.found.ahead));
        give_shared(&HITS, std::mem::take(&mut self.hits));
        give_shared(&U32S, std::mem::take(&mut self.counts));
        give_shared(&U32S, std::mem::take(&mut self.articles));
    }
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
        let mut hits = HITS.take(starts.len());
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
            U32S.give(found.starts);
            U64S.give(found.ahead);
            U32S.give(counts);
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
    let entry = Cached::new(term, TermKind::Pinyin, runs, Some(&hits), len, counts);
    U32S.give(hits);
    entry
}

/// Per-article counts of ascending positions (`art`: article starts, then
/// the haystack's length).
fn counted(art: &[u32], positions: &[u32]) -> Vec<u32> {
    let n = art.len().saturating_sub(1);
    let mut counts = U32S.take(n);
    counts.resize(n, 0);
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
    let mut articles = U32S.take(counts.len());
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
mod tests {
    use super::*;
    use crate::model::{Article, Encoding, Issue};
    use crate::search::matcher::tests::{naive, naive_counts};

    fn index() -> SearchIndex {
        let texts = [
            ("民生保障", vec!["民生实事，民生保障。", "少年民工"]),
            ("无关", vec!["今天天气很好"]),
            ("", vec![]),
            ("民生", vec!["保障民生，哈哈哈哈", "民 生"]),
            ("工作", vec!["民生保障工作"]),
        ];
        let issue = Issue {
            source: "t".into(),
            encoding: Encoding::Utf8,
            masthead: None,
            credits: None,
            chrome: Vec::new(),
            articles: texts
                .iter()
                .map(|(t, ps)| Article {
                    title: (!t.is_empty()).then(|| t.to_string()),
                    paragraphs: ps.iter().map(|p| p.to_string()).collect(),
                    ..Article::default()
                })
                .collect(),
        };
        SearchIndex::build(&[issue.clone(), issue])
    }

    /// Counts and matching articles recomputed from the hits alone.
    fn check_counts(index: &SearchIndex, m: &Matches, q: &str) {
        let mut counts = vec![0u32; index.article_count()];
        for h in m.hits() {
            let a = (0..index.article_count())
                .find(|&a| index.article_range(a).contains(&(h.start as usize)))
                .expect("hit inside an article");
            counts[a] += 1;
        }
        assert_eq!(m.counts(), &counts[..], "{q}");
        let articles: Vec<u32> = (0..counts.len() as u32)
            .filter(|&a| counts[a as usize] > 0)
            .collect();
        assert_eq!(m.articles(), &articles[..], "{q}");
    }

    #[test]
    fn counts_equal_a_recount_of_the_hits() {
        let index = index();
        let mut s = Searcher::new();
        for q in [
            "民",
            "民生",
            "民生保",
            "民生保障",
            "民生 保障",
            "保障 民",
            "哈哈",
            "哈",
            "民 工作",
            "msbz",
            "无此词",
            "",
        ] {
            let inc = s.search(&index, q);
            let fresh = search(&index, q);
            assert_eq!(inc.hits(), fresh.hits(), "{q}");
            check_counts(&index, &inc, q);
            check_counts(&index, &fresh, q);
        }
        // Cached terms give the same answer again.
        let again = s.search(&index, "民");
        assert_eq!(again.len(), 2 * 8);
        check_counts(&index, &again, "民");
    }

    #[test]
    fn evicted_terms_are_searched_again_exactly() {
        let index = index();
        let mut s = Searcher::new();
        let terms = [
            "民",
            "民生",
            "民生保",
            "生",
            "保",
            "障",
            "工",
            "作",
            "实",
            "事",
            "少",
            "年",
            "天",
            "气",
            "很",
            "好",
            "哈",
            "无",
            "关",
            "民生保障工作",
        ];
        assert!(terms.len() > CACHE);
        for q in terms {
            check_counts(&index, &s.search(&index, q), q);
        }
        assert!(s.cache.len() <= CACHE);
        // `民` was evicted: found afresh; `民生保` is refined from it again.
        for q in ["民", "民生保", "民生保障"] {
            assert_eq!(s.search(&index, q).hits(), search(&index, q).hits(), "{q}");
        }
    }

    /// An issue of over 4 MB (the threaded scan's threshold) made of
    /// `chars` at random, in articles of 1–4 paragraphs of up to `len`
    /// characters each, every one titled `title`.
    fn big_issue(chars: &[char], mut seed: u64, len: usize, title: &str) -> Issue {
        let mut next = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut articles = Vec::new();
        let mut bytes = 0;
        while bytes < (4 << 20) + (1 << 20) {
            let paragraphs: Vec<String> = (0..1 + next(4))
                .map(|_| (0..next(len)).map(|_| chars[next(chars.len())]).collect())
                .collect();
            bytes += paragraphs.iter().map(String::len).sum::<usize>();
            articles.push(Article {
                title: Some(title.into()),
                paragraphs,
                ..Article::default()
            });
        }
        Issue {
            source: "big".into(),
            encoding: Encoding::Utf8,
            masthead: None,
            credits: None,
            chrome: Vec::new(),
            articles,
        }
    }

    #[test]
    fn a_haystack_big_enough_for_threads_gives_exact_hits_and_counts() {
        // Over 4 MB (the threaded scan's threshold) of a few characters,
        // so terms hit often, in articles of varied length.
        const CHARS: &[char] = &['民', '生', '保', '障', '工', '作', '少', '，'];
        let issue = big_issue(CHARS, 0x9E37_79B9_7F4A_7C15, 400, "民生");
        let index = SearchIndex::build(&[issue]);
        assert!(index.haystack().len() > 4 << 20);
        let mut s = Searcher::new();
        for q in [
            "民",
            "民生",
            "民生保",
            "民生保障",
            "民生保障工",
            "生民",
            "少少",
        ] {
            let m = s.search(&index, q);
            let want = naive(index.haystack(), q.as_bytes());
            let got: Vec<u32> = m.hits().iter().map(|h| h.start).collect();
            assert!(got == want, "{q}: {} hits, want {}", got.len(), want.len());
            let counts = naive_counts(index.article_starts(), &want);
            assert!(m.counts() == &counts[..], "{q}: counts");
        }
    }

    #[test]
    fn pinyin_typed_letter_by_letter_equals_the_reference_scan() {
        // Over 4 MB (threaded scan) of characters with these initials,
        // heteronyms (行 x/h, 长 c/z) among them, in varied articles.
        const CHARS: &[char] = &['民', '生', '保', '障', '行', '长', '走', '银', '，', 'a'];
        let issue = big_issue(CHARS, 0x2545_F491_4F6C_DD1D, 300, "银行");
        let index = SearchIndex::build(&[issue]);
        let hay = std::str::from_utf8(index.haystack()).unwrap();
        let starts = index.article_starts();
        let mut s = Searcher::new();
        for q in [
            "m", "ms", "msb", "msbz", "msbzx", "msbzxh", "msb", "xh", "xhx", "xhxh", "yh", "yhc",
            "yhz", "zz", "aa",
        ] {
            let m = s.search(&index, q);
            let fresh = search(&index, q);
            let (want, len) = if q.len() >= 2 && q != "aa" {
                let r = crate::search::pinyin::find_initials(hay, q.as_bytes());
                assert!(m.terms()[0].kind == TermKind::Pinyin, "{q}");
                (
                    r.iter().map(|h| h.0).collect::<Vec<_>>(),
                    3 * q.len() as u32,
                )
            } else {
                // `m` alone and `aa` (which occurs) are literal.
                assert!(m.terms()[0].kind == TermKind::Literal, "{q}");
                (naive(index.haystack(), q.as_bytes()), q.len() as u32)
            };
            let got: Vec<u32> = m.hits().iter().map(|h| h.start).collect();
            assert!(got == want, "{q}: {} hits, want {}", got.len(), want.len());
            assert!(m.hits().iter().all(|h| h.len == len), "{q}");
            assert!(m.hits() == fresh.hits(), "{q}: fresh");
            let counts = naive_counts(starts, &want);
            assert!(m.counts() == &counts[..], "{q}: counts");
            assert!(fresh.counts() == &counts[..], "{q}: fresh counts");
        }
    }

    #[test]
    fn several_terms_keep_reading_order() {
        let index = index();
        let m = search(&index, "保障 民生");
        let starts: Vec<u32> = m.hits().iter().map(|h| h.start).collect();
        let mut sorted = starts.clone();
        sorted.sort_unstable();
        assert_eq!(starts, sorted);
        // Articles 0, 3 and 4 of each issue hold both terms.
        assert_eq!(m.articles(), &[0, 3, 4, 5, 8, 9]);
    }
}

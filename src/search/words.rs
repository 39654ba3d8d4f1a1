//! Word search with jieba: when a query has no literal hit, its words may
//! still all occur in an article, apart (`民生保障工作` → `民生` … `保障` …
//! `工作`). Articles are tokenized once with jieba's search mode into a
//! compact inverted index (u32 term ids, CSR postings) and ranked with BM25.
//!
//! jieba's dictionary takes ≈150 ms (release) to load, so the index is
//! built on a background thread ([`WordLoader`]) and the UI asks for a
//! [`WordSearch`] state that says "loading dictionary…" until it is ready.

use super::index::SearchIndex;
use super::matches::MatchPos;
use super::snippet::{Snippet, snippet_around};
use crate::model::Issue;
use jieba_rs::Jieba;
use std::borrow::Borrow;
use std::collections::HashMap;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, OnceLock};

static JIEBA: OnceLock<Jieba> = OnceLock::new();

/// The process-wide jieba instance (one dictionary, ≈33 MB), loaded on
/// first use. Call it from a background thread to warm it up.
pub fn jieba() -> &'static Jieba {
    JIEBA.get_or_init(Jieba::new)
}

/// The jieba instance if it is loaded already; never loads it (for the
/// reading pane's headline breaks, which must not wait for it).
pub fn loaded_jieba() -> Option<&'static Jieba> {
    JIEBA.get()
}

/// Byte offsets (ascending) where jieba's words start in `text` (its
/// default cut, with HMM for names and other unknown words).
pub fn word_starts(jieba: &Jieba, text: &str) -> Vec<usize> {
    jieba.cut(text, true).iter().map(|t| t.byte_start).collect()
}

/// BM25 parameters (the usual defaults).
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Whether a token is a word worth indexing: it has a letter, digit or
/// ideograph (punctuation and white space are not).
fn is_word(t: &str) -> bool {
    t.chars().any(char::is_alphanumeric)
}

/// Inverted index of jieba search-mode tokens over every article.
#[derive(Debug, Default)]
pub struct WordIndex {
    vocab: HashMap<Box<str>, u32>,
    /// Term id → its postings `offsets[id]..offsets[id + 1]`.
    offsets: Vec<u32>,
    docs: Vec<u32>,
    tfs: Vec<u16>,
    doc_len: Vec<u32>,
    avg_len: f64,
}

/// The index of a run of articles, before merging.
#[derive(Default)]
struct Partial<'a> {
    doc_len: Vec<u32>,
    postings: HashMap<&'a str, Vec<(u32, u16)>>,
}

fn tokenize<'a>(
    jieba: &Jieba,
    index: &'a SearchIndex,
    range: std::ops::Range<usize>,
) -> Partial<'a> {
    let hay = index.haystack();
    let mut part = Partial::default();
    let mut tf: HashMap<&'a str, u32> = HashMap::new();
    for a in range {
        let r = index.article_range(a);
        // The haystack holds whole UTF-8 encodings; an article that somehow
        // did not would just be left out of word search.
        let text: &'a str = std::str::from_utf8(&hay[r]).unwrap_or("");
        tf.clear();
        let mut len = 0u32;
        for t in jieba.cut_for_search(text, false) {
            if is_word(t.word) {
                *tf.entry(t.word).or_insert(0) += 1;
                len += 1;
            }
        }
        part.doc_len.push(len);
        for (&w, &c) in &tf {
            part.postings
                .entry(w)
                .or_default()
                .push((a as u32, c.min(u16::MAX as u32) as u16));
        }
    }
    part
}

/// One ranked word-search result.
#[derive(Debug, Clone, serde::Serialize)]
pub struct WordHit {
    /// Global article number.
    pub article: usize,
    /// BM25 score.
    pub score: f64,
    /// The article's display title.
    pub title: String,
    /// Text around the best hit (the occurrence of the rarest word).
    pub snippet: Snippet,
    /// Every occurrence of every query word in the article, for
    /// highlighting, in reading order.
    pub matches: Vec<MatchPos>,
}

/// Word-search results and the words the query was split into.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct WordResults {
    /// The (folded) words every result contains.
    pub words: Vec<String>,
    /// Results, best first.
    pub hits: Vec<WordHit>,
}

impl WordIndex {
    /// Tokenize every article of `index` (blocking; loads the dictionary
    /// if needed). Use [`WordLoader::spawn`] from a UI.
    pub fn build(index: &SearchIndex) -> WordIndex {
        let jieba = jieba();
        let n = index.article_count();
        // Tokenizing is the slow part (jieba runs at tens of MB/s): split
        // the articles over the cores, then merge the partial indexes in
        // article order, which keeps every postings list ascending.
        let threads = std::thread::available_parallelism().map_or(1, |t| t.get().clamp(1, 4));
        let chunk = n.div_ceil(threads).max(1);
        let parts: Vec<Partial<'_>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..n.div_ceil(chunk))
                .map(|t| {
                    let range = t * chunk..((t + 1) * chunk).min(n);
                    s.spawn(move || tokenize(jieba, index, range))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        });
        let mut vocab: HashMap<Box<str>, u32> = HashMap::new();
        let mut postings: Vec<Vec<(u32, u16)>> = Vec::new();
        let mut doc_len = Vec::with_capacity(n);
        for part in parts {
            doc_len.extend_from_slice(&part.doc_len);
            for (w, list) in part.postings {
                let id = match vocab.get(w) {
                    Some(&id) => id,
                    None => {
                        let id = postings.len() as u32;
                        vocab.insert(w.into(), id);
                        postings.push(Vec::new());
                        id
                    }
                };
                postings[id as usize].extend_from_slice(&list);
            }
        }
        let total: usize = postings.iter().map(Vec::len).sum();
        let mut offsets = Vec::with_capacity(postings.len() + 1);
        let mut docs = Vec::with_capacity(total);
        let mut tfs = Vec::with_capacity(total);
        for p in postings {
            offsets.push(docs.len() as u32);
            for (d, c) in p {
                docs.push(d);
                tfs.push(c);
            }
        }
        offsets.push(docs.len() as u32);
        let avg_len = if n == 0 {
            0.0
        } else {
            doc_len.iter().map(|&l| l as f64).sum::<f64>() / n as f64
        };
        vocab.shrink_to_fit();
        WordIndex {
            vocab,
            offsets,
            docs,
            tfs,
            doc_len,
            avg_len,
        }
    }

    /// Number of articles.
    pub fn doc_count(&self) -> usize {
        self.doc_len.len()
    }

    /// Number of articles containing token `word` (folded).
    pub fn doc_freq(&self, word: &str) -> usize {
        self.postings(word).0.len()
    }

    fn postings(&self, word: &str) -> (&[u32], &[u16]) {
        let Some(&id) = self.vocab.get(word) else {
            return (&[], &[]);
        };
        let lo = self.offsets[id as usize] as usize;
        let hi = self.offsets[id as usize + 1] as usize;
        (&self.docs[lo..hi], &self.tfs[lo..hi])
    }

    /// Heap bytes, approximately (vocabulary strings, table and postings).
    pub fn heap_bytes(&self) -> usize {
        let vocab: usize = self
            .vocab
            .keys()
            .map(|k| k.len() + std::mem::size_of::<(Box<str>, u32)>() + 8)
            .sum();
        vocab
            + self.offsets.capacity() * 4
            + self.docs.capacity() * 4
            + self.tfs.capacity() * 2
            + self.doc_len.capacity() * 4
    }

    /// The words a query must match: its search-mode tokens, minus any
    /// token that contains a shorter one (`保障工作` is implied by `保障`
    /// and `工作`, and must not be required whole).
    pub fn query_words(query: &str) -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for term in super::query::Query::parse(query).terms {
            for t in jieba().cut_for_search(&term, false) {
                if is_word(t.word) && !words.iter().any(|w| w == t.word) {
                    words.push(t.word.to_string());
                }
            }
        }
        let minimal: Vec<String> = words
            .iter()
            .filter(|w| {
                !words
                    .iter()
                    .any(|o| o.len() < w.len() && w.contains(o.as_str()))
            })
            .cloned()
            .collect();
        minimal
    }

    /// Articles containing every word of `query`, ranked by BM25 (best
    /// first), with title and snippet. At most `limit` results.
    pub fn search<I: Borrow<Issue>>(
        &self,
        index: &SearchIndex,
        issues: &[I],
        query: &str,
        limit: usize,
    ) -> WordResults {
        let words = Self::query_words(query);
        if words.is_empty() {
            return WordResults::default();
        }
        let n = self.doc_count() as f64;
        let mut lists: Vec<(&str, f64, &[u32], &[u16])> = words
            .iter()
            .map(|w| {
                let (d, t) = self.postings(w);
                let df = d.len() as f64;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                (w.as_str(), idf, d, t)
            })
            .collect();
        // Intersect starting from the rarest list.
        lists.sort_by_key(|l| l.2.len());
        let Some(first) = lists.first() else {
            return WordResults::default();
        };
        let mut scored: Vec<(u32, f64)> = Vec::new();
        let mut cursors = vec![0usize; lists.len()];
        'docs: for (i, &d) in first.2.iter().enumerate() {
            let mut score = self.bm25(first.1, first.3[i], d);
            for (k, l) in lists.iter().enumerate().skip(1) {
                let docs = l.2;
                let c = &mut cursors[k];
                // Galloping would be faster on skewed lists; postings are
                // ascending, so a partition_point from the cursor is enough.
                *c += docs[*c..].partition_point(|&x| x < d);
                if docs.get(*c) != Some(&d) {
                    continue 'docs;
                }
                score += self.bm25(l.1, l.3[*c], d);
            }
            scored.push((d, score));
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(limit);
        let rarest = first.0;
        let hits = scored
            .into_iter()
            .map(|(d, score)| {
                let a = d as usize;
                let matches = word_positions(index, a, &words);
                let title = index
                    .article_ref(a)
                    .and_then(|r| {
                        issues
                            .get(r.issue as usize)?
                            .borrow()
                            .articles
                            .get(r.article as usize)
                    })
                    .map(|art| art.display_title().to_string())
                    .unwrap_or_default();
                // The best hit: the first occurrence of the rarest word.
                let best = word_positions(index, a, &[rarest.to_string()])
                    .into_iter()
                    .next()
                    .or_else(|| matches.first().cloned());
                let snippet = best
                    .and_then(|b| snippet_around(index, issues, &b, &matches))
                    .unwrap_or_default();
                WordHit {
                    article: a,
                    score,
                    title,
                    snippet,
                    matches,
                }
            })
            .collect();
        WordResults { words, hits }
    }

    fn bm25(&self, idf: f64, tf: u16, doc: u32) -> f64 {
        let tf = tf as f64;
        let len = self.doc_len.get(doc as usize).copied().unwrap_or(0) as f64;
        let norm = if self.avg_len > 0.0 {
            len / self.avg_len
        } else {
            1.0
        };
        idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * norm))
    }
}

/// Every occurrence of any of `words` (folded) in article `a`, located.
pub fn word_positions(index: &SearchIndex, a: usize, words: &[String]) -> Vec<MatchPos> {
    let r = index.article_range(a);
    let hay = &index.haystack()[r.clone()];
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for w in words {
        for p in memchr::memmem::find_iter(hay, w.as_bytes()) {
            hits.push((r.start + p, w.len()));
        }
    }
    hits.sort_unstable();
    hits.into_iter()
        .filter_map(|(s, l)| {
            let (fi, range) = index.to_original(s, s + l)?;
            let span = index.fields().get(fi)?;
            Some(MatchPos {
                article: span.article as usize,
                field: span.field,
                range,
            })
        })
        .collect()
}

/// What word search can say right now.
#[derive(Debug, Clone)]
pub enum WordSearch {
    /// The dictionary and index are still being built: show
    /// "loading dictionary…" and try again on a later frame.
    LoadingDictionary,
    /// Building failed (the background thread panicked).
    Failed,
    /// Results (possibly none).
    Ready(WordResults),
}

/// Builds a [`WordIndex`] on a background thread so the UI's first frame
/// never waits for jieba's dictionary.
#[derive(Debug)]
pub struct WordLoader {
    rx: Option<Receiver<WordIndex>>,
    index: Option<Arc<WordIndex>>,
    failed: bool,
    /// Built elsewhere (a job of the reader's run loop), not yet finished.
    waiting: bool,
}

impl WordLoader {
    /// Start building the word index of `index` in the background.
    pub fn spawn(index: Arc<SearchIndex>) -> WordLoader {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let w = WordIndex::build(&index);
            // The receiver may be gone (UI closed): nothing to do then.
            let _ = tx.send(w);
        });
        WordLoader {
            rx: Some(rx),
            index: None,
            failed: false,
            waiting: false,
        }
    }

    /// A loader whose index someone else builds and hands over with
    /// [`WordLoader::finish`] (the reader runs it as a job of its loop).
    pub fn pending() -> WordLoader {
        WordLoader {
            rx: None,
            index: None,
            failed: false,
            waiting: true,
        }
    }

    /// The index built for a [`WordLoader::pending`] loader; `None`:
    /// building it failed.
    pub fn finish(&mut self, words: Option<WordIndex>) {
        self.waiting = false;
        match words {
            Some(w) => self.index = Some(Arc::new(w)),
            None => self.failed = true,
        }
    }

    /// A loader that is ready at once (tests, the CLI after building).
    pub fn ready(words: WordIndex) -> WordLoader {
        WordLoader {
            rx: None,
            index: Some(Arc::new(words)),
            failed: false,
            waiting: false,
        }
    }

    /// Whether the index is still being built (until [`WordLoader::poll`]
    /// has picked it up).
    pub fn is_loading(&self) -> bool {
        self.rx.is_some() || self.waiting
    }

    /// The index if it has been built (never blocks).
    pub fn poll(&mut self) -> Option<Arc<WordIndex>> {
        if self.index.is_none() {
            if let Some(rx) = &self.rx {
                match rx.try_recv() {
                    Ok(w) => {
                        self.index = Some(Arc::new(w));
                        self.rx = None;
                    }
                    Err(TryRecvError::Empty) => {}
                    Err(TryRecvError::Disconnected) => {
                        self.failed = true;
                        self.rx = None;
                    }
                }
            }
        }
        self.index.clone()
    }

    /// Block until the index is built (the CLI, tests).
    pub fn wait(&mut self) -> Option<Arc<WordIndex>> {
        if self.index.is_none() {
            if let Some(rx) = self.rx.take() {
                match rx.recv() {
                    Ok(w) => self.index = Some(Arc::new(w)),
                    Err(_) => self.failed = true,
                }
            }
        }
        self.index.clone()
    }

    /// Word search if the index is ready, else the loading state.
    pub fn search<I: Borrow<Issue>>(
        &mut self,
        index: &SearchIndex,
        issues: &[I],
        query: &str,
        limit: usize,
    ) -> WordSearch {
        match self.poll() {
            Some(w) => WordSearch::Ready(w.search(index, issues, query, limit)),
            None if self.failed => WordSearch::Failed,
            None => WordSearch::LoadingDictionary,
        }
    }
}

//! Literal matching over the folded haystack: every (non-overlapping)
//! occurrence of a folded term, found with `memchr::memmem` and split over
//! the machine's cores for big haystacks; and the incremental step when a
//! term grows by a keystroke.
//!
//! The parallel split cuts the haystack only right after a `\n` (field
//! separators; article starts are such places), so for a needle without
//! `\n` — every query term — no occurrence can straddle a cut, and each
//! piece's greedy scan is exactly the serial one restricted to the piece.
//! Pieces are small and handed out on demand, so a core that the rest of
//! the machine keeps busy does not hold the whole search up; the calling
//! thread scans too. Cut at article starts, each piece also owns a
//! disjoint run of articles, so it counts its hits per article in the same
//! pass ([`find_counted`]).
//!
//! A scan also notes the eight bytes after every occurrence ([`Found`]):
//! the next keystrokes (a Han character is three bytes) are refined from
//! those, reading two arrays in order, instead of one cache miss per
//! occurrence in a haystack much bigger than the caches. When they run
//! out, [`refine_found`] goes back to the haystack with a branch-free
//! check and notes new ones.

use memchr::memmem;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Haystacks smaller than this are searched on the calling thread: below
/// it a thread spawn costs more than it saves.
const PARALLEL_MIN: usize = 4 << 20;

/// Target size of one piece of a parallel scan: small enough that pieces
/// balance over busy cores, big enough that per-piece costs vanish.
const PIECE: usize = 2 << 20;

/// Most threads a scan uses (the calling one included).
const MAX_THREADS: usize = 4;

/// How a scan is split: the defaults, or small values in tests so the
/// parallel path runs on small haystacks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Split {
    pub(crate) min: usize,
    pub(crate) piece: usize,
    pub(crate) threads: usize,
}

impl Split {
    pub(crate) fn default_for_machine() -> Split {
        Split {
            min: PARALLEL_MIN,
            piece: PIECE,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_THREADS)),
        }
    }
}

/// Run `work(i, state)` for every piece `i` in `0..pieces` on one thread
/// per state (the caller's included, with `states[0]`), pieces handed out
/// in order as threads come free; a thread's pieces are ascending.
fn run_workers<S: Send>(pieces: usize, states: &mut [S], work: impl Fn(usize, &mut S) + Sync) {
    let next = AtomicUsize::new(0);
    let worker = |state: &mut S| {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= pieces {
                return;
            }
            work(i, state);
        }
    };
    let threads = states.len().min(pieces);
    let Some((first, helpers)) = states[..threads].split_first_mut() else {
        return;
    };
    if helpers.is_empty() {
        return worker(first);
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = helpers
            .iter_mut()
            .map(|state| s.spawn(|| worker(state)))
            .collect();
        worker(first);
        for h in handles {
            if let Err(panic) = h.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
}

/// Run `work(0)`, …, `work(pieces - 1)` on up to `threads` threads as
/// [`run_workers`] does and return the results in piece order.
pub(crate) fn run_pieces<T: Send>(
    pieces: usize,
    threads: usize,
    work: impl Fn(usize) -> T + Sync,
) -> Vec<T> {
    let mut states: Vec<Vec<(usize, T)>> = (0..threads.max(1)).map(|_| Vec::new()).collect();
    run_workers(pieces, &mut states, |i, done| done.push((i, work(i))));
    let mut all: Vec<(usize, T)> = states.into_iter().flatten().collect();
    all.sort_unstable_by_key(|&(i, _)| i);
    all.into_iter().map(|(_, t)| t).collect()
}

/// Start offsets of every non-overlapping occurrence of `needle` in `hay`,
/// ascending.
pub fn find_all(hay: &[u8], needle: &[u8]) -> Vec<u32> {
    find_all_split(hay, needle, Split::default_for_machine())
}

fn find_all_split(hay: &[u8], needle: &[u8], split: Split) -> Vec<u32> {
    if needle.is_empty() || hay.len() < needle.len() {
        return Vec::new();
    }
    let finder = memmem::Finder::new(needle);
    if hay.len() < split.min || split.threads < 2 || needle.contains(&b'\n') {
        let mut out = Vec::new();
        scan(&finder, hay, 0, hay.len(), &mut out);
        return out;
    }
    // Cut right after a `\n` at or after each nominal boundary.
    let mut cuts = vec![0usize];
    let mut at = split.piece;
    while at < hay.len() {
        match memchr::memchr(b'\n', &hay[at..]) {
            Some(i) if at + i + 1 < hay.len() => cuts.push(at + i + 1),
            _ => break,
        }
        at = cuts[cuts.len() - 1] + split.piece;
    }
    cuts.push(hay.len());
    let parts = run_pieces(cuts.len() - 1, split.threads, |p| {
        let mut out = Vec::new();
        scan(&finder, hay, cuts[p], cuts[p + 1], &mut out);
        out
    });
    parts.concat()
}

/// The occurrences of a term and, for each, the haystack bytes that
/// follow it. The next keystroke grows the term by a character or two;
/// checking those against `ahead` reads two arrays in order, where the
/// haystack bytes themselves would be one cache miss per occurrence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// Start offsets, ascending, non-overlapping.
    pub starts: Vec<u32>,
    /// Per start (or empty: nothing known), the bytes after the
    /// occurrence, the first in the lowest byte; bytes past the haystack's
    /// end read as 0.
    pub ahead: Vec<u64>,
    /// How many low bytes of each `ahead` word are known (0 to 8).
    pub known: usize,
}

impl Found {
    /// Occurrences with nothing known after them.
    pub fn bare(starts: Vec<u32>) -> Found {
        Found {
            starts,
            ahead: Vec::new(),
            known: 0,
        }
    }

    pub(crate) fn with_capacity(n: usize) -> Found {
        Found {
            starts: Vec::with_capacity(n),
            ahead: Vec::with_capacity(n),
            known: 8,
        }
    }

    pub(crate) fn append(&mut self, other: &Found) {
        self.starts.extend_from_slice(&other.starts);
        self.ahead.extend_from_slice(&other.ahead);
    }

    /// Keep the occurrences where `keep(start)` holds, in order.
    pub(crate) fn retain(&mut self, mut keep: impl FnMut(u32) -> bool) {
        let has_ahead = self.ahead.len() == self.starts.len();
        let mut len = 0;
        for i in 0..self.starts.len() {
            let p = self.starts[i];
            if keep(p) {
                self.starts[len] = p;
                if has_ahead {
                    self.ahead[len] = self.ahead[i];
                }
                len += 1;
            }
        }
        self.starts.truncate(len);
        self.ahead.truncate(len.min(self.ahead.len()));
    }

    pub(crate) fn shrink(&mut self) {
        if self.starts.len() < self.starts.capacity() / 2 {
            self.starts.shrink_to_fit();
            self.ahead.shrink_to_fit();
        }
    }
}

/// The eight bytes at `hay[q..]`, the first lowest, 0 past the end.
#[inline(always)]
pub(crate) fn word_at(hay: &[u8], q: usize) -> u64 {
    let mut b = [0u8; 8];
    match hay.get(q..q + 8) {
        Some(w) => b.copy_from_slice(w),
        None => {
            let rest = hay.get(q..).unwrap_or(&[]);
            b[..rest.len()].copy_from_slice(rest);
        }
    }
    u64::from_le_bytes(b)
}

/// Every non-overlapping occurrence of `needle` in `hay`, with the bytes
/// after each, and how many fall in each article, in one pass. `starts`
/// are the articles' starts followed by the haystack's length (see
/// [`super::SearchIndex::article_starts`]); pieces of a parallel scan are
/// cut only at article starts that follow a `\n`. Returns the occurrences
/// and one count per article.
pub fn find_counted(hay: &[u8], starts: &[u32], needle: &[u8]) -> (Found, Vec<u32>) {
    find_counted_split(hay, starts, needle, Split::default_for_machine())
}

/// One thread's share of a scan: the pieces it did, one after another.
#[derive(Debug, Default)]
struct Part {
    found: Found,
    counts: Vec<u32>,
    /// (piece, its occurrences' range, its counts' range)
    segments: Vec<(usize, Range<usize>, Range<usize>)>,
}

fn find_counted_split(
    hay: &[u8],
    starts: &[u32],
    needle: &[u8],
    split: Split,
) -> (Found, Vec<u32>) {
    let articles = starts.len().saturating_sub(1);
    if needle.is_empty() || hay.len() < needle.len() {
        return (Found::default(), vec![0; articles]);
    }
    let finder = memmem::Finder::new(needle);
    let split = if needle.contains(&b'\n') {
        Split {
            threads: 1,
            ..split
        }
    } else {
        split
    };
    scan_pieces(hay, starts, split, |range, art, found, counts| {
        scan_counted(&finder, hay, range, art, found, counts)
    })
}

/// Run `scan(range, art, found, counts)` over the whole haystack, in
/// pieces of whole articles on several threads when it is big (pieces cut
/// only at article starts that follow a `\n`), and join the pieces'
/// results in order. `art` holds the starts of the articles of `counts`
/// then the end of the last; `scan` appends what it finds in `range` to
/// `found` (with `ahead` as it likes) and counts in `counts`. Exact as long
/// as nothing `scan` looks for can span a `\n`.
///
/// Buffers are plain allocations, made per scan: pools that reused them
/// saved no page faults (`perf stat` over `cargo bench --bench search`,
/// docs/benchmarks.md, "One buffer mechanism for search").
pub(crate) fn scan_pieces(
    hay: &[u8],
    starts: &[u32],
    split: Split,
    scan: impl Fn(Range<usize>, &[u32], &mut Found, &mut [u32]) + Sync,
) -> (Found, Vec<u32>) {
    let articles = starts.len().saturating_sub(1);
    let parallel = hay.len() >= split.min && split.threads >= 2;
    if !parallel || articles < 2 {
        let mut found = Found::with_capacity(0);
        let mut counts = vec![0; articles];
        scan(0..hay.len(), starts, &mut found, &mut counts);
        return (found, counts);
    }
    // Pieces are runs of whole articles of about `split.piece` bytes, cut
    // only where a `\n` precedes the article.
    let cut_ok = |a: usize| {
        let s = starts[a] as usize;
        s == 0 || hay.get(s - 1) == Some(&b'\n')
    };
    let mut cuts = vec![0usize]; // article numbers
    loop {
        let a = cuts[cuts.len() - 1];
        let want = starts[a] as usize + split.piece;
        let mut next = a + 1 + starts[a + 1..articles].partition_point(|&s| (s as usize) < want);
        while next < articles && !cut_ok(next) {
            next += 1;
        }
        if next >= articles {
            break;
        }
        cuts.push(next);
    }
    cuts.push(articles);
    // Each thread appends its pieces to one buffer of its own (no
    // allocation per piece) and notes where each went.
    let mut parts: Vec<Part> = (0..split.threads).map(|_| Part::default()).collect();
    run_workers(cuts.len() - 1, &mut parts, |p, part| {
        let (a0, a1) = (cuts[p], cuts[p + 1]);
        // The first piece also takes any bytes before the first article,
        // the last any after the last.
        let from = if a0 == 0 { 0 } else { starts[a0] as usize };
        let to = if a1 == articles {
            hay.len()
        } else {
            starts[a1] as usize
        };
        let (h0, c0) = (part.found.starts.len(), part.counts.len());
        part.counts.resize(c0 + (a1 - a0), 0);
        scan(
            from..to,
            &starts[a0..=a1],
            &mut part.found,
            &mut part.counts[c0..],
        );
        let h1 = part.found.starts.len();
        part.segments.push((p, h0..h1, c0..part.counts.len()));
    });
    merge_parts(&parts, articles)
}

/// The threads' shares of a scan joined in piece order: occurrences with
/// the bytes after them, and counts for `articles` articles.
fn merge_parts(parts: &[Part], articles: usize) -> (Found, Vec<u32>) {
    // (piece, thread, segment), in piece order.
    let mut order = Vec::new();
    for (w, part) in parts.iter().enumerate() {
        for (k, seg) in part.segments.iter().enumerate() {
            order.push((seg.0, w, k));
        }
    }
    order.sort_unstable();
    let total = parts.iter().map(|part| part.found.starts.len()).sum();
    let mut found = Found {
        starts: Vec::with_capacity(total),
        ahead: Vec::with_capacity(total),
        known: 8,
    };
    let mut counts = Vec::with_capacity(articles);
    for (_, w, k) in order {
        let part = &parts[w];
        let (_, hits, cs) = &part.segments[k];
        found
            .starts
            .extend_from_slice(&part.found.starts[hits.clone()]);
        found
            .ahead
            .extend_from_slice(&part.found.ahead[hits.clone()]);
        counts.extend_from_slice(&part.counts[cs.clone()]);
    }
    (found, counts)
}

/// Append the greedy (non-overlapping) occurrences of the finder's needle
/// inside `hay[from..to]` to `out`.
fn scan(finder: &memmem::Finder<'_>, hay: &[u8], from: usize, to: usize, out: &mut Vec<u32>) {
    for p in finder.find_iter(&hay[from..to]) {
        out.push((from + p) as u32);
    }
}

/// [`scan`] over `range`, also noting the eight bytes after each
/// occurrence (just read, so still in cache) and counting occurrences per
/// article: `art` holds the starts of the articles of `counts`, then the
/// end of the last (see [`count_sorted`]).
fn scan_counted(
    finder: &memmem::Finder<'_>,
    hay: &[u8],
    range: Range<usize>,
    art: &[u32],
    out: &mut Found,
    counts: &mut [u32],
) {
    let n = finder.needle().len();
    let last = counts.len().saturating_sub(1);
    let mut a = 0usize;
    let from = range.start;
    for p in finder.find_iter(&hay[range]) {
        let p = from + p;
        out.starts.push(p as u32);
        out.ahead.push(word_at(hay, p + n));
        while a < last && art[a + 1] as usize <= p {
            a += 1;
        }
        if let Some(c) = counts.get_mut(a) {
            *c += 1;
        }
    }
}

/// Add each of the ascending positions `hits` to the count of the article
/// it falls in. `starts` holds one start per article of `counts`, then the
/// end of the last; positions before the first start count for the first
/// article, positions past the end for the last.
pub fn count_sorted<'a>(
    starts: &[u32],
    hits: impl IntoIterator<Item = &'a u32>,
    counts: &mut [u32],
) {
    let Some(last) = counts.len().checked_sub(1) else {
        return;
    };
    let mut a = 0usize;
    for &h in hits {
        while a < last && starts[a + 1] <= h {
            a += 1;
        }
        counts[a] += 1;
    }
}

/// Number of occurrences, the baseline the benches compare against.
pub fn count_raw(hay: &[u8], needle: &[u8]) -> usize {
    memmem::find_iter(hay, needle).count()
}

#[cfg(test)]
pub(crate) mod tests;

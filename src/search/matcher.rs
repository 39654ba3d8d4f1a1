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

use super::recycle::{Pool, U32S, U64S};
use memchr::memmem;
use std::ops::Range;
use std::sync::Mutex;
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
fn run_pieces<T: Send>(pieces: usize, threads: usize, work: impl Fn(usize) -> T + Sync) -> Vec<T> {
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

    fn append(&mut self, other: &Found) {
        self.starts.extend_from_slice(&other.starts);
        self.ahead.extend_from_slice(&other.ahead);
    }

    /// Keep the occurrences where `keep(start)` holds, in order.
    fn retain(&mut self, mut keep: impl FnMut(u32) -> bool) {
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

    fn shrink(&mut self) {
        if self.starts.len() < self.starts.capacity() / 2 {
            self.starts.shrink_to_fit();
            self.ahead.shrink_to_fit();
        }
    }
}

/// `n` zeros, in recycled memory when there is some.
pub(crate) fn zeroed<T: Copy + Default>(pool: &Pool<T>, n: usize) -> Vec<T> {
    let mut v = pool.take(n);
    v.resize(n, T::default());
    v
}

/// The eight bytes at `hay[q..]`, the first lowest, 0 past the end.
#[inline(always)]
fn word_at(hay: &[u8], q: usize) -> u64 {
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
    let mut scratch = Scratch::take();
    let out = find_counted_split(
        &mut scratch,
        hay,
        starts,
        needle,
        Split::default_for_machine(),
    );
    scratch.give_back();
    out
}

/// Buffers of a parallel scan, one per thread, kept between scans in a
/// small process-wide pool: once grown to size they are neither grown nor
/// fresh memory again. On this kind of machine first touches of fresh
/// pages (a helper thread's freed buffers go back to the system) cost as
/// much as the scan's own copying; reusing them removes ~1,000 page faults
/// from a 200,000-hit keystroke.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    parts: Vec<Part>,
}

/// Scans that may run at once and still find a warm [`Scratch`].
const POOL: usize = 2;

static SCRATCH: Mutex<Vec<Scratch>> = Mutex::new(Vec::new());

impl Scratch {
    pub(crate) fn take() -> Scratch {
        SCRATCH
            .lock()
            .ok()
            .and_then(|mut pool| pool.pop())
            .unwrap_or_default()
    }

    pub(crate) fn give_back(self) {
        if let Ok(mut pool) = SCRATCH.lock()
            && pool.len() < POOL
        {
            pool.push(self);
        }
    }
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
    scratch: &mut Scratch,
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
    scan_pieces(scratch, hay, starts, split, |range, art, found, counts| {
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
pub(crate) fn scan_pieces(
    scratch: &mut Scratch,
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
    scratch.parts.resize_with(split.threads, Part::default);
    for part in &mut scratch.parts {
        part.found.starts.clear();
        part.found.ahead.clear();
        part.counts.clear();
        part.segments.clear();
    }
    run_workers(cuts.len() - 1, &mut scratch.parts, |p, part| {
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
    merge_parts(&scratch.parts, articles)
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
        starts: U32S.take(total),
        ahead: U64S.take(total),
        known: 8,
    };
    let mut counts = U32S.take(articles);
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

/// Whether some proper prefix of `needle` is also a suffix (`哈哈`, `aa`):
/// only then can two occurrences overlap.
pub fn self_overlaps(needle: &[u8]) -> bool {
    (1..needle.len()).any(|k| needle[..k] == needle[needle.len() - k..])
}

/// Keep the positions of `old` (matches of a prefix of `needle`) where
/// `needle` itself occurs, dropping overlaps: the incremental step when a
/// term grows by a keystroke. Exact only when the prefix cannot overlap
/// itself ([`self_overlaps`] is false): then `old` lists *every*
/// occurrence of the prefix, so every occurrence of `needle` is among them.
pub fn refine(hay: &[u8], old: &[u32], needle: &[u8]) -> Vec<u32> {
    refine_split(
        hay,
        &Found::bare(old.to_vec()),
        0,
        needle,
        Split::default_for_machine(),
    )
    .starts
}

/// [`refine`] from occurrences of `needle[..prefix_len]` with what follows
/// them: when the grown part (`needle[prefix_len..]`) is among the bytes
/// known after each occurrence, only those are compared; otherwise the
/// haystack is, and the bytes after each new occurrence noted.
///
/// Haystack positions are far apart in a haystack much bigger than the
/// caches, so each check waits on memory. The check is therefore
/// branch-free (the needle's first and last eight bytes compared as
/// words; always store, advance by the outcome): a mispredicted "does it
/// match" would throw away the loads already started for the positions
/// after it. Passes for needles over 16 bytes and for overlaps follow on
/// the survivors.
pub fn refine_found(hay: &[u8], old: &Found, prefix_len: usize, needle: &[u8]) -> Found {
    refine_split(hay, old, prefix_len, needle, Split::default_for_machine())
}

fn refine_split(hay: &[u8], old: &Found, prefix_len: usize, needle: &[u8], split: Split) -> Found {
    let n = needle.len();
    if n == 0 {
        return Found::default();
    }
    let grown = n.saturating_sub(prefix_len);
    let mut out = if prefix_len > 0
        && prefix_len <= n
        && grown <= old.known
        && old.ahead.len() == old.starts.len()
    {
        from_ahead(hay.len(), old, &needle[prefix_len..], n)
    } else {
        // Pieces of the list, in parallel when long (positions cost the
        // same wherever they are, so equal counts balance).
        let piece = split.piece / REFINE_BYTES_PER_POSITION;
        let starts = &old.starts;
        if starts.len() >= split.min / REFINE_BYTES_PER_POSITION && split.threads >= 2 {
            let parts = run_pieces(starts.len().div_ceil(piece), split.threads, |p| {
                let from = p * piece;
                occurring(hay, &starts[from..(from + piece).min(starts.len())], needle)
            });
            let mut all = Found::with_capacity(parts.iter().map(|f| f.starts.len()).sum());
            for f in &parts {
                all.append(f);
            }
            all
        } else {
            occurring(hay, starts, needle)
        }
    };
    if self_overlaps(needle) {
        let mut next_free = 0usize;
        out.retain(|p| {
            let keep = p as usize >= next_free;
            if keep {
                next_free = p as usize + n;
            }
            keep
        });
    }
    out.shrink();
    out
}

/// The occurrences of `old` followed by `grown` (which fits in what is
/// known after them), for a needle of `n` bytes in a haystack of
/// `hay_len`.
fn from_ahead(hay_len: usize, old: &Found, grown: &[u8], n: usize) -> Found {
    let g = grown.len();
    let mut want = [0u8; 8];
    want[..g].copy_from_slice(grown);
    let want = u64::from_le_bytes(want);
    let mask = u64::MAX.checked_shr(8 * (8 - g) as u32).unwrap_or(0);
    let shift = (8 * g) as u32;
    let mut out = Found {
        starts: zeroed(&U32S, old.starts.len()),
        ahead: zeroed(&U64S, old.starts.len()),
        known: old.known - g,
    };
    let mut len = 0usize;
    for (&p, &a) in old.starts.iter().zip(&old.ahead) {
        // Bytes past the end read as 0: rule those positions out.
        let fits = p as usize + n <= hay_len;
        out.starts[len] = p;
        out.ahead[len] = a.checked_shr(shift).unwrap_or(0);
        len += usize::from(((a ^ want) & mask == 0) & fits);
    }
    out.starts.truncate(len);
    out.ahead.truncate(len);
    out
}

/// A checked position costs about as much as scanning this many bytes
/// (one cache miss each): converts the byte thresholds of a [`Split`].
const REFINE_BYTES_PER_POSITION: usize = 64;

/// Up to eight bytes of a needle at a fixed offset, compared as one word.
struct Probe<'n> {
    off: usize,
    bytes: &'n [u8],
    want: u64,
    mask: u64,
}

impl<'n> Probe<'n> {
    /// `needle[off..]`, at most eight bytes of it.
    fn new(needle: &'n [u8], off: usize) -> Probe<'n> {
        let bytes = &needle[off..needle.len().min(off + 8)];
        let mut want = [0u8; 8];
        want[..bytes.len()].copy_from_slice(bytes);
        Probe {
            off,
            bytes,
            want: u64::from_le_bytes(want),
            mask: u64::MAX >> (8 * (8 - bytes.len())),
        }
    }

    /// Whether the needle's bytes are at `hay[p + off..]`.
    #[inline(always)]
    fn at(&self, hay: &[u8], p: usize) -> bool {
        let q = p + self.off;
        match hay.get(q..q + 8) {
            Some(w) => {
                let mut b = [0u8; 8];
                b.copy_from_slice(w);
                (u64::from_le_bytes(b) ^ self.want) & self.mask == 0
            }
            // Near the end: the plain comparison.
            None => hay.get(q..q + self.bytes.len()) == Some(self.bytes),
        }
    }
}

/// The positions of `old` where `needle` occurs (overlaps kept), with the
/// eight bytes after each.
fn occurring(hay: &[u8], old: &[u32], needle: &[u8]) -> Found {
    let n = needle.len();
    // Needles of up to 16 bytes (five Han characters) are checked whole
    // by two words, longer ones by their first and last eight bytes here
    // and whole below.
    let head = Probe::new(needle, 0);
    let tail = Probe::new(needle, n.saturating_sub(8));
    let mut out = Found {
        starts: zeroed(&U32S, old.len()),
        ahead: zeroed(&U64S, old.len()),
        known: 8,
    };
    let mut len = 0usize;
    if n <= 8 {
        for &p in old {
            out.starts[len] = p;
            out.ahead[len] = word_at(hay, p as usize + n);
            len += usize::from(head.at(hay, p as usize));
        }
    } else {
        for &p in old {
            out.starts[len] = p;
            out.ahead[len] = word_at(hay, p as usize + n);
            len += usize::from(head.at(hay, p as usize) & tail.at(hay, p as usize));
        }
    }
    out.starts.truncate(len);
    out.ahead.truncate(len);
    if n > 16 {
        out.retain(|p| hay.get(p as usize..p as usize + n) == Some(needle));
    }
    out
}

/// Number of occurrences, the baseline the benches compare against.
pub fn count_raw(hay: &[u8], needle: &[u8]) -> usize {
    memmem::find_iter(hay, needle).count()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Greedy non-overlapping occurrences, the slow obvious way.
    pub(crate) fn naive(hay: &[u8], needle: &[u8]) -> Vec<u32> {
        let mut out = Vec::new();
        let mut i = 0;
        while !needle.is_empty() && i + needle.len() <= hay.len() {
            if &hay[i..i + needle.len()] == needle {
                out.push(i as u32);
                i += needle.len();
            } else {
                i += 1;
            }
        }
        out
    }

    /// xorshift64*: deterministic random cases.
    struct Rng(u64);
    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n as u64) as usize
        }
    }

    /// A haystack of a few letters, Han characters and `\n`, so short
    /// needles match often and overlap.
    fn random_hay(rng: &mut Rng, len: usize) -> Vec<u8> {
        const PARTS: &[&str] = &["a", "b", "\n", "民", "生", "少", "民生", "aa"];
        let mut hay = Vec::with_capacity(len + 8);
        while hay.len() < len {
            hay.extend_from_slice(PARTS[rng.below(PARTS.len())].as_bytes());
        }
        hay
    }

    fn random_needle(rng: &mut Rng) -> Vec<u8> {
        // Whole characters, and bytes from inside them (`民` is E6 B0 91,
        // `少` E5 B0 91).
        const NEEDLES: &[&[u8]] = &[
            b"a",
            b"aa",
            b"aaa",
            b"ab",
            b"aba",
            b"b\na",
            b"\n",
            b"\xb0\x91",
            b"\x91",
        ];
        const HAN: &[&str] = &["民", "民生", "生民", "少", "民生民生", "民生a", "民民"];
        let i = rng.below(NEEDLES.len() + HAN.len());
        match NEEDLES.get(i) {
            Some(b) => b.to_vec(),
            None => HAN[i - NEEDLES.len()].as_bytes().to_vec(),
        }
    }

    /// Splits that force the parallel path on small haystacks.
    fn tiny_split(rng: &mut Rng) -> Split {
        Split {
            min: 0,
            piece: 1 + rng.below(40),
            threads: 1 + rng.below(4),
        }
    }

    /// Random article starts: 0, some positions (some right after a `\n`,
    /// some not, some repeated: empty articles), then the length.
    fn random_starts(rng: &mut Rng, hay: &[u8]) -> Vec<u32> {
        let mut starts = vec![0u32];
        for i in 1..hay.len() {
            let after_nl = hay[i - 1] == b'\n';
            if (after_nl && rng.below(3) == 0) || rng.below(60) == 0 {
                starts.push(i as u32);
                if rng.below(5) == 0 {
                    starts.push(i as u32);
                }
            }
        }
        starts.push(hay.len() as u32);
        starts
    }

    /// Hits per article (`starts`: article starts, then the haystack end),
    /// the slow obvious way.
    pub(crate) fn naive_counts(starts: &[u32], hits: &[u32]) -> Vec<u32> {
        let mut counts = vec![0u32; starts.len() - 1];
        for &h in hits {
            // The last article whose start is at or before the hit.
            let a = starts[..starts.len() - 1]
                .iter()
                .rposition(|&s| s <= h)
                .unwrap_or(0);
            counts[a] += 1;
        }
        counts
    }

    #[test]
    fn run_pieces_keeps_piece_order() {
        for threads in 1..=4 {
            for pieces in [0, 1, 2, 3, 7, 50] {
                // Slow even pieces, so threads interleave.
                let got = run_pieces(pieces, threads, |i| {
                    if i % 2 == 0 && pieces < 10 {
                        std::thread::sleep(std::time::Duration::from_millis(3));
                    }
                    i * 10
                });
                let want: Vec<usize> = (0..pieces).map(|i| i * 10).collect();
                assert_eq!(got, want, "{threads} threads, {pieces} pieces");
            }
        }
    }

    #[test]
    fn split_scans_agree_with_the_naive_scan() {
        let mut rng = Rng(0x1234_5678_9ABC_DEF1);
        for case in 0..400 {
            let len = rng.below(300);
            let hay = random_hay(&mut rng, len);
            let needle = random_needle(&mut rng);
            let split = tiny_split(&mut rng);
            let want = naive(&hay, &needle);
            assert_eq!(
                find_all_split(&hay, &needle, split),
                want,
                "case {case}: {split:?} {needle:?} in {hay:?}"
            );
            let starts = random_starts(&mut rng, &hay);
            let (found, counts) =
                find_counted_split(&mut Scratch::default(), &hay, &starts, &needle, split);
            assert_eq!(
                found.starts, want,
                "case {case}: {split:?} {needle:?} in {hay:?}"
            );
            check_ahead(&hay, &found, needle.len());
            assert_eq!(
                counts,
                naive_counts(&starts, &want),
                "case {case}: {split:?} {needle:?} starts {starts:?}"
            );
        }
    }

    #[test]
    fn shares_of_interleaved_pieces_are_joined_in_piece_order() {
        // Thread 0 did pieces 0 and 2, thread 1 piece 1 (one article each,
        // piece p holding occurrences 10p and 10p + 1).
        let part = |pieces: &[usize]| {
            let mut part = Part::default();
            for &p in pieces {
                let (h0, c0) = (part.found.starts.len(), part.counts.len());
                let at = 10 * p as u32;
                part.found.starts.extend([at, at + 1]);
                part.found.ahead.extend([u64::from(at), u64::from(at + 1)]);
                part.counts.push(2 + p as u32);
                part.segments
                    .push((p, h0..part.found.starts.len(), c0..part.counts.len()));
            }
            part
        };
        let (found, counts) = merge_parts(&[part(&[0, 2]), part(&[1])], 3);
        assert_eq!(found.starts, vec![0, 1, 10, 11, 20, 21]);
        assert_eq!(found.ahead, vec![0, 1, 10, 11, 20, 21]);
        assert_eq!(counts, vec![2, 3, 4]);
    }

    #[test]
    fn counted_scan_of_an_index_with_no_articles() {
        let (hits, counts) = find_counted(b"a\nb", &[3], b"a");
        assert_eq!(hits.starts, vec![0]);
        assert!(counts.is_empty());
    }

    /// What `found.ahead` must hold: the bytes after each occurrence of a
    /// needle of `n` bytes, 0 past the end, `found.known` of them.
    fn check_ahead(hay: &[u8], found: &Found, n: usize) {
        assert_eq!(found.ahead.len(), found.starts.len());
        let mask = u64::MAX
            .checked_shr(8 * (8 - found.known) as u32)
            .unwrap_or(0);
        for (&p, &a) in found.starts.iter().zip(&found.ahead) {
            let mut want = 0u64;
            for k in (0..found.known).rev() {
                want = want << 8 | u64::from(hay.get(p as usize + n + k).copied().unwrap_or(0));
            }
            assert_eq!(a & mask, want, "after {p} (+{n}) in {hay:?}");
        }
    }

    #[test]
    fn refine_agrees_with_a_fresh_scan() {
        let mut rng = Rng(0x0F0F_1234_4321_F0F0);
        let (mut refined, mut from_ahead) = (0, 0);
        for case in 0..600 {
            let len = rng.below(300);
            let hay = random_hay(&mut rng, len);
            let mut term = random_needle(&mut rng);
            let split = tiny_split(&mut rng);
            let split = Split {
                // Thresholds in bytes, positions cost 64 bytes each.
                piece: split.piece * REFINE_BYTES_PER_POSITION,
                ..split
            };
            let whole = [0, hay.len() as u32];
            let (mut found, _) =
                find_counted_split(&mut Scratch::default(), &hay, &whole, &term, split);
            // Type a few more pieces, each refined from the last result
            // while the term cannot overlap itself.
            for _ in 0..rng.below(5) {
                if self_overlaps(&term) {
                    break;
                }
                let mut needle = term.clone();
                needle.extend_from_slice(&random_needle(&mut rng));
                let want = naive(&hay, &needle);
                let bare =
                    refine_split(&hay, &Found::bare(found.starts.clone()), 0, &needle, split);
                assert_eq!(
                    bare.starts, want,
                    "case {case}: {term:?} → {needle:?} in {hay:?}"
                );
                check_ahead(&hay, &bare, needle.len());
                let known = found.known;
                let next = refine_split(&hay, &found, term.len(), &needle, split);
                assert_eq!(
                    next.starts, want,
                    "case {case}: {term:?} → {needle:?} in {hay:?}"
                );
                check_ahead(&hay, &next, needle.len());
                refined += usize::from(!want.is_empty());
                from_ahead += usize::from(!want.is_empty() && needle.len() - term.len() <= known);
                found = next;
                term = needle;
            }
        }
        assert!(
            refined > 50,
            "too few refinements found anything: {refined}"
        );
        assert!(
            from_ahead > 20,
            "too few refinements used bytes ahead: {from_ahead}"
        );
    }

    #[test]
    fn refine_checks_positions_near_the_end() {
        // The word-sized check cannot read 8 bytes past these.
        let hay = "xx民生".as_bytes();
        assert_eq!(refine(hay, &[2], "民生".as_bytes()), vec![2]);
        assert_eq!(refine(hay, &[2], "民生保".as_bytes()), Vec::<u32>::new());
        // Needles longer than one word are checked whole.
        let hay = "民生保障工作民生保障工人".as_bytes();
        let old = naive(hay, "民生".as_bytes());
        assert_eq!(refine(hay, &old, "民生保障工作".as_bytes()), vec![0]);
    }

    #[test]
    fn count_sorted_matches_a_recount() {
        let mut rng = Rng(0xDEAD_BEEF_0000_0001);
        for _ in 0..200 {
            let len = 1 + rng.below(200);
            let hay = random_hay(&mut rng, len);
            let starts = random_starts(&mut rng, &hay);
            let mut hits: Vec<u32> = (0..rng.below(40))
                .map(|_| rng.below(hay.len()) as u32)
                .collect();
            hits.sort_unstable();
            let mut counts = vec![0; starts.len() - 1];
            count_sorted(&starts, &hits, &mut counts);
            assert_eq!(counts, naive_counts(&starts, &hits), "{starts:?} {hits:?}");
        }
    }

    #[test]
    fn finds_all_non_overlapping() {
        assert_eq!(find_all(b"aaaa", b"aa"), vec![0, 2]);
        assert_eq!(
            find_all("民生民生".as_bytes(), "民生".as_bytes()),
            vec![0, 6]
        );
        assert!(find_all(b"abc", b"").is_empty());
    }

    #[test]
    fn parallel_split_matches_serial() {
        // Big enough to take the threaded path; a match straddles the middle.
        let mut hay = vec![b'x'; PARALLEL_MIN + 10];
        let mid = hay.len() / 2 - 1;
        hay[mid..mid + 3].copy_from_slice(b"abc");
        hay[5..8].copy_from_slice(b"abc");
        let got = find_all(&hay, b"abc");
        assert_eq!(got, vec![5, mid as u32]);
        let aa = find_all(&hay, b"xx");
        assert_eq!(aa, naive(&hay, b"xx"));
    }

    #[test]
    fn refine_keeps_only_longer_matches() {
        let hay = "民生保障，民生实事，民生保障".as_bytes();
        let old = find_all(hay, "民生".as_bytes());
        let new = refine(hay, &old, "民生保".as_bytes());
        assert_eq!(new, find_all(hay, "民生保".as_bytes()));
        assert_eq!(new.len(), 2);
    }

    #[test]
    fn self_overlapping_prefixes_are_detected() {
        assert!(self_overlaps("哈哈".as_bytes()));
        assert!(self_overlaps(b"aba"));
        assert!(!self_overlaps("民生".as_bytes()));
        assert!(!self_overlaps(b"a"));
        // Why it matters: greedy `aa` in `aaab` skips 1, where `aab` is.
        let hay = b"aaab";
        let old = find_all(hay, b"aa");
        assert_ne!(refine(hay, &old, b"aab"), find_all(hay, b"aab"));
    }
}

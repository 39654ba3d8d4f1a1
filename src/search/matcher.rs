//! Literal matching over the folded haystack: every (non-overlapping)
//! occurrence of a folded term, found with `memchr::memmem` and split over
//! the machine's cores for big haystacks.

use memchr::memmem;

/// Haystacks smaller than this are searched on the calling thread: below
/// it a thread spawn costs more than it saves.
const PARALLEL_MIN: usize = 4 << 20;

/// Start offsets of every non-overlapping occurrence of `needle` in `hay`,
/// ascending.
pub fn find_all(hay: &[u8], needle: &[u8]) -> Vec<u32> {
    if needle.is_empty() || hay.len() < needle.len() {
        return Vec::new();
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    if hay.len() < PARALLEL_MIN || threads < 2 {
        return find_range(hay, needle, 0, hay.len());
    }
    let finder = memmem::Finder::new(needle);
    let chunk = hay.len().div_ceil(threads);
    let mut parts: Vec<Vec<u32>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let finder = &finder;
                s.spawn(move || {
                    let from = t * chunk;
                    let to = ((t + 1) * chunk).min(hay.len());
                    find_with(finder, hay, from, to)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect()
    });
    // Chunks own the matches that *start* in them, so joining them in order
    // gives the sorted list. A chunk's greedy scan may disagree with the
    // serial one only where its first matches overlap the previous chunk's
    // last: there, rescan serially until both agree on a position (from then
    // on greedy scans coincide).
    let n = needle.len();
    let mut out: Vec<u32> = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for (t, part) in parts.iter_mut().enumerate() {
        let to = ((t + 1) * chunk).min(hay.len());
        let Some(&last) = out.last() else {
            out.append(part);
            continue;
        };
        let free = last as usize + n;
        let skip = part.iter().take_while(|&&p| (p as usize) < free).count();
        if skip == 0 {
            out.append(part);
            continue;
        }
        let mut pos = free;
        while let Some(q) = finder.find(hay.get(pos..).unwrap_or(&[])) {
            let q = (pos + q) as u32;
            if q as usize >= to {
                break; // the next chunk's own
            }
            out.push(q);
            if let Ok(k) = part.binary_search(&q) {
                out.extend_from_slice(&part[k + 1..]);
                break;
            }
            pos = q as usize + n;
        }
    }
    out
}

fn find_range(hay: &[u8], needle: &[u8], from: usize, to: usize) -> Vec<u32> {
    find_with(&memmem::Finder::new(needle), hay, from, to)
}

/// Matches starting in `from..to` (they may run past `to`).
fn find_with(finder: &memmem::Finder<'_>, hay: &[u8], from: usize, to: usize) -> Vec<u32> {
    let n = finder.needle().len();
    let end = (to + n - 1).min(hay.len());
    let mut out = Vec::new();
    for p in finder.find_iter(&hay[from..end]) {
        out.push((from + p) as u32);
    }
    out
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
    let mut out = Vec::with_capacity(old.len());
    let mut next_free = 0usize;
    for &p in old {
        let p = p as usize;
        if p >= next_free && hay.get(p..p + needle.len()) == Some(needle) {
            out.push(p as u32);
            next_free = p + needle.len();
        }
    }
    out
}

/// Number of occurrences, the baseline the benches compare against.
pub fn count_raw(hay: &[u8], needle: &[u8]) -> usize {
    memmem::find_iter(hay, needle).count()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(aa, find_range(&hay, b"xx", 0, hay.len()));
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

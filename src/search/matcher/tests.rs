use super::*;
use crate::search::refine::{REFINE_BYTES_PER_POSITION, refine, refine_split, self_overlaps};

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
        let (found, counts) = find_counted_split(&hay, &starts, &needle, split);
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
        let (mut found, _) = find_counted_split(&hay, &whole, &term, split);
        // Type a few more pieces, each refined from the last result
        // while the term cannot overlap itself.
        for _ in 0..rng.below(5) {
            if self_overlaps(&term) {
                break;
            }
            let mut needle = term.clone();
            needle.extend_from_slice(&random_needle(&mut rng));
            let want = naive(&hay, &needle);
            let bare = refine_split(&hay, &Found::bare(found.starts.clone()), 0, &needle, split);
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

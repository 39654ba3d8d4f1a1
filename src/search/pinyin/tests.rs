use super::*;

#[test]
fn initials_of_plain_and_heteronym() {
    assert_ne!(initials_mask('民') & (1 << (b'm' - b'a')), 0);
    // 行: xíng and háng.
    let m = initials_mask('行');
    assert_ne!(m & (1 << (b'x' - b'a')), 0);
    assert_ne!(m & (1 << (b'h' - b'a')), 0);
    assert_eq!(initials_mask('a'), 0);
}

use proptest::prelude::*;

/// Characters with common initials, heteronyms (`行` x/h, `长` c/z,
/// `重` z/c, `乐` l/y), punctuation, ASCII and `\n`.
const CHARS: &[&str] = &[
    "民", "生", "保", "障", "行", "长", "重", "乐", "银", "走", "，", "m", "s", "\n", "a",
];
/// Letters of those characters' readings, and some none has.
const LETTERS: &[u8] = b"msbzxhcylgq";

fn text(picks: &[usize]) -> String {
    picks.iter().map(|&k| CHARS[k % CHARS.len()]).collect()
}

fn letters(picks: &[usize]) -> Vec<u8> {
    picks.iter().map(|&k| LETTERS[k % LETTERS.len()]).collect()
}

/// Article starts: 0, the position after every `\n` picked, the end.
fn article_starts(hay: &[u8], every: usize) -> Vec<u32> {
    let mut starts = vec![0u32];
    let mut nl = 0;
    for (i, &b) in hay.iter().enumerate() {
        if b == b'\n' {
            nl += 1;
            if nl % every == 0 && i + 1 < hay.len() {
                starts.push(i as u32 + 1);
            }
        }
    }
    starts.push(hay.len() as u32);
    starts
}

fn recount(starts: &[u32], hits: &[u32]) -> Vec<u32> {
    let mut counts = vec![0u32; starts.len() - 1];
    for &h in hits {
        let a = starts[..starts.len() - 1].partition_point(|&s| s <= h) - 1;
        counts[a] += 1;
    }
    counts
}

fn reference(hay: &str, letters: &[u8]) -> Vec<u32> {
    find_initials(hay, letters)
        .into_iter()
        .map(|(p, _)| p)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Scans in pieces (any size, 1–4 threads) give the reference hits
    /// and counts; refining letter by letter from the first two gives
    /// the same runs as a fresh scan, from the noted initials or the
    /// haystack alike.
    #[test]
    fn pieces_and_refinement_equal_the_reference(
        picks in proptest::collection::vec(0usize..100, 0..300),
        lpicks in proptest::collection::vec(0usize..100, 2..7),
        piece in 1usize..60,
        threads in 1usize..5,
        every in 1usize..3,
    ) {
        let hay = text(&picks);
        let bytes = hay.as_bytes();
        let word = letters(&lpicks);
        let starts = article_starts(bytes, every);
        let split = Split { min: 0, piece, threads };
        let serial = Split { min: usize::MAX, piece, threads: 1 };
        let mut fresh_runs = Vec::new();
        for n in 1..=word.len() {
            let bits = letter_bits(&word[..n]).unwrap();
            let want = reference(&hay, &word[..n]);
            let (runs, counts) =
                find_runs_split(bytes, &starts, &bits, split);
            let (runs1, counts1) =
                find_runs_split(bytes, &starts, &bits, serial);
            prop_assert_eq!(&runs, &runs1);
            prop_assert_eq!(&counts, &counts1);
            let len = 3 * n as u32;
            prop_assert_eq!(&greedy(&runs.starts, len), &want, "{:?} in {:?}", &word[..n], hay);
            prop_assert_eq!(&counts, &recount(&starts, &want));
            fresh_runs.push(runs);
        }
        // Grow by one letter from each prefix, and by two and three
        // (past what is noted) from the first.
        for n in 1..word.len() {
            let bits = letter_bits(&word).unwrap();
            for m in [n + 1, n + 2, n + 3] {
                if m > word.len() {
                    continue;
                }
                let got = refine_runs(bytes, &fresh_runs[n - 1], n, &bits[..m]);
                prop_assert_eq!(&got.starts, &fresh_runs[m - 1].starts, "{} → {}", n, m);
                // Bare (nothing noted): from the haystack.
                let bare = Found::bare(fresh_runs[n - 1].starts.clone());
                let got = refine_runs(bytes, &bare, n, &bits[..m]);
                prop_assert_eq!(&got.starts, &fresh_runs[m - 1].starts);
                prop_assert_eq!(got.known, 2);
                prop_assert_eq!(&got.ahead, &fresh_runs[m - 1].ahead);
            }
        }
        // Refined again and again: as fresh.
        let bits = letter_bits(&word).unwrap();
        let mut runs = fresh_runs[0].clone();
        for n in 2..=word.len() {
            runs = refine_runs(bytes, &runs, n - 1, &bits[..n]);
            prop_assert_eq!(&runs.starts, &fresh_runs[n - 1].starts);
        }
    }
}

#[test]
fn heteronyms_match_overlapping_runs() {
    // `xh` spells 行行 at 0 and at 3 (行 is both x and h): the greedy
    // hits are 0 and 6, but refining `xh` → `xhx` needs the run at 3.
    let hay = "行行行行";
    let bits = letter_bits(b"xh").unwrap();
    let (runs, _) = find_runs(hay.as_bytes(), &[0, hay.len() as u32], &bits);
    assert_eq!(runs.starts, vec![0, 3, 6]);
    assert_eq!(greedy(&runs.starts, 6), reference(hay, b"xh"));
    let bits = letter_bits(b"xhx").unwrap();
    let got = refine_runs(hay.as_bytes(), &runs, 2, &bits);
    assert_eq!(greedy(&got.starts, 9), reference(hay, b"xhx"));
    assert_eq!(greedy(&got.starts, 9), vec![0]);
    // 银行 (yín háng) and 行走 (xíng zǒu) both count.
    let hay = "银行行走";
    let (runs, counts) = find_runs(hay.as_bytes(), &[0, 6, 12], &letter_bits(b"h").unwrap());
    assert_eq!(runs.starts, vec![3, 6]);
    assert_eq!(counts, vec![1, 1]);
}

#[test]
fn finds_runs_of_han() {
    let hay = "加强民生保障工作";
    let got = find_initials(hay, b"msbz");
    assert_eq!(got, vec![(6, 12)]);
    assert!(find_initials(hay, b"zzzz").is_empty());
    // Both readings of 银行 / 行走 work.
    assert_eq!(find_initials("银行", b"yh").len(), 1);
    assert_eq!(find_initials("行走", b"xz").len(), 1);
}

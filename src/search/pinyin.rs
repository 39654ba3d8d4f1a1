//! Pinyin initials: `msbz` finds `民生保障`. Each Han character matches any
//! letter that begins one of its readings (every reading of a heteronym
//! counts: `行` matches both `x` and `h`). A hit is a run of consecutive
//! Han characters, one per letter; hits are the non-overlapping runs taken
//! greedily left to right ([`find_initials`], the plain reference).
//!
//! The search bar uses the fast path: [`find_runs`] scans the haystack in
//! pieces on several threads like the literal scan
//! ([`super::matcher::scan_pieces`]), looking at one byte in every `3n`
//! for `n` letters (a run holds exactly one of them), tested against an
//! L1-sized bitmap of the characters with one of the letters, and keeps
//! *every* run, overlapping ones included, with the initials of the two
//! characters after each. A term grown by a letter is then refined from
//! those ([`refine_runs`]): exact whatever the letters, where refining the
//! greedy hits would not be (with heteronyms even letters that cannot
//! overlap as a string match overlapping runs: `xh` in `行行行`).
//! [`greedy`] picks the hits from the runs.
//!
//! A single letter is not a pinyin term ([`super::query::is_initials`]
//! needs two): it would match most articles, and the search bar and
//! `kanbao search` treat it as a literal term only.

use super::matcher::{Found, Split, scan_pieces};
use pinyin::ToPinyinMulti;
use std::ops::Range;
use std::sync::OnceLock;

/// First code point of the table (CJK Extension A).
const BASE: u32 = 0x3400;
/// Last code point of the table (end of the unified block).
const LAST: u32 = 0x9FFF;

/// Bit `b - 'a'` set for every initial letter `b` of the character's
/// readings; 0 for characters without a reading.
fn table() -> &'static [u32] {
    static TABLE: OnceLock<Vec<u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (BASE..=LAST)
            .map(|u| char::from_u32(u).map_or(0, initials_of))
            .collect()
    })
}

fn initials_of(c: char) -> u32 {
    let Some(multi) = c.to_pinyin_multi() else {
        return 0;
    };
    let mut mask = 0u32;
    for p in multi {
        if let Some(b) = p.plain().bytes().next() {
            if b.is_ascii_lowercase() {
                mask |= 1 << (b - b'a');
            }
        }
    }
    mask
}

/// The initials mask of `c` (see [`table`]); 0 when it has no reading.
pub fn initials_mask(c: char) -> u32 {
    let u = c as u32;
    if (BASE..=LAST).contains(&u) {
        table()[(u - BASE) as usize]
    } else {
        0
    }
}

/// Rows of the per-letter bitmaps: one per lead byte `E3..=E9`.
const ROWS: usize = 7;

/// For each letter, one bit per character of the table: row
/// `lead - 0xE3`, word `second & 0x3F`, bit `third & 0x3F` (3.5 KB per
/// letter: the first letter's test stays in L1 during a scan).
/// (A row more, all zeros, for every other byte.)
type Bitmap = [u64; (ROWS + 1) * 64];

/// The bitmap row of a lead byte: `E3..=E9` their own, every other byte
/// row 7, all zeros (a table, not a comparison: a branch on it would be
/// mispredicted at every punctuation mark).
const ROW_OF: [u8; 256] = {
    let mut t = [ROWS as u8; 256];
    let mut b = 0xE3;
    while b <= 0xE9 {
        t[b] = (b - 0xE3) as u8;
        b += 1;
    }
    t
};

fn bitmaps() -> &'static [Bitmap] {
    static BITMAPS: OnceLock<Vec<Bitmap>> = OnceLock::new();
    BITMAPS.get_or_init(|| {
        let mut maps = vec![[0u64; (ROWS + 1) * 64]; 26];
        for (k, &mask) in table().iter().enumerate() {
            let u = BASE + k as u32;
            let (row, b1, b2) = (((u >> 12) - 3) as usize, (u >> 6) & 0x3F, u & 0x3F);
            for (letter, map) in maps.iter_mut().enumerate() {
                if mask & (1 << letter) != 0 {
                    map[row * 64 + b1 as usize] |= 1 << b2;
                }
            }
        }
        maps
    })
}

/// One bit per letter (`1 << (l - b'a')`), or `None` unless every letter
/// is lower-case ASCII and there is at least one.
pub fn letter_bits(letters: &[u8]) -> Option<Vec<u32>> {
    if letters.is_empty() || !letters.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    Some(letters.iter().map(|&l| 1u32 << (l - b'a')).collect())
}

/// The initials of the two characters at `q` and `q + 3`, the first in the
/// low 32 bits (0 where there is none).
#[inline]
fn two_after(bytes: &[u8], q: usize) -> u64 {
    u64::from(initials_at(bytes, q)) | u64::from(initials_at(bytes, q + 3)) << 32
}

/// Every run (overlapping ones too) of `bits.len()` Han characters whose
/// initials spell `bits` (see [`letter_bits`]) in `hay`, with the initials
/// of the two characters after each in `ahead` (`known` = 2, counted in
/// characters), and the per-article counts of the greedy hits among them
/// ([`greedy`]). `starts` as for [`super::matcher::find_counted`]. Runs
/// never hold a `\n`, so pieces cut after one scan exactly.
pub fn find_runs(hay: &[u8], starts: &[u32], bits: &[u32]) -> (Found, Vec<u32>) {
    find_runs_split(hay, starts, bits, Split::default_for_machine())
}

pub(crate) fn find_runs_split(
    hay: &[u8],
    starts: &[u32],
    bits: &[u32],
    split: Split,
) -> (Found, Vec<u32>) {
    if bits.is_empty() {
        let articles = starts.len().saturating_sub(1);
        return (Found::default(), vec![0; articles]);
    }
    let mut any: Bitmap = [0; (ROWS + 1) * 64];
    for &bit in bits {
        let map = &bitmaps()[bit.trailing_zeros() as usize];
        for (w, m) in any.iter_mut().zip(map) {
            *w |= m;
        }
    }
    let (mut found, counts) = scan_pieces(hay, starts, split, |range, art, out, counts| {
        scan_runs(hay, range, art, bits, &any, out, counts)
    });
    found.known = 2;
    (found, counts)
}

/// The eight bytes at `hay[p..]`, the first lowest, 0 past the end.
fn word_from(hay: &[u8], p: usize) -> u64 {
    let mut b = [0u8; 8];
    let rest = hay.get(p..).unwrap_or(&[]);
    let n = rest.len().min(8);
    b[..n].copy_from_slice(&rest[..n]);
    u64::from_le_bytes(b)
}

/// How many bytes back the character holding `hay[q]` starts (0 to 2;
/// `q >= 2`).
#[inline(always)]
fn back_to_lead(hay: &[u8], q: usize) -> usize {
    let cont = |b: u8| usize::from(b & 0xC0 == 0x80);
    let c0 = cont(hay[q]);
    c0 + (c0 & cont(hay[q - 1]))
}

/// The three bytes of the character holding byte 2 of `w` (bytes 0 and 1
/// precede it): its lead byte if that is a 3-byte one.
#[inline(always)]
fn char_around(w: u64) -> (u8, u8, u8) {
    let cont = |b: u8| u32::from(b & 0xC0 == 0x80);
    let c0 = cont((w >> 16) as u8);
    let back = c0 + (c0 & cont((w >> 8) as u8));
    let ch = w >> (8 * (2 - back));
    (ch as u8, (ch >> 8) as u8, (ch >> 16) as u8)
}

/// [`find_runs`] inside `range`: runs starting there, greedy hits counted
/// per article of `counts` (`art`: their starts, then the end of the last).
///
/// A run of `n` letters is `3n` bytes, so it holds exactly one byte at a
/// position `q` of every `3n`-th (counted from the range's start): only the
/// character at those positions is looked at (found from `q` without
/// reading what comes before: at most two continuation bytes back), first
/// against `any` (a bitmap of the characters with an initial among the
/// letters, 3.5 KB), and where it has letter `j`, a run starting `j`
/// characters earlier is checked whole. Positions are independent, so the
/// loop carries no dependency through the bytes it reads.
fn scan_runs(
    hay: &[u8],
    range: Range<usize>,
    art: &[u32],
    bits: &[u32],
    any: &Bitmap,
    out: &mut Found,
    counts: &mut [u32],
) {
    let n = bits.len();
    let run = 3 * n;
    let last = counts.len().saturating_sub(1);
    let (mut a, mut next_free) = (0usize, 0usize);
    let end = range.end.min(hay.len());
    // Positions to look at: from the first that can be a run's last byte.
    let mut q = range.start + run - 1;
    // Candidates (characters with one of the letters) are noted 64
    // positions at a time as bits of a word, without a branch or a store
    // that depends on the bytes, then checked.
    while q < end {
        let base = q;
        let mut found_bits = 0u64;
        for t in 0..64 {
            if q >= end {
                break;
            }
            // The bytes at q - 2 ..= q + 5, q's in byte 2 (0 past the end).
            let w = match hay.get(q - 2..q + 6) {
                Some(w) => u64::from_le_bytes(w.try_into().unwrap_or([0; 8])),
                None => word_from(hay, q - 2),
            };
            let (b0, b1, b2) = char_around(w);
            let row = usize::from(ROW_OF[usize::from(b0)]);
            let hit = any[row * 64 + usize::from(b1 & 0x3F)] >> (b2 & 0x3F) & 1;
            found_bits |= hit << t;
            q += run;
        }
        while found_bits != 0 {
            let t = found_bits.trailing_zeros() as usize;
            found_bits &= found_bits - 1;
            let probe = base + t * run;
            let k = probe - back_to_lead(hay, probe);
            let mask = initials_at(hay, k);
            // Letter `j` here: a run from `j` characters back; ascending
            // starts, so `j` descending.
            for j in (0..n).rev() {
                if mask & bits[j] == 0 || k < range.start + 3 * j {
                    continue;
                }
                let s = k - 3 * j;
                let whole = bits
                    .iter()
                    .enumerate()
                    .all(|(i, &bit)| i == j || initials_at(hay, s + 3 * i) & bit != 0);
                if !whole {
                    continue;
                }
                out.starts.push(s as u32);
                out.ahead.push(two_after(hay, s + run));
                if s >= next_free {
                    next_free = s + run;
                    while a < last && art[a + 1] as usize <= s {
                        a += 1;
                    }
                    if let Some(c) = counts.get_mut(a) {
                        *c += 1;
                    }
                }
            }
        }
    }
}

/// The runs of `old` (every run of the first `prefix` letters of `bits`,
/// from [`find_runs`] or an earlier refinement) that go on to spell all of
/// `bits`: from the initials noted after each while they last, else from
/// the haystack (noting the next two).
pub fn refine_runs(hay: &[u8], old: &Found, prefix: usize, bits: &[u32]) -> Found {
    let n = bits.len();
    if prefix == 0 || prefix > n {
        return Found::default();
    }
    let grown = &bits[prefix..];
    let g = grown.len();
    let mut out = Found {
        starts: vec![0; old.starts.len()],
        ahead: vec![0; old.starts.len()],
        known: 2,
    };
    let mut len = 0usize;
    if g <= old.known && old.ahead.len() == old.starts.len() {
        out.known = old.known - g;
        for (&p, &a) in old.starts.iter().zip(&old.ahead) {
            let mut ok = true;
            for (k, &bit) in grown.iter().enumerate() {
                ok &= (a >> (32 * k)) as u32 & bit != 0;
            }
            out.starts[len] = p;
            out.ahead[len] = a.checked_shr(32 * g as u32).unwrap_or(0);
            len += usize::from(ok);
        }
    } else {
        for &p in &old.starts {
            let from = p as usize + 3 * prefix;
            let mut ok = true;
            for (k, &bit) in grown.iter().enumerate() {
                ok &= initials_at(hay, from + 3 * k) & bit != 0;
            }
            out.starts[len] = p;
            out.ahead[len] = two_after(hay, p as usize + 3 * n);
            len += usize::from(ok);
        }
    }
    out.starts.truncate(len);
    out.ahead.truncate(len);
    out
}

/// The hits among ascending `runs` of `len` bytes: greedily, each run that
/// starts at or after the end of the last one taken.
pub fn greedy(runs: &[u32], len: u32) -> Vec<u32> {
    let mut out = Vec::with_capacity(runs.len());
    let mut next_free = 0u32;
    for &p in runs {
        if p >= next_free {
            out.push(p);
            next_free = p + len;
        }
    }
    out
}

/// Non-overlapping runs of consecutive Han characters in `hay` whose
/// initials spell `letters` (lower-case ASCII), as (start, byte length),
/// with offsets relative to `hay`.
pub fn find_initials(hay: &str, letters: &[u8]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let Some(&first) = letters.first() else {
        return out;
    };
    if !letters.iter().all(u8::is_ascii_lowercase) {
        return out;
    }
    let bit = |b: u8| 1u32 << (b - b'a');
    let first_bit = bit(first);
    let bytes = hay.as_bytes();
    let mut i = 0usize;
    while i < bytes.len() {
        // Only 3-byte UTF-8 leads E3..=E9 encode U+3000..U+9FFF; everything
        // else is skipped without decoding.
        let b = bytes[i];
        if !(0xE3..=0xE9).contains(&b) {
            i += 1;
            continue;
        }
        if initials_at(bytes, i) & first_bit == 0 {
            i += 3;
            continue;
        }
        let mut j = i + 3;
        let mut ok = true;
        for &l in &letters[1..] {
            if initials_at(bytes, j) & bit(l) == 0 {
                ok = false;
                break;
            }
            j += 3;
        }
        if ok {
            out.push((i as u32, (j - i) as u32));
            i = j;
        } else {
            i += 3;
        }
    }
    out
}

/// Initials of the 3-byte character starting at `i`, 0 if there is none.
#[inline]
fn initials_at(bytes: &[u8], i: usize) -> u32 {
    let Some(&[b0, b1, b2]) = bytes
        .get(i..i + 3)
        .and_then(|s| <&[u8; 3]>::try_from(s).ok())
    else {
        return 0;
    };
    if !(0xE3..=0xE9).contains(&b0) || b1 & 0xC0 != 0x80 || b2 & 0xC0 != 0x80 {
        return 0;
    }
    let u = ((b0 as u32 & 0x0F) << 12) | ((b1 as u32 & 0x3F) << 6) | (b2 as u32 & 0x3F);
    if (BASE..=LAST).contains(&u) {
        table()[(u - BASE) as usize]
    } else {
        0
    }
}

#[cfg(test)]
mod tests;

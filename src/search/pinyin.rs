//! Pinyin initials: `msbz` finds `民生保障`. Each Han character matches any
//! letter that begins one of its readings (every reading of a heteronym
//! counts: `行` matches both `x` and `h`).

use pinyin::ToPinyinMulti;
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
mod tests {
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
}

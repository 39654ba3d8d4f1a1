//! One pass over the decoded bytes that answers every whole-file question
//! `decode` and `sanitize` ask: how many control bytes (binary data has
//! many), whether any U+FFFD stands in the text, and whether `sanitize` has
//! anything to do at all. Every file pays for it, so it runs at memory
//! speed: a vectorisable flag test over chunks, and the exact counts only
//! in the (rare) chunks the flag test marks.

/// What one pass over the text found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scan {
    /// C0 bytes other than the ones text has (LF, CR, tab, form feed, ESC).
    pub controls: usize,
    /// Some character must be removed or changed (see `sanitize`).
    pub needs_sanitize: bool,
    /// The text holds U+FFFD (something did not decode).
    pub has_replacement: bool,
    /// All `sanitize` has to change is CRs (a CRLF file): a byte search
    /// for them does it.
    pub line_ends_only: bool,
}

/// Chunk length: the per-chunk control count is a `u8`.
const CHUNK: usize = 128;

/// Could the character starting at byte `x` (followed by `y`, `z`, or 0
/// past the end) concern the scan? A superset of the exact tests below,
/// written with non-short-circuit operators so the loop vectorises.
#[inline(always)]
pub fn flagged(x: u8, y: u8, z: u8) -> bool {
    flagged_but_cr(x, y, z) | (x == b'\r')
}

/// [`flagged`] but for CR: a CRLF file has one in nearly every chunk, so
/// the scan looks for CRs apart (one `memchr`) and reads exactly only the
/// chunks flagged for something else.
#[inline(always)]
fn flagged_but_cr(x: u8, y: u8, z: u8) -> bool {
    let c0 = (x < 0x20) & (x != b'\n') & (x != b'\t') & (x != b'\r') | (x == 0x7F);
    let c1 = (x == 0xC2) & (y.wrapping_sub(0x80) < 0x20);
    let bidi = (x == 0xE2)
        & (((y == 0x80) & ((z.wrapping_sub(0x8E) < 2) | (z.wrapping_sub(0xAA) < 5)))
            | ((y == 0x81) & (z.wrapping_sub(0xA6) < 4)));
    // EF BB BF is U+FEFF, EF BF BD is U+FFFD.
    let ef = (x == 0xEF) & (((y == 0xBB) & (z == 0xBF)) | ((y == 0xBF) & (z == 0xBD)));
    c0 | c1 | bidi | ef
}

/// The exact tests for the character starting at `x`: (a control byte as
/// `check_text` counts them, a CR, something else `sanitize` removes,
/// U+FFFD).
/// Written with non-short-circuit operators, like `flagged`, so the exact
/// pass over a flagged chunk vectorises too (a CRLF file flags nearly
/// every chunk); the tests below hold it to the plain form.
#[inline(always)]
fn exact(x: u8, y: u8, z: u8) -> (u8, bool, bool, bool) {
    let c0 = x < 0x20;
    // Text has line ends, tabs, form feeds and escapes; binary data is
    // full of other C0 bytes.
    let control = c0 & (x != b'\n') & (x != b'\r') & (x != b'\t') & (x != 0x0C) & (x != 0x1B);
    // C0 controls but LF and tab, and DEL; C1 (C2 80–9F); LRM/RLM and bidi
    // (E2 80 8E/8F/AA–AE, E2 81 A6–A9); a BOM (EF BB BF).
    let bidi = (x == 0xE2)
        & (((y == 0x80) & ((z.wrapping_sub(0x8E) < 2) | (z.wrapping_sub(0xAA) < 5)))
            | ((y == 0x81) & (z.wrapping_sub(0xA6) < 4)));
    let cr = x == b'\r';
    let sanitize = (c0 & (x != b'\n') & (x != b'\t') & !cr)
        | (x == 0x7F)
        | ((x == 0xC2) & (y.wrapping_sub(0x80) < 0x20))
        | bidi
        | ((x == 0xEF) & (y == 0xBB) & (z == 0xBF));
    let replacement = (x == 0xEF) & (y == 0xBF) & (z == 0xBD);
    (u8::from(control), cr, sanitize, replacement)
}

/// Scan `bytes` (UTF-8 text) once.
pub fn scan(bytes: &[u8]) -> Scan {
    let mut out = Scan::default();
    // Besides CRs, something to sanitize.
    let mut other = false;
    let mut add = |x: &[u8], y: &[u8], z: &[u8]| {
        let (mut controls, mut cr, mut sanitize, mut replacement) = (0u8, false, false, false);
        for ((&x, &y), &z) in x.iter().zip(y).zip(z) {
            let (c, r, s, f) = exact(x, y, z);
            controls += c;
            cr |= r;
            sanitize |= s;
            replacement |= f;
        }
        out.controls += usize::from(controls);
        out.needs_sanitize |= cr | sanitize;
        other |= sanitize;
        out.has_replacement |= replacement;
    };
    // Every position with two bytes after it, chunk by chunk.
    let windowed = bytes.len().saturating_sub(2);
    let mut at = 0;
    while at < windowed {
        let end = (at + CHUNK).min(windowed);
        let (x, y, z) = (
            &bytes[at..end],
            &bytes[at + 1..end + 1],
            &bytes[at + 2..end + 2],
        );
        let mut any = false;
        for ((&x, &y), &z) in x.iter().zip(y).zip(z) {
            any |= flagged_but_cr(x, y, z);
        }
        if any {
            add(x, y, z);
        }
        at = end;
    }
    // The last two bytes, with zeros past the end (no test matches a zero
    // continuation byte).
    let mut tail = [0u8; 4];
    let rest = &bytes[windowed..];
    tail[..rest.len()].copy_from_slice(rest);
    add(&tail[..rest.len()], &tail[1..], &tail[2..]);
    // The CRs of chunks not read exactly: one byte search.
    out.needs_sanitize |= memchr::memchr(b'\r', bytes).is_some();
    out.line_ends_only = out.needs_sanitize && !other;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`exact`], written the plain way.
    fn plain(x: u8, y: u8, z: u8) -> (u8, bool, bool, bool) {
        let control = x < 0x20 && !matches!(x, b'\n' | b'\r' | b'\t' | 0x0C | 0x1B);
        let sanitize = (x < 0x20 && x != b'\n' && x != b'\t')
            || x == 0x7F
            || (x == 0xC2 && (0x80..=0x9F).contains(&y))
            || (x == 0xE2
                && matches!(
                    (y, z),
                    (0x80, 0x8E | 0x8F | 0xAA..=0xAE) | (0x81, 0xA6..=0xA9)
                ))
            || (x == 0xEF && y == 0xBB && z == 0xBF);
        let replacement = x == 0xEF && y == 0xBF && z == 0xBD;
        let cr = x == b'\r';
        (u8::from(control), cr, sanitize && !cr, replacement)
    }

    #[test]
    fn exact_is_the_plain_tests() {
        // Every first and second byte; the third only matters among
        // continuation bytes (and zero past the end).
        let thirds: Vec<u8> = std::iter::once(0)
            .chain(0x80..=0xBF)
            .chain([0xFF])
            .collect();
        for x in 0..=255u8 {
            for y in 0..=255u8 {
                for &z in &thirds {
                    assert_eq!(exact(x, y, z), plain(x, y, z), "{x:x} {y:x} {z:x}");
                    let (control, cr, sanitize, replacement) = plain(x, y, z);
                    if cr || sanitize || replacement {
                        assert!(flagged(x, y, z), "{x:x} {y:x} {z:x}");
                    }
                    if control > 0 || sanitize || replacement {
                        assert!(flagged_but_cr(x, y, z), "{x:x} {y:x} {z:x}");
                    }
                }
            }
        }
    }

    /// The scan, written the slow obvious way.
    fn reference(b: &[u8]) -> Scan {
        let at = |i: usize| b.get(i).copied().unwrap_or(0);
        let mut s = Scan::default();
        let mut other = false;
        for (i, &x) in b.iter().enumerate() {
            let (c, cr, n, r) = plain(x, at(i + 1), at(i + 2));
            s.controls += usize::from(c);
            s.needs_sanitize |= cr || n;
            other |= n;
            s.has_replacement |= r;
        }
        s.line_ends_only = s.needs_sanitize && !other;
        s
    }

    #[test]
    fn matches_the_obvious_scan() {
        let samples = [
            "",
            "a",
            "本报讯",
            "本报讯 衡阳\n\t“引号”——……，。",
            "a\r\nb",
            "\u{7}",
            "x\u{7f}",
            "c1\u{85}",
            "\u{202E}反",
            "\u{2066}",
            "\u{200E}",
            "\u{FEFF}",
            "\u{FFFD}",
            "ab\u{FFFD}",
            "\u{1b}[31m",
            "\u{c}",
            "·°±",
        ];
        for s in samples {
            for pad in [0, 1, 2, 3, 125, 126, 127, 128, 129, 300] {
                let text = "中".repeat(pad / 3) + &"x".repeat(pad % 3) + s;
                assert_eq!(
                    scan(text.as_bytes()),
                    reference(text.as_bytes()),
                    "{text:?}"
                );
                let text = s.to_owned() + &"甲".repeat(pad);
                assert_eq!(
                    scan(text.as_bytes()),
                    reference(text.as_bytes()),
                    "{text:?}"
                );
            }
        }
        let bytes: Vec<u8> = (0..5000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 11) as u8)
            .collect();
        assert_eq!(scan(&bytes), reference(&bytes));
    }

    #[test]
    fn counts() {
        let s = scan("a\u{1}b\u{2}\r\n\u{1b}\u{c}\u{FFFD}".as_bytes());
        assert_eq!(s.controls, 2);
        assert!(s.needs_sanitize && s.has_replacement);
        assert_eq!(scan("本报讯\n".as_bytes()), Scan::default());
    }
}

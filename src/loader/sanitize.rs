//! Remove what must never reach the terminal, once, at load time: whole ANSI
//! escape sequences, C0/C1 controls (but tab and line ends), bidi controls.
//! Line ends are normalised to `\n` here too, so later stages see one kind.
//!
//! Everything downstream — blocks, wrapper, search, screen — reads the same
//! clean text, so a highlight offset can never point into a removed escape.

use super::scan::{Scan, flagged, scan};
use std::borrow::Cow;

/// Is `c` a character to drop (other than inside an escape sequence)?
fn is_dropped(c: char) -> bool {
    match c {
        '\t' | '\n' => false,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => true,
        // Bidi embeddings/overrides/isolates and marks: they reorder what the
        // terminal shows, so a headline could display as something else.
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' => true,
        // A byte-order mark in the middle of text (concatenated files).
        '\u{FEFF}' => true,
        _ => false,
    }
}

/// Clean `text`: CRLF and lone CR become LF; escape sequences and control
/// characters are removed. Borrowed when nothing changes (the usual case).
pub fn sanitize(text: &str) -> Cow<'_, str> {
    // One byte pass (`scan`) tells whether anything can change at all.
    sanitize_scanned(text, &scan(text.as_bytes()))
}

/// [`sanitize`] when the text's [`Scan`] is already known (the loader
/// scans once, while decoding).
pub fn sanitize_scanned<'a>(text: &'a str, scan: &Scan) -> Cow<'a, str> {
    if !scan.needs_sanitize {
        return Cow::Borrowed(text);
    }
    if scan.line_ends_only {
        return Cow::Owned(line_ends(text));
    }
    // Runs of kept text are copied whole: only a byte that can start a
    // line end, an escape or a dropped character (`may_change`) is looked
    // at as a character (a CRLF file has one every line). Before that, a
    // block of BLOCK bytes where the scan's test (`scan::flagged`, which
    // holds every such character, but not the quotes, dashes and
    // full-width marks `may_change` stops at) finds nothing is passed over
    // whole; only a flagged block is read byte by byte.
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let (mut i, mut run) = (0, 0);
    // The bytes before `bytewise` are in a flagged block.
    let mut bytewise = 0;
    while i < b.len() {
        if i >= bytewise {
            if b.len() - i >= BLOCK + 2 && !any_flagged(&b[i..i + BLOCK + 2]) {
                i += BLOCK;
                continue;
            }
            bytewise = i + BLOCK;
        }
        if !may_change(b[i]) {
            i += 1;
            continue;
        }
        // `b[i]` is ASCII or a lead byte: a character starts here.
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        match c {
            '\r' => {
                out.push_str(&text[run..i]);
                out.push('\n');
                i += 1;
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
                run = i;
            }
            '\u{1B}' => {
                out.push_str(&text[run..i]);
                let mut rest = text[i + 1..].chars();
                skip_escape(&mut rest);
                i = text.len() - rest.as_str().len();
                run = i;
            }
            c if is_dropped(c) => {
                out.push_str(&text[run..i]);
                i += c.len_utf8();
                run = i;
            }
            c => i += c.len_utf8(),
        }
    }
    out.push_str(&text[run..]);
    Cow::Owned(out)
}

/// `text` with CRLF and lone CR as LF, by a byte search for the CRs: what
/// the loop below does when CRs are all there is to change.
fn line_ends(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut run = 0;
    for i in memchr::memchr_iter(b'\r', b) {
        // Every CR ends a line; the LF of a CRLF is skipped with it.
        out.push_str(&text[run..i]);
        out.push('\n');
        run = if b.get(i + 1) == Some(&b'\n') {
            i + 2
        } else {
            i + 1
        };
    }
    out.push_str(&text[run..]);
    out
}

/// Bytes passed over at once where nothing is flagged: a CRLF file's
/// lines are a few hundred bytes, so most blocks hold no line end.
const BLOCK: usize = 32;

/// Is any of the first `w.len() - 2` positions of `w` flagged (with the
/// two bytes after each)? Written as one pass over three slices so it
/// vectorises, as in `scan`.
fn any_flagged(w: &[u8]) -> bool {
    let n = w.len() - 2;
    let (x, y, z) = (&w[..n], &w[1..n + 1], &w[2..]);
    let mut any = false;
    for ((&x, &y), &z) in x.iter().zip(y).zip(z) {
        any |= flagged(x, y, z);
    }
    any
}

/// Can the character starting with byte `x` be one `sanitize` changes?
/// Controls (but tab and LF) and DEL are ASCII; C1 controls start with
/// 0xC2, the bidi controls with 0xE2, the byte-order mark with 0xEF.
fn may_change(x: u8) -> bool {
    (x < 0x20 && x != b'\t' && x != b'\n') || matches!(x, 0x7F | 0xC2 | 0xE2 | 0xEF)
}

/// After an ESC: consume the rest of a *whole* escape sequence — CSI
/// (`ESC [` parameters and intermediates 0x20–0x3F, then a final byte
/// 0x40–0x7E) or OSC (`ESC ]` … BEL or `ESC \`). Anything else — an
/// unterminated sequence, `ESC 7` — is a lone ESC: only the ESC goes, and
/// what follows stays text (so no Han character or digit is ever lost).
fn skip_escape(chars: &mut std::str::Chars<'_>) {
    let mut ahead = chars.clone();
    match ahead.next() {
        Some('[') => {
            for c in ahead.by_ref() {
                if ('\u{20}'..='\u{3F}').contains(&c) {
                    continue;
                }
                if ('\u{40}'..='\u{7E}').contains(&c) {
                    *chars = ahead;
                }
                return;
            }
        }
        Some(']') => {
            while let Some(c) = ahead.next() {
                match c {
                    '\u{7}' => {
                        *chars = ahead;
                        return;
                    }
                    '\u{1B}' => {
                        if ahead.next() == Some('\\') {
                            *chars = ahead;
                        }
                        return;
                    }
                    // An OSC never spans lines: unterminated, it is not one.
                    '\n' | '\r' => return,
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::{is_dropped, sanitize, skip_escape};

    /// The character loop `sanitize` was before it copied runs whole.
    fn by_chars(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    out.push('\n');
                    if chars.as_str().starts_with('\n') {
                        chars.next();
                    }
                }
                '\u{1B}' => skip_escape(&mut chars),
                c if is_dropped(c) => {}
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn runs_copied_whole_are_the_character_loop() {
        let pieces = [
            "\r",
            "\n",
            "\r\n",
            "\u{1B}",
            "[",
            "]",
            "31;1m",
            "m",
            "\u{7}",
            "\\",
            "0;t",
            "\t",
            "\u{0}",
            "\u{7F}",
            "\u{85}",
            "\u{9F}",
            "\u{A0}",
            "é",
            "\u{202A}",
            "\u{202E}",
            "\u{202F}",
            "\u{2066}",
            "\u{2069}",
            "\u{200E}",
            "\u{200D}",
            "\u{FEFF}",
            "\u{FEFE}",
            "，",
            "“",
            "—",
            "本报",
            "a",
            " ",
            // Longer than a block: runs passed over whole.
            "本报记者张三李四王五赵六钱七孙八",
            "“引号”——……，。、；：？！（）《》",
        ];
        let mut rng = crate::loader::test_rng::XorShift::default();
        let mut next = || rng.next();
        for _ in 0..50_000 {
            let mut t = String::new();
            for _ in 0..next() % 20 {
                t.push_str(pieces[next() as usize % pieces.len()]);
            }
            assert_eq!(sanitize(&t), by_chars(&t), "{t:?}");
        }
    }

    #[test]
    fn line_ends() {
        assert_eq!(sanitize("a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(sanitize("a\r\r\nb"), "a\n\nb");
    }

    #[test]
    fn escapes_removed_whole() {
        assert_eq!(sanitize("红\u{1b}[31;1m色\u{1b}[0m字"), "红色字");
        assert_eq!(sanitize("标\u{1b}]0;title\u{7}题"), "标题");
        assert_eq!(sanitize("标\u{1b}]8;;http://x\u{1b}\\链接"), "标链接");
        assert_eq!(sanitize("lone\u{1b} esc"), "lone esc");
        assert_eq!(sanitize("reset\u{1b}cdone"), "resetcdone");
        assert_eq!(sanitize("本报讯 \u{1b}7月1日"), "本报讯 7月1日");
        assert_eq!(sanitize("会议\u{1b}[2020年召开"), "会议[2020年召开");
        assert_eq!(sanitize("标\u{1b}]0;title\n题"), "标]0;title\n题");
    }

    #[test]
    fn controls_dropped_tab_kept() {
        assert_eq!(sanitize("a\u{7}b\u{8}c\td\u{7f}e"), "abc\tde");
        assert_eq!(sanitize("c1\u{85}\u{9b}x"), "c1x");
        assert_eq!(sanitize("\u{202E}反\u{2066}转\u{2069}"), "反转");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            sanitize("本报讯 衡阳\n"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}

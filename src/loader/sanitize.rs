//! Remove what must never reach the terminal, once, at load time: whole ANSI
//! escape sequences, C0/C1 controls (but tab and line ends), bidi controls.
//! Line ends are normalised to `\n` here too, so later stages see one kind.
//!
//! Everything downstream — blocks, wrapper, search, screen — reads the same
//! clean text, so a highlight offset can never point into a removed escape.

use super::scan::{Scan, scan};
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
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                out.push('\n');
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
            }
            '\u{1B}' => skip_escape(&mut chars),
            c if is_dropped(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// After an ESC: consume the rest of a *whole* escape sequence — CSI
/// (`ESC [` parameters and intermediates 0x20–0x3F, then a final byte
/// 0x40–0x7E) or OSC (`ESC ]` … BEL or `ESC \`). Anything else — an
/// unterminated sequence, `ESC 7` — is a lone ESC: only the ESC goes, and
/// what follows stays text (so no Han character or digit is ever lost).
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
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
    use super::sanitize;

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

//! The one sanitizer for text from outside — file and folder names, paths,
//! config values, file text — on its way to a terminal, a pipe or a script.
//!
//! The loader already drops controls from file *text*; names and paths
//! come straight from the file system, and a file named
//! `ESC ]52;c;… BEL .txt` printed raw sets the terminal's clipboard. So
//! every output path of the command line — stdout lines, every `kanbao:
//! PATH: problem` line on stderr, Markdown headings, JSON — passes what it
//! prints through here:
//!
//! - [`line`]: one line of terminal text. Every control (C0 with tab and
//!   newline, DEL, C1), bidi control and line/paragraph separator is shown
//!   as a visible escape (`\x1b`, `\u{202e}`), so it can neither act nor
//!   forge a line, and the name stays recognisable.
//! - [`text`]: several lines: as [`line`], but newline and tab stay.
//! - [`SafeWriter::json`]: JSON output. serde_json escapes C0 controls but
//!   not DEL, C1 or bidi controls; this writer escapes those too
//!   (`\u009b`), which leaves every JSON value the same.
//! - [`SafeWriter::text`]: a stream of lines (an export): as [`text`].

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Would `c` act on a terminal or reorder or break what it shows?
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}'
        // Bidi marks, embeddings, overrides and isolates (and the Arabic
        // letter mark): they reorder what follows on screen.
        | '\u{61C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        // Line and paragraph separators: a forged line break.
        | '\u{2028}' | '\u{2029}')
}

fn escape_into(out: &mut String, c: char) {
    let u = c as u32;
    // Writing into a String cannot fail.
    let _ = if u < 0x100 {
        write!(out, "\\x{u:02x}")
    } else {
        write!(out, "\\u{{{u:x}}}")
    };
}

fn escaped(s: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) && !keep(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) && !keep(c) {
            escape_into(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` safe to print as (part of) one line. Borrowed when it already is.
pub fn line(s: &str) -> Cow<'_, str> {
    escaped(s, |_| false)
}

/// `s` safe to print as lines: newlines and tabs stay, nothing else that
/// [`is_unsafe`].
pub fn text(s: &str) -> Cow<'_, str> {
    escaped(s, |c| c == '\n' || c == '\t')
}

/// A writer that escapes what [`is_unsafe`] as it streams: for JSON as
/// `\uXXXX` (JSON's own syntax is ASCII, so these can only stand inside
/// strings, where the escape means the same character), for text as
/// [`text`] does (newline and tab stay).
pub struct SafeWriter<W: Write> {
    inner: W,
    json: bool,
    /// The start of a UTF-8 sequence cut by the end of a write.
    pending: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    /// For JSON text.
    pub fn json(inner: W) -> Self {
        SafeWriter {
            inner,
            json: true,
            pending: Vec::new(),
        }
    }

    /// For lines of text.
    pub fn text(inner: W) -> Self {
        SafeWriter {
            inner,
            json: false,
            pending: Vec::new(),
        }
    }

    /// Write the complete characters of `s`, escaping the unsafe ones.
    fn emit(&mut self, s: &str) -> io::Result<()> {
        let mut from = 0;
        for (i, c) in s.char_indices() {
            // serde_json escapes C0 inside strings itself, and its pretty
            // output's newlines are JSON's own white space.
            let escape = if self.json {
                c >= '\u{7f}'
            } else {
                !matches!(c, '\n' | '\t')
            };
            if is_unsafe(c) && escape {
                self.inner.write_all(&s.as_bytes()[from..i])?;
                if self.json {
                    let mut buf = [0u16; 2];
                    for unit in c.encode_utf16(&mut buf) {
                        write!(self.inner, "\\u{unit:04x}")?;
                    }
                } else {
                    let mut e = String::new();
                    escape_into(&mut e, c);
                    self.inner.write_all(e.as_bytes())?;
                }
                from = i + c.len_utf8();
            }
        }
        self.inner.write_all(&s.as_bytes()[from..])
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let bytes = std::mem::take(&mut self.pending);
        let mut rest = &bytes[..];
        loop {
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    self.emit(s)?;
                    break;
                }
                Err(e) => {
                    let (ok, bad) = rest.split_at(e.valid_up_to());
                    // The prefix is valid UTF-8 by the error's own report.
                    self.emit(std::str::from_utf8(ok).unwrap_or_default())?;
                    match e.error_len() {
                        // Not UTF-8 at all (serde_json never writes that):
                        // passed on as it is.
                        Some(n) => {
                            self.inner.write_all(&bad[..n])?;
                            rest = &bad[n..];
                        }
                        // A sequence cut short: wait for its end.
                        None => {
                            self.pending.extend_from_slice(bad);
                            break;
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let pending = std::mem::take(&mut self.pending);
        self.inner.write_all(&pending)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for SafeWriter<W> {
    fn drop(&mut self) {
        // A cut sequence at the very end is passed on as it was.
        let pending = std::mem::take(&mut self.pending);
        let _ = self.inner.write_all(&pending);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_show_escapes() {
        assert_eq!(
            line("\u{1b}]52;c;cHduZWQ=\u{7}.txt"),
            "\\x1b]52;c;cHduZWQ=\\x07.txt"
        );
        assert_eq!(line("a\nb\rc\td"), "a\\x0ab\\x0dc\\x09d");
        assert_eq!(line("\u{9b}31m\u{202e}txt.exe"), "\\x9b31m\\u{202e}txt.exe");
        assert_eq!(text("a\nb\tc\u{1b}[2J"), "a\nb\tc\\x1b[2J");
        assert!(matches!(line("人民日报/第01版.txt"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_writer_escapes_what_serde_json_leaves() {
        let value =
            serde_json::json!({ "path": "x\u{9b}\u{202e}\u{2028}\u{7f}y\u{1b}", "n": "人民" });
        let mut out = Vec::new();
        {
            let mut w = SafeWriter::json(&mut out);
            serde_json::to_writer(&mut w, &value).expect("writes");
            w.flush().expect("flush");
        }
        let s = String::from_utf8(out).expect("utf-8");
        assert!(!s.chars().any(is_unsafe), "{s:?}");
        assert!(s.contains("\\u009b\\u202e\\u2028\\u007fy\\u001b"), "{s}");
        let back: serde_json::Value = serde_json::from_str(&s).expect("still JSON");
        assert_eq!(back, value);
    }

    #[test]
    fn json_writer_joins_cut_characters() {
        let mut out = Vec::new();
        {
            let mut w = SafeWriter::json(&mut out);
            let bytes = "\"人\u{202e}\"".as_bytes();
            for b in bytes {
                w.write_all(std::slice::from_ref(b)).expect("writes");
            }
            w.flush().expect("flush");
        }
        assert_eq!(String::from_utf8(out).expect("utf-8"), "\"人\\u202e\"");
    }

    #[test]
    fn text_writer_keeps_lines() {
        let mut out = Vec::new();
        {
            let mut w = SafeWriter::text(&mut out);
            w.write_all("# 标题\u{1b}]0;x\u{7}\n\tok\n".as_bytes())
                .expect("writes");
            w.flush().expect("flush");
        }
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "# 标题\\x1b]0;x\\x07\n\tok\n"
        );
    }
}

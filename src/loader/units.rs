//! Clean text → lines → units. A *unit* is what the segmentation labels:
//! one line in most real text (crawler output, e-paper copies: a line per
//! paragraph, headline line or byline), or the lines of one paragraph
//! joined back together where the text is hard-wrapped.
//!
//! Hard wrapping is decided from the text, per file (FORMAT.md "Blocks"):
//! many lines that stop at about the same display width with more text
//! right under them. Only there do lines join, and a paragraph's first line
//! is told by an indent or a blank line before it. Joined lines meet with no
//! space between CJK characters and one space between Latin words.

use super::names::parse_byline;
use super::rules::{BYLINE_MARKERS, is_space};
use std::borrow::Cow;

/// One line of the file, white space at its ends removed.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// The text, trimmed.
    pub text: &'a str,
    /// Display columns of the white space it opens with (U+3000 is 2).
    pub indent: usize,
}

impl<'a> Line<'a> {
    fn new(raw: &'a str) -> Self {
        let text = raw.trim_matches(is_space);
        let lead = &raw[..raw.len() - raw.trim_start_matches(is_space).len()];
        Line {
            text,
            indent: lead.chars().map(cols).sum(),
        }
    }

    fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// Opens with a paragraph indent (U+3000, two spaces or a tab).
    pub fn indented(&self) -> bool {
        self.indent >= 2
    }

    /// Display columns of the trimmed text (CJK 2, ASCII 1): measured only
    /// where the hard-wrap test needs it.
    pub fn width(&self) -> usize {
        width(self.text)
    }

    /// The display column the line ends at.
    fn end(&self) -> usize {
        self.indent + self.width()
    }
}

/// Display columns of a text as `cols` counts them, without decoding it:
/// every character is two columns, less one per ASCII byte, plus two per
/// tab (the byte counts vectorise; this runs on every line of the file).
fn width(text: &str) -> usize {
    let b = text.as_bytes();
    let chars: usize = b.iter().map(|&x| usize::from((x as i8) >= -0x40)).sum();
    let ascii: usize = b.iter().map(|&x| usize::from(x < 0x80)).sum();
    let tabs = memchr::memchr_iter(b'\t', b).count();
    2 * chars - ascii + 2 * tabs
}

/// Display columns of a character, as the hard-wrap test counts them: a
/// tab is four, ASCII one, everything else two (CJK text is what matters).
fn cols(c: char) -> usize {
    match c {
        '\t' => 4,
        c if c.is_ascii() => 1,
        _ => 2,
    }
}

/// One unit of the page, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit<'a> {
    /// The (joined) text, trimmed.
    pub text: Cow<'a, str>,
    /// 1-based number of its first line.
    pub line: usize,
    /// Its first line is indented.
    pub indented: bool,
    /// A blank line stands right before it (or it is the first unit).
    pub gap_above: bool,
    /// How many blank lines stand right before it.
    pub gap_lines: usize,
    /// A blank line stands right after it (or it is the last unit).
    pub gap_below: bool,
}

/// The measure a hard-wrapped file is set to: the display column its
/// wrapped lines stop at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wrap {
    /// The widest line end of the wrapped lines, in columns.
    pub columns: usize,
}

/// How many columns short of the measure a wrapped line may stop (a
/// closing mark pushed to the next line, a wide character that did not fit).
const WRAP_SLACK: usize = 3;
/// Narrowest measure taken for hard wrapping (display columns).
const WRAP_MIN_COLUMNS: usize = 20;

/// `text.split('\n')`, with `memchr`'s vectorised search.
fn lines_of(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .chain(std::iter::once(text.len()))
        .map(move |end| {
            let line = &text[start..end];
            start = end + 1;
            line
        })
}

/// The lines of clean text (LF line ends).
pub fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    out.extend(lines_of(text).map(Line::new));
    out
}

/// Is the file hard-wrapped, and at what measure? Looks at the lines that
/// have a non-blank, unindented line right under them (a wrap can only be
/// there): if at least three of them, and at least half, stop within a few
/// columns of one line end, and hardly any line runs past it, that end is
/// the measure.
pub fn wrap(lines: &[Line<'_>]) -> Option<Wrap> {
    // A sample is enough to see a measure: at most WRAP_SAMPLE candidate
    // lines, spread over the file.
    let candidates = lines
        .windows(2)
        .filter(|p| !p[0].is_blank() && !p[1].is_blank() && !p[1].indented());
    let total = candidates.clone().count();
    let step = total.div_ceil(WRAP_SAMPLE).max(1);
    let mut ends: Vec<usize> = candidates
        .step_by(step)
        .map(|p| p[0].end())
        .filter(|&e| e >= WRAP_MIN_COLUMNS)
        .collect();
    if ends.len() < 3 {
        return None;
    }
    ends.sort_unstable();
    // The end with the most candidate lines within WRAP_SLACK below it.
    let (mut best, mut best_count) = (0, 0);
    let mut lo = 0;
    for hi in 0..ends.len() {
        while ends[hi] - ends[lo] > WRAP_SLACK {
            lo += 1;
        }
        let count = hi - lo + 1;
        if count > best_count || (count == best_count && ends[hi] > best) {
            (best, best_count) = (ends[hi], count);
        }
    }
    let long_enough = best_count >= 3 && 2 * best_count >= ends.len();
    if !long_enough {
        return None;
    }
    // Hardly any line runs past the measure. A line is at most as many
    // columns wide as it has bytes (a CJK character is 3 bytes and 2
    // columns): only longer lines are measured, and the count stops at the
    // allowance.
    let allowance = (lines.len() / 20).max(1);
    let beyond = lines
        .iter()
        .filter(|l| l.indent + l.text.len() > best + 1 && l.end() > best + 1)
        .take(allowance + 1)
        .count();
    (beyond <= allowance).then_some(Wrap { columns: best })
}

/// How many candidate lines the hard-wrap test looks at, at most.
const WRAP_SAMPLE: usize = 4096;

/// Is `c` part of a Latin word or number (where a hard wrap stood for a space)?
fn is_latin_word(c: char) -> bool {
    (c as u32) < 0x2E80 && !super::rules::is_han(c) && c.is_alphanumeric()
}

/// Does a hard wrap between a line ending with `a` and one starting with
/// `b` stand for a space?
fn wrap_is_space(a: char, b: char) -> bool {
    let a_latin = is_latin_word(a) || matches!(a, ',' | '.' | ';' | ':' | '!' | '?' | ')' | '%');
    a_latin && (is_latin_word(b) || b == '(')
}

/// Join the lines of one paragraph: borrowed when there is one line.
fn join<'a>(lines: &[Line<'a>]) -> Cow<'a, str> {
    match lines {
        [] => Cow::Borrowed(""),
        [one] => Cow::Borrowed(one.text),
        [first, rest @ ..] => {
            let mut out = String::with_capacity(lines.iter().map(|l| l.text.len() + 1).sum());
            out.push_str(first.text);
            let mut prev = first.text;
            for next in rest {
                if let (Some(a), Some(b)) = (prev.chars().next_back(), next.text.chars().next()) {
                    if wrap_is_space(a, b) {
                        out.push(' ');
                    }
                }
                out.push_str(next.text);
                prev = next.text;
            }
            Cow::Owned(out)
        }
    }
}

/// A line that stands alone whatever surrounds it: a byline (`■本报记者
/// 张三`) or a caption opener (`▲`); a wrapped paragraph never starts a
/// line with those.
fn stands_alone(line: &Line<'_>) -> bool {
    line.text.starts_with('▲')
        || (line.text.starts_with(BYLINE_MARKERS) && parse_byline(line.text).is_some())
}

/// Cut the lines into units, joining hard-wrapped paragraphs when `wrap`
/// says the file is wrapped.
pub fn units<'a>(lines: &[Line<'a>], wrap: Option<Wrap>) -> Vec<Unit<'a>> {
    // In a wrapped file whose paragraphs open with an indent, an indented
    // line always starts a paragraph.
    let indents_mark = wrap.is_some() && lines.iter().filter(|l| l.indented()).count() >= 2;
    let mut out: Vec<Unit<'a>> = Vec::new();
    let mut i = 0;
    let mut gap = true;
    let mut gap_lines = 0;
    while i < lines.len() {
        let first = lines[i];
        if first.is_blank() {
            gap = true;
            gap_lines += 1;
            if let Some(last) = out.last_mut() {
                last.gap_below = true;
            }
            i += 1;
            continue;
        }
        let mut end = i + 1;
        if let Some(w) = wrap {
            while end < lines.len() {
                let (prev, next) = (&lines[end - 1], &lines[end]);
                let reached = prev.end() + WRAP_SLACK >= w.columns;
                let opens = next.indented() && indents_mark;
                if next.is_blank() || !reached || opens || stands_alone(next) || stands_alone(prev)
                {
                    break;
                }
                end += 1;
            }
        }
        out.push(Unit {
            text: join(&lines[i..end]),
            line: i + 1,
            indented: first.indented(),
            gap_above: gap,
            gap_lines,
            gap_below: end >= lines.len(),
        });
        gap = false;
        gap_lines = 0;
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        let ls = lines(s);
        units(&ls, wrap(&ls))
            .into_iter()
            .map(|u| u.text.into_owned())
            .collect()
    }

    #[test]
    fn a_line_per_paragraph_is_a_unit_per_line() {
        assert_eq!(
            texts("标题\n第一段。\n第二段。\n\n乙"),
            ["标题", "第一段。", "第二段。", "乙"]
        );
    }

    #[test]
    fn hard_wrapped_paragraphs_join() {
        let s = "\u{3000}\u{3000}一二三四五六七八九十一二三四\n一二三四五六七八九十一二三四五六\n结束了。\n\u{3000}\u{3000}一二三四五六七八九十一二三四\n一二三四五六七八九十一二三四五六\n一二三四五六七八九十一二三四五六\n完。";
        assert_eq!(
            texts(s),
            [
                "一二三四五六七八九十一二三四一二三四五六七八九十一二三四五六结束了。",
                "一二三四五六七八九十一二三四一二三四五六七八九十一二三四五六一二三四五六七八九十一二三四五六完。"
            ]
        );
    }

    #[test]
    fn latin_words_keep_their_space() {
        let s = "COVID-19 cases rose in the city again\ntoday and the officials said that\nthe numbers are going to rise again\nnext week, said the officials there\nagain.";
        assert_eq!(texts(s).len(), 1);
        assert!(texts(s)[0].contains("again today"));
    }

    #[test]
    fn gaps_are_recorded() {
        let ls = lines("甲\n\n乙\n丙");
        let u = units(&ls, None);
        assert!(u[0].gap_above && u[0].gap_below);
        assert!(u[1].gap_above && !u[1].gap_below);
        assert!(!u[2].gap_above && u[2].gap_below);
        assert_eq!(u[2].line, 4);
    }

    #[test]
    fn width_counts_as_cols() {
        for t in ["", "abc", "中文", "a中\tb", "１２，。", "𠀀x"] {
            assert_eq!(width(t), t.chars().map(cols).sum::<usize>(), "{t:?}");
        }
    }

    #[test]
    fn short_lines_are_not_a_wrap() {
        assert_eq!(wrap(&lines("甲\n乙\n丙\n丁")), None);
    }

    #[test]
    fn million_blank_lines_is_linear() {
        let s = "\n".repeat(1_000_000) + "甲";
        assert_eq!(texts(&s), ["甲"]);
    }
}

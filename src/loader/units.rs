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
    /// Characters of the white space it opens with.
    lead_chars: usize,
}

impl<'a> Line<'a> {
    fn new(raw: &'a str) -> Self {
        // Most lines neither open nor end with white space: a look at
        // each end says so, without the trims' searchers.
        let plain = |c: Option<char>| c.is_none_or(|c| !is_space(c));
        if plain(raw.chars().next()) && plain(raw.chars().next_back()) {
            return Line {
                text: raw,
                indent: 0,
                lead_chars: 0,
            };
        }
        let text = raw.trim_matches(is_space);
        let lead = &raw[..raw.len() - raw.trim_start_matches(is_space).len()];
        Line {
            text,
            indent: lead.chars().map(cols).sum(),
            lead_chars: char_count(lead),
        }
    }

    fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    /// Opens with a paragraph indent (U+3000, two spaces or a tab).
    pub fn indented(&self) -> bool {
        self.indent >= 2
    }

    /// Display columns of the trimmed text (CJK 2, ASCII 1). Measured
    /// only where the hard-wrap test needs it: it runs on few lines.
    pub fn width(&self) -> usize {
        width(self.text)
    }

    /// The display column the line ends at.
    fn end(&self) -> usize {
        self.indent + self.width()
    }

    /// Characters of the line up to its last non-space one, its indent
    /// included: the measure of a typesetter that counts characters, not
    /// columns (a half-width digit takes a whole place there).
    fn chars(&self) -> usize {
        self.lead_chars + char_count(self.text)
    }
}

/// Display columns of a text as `cols` counts them, without decoding it:
/// every character is two columns, less one per ASCII byte, plus three per
/// tab (this runs on every line of the file).
fn width(text: &str) -> usize {
    // Byte counts per chunk in `u8`s, which vectorise sixteen or more to
    // an instruction (a `usize` sum widens every byte first).
    text.as_bytes()
        .chunks(255)
        .map(|chunk| {
            let (mut starts, mut ascii, mut tabs) = (0u8, 0u8, 0u8);
            for &x in chunk {
                starts += u8::from((x as i8) >= -0x40);
                ascii += u8::from(x < 0x80);
                tabs += u8::from(x == b'\t');
            }
            2 * usize::from(starts) - usize::from(ascii) + 3 * usize::from(tabs)
        })
        .sum()
}

/// Characters of a text, counted on its bytes (every byte but UTF-8
/// continuation bytes starts one), in `u8`s per chunk as in `width`.
fn char_count(text: &str) -> usize {
    text.as_bytes()
        .chunks(255)
        .map(|chunk| {
            let mut starts = 0u8;
            for &x in chunk {
                starts += u8::from((x as i8) >= -0x40);
            }
            usize::from(starts)
        })
        .sum()
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

/// The measure a hard-wrapped file is set to: where its wrapped lines
/// stop, in display columns or in characters (a typesetter may count
/// either: in a file set to 30 characters a line with digits stops short
/// of the column measure). At least one of the two is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wrap {
    /// The widest line end of the wrapped lines, in columns.
    pub columns: Option<usize>,
    /// The longest wrapped line, in characters (indent included).
    pub chars: Option<usize>,
}

impl Wrap {
    /// Does `line` stop at the measure, so `next` may continue it? It
    /// does when it ends within a few columns (characters) of it, or when
    /// the Latin word `next` opens with would not have fitted after it
    /// (Latin text wraps at word ends, so its right edge is ragged).
    fn reached(&self, line: &Line<'_>, next: &Line<'_>) -> bool {
        let word: usize = next
            .text
            .chars()
            .take_while(|&c| is_latin_word(c) || "-'.,;:!?)%".contains(c))
            .map(cols)
            .sum();
        let latin = next.text.chars().next().is_some_and(is_latin_word);
        self.columns
            .is_some_and(|c| line.end() + WRAP_SLACK >= c || (latin && line.end() + 1 + word > c))
            || self
                .chars
                .is_some_and(|c| line.chars() + WRAP_SLACK_CHARS >= c)
    }
}

/// How many columns short of the measure a wrapped line may stop (a
/// closing mark pushed to the next line, a wide character that did not fit).
const WRAP_SLACK: usize = 3;
/// How many characters short of a character measure a wrapped line may
/// stop (a line may not start with `，` or `。`: the typesetter pushes the
/// character before it down too).
const WRAP_SLACK_CHARS: usize = 2;
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
    lines_of(text).map(Line::new).collect()
}

/// Is the file hard-wrapped, and at what measure? Looks at the lines that
/// have a non-blank, unindented line right under them (a wrap can only be
/// there): if at least three of them, and at least half, stop within a few
/// columns (or characters) of one line end, and hardly any line runs past
/// it, that end is the measure. Both measures are tried: columns, and
/// characters for text set by character count.
pub fn wrap(lines: &[Line<'_>]) -> Option<Wrap> {
    let sample = sample(lines);
    let columns = measure(lines, &sample, Line::end, WRAP_SLACK);
    let chars = measure(lines, &sample, Line::chars, WRAP_SLACK_CHARS);
    (columns.is_some() || chars.is_some()).then_some(Wrap { columns, chars })
}

/// The lines both measures are read from: those with a non-blank,
/// unindented line right under them (a wrap can only be there), at most
/// WRAP_SAMPLE of them spread over the file (a sample is enough to see a
/// measure), that reach WRAP_MIN_COLUMNS. Chosen once for both measures.
fn sample<'l, 'a>(lines: &'l [Line<'a>]) -> Vec<&'l Line<'a>> {
    let candidates = lines
        .windows(2)
        .filter(|p| !p[0].is_blank() && !p[1].is_blank() && !p[1].indented())
        .map(|p| &p[0]);
    let total = candidates.clone().count();
    let step = total.div_ceil(WRAP_SAMPLE).max(1);
    candidates
        .step_by(step)
        .filter(|l| reaches(l, WRAP_MIN_COLUMNS))
        .collect()
}

/// Does `line` end at column `min` or further? A character is one to four
/// bytes and at least one column wide, so a line of many bytes does
/// without measuring its width.
fn reaches(line: &Line<'_>, min: usize) -> bool {
    line.indent + line.text.len().div_ceil(4) >= min || line.end() >= min
}

/// The measure of `lines` by `end` (columns or characters), if there is
/// one, read from their `sample`.
fn measure<'a>(
    lines: &[Line<'a>],
    sample: &[&Line<'a>],
    end: fn(&Line<'a>) -> usize,
    slack: usize,
) -> Option<usize> {
    let mut ends: Vec<usize> = sample.iter().map(|l| end(l)).collect();
    if ends.len() < 3 {
        return None;
    }
    ends.sort_unstable();
    // The end with the most candidate lines within `slack` below it.
    let (mut best, mut best_count) = (0, 0);
    let mut lo = 0;
    for hi in 0..ends.len() {
        while ends[hi] - ends[lo] > slack {
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
    // Hardly any line runs past the measure. A line has at most as many
    // columns, and as many characters, as it has bytes (a CJK character is
    // 3 bytes, 2 columns, 1 character): only longer lines are measured, and
    // the count stops at the allowance. It has at least a quarter as many
    // characters as bytes, and columns as characters: a line that long is
    // past the measure without measuring it (most paragraphs are).
    let allowance = (lines.len() / 20).max(1);
    let beyond = lines
        .iter()
        .filter(|l| {
            l.indent + l.text.len() > best + 1
                && (l.lead_chars + l.text.len().div_ceil(4) > best + 1 || end(l) > best + 1)
        })
        .take(allowance + 1)
        .count();
    (beyond <= allowance).then_some(best)
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
                let reached = w.reached(prev, next);
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
    fn a_measure_in_characters_joins_lines_with_digits() {
        // Set to 15 characters a line (paper-b-indented.txt is set so): a
        // line holding half-width digits stops columns short of the
        // column measure, and one before `，` a character short.
        let s = "\u{3000}\u{3000}本报讯 3月14日，全市优\n化营商环境大会召开。市委书记杨\n振华出席会议并讲话，他强调要\n把工作做好。\n\u{3000}\u{3000}会上，5家单位作了表态发\n言，10家企业代表获颁聘书，将\n定期进行监督评议。";
        let ls = lines(s);
        let w = wrap(&ls).expect("wrapped");
        assert_eq!(w.chars, Some(15));
        assert_eq!(
            texts(s),
            [
                "本报讯 3月14日，全市优化营商环境大会召开。市委书记杨振华出席会议并讲话，他强调要把工作做好。",
                "会上，5家单位作了表态发言，10家企业代表获颁聘书，将定期进行监督评议。"
            ]
        );
    }

    #[test]
    fn latin_words_keep_their_space() {
        // Wrapped at word ends to 35 columns: a ragged right edge, each
        // line stopping where the next word would not fit.
        let s = "COVID-19 cases rose in the city\nagain today and the officials said\nthat the numbers are going to rise\nagain next week, said the officials\nthere again.";
        let t = texts(s);
        assert_eq!(t.len(), 1, "{t:?}");
        assert!(t[0].starts_with("COVID-19 cases rose in the city again today"));
        assert!(t[0].ends_with("officials there again."));
    }

    #[test]
    fn a_short_line_before_digits_is_no_wrap() {
        // `2020年…` opens with a digit, but its "word" is the digits only:
        // a short last line before it does not join it.
        let s = "一二三四五六七八九十一二三四五\n一二三四五六七八九十一二三四五\n一二三四五六七八九十一二三四五\n完了。\n2020年，一二三四五六七八九十。";
        assert_eq!(texts(s).len(), 2, "{:?}", texts(s));
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
            assert_eq!(char_count(t), t.chars().count(), "{t:?}");
        }
        // Longer than the counts' chunks.
        let long = "中a\t，𠀀".repeat(100);
        assert_eq!(width(&long), long.chars().map(cols).sum::<usize>());
        assert_eq!(char_count(&long), long.chars().count());
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

//! Clean text → blocks. A block ends at a blank line (only white space,
//! U+3000 included); within a run of lines, a line indented with U+3000 or
//! two or more ASCII spaces starts a new block (hard-wrapped files that mark
//! paragraphs only by indent). Lines of a block are joined with no space
//! between CJK characters and one space between Latin letters or digits.

use super::names::parse_byline;
use super::rules::BYLINE_MARKERS;
use crate::text::chars::is_space;
use std::borrow::Cow;

/// One block of text: a paragraph, headline, byline, … before classification.
/// A one-line block borrows its line from the file's text; only a block of
/// several lines owns its joined text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block<'a> {
    /// The joined, trimmed text.
    pub text: Cow<'a, str>,
    /// 1-based line number of the block's first line in the file.
    pub line: usize,
    /// A byline line's parse (text without marker, authors), kept from
    /// the test that made it a block of its own, so that `classify` does
    /// not parse it again.
    pub(crate) byline: Option<(String, Vec<String>)>,
}

/// Does this line open with a paragraph indent?
fn is_indented(line: &str) -> bool {
    line.starts_with('\u{3000}') || line.starts_with("  ") || line.starts_with('\t')
}

/// Is `c` part of a Latin word or number (where a hard wrap stood for a space)?
fn is_latin_word(c: char) -> bool {
    // The code point test first: Han characters (most line ends) would
    // otherwise go through the Unicode alphabetic table.
    (c as u32) < 0x2E80 && !super::rules::is_han(c) && c.is_alphanumeric()
}

/// Does a hard wrap between a line ending with `a` and one starting with
/// `b` stand for a space?
fn wrap_is_space(a: char, b: char) -> bool {
    let a_latin = is_latin_word(a) || matches!(a, ',' | '.' | ';' | ':' | '!' | '?' | ')' | '%');
    a_latin && (is_latin_word(b) || b == '(')
}

/// Join the (trimmed) lines of a block the way hard wraps are undone:
/// borrowed when there is one line, else one allocation of the right size.
fn join_lines<'a>(lines: &[&'a str]) -> Cow<'a, str> {
    match lines {
        [] => Cow::Borrowed(""),
        [one] => Cow::Borrowed(one),
        [first, rest @ ..] => {
            let len = lines.iter().map(|l| l.len() + 1).sum();
            let mut block = String::with_capacity(len);
            block.push_str(first);
            let mut prev = *first;
            for &next in rest {
                if let (Some(a), Some(b)) = (prev.chars().next_back(), next.chars().next()) {
                    if wrap_is_space(a, b) {
                        block.push(' ');
                    }
                }
                block.push_str(next);
                prev = next;
            }
            Cow::Owned(block)
        }
    }
}

/// Does a line stand alone whatever surrounds it? A byline (`■本报记者
/// 张三`) is one line by nature; a hard-wrapped paragraph never starts a
/// line with a byline marker. Returns the byline's parse.
fn standalone_byline(line: &str) -> Option<(String, Vec<String>)> {
    if line.starts_with(BYLINE_MARKERS) {
        parse_byline(line)
    } else {
        None
    }
}

/// A file with no blank line between its lines and no indented line gives
/// the block rules nothing to go on: read literally it is one block. Such
/// files (a copy-paste of a web page) put one paragraph on each line, so
/// each line is then a block of its own.
fn is_line_per_paragraph(text: &str) -> bool {
    let mut lines = text.trim_matches(is_space).split('\n');
    let mut count = 0;
    for raw in lines.by_ref() {
        if raw.trim_matches(is_space).is_empty() || is_indented(raw) {
            return false;
        }
        count += 1;
    }
    count >= 3
}

/// `text.split('\n')`, with the `memchr` crate's vectorised search (the
/// standard library's is a word at a time).
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

/// Split clean text (LF line ends) into blocks.
///
/// A masthead is a matter of lines, not blocks: at the top of the file each
/// masthead-shaped line (`衡阳日报 2020年7月2日` / `第01版：要闻`) is a block
/// of its own even without blank lines between, so it is never glued onto
/// the next line. So is a byline line.
pub fn split_blocks(text: &str) -> Vec<Block<'_>> {
    let mut blocks = Vec::new();
    for_each_block(text, |b| blocks.push(b));
    blocks
}

/// [`split_blocks`], handing each block to `f` as it is found.
pub fn for_each_block<'a>(text: &'a str, mut f: impl FnMut(Block<'a>)) {
    let line_mode = is_line_per_paragraph(text);
    // The open block: its first line's number and its lines (a buffer
    // reused from block to block).
    let mut open_line = 0;
    let mut lines: Vec<&'a str> = Vec::new();
    let flush = |lines: &mut Vec<&'a str>, line: usize, f: &mut dyn FnMut(Block<'a>)| {
        if !lines.is_empty() {
            f(Block {
                text: join_lines(lines),
                line,
                byline: None,
            });
            lines.clear();
        }
    };
    let mut at_top = true;
    for (i, raw) in lines_of(text).enumerate() {
        let line = raw.trim_matches(is_space);
        if line.is_empty() {
            flush(&mut lines, open_line, &mut f);
            continue;
        }
        let masthead = at_top && super::patterns::masthead(line).is_some();
        let byline = if masthead {
            None
        } else {
            standalone_byline(line)
        };
        let alone = masthead || byline.is_some();
        at_top &= alone;
        if alone {
            flush(&mut lines, open_line, &mut f);
            f(Block {
                text: Cow::Borrowed(line),
                line: i + 1,
                byline,
            });
            continue;
        }
        let continues =
            !lines.is_empty() && !line_mode && !is_indented(raw) && !line.starts_with('▲');
        if !continues {
            flush(&mut lines, open_line, &mut f);
            open_line = i + 1;
        }
        lines.push(line);
    }
    flush(&mut lines, open_line, &mut f);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        split_blocks(s)
            .into_iter()
            .map(|b| b.text.into_owned())
            .collect()
    }

    #[test]
    fn blank_lines_separate() {
        assert_eq!(texts("甲\n\n乙\n \n\u{3000}\n丙"), ["甲", "乙", "丙"]);
        assert_eq!(split_blocks("\n\n甲\n\n乙")[1].line, 5);
    }

    #[test]
    fn indent_starts_block_and_wraps_join() {
        let s = "\u{3000}\u{3000}第一段第一行\n第一段第二行\n  第二段\n继续";
        assert_eq!(texts(s), ["第一段第一行第一段第二行", "第二段继续"]);
    }

    #[test]
    fn latin_join_gets_space() {
        assert_eq!(
            texts("甲\n\nCOVID\n19 cases\n增加5000\n人"),
            ["甲", "COVID 19 cases增加5000人"]
        );
        assert_eq!(texts("in 2020,\nthe city"), ["in 2020, the city"]);
    }

    #[test]
    fn masthead_lines_at_the_top_stay_apart() {
        assert_eq!(
            texts("人民日报\n2021年7月2日 星期五\n第04版：要闻\n标题\n第二行\n\n甲"),
            [
                "人民日报",
                "2021年7月2日 星期五",
                "第04版：要闻",
                "标题第二行",
                "甲"
            ]
        );
    }

    #[test]
    fn byline_lines_and_captions_stand_apart() {
        assert_eq!(
            texts("标题\n■本报记者 张三\n\n本报讯 第一行\n第二行。\n▲图片说明"),
            [
                "标题",
                "■本报记者 张三",
                "本报讯 第一行第二行。",
                "▲图片说明"
            ]
        );
    }

    #[test]
    fn one_paragraph_per_line_without_blank_lines() {
        assert_eq!(
            texts("标题\n第一段。\n第二段。"),
            ["标题", "第一段。", "第二段。"]
        );
        // One blank line anywhere and the block rules apply as written.
        assert_eq!(
            texts("标题\n\n第一行\n第二行。\n第三行。"),
            ["标题", "第一行第二行。第三行。"]
        );
    }

    #[test]
    fn million_blank_lines_is_linear() {
        let s = "\n".repeat(1_000_000) + "甲";
        assert_eq!(texts(&s), ["甲"]);
    }
}

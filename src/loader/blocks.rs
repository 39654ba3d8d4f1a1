//! Clean text → blocks. A block ends at a blank line (only white space,
//! U+3000 included); within a run of lines, a line indented with U+3000 or
//! two or more ASCII spaces starts a new block (hard-wrapped files that mark
//! paragraphs only by indent). Lines of a block are joined with no space
//! between CJK characters and one space between Latin letters or digits.

use super::rules::is_space;

/// One block of text: a paragraph, headline, byline, … before classification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The joined, trimmed text.
    pub text: String,
    /// 1-based line number of the block's first line in the file.
    pub line: usize,
}

/// Does this line open with a paragraph indent?
fn is_indented(line: &str) -> bool {
    line.starts_with('\u{3000}') || line.starts_with("  ") || line.starts_with('\t')
}

/// Is `c` part of a Latin word or number (where a hard wrap stood for a space)?
fn is_latin_word(c: char) -> bool {
    c.is_alphanumeric() && !super::rules::is_han(c) && (c as u32) < 0x2E80
}

/// Join `next` (trimmed) onto `block` the way a hard wrap is undone.
fn push_line(block: &mut String, next: &str) {
    if let (Some(a), Some(b)) = (block.chars().next_back(), next.chars().next()) {
        let a_latin =
            is_latin_word(a) || matches!(a, ',' | '.' | ';' | ':' | '!' | '?' | ')' | '%');
        if a_latin && (is_latin_word(b) || b == '(') {
            block.push(' ');
        }
    }
    block.push_str(next);
}

/// Split clean text (LF line ends) into blocks.
///
/// A masthead is a matter of lines, not blocks: at the top of the file each
/// masthead-shaped line (`衡阳日报 2020年7月2日` / `第01版：要闻`) is a block
/// of its own even without blank lines between, so it is never glued onto
/// the next line.
pub fn split_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    let mut at_top = true;
    for (i, raw) in text.split('\n').enumerate() {
        let line = raw.trim_matches(is_space);
        if line.is_empty() {
            blocks.extend(current.take());
            continue;
        }
        if at_top {
            if super::patterns::masthead(line).is_some() {
                blocks.extend(current.take());
                blocks.push(Block {
                    text: line.to_owned(),
                    line: i + 1,
                });
                continue;
            }
            at_top = false;
        }
        match current.as_mut() {
            Some(block) if !is_indented(raw) => push_line(&mut block.text, line),
            _ => {
                blocks.extend(current.take());
                current = Some(Block {
                    text: line.to_owned(),
                    line: i + 1,
                });
            }
        }
    }
    blocks.extend(current);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        split_blocks(s).into_iter().map(|b| b.text).collect()
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
            texts("COVID\n19 cases\n增加5000\n人"),
            ["COVID 19 cases增加5000人"]
        );
        assert_eq!(texts("in 2020,\nthe city"), ["in 2020, the city"]);
    }

    #[test]
    fn masthead_lines_at_the_top_stay_apart() {
        assert_eq!(
            texts("人民日报\n2021年7月2日 星期五\n第04版：要闻\n标题\n第二行"),
            [
                "人民日报",
                "2021年7月2日 星期五",
                "第04版：要闻",
                "标题第二行"
            ]
        );
    }

    #[test]
    fn million_blank_lines_is_linear() {
        let s = "\n".repeat(1_000_000) + "甲";
        assert_eq!(texts(&s), ["甲"]);
    }
}

//! Article layout: one article laid out as visual lines for a given text
//! column width and options. `wrap_cache.rs` keeps the results, so this
//! runs once per (article, width, options), never per frame.
//!
//! Every text field goes through `text::wrap`; lines refer back to their
//! source by (block, byte range), which is also what the reading anchor
//! stores, so positions survive re-wrapping.

use crate::model::Article;
use crate::text::balance::wrap_balanced;
use crate::text::punct::fullwidth_substitutions;
use crate::text::width::AmbiguousWidth;
use crate::text::wrap::{HANGING_ROOM, LineBreakRule, WrapOptions, wrap};
use std::ops::Range;

/// First-line indent of a body paragraph: two full-width spaces.
pub const PARA_INDENT: usize = 4;

/// A source text of an article, in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockRef {
    /// 引题.
    Kicker,
    /// 主题.
    Title,
    /// 副题.
    Subtitle,
    /// The byline.
    Byline,
    /// The dateline (only when the lead does not already open with it).
    Dateline,
    /// Body paragraph `i`.
    Para(usize),
    /// Photo caption `i`.
    Caption(usize),
    /// Jump line `i`.
    Jump(usize),
}

impl BlockRef {
    /// The block's text in `article` (empty if the index is stale).
    pub fn text(self, article: &Article) -> &str {
        fn opt(o: &Option<String>) -> &str {
            o.as_deref().unwrap_or("")
        }
        match self {
            BlockRef::Kicker => opt(&article.kicker),
            BlockRef::Title => opt(&article.title),
            BlockRef::Subtitle => opt(&article.subtitle),
            BlockRef::Byline => opt(&article.byline),
            BlockRef::Dateline => opt(&article.dateline),
            BlockRef::Para(i) => article.paragraphs.get(i).map_or("", String::as_str),
            BlockRef::Caption(i) => article.captions.get(i).map_or("", String::as_str),
            BlockRef::Jump(i) => article.jumps.get(i).map_or("", |j| j.text.as_str()),
        }
    }

    /// How lines of this block are placed in the column.
    pub fn align(self) -> Align {
        match self {
            BlockRef::Kicker | BlockRef::Title | BlockRef::Subtitle => Align::Center,
            BlockRef::Jump(_) => Align::Right,
            _ => Align::Left,
        }
    }
}

/// Horizontal placement of a line in the text column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left (after the indent).
    Left,
    /// Centered (headlines).
    Center,
    /// Flush right (jump notes).
    Right,
}

/// One visual line of the laid-out article. `block == None` is a blank line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayoutLine {
    /// Index into `ArticleLayout::blocks`, or `None` for a spacer.
    pub block: Option<usize>,
    /// Byte range of the block text.
    pub range: Range<usize>,
    /// Display width of the text (substitutions included).
    pub width: usize,
    /// Leading indent in columns.
    pub indent: usize,
}

/// Everything the layout depends on besides the article: the cache key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LayoutKey {
    /// Article index in the issue.
    pub article: usize,
    /// Text column width.
    pub width: usize,
    /// Line-breaking rule.
    pub rule: LineBreakRule,
    /// Ambiguous-width setting.
    pub ambiguous: AmbiguousWidth,
    /// Punctuation display on.
    pub punct: bool,
    /// Blank line between paragraphs.
    pub spacing: bool,
    /// Headlines break between jieba's words (once it is loaded).
    pub words: bool,
}

/// A laid-out article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLayout {
    /// What this layout was built for.
    pub key: LayoutKey,
    /// The source blocks, in order.
    pub blocks: Vec<BlockRef>,
    /// Display substitutions per block (byte offset → char), empty when
    /// punctuation display is off.
    pub subs: Vec<Vec<(usize, char)>>,
    /// The visual lines.
    pub lines: Vec<LayoutLine>,
}

impl ArticleLayout {
    /// Lay out `article` for `key`.
    pub fn build(article: &Article, key: LayoutKey) -> ArticleLayout {
        let width = key.width.max(2);
        let mut blocks = Vec::new();
        let mut lines = Vec::new();
        let mut subs = Vec::new();
        let mut add = |block: BlockRef, indent: usize, lines: &mut Vec<LayoutLine>| {
            let text = block.text(article);
            if text.is_empty() {
                return false;
            }
            let opts = WrapOptions {
                width,
                indent,
                rule: key.rule,
                ambiguous: key.ambiguous,
                display_punct: key.punct,
                // Flush-left text lets a closing mark hang into the margin
                // the text column keeps for it (`ui::layout`).
                overhang: if block.align() == Align::Left {
                    HANGING_ROOM
                } else {
                    0
                },
            };
            let idx = blocks.len();
            blocks.push(block);
            subs.push(if key.punct {
                fullwidth_substitutions(text)
            } else {
                Vec::new()
            });
            let visual = if block.align() == Align::Center {
                let jieba = crate::search::words::loaded_jieba().filter(|_| key.words);
                let words = jieba.map(|j| crate::search::words::word_starts(j, text));
                wrap_balanced(text, &opts, words.as_deref())
            } else {
                wrap(text, &opts)
            };
            for v in visual {
                lines.push(LayoutLine {
                    block: Some(idx),
                    range: v.range,
                    width: v.width,
                    indent: v.indent,
                });
            }
            true
        };
        let blank = |lines: &mut Vec<LayoutLine>| {
            lines.push(LayoutLine {
                block: None,
                range: 0..0,
                width: 0,
                indent: 0,
            })
        };

        let mut head = false;
        for b in [BlockRef::Kicker, BlockRef::Title, BlockRef::Subtitle] {
            head |= add(b, 0, &mut lines);
        }
        if head {
            blank(&mut lines);
        }
        let mut meta = add(BlockRef::Byline, 0, &mut lines);
        let lead = article.paragraphs.first().map_or("", String::as_str);
        let dateline_in_lead = article
            .dateline
            .as_deref()
            .is_some_and(|d| lead.starts_with(d));
        if !dateline_in_lead {
            meta |= add(BlockRef::Dateline, 0, &mut lines);
        }
        if meta {
            blank(&mut lines);
        }
        for i in 0..article.paragraphs.len() {
            if i > 0 && key.spacing {
                blank(&mut lines);
            }
            add(BlockRef::Para(i), PARA_INDENT, &mut lines);
        }
        for i in 0..article.captions.len() {
            blank(&mut lines);
            add(BlockRef::Caption(i), 0, &mut lines);
        }
        if !article.jumps.is_empty() {
            blank(&mut lines);
        }
        for i in 0..article.jumps.len() {
            add(BlockRef::Jump(i), 0, &mut lines);
        }
        ArticleLayout {
            key,
            blocks,
            subs,
            lines,
        }
    }

    /// The display text of `line`: control characters dropped, display
    /// substitutions applied. Empty for spacers.
    pub fn display_text(&self, article: &Article, line: &LayoutLine) -> String {
        let Some(b) = line.block else {
            return String::new();
        };
        let (Some(block), Some(subs)) = (self.blocks.get(b), self.subs.get(b)) else {
            return String::new();
        };
        let text = block.text(article);
        let Some(slice) = text.get(line.range.clone()) else {
            return String::new();
        };
        // The wrapper may leave hanging break spaces at the end of a line's
        // range; they are not drawn (`width` excludes them too).
        let slice = slice.trim_end_matches(char::is_whitespace);
        let start = subs.partition_point(|(off, _)| *off < line.range.start);
        let mut subs = subs[start..].iter().peekable();
        let mut out = String::with_capacity(slice.len());
        for (i, c) in slice.char_indices() {
            let at = line.range.start + i;
            while subs.peek().is_some_and(|(off, _)| *off < at) {
                subs.next();
            }
            let shown = match subs.peek() {
                Some(&&(off, r)) if off == at => r,
                _ => c,
            };
            // Defence in depth: the loader strips controls, but the
            // renderer must never emit one to the terminal.
            if !shown.is_control() {
                out.push(shown);
            }
        }
        out
    }

    /// The visual line holding `anchor` (last line starting at or before it
    /// in that block; the block's first line if the byte is out of range).
    pub fn locate(&self, anchor: Anchor) -> usize {
        let mut found = None;
        for (i, l) in self.lines.iter().enumerate() {
            if l.block == Some(anchor.block) {
                if found.is_none() || l.range.start <= anchor.byte {
                    found = Some(i);
                }
                if l.range.start > anchor.byte {
                    break;
                }
            } else if found.is_some() {
                break;
            }
        }
        found.unwrap_or(0)
    }

    /// The anchor for a top line: the first text line at or after `top`.
    pub fn anchor_at(&self, top: usize) -> Anchor {
        self.lines
            .iter()
            .skip(top)
            .chain(self.lines.iter().take(top).rev())
            .find_map(|l| {
                l.block.map(|block| Anchor {
                    block,
                    byte: l.range.start,
                })
            })
            .unwrap_or_default()
    }
}

/// A reading position that does not depend on the wrap width: a block
/// (headline field, paragraph…) and a byte offset in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Anchor {
    /// Index into the layout's blocks (same for every width: block order
    /// depends only on the article and spacing-independent fields).
    pub block: usize,
    /// Byte offset in the block text.
    pub byte: usize,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A layout key for article 0 at `width`, basic rules.
    pub(crate) fn key(width: usize) -> LayoutKey {
        LayoutKey {
            article: 0,
            width,
            rule: LineBreakRule::Basic,
            ambiguous: AmbiguousWidth::Narrow,
            punct: true,
            spacing: true,
            words: false,
        }
    }

    fn article() -> Article {
        Article {
            title: Some("标题".into()),
            dateline: Some("本报讯".into()),
            paragraphs: vec!["本报讯 第一段。".repeat(5), "第二段文字。".repeat(8)],
            jumps: vec![crate::model::Jump {
                text: "（下转第2版）".into(),
                direction: crate::model::JumpDirection::To,
                page: "2".into(),
            }],
            ..Article::default()
        }
    }

    #[test]
    fn blocks_in_reading_order_and_dateline_not_repeated() {
        let l = ArticleLayout::build(&article(), key(20));
        assert_eq!(
            l.blocks,
            vec![
                BlockRef::Title,
                BlockRef::Para(0),
                BlockRef::Para(1),
                BlockRef::Jump(0)
            ]
        );
        // First body line carries the two-full-width-space indent.
        let first_body = l.lines.iter().find(|x| x.block == Some(1)).expect("body");
        assert_eq!(first_body.indent, PARA_INDENT);
        // Within the measure, but for a closing mark hanging past it.
        assert!(
            l.lines
                .iter()
                .all(|x| x.width + x.indent <= 20 + HANGING_ROOM)
        );
    }

    #[test]
    fn anchor_survives_rewrap() {
        let a = article();
        let narrow = ArticleLayout::build(&a, key(12));
        let top = narrow
            .lines
            .iter()
            .position(|x| x.block == Some(2) && x.range.start > 0)
            .expect("a later line of paragraph 2");
        let anchor = narrow.anchor_at(top);
        for w in [8, 16, 30, 60] {
            let wide = ArticleLayout::build(&a, key(w));
            let line = &wide.lines[wide.locate(anchor)];
            assert_eq!(line.block, Some(anchor.block));
            assert!(line.range.start <= anchor.byte && anchor.byte < line.range.end);
        }
    }

    #[test]
    fn display_text_applies_substitutions_and_drops_controls() {
        let a = Article {
            paragraphs: vec!["甲,乙\u{1b}丙;丁".into()],
            ..Article::default()
        };
        let mut l = ArticleLayout::build(&a, key(40));
        // Substitutions come from `text::punct`; inject them so this test
        // does not depend on that module's rules.
        l.subs[0] = vec![(3, '，'), (11, '；')];
        let line = l.lines[0].clone();
        assert_eq!(l.display_text(&a, &line), "甲，乙丙；丁");
        l.subs[0].clear();
        assert_eq!(l.display_text(&a, &line), "甲,乙丙;丁");
    }
}

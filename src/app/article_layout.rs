//! Article layout: one article laid out as visual lines for a given text
//! column width and options. `wrap_cache.rs` keeps the results, so this
//! runs once per (article, width, options), never per frame.
//!
//! Every text field goes through `text::wrap`; lines refer back to their
//! source by (block, byte range), which is also what the reading anchor
//! stores, so positions survive re-wrapping.
//!
//! A huge paragraph (`text::chunks`: a one-line file of hundreds of MB)
//! is wrapped only in a [`Window`] of chunks around the reading anchor,
//! so a layout costs a few screens whatever the paragraph's length; the
//! lines outside are estimated ([`ArticleLayout::gaps`]) for the
//! position, and `ReaderView::sync` moves the window as the anchor moves.

pub use super::blocks::{Align, BlockRef, PARA_INDENT};
use super::blocks::{chunks_of, plan};
use crate::model::Article;
use crate::text::balance::wrap_balanced;
use crate::text::chunks::wrap_window;
use crate::text::punct::fullwidth_substitutions;
use crate::text::width::AmbiguousWidth;
use crate::text::wrap::{HANGING_ROOM, LineBreakRule, WrapOptions, wrap};
use std::ops::Range;

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

/// Which chunks of each huge paragraph a layout wraps (`text::chunks`):
/// (block index, chunk range), empty for an article of ordinary
/// paragraphs. Part of the wrap-cache key beside [`LayoutKey`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Window(pub Vec<(usize, Range<usize>)>);

/// Chunks wrapped on either side of the one holding the reading anchor:
/// two chunks are some hundred lines, more than a page of any terminal,
/// so a page turn never leaves the wrapped lines before `sync` moves the
/// window along.
pub const WINDOW_RADIUS: usize = 2;

/// A laid-out article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleLayout {
    /// What this layout was built for.
    pub key: LayoutKey,
    /// The chunks of huge paragraphs it holds.
    pub window: Window,
    /// The source blocks, in order.
    pub blocks: Vec<BlockRef>,
    /// Display substitutions per block (byte offset → char), empty when
    /// punctuation display is off (for a huge paragraph: of its window).
    pub subs: Vec<Vec<(usize, char)>>,
    /// The visual lines.
    pub lines: Vec<LayoutLine>,
    /// Lines of huge paragraphs left unwrapped outside the window, as
    /// (index of the line they come before, estimated count): what the
    /// position in the article counts, so percentages stay right.
    pub gaps: Vec<(usize, usize)>,
}

impl ArticleLayout {
    /// Lay out `article` for `key` from its start.
    pub fn build(article: &Article, key: LayoutKey) -> ArticleLayout {
        ArticleLayout::build_at(article, key, Anchor::default())
    }

    /// Lay out `article` for `key` with the window around `at`.
    pub fn build_at(article: &Article, key: LayoutKey, at: Anchor) -> ArticleLayout {
        ArticleLayout::build_window(article, key, ArticleLayout::window(article, key, at))
    }

    /// The window for reading at `at`: around the anchor in its paragraph,
    /// the end of huge paragraphs before it, the start of those after. A
    /// local computation (no wrapping), so `sync` asks it every step.
    pub fn window(article: &Article, key: LayoutKey, at: Anchor) -> Window {
        let width = key.width.max(2);
        let blocks = plan(article, key.spacing).into_iter().flatten();
        let mut out = Vec::new();
        for (idx, (block, _)) in blocks.enumerate() {
            let Some(ch) = chunks_of(article, block, width) else {
                continue;
            };
            let n = ch.count();
            let center = match idx.cmp(&at.block) {
                std::cmp::Ordering::Less => n - 1,
                std::cmp::Ordering::Equal => ch.index_of(at.byte),
                std::cmp::Ordering::Greater => 0,
            };
            let r = center.saturating_sub(WINDOW_RADIUS)..(center + WINDOW_RADIUS + 1).min(n);
            out.push((idx, r));
        }
        Window(out)
    }

    /// Lay out `article` for `key`, huge paragraphs only within `window`.
    pub fn build_window(article: &Article, key: LayoutKey, window: Window) -> ArticleLayout {
        let width = key.width.max(2);
        let mut blocks = Vec::new();
        let mut lines = Vec::new();
        let mut subs = Vec::new();
        let mut gaps = Vec::new();
        for item in plan(article, key.spacing) {
            let Some((block, indent)) = item else {
                lines.push(LayoutLine {
                    block: None,
                    range: 0..0,
                    width: 0,
                    indent: 0,
                });
                continue;
            };
            let text = block.text(article);
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
            // A huge paragraph the window does not name gets its start.
            let chunked = chunks_of(article, block, width).map(|ch| {
                let named = window.0.iter().find(|(b, _)| *b == idx);
                let r = named.map_or(0..(WINDOW_RADIUS + 1).min(ch.count()), |w| w.1.clone());
                (ch, r)
            });
            let (visual, block_subs) = if let Some((ch, r)) = chunked {
                let (visual, block_subs, before, after) = wrap_window(text, &ch, r, &opts);
                let n = lines.len();
                gaps.extend(
                    [(n, before), (n + visual.len(), after)]
                        .into_iter()
                        .filter(|g| g.1 > 0),
                );
                (visual, block_subs)
            } else {
                let visual = if block.align() == Align::Center {
                    let jieba = crate::search::words::loaded_jieba().filter(|_| key.words);
                    let words = jieba.map(|j| crate::search::words::word_starts(j, text));
                    wrap_balanced(text, &opts, words.as_deref())
                } else {
                    wrap(text, &opts)
                };
                let s = if key.punct {
                    fullwidth_substitutions(text)
                } else {
                    Vec::new()
                };
                (visual, s)
            };
            subs.push(block_subs);
            lines.extend(visual.into_iter().map(|v| LayoutLine {
                block: Some(idx),
                range: v.range,
                width: v.width,
                indent: v.indent,
            }));
        }
        ArticleLayout {
            key,
            window,
            blocks,
            subs,
            lines,
            gaps,
        }
    }

    /// Line `i` counted with the lines of the gaps before it.
    pub fn virtual_line(&self, i: usize) -> usize {
        i + self
            .gaps
            .iter()
            .filter(|(at, _)| *at <= i)
            .map(|g| g.1)
            .sum::<usize>()
    }

    /// All the article's lines, the unwrapped ones estimated.
    pub fn virtual_len(&self) -> usize {
        self.virtual_line(self.lines.len())
    }

    /// Whether unwrapped lines come after line `line` (so the article does
    /// not end on the page that starts there).
    pub fn elided_after(&self, line: usize) -> bool {
        self.gaps.iter().any(|(at, _)| *at > line)
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

//! The blocks of an article — headline fields, byline, body paragraphs,
//! captions, jump notes — in the order `article_layout` lays them out,
//! with how each is placed, and which of them are huge enough to be
//! wrapped in chunks (`text::chunks`).

use crate::model::Article;
use crate::text::chunks::Chunks;

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

/// The blocks of `article` in reading order with their first-line indent,
/// `None` for a blank line between them.
pub(super) fn plan(article: &Article, spacing: bool) -> Vec<Option<(BlockRef, usize)>> {
    let mut out = Vec::new();
    let add = |out: &mut Vec<_>, block: BlockRef, indent: usize| {
        let some = !block.text(article).is_empty();
        if some {
            out.push(Some((block, indent)));
        }
        some
    };
    let mut head = false;
    for b in [BlockRef::Kicker, BlockRef::Title, BlockRef::Subtitle] {
        head |= add(&mut out, b, 0);
    }
    if head {
        out.push(None);
    }
    let mut meta = add(&mut out, BlockRef::Byline, 0);
    let lead = article.paragraphs.first().map_or("", String::as_str);
    let dateline_in_lead = article
        .dateline
        .as_deref()
        .is_some_and(|d| lead.starts_with(d));
    if !dateline_in_lead {
        meta |= add(&mut out, BlockRef::Dateline, 0);
    }
    if meta {
        out.push(None);
    }
    for i in 0..article.paragraphs.len() {
        if i > 0 && spacing {
            out.push(None);
        }
        add(&mut out, BlockRef::Para(i), PARA_INDENT);
    }
    for i in 0..article.captions.len() {
        out.push(None);
        add(&mut out, BlockRef::Caption(i), 0);
    }
    if !article.jumps.is_empty() {
        out.push(None);
    }
    for i in 0..article.jumps.len() {
        add(&mut out, BlockRef::Jump(i), 0);
    }
    out
}

/// The chunks of body paragraph `block` (only body text is chunked: a
/// headline is balanced as a whole).
pub(super) fn chunks_of<'a>(
    article: &'a Article,
    block: BlockRef,
    width: usize,
) -> Option<Chunks<'a>> {
    matches!(block, BlockRef::Para(_))
        .then(|| Chunks::new(block.text(article), width))
        .flatten()
}

//! One block → what it is, judged on the block alone. How blocks group into
//! articles (headline groups, page-break joins) is `assemble`'s job.

use super::blocks::Block;
use super::names::{parse_bracketed_byline, parse_byline, parse_embedded};
use super::patterns;
use super::rules::{
    CAPTION_STARTS, CREDIT_LABELS, END_MARKS, HEADLINE_FORBIDDEN_ENDS, HEADLINE_MAX_CHARS,
    Prefixes, SUBHEAD_MAX_CHARS, SUBHEAD_STARTS, more_chars_than,
};
use crate::model::{Jump, Masthead};
use std::borrow::Cow;
use std::sync::LazyLock;

static CAPTIONS: LazyLock<Prefixes> = LazyLock::new(|| Prefixes::new(CAPTION_STARTS));
static CREDITS: LazyLock<Prefixes> = LazyLock::new(|| Prefixes::new(CREDIT_LABELS));
static SUBHEADS: LazyLock<Prefixes> = LazyLock::new(|| Prefixes::new(SUBHEAD_STARTS));

/// What a block is. Rare, bulky payloads are boxed: a `Vec<Kind>` holds
/// one per block of the file, so the enum's size is paid per block. Texts
/// are still the block's (`Cow`: borrowed from the file's text for a
/// one-line block); they are copied once, into the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind<'a> {
    /// `■本报记者 罗文鹏`: byline text (marker removed) and authors.
    Byline {
        byline: String,
        authors: Vec<String>,
    },
    /// `（本报记者 张三）` on its own after the body: the article's byline,
    /// but not the start of an article.
    TrailingByline {
        byline: String,
        authors: Vec<String>,
    },
    /// A photo caption (text as written, `▲` kept).
    Caption(Cow<'a, str>),
    /// A block that is only a jump line.
    Jump(Box<Jump>),
    /// `责任编辑：… 版式：…`.
    Credits(Cow<'a, str>),
    /// A masthead-shaped line (paper, date, page).
    Masthead(Box<Masthead>),
    /// Body text (or, if short, a headline candidate).
    Paragraph(Para<'a>),
}

/// The dateline a lead opens with, and the authors of its embedded byline.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lead {
    /// `本报讯`, `新华社北京7月1日电`.
    pub dateline: String,
    /// Authors from `（记者 张三）` right after the dateline.
    pub embedded_authors: Vec<String>,
}

/// A paragraph block with what was found at its edges.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Para<'a> {
    /// The text, jump lines removed.
    pub text: Cow<'a, str>,
    /// Its dateline, if it is a lead.
    pub lead: Option<Box<Lead>>,
    /// `（上接第1版）` at its start.
    pub jump_in: Option<Box<Jump>>,
    /// `（下转第2版）` at its end.
    pub jump_out: Option<Box<Jump>>,
}

impl Para<'_> {
    /// A subhead inside an article (`■链接`, `一、加强组织领导`): short and
    /// opening with a subhead marker. It is not a sentence cut by a break.
    pub fn is_subhead(&self) -> bool {
        SUBHEADS.any(&self.text) && !more_chars_than(&self.text, SUBHEAD_MAX_CHARS)
    }

    /// Could this block be part of a headline group? Short, not a sentence,
    /// not a lead, no jump lines.
    pub fn is_headline_shaped(&self) -> bool {
        self.lead.is_none()
            && self.jump_in.is_none()
            && self.jump_out.is_none()
            && !self.text.ends_with(HEADLINE_FORBIDDEN_ENDS)
            && !END_MARKS.contains(&&*self.text)
            && !more_chars_than(&self.text, HEADLINE_MAX_CHARS)
    }
}

/// `责任编辑：张三 …`, possibly in brackets.
fn is_credits(text: &str) -> bool {
    if text.len() > 480 {
        return false;
    }
    let t = text.trim_start_matches(['（', '(']);
    let t = t.strip_prefix("本版").unwrap_or(t);
    CREDITS
        .of(t)
        .any(|label| t[label.len()..].trim_start().starts_with([':', '：']))
        && !more_chars_than(text, 120)
}

fn is_caption(text: &str) -> bool {
    CAPTIONS.any(text) || patterns::ends_with_photo_credit(text)
}

/// Classify one block, taking its text (no copy for the common kinds).
pub fn classify(block: Block<'_>) -> Kind<'_> {
    let Block { text, byline, .. } = block;
    if let Some((byline, authors)) = byline.or_else(|| parse_byline(&text)) {
        return Kind::Byline { byline, authors };
    }
    if let Some((byline, authors)) = parse_bracketed_byline(&text) {
        return Kind::TrailingByline { byline, authors };
    }
    if let Some(jump) = patterns::jump_whole(&text) {
        return Kind::Jump(Box::new(jump));
    }
    if is_credits(&text) {
        return Kind::Credits(text);
    }
    if is_caption(&text) {
        return Kind::Caption(text);
    }
    if let Some(m) = patterns::masthead(&text) {
        return Kind::Masthead(Box::new(m));
    }
    let mut para = Para::default();
    let (mut start, mut end) = (0, text.len());
    if let Some((jump, rest)) = patterns::jump_at_end(&text) {
        para.jump_out = Some(Box::new(jump));
        end = rest.len();
    }
    if let Some((jump, rest)) = patterns::jump_at_start(&text[..end]) {
        para.jump_in = Some(Box::new(jump));
        start = end - rest.len();
    }
    let body = &text[start..end];
    if let Some(tag) = patterns::dateline(body) {
        let embedded_authors = patterns::embedded_bracket(&body[tag.len()..])
            .and_then(parse_embedded)
            .unwrap_or_default();
        para.lead = Some(Box::new(Lead {
            dateline: tag.to_owned(),
            embedded_authors,
        }));
    }
    para.text = cut(text, start, end);
    Kind::Paragraph(para)
}

/// `text[start..end]`, still borrowed if `text` was; an owned text is cut
/// in place.
fn cut(text: Cow<'_, str>, start: usize, end: usize) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(t) => Cow::Borrowed(&t[start..end]),
        Cow::Owned(mut t) => {
            t.truncate(end);
            t.drain(..start);
            Cow::Owned(t)
        }
    }
}

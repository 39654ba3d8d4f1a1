//! One block → what it is, judged on the block alone. How blocks group into
//! articles (headline groups, page-break joins) is `assemble`'s job.

use super::blocks::Block;
use super::names::{parse_bracketed_byline, parse_byline, parse_embedded};
use super::patterns;
use super::rules::{
    CAPTION_STARTS, CREDIT_LABELS, END_MARKS, HEADLINE_FORBIDDEN_ENDS, HEADLINE_MAX_CHARS,
    SUBHEAD_MAX_CHARS, SUBHEAD_STARTS,
};
use crate::model::{Jump, Masthead};

/// What a block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
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
    Caption(String),
    /// A block that is only a jump line.
    Jump(Jump),
    /// `责任编辑：… 版式：…`.
    Credits(String),
    /// A masthead-shaped line (paper, date, page).
    Masthead(Masthead),
    /// Body text (or, if short, a headline candidate).
    Paragraph(Para),
}

/// A paragraph block with what was found at its edges.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Para {
    /// The text, jump lines removed.
    pub text: String,
    /// The dateline it opens with, if it is a lead.
    pub dateline: Option<String>,
    /// Authors from an embedded byline in the lead.
    pub embedded_authors: Vec<String>,
    /// `（上接第1版）` at its start.
    pub jump_in: Option<Jump>,
    /// `（下转第2版）` at its end.
    pub jump_out: Option<Jump>,
}

impl Para {
    /// A subhead inside an article (`■链接`, `一、加强组织领导`): short and
    /// opening with a subhead marker. It is not a sentence cut by a break.
    pub fn is_subhead(&self) -> bool {
        SUBHEAD_STARTS.iter().any(|s| self.text.starts_with(s))
            && self.text.chars().nth(SUBHEAD_MAX_CHARS).is_none()
    }
}

impl Para {
    /// Could this block be part of a headline group? Short, not a sentence,
    /// not a lead, no jump lines.
    pub fn is_headline_shaped(&self) -> bool {
        self.dateline.is_none()
            && self.jump_in.is_none()
            && self.jump_out.is_none()
            && !self.text.ends_with(HEADLINE_FORBIDDEN_ENDS)
            && !END_MARKS.contains(&self.text.as_str())
            && self.text.chars().nth(HEADLINE_MAX_CHARS).is_none()
    }
}

/// `责任编辑：张三 …`, possibly in brackets.
fn is_credits(text: &str) -> bool {
    let t = text.trim_start_matches(['（', '(']);
    let t = t.strip_prefix("本版").unwrap_or(t);
    CREDIT_LABELS.iter().any(|label| {
        t.strip_prefix(label)
            .is_some_and(|rest| rest.trim_start().starts_with([':', '：']))
    }) && text.chars().nth(120).is_none()
}

fn is_caption(text: &str) -> bool {
    CAPTION_STARTS.iter().any(|s| text.starts_with(s)) || patterns::ends_with_photo_credit(text)
}

/// Classify one block.
pub fn classify(block: &Block) -> Kind {
    let text = block.text.as_str();
    if let Some((byline, authors)) = parse_byline(text) {
        return Kind::Byline { byline, authors };
    }
    if let Some((byline, authors)) = parse_bracketed_byline(text) {
        return Kind::TrailingByline { byline, authors };
    }
    if let Some(jump) = patterns::jump_whole(text) {
        return Kind::Jump(jump);
    }
    if is_credits(text) {
        return Kind::Credits(text.to_owned());
    }
    if is_caption(text) {
        return Kind::Caption(text.to_owned());
    }
    if let Some(m) = patterns::masthead(text) {
        return Kind::Masthead(m);
    }
    let mut para = Para::default();
    let mut body = text;
    if let Some((jump, rest)) = patterns::jump_at_end(body) {
        para.jump_out = Some(jump);
        body = rest;
    }
    if let Some((jump, rest)) = patterns::jump_at_start(body) {
        para.jump_in = Some(jump);
        body = rest;
    }
    if let Some(tag) = patterns::dateline(body) {
        para.dateline = Some(tag.to_owned());
        if let Some(inner) = patterns::embedded_bracket(&body[tag.len()..]) {
            para.embedded_authors = parse_embedded(inner).unwrap_or_default();
        }
    }
    para.text = body.to_owned();
    Kind::Paragraph(para)
}

//! A body unit → what part of its article it is: a byline, a trailing
//! credit, an editors' line, a caption, a jump line or a paragraph (with
//! the dateline it opens with and the jump lines at its ends). Judged on
//! the unit alone; the segmentation already said it is body.

use super::names::parse_embedded;
use super::patterns;
use super::shapes::{Byline, Shape, find_byline, lead_dateline};
use super::words::GRAPHIC_LABELS;
use crate::model::Jump;
use std::borrow::Cow;

/// One part of an article's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part<'a> {
    /// `■本报记者 罗文鹏`: the byline text (marker removed) and authors.
    Byline(String, Vec<String>),
    /// `（本报记者…报道）`: a trailing credit, if it ends the article.
    Credit(Cow<'a, str>),
    /// `责任编辑：…`: the credits.
    Editors(Cow<'a, str>),
    /// A caption, a photo credit or a graphic credit (`制图：蔡华伟`).
    Caption(Cow<'a, str>),
    /// A line that is only a jump line.
    Jump(Jump),
    /// Body text.
    Paragraph(Para<'a>),
}

/// A paragraph with what was found at its edges.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Para<'a> {
    /// The text, jump lines removed.
    pub text: Cow<'a, str>,
    /// The dateline it opens with, if it is a lead.
    pub dateline: Option<String>,
    /// Authors of `（记者 张三）` right after the dateline.
    pub embedded: Vec<String>,
    /// `（上接第1版）` at its start.
    pub jump_in: Option<Jump>,
    /// `（下转第2版）` at its end.
    pub jump_out: Option<Jump>,
}

/// `text[start..end]`, still borrowed if `text` was.
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

/// What the body unit `text` (with its shape, and its byline parse if the
/// shape made one) is.
pub fn part<'a>(text: Cow<'a, str>, shape: &Shape, byline: Option<Byline>) -> Part<'a> {
    if shape.byline {
        if let Some((byline, authors)) = byline.or_else(|| find_byline(&text)) {
            return Part::Byline(byline.unwrap_or_else(|| text.into_owned()), authors);
        }
    }
    if shape.jump {
        if let Some(jump) = patterns::jump_whole(&text) {
            return Part::Jump(jump);
        }
    }
    if shape.trailing {
        return Part::Credit(text);
    }
    // The shape's `editors` is `is_editors` of this same text.
    if shape.editors {
        let bare = text.trim_start_matches(['（', '(']);
        let bare = bare.strip_prefix("本版").unwrap_or(bare);
        let graphic = GRAPHIC_LABELS.iter().any(|l| bare.starts_with(l));
        return if graphic {
            Part::Caption(text)
        } else {
            Part::Editors(text)
        };
    }
    if shape.caption || shape.art_credit {
        return Part::Caption(text);
    }
    let mut para = Para::default();
    let (mut start, mut end) = (0, text.len());
    if shape.jump {
        if let Some((jump, rest)) = patterns::jump_at_end(&text) {
            para.jump_out = Some(jump);
            end = rest.len();
        }
        if let Some((jump, rest)) = patterns::jump_at_start(&text[..end]) {
            para.jump_in = Some(jump);
            start = end - rest.len();
        }
    }
    let body = &text[start..end];
    // A jump line cut off the start can uncover a dateline the shape did
    // not see.
    let maybe_lead = shape.dateline || start > 0;
    if let Some(tag) = maybe_lead.then(|| lead_dateline(body)).flatten() {
        let after = &body[tag.len()..];
        para.embedded = patterns::embedded_bracket(after)
            .and_then(parse_embedded)
            .unwrap_or_default();
        para.dateline = Some(tag.to_owned());
    }
    para.text = cut(text, start, end);
    Part::Paragraph(para)
}

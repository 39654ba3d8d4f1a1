//! Labels → an [`Issue`]: top lines become the masthead and chrome, each
//! deck opens an article, body units become its parts (`parts`), and
//! paragraphs cut by a column or page break are joined again.

use super::masthead::masthead as parse_masthead;
use super::names::credit_authors;
use super::parts::{Para, Part, part};
use super::rules::{CLOSERS, SENTENCE_ENDS};
use super::segment::Label;
use super::shapes::{Byline, Shape};
use super::units::Unit;
use crate::model::{Article, Encoding, Issue, Masthead};

/// Subheads are short: at most this many characters.
const SUBHEAD_MAX_CHARS: usize = 30;

/// Accumulates one article's body, in order.
#[derive(Default)]
struct ArticleBuilder<'a> {
    article: Article,
    embedded: Vec<String>,
    credit_authors: Vec<String>,
    /// A trailing-credit-shaped line not yet known to end the article: it
    /// does if nothing but captions and jumps follow it, else it was a
    /// paragraph.
    pending: Option<std::borrow::Cow<'a, str>>,
    /// The last paragraph ended mid-sentence: the next one continues it.
    open_end: bool,
}

impl<'a> ArticleBuilder<'a> {
    fn is_empty(&self) -> bool {
        self.article == Article::default() && self.pending.is_none()
    }

    /// A paragraph comes: a pending credit was a paragraph after all.
    fn settle_pending_as_paragraph(&mut self) {
        if let Some(text) = self.pending.take() {
            self.article.paragraphs.push(text.into_owned());
            self.open_end = false;
        }
    }

    fn push_para(&mut self, p: Para<'a>, shape: &Shape) {
        // An end mark (`（完）`) after a trailing credit ends the article
        // too: the credit still ends it.
        if !shape.end_mark {
            self.settle_pending_as_paragraph();
        }
        let headline_shaped =
            shape.chars <= SUBHEAD_MAX_CHARS && !shape.ends_sentence && !shape.ends_open;
        let subhead = headline_shaped
            && p.dateline.is_none()
            && p.jump_out.is_none()
            && (shape.subhead_mark || shape.section_label || !self.open_end);
        let joins = self.open_end && !subhead && p.jump_in.is_none() && p.dateline.is_none();
        if let Some(tag) = p.dateline {
            if self.article.paragraphs.is_empty() && self.article.dateline.is_none() {
                self.article.dateline = Some(tag);
                self.embedded = p.embedded;
            }
        }
        self.article.jumps.extend(p.jump_in);
        // `ends_sentence`, on the one trim.
        let ended = {
            let core = super::rules::trim_end_chars(&p.text, CLOSERS);
            if core.is_empty() {
                !self.open_end
            } else {
                core.ends_with(SENTENCE_ENDS)
            }
        };
        match self.article.paragraphs.last_mut() {
            Some(last) if joins => last.push_str(&p.text),
            _ => {
                if subhead {
                    self.article.subheads.push(self.article.paragraphs.len());
                }
                self.article.paragraphs.push(p.text.into_owned());
            }
        }
        self.open_end = p.jump_out.is_none() && !subhead && !ended;
        self.article.jumps.extend(p.jump_out);
    }

    fn finish(mut self) -> Article {
        if let Some(credit) = self.pending.take() {
            if self.article.authors.is_empty() && self.article.byline.is_none() {
                self.credit_authors = credit_authors(&credit);
            }
            match self.article.credit.as_mut() {
                Some(c) => {
                    c.push(' ');
                    c.push_str(&credit);
                }
                None => self.article.credit = Some(credit.into_owned()),
            }
        }
        if self.article.authors.is_empty() {
            self.article.authors = if self.embedded.is_empty() {
                self.credit_authors
            } else {
                self.embedded
            };
        }
        self.article
    }
}

/// Builds the issue: metadata, chrome and articles.
struct IssueBuilder<'a> {
    issue: Issue,
    current: Option<ArticleBuilder<'a>>,
}

impl<'a> IssueBuilder<'a> {
    fn masthead(&mut self, m: Masthead) {
        match self.issue.masthead.as_mut() {
            Some(existing) => {
                existing.text.push(' ');
                existing.text.push_str(&m.text);
                existing.paper = existing.paper.take().or(m.paper);
                existing.date = existing.date.take().or(m.date);
                existing.page = existing.page.take().or(m.page);
            }
            None => self.issue.masthead = Some(m),
        }
    }

    /// No article has begun yet.
    fn before_articles(&self) -> bool {
        self.issue.articles.is_empty() && self.current.is_none()
    }

    fn close(&mut self) {
        if let Some(b) = self.current.take() {
            if !b.is_empty() {
                self.issue.articles.push(b.finish());
            }
        }
    }

    fn article(&mut self) -> &mut ArticleBuilder<'a> {
        self.current.get_or_insert_with(ArticleBuilder::default)
    }

    fn body(&mut self, text: std::borrow::Cow<'a, str>, shape: &Shape, byline: Option<Byline>) {
        match part(text, shape, byline) {
            Part::Byline(byline, authors) => {
                let b = self.article();
                b.settle_pending_as_paragraph();
                match b.article.byline.as_mut() {
                    Some(existing) => {
                        existing.push(' ');
                        existing.push_str(&byline);
                    }
                    None => b.article.byline = Some(byline),
                }
                b.article.authors.extend(authors);
            }
            Part::Credit(text) => {
                let b = self.article();
                b.settle_pending_as_paragraph();
                b.pending = Some(text);
                b.open_end = false;
            }
            Part::Editors(text) => match self.issue.credits.as_mut() {
                Some(existing) => {
                    existing.push(' ');
                    existing.push_str(&text);
                }
                None => self.issue.credits = Some(text.into_owned()),
            },
            Part::Caption(text) => self.article().article.captions.push(text.into_owned()),
            Part::Jump(j) => {
                let b = self.article();
                b.open_end = false;
                b.article.jumps.push(j);
            }
            Part::Paragraph(p) => self.article().push_para(p, shape),
        }
    }
}

/// Build the issue from the page's units, their shapes and labels.
pub fn assemble<'a>(
    source: &str,
    encoding: Encoding,
    units: Vec<Unit<'a>>,
    shapes: &[Shape],
    bylines: Vec<(usize, Byline)>,
    labels: &[Label],
) -> Issue {
    let mut out = IssueBuilder {
        issue: Issue {
            source: source.to_owned(),
            encoding,
            masthead: None,
            credits: None,
            chrome: Vec::new(),
            articles: Vec::new(),
        },
        current: None,
    };
    let mut before = None;
    let mut bylines = bylines.into_iter().peekable();
    for (i, ((unit, shape), &label)) in units.into_iter().zip(shapes).zip(labels).enumerate() {
        // The byline parse of this unit, if the shapes made one.
        let byline = bylines.next_if(|(at, _)| *at == i).map(|(_, b)| b);
        match label {
            // Above the first article, a masthead line is the masthead
            // whichever of the two labels it got (a site's menu above it
            // is chrome, and chrome may not go back to the top).
            Label::Top | Label::Chrome if label == Label::Top || out.before_articles() => {
                // Parsed only where the shape saw a masthead: the parse
                // allocates, and most top lines are chrome.
                match shape.masthead.then(|| parse_masthead(&unit.text)).flatten() {
                    Some(m) => out.masthead(m),
                    None => out.issue.chrome.push(unit.text.into_owned()),
                }
            }
            Label::Top | Label::Chrome => out.issue.chrome.push(unit.text.into_owned()),
            Label::Kicker | Label::Title | Label::Subtitle => {
                if label.opens_after(before) {
                    out.close();
                }
                let a = &mut out.article().article;
                let field = match label {
                    Label::Kicker => &mut a.kicker,
                    Label::Title => &mut a.title,
                    _ => &mut a.subtitle,
                };
                // A second kicker line (the grammar allows it, at a cost)
                // joins the first: nothing is dropped.
                match field {
                    Some(t) => {
                        t.push(' ');
                        t.push_str(&unit.text);
                    }
                    None => *field = Some(unit.text.into_owned()),
                }
            }
            Label::Body => out.body(unit.text, shape, byline),
        }
        before = Some(label);
    }
    out.close();
    out.issue
}

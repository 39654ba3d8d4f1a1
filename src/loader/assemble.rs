//! Classified blocks → an [`Issue`]: find article anchors (bylines, and
//! dateline leads with no byline), take the headline group standing right
//! before each anchor, give each article the blocks up to the next group,
//! and repair paragraphs cut by page breaks.

use super::blocks::for_each_block;
use super::classify::{Kind, Para, classify};
use super::rules::{
    CLOSERS, HEADLINE_MAX_BLOCKS, KICKER_ENDS, SPEECH_VERBS, ends_sentence, trim_end_chars,
};
use crate::model::{Article, Encoding, Issue, Masthead};
use std::collections::VecDeque;

/// Headline roles for a group of one to three blocks (FORMAT.md §Headline
/// group): three are kicker, title, subtitle; two are kicker + title when
/// the first introduces the second (`——`, `：`, a speech verb), else title +
/// subtitle (which also covers a second block opening with `——`).
fn headline_roles(group: impl IntoIterator<Item = String>) -> Roles {
    let mut it = group.into_iter();
    match (it.next(), it.next(), it.next()) {
        (Some(title), None, None) => (None, Some(title), None),
        (Some(first), Some(second), None) => {
            let introduces = KICKER_ENDS.iter().any(|e| first.ends_with(e))
                || SPEECH_VERBS.iter().any(|v| first.ends_with(v));
            if introduces {
                (Some(first), Some(second), None)
            } else {
                (None, Some(first), Some(second))
            }
        }
        (kicker, title, subtitle) => (kicker, title, subtitle),
    }
}

fn is_headline_candidate(kind: &Kind<'_>) -> bool {
    matches!(kind, Kind::Paragraph(p) if p.is_headline_shaped())
}

/// Is this kind an article anchor, given whether the kind before it was a
/// byline? Anchors are bylines, and dateline leads not right after a
/// byline; a byline right after a byline continues it.
fn is_anchor(kind: &Kind<'_>, after_byline: bool) -> bool {
    let anchor_kind = matches!(
        kind,
        Kind::Byline { .. } | Kind::Paragraph(Para { lead: Some(_), .. })
    );
    anchor_kind && !after_byline
}

/// How many headline-shaped blocks end `kinds` (at most a group's worth):
/// the headline group of an anchor right after them.
fn trailing_group(kinds: &[Kind<'_>]) -> usize {
    kinds
        .iter()
        .rev()
        .take(HEADLINE_MAX_BLOCKS)
        .take_while(|k| is_headline_candidate(k))
        .count()
}

/// Kicker, title, subtitle.
type Roles = (Option<String>, Option<String>, Option<String>);

/// The headline roles of a group's blocks (all paragraphs), without
/// collecting their texts first.
fn group_roles<'k>(group: impl IntoIterator<Item = Kind<'k>>) -> Roles {
    headline_roles(group.into_iter().filter_map(|k| match k {
        Kind::Paragraph(p) => Some(p.text.into_owned()),
        _ => None,
    }))
}

/// Accumulates one article's body, in order.
#[derive(Default)]
struct ArticleBuilder {
    article: Article,
    embedded_authors: Vec<String>,
    /// The last paragraph ended mid-sentence: the next paragraph block
    /// continues it (a column or page break cut it).
    open_end: bool,
    /// Whether the last paragraph's last character before any closing
    /// quotes/brackets ends a sentence. Kept so that a join never rescans
    /// the whole grown paragraph (a file of `）` blocks would go quadratic).
    core_ended: bool,
}

impl ArticleBuilder {
    fn push_para(&mut self, p: Para<'_>) {
        let subhead = p.is_subhead();
        let joins = self.open_end && !subhead && p.jump_in.is_none() && p.lead.is_none();
        if let Some(lead) = p.lead {
            if self.article.paragraphs.is_empty() {
                self.article.dateline = Some(lead.dateline);
                self.embedded_authors = lead.embedded_authors;
            }
        }
        self.article.jumps.extend(p.jump_in.map(|j| *j));
        // The sentence-end test looks only at the new text: what is before
        // its closing marks, or — if it is nothing but closing marks — at
        // what the paragraph ended with before them.
        let core = trim_end_chars(&p.text, CLOSERS);
        let core_ended = if core.is_empty() {
            joins && self.core_ended
        } else {
            ends_sentence(core)
        };
        match self.article.paragraphs.last_mut() {
            Some(last) if joins => last.push_str(&p.text),
            _ => self.article.paragraphs.push(p.text.into_owned()),
        }
        self.core_ended = core_ended;
        // After `（下转第2版）` the sentence goes on elsewhere: nothing joins.
        self.open_end = p.jump_out.is_none() && !subhead && !core_ended;
        self.article.jumps.extend(p.jump_out.map(|j| *j));
    }

    fn is_empty(&self) -> bool {
        self.article == Article::default()
    }

    fn finish(mut self) -> Article {
        if self.article.authors.is_empty() {
            self.article.authors = self.embedded_authors;
        }
        self.article
    }
}

/// Builds the issue: metadata plus articles.
struct IssueBuilder {
    issue: Issue,
}

impl IssueBuilder {
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

    /// Add a body block to article `b`.
    fn body(&mut self, b: &mut ArticleBuilder, kind: Kind<'_>) {
        match kind {
            Kind::Byline { byline, authors } | Kind::TrailingByline { byline, authors } => {
                match b.article.byline.as_mut() {
                    Some(existing) => {
                        existing.push(' ');
                        existing.push_str(&byline);
                    }
                    None => b.article.byline = Some(byline),
                }
                b.article.authors.extend(authors);
            }
            Kind::Caption(text) => b.article.captions.push(text.into_owned()),
            Kind::Jump(j) => {
                b.open_end = false;
                b.article.jumps.push(*j);
            }
            Kind::Credits(text) => match self.issue.credits.as_mut() {
                Some(existing) => {
                    existing.push(' ');
                    existing.push_str(&text);
                }
                None => self.issue.credits = Some(text.into_owned()),
            },
            Kind::Masthead(m) => self.masthead(*m),
            Kind::Paragraph(p) => b.push_para(p),
        }
    }

    fn push(&mut self, b: ArticleBuilder) {
        if !b.is_empty() {
            self.issue.articles.push(b.finish());
        }
    }
}

/// Build the issue from clean text (decoded, sanitized, LF line ends).
pub fn assemble(source: &str, encoding: Encoding, text: &str) -> Issue {
    let mut articles = Articles {
        out: IssueBuilder {
            issue: Issue {
                source: source.to_owned(),
                encoding,
                masthead: None,
                credits: None,
                chrome: Vec::new(),
                articles: Vec::new(),
            },
        },
        before: Vec::new(),
        current: None,
        group: VecDeque::new(),
        after_byline: false,
    };
    for_each_block(text, |block| articles.push(classify(block)));
    articles.finish()
}

/// Builds articles as the kinds come, one block at a time: only the kinds
/// before the first anchor and a possible headline group are held back,
/// not one `Kind` per block of the file.
///
/// For each anchor, its headline group is the (at most three) headline-
/// shaped blocks right before it, never reaching past the previous anchor;
/// the article's body is the anchor and everything after it up to the next
/// group. Before the first group: masthead lines, then an article with no
/// headline (text continued from another page).
struct Articles<'a> {
    out: IssueBuilder,
    /// Every kind before the first anchor (all of them, if none comes).
    before: Vec<Kind<'a>>,
    /// The article of the last anchor.
    current: Option<ArticleBuilder>,
    /// Headline-shaped kinds right after the current article's last body
    /// block: the next anchor's headline group, if it follows them.
    group: VecDeque<Kind<'a>>,
    /// The last kind was a byline.
    after_byline: bool,
}

impl<'a> Articles<'a> {
    fn push(&mut self, kind: Kind<'a>) {
        let anchor = is_anchor(&kind, self.after_byline);
        self.after_byline = matches!(kind, Kind::Byline { .. });
        if anchor {
            let roles = match self.current.take() {
                Some(done) => {
                    self.out.push(done);
                    group_roles(self.group.drain(..))
                }
                None => {
                    let mut before = std::mem::take(&mut self.before);
                    let group = before.split_off(before.len() - trailing_group(&before));
                    self.orphan(before);
                    group_roles(group)
                }
            };
            let mut b = ArticleBuilder::default();
            (b.article.kicker, b.article.title, b.article.subtitle) = roles;
            self.out.body(&mut b, kind);
            self.current = Some(b);
        } else if let Some(b) = self.current.as_mut() {
            if is_headline_candidate(&kind) {
                self.group.push_back(kind);
                if self.group.len() > HEADLINE_MAX_BLOCKS {
                    if let Some(oldest) = self.group.pop_front() {
                        self.out.body(b, oldest);
                    }
                }
            } else {
                for k in self.group.drain(..) {
                    self.out.body(b, k);
                }
                self.out.body(b, kind);
            }
        } else {
            self.before.push(kind);
        }
    }

    /// Kinds before the first headline group: masthead lines at the very
    /// top, then any text continued from another page (an article with no
    /// headline).
    fn orphan(&mut self, kinds: Vec<Kind<'_>>) {
        let mut orphan = ArticleBuilder::default();
        let mut at_top = true;
        for kind in kinds {
            match kind {
                Kind::Masthead(m) if at_top => self.out.masthead(*m),
                other => {
                    at_top = false;
                    self.out.body(&mut orphan, other);
                }
            }
        }
        self.out.push(orphan);
    }

    fn finish(mut self) -> Issue {
        match self.current.take() {
            Some(mut b) => {
                for k in self.group.drain(..) {
                    self.out.body(&mut b, k);
                }
                self.out.push(b);
            }
            None => {
                let kinds = std::mem::take(&mut self.before);
                self.without_anchor(kinds);
            }
        }
        self.out.issue
    }

    /// A file with no anchor at all is one article, whose leading
    /// headline-shaped blocks (after the masthead lines, and if more text
    /// follows them) are its headline.
    fn without_anchor(&mut self, mut kinds: Vec<Kind<'_>>) {
        let first = kinds
            .iter()
            .position(|k| !matches!(k, Kind::Masthead(_)))
            .unwrap_or(0);
        let mut end = first;
        while end < kinds.len()
            && end - first < HEADLINE_MAX_BLOCKS
            && is_headline_candidate(&kinds[end])
        {
            end += 1;
        }
        if end > first && end < kinds.len() {
            let body = kinds.split_off(end);
            let group = kinds.split_off(first);
            self.orphan(kinds);
            let mut b = ArticleBuilder::default();
            (b.article.kicker, b.article.title, b.article.subtitle) = group_roles(group);
            for kind in body {
                self.out.body(&mut b, kind);
            }
            self.out.push(b);
        } else {
            self.orphan(kinds);
        }
    }
}

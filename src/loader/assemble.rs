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

/// Headline roles for a group of one to three blocks (FORMAT.md §Headline
/// group): three are kicker, title, subtitle; two are kicker + title when
/// the first introduces the second (`——`, `：`, a speech verb), else title +
/// subtitle (which also covers a second block opening with `——`).
fn headline_roles(group: Vec<String>) -> (Option<String>, Option<String>, Option<String>) {
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

/// Indices of article anchors: bylines, and dateline leads not right after a
/// byline. A byline right after a byline continues it.
fn anchors(kinds: &[Kind<'_>]) -> Vec<usize> {
    (0..kinds.len())
        .filter(|&i| {
            let after_byline = i > 0 && matches!(kinds[i - 1], Kind::Byline { .. });
            let anchor_kind = matches!(
                kinds[i],
                Kind::Byline { .. } | Kind::Paragraph(Para { lead: Some(_), .. })
            );
            anchor_kind && !after_byline
        })
        .collect()
}

/// For each article, (start of its headline group, its anchor). A group
/// reaches back over at most three headline-shaped blocks, never past the
/// previous anchor. A file with no anchor at all is one article, whose
/// leading short blocks are still its headline.
fn article_starts(kinds: &[Kind<'_>]) -> Vec<(usize, usize)> {
    let anchors = anchors(kinds);
    let mut starts = Vec::with_capacity(anchors.len());
    let mut floor = 0;
    for a in anchors {
        let mut g = a;
        while g > floor && a - g < HEADLINE_MAX_BLOCKS && is_headline_candidate(&kinds[g - 1]) {
            g -= 1;
        }
        starts.push((g, a));
        floor = a + 1;
    }
    if starts.is_empty() {
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
            starts.push((first, end));
        }
    }
    starts
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
    // One small `Kind` per block; the texts stay borrowed from `text` until
    // they are moved into the articles.
    let mut kinds: Vec<Kind<'_>> = Vec::new();
    for_each_block(text, |block| kinds.push(classify(block)));
    let starts = article_starts(&kinds);
    let mut out = IssueBuilder {
        issue: Issue {
            source: source.to_owned(),
            encoding,
            masthead: None,
            credits: None,
            articles: Vec::with_capacity(starts.len() + 1),
        },
    };
    let total = kinds.len();
    let mut it = kinds.into_iter();

    // Before the first headline group: masthead lines at the very top, then
    // any text continued from another page (an article with no headline).
    let first_group = starts.first().map_or(total, |s| s.0);
    let mut orphan = ArticleBuilder::default();
    let mut at_top = true;
    for kind in it.by_ref().take(first_group) {
        match kind {
            Kind::Masthead(m) if at_top => out.masthead(*m),
            other => {
                at_top = false;
                out.body(&mut orphan, other);
            }
        }
    }
    out.push(orphan);

    for (n, &(group, anchor)) in starts.iter().enumerate() {
        let end = starts.get(n + 1).map_or(total, |s| s.0);
        let mut b = ArticleBuilder::default();
        let heads: Vec<String> = it
            .by_ref()
            .take(anchor - group)
            .filter_map(|k| match k {
                Kind::Paragraph(p) => Some(p.text.into_owned()),
                _ => None,
            })
            .collect();
        (b.article.kicker, b.article.title, b.article.subtitle) = headline_roles(heads);
        // Room for every paragraph block at once (joins only make fewer),
        // rather than a reallocation each time the list doubles.
        let body = &it.as_slice()[..end - anchor];
        let paragraphs = body
            .iter()
            .filter(|k| matches!(k, Kind::Paragraph(_)))
            .count();
        b.article.paragraphs.reserve_exact(paragraphs);
        for kind in it.by_ref().take(end - anchor) {
            out.body(&mut b, kind);
        }
        out.push(b);
    }
    out.issue
}

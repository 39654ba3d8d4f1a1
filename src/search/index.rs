//! The literal-search index: ONE folded haystack holding every searchable
//! field of every loaded article, contiguous, each field followed by a `\n`
//! (which no folded query term contains, so no hit spans two fields), plus
//! the field table and one offset map back to the original bytes.
//!
//! One contiguous buffer is what makes per-keystroke search cheap: a single
//! `memmem` pass (split over threads) instead of one call per paragraph.

use super::fold::{Folder, OffsetMap};
use crate::model::{Article, Issue};

/// Below this many bytes of paragraphs an index is built on one thread.
const PARALLEL_BUILD_MIN: usize = 8 << 20;

/// Which field of an article, in reading order (the derived `Ord` is the
/// order `n`/`N` walk in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(tag = "field", content = "index", rename_all = "lowercase")]
pub enum Field {
    /// 引题.
    Kicker,
    /// 主题.
    Title,
    /// 副题.
    Subtitle,
    /// The byline as written.
    Byline,
    /// Body paragraph `n` (0-based).
    Paragraph(u32),
    /// Caption `n` (0-based).
    Caption(u32),
}

impl Field {
    /// The text of this field in `article`, if it exists.
    pub fn text(self, article: &Article) -> Option<&str> {
        match self {
            Field::Kicker => article.kicker.as_deref(),
            Field::Title => article.title.as_deref(),
            Field::Subtitle => article.subtitle.as_deref(),
            Field::Byline => article.byline.as_deref(),
            Field::Paragraph(i) => article.paragraphs.get(i as usize).map(String::as_str),
            Field::Caption(i) => article.captions.get(i as usize).map(String::as_str),
        }
    }
}

/// Every field of `article` that search looks at, in reading order.
pub fn article_fields(article: &Article) -> impl Iterator<Item = (Field, &str)> {
    let heads = [
        (Field::Kicker, article.kicker.as_deref()),
        (Field::Title, article.title.as_deref()),
        (Field::Subtitle, article.subtitle.as_deref()),
        (Field::Byline, article.byline.as_deref()),
    ];
    heads
        .into_iter()
        .filter_map(|(f, t)| t.map(|t| (f, t)))
        .chain(
            article
                .paragraphs
                .iter()
                .enumerate()
                .map(|(i, p)| (Field::Paragraph(i as u32), p.as_str())),
        )
        .chain(
            article
                .captions
                .iter()
                .enumerate()
                .map(|(i, c)| (Field::Caption(i as u32), c.as_str())),
        )
}

/// Where an article of the index lives among the loaded issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct ArticleRef {
    /// Index into the `issues` slice the index was built from.
    pub issue: u32,
    /// Index into that issue's `articles`.
    pub article: u32,
}

/// One field's place in the haystack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpan {
    /// Folded start in the haystack.
    pub start: u32,
    /// Folded end (exclusive; the `\n` separator sits here).
    pub end: u32,
    /// The field's start in the virtual concatenation of original fields
    /// (each followed by one separator byte), the coordinate system of the
    /// offset map.
    pub orig_start: u32,
    /// Global article number (index into [`SearchIndex::articles`]).
    pub article: u32,
    /// Which field.
    pub field: Field,
}

/// The folded haystack of all loaded articles.
#[derive(Debug, Default)]
pub struct SearchIndex {
    hay: Vec<u8>,
    map: OffsetMap,
    fields: Vec<FieldSpan>,
    /// Global article number → (issue, article).
    articles: Vec<ArticleRef>,
    /// Global article number → first index into `fields`.
    article_first_field: Vec<u32>,
    /// Global article number → folded start, plus a final `hay.len()`.
    article_start: Vec<u32>,
    /// Total bytes of original field text indexed.
    orig_bytes: usize,
}

impl SearchIndex {
    /// Build the index over `issues`. Articles past 4 GB of folded text are
    /// left out (offsets are `u32` to keep the index small).
    pub fn build(issues: &[Issue]) -> SearchIndex {
        SearchIndex::build_from(issues)
    }

    /// [`SearchIndex::build`] over issues that are not in one slice (an
    /// archive's issues live in their own slots); issue `i` of the index
    /// is the `i`-th item.
    pub fn build_from<'a, I>(issues: I) -> SearchIndex
    where
        I: IntoIterator<Item = &'a Issue>,
        I::IntoIter: Clone,
    {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
        SearchIndex::build_on(issues.into_iter().collect(), threads, PARALLEL_BUILD_MIN)
    }

    /// Build on up to `threads` threads when there are at least `min`
    /// bytes of paragraphs.
    fn build_on(issues: Vec<&Issue>, threads: usize, min: usize) -> SearchIndex {
        let sizes: Vec<usize> = issues
            .iter()
            .map(|i| {
                i.articles
                    .iter()
                    .flat_map(|a| a.paragraphs.iter().map(String::len))
                    .sum()
            })
            .collect();
        let bytes: usize = sizes.iter().sum();
        if threads < 2 || bytes < min || issues.len() < 2 {
            return SearchIndex::build_serial(issues.iter().copied());
        }
        // Folding is the cost: fold runs of issues of about equal size on
        // every core, then join the parts (a copy).
        let per = bytes.div_ceil(threads);
        let mut runs: Vec<&[&Issue]> = Vec::with_capacity(threads);
        let (mut from, mut acc) = (0, 0);
        for (i, size) in sizes.iter().enumerate() {
            acc += size;
            if acc >= per {
                runs.push(&issues[from..=i]);
                (from, acc) = (i + 1, 0);
            }
        }
        if from < issues.len() {
            runs.push(&issues[from..]);
        }
        let parts: Vec<SearchIndex> = std::thread::scope(|s| {
            let handles: Vec<_> = runs
                .iter()
                .map(|run| s.spawn(move || SearchIndex::build_serial(run.iter().copied())))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join())
                .collect::<Result<_, _>>()
        })
        .unwrap_or_default();
        // A part that stopped at 4 GB holds fewer articles than its run.
        let full = parts
            .iter()
            .zip(&runs)
            .any(|(p, r)| p.articles.len() < r.iter().map(|i| i.articles.len()).sum::<usize>());
        match SearchIndex::concat(parts, &runs) {
            Some(idx) if !full => idx,
            // Past 4 GB (or a part failed): the serial build knows where to stop.
            _ => SearchIndex::build_serial(issues.iter().copied()),
        }
    }

    /// Join indexes built over consecutive runs of issues (`runs[k]` is
    /// what `parts[k]` was built from). `None` if the result would pass
    /// the `u32` offsets or a part is missing.
    fn concat(parts: Vec<SearchIndex>, runs: &[&[&Issue]]) -> Option<SearchIndex> {
        if parts.len() != runs.len() {
            return None;
        }
        let hay: usize = parts.iter().map(|p| p.hay.len()).sum();
        let orig: usize = parts.iter().map(|p| p.orig_bytes + p.fields.len()).sum();
        if hay > u32::MAX as usize || orig > u32::MAX as usize {
            return None;
        }
        // The first part becomes the whole (growing a big allocation in
        // place), and each later part is freed once copied: the peak stays
        // near one index plus one part, not two indexes.
        let mut parts = parts.into_iter().zip(runs);
        let (mut out, first) = parts.next()?;
        out.article_start.pop();
        out.hay.reserve_exact(hay - out.hay.len());
        let mut issue_base = first.len() as u32;
        let mut orig_base = (out.orig_bytes + out.fields.len()) as u32;
        for (part, run) in parts {
            let fold_base = out.hay.len() as u32;
            let article_base = out.articles.len() as u32;
            let field_base = out.fields.len() as u32;
            out.hay.extend_from_slice(&part.hay);
            out.map.append_shifted(&part.map, fold_base, orig_base);
            out.fields.extend(part.fields.iter().map(|f| FieldSpan {
                start: f.start + fold_base,
                end: f.end + fold_base,
                orig_start: f.orig_start + orig_base,
                article: f.article + article_base,
                field: f.field,
            }));
            out.articles
                .extend(part.articles.iter().map(|r| ArticleRef {
                    issue: r.issue + issue_base,
                    article: r.article,
                }));
            out.article_first_field
                .extend(part.article_first_field.iter().map(|&f| f + field_base));
            // Each part's final entry is its length: not an article start.
            let starts = &part.article_start[..part.article_start.len().saturating_sub(1)];
            out.article_start
                .extend(starts.iter().map(|&s| s + fold_base));
            out.orig_bytes += part.orig_bytes;
            orig_base += (part.orig_bytes + part.fields.len()) as u32;
            issue_base += run.len() as u32;
        }
        out.article_start.push(out.hay.len() as u32);
        out.map.shrink_to_fit();
        Some(out)
    }

    /// The single-threaded build.
    fn build_serial<'a>(issues: impl Iterator<Item = &'a Issue> + Clone) -> SearchIndex {
        let total: usize = issues
            .clone()
            .flat_map(|i| &i.articles)
            .flat_map(article_fields)
            .map(|(_, t)| t.len() + 1)
            .sum();
        let mut idx = SearchIndex {
            hay: Vec::with_capacity(total),
            ..SearchIndex::default()
        };
        let mut orig = 0usize;
        let mut text_bytes = 0usize;
        'issues: for (ii, issue) in issues.enumerate() {
            for (ai, article) in issue.articles.iter().enumerate() {
                let global = idx.articles.len() as u32;
                let first_field = idx.fields.len();
                let hay_len = idx.hay.len();
                idx.article_start.push(hay_len as u32);
                let map_len = idx.map.len();
                for (field, text) in article_fields(article) {
                    let start = idx.hay.len() as u32;
                    let ok = Folder::new(&mut idx.hay, &mut idx.map).push(text, orig);
                    if !ok {
                        // Roll the partial article back and stop: the index
                        // is full.
                        idx.hay.truncate(hay_len);
                        idx.map.truncate(map_len);
                        idx.fields.truncate(first_field);
                        idx.article_start.pop();
                        break 'issues;
                    }
                    idx.fields.push(FieldSpan {
                        start,
                        end: idx.hay.len() as u32,
                        orig_start: orig as u32,
                        article: global,
                        field,
                    });
                    idx.hay.push(b'\n');
                    // The separator counts in the original coordinate too,
                    // so fields need no map entries of their own.
                    orig += text.len() + 1;
                    text_bytes += text.len();
                }
                idx.articles.push(ArticleRef {
                    issue: ii as u32,
                    article: ai as u32,
                });
                idx.article_first_field.push(first_field as u32);
            }
        }
        idx.article_start.push(idx.hay.len() as u32);
        // Folding can grow the text (ASCII `,` → `，`) past the reserved
        // capacity, and a grown Vec may hold up to twice its length.
        idx.hay.shrink_to_fit();
        idx.map.shrink_to_fit();
        idx.orig_bytes = text_bytes;
        idx
    }

    /// Build on a background thread: ≈1.5 s per 100 MB of text in release,
    /// too long to hold up a UI's first frame on a big archive. Until it
    /// is joined, the UI can show "indexing…".
    pub fn spawn_build(issues: std::sync::Arc<[Issue]>) -> std::thread::JoinHandle<SearchIndex> {
        std::thread::spawn(move || SearchIndex::build(&issues))
    }

    /// The folded haystack.
    pub fn haystack(&self) -> &[u8] {
        &self.hay
    }

    /// Number of articles indexed.
    pub fn article_count(&self) -> usize {
        self.articles.len()
    }

    /// Where global article `a` lives.
    pub fn article_ref(&self, a: usize) -> Option<ArticleRef> {
        self.articles.get(a).copied()
    }

    /// Global article number of (issue, article), if indexed.
    pub fn global_article(&self, issue: usize, article: usize) -> Option<usize> {
        let target = ArticleRef {
            issue: issue as u32,
            article: article as u32,
        };
        let i = self
            .articles
            .partition_point(|r| (r.issue, r.article) < (target.issue, target.article));
        (self.articles.get(i) == Some(&target)).then_some(i)
    }

    /// All field spans, in haystack order.
    pub fn fields(&self) -> &[FieldSpan] {
        &self.fields
    }

    /// The field spans of global article `a`.
    pub fn article_fields(&self, a: usize) -> &[FieldSpan] {
        let Some(&first) = self.article_first_field.get(a) else {
            return &[];
        };
        let end = self
            .article_first_field
            .get(a + 1)
            .map_or(self.fields.len(), |&e| e as usize);
        &self.fields[first as usize..end]
    }

    /// Folded byte range of global article `a` in the haystack.
    pub fn article_range(&self, a: usize) -> std::ops::Range<usize> {
        let f = self.article_fields(a);
        match (f.first(), f.last()) {
            (Some(s), Some(e)) => s.start as usize..e.end as usize,
            _ => 0..0,
        }
    }

    /// Index of the field span containing folded offset `f`.
    pub fn field_at(&self, f: usize) -> Option<usize> {
        let i = self.fields.partition_point(|s| s.start as usize <= f);
        let i = i.checked_sub(1)?;
        (f <= self.fields[i].end as usize).then_some(i)
    }

    /// Map a folded range (inside one field) to the field index and the
    /// original byte range within that field's text.
    pub fn to_original(&self, start: usize, end: usize) -> Option<(usize, std::ops::Range<usize>)> {
        let fi = self.field_at(start)?;
        let span = self.fields[fi];
        let base = span.orig_start as usize;
        let os = self.map.orig_start(start).checked_sub(base)?;
        let oe = self.map.orig_end(end).checked_sub(base)?;
        Some((fi, os..oe.max(os)))
    }

    /// Folded offset of original byte `byte` of `field` of article `a`
    /// (clamped to the field), for placing a cursor among the matches.
    pub fn to_folded(&self, a: usize, field: Field, byte: usize) -> Option<usize> {
        let spans = self.article_fields(a);
        let span = spans.iter().find(|s| s.field == field)?;
        let f = self.map.fold_of(span.orig_start as usize + byte);
        Some(f.clamp(span.start as usize, span.end as usize))
    }

    /// Folded start of every article, then the haystack length: article
    /// `a` spans `starts[a]..starts[a + 1]`.
    pub fn article_starts(&self) -> &[u32] {
        &self.article_start
    }

    /// Bytes of original text indexed.
    pub fn original_bytes(&self) -> usize {
        self.orig_bytes
    }

    /// Heap bytes used by the index.
    pub fn heap_bytes(&self) -> usize {
        self.hay.capacity()
            + self.map.heap_bytes()
            + self.fields.capacity() * std::mem::size_of::<FieldSpan>()
            + self.articles.capacity() * std::mem::size_of::<ArticleRef>()
            + self.article_first_field.capacity() * 4
            + self.article_start.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parallel build (runs of issues folded apart, then joined) is
    /// the serial build, field for field, for any number of threads.
    #[test]
    fn parallel_build_equals_serial() {
        let mut issues = Vec::new();
        for n in 0..23 {
            let mut issue = crate::loader::sample();
            // Vary sizes and folding (full-width, spaces inside Han runs).
            issue.articles.truncate(1 + n % 4);
            if let Some(p) = issue.articles[0].paragraphs.first_mut() {
                p.push_str(&format!("ＡＢＣ，第{n}期 陈 润 。"));
            }
            issues.push(issue);
        }
        let refs: Vec<&Issue> = issues.iter().collect();
        let serial = SearchIndex::build_serial(refs.iter().copied());
        for threads in [2, 3, 5, 8] {
            let par = SearchIndex::build_on(refs.clone(), threads, 0);
            assert_eq!(par.hay, serial.hay, "{threads} threads");
            assert_eq!(par.map, serial.map, "{threads} threads");
            assert_eq!(par.fields, serial.fields);
            assert_eq!(par.articles, serial.articles);
            assert_eq!(par.article_first_field, serial.article_first_field);
            assert_eq!(par.article_start, serial.article_start);
            assert_eq!(par.orig_bytes, serial.orig_bytes);
        }
        // And the maps answer alike where folding changed lengths.
        let par = SearchIndex::build_on(refs, 4, 0);
        for f in (0..serial.hay.len()).step_by(7) {
            assert_eq!(par.map.orig_start(f), serial.map.orig_start(f));
        }
    }
}

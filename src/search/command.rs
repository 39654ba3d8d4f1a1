//! The logic of `kanbao search QUERY [PATH…]`: the same matcher as the
//! search bar, printed as a ranked list of articles with a snippet per hit.
//! Literal hits first; when there are none, jieba word search (BM25).
//! The caller (main) loads the issues and maps `Ok(false)` to exit code 1.

use super::index::SearchIndex;
use super::matches::MatchPos;
use super::searcher::search;
use super::snippet::{Snippet, snippet_around};
use super::words::WordIndex;
use crate::model::Issue;
use serde::Serialize;
use std::io::{self, Write};

/// Snippets printed per article at most (a one-character query can hit an
/// article hundreds of times).
const MAX_SNIPPETS: usize = 10;
/// Word-search results printed at most.
const MAX_WORD_RESULTS: usize = 50;

/// How to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Plain text, hits marked `【…】` (stdout is not a terminal).
    Plain,
    /// Hits in bold (stdout is a terminal).
    Bold,
    /// One JSON document, for scripts.
    Json,
}

/// Run a search over `issues` and print the results. Returns whether
/// anything matched (`false` → exit status 1, like grep).
pub fn run(query: &str, issues: &[Issue], json: bool, out: &mut dyn Write) -> io::Result<bool> {
    let style = if json { Style::Json } else { Style::Plain };
    run_styled(query, issues, style, out)
}

/// One snippet of a result.
#[derive(Debug, Serialize)]
pub struct SnippetOut {
    /// The field the hit is in.
    #[serde(flatten)]
    pub field: super::index::Field,
    /// Byte range of the hit in that field's original text.
    pub range: [usize; 2],
    /// The snippet.
    #[serde(flatten)]
    pub snippet: Snippet,
}

/// One article of the results.
#[derive(Debug, Serialize)]
pub struct ResultOut {
    /// The issue's file name.
    pub issue: String,
    /// Index of the issue among those given.
    pub issue_index: usize,
    /// Index of the article in its issue (0-based; printed 1-based).
    pub article: usize,
    /// The display title.
    pub title: String,
    /// Number of hits in the article.
    pub count: usize,
    /// BM25 score (word search only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
    /// Snippets, at most ten.
    pub snippets: Vec<SnippetOut>,
}

/// The whole answer.
#[derive(Debug, Serialize)]
pub struct SearchOut {
    /// The query as given.
    pub query: String,
    /// `"literal"`, `"pinyin"` or `"words"`.
    pub mode: String,
    /// For word search: the words required.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
    /// Matching articles, best first.
    pub results: Vec<ResultOut>,
}

/// Compute the results without printing (pure; what `run` prints).
pub fn results(query: &str, issues: &[Issue]) -> SearchOut {
    let index = SearchIndex::build(issues);
    let m = search(&index, query);
    if !m.is_empty() {
        let mode = if m
            .terms()
            .iter()
            .any(|t| t.kind == super::matches::TermKind::Pinyin)
        {
            "pinyin"
        } else {
            "literal"
        };
        let mut arts: Vec<usize> = m.articles().iter().map(|&a| a as usize).collect();
        // Most hits first; ties keep reading order.
        arts.sort_by_key(|&a| std::cmp::Reverse(m.count_in(a)));
        let results = arts
            .into_iter()
            .map(|a| {
                let pos = m.positions_in(&index, a);
                article_out(&index, issues, a, pos.len(), None, &pos, &pos)
            })
            .collect();
        return SearchOut {
            query: query.to_string(),
            mode: mode.to_string(),
            words: Vec::new(),
            results,
        };
    }
    let words = WordIndex::build(&index);
    let r = words.search(&index, issues, query, MAX_WORD_RESULTS);
    let results = r
        .hits
        .iter()
        .map(|h| {
            // One snippet per distinct place is plenty for word hits: each
            // snippet already marks every word inside its window.
            article_out(
                &index,
                issues,
                h.article,
                h.matches.len(),
                Some(h.score),
                &h.matches,
                &h.matches,
            )
        })
        .collect();
    SearchOut {
        query: query.to_string(),
        mode: "words".to_string(),
        words: r.words,
        results,
    }
}

fn article_out(
    index: &SearchIndex,
    issues: &[Issue],
    a: usize,
    count: usize,
    score: Option<f64>,
    shown: &[MatchPos],
    all: &[MatchPos],
) -> ResultOut {
    let r = index.article_ref(a);
    let (issue_index, article) = r.map_or((0, 0), |r| (r.issue as usize, r.article as usize));
    let issue = issues.get(issue_index);
    let title = issue
        .and_then(|i| i.articles.get(article))
        .map(|x| x.display_title().to_string())
        .unwrap_or_default();
    let mut snippets: Vec<SnippetOut> = Vec::new();
    for m in shown {
        if snippets.len() >= MAX_SNIPPETS {
            break;
        }
        // A hit already marked inside the previous snippet needs no own.
        if let Some(prev) = snippets.last() {
            if prev.field == m.field && m.range.start < prev.range[1] + 60 {
                continue;
            }
        }
        if let Some(s) = snippet_around(index, issues, m, all) {
            snippets.push(SnippetOut {
                field: m.field,
                range: [m.range.start, m.range.end],
                snippet: s,
            });
        }
    }
    ResultOut {
        issue: issue.map(|i| i.source.clone()).unwrap_or_default(),
        issue_index,
        article,
        title,
        count,
        score,
        snippets,
    }
}

/// Run and print in the given style.
pub fn run_styled(
    query: &str,
    issues: &[Issue],
    style: Style,
    out: &mut dyn Write,
) -> io::Result<bool> {
    let res = results(query, issues);
    let found = !res.results.is_empty();
    match style {
        Style::Json => {
            serde_json::to_writer_pretty(&mut *out, &res)?;
            writeln!(out)?;
        }
        Style::Plain | Style::Bold => {
            let (open, close) = if style == Style::Bold {
                ("\x1b[1m", "\x1b[0m")
            } else {
                ("【", "】")
            };
            if res.mode == "words" && found {
                writeln!(
                    out,
                    "no literal match; articles with all of: {}",
                    res.words.join(" ")
                )?;
            }
            for r in &res.results {
                let score = r.score.map_or(String::new(), |s| format!(", score {s:.2}"));
                let plural = if r.count == 1 { "" } else { "es" };
                writeln!(
                    out,
                    "{} #{}  {}  ({} match{plural}{score})",
                    r.issue,
                    r.article + 1,
                    r.title,
                    r.count
                )?;
                for s in &r.snippets {
                    writeln!(out, "    {}", s.snippet.marked(open, close))?;
                }
            }
        }
    }
    Ok(found)
}

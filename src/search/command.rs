//! The logic of `kanbao search QUERY [PATH…]`: the same matcher as the
//! search bar, printed as a ranked list of articles with a snippet per hit,
//! each named by date · paper · page · path. Literal hits first; when there
//! are none, jieba word search (BM25). [`files::search_inputs`] reads the
//! files (parsing only those the [`prefilter`] lets through); the caller
//! maps "nothing found" to exit code 1.

pub mod files;
pub mod prefilter;

use super::index::SearchIndex;
use super::matches::MatchPos;
use super::searcher::search;
use super::snippet::{Snippet, snippet_around};
use super::words::WordIndex;
use crate::archive::keys::{self, FileKeys};
use crate::model::Issue;
use crate::text::safe;
use serde::Serialize;
use std::io::{self, Write};
use std::path::Path;

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
    /// The file's path as given or walked (`DIR/20191001/x.txt`; `-` for
    /// standard input).
    pub path: String,
    /// The issue's day, `YYYY-MM-DD` (masthead, else path).
    pub date: Option<String>,
    /// The paper (masthead, else path).
    pub paper: Option<String>,
    /// The page (`01`, `A05`).
    pub page: Option<String>,
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

/// Where an issue came from, for naming its hits.
#[derive(Debug, Clone, Default)]
pub struct Located {
    /// Its index among the files searched.
    pub index: usize,
    /// Its path as shown.
    pub path: String,
    /// Its day, paper and page.
    pub keys: FileKeys,
}

impl Located {
    /// An issue known only by its file name (`source`).
    pub fn bare(index: usize, issue: &Issue) -> Located {
        Located {
            index,
            path: issue.source.clone(),
            keys: keys::keys(Path::new(&issue.source), issue.masthead.as_ref()),
        }
    }
}

/// Compute the results without printing (pure; what `run` prints).
pub fn results(query: &str, issues: &[Issue]) -> SearchOut {
    let names: Vec<Located> = issues
        .iter()
        .enumerate()
        .map(|(i, issue)| Located::bare(i, issue))
        .collect();
    results_located(query, issues, &names)
}

/// [`results`] with each issue's place (`names[i]` is `issues[i]`'s).
pub fn results_located(query: &str, issues: &[Issue], names: &[Located]) -> SearchOut {
    literal_results(query, issues, names).unwrap_or_else(|| word_results(query, issues, names))
}

/// The literal (or pinyin) hits, ranked; `None` when there are none.
pub fn literal_results(query: &str, issues: &[Issue], names: &[Located]) -> Option<SearchOut> {
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
                article_out(&index, issues, names, a, pos.len(), None, &pos)
            })
            .collect();
        return Some(SearchOut {
            query: query.to_string(),
            mode: mode.to_string(),
            words: Vec::new(),
            results,
        });
    }
    None
}

/// Jieba word search (BM25) over all of `issues`.
pub fn word_results(query: &str, issues: &[Issue], names: &[Located]) -> SearchOut {
    let index = SearchIndex::build(issues);
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
                names,
                h.article,
                h.matches.len(),
                Some(h.score),
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
    names: &[Located],
    a: usize,
    count: usize,
    score: Option<f64>,
    hits: &[MatchPos],
) -> ResultOut {
    let (shown, all) = (hits, hits);
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
    let name = names.get(issue_index);
    let keys = name.map(|n| &n.keys);
    ResultOut {
        issue: issue.map(|i| i.source.clone()).unwrap_or_default(),
        path: name.map(|n| n.path.clone()).unwrap_or_default(),
        date: keys.and_then(|k| k.date).map(|d| d.to_string()),
        paper: keys.and_then(|k| k.paper.clone()),
        page: keys.and_then(|k| k.page).map(|p| p.to_string()),
        issue_index: name.map_or(issue_index, |n| n.index),
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
    print(&res, style, out)?;
    Ok(!res.results.is_empty())
}

/// The name line's place: `2019-10-01 · 人民日报 · 第01版 · PATH`, the
/// parts that are known.
pub fn place(r: &ResultOut) -> String {
    let page = r.page.as_ref().map(|p| format!("第{p}版"));
    let parts = [r.date.clone(), r.paper.clone(), page, Some(r.path.clone())];
    parts.into_iter().flatten().collect::<Vec<_>>().join(" · ")
}

/// Print `res` in `style`. Everything from outside (paths, names, text)
/// goes through [`safe`]: a file name cannot act on the terminal.
pub fn print(res: &SearchOut, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let found = !res.results.is_empty();
    match style {
        Style::Json => {
            let mut w = safe::SafeWriter::json(&mut *out);
            serde_json::to_writer_pretty(&mut w, res)?;
            writeln!(w)?;
            w.flush()?;
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
                    safe::line(&res.words.join(" "))
                )?;
            }
            for r in &res.results {
                let score = r.score.map_or(String::new(), |s| format!(", score {s:.2}"));
                let plural = if r.count == 1 { "" } else { "es" };
                writeln!(
                    out,
                    "{} #{}  {}  ({} match{plural}{score})",
                    safe::line(&place(r)),
                    r.article + 1,
                    safe::line(&r.title),
                    r.count
                )?;
                for s in &r.snippets {
                    // The marks are ours; the text around them is not.
                    let text = safe::line(&s.snippet.text);
                    let marked = Snippet {
                        text: text.into_owned(),
                        marks: remap_marks(&s.snippet),
                    };
                    writeln!(out, "    {}", marked.marked(open, close))?;
                }
            }
        }
    }
    Ok(())
}

/// The snippet's marks in its [`safe::line`] text (escapes lengthen it
/// only where the file text held controls, which the loader removes, so
/// this is the identity but for hostile input).
fn remap_marks(s: &Snippet) -> Vec<std::ops::Range<usize>> {
    let at = |b: usize| -> usize {
        let grown: usize = s
            .text
            .get(..b)
            .unwrap_or("")
            .chars()
            .filter(|&c| safe::is_unsafe(c))
            .map(|c| safe::line(c.encode_utf8(&mut [0; 4])).len() - c.len_utf8())
            .sum();
        b + grown
    };
    s.marks.iter().map(|m| at(m.start)..at(m.end)).collect()
}

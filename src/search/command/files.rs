//! `kanbao search` over files: read on all cores, parse only the files the
//! [prefilter](super::prefilter) lets through, search each on its own, and
//! merge — so a selective query over an archive costs about a read of it.
//!
//! Searching file by file gives the same answer as one index over all of
//! them: a literal hit and its count belong to one article, and ranking is
//! by count, ties in file then article order. Two cases need every file in
//! one index, and take the slow path (parse all, as before):
//! - a term that may be pinyin initials (`msbz`): whether it matches as
//!   letters or as initials depends on all the files;
//! - no literal hit anywhere: jieba word search ranks by BM25, whose
//!   weights come from every article.

use super::prefilter::Prefilter;
use super::{Located, SearchOut, literal_results, results_located};
use crate::archive::filter::Filter;
use crate::archive::input::Input;
use crate::loader::LoadError;
use crate::model::Issue;
use crate::search::index::article_fields;
use crate::search::query::{Query, is_initials};
use rayon::prelude::*;

/// How to search.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Rule files out before parsing them (off: parse every file, one
    /// index: the reference the prefilter is tested against).
    pub prefilter: bool,
    /// Which files to search.
    pub filter: Filter,
    /// Print at most this many articles.
    pub limit: Option<usize>,
}

/// What a search over files found.
#[derive(Debug)]
pub struct Searched {
    /// The results.
    pub out: SearchOut,
    /// The files that could not be loaded, in input order.
    pub errors: Vec<LoadError>,
}

/// Search `query` in `inputs`.
pub fn search_inputs(query: &str, inputs: &[Input], opts: &Options) -> Searched {
    let per_file = opts.prefilter && !Query::parse(query).terms.iter().any(|t| is_initials(t));
    let mut searched = if per_file {
        file_by_file(query, inputs, opts)
    } else {
        None
    }
    .unwrap_or_else(|| all_at_once(query, inputs, &opts.filter));
    if let Some(n) = opts.limit {
        searched.out.results.truncate(n);
    }
    searched
}

/// Files searched by one index on the fast path: enough that building an
/// index and a searcher costs little per file, few enough to spread over
/// the cores.
const FILES_PER_INDEX: usize = 64;

/// A parsed file on the fast path: its issue (only the articles that can
/// hold a match), its name, and those articles' numbers in the file.
type Candidate = (Issue, Located, Vec<usize>);

/// The fast path; `None` when nothing matched literally (word search
/// needs all files: see the module docs).
fn file_by_file(query: &str, inputs: &[Input], opts: &Options) -> Option<Searched> {
    let pre = Prefilter::new(query);
    let loaded: Vec<Result<Option<Candidate>, LoadError>> = inputs
        .par_iter()
        .enumerate()
        .map(|(i, input)| {
            let Some(issue) = input.load_if(|t| pre.as_ref().is_none_or(|p| p.may_match(t)))?
            else {
                return Ok(None);
            };
            let Some(name) = located(i, input, &issue, &opts.filter) else {
                return Ok(None);
            };
            Ok(candidate_articles(pre.as_ref(), issue).map(|(issue, keep)| (issue, name, keep)))
        })
        .collect();
    let mut errors = Vec::new();
    let (mut issues, mut names, mut keeps) = (Vec::new(), Vec::new(), Vec::new());
    for l in loaded {
        match l {
            Ok(Some((issue, name, keep))) => {
                issues.push(issue);
                names.push(name);
                keeps.push(keep);
            }
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    let starts: Vec<usize> = (0..issues.len()).step_by(FILES_PER_INDEX).collect();
    let outs: Vec<SearchOut> = starts
        .par_iter()
        .filter_map(|&a| {
            let b = (a + FILES_PER_INDEX).min(issues.len());
            search_chunk(query, &issues[a..b], &names[a..b], &keeps[a..b])
        })
        .collect();
    let mode = outs.first()?.mode.clone();
    let mut results: Vec<_> = outs.into_iter().flat_map(|o| o.results).collect();
    // Most hits first; ties in file order, then article order (each
    // chunk's own results are already in that order: the sort is stable).
    results.sort_by_key(|r| std::cmp::Reverse(r.count));
    Some(Searched {
        out: SearchOut {
            query: query.to_string(),
            mode,
            words: Vec::new(),
            results,
        },
        errors,
    })
}

/// The articles of `issue` that can hold a match (what the prefilter says
/// of each article's searched fields), and their numbers; `None` if none.
fn candidate_articles(pre: Option<&Prefilter>, mut issue: Issue) -> Option<(Issue, Vec<usize>)> {
    let keep: Vec<usize> = (0..issue.articles.len())
        .filter(|&a| {
            pre.is_none_or(|p| {
                let fields: Vec<&str> =
                    article_fields(&issue.articles[a]).map(|(_, t)| t).collect();
                p.may_match_fields(&fields)
            })
        })
        .collect();
    if keep.is_empty() {
        return None;
    }
    let mut articles = std::mem::take(&mut issue.articles);
    issue.articles = keep
        .iter()
        .map(|&a| std::mem::take(&mut articles[a]))
        .collect();
    Some((issue, keep))
}

/// Literal results over a chunk of candidates, one index for all, with
/// article numbers mapped back to their files'.
fn search_chunk(
    query: &str,
    issues: &[Issue],
    names: &[Located],
    keeps: &[Vec<usize>],
) -> Option<SearchOut> {
    let mut out = literal_results(query, issues, names)?;
    for r in &mut out.results {
        // Names are in input order: find the result's file by its index.
        if let Ok(k) = names.binary_search_by_key(&r.issue_index, |n| n.index) {
            r.article = keeps[k][r.article];
        }
    }
    Some(out)
}

/// The name of input `i` if `filter` keeps it.
fn located(i: usize, input: &Input, issue: &Issue, filter: &Filter) -> Option<Located> {
    let keys = input.keys(Some(issue));
    filter.allows(&keys).then(|| Located {
        index: i,
        path: input.shown.display().to_string(),
        keys,
    })
}

/// Every file parsed, one index over all.
fn all_at_once(query: &str, inputs: &[Input], filter: &Filter) -> Searched {
    let loaded: Vec<Result<Option<(Issue, Located)>, LoadError>> = inputs
        .par_iter()
        .enumerate()
        .map(|(i, input)| {
            let issue = input.load()?;
            Ok(located(i, input, &issue, filter).map(|n| (issue, n)))
        })
        .collect();
    let mut errors = Vec::new();
    let (mut issues, mut names) = (Vec::new(), Vec::new());
    for l in loaded {
        match l {
            Ok(Some((issue, name))) => {
                issues.push(issue);
                names.push(name);
            }
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    Searched {
        out: results_located(query, &issues, &names),
        errors,
    }
}

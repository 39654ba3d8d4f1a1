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
use crate::search::query::{Query, is_initials};
use rayon::prelude::*;
use std::slice::from_ref;

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

/// The fast path; `None` when nothing matched literally (word search
/// needs all files: see the module docs).
fn file_by_file(query: &str, inputs: &[Input], opts: &Options) -> Option<Searched> {
    let pre = Prefilter::new(query);
    let outcomes: Vec<Result<Option<SearchOut>, LoadError>> = inputs
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
            Ok(literal_results(query, from_ref(&issue), from_ref(&name)))
        })
        .collect();
    let mut errors = Vec::new();
    let mut results = Vec::new();
    let mut mode = None;
    for o in outcomes {
        match o {
            Ok(Some(out)) => {
                mode.get_or_insert(out.mode);
                results.extend(out.results);
            }
            Ok(None) => {}
            Err(e) => errors.push(e),
        }
    }
    // Most hits first; ties in file order, then article order (each
    // file's own results are already in that order: the sort is stable).
    results.sort_by_key(|r| std::cmp::Reverse(r.count));
    let mode = mode?;
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

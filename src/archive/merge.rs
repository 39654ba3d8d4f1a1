//! An issue of several files read as one: the articles of its files, page
//! by page in print order, with where each file's and each page's articles
//! start, so the reader can show page headers, go page by page, and keep
//! each file's reading state under the file's own hash.

use super::keys::FileKeys;
use crate::model::{Encoding, Issue};
use std::sync::Arc;

/// Where one file's articles are in the merged issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileSpan {
    /// The file (an index the caller gave).
    pub file: usize,
    /// Its first article's index in the merged issue.
    pub first: usize,
    /// How many articles it has.
    pub len: usize,
}

/// One page (版面) of the merged issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSpan {
    /// The page as printed (`01`, `A05`), if known.
    pub label: Option<String>,
    /// Its section name (`要闻`), if known.
    pub section: Option<String>,
    /// Its first article's index in the merged issue.
    pub first: usize,
    /// How many articles it has.
    pub len: usize,
}

impl PageSpan {
    /// `第01版：要闻`, `第01版`, or `None` for a page that does not say.
    pub fn heading(&self) -> Option<String> {
        let label = self.label.as_ref()?;
        Some(match &self.section {
            Some(s) => format!("第{label}版：{s}"),
            None => format!("第{label}版"),
        })
    }

    /// Whether article `a` is on this page.
    pub fn holds(&self, a: usize) -> bool {
        (self.first..self.first + self.len).contains(&a)
    }
}

/// One file to merge: its index, keys and parsed issue.
pub type Part<'a> = (usize, &'a FileKeys, &'a Arc<Issue>);

/// The issue `name` made of `parts` (in print order): one file is itself
/// (nothing is copied); several are their articles one after another, the
/// masthead and credits of the first that has them, every file's chrome.
/// Consecutive files of the same page are one page.
pub fn merge(name: &str, parts: &[Part<'_>]) -> (Arc<Issue>, Vec<FileSpan>, Vec<PageSpan>) {
    let mut files = Vec::with_capacity(parts.len());
    let mut pages: Vec<PageSpan> = Vec::new();
    let mut first = 0;
    for &(file, keys, issue) in parts {
        let len = issue.articles.len();
        files.push(FileSpan { file, first, len });
        let label = keys
            .page
            .map(|p| p.to_string())
            .or_else(|| issue.masthead.as_ref().and_then(|m| m.page.clone()));
        match pages.last_mut() {
            Some(p) if label.is_some() && p.label == label => {
                p.len += len;
                if p.section.is_none() {
                    p.section.clone_from(&keys.section);
                }
            }
            _ => pages.push(PageSpan {
                label,
                section: keys.section.clone(),
                first,
                len,
            }),
        }
        first += len;
    }
    let issue = match parts {
        [(_, _, only)] => Arc::clone(only),
        _ => {
            let first_with = |f: fn(&Issue) -> bool| parts.iter().map(|p| p.2).find(|i| f(i));
            let mut articles = Vec::with_capacity(first);
            let mut chrome = Vec::new();
            for (_, _, issue) in parts {
                articles.extend(issue.articles.iter().cloned());
                chrome.extend(issue.chrome.iter().cloned());
            }
            Arc::new(Issue {
                source: name.to_owned(),
                encoding: parts.first().map_or(Encoding::Utf8, |p| p.2.encoding),
                masthead: first_with(|i| i.masthead.is_some()).and_then(|i| i.masthead.clone()),
                credits: first_with(|i| i.credits.is_some()).and_then(|i| i.credits.clone()),
                chrome,
                articles,
            })
        }
    };
    (issue, files, pages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::keys::keys;
    use crate::model::Article;
    use std::path::Path;

    fn issue(titles: &[&str]) -> Arc<Issue> {
        Arc::new(Issue {
            source: "x.txt".into(),
            encoding: Encoding::Utf8,
            masthead: None,
            credits: None,
            chrome: vec![],
            articles: titles
                .iter()
                .map(|t| Article {
                    title: Some((*t).into()),
                    ..Article::default()
                })
                .collect(),
        })
    }

    #[test]
    fn files_of_one_page_are_one_page_and_articles_run_on() {
        let k1 = keys(Path::new("20191001/20191001-01-01.txt"), None);
        let k2 = keys(Path::new("20191001/20191001-01-02.txt"), None);
        let k3 = keys(Path::new("20191001/20191001-02-01.txt"), None);
        let (a, b, c) = (issue(&["一"]), issue(&["二"]), issue(&["三", "四"]));
        let (merged, files, pages) = merge("20191001", &[(7, &k1, &a), (8, &k2, &b), (9, &k3, &c)]);
        let titles: Vec<_> = merged.articles.iter().map(|a| a.display_title()).collect();
        assert_eq!(titles, ["一", "二", "三", "四"]);
        assert_eq!(merged.source, "20191001");
        assert_eq!(
            files[2],
            FileSpan {
                file: 9,
                first: 2,
                len: 2
            }
        );
        assert_eq!(pages.len(), 2);
        assert_eq!((pages[0].first, pages[0].len, pages[1].first), (0, 2, 2));
        assert_eq!(pages[1].heading().as_deref(), Some("第02版"));
        assert!(pages[1].holds(3) && !pages[1].holds(1));
    }

    #[test]
    fn one_file_is_not_copied() {
        let k = keys(Path::new("a.txt"), None);
        let a = issue(&["一", "二"]);
        let (merged, files, pages) = merge("a.txt", &[(0, &k, &a)]);
        assert!(Arc::ptr_eq(&merged, &a));
        assert_eq!(
            files,
            [FileSpan {
                file: 0,
                first: 0,
                len: 2
            }]
        );
        assert_eq!((pages.len(), pages[0].heading()), (1, None));
    }
}

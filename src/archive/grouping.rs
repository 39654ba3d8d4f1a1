//! An archive's files grouped into issues — one paper on one day — each
//! of pages, each of articles: what a newspaper reader thinks in.
//!
//! [`group`] is pure: it takes each file's relative path, its
//! [`FileKeys`](super::keys::FileKeys) and how many articles it parsed
//! into, and returns [`IssueGroup`]s that point back into that list by
//! index. Failed files can be given too (no masthead, zero articles):
//! they keep their place by path.
//!
//! ```
//! use kanbao::archive::grouping::{FileInfo, group};
//! use kanbao::archive::keys::keys;
//! use std::path::Path;
//! let files: Vec<FileInfo> = ["20191001/20191001-01-02.txt", "20191001/20191001-01-01.txt"]
//!     .iter()
//!     .map(|p| FileInfo::new(Path::new(p), keys(Path::new(p), None), 1))
//!     .collect();
//! let issues = group(&files);
//! assert_eq!(issues.len(), 1);
//! let row = &issues[0]; // an issue-list row:
//! assert_eq!(row.date.map(|d| d.to_string()).as_deref(), Some("2019-10-01"));
//! assert_eq!(row.date.map(|d| d.weekday_name()), Some("星期二"));
//! assert_eq!((row.page_count(), row.article_count()), (1, 2));
//! let page = &row.pages[0]; // a page-list row: number, section, articles
//! assert_eq!(page.page.map(|p| p.to_string()).as_deref(), Some("01"));
//! // In article order: file 1 (article 01), then file 0 (article 02).
//! assert_eq!(page.articles.iter().map(|a| a.file).collect::<Vec<_>>(), [1, 0]);
//! ```
//!
//! Rules:
//! - a dated file belongs to the issue of its date and paper; a file with
//!   no paper takes the one paper of the other files of its folder and day
//!   (a masthead only on page one still names the whole folder's issue);
//! - an undated file with a page belongs, with the other pages of its
//!   folder, to an issue named by the folder; an undated file without a
//!   page is an issue of its own, named by its relative path;
//! - in an issue, files of the same page are one page; files without a
//!   page are pages of their own, after the numbered ones;
//! - in a page, a file with an article number (the crawler layout) is one
//!   article, ordered by that number; a file without one is as many
//!   articles as it parsed into, in reading order.

use super::keys::{Date, FileKeys, PageNo};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One file as [`group`] needs it.
#[derive(Debug, Clone)]
pub struct FileInfo {
    /// Its path below the archive folder.
    pub rel: PathBuf,
    /// What its path and masthead say (see [`super::keys::keys`]).
    pub keys: FileKeys,
    /// How many articles it parsed into (0 for a file that failed).
    pub articles: usize,
}

impl FileInfo {
    /// A file at `rel` with its keys and article count.
    pub fn new(rel: &Path, keys: FileKeys, articles: usize) -> FileInfo {
        FileInfo {
            rel: rel.to_path_buf(),
            keys,
            articles,
        }
    }
}

/// One article of a page: a whole file (crawler layout), or one article
/// of a file that holds a page or a whole issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ArticleAt {
    /// Index of the file in the list given to [`group`].
    pub file: usize,
    /// The article's index in that file's parsed articles; `None` when the
    /// whole file is this one article.
    pub article: Option<usize>,
}

/// One page of an issue (版面).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageGroup {
    /// The page (`None`: a file that does not say).
    pub page: Option<PageNo>,
    /// The section name (`要闻`), from the first of its files that has one.
    pub section: Option<String>,
    /// Its articles, in order.
    pub articles: Vec<ArticleAt>,
    /// Its files, in article order (each once).
    pub files: Vec<usize>,
}

/// One issue: a paper on a day (or an undated file or folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueGroup {
    /// The day.
    pub date: Option<Date>,
    /// The paper.
    pub paper: Option<String>,
    /// For an undated issue: the relative path it is named by (the file,
    /// or the folder of its pages). For a dated one, its first file's
    /// folder (where it lives).
    pub name: String,
    /// Its pages in print order.
    pub pages: Vec<PageGroup>,
}

impl IssueGroup {
    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Number of articles over all pages.
    pub fn article_count(&self) -> usize {
        self.pages.iter().map(|p| p.articles.len()).sum()
    }

    /// Every file of the issue, page by page, in article order.
    pub fn files(&self) -> impl Iterator<Item = usize> + '_ {
        self.pages.iter().flat_map(|p| p.files.iter().copied())
    }
}

/// Which issue a file belongs to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum IssueKey {
    /// Dated issues first, by day, then paper.
    Dated(Date, Option<String>),
    /// Undated: by the name (folder or file path), then paper.
    Undated(String, Option<String>),
}

fn folder_of(rel: &Path) -> String {
    rel.parent()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Group `files` into issues, oldest first (undated ones last, by name).
/// For an issue list, newest first, see [`newest_first`].
pub fn group(files: &[FileInfo]) -> Vec<IssueGroup> {
    let papers = papers_by_folder_and_day(files);
    let mut issues: BTreeMap<IssueKey, Vec<usize>> = BTreeMap::new();
    for (i, f) in files.iter().enumerate() {
        let folder = folder_of(&f.rel);
        let paper = f.keys.paper.clone().or_else(|| {
            let d = f.keys.date?;
            papers.get(&(folder.clone(), d)).cloned().flatten()
        });
        let key = match (f.keys.date, f.keys.page) {
            (Some(d), _) => IssueKey::Dated(d, paper),
            (None, Some(_)) => IssueKey::Undated(folder, paper),
            (None, None) => IssueKey::Undated(f.rel.to_string_lossy().into_owned(), paper),
        };
        issues.entry(key).or_default().push(i);
    }
    issues
        .into_iter()
        .map(|(key, members)| {
            let (date, paper, name) = match key {
                IssueKey::Dated(d, p) => (Some(d), p, folder_of(&files[members[0]].rel)),
                IssueKey::Undated(n, p) => (None, p, n),
            };
            IssueGroup {
                date,
                paper,
                name,
                pages: pages(files, members),
            }
        })
        .collect()
}

/// Per (folder, day): the one paper its files name, if exactly one.
fn papers_by_folder_and_day(files: &[FileInfo]) -> BTreeMap<(String, Date), Option<String>> {
    let mut out: BTreeMap<(String, Date), Option<String>> = BTreeMap::new();
    let mut conflicting = Vec::new();
    for f in files {
        let (Some(d), Some(p)) = (f.keys.date, &f.keys.paper) else {
            continue;
        };
        let key = (folder_of(&f.rel), d);
        match out.get(&key) {
            None => {
                out.insert(key, Some(p.clone()));
            }
            Some(Some(q)) if q != p => conflicting.push(key),
            Some(_) => {}
        }
    }
    for key in conflicting {
        out.insert(key, None);
    }
    out
}

/// The pages of one issue's files, in print order.
fn pages(files: &[FileInfo], mut members: Vec<usize>) -> Vec<PageGroup> {
    // Article number first (files without one after those with), then path.
    members.sort_by(|&a, &b| {
        let (fa, fb) = (&files[a], &files[b]);
        let art = |f: &FileInfo| (f.keys.article.is_none(), f.keys.article);
        art(fa).cmp(&art(fb)).then_with(|| fa.rel.cmp(&fb.rel))
    });
    let mut numbered: BTreeMap<PageNo, Vec<usize>> = BTreeMap::new();
    let mut loose: Vec<usize> = Vec::new();
    for i in members {
        match files[i].keys.page {
            Some(p) => numbered.entry(p).or_default().push(i),
            None => loose.push(i),
        }
    }
    loose.sort_by(|&a, &b| files[a].rel.cmp(&files[b].rel));
    let numbered = numbered.into_iter().map(|(p, fs)| (Some(p), fs));
    let loose = loose.into_iter().map(|f| (None, vec![f]));
    numbered
        .chain(loose)
        .map(|(page, fs)| PageGroup {
            page,
            section: fs.iter().find_map(|&f| files[f].keys.section.clone()),
            articles: fs.iter().flat_map(|&f| articles_of(f, &files[f])).collect(),
            files: fs,
        })
        .collect()
}

fn articles_of(i: usize, f: &FileInfo) -> Vec<ArticleAt> {
    if f.keys.article.is_some() {
        return vec![ArticleAt {
            file: i,
            article: None,
        }];
    }
    (0..f.articles)
        .map(|a| ArticleAt {
            file: i,
            article: Some(a),
        })
        .collect()
}

/// The order of an issue list: newest first; undated issues last, by name.
/// Returns indices into `issues` (as [`group`] returned them).
pub fn newest_first(issues: &[IssueGroup]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..issues.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&issues[a], &issues[b]);
        match (x.date, y.date) {
            (Some(dx), Some(dy)) => dy.cmp(&dx).then_with(|| x.paper.cmp(&y.paper)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => x.name.cmp(&y.name),
        }
    });
    order
}

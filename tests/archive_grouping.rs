//! What a file of an archive is (day, paper, page, article) from the path
//! shapes people keep, and how files make up issues, pages and articles.

use kanbao::archive::grouping::{ArticleAt, FileInfo, group, newest_first};
use kanbao::archive::keys::{Date, FileKeys, PageNo, keys};
use kanbao::model::Masthead;
use std::path::Path;

/// `(path, date, paper, page, section, article)` from the path alone.
type Row = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    Option<u16>,
);

#[rustfmt::skip]
const PATHS: &[Row] = &[
    // The crawler: a folder per day, one file per article.
    ("2019-10/20191001/20191001-01-01.txt", Some("2019-10-01"), None, Some("01"), None, Some(1)),
    ("20191001/20191001-12-07.txt", Some("2019-10-01"), None, Some("12"), None, Some(7)),
    ("20191001-01-01.txt", Some("2019-10-01"), None, Some("01"), None, Some(1)),
    // Page files named paper-date-page (e-paper downloads, public crawls).
    ("rmrb-20190201-01.txt", Some("2019-02-01"), Some("rmrb"), Some("01"), None, None),
    ("pages/rmrb-20190201-16.txt", Some("2019-02-01"), Some("rmrb"), Some("16"), None, None),
    ("zkwb-20240203-A05.txt", Some("2024-02-03"), Some("zkwb"), Some("A05"), None, None),
    ("gmrb-20121027-p06.txt", Some("2012-10-27"), Some("gmrb"), Some("06"), None, None),
    ("20240501-01.txt", Some("2024-05-01"), None, Some("01"), None, None),
    ("20240501_B03.txt", Some("2024-05-01"), None, Some("B03"), None, None),
    // A folder per day, a file per page.
    ("2024-05-01/01.txt", Some("2024-05-01"), None, Some("01"), None, None),
    ("2024-05-01/12.TXT", Some("2024-05-01"), None, Some("12"), None, None),
    ("人民日报/2024-05-01/02.txt", Some("2024-05-01"), Some("人民日报"), Some("02"), None, None),
    ("2024_5_1/A1.txt", Some("2024-05-01"), None, Some("A01"), None, None),
    ("2024.05.01/page3.txt", Some("2024-05-01"), None, Some("03"), None, None),
    // Dates spread over folders.
    ("2024/05/01/03.txt", Some("2024-05-01"), None, Some("03"), None, None),
    ("2024/05/01.txt", Some("2024-05-01"), None, None, None, None),
    ("2024-05/01/第02版.txt", Some("2024-05-01"), None, Some("02"), None, None),
    ("2024年/5月/1日/第1版.txt", Some("2024-05-01"), None, Some("01"), None, None),
    ("光明日报/2024/05/01/A05.txt", Some("2024-05-01"), Some("光明日报"), Some("A05"), None, None),
    // Chinese names.
    ("人民日报2024年5月1日第01版.txt", Some("2024-05-01"), Some("人民日报"), Some("01"), None, None),
    ("2024年5月1日/第01版：要闻.txt", Some("2024-05-01"), None, Some("01"), Some("要闻"), None),
    ("2024年5月1日/第三版_国际.txt", Some("2024-05-01"), None, Some("03"), Some("国际"), None),
    ("2024年05月01日 第A05版.txt", Some("2024-05-01"), None, Some("A05"), None, None),
    ("衡阳日报/2020年7月/2020年7月2日/01版.txt", Some("2020-07-02"), Some("衡阳日报"), Some("01"), None, None),
    // A page folder with article files in it.
    ("2024-05-01/第01版/03.txt", Some("2024-05-01"), None, Some("01"), None, Some(3)),
    ("2024-05-01/A05/2.txt", Some("2024-05-01"), None, Some("A05"), None, Some(2)),
    ("2024-05-01/01/02.txt", Some("2024-05-01"), None, Some("01"), None, Some(2)),
    // Undated, hand-made.
    ("人民日报/第01版.txt", None, Some("人民日报"), Some("01"), None, None),
    ("剪报/扎实做好民生保障等工作.txt", None, Some("剪报"), None, None, None),
    ("notes.txt", None, None, None, None, None),
    ("archive/3/00042.txt", None, Some("archive"), None, None, None),
    ("0/issue-00001.txt", None, None, None, None, None),
    // Not dates: impossible days, numbers that are too long.
    ("2019-02-29/01.txt", None, None, Some("01"), None, None),
    ("20191301-01.txt", None, None, Some("01"), None, None),
    ("123456789.txt", None, None, None, None, None),
];

#[test]
fn path_shapes() {
    let mut wrong = Vec::new();
    for &(path, date, paper, page, section, article) in PATHS {
        let k = keys(Path::new(path), None);
        let got = (
            k.date.map(|d| d.to_string()),
            k.paper.clone(),
            k.page.map(|p| p.to_string()),
            k.section.clone(),
            k.article,
        );
        let want = (
            date.map(str::to_owned),
            paper.map(str::to_owned),
            page.map(str::to_owned),
            section.map(str::to_owned),
            article,
        );
        if got != want {
            wrong.push(format!("{path}: got {got:?}, want {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn masthead(text: &str, paper: Option<&str>, date: Option<&str>, page: Option<&str>) -> Masthead {
    Masthead {
        text: text.into(),
        paper: paper.map(Into::into),
        date: date.map(Into::into),
        page: page.map(Into::into),
    }
}

#[test]
fn masthead_wins_when_it_names_two_things() {
    let m = masthead(
        "人民日报 2019年2月1日 星期五 第05版：要闻",
        Some("人民日报"),
        Some("2019-02-01"),
        Some("05"),
    );
    let k = keys(Path::new("downloads/x-20200101-09.txt"), Some(&m));
    assert_eq!(k.date, Date::new(2019, 2, 1));
    assert_eq!(k.paper.as_deref(), Some("人民日报"));
    assert_eq!(k.page.map(|p| p.to_string()).as_deref(), Some("05"));
    assert_eq!(k.section.as_deref(), Some("要闻"));
    // The e-paper masthead: a date and a page with its section.
    let m = masthead(
        "2024年02月03日 第A05版:要闻 PDF版",
        None,
        Some("2024-02-03"),
        Some("A05"),
    );
    let k = keys(Path::new("zkwb.txt"), Some(&m));
    assert_eq!(
        (k.date.map(|d| d.to_string()), k.section.as_deref()),
        (Some("2024-02-03".into()), Some("要闻"))
    );
}

#[test]
fn a_lone_date_or_paper_line_does_not_move_a_file() {
    // A letter's date line and a title ending in 报, as the loader may read them.
    let lone_date = masthead("2019年10月6日", None, Some("2019-10-06"), None);
    let k = keys(Path::new("20191008/20191008-01-02.txt"), Some(&lone_date));
    assert_eq!(k.date, Date::new(2019, 10, 8));
    let lone_paper = masthead("让好人得好报", Some("让好人得好报"), None, None);
    let k = keys(Path::new("20191018/20191018-13-01.txt"), Some(&lone_paper));
    assert_eq!(k.paper, None);
    // A page label alone is trusted.
    let page = masthead("第3版：国际", None, None, Some("3"));
    let k = keys(Path::new("2024-05-01/x.txt"), Some(&page));
    assert_eq!(
        (k.page, k.section.as_deref()),
        (
            Some(PageNo {
                section: None,
                number: 3
            }),
            Some("国际")
        )
    );
}

#[test]
fn weekdays_and_dates() {
    for (y, m, d, w) in [
        (2019, 10, 1, "星期二"),
        (2024, 2, 29, "星期四"),
        (2000, 1, 1, "星期六"),
        (1970, 1, 1, "星期四"),
        (2021, 3, 15, "星期一"),
        (1949, 10, 1, "星期六"),
    ] {
        let date = Date::new(y, m, d).expect("a real day");
        assert_eq!(date.weekday_name(), w, "{date}");
    }
    assert_eq!(Date::new(2023, 2, 29), None);
    assert_eq!(Date::new(2024, 4, 31), None);
    assert_eq!(Date::parse("2019-10-01"), Date::new(2019, 10, 1));
    assert_eq!(Date::parse("20191001"), Date::new(2019, 10, 1));
    assert_eq!(Date::parse("2019-13-01"), None);
    assert_eq!(PageNo::parse("十二").map(|p| p.number), Some(12));
    assert_eq!(
        PageNo::parse("b7").map(|p| p.to_string()).as_deref(),
        Some("B07")
    );
    assert_eq!(PageNo::parse("0"), None);
}

fn info(path: &str, keys: FileKeys, articles: usize) -> FileInfo {
    FileInfo::new(Path::new(path), keys, articles)
}

fn from_path(path: &str, articles: usize) -> FileInfo {
    info(path, keys(Path::new(path), None), articles)
}

#[test]
fn grouping_days_papers_pages_and_articles() {
    let files = vec![
        from_path("2024-05-01/02.txt", 5),
        from_path("2024-05-01/01.txt", 3),
        from_path("2024-05-02/01.txt", 4),
        from_path("光明日报/2024-05-01/01.txt", 2),
        from_path("20240501/20240501-03-02.txt", 1),
        from_path("20240501/20240501-03-01.txt", 2),
        from_path("剪报/a.txt", 1),
        from_path("剪报/b.txt", 1),
        from_path("人民日报/第02版.txt", 6),
        from_path("人民日报/第01版.txt", 7),
    ];
    let issues = group(&files);
    type Summary = (Option<String>, Option<String>, String, usize, usize);
    let summary: Vec<Summary> = issues
        .iter()
        .map(|i| {
            (
                i.date.map(|d| d.to_string()),
                i.paper.clone(),
                i.name.clone(),
                i.page_count(),
                i.article_count(),
            )
        })
        .collect();
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        summary,
        vec![
            // Both folders of 2024-05-01 without a paper are one issue.
            (s("2024-05-01"), None, "2024-05-01".into(), 3, 3 + 5 + 2),
            (
                s("2024-05-01"),
                s("光明日报"),
                "光明日报/2024-05-01".into(),
                1,
                2
            ),
            (s("2024-05-02"), None, "2024-05-02".into(), 1, 4),
            (None, s("人民日报"), "人民日报".into(), 2, 13),
            (None, s("剪报"), "剪报/a.txt".into(), 1, 1),
            (None, s("剪报"), "剪报/b.txt".into(), 1, 1),
        ]
    );
    let first = &issues[0];
    let pages: Vec<String> = first
        .pages
        .iter()
        .map(|p| p.page.map(|n| n.to_string()).unwrap_or_default())
        .collect();
    assert_eq!(pages, ["01", "02", "03"]);
    // Page 03 is two article files: article 01 first, each one article.
    assert_eq!(
        first.pages[2].articles,
        [
            ArticleAt {
                file: 5,
                article: None
            },
            ArticleAt {
                file: 4,
                article: None
            }
        ]
    );
    // A page file is as many articles as it parsed into.
    assert_eq!(
        first.pages[0]
            .articles
            .iter()
            .map(|a| (a.file, a.article))
            .collect::<Vec<_>>(),
        [(1, Some(0)), (1, Some(1)), (1, Some(2))]
    );
    let order: Vec<Option<String>> = newest_first(&issues)
        .into_iter()
        .map(|i| {
            issues[i]
                .date
                .map(|d| d.to_string())
                .or(Some(issues[i].name.clone()))
        })
        .collect();
    assert_eq!(
        order,
        [
            s("2024-05-02"),
            s("2024-05-01"),
            s("2024-05-01"),
            s("人民日报"),
            s("剪报/a.txt"),
            s("剪报/b.txt")
        ]
    );
}

#[test]
fn one_masthead_names_its_folders_issue() {
    let m = masthead(
        "衡阳日报 2020年7月2日 第01版",
        Some("衡阳日报"),
        Some("2020-07-02"),
        Some("01"),
    );
    let files = vec![
        info(
            "2020-07-02/01.txt",
            keys(Path::new("2020-07-02/01.txt"), Some(&m)),
            4,
        ),
        from_path("2020-07-02/02.txt", 3),
    ];
    let issues = group(&files);
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(issues[0].paper.as_deref(), Some("衡阳日报"));
    assert_eq!(issues[0].page_count(), 2);
}

/// The crawler's month: 31 issues, 488 pages, 2,109 articles (one a file).
#[test]
fn the_crawled_month_groups_into_days_pages_and_articles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/real/crawl/2019-10");
    if !root.is_dir() {
        eprintln!(
            "skipped: {} is not there (../shared absent)",
            root.display()
        );
        return;
    }
    let paths = kanbao::archive::scan(&root).expect("scan");
    assert_eq!(paths.len(), 2109);
    let entries = kanbao::archive::load_all_sync(&paths);
    let files: Vec<FileInfo> = paths
        .iter()
        .zip(&entries)
        .map(|(p, e)| {
            let issue = e.as_ref().ok().map(|l| &l.issue);
            let rel = p.strip_prefix(&root).expect("below the root");
            FileInfo::new(
                rel,
                kanbao::archive::keys_of(&root, p, issue),
                issue.map_or(0, |i| i.articles.len()),
            )
        })
        .collect();
    let issues = group(&files);
    assert_eq!(issues.len(), 31);
    let pages: usize = issues.iter().map(|i| i.page_count()).sum();
    let articles: usize = issues.iter().map(|i| i.article_count()).sum();
    assert_eq!((pages, articles), (488, 2109));
    for (n, issue) in issues.iter().enumerate() {
        assert_eq!(issue.date, Date::new(2019, 10, n as u8 + 1));
        let mut last_page = None;
        for page in &issue.pages {
            assert!(page.page > last_page, "pages in order in {}", issue.name);
            last_page = page.page;
            let numbers: Vec<u16> = page
                .articles
                .iter()
                .map(|a| files[a.file].keys.article.expect("an article file"))
                .collect();
            // In article order (the crawl has gaps: 20191018 page 01 starts at 02).
            assert!(
                numbers.windows(2).all(|w| w[0] < w[1]),
                "{} page {:?}: {numbers:?}",
                issue.name,
                page.page
            );
            for a in &page.articles {
                let name = files[a.file]
                    .rel
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("");
                let day = issue
                    .date
                    .map(|d| format!("{}{:02}{:02}", d.year, d.month, d.day));
                assert!(name.starts_with(day.as_deref().unwrap_or("?")), "{name}");
            }
        }
    }
}

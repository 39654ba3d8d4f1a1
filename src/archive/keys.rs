//! What one file of an archive is: which day, which paper, which page, and
//! (for a crawler's one-file-per-article folders) which article of the
//! page. A pure function of the file's path below the archive folder and
//! its parsed masthead: [`keys`].
//!
//! Where each key comes from, first that says:
//! - **date**: a masthead that also names the paper or the page; else the
//!   path, nearest component first: `2024-05-01`, `2024_5_1`, `20240501`
//!   (a token of its own), `2024年5月1日`, or folders `2024/05/01`,
//!   `2024-05/01`, `2024年/5月/1日` (the last may be the file name);
//! - **paper**: a masthead that also has a date or a page; else a word
//!   before the date in the file name (`rmrb-20190201-01`); else the
//!   nearest folder that is not a date, a page or a number;
//! - **page**: the masthead's page label; else the file name (`第01版`,
//!   `01版`, `A05`, `p06`, or the first number after the date:
//!   `20240501-01`, `rmrb-20190201-01`, `2024-05-01/01.txt`); else a
//!   folder between the date and the file (`2024-05-01/A05/1.txt`);
//! - **article**: the number after the page in the file name
//!   (`20191001-01-03.txt` = page 01, article 03), or the file name's
//!   number inside a page folder. Only then is a file one article.
//!
//! Why a masthead needs two parts: the loader takes any short line with a
//! date (`2019年10月6日` under a letter) or a title ending in 报 (`让好人得好报`)
//! for a masthead line; a real masthead names two of paper, date and page.
//! A page label alone (`第01版：要闻`) is trusted: nothing else looks like it.

use crate::model::Masthead;
use regex::Regex;
use std::fmt;
use std::path::{Component, Path};
use std::sync::LazyLock;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year (1900–2099 from paths; any four digits from mastheads).
    pub year: u16,
    /// Month, 1–12.
    pub month: u8,
    /// Day of the month, 1–31 (checked against the month).
    pub day: u8,
}

/// `星期一` … `星期日`, Monday first (the index [`Date::weekday`] gives).
pub const WEEKDAYS: [&str; 7] = [
    "星期一",
    "星期二",
    "星期三",
    "星期四",
    "星期五",
    "星期六",
    "星期日",
];

impl Date {
    /// A real day, or `None` (`2019-02-29`, month 13, day 0).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// Parse `YYYY-MM-DD` (the masthead's form), also `YYYYMMDD`, or
    /// with `/` or `.` between the parts.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
        let (y, m, d) = match parts[..] {
            [y, m, d] => (y, m, d),
            [ymd] if ymd.len() == 8 => (&ymd[..4], &ymd[4..6], &ymd[6..]),
            _ => return None,
        };
        if y.len() != 4 || !(1..=2).contains(&m.len()) || !(1..=2).contains(&d.len()) {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> usize {
        // Days since 1970-01-01 (a Thursday), by Howard Hinnant's
        // days_from_civil.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        let days = era * 146_097 + doe - 719_468;
        (days + 3).rem_euclid(7) as usize
    }

    /// `星期一` … `星期日`.
    pub fn weekday_name(self) -> &'static str {
        WEEKDAYS[self.weekday()]
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A page of an issue: an optional section letter (`A05`) and a number.
/// Ordered by section, then number, as the paper is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PageNo {
    /// Section letter, upper case (`A` of `A05`), if any.
    pub section: Option<char>,
    /// Page number within the section.
    pub number: u16,
}

impl PageNo {
    /// Parse a page label: `01`, `5`, `A05`, `b2`, `三`, `十二`.
    pub fn parse(s: &str) -> Option<PageNo> {
        let s = s.trim();
        let mut chars = s.chars();
        let first = chars.next()?;
        let (section, digits) = if first.is_ascii_alphabetic() {
            (Some(first.to_ascii_uppercase()), chars.as_str())
        } else {
            (None, s)
        };
        let number = if !digits.is_empty() && digits.len() <= 3 {
            match digits.parse() {
                Ok(n) => n,
                Err(_) => chinese_number(digits)?,
            }
        } else {
            chinese_number(digits)?
        };
        (number > 0).then_some(PageNo { section, number })
    }
}

impl fmt::Display for PageNo {
    /// `01`, `A05`: two digits at least, as papers print them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(s) = self.section {
            write!(f, "{s}")?;
        }
        write!(f, "{:02}", self.number)
    }
}

/// `一` … `九十九` (and `百`): the numbers page labels are written in.
fn chinese_number(s: &str) -> Option<u16> {
    let digit = |c: char| "〇一二三四五六七八九".chars().position(|d| d == c);
    let mut total = 0u16;
    let mut current: Option<u16> = None;
    for c in s.chars() {
        match c {
            '十' => {
                total += current.take().unwrap_or(1) * 10;
            }
            '百' => {
                total += current.take().unwrap_or(1) * 100;
            }
            c => {
                let d = digit(c)? as u16;
                current = Some(current.unwrap_or(0) * 10 + d);
            }
        }
        if total > 999 {
            return None;
        }
    }
    let n = total + current.unwrap_or(0);
    (!s.is_empty() && n > 0).then_some(n)
}

/// What a file's path and masthead say it is. See the module docs for
/// where each part comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileKeys {
    /// The day of the issue.
    pub date: Option<Date>,
    /// The paper (`人民日报`, or a code from the path: `rmrb`).
    pub paper: Option<String>,
    /// The page.
    pub page: Option<PageNo>,
    /// The page's section name (`要闻` of `第01版：要闻`).
    pub section: Option<String>,
    /// The article's number on its page, when the file is one article.
    pub article: Option<u16>,
}

static PATH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(?:^|\D)(\d{4})[-_.](\d{1,2})[-_.](\d{1,2})(?:\D|$)|(?:^|\D)((?:19|20)\d{2})(\d{2})(\d{2})(?:\D|$)",
    )
});
/// `第01版`, `第A5版`, `第三版`, `01版`, with a section name after it.
static PAGE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:第\s*([A-Za-z]?\d{1,3}|[〇一二三四五六七八九十百]{1,4})|(?:^|[^0-9A-Za-z])([A-Za-z]?\d{1,3}))\s*版(?:\s*[:：·|_\-—]?\s*(\p{Han}{1,8}))?",
    )
});
/// A section name after the page label of a masthead.
static MASTHEAD_SECTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:第\s*[A-Za-z]?[0-9〇一二三四五六七八九十]{1,3}|[A-Z]\d{1,2})\s*版\s*[:：·|]?\s*(\p{Han}{1,8})",
    )
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"^((?:19|20)\d{2})\s*年?$"));
static MONTH: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d{1,2})\s*月?$"));
static DAY: LazyLock<Regex> = LazyLock::new(|| re(r"^(\d{1,2})\s*日?$"));
static YEAR_MONTH: LazyLock<Regex> =
    LazyLock::new(|| re(r"^((?:19|20)\d{2})(?:[-_.]?(\d{2})|[-_.](\d)|\s*年\s*(\d{1,2})\s*月)$"));

fn re(p: &str) -> Regex {
    // The patterns are constants of this file; a typo fails every test.
    Regex::new(p).unwrap_or_else(|e| panic!("bad built-in pattern {p}: {e}"))
}

/// The keys of the file at `rel` (its path below the archive folder; the
/// folder's own name is not used) with the parsed `masthead`, if any.
pub fn keys(rel: &Path, masthead: Option<&Masthead>) -> FileKeys {
    let comps = components(rel);
    let from_path = path_keys(&comps);
    let Some(m) = masthead else {
        return from_path;
    };
    let parts = [m.paper.is_some(), m.date.is_some(), m.page.is_some()];
    let two = parts.iter().filter(|&&p| p).count() >= 2;
    let masthead_page = m.page.as_deref().and_then(PageNo::parse);
    let date = m.date.as_deref().and_then(Date::parse).filter(|_| two);
    FileKeys {
        date: date.or(from_path.date),
        paper: m.paper.clone().filter(|_| two).or(from_path.paper),
        section: masthead_page
            .and_then(|_| MASTHEAD_SECTION.captures(&m.text).map(|c| c[1].to_string()))
            .or(from_path
                .section
                .filter(|_| masthead_page.is_none() || masthead_page == from_path.page)),
        page: masthead_page.or(from_path.page),
        article: from_path.article,
    }
}

/// The path's components as text: folders, then the file name without
/// its extension.
fn components(rel: &Path) -> Vec<String> {
    let mut comps: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if let Some(last) = comps.last_mut() {
        if let Some(stem) = Path::new(last.as_str()).file_stem() {
            *last = stem.to_string_lossy().into_owned();
        }
    }
    comps
}

/// Where in the path the date was found.
struct DateAt {
    date: Date,
    /// Index of the component holding it (the last one, for dates spread
    /// over folders).
    comp: usize,
    /// Byte range of the date inside that component.
    span: std::ops::Range<usize>,
}

/// A full date inside one component.
fn date_in(comp: &str) -> Option<(Date, std::ops::Range<usize>)> {
    for caps in PATH_DATE.captures_iter(comp) {
        let groups = [(1, 2, 3), (4, 5, 6), (7, 8, 9)];
        for (y, m, d) in groups {
            let (Some(yy), Some(mm), Some(dd)) = (caps.get(y), caps.get(m), caps.get(d)) else {
                continue;
            };
            let date = Date::new(
                yy.as_str().parse().ok()?,
                mm.as_str().parse().ok()?,
                dd.as_str().parse().ok()?,
            );
            if let Some(date) = date {
                return Some((date, yy.start()..dd.end()));
            }
        }
    }
    None
}

/// A date spread over folders that ends at component `i`: `2024/05/01`,
/// `2024-05/01`, `2024年5月/1日`.
fn date_ending_at(comps: &[String], i: usize) -> Option<Date> {
    let num = |r: &Regex, s: &str| -> Option<u32> {
        let c = r.captures(s)?;
        c.iter().skip(1).flatten().next()?.as_str().parse().ok()
    };
    let day = num(&DAY, &comps[i])?;
    let prev = comps.get(i.checked_sub(1)?)?;
    if let Some(c) = YEAR_MONTH.captures(prev) {
        let y: u16 = c[1].parse().ok()?;
        let m: u8 = c.iter().skip(2).flatten().next()?.as_str().parse().ok()?;
        return Date::new(y, m, u8::try_from(day).ok()?);
    }
    let month = num(&MONTH, prev)?;
    let year = num(&YEAR, comps.get(i.checked_sub(2)?)?)?;
    Date::new(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

/// The nearest date in the path (the file name first).
fn find_date(comps: &[String]) -> Option<DateAt> {
    (0..comps.len()).rev().find_map(|i| {
        if let Some((date, span)) = date_in(&comps[i]) {
            return Some(DateAt {
                date,
                comp: i,
                span,
            });
        }
        date_ending_at(comps, i).map(|date| DateAt {
            date,
            comp: i,
            span: 0..comps[i].len(),
        })
    })
}

/// Is this component a date or part of one (`2019`, `2019-10`, `10月`,
/// `20191001`)?
fn is_date_like(comp: &str) -> bool {
    date_in(comp).is_some()
        || YEAR.is_match(comp)
        || YEAR_MONTH.is_match(comp)
        || (comp.ends_with(['月', '日']) && MONTH.is_match(comp.trim_end_matches('日')))
}

/// A page written alone as a path component or token: `A05`, `p06`,
/// `page6`, `第01版`, `01版`, with the section name if one follows.
fn page_token(s: &str) -> Option<(PageNo, Option<String>)> {
    if let Some(c) = PAGE_LABEL.captures(s) {
        let label = c.get(1).or(c.get(2))?.as_str();
        return Some((
            PageNo::parse(label)?,
            c.get(3).map(|m| m.as_str().to_owned()),
        ));
    }
    let lower = s.to_ascii_lowercase();
    let digits = lower
        .strip_prefix("page")
        .or_else(|| lower.strip_prefix('p'))
        .map(|d| d.trim_start_matches(['-', '_']));
    if let Some(d) = digits.filter(|d| is_number(d)) {
        return Some((PageNo::parse(d)?, None));
    }
    let mut chars = s.chars();
    let first = chars.next()?;
    if first.is_ascii_alphabetic() && is_number(chars.as_str()) {
        return Some((PageNo::parse(s)?, None));
    }
    None
}

/// 1–3 ASCII digits.
fn is_number(s: &str) -> bool {
    (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// Split a file name into tokens at anything that is not a letter, digit
/// or Han character.
fn tokens(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || crate::text::chars::is_han(c)))
        .filter(|t| !t.is_empty())
}

fn path_keys(comps: &[String]) -> FileKeys {
    let mut keys = FileKeys::default();
    let Some(last) = comps.len().checked_sub(1) else {
        return keys;
    };
    let date = find_date(comps);
    keys.date = date.as_ref().map(|d| d.date);
    let stem = comps[last].as_str();
    // The file name, less its date when the date is in it.
    let (before, after) = match &date {
        Some(d) if d.comp == last => (&stem[..d.span.start], &stem[d.span.end..]),
        _ => ("", stem),
    };
    // Page and article from the file name: the whole rest of it first
    // (`第01版：要闻` with its section), else token by token.
    let mut numbers = Vec::new();
    if let Some((page, section)) = page_token(after) {
        keys.page = Some(page);
        keys.section = section;
    }
    for t in tokens(after) {
        if keys.page.is_none() {
            if let Some((page, section)) = page_token(t) {
                keys.page = Some(page);
                keys.section = section;
                continue;
            }
        }
        if is_number(t) {
            numbers.push(t);
        }
    }
    let mut numbers = numbers.into_iter();
    let date_comp = date.as_ref().map_or(0, |d| d.comp + 1);
    if keys.page.is_none() {
        // A page folder between the date and the file: the file's own
        // number is then the article.
        let folder_page = (date_comp..last).rev().find_map(|i| {
            let c = comps[i].as_str();
            // A bare number is a page folder only below a dated folder
            // (`2024-05-01/01/3.txt`), not a shard (`archive/3/00042.txt`).
            let numbered = date.is_some() && is_number(c);
            page_token(c).or_else(|| {
                numbered
                    .then(|| PageNo::parse(c))
                    .flatten()
                    .map(|p| (p, None))
            })
        });
        if let Some((page, section)) = folder_page {
            keys.page = Some(page);
            keys.section = section;
        } else if let Some(n) = numbers.next() {
            keys.page = PageNo::parse(n);
        }
    }
    keys.article = numbers
        .next()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0);
    // The paper: a word before the date in the file name, else the nearest
    // folder that is not a date, a page or a number.
    let prefix =
        before.trim_matches(|c: char| !(c.is_alphanumeric() || crate::text::chars::is_han(c)));
    keys.paper = if !prefix.is_empty()
        && prefix.chars().any(|c| c.is_alphabetic())
        && page_token(prefix).is_none()
    {
        Some(prefix.to_owned())
    } else {
        (0..last)
            .rev()
            .map(|i| comps[i].as_str())
            .find(|c| is_paper_folder(c))
            .map(str::to_owned)
    };
    keys
}

/// Can a folder's name be the paper's? Not when it is a date, a page, a
/// number or hidden.
fn is_paper_folder(c: &str) -> bool {
    !c.is_empty()
        && c.chars().any(char::is_alphabetic)
        && !is_date_like(c)
        && page_token(c).is_none()
}

//! The parsed issue: what the loader produces and everything else reads.
//!
//! The serde form of these types *is* the JSON of `kanbao export --format json`
//! (see `docs/format.md`), so field names and order here are part of the
//! public format: add fields, never rename or reorder them.

use serde::{Deserialize, Serialize};

/// The text encoding an issue file was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Encoding {
    /// UTF-8, with or without a BOM.
    #[serde(rename = "UTF-8")]
    Utf8,
    /// GB18030 (and so GBK / GB2312).
    #[serde(rename = "GB18030")]
    Gb18030,
    /// UTF-16 little-endian, with a BOM.
    #[serde(rename = "UTF-16LE")]
    Utf16Le,
    /// UTF-16 big-endian, with a BOM.
    #[serde(rename = "UTF-16BE")]
    Utf16Be,
    /// Big5 (Hong Kong and Taiwan papers), read as the WHATWG Big5, which
    /// includes the HKSCS characters.
    #[serde(rename = "Big5")]
    Big5,
}

impl Encoding {
    /// The name used in the JSON export (`"UTF-8"`, `"GB18030"`, …).
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Big5 => "Big5",
        }
    }

    /// Every encoding, in the order `--encoding` lists them.
    pub const ALL: [Encoding; 5] = [
        Encoding::Utf8,
        Encoding::Gb18030,
        Encoding::Big5,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
    ];
}

impl std::str::FromStr for Encoding {
    type Err = String;

    /// The JSON name in any case (`utf-8`, `big5`, …), or a common alias:
    /// `utf8`, `gbk`/`gb2312` (read as GB18030, their superset),
    /// `big5-hkscs`.
    fn from_str(s: &str) -> Result<Encoding, String> {
        let l = s.trim().to_ascii_lowercase();
        let alias = match l.as_str() {
            "utf8" => Some(Encoding::Utf8),
            "gbk" | "gb2312" | "cp936" => Some(Encoding::Gb18030),
            "big5-hkscs" | "cp950" => Some(Encoding::Big5),
            "utf16le" => Some(Encoding::Utf16Le),
            "utf16be" => Some(Encoding::Utf16Be),
            _ => None,
        };
        alias
            .or_else(|| {
                Encoding::ALL
                    .into_iter()
                    .find(|e| e.name().eq_ignore_ascii_case(&l))
            })
            .ok_or_else(|| {
                let names: Vec<&str> = Encoding::ALL.iter().map(|e| e.name()).collect();
                let names = names.join(", ");
                tr!(crate::lang::current();
                    "unknown encoding `{s}` (one of {names})",
                    "未知的编码 `{s}`（可用 {names}）"
                )
            })
    }
}

/// One newspaper issue (or one page of it), as parsed from one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// The file name, without folders.
    pub source: String,
    /// The encoding the file was decoded from.
    pub encoding: Encoding,
    /// The masthead line(s) at the top, if any.
    pub masthead: Option<Masthead>,
    /// Trailing credits (`责任编辑：… 版式：…`), if any.
    pub credits: Option<String>,
    /// Site chrome, in order: text of the web page around the paper's text
    /// (menus, page lists, source lines, footers, a deck printed twice).
    /// Kept so nothing is lost; never shown as an article.
    #[serde(default)]
    pub chrome: Vec<String>,
    /// The articles, in reading order.
    pub articles: Vec<Article>,
}

impl Issue {
    /// The text fields that hold the input's characters (FORMAT.md "Nothing
    /// lost"): every Han character and digit of the file is in exactly one
    /// of them. Derived copies (`authors`, `dateline`, the masthead's parts)
    /// are not among them.
    pub fn text_fields(&self) -> impl Iterator<Item = &str> {
        let issue = self.masthead.iter().map(|m| m.text.as_str());
        let issue = issue
            .chain(self.credits.as_deref())
            .chain(self.chrome.iter().map(String::as_str));
        issue.chain(self.articles.iter().flat_map(Article::text_fields))
    }
}

/// Issue metadata from the top of the file: paper name, date, page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Masthead {
    /// The masthead text as written (lines joined by a space).
    pub text: String,
    /// The paper's name (`衡阳日报`), if found.
    pub paper: Option<String>,
    /// The date as `YYYY-MM-DD`, if found.
    pub date: Option<String>,
    /// The page as written (`01`), if found.
    pub page: Option<String>,
}

/// One article: its headline group, byline, body and attachments.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Article {
    /// 引题: the line above the title.
    pub kicker: Option<String>,
    /// 主题: the title. `None` only for a body with no headline group
    /// (e.g. text continued from another page at the top of a file).
    pub title: Option<String>,
    /// 副题: the line below the title.
    pub subtitle: Option<String>,
    /// The byline as written, marker removed (`本报记者 陈 润`).
    pub byline: Option<String>,
    /// Author names: role words and padding removed (`陈润`). Derived from
    /// the byline, or from an embedded byline in the lead.
    pub authors: Vec<String>,
    /// The dateline the lead opens with (`本报讯`, `新华社北京7月1日电`).
    pub dateline: Option<String>,
    /// Body paragraphs, page breaks repaired, jump lines removed.
    pub paragraphs: Vec<String>,
    /// Photo captions standing in the article.
    pub captions: Vec<String>,
    /// Jump lines (`（下转第2版）`).
    pub jumps: Vec<Jump>,
    /// A trailing credit that closed the article (`（本报记者…报道）`,
    /// `（作者为…）`), as written.
    #[serde(default)]
    pub credit: Option<String>,
    /// Indices into `paragraphs` of the subheads (小标题): short lines the
    /// reader sets apart.
    #[serde(default)]
    pub subheads: Vec<usize>,
}

/// A jump line: the article continues on, or from, another page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jump {
    /// The jump line as written (`（下转第2版）`).
    pub text: String,
    /// Whether the article continues *to* another page or *from* one.
    pub direction: JumpDirection,
    /// The page as written (`"2"`).
    pub page: String,
}

/// Direction of a [`Jump`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JumpDirection {
    /// `下转`: continued on a later page.
    To,
    /// `上接`: continued from an earlier page.
    From,
}

impl Article {
    /// The title to show in lists: the title, else the first words of the body.
    pub fn display_title(&self) -> &str {
        self.title
            .as_deref()
            .or(self.paragraphs.first().map(String::as_str))
            .unwrap_or("")
    }

    /// The article's text fields (see [`Issue::text_fields`]).
    pub fn text_fields(&self) -> impl Iterator<Item = &str> {
        let deck = [&self.kicker, &self.title, &self.subtitle, &self.byline];
        deck.into_iter()
            .flatten()
            .map(String::as_str)
            .chain(self.paragraphs.iter().map(String::as_str))
            .chain(self.captions.iter().map(String::as_str))
            .chain(self.jumps.iter().map(|j| j.text.as_str()))
            .chain(self.credit.as_deref())
    }

    /// Number of Han characters in the body, for reading-time estimates.
    pub fn han_count(&self) -> usize {
        self.paragraphs
            .iter()
            .flat_map(|p| p.chars())
            .filter(|&c| crate::text::chars::is_han(c))
            .count()
    }
}

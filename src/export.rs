//! `kanbao export`: an issue as JSON (the FORMAT.md serialization), Markdown,
//! or a clean plain-text reading copy. Pure writers over `io::Write`.
//!
//! An issue of an archive (`kanbao export DIR`) also carries its [`Place`]
//! — path, date, paper, page — as extra fields beside FORMAT.md's (which
//! never change), a line under the Markdown heading, or a first line of
//! text.

use crate::model::{Article, Issue};
use crate::text::safe;
use serde::Serialize;
use std::io::{self, Write};

/// Where an issue of an archive stands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The file's path as walked.
    pub path: String,
    /// Its day (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Its paper.
    pub paper: Option<String>,
    /// Its page (`01`, `A05`).
    pub page: Option<String>,
    /// The page's section name (`要闻`).
    pub section: Option<String>,
}

impl Place {
    /// `2019-10-01 · 人民日报 · 第01版：要闻 · PATH`: the parts known.
    pub fn line(&self) -> String {
        let page = self.page.as_ref().map(|p| match &self.section {
            Some(s) => format!("第{p}版：{s}"),
            None => format!("第{p}版"),
        });
        let parts = [
            self.date.clone(),
            self.paper.clone(),
            page,
            Some(self.path.clone()),
        ];
        parts.into_iter().flatten().collect::<Vec<_>>().join(" · ")
    }
}

/// An issue with its place: FORMAT.md's fields, then the place's.
#[derive(Serialize)]
struct Placed<'a> {
    #[serde(flatten)]
    issue: &'a Issue,
    #[serde(flatten)]
    place: &'a Place,
}

/// Write `issue` of an archive in `format`, with its place: one JSON line
/// (JSON Lines over an archive), or a document followed by a blank line.
pub fn write_placed(
    issue: &Issue,
    place: &Place,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer(&mut *out, &Placed { issue, place })?;
            writeln!(out)
        }
        Format::Markdown => {
            write_markdown(issue, Some(place), out)?;
            writeln!(out)
        }
        Format::Text => {
            writeln!(out, "{}\n", safe::line(&place.line()))?;
            write_text(issue, out)?;
            writeln!(out)
        }
    }
}

/// Output formats of `kanbao export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Pretty JSON, exactly the structure of FORMAT.md.
    Json,
    /// Markdown: a heading per article, kicker/subtitle, byline, paragraphs.
    Markdown,
    /// A clean plain-text reading copy.
    Text,
}

/// Write `issue` in `format`.
pub fn write(issue: &Issue, format: Format, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, issue)?;
            writeln!(out)
        }
        Format::Markdown => write_markdown(issue, None, out),
        Format::Text => write_text(issue, out),
    }
}

/// Write one issue as a single JSON line (for JSON Lines over an archive).
pub fn write_json_line(issue: &Issue, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer(&mut *out, issue)?;
    writeln!(out)
}

/// Escape text so Markdown shows it literally: inline markup characters,
/// and block markers at the start of a line.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    let starts_block = out.starts_with(['#', '-', '+', '=', '~'])
        || out
            .split_once('.')
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if starts_block {
        out.insert(0, '\\');
    }
    out
}

fn write_markdown(issue: &Issue, place: Option<&Place>, out: &mut dyn Write) -> io::Result<()> {
    // The heading may be the file's name: shown safe, like every name.
    let heading = issue
        .masthead
        .as_ref()
        .map_or(issue.source.as_str(), |m| m.text.as_str());
    writeln!(out, "# {}\n", safe::line(&md_escape(heading)))?;
    if let Some(p) = place {
        writeln!(out, "*{}*\n", safe::line(&md_escape(&p.line())))?;
    }
    for a in &issue.articles {
        write_article_markdown(a, out)?;
    }
    if let Some(c) = &issue.credits {
        writeln!(out, "---\n\n{}", md_escape(c))?;
    }
    Ok(())
}

/// One article as Markdown: kicker, heading, subtitle, byline, paragraphs,
/// captions as quotes, jump lines.
pub fn write_article_markdown(a: &Article, out: &mut dyn Write) -> io::Result<()> {
    if let Some(k) = &a.kicker {
        writeln!(out, "*{}*\n", md_escape(k))?;
    }
    writeln!(out, "## {}\n", md_escape(a.display_title()))?;
    if let Some(s) = &a.subtitle {
        writeln!(out, "**{}**\n", md_escape(s))?;
    }
    if let Some(b) = &a.byline {
        writeln!(out, "{}\n", md_escape(b))?;
    }
    for (i, p) in a.paragraphs.iter().enumerate() {
        if a.subheads.contains(&i) {
            writeln!(out, "**{}**\n", md_escape(p))?;
        } else {
            writeln!(out, "{}\n", md_escape(p))?;
        }
    }
    for c in &a.captions {
        writeln!(out, "> {}\n", md_escape(c))?;
    }
    for j in &a.jumps {
        writeln!(out, "*{}*\n", md_escape(&j.text))?;
    }
    if let Some(c) = &a.credit {
        writeln!(out, "{}\n", md_escape(c))?;
    }
    Ok(())
}

fn write_article_text(a: &Article, out: &mut dyn Write) -> io::Result<()> {
    for line in [&a.kicker, &a.title, &a.subtitle].into_iter().flatten() {
        writeln!(out, "{line}")?;
    }
    if let Some(b) = &a.byline {
        writeln!(out, "{b}")?;
    }
    for (i, p) in a.paragraphs.iter().enumerate() {
        if a.subheads.contains(&i) {
            // A subhead stands flush left, as print sets it apart.
            writeln!(out, "\n{p}")?;
        } else {
            // Two ideographic spaces: the paragraph indent of Chinese print.
            writeln!(out, "\n\u{3000}\u{3000}{p}")?;
        }
    }
    for c in &a.captions {
        writeln!(out, "\n{c}")?;
    }
    for j in &a.jumps {
        writeln!(out, "\n{}", j.text)?;
    }
    if let Some(c) = &a.credit {
        writeln!(out, "\n{c}")?;
    }
    Ok(())
}

fn write_text(issue: &Issue, out: &mut dyn Write) -> io::Result<()> {
    if let Some(m) = &issue.masthead {
        writeln!(out, "{}\n", m.text)?;
    }
    for (i, a) in issue.articles.iter().enumerate() {
        if i > 0 {
            writeln!(out, "\n")?;
        }
        write_article_text(a, out)?;
    }
    if let Some(c) = &issue.credits {
        writeln!(out, "\n\n{c}")?;
    }
    Ok(())
}

/// One article as clean text (for the clipboard and the pager).
pub fn article_text(a: &Article) -> String {
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write_article_text(a, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

//! Sharing the open article: `y` copies it as clean text and `Y` as
//! Markdown to the system clipboard (OSC 52), `o` shows it in `$PAGER`.
//!
//! [`share`] is called from `update`: it only builds the payload and
//! returns it in an [`Effect`]. The run loop's host (`tui::host`) writes
//! the clipboard escape and runs the pager.

use super::state::App;
use crate::action::{Action, Effect};
use crate::lang::Lang;
use crate::model::{Article, Issue};
use crate::{export, share as fmt};

/// The effect of a sharing action on the open article (pure: no I/O).
pub fn share(app: &mut App, action: Action) -> Effect {
    let Some(article) = app.issue.articles.get(app.view.open) else {
        app.message = Some(tr!(app.lang; "no article to share", "没有可分享的文章"));
        return Effect::Redraw;
    };
    match action {
        Action::CopyText | Action::CopyMarkdown => {
            let markdown = action == Action::CopyMarkdown;
            let text = copy_payload(&app.issue, article, markdown, app.opts.punct);
            app.message = Some(copied_message(&text, app.lang));
            Effect::Clipboard(text)
        }
        Action::OpenInPager => {
            Effect::Pager(as_shown(export::article_text(article), app.opts.punct))
        }
        _ => Effect::None,
    }
}

/// What `y` (text) or `Y` (Markdown) copies: the article as the reader
/// shows it (`punct`: full-width punctuation display), then a line saying
/// where it is from, so a pasted copy still names its paper.
pub fn copy_payload(issue: &Issue, article: &Article, markdown: bool, punct: bool) -> String {
    let source = source_line(issue);
    let text = if markdown {
        format!("{}\n> {source}\n", fmt::article_markdown(article))
    } else {
        format!("{}\n{source}\n", export::article_text(article))
    };
    as_shown(text, punct)
}

/// `text` with punctuation as the reading pane shows it, when it does.
fn as_shown(text: String, punct: bool) -> String {
    match crate::text::punct::shown(&text, punct) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(shown) => shown,
    }
}

/// `来源 source: 衡阳日报 2020-07-02 第01版`, from the masthead (else the
/// file name).
pub fn source_line(issue: &Issue) -> String {
    let m = issue.masthead.as_ref();
    let parts: Vec<String> = [
        m.and_then(|m| m.paper.clone()),
        m.and_then(|m| m.date.clone()),
        m.and_then(|m| m.page.as_ref().map(|p| format!("第{p}版"))),
    ]
    .into_iter()
    .flatten()
    .collect();
    let name = if parts.is_empty() {
        issue.source.clone()
    } else {
        parts.join(" ")
    };
    format!("来源 source: {name}")
}

/// `sent 1234 characters to the terminal's clipboard` (characters, not
/// bytes: that is what a reader of Chinese text counts). OSC 52 has no
/// answer, so whether the clipboard took it cannot be known: never
/// "copied".
pub fn copied_message(text: &str, lang: Lang) -> String {
    let n = text.chars().count();
    tr!(lang; "sent {n} characters to the terminal's clipboard", "已把 {n} 个字发送到终端剪贴板")
}

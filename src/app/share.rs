//! Sharing the open article: `y` copies it as clean text and `Y` as
//! Markdown to the system clipboard (OSC 52), `o` shows it in `$PAGER`.
//!
//! [`share`] is called from `update`: it only builds the payload and
//! returns it in an [`Effect`]. The run loop's host (`tui::host`) writes
//! the clipboard escape and runs the pager.

use super::state::App;
use crate::action::{Action, Effect};
use crate::{export, share as fmt};

/// The effect of a sharing action on the open article (pure: no I/O).
pub fn share(app: &mut App, action: Action) -> Effect {
    let Some(article) = app.issue.articles.get(app.view.open) else {
        app.message = Some("no article to share / 没有文章".into());
        return Effect::Redraw;
    };
    match action {
        Action::CopyText | Action::CopyMarkdown => {
            let text = if action == Action::CopyText {
                export::article_text(article)
            } else {
                fmt::article_markdown(article)
            };
            app.message = Some(copied_message(&text));
            Effect::Clipboard(text)
        }
        Action::OpenInPager => Effect::Pager(export::article_text(article)),
        _ => Effect::None,
    }
}

/// `copied 1234 characters` (characters, not bytes: that is what a reader
/// of Chinese text counts).
pub fn copied_message(text: &str) -> String {
    format!("copied {} characters / 已复制", text.chars().count())
}

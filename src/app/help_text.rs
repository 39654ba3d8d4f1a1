//! What the help overlay says: the config problems, the session's
//! messages, a heading per keymap context with its rows (keys, the action
//! name a config file binds, what it does) and the mouse. Here, below
//! `ui`, so `update` can scroll the overlay to exactly its last line.

use super::state::App;
use crate::input::keymap::Context;
use crate::text::width::{AmbiguousWidth, grapheme_width, str_width};
use unicode_segmentation::UnicodeSegmentation;

/// The overlay's lines, `(is a heading, text)`. With `names` false (a
/// narrow window) the action names go and the descriptions stay.
pub fn help_lines(app: &App, names: bool) -> Vec<(bool, String)> {
    let mut out = Vec::new();
    if !app.config_errors.is_empty() {
        out.push((true, "配置问题 / config problems".to_string()));
        out.extend(app.config_errors.iter().map(|e| (false, e.clone())));
        out.push((false, String::new()));
    }
    if !app.log.is_empty() {
        out.push((true, "消息 / messages, newest first".to_string()));
        out.extend(app.log.iter().rev().map(|m| (false, m.clone())));
        out.push((false, String::new()));
    }
    for (ctx, heading) in [
        (Context::Main, "阅读 / reading"),
        (Context::Help, "帮助窗口 / in this help"),
        (Context::Picker, "报刊与书签列表 / issue and bookmark lists"),
        (Context::Search, "搜索栏 / in the search bar"),
    ] {
        out.push((true, heading.to_string()));
        for (keys, action) in app.keymap.help_rows(ctx) {
            let desc = action.description();
            out.push((
                false,
                if names {
                    // The action's name is what a config file binds keys to.
                    let name = action.name().unwrap_or_default();
                    format!("{keys:<16}{name:<16}{desc}")
                } else {
                    format!("{keys:<16}{desc}")
                },
            ));
        }
        out.push((false, String::new()));
    }
    out.push((true, "鼠标 / mouse".to_string()));
    for (what, desc) in MOUSE {
        out.push((false, format!("{what:<16}{desc}")));
    }
    out
}

/// What the mouse does (not rebindable, so not in the keymap).
const MOUSE: [(&str, &str); 2] = [
    ("click", "点击标题打开 / a headline: open it"),
    ("wheel", "滚动 / scroll the pane or list under the pointer"),
];

/// Rows of text the overlay shows in a terminal `height` rows high (the
/// status row and the box's two borders taken off).
pub fn visible_rows(height: u16) -> usize {
    usize::from(height.saturating_sub(3)).max(1)
}

/// The overlay's lines in a terminal `width` columns wide: with the action
/// names when they fit, and every line longer than the box folded onto
/// more lines, so a long message or config problem is read whole.
pub fn overlay_lines(app: &App, width: u16) -> Vec<(bool, String)> {
    let amb = app.opts.ambiguous;
    // The box's borders and a column of padding each side.
    let inner = usize::from(width.saturating_sub(4)).max(1);
    let widest = |lines: &[(bool, String)]| {
        lines
            .iter()
            .map(|(_, l)| str_width(l, amb))
            .max()
            .unwrap_or(0)
    };
    let mut lines = help_lines(app, true);
    if widest(&lines) > inner {
        lines = help_lines(app, false);
    }
    lines
        .into_iter()
        .flat_map(|(heading, line)| {
            fold(&line, inner, amb)
                .into_iter()
                .map(move |part| (heading, part))
        })
        .collect()
}

/// `line` in pieces of at most `width` columns (whole graphemes).
fn fold(line: &str, width: usize, amb: AmbiguousWidth) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut used = 0;
    for g in line.graphemes(true) {
        let w = grapheme_width(g, amb);
        if used + w > width && used > 0 {
            out.push(String::new());
            used = 0;
        }
        if let Some(last) = out.last_mut() {
            last.push_str(g);
        }
        used += w;
    }
    out
}

/// The largest scroll offset that still fills the overlay in a terminal
/// of `area`'s size.
pub fn max_scroll(app: &App, width: u16, height: u16) -> usize {
    overlay_lines(app, width)
        .len()
        .saturating_sub(visible_rows(height))
}

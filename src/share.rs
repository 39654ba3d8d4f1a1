//! Sharing an article: the OSC 52 escape that puts text on the system
//! clipboard through the terminal (works over ssh, and in tmux through its
//! passthrough), and the article as Markdown.

use crate::model::Article;
use base64::Engine;

/// The OSC 52 sequence that sets the clipboard to `text`. Inside tmux
/// (`in_tmux`), it is wrapped in tmux's DCS passthrough so tmux hands it to
/// the outer terminal (tmux ≥ 3.3 also needs `allow-passthrough on`, or
/// `set-clipboard on`, which understands the bare sequence too).
pub fn osc52(text: &str, in_tmux: bool) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let seq = format!("\u{1b}]52;c;{b64}\u{7}");
    if in_tmux {
        // Inside the passthrough every ESC is doubled.
        format!(
            "\u{1b}Ptmux;{}\u{1b}\\",
            seq.replace('\u{1b}', "\u{1b}\u{1b}")
        )
    } else {
        seq
    }
}

/// What to write to put `text` on the clipboard: inside tmux the
/// passthrough-wrapped sequence (for the outer terminal, with
/// `allow-passthrough on`) and then the bare one, which tmux itself stores
/// in its paste buffer and forwards when `set-clipboard` is on; outside
/// tmux the bare sequence.
pub fn clipboard_sequences(text: &str, in_tmux: bool) -> String {
    if in_tmux {
        osc52(text, true) + &osc52(text, false)
    } else {
        osc52(text, false)
    }
}

/// Whether we run inside tmux.
pub fn in_tmux() -> bool {
    std::env::var_os("TMUX").is_some_and(|v| !v.is_empty())
}

/// One article as Markdown (the same shape `kanbao export --format
/// markdown` gives each article).
pub fn article_markdown(a: &Article) -> String {
    let mut buf = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = crate::export::write_article_markdown(a, &mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_encodes_utf8() {
        assert_eq!(osc52("看报", false), "\u{1b}]52;c;55yL5oql\u{7}");
        assert_eq!(
            osc52("看报", true),
            "\u{1b}Ptmux;\u{1b}\u{1b}]52;c;55yL5oql\u{7}\u{1b}\\"
        );
    }
}

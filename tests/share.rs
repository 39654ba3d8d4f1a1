//! Sharing: `y`/`Y` return a clipboard effect with the article as text /
//! Markdown, `o` a pager effect with the text; the OSC 52 escape decodes
//! back to exactly that text. `update` itself writes nothing.

mod ui_support;

use base64::Engine;
use kanbao::action::{Action, Effect};
use kanbao::app::share::{copied_message, copy_payload, source_line};
use kanbao::app::{App, ReaderOptions};
use kanbao::export::article_text;
use kanbao::share::{article_markdown, clipboard_sequences, osc52};
use kanbao::tui::host::write_clipboard;
use ratatui::layout::Rect;
use ui_support::{Harness, fixture_issue};

fn harness() -> Harness {
    Harness::new(fixture_issue(), ReaderOptions::default(), 100, 30)
}

/// The text inside an OSC 52 sequence (bare or in tmux's passthrough).
fn decode_osc52(seq: &str) -> String {
    let seq = match seq.strip_prefix("\u{1b}Ptmux;") {
        Some(inner) => inner
            .strip_suffix("\u{1b}\\")
            .expect("passthrough end")
            .replace("\u{1b}\u{1b}", "\u{1b}"),
        None => seq.to_owned(),
    };
    let b64 = seq
        .strip_prefix("\u{1b}]52;c;")
        .and_then(|s| s.strip_suffix('\u{7}'))
        .expect("an OSC 52 set-clipboard sequence");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .expect("base64");
    String::from_utf8(bytes).expect("utf-8")
}

#[test]
fn y_copies_the_open_article_as_text() {
    let mut h = harness();
    h.keys(&["]", "]"]);
    let text = article_text(&h.app.issue.articles[2]);
    assert!(text.contains("幸福的家庭"), "{text}");
    let want = copy_payload(&h.app.issue, &h.app.issue.articles[2], false, true);
    assert!(want.starts_with(&text), "the article first");
    assert!(
        want.trim_end()
            .ends_with("来源 source: 衡阳日报 2020-07-02 第01版"),
        "then where it is from: {want}"
    );
    assert_eq!(h.press("y"), Effect::Clipboard(want.clone()));
    let msg = h.app.message.clone().expect("a status message");
    assert_eq!(msg, copied_message(&want, h.app.lang));
    // OSC 52 has no answer: never claim the clipboard took it.
    assert!(
        msg.starts_with(&format!("sent {} characters", want.chars().count())),
        "{msg}"
    );
    assert!(!msg.contains("copied"), "{msg}");
    h.draw();
    assert!(h.screen().contains("sent "), "shown in the status bar");
}

#[test]
fn shift_y_copies_markdown_and_o_pages_text() {
    let mut h = harness();
    h.press("]");
    let article = h.app.issue.articles[1].clone();
    let md = article_markdown(&article);
    assert!(md.starts_with("## "), "{md}");
    let source = source_line(&h.app.issue);
    assert_eq!(
        h.press("Y"),
        Effect::Clipboard(format!("{md}\n> {source}\n"))
    );
    assert_eq!(h.press("o"), Effect::Pager(article_text(&article)));
}

#[test]
fn osc52_payload_decodes_to_the_article() {
    let mut app = App::new(fixture_issue(), ReaderOptions::default());
    let area = Rect::new(0, 0, 100, 30);
    app.sync(area);
    let Effect::Clipboard(text) = app.apply(Action::CopyText, area) else {
        panic!("y must ask for the clipboard");
    };
    assert!(text.starts_with(&article_text(&app.issue.articles[0])));
    for tmux in [false, true] {
        let seq = osc52(&text, tmux);
        assert!(
            !seq.contains('\n') && !seq.contains("“"),
            "payload is base64"
        );
        assert_eq!(decode_osc52(&seq), text, "tmux: {tmux}");
    }
    // Inside tmux: the wrapped sequence for the outer terminal, then the
    // bare one that tmux stores itself (`set-clipboard on`).
    let both = clipboard_sequences(&text, true);
    let wrapped = osc52(&text, true);
    let bare = both.strip_prefix(&wrapped).expect("wrapped first");
    assert_eq!(bare, osc52(&text, false));
    assert_eq!(decode_osc52(bare), text);
    assert_eq!(clipboard_sequences(&text, false), osc52(&text, false));
    // What the run loop writes (depending on $TMUX).
    let mut out = Vec::new();
    write_clipboard(&mut out, &text).expect("write to a Vec");
    let out = String::from_utf8(out).expect("utf-8");
    let last = out.rfind("\u{1b}]52;").map_or(out.as_str(), |i| &out[i..]);
    assert_eq!(decode_osc52(last), text);
}

#[test]
fn sharing_keys_do_nothing_in_help_and_without_articles() {
    let mut h = harness();
    h.press("?");
    assert_eq!(h.press("y"), Effect::None);
    assert_eq!(h.press("o"), Effect::None);

    let mut issue = fixture_issue();
    issue.articles.clear();
    let mut app = App::new(issue, ReaderOptions::default());
    let area = Rect::new(0, 0, 80, 24);
    app.sync(area);
    assert_eq!(app.apply(Action::CopyText, area), Effect::Redraw);
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("no article"))
    );
    assert_eq!(app.apply(Action::OpenInPager, area), Effect::Redraw);
}

#[test]
fn sharing_keys_are_in_help() {
    let h = harness();
    let help = kanbao::ui::help::help_lines(&h.app)
        .into_iter()
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join("\n");
    // Each row: keys, the action's config name, its description.
    for (key, name, what) in [
        ("y ", "copy_text", "copy as text"),
        ("Y ", "copy_markdown", "Markdown"),
        ("o ", "open_in_pager", "$PAGER"),
    ] {
        assert!(
            help.lines()
                .any(|l| l.starts_with(key) && l.contains(name) && l.contains(what)),
            "{key}{name} {what}:\n{help}"
        );
    }
}

/// Regression: the first key of a session must not lose its payload to the
/// state save that opening the issue triggers (it came out as `SaveState`).
#[test]
fn first_key_of_a_session_keeps_its_payload() {
    use kanbao::action::Effect;
    use kanbao::app::{App, ReaderOptions};
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let mut app = App::single(
        kanbao::archive::sample(),
        Default::default(),
        ReaderOptions::default(),
    );
    let area = ratatui::layout::Rect::new(0, 0, 100, 30);
    app.sync(area);
    let o = Event::Key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE));
    match app.handle_event(&o, area) {
        Effect::Pager(text) => {
            // As the reading pane shows it: `,` between Han as `，`.
            let stored = kanbao::export::article_text(&app.issue.articles[0]);
            assert_eq!(text, kanbao::text::punct::display(&stored));
            assert!(stored.contains(',') && !text.contains(','), "{text}");
        }
        other => panic!("expected the pager, got {other:?}"),
    }
}

//! The config file in a scripted session (no terminal): overrides change
//! what keys do, flags win over the file, and problems reach the status
//! bar and the help overlay without stopping the reader.

mod ui_support;

use kanbao::config::{self, AmbiguousSetting};
use kanbao::text::width::AmbiguousWidth;
use kanbao::tui::configure::{apply_probe, load_config, prepare};
use ui_support::{Harness, fixture_issue};

fn harness_with(text: &str, flag: Option<AmbiguousSetting>) -> (Harness, bool) {
    let (config, errors) = config::parse(text, "/cfg/kanbao.toml");
    let (app, probe) = prepare(fixture_issue(), &config, &errors, flag);
    (Harness::from_app(app, 100, 30), probe)
}

#[test]
fn next_article_rebound_to_z() {
    let (mut h, _) = harness_with("[keys.main]\nnext_article = [\"z\"]\n", None);
    assert!(h.app.config_errors.is_empty(), "{:?}", h.app.config_errors);
    h.keys(&["]"]);
    assert_eq!(h.app.view.open, 0, "`]` no longer opens the next article");
    h.keys(&["z", "z"]);
    assert_eq!(h.app.view.open, 2, "`z` does");
    let screen = h.screen();
    assert!(screen.contains("z next"), "hints follow: {screen}");
}

#[test]
fn flag_wins_over_the_file() {
    let (h, probe) = harness_with(
        "[reader]\nambiguous_width = 1\n",
        Some(AmbiguousSetting::Fixed(AmbiguousWidth::Wide)),
    );
    assert_eq!(h.app.opts.ambiguous, AmbiguousWidth::Wide);
    assert!(!probe);
    let (h, probe) = harness_with("[reader]\nambiguous_width = 2\nmeasure = 40\n", None);
    assert_eq!(h.app.opts.ambiguous, AmbiguousWidth::Wide);
    assert_eq!(h.app.opts.measure, 40);
    assert!(!probe);
    let (mut h, probe) = harness_with(
        "[reader]\nambiguous_width = 2\n",
        Some(AmbiguousSetting::Auto),
    );
    assert!(probe, "auto asks the run loop to probe");
    assert_eq!(
        h.app.opts.ambiguous,
        AmbiguousWidth::Narrow,
        "until it answers"
    );
    apply_probe(&mut h.app, Some(AmbiguousWidth::Wide));
    assert_eq!(h.app.opts.ambiguous, AmbiguousWidth::Wide);
    apply_probe(&mut h.app, None);
    assert_eq!(h.app.opts.ambiguous, AmbiguousWidth::Narrow);
    assert!(
        h.app
            .message
            .as_deref()
            .is_some_and(|m| m.contains("did not answer"))
    );
}

#[test]
fn problems_show_in_status_bar_and_help() {
    let (mut h, _) = harness_with(
        "[reader]\nmeasure = \"wide\"\n\n[keys.main]\nquit = [\"j\"]\n",
        None,
    );
    assert_eq!(h.app.config_errors.len(), 2, "{:?}", h.app.config_errors);
    let screen = h.screen();
    assert!(
        screen.contains("config: /cfg/kanbao.toml:2: reader.measure"),
        "{screen}"
    );
    assert_eq!(h.app.opts.measure, 80, "the default stands in");
    // The message goes with the next key; the help overlay keeps the list.
    h.keys(&["?"]);
    let help: Vec<String> = kanbao::ui::help::help_lines(&h.app)
        .into_iter()
        .map(|(_, l)| l)
        .collect();
    assert_eq!(help[0], "配置问题 / config problems");
    assert!(
        help[2].starts_with("/cfg/kanbao.toml:5: keys.main.quit: key `j`"),
        "{help:?}"
    );
    // `q` still quits (the conflicting override was dropped, not `quit`'s keys).
    h.keys(&["esc"]);
    assert!(h.keys(&["q"]));
}

#[test]
fn missing_config_file_is_reported_not_fatal() {
    let (config, errors) = load_config(Some(std::path::Path::new("/nonexistent/kanbao.toml")));
    let (app, _) = prepare(fixture_issue(), &config, &errors, None);
    let msg = app.message.expect("a status message");
    assert!(
        msg.starts_with("config: /nonexistent/kanbao.toml: "),
        "{msg}"
    );
}

/// The open bar's right-hand text, and the status row as drawn.
fn bar_hint(h: &mut Harness) -> (String, String) {
    let screen = h.screen();
    let row = screen.lines().last().unwrap_or_default().to_string();
    (kanbao::ui::search_bar::bar_status(&h.app), row)
}

#[test]
fn search_bar_hint_names_the_bound_scope_key() {
    // Defaults: the empty bar offers Ctrl-T.
    let (mut h, _) = harness_with("", None);
    h.keys(&["/"]);
    let (hint, row) = bar_hint(&mut h);
    assert_eq!(hint, "Ctrl-T scope");
    assert!(row.contains("Ctrl-T scope"), "{row:?}");
    // `[keys.search] search_scope` rebinds it: the hint follows, and the
    // new key changes the scope.
    let (mut h, _) = harness_with("[keys.search]\nsearch_scope = \"ctrl-s\"\n", None);
    assert!(h.app.config_errors.is_empty(), "{:?}", h.app.config_errors);
    h.keys(&["/"]);
    let (hint, row) = bar_hint(&mut h);
    assert_eq!(hint, "Ctrl-S scope");
    assert!(row.contains("Ctrl-S scope"), "{row:?}");
    assert!(!row.contains("Ctrl-T"), "{row:?}");
    h.keys(&["ctrl-s"]);
    assert_eq!(bar_hint(&mut h).0, "[this article 本文] Ctrl-S scope");
    // No key for it: no hint.
    let (mut h, _) = harness_with("[keys.search]\nsearch_scope = []\n", None);
    assert!(h.app.config_errors.is_empty(), "{:?}", h.app.config_errors);
    h.keys(&["/"]);
    let (hint, row) = bar_hint(&mut h);
    assert_eq!(hint, "");
    assert!(!row.contains("scope"), "{row:?}");
}

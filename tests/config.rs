//! The config file: values, and every kind of error naming file, line and key.

use kanbao::config::{self, AmbiguousSetting, Config};
use kanbao::text::{width::AmbiguousWidth, wrap::LineBreakRule};

#[test]
fn values_are_read() {
    let (c, errors) = config::parse(
        "[reader]\nmeasure = 61\nparagraph_spacing = false\nfullwidth_punctuation = false\nline_breaking = \"strict\"\nambiguous_width = 2\n\n[theme]\naccent = \"#ff8800\"\n\n[keys.main]\nnext_article = [\"z\", \"ctrl-n\"]\nquit = \"x\"\n",
        "c.toml",
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(c.reader.measure, 60, "rounded down to even");
    assert!(!c.reader.paragraph_spacing && !c.reader.fullwidth_punctuation);
    assert_eq!(c.reader.line_breaking, LineBreakRule::Strict);
    assert_eq!(
        c.reader.ambiguous_width,
        AmbiguousSetting::Fixed(AmbiguousWidth::Wide)
    );
    assert_eq!(c.theme.accent, "#ff8800");
    assert_eq!(c.keys["main"]["next_article"], ["z", "ctrl-n"]);
    assert_eq!(c.keys["main"]["quit"], ["x"]);
    let (auto, _) = config::parse("[reader]\nambiguous_width = \"auto\"\n", "c.toml");
    assert_eq!(auto.reader.ambiguous_width, AmbiguousSetting::Auto);
}

#[test]
fn empty_file_is_the_defaults() {
    let (c, errors) = config::parse("", "c.toml");
    assert!(errors.is_empty());
    assert_eq!(c, Config::default());
}

fn one_error(text: &str) -> String {
    let (c, errors) = config::parse(text, "/home/u/.config/kanbao/config.toml");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(c.reader, Config::default().reader, "defaults stand in");
    errors[0].to_string()
}

#[test]
fn unknown_key_names_file_line_and_key() {
    assert_eq!(
        one_error("[reader]\nmeasure = 80\nmesure = 70\n"),
        "/home/u/.config/kanbao/config.toml:3: reader.mesure: unknown key"
    );
    assert!(
        one_error("\n[colours]\na = 1\n")
            .starts_with("/home/u/.config/kanbao/config.toml:2: colours: unknown section")
    );
}

#[test]
fn bad_values_name_the_key() {
    let e = one_error("[reader]\n\nline_breaking = \"loose\"\n");
    assert!(
        e.starts_with("/home/u/.config/kanbao/config.toml:3: reader.line_breaking: expected"),
        "{e}"
    );
    let e = one_error("[reader]\nmeasure = 5\n");
    assert!(e.contains(":2: reader.measure: expected a width"), "{e}");
    let e = one_error("[reader]\nambiguous_width = 3\n");
    assert!(e.contains("reader.ambiguous_width"), "{e}");
    let e = one_error("[theme]\naccent = \"chartreuse-ish\"\n");
    assert!(e.contains(":2: theme.accent: expected a colour"), "{e}");
    let e = one_error("[keys.main]\nquit = 3\n");
    assert!(e.contains(":2: keys.main.quit: expected a key"), "{e}");
}

#[test]
fn syntax_errors_have_a_line() {
    let e = one_error("[reader]\nmeasure = \n");
    assert!(
        e.starts_with("/home/u/.config/kanbao/config.toml:2: "),
        "{e}"
    );
}

#[test]
fn missing_files() {
    let (c, errors) = config::load(std::path::Path::new("/nonexistent/kanbao.toml"), false);
    assert!(errors.is_empty());
    assert_eq!(c, Config::default());
    let (_, errors) = config::load(std::path::Path::new("/nonexistent/kanbao.toml"), true);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]
            .to_string()
            .starts_with("/nonexistent/kanbao.toml: ")
    );
}

#[test]
fn unknown_action_names_file_line_and_key() {
    let (c, errors) = config::parse(
        "[keys.main]\nquit = \"x\"\nexplode = [\"e\"]\n",
        "/home/u/.config/kanbao/config.toml",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].to_string(),
        "/home/u/.config/kanbao/config.toml:3: keys.main.explode: unknown action"
    );
    assert!(!c.keys["main"].contains_key("explode"), "entry dropped");
    assert_eq!(c.keys["main"]["quit"], ["x"], "the good entry stays");
}

#[test]
fn unparsable_key_names_the_key() {
    let (c, errors) = config::parse(
        "[keys.main]\n\nnext_article = [\"z\", \"ctrl-shift-banana\"]\n",
        "c.toml",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = errors[0].to_string();
    assert_eq!(
        e,
        "c.toml:3: keys.main.next_article: unknown key `ctrl-shift-banana`"
    );
    assert_eq!(c.keys["main"]["next_article"], ["z"], "the good key stays");
}

#[test]
fn unknown_context_names_its_section() {
    let (c, errors) = config::parse(
        "[keys.main]\nquit = \"x\"\n\n[keys.serch]\nquit = \"q\"\n",
        "c.toml",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].to_string(),
        "c.toml:4: keys.serch: unknown context"
    );
    assert!(!c.keys.contains_key("serch"));
}

#[test]
fn key_conflicts_are_errors_and_the_key_stays_put() {
    use kanbao::action::Action;
    use kanbao::input::key::{Key, KeyChord};
    use kanbao::input::keymap::{Context, Keymap};
    // `j` still belongs to `down`, which is not rebound.
    let (c, errors) = config::parse("[keys.main]\nquit = [\"x\", \"j\"]\n", "c.toml");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].to_string(),
        "c.toml:2: keys.main.quit: key `j` is also bound to down; it stays there"
    );
    assert_eq!(c.keys["main"]["quit"], ["x"]);
    let mut map = Keymap::default();
    assert!(map.apply_overrides(keys_of(&c)).is_empty());
    let key = |ch| KeyChord::plain(Key::Char(ch));
    assert_eq!(map.resolve(Context::Main, key('j')), Some(Action::Down));
    assert_eq!(map.resolve(Context::Main, key('x')), Some(Action::Quit));
    // Two overrides claiming one key: the second (in file order of the
    // table) is reported.
    let (_, errors) = config::parse(
        "[keys.main]\ndown = \"z\"\nnext_article = \"z\"\n",
        "c.toml",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0]
            .to_string()
            .starts_with("c.toml:3: keys.main.next_article: key `z` is also bound to down")
    );
    // Swapping two actions' keys is not a conflict.
    let (c, errors) = config::parse("[keys.main]\ndown = \"k\"\nup = \"j\"\n", "c.toml");
    assert!(errors.is_empty(), "{errors:?}");
    let mut map = Keymap::default();
    assert!(map.apply_overrides(keys_of(&c)).is_empty());
    assert_eq!(map.resolve(Context::Main, key('k')), Some(Action::Down));
    assert_eq!(map.resolve(Context::Main, key('j')), Some(Action::Up));
    // Same key in another context is fine.
    let (_, errors) = config::parse(
        "[keys.help]\nclose_help = \"x\"\n[keys.main]\nquit = \"x\"\n",
        "c.toml",
    );
    assert!(errors.is_empty(), "{errors:?}");
}

/// `[keys.*]` in the shape `Keymap::apply_overrides` takes.
type Overrides<'a> = Vec<(&'a str, Vec<(&'a str, &'a [String])>)>;

fn keys_of(c: &Config) -> Overrides<'_> {
    c.keys
        .iter()
        .map(|(ctx, a)| {
            (
                ctx.as_str(),
                a.iter().map(|(n, k)| (n.as_str(), k.as_slice())).collect(),
            )
        })
        .collect()
}

#[test]
fn default_file_parses_to_exactly_the_defaults() {
    use kanbao::input::keymap::{DEFAULT_BINDINGS, Keymap};
    let text = config::default_file::default_file();
    let (c, errors) = config::parse(&text, "default.toml");
    assert!(errors.is_empty(), "{errors:?}\n{text}");
    assert_eq!(c.reader, config::Reader::default());
    assert_eq!(c.theme, config::Theme::default());
    let mut map = Keymap::default();
    assert!(map.apply_overrides(keys_of(&c)).is_empty());
    assert_eq!(
        map,
        Keymap::default(),
        "the same bindings in the same order"
    );
    // Every binding and every action appears, each action with its
    // description as a comment.
    for (ctx, key, action) in DEFAULT_BINDINGS {
        assert!(
            c.keys[*ctx][*action].iter().any(|k| k == key),
            "{ctx} {key} {action}"
        );
        let desc = kanbao::action::Action::from_name(action)
            .expect("action")
            .description();
        assert!(
            text.contains(&format!("# {desc}\n{action} = [")),
            "{action}"
        );
    }
    // Every reader and theme setting is present (an unknown key would be an
    // error above, a missing one would not).
    for key in [
        "measure =",
        "paragraph_spacing =",
        "fullwidth_punctuation =",
        "line_breaking =",
        "ambiguous_width =",
        "accent =",
        "hit =",
        "hit_current =",
    ] {
        assert!(text.contains(&format!("\n{key}")), "{key}");
    }
}

#[test]
fn flag_parses_1_2_and_auto() {
    assert_eq!(
        "2".parse::<AmbiguousSetting>(),
        Ok(AmbiguousSetting::Fixed(AmbiguousWidth::Wide))
    );
    assert_eq!(
        "auto".parse::<AmbiguousSetting>(),
        Ok(AmbiguousSetting::Auto)
    );
    assert!("3".parse::<AmbiguousSetting>().is_err());
}
